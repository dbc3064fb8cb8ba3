"""The Where builder (client side) and the simulator's parser must agree on every value."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pluggto_desktop.linx import where as w
from pluggto_desktop.simulator.linx_where import (
    BOOL,
    DATE,
    NUMBER,
    TEXT,
    And,
    Comparison,
    Or,
    WhereError,
    compile_where,
    equality_values,
    parse,
)
from pluggto_desktop.simulator.linx_where import parse as parse_where

SCHEMA = {"A": TEXT, "B": TEXT, "N": NUMBER, "D": DATE, "F": BOOL}


# --- builder ------------------------------------------------------------------------------------
def test_eq_quotes_and_escapes_strings() -> None:
    assert w.eq("A", "plain") == 'A == "plain"'
    assert w.eq("A", 'say "hi"') == r'A == "say \"hi\""'
    assert w.eq("A", "C:\\dir\\") == r'A == "C:\\dir\\"'


def test_eq_numbers_and_bools_are_bare() -> None:
    assert w.eq("N", 123) == "N == 123"
    assert w.eq("N", -1.5) == "N == -1.5"
    assert w.eq("F", True) == "F == true"  # bool is checked before int
    assert w.eq("F", False) == "F == false"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), None, b"bytes", ["x"]])
def test_eq_refuses_values_it_cannot_write(value: object) -> None:
    with pytest.raises(ValueError):
        w.eq("A", value)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["", "1A", "A B", "A==1", 'A"', "A.B", "A)", "Ação", None])
def test_field_names_must_be_identifiers(name: object) -> None:
    with pytest.raises(ValueError):
        w.eq(name, "x")  # type: ignore[arg-type]


def test_injection_attempt_stays_one_literal() -> None:
    evil = 'a" || 1 == 1 || "'
    expr = w.eq("A", evil)
    assert parse(expr) == Comparison("A", "==", evil)
    matches = compile_where(expr, SCHEMA)
    assert not matches({"A": "a"})
    assert not matches({"A": "anything"})
    assert matches({"A": evil})


def test_backslash_at_the_end_cannot_eat_the_closing_quote() -> None:
    expr = w.and_(w.eq("A", "x\\"), w.eq("B", '" || B == "y'))
    assert parse(expr) == And((Comparison("A", "==", "x\\"), Comparison("B", "==", '" || B == "y')))


def test_and_or_parenthesise_only_what_needs_it() -> None:
    a, b, c = w.eq("A", "1"), w.eq("B", "2"), w.eq("N", 3)
    assert w.and_(a, b) == 'A == "1" && B == "2"'
    assert w.or_(w.and_(a, b), c) == '(A == "1" && B == "2") || N == 3'
    assert w.and_(w.or_(a, b), c) == '(A == "1" || B == "2") && N == 3'
    assert w.and_(w.and_(a, b), c) == 'A == "1" && B == "2" && N == 3'
    assert w.and_(a) == a
    assert w.and_("A == \"raw\" || B == \"x\"", c) == '(A == "raw" || B == "x") && N == 3'


def test_and_or_need_expressions() -> None:
    with pytest.raises(ValueError):
        w.and_()
    with pytest.raises(ValueError):
        w.or_(w.eq("A", "1"), "  ")


def test_any_of() -> None:
    assert w.any_of("A", ["1"]) == 'A == "1"'
    assert w.any_of("A", ["1", "2"]) == 'A == "1" || A == "2"'
    assert w.and_(w.eq("B", "x"), w.any_of("A", ["1", "2"])) == 'B == "x" && (A == "1" || A == "2")'
    with pytest.raises(ValueError):
        w.any_of("A", [])


def test_date_bounds_are_written_in_store_time_without_offset() -> None:
    utc = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
    assert w.ge("D", utc) == 'D >= "2026-11-26T10:00:00"'
    assert w.le("D", utc) == 'D <= "2026-11-26T10:00:00"'
    with pytest.raises(ValueError):
        w.ge("D", "2026-11-26")  # type: ignore[arg-type]


# --- parser -------------------------------------------------------------------------------------
def test_parse_contract_example() -> None:
    text = '(OriginalOrderID == "2000001" || OriginalOrderID == "2000002") && MarketPlaceBrand == "MercadoLivre"'
    assert parse(text) == And(
        (
            Or((Comparison("OriginalOrderID", "==", "2000001"), Comparison("OriginalOrderID", "==", "2000002"))),
            Comparison("MarketPlaceBrand", "==", "MercadoLivre"),
        )
    )


def test_and_binds_tighter_than_or() -> None:
    matches = compile_where('A == "1" || A == "2" && B == "x"', SCHEMA)
    assert matches({"A": "1", "B": "other"})  # A == "1" || (A == "2" && B == "x")
    assert not matches({"A": "2", "B": "other"})


def test_empty_where_matches_everything() -> None:
    assert parse("") is None and parse("   ") is None
    assert compile_where("", SCHEMA)({})


def test_numbers_dates_and_bools_compare_by_kind() -> None:
    assert compile_where("N >= 10 && N <= 20", SCHEMA)({"N": 15})
    assert not compile_where("N >= 10 && N <= 20", SCHEMA)({"N": 21})
    store_ten = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)  # 10:00 in the store
    after = compile_where('D >= "2026-11-26T10:00:00"', SCHEMA)
    assert after({"D": store_ten})
    assert not after({"D": datetime(2026, 11, 26, 12, 59, 59, tzinfo=UTC)})
    assert compile_where('D <= "2026-11-26T10:00:00-03:00"', SCHEMA)({"D": store_ten})
    assert compile_where("F == true", SCHEMA)({"F": True})
    assert not compile_where("F == true", SCHEMA)({"F": False})


def test_missing_field_never_matches() -> None:
    assert not compile_where('A == "x"', SCHEMA)({"B": "x"})


@pytest.mark.parametrize(
    "text",
    [
        "A ==",
        'A == "unterminated',
        '(A == "1"',
        'A == "1")',
        "A = 1",
        'A == "1" B == "2"',
        '&& A == "1"',
        'A == "1" &&',
        'A == "\\n"',  # only \" and \\ are escapes
        "A == 'single'",
        "== 1",
        'A != "1"',
        "A == x",
        "()",
    ],
)
def test_malformed_expressions_raise(text: str) -> None:
    with pytest.raises(WhereError):
        parse(text)


@pytest.mark.parametrize(
    "text",
    [
        'Unknown == "x"',
        "A == 1",  # text field compared with a number
        'A >= "x"',  # text fields only have ==
        'N == "1"',
        'D >= "yesterday"',
        "D >= 5",
        'F == "true"',
        "F >= true",
    ],
)
def test_schema_rejects_wrong_fields_and_kinds(text: str) -> None:
    with pytest.raises(WhereError):
        compile_where(text, SCHEMA)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_value_round_trips_through_builder_and_parser(value: str) -> None:
    assert parse(w.eq("A", value)) == Comparison("A", "==", value)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.sampled_from(["ML", 'A"mazon', "Sh\\opee"])),
                min_size=1, max_size=8))
def test_pairs_expression_matches_exactly_the_pairs(pairs: list[tuple[str, str]]) -> None:
    expr = w.or_(*(w.and_(w.eq("A", o), w.eq("B", b)) for o, b in pairs))
    matches = compile_where(expr, SCHEMA)
    for o, b in pairs:
        assert matches({"A": o, "B": b})
    assert not matches({"A": "\x00not-there", "B": "ML"})


# --- the simulator's index narrowing must never change an answer --------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('OriginalOrderID == "a"', {"a"}),
        ('(OriginalOrderID == "a" || OriginalOrderID == "b") && MarketPlaceBrand == "X"', {"a", "b"}),
        ('(MarketPlaceBrand == "X" && (OriginalOrderID == "a" || OriginalOrderID == "b")) || '
         '(MarketPlaceBrand == "Y" && OriginalOrderID == "c")', {"a", "b", "c"}),
        ('OriginalOrderID == "a" || MarketPlaceBrand == "X"', None),  # one branch is unconstrained
        ('MarketPlaceBrand == "X"', None),
        ('OriginalOrderID == "a" && OriginalOrderID == "b"', set()),
        ("", None),
    ],
)
def test_equality_values(text: str, expected) -> None:
    assert equality_values(parse_where(text), "OriginalOrderID") == expected
