"""Running coroutines from Qt slots safely on the qasync loop.

qasync pitfalls this module exists for (docs/ux-principles.md B.1):
* the loop keeps only weak references to tasks, so a fire-and-forget task can be garbage
  collected mid-flight — :class:`TaskRunner` keeps strong references until each task ends;
* an exception in a slot's coroutine would otherwise vanish or print to stderr — here it is
  logged and handed to ``on_error`` so the UI shows it;
* ``CancelledError`` at shutdown is not an error.

Views call ``runner.spawn(coro, what=...)`` from their slots and never ``exec()`` a dialog.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger("pluggto_desktop.ui")

ErrorHandler = Callable[[str, BaseException], None]


class TaskRunner:
    def __init__(self, on_error: ErrorHandler | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self.on_error = on_error
        self._closed = False  # quitting: the service is closing under the views

    def spawn(self, coro: Coroutine[Any, Any, Any], *, what: str = "") -> asyncio.Task[Any]:
        """Schedule ``coro``; its failure is reported, never lost. Once :meth:`cancel_all` has
        run (the app is quitting) nothing new starts: a Qt timer that fires while the service
        closes must not reach for a store that is going away."""
        task = asyncio.ensure_future(coro)
        if self._closed:
            task.cancel()  # cancelled before its first step: the coroutine body never runs
        self._tasks.add(task)
        task.add_done_callback(lambda t: self._done(t, what))
        return task

    def _done(self, task: asyncio.Task[Any], what: str) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        log.error("%s failed", what or "background task", exc_info=(type(exc), exc, exc.__traceback__))
        if self.on_error is not None:
            self.on_error(what, exc)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until every spawned task (and the tasks they spawn) has finished (tests, quit)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._tasks:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"{len(self._tasks)} UI tasks still running")
            await asyncio.wait(set(self._tasks), timeout=remaining)

    async def cancel_all(self) -> None:
        """Quitting: cancel what runs and refuse what would start later."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
