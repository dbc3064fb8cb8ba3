"""Realistic Plug.to orders for the simulator, the demo and the tests.

Each order has the shape of docs/pluggto-contract.md §7 and comes from one of the catalogue's
marketplaces. The mix is chosen so that every path of the connector gets exercised:

* the intermediary CNPJ (``sale_intermediary``) cycles through :data:`INTERMEDIARY_VARIANTS` —
  valid bare digits, valid with the mask, valid alphanumeric (the 2026 format), a wrong check
  digit, and missing (``None`` or no key at all); :func:`classify_intermediary_variant` tells which
  one an order carries;
* items sell T-shirt sizes as variations (``sku`` = the parent, ``variation.sku`` = the size sold)
  and simple products, from :func:`catalogue.demo_catalogue`; a configurable share sells
  :data:`catalogue.UNKNOWN_SKU`, which no store has;
* statuses are mostly ``approved``, some ``pending`` and ``canceled`` (weights configurable);
* buyers are Brazilian people (valid CPFs) and some companies (valid CNPJs, ``payer_company_name``),
  with 8-digit CEPs, real UFs, phones and e-mails;
* some orders send numbers as strings and ``external`` as an object, as Plug.to sometimes does;
* orders cycle through :data:`REAL_SHAPES`, what real Plug.to data looks like besides the tidy
  form (docs/business-rules.md §3.1): the state as a full name, a CEP sent as a number that lost its
  leading zero, installment interest (paid more than the total), the payment at the top level
  with no ``payments[]``, a company's CNPJ in ``payer_document``, a recorded Mercado Livre order's
  spelling (country "Brasil", the CPF in ``payer_tax_id`` too); :func:`classify_shape` tells which;
* money is consistent: each line is ``quantity × price − discount``, ``subtotal`` their sum, and
  ``total = subtotal + shipping − discount``.

Deterministic: order ``i`` of a seed is always the same, whatever ``n`` (each order has its own
random generator seeded by ``(seed, i)``).

Why this module is long
-----------------------
It builds one thing, an order, top to bottom: :func:`generate_order` then one small function per
part (items, buyer, address, payment, history, the real-data reshapes), each drawing from the
same per-order random generator in a fixed sequence. That sequence is what keeps a seed's orders
the same from run to run (tests and recorded demo data depend on it), so the parts are read, and
changed, together. The catalogue it sells from is already ``catalogue.py``'s.
"""

from __future__ import annotations

import copy
import hashlib
import random
import string
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.brazil import STATES
from pluggto_desktop.domain.models import format_datetime
from pluggto_desktop.simulator.catalogue import (
    MARKETPLACES,
    PAYMENT_INTERMEDIARIES,
    UNKNOWN_SKU,
    Marketplace,
    ProductDef,
    SkuDef,
    all_skus,
    demo_catalogue,
)

#: the forms ``sale_intermediary`` takes, in the order generated orders cycle through them
INTERMEDIARY_VARIANTS: tuple[str, ...] = (
    "valid_bare",
    "valid_masked",
    "valid_alphanumeric",
    "invalid_check_digit",
    "missing",
)

#: the shapes real Plug.to orders take, in the order generated orders cycle through them (7 of
#: them, so with 5 marketplaces and 5 intermediary variants every combination comes up)
REAL_SHAPES: tuple[str, ...] = (
    "tidy",
    "state_name",
    "cep_number",
    "interest",
    "legacy_payment",
    "company_document",
    "ml_recording",
)

DEFAULT_STATUS_WEIGHTS: dict[str, float] = {"approved": 0.80, "pending": 0.12, "canceled": 0.08}
DEFAULT_INTERVAL = timedelta(minutes=5)

