"""Serve an ASGI app on the running asyncio loop with uvicorn (listener, simulators).

uvicorn normally owns the process: it installs signal handlers and configures logging. Here it
is one component among others (the engine, the Qt loop), so it does neither: the app keeps its
own SIGINT/SIGTERM handling and logging setup, and we bind the socket ourselves so that a port
already in use is reported before anything starts, and port 0 gives a free port.

An app that faces the network (the notification listener) is served with :class:`ServerLimits`:
uvicorn alone never times out a connection that sends its request head slowly or not at all
(its keep-alive timer only starts after a first answer), so hundreds of idle sockets could pile
up until the process runs out of file descriptors. With limits, a connection must deliver each
request head within ``header_timeout`` and connections beyond ``max_connections`` are closed as
they arrive.

Idle, a server here costs nothing: uvicorn's own main loop wakes every 0.1 s (to refresh its
``Date`` header and look at ``should_exit``) — ten wake-ups a second for the whole life of the
app, the largest part of its idle cost (bench/idle.py). :class:`_EmbeddedServer` instead waits
for ``should_exit`` to be set, and the ``Date`` header is made when a response asks for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import formatdate
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from pluggto_desktop.asgi import ASGIApp

log = logging.getLogger("pluggto_desktop.asgi_server")  # rate-limited: see logs.FLOOD_LOGGERS


class PortInUse(OSError):
    """The address is taken by another program."""


@dataclass(frozen=True)
class ServerLimits:
    """Bounds for a server facing untrusted clients."""

    max_connections: int = 64  # open at once; more are closed on arrival
    header_timeout: float = 10.0  # to deliver a request head, from connect or the last answer
    keep_alive_timeout: int = 5  # idle between requests (uvicorn's own timer)
    max_header_bytes: int = 16 * 1024  # request line + headers (h11 answers 400 beyond it)


def _guarded_protocol(limits: ServerLimits) -> type[H11Protocol]:
    """uvicorn's h11 protocol with a connection cap and a request-head deadline."""

    class GuardedH11Protocol(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None
        _refused = False

        def connection_made(self, transport: Any) -> None:
            if len(self.connections) >= limits.max_connections:
                self._refused = True
                self.transport = transport  # connection_lost closes it again: harmless
                log.warning("too many open connections (%d): new ones are closed at once",
                            limits.max_connections)
                transport.abort()
                return
            super().connection_made(transport)
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if self._refused:
                return
            cycle = self.cycle
            super().data_received(data)
            if self.cycle is not cycle:  # a whole request head arrived: the app takes over
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()  # the next request head (or the rest of an unread body) is due too

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(limits.header_timeout, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                log.warning("closed a connection that sent no complete request within %.0f s",
                            limits.header_timeout)
                self.transport.abort()

    return GuardedH11Protocol


class _LazyDateState(ServerState):
    """uvicorn's shared server state, whose ``Date`` header is made when a response reads it
    (at most once a second) instead of by a timer."""

    def __init__(self, date_header: bool) -> None:
        self._date_header = date_header
        self._others: list[tuple[bytes, bytes]] = []
        self._second: int | None = None
        self._headers: list[tuple[bytes, bytes]] = []
        super().__init__()

    @property
    def default_headers(self) -> list[tuple[bytes, bytes]]:
        now = int(time.time())
        if now != self._second:
            date = [(b"date", formatdate(now, usegmt=True).encode())] if self._date_header else []
            self._second, self._headers = now, date + self._others
        return self._headers

    @default_headers.setter
    def default_headers(self, value: list[tuple[bytes, bytes]]) -> None:
        self._others = [(name, v) for name, v in value if name.lower() != b"date"]
        self._second = None


class _EmbeddedServer(uvicorn.Server):
    """uvicorn as a component: no signal handlers, and no timer while idle."""

    def __init__(self, config: uvicorn.Config) -> None:
        self._exit_requested = asyncio.Event()
        super().__init__(config)
        self.server_state = _LazyDateState(config.date_header)

    @property
    def should_exit(self) -> bool:
        return self._exit_requested.is_set()

    @should_exit.setter
    def should_exit(self, value: bool) -> None:
        if value:
            self._exit_requested.set()
        else:
            self._exit_requested.clear()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:  # the host application handles signals
        yield

    async def main_loop(self) -> None:
        """Wait for :attr:`should_exit` (uvicorn polls it every 0.1 s)."""
        await self.on_tick(0)  # the configured default headers
        await self._exit_requested.wait()


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind a listening TCP socket; raises PortInUse with a readable message."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must say TCP: asyncio sets TCP_NODELAY on accepted connections only when it does.
    # Without it, Nagle's algorithm and delayed ACKs stall every answer by ~40 ms (measured).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: refuse to share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
    else:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)) or getattr(
            exc, "winerror", None
        ) == 10048:
            raise PortInUse(exc.errno, f"{host}:{port} is already in use") from exc
        raise
    sock.listen(128)
    sock.setblocking(False)
    return sock


class RunningServer:
    """An ASGI app served on a socket until :meth:`stop`.

    With ``ssl_certfile`` and ``ssl_keyfile`` (PEM files) it serves HTTPS, and :attr:`url` says so.
    """

    def __init__(
        self,
        app: ASGIApp,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        ssl_certfile: str | os.PathLike[str] | None = None,
        ssl_keyfile: str | os.PathLike[str] | None = None,
        log_level: str = "warning",
        timeout_graceful_shutdown: int = 5,
        limits: ServerLimits | None = None,
    ) -> None:
        self._sock = bind_socket(host, port)
        self.host = host
        self.port = self._sock.getsockname()[1]
        self.scheme = "https" if ssl_certfile is not None else "http"
        guarded: dict[str, Any] = {}
        if limits is not None:
            guarded = {
                "http": _guarded_protocol(limits),
                # requests in flight (503 beyond); connections are capped by the protocol itself
                "limit_concurrency": limits.max_connections + 1,
                "timeout_keep_alive": limits.keep_alive_timeout,
                "h11_max_incomplete_event_size": limits.max_header_bytes,
            }
        config = uvicorn.Config(
            app,
            log_config=None,  # keep the application's logging configuration
            log_level=log_level,
            access_log=False,
            lifespan="off",
            ssl_certfile=None if ssl_certfile is None else os.fspath(ssl_certfile),
            ssl_keyfile=None if ssl_keyfile is None else os.fspath(ssl_keyfile),
            timeout_graceful_shutdown=timeout_graceful_shutdown,
            **guarded,
        )
        self._server = _EmbeddedServer(config)
        self._task: asyncio.Task[None] | None = None

    @property
    def open_connections(self) -> int:
        """Connections the server holds right now (tests, diagnostics)."""
        return len(self._server.server_state.connections)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    async def start(self) -> RunningServer:
        self._task = asyncio.create_task(self._server.serve(sockets=[self._sock]))
        while not self._server.started:
            if self._task.done():
                self._task.result()  # surface the start-up error
            await asyncio.sleep(0.01)
        return self

    async def stop(self) -> None:
        if self._task is None:
            self._sock.close()
            return
        self._server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None
        self._sock.close()

    async def __aenter__(self) -> RunningServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
