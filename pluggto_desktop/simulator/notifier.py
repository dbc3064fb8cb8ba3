"""Sends Plug.to-style notifications (webhooks) to the connector's listener.

Plug.to POSTs ``{"type", "id", "action", "user", "changes"}`` to the registered URL and treats any
answer other than HTTP 200 as a failure to retry later (docs/pluggto-contract.md §3); the real schedule is
unknown, so this one is ours: rounds of delivery with exponential back-off between them, a few
attempts per notification, then give up (``failed``).

Real webhooks arrive twice and out of order; tests ask for that on purpose with
``send(body, duplicate=2)`` and ``shuffle=True``.

``Notifier(url)`` owns its own ``httpx.AsyncClient``; tests pass
``client=httpx.AsyncClient(transport=httpx.ASGITransport(app=listener))`` to deliver in-process.
Delivery happens on ``await drain()``, or by itself in the background with ``auto_drain=True``
(the demo).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from pluggto_desktop import net

log = logging.getLogger(__name__)


@dataclass
class _Pending:
    body: dict[str, Any]
    attempts: int = 0


@dataclass
class DrainResult:
    delivered: int = 0
    failed: int = 0
    attempts: int = 0


class Notifier:
    """Queue of notification bodies POSTed to ``url`` with retries."""

    def __init__(
        self,
        url: str,
        *,
        client: httpx.AsyncClient | None = None,
        attempts: int = 4,
        backoff: net.Backoff | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        timeout: float = 5.0,
        shuffle: bool = False,
        seed: int | None = None,
        auto_drain: bool = False,
    ) -> None:
        self.url = url
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(timeout=timeout)
        self.attempts = max(1, attempts)
        self.backoff = backoff or net.Backoff(base=0.5, cap=30.0)
        self._sleep = sleep
        self.shuffle = shuffle
        self._rng = random.Random(seed)
        self.auto_drain = auto_drain
        self.pending: list[_Pending] = []
        self.delivered: list[dict[str, Any]] = []  # in delivery order, duplicates included
        self.failed: list[dict[str, Any]] = []  # given up after ``attempts`` tries
        self.posts = 0  # every POST attempted, failures included
        self._task: asyncio.Task[DrainResult] | None = None

    # -- queueing -------------------------------------------------------------------------------
    def send(self, body: dict[str, Any], *, duplicate: int = 1) -> None:
        """Queue ``body`` to be delivered ``duplicate`` times (2 = the same webhook twice)."""
        for _ in range(max(1, duplicate)):
            self.pending.append(_Pending(dict(body)))
        if self.auto_drain:
            self.kick()

    def kick(self) -> None:
        """Start delivering in the background (needs a running event loop; no-op without one)."""
        if self._task is not None and not self._task.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._task = loop.create_task(self.drain())

    # -- delivery -------------------------------------------------------------------------------
    async def drain(self, *, shuffle: bool | None = None) -> DrainResult:
        """Deliver everything queued; failures are retried in later rounds, after a back-off.

        Returns counts for this drain. A notification that still fails after ``attempts`` POSTs
        moves to ``failed``.
        """
        shuffle = self.shuffle if shuffle is None else shuffle
        result = DrainResult()
        round_no = 0
        while self.pending:
            round_no += 1
            batch, self.pending = self.pending, []
            if shuffle:
                self._rng.shuffle(batch)
            retry: list[_Pending] = []
            for item in batch:
                item.attempts += 1
                result.attempts += 1
                if await self._post(item.body):
                    self.delivered.append(item.body)
                    result.delivered += 1
                elif item.attempts >= self.attempts:
                    log.warning("notification %s/%s given up after %d attempts",
                                item.body.get("type"), item.body.get("id"), item.attempts)
                    self.failed.append(item.body)
                    result.failed += 1
                else:
                    retry.append(item)
            if retry:
                await self._sleep(self.backoff.delay(round_no))
                # anything queued meanwhile goes after the retries
                self.pending = retry + self.pending
        return result

    async def _post(self, body: dict[str, Any]) -> bool:
        self.posts += 1
        try:
            response = await self._client.post(self.url, json=body)
        except httpx.HTTPError as exc:
            log.info("notification to %s failed: %s", self.url, type(exc).__name__)
            return False
        if response.status_code != 200:  # Plug.to wants exactly 200
            log.info("notification to %s answered HTTP %d", self.url, response.status_code)
            return False
        return True

    async def aclose(self) -> None:
        """Stop background delivery and close the client this notifier created."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - shutting down
                pass
        self._task = None
        if self._owns_client:
            await self._client.aclose()
