"""A local Plug.to: the API behaviours the connector relies on (docs/pluggto-contract.md §8).

Serve it with ``RunningServer(PluggtoSimulator())`` or use it in-process with
``httpx.AsyncClient(transport=sim.transport(), base_url="http://pluggto.test")``.

Behaviour, in short:

* ``POST /oauth/token`` — form-encoded only (JSON → 400 ``invalid_request``); ``password``,
  ``refresh_token`` and ``authorization_code`` grants; 40-hex tokens; access tokens live
  ``token_ttl`` seconds on the injectable ``clock``; refresh tokens are single-use and rotate;
  errors are OAuth JSON ``{"code": 400, "error", "error_description"}`` (§1.4).
* Resources accept the token as ``Authorization: Bearer`` or ``?access_token=``; both at once →
  400 ``invalid_request`` (``reject_double_token``); missing, unknown or expired → 401.
  ``auth_locations`` counts where tokens came from (``header``/``query``/``both``/``none``).
* Orders: list with filters and the ``next`` id cursor, get, partial PUT (shipments matched by
  ``id``, appended without one; ``log_history`` appended; no change → 400 ``not_updated``).
* Products: ``/skus/{sku}`` (GET, PUT upsert, DELETE), ``/skus/{sku}/stock``, ``/products``
  (list, POST → 201), ``/products/{id}`` (GET, PUT, DELETE), ``/products/tabledata``. SKUs in
  ``reject_skus`` are refused with 400 ``invalid_product``.
* One fault beyond the base ones: ``empty_body_rate`` (optionally limited to
  ``empty_body_ops``) lets the operation run, then answers 2xx with an empty body.
* Every change queues a notification ``{type, id, action, user, changes}`` in ``notifications``
  (the full history) and hands it to ``notifier`` when one is set (see notifier.py).

Operation names (for ``counters`` and ``Faults.only_ops``):

====================  =============================
``oauth.token``       POST /oauth/token
``orders.list``       GET /orders
``orders.get``        GET /orders/{id}
``orders.update``     PUT /orders/{id}
``skus.get``          GET /skus/{sku}
``skus.put``          PUT /skus/{sku}
``skus.delete``       DELETE /skus/{sku}
``skus.stock``        PUT /skus/{sku}/stock
``products.list``     GET /products
``products.create``   POST /products
``products.tabledata`` GET /products/tabledata
``products.get``      GET /products/{id}
``products.update``   PUT /products/{id}
``products.delete``   DELETE /products/{id}
====================  =============================

Admin routes (never counted nor faulted), besides the base ``/_sim/faults`` and
``/_sim/counters``:

* ``POST /_sim/orders`` — a list of orders, ``{"orders": [...]}``, or ``{"generate": N,
  "seed": S}`` (plus optional ``status``, ``unknown_sku_share``); answers ``{"ids": [...]}``.
  Successive ``generate`` calls with one seed carry on its sequence (new marketplace orders).
* ``GET /_sim/orders/{id}`` — the order, no token needed.
* ``POST /_sim/orders/{id}/status`` — ``{"status": "canceled"}``: change it as the panel would.
* ``POST /_sim/orders/{id}/forget-ack`` — ``ack``/``external`` cleared: an acknowledgement lost.
* ``POST /_sim/tokens/revoke`` — ``{"include_refresh": false}``: every access token dies.
* ``POST /_sim/authorization_code`` — a fresh code for the ``authorization_code`` grant.
* ``GET/PUT /_sim/config`` — ``token_ttl``, ``refresh_ttl``, ``notify_url``, ``reject_skus``,
  ``reject_double_token``, ``include_user_id_in_token``, ``user_id``, ``empty_body_rate``,
  ``empty_body_ops``.
* ``GET /_sim/notifications`` — the notification history; ``GET /_sim/state`` — counts.

Why this module is long
-----------------------
It is one fake server: OAuth, orders, products and the admin routes above, each a handful of
lines over the same state (tokens, orders, SKUs, the notification history), read in sequence
as the operation table lists them. Split by resource, every part would need that state and the
auth check passed in, and one operation could no longer be read against docs/pluggto-contract.md
in one place. The shared plumbing (routing, faults, counters) is already ``base.py``'s and the
notification delivery ``notifier.py``'s.
"""

from __future__ import annotations

import copy
import functools
import random
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pluggto_desktop.asgi import Receive, Request, Scope, Send
from pluggto_desktop.simulator.base import Handler, Reply, SimulatorApp, _served_transport, basic_credentials
from pluggto_desktop.simulator.notifier import Notifier
from pluggto_desktop.simulator.orders_gen import DEFAULT_INTERVAL, EMPTY_SHIPMENT, generate_orders, iso_z

DEMO_CLIENT_ID = "5f3c1a9e7b2d4c6e8a0b1c2d3e4f5a6b"
DEMO_CLIENT_SECRET = "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d"
DEMO_USERNAME = "1624640222434"
DEMO_PASSWORD = "ZGVtby1zZW5oYS1kYS1hcGktcGx1Z2d0bw=="
DEMO_USER_ID = "129"

#: statuses Plug.to's SDK accepts (plugg-to/pluggto-php library/Order/ValidationOrderPlugg.php),
#: plus the ones its Magento module handles (mageshopOrganization/pluggto Model/Order.php:
#: partial_payment, refunded, picking and the partial_* family)
ORDER_STATUSES = frozenset(
    {
        "pending", "paid", "approved", "waiting_invoice", "invoiced", "invoice_error",
        "shipping_informed", "shipped", "shipping_error", "delivered", "canceled",
        "under_review", "partial_payment", "refunded", "picking", "partial_invoiced",
        "partial_shipped", "partial_delivered", "partial_canceled",
    }
)
DEFAULT_LIMIT = 100
MAX_LIMIT = 500
STOCK_ACTIONS = ("update", "increase", "decrease")

