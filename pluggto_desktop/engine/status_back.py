"""Status back: invoices, tracking, deliveries and cancellations from the store to Plug.to.

One pass reads the Linx order feed (L5), brings Plug.to up to date for each order on it (reading
the Plug.to order first, see ``domain.status_back``), and dequeues the feed items (L6) only once
Plug.to accepted — so a crash or an outage never loses an update: the item is still on the feed
next time, and seeing it twice is harmless (Plug.to already has it: nothing is sent).

* an order that did not come from Plug.to (no PluggtoOrderID property, no job) is dequeued
  without action;
* a transient failure leaves the items on the feed for the next pass;
* Plug.to refusing the data (or the store holding data Plug.to would refuse) puts the order's job
  in "needs attention" with the reason, and the item is dequeued: the store will publish the
  order again when it is fixed, and **Reenviar** re-sends it meanwhile;
* the notification Plug.to sends after our update re-checks the job but writes nothing.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pluggto_desktop.domain.reasons import Reason, render
from pluggto_desktop.domain.status_back import (
    CANCELED,
    DELIVERED,
    DELIVERED_DATE_FROM_MODIFIED,
    INVOICE,
    SHIPPING,
    STATUS_BACK_REASONS,
    InvalidStoreDataError,
    next_update,
    order_property,
    pluggto_order_id,
    store_moments,
    store_progress,
)
from pluggto_desktop.engine.bus import EngineBus
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.errors import BusinessError, CredentialError, TransientError
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx.where import eq as where_eq
from pluggto_desktop.store.jobs import (
    PAYLOAD_PLUGGTO_REQUEST,
    PAYLOAD_PLUGGTO_RESPONSE,
    AsyncStore,
    Event,
    Job,
    attention_event,
)
from pluggto_desktop.text import Text

log = logging.getLogger("pluggto_desktop.engine.status_back")

@dataclass(frozen=True)
class StepWords:
    """How one update sent to Plug.to is told: on the order's timeline, and in the activity log."""

    timeline: Text
    activity: Text  # {mp}: the marketplace's order number


STEP_WORDS = {
    INVOICE: StepWords(Text("Nota fiscal enviada ao Plug.to", "Invoice sent to Plug.to"),
                       Text("Nota fiscal do pedido {mp} enviada ao Plug.to", "Invoice of order {mp} sent to Plug.to")),
    SHIPPING: StepWords(Text("Rastreio enviado ao Plug.to", "Tracking sent to Plug.to"),
                        Text("Rastreio do pedido {mp} enviado ao Plug.to", "Tracking of order {mp} sent to Plug.to")),
    DELIVERED: StepWords(Text("Entrega informada ao Plug.to", "Delivery reported to Plug.to"),
                         Text("Entrega do pedido {mp} informada ao Plug.to",
                              "Delivery of order {mp} reported to Plug.to")),
    CANCELED: StepWords(Text("Cancelamento informado ao Plug.to", "Cancellation reported to Plug.to"),
                        Text("Cancelamento do pedido {mp} informado ao Plug.to",
                             "Cancellation of order {mp} reported to Plug.to")),
}
#: The same step, Plug.to having had it already (``not_updated``).
ALREADY_THERE = Text("{step} (já constava no Plug.to)", "{step} (Plug.to already had it)")
DELIVERY_DATE_MADE_UP = Text(
    "{step}; a Linx não informa a data da entrega: enviada a data da última alteração do pedido",
    "{step}; Linx gives no delivery date: the order's last change date was sent")
#: What Plug.to refused, for the ``status_back_rejected`` reason ("O Plug.to recusou {what}").
WHAT = {INVOICE: Text("a nota fiscal", "the invoice"), SHIPPING: Text("o rastreio", "the tracking"),
        DELIVERED: Text("a entrega", "the delivery"), CANCELED: Text("o cancelamento", "the cancellation")}
THE_UPDATE = Text("a atualização", "the update")
NEEDS_ATTENTION = Text("Pedido {mp} precisa de atenção: {title}", "Order {mp} needs attention: {title}")


class StepRefusedError(Exception):
    """Plug.to refused one of the updates (which one matters for the merchant's message)."""

    def __init__(self, step: str, error: BusinessError) -> None:
        super().__init__(step)
        self.step = step
        self.error = error


@dataclass
class StatusBackResult:
    orders: int = 0
    updates: int = 0  # writes Plug.to accepted (not_updated included)
    dequeued: int = 0
    foreign: int = 0  # feed items of orders that did not come from Plug.to
    waiting: int = 0  # left on the feed after a transient failure


