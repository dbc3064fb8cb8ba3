"""Conferência, run: read both systems for a period, classify (``domain.audit``), repair on request.

Reading costs about N/100 Plug.to calls (``GET /orders``, ``created`` range, the ``next`` cursor;
the pages follow each other) and N/500 Linx calls (``SearchOrders`` on the channel's website and
``CreatedDate``; after the first page, the others are read concurrently). Both sides are read at
once. Each store page is cut to what the audit reads as it arrives (``store_view``: no buyer,
items or payments) and judged once Plug.to's side is read; Plug.to's orders are kept as small
projections. What grows with the period is those views, never the payloads.

Each side is read with a margin around the period: an order created in Plug.to late on the last
day reaches the store early the next one. Store orders whose Plug.to order is older than the
margin are looked up by the ``PluggtoOrderID`` they carry (a handful of calls at most).

Nothing is written while reading. The repairs (``fix``) each need the person's request: queue
the missing orders, acknowledge the unacknowledged, send the store's status again — each one
goes to the order's timeline and the activity log.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pluggto_desktop.domain import audit as rules
from pluggto_desktop.domain.audit import AuditBook, Finding
from pluggto_desktop.engine.fan_out import cancel_and_wait
from pluggto_desktop.errors import BusinessError
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx import where as w
from pluggto_desktop.store.jobs import AsyncStore, Event
from pluggto_desktop.text import Text

log = logging.getLogger("pluggto_desktop.engine.audit")

PLUGGTO_PAGE = 100
LINX_PAGE = 500
#: How far around the period each side is read (an order created on the period's last evening
#: reaches the store the next morning).
MARGIN = timedelta(days=2)
#: Store orders of an older Plug.to order are looked up one by one: never more than this.
MAX_LOOKUPS = 200
CURSOR_LAST_AUDIT = "audit.last"

Activity = Callable[..., None]


@dataclass
class AuditReport:
    """What an audit found, and what it cost."""

    start: datetime
    end: datetime
    findings: list[Finding]
    pluggto_calls: int = 0
    linx_calls: int = 0
    seconds: float = 0.0
    pluggto_orders: int = 0
    store_orders: int = 0
    fixed: dict[str, int] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return rules.counts(self.findings)

    @property
    def differences(self) -> int:
        return sum(n for cls, n in self.counts.items() if cls != rules.OK)

    def of(self, cls: str) -> list[Finding]:
        return [f for f in self.findings if f.cls == cls]

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON of ``audit --json`` (docs/audit.md)."""
        return {
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "ok": self.differences == 0,
            "counts": self.counts,
            "findings": [f.to_dict() for f in self.findings if f.cls != rules.OK],
            "read": {"pluggto_orders": self.pluggto_orders, "store_orders": self.store_orders,
                     "pluggto_calls": self.pluggto_calls, "linx_calls": self.linx_calls,
                     "seconds": round(self.seconds, 3)},
            "fixed": self.fixed,
        }


def period(days: float | None = None, *, start: datetime | None = None, end: datetime | None = None,
           now: datetime | None = None) -> tuple[datetime, datetime]:
    """The audited period: ``days`` back from now (default 7), or ``start``–``end``."""
    now = now or datetime.now(UTC)
    end = end or now
    start = start or end - timedelta(days=7 if days is None else days)
    if start > end:
        raise ValueError("the period starts after it ends")
    return start, end


