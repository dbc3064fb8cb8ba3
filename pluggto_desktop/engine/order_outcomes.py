"""How one order job's attempt ends: integrated, waiting for a retry, needing attention, or
left to the engine when the store itself fails (see ``engine/orders.py`` for the rules).

:class:`Work` is what an attempt gathers on its way (the order, the Linx ids, timeline notes,
payloads); :class:`OrderOutcomes` writes its outcome — once — and tells the activity log, the bus
and the dispatcher (``on_done``), and releases the sale the job had reserved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pluggto_desktop.domain.models import Order
from pluggto_desktop.domain.reasons import Reason, render
from pluggto_desktop.engine import order_words as words
from pluggto_desktop.engine.bus import EngineBus
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.engine.retry import TEMPORARY_FAILURE, RetryPolicy
from pluggto_desktop.errors import BusinessError, CredentialError, SyncError, TransientError
from pluggto_desktop.store.db import problem_kind
from pluggto_desktop.store.jobs import AsyncStore, Event, Job, attention_event
from pluggto_desktop.text import Text

log = logging.getLogger("pluggto_desktop.engine.orders")

#: Attempts an order gets when processing it raises something unexpected; a bug rarely heals by
#: retrying, so the merchant hears of it sooner than of a network outage.
INTERNAL_ERROR_ATTEMPTS = 3


@dataclass
class Work:
    """One job's journey through a batch."""

    job: Job
    raw: dict[str, Any] | None = None
    order: Order | None = None
    fetched: bool = False
    in_store: bool = False
    linx_order_id: str | None = None
    linx_order_number: str | None = None
    adopted: bool = False
    events: list[Event] = field(default_factory=list)
    payloads: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, Any] = field(default_factory=dict)
    done: bool = False
    on_done: Callable[[int], None] = lambda _job_id: None
    write_failed: bool = False  # writing its outcome raised something that is not the file's fault
    reserved: tuple[str, str] | None = None  # the sale this job may create (see OrderProcessor)

    @property
    def sale(self) -> Order:
        """The order read in step 1; the later steps only run for works that have it."""
        if self.order is None:
            raise RuntimeError(f"order job {self.job.id} reached a later step without its order")
        return self.order

    def note(self, type_: str, text: tuple[str, str], level: str = "info", **data: Any) -> None:
        """A timeline entry: ``text`` is (pt-BR, English) — a Text's ``both()`` — the pt-BR stored,
        the English kept in ``data["en"]`` for an English UI."""
        pt, en = text
        self.events.append(Event(type_, pt, level=level, data={**data, "en": en}))


