"""What changes a job: Plug.to's news (notifications, polls), a person's requests (import,
Reenviar, Ignorar), the workers' outcomes, and the housekeeping (cursors, payload retention).

Every write is one short transaction. The central write is :meth:`JobWrites.apply`, which changes
a job's state and fields, appends timeline events and replaces payloads *together*, so a crash
never leaves a job half-updated.

Concurrency rule: a worker claims jobs (state ``processing``) and remembers their ``revision``.
Anything from outside — a notification, a poll bringing a newer version of the order, a user's
"Reenviar" — bumps the revision. When the worker finishes, :meth:`JobWrites.apply` compares
revisions: if the job changed meanwhile, the worker's final state is not trusted and the job goes
back to ``queued`` for a fresh look. So no change is ever lost to a race.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from pluggto_desktop.domain.jobs import (
    DUE_STATES,
    PAYLOAD_PLUGGTO,
    Event,
    IntakeResult,
    Job,
    JobState,
    OrderSummary,
    can_ignore,
    can_retry,
    can_unignore,
    state_after_change,
)
from pluggto_desktop.domain.reasons import Reason
from pluggto_desktop.store.db import transaction
from pluggto_desktop.store.rows import IGNORED, ORDER, PROCESSING, QUEUED, JobRows, job_of
from pluggto_desktop.text import Text

#: outcomes a job rests in until something changes
SETTLED_STATES = (
    JobState.INTEGRATED.value,
    JobState.WAITING_PAYMENT.value,
    JobState.NEEDS_ATTENTION.value,
    JobState.CANCELED.value,
)
#: Timeline entries showing an order job is more than notifications about an id: Plug.to gave
#: us the order, or the user asked for it (see ``JobWrites.forget_if_only_notified``).
_REAL_ORDER_EVENTS = ("polled", "fetched", "import_requested")

# -- the timeline lines these writes add ---------------------------------------------------------------
_NOTIFIED = Text("Notificação recebida do Plug.to", "Notification received from Plug.to")
_NOTIFIED_IN_VAIN = Text("Notificação sem efeito", "Notification with nothing to do")
_POLLED_NEW = Text("Pedido encontrado na consulta ao Plug.to", "Order found polling Plug.to")
_POLLED_AGAIN = Text("Nova versão do pedido encontrada na consulta", "A new version of the order was polled")
_IMPORT_REQUESTED = Text("Importação manual solicitada", "Manual import requested")
_CHANGED_MEANWHILE = Text("Pedido alterado durante o processamento; será reavaliado",
                          "The order changed while being processed; it will be checked again")
_RECOVERED = Text("Retomado após o app ter sido interrompido", "Resumed after the app was interrupted")
_UNWRITTEN = Text("Voltou para a fila: o resultado anterior não pôde ser gravado",
                  "Back in the queue: its last outcome could not be written")
RETRY_REQUESTED = Text("Reenvio solicitado pelo usuário", "Resend requested by the user")
_IGNORED = Text("Ignorado pelo usuário", "Ignored by the user")
_UNIGNORED = Text("Ignorar desfeito pelo usuário", "Ignore undone by the user")


class JobWrites(JobRows):
    """Every write of the queue (see the module's docstring for the concurrency rule)."""

    # -- intake: notifications, polls, manual imports ------------------------------------------
    def record_notification(
        self, key: str, *, status_changed: bool | None, action: str = "updated"
    ) -> IntakeResult:
        """Durably note that Plug.to says order ``key`` changed (called before answering 200)."""
        now = self.clock()
        data = {"action": action, "status_changed": status_changed}
        with transaction(self.conn):
            job = self._find(ORDER, key)
            if job is None:
                job_id = self._insert(ORDER, key, now, needs_fetch=1)
                self._event(job_id, Event.said("notification", _NOTIFIED, data=data), now)
                return IntakeResult(job_id, True, QUEUED, True)
            new_state = state_after_change(job.state, status_changed=status_changed)
            if new_state is None and job.state not in (*DUE_STATES, PROCESSING):
                self._event(job.id, Event.said("notification_ignored", _NOTIFIED_IN_VAIN, data=data), now)
                return IntakeResult(job.id, False, job.state, False)
            updates: dict[str, Any] = {"needs_fetch": 1}
            if new_state is not None:
                updates.update(state=new_state, next_attempt_at=now, settled_state=job.state)
                if job.state == JobState.NEEDS_ATTENTION.value:
                    updates["attempts"] = 0
            self._update(job.id, updates, now, bump=True)
            self._event(job.id, Event.said("notification", _NOTIFIED, data=data), now)
            return IntakeResult(job.id, False, new_state or job.state, True)

    def record_polled_order(self, summary: OrderSummary, payload: dict[str, Any]) -> IntakeResult:
        """Note an order returned in full by a poll: no need to fetch it again."""
        now = self.clock()
        body = json.dumps(payload, ensure_ascii=False)
        seen = {"status": summary.status}
        with transaction(self.conn):
            job = self._find(ORDER, summary.key)
            if job is None:
                job_id = self._insert(ORDER, summary.key, now, needs_fetch=0, **summary.columns())
                self._payload(job_id, PAYLOAD_PLUGGTO, body, now)
                self._event(job_id, Event.said("polled", _POLLED_NEW, data=seen), now)
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
            self._event(job.id, Event.said("polled", _POLLED_AGAIN, data=seen), now)
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
                self._event(job_id, Event.said("import_requested", _IMPORT_REQUESTED), now)
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
            self._event(job.id, Event.said("import_requested", _IMPORT_REQUESTED), now)
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
            jobs = [job_of(r) for r in rows]
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
            self._event(job_id, Event.said("requeued", _CHANGED_MEANWHILE), now)
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
                self._event(job_id, Event.said("recovered", _RECOVERED), now)
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
                    self._event(job_id, Event.said("unwritten_requeued", _UNWRITTEN), now)
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
    def retry(self, job_ids: Iterable[int], *, note: Text = RETRY_REQUESTED) -> int:
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
                self._event(job_id, Event.said("retry_requested", note), now)
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
            self._event(job_id, Event.said("ignored", _IGNORED, data={"reason": reason}), now)
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
            self._event(job_id, Event.said("unignored", _UNIGNORED), now)
            return True

    # -- cursors and housekeeping ---------------------------------------------------------------
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
            # a reader in the middle of a long read can keep it from finishing: next pass
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return purged
