"""Plug.to's order, read leniently: the order with its items, payments, shipments, buyer and
receiver, and :func:`parse_order`, which never raises on a loose field (only an order with no
``id``, or something that is not a dict, is refused: without an id there is nothing to track).

The original dict is kept on :attr:`Order.raw` so the job can store exactly what Plug.to sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.brazil import normalize_cep, uf_of
from pluggto_desktop.domain.coerce import (
    as_dicts,
    digits,
    document_text,
    parse_date,
    parse_datetime,
    to_bool,
    to_float,
    to_float_or_none,
    to_int,
    to_str_or_none,
    unwrap,
)


@dataclass
class Address:
    """A person and address as Plug.to flattens them into ``receiver_*`` / ``payer_*`` fields."""

    first_name: str | None = None
    last_name: str | None = None
    street: str | None = None
    number: str | None = None
    complement: str | None = None
    reference: str | None = None
    additional_info: str | None = None
    neighborhood: str | None = None
    city: str | None = None
    #: the UF ("SP") when the state was sent as a UF or a full name ("São Paulo", "S.P."), else
    #: the text as sent, so a problem can name it
    state: str | None = None
    zipcode: str = ""  # digits only; a CEP that lost its leading zero (7 digits) gets it back
    country: str = "BR"
    phone_area: str | None = None
    phone: str | None = None
    email: str | None = None
    cpf: str | None = None

    @classmethod
    def from_order(cls, data: dict[str, Any], prefix: str) -> Address:
        """Read ``{prefix}_name``, ``{prefix}_address``… (``prefix`` is receiver or payer)."""

        def get(name: str) -> str | None:
            return to_str_or_none(data.get(f"{prefix}_{name}"))

        state = get("state")
        return cls(
            first_name=get("name"),
            last_name=get("lastname"),
            street=get("address"),
            number=get("address_number"),
            complement=get("address_complement"),
            reference=get("address_reference"),
            additional_info=get("additional_info"),
            neighborhood=get("neighborhood"),
            city=get("city"),
            state=uf_of(state) or state,
            zipcode=normalize_cep(data.get(f"{prefix}_zipcode")),
            country=_country_code(get("country")),
            phone_area=get("phone_area"),
            phone=get("phone"),
            email=get("email"),
            cpf=document_text(data.get(f"{prefix}_cpf"), 11),
        )

    @property
    def full_name(self) -> str:
        """First and last name joined; the last name is not repeated when the first already ends
        with it (some channels put the whole name in ``*_name`` and the surname again in
        ``*_lastname``)."""
        first = (self.first_name or "").strip()
        last = (self.last_name or "").strip()
        if last and first.lower().endswith(last.lower()):
            return first
        return " ".join(part for part in (first, last) if part)

    @property
    def phone_number(self) -> str:
        """Area code + number, digits only (``"11"`` + ``"99112-2111"`` → ``"11991122111"``)."""
        return digits(self.phone_area) + digits(self.phone)

    @property
    def has_address(self) -> bool:
        """True when any part of a postal address was sent (not only a name/e-mail)."""
        return bool(self.street or self.zipcode or self.city)


_BRAZIL_NAMES = frozenset({"BR", "BRA", "BRASIL", "BRAZIL"})


def _country_code(value: str | None) -> str:
    """ISO code of the country; Brazil is spelt many ways by channels ("Brasil", "BRA")."""
    if not value or value.upper() in _BRAZIL_NAMES:
        return "BR"
    return value.upper()


@dataclass
class Variation:
    """``items[].variation``: the SKU actually sold when the product has variations."""

    id: str | None = None
    sku: str | None = None
    name: str | None = None
    ean: str | None = None
    external: str | None = None
    photo_url: str | None = None
    attributes: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Variation:
        return cls(
            id=to_str_or_none(data.get("id")),
            sku=to_str_or_none(data.get("sku")),
            name=to_str_or_none(data.get("name")),
            ean=to_str_or_none(data.get("ean")),
            external=to_str_or_none(data.get("external")),
            photo_url=to_str_or_none(data.get("photo_url")),
            attributes=as_dicts(data.get("attributes")),
        )


@dataclass
class OrderItem:
    """One order line. ``sku`` is the SKU that was *sold* (see :meth:`from_dict`)."""

    sku: str | None
    parent_sku: str | None = None
    variation_sku: str | None = None
    name: str | None = None
    quantity: float = 0.0
    price: float = 0.0  # unit price
    discount: float = 0.0  # discount on the whole line
    total: float | None = None  # line total as Plug.to reported it (None when not sent)
    id: str | None = None
    original_sku: str | None = None
    variation: Variation | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OrderItem:
        """For a product with variations Plug.to may put the parent in ``sku`` and the sold SKU in
        ``variation.sku`` (docs/pluggto-contract.md §2.4), so the variation wins when it has a SKU."""
        raw_variation = data.get("variation")
        variation = Variation.from_dict(raw_variation) if isinstance(raw_variation, dict) else None
        parent_sku = to_str_or_none(data.get("sku"))
        variation_sku = variation.sku if variation else None
        name = (variation.name if variation else None) or to_str_or_none(data.get("name"))
        return cls(
            sku=variation_sku or parent_sku,
            parent_sku=parent_sku,
            variation_sku=variation_sku,
            name=name,
            quantity=to_float(data.get("quantity")),
            price=to_float(data.get("price")),
            discount=to_float(data.get("discount")),
            total=to_float_or_none(data.get("total")),
            id=to_str_or_none(data.get("id")),
            original_sku=to_str_or_none(data.get("original_sku")),
            variation=variation,
        )


@dataclass
class Payment:
    """``payments[]``, without the ``payment_`` prefix (``payment_total`` → :attr:`total`)."""

    id: str | None = None
    payment_type: str | None = None  # credit, debit, ticket (boleto)…
    payment_method: str | None = None  # free text from the channel ("Cartão Visa")
    installments: int = 1
    total: float = 0.0
    quota: float | None = None  # value of one instalment
    interest: float = 0.0
    additional_info: str | None = None
    external: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Payment:
        return cls(
            id=to_str_or_none(data.get("id")),
            payment_type=to_str_or_none(data.get("payment_type")),
            payment_method=to_str_or_none(data.get("payment_method")),
            installments=to_int(data.get("payment_installments"), default=1),
            total=to_float(data.get("payment_total")),
            quota=to_float_or_none(data.get("payment_quota")),
            interest=to_float(data.get("payment_interest")),
            additional_info=to_str_or_none(data.get("payment_additional_info")),
            external=to_str_or_none(data.get("external")),
        )


@dataclass
class Shipment:
    """``shipments[]``: logistics and invoice (NF-e) data; ``id`` must be echoed on updates."""

    id: str | None = None
    shipping_company: str | None = None
    shipping_method: str | None = None
    track_code: str | None = None
    track_url: str | None = None
    date_shipped: datetime | None = None
    date_delivered: datetime | None = None
    nfe_key: str | None = None
    nfe_number: str | None = None
    nfe_serie: str | None = None
    nfe_date: datetime | None = None
    nfe_link: str | None = None
    cfops: str | None = None  # comma-separated, as Plug.to stores it
    status: str | None = None  # lower-cased: shipped, delivered, issue, invoiced…
    estimate_delivery_date: date | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Shipment:
        status = to_str_or_none(data.get("status"))
        return cls(
            id=to_str_or_none(data.get("id")),
            shipping_company=to_str_or_none(data.get("shipping_company")),
            shipping_method=to_str_or_none(data.get("shipping_method")),
            track_code=to_str_or_none(data.get("track_code")),
            track_url=to_str_or_none(data.get("track_url")),
            date_shipped=parse_datetime(data.get("date_shipped")),
            date_delivered=parse_datetime(data.get("date_delivered")),
            nfe_key=to_str_or_none(data.get("nfe_key")),
            nfe_number=to_str_or_none(data.get("nfe_number")),
            nfe_serie=to_str_or_none(data.get("nfe_serie")),
            nfe_date=parse_datetime(data.get("nfe_date")),
            nfe_link=to_str_or_none(data.get("nfe_link")),
            cfops=_cfops_text(data.get("cfops")),
            status=status.lower() if status else None,
            estimate_delivery_date=parse_date(data.get("estimate_delivery_date")),
        )


def _cfops_text(value: Any) -> str | None:
    """``cfops`` is a comma-separated string; a list (seen from some clients) is joined."""
    if isinstance(value, list):
        parts = [p for p in (to_str_or_none(v) for v in value) if p]
        return ",".join(parts) or None
    return to_str_or_none(value)


PERSON = "F"  # buyer_document kind for a CPF (same letter as Linx's Customer.Type)
COMPANY = "J"  # buyer_document kind for a CNPJ


@dataclass
class Order:
    """A Plug.to order, after lenient parsing. Build it with :func:`parse_order`."""

    id: str
    order_id: str | None = None  # Plug.to's numeric order number, as text
    status: str = ""  # lower-cased
    channel: str | None = None  # marketplace name as Plug.to writes it ("MercadoLivre")
    channel_account: str | None = None
    original_id: str | None = None  # the marketplace's order number
    external: str | None = None  # our id for the order (the Linx OrderID once acknowledged)
    external_raw: dict[str, Any] | None = None  # when Plug.to sent ``external`` as an object
    created: datetime | None = None
    modified: datetime | None = None
    #: ``modified`` exactly as Plug.to wrote it: a cheap "did anything change?" key for the queue
    #: (comparing text avoids any doubt about time-zone or precision conversions).
    modified_raw: str | None = None
    user_id: str | None = None
    ack: bool = False
    # ``total``/``subtotal`` are Plug.to's own figures, only compared with ours: None = not sent.
    total: float | None = None
    subtotal: float | None = None
    shipping: float = 0.0
    discount: float = 0.0  # order-level discount
    receiver: Address = field(default_factory=Address)
    payer: Address = field(default_factory=Address)
    payer_fullname: str | None = None
    payer_cpf: str | None = None
    payer_cnpj: str | None = None
    payer_tax_id: str | None = None
    payer_document: str | None = None  # where some integrations put a company's CNPJ
    payer_company_name: str | None = None
    total_paid: float | None = None  # what the buyer paid (more than ``total`` with interest)
    sale_intermediary: str | None = None  # raw, as sent (may be masked or invalid)
    payment_intermediary: str | None = None  # raw, as sent
    intermediary_seller_id: str | None = None  # free text (an e-mail in Plug.to's own example)
    items: list[OrderItem] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    shipments: list[Shipment] = field(default_factory=list)
    log_history: list[dict[str, Any]] = field(default_factory=list)
    expected_delivery_date: date | None = None
    delivery_type: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    def buyer_document(self) -> tuple[str, str] | None:
        """``("F", cpf)`` or ``("J", cnpj)`` from ``payer_cpf``, ``payer_cnpj``, ``payer_tax_id``,
        ``payer_document``.

        A buyer named by a company name (``payer_company_name``/``payer_razao_social``) with a
        CNPJ in any of those fields is that company: integrations put the CNPJ in ``payer_cnpj``
        and ``payer_document`` (a seller center pushing orders into Plug.to, see
        docs/linx-contract.md §Sources), sometimes beside the CPF of the person who bought.
        Otherwise the first field holding something document-shaped wins, whatever its name
        says: 11 digits is a CPF, 14 a CNPJ (channels mix the fields up). Masks are dropped; an
        alphanumeric CNPJ is kept normalised (``12ABC34501DE35``). Placeholders such as
        ``000.000.000-00`` (a person without CPF, never a company) and values of any other
        length are skipped.
        """
        documents = [d for d in map(_read_document, self._document_fields()) if d]
        if self.payer_company_name:
            for document in documents:
                if document[0] == COMPANY:
                    return document
        return documents[0] if documents else None

    def _document_fields(self) -> tuple[str | None, ...]:
        return (self.payer_cpf, self.payer_cnpj, self.payer_tax_id, self.payer_document)

    def is_company(self) -> bool:
        """True when the buyer's document is a CNPJ."""
        document = self.buyer_document()
        return document is not None and document[0] == COMPANY

    def buyer_name(self) -> str:
        """The buyer's name as the store should record it ("" when Plug.to sent none).

        A company buyer is named by its company name (razão social); a person by the payer's first
        and last name, then ``payer_fullname``, then the receiver's name.
        """
        if self.is_company() and self.payer_company_name:
            return self.payer_company_name
        return self.payer.full_name or self.payer_fullname or self.receiver.full_name or ""


