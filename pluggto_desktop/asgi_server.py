"""Serve an ASGI app on the running asyncio loop with uvicorn (listener, simulators).

uvicorn normally owns the process: it installs signal handlers and configures logging. Here it
is one component among others (the engine, the Qt loop), so it does neither: the app keeps its
own SIGINT/SIGTERM handling and logging setup, and we bind the socket ourselves so that a port
already in use is reported before anything starts, and port 0 gives a free port.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import socket
from collections.abc import Iterator

import uvicorn

from pluggto_desktop.asgi import ASGIApp


class PortInUse(OSError):
    """The address is taken by another program."""


class _EmbeddedServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:  # the host application handles signals
        yield


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
    ) -> None:
        self._sock = bind_socket(host, port)
        self.host = host
        self.port = self._sock.getsockname()[1]
        self.scheme = "https" if ssl_certfile is not None else "http"
        config = uvicorn.Config(
            app,
            log_config=None,  # keep the application's logging configuration
            log_level=log_level,
            access_log=False,
            lifespan="off",
            ssl_certfile=None if ssl_certfile is None else os.fspath(ssl_certfile),
            ssl_keyfile=None if ssl_keyfile is None else os.fspath(ssl_keyfile),
            timeout_graceful_shutdown=timeout_graceful_shutdown,
        )
        self._server = _EmbeddedServer(config)
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    async def start(self) -> "RunningServer":
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

    async def __aenter__(self) -> "RunningServer":
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
