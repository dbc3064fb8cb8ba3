"""The technical log: everything a support agent needs, through the standard :mod:`logging` module.

``logs/pluggto-desktop.log`` in the profile, rotated; :func:`setup_logging` installs it. An
in-memory ring buffer with :func:`subscribe` lets the UI live-tail it without reading files. Every
handler redacts (:mod:`pluggto_desktop.logs.redaction`) and the flood-prone loggers are rate
limited (:mod:`pluggto_desktop.logs.rate_limit`).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pluggto_desktop.logs.rate_limit import install_rate_limits
from pluggto_desktop.logs.redaction import RedactingFilter
from pluggto_desktop.profile import create_private_file, make_private

if TYPE_CHECKING:  # pragma: no cover
    from pluggto_desktop.profile import Profile

LOG_FILE_NAME = "pluggto-desktop.log"
LOG_MAX_BYTES = 5 * 1024 * 1024
LOG_BACKUP_COUNT = 7
RING_CAPACITY = 2000


class _IsoFormatter(logging.Formatter):
    """``2024-07-15T10:02:11.123-03:00 INFO    pluggto_desktop.engine: message``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        moment = datetime.fromtimestamp(record.created, UTC).astimezone()
        return moment.isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class LogEntry:
    """One technical log record as the UI shows it (already redacted)."""

    created: float  # seconds since the epoch
    level: str  # "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"
    logger: str
    message: str  # the message, plus the traceback when there is one
    line: str  # the full line as written to the file


class RingBufferHandler(logging.Handler):
    """Keeps the last ``capacity`` records in memory and tells subscribers about new ones.

    Subscribers are called in the thread that logged; a Qt UI must hand the entry over to its
    own thread (e.g. with a queued signal). A subscriber that raises is ignored.
    """

    def __init__(self, capacity: int = RING_CAPACITY) -> None:
        super().__init__()
        self._entries: deque[LogEntry] = deque(maxlen=capacity)
        self._subscribers: list[Callable[[LogEntry], None]] = []
        self._busy = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(self._busy, "active", False):
            return  # a subscriber logged: do not loop
        try:
            line = self.format(record)
            message = record.getMessage()
            if record.exc_text:
                message = f"{message}\n{record.exc_text}"
            entry = LogEntry(record.created, record.levelname, record.name, message, line)
        except Exception:  # noqa: BLE001 - a record that cannot be formatted: logging's own error handling
            self.handleError(record)
            return
        self._entries.append(entry)
        self._busy.active = True
        try:
            for callback in list(self._subscribers):
                try:
                    callback(entry)
                except Exception:  # noqa: BLE001 - a broken viewer must not break logging
                    continue
        finally:
            self._busy.active = False

    def entries(self, n: int | None = None) -> list[LogEntry]:
        """The last ``n`` entries (all when None), oldest first."""
        self.acquire()  # emit() appends under the same lock
        try:
            items = list(self._entries)
        finally:
            self.release()
        return items if n is None else items[-n:] if n > 0 else []

    def subscribe(self, callback: Callable[[LogEntry], None]) -> Callable[[], None]:
        """Call ``callback(entry)`` for every new record; returns a function that unsubscribes."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def clear(self) -> None:
        self.acquire()
        try:
            self._entries.clear()
        finally:
            self.release()


_RING = RingBufferHandler()
_OWNED = "_pluggto_desktop_handler"  # marks the handlers setup_logging installed


def ring_buffer() -> RingBufferHandler:
    """The process-wide ring buffer of the technical log."""
    return _RING


def subscribe(callback: Callable[[LogEntry], None]) -> Callable[[], None]:
    """Live-tail the technical log (see :class:`RingBufferHandler`); returns the unsubscriber."""
    return _RING.subscribe(callback)


def recent_log(n: int | None = None) -> list[LogEntry]:
    """The last ``n`` technical log entries kept in memory, oldest first."""
    return _RING.entries(n)


def log_file_path(profile: Profile) -> Path:
    return profile.logs_dir / LOG_FILE_NAME


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only the current user can read (they hold order numbers and
    names of marketplaces, and may hold buyers' data a redaction missed)."""

    def _open(self):  # logging's own signature (untyped)
        create_private_file(self.baseFilename)
        for index in range(1, getattr(self, "backupCount", LOG_BACKUP_COUNT) + 1):  # rotated by an older version
            backup = f"{self.baseFilename}.{index}"
            if os.path.exists(backup):
                make_private(backup)
        return super()._open()


def setup_logging(profile: Profile, *, level: str | int = "INFO", console: bool = False) -> None:
    """Send the process's logging to the profile's technical log (and the ring buffer).

    * ``logs/pluggto-desktop.log``, UTF-8, rotated at 5 MB, 7 old files kept;
    * the in-memory ring buffer (last 2000 records) for live-tailing;
    * stderr too when ``console`` (CLI runs).

    Every handler gets the :class:`RedactingFilter`. Calling it again replaces the handlers it
    installed before (another profile, another level) instead of adding more.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OWNED, False):
            root.removeHandler(handler)
            if handler is not _RING:
                handler.close()

    profile.ensure()
    handlers: list[logging.Handler] = [
        _PrivateRotatingFileHandler(
            log_file_path(profile),
            maxBytes=LOG_MAX_BYTES,
            backupCount=LOG_BACKUP_COUNT,
            encoding="utf-8",
        ),
        _RING,
    ]
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))

    formatter = _IsoFormatter()
    for handler in handlers:
        handler.setFormatter(formatter)
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
        setattr(handler, _OWNED, True)
        root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
    logging.captureWarnings(True)
    install_rate_limits()