class StatusBack:
    def __init__(self, *, store: AsyncStore, pluggto: Any, linx: Any, config: EngineConfig, bus: EngineBus,
                 activity: Callable[..., None] | None = None, clock: Callable[[], float] = time.time) -> None:
        self.store, self.pluggto, self.linx, self.config = store, pluggto, linx, config
        self.bus = bus
        self.activity = activity or (lambda **_: None)
        self.clock = clock

    async def run_pass(self, *, max_pages: int = 20) -> StatusBackResult:
        """Work the order feed until it is empty (or only holds items waiting for a retry)."""
        result = StatusBackResult()
        if not self.config.order_queue_id:
            return result
        limit = asyncio.Semaphore(self.config.concurrency)  # pages are worked one after the other

        async def one(entries: list[Any]) -> tuple[bool, list[int]]:
            async with limit:
                done = await self.sync_order(entries[-1].order, result)
            return done, [e.queue_item_id for e in entries]

        for _ in range(max_pages):
            page = await self.linx.get_queue_orders(self.config.order_queue_id, page_size=50)
            if not page:
                break
            by_order: dict[str, list[Any]] = {}
            for entry in page:
                by_order.setdefault(c.guid_text(entry.order.get(c.ORDER_ID)), []).append(entry)
            outcomes = await asyncio.gather(*(one(entries) for entries in by_order.values()))
            finished = [item for done, items in outcomes if done for item in items]
            result.orders += len(by_order)
            result.waiting += sum(len(items) for done, items in outcomes if not done)
            if finished:
                await self.linx.dequeue(finished)
                result.dequeued += len(finished)
            if len(finished) < len(page):
                break  # what is left waits for a retry: do not spin on it
        if result.orders:
            log.info("status back: %d orders, %d updates, %d dequeued, %d foreign, %d waiting",
                     result.orders, result.updates, result.dequeued, result.foreign, result.waiting)
        return result

    async def sync_order(self, linx_order: dict[str, Any], result: StatusBackResult | None = None) -> bool:
        """Bring Plug.to up to date for one store order; True when its feed items may be dequeued."""
        result = result or StatusBackResult()
        linx_id = c.guid_text(linx_order.get(c.ORDER_ID))
        job = await self.store.find_by_linx_order(linx_id) if linx_id else None
        pluggto_id = (job.key if job else None) or pluggto_order_id(linx_order)
        if not pluggto_id:
            result.foreign += 1
            return True  # not ours: dequeue without action
        if job is None:
            job = await self._adopt(pluggto_id, linx_order)
        try:
            await self._bring_up_to_date(job, linx_order, result)
        except TransientError as exc:
            log.info("status back for %s waits for a retry: %s", pluggto_id, exc)
            return False
        except CredentialError:
            raise
        except InvalidStoreDataError as exc:
            await self._attention(job, render(exc.code, exc.params))
        except StepRefusedError as exc:
            await self._attention(job, _refused(WHAT[exc.step], exc.error.message))
        except BusinessError as exc:  # reading the order failed (e.g. 404: gone from Plug.to)
            await self._attention(job, _refused(THE_UPDATE, exc.message))
        return True

    async def resync(self, job: Job) -> None:
        """Re-send the store's news for one order (Reenviar after Plug.to refused an update)."""
        if not job.linx_order_id:
            return
        page = await self.linx.search_orders(where_eq(c.ORDER_ID, job.linx_order_id), page_size=1)
        if page.results:
            await self.sync_order(page.results[0])

    async def _bring_up_to_date(self, job: Job, linx_order: dict[str, Any], result: StatusBackResult) -> None:
        current = await self.pluggto.get_order(job.key)
        done: set[str] = set()
        events: list[Event] = []
        payloads: dict[str, Any] = {}
        while (update := next_update(linx_order, current, done)) is not None:
            try:
                answer = await self.pluggto.update_order(job.key, update.body)
            except BusinessError as exc:
                raise StepRefusedError(update.kind, exc) from exc
            done.add(update.kind)
            result.updates += 1
            payloads[PAYLOAD_PLUGGTO_REQUEST] = update.body
            if answer.order:
                current = answer.order
                payloads[PAYLOAD_PLUGGTO_RESPONSE] = answer.order
            else:  # not_updated: Plug.to already had it
                current = await self.pluggto.get_order(job.key)
            note, english = _timeline_words(update.kind, changed=answer.changed, note=update.note)
            events.append(Event("status_back", note,
                                data={"step": update.kind, "changed": answer.changed, "en": english,
                                      "detail": update.note}))
            self._activity(job, update.kind, linx_order)
        cancelled = store_progress(linx_order)["cancelled"]
        linx_status = c.STATUS_CANCELLED if cancelled else (
            str(linx_order.get(c.ORDER_GLOBAL_STATUS) or "").upper() or None)
        columns: dict[str, Any] = {"linx_status": linx_status, "pluggto_status": current.get("status")}
        if current.get("modified"):
            columns["pluggto_modified"] = str(current["modified"])
        # the deadline watch's moments (the store keeps the first one seen of each)
        moments = {k: v for k, v in store_moments(linx_order, now=self.clock()).items() if v is not None}
        columns.update(moments)
        state = "canceled" if cancelled else None
        news = any(getattr(job, name) is None for name in moments)
        if not events and job.linx_status == linx_status and state is None and not news:
            return  # seen before, nothing new: no write at all
        if job.reason_code in STATUS_BACK_REASONS and state is None:
            state = "integrated"  # the problem is solved
        await self.store.apply(job.id, state=state, events=events, payloads=payloads,
                               clear_reason=state is not None, **columns)
        self.bus.publish("job", {"job_id": job.id, "kind": "order", "key": job.key, "state": state or job.state})

    async def _adopt(self, pluggto_id: str, linx_order: dict[str, Any]) -> Job:
        """A store order from Plug.to we have no job for (created before this app): keep its story."""
        job = await self.store.find("order", pluggto_id)
        if job is None:
            await self.store.upsert_job("order", pluggto_id, state="integrated", needs_fetch=0, next_attempt_at=None,
                                        linx_order_id=c.guid_text(linx_order.get(c.ORDER_ID)),
                                        linx_order_number=str(linx_order.get(c.ORDER_NUMBER) or "") or None,
                                        marketplace=linx_order.get(c.FIELD_MARKETPLACE_BRAND),
                                        marketplace_order_id=order_property(linx_order,
                                                                            c.PROP_MARKETPLACE_ORDER_NUMBER),
                                        sale_id=c.parse_guid(linx_order.get(c.FIELD_ORIGINAL_ORDER_ID)))
            job = await self.store.find("order", pluggto_id)
            assert job is not None, "the job was written just above"
        return job

    async def _attention(self, job: Job, reason: Any) -> None:
        await self.store.apply(job.id, state="needs_attention", reason=reason, events=[attention_event(reason)])
        self.bus.publish("job", {"job_id": job.id, "kind": "order", "key": job.key, "state": "needs_attention"})
        mp = job.marketplace_order_id or job.key
        self.activity(level="error", code="status_back_attention",
                      message_pt=NEEDS_ATTENTION(PT, mp=mp, title=reason.title),
                      message_en=NEEDS_ATTENTION(EN, mp=mp, title=reason.english().title),
                      refs={"job_id": job.id, "pluggto_id": job.key, "original_id": mp})

    def _activity(self, job: Job, step: str, linx_order: dict[str, Any]) -> None:
        mp = job.marketplace_order_id or order_property(linx_order, c.PROP_MARKETPLACE_ORDER_NUMBER) or job.key
        pt, en = STEP_WORDS[step].activity.both(mp=mp)
        self.activity(level="info", code=f"status_back_{step}", message_pt=pt, message_en=en,
                      refs={"job_id": job.id, "pluggto_id": job.key, "original_id": mp})


def _timeline_words(step: str, *, changed: bool, note: str | None) -> tuple[str, str]:
    """The timeline line of one update Plug.to accepted, (pt-BR, English)."""
    pt, en = STEP_WORDS[step].timeline.both()
    if not changed:
        pt, en = ALREADY_THERE(PT, step=pt), ALREADY_THERE(EN, step=en)
    if note == DELIVERED_DATE_FROM_MODIFIED:
        pt, en = DELIVERY_DATE_MADE_UP(PT, step=pt), DELIVERY_DATE_MADE_UP(EN, step=en)
    return pt, en


def _refused(what: Text, details: str) -> Reason:
    """Plug.to refused an update: ``what`` in both languages (the reason renders in either)."""
    what_pt, what_en = what.both()
    return render("status_back_rejected", {"what": what_pt, "what_en": what_en, "details": details})
