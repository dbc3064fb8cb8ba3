"""A CNPJ as a person typing it sees it: which state the field is in (valid, incomplete, too
long, a wrong check digit…) and the mark beside it. The rule itself is ``domain/cnpj.py``'s;
the views only put each state into words.

The states refine :func:`cnpj.describe_problem`'s codes where a person needs more: ``length``
becomes *incomplete* or *too long*, a valid CNPJ says whether it is the new alphanumeric format,
and an empty field is neutral when it is optional.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pluggto_desktop.domain.cnpj import (  # the views read the vocabulary from here
    describe_problem,
    format,
    is_alphanumeric,
    is_valid,
    normalize,
)

#: A CNPJ has this many characters once its mask is dropped.
LENGTH = 14

VALID = "valid"
VALID_ALPHANUMERIC = "valid_alphanumeric"
OPTIONAL_EMPTY = "optional_empty"
EMPTY = "empty"
INCOMPLETE = "incomplete"
TOO_LONG = "too_long"
CHARACTERS = "characters"
REPEATED = "repeated"
CHECK_DIGITS = "check_digits"

#: the mark beside the field: a valid CNPJ, a neutral (empty, optional) field, anything else
OK, NEUTRAL, BAD = "ok", "neutral", "bad"


@dataclass(frozen=True)
class FieldState:
    """What a CNPJ field holds, for a person."""

    state: str  # one of the constants above
    length: int  # characters typed, the mask dropped (the words for INCOMPLETE and TOO_LONG say it)

    @property
    def valid(self) -> bool:
        return self.state in (VALID, VALID_ALPHANUMERIC)

    @property
    def acceptable(self) -> bool:
        """Valid, or empty where the CNPJ is optional."""
        return self.valid or self.state == OPTIONAL_EMPTY

    @property
    def mark(self) -> str:
        return OK if self.valid else NEUTRAL if self.state == OPTIONAL_EMPTY else BAD


def field_state(text: Any, *, optional: bool) -> FieldState:
    """The state of a CNPJ field holding ``text`` (masked or bare, any case)."""
    value = normalize(text)
    code = describe_problem(value)
    if code is None:
        state = VALID_ALPHANUMERIC if is_alphanumeric(value) else VALID
    elif code == "empty":
        state = OPTIONAL_EMPTY if optional else EMPTY
    elif code == "length":
        state = INCOMPLETE if len(value) < LENGTH else TOO_LONG
    else:
        state = code  # characters, repeated, check_digits: the domain's own words for them
    return FieldState(state, len(value))


__all__ = [
    "BAD",
    "CHARACTERS",
    "CHECK_DIGITS",
    "EMPTY",
    "INCOMPLETE",
    "LENGTH",
    "NEUTRAL",
    "OK",
    "OPTIONAL_EMPTY",
    "REPEATED",
    "TOO_LONG",
    "VALID",
    "VALID_ALPHANUMERIC",
    "FieldState",
    "field_state",
    "format",
    "is_alphanumeric",
    "is_valid",
    "normalize",
]
