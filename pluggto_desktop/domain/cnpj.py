"""CNPJ in both formats: the classic numeric one and the alphanumeric one issued since July 2026.

Stable public API (docs/interfaces.md): :func:`normalize`, :func:`is_valid`, :func:`format`.
None of them raises, whatever the input (``None`` and non-strings included).

Rule (docs/business-rules.md §6): 12 base characters ``0-9``/``A-Z`` then 2 numeric check digits.
A base character is worth its ASCII code minus 48, so digits keep their value and ``A`` is 17.
"""

from __future__ import annotations

from typing import Any

_SEPARATORS = str.maketrans("", "", "./- \t\r\n")
_WEIGHTS_DV1 = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_WEIGHTS_DV2 = (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_BASE_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGITS = frozenset("0123456789")


def normalize(text: Any) -> str:
    """Strip the mask (``.``, ``/``, ``-``, spaces) and upper-case; anything else is kept.

    ``normalize("12.abc.345/01de-35") == "12ABC34501DE35"``. Non-strings give ``""``
    (an int is read as its digits, since JSON sometimes carries CNPJs as numbers, but the
    leading zeros it lost are restored to 14 digits).
    """
    if isinstance(text, bool) or text is None:
        return ""
    if isinstance(text, int):
        return str(text).zfill(14) if text >= 0 else ""
    if not isinstance(text, str):
        return ""
    return text.translate(_SEPARATORS).upper()


def _value(char: str) -> int:
    return ord(char) - 48


def check_digits(base12: str) -> str:
    """The two check digits of a 12-character base (already normalised and valid in shape)."""
    values = [_value(c) for c in base12]
    dv1 = _digit(sum(v * w for v, w in zip(values, _WEIGHTS_DV1)))
    dv2 = _digit(sum(v * w for v, w in zip(values + [dv1], _WEIGHTS_DV2)))
    return f"{dv1}{dv2}"


def _digit(total: int) -> int:
    remainder = total % 11
    return 0 if remainder < 2 else 11 - remainder


def is_valid(text: Any) -> bool:
    """True for a valid numeric or alphanumeric CNPJ, masked or bare. Never raises."""
    return describe_problem(text) is None


def format(text: Any) -> str:  # the documented public name
    """Apply the mask ``AA.AAA.AAA/AAAA-DD`` to a 14-character CNPJ.

    Input that is not 14 characters after normalising is returned normalised, unmasked, so a
    caller can still show what was typed. Validity is not required (the UI masks while typing).
    """
    value = normalize(text)
    if len(value) != 14:
        return value
    return f"{value[:2]}.{value[2:5]}.{value[5:8]}/{value[8:12]}-{value[12:]}"


def describe_problem(text: Any) -> str | None:
    """A machine code saying why ``text`` is not a valid CNPJ, or None when it is valid.

    Codes: ``empty``, ``length`` (not 14 characters), ``characters`` (a character outside
    ``0-9A-Z`` in the base or a letter in the check digits), ``repeated`` (14 identical
    characters), ``check_digits``. The UI turns them into words in the user's language.
    """
    value = normalize(text)
    if not value:
        return "empty"
    if len(value) != 14:
        return "length"
    if not set(value[:12]) <= _BASE_CHARS or not set(value[12:]) <= _DIGITS:
        return "characters"
    if len(set(value)) == 1:  # all zeros, or any 14 identical characters
        return "repeated"
    if check_digits(value[:12]) != value[12:]:
        return "check_digits"
    return None


def is_alphanumeric(text: Any) -> bool:
    """True when the (normalised) CNPJ has a letter in its base: the new format."""
    return any(c.isalpha() for c in normalize(text)[:12])

