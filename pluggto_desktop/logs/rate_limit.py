"""Rate-limited logging: a flood from outside must not fill the disk or push history out."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

#: The same message (logger + message template) passes at most once per this many seconds.
RATE_LIMIT_S = 60.0

#: The loggers where floods happen, each with the highest level it limits. The listener faces
#: the internet (forged, slow or endless requests); uvicorn and asyncio report each bad or
#: refused connection ("Invalid HTTP request received.", "socket.accept() out of system
#: resource" with its traceback every second under fd exhaustion), so for them even errors are
#: limited. Everywhere else every line is kept: a per-order line is worth its space.
FLOOD_LOGGERS: dict[str, int] = {
    "pluggto_desktop.engine.listener": logging.WARNING,
    "pluggto_desktop.asgi_server": logging.WARNING,
    "pluggto_desktop.net.gate": logging.WARNING,
    "uvicorn.error": logging.CRITICAL,
    "asyncio": logging.CRITICAL,
}


class RateLimitFilter(logging.Filter):
    """Lets the same message through at most once per ``interval`` seconds.

    "The same" is the logger, the message *template* (``"refused Host %r"``, before its
    arguments: a flood varies them) — only its first line, since asyncio builds multi-line
    messages around a repeated first line — and the exception type. Records above
    ``max_level`` always pass. When a message passes again after some were held back, it says
    how many (``[+41 like this in the last 60 s not logged]``), so nothing disappears silently.
    Put it on a :class:`logging.Logger` (records are rewritten before any handler formats them).
    """

    MAX_KEYS = 1000  # distinct messages remembered; the oldest are forgotten first

    def __init__(
        self,
        *,
        interval: float = RATE_LIMIT_S,
        max_level: int = logging.WARNING,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.interval = interval
        self.max_level = max_level
        self.clock = clock
        self._seen: dict[tuple[str, str, str], list[float]] = {}  # key -> [last passed at, held back]
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > self.max_level:
            return True
        template = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
        error = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        key = (record.name, template.split("\n", 1)[0][:200], error)
        now = self.clock()
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and now - seen[0] < self.interval:
                seen[1] += 1
                return False
            held = int(seen[1]) if seen is not None else 0
            self._seen.pop(key, None)
            self._seen[key] = [now, 0]
            while len(self._seen) > self.MAX_KEYS:
                del self._seen[next(iter(self._seen))]
        if held:
            # appended to the template: no "%" in it, so the arguments still format
            record.msg = f"{record.msg} [+{held} like this in the last {self.interval:.0f} s not logged]"
        return True


def install_rate_limits(loggers: dict[str, int] | None = None) -> None:
    """Put a :class:`RateLimitFilter` on each flood-prone logger (once; calling again is harmless)."""
    for name, max_level in (FLOOD_LOGGERS if loggers is None else loggers).items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, RateLimitFilter) for f in logger.filters):
            logger.addFilter(RateLimitFilter(max_level=max_level))
