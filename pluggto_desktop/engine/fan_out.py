"""Work fanned out to tasks inside one pass (the catalogue's products, the Conferência's pages):
when the pass ends early — cancelled because the engine stops or the settings change, or one of
its calls failed — none of its tasks may outlive it. Left running, they would go on against
clients about to close and fail unseen ("Task exception was never retrieved")."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any


async def cancel_and_wait(tasks: Sequence[asyncio.Future[Any]]) -> None:
    """Cancel the tasks not yet done and wait for them; a failure of a finished one that nobody
    awaited is marked seen (the pass already reported its own failure)."""
    pending = [task for task in tasks if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    for task in tasks:
        if task.done() and not task.cancelled():
            task.exception()
