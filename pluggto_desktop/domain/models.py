"""Lenient models of what Plug.to sends: orders (with items, payments, shipments) and products.

Plug.to's JSON is loosely typed (pluggto-api.md §2.3–2.6): numbers arrive as numbers *or* strings
(``"10.50"``, ``"3"``, ``""``), optional fields are missing or ``null``, CPF/CNPJ come masked or
bare, ``external`` is a string or an object. The parsers here never raise on such variations:
every field is coerced by a small helper below, and only an order with no ``id`` (or something
that is not a dict at all) is refused, because without an id there is nothing to track.

The original dict is kept on :attr:`Order.raw` so the job can store exactly what Plug.to sent.
Plain dataclasses (no pydantic) keep the core dependency-free and easy to read.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.brazil import normalize_cep, uf_of

# ----------------------------------------------------------------------------------------------
# Coercers: each takes whatever JSON gave us and returns a clean value, never raising.
# ----------------------------------------------------------------------------------------------

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


def to_int(value: Any, default: int = 0) -> int:
    """An integer from a number or numeric string (``"3"``, ``"3.0"``, ``3.0``), rounded."""
    number = to_float(value, default=math.nan)
    if math.isnan(number):
        return default
    return int(math.floor(number + 0.5))


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
            return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
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
    utc = value.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def to_timestamp(value: Any) -> float | None:
    """Unix time of a date/datetime value (ISO text and the forms of :func:`parse_datetime`)."""
    moment = parse_datetime(value)
    return moment.timestamp() if moment is not None else None


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _from_epoch(seconds: float) -> datetime | None:
    if not math.isfinite(seconds):
        return None
    if seconds > _EPOCH_MILLIS_THRESHOLD:
        seconds /= 1000.0
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


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


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The dict entries of a JSON list (anything else in the list, or a non-list, is dropped)."""
    if not isinstance(value, list):
        return []
    return [entry for entry in value if isinstance(entry, dict)]


def _document_text(value: Any, width: int) -> str | None:
    """A CPF/CNPJ field as text. A JSON number lost its leading zeros, so they are restored."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value).zfill(width)
    return to_str_or_none(value)


def _unwrap(data: Any, key: str) -> Any:
    """``{"Order": {...}}`` → ``{...}``; a bare dict is returned as is."""
    if isinstance(data, dict) and isinstance(data.get(key), dict):
        return data[key]
    return data


# ----------------------------------------------------------------------------------------------
# Orders
# ----------------------------------------------------------------------------------------------


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
            cpf=_document_text(data.get(f"{prefix}_cpf"), 11),
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
            attributes=_dicts(data.get("attributes")),
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
        ``variation.sku`` (pluggto-api.md §2.4), so the variation wins when it has a SKU."""
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
            total=_optional_float(data.get("total")),
            id=to_str_or_none(data.get("id")),
            original_sku=to_str_or_none(data.get("original_sku")),
            variation=variation,
        )


def _optional_float(value: Any) -> float | None:
    number = to_float(value, default=math.nan)
    return None if math.isnan(number) else number


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
            quota=_optional_float(data.get("payment_quota")),
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
    data = _unwrap(data, "Order")
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
        total=_optional_float(data.get("total")),
        subtotal=_optional_float(data.get("subtotal")),
        shipping=to_float(data.get("shipping")),
        discount=to_float(data.get("discount")),
        receiver=Address.from_order(data, "receiver"),
        payer=Address.from_order(data, "payer"),
        payer_fullname=to_str_or_none(data.get("payer_fullname")),
        payer_cpf=_document_text(data.get("payer_cpf"), 11),
        payer_cnpj=_document_text(data.get("payer_cnpj"), 14),
        payer_tax_id=to_str_or_none(data.get("payer_tax_id")),
        payer_document=_document_text(data.get("payer_document"), 14),
        total_paid=_optional_float(data.get("total_paid")),
        payer_company_name=(
            to_str_or_none(data.get("payer_company_name"))
            or to_str_or_none(data.get("payer_razao_social"))
        ),
        sale_intermediary=_document_text(data.get("sale_intermediary"), 14),
        payment_intermediary=_document_text(data.get("payment_intermediary"), 14),
        intermediary_seller_id=to_str_or_none(data.get("intermediary_seller_id")),
        items=[OrderItem.from_dict(item) for item in _dicts(data.get("items"))],
        payments=_payments(data),
        shipments=[Shipment.from_dict(s) for s in _dicts(data.get("shipments"))],
        log_history=_dicts(data.get("log_history")),
        expected_delivery_date=parse_date(data.get("expected_delivery_date")),
        delivery_type=to_str_or_none(data.get("delivery_type")),
        raw=data,
    )


def _payments(data: dict[str, Any]) -> list[Payment]:
    """``payments[]``; old orders carry one payment at the top level instead (``payment_method``,
    ``payment_type``, ``payment_installments`` — Plug.to's Magento module reads and writes them
    there), which becomes the single payment, its amount left for the order total to fill."""
    payments = [Payment.from_dict(p) for p in _dicts(data.get("payments"))]
    if payments:
        return payments
    legacy = {key: data.get(key) for key in ("payment_method", "payment_type", "payment_installments")}
    if not any(to_str_or_none(value) for value in legacy.values()):
        return []
    return [Payment.from_dict({**legacy, "payment_total": data.get("total_paid")})]