_ORDER_READ_ONLY = frozenset(
    {"id", "order_id", "created", "created_by", "modified", "modified_by", "user_id", "update"}
)
_PRODUCT_READ_ONLY = frozenset({"id", "sku", "created", "created_by", "modified", "modified_by", "user_id"})
_STOCK_FIELDS = frozenset({"quantity", "stock_table"})
_PRICE_FIELDS = frozenset({"price", "special_price", "price_table"})
_NOT_UPDATED_MESSAGE = "An error occurred, see details for more information."


class PluggtoSimulator(SimulatorApp):
    """The Plug.to API, in memory. See the module docstring for routes and operation names."""

    name = "pluggto"

    def __init__(
        self,
        *,
        client_id: str = DEMO_CLIENT_ID,
        client_secret: str = DEMO_CLIENT_SECRET,
        username: str = DEMO_USERNAME,
        password: str = DEMO_PASSWORD,
        user_id: str = DEMO_USER_ID,
        token_ttl: float = 3600.0,
        refresh_ttl: float = 14 * 86400.0,
        clock: Callable[[], float] = time.time,
        seed: int | None = None,
        reject_double_token: bool = True,
        include_user_id_in_token: bool = False,
        reject_skus: Iterable[str] = (),
        notifier: Notifier | None = None,
    ) -> None:
        super().__init__(seed=seed)
        self.client_id = client_id
        self.client_secret = client_secret
        self.username = username
        self.password = password
        self.user_id = user_id
        self._generated: dict[int, int] = {}  # per seed, how many orders `generate` has made
        self.token_ttl = token_ttl
        self.refresh_ttl = refresh_ttl
        self.clock = clock
        self.reject_double_token = reject_double_token
        self.include_user_id_in_token = include_user_id_in_token
        self.reject_skus: set[str] = set(reject_skus)
        self.notifier = notifier

        self.orders: dict[str, dict[str, Any]] = {}  # id → order, in insertion (= id) order
        self.products: dict[str, dict[str, Any]] = {}  # id → product
        self._sku_index: dict[str, str] = {}  # sku (product or variation) → product id
        self._sku_index_dirty = False
        self.notifications: list[dict[str, Any]] = []  # every notification emitted
        self.auth_locations: Counter[str] = Counter()  # header / query / both / none
        self.token_log: list[dict[str, str]] = []  # {grant_type, content_type, outcome}
        self.in_flight = 0
        self.peak_in_flight = 0
        # extra fault (docs/pluggto-contract.md §8): the operation runs, then a 2xx answer arrives
        # with an empty body; limited to ``empty_body_ops`` when set
        self.empty_body_rate = 0.0
        self.empty_body_ops: set[str] | None = None
        self._empty_rng = random.Random(seed)

        self._access_tokens: dict[str, float] = {}  # token → expires at (clock seconds)
        self._refresh_tokens: dict[str, float] = {}
        self._auth_codes: dict[str, float] = {}
        self._last_ts = 0
        self._seq = 0
        self._max_order_id = ""
        self._next_order_number = 1_000_001

        r = self.route
        r("POST", "/oauth/token", "oauth.token", self._token)
        r("GET", "/orders", "orders.list", self._authed(self._list_orders))
        r("GET", "/orders/{id}", "orders.get", self._authed(self._get_order))
        r("PUT", "/orders/{id}", "orders.update", self._authed(self._put_order))
        r("GET", "/skus/{sku}", "skus.get", self._authed(self._get_sku))
        r("PUT", "/skus/{sku}", "skus.put", self._authed(self._put_sku))
        r("DELETE", "/skus/{sku}", "skus.delete", self._authed(self._delete_sku))
        r("PUT", "/skus/{sku}/stock", "skus.stock", self._authed(self._put_stock))
        r("GET", "/products", "products.list", self._authed(self._list_products))
        r("POST", "/products", "products.create", self._authed(self._post_product))
        r("GET", "/products/tabledata", "products.tabledata", self._authed(self._tabledata))
        r("GET", "/products/{id}", "products.get", self._authed(self._get_product))
        r("PUT", "/products/{id}", "products.update", self._authed(self._put_product))
        r("DELETE", "/products/{id}", "products.delete", self._authed(self._delete_product))

        a = self.admin_route
        a("POST", "/_sim/orders", self._admin_add_orders)
        a("GET", "/_sim/orders/{id}", self._admin_get_order)
        a("POST", "/_sim/orders/{id}/status", self._admin_set_status)
        a("POST", "/_sim/orders/{id}/forget-ack", self._admin_forget_ack)
        a("POST", "/_sim/tokens/revoke", self._admin_revoke)
        a("POST", "/_sim/authorization_code", self._admin_auth_code)
        a("GET", "/_sim/config", self._admin_get_config)
        a("PUT", "/_sim/config", self._admin_put_config)
        a("GET", "/_sim/notifications", self._admin_notifications)
        a("GET", "/_sim/state", self._admin_state)

    # == Python API for tests and the demo ==========================================================
    def add_order(self, order: dict[str, Any], *, keep_id: bool = False, touch: bool = False,
                  notify: bool = True) -> dict[str, Any]:
        """Store a copy of ``order`` as a new Plug.to order and return the stored dict.

        A fresh id (greater than every existing one) is assigned unless ``keep_id``; ``touch``
        sets ``modified`` to now (an order that just arrived); missing basics are filled in.
        """
        stored = copy.deepcopy(order)
        if keep_id and stored.get("id"):
            if stored["id"] in self.orders:
                raise ValueError(f"order {stored['id']} already exists")
        else:
            stored["id"] = self._new_order_id()
        self._max_order_id = max(self._max_order_id, stored["id"])
        now = self._now_iso()
        if not stored.get("order_id"):
            stored["order_id"] = self._next_order_number
            self._next_order_number += 1
        stored.setdefault("user_id", self.user_id)
        stored.setdefault("status", "approved")
        stored.setdefault("created", now)
        if touch or not stored.get("modified"):
            stored["modified"] = now
        for key in ("items", "payments", "shipments", "status_history", "log_history"):
            stored.setdefault(key, [])
        for shipment in stored["shipments"]:
            if isinstance(shipment, dict) and not shipment.get("id"):
                shipment["id"] = self._new_id()
        self.orders[stored["id"]] = stored
        if notify:
            self._notify("orders", stored["id"], "created", status=True)
        return stored

    def add_orders(self, orders: Iterable[dict[str, Any]], **kwargs: Any) -> list[dict[str, Any]]:
        return [self.add_order(o, **kwargs) for o in orders]

    def set_status(self, order_id: str, status: str) -> dict[str, Any]:
        """Change an order's status as the marketplace/panel would (modifies + notification)."""
        order = self.orders[order_id]
        if status not in ORDER_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        self._apply_order_changes(order, {"status": status})
        return order

    def add_product(self, product: dict[str, Any], *, notify: bool = False) -> dict[str, Any]:
        """Store a product (its ``sku`` is required) and return the stored dict."""
        stored = self._new_product(product["sku"], product)
        if notify:
            self._notify("products", stored["id"], "created", stock=True, price=True)
        return stored

    def find_sku(self, sku: str) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        """``(product, variation or None)`` holding ``sku``, or None.

        Looked up in an index (a real hub has one: scanning a 20,000-SKU catalogue on every
        call would make the simulator, not the connector, the bottleneck of a benchmark). The
        index is kept up to date as products are created; after a change that could move SKUs
        around (a delete, a merge) it is rebuilt on the next miss.
        """
        found = self._lookup_sku(sku)
        if found is None and self._sku_index_dirty:
            self._rebuild_sku_index()
            found = self._lookup_sku(sku)
        return found

    def _lookup_sku(self, sku: str) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        product = self.products.get(self._sku_index.get(sku, ""))
        if product is None:
            return None
        if product.get("sku") == sku:
            return product, None
        for variation in product.get("variations") or []:
            if isinstance(variation, dict) and variation.get("sku") == sku:
                return product, variation
        return None  # the index was stale for this one: the caller rebuilds if it may be

    def _index_product(self, product: dict[str, Any]) -> None:
        self._sku_index[str(product.get("sku"))] = product["id"]
        for variation in product.get("variations") or []:
            if isinstance(variation, dict) and variation.get("sku"):
                self._sku_index.setdefault(str(variation["sku"]), product["id"])

    def _rebuild_sku_index(self) -> None:
        self._sku_index = {}
        for product in self.products.values():  # products first: a product sku wins
            self._sku_index[str(product.get("sku"))] = product["id"]
        for product in self.products.values():
            self._index_product(product)
        self._sku_index_dirty = False

    def revoke_all_tokens(self, *, include_refresh: bool = False) -> int:
        """Every access token stops working at once (as when they expire); with
        ``include_refresh``, refresh tokens die too. Returns how many tokens were revoked."""
        count = len(self._access_tokens)
        self._access_tokens.clear()
        if include_refresh:
            count += len(self._refresh_tokens)
            self._refresh_tokens.clear()
        return count

    def issue_authorization_code(self, ttl: float = 300.0) -> str:
        """A single-use ``pluggtocode`` for the authorization_code grant."""
        code = _hex40()
        self._auth_codes[code] = self.clock() + ttl
        return code

    def is_refresh_token_valid(self, token: str) -> bool:
        expires = self._refresh_tokens.get(token)
        return expires is not None and expires > self.clock()

    def is_access_token_valid(self, token: str) -> bool:
        expires = self._access_tokens.get(token)
        return expires is not None and expires > self.clock()

    async def set_notify_url(self, url: str | None) -> None:
        """Deliver notifications to ``url`` in the background (None: keep them in the outbox only)."""
        if self.notifier is not None:
            await self.notifier.aclose()
        self.notifier = Notifier(url, auto_drain=True) if url else None

    async def aclose(self) -> None:
        if self.notifier is not None:
            await self.notifier.aclose()

    # == ASGI: track concurrent requests (the client's concurrency bound is tested with it) ========
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        counted = scope.get("type") == "http" and not str(scope.get("path", "")).startswith("/_sim/")
        if not counted:
            await super().__call__(scope, receive, send)
            return
        if self._roll_empty_body(scope):
            send = _EmptyBodySend(send).send
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.in_flight -= 1

    def _roll_empty_body(self, scope: Scope) -> bool:
        if self.empty_body_rate <= 0:
            return False
        if self.empty_body_ops is not None and self._operation(scope) not in self.empty_body_ops:
            return False
        return self._empty_rng.random() < self.empty_body_rate

    def _operation(self, scope: Scope) -> str | None:
        method, path = scope.get("method", "GET"), scope.get("path", "")
        for route in self._routes:
            if route.method == method and route.pattern.match(path):
                return route.op
        return None

    # == OAuth =======================================================================================
    async def _token(self, request: Request, params: dict[str, str]) -> Reply:
        form = request.form() if request.content_type == "application/x-www-form-urlencoded" else {}
        grant = form.get("grant_type", "")

        def fail(error: str, description: str) -> Reply:
            self.token_log.append({"grant_type": grant, "content_type": request.content_type, "outcome": error})
            return _oauth_error(400, error, description)

        if request.content_type != "application/x-www-form-urlencoded":
            return fail("invalid_request", "Method must be POST with application/x-www-form-urlencoded encoding")
        if not grant:
            return fail("invalid_request", "Invalid or missing grant_type parameter")
        if grant not in ("password", "refresh_token", "authorization_code"):
            return fail("unsupported_grant_type", "Invalid or missing grant_type parameter")
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        basic = basic_credentials(request.headers.get("authorization", ""))
        if basic is not None:  # client credentials may also come as HTTP Basic
            client_id, client_secret = basic
        if not client_id:
            return fail("invalid_client", "Invalid or missing client_id parameter")
        if not (secrets.compare_digest(client_id, self.client_id)
                and secrets.compare_digest(client_secret or "", self.client_secret)):
            return fail("invalid_client", "The client credentials are invalid")

        now = self.clock()
        if grant == "password":
            username, password = form.get("username"), form.get("password")
            if not username or not password:
                return fail("invalid_request", 'Missing parameters. "username" and "password" are required')
            if not (secrets.compare_digest(username, self.username)
                    and secrets.compare_digest(password, self.password)):
                return fail("invalid_grant", "User credentials are invalid")
        elif grant == "refresh_token":
            refresh_token = form.get("refresh_token")
            if not refresh_token:
                return fail("invalid_request", 'No "refresh_token" parameter')
            expires = self._refresh_tokens.pop(refresh_token, None)  # single use
            if expires is None:
                return fail("invalid_grant", "Invalid refresh token")
            if expires <= now:
                return fail("invalid_grant", "Refresh token has expired")
        else:
            code = form.get("code")
            if not code:
                return fail("invalid_request", 'No "code" parameter')
            expires = self._auth_codes.pop(code, None)
            if expires is None:
                return fail("invalid_grant", "Invalid code")
            if expires <= now:
                return fail("invalid_grant", "Code has expired")

        access_token, refresh_token = _hex40(), _hex40()
        self._access_tokens[access_token] = now + self.token_ttl
        self._refresh_tokens[refresh_token] = now + self.refresh_ttl
        self.token_log.append({"grant_type": grant, "content_type": request.content_type, "outcome": "ok"})
        body: dict[str, Any] = {
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": int(self.token_ttl) if float(self.token_ttl).is_integer() else self.token_ttl,
            "refresh_token": refresh_token,
        }
        if self.include_user_id_in_token:
            body["user_id"] = self.user_id
        return Reply(200, body)

    def _authed(self, handler: Handler) -> Handler:
        async def checked(request: Request, params: dict[str, str]) -> Reply:
            refusal = self._check_token(request)
            if refusal is not None:
                return refusal
            return await handler(request, params)

        return checked

    def _check_token(self, request: Request) -> Reply | None:
        header = request.headers.get("authorization", "")
        header_token = header[7:].strip() if header[:7].lower() == "bearer " else ""
        query_token = request.query.get("access_token", "")
        if header_token and query_token:
            self.auth_locations["both"] += 1
            if self.reject_double_token:
                return _oauth_error(
                    400,
                    "invalid_request",
                    "Only one method may be used to authenticate at a time (Auth header, GET or POST).",
                )
        elif header_token:
            self.auth_locations["header"] += 1
        elif query_token:
            self.auth_locations["query"] += 1
        else:
            self.auth_locations["none"] += 1
            return _oauth_error(401, "invalid_request", "The access token was not found")
        if not self.is_access_token_valid(header_token or query_token):
            return _oauth_error(401, "invalid_token", "The access token provided is invalid.")
        return None

    # == Orders ======================================================================================
    async def _list_orders(self, request: Request, params: dict[str, str]) -> Reply:
        query = request.query
        try:
            limit = _limit(query.get("limit"))
            created = _parse_range(query["created"]) if query.get("created") else None
            modified = _parse_range(query["modified"]) if query.get("modified") else None
        except ValueError as exc:
            return _error(400, "invalid_request", str(exc))
        statuses = {s.strip() for s in query.get("status", "").split(",") if s.strip()}
        original_id = query.get("original_id")  # UNVERIFIED on the real API; the client re-checks
        rows = [
            o for o in self.orders.values()
            if (not statuses or o.get("status") in statuses)
            and (original_id is None or str(o.get("original_id") or "") == original_id)
            and _in_range(o.get("created"), created)
            and _in_range(o.get("modified"), modified)
        ]
        return self._page(rows, query, limit, "Order")

    async def _get_order(self, request: Request, params: dict[str, str]) -> Reply:
        order = self.orders.get(params["id"])
        if order is None:
            return _not_found("Order not found")
        return Reply(200, {"Order": order})

    async def _put_order(self, request: Request, params: dict[str, str]) -> Reply:
        order = self.orders.get(params["id"])
        if order is None:
            return _not_found("Order not found")
        body = _json_body(request, "Order")
        if body is None:
            return _error(400, "invalid_request", "The body must be a JSON object")
        problem = _order_problem(body)
        if problem:
            return _error(400, "invalid_order", problem)
        if not self._apply_order_changes(order, body):
            return _not_updated("Changes not found in the order")
        return Reply(200, {"Order": order})

    def _apply_order_changes(self, order: dict[str, Any], body: dict[str, Any]) -> bool:
        """Merge a partial order into ``order``; True when anything changed (then notify)."""
        changed = status_changed = False
        now = self._now_iso()
        for key, value in body.items():
            if key in _ORDER_READ_ONLY:
                continue
            if key == "status":
                if order.get("status") != value:
                    order["status"] = value
                    order.setdefault("status_history", []).append({"status": value, "date": now})
                    changed = status_changed = True
            elif key == "shipments":
                changed |= self._merge_shipments(order, value)
            elif key == "log_history":
                for entry in value:  # appended, never replaced
                    order.setdefault("log_history", []).append(dict(entry))
                    changed = True
            elif order.get(key) != value:
                order[key] = copy.deepcopy(value)
                changed = True
        if changed:
            order["modified"] = now
            self._notify("orders", order["id"], "updated", status=status_changed)
        return changed

    def _merge_shipments(self, order: dict[str, Any], shipments: list[dict[str, Any]]) -> bool:
        changed = False
        existing = order.setdefault("shipments", [])
        for incoming in shipments:
            match = next((s for s in existing if incoming.get("id") and s.get("id") == incoming["id"]), None)
            if match is None:
                # no (known) id: Plug.to adds a shipment — the duplicate the connector must avoid
                existing.append({**copy.deepcopy(EMPTY_SHIPMENT), **copy.deepcopy(incoming),
                                 "id": incoming.get("id") or self._new_id()})
                changed = True
                continue
            for key, value in incoming.items():
                if match.get(key) != value:
                    match[key] = copy.deepcopy(value)
                    changed = True
        return changed

    # == Products ====================================================================================
    async def _get_sku(self, request: Request, params: dict[str, str]) -> Reply:
        found = self.find_sku(params["sku"])
        if found is None:
            return _not_found("Product not found")
        return Reply(200, {"Product": found[0]})

    async def _put_sku(self, request: Request, params: dict[str, str]) -> Reply:
        sku = params["sku"]
        body = _json_body(request, "Product")
        if body is None:
            return _error(400, "invalid_request", "The body must be a JSON object")
        refusal = self._product_problem(sku, body)
        if refusal is not None:
            return refusal
        found = self.find_sku(sku)
        if found is None:
            product = self._new_product(sku, body)
            self._notify("products", product["id"], "created", stock=True, price=True)
            return Reply(200, {"Product": product})
        product, variation = found
        if variation is not None:  # PUT on a variation SKU updates that variation
            fields = {k: v for k, v in body.items() if k != "variations"}
            stock, price, changed = _merge_fields(variation, fields, _PRODUCT_READ_ONLY)
        else:
            stock, price, changed = self._merge_product(product, body)
        if not changed:
            return _not_updated("Changes not found in the document")
        self._touch_product(product, stock=stock, price=price)
        return Reply(200, {"Product": product})

    async def _delete_sku(self, request: Request, params: dict[str, str]) -> Reply:
        sku = params["sku"]
        found = self.find_sku(sku)
        if found is None:
            return _not_found("Product not found")
        product, variation = found
        self._sku_index_dirty = True
        if variation is None:
            del self.products[product["id"]]
        else:
            product["variations"] = [v for v in product["variations"] if v is not variation]
            product["modified"] = self._now_iso()
        self._notify("skus", sku, "deleted")
        return Reply(200, {"deleted": True, "sku": sku})

    async def _put_stock(self, request: Request, params: dict[str, str]) -> Reply:
        sku = params["sku"]
        body = _json_body(request, None)
        if body is None:
            return _error(400, "invalid_request", "The body must be a JSON object")
        action = body.get("action")
        quantity = _as_int(body.get("quantity"))
        if action not in STOCK_ACTIONS:
            return _error(400, "invalid_request", f"action must be one of {', '.join(STOCK_ACTIONS)}")
        if quantity is None or quantity < 0:
            return _error(400, "invalid_request", "quantity must be a whole number, 0 or more")
        found = self.find_sku(sku)
        if found is None:
            return _not_found("Product not found")
        product, variation = found
        target = variation if variation is not None else product
        old = _as_int(target.get("quantity")) or 0
        new = {"update": quantity, "increase": old + quantity, "decrease": max(0, old - quantity)}[action]
        if new == old and target.get("quantity") is not None:
            return _not_updated("Changes not found in the document")
        target["quantity"] = new
        self._touch_product(product, stock=True, price=False)
        return Reply(200, {"Product": product})

    async def _list_products(self, request: Request, params: dict[str, str]) -> Reply:
        query = request.query
        try:
            limit = _limit(query.get("limit"))
            modified = _parse_range(query["modified"]) if query.get("modified") else None
        except ValueError as exc:
            return _error(400, "invalid_request", str(exc))
        wanted_sku = query.get("sku") or query.get("bysku")
        rows = [
            p for p in self.products.values()
            if (not wanted_sku or p.get("sku") == wanted_sku) and _in_range(p.get("modified"), modified)
        ]
        return self._page(rows, query, limit, "Product")

    async def _tabledata(self, request: Request, params: dict[str, str]) -> Reply:
        try:
            limit = _limit(request.query.get("limit"))
        except ValueError as exc:
            return _error(400, "invalid_request", str(exc))
        cursor = request.query.get("next")
        rows = sorted((p for p in self.products.values() if not cursor or p["id"] > cursor), key=lambda p: p["id"])
        light = [
            {
                "id": p["id"], "sku": p.get("sku"), "price": p.get("price"),
                "special_price": p.get("special_price"), "quantity": p.get("quantity"),
                "variations": [
                    {k: v.get(k) for k in ("id", "sku", "price", "special_price", "quantity")}
                    for v in p.get("variations") or []
                ],
                "timestamp": p.get("modified"),
            }
            for p in rows[:limit]
        ]
        return Reply(200, {"Products": light})

    async def _get_product(self, request: Request, params: dict[str, str]) -> Reply:
        product = self.products.get(params["id"])
        if product is None:
            return _not_found("Product not found")
        return Reply(200, {"Product": product})

    async def _post_product(self, request: Request, params: dict[str, str]) -> Reply:
        body = _json_body(request, "Product")
        if body is None:
            return _error(400, "invalid_request", "The body must be a JSON object")
        sku = body.get("sku")
        if not isinstance(sku, str) or not sku:
            return _error(400, "invalid_product", "sku is required")
        refusal = self._product_problem(sku, body)
        if refusal is not None:
            return refusal
        if self.find_sku(sku) is not None:
            return _error(400, "duplicated_sku", f"SKU {sku} already exists")
        product = self._new_product(sku, body)
        self._notify("products", product["id"], "created", stock=True, price=True)
        return Reply(201, {"Product": product})

    async def _put_product(self, request: Request, params: dict[str, str]) -> Reply:
        product = self.products.get(params["id"])
        if product is None:
            return _not_found("Product not found")
        body = _json_body(request, "Product")
        if body is None:
            return _error(400, "invalid_request", "The body must be a JSON object")
        refusal = self._product_problem(product["sku"], body)
        if refusal is not None:
            return refusal
        stock, price, changed = self._merge_product(product, body)
        if not changed:
            return _not_updated("Changes not found in the document")
        self._touch_product(product, stock=stock, price=price)
        return Reply(200, {"Product": product})

    async def _delete_product(self, request: Request, params: dict[str, str]) -> Reply:
        product = self.products.pop(params["id"], None)
        if product is None:
            return _not_found("Product not found")
        self._sku_index_dirty = True
        self._notify("skus", product.get("sku"), "deleted")
        return Reply(200, {"deleted": True, "id": params["id"]})

    def _product_problem(self, sku: str, body: dict[str, Any]) -> Reply | None:
        if sku in self.reject_skus:
            return _error(400, "invalid_product", f"Product {sku} has invalid data: invalid EAN and categories")
        variations = body.get("variations")
        if variations is not None and (
            not isinstance(variations, list)
            or not all(isinstance(v, dict) and isinstance(v.get("sku"), str) and v["sku"] for v in variations)
        ):
            return _error(400, "invalid_product", "every variation needs a sku")
        return None

    def _new_product(self, sku: str, body: dict[str, Any]) -> dict[str, Any]:
        now = self._now_iso()
        product = {k: copy.deepcopy(v) for k, v in body.items() if k not in _PRODUCT_READ_ONLY}
        product.update(id=self._new_id(), sku=sku, user_id=self.user_id, created=now, modified=now)
        for variation in product.get("variations") or []:
            variation.setdefault("id", self._new_id())
        self.products[product["id"]] = product
        self._index_product(product)
        return product

    def _merge_product(self, product: dict[str, Any], body: dict[str, Any]) -> tuple[bool, bool, bool]:
        """Merge ``body`` into ``product``: ``(stock changed, price changed, anything changed)``.

        Variations are matched by ``sku``; unknown ones are added, missing ones are kept.
        """
        fields = {k: v for k, v in body.items() if k != "variations"}
        self._sku_index_dirty = True  # skus may move (a new variation, a renamed product)
        stock, price, changed = _merge_fields(product, fields, _PRODUCT_READ_ONLY)
        for incoming in body.get("variations") or []:
            current = next((v for v in product.setdefault("variations", []) if v.get("sku") == incoming["sku"]), None)
            if current is None:
                product["variations"].append({**copy.deepcopy(incoming), "id": self._new_id()})
                stock, price, changed = stock or "quantity" in incoming, price or "price" in incoming, True
                continue
            s, p, c = _merge_fields(current, incoming, _PRODUCT_READ_ONLY)
            stock, price, changed = stock or s, price or p, changed or c
        return stock, price, changed

    def _touch_product(self, product: dict[str, Any], *, stock: bool, price: bool) -> None:
        product["modified"] = self._now_iso()
        self._notify("products", product["id"], "updated", stock=stock, price=price)

    # == shared helpers ==============================================================================
    def _page(self, rows: list[dict[str, Any]], query: dict[str, str], limit: int, wrapper: str) -> Reply:
        """Apply ``next`` (records with a greater id), ``orderby``/``orderdirection``, ``limit``."""
        total = len(rows)
        cursor = query.get("next")
        if cursor:
            rows = [r for r in rows if str(r.get("id", "")) > cursor]
        order_by = query.get("orderby") or "id"
        if order_by not in ("id", "created", "modified"):
            order_by = "id"
        descending = (query.get("orderdirection") or "asc").lower() == "desc"
        rows = sorted(rows, key=lambda r: (_sort_key(r.get(order_by)), str(r.get("id"))), reverse=descending)
        page = rows[:limit]
        return Reply(200, {
            "total": total,
            "showing": len(page),
            "limit": limit,
            "result": [{wrapper: r} for r in page],
        })

    def _notify(self, kind: str, ident: Any, action: str, *, status: bool = False,
                stock: bool = False, price: bool = False) -> None:
        body = {
            "type": kind,
            "id": ident,
            "action": action,
            "user": int(self.user_id) if str(self.user_id).isdigit() else self.user_id,
            "changes": {"status": status, "stock": stock, "price": price},
        }
        self.notifications.append(body)
        if self.notifier is not None:
            self.notifier.send(body)

    def _now_iso(self) -> str:
        return iso_z(datetime.fromtimestamp(self.clock(), UTC))

    def _new_id(self) -> str:
        """24-hex, MongoDB-style: clock seconds then a counter, so ids grow with creation."""
        ts = max(int(self.clock()), self._last_ts)
        self._last_ts = ts
        self._seq += 1
        return f"{ts:08x}{self._seq:016x}"

    def _new_order_id(self) -> str:
        candidate = self._new_id()
        if candidate <= self._max_order_id:  # an order added with keep_id may be "in the future"
            candidate = f"{int(self._max_order_id, 16) + 1:024x}"
        return candidate

    # == admin routes ================================================================================
    async def _admin_add_orders(self, request: Request, params: dict[str, str]) -> Reply:
        try:
            body = request.json()
        except ValueError:
            return _error(400, "invalid_request", "malformed JSON")
        if isinstance(body, dict) and "generate" in body:
            count = _as_int(body.get("generate"))
            if count is None or not 0 <= count <= 10_000:
                return _error(400, "invalid_request", "generate must be a number from 0 to 10000")
            now = datetime.fromtimestamp(self.clock(), UTC)
            weights = {body["status"]: 1.0} if body.get("status") else None
            seed = _as_int(body.get("seed")) or 0
            # a seed's sequence carries on: a second call brings new marketplace orders, as a
            # real marketplace would, instead of the first call's orders under new Plug.to ids
            first = self._generated.get(seed, 0)
            self._generated[seed] = first + count
            orders = generate_orders(
                count,
                seed=seed,
                first_index=first,
                start=now - DEFAULT_INTERVAL * (first + count),
                user_id=self.user_id,
                status_weights=weights,
                unknown_sku_share=float(body.get("unknown_sku_share", 0.05)),
            )
            stored = [self.add_order(o, touch=True) for o in orders]
        else:
            given = body.get("orders") if isinstance(body, dict) and "orders" in body else body
            if isinstance(given, dict):
                given = [given]
            if not isinstance(given, list) or not all(isinstance(o, dict) for o in given):
                return _error(400, "invalid_request", "expected an order, a list of orders, or {\"generate\": N}")
            stored = [self.add_order(o, touch=True) for o in given]
        return Reply(200, {"ids": [o["id"] for o in stored], "count": len(stored)})

    async def _admin_get_order(self, request: Request, params: dict[str, str]) -> Reply:
        order = self.orders.get(params["id"])
        return Reply(200, {"Order": order}) if order else _not_found("Order not found")

    async def _admin_set_status(self, request: Request, params: dict[str, str]) -> Reply:
        if params["id"] not in self.orders:
            return _not_found("Order not found")
        body = _json_body(request, None) or {}
        try:
            order = self.set_status(params["id"], str(body.get("status", "")))
        except ValueError as exc:
            return _error(400, "invalid_order", str(exc))
        return Reply(200, {"Order": order})

    async def _admin_forget_ack(self, request: Request, params: dict[str, str]) -> Reply:
        order = self.orders.get(params["id"])
        if order is None:
            return _not_found("Order not found")
        order.update(ack=False, external=None)  # an acknowledgement that never arrived
        return Reply(200, {"Order": order})

    async def _admin_revoke(self, request: Request, params: dict[str, str]) -> Reply:
        body = _json_body(request, None) or {}
        return Reply(200, {"revoked": self.revoke_all_tokens(include_refresh=bool(body.get("include_refresh")))})

    async def _admin_auth_code(self, request: Request, params: dict[str, str]) -> Reply:
        return Reply(200, {"code": self.issue_authorization_code()})

    def _config(self) -> dict[str, Any]:
        return {
            "token_ttl": self.token_ttl,
            "refresh_ttl": self.refresh_ttl,
            "notify_url": self.notifier.url if self.notifier else None,
            "reject_skus": sorted(self.reject_skus),
            "reject_double_token": self.reject_double_token,
            "include_user_id_in_token": self.include_user_id_in_token,
            "user_id": self.user_id,
            "empty_body_rate": self.empty_body_rate,
            "empty_body_ops": sorted(self.empty_body_ops) if self.empty_body_ops is not None else None,
        }

    async def _admin_get_config(self, request: Request, params: dict[str, str]) -> Reply:
        return Reply(200, self._config())

    async def _admin_put_config(self, request: Request, params: dict[str, str]) -> Reply:
        body = _json_body(request, None)
        if body is None:
            return _error(400, "invalid_request", "expected a JSON object")
        unknown = set(body) - set(self._config())
        if unknown:
            return _error(400, "invalid_request", f"unknown setting(s): {', '.join(sorted(unknown))}")
        if "token_ttl" in body:
            self.token_ttl = float(body["token_ttl"])
        if "refresh_ttl" in body:
            self.refresh_ttl = float(body["refresh_ttl"])
        if "reject_skus" in body:
            self.reject_skus = set(body["reject_skus"] or [])
        if "reject_double_token" in body:
            self.reject_double_token = bool(body["reject_double_token"])
        if "include_user_id_in_token" in body:
            self.include_user_id_in_token = bool(body["include_user_id_in_token"])
        if "user_id" in body:
            self.user_id = str(body["user_id"])
        if "empty_body_rate" in body:
            self.empty_body_rate = float(body["empty_body_rate"])
        if "empty_body_ops" in body:
            ops = body["empty_body_ops"]
            self.empty_body_ops = set(ops) if ops is not None else None
        if "notify_url" in body:
            await self.set_notify_url(body["notify_url"] or None)
        return Reply(200, self._config())

    async def _admin_notifications(self, request: Request, params: dict[str, str]) -> Reply:
        pending = len(self.notifier.pending) if self.notifier else 0
        return Reply(200, {"notifications": self.notifications, "pending_delivery": pending})

    async def _admin_state(self, request: Request, params: dict[str, str]) -> Reply:
        return Reply(200, {
            "orders": len(self.orders),
            "products": len(self.products),
            "notifications": len(self.notifications),
            "auth_locations": dict(self.auth_locations),
            "peak_in_flight": self.peak_in_flight,
            "valid_access_tokens": sum(1 for t in self._access_tokens if self.is_access_token_valid(t)),
        })


