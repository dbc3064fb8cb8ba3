"""Parse and evaluate the Linx ``Where`` expressions of docs/linx-contract.md, "Where fields" — and nothing more.

Grammar (a small recursive-descent parser; ``&&`` binds tighter than ``||``)::

    expression  := and_expr ( "||" and_expr )*
    and_expr    := primary ( "&&" primary )*
    primary     := "(" expression ")" | comparison
    comparison  := FIELD ( "==" | ">=" | "<=" ) literal
    literal     := STRING | NUMBER | "true" | "false"

    FIELD   = [A-Za-z_][A-Za-z0-9_]*
    STRING  = '"' … '"'  where \\" and \\\\ are the only escapes
    NUMBER  = -?digits(.digits)?

An empty expression matches everything. :func:`compile_where` also checks the expression against
a *schema* (field name → kind), the way a real store refuses unknown fields or a date compared
with a number:

* ``text``: ``==`` with a string;      * ``number``: ``==``, ``>=``, ``<=`` with a number;
* ``date``: ``==``, ``>=``, ``<=`` with a date string (no offset = store time, UTC−03:00);
* ``bool``: ``==`` with ``true`` / ``false``;
* ``guid``: ``==`` with a string that is a GUID (``OrderID``, ``OriginalOrderID`` are ``Guid?`` in
  the real store, whose query layer cannot compare one with ``"2000001"``); compared normalised.

Every problem raises :class:`WhereError`, which the simulator answers as ``IsValid: false``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pluggto_desktop.linx.contract import parse_guid
from pluggto_desktop.linx.dates import parse_date

TEXT, NUMBER, DATE, BOOL, GUID = "text", "number", "date", "bool", "guid"
Schema = Mapping[str, str]
Literal = str | int | float | bool


class WhereError(ValueError):
    """The expression is malformed or does not fit the schema."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message if position is None else f"{message} (at character {position})")
        self.position = position


# --- Syntax tree ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Comparison:
    field: str
    op: str  # "==", ">=" or "<="
    value: Literal


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


Node = Comparison | And | Or


# --- Tokens -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Token:
    kind: str  # "op", "(", ")", "&&", "||", "string", "number", "name", "end"
    value: Any
    position: int


_SYMBOLS = {"==": "op", ">=": "op", "<=": "op", "&&": "&&", "||": "||"}
_DIGITS = frozenset("0123456789")
_NAME_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_NAME_CHARS = _NAME_START | _DIGITS


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(Token(ch, ch, i))
            i += 1
        elif text[i : i + 2] in _SYMBOLS:
            tokens.append(Token(_SYMBOLS[text[i : i + 2]], text[i : i + 2], i))
            i += 2
        elif ch == '"':
            value, end = _read_string(text, i)
            tokens.append(Token("string", value, i))
            i = end
        elif ch in _DIGITS or (ch == "-" and text[i + 1 : i + 2] in _DIGITS):
            number, end = _read_number(text, i)
            tokens.append(Token("number", number, i))
            i = end
        elif ch in _NAME_START:
            end = i + 1
            while end < len(text) and text[end] in _NAME_CHARS:
                end += 1
            tokens.append(Token("name", text[i:end], i))
            i = end
        else:
            raise WhereError(f"unexpected character {ch!r}", i)
    tokens.append(Token("end", None, len(text)))
    return tokens


def _read_string(text: str, start: int) -> tuple[str, int]:
    """Read ``"…"`` from ``start`` (the opening quote); return the value and the next index."""
    chars: list[str] = []
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == '"':
            return "".join(chars), i + 1
        if ch == "\\":
            escaped = text[i + 1 : i + 2]
            if escaped not in ('"', "\\"):
                raise WhereError("only \\\" and \\\\ may be escaped in a string", i)
            chars.append(escaped)
            i += 2
        else:
            chars.append(ch)
            i += 1
    raise WhereError("unterminated string", start)


def _read_number(text: str, start: int) -> tuple[int | float, int]:
    i = start + 1
    while i < len(text) and text[i] in _DIGITS:
        i += 1
    if text[i : i + 1] == "." and text[i + 1 : i + 2] in _DIGITS:
        i += 1
        while i < len(text) and text[i] in _DIGITS:
            i += 1
        return float(text[start:i]), i
    return int(text[start:i]), i


