"""The store's names where callers have always found them: the job queue (:class:`Store`), its
asyncio face (:class:`AsyncStore`), and the records it keeps and answers with.

Each lives in the module named for what it holds, re-exported here:

* the records — :class:`Job`, :class:`Event`, :class:`OrderSummary`, :class:`IntakeResult`,
  :class:`JobQuery`, ``PAYLOAD_*`` — in :mod:`pluggto_desktop.domain.jobs` (plain data: the
  presentation module reads them without importing the store);
* :class:`Store` in :mod:`~pluggto_desktop.store.queue`, assembled from
  :mod:`~pluggto_desktop.store.rows`, :mod:`~pluggto_desktop.store.writes`,
  :mod:`~pluggto_desktop.store.queries` and :mod:`~pluggto_desktop.store.deadlines`;
* :class:`AsyncStore` in :mod:`~pluggto_desktop.store.async_store`.
"""

from __future__ import annotations

from pluggto_desktop.domain.jobs import (
    PAYLOAD_LINX_REQUEST,
    PAYLOAD_LINX_RESPONSE,
    PAYLOAD_PLUGGTO,
    PAYLOAD_PLUGGTO_REQUEST,
    PAYLOAD_PLUGGTO_RESPONSE,
    SORTABLE,
    Event,
    IntakeResult,
    Job,
    JobQuery,
    OrderSummary,
    attention_event,
)
from pluggto_desktop.store.async_store import AsyncStore
from pluggto_desktop.store.deadlines import deadline_counts
from pluggto_desktop.store.queries import DENSE_SEARCH
from pluggto_desktop.store.queue import Store
from pluggto_desktop.store.rows import DEADLINE_INPUTS, IGNORED, ORDER, PROCESSING, QUEUED
from pluggto_desktop.store.writes import SETTLED_STATES

__all__ = [
    "DEADLINE_INPUTS", "DENSE_SEARCH", "IGNORED", "ORDER", "PAYLOAD_LINX_REQUEST", "PAYLOAD_LINX_RESPONSE",
    "PAYLOAD_PLUGGTO", "PAYLOAD_PLUGGTO_REQUEST", "PAYLOAD_PLUGGTO_RESPONSE", "PROCESSING", "QUEUED",
    "SETTLED_STATES", "SORTABLE", "AsyncStore", "Event", "IntakeResult", "Job", "JobQuery", "OrderSummary", "Store",
    "attention_event", "deadline_counts",
]