async def run_audit(*, pluggto: Any, linx: Any, store: AsyncStore, website_id: int,
                    import_statuses: tuple[str, ...], start: datetime, end: datetime,
                    concurrency: int = 4) -> AuditReport:
    """Read both systems for ``start``–``end`` and classify every sale (reads only)."""
    began = time.monotonic()
    book = AuditBook((start.timestamp(), end.timestamp()), import_statuses)
    report = AuditReport(start, end, [])
    pluggto_done = asyncio.Event()
    pages: asyncio.Queue[list[dict[str, Any]] | None] = asyncio.Queue()

    async def read_pluggto() -> None:
        # The pages follow each other (each names the next), so the next one is asked for as soon
        # as a page arrives, and this page is read while that call is on its way.
        created = (start - MARGIN, end)

        def fetch(cursor: str | None) -> asyncio.Future[Any]:
            return asyncio.ensure_future(pluggto.list_orders(created=created, limit=PLUGGTO_PAGE, next=cursor))

        pending: asyncio.Future[Any] | None = fetch(None)
        try:
            while pending is not None:
                page = await pending
                report.pluggto_calls += 1
                pending = fetch(page.next_cursor) if page.next_cursor else None
                for raw in page.orders:
                    book.add_pluggto(raw)
                    report.pluggto_orders += 1
                await asyncio.sleep(0)
        finally:
            if pending is not None:
                pending.cancel()
            pluggto_done.set()

    async def read_linx() -> None:
        where = w.and_(w.eq(c.ORDER_WEBSITE_ID, int(website_id)), w.ge(c.ORDER_CREATED_DATE, start),
                       w.le(c.ORDER_CREATED_DATE, end + MARGIN))
        limit = asyncio.Semaphore(max(1, concurrency))

        async def page_of(index: int) -> tuple[int, list[dict[str, Any]]]:
            # The page is cut here, inside its task: a finished task keeps its result, and the
            # full pages of a long period must not all stay alive until Plug.to's side is read.
            async with limit:
                result = await linx.search_orders(where, page_index=index, page_size=LINX_PAGE,
                                                  order_by=c.ORDER_CREATED_DATE)
                report.linx_calls += 1
                return result.page_count, [rules.store_view(o) for o in result.results]

        page_count, first = await page_of(0)
        await pages.put(first)
        rest = [asyncio.ensure_future(page_of(i)) for i in range(1, page_count)]
        try:
            for task in asyncio.as_completed(rest):
                await pages.put((await task)[1])
        finally:
            await cancel_and_wait(rest)
            await pages.put(None)

    unknown_orders: dict[str, dict[str, Any]] = {}

    async def judge_store_pages() -> None:
        await pluggto_done.wait()  # a store order is judged against its Plug.to order
        while (batch := await pages.get()) is not None:
            for linx_order in batch:
                sale, known = book.add_store(linx_order)
                report.store_orders += 1
                if not known and sale.pluggto_id:
                    unknown_orders[sale.order_id] = linx_order  # kept until looked up (a few)

    readers = [asyncio.ensure_future(read_pluggto()), asyncio.ensure_future(read_linx()),
               asyncio.ensure_future(judge_store_pages())]
    try:
        await asyncio.gather(*readers)
    finally:
        await cancel_and_wait(readers)
    await _look_up_older(book, unknown_orders, pluggto, report)
    report.findings = book.findings()
    await _add_queue_knowledge(report, store)
    report.seconds = time.monotonic() - began
    return report


async def _look_up_older(book: AuditBook, unknown: dict[str, dict[str, Any]], pluggto: Any,
                         report: AuditReport) -> None:
    for store_sale in book.unknown_store_orders()[:MAX_LOOKUPS]:
        linx_order = unknown.get(store_sale.order_id)
        if linx_order is None or not store_sale.pluggto_id:
            continue
        try:
            raw = await pluggto.get_order(store_sale.pluggto_id)
        except BusinessError as exc:
            if exc.status != 404:
                raise
            raw = None
        report.pluggto_calls += 1
        book.resolve_unknown(raw, store_sale, linx_order)


async def _add_queue_knowledge(report: AuditReport, store: AsyncStore) -> None:
    """For orders missing in the store: what the queue knows (its state and reason, in words)."""
    for finding in report.of(rules.MISSING):
        job = await store.find("order", finding.pluggto_id) if finding.pluggto_id else None
        if job is None:
            finding.queue_state = None
            finding.queue_reason = None
            continue
        finding.queue_state = job.state
        finding.queue_reason = (job.reason_code, job.params) if job.reason_code else None


# -- repairs -------------------------------------------------------------------------------------------
@dataclass
class Repairs:
    """What the engine lends the repairs: its clients, its store, its way to tell people."""

    store: AsyncStore
    pluggto: Any
    status_back: Any  # engine.status_back.StatusBack
    linx: Any
    activity: Activity
    wake: Callable[[], None] = lambda: None


async def fix(report: AuditReport, what: set[str], repairs: Repairs,
              on_progress: Callable[[str, int], Awaitable[None] | None] | None = None) -> dict[str, int]:
    """Repair the classes named in ``what`` (``missing``, ``ack``, ``status``); returns how many of
    each. Each repair is written to the order's timeline and to the activity log."""
    unknown = what - set(rules.FIXES)
    if unknown:
        raise ValueError(f"cannot fix {', '.join(sorted(unknown))}: only {', '.join(rules.FIXES)}")
    done: dict[str, int] = {}
    for name in (n for n in rules.FIXES if n in what):
        steps = {"missing": _queue_missing, "ack": _acknowledge, "status": _resend_status}[name]
        count = 0
        for finding in report.of(rules.FIXES[name]):
            count += bool(await steps(finding, repairs))
        done[name] = count
        if on_progress is not None:
            outcome = on_progress(name, count)
            if outcome is not None:
                await outcome
    report.fixed = {**report.fixed, **done}
    repairs.wake()
    return done


