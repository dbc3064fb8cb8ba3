"""How a UI (or the CLI) observes the engine without polling the database and without Qt.

The engine publishes :class:`EngineEvent` objects; subscribers are plain callables run on the
event loop's thread (in the desktop app that is the Qt thread, since qasync runs the loop there,
so a Qt adapter can emit signals directly). Headless code can ``async for`` over
:meth:`EngineBus.stream`.

Topics:
* ``state``    — the engine's state changed (payload: :class:`EngineStatus`)
* ``counts``   — job counts per state changed (payload: {"order": {...}, "product": {...}});
                 coalesced so a burst of 1,000 job updates yields a handful of events
* ``job``      — one job changed (payload: {"job_id", "kind", "state"})
* ``activity`` — a merchant-facing business event (payload: the activity entry)
* ``poll``     — a poll finished (payload: {"at", "orders"})
* ``notification`` — a notification was recorded (payload: {"at", "key"})
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineEvent:
    topic: str
    payload: Any = None


Subscriber = Callable[[EngineEvent], None]


@dataclass
class EngineBus:
    _subscribers: list[Subscriber] = field(default_factory=list)

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Register ``callback``; returns a function that unsubscribes it."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, topic: str, payload: Any = None) -> None:
        event = EngineEvent(topic, payload)
        for callback in list(self._subscribers):
            try:
                callback(event)
            except Exception:  # a broken observer must never stop the engine
                log.exception("engine observer failed on %s", topic)

    async def stream(self, *topics: str) -> AsyncIterator[EngineEvent]:
        """Async iteration over events (all topics, or only ``topics``)."""
        queue: asyncio.Queue[EngineEvent] = asyncio.Queue()

        def put(event: EngineEvent) -> None:
            if not topics or event.topic in topics:
                queue.put_nowait(event)

        unsubscribe = self.subscribe(put)
        try:
            while True:
                yield await queue.get()
        finally:
            unsubscribe()
