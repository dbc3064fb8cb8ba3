"""Build Linx ``Where`` expressions safely (docs/linx-contract.md, "Where fields").

Only the documented forms are produced::

    Field == "text"        Field == 123        Field == true
    Field >= "2026-11-26T10:00:00"             Field <= "..."     (dates, store time)
    a && b                 a || b              ( ... )

Values are always escaped (``\\`` and ``"`` get a backslash), so a value such as
``a" || 1 == 1 || "`` stays one string literal and can never change the expression. Field names
must be plain identifiers; anything else raises ``ValueError``.

Every function returns an :class:`Expr`, a ``str`` that also remembers its top-level operator, so
:func:`and_` / :func:`or_` add parentheses exactly where they are needed for a human to read the
expression without knowing operator precedence::

    >>> or_(and_(eq("A", "1"), eq("B", "x")), eq("A", "2"))
    '(A == "1" && B == "x") || A == "2"'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime

from pluggto_desktop.linx.dates import where_literal

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

_COMPARISON = "cmp"
_AND = "&&"
_OR = "||"


class Expr(str):
    """A ``Where`` expression: a plain string plus its top-level operator (``kind``)."""

    kind: str

    def __new__(cls, text: str, kind: str) -> Expr:
        obj = super().__new__(cls, text)
        obj.kind = kind
        return obj


def _field(name: str) -> str:
    if not isinstance(name, str) or not _IDENTIFIER.match(name):
        raise ValueError(f"not a valid Where field name: {name!r}")
    return name


def quote(text: str) -> str:
    """``text`` as a double-quoted literal with ``\\`` and ``"`` escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def literal(value: object) -> str:
    """A str, int, float or bool as a ``Where`` literal."""
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return repr(value)
    raise ValueError(f"unsupported Where value of type {type(value).__name__}")


def eq(field: str, value: str | int | float | bool) -> Expr:
    """``Field == value``."""
    return Expr(f"{_field(field)} == {literal(value)}", _COMPARISON)


def ge(field: str, when: datetime) -> Expr:
    """``Field >= "<store-time literal>"`` for a date field."""
    return Expr(f'{_field(field)} >= {quote(_date(when))}', _COMPARISON)


def le(field: str, when: datetime) -> Expr:
    """``Field <= "<store-time literal>"`` for a date field."""
    return Expr(f'{_field(field)} <= {quote(_date(when))}', _COMPARISON)


def _date(when: datetime) -> str:
    if not isinstance(when, datetime):
        raise ValueError(f"a datetime is required, got {type(when).__name__}")
    return where_literal(when)


def and_(*exprs: str) -> Expr:
    """All of ``exprs``; ``||`` operands (and raw strings) are put in parentheses."""
    return _join(_AND, exprs)


def or_(*exprs: str) -> Expr:
    """Any of ``exprs``; ``&&`` operands (and raw strings) are put in parentheses."""
    return _join(_OR, exprs)


def any_of(field: str, values: Iterable[str | int | float | bool]) -> Expr:
    """``Field == v1 || Field == v2 …`` (one value: just ``Field == v1``)."""
    parts = [eq(field, value) for value in values]
    if not parts:
        raise ValueError("any_of needs at least one value")
    return or_(*parts)


def _join(operator: str, exprs: tuple[str, ...]) -> Expr:
    if not exprs:
        raise ValueError(f"{operator} needs at least one expression")
    if any(not str(expr).strip() for expr in exprs):
        raise ValueError("an empty expression cannot be combined")
    if len(exprs) == 1:
        only = exprs[0]
        return only if isinstance(only, Expr) else Expr(f"({only})", _COMPARISON)
    parts = []
    for expr in exprs:
        kind = expr.kind if isinstance(expr, Expr) else None  # a raw string: keep it whole
        parts.append(expr if kind in (_COMPARISON, operator) else f"({expr})")
    return Expr(f" {operator} ".join(parts), operator)