#: A shipment with nothing filled in, keys in Plug.to's order (a generated order's shipment fills
#: some of them; the Plug.to simulator completes a shipment an order update adds with it).
EMPTY_SHIPMENT: dict[str, Any] = {
    "external": None, "shipping_company": None, "shipping_method": None, "track_code": None,
    "track_url": None, "status": None, "estimate_delivery_date": None, "date_shipped": None,
    "date_delivered": None, "date_cancelled": None, "nfe_key": None, "nfe_number": None,
    "nfe_serie": None, "nfe_date": None, "nfe_link": None, "cfops": None, "documents": [],
    "shipping_items": [], "issues": [],
}

_FIRST_NAMES = (
    "Ana", "Bruno", "Carla", "Diego", "Eduarda", "Felipe", "Gabriela", "Henrique", "Isabela",
    "João", "Juliana", "Lucas", "Mariana", "Rafael", "Sofia", "Thiago", "Vitória", "André",
    "Beatriz", "Caio", "Letícia", "Marcos", "Patrícia", "Renata", "Gustavo", "Fernanda",
)
_LAST_NAMES = (
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima",
    "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Araújo", "Barbosa",
    "Rocha", "Conceição", "Nascimento", "Moreira",
)
_COMPANIES = (
    "Padaria Pão Quente Ltda",
    "Mercadinho Bom Preço ME",
    "TecnoSul Informática Ltda",
    "Ateliê Costura Fina EIRELI",
    "Distribuidora Horizonte S.A.",
    "Academia Corpo em Forma Ltda",
)
# street, neighbourhood, city, UF, first five digits of the CEP, phone area code
_ADDRESSES = (
    ("Rua Augusta", "Consolação", "São Paulo", "SP", "01305", "11"),
    ("Avenida Paulista", "Bela Vista", "São Paulo", "SP", "01310", "11"),
    ("Rua do Bosque", "Barra Funda", "São Paulo", "SP", "01136", "11"),
    ("Rua Voluntários da Pátria", "Botafogo", "Rio de Janeiro", "RJ", "22270", "21"),
    ("Avenida Afonso Pena", "Centro", "Belo Horizonte", "MG", "30130", "31"),
    ("Rua XV de Novembro", "Centro", "Curitiba", "PR", "80020", "41"),
    ("Avenida Borges de Medeiros", "Centro Histórico", "Porto Alegre", "RS", "90020", "51"),
    ("Rua da Aurora", "Boa Vista", "Recife", "PE", "50050", "81"),
    ("Avenida Sete de Setembro", "Dois de Julho", "Salvador", "BA", "40060", "71"),
    ("Rua Barão do Rio Branco", "Centro", "Fortaleza", "CE", "60025", "85"),
    ("Avenida Goiás", "Setor Central", "Goiânia", "GO", "74005", "62"),
    ("SQS 308 Bloco C", "Asa Sul", "Brasília", "DF", "70355", "61"),
    ("Rua Felipe Schmidt", "Centro", "Florianópolis", "SC", "88010", "48"),
    ("Avenida Eduardo Ribeiro", "Centro", "Manaus", "AM", "69010", "92"),
)
_COMPLEMENTS = (None, None, "Ap 22", "Casa 2", "Bloco B ap 104", "Fundos", "Sala 3")
_SHIPPING = (
    ("Correios", "PAC", 18.5),
    ("Correios", "SEDEX", 32.0),
    ("Mercado Envios", "Normal", 0.0),
    ("Jadlog", "Expresso", 24.9),
    ("Total Express", "Standard", 12.9),
)
_CARDS = ("Cartão Visa", "Cartão Mastercard", "Cartão Elo", "Cartão Hipercard")


# -- public API --------------------------------------------------------------------------------


