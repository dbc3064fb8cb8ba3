"""Plug.to order → Linx SaveOrder body (docs/linx-contract.md, "The order", docs/business-rules.md §3.8)."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pluggto_desktop.domain import reasons
from pluggto_desktop.domain.intermediary import IntermediaryDecision, resolve_intermediary
from pluggto_desktop.domain.mapping import MappingResult, map_order
from pluggto_desktop.domain.models import Order, parse_order
from pluggto_desktop.i18n import PT
from tests.domain.builders import (
    ALNUM_CNPJ,
    MERCADO_LIVRE,
    VALID_PAYMENT_CNPJ,
    fixture_7_1,
    order_dict,
)


def decide_intermediary(order: Order, **settings: Any) -> IntermediaryDecision:
    settings.setdefault("marketplace_table", {})
    settings.setdefault("fallback_cnpj", None)
    settings.setdefault("integrate_without", False)
    return resolve_intermediary(order, **settings)


def map_dict(data: dict[str, Any], website_id: int = 1, **settings: Any) -> MappingResult:
    order = parse_order(data)
    return map_order(order, website_id=website_id,
                     intermediary=decide_intermediary(order, **settings))


def properties(body: dict[str, Any]) -> dict[str, str]:
    return {p["Name"]: p["Value"] for p in body["Properties"]}


# --- The contract example ---------------------------------------------------------------------


def sale_guid(brand: str, number: str) -> str:
    """docs/linx-contract.md's formula, written out independently of the code under test."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://plugg.to/sales/{brand}/{number}"))


def test_reconstructed_example_maps_exactly_to_the_contract_shape() -> None:
    """§7.1's order, in the shape of Linx's read model (linx/contract.py): the body must be it,
    field for field."""
    result = map_dict(fixture_7_1())
    place = {"AddressLine": "Rua do Bosque", "Number": "440", "Neighbourhood": "Barra Funda",
             "City": "São Paulo", "State": "SP", "PostalCode": "01139000", "ContactPhone": "11991122111"}
    person = {"Name": "Andre Souza", "ContactName": "Andre Souza"}
    assert result.body == {
        "OriginalOrderID": sale_guid("MercadoLivre", "2000001234567890"),
        "MarketPlaceBrand": "MercadoLivre",
        "WebSiteID": 1,
        "CreatedChannel": "Pluggto",
        "Remarks": "Pedido MercadoLivre 2000001234567890",
        "CustomerType": "P", "CustomerName": "Andre Souza", "CustomerEmail": "comprador@example.com",
        "CustomerPhone": "11991122111", "CustomerCPF": "12345678909", "CustomerCNPJ": None,
        "CustomerTradingName": None,
        "Addresses": [
            {"AddressType": 68, **person, **place, "AddressNotes": "Ap 22", "Landmark": "Prox a padaria"},
            # The example's payer has no complement/reference: the billing address has none.
            {"AddressType": 66, **person, **place, "AddressNotes": None, "Landmark": None},
        ],
        "Items": [
            {"SKU": "CAM-AZUL-M", "Qty": 2, "Price": 30.0, "DiscountAmount": 0.0, "Total": 60.0,
             "ProductName": "Camiseta Básica Azul - M"},
            {"SKU": "486078", "Qty": 1, "Price": 30.0, "DiscountAmount": 0.0, "Total": 30.0,
             "ProductName": "PRODUTO XYZ"},
        ],
        "SubTotal": 90.0, "DeliveryAmount": 10.0, "DiscountAmount": 0.0, "PaymentTaxAmount": 0.0,
        "Total": 100.0,
        # PaymentInfo.PaymentType is an Int32 code in Linx: the kind travels in words in Alias
        "PaymentMethods": [{"Amount": 100.0, "Installments": 3, "InstallmentAmount": 33.33, "PaymentInfo": {
            "Alias": "Cartão Visa (as sent by the channel)", "Provider": "MercadoLivre"}}],
        "DeliveryMethods": [{"CarrierName": "Correios", "DeliveryMethodAlias": "PAC", "Amount": 10.0,
                             "DeliveryEstimatedDate": "2024-07-22"}],
        "Properties": [
            {"Name": "PluggtoOrderID", "Value": "606a7d2de2dc666bac3206b5"},
            {"Name": "MarketplaceOrderNumber", "Value": "2000001234567890"},
            {"Name": "IntermediaryCNPJ", "Value": "03007331000141"},
            {"Name": "IntermediaryCNPJSource", "Value": "order"},
            {"Name": "IntermediarySellerID", "Value": "MINHALOJA123"},
            {"Name": "PaymentIntermediaryCNPJ", "Value": "10573521000191"},
        ],
    }
    assert result.warnings == [] and result.problems == [] and result.ok


