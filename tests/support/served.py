"""Both simulators served on loopback from a background thread.

For tests of code that runs its own event loop (the CLI calls ``asyncio.run``; the desktop app
runs the qasync loop), the simulators cannot share that loop, so they get a thread of their own.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pluggto_desktop.simulator.serve import SimulatorSet


class ServedSimulators:
    def __init__(self, **options: Any) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="simulators", daemon=True)
        self.thread.start()
        self.sims: SimulatorSet = self.call(SimulatorSet.start(**options))

    def call(self, coro: Any) -> Any:
        """Run a coroutine on the simulators' loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=60)

    def do(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a plain function on the simulators' loop (their state is not thread-safe)."""
        async def run() -> Any:
            return fn(*args, **kwargs)

        return self.call(run())

    def stop(self) -> None:
        self.call(self.sims.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@contextmanager
def served_simulators(**options: Any) -> Iterator[ServedSimulators]:
    served = ServedSimulators(**options)
    try:
        yield served
    finally:
        served.stop()
