"""Which problems deserve a notification (docs/ux-principles.md A.2: users hate floods), decided
without Qt so it can be tested on its own; the tray (``ui/tray.py``) shows what it decides.

* only *new* problems: orders that newly need attention (aggregated by the tray over a few
  seconds into one "3 pedidos precisam de atenção"), orders newly close to or past a deadline,
  credentials refused, the queue database failing, a connection lost for a while;
* problems that already existed when the app started are not announced again;
* the user can mute them for a while or turn them off in the settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: A connection lost for this long is announced (a blip is not news).
OFFLINE_NOTICE_S = 120.0


@dataclass
class Notice:
    kind: str  # "attention" | "credentials" | "offline" | "storage" | "deadlines"
    count: int = 0
    text: str = ""  # deadlines: the core's summary ("2 pedidos atrasados para faturar; …")
    credential: str | None = None
    problem: str | None = None  # storage: what is wrong with the queue database


@dataclass
class NotificationPolicy:
    """Decides what deserves a notification; no Qt, so it can be tested on its own."""

    mode: str = "errors"  # "all" | "errors" | "off"
    muted_until: float | None = None
    _attention_seen: int | None = None  # None until the first counts arrive (the baseline)
    _pending_new: int = 0
    _credentials_announced: bool = False
    _offline_since: float | None = None
    _offline_announced: bool = False
    _storage_announced: bool = False
    pending: list[Notice] = field(default_factory=list)

    def muted(self, now: float) -> bool:
        return self.mode == "off" or (self.muted_until is not None and now < self.muted_until)

    def on_attention_count(self, count: int) -> None:
        if self._attention_seen is None:
            self._attention_seen = count  # problems from before the app started: not news
            return
        if count > self._attention_seen:
            self._pending_new += count - self._attention_seen
        self._attention_seen = count

    def take_attention(self, now: float) -> Notice | None:
        """The aggregated notice of the last few seconds, if any (and not muted)."""
        new, self._pending_new = self._pending_new, 0
        if new <= 0 or self.muted(now):
            return None
        return Notice("attention", count=new)

    def on_deadline_alert(self, alert: dict, text: str, now: float) -> Notice | None:
        """More orders became close to or past their deadline (the engine sends one alert per
        change): one notice summing them up, unless notifications are off or muted."""
        count = int(alert.get("late", 0)) + int(alert.get("near", 0))
        if count <= 0 or self.muted(now):
            return None
        return Notice("deadlines", count=count, text=text)

    def on_engine_state(self, state: str, credential: str | None, now: float,
                        problem: str | None = None) -> Notice | None:
        if state == "storage":
            if self._storage_announced:
                return None
            self._storage_announced = True
            return None if self.muted(now) else Notice("storage", problem=problem)
        self._storage_announced = False
        if state == "credentials":
            if self._credentials_announced:
                return None
            self._credentials_announced = True
            return None if self.muted(now) else Notice("credentials", credential=credential)
        self._credentials_announced = False
        if state == "offline":
            if self._offline_since is None:
                self._offline_since = now
            if not self._offline_announced and now - self._offline_since >= OFFLINE_NOTICE_S:
                self._offline_announced = True
                return None if self.muted(now) else Notice("offline")
            return None
        self._offline_since, self._offline_announced = None, False
        return None


__all__ = ["OFFLINE_NOTICE_S", "Notice", "NotificationPolicy"]
