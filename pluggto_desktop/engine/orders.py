"""Processing a batch of order jobs: fetch, decide, look up in Linx, create, acknowledge.

Exactly-once creation rests on one rule: **never create an order in Linx without first searching
Linx for it** (``OriginalOrderID`` + ``MarketPlaceBrand``) in the same attempt. Whatever happened
before — a crash after ``SaveOrder``, a lost answer, a timeout — the search finds the order and
its ids are adopted instead of creating it again. The search is batched: one Linx call for the
whole batch of due jobs.

Two guards keep one marketplace sale from becoming two store orders, or two Plug.to orders from
silently sharing one (a duplicate in Plug.to would otherwise be acknowledged as integrated while
the merchant never hears of it):
* a sale is *reserved* while one job searches and creates it; another job for the same sale, in
  this batch or a concurrent one, waits a moment and then finds it in the store;
* a store order found by the search is adopted only when it is this job's own (its
  ``PluggtoOrderID`` property is this order, or absent, and no other job holds it); otherwise the
  job needs attention with reason ``duplicate_marketplace_order``.

Error handling per job (docs/business-rules.md §7):
* TransientError → ``retry_wait`` with back-off, or ``needs_attention`` when attempts run out;
* BusinessError  → ``needs_attention`` at once with a reason (and a ``log_history`` note in
  Plug.to, once per distinct reason);
* CredentialError → propagates: the engine pauses, and every unfinished job of the batch goes
  back to the queue without counting an attempt;
* the store itself failing (a full disk; a locked, read-only or damaged database) → not the
  order's fault: no attempt is counted, the job stays ``processing`` in the store and the engine
  (:attr:`OrderProcessor.on_unwritten`) puts it back in the queue once the store works again;
* anything else (a bug, data nobody foresaw) → counts an attempt and backs off like a transient
  failure, and after :data:`INTERNAL_ERROR_ATTEMPTS` the job needs attention with reason
  ``internal_error``. One bad order never blocks the others, and never loops.

The steps are here; how an attempt ends (those outcomes, written once) is
``engine/order_outcomes.py``, and what the timeline and activity log say, ``engine/order_words.py``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.intermediary import IntermediaryDecision, resolve_intermediary
from pluggto_desktop.domain.mapping import map_order, marketplace_brand, marketplace_order_number, original_order_id
from pluggto_desktop.domain.models import Order, parse_order
from pluggto_desktop.domain.reasons import render
from pluggto_desktop.domain.status import Action, decide, needs_store_lookup, status_label
from pluggto_desktop.domain.status_back import STATUS_BACK_REASONS, pluggto_order_id
from pluggto_desktop.engine import order_words as words
from pluggto_desktop.engine.bus import EngineBus
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.engine.order_outcomes import (
    INTERNAL_ERROR_ATTEMPTS,
    OrderOutcomes,
    Work,
    modified_of,
    reason_from,
)
from pluggto_desktop.engine.retry import RetryPolicy
from pluggto_desktop.errors import BusinessError, CredentialError, SyncError, TransientError
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.linx import contract as linx_contract
from pluggto_desktop.store.jobs import (
    PAYLOAD_LINX_REQUEST,
    PAYLOAD_LINX_RESPONSE,
    PAYLOAD_PLUGGTO,
    AsyncStore,
    Job,
    OrderSummary,
)

log = logging.getLogger("pluggto_desktop.engine.orders")
# notifications naming unknown orders come in floods when forged: said on the listener's
# (rate-limited) log, see logs.FLOOD_LOGGERS
listener_log = logging.getLogger("pluggto_desktop.engine.listener")

ActivitySink = Callable[..., None]
# a job whose sale another job is creating right now is made due again the moment that job's
# outcome is written; this delay is only the safety net for when that job ends abnormally
SALE_BUSY_RETRY_S = 2.0


def linx_key(order: Order) -> tuple[str, str]:
    """The (OriginalOrderID, MarketPlaceBrand) pair an order has in Linx: the sale's UUID (see
    ``mapping.original_order_id``) and the channel."""
    return original_order_id(order), marketplace_brand(order)


class OrderProcessor(OrderOutcomes):
    def __init__(
        self,
        *,
        store: AsyncStore,
        pluggto: Any,
        linx: Any,
        config: EngineConfig,
        retry: RetryPolicy,
        bus: EngineBus,
        activity: ActivitySink | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.pluggto = pluggto
        self.linx = linx
        self.config = config
        self.retry = retry
        self.bus = bus
        self.activity = activity or (lambda **_: None)
        self.clock = clock
        # set by the engine: re-sends the store's news (invoice, tracking…) for one order when
        # Reenviar is clicked on an order whose status update Plug.to had refused
        self.resync_status: Callable[[Job], Any] | None = None
        # set by the engine: a job whose outcome the store could not write (a full disk, a locked,
        # read-only or damaged file) is still "processing" there; the engine puts it back in the
        # queue once the store takes writes again. Unset, the store's error propagates.
        self.on_unwritten: Callable[[int, BaseException], None] | None = None
        # sales (OriginalOrderID, MarketPlaceBrand) being searched/created by a job in flight, each
        # with the ids of the jobs put back because of it (made due again on release); batches
        # run concurrently on one loop, so a plain dict is race-free
        self._reserved: dict[tuple[str, str], set[int]] = {}

    # -- the batch ---------------------------------------------------------------------------------
    async def process(
        self,
        batch: list[tuple[Job, dict[str, Any] | None]],
        on_job_done: Callable[[int], None] = lambda _job_id: None,
    ) -> None:
        """Work a batch; ``on_job_done(job_id)`` is called as each job reaches its outcome (or
        its outcome could not be written, see :attr:`on_unwritten`), so the dispatcher can claim
        more work without waiting for the slowest job of the batch."""
        works = [Work(job=job, raw=payload, on_done=on_job_done) for job, payload in batch]
        try:
            await asyncio.gather(*(self._guard(w, self._prepare(w)) for w in works))
            await self._lookup_guarded([w for w in works if not w.done])
            await asyncio.gather(*(self._guard(w, self._act(w)) for w in works if not w.done))
        except CredentialError:
            await self._release([w for w in works if not w.done])
            raise
        except Exception as exc:  # noqa: BLE001 - a failure outside any one job's step: every unfinished job backs off
            for work in works:
                if not work.done and not self._park(work, exc):
                    await self._internal(work, exc)
        finally:
            for work in works:  # whatever happened, no sale stays reserved by this batch
                self._unreserve(work)

    async def _guard(self, work: Work, step: Any) -> None:
        """Run one job's step; turn its failures into job states (credentials excepted)."""
        try:
            await step
        except CredentialError:
            raise
        except BusinessError as exc:
            await self._attention(work, reason_from(exc, work))
        except TransientError as exc:
            await self._transient(work, exc)
        except SyncError as exc:  # an unclassified remote failure: treat as transient
            await self._transient(work, TransientError(str(exc)))
        except Exception as exc:  # noqa: BLE001 - anything else (a bug, data nobody foresaw) counts an attempt; one order never stops the others
            if not self._park(work, exc):
                await self._internal(work, exc)

    async def _lookup_guarded(self, works: list[Work]) -> None:
        """The batched store search; an unexpected failure there backs off the jobs it concerns."""
        try:
            await self._lookup(works)
        except (CredentialError, asyncio.CancelledError):
            raise
        except Exception as exc:  # noqa: BLE001 - the batch's own failure: each unfinished job backs off, none is lost
            for work in works:
                if not work.done and not self._park(work, exc):
                    await self._internal(work, exc)

    async def _release(self, works: list[Work]) -> None:
        """Credentials failed: put unfinished jobs back in the queue, no attempt counted."""
        for work in works:
            work.note("paused", words.WAITING_FOR_CREDENTIALS.both())
            await self._finish(work, "queued", next_attempt_at=self.clock())

    # -- step 1: the order's data ----------------------------------------------------------------
    async def _prepare(self, work: Work) -> None:
        job = work.job
        if job.needs_fetch or work.raw is None:
            try:
                work.raw = await self.pluggto.get_order(job.key)
            except BusinessError as exc:
                if exc.status == 404:
                    if await self._forget_if_only_notified(work):
                        return
                    raise BusinessError(str(exc), code="pluggto_order_not_found", status=404,
                                        params={"pluggto_id": job.key}) from exc
                raise
            work.fetched = True
            work.payloads[PAYLOAD_PLUGGTO] = work.raw
        try:
            order = parse_order(work.raw)
        except ValueError as exc:
            details, details_en = words.UNREADABLE_ORDER.both()
            raise BusinessError(str(exc), code="remote_rejected",
                                params={"details": details, "details_en": details_en}) from exc
        work.order = order
        work.columns.update(OrderSummary.of(order).columns())
        if work.fetched:
            work.note("fetched", words.FETCHED.both(status=order.status or "?"), status=order.status)
            if job.settled_state and order.modified_raw and order.modified_raw == job.pluggto_modified:
                # Nothing changed since we last looked (typically the notification our own
                # update caused): go back to where the job was, without doing anything.
                work.note("unchanged", words.UNCHANGED.both())
                await self._finish(work, job.settled_state, needs_fetch=0, settled_state=None)
                return
        work.linx_order_id = job.linx_order_id
        work.linx_order_number = job.linx_order_number
        work.in_store = bool(job.linx_order_id)

    async def _forget_if_only_notified(self, work: Work) -> bool:
        """Plug.to has no such order and only notifications named it (forged, or for another
        account): one line in the technical log, no job — not a "needs attention" nobody can
        act on. A polled, fetched or manually imported order is kept (the store decides)."""
        if not await self.store.forget_if_only_notified(work.job.id):
            return False
        listener_log.warning("notification for order %s, which Plug.to does not have: ignored, no job kept",
                             work.job.key)
        work.done = True
        work.on_done(work.job.id)
        return True

    # -- step 2: is it already in the store? (one batched search) -----------------------------
    async def _lookup(self, works: list[Work]) -> None:
        pending = [
            w for w in works
            if not w.in_store and needs_store_lookup(w.sale.status, self.config.import_statuses)
        ]
        pending = await self._reserve(pending)
        if not pending:
            return
        pairs = sorted({linx_key(w.sale) for w in pending})
        try:
            found = await self.linx.find_orders(pairs)
        except TransientError as exc:
            for work in pending:
                await self._transient(work, exc)
            return
        except BusinessError as exc:
            for work in pending:
                await self._attention(work, reason_from(exc, work))
            return
        for work in pending:
            existing = found.get(linx_key(work.sale))
            if existing:
                await self._adopt_or_refuse(work, existing)

    async def _reserve(self, works: list[Work]) -> list[Work]:
        """Reserve each job's sale; a job whose sale is already reserved waits a moment (it
        will then find the sale in the store instead of creating it a second time)."""
        free = []
        for work in works:
            key = linx_key(work.sale)
            if key in self._reserved:
                work.note("sale_busy", words.SALE_BUSY.both())
                # registered before our write is submitted: the store runs calls in order on one
                # thread, so the holder's make_due cannot overtake this job's requeue
                self._reserved[key].add(work.job.id)
                await self._finish(work, "queued", next_attempt_at=self.clock() + SALE_BUSY_RETRY_S)
                continue
            self._reserved[key] = set()
            work.reserved = key
            free.append(work)
        return free

    async def _adopt_or_refuse(self, work: Work, existing: dict[str, Any]) -> None:
        """The sale is in the store already: adopt it if it is this job's own order."""
        linx_order_id = linx_contract.guid_text(existing.get(linx_contract.ORDER_ID))
        number = str(existing.get(linx_contract.ORDER_NUMBER) or "") or linx_order_id
        owner = pluggto_order_id(existing)
        if owner is None or owner == work.job.key:
            other = await self.store.other_order_with_linx_order(linx_order_id, work.job.key)
            owner = other.key if other is not None else owner
        if owner is not None and owner != work.job.key:
            log.warning("order %s: sale already in Linx as order %s of Plug.to order %s; not adopted",
                        work.job.key, number, owner)
            await self._attention(work, render("duplicate_marketplace_order", {
                "mp_id": marketplace_order_number(work.sale),
                "marketplace": work.sale.channel or "?", "linx_number": number, "other_pluggto_id": owner,
            }))
            return
        work.in_store = True
        work.adopted = True
        work.linx_order_id = linx_order_id
        work.linx_order_number = str(existing.get(linx_contract.ORDER_NUMBER) or "") or None
        work.note("found_in_linx", words.FOUND_IN_LINX.both(number=number), linx_order_id=work.linx_order_id)

    # -- step 3: act on the decision ------------------------------------------------------------
    async def _act(self, work: Work) -> None:
        order = work.sale
        decision = decide(order.status, work.in_store, self.config.import_statuses)
        if decision.action is Action.WAIT_PAYMENT:
            work.note("decision", words.status_words(words.WAITING_PAYMENT, order.status),
                      action=decision.action.value)
            await self._finish(work, decision.job_state, clear_reason=True)
        elif decision.action is Action.CREATE:
            work.note("decision", words.status_words(words.TO_CREATE, order.status), action=decision.action.value)
            await self._create(work)
        elif decision.action is Action.NOTHING:
            await self._confirm(work)
        elif decision.action is Action.MARK_CANCELED:
            work.note("decision", words.CANCELED_BEFORE_INTEGRATION.both(), action=decision.action.value)
            await self._finish(work, decision.job_state, clear_reason=True)
            self._activity("info", "order_canceled", work, words.ORDER_CANCELED)
        elif decision.action is Action.CANCEL_IN_STORE:
            await self._cancel(work)
        elif decision.action is Action.WAIT_UNKNOWN:
            work.note("decision", words.UNKNOWN_STATUS.both(status=order.status), level="warning",
                      action=decision.action.value)
            await self._finish(work, decision.job_state,
                               reason=render(decision.reason_code or "status_unknown", decision.reason_params()))
        else:  # NOT_IMPORTED
            await self._attention(work, render("status_not_imported", {"status": status_label(order.status, PT)}))

    async def _create(self, work: Work) -> None:
        order = work.sale
        intermediary = resolve_intermediary(
            order,
            marketplace_table=self.config.marketplace_cnpjs,
            fallback_cnpj=self.config.fallback_cnpj,
            integrate_without=self.config.integrate_without_intermediary,
        )
        work.note("intermediary", (intermediary.explain(PT), intermediary.explain(EN)),
                  level="warning" if intermediary.warnings else "info", **_intermediary_data(intermediary))
        work.columns.update(intermediary_cnpj=intermediary.cnpj, intermediary_source=intermediary.source)
        if intermediary.needs_attention:
            await self._attention(work, render(intermediary.reason_code or "intermediary_cnpj_missing",
                                               {"marketplace": order.channel or "?"}))
            return
        mapped = map_order(order, website_id=self.config.website_id, intermediary=intermediary)
        work.payloads[PAYLOAD_LINX_REQUEST] = mapped.body
        for code, params in mapped.warnings:
            work.note("warning", words.mapping_warning(code, params), level="warning", code=code, **params)
        if mapped.problems:
            code, params = mapped.problems[0]
            await self._attention(work, render(code, params))
            return
        result = await self.linx.save_order(mapped.body)
        work.payloads[PAYLOAD_LINX_RESPONSE] = getattr(result, "raw", None) or {
            "OrderID": result.order_id, "OrderNumber": result.order_number, "IsValid": True,
            "Warnings": list(getattr(result, "warnings", []) or []),
        }
        work.linx_order_id, work.linx_order_number = str(result.order_id), result.order_number
        work.in_store = True
        work.note("created", words.CREATED.both(number=result.order_number), linx_order_id=work.linx_order_id,
                  linx_order_number=result.order_number)
        await self._confirm(work, created=True)

    async def _confirm(self, work: Work, *, created: bool = False) -> None:
        """The order is in the store: acknowledge it in Plug.to (once) and mark it integrated."""
        job = work.job
        columns = {"linx_order_id": work.linx_order_id, "linx_order_number": work.linx_order_number}
        acked = bool(job.acked)
        if not acked:
            try:
                result = await self.pluggto.ack_order(job.key, work.linx_order_id)
            except TransientError as exc:
                # Keep what we learnt (the Linx ids): the next attempt only needs to ack.
                work.columns.update(columns)
                await self._transient(work, exc)
                return
            except BusinessError as exc:
                work.note("warning", words.ACK_FAILED.both(error=exc.message), level="warning")
            else:
                acked = True
                work.note("acked", words.ACKED.both())
                modified = modified_of(getattr(result, "order", None))
                if modified:
                    columns["pluggto_modified"] = modified
        # Count it as integrated once: not when a settled, integrated job was merely re-checked.
        if created or work.adopted or job.settled_state != "integrated":
            work.note("integrated", words.INTEGRATED.both())
        await self._finish(work, "integrated", acked=int(acked), clear_reason=True, **columns)
        if job.reason_code in STATUS_BACK_REASONS and self.resync_status is not None:
            await self.resync_status(job)
        if created or work.adopted:
            self._activity("info", "order_integrated", work, words.ORDER_INTEGRATED)

    async def _cancel(self, work: Work) -> None:
        if work.job.linx_status == linx_contract.STATUS_CANCELLED:
            # the store canceled it first (and told Plug.to): nothing to do in Linx
            work.note("canceled", words.ALREADY_CANCELED.both())
        else:
            await self.linx.cancel_order(work.linx_order_id)
            work.note("canceled_in_linx", words.CANCELED_IN_LINX.both(), linx_order_id=work.linx_order_id)
        await self._finish(work, "canceled", clear_reason=True,
                           linx_order_id=work.linx_order_id, linx_order_number=work.linx_order_number)
        self._activity("warning", "order_canceled_in_store", work, words.ORDER_CANCELED_IN_STORE)

def _intermediary_data(decision: IntermediaryDecision) -> dict[str, Any]:
    return {
        "cnpj": cnpj.format(decision.cnpj) if decision.cnpj else None,
        "source": decision.source,
        "warnings": list(decision.warnings),
    }


__all__ = ["INTERNAL_ERROR_ATTEMPTS", "SALE_BUSY_RETRY_S", "OrderProcessor", "Work", "linx_key"]
