"""The durable job queue: jobs, their timeline of events, their payloads, and cursors.

Every write is one short transaction. The central write is :meth:`Store.apply`, which changes a
job's state and fields, appends timeline events and replaces payloads *together*, so a crash
never leaves a job half-updated.

Concurrency rule: a worker claims jobs (state ``processing``) and remembers their ``revision``.
Anything from outside — a notification, a poll bringing a newer version of the order, a user's
"Reenviar" — bumps the revision. When the worker finishes, :meth:`Store.apply` compares
revisions: if the job changed meanwhile, the worker's final state is not trusted and the job goes
back to ``queued`` for a fresh look. So no change is ever lost to a race.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from pluggto_desktop.domain import deadlines
from pluggto_desktop.domain.deadlines import Deadline, Moments, Rules
from pluggto_desktop.domain.jobs import DUE_STATES, JobKind, JobState, state_after_change
from pluggto_desktop.domain.mapping import original_order_id
from pluggto_desktop.domain.models import Order
from pluggto_desktop.domain.reasons import Reason
from pluggto_desktop.linx.contract import parse_guid
from pluggto_desktop.domain.jobs import can_ignore, can_retry, can_unignore
from pluggto_desktop.store.db import connect, transaction

ORDER = JobKind.ORDER.value
QUEUED = JobState.QUEUED.value
#: outcomes a job rests in until something changes
SETTLED_STATES = (
    JobState.INTEGRATED.value,
    JobState.WAITING_PAYMENT.value,
    JobState.NEEDS_ATTENTION.value,
    JobState.CANCELED.value,
)
PROCESSING = JobState.PROCESSING.value
IGNORED = JobState.IGNORED.value
#: Timeline entries showing an order job is more than notifications about an id: Plug.to gave
#: us the order, or the user asked for it (see ``Store.forget_if_only_notified``).
_REAL_ORDER_EVENTS = ("polled", "fetched", "import_requested")

#: Payload kinds kept per job (the three tabs of the detail view, plus status-back ones).
PAYLOAD_PLUGGTO = "pluggto"  # the order as Plug.to sent it
PAYLOAD_LINX_REQUEST = "linx_request"  # what we sent to Linx
PAYLOAD_LINX_RESPONSE = "linx_response"  # what Linx answered
PAYLOAD_PLUGGTO_REQUEST = "pluggto_request"  # what we last sent to Plug.to (status back/products)
PAYLOAD_PLUGGTO_RESPONSE = "pluggto_response"


@dataclass
class Job:
    """One row of ``jobs``; field names are the column names."""

    id: int
    account_id: int
    kind: str
    key: str
    state: str
    attempts: int
    next_attempt_at: float | None
    created_at: float
    updated_at: float
    revision: int
    needs_fetch: int
    settled_state: str | None
    reason_code: str | None
    reason_title: str | None
    reason_message: str | None
    reason_hint: str | None
    reason_params: str | None
    last_error: str | None
    logged_reason: str | None
    marketplace: str | None
    marketplace_order_id: str | None
    buyer_name: str | None
    pluggto_status: str | None
    pluggto_modified: str | None
    order_total: float | None
    order_created_at: float | None
    linx_order_id: str | None
    linx_order_number: str | None
    linx_status: str | None
    acked: int
    intermediary_cnpj: str | None
    intermediary_source: str | None
    ignored_reason: str | None
    ignored_from_state: str | None
    status_sent: str | None
    content_hash: str | None
    title: str | None
    linx_product_id: int | None = None
    stock_state: str | None = None  # products: JSON {sku: quantity} Plug.to last accepted
    sale_id: str | None = None  # orders: the sale's OriginalOrderID in Linx (a UUID)
    # orders: the deadline watch (domain/deadlines.py) — the order's clock, then its next deadline,
    # computed by the store whenever one of DEADLINE_INPUTS changes
    approved_at: float | None = None
    invoiced_at: float | None = None
    shipped_at: float | None = None
    expected_send_at: float | None = None
    deadline_step: str | None = None
    deadline_at: float | None = None
    deadline_warn_at: float | None = None
    deadline_by_marketplace: int = 0

    def deadline(self) -> Deadline | None:
        """The order's next deadline as last computed (None: not watched)."""
        if self.deadline_at is None or self.deadline_step is None:
            return None
        return Deadline(self.deadline_step, self.deadline_at, self.deadline_warn_at or self.deadline_at,
                        bool(self.deadline_by_marketplace))

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> "Job":
        return cls(**{name: row[name] for name in _JOB_FIELDS})

    @property
    def params(self) -> dict[str, Any]:
        return json.loads(self.reason_params) if self.reason_params else {}

    @property
    def sent(self) -> dict[str, Any]:
        """What was already sent back to Plug.to (status-back bookkeeping)."""
        return json.loads(self.status_sent) if self.status_sent else {}


_JOB_FIELDS = tuple(f.name for f in fields(Job))
_WRITABLE = frozenset(_JOB_FIELDS) - {"id", "account_id", "kind", "key", "created_at", "revision"}


@dataclass
class Event:
    """One entry of a job's timeline. ``data`` must never hold personal data."""

    type: str
    message: str = ""
    level: str = "info"
    data: dict[str, Any] | None = None
    at: float | None = None
    id: int | None = None
    job_id: int | None = None


def attention_event(reason: Reason) -> Event:
    """The timeline entry of a job that needs attention, in pt-BR with its English."""
    english = reason.english()
    return Event("needs_attention", f"{reason.title}: {reason.message}", level="error",
                 data={"code": reason.code, "en": f"{english.title}: {english.message}"})


@dataclass
class OrderSummary:
    """What the queue shows of an order, taken from Plug.to's data."""

    key: str  # Plug.to order id
    status: str | None = None
    modified: str | None = None
    marketplace: str | None = None
    marketplace_order_id: str | None = None
    buyer_name: str | None = None
    total: float | None = None
    created_at: float | None = None
    sale_id: str | None = None  # the sale's OriginalOrderID in Linx
    # the deadline watch's moments as Plug.to shows them (domain/deadlines.py)
    approved_at: float | None = None
    expected_send_at: float | None = None
    invoiced_at: float | None = None
    shipped_at: float | None = None

    @classmethod
    def of(cls, order: Order) -> "OrderSummary":
        return cls(
            key=order.id,
            status=order.status,
            modified=order.modified_raw,
            marketplace=order.channel,
            marketplace_order_id=order.original_id,
            buyer_name=order.buyer_name() or None,
            total=order.total,
            created_at=order.created.timestamp() if order.created else None,
            sale_id=original_order_id(order),
            approved_at=deadlines.approved_at(order.raw),
            expected_send_at=deadlines.expected_send_at(order.raw),
            **deadlines.pluggto_progress(order.raw),
        )

    def columns(self) -> dict[str, Any]:
        return {
            "pluggto_status": self.status,
            "pluggto_modified": self.modified,
            "marketplace": self.marketplace,
            "marketplace_order_id": self.marketplace_order_id,
            "buyer_name": self.buyer_name,
            "order_total": self.total,
            "order_created_at": self.created_at,
            "sale_id": self.sale_id,
            "approved_at": self.approved_at,
            "expected_send_at": self.expected_send_at,
            "invoiced_at": self.invoiced_at,
            "shipped_at": self.shipped_at,
        }


