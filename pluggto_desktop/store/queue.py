"""The durable job queue, :class:`Store`: jobs, their timeline of events, their payloads, and
cursors, in one SQLite file (``store.db``), assembled from its parts:

* :mod:`~pluggto_desktop.store.rows` — the connection and the row-level reads and writes;
* :mod:`~pluggto_desktop.store.writes` — intake, the workers' outcomes, a person's actions, and
  the concurrency rule that keeps a change from being lost to a race;
* :mod:`~pluggto_desktop.store.queries` — one job, counts, and the queue views;
* :mod:`~pluggto_desktop.store.deadlines` — the deadline watch's counts and rules.

The engine uses it through :class:`~pluggto_desktop.store.async_store.AsyncStore` (one dedicated
thread); tests and ``status`` use it directly.
"""

from __future__ import annotations

from pluggto_desktop.store.deadlines import DeadlineWatch
from pluggto_desktop.store.queries import JobQueries
from pluggto_desktop.store.writes import JobWrites


class Store(JobWrites, JobQueries, DeadlineWatch):
    """Synchronous access to the database; one instance per thread."""