def _assert_json_types(value: Any, path: str = "") -> None:
    """Only JSON types, and never a number hidden in a string for the money/qty fields."""
    if isinstance(value, dict):
        for key, inner in value.items():
            assert isinstance(key, str)
            _assert_json_types(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _assert_json_types(inner, f"{path}[{index}]")
    else:
        assert value is None or isinstance(value, (str, int, float, bool)), path


MONEY_FIELDS = ("SubTotal", "DeliveryAmount", "DiscountAmount", "PaymentTaxAmount", "Total")


def test_body_is_json_with_numbers_as_numbers_even_from_string_input() -> None:
    data = order_dict(total="144.70", shipping="15.00", discount="5", order_id="2345678")
    data["items"][0].update(quantity="2", price="49.90", discount="")
    data["items"][1].update(quantity="1", price="34,90")
    data["payments"][0].update(payment_installments="2", payment_total="144.70")
    body = map_dict(data).body

    _assert_json_types(body)
    assert json.loads(json.dumps(body)) == body
    for name in MONEY_FIELDS:
        assert type(body[name]) is float, name
    for item in body["Items"]:
        assert type(item["Qty"]) is int
        assert all(type(item[k]) is float for k in ("Price", "DiscountAmount", "Total"))
    assert type(body["PaymentMethods"][0]["Amount"]) is float
    assert type(body["PaymentMethods"][0]["Installments"]) is int
    assert type(body["DeliveryMethods"][0]["Amount"]) is float
    assert type(body["WebSiteID"]) is int
    assert (body["SubTotal"], body["DeliveryAmount"], body["DiscountAmount"], body["Total"]) == (
        134.7, 15.0, 5.0, 144.7)


# --- Items ------------------------------------------------------------------------------------


def test_variation_item_is_sent_with_the_variation_sku() -> None:
    body = map_dict(order_dict()).body
    first, second = body["Items"]
    assert first["SKU"] == "CAM-AZUL-M"
    assert first["ProductName"] == "Camiseta Básica Azul - M"
    assert (first["Qty"], first["Price"], first["Total"]) == (2, 49.9, 99.8)
    assert second["SKU"] == "CANECA-01"


def test_item_discount_is_taken_off_the_line_total() -> None:
    data = order_dict(total=139.7, payments=[])
    data["items"][0]["discount"] = "5.00"
    body = map_dict(data).body
    assert body["Items"][0]["DiscountAmount"] == 5.0
    assert body["Items"][0]["Total"] == 94.8  # 2 × 49.90 − 5.00
    assert body["SubTotal"] == 129.7
    assert body["Total"] == 139.7


def test_money_is_rounded_to_cents_without_float_noise() -> None:
    data = order_dict(shipping=0.1, discount=0, total=None, payments=[],
                      items=[{"sku": "CANECA-01", "quantity": 3, "price": 0.1},
                             {"sku": "LIVRO-PY", "quantity": 1, "price": "33.335"}])
    body = map_dict(data).body
    assert body["Items"][0]["Total"] == 0.3  # not 0.30000000000000004
    assert body["Items"][1]["Price"] == 33.34  # half rounds up
    assert body["SubTotal"] == 33.64
    assert body["Total"] == 33.74


def test_fractional_quantity_stays_a_float() -> None:
    data = order_dict(items=[{"sku": "TECIDO", "quantity": "1.5", "price": 10}], total=None)
    item = map_dict(data).body["Items"][0]
    assert item["Qty"] == 1.5 and item["Total"] == 15.0


# --- Totals -----------------------------------------------------------------------------------


def test_consistent_totals_give_no_warning() -> None:
    result = map_dict(order_dict())
    body = result.body
    assert body["SubTotal"] == round(sum(i["Total"] for i in body["Items"]), 2)
    assert body["Total"] == round(body["SubTotal"] + body["DeliveryAmount"]
                                  - body["DiscountAmount"], 2)
    assert result.warnings == []


def test_totals_differ_warning_with_both_values() -> None:
    result = map_dict(order_dict(total="150.00"))
    assert result.warnings == [("totals_differ", {"computed": 144.7, "pluggto": 150.0})]
    assert result.body["Total"] == 144.7  # ours is sent; the difference does not block
    assert result.ok


@pytest.mark.parametrize("total", [144.71, 144.69, "144.7", None, ""])
def test_no_totals_warning_within_one_cent_or_when_plugto_sent_no_total(total: Any) -> None:
    assert map_dict(order_dict(total=total)).warnings == []


@pytest.mark.parametrize("total", [144.72, 144.68, 0])
def test_totals_warning_just_beyond_one_cent(total: float) -> None:
    assert [code for code, _ in map_dict(order_dict(total=total)).warnings] == ["totals_differ"]


cents = st.integers(min_value=0, max_value=500_000)
item_strategy = st.fixed_dictionaries({
    "quantity": st.integers(min_value=1, max_value=20),
    "price": cents,
    "discount": st.integers(min_value=0, max_value=1_000),
})


@given(st.lists(item_strategy, min_size=1, max_size=6), cents, cents, cents, st.booleans())
def test_totals_always_add_up(items: list[dict[str, int]], shipping: int, discount: int,
                              pluggto_total: int, as_strings: bool) -> None:
    def amount(value: int) -> Any:
        text = f"{Decimal(value) / 100:.2f}"
        return text if as_strings else float(text)

    raw_items = [
        {"sku": f"SKU-{n}", "quantity": str(i["quantity"]) if as_strings else i["quantity"],
         "price": amount(i["price"]), "discount": amount(i["discount"])}
        for n, i in enumerate(items)
    ]
    data = order_dict(items=raw_items, shipping=amount(shipping), discount=amount(discount),
                      total=amount(pluggto_total), payments=[])
    result = map_dict(data)
    body = result.body

    def in_cents(value: float) -> int:
        assert round(value * 100) == pytest.approx(value * 100, abs=1e-6)  # at most 2 decimals
        return round(value * 100)

    expected_lines = [i["quantity"] * i["price"] - i["discount"] for i in items]
    assert [in_cents(line["Total"]) for line in body["Items"]] == expected_lines
    assert in_cents(body["SubTotal"]) == sum(expected_lines)
    expected_total = sum(expected_lines) + shipping - discount
    assert in_cents(body["Total"]) == expected_total
    differs = abs(expected_total - pluggto_total) > 1
    assert [c for c, _ in result.warnings] == (["totals_differ"] if differs else [])


# --- Customer ---------------------------------------------------------------------------------


def customer(body: dict[str, Any]) -> dict[str, Any]:
    """The Customer* fields of the body, without the prefix."""
    return {k[len("Customer"):]: v for k, v in body.items() if k.startswith("Customer")}


def test_person_buyer() -> None:
    assert customer(map_dict(order_dict()).body) == {
        "Type": "P", "Name": "Mariana Costa", "Email": "mariana.costa@example.com", "CPF": "52998224725",
        "CNPJ": None, "TradingName": None, "Phone": "11987654321"}


def test_company_buyer_is_type_c_with_cnpj_and_trading_name() -> None:
    data = order_dict(payer_cpf=None, payer_cnpj="47.960.950/0001-21",
                      payer_company_name="Comercial Exemplo Ltda")
    buyer = customer(map_dict(data).body)
    assert buyer["Type"] == "C"
    assert buyer["CNPJ"] == "47960950000121" and buyer["CPF"] is None
    assert buyer["Name"] == "Comercial Exemplo Ltda"
    assert buyer["TradingName"] == "Comercial Exemplo Ltda"


def test_company_buyer_with_alphanumeric_cnpj_in_tax_id() -> None:
    data = order_dict(payer_cpf=None, payer_tax_id="12.abc.345/01de-35",
                      payer_company_name="Nova Empresa SA")
    buyer = customer(map_dict(data).body)
    assert (buyer["Type"], buyer["CNPJ"]) == ("C", ALNUM_CNPJ)


def test_company_buyer_with_its_cnpj_in_payer_document_beside_a_cpf() -> None:
    """A seller center pushing orders into Plug.to writes the CNPJ in payer_cnpj *and*
    payer_document; the person who bought may still be in payer_cpf."""
    data = order_dict(payer_cpf="529.982.247-25", payer_cnpj=None, payer_document="47960950000121",
                      payer_company_name="Comercial Exemplo Ltda")
    buyer = customer(map_dict(data).body)
    assert (buyer["Type"], buyer["CNPJ"], buyer["Name"]) == ("C", "47960950000121", "Comercial Exemplo Ltda")


def test_placeholder_document_is_a_person_without_cpf_never_a_company() -> None:
    data = order_dict(payer_cpf="00000000000", payer_tax_id="000.000.000-00")
    result = map_dict(data)
    assert (customer(result.body)["Type"], customer(result.body)["CPF"]) == ("P", None)
    assert result.ok


def test_buyer_without_document_is_a_person_with_no_cpf_and_no_problem() -> None:
    result = map_dict(order_dict(payer_cpf=None))
    assert customer(result.body)["Type"] == "P"
    assert customer(result.body)["CPF"] is None
    assert result.ok


def test_payer_contact_falls_back_to_the_receiver() -> None:
    data = order_dict(payer_email=None, payer_phone=None, payer_phone_area=None,
                      receiver_email="entrega@example.com", receiver_phone="3333-4444",
                      receiver_phone_area="21")
    buyer = customer(map_dict(data).body)
    assert buyer["Email"] == "entrega@example.com"
    assert buyer["Phone"] == "2133334444"


# --- Addresses --------------------------------------------------------------------------------


def test_shipping_from_receiver_and_billing_from_payer() -> None:
    data = order_dict(receiver_name="Carlos", receiver_lastname="Lima",
                      receiver_zipcode="20040-002", receiver_state="rj",
                      receiver_city="Rio de Janeiro", receiver_address="Rua da Assembleia",
                      receiver_address_number="10")
    shipping, billing = map_dict(data).body["Addresses"]
    assert shipping["AddressType"] == 68
    assert (shipping["Name"], shipping["City"], shipping["State"], shipping["PostalCode"]) == (
        "Carlos Lima", "Rio de Janeiro", "RJ", "20040002")
    assert billing["AddressType"] == 66
    assert (billing["Name"], billing["City"], billing["State"], billing["PostalCode"]) == (
        "Mariana Costa", "São Paulo", "SP", "01310200")
    assert billing["AddressNotes"] == "Conjunto 41" and billing["Landmark"] == "Em frente ao MASP"


def test_billing_borrows_the_receiver_address_when_the_payer_has_none() -> None:
    data = order_dict(payer_address=None, payer_zipcode=None, payer_city=None, payer_state=None,
                      payer_name="Paula", payer_lastname="Reis")
    result = map_dict(data)
    billing = result.body["Addresses"][1]
    assert billing["Name"] == "Paula Reis"  # still the payer
    assert billing["PostalCode"] == "01310200" and billing["State"] == "SP"
    assert ("billing_address_from_receiver", {}) in result.warnings
    assert result.ok


# --- Payments and delivery --------------------------------------------------------------------


def test_several_payments() -> None:
    data = order_dict(payments=[
        {"payment_type": "credit", "payment_method": "Visa", "payment_installments": "3",
         "payment_total": "100.00"},
        {"payment_type": "ticket", "payment_method": "Boleto", "payment_total": 44.7},
    ])
    methods = map_dict(data).body["PaymentMethods"]
    assert [(m["Amount"], m["Installments"], m["PaymentInfo"]["Alias"]) for m in methods] == [
        (100.0, 3, "Visa"), (44.7, 1, "Boleto")]
    assert all(m["PaymentInfo"]["Provider"] == "MercadoLivre" for m in methods)
    # an Int32 in Linx with no public list of codes: never sent as text
    assert all("PaymentType" not in m["PaymentInfo"] for m in methods)


def test_without_payments_one_method_carries_the_total() -> None:
    (method,) = map_dict(order_dict(payments=[])).body["PaymentMethods"]
    assert method["Amount"] == 144.7 and method["Installments"] == 1
    assert method["PaymentInfo"]["Provider"] == "MercadoLivre"


def test_single_payment_without_amount_carries_the_total() -> None:
    data = order_dict(payments=[{"payment_type": "credit", "payment_method": "Pix",
                                 "payment_installments": "0"}])
    (method,) = map_dict(data).body["PaymentMethods"]
    assert (method["Amount"], method["Installments"]) == (144.7, 1)


def test_installment_interest_goes_to_payment_tax_amount() -> None:
    """The buyer paid 155.00 in 10 × 15.50 for a 144.70 order: 10.30 of interest."""
    data = order_dict(payments=[{"payment_type": "credit", "payment_method": "Visa",
                                 "payment_installments": "10", "payment_total": "155.00",
                                 "payment_quota": 15.5, "payment_interest": 10.3}])
    result = map_dict(data)
    body = result.body
    assert body["PaymentTaxAmount"] == 10.3
    assert body["Total"] == 155.0  # SubTotal + Delivery − Discount + PaymentTax: what was paid
    assert body["PaymentMethods"] == [{"Amount": 155.0, "Installments": 10, "InterestValue": 10.3,
                                       "InstallmentAmount": 15.5,
                                       "PaymentInfo": {"Alias": "Visa", "Provider": "MercadoLivre"}}]
    assert [code for code, _ in result.warnings] == ["payment_interest"]  # Plug.to's total 144.70 is fine


def test_interest_from_total_paid_when_the_payment_has_no_amount() -> None:
    data = order_dict(total_paid=150.0, payments=[{"payment_type": "credit", "payment_installments": 6}])
    body = map_dict(data).body
    assert (body["PaymentTaxAmount"], body["Total"]) == (5.3, 150.0)
    assert body["PaymentMethods"][0]["Amount"] == 150.0


def test_payments_short_of_the_total_stay_a_warning() -> None:
    data = order_dict(payments=[{"payment_type": "credit", "payment_total": 100.0}])
    result = map_dict(data)
    assert result.body["PaymentTaxAmount"] == 0.0 and result.body["Total"] == 144.7
    assert result.warnings == [("payments_short", {"paid": 100.0, "total": 144.7})]
    assert result.ok


def test_legacy_top_level_payment_fields_make_the_payment() -> None:
    data = order_dict(payments=None, payment_method="Mercado Pago", payment_type="credit",
                      payment_installments="4")
    (method,) = map_dict(data).body["PaymentMethods"]
    assert (method["Amount"], method["Installments"], method["PaymentInfo"]["Alias"]) == (144.7, 4, "Mercado Pago")


def test_delivery_method_from_first_shipment() -> None:
    data = order_dict(shipments=[
        {"id": "a", "shipping_company": "Jadlog", "shipping_method": ".Package",
         "estimate_delivery_date": "2026-12-02T23:59:00-03:00"},
        {"id": "b", "shipping_company": "Correios", "shipping_method": "PAC"},
    ])
    (method,) = map_dict(data).body["DeliveryMethods"]
    assert method == {"CarrierName": "Jadlog", "DeliveryMethodAlias": ".Package", "Amount": 15.0,
                      "DeliveryEstimatedDate": "2026-12-02"}


def test_delivery_estimate_falls_back_to_the_order_and_to_nothing() -> None:
    data = order_dict(shipments=[{"id": "a", "shipping_company": "Correios"}])
    assert map_dict(data).body["DeliveryMethods"][0]["DeliveryEstimatedDate"] == "2026-12-03"
    bare = order_dict(shipments=[], expected_delivery_date=None)
    (method,) = map_dict(bare).body["DeliveryMethods"]
    assert method == {"CarrierName": None, "DeliveryMethodAlias": "standard", "Amount": 15.0,
                      "DeliveryEstimatedDate": None}


# --- Identity and properties ------------------------------------------------------------------


def test_identity_fields() -> None:
    body = map_dict(order_dict(channel="Mercado Livre"), website_id=7).body
    # a GUID: the marketplace number can never go into Linx's Guid field
    assert body["OriginalOrderID"] == sale_guid("Mercado Livre", "2000004567890123")
    assert body["MarketPlaceBrand"] == "Mercado Livre"  # verbatim
    assert body["WebSiteID"] == 7
    assert body["CreatedChannel"] == "Pluggto"
    # the number a person reads travels beside it
    assert body["Remarks"] == "Pedido Mercado Livre 2000004567890123"
    assert properties(body)["MarketplaceOrderNumber"] == "2000004567890123"


def test_the_sale_id_depends_on_the_marketplace_and_the_number_only() -> None:
    first = map_dict(order_dict(id="a" * 24)).body["OriginalOrderID"]
    copy = map_dict(order_dict(id="b" * 24, total="1")).body["OriginalOrderID"]  # another Plug.to order
    assert first == copy  # the same sale: the exactly-once search finds it
    assert map_dict(order_dict(channel="Shopee")).body["OriginalOrderID"] != first
    assert map_dict(order_dict(original_id="2000004567890124")).body["OriginalOrderID"] != first


def test_original_order_id_falls_back_to_plugto_numbers() -> None:
    body = map_dict(order_dict(original_id=None)).body
    assert body["OriginalOrderID"] == sale_guid("MercadoLivre", "2345678")
    assert properties(body)["MarketplaceOrderNumber"] == "2345678"
    no_ids = order_dict(original_id="", order_id=None)
    assert map_dict(no_ids).body["OriginalOrderID"] == sale_guid("MercadoLivre", "65f0c1a2b3c4d5e6f7a8b9c0")


def test_properties_from_a_table_decision() -> None:
    data = order_dict(sale_intermediary="22211221000121")
    table = {"MercadoLivre": "03.007.331/0001-41"}
    props = properties(map_dict(data, marketplace_table=table).body)
    assert props == {
        "PluggtoOrderID": "65f0c1a2b3c4d5e6f7a8b9c0",
        "MarketplaceOrderNumber": "2000004567890123",
        "IntermediaryCNPJ": MERCADO_LIVRE.cnpj,  # never the invalid order value
        "IntermediaryCNPJSource": "marketplace_table",
        "IntermediarySellerID": MERCADO_LIVRE.seller_id,
        "PaymentIntermediaryCNPJ": VALID_PAYMENT_CNPJ,
    }


def test_properties_without_intermediary_data() -> None:
    data = order_dict(sale_intermediary=None, intermediary_seller_id=None,
                      payment_intermediary="123")
    body = map_dict(data, integrate_without=True).body
    assert body["Properties"] == [{"Name": "PluggtoOrderID", "Value": "65f0c1a2b3c4d5e6f7a8b9c0"},
                                  {"Name": "MarketplaceOrderNumber", "Value": "2000004567890123"}]


# --- Problems found before calling Linx -------------------------------------------------------


def test_realistic_order_has_no_problems() -> None:
    assert map_dict(order_dict()).problems == []


def test_empty_items() -> None:
    result = map_dict(order_dict(items=[], total=15 - 5))
    assert result.problems == [("empty_items", {})]
    assert not result.ok


def test_missing_customer_name() -> None:
    data = order_dict(payer_name=None, payer_lastname=None, receiver_name="",
                      receiver_lastname=None)
    assert map_dict(data).problems == [("missing_customer_name", {})]


@pytest.mark.parametrize(("zipcode", "shown"), [("013102", "013102"), ("013102000", "013102000"), ("", "—"),
                                               (None, "—"), ("CEP", "—")])
def test_invalid_postal_code_names_the_field_and_the_value(zipcode: Any, shown: str) -> None:
    result = map_dict(order_dict(receiver_zipcode=zipcode))
    assert result.problems == [("invalid_postal_code", {"field": "Shipping.PostalCode", "value": shown})]
    rendered = reasons.render(*result.problems[0], PT)
    assert "Shipping.PostalCode" in rendered.message and f'"{shown}"' in rendered.message


@pytest.mark.parametrize(("zipcode", "cep"), [(4457115, "04457115"), ("4457-115", "04457115"),
                                              ("4457115", "04457115"), ("01310-200", "01310200")])
def test_a_cep_that_lost_its_leading_zero_gets_it_back(zipcode: Any, cep: str) -> None:
    result = map_dict(order_dict(receiver_zipcode=zipcode))
    assert result.body["Addresses"][0]["PostalCode"] == cep and result.ok


def test_masked_postal_code_is_fine() -> None:
    assert map_dict(order_dict(receiver_zipcode="01310-200", payer_zipcode="01.310-200")).ok


@pytest.mark.parametrize(("state", "shown"), [("Sao Paolo", "Sao Paolo"), ("XX", "XX"), ("", "—"), (None, "—")])
def test_invalid_state_names_the_field_and_the_value(state: Any, shown: str) -> None:
    result = map_dict(order_dict(payer_state=state))
    assert result.problems == [("invalid_state", {"field": "Billing.State", "value": shown})]
    assert f'"{shown}"' in reasons.render(*result.problems[0], PT).message


@pytest.mark.parametrize("state", ["São Paulo", "SAO PAULO", "sao paulo", "sp", "S.P.", " São  Paulo "])
def test_a_state_written_in_full_or_loosely_becomes_its_uf(state: str) -> None:
    result = map_dict(order_dict(receiver_state=state, payer_state=state))
    assert [a["State"] for a in result.body["Addresses"]] == ["SP", "SP"] and result.ok


def test_every_state_name_maps_to_its_uf() -> None:
    from pluggto_desktop.domain.brazil import STATES
    for uf, name in STATES.items():
        body = map_dict(order_dict(receiver_state=name.upper(), payer_state=name)).body
        assert [a["State"] for a in body["Addresses"]] == [uf, uf], name


def test_several_problems_are_all_reported() -> None:
    data = order_dict(items=[], payer_name=None, payer_lastname=None, receiver_name=None,
                      receiver_lastname=None, receiver_zipcode="1", receiver_state="ZZ")
    assert [code for code, _ in map_dict(data).problems] == [
        "empty_items", "missing_customer_name", "invalid_postal_code", "invalid_state"]


def test_every_problem_code_has_a_reason_text() -> None:
    data = order_dict(items=[], payer_name=None, payer_lastname=None, receiver_name=None,
                      receiver_lastname=None, receiver_zipcode="1", receiver_state="ZZ")
    for code, _ in map_dict(data).problems:
        assert code in reasons.REASONS
