"""Lenient parsing of Plug.to orders and products (docs/pluggto-contract.md §2.3–2.6)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pluggto_desktop.domain.models import (
    Address,
    digits,
    parse_date,
    parse_datetime,
    parse_order,
    parse_product,
    to_bool,
    to_float,
    to_int,
    to_str_or_none,
)
from tests.domain.builders import ALNUM_CNPJ, fixture_7_1, order_dict, person

UTC = UTC

# --- Coercers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10.5, 10.5),
        (3, 3.0),
        ("10.50", 10.5),
        (" 3 ", 3.0),
        ("10,50", 10.5),
        ("1.234,56", 1234.56),
        ("1,234.56", 1234.56),
        ("-2.5", -2.5),
        ("", 0.0),
        (None, 0.0),
        ("abc", 0.0),
        (True, 0.0),  # a boolean is not an amount
        (float("nan"), 0.0),
        ("inf", 0.0),
        ({"value": 1}, 0.0),
    ],
)
def test_to_float(value: object, expected: float) -> None:
    assert to_float(value) == expected


def test_to_float_default_is_used_for_unusable_values() -> None:
    assert to_float("", default=-1.0) == -1.0
    assert to_float("7", default=-1.0) == 7.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", 3), ("3.0", 3), (3.0, 3), (2.5, 3), ("", 0), (None, 0), ("x", 0), (7, 7)],
)
def test_to_int(value: object, expected: int) -> None:
    assert to_int(value) == expected


def test_to_int_default() -> None:
    assert to_int(None, default=1) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  abc ", "abc"),
        ("", None),
        ("   ", None),
        (None, None),
        (1234567, "1234567"),
        (12.0, "12"),
        (12.5, "12.5"),
        ({"a": 1}, None),
        ([1], None),
    ],
)
def test_to_str_or_none(value: object, expected: str | None) -> None:
    assert to_str_or_none(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (False, False), ("true", True), ("FALSE", False), (1, True), (0, False),
     ("1", True), ("0", False), ("sim", True), ("não", False), (None, False), ("talvez", False)],
)
def test_to_bool(value: object, expected: bool) -> None:
    assert to_bool(value) is expected


def test_to_bool_default_when_undecidable() -> None:
    assert to_bool("talvez", default=True) is True
    assert to_bool(None, default=True) is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [("(11) 99112-2111", "11991122111"), ("01310-200", "01310200"), (None, ""),
     (1310200, "1310200"), (12.0, "12"), ("１２", ""), ("abc", "")],
)
def test_digits(value: object, expected: str) -> None:
    assert digits(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-15T13:02:11.000Z", datetime(2024, 7, 15, 13, 2, 11, tzinfo=UTC)),
        ("2024-07-15T13:02:11Z", datetime(2024, 7, 15, 13, 2, 11, tzinfo=UTC)),
        ("2024-07-15T10:02:11-03:00", datetime(2024, 7, 15, 13, 2, 11, tzinfo=UTC)),
        ("2024-07-15T13:02:11.123+00:00", datetime(2024, 7, 15, 13, 2, 11, 123000, tzinfo=UTC)),
        ("2024-07-15 13:02:11", datetime(2024, 7, 15, 13, 2, 11, tzinfo=UTC)),
        ("2024-07-15", datetime(2024, 7, 15, tzinfo=UTC)),
        (1721048531, datetime(2024, 7, 15, 13, 2, 11, tzinfo=UTC)),
        (1721048531000, datetime(2024, 7, 15, 13, 2, 11, tzinfo=UTC)),  # milliseconds
        ("1721048531", datetime(2024, 7, 15, 13, 2, 11, tzinfo=UTC)),
        (datetime(2024, 7, 15, 13, 2, 11), datetime(2024, 7, 15, 13, 2, 11, tzinfo=UTC)),
    ],
)
def test_parse_datetime_accepted_forms_give_aware_utc(value: object, expected: datetime) -> None:
    parsed = parse_datetime(value)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize("value", [None, "", "not a date", "2024-13-45", True, {}, [], 1e300,
                                   float("nan"), -1e20])
def test_parse_datetime_returns_none_for_garbage(value: object) -> None:
    assert parse_datetime(value) is None


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans(),
                 st.lists(st.integers())))
def test_parse_datetime_never_raises(value: object) -> None:
    parsed = parse_datetime(value)
    assert parsed is None or parsed.tzinfo is not None


def test_parse_date_keeps_the_written_day() -> None:
    # Converting to UTC would move this evening in Brasília to the next day.
    assert parse_date("2024-07-22T23:00:00-03:00") == date(2024, 7, 22)
    assert parse_date("2024-07-22") == date(2024, 7, 22)
    assert parse_date(None) is None
    assert parse_date("2024-02-30") is None


# --- Orders: the reconstructed example of docs/pluggto-contract.md §7 ---------------------------------


def test_parses_the_reconstructed_get_order_example() -> None:
    order = parse_order(fixture_7_1())

    assert order.id == "606a7d2de2dc666bac3206b5"
    assert order.order_id == "1234567"
    assert order.status == "approved"
    assert order.channel == "MercadoLivre"
    assert order.original_id == "2000001234567890"
    assert order.external is None and order.external_raw is None
    assert order.created == datetime(2024, 7, 15, 13, 2, 11, tzinfo=UTC)
    assert order.modified == datetime(2024, 7, 15, 13, 5, 40, tzinfo=UTC)
    assert order.modified_raw == "2024-07-15T13:05:40.000Z"
    assert order.user_id == "129"
    assert order.ack is False
    assert (order.total, order.subtotal, order.shipping, order.discount) == (100, 90, 10, 0)
    assert order.expected_delivery_date == date(2024, 7, 22)
    assert order.delivery_type == "standard"

    assert order.receiver.full_name == "Andre Souza"
    assert order.receiver.complement == "Ap 22"
    assert order.receiver.reference == "Prox a padaria"
    assert order.receiver.zipcode == "01139000"
    assert order.receiver.phone_number == "11991122111"
    assert order.receiver.cpf == "12345678909"
    assert order.payer.email == "comprador@example.com"

    assert order.sale_intermediary == "03007331000141"
    assert order.payment_intermediary == "10573521000191"
    assert order.intermediary_seller_id == "MINHALOJA123"
    assert order.buyer_document() == ("F", "12345678909")
    assert order.buyer_name() == "Andre Souza"

    variation_item, simple_item = order.items
    assert variation_item.sku == "CAM-AZUL-M"  # the SKU sold, not the parent
    assert variation_item.parent_sku == "CAM-AZUL"
    assert variation_item.variation_sku == "CAM-AZUL-M"
    assert variation_item.name == "Camiseta Básica Azul - M"
    assert (variation_item.quantity, variation_item.price, variation_item.total) == (2, 30, 60)
    assert variation_item.discount == 0.0  # null in the JSON
    assert variation_item.variation is not None
    assert variation_item.variation.attributes[0]["code"] == "size"
    # A variation object with a null sku does not hide the item's own SKU.
    assert simple_item.sku == "486078"
    assert simple_item.variation_sku is None
    assert simple_item.name == "PRODUTO XYZ"

    (payment,) = order.payments
    assert payment.installments == 3  # "3" in the JSON
    assert payment.total == 100.0
    assert payment.payment_type == "credit"

    (shipment,) = order.shipments
    assert shipment.id == "606b87e9e7cb7f1d4d5f8d33"
    assert shipment.shipping_company == "Correios"
    assert shipment.estimate_delivery_date == date(2024, 7, 22)
    assert shipment.nfe_key is None and shipment.date_shipped is None
    assert order.raw["id"] == order.id


def test_wrapped_and_bare_orders_parse_the_same() -> None:
    wrapped = fixture_7_1()
    assert parse_order(wrapped) == parse_order(wrapped["Order"])


# --- Orders: the variations Plug.to is known to send ------------------------------------------


def test_numbers_as_strings() -> None:
    data = order_dict(total="144.70", subtotal="134.70", shipping="15", discount="5.00",
                      order_id="2345678", ack="true")
    data["items"][0].update(quantity="2", price="49.90", total="99.80", discount="")
    data["payments"][0].update(payment_installments="2", payment_total="144.7")

    order = parse_order(data)

    assert order.total == pytest.approx(144.7)
    assert order.shipping == 15.0 and order.discount == 5.0
    assert order.ack is True
    item = order.items[0]
    assert (item.quantity, item.price, item.discount) == (2.0, 49.9, 0.0)
    assert order.payments[0].installments == 2


def test_empty_strings_and_nulls_for_numbers() -> None:
    data = order_dict(total="", subtotal=None, shipping=None, discount="")
    data["items"][0].update(quantity=None, price="")
    order = parse_order(data)
    assert order.total is None and order.subtotal is None  # "not sent", not zero
    assert order.shipping == 0.0 and order.discount == 0.0
    assert (order.items[0].quantity, order.items[0].price) == (0.0, 0.0)


def test_external_as_object_is_kept_with_a_best_effort_string() -> None:
    raw = {"created_by": "LINX-ORDER-42", "5f1a2b3c": "other"}
    order = parse_order(order_dict(external=raw))
    assert order.external == "LINX-ORDER-42"
    assert order.external_raw == raw


def test_external_object_keyed_by_app_id() -> None:
    order = parse_order(order_dict(external={"5f1a2b3c4d5e6f7a8b9c0d1e": "A1B2C3"}))
    assert order.external == "A1B2C3"


def test_external_empty_object_and_plain_string() -> None:
    assert parse_order(order_dict(external={})).external is None
    assert parse_order(order_dict(external={})).external_raw == {}
    assert parse_order(order_dict(external=" A1B2 ")).external == "A1B2"


def test_minimal_order_with_only_an_id() -> None:
    order = parse_order({"id": "abc"})
    assert order.id == "abc"
    assert order.status == ""
    assert order.items == [] and order.payments == [] and order.shipments == []
    assert order.total is None
    assert order.receiver.full_name == "" and order.receiver.country == "BR"
    assert order.buyer_document() is None
    assert order.buyer_name() == ""


@pytest.mark.parametrize("data", [None, [], "abc", 42, {}, {"id": ""}, {"id": None},
                                  {"Order": {"status": "approved"}}])
def test_refuses_only_non_dicts_and_orders_without_id(data: object) -> None:
    with pytest.raises(ValueError):
        parse_order(data)


def test_status_is_lower_cased_and_state_upper_cased() -> None:
    order = parse_order(order_dict(status=" Approved ", receiver_state="sp"))
    assert order.status == "approved"
    assert order.receiver.state == "SP"


def test_garbage_inside_lists_is_dropped() -> None:
    data = order_dict(items=[None, "x", {"sku": "CANECA-01", "quantity": 1, "price": 34.9}],
                      payments="none", shipments=None, log_history=[{"message": "m"}, 3])
    order = parse_order(data)
    assert [i.sku for i in order.items] == ["CANECA-01"]
    assert order.payments == [] and order.shipments == []
    assert order.log_history == [{"message": "m"}]


def test_shipment_fields() -> None:
    data = order_dict(shipments=[{
        "id": "s1", "shipping_company": "Correios", "shipping_method": "PAC",
        "track_code": "QC123456729BR", "track_url": "https://t.example/QC1",
        "date_shipped": "2024-07-16T12:00:00-03:00", "date_delivered": None,
        "nfe_key": "35240712345678000190550010000000121000000123", "nfe_number": 12,
        "nfe_serie": "1", "nfe_date": "2024-07-15T18:07:07.000Z", "nfe_link": "https://x/12.xml",
        "cfops": ["6102", "6108"], "status": "Shipped", "estimate_delivery_date": "2024-07-22",
    }])
    (s,) = parse_order(data).shipments
    assert s.date_shipped == datetime(2024, 7, 16, 15, 0, tzinfo=UTC)
    assert s.date_delivered is None
    assert s.nfe_number == "12"
    assert s.nfe_date == datetime(2024, 7, 15, 18, 7, 7, tzinfo=UTC)
    assert s.cfops == "6102,6108"
    assert s.status == "shipped"
    assert s.track_code == "QC123456729BR"


def test_item_without_variation_name_uses_item_name() -> None:
    data = order_dict()
    data["items"][0]["variation"] = {"sku": "CAM-AZUL-G", "name": ""}
    item = parse_order(data).items[0]
    assert item.sku == "CAM-AZUL-G"
    assert item.name == "Camiseta Básica Azul"


def test_item_with_empty_variation_sku_keeps_its_own_sku() -> None:
    data = order_dict()
    data["items"][0]["variation"] = {"sku": "  ", "name": None}
    assert parse_order(data).items[0].sku == "CAM-AZUL"


def test_documents_sent_as_json_numbers_get_their_zeros_back() -> None:
    order = parse_order(order_dict(payer_cpf=1234567890, sale_intermediary=3007331000141))
    assert order.payer_cpf == "01234567890"
    assert order.sale_intermediary == "03007331000141"


# --- Buyer document and name ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"payer_cpf": "529.982.247-25"}, ("F", "52998224725")),
        ({"payer_cnpj": "47.960.950/0001-21"}, ("J", "47960950000121")),
        ({"payer_tax_id": "529.982.247-25"}, ("F", "52998224725")),
        ({"payer_tax_id": "12.abc.345/01de-35"}, ("J", ALNUM_CNPJ)),
        # The first usable field wins, in the order payer_cpf, payer_cnpj, payer_tax_id.
        ({"payer_cpf": "52998224725", "payer_cnpj": "47960950000121"}, ("F", "52998224725")),
        ({"payer_cpf": "", "payer_cnpj": "47960950000121"}, ("J", "47960950000121")),
        # Channels mix fields up: a CNPJ in payer_cpf is still a CNPJ.
        ({"payer_cpf": "47960950000121"}, ("J", "47960950000121")),
        # Garbage and placeholders are skipped.
        ({"payer_cpf": "n/a", "payer_tax_id": "52998224725"}, ("F", "52998224725")),
        ({"payer_cpf": "000.000.000-00", "payer_cnpj": "47960950000121"}, ("J", "47960950000121")),
        ({"payer_cpf": "***.982.247-**"}, None),
        ({"payer_cpf": "1234"}, None),
        ({}, None),
    ],
)
def test_buyer_document(fields: dict[str, str], expected: tuple[str, str] | None) -> None:
    data = order_dict(**{"payer_cpf": None, **fields})
    assert parse_order(data).buyer_document() == expected


def test_company_buyer_is_named_by_company_name_or_razao_social() -> None:
    order = parse_order(order_dict(payer_cpf=None, payer_cnpj="47.960.950/0001-21",
                                   payer_company_name="Magazine Exemplo Ltda"))
    assert order.is_company()
    assert order.buyer_name() == "Magazine Exemplo Ltda"

    legacy = parse_order(order_dict(payer_cpf=None, payer_cnpj="47960950000121",
                                    payer_razao_social="Razão Social Antiga SA"))
    assert legacy.payer_company_name == "Razão Social Antiga SA"
    assert legacy.buyer_name() == "Razão Social Antiga SA"


def test_company_name_is_ignored_for_a_person() -> None:
    order = parse_order(order_dict(payer_company_name="Empresa X"))
    assert not order.is_company()
    assert order.buyer_name() == "Mariana Costa"


def test_buyer_name_fallbacks() -> None:
    no_payer_name = order_dict(payer_name=None, payer_lastname=None, payer_fullname="Mari Costa")
    assert parse_order(no_payer_name).buyer_name() == "Mari Costa"
    nothing_from_payer = order_dict(payer_name="", payer_lastname=None,
                                    receiver_name="João", receiver_lastname="Silva")
    assert parse_order(nothing_from_payer).buyer_name() == "João Silva"


# --- Address ----------------------------------------------------------------------------------


def test_address_from_prefix() -> None:
    data = person("receiver", zipcode="01310-200", state="rj", country="Brasil",
                  phone_area="(21)", phone="3333-4444")
    address = Address.from_order(data, "receiver")
    assert address.zipcode == "01310200"
    assert address.state == "RJ"
    assert address.country == "BR"
    assert address.phone_number == "2133334444"
    assert address.street == "Avenida Paulista" and address.number == "1578"
    assert Address.from_order(data, "payer") == Address()  # nothing under that prefix


def test_full_name_does_not_repeat_a_surname_already_in_the_first_name() -> None:
    assert Address(first_name="Andre Souza", last_name="Souza").full_name == "Andre Souza"
    assert Address(first_name="Andre", last_name=None).full_name == "Andre"
    assert Address(first_name=None, last_name="Souza").full_name == "Souza"


# --- Robustness -------------------------------------------------------------------------------

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8,
)
ORDER_KEYS = list(order_dict().keys())


@given(st.dictionaries(st.sampled_from(ORDER_KEYS), json_values))
def test_any_field_of_any_type_never_breaks_parsing(fields: dict[str, object]) -> None:
    data = order_dict(**fields)
    data["id"] = "x1"
    order = parse_order(data)
    assert order.id == "x1"
    assert all(math.isfinite(i.quantity) and math.isfinite(i.price) for i in order.items)
    order.buyer_document()
    order.buyer_name()


# --- Products ---------------------------------------------------------------------------------

PRODUCT = {
    "Product": {
        "id": "5f9a8b7c6d5e4f3a2b1c0d9e",
        "sku": "CAM-AZUL",
        "name": "Camiseta Básica Azul",
        "price": "59.90",
        "special_price": 49.9,
        "quantity": "21",
        "ean": None,
        "brand": "Marca X",
        "photos": [{"url": "https://img.example/2.jpg", "order": 2},
                   {"url": "https://img.example/1.jpg", "order": 1}, {"url": ""}],
        "categories": [{"name": "Moda"}, {"name": "Moda > Camisetas"}],
        "attributes": [{"code": "material", "label": "Material",
                        "value": {"code": "algodao", "label": "Algodão"}}],
        "dimension": {"length": "40", "width": 30, "height": 2, "weight": "0.3"},
        "variations": [
            {"sku": "CAM-AZUL-M", "name": "Camiseta Básica Azul - M", "quantity": "7",
             "price": 59.9, "special_price": "49.90", "ean": "7890000000002",
             "attributes": [{"code": "size", "label": "Tamanho", "value": {"code": "M"}}]},
            "garbage",
        ],
    }
}


def test_parse_product_wrapped_and_bare() -> None:
    product = parse_product(PRODUCT)
    assert product == parse_product(PRODUCT["Product"])
    assert product.sku == "CAM-AZUL"
    assert (product.price, product.special_price, product.quantity) == (59.9, 49.9, 21)
    assert product.photos == ["https://img.example/1.jpg", "https://img.example/2.jpg"]
    assert product.categories == ["Moda", "Moda > Camisetas"]
    assert product.attributes[0].value == "Algodão"
    assert product.dimension.length == 40.0 and product.dimension.weight == 0.3
    (variation,) = product.variations
    assert variation.sku == "CAM-AZUL-M"
    assert variation.quantity == 7 and variation.special_price == 49.9
    assert variation.attributes[0].value == "M"  # code used when there is no label


def test_parse_product_minimal_and_refusals() -> None:
    minimal = parse_product({"sku": "CANECA-01"})
    assert minimal.variations == [] and minimal.price is None and minimal.quantity == 0
    for bad in (None, [], {"name": "no sku nor id"}, {"Product": {}}):
        with pytest.raises(ValueError):
            parse_product(bad)