# == module helpers =================================================================================


class _EmptyBodySend:
    """Wraps ASGI ``send`` so a 2xx answer goes out with an empty body.

    Keeps ``transport`` visible (``send.__self__.transport``) so the base class can still abort
    the connection for a simulated drop when served by uvicorn.
    """

    def __init__(self, send: Send) -> None:
        self._send = send
        self.transport = _served_transport(send)
        self._emptying = False

    async def send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start" and 200 <= message["status"] < 300:
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-length"]
            message = {**message, "headers": headers + [(b"content-length", b"0")]}
            self._emptying = True
        elif message["type"] == "http.response.body" and self._emptying:
            message = {**message, "body": b""}
        await self._send(message)



def _hex40() -> str:
    return secrets.token_hex(20)


def _oauth_error(status: int, error: str, description: str) -> Reply:
    return Reply(status, {"code": status, "error": error, "error_description": description})


def _error(status: int, kind: str, details: str) -> Reply:
    return Reply(status, {"error": True, "type": kind, "message": _NOT_UPDATED_MESSAGE, "details": details})


def _not_found(details: str) -> Reply:
    return Reply(404, {"error": True, "type": "not_found", "details": details})


def _not_updated(details: str) -> Reply:
    return _error(400, "not_updated", details)


def _json_body(request: Request, wrapper: str | None) -> dict[str, Any] | None:
    """The JSON object of the body, unwrapped from ``{wrapper: {...}}`` when sent that way."""
    try:
        body = request.json()
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(body, dict):
        return None
    if wrapper and set(body) == {wrapper} and isinstance(body[wrapper], dict):
        return body[wrapper]
    return body


