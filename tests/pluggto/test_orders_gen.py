"""The realistic order generator (simulator/orders_gen.py)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

import pytest

from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.brazil import uf_of
from pluggto_desktop.simulator.catalogue import MARKETPLACES, UNKNOWN_SKU, demo_catalogue
from pluggto_desktop.simulator.orders_gen import (
    INTERMEDIARY_VARIANTS,
    REAL_SHAPES,
    classify_intermediary_variant,
    classify_shape,
    generate_order,
    generate_orders,
)
from tests.pluggto.conftest import START

UFS = {"AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR",
       "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"}


def cpf_is_valid(cpf: str) -> bool:
    """Independent CPF check (mod-11 over weights 10..2, then 11..2)."""
    if not re.fullmatch(r"\d{11}", cpf or "") or len(set(cpf)) == 1:
        return False
    for size in (9, 10):
        total = sum(int(d) * w for d, w in zip(cpf[:size], range(size + 1, 1, -1)))
        digit = 11 - total % 11
        if (0 if digit >= 10 else digit) != int(cpf[size]):
            return False
    return True


def money(value) -> float:
    return float(value or 0)


@pytest.fixture(scope="module")
def orders() -> list[dict]:
    return generate_orders(200, seed=42, start=START, unknown_sku_share=0.1)


def test_same_seed_same_orders_and_prefixes_are_stable():
    assert generate_orders(30, seed=9, start=START) == generate_orders(30, seed=9, start=START)
    assert generate_orders(10, seed=9, start=START)[:5] == generate_orders(5, seed=9, start=START)
    assert generate_orders(5, seed=9, start=START) != generate_orders(5, seed=10, start=START)


def test_every_intermediary_variant_is_present(orders):
    variants = [classify_intermediary_variant(o) for o in orders[:10]]
    assert variants == list(INTERMEDIARY_VARIANTS) * 2
    missing = [o for o in orders[:10] if variants[orders.index(o)] == "missing"]
    assert any("sale_intermediary" not in o for o in missing)  # key absent…
    assert any("sale_intermediary" in o and o["sale_intermediary"] is None for o in missing)  # …or null
    alphanumeric = orders[2]["sale_intermediary"]
    assert cnpj.is_valid(alphanumeric) and re.search(r"[A-Z]", alphanumeric[:12])
    assert not cnpj.is_valid(orders[3]["sale_intermediary"])
    assert "/" in orders[1]["sale_intermediary"] and cnpj.is_valid(orders[1]["sale_intermediary"])


def test_classify_covers_edge_values():
    assert classify_intermediary_variant({"sale_intermediary": ""}) == "missing"
    assert classify_intermediary_variant({"sale_intermediary": "22211221000121"}) == "invalid_check_digit"
    assert classify_intermediary_variant({"sale_intermediary": "03.007.331/0001-41"}) == "valid_masked"
    assert classify_intermediary_variant({"sale_intermediary": "12ABC34501DE35"}) == "valid_alphanumeric"


def test_money_is_consistent(orders):
    for order in orders:
        lines = [money(i["price"]) * int(i["quantity"]) - money(i["discount"]) for i in order["items"]]
        for item, expected in zip(order["items"], lines):
            assert money(item["total"]) == pytest.approx(expected, abs=0.005)
        subtotal = money(order["subtotal"])
        assert subtotal == pytest.approx(sum(lines), abs=0.01)
        assert money(order["total"]) == pytest.approx(
            subtotal + money(order["shipping"]) - money(order["discount"]), abs=0.005
        )
        if "payments" not in order:  # the payment at the top level, old-style
            assert order["payment_method"] and int(order["payment_installments"]) >= 1
            continue
        payment = order["payments"][0]
        interest = money(payment["payment_interest"])
        assert money(payment["payment_total"]) == pytest.approx(money(order["total"]) + interest, abs=0.005)
        if interest:  # paid in instalments with interest: more than the total, and total_paid says so
            assert money(order["total_paid"]) == pytest.approx(money(payment["payment_total"]), abs=0.005)


def test_every_real_shape_comes_up_and_is_what_it_says(orders):
    shapes = [classify_shape(o) for o in orders]
    assert set(shapes) == set(REAL_SHAPES)
    for order, shape in zip(orders, shapes):
        if shape == "state_name":
            assert len(order["receiver_state"]) > 2 or order["receiver_state"].islower()
        if shape == "cep_number":
            assert isinstance(order["receiver_zipcode"], int)
        if shape == "ml_recording":
            assert order["receiver_country"] == "Brasil" and len(order["payer_state"]) > 2
    # a São Paulo CEP sent as a number lost its leading zero: 7 digits
    assert any(len(str(o["receiver_zipcode"])) == 7 for o in orders if isinstance(o["receiver_zipcode"], int))


def test_buyers_are_realistic(orders):
    companies = 0
    for order in orders:
        assert cpf_is_valid(order["receiver_cpf"])
        company_cnpj = order["payer_cnpj"] or order.get("payer_document")
        if company_cnpj:
            companies += 1
            assert cnpj.is_valid(company_cnpj)
            assert order["payer_company_name"] and order["payer_cpf"] is None
        else:
            assert cpf_is_valid(order["payer_cpf"])
            assert re.sub(r"\D", "", order["payer_tax_id"]) == order["payer_cpf"]
        for side in ("payer", "receiver"):
            assert re.fullmatch(r"\d{8}", str(order[f"{side}_zipcode"]).zfill(8))
            assert uf_of(order[f"{side}_state"]) in UFS
            assert re.fullmatch(r"\d{2}", order[f"{side}_phone_area"])
            assert re.fullmatch(r"[a-z]+\.[a-z]+\d+@example\.com", order[f"{side}_email"])
            assert order[f"{side}_name"] and order[f"{side}_lastname"]
    assert 0 < companies < len(orders) / 2


def test_items_mix_variations_simple_and_unknown_skus(orders):
    catalogue_skus = {s.sku for p in demo_catalogue() for s in p.skus}
    items = [i for o in orders for i in o["items"]]
    variation_items = [i for i in items if i["variation"]["sku"]]
    simple_items = [i for i in items if not i["variation"]["sku"]]
    assert variation_items and simple_items
    for item in variation_items:
        assert item["variation"]["sku"].startswith(item["sku"] + "-")  # parent + size
        assert item["variation"]["attributes"]
    sold = {i["variation"]["sku"] or i["sku"] for i in items}
    assert UNKNOWN_SKU in sold
    assert sold - {UNKNOWN_SKU} <= catalogue_skus


def test_statuses_channels_shapes_and_lenient_fields(orders):
    statuses = Counter(o["status"] for o in orders)
    assert statuses["approved"] > len(orders) / 2 and statuses["pending"] and statuses["canceled"]
    assert {o["channel"] for o in orders} == {m.channel for m in MARKETPLACES}
    assert any(isinstance(o["total"], str) for o in orders)  # numbers as strings
    assert any(isinstance(o["external"], dict) for o in orders)  # external as an object
    ids = [o["id"] for o in orders]
    assert all(re.fullmatch(r"[0-9a-f]{24}", i) for i in ids) and ids == sorted(ids) and len(set(ids)) == len(ids)
    created = [datetime.fromisoformat(o["created"].replace("Z", "+00:00")) for o in orders]
    assert created == sorted(created) and created[0] >= START
    for order in orders:
        assert order["user_id"] == "129" and order["currency"] == "BRL"
        assert re.fullmatch(r"[0-9a-f]{24}", order["shipments"][0]["id"])
        assert order["status_history"][-1]["status"] == order["status"]


def test_status_weights_and_unknown_share_are_configurable():
    only_pending = generate_orders(20, seed=1, start=START, status_weights={"pending": 1})
    assert {o["status"] for o in only_pending} == {"pending"}
    all_unknown = generate_orders(10, seed=1, start=START, unknown_sku_share=1.0)
    assert all(
        any((i["variation"]["sku"] or i["sku"]) == UNKNOWN_SKU for i in o["items"]) for o in all_unknown
    )
    none_unknown = generate_orders(100, seed=1, start=START, unknown_sku_share=0.0)
    assert not any((i["variation"]["sku"] or i["sku"]) == UNKNOWN_SKU for o in none_unknown for i in o["items"])


def test_single_order_overrides():
    order = generate_order(seed=3, index=7, start=START, status="canceled",
                           skus=[("CAM-PRETO-G", 2), "CANECA-01"], intermediary="missing", channel="Amazon")
    assert order["status"] == "canceled" and order["channel"] == "Amazon"
    assert classify_intermediary_variant(order) == "missing"
    sold = [(i["variation"]["sku"] or i["sku"], int(i["quantity"])) for i in order["items"]]
    assert sold == [("CAM-PRETO-G", 2), ("CANECA-01", 1)]
    assert order["items"][0]["sku"] == "CAM-PRETO"

    other = generate_order(start=START, channel="LojaNova", intermediary="valid_bare")
    assert other["channel"] == "LojaNova" and cnpj.is_valid(other["sale_intermediary"])
    with pytest.raises(ValueError):
        generate_order(start=START, intermediary="weird")
