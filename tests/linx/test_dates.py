"""Linx dates: WCF and ISO-8601 in, aware datetimes out; never an exception on garbage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from pluggto_desktop.linx.dates import STORE_TZ, parse_date, to_iso, to_wcf, where_literal

UTC = UTC
BRT = timezone(timedelta(hours=-3))
INSTANT = datetime(2024, 7, 15, 13, 2, 11, tzinfo=UTC)  # 1721048531000 ms


def test_store_timezone_is_utc_minus_3() -> None:
    assert STORE_TZ.utcoffset(None) == timedelta(hours=-3)


def test_wcf_with_offset_keeps_the_instant_and_shows_the_offset() -> None:
    parsed = parse_date("/Date(1721048531000-0300)/")
    assert parsed == INSTANT
    assert parsed.utcoffset() == timedelta(hours=-3)
    assert parsed.hour == 10  # local time of the writer


def test_wcf_without_offset_is_utc() -> None:
    parsed = parse_date("/Date(1721048531000)/")
    assert parsed == INSTANT and parsed.utcoffset() == timedelta(0)


def test_wcf_variants() -> None:
    assert parse_date("/Date(1721048531000+0530)/") == INSTANT
    assert parse_date("\\/Date(1721048531000-0300)\\/") == INSTANT  # escaped form left in text
    assert parse_date("/Date(-86400000)/") == datetime(1969, 12, 31, tzinfo=UTC)  # negative epoch
    assert parse_date("/Date(0-0300)/") == datetime(1970, 1, 1, tzinfo=UTC)
    assert parse_date("/Date(1721048531123)/").microsecond == 123000


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-07-15T13:02:11Z", INSTANT),
        ("2024-07-15T10:02:11-03:00", INSTANT),
        ("2024-07-15T13:02:11+00:00", INSTANT),
        ("2024-07-15T10:02:11", INSTANT),  # naive = store time
        ("2024-07-15T10:02:11.000", INSTANT),
        ("2024-07-15 10:02:11", INSTANT),
        ("  2024-07-15T10:02:11  ", INSTANT),
        ("2024-07-15", datetime(2024, 7, 15, 3, 0, tzinfo=UTC)),  # midnight in the store
    ],
)
def test_iso_variants(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed.tzinfo is not None


def test_naive_iso_is_labelled_store_time() -> None:
    assert parse_date("2024-07-15T10:02:11").utcoffset() == timedelta(hours=-3)


@pytest.mark.parametrize(
    "value",
    [
        None, "", "   ", "garbage", "/Date()/", "/Date(abc)/", "/Date(123-03)/", "/Date(123-9999)/",
        "/Date(99999999999999999999999)/", "2024-13-45", "2024-07-15T25:00:00", "15/07/2024",
        "Date(1721048531000)", 1721048531000, 12.5, True, [], {}, b"2024-07-15",
    ],
)
def test_garbage_gives_none(value: object) -> None:
    assert parse_date(value) is None


def test_datetime_and_date_values_are_accepted() -> None:
    assert parse_date(INSTANT) is INSTANT
    assert parse_date(datetime(2024, 7, 15, 10, 2, 11)) == INSTANT  # naive = store time
    assert parse_date(date(2024, 7, 15)) == datetime(2024, 7, 15, tzinfo=BRT)


def test_to_iso_for_requests() -> None:
    assert to_iso(INSTANT) == "2024-07-15T13:02:11+00:00"
    assert to_iso(INSTANT.astimezone(BRT)) == "2024-07-15T10:02:11-03:00"
    assert to_iso(datetime(2024, 7, 15, 10, 2, 11)) == "2024-07-15T10:02:11-03:00"
    assert parse_date(to_iso(INSTANT)) == INSTANT


def test_where_literal_is_store_time_without_offset() -> None:
    assert where_literal(datetime(2026, 11, 26, 13, 0, tzinfo=UTC)) == "2026-11-26T10:00:00"
    assert where_literal(datetime(2026, 11, 26, 10, 0)) == "2026-11-26T10:00:00"  # naive = store
    assert where_literal(datetime(2026, 11, 26, 2, 0, tzinfo=UTC)) == "2026-11-25T23:00:00"  # day before


def test_to_wcf_round_trips() -> None:
    assert to_wcf(INSTANT) == "/Date(1721048531000-0300)/"
    assert parse_date(to_wcf(INSTANT)) == INSTANT
    old = datetime(1960, 1, 1, tzinfo=UTC)
    assert parse_date(to_wcf(old)) == old
