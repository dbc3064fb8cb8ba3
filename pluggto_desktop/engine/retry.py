"""When to try a job again after a transient failure, and when to give up and ask for help."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from pluggto_desktop.net import Backoff
from pluggto_desktop.text import Text

#: The timeline note of a job that failed for a while and will be tried again (orders, products).
TEMPORARY_FAILURE = Text("Falha temporária ({error}); nova tentativa em {wait:.0f} s",
                         "Temporary failure ({error}); retrying in {wait:.0f} s")


@dataclass
class RetryPolicy:
    """Exponential back-off with jitter per job, honouring the server's ``Retry-After``.

    With the defaults (base 5 s, cap 15 min, 8 attempts) the waits between a job's attempts add
    up to about 5–11 minutes (plus the time the failed calls themselves take) before it is
    shown as needing attention: long enough to ride out a brief outage, short enough that the
    merchant hears about a real one the same morning.
    """

    max_attempts: int = 8
    base: float = 5.0
    cap: float = 900.0
    rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self._backoff = Backoff(base=self.base, cap=self.cap, rng=self.rng)

    def exhausted(self, attempts: int) -> bool:
        """True once ``attempts`` failed attempts reach the limit."""
        return attempts >= self.max_attempts

    def delay(self, attempts: int, retry_after: float | None = None) -> float:
        """Seconds to wait after the ``attempts``-th failure."""
        return self._backoff.delay(attempts, retry_after)
