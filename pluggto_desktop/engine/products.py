"""Products: the store's catalogue published to Plug.to (docs/business-rules.md §5).

Three ways in, one way out (:meth:`ProductSync.publish`):
* the product feed (L7): each changed product is read (L8), published, and its feed items are
  dequeued once Plug.to accepted (or refused it: the job then needs attention, and the store
  publishes the product again when it changes);
* the full reconcile (L9, every page; on demand and nightly): no per-product read is needed;
* product jobs due again (Reenviar, or a retry after a transient failure): read (L8), publish.

Publishing compares with what Plug.to last accepted — kept on the product's job as a content
hash (without quantities) and the per-SKU stock — and sends nothing, only ``PUT
/skus/{sku}/stock`` for the SKUs whose stock changed, or the whole product (``PUT /skus/{sku}``).
A no-change reconcile of any catalogue size therefore makes zero write calls, and writes nothing
to the local database either.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pluggto_desktop.domain.products import ProductMapping, ProductRules, map_product, plan
from pluggto_desktop.domain.reasons import Reason, render
from pluggto_desktop.engine.bus import EngineBus
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.engine.fan_out import cancel_and_wait
from pluggto_desktop.engine.retry import TEMPORARY_FAILURE, RetryPolicy
from pluggto_desktop.errors import BusinessError, CredentialError, TransientError
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.linx import contract as c
from pluggto_desktop.store.jobs import (
    PAYLOAD_PLUGGTO_REQUEST,
    PAYLOAD_PLUGGTO_RESPONSE,
    AsyncStore,
    Event,
    Job,
    attention_event,
)
from pluggto_desktop.text import Text, plural

log = logging.getLogger("pluggto_desktop.engine.products")

PRODUCT = "product"
# the timeline notes of a product Plug.to accepted
PUBLISHED = Text("Produto publicado no Plug.to", "Product published to Plug.to")
UPDATED = Text("Produto atualizado no Plug.to", "Product updated in Plug.to")
INACTIVE_ZEROED = Text("Produto inativo: estoque zerado no Plug.to", "Inactive product: stock set to 0 in Plug.to")
LEFT_OUT_ZEROED = Text("Produto inativo ou fora dos filtros: estoque zerado no Plug.to",
                       "Inactive or filtered-out product: stock set to 0 in Plug.to")
UP_TO_DATE = Text("Produto já estava atualizado no Plug.to", "Product was already up to date in Plug.to")
STOCK_UPDATED = plural("Estoque atualizado no Plug.to (1 SKU)", "Estoque atualizado no Plug.to ({n} SKUs)",
                       "Stock updated in Plug.to (1 SKU)", "Stock updated in Plug.to ({n} SKUs)")
NEEDS_ATTENTION = Text("Produto {sku} precisa de atenção: {title}", "Product {sku} needs attention: {title}")
NO_LINX_ID = Text("produto sem identificador da Linx", "product without a Linx id")
CURSOR_LAST_RECONCILE = "products.last_reconcile"


@dataclass
class PublishCounts:
    products: int = 0
    full: int = 0  # PUT /skus/{sku}
    stock: int = 0  # PUT /skus/{sku}/stock calls
    unchanged: int = 0
    skipped: int = 0  # inactive or filtered out (never published)
    attention: int = 0
    retry: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, outcome: str, stock_calls: int = 0) -> None:
        self.products += 1
        self.stock += stock_calls
        if outcome in ("full", "unchanged", "skipped", "attention", "retry"):
            setattr(self, outcome, getattr(self, outcome) + 1)


class ProductSync:
    def __init__(self, *, store: AsyncStore, pluggto: Any, linx: Any, config: EngineConfig, rules: ProductRules,
                 retry: RetryPolicy, bus: EngineBus, activity: Callable[..., None] | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.store, self.pluggto, self.linx, self.config, self.rules = store, pluggto, linx, config, rules
        self.retry = retry
        self.bus = bus
        self.activity = activity or (lambda **_: None)
        self.clock = clock
        # twice the connections: mapping, hashing and the database overlap the calls in flight
        self._limit = asyncio.Semaphore(max(1, config.concurrency) * 2)

    # -- ways in ------------------------------------------------------------------------------------
    async def feed_pass(self, *, max_pages: int = 20) -> PublishCounts:
        counts = PublishCounts()
        if not self.config.product_queue_id:
            return counts
        for _ in range(max_pages):
            items = await self.linx.search_queue_items(self.config.product_queue_id, page_size=50)
            if not items:
                break
            by_product: dict[int, list[int]] = {}
            for item in items:
                key = str(item.get(c.QUEUE_ENTITY_KEY_VALUE) or "")
                if key.isdigit():
                    by_product.setdefault(int(key), []).append(int(item[c.QUEUE_ITEM_ID]))
            done = await asyncio.gather(*(self._from_feed(pid, counts) for pid in by_product))
            finished = [i for pid, ok in zip(by_product, done, strict=True) if ok for i in by_product[pid]]
            unusable = [int(i[c.QUEUE_ITEM_ID]) for i in items
                        if not str(i.get(c.QUEUE_ENTITY_KEY_VALUE) or "").isdigit()]
            if finished or unusable:
                await self.linx.dequeue(finished + unusable)
            if len(finished) + len(unusable) < len(items):
                break  # the rest waits for a retry
        return counts

    async def reconcile(self, progress: Callable[[int, int], None] | None = None) -> PublishCounts:
        """Every product of the catalogue, compared and published where needed."""
        counts = PublishCounts()
        first = await self.linx.search_products("", page_index=0, page_size=100)
        total = first.record_count or len(first.results)
        pages = [first.results]

        async def page(index: int) -> list[dict[str, Any]]:
            return (await self.linx.search_products("", page_index=index, page_size=100)).results

        # the other pages are read concurrently (the Linx client bounds the calls)
        pages += await asyncio.gather(*(page(i) for i in range(1, first.page_count or 1)))
        known = await self.store.product_states()
        tasks = [asyncio.ensure_future(self._guarded(product, counts, known))
                 for results in pages for product in results]
        try:
            for done, finished in enumerate(asyncio.as_completed(tasks), start=1):
                await finished
                if progress and (done % 50 == 0 or done == len(tasks)):
                    progress(done, total)
        finally:
            await cancel_and_wait(tasks)  # as_completed() would leave them running
        await self.store.set_cursor(CURSOR_LAST_RECONCILE, str(self.clock()))
        log.info("product reconcile: %d products, %d sent in full, %d stock updates, %d unchanged, "
                 "%d skipped, %d need attention, %d to retry", counts.products, counts.full, counts.stock,
                 counts.unchanged, counts.skipped, counts.attention, counts.retry)
        return counts

    async def process_jobs(self, jobs: list[Job]) -> None:
        """Due product jobs (Reenviar, retries): read each product again and publish it."""
        await asyncio.gather(*(self._job(job) for job in jobs))

    # -- one product ----------------------------------------------------------------------------------
    async def _from_feed(self, product_id: int, counts: PublishCounts) -> bool:
        try:
            product = await self.linx.get_product(product_id)
        except TransientError:
            counts.add("retry")
            return False
        except BusinessError as exc:  # gone from the store: nothing to publish
            log.info("product %s from the feed could not be read: %s", product_id, exc.message)
            return True
        outcome = await self._guarded(product, counts, None)
        return outcome != "retry"

    async def _job(self, job: Job) -> None:
        product_id = job.linx_product_id
        try:
            if product_id is None:
                details, details_en = NO_LINX_ID.both()
                raise BusinessError("no Linx product id", code="product_invalid",
                                    params={"sku": job.key, "details": details, "details_en": details_en})
            product = await self.linx.get_product(int(product_id))
        except TransientError as exc:
            await self._retry(job, exc)
            return
        except BusinessError as exc:
            await self._finish(job.key, job, "needs_attention", reason=_reason(exc, job.key))
            return
        await self._guarded(product, PublishCounts(), None, job=job)

    async def _guarded(self, product: dict[str, Any], counts: PublishCounts, known: dict | None,
                       *, job: Job | None = None) -> str:
        async with self._limit:
            try:
                outcome, stock_calls = await self.publish(product, known=known, job=job)
            except CredentialError:
                raise
            counts.add(outcome, stock_calls)
            return outcome

    async def publish(self, product: dict[str, Any], *, known: dict | None = None,
                      job: Job | None = None) -> tuple[str, int]:
        """Publish one product; returns (outcome, stock update calls)."""
        mapping = map_product(product, self.rules)
        if job is None:
            if known is not None:
                job = known.get(mapping.sku)
            else:
                job = await self.store.find(PRODUCT, mapping.sku)
        previous_stock = json.loads(job.stock_state) if job and job.stock_state else None
        if mapping.problems:
            code, params = mapping.problems[0]
            await self._finish(mapping.sku, job, "needs_attention", mapping=mapping, reason=render(code, params))
            return "attention", 0
        steps = plan(mapping, job.content_hash if job else None, previous_stock)
        if steps.kind == "none":
            if mapping.body is None:
                return "skipped", 0
            if job is not None and job.state == "integrated":
                return "unchanged", 0  # nothing to send, nothing to write
            await self._finish(mapping.sku, job, "integrated", mapping=mapping, stock=steps.stock_after,
                               note=UP_TO_DATE.both())
            return "unchanged", 0
        try:
            response = None
            if steps.kind == "full":
                answer = await self.pluggto.upsert_sku(mapping.sku, mapping.body)
                response = answer.order
            for sku, quantity in steps.stock_updates.items():
                await self.pluggto.update_stock(sku, quantity)
        except TransientError as exc:
            if job is None:
                await self._finish(mapping.sku, None, "queued", mapping=mapping)
                job = await self.store.find(PRODUCT, mapping.sku)
                assert job is not None, "the job was written just above"
            await self._retry(job, exc)
            return "retry", 0
        except BusinessError as exc:
            await self._finish(mapping.sku, job, "needs_attention", mapping=mapping, reason=_reason(exc, mapping.sku))
            return "attention", 0
        note = _published_note(steps.kind, mapping, job, len(steps.stock_updates))
        await self._finish(mapping.sku, job, "integrated", mapping=mapping, stock=steps.stock_after, note=note,
                           request=mapping.body if steps.kind == "full" else {"stock": steps.stock_updates},
                           response=response)
        return ("full" if steps.kind == "full" else "unchanged"), len(steps.stock_updates)

    # -- bookkeeping ----------------------------------------------------------------------------------
    async def _finish(self, key: str, job: Job | None, state: str, *, mapping: ProductMapping | None = None,
                      stock: dict[str, int] | None = None, reason: Reason | None = None,
                      note: tuple[str, str] | None = None,
                      request: Any = None, response: Any = None) -> None:
        columns: dict[str, Any] = {}
        if mapping is not None:
            columns.update(title=mapping.title, linx_product_id=mapping.linx_product_id)
            if state == "integrated":
                kept = job.content_hash if job else None  # an inactive product keeps what Plug.to has
                columns.update(content_hash=mapping.content_hash if mapping.body else kept)
        if stock is not None:
            columns["stock_state"] = json.dumps(stock, sort_keys=True)
        events = []
        if note:
            events.append(Event("published" if state == "integrated" else "product", note[0], data={"en": note[1]}))
        if reason is not None:
            events.append(attention_event(reason))
        payloads = {}
        if request is not None:
            payloads[PAYLOAD_PLUGGTO_REQUEST] = request
        if response is not None:
            payloads[PAYLOAD_PLUGGTO_RESPONSE] = response
        if state in ("integrated", "needs_attention"):
            columns["next_attempt_at"] = None
        elif state == "queued":
            columns["next_attempt_at"] = self.clock()
        job_id, _ = await self.store.upsert_and_apply(
            PRODUCT, key, state=state, events=events, payloads=payloads, reason=reason,
            clear_reason=reason is None, attempts=0, **columns)
        self.bus.publish("job", {"job_id": job_id, "kind": PRODUCT, "key": key, "state": state})
        if reason is not None:
            self.activity(level="error", code="product_needs_attention",
                          message_pt=NEEDS_ATTENTION(PT, sku=key, title=reason.title),
                          message_en=NEEDS_ATTENTION(EN, sku=key, title=reason.english().title),
                          refs={"job_id": job_id, "sku": key})

    async def _retry(self, job: Job, exc: TransientError) -> None:
        attempts = job.attempts + 1
        if self.retry.exhausted(attempts) or not self.config.auto_retry:
            await self._finish(job.key, job, "needs_attention",
                               reason=render("retries_exhausted", {"attempts": attempts, "last_error": str(exc)}))
            return
        wait = self.retry.delay(attempts, exc.retry_after)
        note, english = TEMPORARY_FAILURE.both(error=exc, wait=wait)
        await self.store.apply(job.id, state="retry_wait", attempts=attempts, next_attempt_at=self.clock() + wait,
                               last_error=str(exc), events=[Event("retry", note, "warning", data={"en": english})])
        self.bus.publish("job", {"job_id": job.id, "kind": PRODUCT, "key": job.key, "state": "retry_wait"})


def _published_note(kind: str, mapping: ProductMapping, job: Job | None, stock_updates: int) -> tuple[str, str]:
    """The timeline note of a product Plug.to accepted, (pt-BR, English)."""
    if kind == "full":
        if not mapping.body:
            return INACTIVE_ZEROED.both()
        return (PUBLISHED if job is None or not job.content_hash else UPDATED).both()
    if mapping.body is None:
        return LEFT_OUT_ZEROED.both()
    return STOCK_UPDATED.both(stock_updates)


def _reason(exc: BusinessError, sku: str) -> Reason:
    params = {"sku": sku, "details": exc.message, **exc.params}
    code = exc.code if exc.code in ("product_rejected", "product_invalid") else "product_rejected"
    return render(code, params)