def _read_external(value: Any) -> tuple[str | None, dict[str, Any] | None]:
    """``external`` is documented as a string, but some accounts get an object keyed by the id of
    the app that created the order (pluggto-api.md §2.3). Keep the object and make a best-effort
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


# ----------------------------------------------------------------------------------------------
# Products (GET /skus/{sku}, GET /products/{id})
# ----------------------------------------------------------------------------------------------


@dataclass
class ProductAttribute:
    """``attributes[]`` entry: ``{code, label, value: {code, label}}`` flattened."""

    code: str | None
    label: str | None = None
    value: str | None = None  # the value's label, else its code (or the plain value)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProductAttribute:
        raw_value = data.get("value")
        if isinstance(raw_value, dict):
            value = to_str_or_none(raw_value.get("label")) or to_str_or_none(raw_value.get("code"))
        else:
            value = to_str_or_none(raw_value)
        return cls(
            code=to_str_or_none(data.get("code")),
            label=to_str_or_none(data.get("label")),
            value=value,
        )


@dataclass
class Dimension:
    """``dimension``; Plug.to does not document units (cm/kg in practice)."""

    length: float | None = None
    width: float | None = None
    height: float | None = None
    weight: float | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dimension:
        return cls(
            length=_optional_float(data.get("length")),
            width=_optional_float(data.get("width")),
            height=_optional_float(data.get("height")),
            weight=_optional_float(data.get("weight")),
        )


@dataclass
class PluggtoVariation:
    """One variation of a product; it is a SKU of its own (stock updates target it)."""

    sku: str | None
    id: str | None = None
    name: str | None = None
    price: float | None = None
    special_price: float | None = None
    quantity: int = 0
    ean: str | None = None
    photos: list[str] = field(default_factory=list)
    attributes: list[ProductAttribute] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PluggtoVariation:
        return cls(
            sku=to_str_or_none(data.get("sku")),
            id=to_str_or_none(data.get("id")),
            name=to_str_or_none(data.get("name")),
            price=_optional_float(data.get("price")),
            special_price=_optional_float(data.get("special_price")),
            quantity=to_int(data.get("quantity")),
            ean=to_str_or_none(data.get("ean")),
            photos=_photo_urls(data.get("photos")),
            attributes=[ProductAttribute.from_dict(a) for a in _dicts(data.get("attributes"))],
        )


@dataclass
class PluggtoProduct:
    """A Plug.to product; ``variations`` is empty for a simple product."""

    sku: str | None
    id: str | None = None
    name: str | None = None
    price: float | None = None
    special_price: float | None = None
    quantity: int = 0
    ean: str | None = None
    brand: str | None = None
    photos: list[str] = field(default_factory=list)  # URLs, in Plug.to's order
    categories: list[str] = field(default_factory=list)  # names, e.g. "Moda > Camisetas"
    attributes: list[ProductAttribute] = field(default_factory=list)
    variations: list[PluggtoVariation] = field(default_factory=list)
    dimension: Dimension = field(default_factory=Dimension)
    raw: dict[str, Any] = field(default_factory=dict)


def _photo_urls(value: Any) -> list[str]:
    """``photos[]`` entries are objects with ``url`` (sorted by ``order`` when given) or strings."""
    entries: list[tuple[float, int, str]] = []
    for position, entry in enumerate(value if isinstance(value, list) else []):
        if isinstance(entry, dict):
            url = to_str_or_none(entry.get("url"))
            rank = to_float(entry.get("order"), default=math.inf)
        else:
            url, rank = to_str_or_none(entry), math.inf
        if url:
            entries.append((rank, position, url))
    return [url for _, _, url in sorted(entries)]


def _category_names(value: Any) -> list[str]:
    names = []
    for entry in value if isinstance(value, list) else []:
        name = to_str_or_none(entry.get("name") if isinstance(entry, dict) else entry)
        if name:
            names.append(name)
    return names


def parse_product(data: Any) -> PluggtoProduct:
    """Build a :class:`PluggtoProduct` from ``{"Product": {...}}`` or the bare product dict.

    Raises ``ValueError`` only when ``data`` is not a dict or has neither ``sku`` nor ``id``.
    """
    data = _unwrap(data, "Product")
    if not isinstance(data, dict):
        raise ValueError(f"a Plug.to product must be a JSON object, got {type(data).__name__}")
    sku = to_str_or_none(data.get("sku"))
    product_id = to_str_or_none(data.get("id"))
    if sku is None and product_id is None:
        raise ValueError("the Plug.to product has neither sku nor id")
    return PluggtoProduct(
        sku=sku,
        id=product_id,
        name=to_str_or_none(data.get("name")),
        price=_optional_float(data.get("price")),
        special_price=_optional_float(data.get("special_price")),
        quantity=to_int(data.get("quantity")),
        ean=to_str_or_none(data.get("ean")),
        brand=to_str_or_none(data.get("brand")),
        photos=_photo_urls(data.get("photos")),
        categories=_category_names(data.get("categories")),
        attributes=[ProductAttribute.from_dict(a) for a in _dicts(data.get("attributes"))],
        variations=[PluggtoVariation.from_dict(v) for v in _dicts(data.get("variations"))],
        dimension=Dimension.from_dict(_dict(data.get("dimension"))),
        raw=data,
    )


__all__ = [
    "COMPANY",
    "PERSON",
    "Address",
    "Dimension",
    "Order",
    "OrderItem",
    "Payment",
    "PluggtoProduct",
    "PluggtoVariation",
    "ProductAttribute",
    "Shipment",
    "Variation",
    "digits",
    "parse_date",
    "parse_datetime",
    "parse_order",
    "parse_product",
    "to_bool",
    "to_float",
    "to_int",
    "to_str_or_none",
]
