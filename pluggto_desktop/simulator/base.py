"""What both simulators share: routing, per-operation call counters and fault injection.

A simulator is an ASGI app (:class:`SimulatorApp`) whose routes carry an *operation name*
(``"orders.get"``, ``"SaveOrder"``…). Every call to a route is counted under that name, and may be
hit by a fault chosen at run time (:class:`Faults`): added latency, 500/503 or 429 with
``Retry-After``, a slow answer, or a dropped connection — either *before* the operation runs (no
side effect) or *after* it ran (the side effect happened but the caller never hears of it, the
nasty case exactly-once logic must survive).

Admin routes under ``/_sim/`` are never counted nor faulted: tests and the demo use them to drive
the simulator over HTTP (``GET/PUT /_sim/faults``, ``GET/DELETE /_sim/counters``).

In-process use: ``httpx.AsyncClient(transport=sim.transport(), base_url=...)``. The transport
turns a simulated drop into ``httpx.RemoteProtocolError`` and applies the client's read timeout,
which plain ``httpx.ASGITransport`` ignores, so tests see what a real network would show.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextvars
import logging
import random
import re
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any, cast

import httpx

from pluggto_desktop.asgi import Receive, Request, Scope, Send, lifespan_ok, read_request, send_json

Handler = Callable[[Request, dict[str, str]], Awaitable["Reply"]]

#: True in the task of a request whose connection the simulator dropped on purpose (served by
#: uvicorn, which runs the app and then logs about the missing answer in that same task).
_dropped_on_purpose: contextvars.ContextVar[bool] = contextvars.ContextVar("simulator_dropped", default=False)


class _DroppedConnectionFilter(logging.Filter):
    """Hide uvicorn's complaint about a connection a simulator dropped on purpose, and only that
    (any other app served in the same process, such as the notification listener, still shows)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (_dropped_on_purpose.get() and "returned without starting response" in record.getMessage())


logging.getLogger("uvicorn.error").addFilter(_DroppedConnectionFilter())


