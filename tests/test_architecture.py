"""The shape of the code base: only ``ui/`` may touch Qt."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pluggto_desktop"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "qasync", "shiboken6")


def core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts]


def test_no_core_module_imports_qt() -> None:
    offenders = []
    for path in core_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in QT_MODULES for n in names):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = sorted(
        "pluggto_desktop." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts).replace(".__init__", "")
        for p in core_modules()
        if p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name.rstrip('.'))\n"
        f"loaded = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=PACKAGE.parent, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# --- Layers: which part of the core may import which ------------------------------------------


def _imports_of(path: Path) -> set[str]:
    """Every ``pluggto_desktop`` module ``path`` imports, inside functions too (a late import
    still ties the two modules together)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pluggto_desktop"):
            if node.module == "pluggto_desktop":
                found.update(f"pluggto_desktop.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("pluggto_desktop"))
    return found


def _unit(module: str) -> str:
    """The part of the core a module belongs to: ``pluggto_desktop.settings.model`` → ``settings``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _unit_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in core_modules():
        rel = path.relative_to(PACKAGE)
        me = rel.parts[0].removesuffix(".py")
        targets = {_unit(name) for name in _imports_of(path)} - {me, ""}
        graph.setdefault(me, set()).update(targets)
    return graph


#: Cycles known and not yet broken, each with why. The list only shrinks.
KNOWN_CYCLES = [
    # settings asks engine/listener.py for the listener token's rules (new_token, is_valid_token);
    # they belong below both, which is for whoever reshapes engine/ (issue 13)
    {"engine", "settings"},
]


def test_the_parts_of_the_core_import_each_other_in_one_direction_only() -> None:
    """A module (``net.py``) or package (``settings/``) that imports another which imports it
    back is one tangle: neither can be read, tested or changed alone. ``net.py`` and
    ``settings.py`` once did; the rules both needed now live below them (``network_rules.py``)."""
    graph = _unit_graph()

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            unit = todo.pop()
            if unit == goal:
                return True
            if unit not in seen:
                seen.add(unit)
                todo.extend(graph.get(unit, ()))
        return False

    cycles = {frozenset((a, b)) for a in graph for b in graph[a] if a != b and reaches(b, a)}
    assert sorted(sorted(c) for c in cycles if set(c) not in KNOWN_CYCLES) == []


def test_the_http_plumbing_does_not_load_the_settings() -> None:
    """``net`` and the remote clients sit below the settings: importing them loads no settings."""
    code = ("import sys, pluggto_desktop.net, pluggto_desktop.linx.client, pluggto_desktop.pluggto\n"
            "sys.exit(1 if any(m.startswith('pluggto_desktop.settings') for m in sys.modules) else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=PACKAGE.parent, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# --- Size: a module says what it holds, and a long one says why it is long -----------------------

MAX_LINES = 500


def test_a_long_module_says_at_its_top_why_it_is_long() -> None:
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= MAX_LINES:
            continue
        if "Why this module is long" not in (ast.get_docstring(ast.parse(text)) or ""):
            unexplained.append(f"{name}: {text.count(chr(10))} lines")
    assert unexplained == []


# --- Docs: code points to the repository's own documents ------------------------------------------

#: The design notes the code grew from; the repository has its own versions under docs/.
OUTSIDE_NOTES = ("business-rules", "pluggto-api", "interfaces", "linx-contract", "ux-and-code-anchors")


def test_code_cites_the_repository_docs_not_the_notes_outside_it() -> None:
    """A reader of the code has the repository: a comment citing the business rules means
    docs/business-rules.md, and that file exists."""
    root = PACKAGE.parent
    bare = re.compile(r"(?<![\w/.\"-])(" + "|".join(OUTSIDE_NOTES) + r")\.md")
    in_docs = re.compile(r"(?<![\w.-])docs/([\w-]+\.md)")
    problems = []
    for folder in ("pluggto_desktop", "tests", "scripts", "bench"):
        for path in sorted((root / folder).rglob("*.py")):
            if path == Path(__file__).resolve():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                problems += [f"{path.relative_to(root)}:{number}: {m}.md" for m in bare.findall(line)]
                problems += [f"{path.relative_to(root)}:{number}: docs/{m} is missing"
                             for m in in_docs.findall(line) if not (root / "docs" / m).exists()
                             and "pluggto-php" not in line]
    assert problems == []
