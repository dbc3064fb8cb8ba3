"""The Linx Commerce client: operations L1–L9 of docs/linx-contract.md, "Operations" over one httpx client.

Every call is ``POST <Operation.path>`` with a JSON body and HTTP Basic auth. Answers are sorted
into the three error kinds of :mod:`pluggto_desktop.errors`:

* HTTP 401 → :class:`CredentialError` (``credential="linx"``): stop and ask the user;
  HTTP 403 → ``credential="linx_permission"`` (the user exists but may not call this).
* 5xx, 429, 408, timeouts, dropped connections, malformed JSON → :class:`TransientError`
  (``retry_after`` from the ``Retry-After`` header); a 429/503 also pauses every call to the
  store for a while (``net.RemoteGate``).
* HTTP 200 with ``IsValid: false`` → :class:`BusinessError` carrying every ``Errors[]`` entry as a
  :class:`FieldError` and a reason ``code`` (``unknown_sku``, ``invalid_postal_code``… see
  :func:`classify_errors`); any other 4xx → ``BusinessError("linx_rejected")``.

Idempotent operations (searches, gets, dequeue, cancel) are retried a few times inside the call
(:func:`net.retrying`). ``SaveOrder`` never is: if its answer is lost the order may exist, and only
the engine — which searches for it first (L2) — may decide to send it again.

Every Linx name comes from :mod:`pluggto_desktop.linx.contract`. The password lives only inside
the ``httpx.BasicAuth`` object: it never appears in messages, exceptions or ``repr``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from pluggto_desktop import net
from pluggto_desktop.errors import BusinessError, CredentialError, FieldError, TransientError
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx import where as w

# the store's address rule has its own module: the settings' validation applies it too
from pluggto_desktop.linx.address import resolve_base_url

log = logging.getLogger(__name__)

REMOTE = "linx"
#: Pairs per L2 call in :meth:`LinxClient.find_orders`; keeps each ``Where`` a readable size.
FIND_BATCH = 50
#: QueueItemIDs per L6 call.
DEQUEUE_BATCH = 100


# --- Results ------------------------------------------------------------------------------------
@dataclass
class SearchPage:
    """One page of a Search* answer (``page_index`` is 0-based)."""

    results: list[dict[str, Any]]
    page_index: int
    page_size: int
    page_count: int
    record_count: int


@dataclass(frozen=True)
class SaveResult:
    """What SaveOrder (L3) answered for a created order."""

    order_id: str
    order_number: str
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QueueOrder:
    """One L5 entry: the order as it is now, and the queue item to dequeue once handled."""

    order: dict[str, Any]
    queue_item: dict[str, Any]

    @property
    def queue_item_id(self) -> int:
        return int(self.queue_item[c.QUEUE_ITEM_ID])


# --- Classifying IsValid:false ------------------------------------------------------------------
_ITEM_INDEX = re.compile(rf"^{re.escape(c.ORDER_ITEMS)}\[(\d+)\]")
_QUOTED = re.compile("'([^']+)'|\"([^\"]+)\"")  # 'X' or "X" in a message


def classify_errors(
    errors: list[FieldError], request_body: Any = None
) -> tuple[str, dict[str, Any]]:
    """Our reason code and its params for Linx's ``Errors[]`` (see domain/reasons.py).

    The first error we recognise decides; the rest still travel in ``field_errors``. An order
    refused for several reasons therefore gets the reason of its first recognised complaint.
    """
    for error in errors:
        code = error.code.upper()
        if code == c.ERROR_SKU_NOT_FOUND or error.key.endswith(f".{c.ITEM_SKU}"):
            return "unknown_sku", {"sku": _sku_of(error, request_body)}
        if code == c.ERROR_INVALID_POSTAL_CODE:
            return "invalid_postal_code", {"field": error.key, "value": _value_at(request_body, error.key)}
        if code == c.ERROR_INVALID_STATE:
            return "invalid_state", {"field": error.key, "value": _value_at(request_body, error.key)}
        if code == c.ERROR_REQUIRED and error.key == c.ORDER_CUSTOMER_NAME:
            return "missing_customer_name", {}
        if code == c.ERROR_EMPTY_ITEMS:
            return "empty_items", {}
        if code == c.ERROR_TOTALS_MISMATCH:
            return "totals_mismatch", {"details": error.message}
        if code == c.ERROR_ORDER_NOT_FOUND:
            return "linx_order_not_found", {"linx_order_id": _order_id_of(request_body)}
    return "linx_rejected", {"details": _details(errors)}


def _sku_of(error: FieldError, request_body: Any) -> str:
    """The refused SKU: from the request item the Key points at, else quoted in the message."""
    match = _ITEM_INDEX.match(error.key)
    if match and isinstance(request_body, dict):
        items = request_body.get(c.ORDER_ITEMS)
        index = int(match.group(1))
        if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
            sku = items[index].get(c.ITEM_SKU)
            if sku:
                return str(sku)
    quoted = _QUOTED.search(error.message)
    if quoted:
        return quoted.group(1) or quoted.group(2)
    return "?"


_PATH_PART = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")


def _value_at(request_body: Any, key: str) -> str:
    """What the request held at an ``Errors[].Key`` path ("Addresses[0].PostalCode"), for the
    merchant's message; "?" when the path leads nowhere."""
    value: Any = request_body
    for part in key.split("."):
        match = _PATH_PART.match(part)
        if match is None or not isinstance(value, dict):
            return "?"
        value = value.get(match.group(1))
        if match.group(2) is not None:
            index = int(match.group(2))
            value = value[index] if isinstance(value, list) and index < len(value) else None
    return "?" if value is None or isinstance(value, (dict, list)) else str(value) or "—"