async def _queue_missing(finding: Finding, repairs: Repairs) -> bool:
    if not finding.pluggto_id:
        return False
    result = await repairs.store.request_import(finding.pluggto_id, forget_store_order=True)
    await repairs.store.add_events(result.job_id, [_event(_QUEUED, "missing")])
    _tell(repairs, finding, "audit_missing_queued", _TOLD_QUEUED)
    return True


async def _acknowledge(finding: Finding, repairs: Repairs) -> bool:
    if not finding.pluggto_id or not finding.store:
        return False
    linx_id = finding.store[0].order_id
    await repairs.pluggto.ack_order(finding.pluggto_id, linx_id)
    job = await _job_for(finding, repairs)
    await repairs.store.apply(job.id, acked=1, linx_order_id=linx_id, linx_order_number=finding.store[0].number,
                              events=[_event(_ACKED, "ack")])
    _tell(repairs, finding, "audit_acked", _TOLD_ACKED)
    return True


async def _resend_status(finding: Finding, repairs: Repairs) -> bool:
    if not finding.store or not finding.pluggto_id:
        return False
    page = await repairs.linx.search_orders(w.eq(c.ORDER_ID, finding.store[0].order_id), page_size=1)
    if not page.results:
        return False
    await _job_for(finding, repairs)  # status back finds the job by the store order
    await repairs.status_back.sync_order(page.results[0])
    job = await _job_for(finding, repairs)
    await repairs.store.add_events(job.id, [_event(_RESENT, "status")])
    _tell(repairs, finding, "audit_status_resent", _TOLD_RESENT)
    return True


async def _job_for(finding: Finding, repairs: Repairs) -> Any:
    """The order's job, made (integrated, with the store's ids) when the queue never saw it."""
    if finding.pluggto_id is None:  # a store order no Plug.to order names: no job to make
        return None
    job = await repairs.store.find("order", finding.pluggto_id)
    if job is None:
        store = finding.store[0] if finding.store else None
        await repairs.store.upsert_job("order", finding.pluggto_id, state="integrated", needs_fetch=0,
                                       next_attempt_at=None, marketplace=finding.marketplace,
                                       marketplace_order_id=finding.number,
                                       linx_order_id=store.order_id if store else None,
                                       linx_order_number=store.number if store else None)
        job = await repairs.store.find("order", finding.pluggto_id)
    return job


# the timeline (pt-BR stored, English beside it) and the activity log of each repair
_QUEUED = Text("Conferência: pedido faltando na loja; enviado para a fila",
               "Audit: order missing in the store; sent to the queue")
_ACKED = Text("Conferência: integração confirmada no Plug.to (ack)", "Audit: integration acknowledged in Plug.to")
_RESENT = Text("Conferência: status da loja reenviado ao Plug.to", "Audit: the store's status sent to Plug.to again")
_TOLD_QUEUED = Text("Conferência: pedido {mp} do {where} faltava na loja e foi enviado para a fila",
                    "Audit: order {mp} from {where} was missing in the store and was queued")
_TOLD_ACKED = Text("Conferência: pedido {mp} do {where} confirmado no Plug.to",
                   "Audit: order {mp} from {where} acknowledged in Plug.to")
_TOLD_RESENT = Text("Conferência: status do pedido {mp} do {where} reenviado ao Plug.to",
                    "Audit: the status of order {mp} from {where} sent to Plug.to again")


def _event(text: Text, fix_name: str) -> Event:
    pt, en = text.both()
    return Event("audit_fix", pt, data={"en": en, "fix": fix_name})


def _tell(repairs: Repairs, finding: Finding, code: str, text: Text) -> None:
    pt, en = text.both(mp=finding.number or finding.pluggto_id or "?", where=finding.marketplace or "marketplace")
    repairs.activity(level="info", code=code, message_pt=pt, message_en=en,
                     refs={"pluggto_id": finding.pluggto_id, "original_id": finding.number,
                           "channel": finding.marketplace})


__all__ = ["CURSOR_LAST_AUDIT", "AuditReport", "Repairs", "fix", "period", "run_audit"]
