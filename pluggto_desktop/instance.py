"""One engine per profile: the desktop app and ``sync`` never run twice on the same folder.

* The owner holds an OS-level lock on ``<profile>/app.lock`` for its whole life; the operating
  system releases it when the process ends, even after a crash, so there is no stale lock to
  clean up.
* The desktop app also listens on a loopback port (written with a random token to
  ``<profile>/app.instance``): a second launch of the app connects, asks the first one to show
  its window, and exits — the user just sees the app come forward.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import sys
from collections.abc import Callable
from typing import IO

from pluggto_desktop.profile import Profile
from pluggto_desktop.settings import write_text_atomically

log = logging.getLogger("pluggto_desktop.instance")

LOCK_FILE = "app.lock"
INFO_FILE = "app.instance"


class ProfileLock:
    """An exclusive, non-blocking lock on the profile (released by the OS when we die)."""

    def __init__(self, profile: Profile) -> None:
        self.path = profile.root / LOCK_FILE
        self._handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the process's life
        try:
            _lock(handle)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                _unlock(self._handle)
            self._handle.close()
            self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None


def _lock(handle: IO[bytes]) -> None:
    if sys.platform.startswith("win"):
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform.startswith("win"):
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class ActivationServer:
    """Listens for "show yourself" from a second launch of the desktop app."""

    def __init__(self, profile: Profile, on_activate: Callable[[], None]) -> None:
        self.info_path = profile.root / INFO_FILE
        self.on_activate = on_activate
        self.token = secrets.token_hex(16)
        self._server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        write_text_atomically(self.info_path, json.dumps({"pid": os.getpid(), "port": port, "token": self.token}))

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        self.info_path.unlink(missing_ok=True)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            line = await asyncio.wait_for(reader.readline(), 5)
            if line.strip() == f"{self.token} show".encode():
                self.on_activate()
                writer.write(b"ok\n")
                await writer.drain()
        except (TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()


async def activate_running(profile: Profile, *, timeout: float = 3.0) -> bool:
    """Ask the desktop app already running on ``profile`` to show itself; True when it did."""
    try:
        info = json.loads((profile.root / INFO_FILE).read_text(encoding="utf-8"))
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", int(info["port"])), timeout)
    except (TimeoutError, OSError, ValueError, KeyError):
        return False
    try:
        writer.write(f"{info['token']} show\n".encode())
        await writer.drain()
        return (await asyncio.wait_for(reader.readline(), timeout)).strip() == b"ok"
    except (TimeoutError, OSError):
        return False
    finally:
        writer.close()


def desktop_app_running(profile: Profile) -> bool:
    """Whether the lock's owner is the desktop app (it leaves an activation file), not ``sync``."""
    return (profile.root / INFO_FILE).exists()