def _order_id_of(request_body: Any) -> str:
    if isinstance(request_body, dict):
        return str(request_body.get(c.ORDER_ID, "?"))
    return "?"


def _details(errors: list[FieldError]) -> str:
    return "; ".join(f"{e.key}: {e.message or e.code}" if e.key else (e.message or e.code) for e in errors)


def _field_errors(raw: Any) -> list[FieldError]:
    errors = []
    for entry in raw if isinstance(raw, list) else []:
        if isinstance(entry, dict):
            errors.append(
                FieldError(
                    key=str(entry.get(c.KEY_ERROR_KEY) or ""),
                    code=str(entry.get(c.KEY_ERROR_CODE) or ""),
                    message=str(entry.get(c.KEY_ERROR_MESSAGE) or ""),
                )
            )
        elif entry:
            errors.append(FieldError(key="", message=str(entry)))
    return errors


# --- The client ---------------------------------------------------------------------------------
class LinxClient:
    """Async client of one Linx Commerce store. Use as ``async with LinxClient(...) as linx:``."""

    def __init__(
        self,
        base_url_or_tenant: str,
        user: str,
        password: str,
        *,
        homologation: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout | float | None = None,
        max_concurrency: int = 4,
        network: net.NetworkOptions | None = None,
        retry_attempts: int = 3,
        backoff: net.Backoff | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        gate: net.RemoteGate | None = None,
    ) -> None:
        self.base_url = resolve_base_url(base_url_or_tenant, homologation)
        self.user = user
        self._http = net.make_client(
            self.base_url,
            transport=transport,
            timeout=timeout,
            max_connections=max(1, max_concurrency),
            headers={"Content-Type": "application/json"},
            auth=httpx.BasicAuth(user, password),
            network=network,
        )
        self._limit = asyncio.Semaphore(max(1, max_concurrency))
        self._retry_attempts = max(1, retry_attempts)
        # one back-off (and jitter source) per client; net.retrying itself sends a Retry-After
        # longer than its max_wait up to the engine, which parks the job
        self._backoff = backoff or net.Backoff(base=0.5)
        self._sleep = sleep
        self._gate = gate or net.RemoteGate(REMOTE, sleep=sleep)  # a 429/503 pauses every call to Linx

    def __repr__(self) -> str:
        return f"LinxClient({self.base_url!r}, user={self.user!r})"

    async def __aenter__(self) -> LinxClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- L1 -------------------------------------------------------------------------------------
    async def test_connection(self) -> None:
        """L1: a one-row search; raises CredentialError / TransientError / BusinessError."""
        await self._call(c.OP_SEARCH_ORDER_STATUS, {c.KEY_PAGE: _page(0, 1)})

    async def search_order_statuses(self, *, page_size: int = 1) -> SearchPage:
        """L1 as a read: the store's order statuses (the connection doctor's read step)."""
        return await self._search(c.OP_SEARCH_ORDER_STATUS, "", 0, page_size, "")

    # -- L2 -------------------------------------------------------------------------------------
    async def search_orders(
        self, where: str, *, page_index: int = 0, page_size: int = 50, order_by: str = ""
    ) -> SearchPage:
        """L2: one page of orders matching ``where`` (build it with :mod:`linx.where`)."""
        return await self._search(c.OP_SEARCH_ORDERS, where, page_index, page_size, order_by)

    async def find_orders(
        self, pairs: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], dict[str, Any]]:
        """Orders already in the store, by ``(OriginalOrderID, MarketPlaceBrand)``.

        One L2 call per :data:`FIND_BATCH` pairs (plus one per extra page). Pairs not found are
        absent from the result. Should the store hold the same marketplace order twice, the
        first one it lists is returned. ``OriginalOrderID`` is a GUID: the store may write it in
        another case or form than we asked, so both sides are compared normalised.
        """
        wanted = list(dict.fromkeys((c.parse_guid(str(o)) or str(o), str(b)) for o, b in pairs))
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for start in range(0, len(wanted), FIND_BATCH):
            batch = wanted[start : start + FIND_BATCH]
            asked = set(batch)
            async for order in self._all_pages(c.OP_SEARCH_ORDERS, _pairs_where(batch), FIND_BATCH):
                original = str(order.get(c.FIELD_ORIGINAL_ORDER_ID) or "")
                key = (c.parse_guid(original) or original, str(order.get(c.FIELD_MARKETPLACE_BRAND, "")))
                if key in asked and key not in found:
                    found[key] = order
        return found

    # -- L3 -------------------------------------------------------------------------------------
    async def save_order(self, body: dict[str, Any]) -> SaveResult:
        """L3: create the order. Never retried here (a lost answer may hide a created order)."""
        answer = await self._call(c.OP_SAVE_ORDER, body, idempotent=False)
        order_id = answer.get(c.ORDER_ID)
        if not order_id:
            raise TransientError("Linx accepted SaveOrder but sent no OrderID", remote=REMOTE)
        return SaveResult(
            order_id=c.guid_text(order_id),
            order_number=str(answer.get(c.ORDER_NUMBER) or ""),
            warnings=_warnings(answer),
        )

    # -- L4 -------------------------------------------------------------------------------------
    async def cancel_order(self, order_id: str) -> list[str]:
        """L4: cancel the order; returns Linx's warnings. Cancelling twice is harmless."""
        body = {c.ORDER_ID: order_id, c.KEY_WORKFLOW_TYPE: c.CANCEL_WORKFLOW_TYPE}
        return _warnings(await self._call(c.OP_UPDATE_ORDER, body))

    # -- L5 / L6 / L7 ---------------------------------------------------------------------------
    async def get_queue_orders(
        self, queue_id: int, *, page_size: int = 50, page_index: int = 0
    ) -> list[QueueOrder]:
        """L5: the next order-feed entries (items stay until :meth:`dequeue`)."""
        body = _queue_search(queue_id, w.eq(c.QUEUE_ENTITY_KEY_NAME, c.ORDER_QUEUE_ENTITY_KEY),
                             page_index, page_size)
        answer = await self._call(c.OP_GET_QUEUE_ORDERS, body)
        entries = []
        for entry in _results(answer):
            order, item = entry.get(c.KEY_QUEUE_ORDER), entry.get(c.KEY_QUEUE_ITEM)
            if isinstance(order, dict) and isinstance(item, dict):
                entries.append(QueueOrder(order=order, queue_item=item))
        return entries

    async def dequeue(self, queue_item_ids: Iterable[int]) -> None:
        """L6: acknowledge feed items (call only after the change reached Plug.to)."""
        ids = [int(i) for i in queue_item_ids]
        for start in range(0, len(ids), DEQUEUE_BATCH):
            batch = ids[start : start + DEQUEUE_BATCH]
            await self._call(c.OP_DEQUEUE_QUEUE_ITEMS, {c.KEY_QUEUE_ITEMS: batch})

    async def search_queue_items(
        self, queue_id: int, *, page_size: int = 50, page_index: int = 0
    ) -> list[dict[str, Any]]:
        """L7: the next product-feed items (``EntityKeyValue`` = the ProductID as a string)."""
        body = _queue_search(queue_id, w.eq(c.QUEUE_ENTITY_TYPE_NAME, c.PRODUCT_ENTITY_TYPE),
                             page_index, page_size)
        return _results(await self._call(c.OP_SEARCH_QUEUE_ITEMS, body))

    # -- L8 / L9 --------------------------------------------------------------------------------
    async def get_product(self, product_id: int) -> dict[str, Any]:
        """L8: one product with its SKUs (the body is the bare ProductID)."""
        return await self._call(c.OP_GET_PRODUCT, int(product_id))

    async def search_products(
        self, where: str = "", *, page_index: int = 0, page_size: int = 100
    ) -> SearchPage:
        """L9: one page of the catalogue, ordered by ProductID, SKUs included."""
        return await self._search(c.OP_SEARCH_PRODUCT, where, page_index, page_size, c.PRODUCT_ORDER_BY)

    async def iter_products(self, page_size: int = 100, where: str = "") -> AsyncIterator[dict[str, Any]]:
        """Every product of the catalogue, page after page."""
        async for product in self._all_pages(c.OP_SEARCH_PRODUCT, where, page_size, c.PRODUCT_ORDER_BY):
            yield product

    # -- plumbing -------------------------------------------------------------------------------
    async def _search(
        self, op: c.Operation, where: str, page_index: int, page_size: int, order_by: str
    ) -> SearchPage:
        body = {
            c.KEY_PAGE: _page(page_index, page_size),
            c.KEY_WHERE: where,
            c.KEY_WHERE_METADATA: "",
            c.KEY_ORDER_BY: order_by,
        }
        answer = await self._call(op, body)
        raw_page = answer.get(c.KEY_PAGE)
        page = raw_page if isinstance(raw_page, dict) else {}
        results = _results(answer)
        return SearchPage(
            results=results,
            page_index=_int(page.get(c.KEY_PAGE_INDEX), page_index),
            page_size=_int(page.get(c.KEY_PAGE_SIZE), page_size),
            page_count=_int(page.get(c.KEY_PAGE_COUNT), 1 if results else 0),
            record_count=_int(page.get(c.KEY_RECORD_COUNT), len(results)),
        )

    async def _all_pages(
        self, op: c.Operation, where: str, page_size: int, order_by: str = ""
    ) -> AsyncIterator[dict[str, Any]]:
        index = 0
        while True:
            page = await self._search(op, where, index, page_size, order_by)
            for result in page.results:
                yield result
            index += 1
            if index >= page.page_count or not page.results:
                return

    async def _call(self, op: c.Operation, body: Any, *, idempotent: bool = True) -> dict[str, Any]:
        """POST ``body`` to ``op``; the answer when it is ``IsValid``, else a classified error."""
        if not idempotent:
            return await self._post(op, body)
        return await net.retrying(
            lambda: self._post(op, body),
            attempts=self._retry_attempts,
            backoff=self._backoff,
            sleep=self._sleep,
        )

    async def _post(self, op: c.Operation, body: Any) -> dict[str, Any]:
        async with self._limit:
            await self._gate.wait()
            try:
                response = await self._http.post(op.path, content=_encode(body))
            except httpx.TransportError as exc:
                log.info("Linx %s: %s", op.name, type(exc).__name__)
                raise net.transport_error(exc, REMOTE) from None
        self._gate.observe(response)
        return _answer(op, response, body)


