"""HTTP plumbing shared by the Plug.to and Linx clients: client factory, back-off, retries.

One ``httpx.AsyncClient`` per remote, with explicit timeouts and a bounded connection pool.
Transient failures of *idempotent* calls are retried here a few times with exponential back-off
and full jitter, honouring ``Retry-After``; longer waits are the engine's business (job
``retry_wait``), so a call never blocks a worker for minutes.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

import httpx

from pluggto_desktop import __version__
from pluggto_desktop.errors import TransientError

T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=30.0)
USER_AGENT = f"pluggto-desktop/{__version__}"


def make_client(
    base_url: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: httpx.Timeout | float | None = None,
    max_connections: int = 8,
    headers: dict[str, str] | None = None,
    auth: httpx.Auth | None = None,
    network: "NetworkOptions | None" = None,
) -> httpx.AsyncClient:
    """The one ``AsyncClient`` for a remote.

    ``transport`` lets tests plug a simulator in-process (``httpx.ASGITransport``);
    ``network`` carries proxy/CA choices (applied to every client the app creates).
    """
    kwargs: dict = {}
    if transport is not None:
        kwargs["transport"] = transport
    elif network is not None:
        kwargs.update(network.client_kwargs())
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
        auth=auth,
        follow_redirects=False,
        **kwargs,
    )


@dataclass
class NetworkOptions:
    """How the app reaches the internet; filled from settings (proxy, extra CA)."""

    proxy: str | None = None  # e.g. "http://proxy.local:3128"; None = no explicit proxy
    trust_env: bool = True  # honour the system proxy environment
    verify: object = True  # True, False, or an ssl.SSLContext

    def client_kwargs(self) -> dict:
        kwargs: dict = {"trust_env": self.trust_env, "verify": self.verify}
        if self.proxy:
            kwargs["proxy"] = self.proxy
        return kwargs


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


@dataclass
class Backoff:
    """Exponential back-off with full jitter, never shorter than the server's ``Retry-After``.

    ``delay(n)`` for the n-th retry (1-based) is uniform in ``[base·2^(n-1)/2, base·2^(n-1)]``,
    capped at ``cap``. Half-jitter keeps retries spread out (no thundering herd after an outage)
    while guaranteeing real growth between attempts.
    """

    base: float = 1.0
    cap: float = 900.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, retry: int, retry_after: float | None = None) -> float:
        ceiling = min(self.cap, self.base * (2 ** max(0, retry - 1)))
        wait = self.rng.uniform(ceiling / 2, ceiling)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap))
        return wait


def transport_error(exc: Exception, remote: str) -> TransientError:
    """Turn an httpx transport failure into a TransientError with a message free of secrets."""
    if isinstance(exc, httpx.TimeoutException):
        text = f"timeout talking to {remote} ({type(exc).__name__})"
    else:
        text = f"network error talking to {remote} ({type(exc).__name__})"
    return TransientError(text, remote=remote)


def status_error(response: httpx.Response, remote: str) -> TransientError:
    """A 5xx/429 answer as a TransientError carrying ``Retry-After``."""
    return TransientError(
        f"{remote} answered HTTP {response.status_code}",
        remote=remote,
        status=response.status_code,
        retry_after=parse_retry_after(response.headers.get("Retry-After")),
    )


def is_transient_status(status: int) -> bool:
    return status == 429 or status == 408 or status >= 500


async def retrying(
    call: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    backoff: Backoff | None = None,
    max_wait: float = 10.0,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Run an idempotent ``call``, retrying TransientError up to ``attempts`` times in all.

    A server asking to wait longer than ``max_wait`` is not waited for here: the error goes up
    so the engine can park the job (``retry_wait``) instead of holding a worker.
    """
    backoff = backoff or Backoff(base=0.5, cap=max_wait)
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except TransientError as exc:
            if attempt >= attempts:
                raise
            if exc.retry_after is not None and exc.retry_after > max_wait:
                raise  # the server wants a long pause: the engine parks the job instead
            await sleep(min(backoff.delay(attempt, exc.retry_after), max_wait))
    raise AssertionError("unreachable")  # pragma: no cover
