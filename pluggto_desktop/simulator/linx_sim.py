"""A Linx Commerce store in memory, speaking the contract of ``linx/contract.py``.

It plays the *real* read model public clients show (docs/linx-contract.md): GUID ``OrderID`` and
``OriginalOrderID``, flat ``Customer*`` fields with ``CustomerType`` ``P``/``C``, integer
``AddressType``, tracking in ``Shipments[].Packages[]``, ``CarrierName``/``DeliveryMethodAlias``
on the delivery method, ``PaymentTaxAmount`` in the totals. And it refuses what the real
deserializer refuses — text in a GUID field, ``"F"`` for a customer type, a text ``AddressType``,
text in an ``Int32`` — with ``IsValid: false`` and the field's ``Key``, so a test against it
catches what a real tenant would.

Operations (every one is ``POST <Operation.path>`` with HTTP Basic auth, counted in
``sim.counters`` under the operation's name — ``"SaveOrder"``, ``"SearchOrders"``…):

==========================  ==================================================================
SearchOrderStatus (L1)      the order statuses (a connection test)
SearchOrders (L2)           ``Where`` on OrderID, OrderNumber, OriginalOrderID, MarketPlaceBrand,
                            GlobalStatus, CreatedChannel, WebSiteID, Total, CreatedDate,
                            ModifiedDate; 0-based paging; ``OrderBy`` "Field" or "Field desc"
SaveOrder (L3)              validates per §6, then stores the order (duplicates are *not*
                            prevented, as in a real store: see :meth:`duplicates`)
UpdateOrder (L4)            ``WorkflowType: "CANCELLED"`` cancels and feeds the order queue
GetQueueOrders (L5)         ``{"Order", "QueueItem"}`` for the order-feed items not yet dequeued
DequeueQueueItems (L6)      removes queue items (unknown ids give a warning, not an error)
SearchQueueItems (L7)       product-feed items (``Where`` on the queue item fields)
GetProduct (L8)             one product, bare ProductID body
SearchProduct (L9)          paged products in the L8 shape
==========================  ==================================================================

Wrong or missing credentials get HTTP 401; a body that is not JSON gets HTTP 400; everything the
store refuses is HTTP 200 with ``IsValid: false`` and ``Errors[{Key, ErrorCode, ErrorMessage}]``.
Dates are written in the WCF form, in ISO-8601 with an offset, or in ISO-8601 without one (store
time); ``date_style="mixed"`` (the default) rotates through the three so clients must read all.

The store's own actions — the demo and tests drive them from Python or over HTTP — each put an
item on the order feed (queue ``order_queue_id``, default 7) or the product feed
(``product_queue_id``, default 8):

==============================================  ==============================================
Python                                          Admin route (never counted nor faulted)
==============================================  ==============================================
``orders()`` / ``orders_for(id, brand)``        ``GET /_sim/orders[?original_id=&brand=]``
``order(order_id)``                             ``GET /_sim/orders/{order_id}``
``add_foreign_order(...)``                      ``POST /_sim/orders`` {original_order_id, brand,
                                                sku, qty, website_id, pluggto_id}
``invoice(order_id, ...)``                      ``POST /_sim/orders/{order_id}/invoice``
                                                {number, series, key, cfop, url, issued_at}
``ship(order_id, ...)``                         ``POST /_sim/orders/{order_id}/ship`` {carrier,
                                                method, tracking_number, tracking_url,
                                                shipped_at}
``deliver(order_id, ...)``                      ``POST /_sim/orders/{order_id}/deliver``
                                                {delivered_at}
``cancel(order_id)``                            ``POST /_sim/orders/{order_id}/cancel``
``duplicates()``                                ``GET /_sim/duplicates``
``duplicate(order_id)``                         ``POST /_sim/orders/{order_id}/duplicate``
``delete_order(order_id)``                      ``DELETE /_sim/orders/{order_id}``
``drop_queue_items()``                          ``POST /_sim/queue/drop``
``products()``                                  ``GET /_sim/catalogue``
``add_sku(sku, ...)``                           ``POST /_sim/catalogue/sku`` {sku, product_id,
                                                name, list_price, retail_price, stock}
``change_product(product_id, **changes)``       ``POST /_sim/products/{product_id}`` {changes}
``set_stock(sku, warehouse_id, qty)``           ``POST /_sim/products/{product_id}/stock`` {sku,
                                                warehouse_id, qty}
``set_price(sku, list_price=, retail_price=)``  ``POST /_sim/products/{product_id}/price`` {sku,
                                                list_price, retail_price}
``deactivate(product_id | sku=)``               ``POST /_sim/products/{product_id}/deactivate``
                                                {sku}
``queue_items(queue_id)``                       ``GET /_sim/queue[?queue_id=]``
``date_style = ...``                            ``PUT /_sim/date-style`` {"style": "wcf"|...}
==============================================  ==============================================

A product route whose body has no ``sku`` acts on the product's only SKU. Unknown ids answer 404,
bad bodies 400, an action the order's state forbids (invoicing a cancelled order) 409. The base
class adds ``GET/PUT /_sim/faults`` and ``GET/DELETE /_sim/counters``.

Why this module is long
-----------------------
It is one fake server: the store's state (orders, catalogue, two queues) and the routes that read
and change it, read in sequence L1 → L9 as docs/linx-contract.md lists them, then the store's own
actions and their admin routes. Each part is short and touches the same few dicts; split across
files they would need the state passed around, and a reader checking one operation against the
contract would hop between modules. The Where parser already lives apart (``linx_where.py``).
"""

from __future__ import annotations

import copy
import hmac
import random
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pluggto_desktop.asgi import Request
from pluggto_desktop.domain.brazil import UFS
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx.dates import STORE_TZ, parse_date, to_wcf
from pluggto_desktop.simulator.base import Reply, SimulatorApp, basic_credentials
from pluggto_desktop.simulator.catalogue import ProductDef, demo_catalogue
from pluggto_desktop.simulator.linx_where import (
    BOOL,
    DATE,
    GUID,
    NUMBER,
    TEXT,
    WhereError,
    compile_where,
    equality_values,
    normalize_guids,
    parse,
)

DEMO_TENANT = "lojademo"
DEMO_USER = "pluggto.integracao"
DEMO_PASSWORD = "demo-linx-2026"
DEFAULT_ORDER_QUEUE_ID = 7
DEFAULT_PRODUCT_QUEUE_ID = 8
WAREHOUSES = (1, 2)
DATE_STYLES = ("wcf", "iso", "iso_naive", "mixed")
#: The simulated store's CNPJ, inside the NF-e keys it issues.
STORE_CNPJ = "11222333000181"
FIRST_ORDER_NUMBER = 100001
MAX_PAGE_SIZE = 1000

# What Where / OrderBy may name, per entity (see linx_where for the kinds).
ORDER_FIELDS = {
    c.ORDER_ID: GUID,
    c.ORDER_NUMBER: TEXT,
    c.FIELD_ORIGINAL_ORDER_ID: GUID,
    c.FIELD_MARKETPLACE_BRAND: TEXT,
    c.ORDER_GLOBAL_STATUS: TEXT,
    c.ORDER_CREATED_CHANNEL: TEXT,
    c.ORDER_WEBSITE_ID: NUMBER,
    c.ORDER_TOTAL: NUMBER,
    c.ORDER_CREATED_DATE: DATE,
    c.ORDER_MODIFIED_DATE: DATE,
}
QUEUE_FIELDS = {
    c.QUEUE_ITEM_ID: NUMBER,
    c.KEY_QUEUE_ID: NUMBER,
    c.QUEUE_ENTITY_KEY_NAME: TEXT,
    c.QUEUE_ENTITY_KEY_VALUE: TEXT,
    c.QUEUE_ENTITY_TYPE_NAME: TEXT,
    c.QUEUE_DOMAIN_EVENT: TEXT,
    c.QUEUE_ATTEMPTS: NUMBER,
    c.QUEUE_CREATED_DATE: DATE,
}
PRODUCT_FIELDS = {
    c.PRODUCT_ID: NUMBER,
    c.PRODUCT_INTEGRATION_ID: TEXT,
    c.PRODUCT_NAME: TEXT,
    c.PRODUCT_BRAND: TEXT,
    c.PRODUCT_IS_ACTIVE: BOOL,
    c.PRODUCT_MODIFIED_DATE: DATE,
}
STATUSES = (c.STATUS_NEW, c.STATUS_INVOICED, c.STATUS_SHIPPED, c.STATUS_DELIVERED, c.STATUS_CANCELLED)
CUSTOMER_TYPES = (c.CUSTOMER_TYPE_PERSON, c.CUSTOMER_TYPE_COMPANY)

