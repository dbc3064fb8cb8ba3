"""One shape for the core's bilingual messages (pluggto_desktop/text.py), and a gate that keeps it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pluggto_desktop.text import EN, PT, Text, placeholders, plural

CORE = Path(__file__).resolve().parents[2] / "pluggto_desktop"
#: Not people's messages: the simulators answer in the remote APIs' own words, and the UI uses
#: Qt Linguist.
OUTSIDE = ("ui", "simulator")


def test_a_text_needs_both_languages_and_the_same_placeholders() -> None:
    hello = Text("Pedido {number} integrado", "Order {number} integrated")
    assert hello(PT, number="LU-1") == "Pedido LU-1 integrado" and hello(EN, number="LU-1") == "Order LU-1 integrated"
    assert hello.both(number=7) == ("Pedido 7 integrado", "Order 7 integrated")
    with pytest.raises(ValueError, match="lacks a language"):
        Text("Pedido integrado", " ")
    with pytest.raises(ValueError, match="different placeholders"):
        Text("Pedido {number} integrado", "Order integrated")
    with pytest.raises(ValueError, match="use a name"):
        Text("Pedido {} integrado", "Order {} integrated")


def test_values_are_never_read_as_templates_and_a_missing_one_shows_its_name() -> None:
    greeting = Text("Olá, {name}", "Hello, {name}")
    assert greeting(PT, name="Ana {x} }{") == "Olá, Ana {x} }{"
    assert greeting(EN) == "Hello, {name}"
    assert Text("Chaves {{literais}}", "Literal {{braces}}")(EN) == "Literal {braces}"
    assert placeholders("{n:g} h, {who!r}") == {"n", "who"}


def test_plurals_treat_only_one_as_singular_in_both_languages() -> None:
    orders = plural("{n} pedido", "{n} pedidos", "{n} order", "{n} orders")
    assert [orders(PT, n) for n in (0, 1, 2)] == ["0 pedidos", "1 pedido", "2 pedidos"]
    assert orders.both(1) == ("1 pedido", "1 order")


def _core_modules() -> list[Path]:
    return [p for p in sorted(CORE.rglob("*.py")) if p.relative_to(CORE).parts[0] not in OUTSIDE]


def _problems(path: Path) -> list[str]:
    """The other shapes: pick() calls, English written into a dict by hand (``{"en": "..."}``),
    activity lines given as literal pairs (``message_pt="..."``); and Text/plural given anything
    but string literals (an f-string would put a value into the template, where a brace in it
    breaks the message)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                literal = isinstance(value, (ast.Constant, ast.JoinedStr))
                if isinstance(key, ast.Constant) and key.value == "en" and literal:
                    found.append(f"{path.name}:{node.lineno}: a literal English text in a dict — use Text.both()")
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg in ("message_pt", "message_en") and isinstance(keyword.value, (ast.Constant, ast.JoinedStr)):
                found.append(f"{path.name}:{node.lineno}: {keyword.arg}= a literal — use Text.both()")
        if not isinstance(node.func, ast.Name):
            continue
        if node.func.id == "pick":
            found.append(f"{path.name}:{node.lineno}: pick() — use a Text")
        elif node.func.id in ("Text", "plural"):
            for arg in node.args:
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    found.append(f"{path.name}:{node.lineno}: {node.func.id}() with a non-literal argument")
    return found


def test_the_core_speaks_through_text_only() -> None:
    problems = []
    for path in _core_modules():
        name = path.relative_to(CORE).as_posix()
        if name in ("i18n.py", "text.py"):  # the mechanism itself
            continue
        problems += _problems(path)
    assert problems == []
