"""The ``jobs`` rows themselves: the connection every part of the store shares, and the few
low-level reads and writes (find a job, insert one, update its columns, append an event, keep a
payload) that the intake, the workers' writes, the queue views and the deadline watch build on.

Two rules live here because every write passes through them:

* only known column names reach SQL text (:func:`check_columns`);
* an order's next deadline is recomputed whenever a column it is computed from is written
  (:data:`DEADLINE_INPUTS`), and the order's moments keep the first/known value
  (:func:`assignment`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from pluggto_desktop.domain import deadlines
from pluggto_desktop.domain.deadlines import Moments, Rules
from pluggto_desktop.domain.jobs import Event, Job, JobKind, JobState
from pluggto_desktop.store.db import connect

ORDER = JobKind.ORDER.value
QUEUED = JobState.QUEUED.value
PROCESSING = JobState.PROCESSING.value
IGNORED = JobState.IGNORED.value

JOB_FIELDS = tuple(f.name for f in fields(Job))
#: The columns a write may set (the identity, the creation time and the revision are the store's).
WRITABLE = frozenset(JOB_FIELDS) - {"id", "account_id", "kind", "key", "created_at", "revision"}

#: The columns a job's deadline is computed from: writing one recomputes it.
DEADLINE_INPUTS = frozenset({"state", "marketplace", "linx_order_id", "pluggto_status", "linx_status", "approved_at",
                             "invoiced_at", "shipped_at", "expected_send_at"})
#: The first moment seen wins (a later copy of the order must not move the invoice's time)…
_KEEP_FIRST = frozenset({"invoiced_at", "shipped_at"})
#: …and a moment once known is not erased by a copy that lacks it.
_KEEP_KNOWN = frozenset({"approved_at", "expected_send_at"})


def job_of(row: sqlite3.Row) -> Job:
    """The :class:`Job` a ``SELECT *`` row holds."""
    return Job(**{name: row[name] for name in JOB_FIELDS})


def assignment(name: str) -> str:
    """``name = ?`` in an UPDATE, keeping the first or the known moment where that is the rule."""
    if name in _KEEP_FIRST:
        return f"{name} = COALESCE({name}, ?)"
    if name in _KEEP_KNOWN:
        return f"{name} = COALESCE(?, {name})"
    return f"{name} = ?"


def check_columns(values: dict[str, Any]) -> None:
    unknown = set(values) - WRITABLE
    if unknown:  # column names go into SQL text: only known ones may pass
        raise ValueError(f"unknown job columns: {sorted(unknown)}")


class JobRows:
    """The connection and the row-level reads and writes the store's parts share."""

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

    def _get(self, job_id: int) -> Job | None:
        row = self.conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return job_of(row) if row else None

    def _find(self, kind: str, key: str) -> Job | None:
        row = self.conn.execute(
            "SELECT * FROM jobs WHERE account_id = 1 AND kind = ? AND key = ?", (kind, key)
        ).fetchone()
        return job_of(row) if row else None

    def payload(self, job_id: int, kind: str) -> Any | None:
        """One payload of a job (see ``domain.jobs.PAYLOAD_*``), None when none is kept."""
        row = self.conn.execute(
            "SELECT body FROM job_payloads WHERE job_id = ? AND kind = ?", (job_id, kind)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def _insert(self, kind: str, key: str, now: float, **columns: Any) -> int:
        values = {"state": QUEUED, "next_attempt_at": now, **columns}
        check_columns(values)
        names = ["kind", "key", "created_at", "updated_at", *values]
        cur = self.conn.execute(
            f"INSERT INTO jobs ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            (kind, key, now, now, *values.values()),
        )
        job_id = cur.lastrowid
        if job_id is None:  # never after an INSERT that succeeded: said rather than assumed
            raise sqlite3.DatabaseError("INSERT INTO jobs made no row")
        if kind == ORDER and DEADLINE_INPUTS & values.keys():
            self._refresh_deadline(job_id)
        return job_id

    def _update(self, job_id: int, values: dict[str, Any], now: float, *, bump: bool) -> None:
        values = dict(values)
        check_columns(values)
        values["updated_at"] = now
        assignments = ", ".join(assignment(name) for name in values)
        if bump:
            assignments += ", revision = revision + 1"
        self.conn.execute(f"UPDATE jobs SET {assignments} WHERE id = ?", (*values.values(), job_id))
        if DEADLINE_INPUTS & values.keys():
            self._refresh_deadline(job_id)

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
