"""Intermediary CNPJ resolution (docs/business-rules.md §6): order, table, channel, else attention."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pluggto_desktop.domain import cnpj, reasons
from pluggto_desktop.domain.intermediary import (
    IntermediaryDecision,
    marketplace_key,
    resolve_intermediary,
)
from pluggto_desktop.domain.models import parse_order
from pluggto_desktop.i18n import EN, PT
from tests.domain.builders import (
    ALNUM_CNPJ,
    AMAZON,
    INVALID_CNPJ,
    MERCADO_LIVRE,
    VALID_PAYMENT_CNPJ,
    order_dict,
)

ML_CNPJ = MERCADO_LIVRE.cnpj  # 03007331000141
TABLE = {"Mercado Livre": "03.007.331/0001-41", "Amazon": AMAZON.cnpj}


def resolve(order_fields: dict | None = None, *, table: dict | None = None,
            fallback: str | None = None, without: bool = False) -> IntermediaryDecision:
    order = parse_order(order_dict(**(order_fields or {})))
    return resolve_intermediary(order, marketplace_table=table, fallback_cnpj=fallback,
                                integrate_without=without)


# --- The four branches ------------------------------------------------------------------------


def test_valid_order_value_wins_over_settings() -> None:
    decision = resolve({"sale_intermediary": "03.007.331/0001-41"},
                       table={"MercadoLivre": AMAZON.cnpj}, fallback=ALNUM_CNPJ)
    assert decision.cnpj == ML_CNPJ  # normalised from the masked value
    assert decision.source == "order"
    assert not decision.needs_attention and decision.reason_code is None
    assert decision.warnings == ()
    assert decision.order_value == "03.007.331/0001-41"
    assert decision.seller_id == MERCADO_LIVRE.seller_id
    assert decision.payment_intermediary == VALID_PAYMENT_CNPJ


def test_marketplace_table_when_the_order_has_none() -> None:
    decision = resolve({"sale_intermediary": None}, table=TABLE, fallback=ALNUM_CNPJ)
    assert (decision.cnpj, decision.source) == (ML_CNPJ, "marketplace_table")
    assert decision.warnings == ()
    assert not decision.needs_attention


def test_channel_fallback_when_no_table_entry() -> None:
    decision = resolve({"sale_intermediary": "", "channel": "Shopee"}, table=TABLE,
                       fallback="12.abc.345/01de-35")
    assert (decision.cnpj, decision.source) == (ALNUM_CNPJ, "channel")
    assert not decision.needs_attention


def test_attention_when_nothing_is_found() -> None:
    decision = resolve({"sale_intermediary": None}, table={}, fallback=None)
    assert decision.cnpj is None
    assert decision.source == "none"
    assert decision.needs_attention
    assert decision.reason_code == "intermediary_cnpj_missing"
    # The reason renders with the marketplace's name.
    rendered = reasons.render(decision.reason_code, decision.reason_params(), PT)
    assert "MercadoLivre" in rendered.message


def test_integrate_without_intermediary() -> None:
    decision = resolve({"sale_intermediary": None}, table=None, fallback=None, without=True)
    assert decision.cnpj is None
    assert decision.source == "none"
    assert not decision.needs_attention
    assert decision.reason_code is None


def test_integrate_without_does_not_skip_a_configured_value() -> None:
    decision = resolve({"sale_intermediary": None}, fallback=ALNUM_CNPJ, without=True)
    assert (decision.cnpj, decision.source) == (ALNUM_CNPJ, "channel")


# --- Invalid values are never passed on -------------------------------------------------------


def test_invalid_order_cnpj_falls_through_to_the_table_with_a_warning() -> None:
    decision = resolve({"sale_intermediary": INVALID_CNPJ}, table=TABLE)
    assert (decision.cnpj, decision.source) == (ML_CNPJ, "marketplace_table")
    assert decision.warnings == ("order_cnpj_invalid",)
    assert decision.order_value == INVALID_CNPJ  # kept for display only


def test_invalid_order_cnpj_falls_through_to_the_alphanumeric_fallback() -> None:
    decision = resolve({"sale_intermediary": INVALID_CNPJ}, table={}, fallback=ALNUM_CNPJ)
    assert (decision.cnpj, decision.source) == (ALNUM_CNPJ, "channel")
    assert decision.warnings == ("order_cnpj_invalid",)
    assert decision.explain(PT) == (
        "O pedido trouxe um CNPJ inválido (22.211.221/0001-21); usado o CNPJ padrão do canal "
        "12.ABC.345/01DE-35."
    )


def test_invalid_order_cnpj_and_nothing_configured_needs_attention() -> None:
    decision = resolve({"sale_intermediary": INVALID_CNPJ})
    assert decision.cnpj is None and decision.needs_attention
    assert decision.reason_code == "intermediary_cnpj_missing"
    assert decision.warnings == ("order_cnpj_invalid",)


def test_alphanumeric_cnpj_on_the_order_is_valid() -> None:
    decision = resolve({"sale_intermediary": "12.abc.345/01de-35"})
    assert (decision.cnpj, decision.source) == (ALNUM_CNPJ, "order")


def test_invalid_table_value_is_skipped_for_the_fallback() -> None:
    decision = resolve({"sale_intermediary": None}, table={"MercadoLivre": "03.007.331/0001-40"},
                       fallback=ALNUM_CNPJ)
    assert (decision.cnpj, decision.source) == (ALNUM_CNPJ, "channel")
    assert decision.warnings == ("table_cnpj_invalid",)
    assert "03.007.331/0001-40" in decision.explain(PT)


def test_a_valid_table_entry_after_an_invalid_one_for_the_same_marketplace() -> None:
    table = {"mercado livre": "123", "MercadoLivre": ML_CNPJ}
    decision = resolve({"sale_intermediary": None}, table=table)
    assert (decision.cnpj, decision.source) == (ML_CNPJ, "marketplace_table")
    assert decision.warnings == ("table_cnpj_invalid",)


def test_invalid_fallback_is_skipped() -> None:
    decision = resolve({"sale_intermediary": None}, table={}, fallback="11.111.111/1111-11")
    assert decision.cnpj is None and decision.needs_attention
    assert decision.warnings == ("fallback_cnpj_invalid",)


def test_blank_settings_are_not_warned_about() -> None:
    decision = resolve({"sale_intermediary": None}, table={"MercadoLivre": ""}, fallback="  ")
    assert decision.warnings == ()
    assert decision.needs_attention


def test_invalid_payment_intermediary_is_dropped_with_a_warning() -> None:
    decision = resolve({"payment_intermediary": "20231221000121"})
    assert decision.payment_intermediary is None
    assert decision.warnings == ("payment_intermediary_invalid",)
    assert decision.source == "order"  # it does not affect the sale intermediary


def test_masked_payment_intermediary_is_normalised() -> None:
    decision = resolve({"payment_intermediary": cnpj.format(VALID_PAYMENT_CNPJ)})
    assert decision.payment_intermediary == VALID_PAYMENT_CNPJ


# --- Loose marketplace names ------------------------------------------------------------------


@pytest.mark.parametrize(
    "table_key",
    ["MercadoLivre", "Mercado Livre", "mercado-livre", "MERCADO.LIVRE", " mercado_livre ",
     "Mércado Livre"],
)
def test_table_matches_channel_names_loosely(table_key: str) -> None:
    decision = resolve({"sale_intermediary": None, "channel": "Mercado Livre"},
                       table={table_key: ML_CNPJ})
    assert decision.source == "marketplace_table"


@pytest.mark.parametrize("table_key", ["Mercado", "Amazon", "MercadoLivreFull", ""])
def test_table_does_not_match_other_names(table_key: str) -> None:
    decision = resolve({"sale_intermediary": None, "channel": "MercadoLivre"},
                       table={table_key: ML_CNPJ})
    assert decision.source == "none"


def test_order_without_channel_skips_the_table() -> None:
    decision = resolve({"sale_intermediary": None, "channel": None}, table={"": ML_CNPJ},
                       fallback=ALNUM_CNPJ)
    assert decision.source == "channel"


def test_marketplace_key() -> None:
    assert marketplace_key("Magazine Luiza") == marketplace_key("magazine-luiza") == "magazineluiza"
    assert marketplace_key("Americanas.com") == "americanascom"
    assert marketplace_key(None) == ""


# --- Explanations -----------------------------------------------------------------------------


def test_explain_order_source_in_both_languages() -> None:
    decision = resolve()
    assert decision.explain(PT) == "CNPJ 03.007.331/0001-41 informado no pedido pelo Plug.to."
    assert decision.explain(EN) == "CNPJ 03.007.331/0001-41 sent on the order by Plug.to."


def test_explain_table_source_names_the_table_entry() -> None:
    decision = resolve({"sale_intermediary": None}, table=TABLE)
    assert decision.explain(PT) == (
        "O pedido não informou o CNPJ do intermediador; usado o CNPJ da tabela por marketplace "
        "para Mercado Livre: 03.007.331/0001-41."
    )
    assert "Mercado Livre: 03.007.331/0001-41" in decision.explain(EN)
    assert decision.table_key == "Mercado Livre" and not decision.matched_by_alias


@pytest.mark.parametrize("channel", ["LOJASAMERICANAS", "B2W", "Submarino", "Shoptime", "americanas"])
def test_the_table_matches_a_marketplace_through_its_aliases(channel: str) -> None:
    """One entry typed "Americanas" covers every name Plug.to gives that marketplace."""
    decision = resolve({"sale_intermediary": None, "channel": channel},
                       table={"Americanas": "00.776.574/0006-60", "Amazon": AMAZON.cnpj})
    assert (decision.source, decision.cnpj) == ("marketplace_table", "00776574000660")
    assert decision.table_key == "Americanas"
    assert decision.matched_by_alias == (channel.lower() != "americanas")
    if decision.matched_by_alias:
        assert f"o pedido veio do canal {channel}" in decision.explain(PT)
        assert f"the order came from channel {channel}" in decision.explain(EN)


def test_aliases_never_join_two_different_marketplaces() -> None:
    decision = resolve({"sale_intermediary": None, "channel": "AmazonFBA"},
                       table={"Americanas": "00.776.574/0006-60"}, fallback="11.222.333/0001-81")
    assert decision.source == "channel"


def test_explain_attention_and_integrate_without_differ() -> None:
    attention = resolve({"sale_intermediary": None}).explain(EN)
    without = resolve({"sale_intermediary": None}, without=True).explain(EN)
    assert "needs attention" in attention
    assert "without an intermediary" in without


def test_explain_mentions_every_skipped_value() -> None:
    decision = resolve({"sale_intermediary": INVALID_CNPJ}, table={"MercadoLivre": "999"},
                       fallback="00.000.000/0000-00")
    assert decision.warnings == ("order_cnpj_invalid", "table_cnpj_invalid",
                                 "fallback_cnpj_invalid")
    text = decision.explain(PT)
    assert "22.211.221/0001-21" in text and "(999)" in text and "00.000.000/0000-00" in text


def test_decision_is_frozen() -> None:
    decision = resolve()
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.cnpj = None  # type: ignore[misc]


# --- Property: whatever the inputs, an invalid CNPJ is never the result -------------------------

cnpj_like = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.sampled_from([ML_CNPJ, AMAZON.cnpj, ALNUM_CNPJ, INVALID_CNPJ, "03.007.331/0001-41",
                     "00000000000000", "12.abc.345/01de-35"]),
)


@given(order_value=cnpj_like, table_value=cnpj_like, fallback=cnpj_like, without=st.booleans())
def test_result_is_always_a_valid_cnpj_or_none(order_value: str | None, table_value: str | None,
                                               fallback: str | None, without: bool) -> None:
    table = {"MercadoLivre": table_value} if table_value is not None else {}
    decision = resolve({"sale_intermediary": order_value}, table=table, fallback=fallback,
                       without=without)
    if decision.cnpj is None:
        assert decision.source == "none"
        assert decision.needs_attention is (not without)
    else:
        assert cnpj.is_valid(decision.cnpj) and decision.cnpj == cnpj.normalize(decision.cnpj)
        assert decision.source != "none" and not decision.needs_attention
    if decision.source != "order" and order_value and order_value.strip():
        assert "order_cnpj_invalid" in decision.warnings
    assert decision.explain(PT) and decision.explain(EN)