class OrderOutcomes:
    """The outcomes of :class:`~pluggto_desktop.engine.orders.OrderProcessor`'s jobs (its base:
    the processor sets these attributes)."""

    store: AsyncStore
    pluggto: Any
    config: EngineConfig
    retry: RetryPolicy
    bus: EngineBus
    activity: Callable[..., None]
    clock: Callable[[], float]
    on_unwritten: Callable[[int, BaseException], None] | None
    _reserved: dict[tuple[str, str], set[int]]

    async def _attention(self, work: Work, reason: Reason) -> None:
        if work.done:
            return
        job = work.job
        columns: dict[str, Any] = {}
        if work.linx_order_id:
            columns.update(linx_order_id=work.linx_order_id, linx_order_number=work.linx_order_number)
        # an order Plug.to does not have cannot carry a note either
        writable = reason.code != "pluggto_order_not_found"
        if self.config.log_history_writeback and writable and job.logged_reason != reason.code:
            written = await self._write_log_history(work, reason)
            if written:
                columns["logged_reason"] = reason.code
        work.events.append(attention_event(reason))
        await self._finish(work, "needs_attention", reason=reason, next_attempt_at=None, **columns)
        self._activity("error", "order_needs_attention", work, words.ORDER_NEEDS_ATTENTION,
                       title=(reason.title, reason.english().title))

    async def _write_log_history(self, work: Work, reason: Reason) -> bool:
        """Tell the merchant in Plug.to's panel too; never let this block the job's outcome."""
        try:
            result = await self.pluggto.add_log_history(
                work.job.key, reason.log_line(), datetime.now(UTC)
            )
        except (SyncError, CredentialError) as exc:
            # the remote's own words are technical English: kept in the event's data for support
            work.note("log_history_failed", words.log_history_failed(exc), level="warning", detail=exc.message)
            return False
        work.note("log_history", words.LOG_HISTORY_WRITTEN.both())
        modified = modified_of(getattr(result, "order", None))
        if modified:
            work.columns["pluggto_modified"] = modified
        return True

    async def _transient(self, work: Work, exc: TransientError) -> None:
        if work.done:
            return
        attempts = work.job.attempts + 1
        text = str(exc)
        limit_reached = self.retry.exhausted(attempts) or not self.config.auto_retry
        if limit_reached:
            work.columns["attempts"] = attempts
            await self._attention(work, render("retries_exhausted", {"attempts": attempts, "last_error": text}))
            return
        wait = self.retry.delay(attempts, exc.retry_after)
        when = self.clock() + wait
        work.note("retry", TEMPORARY_FAILURE.both(error=text, wait=wait), level="warning", attempt=attempts,
                  retry_after=exc.retry_after)
        log.info("order %s: transient failure (%s), attempt %d, retry in %.1fs", work.job.key, text, attempts, wait)
        await self._finish(work, "retry_wait", attempts=attempts, next_attempt_at=when, last_error=text)

    async def _internal(self, work: Work, exc: BaseException) -> None:
        """Something nobody foresaw went wrong with this job: count it, back off, and after a few
        attempts ask for help — never requeue it as if nothing happened (that loops)."""
        if work.done:
            return
        if work.write_failed:  # what this job gathered could not be written: keep only the retry note
            work.events, work.payloads = [], {}
        attempts = work.job.attempts + 1
        error = f"{type(exc).__name__}: {one_line(exc)}"
        log.error("order %s: unexpected error (attempt %d): %s", work.job.key, attempts, error, exc_info=exc)
        if attempts >= min(INTERNAL_ERROR_ATTEMPTS, self.retry.max_attempts) or not self.config.auto_retry:
            work.columns["attempts"] = attempts
            await self._attention(work, render("internal_error", {"attempts": attempts, "error": error}))
            return
        wait = self.retry.delay(attempts)
        work.note("retry", words.INTERNAL_ERROR.both(error=error, wait=wait), level="warning", attempt=attempts)
        await self._finish(work, "retry_wait", attempts=attempts, next_attempt_at=self.clock() + wait,
                           last_error=error)

    async def _finish(self, work: Work, state: str, **columns: Any) -> None:
        if work.done:
            return
        work.done = True
        merged = {**work.columns, **columns}
        reason = merged.pop("reason", None)
        clear_reason = merged.pop("clear_reason", False)
        if work.order is not None:
            merged.setdefault("needs_fetch", 0)  # we hold this version of the order
        try:
            final = await self.store.apply(
                work.job.id,
                state=state,
                claimed_revision=work.job.revision,
                events=work.events,
                payloads=work.payloads,
                reason=reason,
                clear_reason=clear_reason,
                **merged,
            )
        except Exception as exc:
            work.done = False
            if self._park(work, exc):
                return
            # not the file's fault (data nobody foresaw): the job's failure handling writes an
            # attempt instead, without what could not be written
            work.write_failed = True
            raise
        waiting = self._unreserve(work)  # the outcome is written: another job for the sale may look now
        if waiting:  # due before on_done wakes the dispatcher, so it claims them at once
            try:
                await self.store.make_due(waiting)
            except Exception as exc:  # noqa: BLE001 - they become due by themselves a moment later
                log.warning("could not make %d waiting orders due at once: %s", len(waiting), exc)
        self.bus.publish("job", {"job_id": work.job.id, "kind": "order", "key": work.job.key, "state": final})
        work.on_done(work.job.id)

    def _park(self, work: Work, exc: BaseException) -> bool:
        """When ``exc`` is the store failing (a full disk…), leave the job to the engine, which
        requeues it once the store takes writes again; True when parked. Whatever was done
        remotely is found again then: the next attempt searches Linx before creating anything."""
        if work.done or self.on_unwritten is None or problem_kind(exc) is None:
            return False
        work.done = True
        log.warning("order %s: the queue database failed (%s); the order goes back to the queue when it works",
                  work.job.key, exc)
        self._unreserve(work)  # jobs waiting for this sale become due by themselves a moment later
        self.on_unwritten(work.job.id, exc)
        work.on_done(work.job.id)
        return True

    def _activity(self, level: str, code: str, work: Work, text: Text, **per_language: tuple[str, str]) -> None:
        """An activity entry about ``work``'s order: ``text`` filled with its numbers, and with
        ``per_language`` values given as (pt-BR, English)."""
        order = work.order
        values = {
            "mp_id": (order.original_id if order else None) or work.job.key,
            "mp": (order.channel if order else None) or "marketplace",
            "linx": work.linx_order_number or work.linx_order_id or "?",
        }
        # identifiers in refs are kept verbatim by the activity log's redaction (a 14-digit
        # Shopee order number must not be masked as if it were a CNPJ)
        refs = {"job_id": work.job.id, "pluggto_id": work.job.key, "original_id": values["mp_id"],
                "channel": values["mp"], "linx_order": work.linx_order_number}
        message_pt, message_en = words.in_both(text, values, **per_language)
        self.activity(level=level, code=code, message_pt=message_pt, message_en=message_en, refs=refs)

    def _unreserve(self, work: Work) -> set[int]:
        """Release the job's sale; returns the jobs that were waiting for it."""
        if work.reserved is None:
            return set()
        waiting = self._reserved.pop(work.reserved, set())
        work.reserved = None
        return waiting


def one_line(exc: BaseException, limit: int = 200) -> str:
    """An exception's text on one line, bounded (it lands in the queue and the timeline)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def modified_of(order: Any) -> str | None:
    """The ``modified`` stamp of an order Plug.to answered with (None when it sent none)."""
    if isinstance(order, dict):
        value = order.get("modified")
        return str(value) if value else None
    return None


def reason_from(exc: BusinessError, work: Work) -> Reason:
    """The reason a remote's refusal gives the job, with the ids the message names."""
    params = dict(exc.params)
    if exc.code == "pluggto_order_not_found":
        params.setdefault("pluggto_id", work.job.key)
    if exc.code == "linx_order_not_found":
        params.setdefault("linx_order_id", work.linx_order_id or "?")
    params.setdefault("details", exc.message)
    params.setdefault("type", exc.remote_type or "")
    return render(exc.code, params)