def _answer(op: c.Operation, response: httpx.Response, body: Any) -> dict[str, Any]:
    status = response.status_code
    if status == 401:
        raise CredentialError(
            f"Linx Commerce refused the user or password ({op.name}: HTTP 401)",
            credential="linx",
            remote=REMOTE,
            status=status,
        )
    if status == 403:
        # The integration user lacks a permission: every order would fail the same way, so
        # this pauses the engine (like a wrong password) instead of filling the queue.
        raise CredentialError(
            f"Linx Commerce denied the integration user access to {op.name} (HTTP 403)",
            credential="linx_permission",
            remote=REMOTE,
            status=status,
        )
    if net.is_transient_status(status):
        raise net.status_error(response, REMOTE)
    if not 200 <= status < 300:
        answer = net.json_or_none(response)
        if isinstance(answer, dict) and _field_errors(answer.get(c.KEY_ERRORS)):
            raise _rejection(op, answer, body, status)  # a 4xx that still uses the envelope
        details = f"{op.name}: HTTP {status}"
        raise BusinessError(
            f"Linx Commerce refused {details}",
            code="linx_rejected",
            remote=REMOTE,
            status=status,
            params={"details": details},
        )
    answer = net.json_or_none(response)
    if not isinstance(answer, dict):
        raise TransientError(f"Linx {op.name} answered malformed JSON", remote=REMOTE, status=status)
    if answer.get(c.KEY_IS_VALID) is False:
        raise _rejection(op, answer, body, status)
    return answer