@dataclass
class IntakeResult:
    """What recording a notification or a polled order did."""

    job_id: int
    created: bool
    state: str
    changed: bool  # False when it was a repeat of something already known


@dataclass
class JobQuery:
    """Filters, search and ordering of a queue view."""

    kind: str = "order"
    states: Sequence[str] | None = None
    marketplace: str | None = None
    date_from: float | None = None  # on updated_at
    date_to: float | None = None
    search: str | None = None
    order_by: str = "updated_at"
    descending: bool = True
    #: orders near/late (``"near"``, ``"late"``, or ``"watch"`` for both) at ``now`` (the store's
    #: clock when None)
    deadline: str | None = None
    now: float | None = None


#: A search matching at least this many jobs is read by walking the sort order (see
#: :meth:`Store.query_jobs`).
DENSE_SEARCH = 10_000

#: Columns a queue view may sort on (anything else is refused: they go into SQL text).
SORTABLE = frozenset(
    {
        "updated_at",
        "created_at",
        "order_created_at",
        "state",
        "attempts",
        "next_attempt_at",
        "marketplace",
        "marketplace_order_id",
        "buyer_name",
        "order_total",
        "linx_order_number",
        "pluggto_status",
        "key",
        "title",
    }
)


class Store:
    """Synchronous access to the database; one instance per thread.

    The engine uses it through :class:`AsyncStore` (one dedicated thread); tests and ``status``
    use it directly.
    """

    def __init__(self, path: Path | str, *, clock: Callable[[], float] = time.time, read_only: bool = False) -> None:
        """Open the database (see :func:`~pluggto_desktop.store.db.connect`; raises
        :class:`~pluggto_desktop.store.db.DatabaseProblem` when it cannot be used)."""
        self.path = path
        self.clock = clock
        self.conn = connect(path, read_only=read_only)
        #: the channel's deadlines; the engine sets them from the settings (set_deadline_rules)
        self.deadline_rules = Rules()

    def close(self) -> None:
        self.conn.close()

    # -- intake: notifications, polls, manual imports ------------------------------------------
    def record_notification(
        self, key: str, *, status_changed: bool | None, action: str = "updated"
    ) -> IntakeResult:
        """Durably note that Plug.to says order ``key`` changed (called before answering 200)."""
        now = self.clock()
        data = {"action": action, "status_changed": status_changed, "en": "Notification received from Plug.to"}
        with transaction(self.conn):
            job = self._find(ORDER, key)
            if job is None:
                job_id = self._insert(ORDER, key, now, needs_fetch=1)
                self._event(job_id, Event("notification", "Notificação recebida do Plug.to", data=data), now)
                return IntakeResult(job_id, True, QUEUED, True)
            new_state = state_after_change(job.state, status_changed=status_changed)
            if new_state is None and job.state not in DUE_STATES + (PROCESSING,):
                self._event(job.id, Event("notification_ignored", "Notificação sem efeito",
                                          data={**data, "en": "Notification with nothing to do"}), now)
                return IntakeResult(job.id, False, job.state, False)
            updates: dict[str, Any] = {"needs_fetch": 1}
            if new_state is not None:
                updates.update(state=new_state, next_attempt_at=now, settled_state=job.state)
                if job.state == JobState.NEEDS_ATTENTION.value:
                    updates["attempts"] = 0
            self._update(job.id, updates, now, bump=True)
            self._event(job.id, Event("notification", "Notificação recebida do Plug.to", data=data), now)
            return IntakeResult(job.id, False, new_state or job.state, True)

    def record_polled_order(self, summary: OrderSummary, payload: dict[str, Any]) -> IntakeResult:
        """Note an order returned in full by a poll: no need to fetch it again."""
        now = self.clock()
        body = json.dumps(payload, ensure_ascii=False)
        with transaction(self.conn):
            job = self._find(ORDER, summary.key)
            if job is None:
                job_id = self._insert(ORDER, summary.key, now, needs_fetch=0, **summary.columns())
                self._payload(job_id, PAYLOAD_PLUGGTO, body, now)
                self._event(job_id, Event("polled", "Pedido encontrado na consulta ao Plug.to",
                                          data={"status": summary.status, "en": "Order found polling Plug.to"}), now)
                return IntakeResult(job_id, True, QUEUED, True)
            if summary.modified and summary.modified == job.pluggto_modified:
                return IntakeResult(job.id, False, job.state, False)  # seen this version already
            status_changed = (summary.status or "") != (job.pluggto_status or "")
            new_state = state_after_change(job.state, status_changed=status_changed)
            updates: dict[str, Any] = {"needs_fetch": 0, **summary.columns()}
            if new_state is not None:
                updates.update(state=new_state, next_attempt_at=now, settled_state=job.state)
                if job.state == JobState.NEEDS_ATTENTION.value:
                    updates["attempts"] = 0
            self._update(job.id, updates, now, bump=True)
            self._payload(job.id, PAYLOAD_PLUGGTO, body, now)
            self._event(job.id, Event("polled", "Nova versão do pedido encontrada na consulta",
                                      data={"status": summary.status, "en": "A new version of the order was polled"}),
                        now)
            return IntakeResult(job.id, False, new_state or job.state, True)

    def record_polled_orders(self, orders: Sequence[tuple[OrderSummary, dict[str, Any]]]) -> list[IntakeResult]:
        """A page of polled orders (each in its own transaction, so one bad row cannot undo
        the others)."""
        return [self.record_polled_order(summary, payload) for summary, payload in orders]

    def request_import(self, key: str, *, forget_store_order: bool = False) -> IntakeResult:
        """The user asked to import one order by its Plug.to id: (re)queue it for a fresh fetch.
        ``forget_store_order``: the store no longer has the order this job knew (the Conferência
        found it missing), so the job searches and creates it again instead of trusting its ids."""
        now = self.clock()
        with transaction(self.conn):
            job = self._find(ORDER, key)
            if job is None:
                job_id = self._insert(ORDER, key, now, needs_fetch=1)
                self._event(job_id, Event("import_requested", "Importação manual solicitada",
                                          data={"en": "Manual import requested"}), now)
                return IntakeResult(job_id, True, QUEUED, True)
            state = job.state if job.state == PROCESSING else QUEUED
            updates: dict[str, Any] = {"state": state, "needs_fetch": 1, "next_attempt_at": now, "attempts": 0,
                                       "settled_state": None}
            if forget_store_order:
                updates.update(linx_order_id=None, linx_order_number=None, acked=0)
                # the store's invoice and shipment went with its order (the first moment seen
                # otherwise wins: cleared by hand)
                self.conn.execute("UPDATE jobs SET invoiced_at = NULL, shipped_at = NULL WHERE id = ?", (job.id,))
            self._update(job.id, updates, now, bump=True)
            self._event(job.id, Event("import_requested", "Importação manual solicitada",
                                      data={"en": "Manual import requested"}), now)
            return IntakeResult(job.id, False, state, True)

    def forget_if_only_notified(self, job_id: int) -> bool:
        """Delete an order job that exists only because notifications named it, now that Plug.to
        says there is no such order (forged, or meant for another account); True when deleted.

        A job is more than that echo, and stays, once Plug.to gave us the order (a poll, a
        successful fetch: its payload or a ``polled``/``fetched`` event), once the user asked for
        it (``import_requested``: the user must hear "not found"), or once it reached the store.
        Checked and deleted in one transaction, so a poll or an import landing meanwhile wins.
        """
        with transaction(self.conn):
            row = self.conn.execute("SELECT kind, linx_order_id FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None or row["kind"] != ORDER or row["linx_order_id"]:
                return False
            marks = ",".join("?" * len(_REAL_ORDER_EVENTS))
            real = self.conn.execute(
                f"SELECT 1 FROM job_events WHERE job_id = ? AND type IN ({marks}) "
                "UNION ALL SELECT 1 FROM job_payloads WHERE job_id = ? LIMIT 1",
                (job_id, *_REAL_ORDER_EVENTS, job_id),
            ).fetchone()
            if real is not None:
                return False
            self.conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))  # events cascade
        return True

    def upsert_job(self, kind: str, key: str, **columns: Any) -> IntakeResult:
        """Create a job (queued, due now) or update columns of an existing one (products, tests)."""
        now = self.clock()
        with transaction(self.conn):
            job = self._find(kind, key)
            if job is None:
                job_id = self._insert(kind, key, now, **columns)
                return IntakeResult(job_id, True, columns.get("state", QUEUED), True)
            self._update(job.id, columns, now, bump=True)
            return IntakeResult(job.id, False, columns.get("state", job.state), True)

    # -- workers ---------------------------------------------------------------------------------
    def claim_due(self, kind: str, limit: int, *, now: float | None = None) -> list[Job]:
        """Move up to ``limit`` due jobs to ``processing`` and return them (oldest due first)."""
        now = self.clock() if now is None else now
        with transaction(self.conn):
            rows = self.conn.execute(
                "SELECT * FROM jobs WHERE kind = ? AND state IN (?, ?) AND next_attempt_at <= ? "
                "ORDER BY next_attempt_at, id LIMIT ?",
                (kind, *DUE_STATES, now, limit),
            ).fetchall()
            jobs = [Job.from_row(r) for r in rows]
            if jobs:
                self.conn.executemany(
                    "UPDATE jobs SET state = ?, updated_at = ? WHERE id = ?",
                    [(PROCESSING, now, j.id) for j in jobs],
                )
        for job in jobs:
            job.state = PROCESSING
        return jobs

    def claim_orders(self, limit: int) -> list[tuple[Job, Any | None]]:
        """Claim due order jobs together with the Plug.to payload held for those that need no
        fresh fetch (one trip to the store thread instead of one per job)."""
        jobs = self.claim_due(ORDER, limit)
        return [(job, None if job.needs_fetch else self.payload(job.id, PAYLOAD_PLUGGTO)) for job in jobs]

    def next_due_at(self, kind: str) -> float | None:
        """When the next queued/retry job becomes due (None when nothing is scheduled)."""
        row = self.conn.execute(
            "SELECT MIN(next_attempt_at) FROM jobs WHERE kind = ? AND state IN (?, ?)",
            (kind, *DUE_STATES),
        ).fetchone()
        return row[0]

    def apply(
        self,
        job_id: int,
        *,
        state: str | None = None,
        claimed_revision: int | None = None,
        events: Iterable[Event] = (),
        payloads: dict[str, Any] | None = None,
        reason: Reason | None = None,
        clear_reason: bool = False,
        **columns: Any,
    ) -> str:
        """Update a job in one transaction; returns the state it ends in.

        With ``claimed_revision``, a job that changed since it was claimed goes back to
        ``queued`` (fresh fetch) instead of taking ``state``: the worker's view was stale.
        Fields in ``columns`` (the Linx ids learnt, for example) are kept either way.
        """
        with transaction(self.conn):
            return self._apply(job_id, state=state, claimed_revision=claimed_revision, events=events,
                               payloads=payloads, reason=reason, clear_reason=clear_reason, **columns)

    def upsert_and_apply(self, kind: str, key: str, **kwargs: Any) -> tuple[int, str]:
        """:meth:`apply` to the job ``(kind, key)``, creating it first if needed — one
        transaction (a new product's outcome is one write, not three)."""
        with transaction(self.conn):
            job = self._find(kind, key)
            job_id = job.id if job else self._insert(kind, key, self.clock(), needs_fetch=0)
            return job_id, self._apply(job_id, **kwargs)

    def _apply(
        self,
        job_id: int,
        *,
        state: str | None = None,
        claimed_revision: int | None = None,
        events: Iterable[Event] = (),
        payloads: dict[str, Any] | None = None,
        reason: Reason | None = None,
        clear_reason: bool = False,
        **columns: Any,
    ) -> str:
        now = self.clock()
        row = self.conn.execute("SELECT state, revision FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise KeyError(job_id)
        updates = dict(columns)
        final = state
        stale = claimed_revision is not None and row["revision"] != claimed_revision
        if stale and state is not None and state != PROCESSING:
            final = QUEUED
            updates.update(needs_fetch=1, next_attempt_at=now)
            if state in SETTLED_STATES:
                # remember what the worker reached: the re-check can return to it without
                # doing (or counting) the work again if nothing relevant changed
                updates["settled_state"] = state
        if final is not None:
            updates["state"] = final
        # A stale worker's reason is kept too: the job goes back to the queue remembering the
        # state it reached (settled_state), and a re-check that finds nothing new returns to that
        # state — which must still say why. A re-check that decides otherwise replaces or clears it.
        if reason is not None:
            updates.update(
                reason_code=reason.code,
                reason_title=reason.title,
                reason_message=reason.message,
                reason_hint=reason.hint,
                reason_params=json.dumps(reason.params, ensure_ascii=False, default=str),
            )
        elif clear_reason:
            updates.update(reason_code=None, reason_title=None, reason_message=None,
                           reason_hint=None, reason_params=None)
        self._update(job_id, updates, now, bump=False)
        for event in events:
            self._event(job_id, event, now)
        for kind, body in (payloads or {}).items():
            text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, default=str)
            self._payload(job_id, kind, text, now)
        if stale and final == QUEUED and state != QUEUED:
            self._event(job_id, Event("requeued", "Pedido alterado durante o processamento; será reavaliado",
                                      data={"en": "The order changed while being processed; it will be "
                                                  "checked again"}), now)
        return final or row["state"]

    def add_events(self, job_id: int, events: Iterable[Event]) -> None:
        now = self.clock()
        with transaction(self.conn):
            for event in events:
                self._event(job_id, event, now)

    def recover_interrupted(self) -> int:
        """At start-up: jobs left ``processing`` by a crash go back to ``queued``."""
        now = self.clock()
        with transaction(self.conn):
            ids = [r[0] for r in self.conn.execute("SELECT id FROM jobs WHERE state = ?", (PROCESSING,))]
            for job_id in ids:
                self._update(job_id, {"state": QUEUED, "next_attempt_at": now}, now, bump=False)
                self._event(job_id, Event("recovered", "Retomado após o app ter sido interrompido",
                                          data={"en": "Resumed after the app was interrupted"}), now)
        return len(ids)

    def requeue(self, job_ids: Iterable[int], *, delay: float = 0.0) -> int:
        """Jobs a worker held whose outcome was never written (the store took no writes, or a
        failure outside any one job) go back to the queue, due in ``delay`` seconds, without an
        attempt counted. Only jobs still ``processing`` move (one that reached an outcome is left
        alone): pass only jobs the caller holds."""
        now = self.clock()
        count = 0
        with transaction(self.conn):
            for job_id in job_ids:
                cursor = self.conn.execute(
                    "UPDATE jobs SET state = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = ?",
                    (QUEUED, now + delay, now, job_id, PROCESSING))
                if cursor.rowcount:
                    count += 1
                    self._event(job_id, Event("unwritten_requeued", "Voltou para a fila: o resultado anterior não pôde ser "
                                                          "gravado", data={"en": "Back in the queue: its last "
                                                                                 "outcome could not be written"}),
                                now)
        return count

    def make_due(self, job_ids: Iterable[int]) -> int:
        """Queued jobs waiting for a moment (e.g. for another job's sale) become due now."""
        ids = list(job_ids)
        if not ids:
            return 0
        now = self.clock()
        marks = ", ".join("?" * len(ids))
        with transaction(self.conn):
            cursor = self.conn.execute(
                f"UPDATE jobs SET next_attempt_at = ? WHERE state = ? AND next_attempt_at > ? AND id IN ({marks})",
                (now, QUEUED, now, *ids))
        return cursor.rowcount

    # -- user actions ----------------------------------------------------------------------------
    def retry(self, job_ids: Iterable[int], *, note: str = "Reenvio solicitado pelo usuário") -> int:
        """Reenviar: queue jobs again now, with a fresh fetch and a new set of attempts."""
        now = self.clock()
        count = 0
        with transaction(self.conn):
            for job_id in job_ids:
                job = self._get(job_id)
                if job is None or not can_retry(job):
                    continue
                # An integrated job re-sent is only re-checked: it must not count twice.
                settled = job.state if job.state == JobState.INTEGRATED.value else None
                self._update(job_id, {"state": QUEUED, "next_attempt_at": now, "attempts": 0,
                                      "needs_fetch": 1, "settled_state": settled}, now, bump=True)
                self._event(job_id, Event("retry_requested", note, data={"en": "Resend requested by the user"}),
                            now)
                count += 1
        return count

    def ignore(self, job_id: int, reason: str) -> bool:
        """Ignorar: park the job with the user's reason; reversible with :meth:`unignore`."""
        now = self.clock()
        with transaction(self.conn):
            job = self._get(job_id)
            if job is None or not can_ignore(job):
                return False
            self._update(job_id, {"state": IGNORED, "ignored_reason": reason,
                                  "ignored_from_state": job.state, "next_attempt_at": None}, now, bump=True)
            self._event(job_id, Event("ignored", "Ignorado pelo usuário",
                                      data={"reason": reason, "en": "Ignored by the user"}), now)
            return True

    def unignore(self, job_id: int) -> bool:
        """Undo Ignorar: back to the state the job had (a due state is due again now)."""
        now = self.clock()
        with transaction(self.conn):
            job = self._get(job_id)
            if job is None or not can_unignore(job):
                return False
            previous = job.ignored_from_state or QUEUED
            updates: dict[str, Any] = {"state": previous, "ignored_reason": None, "ignored_from_state": None}
            if previous in DUE_STATES:
                updates["next_attempt_at"] = now
            self._update(job_id, updates, now, bump=True)
            self._event(job_id, Event("unignored", "Ignorar desfeito pelo usuário",
                                      data={"en": "Ignore undone by the user"}), now)
            return True

    # -- reading ---------------------------------------------------------------------------------
    def get(self, job_id: int) -> Job | None:
        return self._get(job_id)

    def find(self, kind: str, key: str) -> Job | None:
        return self._find(kind, key)

    def find_by_linx_order(self, linx_order_id: str) -> Job | None:
        """The order job of a store order (status back reads the store's feed)."""
        row = self.conn.execute(
            "SELECT * FROM jobs WHERE kind = ? AND linx_order_id = ? ORDER BY id LIMIT 1", (ORDER, linx_order_id)
        ).fetchone()
        return Job.from_row(row) if row else None

    def other_order_with_linx_order(self, linx_order_id: str, key: str) -> Job | None:
        """Another order job (not ``key``) already holding store order ``linx_order_id``."""
        row = self.conn.execute(
            "SELECT * FROM jobs WHERE kind = ? AND linx_order_id = ? AND key != ? ORDER BY id LIMIT 1",
            (ORDER, linx_order_id, key),
        ).fetchone()
        return Job.from_row(row) if row else None

    def product_states(self) -> dict[str, Job]:
        """Every product job by key: one read for a whole catalogue reconcile."""
        return {job.key: job for job in (Job.from_row(r) for r in
                                         self.conn.execute("SELECT * FROM jobs WHERE kind = 'product'"))}

    def events(self, job_id: int) -> list[Event]:
        rows = self.conn.execute(
            "SELECT * FROM job_events WHERE job_id = ? ORDER BY id", (job_id,)
        ).fetchall()
        return [
            Event(type=r["type"], message=r["message"], level=r["level"],
                  data=json.loads(r["data"]) if r["data"] else None, at=r["at"], id=r["id"], job_id=job_id)
            for r in rows
        ]

    def payload(self, job_id: int, kind: str) -> Any | None:
        row = self.conn.execute(
            "SELECT body FROM job_payloads WHERE job_id = ? AND kind = ?", (job_id, kind)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def payloads(self, job_id: int) -> dict[str, Any]:
        rows = self.conn.execute("SELECT kind, body FROM job_payloads WHERE job_id = ?", (job_id,))
        return {r[0]: json.loads(r[1]) for r in rows}

    def counts(self, kind: str) -> dict[str, int]:
        """Jobs per state (every state present, zeros included).

        Read from ``job_counts``, which triggers keep exact, so the dashboard costs nothing even
        with a million jobs.
        """
        result = {s.value: 0 for s in JobState}
        for state, n in self.conn.execute("SELECT state, n FROM job_counts WHERE kind = ?", (kind,)):
            result[state] = n
        return result

    def list_jobs(self, query: JobQuery, *, offset: int = 0, limit: int = 100,
                  after: tuple[Any, int] | None = None) -> list[Job]:
        """Jobs of a queue view in its order; ``after`` = (sort value, id) of the last row already
        read: the rows after it (see :meth:`query_jobs`)."""
        query = self._dated(query)
        where, params = _where(query)
        if query.order_by not in SORTABLE:
            raise ValueError(f"cannot sort on {query.order_by!r}")
        if after is not None:
            clause, more = _after(query, after)
            where, params = f"{where} AND {clause}", [*params, *more]
        direction = "DESC" if query.descending else "ASC"
        sql = (f"SELECT * FROM jobs WHERE {where} ORDER BY {query.order_by} {direction}, id {direction} "
               "LIMIT ? OFFSET ?")
        rows = self.conn.execute(sql, (*params, limit, offset)).fetchall()
        return [Job.from_row(r) for r in rows]

    def count_jobs(self, query: JobQuery) -> int:
        query = self._dated(query)
        where, params = _where(query)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM jobs WHERE {where}", params).fetchone()[0])

    def _dated(self, query: JobQuery) -> JobQuery:
        """The query with its deadline filter's ``now`` taken from the store's clock."""
        if query.deadline and query.now is None:
            return replace(query, now=self.clock())
        return query

    def marketplaces(self, kind: str = "order") -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT marketplace FROM jobs WHERE kind = ? AND marketplace IS NOT NULL "
            "ORDER BY marketplace", (kind,))
        return [r[0] for r in rows]

    # -- queue views (the desktop tables) --------------------------------------------------------
    def query_jobs(self, query: JobQuery, *, offset: int = 0, limit: int = 100,
                   after: tuple[Any, int] | None = None) -> list[Job]:
        """The rows :meth:`list_jobs` returns (same filters, search and order), planned so that a
        search stays on indexes with a million jobs.

        ``after`` — the (sort value, id) of the last row the caller already has — reads the page
        after it (keyset pagination): the index range starts there, where ``offset`` has to
        step over every earlier row and, in a search walking the sort order, test each one
        (page 100 of a one-letter search: 240–500 ms by offset, ~4 ms this way).

        ``list_jobs`` puts the search in one ``OR`` over six columns. Without ANALYZE statistics
        (the app never collects them) SQLite then prefers walking (kind, updated_at) for the
        ORDER BY and testing every row: a full scan (~0.5 s per page at 1M jobs) whenever fewer
        than a page of rows match, e.g. an order number. Here the search is a UNION of index
        lookups feeding ``id IN (…)``, and the other filters are written ``+column`` so the
        planner cannot start anywhere else (measured: 0.1 ms for an order number).

        A search matching very many jobs (a one-letter name prefix: 86,000 of 1M) would then sort
        them all (~180 ms); when at least :data:`DENSE_SEARCH` jobs match, walking the sort
        order's index and testing rows (what ``list_jobs`` does) finds a page sooner, because
        matches are everywhere. Not for a sort on the searched names themselves: walking in
        name order would first cross every name before the prefix.
        """
        query = self._dated(query)
        text = (query.search or "").strip()
        if not text:
            return self.list_jobs(query, offset=offset, limit=limit, after=after)
        if query.order_by not in ("buyer_name", "title"):
            matches, params = _search_matches(query)  # streamed and capped: a few ms at most
            n = self.conn.execute(f"SELECT COUNT(*) FROM ({matches} LIMIT ?)", (*params, DENSE_SEARCH)).fetchone()[0]
            if n >= DENSE_SEARCH:
                return self.list_jobs(query, offset=offset, limit=limit, after=after)
        sql, params = _search_select(query, "*")
        if after is not None:
            clause, more = _after(query, after, driven=False)
            sql, params = f"{sql} AND {clause}", [*params, *more]
        direction = "DESC" if query.descending else "ASC"
        sql += f" ORDER BY {query.order_by} {direction}, id {direction} LIMIT ? OFFSET ?"
        rows = self.conn.execute(sql, (*params, limit, offset)).fetchall()
        return [Job.from_row(r) for r in rows]

    def count_jobs_capped(self, query: JobQuery, cap: int = 100_000) -> tuple[int, bool]:
        """How many jobs a queue view holds, cheaply: ``(n, exact)``.

        Filtered by kind and states only, the answer comes exact from ``job_counts`` (kept by
        triggers). Anything else is counted up to ``cap`` rows and then reported as
        ``(cap, False)`` — "more than cap" — so a count never walks a million index entries.
        """
        query = self._dated(query)
        only_search = not query.states and not query.marketplace and query.date_from is None \
            and query.date_to is None and not query.deadline
        if not query.marketplace and query.date_from is None and query.date_to is None \
                and not (query.search or "").strip() and not query.deadline:
            counts = self.counts(query.kind)
            states = list(query.states) if query.states else list(counts)
            return sum(counts.get(s, 0) for s in states), True
        if (query.search or "").strip() and only_search:
            # the matches alone, counted on their indexes: no row is read (one letter of a name
            # matches ~57,000 jobs of a million: 70 ms looking each up, ~20 ms this way)
            inner, params = _search_matches(query, distinct=True)
        elif (query.search or "").strip():
            inner, params = _search_select(query, "1")
        else:
            where, params = _where(query)
            inner = f"SELECT 1 FROM jobs WHERE {where}"
        n = int(self.conn.execute(f"SELECT COUNT(*) FROM ({inner} LIMIT ?)", (*params, cap + 1)).fetchone()[0])
        return (cap, False) if n > cap else (n, True)

    def get_jobs(self, job_ids: Iterable[int]) -> list[Job]:
        """Several jobs in one trip (ids not found are left out; order not guaranteed)."""
        ids = list(dict.fromkeys(int(i) for i in job_ids))
        jobs: list[Job] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self.conn.execute(
                f"SELECT * FROM jobs WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            jobs.extend(Job.from_row(r) for r in rows)
        return jobs

    def marketplace_names(self, kind: str = "order") -> list[str]:
        """What :meth:`marketplaces` returns, by hopping from one name to the next on the
        (kind, marketplace, …) index instead of reading every row (60 ms → 0.05 ms at 1M jobs)."""
        rows = self.conn.execute(
            "WITH RECURSIVE m(v) AS ("
            " SELECT (SELECT MIN(marketplace) FROM jobs WHERE kind = ?1 AND marketplace IS NOT NULL)"
            " UNION ALL"
            " SELECT (SELECT MIN(marketplace) FROM jobs WHERE kind = ?1 AND marketplace > m.v)"
            " FROM m WHERE m.v IS NOT NULL"
            ") SELECT v FROM m WHERE v IS NOT NULL",
            (kind,),
        )
        return [r[0] for r in rows]

    def iter_jobs(self, query: JobQuery, *, page_size: int = 1000) -> Iterator[list[Job]]:
        """Every job of a queue view, in its order, a page at a time (CSV export).

        One statement streams the rows, so a million jobs cost no more per page than the first.
        It keeps a read transaction open while the caller iterates: use a Store of its own (on
        its own thread), never the engine's, for a long export.
        """
        if (query.search or "").strip():
            sql, params = _search_select(query, "*")
        else:
            where, params = _where(query)
            sql = f"SELECT * FROM jobs WHERE {where}"
        if query.order_by not in SORTABLE:
            raise ValueError(f"cannot sort on {query.order_by!r}")
        direction = "DESC" if query.descending else "ASC"
        cursor = self.conn.execute(f"{sql} ORDER BY {query.order_by} {direction}, id {direction}", params)
        try:
            while True:
                rows = cursor.fetchmany(page_size)
                if not rows:
                    return
                yield [Job.from_row(r) for r in rows]
        finally:
            cursor.close()

    def hourly(self, types: Sequence[str], *, hours: int = 24, now: float | None = None) -> dict[str, list[int]]:
        """Events of each type per hour over the last ``hours`` hours (oldest bucket first)."""
        now = self.clock() if now is None else now
        start = (int(now) // 3600 - hours + 1) * 3600
        result = {t: [0] * hours for t in types}
        marks = ",".join("?" * len(types))
        for event_type, bucket, n in self.conn.execute(
            f"SELECT type, CAST((at - ?) / 3600 AS INTEGER) AS b, COUNT(*) FROM job_events "
            f"WHERE type IN ({marks}) AND at >= ? GROUP BY type, b",
            (start, *types, start),
        ):
            if 0 <= bucket < hours:
                result[event_type][bucket] = n
        return result

    # -- cursors and housekeeping ---------------------------------------------------------------
    def get_cursor(self, name: str) -> str | None:
        row = self.conn.execute("SELECT value FROM cursors WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_cursor(self, name: str, value: str | None) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (name, value, self.clock()),
            )

    def purge_payloads(self, older_than_days: float) -> int:
        """Drop every payload older than the retention period, whatever its job's state: buyers'
        personal data is kept no longer than that. The job row — its state, its reason — and its
        timeline stay; a job that needs the order's data again fetches it from Plug.to. A job a
        worker holds right now keeps its payloads until the next pass.

        The connection zeroes what it deletes (``secure_delete``, see ``store.db``), and the
        write-ahead log, which still holds the pages as they were, is truncated afterwards: the
        purged data is gone from the files, not only from the tables.
        """
        cutoff = self.clock() - older_than_days * 86400
        with transaction(self.conn):
            cur = self.conn.execute(
                "DELETE FROM job_payloads WHERE at < ? AND NOT EXISTS "
                "(SELECT 1 FROM jobs WHERE jobs.id = job_payloads.job_id AND jobs.state = ?)",
                (cutoff, PROCESSING),
            )
            purged = cur.rowcount
        if purged:
            try:  # a reader in the middle of a long read can keep it from finishing: next pass
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass
        return purged

    # -- internals -------------------------------------------------------------------------------
    def _get(self, job_id: int) -> Job | None:
        row = self.conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return Job.from_row(row) if row else None

    def _find(self, kind: str, key: str) -> Job | None:
        row = self.conn.execute(
            "SELECT * FROM jobs WHERE account_id = 1 AND kind = ? AND key = ?", (kind, key)
        ).fetchone()
        return Job.from_row(row) if row else None

    def _insert(self, kind: str, key: str, now: float, **columns: Any) -> int:
        values = {"state": QUEUED, "next_attempt_at": now, **columns}
        _check_columns(values)
        names = ["kind", "key", "created_at", "updated_at", *values]
        cur = self.conn.execute(
            f"INSERT INTO jobs ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            (kind, key, now, now, *values.values()),
        )
        job_id = int(cur.lastrowid)
        if kind == ORDER and DEADLINE_INPUTS & values.keys():
            self._refresh_deadline(job_id)
        return job_id

    def _update(self, job_id: int, values: dict[str, Any], now: float, *, bump: bool) -> None:
        values = dict(values)
        _check_columns(values)
        values["updated_at"] = now
        assignments = ", ".join(_assignment(name) for name in values)
        if bump:
            assignments += ", revision = revision + 1"
        self.conn.execute(f"UPDATE jobs SET {assignments} WHERE id = ?", (*values.values(), job_id))
        if DEADLINE_INPUTS & values.keys():
            self._refresh_deadline(job_id)

    # -- the deadline watch ------------------------------------------------------------------------
    def _refresh_deadline(self, job_id: int) -> None:
        """Recompute the order's next deadline from its clock (domain/deadlines.py)."""
        row = self.conn.execute(
            "SELECT kind, state, marketplace, linx_order_id, pluggto_status, linx_status, approved_at, invoiced_at, "
            "shipped_at, expected_send_at, deadline_step, deadline_at, deadline_warn_at, deadline_by_marketplace "
            "FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None or row["kind"] != ORDER:
            return
        moments = Moments(
            approved_at=row["approved_at"], invoiced_at=row["invoiced_at"], shipped_at=row["shipped_at"],
            expected_send_at=row["expected_send_at"], integrated=bool(row["linx_order_id"]),
            cancelled=row["state"] == JobState.CANCELED.value
            or deadlines.is_cancelled(row["pluggto_status"], row["linx_status"]))
        found = deadlines.next_deadline(moments, self.deadline_rules.for_marketplace(row["marketplace"]))
        new = (found.step, found.due_at, found.warn_at, int(found.by_marketplace)) if found else (None, None, None, 0)
        old = (row["deadline_step"], row["deadline_at"], row["deadline_warn_at"], row["deadline_by_marketplace"])
        if new != old:
            self.conn.execute(
                "UPDATE jobs SET deadline_step = ?, deadline_at = ?, deadline_warn_at = ?, deadline_by_marketplace = ? "
                "WHERE id = ?", (*new, job_id))

    def set_deadline_rules(self, rules: Rules, *, recompute: bool = True) -> int:
        """The channel's deadlines; with ``recompute`` (they changed) every order that may be
        watched is recomputed. Returns how many were looked at."""
        self.deadline_rules = rules
        if not recompute:
            return 0
        with transaction(self.conn):
            ids = [r[0] for r in self.conn.execute(
                "SELECT id FROM jobs WHERE kind = ? AND approved_at IS NOT NULL AND linx_order_id IS NOT NULL "
                "AND shipped_at IS NULL", (ORDER,))]
            for job_id in ids:
                self._refresh_deadline(job_id)
        return len(ids)

    def deadline_counts(self, now: float | None = None) -> dict[str, dict[str, int]]:
        """Orders near / late per step at ``now``: ``{"invoice": {"near": 1, "late": 0}, …}``."""
        return deadline_counts(self.conn, self.clock() if now is None else now)

    def next_deadline_change(self, now: float | None = None) -> float | None:
        """The next moment an order becomes near or late (None: no watched order will)."""
        now = self.clock() if now is None else now
        row = self.conn.execute(
            "SELECT (SELECT MIN(deadline_warn_at) FROM jobs WHERE deadline_at IS NOT NULL AND deadline_warn_at > ?1),"
            " (SELECT MIN(deadline_at) FROM jobs WHERE deadline_at IS NOT NULL AND deadline_at > ?1)", (now,)).fetchone()
        moments = [m for m in row if m is not None]
        return min(moments) if moments else None

    def _event(self, job_id: int, event: Event, now: float) -> None:
        self.conn.execute(
            "INSERT INTO job_events (job_id, at, type, level, message, data) VALUES (?, ?, ?, ?, ?, ?)",
            (job_id, event.at or now, event.type, event.level, event.message,
             json.dumps(event.data, ensure_ascii=False, default=str) if event.data is not None else None),
        )

    def _payload(self, job_id: int, kind: str, body: str, now: float) -> None:
        self.conn.execute(
            "INSERT INTO job_payloads (job_id, kind, at, body) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(job_id, kind) DO UPDATE SET at = excluded.at, body = excluded.body",
            (job_id, kind, now, body),
        )



def deadline_counts(conn: sqlite3.Connection, now: float) -> dict[str, dict[str, int]]:
    """Orders near / late per step at ``now`` (also read by ``status`` on its own connection)."""
    counts = deadlines.empty_counts()
    rows = conn.execute(
        "SELECT deadline_step, SUM(deadline_at <= ?1), SUM(deadline_at > ?1) FROM jobs "
        "WHERE deadline_at IS NOT NULL AND deadline_warn_at <= ?1 GROUP BY deadline_step", (now,))
    for step, late, near in rows:
        if step in counts:
            counts[step] = {deadlines.NEAR: int(near or 0), deadlines.LATE: int(late or 0)}
    return counts


#: The columns a job's deadline is computed from: writing one recomputes it.
DEADLINE_INPUTS = frozenset({"state", "marketplace", "linx_order_id", "pluggto_status", "linx_status", "approved_at",
                             "invoiced_at", "shipped_at", "expected_send_at"})
#: The first moment seen wins (a later copy of the order must not move the invoice's time)…
_KEEP_FIRST = frozenset({"invoiced_at", "shipped_at"})
#: …and a moment once known is not erased by a copy that lacks it.
_KEEP_KNOWN = frozenset({"approved_at", "expected_send_at"})


def _assignment(name: str) -> str:
    if name in _KEEP_FIRST:
        return f"{name} = COALESCE({name}, ?)"
    if name in _KEEP_KNOWN:
        return f"{name} = COALESCE(?, {name})"
    return f"{name} = ?"


def _check_columns(values: dict[str, Any]) -> None:
    unknown = set(values) - _WRITABLE
    if unknown:  # column names go into SQL text: only known ones may pass
        raise ValueError(f"unknown job columns: {sorted(unknown)}")


def _where(query: JobQuery) -> tuple[str, list[Any]]:
    clauses = ["kind = ?"]
    params: list[Any] = [query.kind]
    if query.states:
        clauses.append(f"state IN ({','.join('?' * len(query.states))})")
        params.extend(query.states)
    if query.marketplace:
        clauses.append("marketplace = ?")
        params.append(query.marketplace)
    if query.date_from is not None:
        clauses.append("updated_at >= ?")
        params.append(query.date_from)
    if query.date_to is not None:
        clauses.append("updated_at < ?")
        params.append(query.date_to)
    _deadline_clause(query, clauses, params)
    text = (query.search or "").strip()
    if text:
        # Exact matches use their indexes; the name matches by prefix (index-friendly LIKE).
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        guid = parse_guid(text) or text
        clauses.append(
            "(key = ? OR marketplace_order_id = ? OR linx_order_id = ? OR linx_order_id = ? "
            "OR linx_order_number = ? OR sale_id = ? "
            "OR buyer_name LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')"
        )
        params.extend([text, text, text, guid, text, guid, escaped + "%", escaped + "%"])
    return " AND ".join(clauses), params


#: Sort columns that are never NULL (the others sort NULL first ascending, last descending).
_NOT_NULL = frozenset({"updated_at", "created_at", "state", "attempts", "key"})


def _after(query: JobQuery, after: tuple[Any, int], *, driven: bool = True) -> tuple[str, list[Any]]:
    """The rows after ``after`` = (sort value, id) in the query's order (keyset pagination).

    A row value comparison lets SQLite start the sort index's range there. ``driven=False``
    when the search's matches drive the query (``+`` keeps the sort index out of the plan)."""
    value, job_id = after
    column = query.order_by if driven else f"+{query.order_by}"
    if query.order_by not in SORTABLE:
        raise ValueError(f"cannot sort on {query.order_by!r}")
    if query.descending:
        if value is None:  # in the NULLs, which come last
            return f"({column} IS NULL AND id < ?)", [job_id]
        nulls = "" if query.order_by in _NOT_NULL else f" OR {column} IS NULL"
        return f"(({column}, id) < (?, ?){nulls})", [value, job_id]
    if value is None:  # in the NULLs, which come first
        return f"({column} IS NOT NULL OR id > ?)", [job_id]
    return f"({column}, id) > (?, ?)", [value, job_id]


def _search_matches(query: JobQuery, *, distinct: bool = False) -> tuple[str, list[Any]]:
    """The ids of the jobs of the query's kind matching the search text, one index lookup per
    searched column. ``distinct``: each id once (a job matching in two columns), for counting."""
    text = (query.search or "").strip()
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    # a GUID (the sale's OriginalOrderID, or a Linx OrderID) is looked up normalised as well:
    # people paste it from the Linx admin in whatever case it shows
    guid = parse_guid(text) or text
    union = " UNION " if distinct else " UNION ALL "
    # Every branch has its kind, so nothing of another kind comes along and a name prefix is a
    # range of the (kind, buyer_name NOCASE) index alone. Where no index starts with (kind, the
    # column), ``+kind`` keeps the kind out of the plan: without ANALYZE, SQLite would otherwise
    # walk a whole kind on some (kind, …) index rather than look the value up (measured: 4 s).
    matches = union.join((
        "SELECT id FROM jobs WHERE kind = ? AND key = ?",
        "SELECT id FROM jobs WHERE kind = ? AND marketplace_order_id = ?",
        "SELECT id FROM jobs WHERE +kind = ? AND linx_order_id IN (?, ?)",
        "SELECT id FROM jobs WHERE kind = ? AND linx_order_number = ?",
        "SELECT id FROM jobs WHERE +kind = ? AND sale_id = ?",
        "SELECT id FROM jobs WHERE kind = ? AND buyer_name LIKE ? ESCAPE '\\'",
        "SELECT id FROM jobs WHERE +kind = ? AND title LIKE ? ESCAPE '\\'",
    ))
    kind = query.kind
    return matches, [kind, text, kind, text, kind, text, guid, kind, text, kind, guid, kind, escaped + "%",
                     kind, escaped + "%"]


def _search_select(query: JobQuery, what: str) -> tuple[str, list[Any]]:
    """``SELECT what FROM jobs`` for a query with a search (see :meth:`Store.query_jobs`): the
    same predicate as :func:`_where`, written so that only the search's indexes can drive it."""
    if query.order_by not in SORTABLE:
        raise ValueError(f"cannot sort on {query.order_by!r}")
    matches, params = _search_matches(query)
    # unary + keeps these columns' indexes out of the plan: the matches come first
    clauses = [f"id IN ({matches})", "+kind = ?"]
    params.append(query.kind)
    if query.states:
        clauses.append(f"+state IN ({','.join('?' * len(query.states))})")
        params.extend(query.states)
    if query.marketplace:
        clauses.append("+marketplace = ?")
        params.append(query.marketplace)
    if query.date_from is not None:
        clauses.append("+updated_at >= ?")
        params.append(query.date_from)
    if query.date_to is not None:
        clauses.append("+updated_at < ?")
        params.append(query.date_to)
    _deadline_clause(query, clauses, params)
    return f"SELECT {what} FROM jobs WHERE {' AND '.join(clauses)}", params


#: The deadline filters (JobQuery.deadline), each driven by a partial index on watched orders.
_DEADLINE_FILTERS = {
    deadlines.LATE: "deadline_at <= ?1",
    deadlines.NEAR: "deadline_warn_at <= ?1 AND deadline_at > ?1",
    "watch": "deadline_warn_at <= ?1",
}


def _deadline_clause(query: JobQuery, clauses: list[str], params: list[Any]) -> None:
    if not query.deadline:
        return
    if query.deadline not in _DEADLINE_FILTERS:
        raise ValueError(f"unknown deadline filter {query.deadline!r}")
    condition = _DEADLINE_FILTERS[query.deadline].replace("?1", "?")
    clauses.append(f"id IN (SELECT id FROM jobs WHERE deadline_at IS NOT NULL AND {condition})")
    now = query.now if query.now is not None else time.time()  # the Store fills it from its clock
    params.extend([now] * condition.count("?"))


class AsyncStore:
    """Every :class:`Store` method, awaited, run on one dedicated thread.

    SQLite calls are quick but still disk I/O; running them on their own thread keeps the event
    loop (and with it the UI) responsive, and one thread means one connection with no locking
    games. ``await store.claim_due("order", 10)`` works for every public Store method.
    """

    def __init__(self, path: Path | str, *, clock: Callable[[], float] = time.time) -> None:
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        try:
            self._store: Store = self._executor.submit(Store, path, clock=clock).result()
        except BaseException:  # DatabaseProblem: no thread left behind
            self._executor.shutdown(wait=False)
            raise
        self.path = path

    @property
    def sync(self) -> Store:
        """The underlying Store, for code already running on the store thread."""
        return self._store

    async def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(*args, **kwargs))

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._store, name)
        if not callable(method) or name.startswith("_"):
            raise AttributeError(name)

        async def call(*args: Any, **kwargs: Any) -> Any:
            return await self.run(method, *args, **kwargs)

        call.__name__ = name
        return call

    async def aclose(self) -> None:
        await self.run(self._store.close)
        self._executor.shutdown(wait=True)

    def close(self) -> None:
        """Close from synchronous code (no running loop needed)."""
        self._executor.submit(self._store.close).result()
        self._executor.shutdown(wait=True)