def _order_problem(body: dict[str, Any]) -> str | None:
    """Why a PUT /orders body is invalid, or None (checked before anything is applied)."""
    if "status" in body and body["status"] not in ORDER_STATUSES:
        return f"Invalid status: {body['status']}"
    shipments = body.get("shipments")
    if shipments is not None and (not isinstance(shipments, list) or not all(isinstance(s, dict) for s in shipments)):
        return "shipments must be a list of objects"
    logs = body.get("log_history")
    if logs is not None and (
        not isinstance(logs, list) or not all(isinstance(e, dict) and e.get("message") for e in logs)
    ):
        return "log_history must be a list of {message, date}"
    return None


def _merge_fields(target: dict[str, Any], fields: dict[str, Any], read_only: frozenset[str]) -> tuple[bool, bool, bool]:
    stock = price = changed = False
    for key, value in fields.items():
        if key in read_only or target.get(key) == value:
            continue
        target[key] = copy.deepcopy(value)
        changed = True
        stock = stock or key in _STOCK_FIELDS
        price = price or key in _PRICE_FIELDS
    return stock, price, changed


def _limit(value: str | None) -> int:
    if not value:
        return DEFAULT_LIMIT
    try:
        limit = int(value)
    except ValueError:
        raise ValueError("limit must be a number") from None
    return max(1, min(MAX_LIMIT, limit))