@dataclass
class Reply:
    """What a route handler returns."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


class SimulatedDrop(Exception):
    """Raised inside the app to drop the connection without an answer."""


@dataclass
class Faults:
    """Runtime fault injection; every rate is a probability per call in ``[0, 1]``."""

    latency_ms: float = 0.0  # added to every counted call
    fail_rate: float = 0.0  # 500/503 before the operation runs
    fail_after_rate: float = 0.0  # operation runs, then 500 (the answer is lost)
    rate_limit_rate: float = 0.0  # 429 before the operation runs
    retry_after: float | None = 1.0  # seconds, sent with 503 and 429
    slow_rate: float = 0.0  # answer delayed by slow_seconds
    slow_seconds: float = 5.0
    drop_rate: float = 0.0  # connection dropped before the operation runs
    drop_after_rate: float = 0.0  # operation runs, then the connection is dropped
    only_ops: list[str] | None = None  # restrict faults (not latency) to these operations
    seed: int | None = None

    def update(self, values: dict[str, Any]) -> None:
        """Set fields from a JSON object; unknown names raise ValueError."""
        names = {f.name for f in fields(self)}
        for key, value in values.items():
            if key not in names:
                raise ValueError(f"unknown fault setting: {key}")
            setattr(self, key, value)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Route:
    method: str
    pattern: re.Pattern[str]
    op: str
    handler: Handler


def _compile(path: str) -> re.Pattern[str]:
    regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path)
    return re.compile(f"^{regex}$")


class SimulatorApp:
    """Base ASGI app: subclasses register routes in ``__init__`` with :meth:`route`."""

    name = "simulator"

    def __init__(self, *, seed: int | None = None) -> None:
        self.faults = Faults(seed=seed)
        self.counters: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._routes: list[_Route] = []
        self._admin: list[_Route] = []
        self.admin_route("GET", "/_sim/faults", self._get_faults)
        self.admin_route("PUT", "/_sim/faults", self._put_faults)
        self.admin_route("GET", "/_sim/counters", self._get_counters)
        self.admin_route("DELETE", "/_sim/counters", self._reset_counters)

    # -- registration ---------------------------------------------------------------------------
    def route(self, method: str, path: str, op: str, handler: Handler) -> None:
        self._routes.append(_Route(method.upper(), _compile(path), op, handler))

    def admin_route(self, method: str, path: str, handler: Handler) -> None:
        self._admin.append(_Route(method.upper(), _compile(path), "admin", handler))

    def set_faults(self, **values: Any) -> None:
        """Change fault injection at run time (``sim.set_faults(fail_rate=0.2)``)."""
        self.faults.update(values)
        if "seed" in values:
            self._rng = random.Random(values["seed"])

    def clear_faults(self) -> None:
        self.faults = Faults()

    def reset_counters(self) -> None:
        self.counters.clear()

    def transport(self) -> InProcessTransport:
        return InProcessTransport(self)

    # -- ASGI -----------------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan_ok(receive, send)
            return
        if scope["type"] != "http":
            return
        request = await read_request(scope, receive)
        for admin in self._admin:
            match = admin.pattern.match(request.path)
            if match and admin.method == request.method:
                answer = await admin.handler(request, match.groupdict())
                await send_json(send, answer.status, answer.body, headers=answer.headers)
                return
        route, params = self._find(request)
        if route is None:
            await send_json(send, 404, {"error": True, "type": "not_found", "details": "no such route"})
            return
        self.counters[route.op] += 1
        try:
            reply = await self._run_with_faults(route, request, params, send)
        except SimulatedDrop:
            if _served_transport(send) is not None:
                _dropped_on_purpose.set(True)  # uvicorn's "returned without starting response" is expected
                return  # the socket is already aborted; nothing more to say
            raise  # in-process: InProcessTransport turns this into a network error
        if reply is not None:
            await send_json(send, reply.status, reply.body, headers=reply.headers)

    def _find(self, request: Request) -> tuple[_Route | None, dict[str, str]]:
        allowed = False
        for route in self._routes:
            match = route.pattern.match(request.path)
            if match:
                allowed = True
                if route.method == request.method:
                    return route, match.groupdict()
        if allowed:
            return _Route(request.method, re.compile(""), "method_not_allowed", _method_not_allowed), {}
        return None, {}

    def _roll(self, rate: float) -> bool:
        return rate > 0 and self._rng.random() < rate

    async def _run_with_faults(
        self, route: _Route, request: Request, params: dict[str, str], send: Send
    ) -> Reply | None:
        f = self.faults
        if f.latency_ms:
            await asyncio.sleep(f.latency_ms / 1000)
        faulty = f.only_ops is None or route.op in f.only_ops
        if faulty:
            if self._roll(f.drop_rate):
                _drop(send)
            if self._roll(f.rate_limit_rate):
                return Reply(429, {"error": True, "type": "rate_limited"}, self._retry_headers())
            if self._roll(f.fail_rate):
                status = self._rng.choice((500, 503))
                headers = self._retry_headers() if status == 503 else {}
                return Reply(status, {"error": True, "type": "server_error"}, headers)
            if self._roll(f.slow_rate):
                await asyncio.sleep(f.slow_seconds)
        reply = await route.handler(request, params)
        if faulty:
            if self._roll(f.drop_after_rate):
                _drop(send)
            if self._roll(f.fail_after_rate):
                return Reply(500, {"error": True, "type": "server_error"})
        return reply

    def _retry_headers(self) -> dict[str, str]:
        if self.faults.retry_after is None:
            return {}
        return {"Retry-After": f"{self.faults.retry_after:g}"}

    # -- admin handlers -------------------------------------------------------------------------
    async def _get_faults(self, request: Request, params: dict[str, str]) -> Reply:
        return Reply(200, self.faults.as_dict())

    async def _put_faults(self, request: Request, params: dict[str, str]) -> Reply:
        try:
            values = request.json()
            if not isinstance(values, dict):
                raise ValueError("expected a JSON object")
            self.set_faults(**values)
        except ValueError as exc:
            return Reply(400, {"error": True, "details": str(exc)})
        return Reply(200, self.faults.as_dict())

    async def _get_counters(self, request: Request, params: dict[str, str]) -> Reply:
        return Reply(200, dict(self.counters))

    async def _reset_counters(self, request: Request, params: dict[str, str]) -> Reply:
        self.reset_counters()
        return Reply(200, {})


async def _method_not_allowed(request: Request, params: dict[str, str]) -> Reply:
    return Reply(405, {"error": True, "type": "method_not_allowed"})


def basic_credentials(header: str) -> tuple[str, str] | None:
    """The ``(user, password)`` of an HTTP Basic ``Authorization`` header value, or None when
    the header is not Basic or is malformed (not base64, not UTF-8, no ``:``)."""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


def _drop(send: Send) -> None:
    """Abort the TCP connection when served by uvicorn, then stop handling the request.

    Under uvicorn, ``send`` is a bound method of the connection's request cycle, which holds the
    asyncio transport; aborting it closes the socket with no answer (a reset, as real networks
    do). In-process, :class:`InProcessTransport` turns the exception into a protocol error.
    """
    transport = _served_transport(send)
    if transport is not None:
        transport.abort()
    raise SimulatedDrop()


def _served_transport(send: Send) -> Any:
    return getattr(getattr(send, "__self__", None), "transport", None)


class InProcessTransport(httpx.ASGITransport):
    """``ASGITransport`` that behaves like a network: drops become errors, timeouts apply."""

    def __init__(self, app: SimulatorApp) -> None:
        # the simulators type ASGI messages as dicts (asgi.py), httpx as any mutable mapping:
        # the same protocol, spelt more narrowly
        super().__init__(app=cast(Any, app))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeout = (request.extensions.get("timeout") or {}).get("read")
        try:
            if timeout is None:
                return await super().handle_async_request(request)
            return await asyncio.wait_for(super().handle_async_request(request), timeout)
        except SimulatedDrop:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.",
                                            request=request) from None
        except TimeoutError:
            raise httpx.ReadTimeout("simulated read timeout", request=request) from None