def _rejection(op: c.Operation, answer: dict[str, Any], body: Any, status: int) -> BusinessError:
    errors = _field_errors(answer.get(c.KEY_ERRORS))
    code, params = classify_errors(errors, body)
    return BusinessError(
        f"Linx Commerce refused {op.name}: {_details(errors) or 'IsValid false'}",
        code=code,
        remote=REMOTE,
        status=status,
        field_errors=errors,
        params=params,
    )


def _encode(body: Any) -> bytes:
    # allow_nan=False: NaN is not JSON; better a ValueError here than a confusing Linx refusal.
    return json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8")


# --- small helpers ------------------------------------------------------------------------------
def _page(index: int, size: int) -> dict[str, int]:
    return {c.KEY_PAGE_INDEX: int(index), c.KEY_PAGE_SIZE: int(size)}


def _queue_search(queue_id: int, where: str, page_index: int, page_size: int) -> dict[str, Any]:
    return {
        c.KEY_QUEUE_ID: int(queue_id),
        c.KEY_PAGE: _page(page_index, page_size),
        c.KEY_WHERE: where,
        c.KEY_ORDER_BY: c.QUEUE_ORDER_BY,
    }


def _pairs_where(pairs: list[tuple[str, str]]) -> str:
    """Group the pairs by marketplace: one ``brand && (id || id …)`` term per brand.

    ``MarketPlaceBrand == "ML" && (OriginalOrderID == "1" || OriginalOrderID == "2")`` is shorter
    and easier to read in a log than one ``(id && brand)`` term per pair.
    """
    by_brand: dict[str, list[str]] = {}
    for original_id, brand in pairs:
        by_brand.setdefault(brand, []).append(original_id)
    return w.or_(
        *(
            w.and_(w.eq(c.FIELD_MARKETPLACE_BRAND, brand), w.any_of(c.FIELD_ORIGINAL_ORDER_ID, ids))
            for brand, ids in by_brand.items()
        )
    )


def _results(answer: dict[str, Any]) -> list[dict[str, Any]]:
    result = answer.get(c.KEY_RESULT)
    return [r for r in result if isinstance(r, dict)] if isinstance(result, list) else []


def _warnings(answer: dict[str, Any]) -> list[str]:
    raw = answer.get(c.KEY_WARNINGS)
    return [str(x) for x in raw if x] if isinstance(raw, list) else []


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