def generate_orders(
    n: int,
    *,
    seed: int = 0,
    start: datetime,
    user_id: str = "129",
    catalogue: list[ProductDef] | None = None,
    status_weights: dict[str, float] | None = None,
    unknown_sku_share: float = 0.05,
    interval: timedelta = DEFAULT_INTERVAL,
    first_index: int = 0,
) -> list[dict[str, Any]]:
    """``n`` orders created from ``start`` on, one every ``interval`` (a little jitter).

    Order ``i`` has ``sale_intermediary`` variant ``INTERMEDIARY_VARIANTS[i % 5]`` and comes from
    ``MARKETPLACES[i % len(MARKETPLACES)]``. Ids increase with ``created``. ``first_index`` carries
    on a seed's sequence (orders ``first_index`` … ``first_index + n − 1``), so a second batch holds
    new marketplace orders rather than the first batch again.
    """
    catalogue = catalogue if catalogue is not None else demo_catalogue()
    return [
        generate_order(
            seed=seed,
            index=i,
            start=start,
            user_id=user_id,
            catalogue=catalogue,
            status_weights=status_weights,
            unknown_sku_share=unknown_sku_share,
            interval=interval,
        )
        for i in range(first_index, first_index + n)
    ]


def generate_order(
    *,
    seed: int = 0,
    index: int = 0,
    start: datetime | None = None,
    created: datetime | None = None,
    user_id: str = "129",
    catalogue: list[ProductDef] | None = None,
    status: str | None = None,
    skus: Sequence[str | tuple[str, int]] | None = None,
    intermediary: str | None = None,
    channel: str | None = None,
    status_weights: dict[str, float] | None = None,
    unknown_sku_share: float = 0.0,
    interval: timedelta = DEFAULT_INTERVAL,
    shape: str | None = None,
) -> dict[str, Any]:
    """One order; every choice can be forced.

    ``status``: the Plug.to status; ``skus``: what is sold, as SKU codes or ``(sku, quantity)``
    (a variation SKU of the catalogue becomes a variation item, :data:`UNKNOWN_SKU` too);
    ``intermediary``: one of :data:`INTERMEDIARY_VARIANTS`; ``channel``: a marketplace name (an
    unknown name gets a made-up valid CNPJ). ``created`` defaults to ``start + index × interval``
    plus jitter (``start`` defaults to now).
    """
    if intermediary is not None and intermediary not in INTERMEDIARY_VARIANTS:
        raise ValueError(f"unknown intermediary variant {intermediary!r}")
    if shape is not None and shape not in REAL_SHAPES:
        raise ValueError(f"unknown shape {shape!r}")
    rng = random.Random(f"{seed}:{index}")
    catalogue = catalogue if catalogue is not None else demo_catalogue()
    if created is None:
        base = start or datetime.now(UTC)
        created = base + interval * index + interval * rng.uniform(0, 0.5)
    if created.tzinfo is None:
        raise ValueError("created/start must be timezone-aware")
    marketplace = _marketplace(channel, index)
    status = status or _pick_status(rng, status_weights or DEFAULT_STATUS_WEIGHTS)
    variant = intermediary or INTERMEDIARY_VARIANTS[index % len(INTERMEDIARY_VARIANTS)]
    stringly = rng.random() < 0.2  # numbers as strings, as Plug.to sometimes sends them

    items = _items(rng, catalogue, skus, unknown_sku_share)
    subtotal = round(sum(line_total for _, line_total in items), 2)
    shipping_company, shipping_method, shipping = rng.choice(_SHIPPING)
    discount = round(subtotal * 0.05, 2) if rng.random() < 0.2 else 0.0
    total = round(subtotal + shipping - discount, 2)

    buyer = _person(rng)
    company = _company(rng) if rng.random() < 0.15 else None
    receiver = buyer if rng.random() < 0.85 else _person(rng)  # sometimes a gift
    address = _address(rng)
    receiver_address = address if receiver is buyer else _address(rng)

    created_by = _hex_id(f"app:{marketplace.channel}")
    original_id = _original_id(rng, marketplace.channel)
    modified = created if status == "pending" else created + timedelta(minutes=rng.randint(1, 30))

    order: dict[str, Any] = {
        "id": _order_id(created, seed, index),
        "order_id": 1_000_000 + (seed % 1000) * 100_000 + index,
        "status": status,
        "sub_status": None,
        "channel": marketplace.channel,
        "channel_account": "Loja Principal",
        "original_id": original_id,
        "external": {created_by: original_id} if rng.random() < 0.15 else None,
        "created": iso_z(created),
        "modified": iso_z(modified),
        "created_by": created_by,
        "user_id": user_id,
        "ack": False,
        "currency": "BRL",
        "total": total,
        "subtotal": subtotal,
        "shipping": shipping,
        "discount": discount,
        "total_paid": total if status != "pending" else 0.0,
        "delivery_type": "express" if shipping_method == "SEDEX" else "standard",
        # both as a recorded Mercado Livre order list shows them (see domain/deadlines.py)
        "approved_date": None if status in ("pending", "canceled") else iso_z(created + timedelta(minutes=3)),
        "expected_send_date": iso_z(created + timedelta(days=2)),
        "expected_delivery_date": (created + timedelta(days=7)).date().isoformat(),
        **_contact("receiver", receiver, receiver_address, rng),
        "receiver_cpf": receiver["cpf"],
        **_contact("payer", buyer, address, rng),
        "payer_fullname": f"{buyer['first']} {buyer['last']}",
        "payer_cpf": None if company else buyer["cpf"],
        "payer_cnpj": company["cnpj"] if company else None,
        "payer_razao_social": company["name"] if company else None,
        "payer_ie": None,
        "payer_tax_id": cnpj.format(company["cnpj"]) if company else _mask_cpf(buyer["cpf"]),
        "payer_company_name": company["name"] if company else None,
        "payer_gender": rng.choice(("male", "female", "n/a")),
        "sale_intermediary": _intermediary(variant, marketplace, rng),
        "payment_intermediary": rng.choice(PAYMENT_INTERMEDIARIES) if rng.random() < 0.9 else None,
        "intermediary_seller_id": marketplace.seller_id,
        "tags": {
            "has_invoice_key": None, "has_invoice_xml": None, "has_invoice_pdf": None,
            "has_payment_form": None, "has_track": None, "has_track_url": None, "has_label": None,
        },
        "commission": {"fixed": None, "tax": None, "total_charged": None, "comment": None},
        "status_history": _status_history(status, created, modified),
        "substatus_history": [],
        "log_history": [],
        "log_permanent": [],
        "items": [item for item, _ in items],
        "payments": [_payment(rng, total, seed, index, stringly)],
        "shipments": [
            {
                "id": _hex_id(f"shipment:{seed}:{index}"),
                **copy.deepcopy(EMPTY_SHIPMENT),
                "shipping_company": shipping_company,
                "shipping_method": shipping_method,
                "estimate_delivery_date": (created + timedelta(days=7)).date().isoformat(),
            }
        ],
    }
    if variant == "missing" and (index // len(INTERMEDIARY_VARIANTS)) % 2 == 1:
        del order["sale_intermediary"]  # sometimes the key is absent, not just null
    _reshape(order, shape or REAL_SHAPES[index % len(REAL_SHAPES)], random.Random(f"{seed}:{index}:shape"))
    if stringly:
        _stringify_numbers(order)
    return order


def _reshape(order: dict[str, Any], shape: str, rng: random.Random) -> None:
    """Give the tidy order one of the real shapes (see :data:`REAL_SHAPES`); own rng, so the other
    choices of an order stay what they were before shapes existed."""
    if shape == "state_name":
        for side in ("receiver", "payer"):
            uf = order[f"{side}_state"]
            order[f"{side}_state"] = rng.choice((STATES[uf], STATES[uf].upper(), uf.lower()))
    elif shape == "cep_number":
        for side in ("receiver", "payer"):
            order[f"{side}_zipcode"] = int(order[f"{side}_zipcode"])  # "01305123" → 1305123
    elif shape == "interest" and order["status"] != "pending":
        payment = order["payments"][0]
        installments = 6
        interest = round(float(order["total"]) * 0.06, 2)
        paid = round(float(order["total"]) + interest, 2)
        payment.update(payment_type="credit", payment_method=rng.choice(_CARDS), payment_installments=installments,
                       payment_total=paid, payment_quota=round(paid / installments, 2), payment_interest=interest)
        order["total_paid"] = paid
    elif shape == "legacy_payment":
        payment = order.pop("payments")[0]
        order.update(payment_method=payment["payment_method"], payment_type=payment["payment_type"],
                     payment_installments=str(payment["payment_installments"]))
    elif shape == "company_document" and order["payer_cnpj"]:
        order["payer_document"], order["payer_cnpj"] = order["payer_cnpj"], None
        order["payer_tax_id"] = ""
    elif shape == "ml_recording":
        for side in ("receiver", "payer"):
            order[f"{side}_country"] = "Brasil"
            order[f"{side}_state"] = STATES[order[f"{side}_state"]]
        if order["payer_cpf"]:
            order["payer_tax_id"] = order["payer_cpf"]


def classify_shape(order: dict[str, Any]) -> str:
    """Which of :data:`REAL_SHAPES` an order shows ("tidy" when none)."""
    if order.get("receiver_country") == "Brasil":
        return "ml_recording"
    if "payments" not in order:
        return "legacy_payment"
    if isinstance(order.get("receiver_zipcode"), int):
        return "cep_number"
    if order.get("payer_document"):
        return "company_document"
    if float(order.get("total_paid") or 0) > float(order.get("total") or 0) + 0.005:
        return "interest"
    if str(order.get("receiver_state") or "") not in STATES:
        return "state_name"
    return "tidy"


def classify_intermediary_variant(order: dict[str, Any]) -> str:
    """Which of :data:`INTERMEDIARY_VARIANTS` the order's ``sale_intermediary`` is."""
    value = order.get("sale_intermediary")
    if value is None or (isinstance(value, str) and not value.strip()):
        return "missing"
    if not cnpj.is_valid(value):
        return "invalid_check_digit"
    if cnpj.is_alphanumeric(value):
        return "valid_alphanumeric"
    if isinstance(value, str) and any(c in value for c in "./-"):
        return "valid_masked"
    return "valid_bare"


def cpf_check_digits(base9: str) -> str:
    """The two check digits of a 9-digit CPF base."""
    digits = [int(c) for c in base9]
    d1 = sum(d * w for d, w in zip(digits, range(10, 1, -1))) * 10 % 11 % 10
    d2 = sum(d * w for d, w in zip(digits + [d1], range(11, 1, -1))) * 10 % 11 % 10
    return f"{d1}{d2}"


def random_cpf(rng: random.Random) -> str:
    """A valid CPF (11 digits), never one of the all-equal ones."""
    while True:
        base = "".join(rng.choice(string.digits) for _ in range(9))
        if len(set(base)) > 1:
            return base + cpf_check_digits(base)


def random_cnpj(rng: random.Random, *, alphanumeric: bool = False) -> str:
    """A valid CNPJ (14 characters); alphanumeric ones have letters in the base."""
    alphabet = string.digits + string.ascii_uppercase if alphanumeric else string.digits
    while True:
        base = "".join(rng.choice(alphabet) for _ in range(8)) + "0001"
        if alphanumeric and not any(c.isalpha() for c in base):
            continue
        value = base + cnpj.check_digits(base)
        if cnpj.is_valid(value):
            return value


def iso_z(moment: datetime) -> str:
    """``2024-07-15T13:02:11.000Z`` — the way Plug.to writes dates (a naive time is local)."""
    return format_datetime(moment.astimezone())


# -- pieces ------------------------------------------------------------------------------------


def _marketplace(channel: str | None, index: int) -> Marketplace:
    if channel is None:
        return MARKETPLACES[index % len(MARKETPLACES)]
    for marketplace in MARKETPLACES:
        if marketplace.channel == channel:
            return marketplace
    made_up = random_cnpj(random.Random(f"channel:{channel}"))
    return Marketplace(channel, made_up, "minhaloja")


def _pick_status(rng: random.Random, weights: dict[str, float]) -> str:
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def _intermediary(variant: str, marketplace: Marketplace, rng: random.Random) -> str | None:
    if variant == "valid_bare":
        return marketplace.cnpj
    if variant == "valid_masked":
        return cnpj.format(marketplace.cnpj)
    if variant == "valid_alphanumeric":
        return random_cnpj(rng, alphanumeric=True)
    if variant == "invalid_check_digit":
        last = int(marketplace.cnpj[-1])
        return marketplace.cnpj[:-1] + str((last + 1) % 10)
    return None  # missing


def _items(
    rng: random.Random,
    catalogue: list[ProductDef],
    skus: Sequence[str | tuple[str, int]] | None,
    unknown_sku_share: float,
) -> list[tuple[dict[str, Any], float]]:
    """``(item dict, line total)`` pairs."""
    index = all_skus(catalogue)
    if skus is not None:
        wanted = [(s, 1) if isinstance(s, str) else (s[0], int(s[1])) for s in skus]
    else:
        sellable = [s.sku for p in catalogue for s in p.skus if p.active and s.active]
        count = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
        wanted = [(sku, rng.choices((1, 2, 3), weights=(7, 2, 1))[0]) for sku in rng.sample(sellable, count)]
        if rng.random() < unknown_sku_share:
            wanted[0] = (UNKNOWN_SKU, wanted[0][1])
    return [_item(rng, sku, quantity, index.get(sku)) for sku, quantity in wanted]


def _item(
    rng: random.Random, sku: str, quantity: int, found: tuple[ProductDef, SkuDef] | None
) -> tuple[dict[str, Any], float]:
    if found is not None:
        product, sku_def = found
        price = sku_def.retail_price
        name, ean, options = sku_def.name, sku_def.ean, sku_def.options
        parent = product.integration_id if product.has_variations else None
        product_name = product.name
    else:  # a SKU no store knows: looks like another T-shirt size
        price = 49.9
        name, ean, options = f"Produto {sku}", None, (("Tamanho", sku.rsplit("-", 1)[-1]),)
        parent = sku.rsplit("-", 1)[0] if "-" in sku else None
        product_name = f"Produto {parent}" if parent else name
    discount = round(price * quantity * 0.1, 2) if rng.random() < 0.1 else 0.0
    line_total = round(price * quantity - discount, 2)
    item: dict[str, Any] = {
        "id": None,
        "sku": parent or sku,
        "original_sku": parent or sku,
        "name": product_name,
        "quantity": quantity,
        "price": price,
        "total": line_total,
        "discount": discount or None,
        "photo_url": f"https://example.com/img/{(parent or sku).lower()}.jpg",
        "external": None,
        "supplier_id": None,
        "stock_code": None,
        "price_code": None,
        "shipping_cost": None,
        "commission": {"fixed": None, "tax": None, "total_charged": None, "comment": None},
    }
    if parent:
        item["variation"] = {
            "id": None,
            "sku": sku,
            "name": name,
            "external": None,
            "ean": ean,
            "photo_url": None,
            "attributes": [
                {"code": _slug(label), "label": label, "value": {"code": value, "label": value}}
                for label, value in options
            ],
        }
    else:
        item["variation"] = {
            "id": None, "sku": None, "name": None, "external": None, "ean": None,
            "photo_url": None, "attributes": [],
        }
    return item, line_total


def _person(rng: random.Random) -> dict[str, str]:
    first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
    email = f"{_ascii(first).lower()}.{_ascii(last).lower()}{rng.randint(1, 999)}@example.com"
    return {"first": first, "last": last, "cpf": random_cpf(rng), "email": email}


def _company(rng: random.Random) -> dict[str, str]:
    return {"name": rng.choice(_COMPANIES), "cnpj": random_cnpj(rng)}


def _address(rng: random.Random) -> dict[str, str | None]:
    street, neighbourhood, city, uf, cep5, area = rng.choice(_ADDRESSES)
    return {
        "address": street,
        "number": str(rng.randint(10, 3000)),
        "complement": rng.choice(_COMPLEMENTS),
        "neighborhood": neighbourhood,
        "city": city,
        "state": uf,
        "zipcode": f"{cep5}{rng.randint(0, 999):03d}",
        "area": area,
    }


def _contact(prefix: str, person: dict[str, str], address: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    return {
        f"{prefix}_name": person["first"],
        f"{prefix}_lastname": person["last"],
        f"{prefix}_address": address["address"],
        f"{prefix}_address_number": address["number"],
        f"{prefix}_address_complement": address["complement"],
        f"{prefix}_address_reference": None,
        f"{prefix}_neighborhood": address["neighborhood"],
        f"{prefix}_city": address["city"],
        f"{prefix}_state": address["state"],
        f"{prefix}_country": "BR",
        f"{prefix}_zipcode": address["zipcode"],
        f"{prefix}_phone_area": address["area"],
        f"{prefix}_phone": f"9{rng.randint(10_000_000, 99_999_999)}",
        f"{prefix}_email": person["email"],
    }


def _payment(rng: random.Random, total: float, seed: int, index: int, stringly: bool) -> dict[str, Any]:
    kind = rng.choices(("credit", "ticket", "debit"), weights=(75, 18, 7))[0]
    installments = rng.choice((1, 1, 2, 3, 6, 10)) if kind == "credit" else 1
    method = {"credit": rng.choice(_CARDS), "ticket": "Boleto", "debit": "Cartão de Débito"}[kind]
    return {
        "id": _hex_id(f"payment:{seed}:{index}"),
        "payment_type": kind,
        "payment_method": method,
        # the docs' example sends this one as a string
        "payment_installments": str(installments) if stringly or rng.random() < 0.5 else installments,
        "payment_total": total,
        "payment_quota": round(total / installments, 2),
        "payment_interest": 0,
        "payment_additional_info": None,
        "external": None,
    }


def _status_history(status: str, created: datetime, modified: datetime) -> list[dict[str, str]]:
    history = [{"status": "pending", "date": iso_z(created)}]
    if status != "pending":
        history.append({"status": status, "date": iso_z(modified)})
    return history


def _stringify_numbers(order: dict[str, Any]) -> None:
    for key in ("total", "subtotal", "shipping", "discount", "total_paid"):
        order[key] = f"{float(order[key]):.2f}"
    for item in order["items"]:
        item["quantity"] = str(item["quantity"])
        item["price"] = f"{float(item['price']):.2f}"
        item["total"] = f"{float(item['total']):.2f}"
    for payment in order.get("payments", []):
        payment["payment_total"] = f"{float(payment['payment_total']):.2f}"


def _original_id(rng: random.Random, channel: str) -> str:
    if channel == "MercadoLivre":
        return f"2000{rng.randint(10**11, 10**12 - 1)}"
    if channel == "Amazon":
        return f"70{rng.randint(1, 9)}-{rng.randint(10**6, 10**7 - 1)}-{rng.randint(10**6, 10**7 - 1)}"
    if channel == "Magalu":
        return f"LU-{rng.randint(10**9, 10**10 - 1)}"
    if channel == "Shopee":
        return f"24{rng.randint(10**11, 10**12 - 1)}"
    return str(rng.randint(10**7, 10**8 - 1))


def _order_id(created: datetime, seed: int, index: int) -> str:
    """24-hex, MongoDB-style: creation time first, so ids sort like creation."""
    return f"{int(created.timestamp()):08x}{seed % 0xFFFF:04x}{index:012x}"


def _hex_id(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:24]


def _mask_cpf(cpf: str) -> str:
    return f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _slug(text: str) -> str:
    return _ascii(text).lower().replace(" ", "_")