_POSTAL_CODE = re.compile(r"^\d{8}$")


class Invalid(Exception):
    """A request the store refuses: answered as HTTP 200 ``IsValid: false``."""

    def __init__(self, key: str, code: str, message: str) -> None:
        super().__init__(message)
        self.error = _error(key, code, message)


class Conflict(ValueError):
    """A store action the order's state forbids (invoicing a cancelled order…)."""


# --- The catalogue ------------------------------------------------------------------------------
@dataclass
class SimSku:
    sku_id: int
    sku: str
    name: str
    ean: str
    list_price: float
    retail_price: float
    options: list[tuple[str, str]]
    stock: dict[int, int]  # WarehouseID → balance
    active: bool = True


@dataclass
class SimProduct:
    product_id: int
    integration_id: str
    name: str
    brand: str
    category: str
    modified: datetime
    skus: list[SimSku] = field(default_factory=list)
    description: str = ""
    active: bool = True
    weight: float = 0.3
    height: float = 2.0
    width: float = 30.0
    depth: float = 40.0
    properties: list[tuple[str, str]] = field(default_factory=lambda: [("Origem", "Nacional")])

    @classmethod
    def from_def(cls, p: ProductDef, now: datetime) -> SimProduct:
        skus = [
            SimSku(
                sku_id=p.product_id * 100 + n,
                sku=s.sku,
                name=s.name,
                ean=s.ean,
                list_price=s.list_price,
                retail_price=s.retail_price,
                options=list(s.options),
                # warehouse 1 is the catalogue's stock; warehouse 2 holds a little more
                stock={1: s.stock, 2: s.stock // 2 + 1},
                active=s.active,
            )
            for n, s in enumerate(p.skus, start=1)
        ]
        return cls(
            product_id=p.product_id,
            integration_id=p.integration_id,
            name=p.name,
            brand=p.brand,
            category=p.category,
            modified=now,
            skus=skus,
            description=f"<p>{p.name}</p>",
            active=p.active,
            weight=p.weight,
            height=p.height,
            width=p.width,
            depth=p.depth,
        )


#: Fields ``change_product`` may set.
PRODUCT_CHANGES = ("name", "description", "brand", "category", "active", "weight", "height", "width", "depth")


class LinxSimulator(SimulatorApp):
    """The simulated store. ``LinxSimulator().transport()`` plugs it into an httpx client."""

    name = "linx"

    def __init__(
        self,
        *,
        catalogue: Iterable[ProductDef] | None = None,
        user: str = DEMO_USER,
        password: str = DEMO_PASSWORD,
        order_queue_id: int = DEFAULT_ORDER_QUEUE_ID,
        product_queue_id: int = DEFAULT_PRODUCT_QUEUE_ID,
        date_style: str = "mixed",
        clock: Callable[[], datetime] | None = None,
        seed: int | None = None,
    ) -> None:
        super().__init__(seed=seed)
        self.user = user
        self.password = password
        self.order_queue_id = order_queue_id
        self.product_queue_id = product_queue_id
        self.date_style = date_style
        self._clock = clock or (lambda: datetime.now(UTC))
        self._ids = random.Random(seed)  # apart from the fault rng, so faults stay reproducible
        self._mixed_turn = 0
        self._next_order_number = FIRST_ORDER_NUMBER
        self._next_queue_item_id = 1001
        self._next_invoice_number = 1
        self._next_tracking = 1
        self._orders: dict[str, dict[str, Any]] = {}  # OrderID → order (datetimes kept as such)
        self._by_original_id: dict[Any, list[dict[str, Any]]] = {}  # OriginalOrderID → orders
        self._queue: dict[int, dict[str, Any]] = {}  # QueueItemID → item
        now = self.now()
        self._products: dict[int, SimProduct] = {}
        for definition in demo_catalogue() if catalogue is None else catalogue:
            self._products[definition.product_id] = SimProduct.from_def(definition, now)
        self._skus = self._sku_index()  # SKU code → SimSku; rebuilt when add_sku adds one
        self._register_routes()

    @property
    def date_style(self) -> str:
        return self._date_style

    @date_style.setter
    def date_style(self, style: str) -> None:
        if style not in DATE_STYLES:
            raise ValueError(f"date style must be one of {', '.join(DATE_STYLES)}")
        self._date_style = style

    def now(self) -> datetime:
        """The store clock, to the millisecond (what the WCF form can carry)."""
        now = self._clock()
        return now.replace(microsecond=now.microsecond // 1000 * 1000)

    # ===========================================================================================
    # Routes
    # ===========================================================================================
    def _register_routes(self) -> None:
        operations = {
            c.OP_SEARCH_ORDER_STATUS: self._search_order_status,
            c.OP_SEARCH_ORDERS: self._search_orders,
            c.OP_SAVE_ORDER: self._save_order,
            c.OP_UPDATE_ORDER: self._update_order,
            c.OP_GET_QUEUE_ORDERS: self._get_queue_orders,
            c.OP_DEQUEUE_QUEUE_ITEMS: self._dequeue_queue_items,
            c.OP_SEARCH_QUEUE_ITEMS: self._search_queue_items,
            c.OP_GET_PRODUCT: self._get_product,
            c.OP_SEARCH_PRODUCT: self._search_product,
        }
        assert set(operations) == set(c.ALL_OPERATIONS)
        for op, handler in operations.items():
            self.route("POST", op.path, op.name, self._linx_operation(handler))

        admin = self.admin_route
        admin("GET", "/_sim/orders", self._admin_list_orders)
        admin("POST", "/_sim/orders", self._admin_add_foreign_order)
        admin("GET", "/_sim/orders/{order_id}", self._admin_get_order)
        order_actions: dict[str, tuple[Callable[..., dict[str, Any]], tuple[str, ...]]] = {
            "invoice": (self.invoice, ("number", "series", "key", "cfop", "url", "issued_at")),
            "ship": (self.ship, ("carrier", "method", "tracking_number", "tracking_url", "shipped_at")),
            "deliver": (self.deliver, ("delivered_at",)),
            "cancel": (self.cancel, ()),
        }
        for verb, (action, fields) in order_actions.items():
            admin("POST", f"/_sim/orders/{{order_id}}/{verb}", self._admin_order_action(action, fields))
        # differences for the Conferência (what a broken connector or a restored backup leaves)
        admin("POST", "/_sim/orders/{order_id}/duplicate",
              lambda request, params: self._admin_async(lambda: {c.ORDER_ID: self.duplicate(params["order_id"])}))
        admin("DELETE", "/_sim/orders/{order_id}",
              lambda request, params: self._admin_async(lambda: self._delete_order_reply(params["order_id"])))
        admin("POST", "/_sim/queue/drop",
              lambda request, params: self._admin_async(lambda: {"dropped": self.drop_queue_items()}))
        admin("GET", "/_sim/duplicates", self._admin_duplicates)
        admin("GET", "/_sim/catalogue", self._admin_catalogue)
        admin("POST", "/_sim/catalogue/sku", self._admin_add_sku)
        admin("POST", "/_sim/products/{product_id}", self._admin_change_product)
        admin("POST", "/_sim/products/{product_id}/stock", self._admin_set_stock)
        admin("POST", "/_sim/products/{product_id}/price", self._admin_set_price)
        admin("POST", "/_sim/products/{product_id}/deactivate", self._admin_deactivate)
        admin("GET", "/_sim/queue", self._admin_queue)
        admin("PUT", "/_sim/date-style", self._admin_date_style)

    def _linx_operation(self, handler: Callable[[Any], dict[str, Any]]):
        """Wrap a handler: Basic auth, JSON body, ``Invalid`` → ``IsValid: false``."""

        async def run(request: Request, params: dict[str, str]) -> Reply:
            if not self._authorised(request.headers.get("authorization", "")):
                return Reply(
                    401,
                    {"error": True, "type": "unauthorized"},
                    {"WWW-Authenticate": 'Basic realm="Linx Commerce"'},
                )
            try:
                body = request.json()
            except ValueError:
                return Reply(400, {"error": True, "type": "malformed_json"})
            try:
                answer = handler(body)
            except Invalid as exc:
                answer = _invalid(exc.error)
            return Reply(200, answer)

        return run

    def _authorised(self, header: str) -> bool:
        credentials = basic_credentials(header)
        if credentials is None:
            return False
        user, password = credentials
        return hmac.compare_digest(f"{user}\0{password}".encode(), f"{self.user}\0{self.password}".encode())

    # ===========================================================================================
    # L1, L2: searches
    # ===========================================================================================
    def _search_order_status(self, body: Any) -> dict[str, Any]:
        rows = [{c.ORDER_STATUS_ID: n, c.ORDER_STATUS_NAME: s} for n, s in enumerate(STATUSES, start=1)]
        return self._search(body, rows, {}, render=lambda row: row)

    def _search_orders(self, body: Any) -> dict[str, Any]:
        return self._search(body, self._order_candidates(body), ORDER_FIELDS, render=self._render)

    def _order_candidates(self, body: Any) -> list[dict[str, Any]]:
        """The orders a search can match: when the Where pins ``OriginalOrderID`` (the
        connector's idempotency lookups), only those, found by index — a real store has one
        too, and scanning every order per search would make the simulator, not the connector,
        the bottleneck of any benchmark. Anything else (or a malformed Where, which ``_search``
        reports) gets every order."""
        everything = list(self._orders.values())
        try:
            node = normalize_guids(parse(_text(_object(body), c.KEY_WHERE)), ORDER_FIELDS)
            wanted = equality_values(node, c.FIELD_ORIGINAL_ORDER_ID)
        except (WhereError, Invalid):
            return everything
        if wanted is None:
            return everything
        found = [o for value in wanted for o in self._by_original_id.get(value, ())]
        return sorted(found, key=lambda o: int(o[c.ORDER_NUMBER]) if str(o[c.ORDER_NUMBER]).isdigit() else 0)

    def _search(
        self,
        body: Any,
        rows: list[Any],
        schema: dict[str, str],
        *,
        render: Callable[[Any], Any],
        row_fields: Callable[[Any], dict[str, Any]] = lambda row: row,
    ) -> dict[str, Any]:
        """Filter (Where), sort (OrderBy), page and render ``rows``: the Search* envelope."""
        body = _object(body)
        index, size = _page(body)
        try:
            matches = compile_where(_text(body, c.KEY_WHERE), schema)
        except WhereError as exc:
            raise Invalid(c.KEY_WHERE, c.ERROR_INVALID_VALUE, f"Where inválido: {exc}") from None
        selected = [row for row in rows if matches(row_fields(row))]
        order_by = _text(body, c.KEY_ORDER_BY).strip()
        if order_by:
            name, _, direction = order_by.partition(" ")
            if name not in schema or direction.strip().lower() not in ("", "asc", "desc"):
                raise Invalid(c.KEY_ORDER_BY, c.ERROR_INVALID_VALUE, f"OrderBy inválido: {order_by}")
            selected.sort(
                key=lambda row: _sort_key(row_fields(row).get(name)),
                reverse=direction.strip().lower() == "desc",
            )
        page_rows = selected[index * size : (index + 1) * size]
        envelope: dict[str, Any] = {
            c.KEY_PAGE: {
                c.KEY_PAGE_INDEX: index,
                c.KEY_PAGE_SIZE: size,
                c.KEY_PAGE_COUNT: -(-len(selected) // size),
                c.KEY_RECORD_COUNT: len(selected),
            },
            c.KEY_RESULT: [render(row) for row in page_rows],
        }
        return _ok(**envelope)

    # ===========================================================================================
    # L3: SaveOrder
    # ===========================================================================================
    def _save_order(self, body: Any) -> dict[str, Any]:
        body = _object(body)
        errors = self._order_errors(body)
        if errors:
            return _invalid(*errors)
        order = self._store_order(body)
        return _ok(
            **{c.ORDER_ID: order[c.ORDER_ID], c.ORDER_NUMBER: order[c.ORDER_NUMBER]},
            warnings=self._stock_warnings(order),
        )

    def _order_errors(self, body: dict[str, Any]) -> list[dict[str, str]]:
        """Every §6 rule the order breaks, each as an ``Errors[]`` entry."""
        errors: list[dict[str, str]] = self._type_errors(body)
        name = body.get(c.ORDER_CUSTOMER_NAME)
        if not isinstance(name, str) or not name.strip():
            errors.append(_error(c.ORDER_CUSTOMER_NAME, c.ERROR_REQUIRED, "Nome do cliente é obrigatório"))

        for i, address in enumerate(_list(body.get(c.ORDER_ADDRESSES))):
            address = address if isinstance(address, dict) else {}
            key = f"{c.ORDER_ADDRESSES}[{i}]"
            postal = address.get(c.ADDRESS_POSTAL_CODE)
            if not isinstance(postal, str) or not _POSTAL_CODE.match(postal):
                errors.append(
                    _error(f"{key}.{c.ADDRESS_POSTAL_CODE}", c.ERROR_INVALID_POSTAL_CODE,
                           "O CEP deve ter 8 dígitos")
                )
            state = address.get(c.ADDRESS_STATE)
            if not isinstance(state, str) or state not in UFS:
                errors.append(
                    _error(f"{key}.{c.ADDRESS_STATE}", c.ERROR_INVALID_STATE, f"UF '{state}' inválida")
                )

        items = _list(body.get(c.ORDER_ITEMS))
        if not items:
            errors.append(_error(c.ORDER_ITEMS, c.ERROR_EMPTY_ITEMS, "O pedido não tem itens"))
        item_totals: list[float] = []
        for i, item in enumerate(items):
            item = item if isinstance(item, dict) else {}
            key = f"{c.ORDER_ITEMS}[{i}]"
            sku = item.get(c.ITEM_SKU)
            if not isinstance(sku, str) or sku not in self._skus:
                errors.append(
                    _error(f"{key}.{c.ITEM_SKU}", c.ERROR_SKU_NOT_FOUND, f"SKU '{sku}' não encontrado")
                )
            qty, price, total = (_number(item, f) for f in (c.ITEM_QTY, c.ITEM_PRICE, c.ITEM_TOTAL))
            discount = _number(item, c.ITEM_DISCOUNT_AMOUNT, default=0.0)
            missing = [f for f, v in ((c.ITEM_QTY, qty), (c.ITEM_PRICE, price), (c.ITEM_TOTAL, total),
                                      (c.ITEM_DISCOUNT_AMOUNT, discount)) if v is None]
            for f in missing:
                errors.append(_error(f"{key}.{f}", c.ERROR_REQUIRED, f"{f} deve ser um número"))
            if qty is None or price is None or total is None or discount is None:  # each named in missing
                continue
            item_totals.append(total)
            expected = qty * price - discount
            if abs(expected - total) > 0.01:
                errors.append(
                    _error(
                        f"{key}.{c.ITEM_TOTAL}",
                        c.ERROR_TOTALS_MISMATCH,
                        f"Total do item {total:.2f} difere de {qty:g} × {price:.2f}"
                        f" − {discount:.2f} = {expected:.2f}",
                    )
                )

        subtotal = _number(body, c.ORDER_SUB_TOTAL)
        delivery = _number(body, c.ORDER_DELIVERY_AMOUNT, default=0.0)
        discount = _number(body, c.ORDER_DISCOUNT_AMOUNT, default=0.0)
        tax = _number(body, c.ORDER_PAYMENT_TAX_AMOUNT, default=0.0)
        total = _number(body, c.ORDER_TOTAL)
        numbers = ((c.ORDER_SUB_TOTAL, subtotal), (c.ORDER_DELIVERY_AMOUNT, delivery),
                   (c.ORDER_DISCOUNT_AMOUNT, discount), (c.ORDER_PAYMENT_TAX_AMOUNT, tax), (c.ORDER_TOTAL, total))
        for f, value in numbers:
            if value is None:
                errors.append(_error(f, c.ERROR_REQUIRED, f"{f} deve ser um número"))
        if subtotal is None or delivery is None or discount is None or tax is None or total is None:
            return errors
        if items and len(item_totals) == len(items) and abs(sum(item_totals) - subtotal) > 0.01:
            errors.append(
                _error(
                    c.ORDER_SUB_TOTAL,
                    c.ERROR_TOTALS_MISMATCH,
                    f"SubTotal {subtotal:.2f} difere da soma dos itens {sum(item_totals):.2f}",
                )
            )
        expected = subtotal + delivery - discount + tax
        if abs(expected - total) > 0.01:
            errors.append(
                _error(
                    c.ORDER_TOTAL,
                    c.ERROR_TOTALS_MISMATCH,
                    f"Total {total:.2f} difere de SubTotal {subtotal:.2f} + frete {delivery:.2f}"
                    f" − desconto {discount:.2f} + juros {tax:.2f} = {expected:.2f}",
                )
            )
        return errors

    def _type_errors(self, body: dict[str, Any]) -> list[dict[str, str]]:
        """What the real deserializer refuses before any business rule: text in a GUID field,
        a customer type other than P/C, text in an Int32, a date that is not a date."""
        errors: list[dict[str, str]] = []
        original = body.get(c.FIELD_ORIGINAL_ORDER_ID)
        if original is not None and c.parse_guid(original) is None:
            errors.append(_error(c.FIELD_ORIGINAL_ORDER_ID, c.ERROR_INVALID_VALUE,
                                 f"'{original}' não é um Guid válido"))
        brand = body.get(c.FIELD_MARKETPLACE_BRAND)
        if brand is not None and not isinstance(brand, str):
            errors.append(_error(c.FIELD_MARKETPLACE_BRAND, c.ERROR_INVALID_VALUE,
                                 "MarketPlaceBrand deve ser um texto"))
        if not _is_int(body.get(c.ORDER_WEBSITE_ID), optional=True):
            errors.append(_error(c.ORDER_WEBSITE_ID, c.ERROR_INVALID_VALUE, "WebSiteID deve ser um número inteiro"))
        customer_type = body.get(c.ORDER_CUSTOMER_TYPE)
        if customer_type not in CUSTOMER_TYPES:
            errors.append(_error(c.ORDER_CUSTOMER_TYPE, c.ERROR_INVALID_VALUE,
                                 f"CustomerType '{customer_type}' inválido: use 'P' (pessoa) ou 'C' (empresa)"))
        for i, address in enumerate(_list(body.get(c.ORDER_ADDRESSES))):
            value = address.get(c.ADDRESS_TYPE) if isinstance(address, dict) else None
            if not _is_int(value):
                errors.append(_error(f"{c.ORDER_ADDRESSES}[{i}].{c.ADDRESS_TYPE}", c.ERROR_INVALID_VALUE,
                                     f"AddressType '{value}' não é um número inteiro"))
        for i, payment in enumerate(_list(body.get(c.ORDER_PAYMENT_METHODS))):
            info = payment.get(c.PAYMENT_INFO) if isinstance(payment, dict) else None
            kind = info.get(c.PAYMENT_INFO_TYPE) if isinstance(info, dict) else None
            if not _is_int(kind, optional=True):
                errors.append(_error(f"{c.ORDER_PAYMENT_METHODS}[{i}].{c.PAYMENT_INFO}.{c.PAYMENT_INFO_TYPE}",
                                     c.ERROR_INVALID_VALUE, f"PaymentType '{kind}' não é um número inteiro"))
        for i, method in enumerate(_list(body.get(c.ORDER_DELIVERY_METHODS))):
            when = method.get(c.DELIVERY_ESTIMATED_DATE) if isinstance(method, dict) else None
            if when is not None and parse_date(when) is None:
                errors.append(_error(f"{c.ORDER_DELIVERY_METHODS}[{i}].{c.DELIVERY_ESTIMATED_DATE}",
                                     c.ERROR_INVALID_VALUE, f"'{when}' não é uma data"))
        return errors

    def _store_order(self, body: dict[str, Any]) -> dict[str, Any]:
        order = copy.deepcopy(body)
        now = self.now()
        order.update(
            {
                c.ORDER_ID: self._guid(),
                c.FIELD_ORIGINAL_ORDER_ID: c.parse_guid(order.get(c.FIELD_ORIGINAL_ORDER_ID)) or self._guid(),
                c.ORDER_NUMBER: str(self._next_order_number),
                c.ORDER_GLOBAL_STATUS: c.STATUS_NEW,
                c.ORDER_SHIPMENT_STATUS: None,
                c.ORDER_CREATED_DATE: now,
                c.ORDER_MODIFIED_DATE: now,
                c.ORDER_CANCELLED_DATE: None,
                c.ORDER_INVOICE: None,
                c.ORDER_SHIPMENTS: [],
            }
        )
        order.setdefault(c.ORDER_PROPERTIES, [])
        order.setdefault(c.ORDER_DELIVERY_METHODS, [])
        self._next_order_number += 1
        self._add(order)
        return order

    def _guid(self) -> str:
        """A new GUID as .NET writes one (lower case, dashes), from the seeded generator."""
        return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    def _add(self, order: dict[str, Any]) -> None:
        self._orders[order[c.ORDER_ID]] = order
        self._by_original_id.setdefault(order.get(c.FIELD_ORIGINAL_ORDER_ID), []).append(order)

    def _stock_warnings(self, order: dict[str, Any]) -> list[str]:
        """Like a store that sells anyway but tells you: no stock reservation is made."""
        warnings = []
        for item in _list(order.get(c.ORDER_ITEMS)):
            sku = self._skus.get(item.get(c.ITEM_SKU))
            qty = _number(item, c.ITEM_QTY) or 0
            if sku is not None and qty > sku.stock.get(WAREHOUSES[0], 0):
                warnings.append(f"Estoque insuficiente para o SKU '{sku.sku}'")
        return warnings

    # ===========================================================================================
    # L4: UpdateOrder (cancel)
    # ===========================================================================================
    def _update_order(self, body: Any) -> dict[str, Any]:
        body = _object(body)
        order_id = body.get(c.ORDER_ID)
        workflow = body.get(c.KEY_WORKFLOW_TYPE)
        if workflow != c.CANCEL_WORKFLOW_TYPE:
            raise Invalid(
                c.KEY_WORKFLOW_TYPE, c.ERROR_INVALID_VALUE, f"WorkflowType '{workflow}' não suportado"
            )
        order = self._order_or_invalid(order_id)
        self.cancel(order[c.ORDER_ID])
        return _ok(**{c.ORDER_ID: order[c.ORDER_ID]})

    def _order_or_invalid(self, order_id: Any) -> dict[str, Any]:
        guid = c.parse_guid(order_id)
        if guid is None:
            raise Invalid(c.ORDER_ID, c.ERROR_INVALID_VALUE, f"'{order_id}' não é um Guid válido")
        order = self._orders.get(guid)
        if order is None:
            raise Invalid(c.ORDER_ID, c.ERROR_ORDER_NOT_FOUND, f"Pedido '{order_id}' não encontrado")
        return order

    # ===========================================================================================
    # L5, L6, L7: the queues
    # ===========================================================================================
    def _get_queue_orders(self, body: Any) -> dict[str, Any]:
        body = _object(body)
        queue_id = _queue_id(body)
        items = [
            item for item in self._queue.values()
            if item[c.KEY_QUEUE_ID] == queue_id and item[c.QUEUE_ENTITY_KEY_VALUE] in self._orders
        ]

        def entry(item: dict[str, Any]) -> dict[str, Any]:
            rendered = {
                c.KEY_QUEUE_ORDER: self._render(self._orders[item[c.QUEUE_ENTITY_KEY_VALUE]]),
                c.KEY_QUEUE_ITEM: self._render(item),
            }
            item[c.QUEUE_ATTEMPTS] += 1  # delivered once more (shown from the next delivery on)
            return rendered

        return self._search(body, items, QUEUE_FIELDS, render=entry)

    def _search_queue_items(self, body: Any) -> dict[str, Any]:
        body = _object(body)
        queue_id = _queue_id(body)
        items = [item for item in self._queue.values() if item[c.KEY_QUEUE_ID] == queue_id]
        return self._search(body, items, QUEUE_FIELDS, render=self._render)

    def _dequeue_queue_items(self, body: Any) -> dict[str, Any]:
        ids = _object(body).get(c.KEY_QUEUE_ITEMS)
        # NB-OrderService sends the ids as strings (QueueItemID is a string in its model), we send
        # numbers: a real deserializer takes both
        if not isinstance(ids, list) or not all(_is_int(i) or (isinstance(i, str) and i.isdigit()) for i in ids):
            raise Invalid(
                c.KEY_QUEUE_ITEMS, c.ERROR_INVALID_VALUE, "QueueItems deve ser uma lista de números"
            )
        warnings = []
        for item_id in ids:
            if self._queue.pop(int(item_id), None) is None:
                warnings.append(f"QueueItem {item_id} não encontrado")
        return _ok(warnings=warnings)

    def _enqueue(
        self, queue_id: int, key_name: str, key_value: str, entity_type: str, event: str
    ) -> dict[str, Any]:
        item: dict[str, Any] = {
            c.QUEUE_ITEM_ID: self._next_queue_item_id,
            c.KEY_QUEUE_ID: queue_id,
            c.QUEUE_ENTITY_KEY_NAME: key_name,
            c.QUEUE_ENTITY_KEY_VALUE: key_value,
            c.QUEUE_ENTITY_TYPE_NAME: entity_type,
            c.QUEUE_DOMAIN_EVENT: event,
            c.QUEUE_ATTEMPTS: 0,
            c.QUEUE_CREATED_DATE: self.now(),
            c.QUEUE_LOCK_DATE: None,
        }
        self._next_queue_item_id += 1
        self._queue[item[c.QUEUE_ITEM_ID]] = item
        return item

    def _order_changed(self, order: dict[str, Any], status: str, event: str, *,
                       when: datetime | None = None) -> None:
        order[c.ORDER_GLOBAL_STATUS] = status
        order[c.ORDER_MODIFIED_DATE] = when or self.now()
        self._enqueue(
            self.order_queue_id, c.ORDER_QUEUE_ENTITY_KEY, order[c.ORDER_ID], c.ORDER_ENTITY_TYPE, event
        )

    def _product_changed(self, product: SimProduct) -> None:
        product.modified = self.now()
        self._enqueue(
            self.product_queue_id,
            c.PRODUCT_QUEUE_ENTITY_KEY,
            str(product.product_id),
            c.PRODUCT_ENTITY_TYPE,
            c.EVENT_PRODUCT_CHANGED,
        )

    # ===========================================================================================
    # L8, L9: products
    # ===========================================================================================
    def _get_product(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, int) or isinstance(body, bool):
            raise Invalid(c.PRODUCT_ID, c.ERROR_INVALID_VALUE, "O corpo deve ser o ProductID (número)")
        product = self._products.get(body)
        if product is None:
            raise Invalid(c.PRODUCT_ID, c.ERROR_PRODUCT_NOT_FOUND, f"Produto {body} não encontrado")
        return _ok(**self._render_product(product))

    def _search_product(self, body: Any) -> dict[str, Any]:
        return self._search(
            body,
            list(self._products.values()),
            PRODUCT_FIELDS,
            render=self._render_product,
            row_fields=_product_fields,
        )

    def _render_product(self, p: SimProduct) -> dict[str, Any]:
        return {
            c.PRODUCT_ID: p.product_id,
            c.PRODUCT_INTEGRATION_ID: p.integration_id,
            c.PRODUCT_NAME: p.name,
            c.PRODUCT_DESCRIPTION: p.description,
            c.PRODUCT_BRAND: p.brand,
            c.PRODUCT_IS_ACTIVE: p.active,
            c.PRODUCT_MODIFIED_DATE: self._date(p.modified),
            c.PRODUCT_CATEGORIES: [{c.CATEGORY_NAME: p.category}],
            c.PRODUCT_IMAGES: [
                {c.IMAGE_URL: f"https://imagens.lojademo.example/{p.integration_id}/1.jpg", c.IMAGE_ORDER: 1}
            ],
            c.PRODUCT_PROPERTIES: [{c.PROPERTY_NAME: n, c.PROPERTY_VALUE: v} for n, v in p.properties],
            c.PRODUCT_DIMENSIONS: {
                c.DIMENSION_WEIGHT: p.weight,
                c.DIMENSION_HEIGHT: p.height,
                c.DIMENSION_WIDTH: p.width,
                c.DIMENSION_DEPTH: p.depth,
            },
            c.PRODUCT_SKUS: [
                {
                    c.SKU_ID: s.sku_id,
                    c.SKU_CODE: s.sku,
                    c.SKU_NAME: s.name,
                    c.SKU_EAN: s.ean,
                    c.SKU_LIST_PRICE: s.list_price,
                    c.SKU_RETAIL_PRICE: s.retail_price,
                    c.SKU_IS_ACTIVE: s.active,
                    c.SKU_OPTIONS: [{c.PROPERTY_NAME: n, c.PROPERTY_VALUE: v} for n, v in s.options],
                    c.SKU_INVENTORY: [
                        {c.INVENTORY_WAREHOUSE_ID: w, c.INVENTORY_STOCK_BALANCE: q}
                        for w, q in sorted(s.stock.items())
                    ],
                }
                for s in p.skus
            ],
        }

    # ===========================================================================================
    # Rendering dates
    # ===========================================================================================
    def _render(self, value: Any) -> Any:
        """A deep copy of ``value`` with every datetime written in the current date style."""
        if isinstance(value, datetime):
            return self._date(value)
        if isinstance(value, dict):
            return {k: self._render(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._render(v) for v in value]
        return value

    def _date(self, dt: datetime | None) -> str | None:
        if dt is None:
            return None
        style = self.date_style
        if style == "mixed":
            style = DATE_STYLES[self._mixed_turn % 3]
            self._mixed_turn += 1
        local = dt.astimezone(STORE_TZ)
        if style == "wcf":
            return to_wcf(dt)
        # All three forms carry milliseconds, so one instant reads back equal whatever the style.
        if style == "iso":
            return local.isoformat(timespec="milliseconds")
        return local.replace(tzinfo=None).isoformat(timespec="milliseconds")

    # ===========================================================================================
    # The store's own actions (Python API for tests and the demo)
    # ===========================================================================================
    def orders(self) -> list[dict[str, Any]]:
        """Every order, rendered, in creation order."""
        return [self._render(o) for o in self._orders.values()]

    def order(self, order_id: str) -> dict[str, Any]:
        """One order, rendered; KeyError when unknown."""
        return self._render(self._get_order(order_id))

    def orders_for(self, original_order_id: str, brand: str) -> list[dict[str, Any]]:
        """The orders stored for one marketplace sale (its OriginalOrderID GUID and brand; more
        than one = a duplicate)."""
        guid = c.parse_guid(original_order_id)
        candidates = self._by_original_id.get(guid, ())  # in creation order, like _orders
        return [self._render(o) for o in candidates if _pair(o) == (guid, brand)]

    def orders_for_number(self, marketplace_order_number: str, brand: str) -> list[dict[str, Any]]:
        """The orders stored for a sale, found by the readable number the connector writes in the
        ``MarketplaceOrderNumber`` property (tests use it to check exactly-once without trusting
        the connector's own GUID formula)."""
        wanted = str(marketplace_order_number)
        return [self._render(o) for o in self._orders.values()
                if o.get(c.FIELD_MARKETPLACE_BRAND) == brand
                and _property(o, c.PROP_MARKETPLACE_ORDER_NUMBER) == wanted]

    def _number_of(self, original_order_id: str, brand: str) -> str | None:
        """The readable marketplace number of a sale (its MarketplaceOrderNumber property)."""
        for order in self._by_original_id.get(original_order_id, ()):
            if order.get(c.FIELD_MARKETPLACE_BRAND) == brand:
                return _property(order, c.PROP_MARKETPLACE_ORDER_NUMBER)
        return None

    def duplicates(self) -> dict[tuple[str, str], int]:
        """``(OriginalOrderID, MarketPlaceBrand)`` → count, for pairs stored more than once."""
        counts = Counter(_pair(o) for o in self._orders.values())
        return {pair: n for pair, n in counts.items() if n > 1}

    def add_foreign_order(
        self,
        *,
        original_order_id: str | None = None,
        brand: str = "LojaVirtual",
        sku: str | None = None,
        qty: int = 1,
        website_id: int | None = None,
        pluggto_id: str | None = None,
    ) -> str:
        """An order that did not come from Plug.to (no PluggtoOrderID property, unless
        ``pluggto_id`` says which Plug.to order it claims); returns its id.

        ``original_order_id`` must be a GUID, as in the real store (a new one when omitted)."""
        if original_order_id is not None and c.parse_guid(original_order_id) is None:
            raise ValueError(f"original_order_id {original_order_id!r} is not a GUID")
        sku_def = self._skus[sku] if sku else next(iter(self._skus.values()))
        total = round(qty * sku_def.retail_price, 2)
        order = self._store_order(
            {
                c.FIELD_ORIGINAL_ORDER_ID: original_order_id,
                c.FIELD_MARKETPLACE_BRAND: brand,
                c.ORDER_CUSTOMER_TYPE: c.CUSTOMER_TYPE_PERSON,
                c.ORDER_CUSTOMER_NAME: "Cliente do Site",
                c.ORDER_ITEMS: [
                    {c.ITEM_SKU: sku_def.sku, c.ITEM_QTY: qty, c.ITEM_PRICE: sku_def.retail_price,
                     c.ITEM_DISCOUNT_AMOUNT: 0.0, c.ITEM_TOTAL: total, c.ITEM_PRODUCT_NAME: sku_def.name}
                ],
                c.ORDER_SUB_TOTAL: total,
                c.ORDER_DELIVERY_AMOUNT: 0.0,
                c.ORDER_DISCOUNT_AMOUNT: 0.0,
                c.ORDER_TOTAL: total,
                c.ORDER_WEBSITE_ID: website_id,
                c.ORDER_PROPERTIES: [
                    {c.ORDER_PROPERTY_NAME: c.PROP_PLUGGTO_ORDER_ID, c.ORDER_PROPERTY_VALUE: pluggto_id}]
                if pluggto_id else [],
            }
        )
        return order[c.ORDER_ID]

    def duplicate(self, order_id: str) -> str:
        """Store the same sale once more (what a connector without exactly-once would do): a new
        OrderID and number, the same OriginalOrderID, brand and properties. Returns the new id."""
        original = self._get_order(order_id)
        copy_ = copy.deepcopy({k: v for k, v in original.items() if k not in (c.ORDER_ID, c.ORDER_NUMBER)})
        return self._store_order(copy_)[c.ORDER_ID]

    def delete_order(self, order_id: str) -> None:
        """The store loses an order (restored from an old backup, deleted by hand)."""
        order = self._orders.pop(c.parse_guid(order_id) or order_id)
        self._by_original_id[order.get(c.FIELD_ORIGINAL_ORDER_ID)].remove(order)

    def _delete_order_reply(self, order_id: str) -> dict[str, Any]:
        """The admin route's answer: the order is gone, nothing to tell."""
        self.delete_order(order_id)
        return {}

    def drop_queue_items(self, queue_id: int | None = None) -> int:
        """Forget feed items without anyone reading them (a connector that was not running, a
        queue purged by the store): the changes they announced never reach Plug.to."""
        ids = [i for i, item in self._queue.items() if queue_id is None or item[c.KEY_QUEUE_ID] == queue_id]
        for item_id in ids:
            del self._queue[item_id]
        return len(ids)

    def invoice(
        self,
        order_id: str,
        *,
        number: str | None = None,
        series: str = "1",
        key: str | None = None,
        cfop: str = "6102",
        url: str | None = None,
        issued_at: datetime | None = None,
    ) -> dict[str, Any]:
        """Issue the NF-e: fills OrderInvoice, GlobalStatus INVOICED, feeds the order queue."""
        order = self._get_order(order_id, forbid_cancelled=True)
        issued = issued_at or self.now()
        number = str(number or self._next_invoice_number)
        self._next_invoice_number += 1
        key = key or self._nfe_key(issued, series, number)
        order[c.ORDER_INVOICE] = {
            c.INVOICE_ID: self._guid(),
            c.INVOICE_CODE: key,
            c.INVOICE_NUMBER: number,
            c.INVOICE_SERIES: series,
            c.INVOICE_ISSUED_AT: issued,
            c.INVOICE_URL: url or f"https://nfe.lojademo.example/{key}.xml",
            c.INVOICE_CFOP: cfop,
            c.INVOICE_IS_ISSUED: True,
        }
        self._order_changed(order, c.STATUS_INVOICED, c.EVENT_ORDER_INVOICED)
        return self._render(order)

    def ship(
        self,
        order_id: str,
        *,
        carrier: str | None = None,
        method: str | None = None,
        tracking_number: str | None = None,
        tracking_url: str | None = None,
        shipped_at: datetime | None = None,
    ) -> dict[str, Any]:
        """Hand the parcel to the carrier: a shipment with one package (tracking number, URL,
        shipped date), GlobalStatus SHIPPED. ``carrier``/``method`` change the order's delivery
        method (CarrierName / DeliveryMethodAlias), where Linx keeps them."""
        order = self._get_order(order_id, forbid_cancelled=True)
        tracking_number = tracking_number or f"QC{self._next_tracking:09d}BR"
        self._next_tracking += 1
        methods = order.setdefault(c.ORDER_DELIVERY_METHODS, [])
        if not methods:
            methods.append({c.DELIVERY_CARRIER_NAME: "Correios", c.DELIVERY_METHOD_ALIAS: "PAC"})
        if carrier is not None:
            methods[0][c.DELIVERY_CARRIER_NAME] = carrier
        if method is not None:
            methods[0][c.DELIVERY_METHOD_ALIAS] = method
        shipments = order[c.ORDER_SHIPMENTS]
        shipments.append(
            {
                c.SHIPMENT_ID: self._guid(),
                c.SHIPMENT_NUMBER: str(len(shipments) + 1),
                c.SHIPMENT_STATUS: c.SHIPMENT_STATUS_SHIPPED,
                c.SHIPMENT_PACKAGES: [
                    {
                        c.PACKAGE_TRACKING_NUMBER: tracking_number,
                        c.PACKAGE_TRACKING_URL: tracking_url
                        or f"https://rastreio.lojademo.example/{tracking_number}",
                        c.PACKAGE_SHIPPED_DATE: shipped_at or self.now(),
                    }
                ],
            }
        )
        order[c.ORDER_SHIPMENT_STATUS] = c.SHIPMENT_STATUS_SHIPPED
        self._order_changed(order, c.STATUS_SHIPPED, c.EVENT_ORDER_SHIPPED)
        return self._render(order)

    def deliver(self, order_id: str, *, delivered_at: datetime | None = None) -> dict[str, Any]:
        """The buyer got it: ShipmentStatus delivered, GlobalStatus DELIVERED. Like the real read
        model, no delivered date is kept anywhere: the order's ModifiedDate is the moment."""
        order = self._get_order(order_id, forbid_cancelled=True)
        if not order[c.ORDER_SHIPMENTS]:
            raise Conflict(f"order {order_id} was never shipped")
        order[c.ORDER_SHIPMENTS][-1][c.SHIPMENT_STATUS] = c.SHIPMENT_STATUS_DELIVERED
        order[c.ORDER_SHIPMENT_STATUS] = c.SHIPMENT_STATUS_DELIVERED
        self._order_changed(order, c.STATUS_DELIVERED, c.EVENT_ORDER_DELIVERED, when=delivered_at)
        return self._render(order)

    def cancel(self, order_id: str) -> dict[str, Any]:
        """Cancel (GlobalStatus CANCELLED, CancelledDate); cancelling twice changes nothing."""
        order = self._get_order(order_id)
        if order[c.ORDER_GLOBAL_STATUS] != c.STATUS_CANCELLED:
            order[c.ORDER_CANCELLED_DATE] = self.now()
            self._order_changed(order, c.STATUS_CANCELLED, c.EVENT_ORDER_CANCELLED)
        return self._render(order)

    def restate(self, order_id: str, fields: dict[str, Any], *, event: str = "OrderChanged") -> dict[str, Any]:
        """Give an order other data as the store's own back office could (tests replay real-shaped
        orders this way), keeping its ids, and feed the order queue."""
        order = self._get_order(order_id)
        kept = {k: order[k] for k in (c.ORDER_ID, c.FIELD_ORIGINAL_ORDER_ID, c.ORDER_NUMBER, c.ORDER_PROPERTIES)}
        order.update(copy.deepcopy(fields))
        order.update(kept)
        self._enqueue(self.order_queue_id, c.ORDER_QUEUE_ENTITY_KEY, order[c.ORDER_ID], c.ORDER_ENTITY_TYPE, event)
        return self._render(order)

    def queue_items(self, queue_id: int | None = None) -> list[dict[str, Any]]:
        """Items not yet dequeued (all queues, or one), rendered."""
        return [
            self._render(i) for i in self._queue.values() if queue_id is None or i[c.KEY_QUEUE_ID] == queue_id
        ]

    def _get_order(self, order_id: str, *, forbid_cancelled: bool = False) -> dict[str, Any]:
        order = self._orders.get(c.parse_guid(order_id) or order_id)
        if order is None:
            raise KeyError(f"unknown order {order_id}")
        if forbid_cancelled and order[c.ORDER_GLOBAL_STATUS] == c.STATUS_CANCELLED:
            raise Conflict(f"order {order_id} is cancelled")
        return order

    def _nfe_key(self, issued: datetime, series: str, number: str) -> str:
        """A well-formed 44-digit NF-e access key (UF 35, model 55, check digit mod 11)."""
        local = issued.astimezone(STORE_TZ)
        body = (
            f"35{local:%y%m}{STORE_CNPJ}55{int(series):03d}{int(number):09d}1"
            f"{self._ids.randrange(10**8):08d}"
        )
        weights = [2, 3, 4, 5, 6, 7, 8, 9]
        total = sum(int(d) * weights[i % 8] for i, d in enumerate(reversed(body)))
        remainder = total % 11
        return body + str(0 if remainder < 2 else 11 - remainder)

    # -- the catalogue --------------------------------------------------------------------------
    def products(self) -> list[dict[str, Any]]:
        """Every product in the L8 shape."""
        return [self._render_product(p) for p in self._products.values()]

    def product(self, product_id: int) -> dict[str, Any]:
        return self._render_product(self._get_product_def(product_id))

    def add_sku(
        self,
        sku: str,
        *,
        product_id: int | None = None,
        name: str | None = None,
        list_price: float = 59.9,
        retail_price: float | None = None,
        stock: int = 10,
        options: Iterable[tuple[str, str]] = (),
    ) -> int:
        """Register a SKU (so a refused order can be re-sent); returns its ProductID.

        With ``product_id`` of an existing product the SKU becomes one more variation of it;
        otherwise a new single-SKU product is created.
        """
        if sku in self._skus:
            raise Conflict(f"SKU {sku} already exists")
        product = self._products.get(product_id) if product_id is not None else None
        if product is None:
            new_id = product_id if product_id is not None else max(self._products, default=0) + 1
            product = SimProduct(
                product_id=new_id,
                integration_id=sku,
                name=name or sku,
                brand="Marca X",
                category="Diversos",
                modified=self.now(),
                description=f"<p>{name or sku}</p>",
            )
            self._products[new_id] = product
        product.skus.append(
            SimSku(
                sku_id=product.product_id * 100 + len(product.skus) + 1,
                sku=sku,
                name=name or sku,
                ean="",
                list_price=list_price,
                retail_price=list_price if retail_price is None else retail_price,
                options=list(options),
                stock={WAREHOUSES[0]: stock, WAREHOUSES[1]: 0},
            )
        )
        self._skus = self._sku_index()
        self._product_changed(product)
        return product.product_id

    def change_product(self, product_id: int, **changes: Any) -> None:
        """Change product fields (see PRODUCT_CHANGES) and feed the product queue."""
        product = self._get_product_def(product_id)
        unknown = set(changes) - set(PRODUCT_CHANGES)
        if unknown:
            raise ValueError(
                f"cannot change {', '.join(sorted(unknown))}; allowed: {', '.join(PRODUCT_CHANGES)}"
            )
        for name, value in changes.items():
            setattr(product, name, value)
        self._product_changed(product)

    def set_stock(self, sku: str, warehouse_id: int, qty: int) -> None:
        product, sim_sku = self._get_sku(sku)
        sim_sku.stock[int(warehouse_id)] = int(qty)
        self._product_changed(product)

    def set_price(
        self, sku: str, *, list_price: float | None = None, retail_price: float | None = None
    ) -> None:
        product, sim_sku = self._get_sku(sku)
        if list_price is not None:
            sim_sku.list_price = float(list_price)
        if retail_price is not None:
            sim_sku.retail_price = float(retail_price)
        self._product_changed(product)

    def deactivate(self, product_id: int | None = None, *, sku: str | None = None) -> None:
        """Deactivate a whole product, or one SKU (``sku=``)."""
        if (product_id is None) == (sku is None):
            raise ValueError("give either a product_id or a sku")
        if sku is not None:
            product, sim_sku = self._get_sku(sku)
            sim_sku.active = False
        elif product_id is not None:  # always, when no sku (checked above)
            product = self._get_product_def(product_id)
            product.active = False
        self._product_changed(product)

    def _get_product_def(self, product_id: int) -> SimProduct:
        product = self._products.get(int(product_id))
        if product is None:
            raise KeyError(f"unknown product {product_id}")
        return product

    def _get_sku(self, sku: str) -> tuple[SimProduct, SimSku]:
        for product in self._products.values():
            for sim_sku in product.skus:
                if sim_sku.sku == sku:
                    return product, sim_sku
        raise KeyError(f"unknown SKU {sku}")

    def _sku_index(self) -> dict[str, SimSku]:
        """SKU code → SimSku over the whole catalogue (kept in ``self._skus``: the SKUs only
        change in ``__init__`` and :meth:`add_sku`, which rebuild it)."""
        return {s.sku: s for p in self._products.values() for s in p.skus}

    # ===========================================================================================
    # Admin routes
    # ===========================================================================================
    async def _admin_list_orders(self, request: Request, params: dict[str, str]) -> Reply:
        original_id, brand = request.query.get("original_id"), request.query.get("brand")
        original_id = c.parse_guid(original_id) or original_id
        orders = [
            o for o in self.orders()
            if (original_id is None or o.get(c.FIELD_ORIGINAL_ORDER_ID) == original_id)
            and (brand is None or o.get(c.FIELD_MARKETPLACE_BRAND) == brand)
        ]
        return Reply(200, orders)

    async def _admin_get_order(self, request: Request, params: dict[str, str]) -> Reply:
        return _admin_call(lambda: self.order(params["order_id"]))

    async def _admin_add_foreign_order(self, request: Request, params: dict[str, str]) -> Reply:
        def add() -> dict[str, Any]:
            kwargs = _kwargs(request, ("original_order_id", "brand", "sku", "qty", "website_id", "pluggto_id"))
            return {c.ORDER_ID: self.add_foreign_order(**kwargs)}

        return _admin_call(add)

    def _admin_order_action(self, action: Callable[..., dict[str, Any]], names: tuple[str, ...]):
        """An admin route running ``action(order_id, **fields of the JSON body)``."""

        async def handler(request: Request, params: dict[str, str]) -> Reply:
            return _admin_call(lambda: action(params["order_id"], **_kwargs(request, names)))

        return handler

    async def _admin_async(self, run: Callable[[], Any]) -> Reply:
        return _admin_call(run)

    async def _admin_duplicates(self, request: Request, params: dict[str, str]) -> Reply:
        rows = [
            {"original_order_id": o, "brand": b, "marketplace_order_number": self._number_of(o, b), "count": n}
            for (o, b), n in self.duplicates().items()
        ]
        return Reply(200, rows)

    async def _admin_catalogue(self, request: Request, params: dict[str, str]) -> Reply:
        return Reply(200, self.products())

    async def _admin_add_sku(self, request: Request, params: dict[str, str]) -> Reply:
        def add() -> dict[str, Any]:
            kwargs = _kwargs(request, ("sku", "product_id", "name", "list_price", "retail_price", "stock"))
            if "sku" not in kwargs:
                raise ValueError("sku is required")
            return {c.PRODUCT_ID: self.add_sku(kwargs.pop("sku"), **kwargs)}

        return _admin_call(add)

    async def _admin_change_product(self, request: Request, params: dict[str, str]) -> Reply:
        def run() -> dict[str, Any]:
            self.change_product(_int_param(params), **_kwargs(request, PRODUCT_CHANGES))
            return self.product(_int_param(params))

        return _admin_call(run)

    async def _admin_set_stock(self, request: Request, params: dict[str, str]) -> Reply:
        def run() -> dict[str, Any]:
            kwargs = _kwargs(request, ("sku", "warehouse_id", "qty"))
            if "qty" not in kwargs:
                raise ValueError("qty is required")
            warehouse = kwargs.get("warehouse_id", WAREHOUSES[0])
            self.set_stock(self._admin_sku(params, kwargs), warehouse, kwargs["qty"])
            return self.product(_int_param(params))

        return _admin_call(run)

    async def _admin_set_price(self, request: Request, params: dict[str, str]) -> Reply:
        def run() -> dict[str, Any]:
            kwargs = _kwargs(request, ("sku", "list_price", "retail_price"))
            self.set_price(
                self._admin_sku(params, kwargs),
                list_price=kwargs.get("list_price"),
                retail_price=kwargs.get("retail_price"),
            )
            return self.product(_int_param(params))

        return _admin_call(run)

    async def _admin_deactivate(self, request: Request, params: dict[str, str]) -> Reply:
        def run() -> dict[str, Any]:
            kwargs = _kwargs(request, ("sku",))
            if "sku" in kwargs:
                self._admin_sku(params, kwargs)  # checks the SKU belongs to the product
                self.deactivate(sku=kwargs["sku"])
            else:
                self.deactivate(_int_param(params))
            return self.product(_int_param(params))

        return _admin_call(run)

    def _admin_sku(self, params: dict[str, str], kwargs: dict[str, Any]) -> str:
        """The SKU an admin product route acts on: the body's, or the product's only one."""
        product = self._get_product_def(_int_param(params))
        codes = [s.sku for s in product.skus]
        sku = kwargs.pop("sku", None)
        if sku is None:
            if len(codes) != 1:
                raise ValueError(f"product {product.product_id} has {len(codes)} SKUs: say which (sku)")
            return codes[0]
        if sku not in codes:
            raise KeyError(f"SKU {sku} is not in product {product.product_id}")
        return sku

    async def _admin_queue(self, request: Request, params: dict[str, str]) -> Reply:
        queue_id = request.query.get("queue_id")
        if queue_id is not None and not queue_id.isdigit():
            return Reply(400, {"error": True, "details": "queue_id must be a number"})
        return Reply(200, self.queue_items(int(queue_id) if queue_id is not None else None))

    async def _admin_date_style(self, request: Request, params: dict[str, str]) -> Reply:
        def run() -> dict[str, str]:
            self.date_style = _kwargs(request, ("style",)).get("style", "")
            return {"style": self.date_style}

        return _admin_call(run)


# --- helpers ------------------------------------------------------------------------------------
def _error(key: str, code: str, message: str) -> dict[str, str]:
    return {c.KEY_ERROR_KEY: key, c.KEY_ERROR_CODE: code, c.KEY_ERROR_MESSAGE: message}


def _ok(*, warnings: list[str] | None = None, **fields: Any) -> dict[str, Any]:
    return {**fields, c.KEY_IS_VALID: True, c.KEY_ERRORS: [], c.KEY_WARNINGS: list(warnings or [])}


def _invalid(*errors: dict[str, str]) -> dict[str, Any]:
    return {c.KEY_IS_VALID: False, c.KEY_ERRORS: list(errors), c.KEY_WARNINGS: []}


def _object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise Invalid("", c.ERROR_INVALID_VALUE, "O corpo deve ser um objeto JSON")
    return body


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(key, c.ERROR_INVALID_VALUE, f"{key} deve ser um texto")
    return value


def _number(container: dict[str, Any], key: str, default: float | None = None) -> float | None:
    """The number under ``key``; ``default`` when absent; ``None`` when not a number."""
    if key not in container or container[key] is None:
        return default
    value = container[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _page(body: dict[str, Any]) -> tuple[int, int]:
    page = body.get(c.KEY_PAGE) or {}
    if not isinstance(page, dict):
        raise Invalid(c.KEY_PAGE, c.ERROR_INVALID_VALUE, "Page deve ser um objeto")
    index, size = page.get(c.KEY_PAGE_INDEX, 0), page.get(c.KEY_PAGE_SIZE, 50)
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise Invalid(f"{c.KEY_PAGE}.{c.KEY_PAGE_INDEX}", c.ERROR_INVALID_VALUE, "PageIndex inválido")
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_PAGE_SIZE:
        message = f"PageSize deve estar entre 1 e {MAX_PAGE_SIZE}"
        raise Invalid(f"{c.KEY_PAGE}.{c.KEY_PAGE_SIZE}", c.ERROR_INVALID_VALUE, message)
    return index, size


def _queue_id(body: dict[str, Any]) -> int:
    queue_id = body.get(c.KEY_QUEUE_ID)
    if not isinstance(queue_id, int) or isinstance(queue_id, bool):
        raise Invalid(c.KEY_QUEUE_ID, c.ERROR_INVALID_VALUE, "QueueID deve ser um número")
    return queue_id


def _is_int(value: Any, *, optional: bool = False) -> bool:
    """An Int32 as a JSON deserializer takes it: a whole number (never text or a boolean)."""
    if value is None:
        return optional
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _property(order: dict[str, Any], name: str) -> Any:
    for prop in order.get(c.ORDER_PROPERTIES) or []:
        if isinstance(prop, dict) and prop.get(c.ORDER_PROPERTY_NAME) == name:
            return prop.get(c.ORDER_PROPERTY_VALUE)
    return None


def _pair(order: dict[str, Any]) -> tuple[Any, Any]:
    """An order's marketplace identity: (OriginalOrderID, MarketPlaceBrand)."""
    return order.get(c.FIELD_ORIGINAL_ORDER_ID), order.get(c.FIELD_MARKETPLACE_BRAND)


def _sort_key(value: Any) -> tuple[bool, Any]:
    return (value is None, value if value is not None else 0)


def _product_fields(p: SimProduct) -> dict[str, Any]:
    """What Where / OrderBy see of a product."""
    return {
        c.PRODUCT_ID: p.product_id,
        c.PRODUCT_INTEGRATION_ID: p.integration_id,
        c.PRODUCT_NAME: p.name,
        c.PRODUCT_BRAND: p.brand,
        c.PRODUCT_IS_ACTIVE: p.active,
        c.PRODUCT_MODIFIED_DATE: p.modified,
    }


def _int_param(params: dict[str, str]) -> int:
    value = params["product_id"]
    if not value.isdigit():
        raise KeyError(f"unknown product {value}")
    return int(value)


def _kwargs(request: Request, names: Iterable[str]) -> dict[str, Any]:
    """The allowed keys of an admin request's JSON object body (empty body = no keys).

    Keys ending in ``_at`` are dates: ISO-8601 or WCF text.
    """
    if not request.body.strip():
        return {}
    body = request.json()  # ValueError → 400 in _admin_call
    if not isinstance(body, dict):
        raise ValueError("expected a JSON object")
    allowed = set(names)
    unknown = set(body) - allowed
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
    kwargs = dict(body)
    for name, value in kwargs.items():
        if name.endswith("_at") and value is not None:
            parsed = parse_date(value)
            if parsed is None:
                raise ValueError(f"{name} is not a date")
            kwargs[name] = parsed
    return kwargs


def _admin_call(run: Callable[[], Any]) -> Reply:
    """Run an admin action: KeyError → 404, Conflict → 409, ValueError/TypeError → 400."""
    try:
        return Reply(200, run())
    except KeyError as exc:
        return Reply(404, {"error": True, "details": str(exc.args[0] if exc.args else exc)})
    except Conflict as exc:
        return Reply(409, {"error": True, "details": str(exc)})
    except (ValueError, TypeError) as exc:
        return Reply(400, {"error": True, "details": str(exc)})