def _read_document(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    normalised = cnpj.normalize(value)
    if len(normalised) == 14 and cnpj.is_alphanumeric(normalised) and cnpj.is_valid(normalised):
        return (COMPANY, normalised)
    number = digits(value)
    if len(set(number)) <= 1:  # empty, or a placeholder like 00000000000
        return None
    if len(number) == 11:
        return (PERSON, number)
    if len(number) == 14:
        return (COMPANY, number)
    return None


def parse_order(data: Any) -> Order:
    """Build an :class:`Order` from ``GET /orders/{id}`` JSON, wrapped (``{"Order": …}``) or bare.

    Raises ``ValueError`` only when ``data`` is not a dict or carries no ``id``; every other field
    is optional and coerced leniently.
    """
    data = unwrap(data, "Order")
    if not isinstance(data, dict):
        raise ValueError(f"a Plug.to order must be a JSON object, got {type(data).__name__}")
    order_id = to_str_or_none(data.get("id"))
    if order_id is None:
        raise ValueError("the Plug.to order has no id")
    external, external_raw = _read_external(data.get("external"))
    status = to_str_or_none(data.get("status"))
    return Order(
        id=order_id,
        order_id=to_str_or_none(data.get("order_id")),
        status=status.lower() if status else "",
        channel=to_str_or_none(data.get("channel")),
        channel_account=to_str_or_none(data.get("channel_account")),
        original_id=to_str_or_none(data.get("original_id")),
        external=external,
        external_raw=external_raw,
        created=parse_datetime(data.get("created")),
        modified=parse_datetime(data.get("modified")),
        modified_raw=to_str_or_none(data.get("modified")),
        user_id=to_str_or_none(data.get("user_id")),
        ack=to_bool(data.get("ack")),
        total=to_float_or_none(data.get("total")),
        subtotal=to_float_or_none(data.get("subtotal")),
        shipping=to_float(data.get("shipping")),
        discount=to_float(data.get("discount")),
        receiver=Address.from_order(data, "receiver"),
        payer=Address.from_order(data, "payer"),
        payer_fullname=to_str_or_none(data.get("payer_fullname")),
        payer_cpf=document_text(data.get("payer_cpf"), 11),
        payer_cnpj=document_text(data.get("payer_cnpj"), 14),
        payer_tax_id=to_str_or_none(data.get("payer_tax_id")),
        payer_document=document_text(data.get("payer_document"), 14),
        total_paid=to_float_or_none(data.get("total_paid")),
        payer_company_name=(
            to_str_or_none(data.get("payer_company_name"))
            or to_str_or_none(data.get("payer_razao_social"))
        ),
        sale_intermediary=document_text(data.get("sale_intermediary"), 14),
        payment_intermediary=document_text(data.get("payment_intermediary"), 14),
        intermediary_seller_id=to_str_or_none(data.get("intermediary_seller_id")),
        items=[OrderItem.from_dict(item) for item in as_dicts(data.get("items"))],
        payments=_payments(data),
        shipments=[Shipment.from_dict(s) for s in as_dicts(data.get("shipments"))],
        log_history=as_dicts(data.get("log_history")),
        expected_delivery_date=parse_date(data.get("expected_delivery_date")),
        delivery_type=to_str_or_none(data.get("delivery_type")),
        raw=data,
    )


def _payments(data: dict[str, Any]) -> list[Payment]:
    """``payments[]``; old orders carry one payment at the top level instead (``payment_method``,
    ``payment_type``, ``payment_installments`` — Plug.to's Magento module reads and writes them
    there), which becomes the single payment, its amount left for the order total to fill."""
    payments = [Payment.from_dict(p) for p in as_dicts(data.get("payments"))]
    if payments:
        return payments
    legacy = {key: data.get(key) for key in ("payment_method", "payment_type", "payment_installments")}
    if not any(to_str_or_none(value) for value in legacy.values()):
        return []
    return [Payment.from_dict({**legacy, "payment_total": data.get("total_paid")})]


def _read_external(value: Any) -> tuple[str | None, dict[str, Any] | None]:
    """``external`` is documented as a string, but some accounts get an object keyed by the id of
    the app that created the order (docs/pluggto-contract.md §2.3). Keep the object and make a best-effort
    string of it: its ``created_by`` entry, else its first non-empty plain value."""
    if not isinstance(value, dict):
        return to_str_or_none(value), None
    preferred = to_str_or_none(value.get("created_by"))
    if preferred:
        return preferred, value
    for entry in value.values():
        text = to_str_or_none(entry)
        if text:
            return text, value
    return None, value
