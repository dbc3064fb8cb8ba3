"""A queue view read whole, a page at a time, through the store's own query API (the CSV export).

Each page is one ``query_jobs`` call on the store's thread, starting after the last row of the
page before (keyset pagination: page 1,000 of a million jobs costs what the first does). No
second connection and no read transaction held for the whole export: the engine's writes go on
between pages. A job that changes meanwhile moves in the order of a sort on "updated": sorted
newest first it is not read again, sorted oldest first it is written a second time, as it is now.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from pluggto_desktop.store.jobs import SORTABLE, AsyncStore, Job, JobQuery


async def job_pages(store: AsyncStore, query: JobQuery, *, page_size: int = 1000) -> AsyncIterator[list[Job]]:
    """The jobs of ``query`` in its order, ``page_size`` at a time, until none is left."""
    if query.order_by not in SORTABLE:
        raise ValueError(f"cannot sort on {query.order_by!r}")
    after: tuple[Any, int] | None = None
    while True:
        page: list[Job] = await store.query_jobs(query, after=after, limit=page_size)
        if not page:
            return
        after = (getattr(page[-1], query.order_by), page[-1].id)
        yield page
        if len(page) < page_size:
            return
