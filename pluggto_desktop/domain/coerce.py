"""Coercers for Plug.to's loosely typed JSON: each takes whatever JSON gave and returns a clean
value, never raising.

Numbers arrive as numbers *or* strings (``"10.50"``, ``"3"``, ``""``), optional fields are missing
or ``null``, dates come as ISO text or epoch numbers (docs/pluggto-contract.md). The order and
product parsers (``pluggto_order.py``, ``pluggto_product.py``) read every field through these.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from typing import Any

_ASCII_DIGITS = frozenset("0123456789")


def to_float(value: Any, default: float = 0.0) -> float:
    """A number from a JSON number or numeric string; ``default`` for anything unusable.

    Accepts ``"10.50"``, ``" 3 "``, Brazilian-style ``"10,50"`` / ``"1.234,56"`` (some channels
    format money for people) and ``"1,234.56"``: whichever separator comes last is the decimal
    one. Booleans, NaN and infinities are not money: ``default``.
    """
    if isinstance(value, bool) or value is None:
        return default
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        parsed = _parse_number_text(value)
        if parsed is None:
            return default
        number = parsed
    else:
        return default
    return number if math.isfinite(number) else default


def _parse_number_text(text: str) -> float | None:
    text = text.strip().replace(" ", "")
    if not text:
        return None
    if "," in text and text.rfind(",") > text.rfind("."):
        # Brazilian style ("1.234,56", "10,50"): the comma is the decimal separator.
        text = text.replace(".", "").replace(",", ".")
    else:
        # JSON/US style ("1,234.56"): commas only group thousands.
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def to_float_or_none(value: Any) -> float | None:
    """:func:`to_float`, but None where there is no number (absent, empty, not a number)."""
    number = to_float(value, default=math.nan)
    return None if math.isnan(number) else number


def to_int(value: Any, default: int = 0) -> int:
    """An integer from a number or numeric string (``"3"``, ``"3.0"``, ``3.0``), rounded."""
    number = to_float(value, default=math.nan)
    if math.isnan(number):
        return default
    return math.floor(number + 0.5)


def to_str_or_none(value: Any) -> str | None:
    """A stripped string, or None for ``None``/empty text/containers.

    Numbers become text (``1234567`` → ``"1234567"``, ``12.0`` → ``"12"``) because Plug.to sends
    ids and codes as numbers at times.
    """
    if value is None or isinstance(value, (dict, list, tuple, set)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        text = str(int(value)) if value.is_integer() else repr(value)
    else:
        text = str(value)
    text = text.strip()
    return text or None


_TRUE_WORDS = frozenset({"true", "1", "yes", "y", "sim", "s", "on"})
_FALSE_WORDS = frozenset({"false", "0", "no", "n", "nao", "não", "off", ""})


def to_bool(value: Any, default: bool = False) -> bool:
    """A boolean from ``true``/``"true"``/``1``/``"sim"``…; ``default`` when it cannot tell."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    return default


def digits(value: Any) -> str:
    """Only the ASCII digits of ``value`` (``"(11) 99112-2111"`` → ``"11991122111"``)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    return "".join(c for c in str(value) if c in _ASCII_DIGITS)


_DATE_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# Epoch values above this are milliseconds (1e11 seconds is the year 5138).
_EPOCH_MILLIS_THRESHOLD = 1e11


def parse_datetime(value: Any) -> datetime | None:
    """An aware UTC datetime, or None. Never raises.

    Accepts ISO-8601 with ``Z``, an offset or milliseconds (``2024-07-15T13:02:11.000Z``), a bare
    date (``2024-07-15`` → midnight UTC), epoch seconds or milliseconds (number or numeric string)
    and :class:`datetime` objects. A datetime without an offset is taken as UTC, which is what
    Plug.to uses.
    """
    try:
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, datetime):
            return _as_utc(value)
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day, tzinfo=UTC)
        if isinstance(value, (int, float)):
            return _from_epoch(float(value))
        if not isinstance(value, str):
            return None
        text = value.strip()
        if not text:
            return None
        if re.fullmatch(r"\d+(\.\d+)?", text):
            return _from_epoch(float(text))
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        return _as_utc(datetime.fromisoformat(text))
    except (ValueError, OverflowError, OSError, TypeError):
        return None


def format_datetime(value: datetime) -> str:
    """UTC ISO-8601 with milliseconds and ``Z`` (``2024-07-15T18:07:07.000Z``), as Plug.to takes dates."""
    if value.tzinfo is None:
        raise ValueError("Plug.to dates must be timezone-aware datetimes")
    utc = value.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def to_timestamp(value: Any) -> float | None:
    """Unix time of a date/datetime value (ISO text and the forms of :func:`parse_datetime`)."""
    moment = parse_datetime(value)
    return moment.timestamp() if moment is not None else None


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _from_epoch(seconds: float) -> datetime | None:
    if not math.isfinite(seconds):
        return None
    if seconds > _EPOCH_MILLIS_THRESHOLD:
        seconds /= 1000.0
    return datetime.fromtimestamp(seconds, tz=UTC)


def parse_date(value: Any) -> date | None:
    """A calendar date, or None. Never raises.

    Used for estimated/expected delivery dates. When the text starts with ``YYYY-MM-DD`` that day is
    kept as written (converting ``2024-07-22T23:00:00-03:00`` to UTC would move it to the 23rd).
    """
    if isinstance(value, str):
        match = _DATE_PREFIX.match(value)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    moment = parse_datetime(value)
    return moment.date() if moment else None


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_dicts(value: Any) -> list[dict[str, Any]]:
    """The dict entries of a JSON list (anything else in the list, or a non-list, is dropped)."""
    if not isinstance(value, list):
        return []
    return [entry for entry in value if isinstance(entry, dict)]


def document_text(value: Any, width: int) -> str | None:
    """A CPF/CNPJ field as text. A JSON number lost its leading zeros, so they are restored."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value).zfill(width)
    return to_str_or_none(value)


def unwrap(data: Any, key: str) -> Any:
    """``{"Order": {...}}`` → ``{...}``; a bare dict is returned as is."""
    if isinstance(data, dict) and isinstance(data.get(key), dict):
        return data[key]
    return data