# --- Parser -------------------------------------------------------------------------------------
class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0

    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self, kind: str, what: str) -> Token:
        token = self.peek()
        if token.kind != kind:
            found = "the end" if token.kind == "end" else repr(token.value)
            raise WhereError(f"expected {what}, found {found}", token.position)
        self.index += 1
        return token

    def expression(self) -> Node:
        parts = [self.and_expr()]
        while self.peek().kind == "||":
            self.index += 1
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_expr(self) -> Node:
        parts = [self.primary()]
        while self.peek().kind == "&&":
            self.index += 1
            parts.append(self.primary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def primary(self) -> Node:
        if self.peek().kind == "(":
            self.index += 1
            node = self.expression()
            self.take(")", "')'")
            return node
        return self.comparison()

    def comparison(self) -> Comparison:
        field = self.take("name", "a field name").value
        op = self.take("op", "==, >= or <=").value
        return Comparison(field, op, self.literal())

    def literal(self) -> Literal:
        token = self.peek()
        if token.kind in ("string", "number"):
            self.index += 1
            return token.value
        if token.kind == "name" and token.value in ("true", "false"):
            self.index += 1
            return token.value == "true"
        found = "the end" if token.kind == "end" else repr(token.value)
        raise WhereError(f"expected a value, found {found}", token.position)


def parse(text: str) -> Node | None:
    """The syntax tree of ``text``; ``None`` for an empty expression (match everything)."""
    if not text or not text.strip():
        return None
    parser = _Parser(tokenize(text))
    node = parser.expression()
    parser.take("end", "the end of the expression")
    return node


# --- Checking against a schema and evaluating ---------------------------------------------------
def check(node: Node | None, schema: Schema) -> None:
    """Raise WhereError when a comparison names an unknown field or has the wrong kind of value."""
    if node is None:
        return
    if isinstance(node, (And, Or)):
        for part in node.parts:
            check(part, schema)
        return
    kind = schema.get(node.field)
    if kind is None:
        raise WhereError(f"unknown field {node.field}")
    value = node.value
    if kind == TEXT:
        ok = node.op == "==" and isinstance(value, str)
    elif kind == GUID:
        ok = node.op == "==" and parse_guid(value) is not None
    elif kind == NUMBER:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind == DATE:
        ok = isinstance(value, str) and parse_date(value) is not None
    else:  # BOOL
        ok = node.op == "==" and isinstance(value, bool)
    if not ok:
        raise WhereError(f"{node.field} is a {kind} field: {node.op} {value!r} is not allowed")


def evaluate(node: Node | None, record: Mapping[str, Any]) -> bool:
    """Whether ``record`` matches (a missing field never matches)."""
    if node is None:
        return True
    if isinstance(node, And):
        return all(evaluate(part, record) for part in node.parts)
    if isinstance(node, Or):
        return any(evaluate(part, record) for part in node.parts)
    actual = record.get(node.field)
    if actual is None:
        return False
    expected: Any = node.value
    if isinstance(actual, datetime) or (isinstance(expected, str) and node.op != "=="):
        actual, expected = parse_date(actual), parse_date(expected)
        if actual is None or expected is None:
            return False
    try:
        if node.op == "==":
            return actual == expected
        if node.op == ">=":
            return actual >= expected
        return actual <= expected
    except TypeError:  # e.g. a number compared with text: no match, as in a typed store
        return False


def equality_values(node: Node | None, field: str) -> set[Any] | None:
    """The values ``field`` must equal for a record to match, or None when unconstrained.

    Lets the simulator answer ``OriginalOrderID == "a" || OriginalOrderID == "b"`` from an index
    instead of scanning every order, as a real store's database would. ``And`` narrows to the
    intersection of its constrained parts; ``Or`` is constrained only if every branch is.
    """
    if node is None:
        return None
    if isinstance(node, Comparison):
        return {node.value} if node.field == field and node.op == "==" else None
    constrained = [v for v in (equality_values(part, field) for part in node.parts) if v is not None]
    if isinstance(node, And):
        return set.intersection(*constrained) if constrained else None
    if len(constrained) < len(node.parts):
        return None
    return set().union(*constrained)


def normalize_guids(node: Node | None, schema: Schema) -> Node | None:
    """The tree with every GUID literal in its canonical form (lower case, dashes), so it equals
    the records' canonical GUIDs whatever form the client wrote."""
    if node is None:
        return None
    if isinstance(node, (And, Or)):
        return type(node)(tuple(normalize_guids(part, schema) for part in node.parts))  # type: ignore[misc]
    if schema.get(node.field) == GUID:
        return Comparison(node.field, node.op, parse_guid(node.value) or node.value)
    return node


def compile_where(text: str, schema: Schema) -> Callable[[Mapping[str, Any]], bool]:
    """Parse and check ``text`` once; return a predicate over records."""
    node = parse(text)
    check(node, schema)
    node = normalize_guids(node, schema)
    return lambda record: evaluate(node, record)