def _parse_range(value: str) -> tuple[datetime, datetime]:
    """``<from>to<to>`` (dates or ISO datetimes, both ends inclusive); a single date is that day."""
    left, sep, right = value.partition("to")
    if not sep:
        right = left
    return _parse_bound(left, end=False), _parse_bound(right, end=True)


def _parse_bound(text: str, *, end: bool) -> datetime:
    text = text.strip().replace(" ", "+")  # a "+00:00" that arrived unencoded
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
            return moment + timedelta(days=1, microseconds=-1) if end else moment
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"invalid date in range: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse_when(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    return _parse_text_when(value)


@functools.lru_cache(maxsize=1 << 17)
def _parse_text_when(value: str) -> datetime | None:
    # Cached: a listing filters and sorts every order by its dates, page after page; parsing them
    # each time made the simulator, not the client, the slow side of the benchmarks.
    try:
        return _parse_bound(value, end=False)
    except ValueError:
        return None


def _in_range(value: Any, bounds: tuple[datetime, datetime] | None) -> bool:
    if bounds is None:
        return True
    when = _parse_when(value)
    return when is not None and bounds[0] <= when <= bounds[1]


def _sort_key(value: Any) -> str:
    when = _parse_when(value)
    return _iso(when) if when else str(value or "")


@functools.lru_cache(maxsize=1 << 17)
def _iso(when: datetime) -> str:
    return when.isoformat()


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None
