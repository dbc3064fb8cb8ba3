"""Refresh the pt-BR translation: lupdate → fill from the catalogues → lrelease.

    uv run python scripts/translations.py           # update .ts, fill, compile .qm
    uv run python scripts/translations.py --check   # exit 1 if any UI string lacks pt-BR

``resources/translations/pluggto_desktop_pt_BR.ts`` is a normal Qt Linguist file (translators may
edit it with ``pyside6-linguist``); the JSON catalogues in ``resources/translations/catalog/`` are
the authoring aid from which unfinished entries are filled (see the README there).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "pluggto_desktop" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "pluggto_desktop_pt_BR.ts"
QM = TRANSLATIONS / "pluggto_desktop_pt_BR.qm"
CATALOGS = TRANSLATIONS / "catalog"


def tool(name: str) -> str:
    """A PySide6 tool next to this interpreter, or on PATH."""
    candidate = Path(sys.executable).with_name(name)
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install the project's dependencies (uv sync)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))


def load_catalog() -> dict[str, str | list[str]]:
    catalog: dict[str, str | list[str]] = {}
    for path in sorted(CATALOGS.glob("*.json")):
        catalog.update(json.loads(path.read_text(encoding="utf-8")))
    return catalog


def fill(tree: ET.ElementTree, catalog: dict[str, str | list[str]]) -> tuple[int, list[str]]:
    """Fill unfinished messages from the catalogue; returns (filled, still missing sources)."""
    filled, missing = 0, []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation", type="unfinished")
        if translation.get("type") != "unfinished":  # finished, obsolete or vanished: left alone
            continue
        wanted = catalog.get(source)
        if wanted is None:
            missing.append(source)
            continue
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            forms = wanted if isinstance(wanted, list) else [wanted, wanted]
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = wanted if isinstance(wanted, str) else wanted[-1]
        del translation.attrib["type"]
        filled += 1
    return filled, missing


def unfinished(tree: ET.ElementTree) -> list[str]:
    return [m.findtext("source") or "" for m in tree.getroot().iter("message")
            if (m.find("translation") is None or m.find("translation").get("type") == "unfinished")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report untranslated strings")
    args = parser.parse_args()
    if args.check:
        missing = unfinished(ET.parse(TS))
        for source in missing:
            print(f"untranslated: {source!r}")
        return 1 if missing else 0
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-ts", str(TS)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    tree = ET.parse(TS)
    filled, missing = fill(tree, load_catalog())
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"filled {filled} entries; {len(missing)} still untranslated")
    for source in missing:
        print(f"  missing: {source!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
