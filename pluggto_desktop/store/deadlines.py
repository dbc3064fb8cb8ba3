"""The deadline watch's part of the store (domain/deadlines.py decides): the channel's rules,
the counts of orders near or late, and when the next one turns.

Each order's next deadline is kept computed in its row (``JobRows._refresh_deadline``, on every
write of a column it depends on), so these answers are lookups on the partial deadline indexes.
"""

from __future__ import annotations

import sqlite3

from pluggto_desktop.domain import deadlines
from pluggto_desktop.domain.deadlines import Rules
from pluggto_desktop.store.db import transaction
from pluggto_desktop.store.rows import ORDER, JobRows


class DeadlineWatch(JobRows):
    """The channel's deadlines and what the orders' deadlines add up to."""

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
            " (SELECT MIN(deadline_at) FROM jobs WHERE deadline_at IS NOT NULL AND deadline_at > ?1)",
            (now,)).fetchone()
        moments = [m for m in row if m is not None]
        return min(moments) if moments else None


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
