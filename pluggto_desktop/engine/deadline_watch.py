"""The deadline watch at run time: keeps the counts of orders near / past their deadlines, and
tells people once per change.

The store keeps each order's next deadline computed (``Store._refresh_deadline``), so the counts
are one indexed query. Time alone moves an order from on time to near to late, so the watch
sleeps exactly until the next such moment (``Store.next_deadline_change``) — no polling — or
until the engine pokes it because jobs changed (an order integrated already close to its
deadline, an invoice that arrived).

One notification per change: when any count grows (an order became near or late), one activity
entry and one ``deadline_alert`` on the bus summarise them all; counts that shrink (an order was
invoiced) only move the baseline. The baseline is kept in the store, so a restart does not
repeat the last alert. Whether the alert becomes a desktop notification is the tray's decision
(its mode and "Silenciar notificações").
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable

from pluggto_desktop.domain import deadlines
from pluggto_desktop.domain.deadlines import Rules
from pluggto_desktop.engine.bus import EngineBus
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.store.jobs import AsyncStore

log = logging.getLogger("pluggto_desktop.engine.deadlines")

CURSOR_NOTIFIED = "deadlines.notified"
CURSOR_RULES = "deadlines.rules"
#: Never sleep longer than this (a clock that jumped is caught by the next check at the latest).
MAX_SLEEP_S = 6 * 3600.0


class DeadlineWatch:
    def __init__(self, *, store: AsyncStore, bus: EngineBus, activity: Callable[..., None],
                 clock: Callable[[], float]) -> None:
        self.store, self.bus, self.activity, self.clock = store, bus, activity, clock
        self.counts = deadlines.empty_counts()
        self._poke = asyncio.Event()

    async def apply_rules(self, rules: Rules) -> None:
        """Give the store the channel's deadlines; recompute the watched orders when they changed
        since last time (a settings change), not at every start."""
        fingerprint = hashlib.sha256(repr(rules).encode()).hexdigest()[:16]
        if await self.store.get_cursor(CURSOR_RULES) == fingerprint:
            await self.store.set_deadline_rules(rules, recompute=False)
            return
        looked_at = await self.store.set_deadline_rules(rules)
        await self.store.set_cursor(CURSOR_RULES, fingerprint)
        log.info("deadlines changed: %d orders recomputed", looked_at)

    def poke(self) -> None:
        """Jobs changed: check again soon."""
        self._poke.set()

    async def check(self) -> dict[str, dict[str, int]]:
        """Read the counts; publish them when they changed, alert when any grew."""
        counts = await self.store.deadline_counts(self.clock())
        if counts != self.counts:
            self.counts = counts
            self.bus.publish("deadlines", counts)
        raw = await self.store.get_cursor(CURSOR_NOTIFIED)
        notified = json.loads(raw) if raw else deadlines.empty_counts()
        grew = any(counts[step][state] > notified.get(step, {}).get(state, 0)
                   for step in deadlines.STEPS for state in deadlines.WATCH_STATES)
        if counts != notified:
            await self.store.set_cursor(CURSOR_NOTIFIED, json.dumps(counts))
        if grew:
            self._alert(counts)
        return counts

    def _alert(self, counts: dict[str, dict[str, int]]) -> None:
        late = deadlines.total(counts, (deadlines.LATE,))
        self.activity(level="warning" if late else "info", code="deadlines",
                      message_pt=deadlines.summary_text(counts, PT), message_en=deadlines.summary_text(counts, EN),
                      refs={})  # the words are the domain's (one home): both languages kept
        self.bus.publish("deadline_alert", {"counts": counts, "late": late,
                                            "near": deadlines.total(counts, (deadlines.NEAR,))})

    async def run(self, stopping: Callable[[], bool]) -> None:
        """Check now, then at every deadline moment and whenever poked."""
        while not stopping():
            self._poke.clear()
            try:
                await self.check()
                upcoming = await self.store.next_deadline_change(self.clock())
            except Exception as exc:  # noqa: BLE001 - the store may be failing: the engine's watch reports that
                log.debug("deadline check skipped: %s", exc)
                upcoming = None
            delay = MAX_SLEEP_S if upcoming is None else min(MAX_SLEEP_S, max(1.0, upcoming - self.clock() + 0.5))
            try:
                await asyncio.wait_for(self._poke.wait(), timeout=delay)
                await asyncio.sleep(1.0)  # gather a burst of changes into one check
            except TimeoutError:
                pass


__all__ = ["CURSOR_NOTIFIED", "CURSOR_RULES", "DeadlineWatch"]
