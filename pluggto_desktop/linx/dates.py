"""Dates as Linx Commerce writes and reads them (docs/linx-contract.md, "Values" and "Operations").

Linx answers with either of two forms, sometimes both in one order:

* WCF: ``"/Date(1721048531000-0300)/"`` — milliseconds since the Unix epoch (UTC, may be
  negative), optionally followed by the offset the date was *displayed* in. The offset does not
  move the instant; it only says which local time the writer meant.
* ISO-8601: ``"2024-07-15T10:22:11-03:00"``, ``"...Z"``, or with no offset at all. A date without
  an offset is the store's local time (UTC−03:00, ``contract.STORE_UTC_OFFSET_HOURS``).

:func:`parse_date` turns either into an aware ``datetime`` and never raises: garbage gives
``None``. Requests use ISO-8601 (:func:`to_iso`); ``Where`` literals use store time without an
offset (:func:`where_literal`). :func:`to_wcf` exists for the simulator.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from pluggto_desktop.linx import contract

#: The store's fixed offset. Brazil has had no daylight saving time since 2019.
STORE_TZ = timezone(timedelta(hours=contract.STORE_UTC_OFFSET_HOURS))

# "/Date(1721048531000-0300)/"; JSON writers sometimes keep the escaped form "\/Date(...)\/".
_WCF = re.compile(r"^\\?/Date\((?P<ms>-?\d+)(?P<offset>[+-]\d{4})?\)\\?/$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def parse_date(value: object) -> datetime | None:
    """An aware ``datetime`` from a WCF or ISO-8601 date, or ``None`` when it is not a date.

    ``datetime`` values are accepted too (a naive one is taken as store time); anything else —
    numbers, ``None``, malformed text, dates out of range — gives ``None``.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=STORE_TZ)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=STORE_TZ)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    match = _WCF.match(text)
    if match:
        return _parse_wcf(match)
    return _parse_iso(text)


def _parse_wcf(match: re.Match[str]) -> datetime | None:
    tz = UTC
    offset = match.group("offset")
    try:
        if offset:
            sign = -1 if offset[0] == "-" else 1
            hours, minutes = int(offset[1:3]), int(offset[3:5])
            if hours > 23 or minutes > 59:
                return None
            tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
        # Adding a timedelta to the epoch handles negative values on every platform, unlike
        # datetime.fromtimestamp (which refuses them on Windows).
        instant = _EPOCH + timedelta(milliseconds=int(match.group("ms")))
        return instant.astimezone(tz)
    except (OverflowError, ValueError):
        return None


def _parse_iso(text: str) -> datetime | None:
    try:
        # Python 3.11's fromisoformat reads "Z", offsets, fractions and date-only forms.
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=STORE_TZ)
    return parsed


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=STORE_TZ)


def to_iso(dt: datetime) -> str:
    """ISO-8601 with its offset, to the second, for request bodies (naive = store time)."""
    return _aware(dt).isoformat(timespec="seconds")


def where_literal(dt: datetime) -> str:
    """The date as written in a ``Where`` literal: store time, no offset (``2026-11-26T10:00:00``)."""
    return _aware(dt).astimezone(STORE_TZ).strftime("%Y-%m-%dT%H:%M:%S")


def to_wcf(dt: datetime) -> str:
    """``/Date(<ms>-0300)/``: the WCF form, displayed in store time (naive = store time)."""
    aware = _aware(dt)
    ms = (aware - _EPOCH) // timedelta(milliseconds=1)
    minutes = contract.STORE_UTC_OFFSET_HOURS * 60
    sign = "-" if minutes < 0 else "+"
    return f"/Date({ms}{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d})/"
