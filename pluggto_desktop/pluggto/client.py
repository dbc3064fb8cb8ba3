"""The Plug.to REST client (docs/pluggto-contract.md), on one ``httpx.AsyncClient``.

What every call gets:

* **Auth**: ``Authorization: Bearer <token>`` only — never ``?access_token=`` (sending both is
  refused by the server, see docs/pluggto-contract.md §1.3). Tokens come from :class:`TokenManager`. A 401
  triggers one re-authentication and one retry; a second 401 is a ``CredentialError("token")``.
* **Bounded concurrency**: at most ``max_concurrency`` requests in flight (token requests
  included), whatever the number of callers; a 429/503 pauses them all (``net.RemoteGate``).
* **Classification** (errors.py): transport errors and timeouts, 408/429/5xx and unreadable 200
  bodies → :class:`TransientError` (with ``retry_after``); 404 and other 4xx →
  :class:`BusinessError` with Plug.to's ``type`` / ``details``. A 400 ``not_updated`` answer to a
  PUT means "already there" and is a success (``UpdateResult(changed=False)``).
* **In-call retries** for idempotent calls (GETs and PUTs) through :func:`net.retrying`: three
  attempts with short waits. Longer outages go up to the engine as ``TransientError``. One PUT is
  *not* repeated blindly: a body carrying a shipment without ``id`` (Plug.to would append a second
  shipment if the first answer was merely lost).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

import httpx

from pluggto_desktop import net
from pluggto_desktop.domain.models import format_datetime
from pluggto_desktop.errors import BusinessError, CredentialError, TransientError
from pluggto_desktop.pluggto.auth import (
    REMOTE,
    TOKEN_PATH,
    PluggtoCredentials,
    TokenManager,
    TokenStore,
)

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.plugg.to"
DEFAULT_PAGE_SIZE = 100


@dataclass
class OrderPage:
    """One page of ``GET /orders``.

    ``orders`` are the unwrapped Order dicts; ``next_cursor`` is the id to pass as ``next`` for
    the following page, or None when this page held fewer than ``limit`` rows (the last one).
    """

    orders: list[dict[str, Any]]
    total: int | None
    next_cursor: str | None
    showing: int = 0
    limit: int = DEFAULT_PAGE_SIZE


@dataclass
class UpdateResult:
    """Outcome of a PUT: ``changed=False`` when Plug.to already held that data (``not_updated``)."""

    changed: bool
    order: dict[str, Any] | None = None  # the resource Plug.to sent back (order or product)


@dataclass
class _Resource:
    """What a path refers to, for error messages and reason codes."""

    kind: str  # "order", "sku", "other"
    ident: str = ""
    params: dict[str, Any] = field(default_factory=dict)


class PluggtoClient:
    """Async client of the Plug.to API. Use as ``async with PluggtoClient(...) as client:``."""

    def __init__(
        self,
        base_url: str,
        credentials: PluggtoCredentials,
        token_store: TokenStore,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout | float | None = None,
        max_concurrency: int = 4,
        clock: Callable[[], float] = time.time,
        retry_attempts: int = 3,
        backoff: net.Backoff | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        network: net.NetworkOptions | None = None,
        gate: net.RemoteGate | None = None,
    ) -> None:
        self._http = net.make_client(
            base_url.rstrip("/"),
            transport=transport,
            timeout=timeout,
            max_connections=max(1, max_concurrency),
            network=network,
        )
        self._semaphore = asyncio.Semaphore(max(1, max_concurrency))
        self._retry_attempts = max(1, retry_attempts)
        # one back-off (and jitter source) per client; net.retrying itself sends a Retry-After
        # longer than its max_wait up to the engine, which parks the job
        self._backoff = backoff or net.Backoff(base=0.5)
        self._sleep = sleep
        # a 429/503 pauses every call to Plug.to (token requests included), not just its caller
        self._gate = gate or net.RemoteGate(REMOTE, sleep=sleep)
        self._auth = TokenManager(credentials, token_store, self._post_token, clock=clock)

    # -- life cycle -----------------------------------------------------------------------------
    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> PluggtoClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    @property
    def user_id(self) -> str | None:
        """Plug.to user id, when the token response carried one (else None)."""
        return self._auth.user_id

    # -- auth -----------------------------------------------------------------------------------
    async def authenticate(self) -> None:
        """Sign in now with the four credentials (the "Testar conexão" button).

        Raises CredentialError naming the wrong credential, TransientError when unreachable.
        """
        await self._retry(self._auth.sign_in)

    async def _post_token(self, form: dict[str, str]) -> httpx.Response:
        async with self._semaphore:
            await self._gate.wait()
            # ``data=`` makes httpx send application/x-www-form-urlencoded, as Plug.to requires
            response = await self._http.post(TOKEN_PATH, data=form)
        self._gate.observe(response)
        return response

    # -- orders ---------------------------------------------------------------------------------
    async def list_orders(
        self,
        *,
        status: str | Iterable[str] | None = None,
        modified: tuple[datetime, datetime] | None = None,
        created: tuple[datetime, datetime] | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        next: str | None = None,  # Plug.to's parameter name
        original_id: str | None = None,
    ) -> OrderPage:
        """One page of orders; pass ``page.next_cursor`` as ``next`` for the following one."""
        params: dict[str, str] = {"limit": str(limit)}
        if original_id:
            params["original_id"] = original_id
        if status:
            params["status"] = status if isinstance(status, str) else ",".join(status)
        if modified is not None:
            params["modified"] = format_range(modified)
        if created is not None:
            params["created"] = format_range(created)
        if next:
            params["next"] = next
        payload = await self._get_json("/orders", _Resource("other"), params=params)
        rows = payload.get("result") or []
        if not isinstance(rows, list):
            raise TransientError("Plug.to answered the order list with an unreadable body", remote=REMOTE)
        orders = [_unwrap(row, "Order") for row in rows if isinstance(row, dict)]
        # the server may cap the page size below what we asked (it echoes the limit it used)
        page_limit = min(limit, _as_int(payload.get("limit")) or limit)
        cursor = None
        if len(rows) >= page_limit and orders and orders[-1].get("id"):
            cursor = str(orders[-1]["id"])
        return OrderPage(
            orders=orders,
            total=_as_int(payload.get("total")),
            next_cursor=cursor,
            showing=_as_int(payload.get("showing")) or len(orders),
            limit=page_limit,
        )

    async def iter_orders(
        self,
        *,
        status: str | Iterable[str] | None = None,
        modified: tuple[datetime, datetime] | None = None,
        created: tuple[datetime, datetime] | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        next: str | None = None,
    ) -> AsyncIterator[OrderPage]:
        """Every page of a search, following the ``next`` cursor until a short page."""
        status_list = status if status is None or isinstance(status, str) else list(status)
        cursor = next
        while True:
            page = await self.list_orders(
                status=status_list, modified=modified, created=created, limit=limit, next=cursor
            )
            yield page
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def find_orders_by_marketplace_number(self, number: str, *, limit: int = DEFAULT_PAGE_SIZE
                                                ) -> list[dict[str, Any]]:
        """Orders whose ``original_id`` (the marketplace's number) is ``number``.

        No public client shows an ``original_id`` filter on ``GET /orders`` (docs/pluggto-contract.md §2.2
        lists status/created/modified), so it is sent and the answer is still checked order by
        order: a server that ignores the filter gives a page of other orders, none of which
        matches, never a wrong one.
        """
        page = await self.list_orders(original_id=number, limit=limit)
        return [order for order in page.orders if str(order.get("original_id") or "").strip() == number]

    async def get_order(self, order_id: str) -> dict[str, Any]:
        """One order (unwrapped). 404 → BusinessError ``pluggto_order_not_found``."""
        resource = _Resource("order", order_id, {"pluggto_id": order_id})
        payload = await self._get_json(f"/orders/{_segment(order_id)}", resource)
        return _unwrap(payload, "Order")

    async def update_order(self, order_id: str, body: dict[str, Any]) -> UpdateResult:
        """``PUT /orders/{id}`` with only the changed fields; ``not_updated`` → ``changed=False``.

        Always echo the existing ``shipments[].id``: a shipment without ``id`` is *added*.
        """
        resource = _Resource("order", order_id, {"pluggto_id": order_id})
        return await self._put(f"/orders/{_segment(order_id)}", body, resource, "Order")

    async def ack_order(self, order_id: str, external: str) -> UpdateResult:
        """Tell Plug.to the order is imported; ``external`` is the store's OrderID (the Linx GUID:
        what the app finds the store order by later), not its readable number."""
        return await self.update_order(order_id, {"external": external, "ack": True})

    async def add_log_history(self, order_id: str, message: str, date: datetime) -> UpdateResult:
        """Append a line to the order's log in the Plug.to panel."""
        entry = {"message": message, "date": format_datetime(date)}
        return await self.update_order(order_id, {"log_history": [entry]})

    # -- products -------------------------------------------------------------------------------
    async def get_sku(self, sku: str) -> dict[str, Any] | None:
        """The product holding ``sku`` (unwrapped), or None when Plug.to does not know it."""
        resource = _Resource("sku", sku, {"sku": sku})
        try:
            payload = await self._get_json(f"/skus/{_segment(sku)}", resource)
        except BusinessError as exc:
            if exc.status == 404:
                return None
            raise
        return _unwrap(payload, "Product")

    async def upsert_sku(self, sku: str, product: dict[str, Any]) -> UpdateResult:
        """Create or update a product by SKU (variations inside)."""
        resource = _Resource("sku", sku, {"sku": sku})
        return await self._put(f"/skus/{_segment(sku)}", product, resource, "Product")

    async def update_stock(self, sku: str, quantity: int) -> UpdateResult:
        """Set the absolute stock of ``sku`` (``action: update``, never increase/decrease)."""
        resource = _Resource("sku", sku, {"sku": sku})
        body = {"action": "update", "quantity": int(quantity)}
        return await self._put(f"/skus/{_segment(sku)}/stock", body, resource, "Product")

    # -- plumbing -------------------------------------------------------------------------------
    async def _get_json(
        self, path: str, resource: _Resource, *, params: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """GET with in-call retries; an unreadable body is retried like any transient failure."""

        async def once() -> dict[str, Any]:
            return _json_object(await self._send("GET", path, resource, params=params))

        return await self._retry(once)

    async def _put(
        self, path: str, body: dict[str, Any], resource: _Resource, wrapper: str
    ) -> UpdateResult:
        async def once() -> UpdateResult:
            response = await self._send("PUT", path, resource, body=body, not_updated_ok=True)
            if response.status_code == 400:  # _send only lets through a 400 that is not_updated
                return UpdateResult(changed=False, order=None)
            return UpdateResult(changed=True, order=_unwrap(_json_object(response), wrapper))

        if _repeatable(body):
            return await self._retry(once)
        return await once()

    async def _retry(self, call: Callable[[], Awaitable[Any]]) -> Any:
        return await net.retrying(
            call, attempts=self._retry_attempts, backoff=self._backoff, sleep=self._sleep
        )

    async def _send(
        self,
        method: str,
        path: str,
        resource: _Resource,
        *,
        params: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
        not_updated_ok: bool = False,
    ) -> httpx.Response:
        """One authorised request. Returns a 2xx response (or a 400 ``not_updated`` when
        ``not_updated_ok``); raises a classified error for everything else."""
        token = await self._auth.token()
        response = await self._request(method, path, token, params=params, body=body)
        if response.status_code == 401:
            # expired or revoked: re-authenticate once, retry once
            log.info("Plug.to refused the access token on %s %s; re-authenticating", method, path)
            self._auth.invalidate(token)
            token = await self._auth.token()
            response = await self._request(method, path, token, params=params, body=body)
            if response.status_code == 401:
                raise CredentialError(
                    f"Plug.to refused a fresh access token on {method} {path} (HTTP 401)",
                    credential="token",
                    remote=REMOTE,
                    status=401,
                )
        status = response.status_code
        if status < 300:
            return response
        if net.is_transient_status(status):
            raise net.status_error(response, REMOTE)
        remote_type, details = _error_fields(response)
        if not_updated_ok and status == 400 and remote_type == "not_updated":
            return response
        raise _business_error(method, path, status, remote_type, details, resource)

    async def _request(
        self,
        method: str,
        path: str,
        token: str,
        *,
        params: dict[str, str] | None,
        body: dict[str, Any] | None,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"}
        try:
            async with self._semaphore:
                await self._gate.wait()  # a pause asked for by Plug.to holds back every call
                response = await self._http.request(method, path, params=params, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise net.transport_error(exc, REMOTE) from None
        self._gate.observe(response)
        return response


# -- helpers ------------------------------------------------------------------------------------


def format_range(bounds: tuple[datetime | date, datetime | date]) -> str:
    """A ``created``/``modified`` filter value: ``<from>to<to>`` (the literal text ``to``)."""
    start, end = bounds
    return f"{_format_bound(start)}to{_format_bound(end)}"


def _format_bound(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return format_datetime(value)
    return value.isoformat()


def _segment(value: str) -> str:
    """Percent-encode one path segment (a SKU may hold ``/``, ``#``, ``?`` or spaces)."""
    return quote(str(value), safe="")


def _repeatable(body: dict[str, Any]) -> bool:
    """May this PUT be sent again after a lost answer without changing the outcome?

    Plug.to appends a shipment that comes without ``id``, so repeating such a body would add a
    duplicate shipment; the engine re-reads the order before it tries again.
    """
    shipments = body.get("shipments")
    if isinstance(shipments, list):
        return all(isinstance(s, dict) and s.get("id") for s in shipments)
    return True


def _json_object(response: httpx.Response) -> dict[str, Any]:
    """The JSON object of a success answer; anything else is a (transient) broken answer."""
    payload = net.json_or_none(response)
    if not isinstance(payload, dict):
        raise TransientError(
            f"Plug.to answered HTTP {response.status_code} with an unreadable body",
            remote=REMOTE,
            status=response.status_code,
        )
    return payload


def _unwrap(payload: dict[str, Any], wrapper: str) -> dict[str, Any]:
    """``{"Order": {...}}`` → ``{...}`` (an unwrapped payload is accepted as is)."""
    inner = payload.get(wrapper)
    return inner if isinstance(inner, dict) else payload


def _error_fields(response: httpx.Response) -> tuple[str | None, Any]:
    """Plug.to's ``type`` and ``details`` from an error body (None when absent/unreadable)."""
    payload = net.json_or_none(response)
    if not isinstance(payload, dict):
        return None, None
    remote_type = payload.get("type") or payload.get("error")
    if not isinstance(remote_type, str):
        remote_type = None
    details = payload.get("details")
    if details is None:
        details = payload.get("message") or payload.get("error_description")
    return remote_type, details


def _details_text(details: Any) -> str:
    """A short readable text for ``details`` (a string, or an object such as ``{"errmsg": …}``)."""
    if details is None:
        return ""
    if isinstance(details, dict):
        for key in ("errmsg", "message", "details"):
            if isinstance(details.get(key), str):
                return details[key][:300]
    return str(details)[:300]


def _business_error(
    method: str,
    path: str,
    status: int,
    remote_type: str | None,
    details: Any,
    resource: _Resource,
) -> BusinessError:
    text = _details_text(details)
    params = {**resource.params, "type": remote_type or f"HTTP {status}", "details": text}
    described = f"{remote_type or 'no type'}" + (f": {text}" if text else "")
    if status == 404 and resource.kind == "order":
        code = "pluggto_order_not_found"
    elif resource.kind == "sku":
        code = "product_rejected"
    else:
        code = "pluggto_rejected"
    return BusinessError(
        f"Plug.to refused {method} {path} (HTTP {status} {described})",
        code=code,
        remote=REMOTE,
        status=status,
        remote_type=remote_type or ("not_found" if status == 404 else None),
        remote_details=details,
        params=params,
    )


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
