"""What the queue answers: one job, its timeline and payloads, the counts, and the queue views
(a :class:`~pluggto_desktop.domain.jobs.JobQuery` turned into SQL, searched, paged and counted).

The views are planned for a million jobs without ANALYZE statistics (the app never collects
them): see :meth:`JobQueries.query_jobs` for why a search is written as a union of index lookups,
and ``store.db``'s migrations for the indexes each sort needs (measured with bench/queue_view.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from pluggto_desktop.domain import deadlines
from pluggto_desktop.domain.jobs import DUE_STATES, SORTABLE, Event, Job, JobQuery, JobState
from pluggto_desktop.linx.contract import parse_guid
from pluggto_desktop.store.rows import ORDER, JobRows, job_of

#: A search matching at least this many jobs is read by walking the sort order (see
#: :meth:`JobQueries.query_jobs`).
DENSE_SEARCH = 10_000


class JobQueries(JobRows):
    """Every read of the queue."""

    # -- one job ---------------------------------------------------------------------------------
    def get(self, job_id: int) -> Job | None:
        return self._get(job_id)

    def find(self, kind: str, key: str) -> Job | None:
        return self._find(kind, key)

    def find_by_linx_order(self, linx_order_id: str) -> Job | None:
        """The order job of a store order (status back reads the store's feed)."""
        row = self.conn.execute(
            "SELECT * FROM jobs WHERE kind = ? AND linx_order_id = ? ORDER BY id LIMIT 1", (ORDER, linx_order_id)
        ).fetchone()
        return job_of(row) if row else None

    def other_order_with_linx_order(self, linx_order_id: str, key: str) -> Job | None:
        """Another order job (not ``key``) already holding store order ``linx_order_id``."""
        row = self.conn.execute(
            "SELECT * FROM jobs WHERE kind = ? AND linx_order_id = ? AND key != ? ORDER BY id LIMIT 1",
            (ORDER, linx_order_id, key),
        ).fetchone()
        return job_of(row) if row else None

    def product_states(self) -> dict[str, Job]:
        """Every product job by key: one read for a whole catalogue reconcile."""
        return {job.key: job for job in (job_of(r) for r in
                                         self.conn.execute("SELECT * FROM jobs WHERE kind = 'product'"))}

    def events(self, job_id: int) -> list[Event]:
        rows = self.conn.execute(
            "SELECT * FROM job_events WHERE job_id = ? ORDER BY id", (job_id,)
        ).fetchall()
        return [
            Event(type=r["type"], message=r["message"], level=r["level"],
                  data=json.loads(r["data"]) if r["data"] else None, at=r["at"], id=r["id"], job_id=job_id)
            for r in rows
        ]

    def next_due_at(self, kind: str) -> float | None:
        """When the next queued/retry job becomes due (None when nothing is scheduled)."""
        row = self.conn.execute(
            "SELECT MIN(next_attempt_at) FROM jobs WHERE kind = ? AND state IN (?, ?)",
            (kind, *DUE_STATES),
        ).fetchone()
        return row[0]

    def payloads(self, job_id: int) -> dict[str, Any]:
        rows = self.conn.execute("SELECT kind, body FROM job_payloads WHERE job_id = ?", (job_id,))
        return {r[0]: json.loads(r[1]) for r in rows}

    # -- counts and the plain listing ----------------------------------------------------------------
    def counts(self, kind: str) -> dict[str, int]:
        """Jobs per state (every state present, zeros included).

        Read from ``job_counts``, which triggers keep exact, so the dashboard costs nothing even
        with a million jobs.
        """
        result = {s.value: 0 for s in JobState}
        for state, n in self.conn.execute("SELECT state, n FROM job_counts WHERE kind = ?", (kind,)):
            result[state] = n
        return result

    def list_jobs(self, query: JobQuery, *, offset: int = 0, limit: int = 100,
                  after: tuple[Any, int] | None = None) -> list[Job]:
        """Jobs of a queue view in its order; ``after`` = (sort value, id) of the last row already
        read: the rows after it (see :meth:`query_jobs`)."""
        query = self._dated(query)
        where, params = _where(query)
        if query.order_by not in SORTABLE:
            raise ValueError(f"cannot sort on {query.order_by!r}")
        if after is not None:
            clause, more = _after(query, after)
            where, params = f"{where} AND {clause}", [*params, *more]
        direction = "DESC" if query.descending else "ASC"
        sql = (f"SELECT * FROM jobs WHERE {where} ORDER BY {query.order_by} {direction}, id {direction} "
               "LIMIT ? OFFSET ?")
        rows = self.conn.execute(sql, (*params, limit, offset)).fetchall()
        return [job_of(r) for r in rows]

    def count_jobs(self, query: JobQuery) -> int:
        query = self._dated(query)
        where, params = _where(query)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM jobs WHERE {where}", params).fetchone()[0])

    def _dated(self, query: JobQuery) -> JobQuery:
        """The query with its deadline filter's ``now`` taken from the store's clock."""
        if query.deadline and query.now is None:
            return replace(query, now=self.clock())
        return query

    def marketplaces(self, kind: str = "order") -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT marketplace FROM jobs WHERE kind = ? AND marketplace IS NOT NULL "
            "ORDER BY marketplace", (kind,))
        return [r[0] for r in rows]

    # -- queue views (the desktop tables) --------------------------------------------------------
    def query_jobs(self, query: JobQuery, *, offset: int = 0, limit: int = 100,
                   after: tuple[Any, int] | None = None) -> list[Job]:
        """The rows :meth:`list_jobs` returns (same filters, search and order), planned so that a
        search stays on indexes with a million jobs.

        ``after`` — the (sort value, id) of the last row the caller already has — reads the page
        after it (keyset pagination): the index range starts there, where ``offset`` has to
        step over every earlier row and, in a search walking the sort order, test each one
        (page 100 of a one-letter search: 240–500 ms by offset, ~4 ms this way).

        ``list_jobs`` puts the search in one ``OR`` over six columns. Without ANALYZE statistics
        (the app never collects them) SQLite then prefers walking (kind, updated_at) for the
        ORDER BY and testing every row: a full scan (~0.5 s per page at 1M jobs) whenever fewer
        than a page of rows match, e.g. an order number. Here the search is a UNION of index
        lookups feeding ``id IN (…)``, and the other filters are written ``+column`` so the
        planner cannot start anywhere else (measured: 0.1 ms for an order number).

        A search matching very many jobs (a one-letter name prefix: 86,000 of 1M) would then sort
        them all (~180 ms); when at least :data:`DENSE_SEARCH` jobs match, walking the sort
        order's index and testing rows (what ``list_jobs`` does) finds a page sooner, because
        matches are everywhere. Not for a sort on the searched names themselves: walking in
        name order would first cross every name before the prefix.
        """
        query = self._dated(query)
        text = (query.search or "").strip()
        if not text:
            return self.list_jobs(query, offset=offset, limit=limit, after=after)
        if query.order_by not in ("buyer_name", "title"):
            matches, params = _search_matches(query)  # streamed and capped: a few ms at most
            n = self.conn.execute(f"SELECT COUNT(*) FROM ({matches} LIMIT ?)", (*params, DENSE_SEARCH)).fetchone()[0]
            if n >= DENSE_SEARCH:
                return self.list_jobs(query, offset=offset, limit=limit, after=after)
        sql, params = _search_select(query, "*")
        if after is not None:
            clause, more = _after(query, after, driven=False)
            sql, params = f"{sql} AND {clause}", [*params, *more]
        direction = "DESC" if query.descending else "ASC"
        sql += f" ORDER BY {query.order_by} {direction}, id {direction} LIMIT ? OFFSET ?"
        rows = self.conn.execute(sql, (*params, limit, offset)).fetchall()
        return [job_of(r) for r in rows]

    def count_jobs_capped(self, query: JobQuery, cap: int = 100_000) -> tuple[int, bool]:
        """How many jobs a queue view holds, cheaply: ``(n, exact)``.

        Filtered by kind and states only, the answer comes exact from ``job_counts`` (kept by
        triggers). Anything else is counted up to ``cap`` rows and then reported as
        ``(cap, False)`` — "more than cap" — so a count never walks a million index entries.
        """
        query = self._dated(query)
        only_search = not query.states and not query.marketplace and query.date_from is None \
            and query.date_to is None and not query.deadline
        if not query.marketplace and query.date_from is None and query.date_to is None \
                and not (query.search or "").strip() and not query.deadline:
            counts = self.counts(query.kind)
            states = list(query.states) if query.states else list(counts)
            return sum(counts.get(s, 0) for s in states), True
        if (query.search or "").strip() and only_search:
            # the matches alone, counted on their indexes: no row is read (one letter of a name
            # matches ~57,000 jobs of a million: 70 ms looking each up, ~20 ms this way)
            inner, params = _search_matches(query, distinct=True)
        elif (query.search or "").strip():
            inner, params = _search_select(query, "1")
        else:
            where, params = _where(query)
            inner = f"SELECT 1 FROM jobs WHERE {where}"
        n = int(self.conn.execute(f"SELECT COUNT(*) FROM ({inner} LIMIT ?)", (*params, cap + 1)).fetchone()[0])
        return (cap, False) if n > cap else (n, True)

    def get_jobs(self, job_ids: Iterable[int]) -> list[Job]:
        """Several jobs in one trip (ids not found are left out; order not guaranteed)."""
        ids = list(dict.fromkeys(int(i) for i in job_ids))
        jobs: list[Job] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self.conn.execute(
                f"SELECT * FROM jobs WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            jobs.extend(job_of(r) for r in rows)
        return jobs

    def marketplace_names(self, kind: str = "order") -> list[str]:
        """What :meth:`marketplaces` returns, by hopping from one name to the next on the
        (kind, marketplace, …) index instead of reading every row (60 ms → 0.05 ms at 1M jobs)."""
        rows = self.conn.execute(
            "WITH RECURSIVE m(v) AS ("
            " SELECT (SELECT MIN(marketplace) FROM jobs WHERE kind = ?1 AND marketplace IS NOT NULL)"
            " UNION ALL"
            " SELECT (SELECT MIN(marketplace) FROM jobs WHERE kind = ?1 AND marketplace > m.v)"
            " FROM m WHERE m.v IS NOT NULL"
            ") SELECT v FROM m WHERE v IS NOT NULL",
            (kind,),
        )
        return [r[0] for r in rows]

    def iter_jobs(self, query: JobQuery, *, page_size: int = 1000) -> Iterator[list[Job]]:
        """Every job of a queue view, in its order, a page at a time (CSV export).

        One statement streams the rows, so a million jobs cost no more per page than the first.
        It keeps a read transaction open while the caller iterates: use a Store of its own (on
        its own thread), never the engine's, for a long export.
        """
        if (query.search or "").strip():
            sql, params = _search_select(query, "*")
        else:
            where, params = _where(query)
            sql = f"SELECT * FROM jobs WHERE {where}"
        if query.order_by not in SORTABLE:
            raise ValueError(f"cannot sort on {query.order_by!r}")
        direction = "DESC" if query.descending else "ASC"
        cursor = self.conn.execute(f"{sql} ORDER BY {query.order_by} {direction}, id {direction}", params)
        try:
            while True:
                rows = cursor.fetchmany(page_size)
                if not rows:
                    return
                yield [job_of(r) for r in rows]
        finally:
            cursor.close()

    def hourly(self, types: Sequence[str], *, hours: int = 24, now: float | None = None) -> dict[str, list[int]]:
        """Events of each type per hour over the last ``hours`` hours (oldest bucket first)."""
        now = self.clock() if now is None else now
        start = (int(now) // 3600 - hours + 1) * 3600
        result = {t: [0] * hours for t in types}
        marks = ",".join("?" * len(types))
        for event_type, bucket, n in self.conn.execute(
            f"SELECT type, CAST((at - ?) / 3600 AS INTEGER) AS b, COUNT(*) FROM job_events "
            f"WHERE type IN ({marks}) AND at >= ? GROUP BY type, b",
            (start, *types, start),
        ):
            if 0 <= bucket < hours:
                result[event_type][bucket] = n
        return result

    # -- cursors ------------------------------------------------------------------------------------
    def get_cursor(self, name: str) -> str | None:
        row = self.conn.execute("SELECT value FROM cursors WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None


# -- a JobQuery as SQL (column names only ever come from SORTABLE and fixed text) -----------------------
def _filters(query: JobQuery, clauses: list[str], params: list[Any], *, column: str = "") -> None:
    """The view's filters (kind, states, marketplace, period, deadline). ``column="+"`` writes
    each column as ``+name``, which keeps its index out of the plan (the search's indexes drive)."""
    clauses.append(f"{column}kind = ?")
    params.append(query.kind)
    if query.states:
        clauses.append(f"{column}state IN ({','.join('?' * len(query.states))})")
        params.extend(query.states)
    if query.marketplace:
        clauses.append(f"{column}marketplace = ?")
        params.append(query.marketplace)
    if query.date_from is not None:
        clauses.append(f"{column}updated_at >= ?")
        params.append(query.date_from)
    if query.date_to is not None:
        clauses.append(f"{column}updated_at < ?")
        params.append(query.date_to)
    _deadline_clause(query, clauses, params)


def _where(query: JobQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    _filters(query, clauses, params)
    text = (query.search or "").strip()
    if text:
        # Exact matches use their indexes; the name matches by prefix (index-friendly LIKE).
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        guid = parse_guid(text) or text
        clauses.append(
            "(key = ? OR marketplace_order_id = ? OR linx_order_id = ? OR linx_order_id = ? "
            "OR linx_order_number = ? OR sale_id = ? "
            "OR buyer_name LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')"
        )
        params.extend([text, text, text, guid, text, guid, escaped + "%", escaped + "%"])
    return " AND ".join(clauses), params


#: Sort columns that are never NULL (the others sort NULL first ascending, last descending).
_NOT_NULL = frozenset({"updated_at", "created_at", "state", "attempts", "key"})


def _after(query: JobQuery, after: tuple[Any, int], *, driven: bool = True) -> tuple[str, list[Any]]:
    """The rows after ``after`` = (sort value, id) in the query's order (keyset pagination).

    A row value comparison lets SQLite start the sort index's range there. ``driven=False``
    when the search's matches drive the query (``+`` keeps the sort index out of the plan)."""
    value, job_id = after
    column = query.order_by if driven else f"+{query.order_by}"
    if query.order_by not in SORTABLE:
        raise ValueError(f"cannot sort on {query.order_by!r}")
    if query.descending:
        if value is None:  # in the NULLs, which come last
            return f"({column} IS NULL AND id < ?)", [job_id]
        nulls = "" if query.order_by in _NOT_NULL else f" OR {column} IS NULL"
        return f"(({column}, id) < (?, ?){nulls})", [value, job_id]
    if value is None:  # in the NULLs, which come first
        return f"({column} IS NOT NULL OR id > ?)", [job_id]
    return f"({column}, id) > (?, ?)", [value, job_id]


def _search_matches(query: JobQuery, *, distinct: bool = False) -> tuple[str, list[Any]]:
    """The ids of the jobs of the query's kind matching the search text, one index lookup per
    searched column. ``distinct``: each id once (a job matching in two columns), for counting."""
    text = (query.search or "").strip()
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    # a GUID (the sale's OriginalOrderID, or a Linx OrderID) is looked up normalised as well:
    # people paste it from the Linx admin in whatever case it shows
    guid = parse_guid(text) or text
    union = " UNION " if distinct else " UNION ALL "
    # Every branch has its kind, so nothing of another kind comes along and a name prefix is a
    # range of the (kind, buyer_name NOCASE) index alone. Where no index starts with (kind, the
    # column), ``+kind`` keeps the kind out of the plan: without ANALYZE, SQLite would otherwise
    # walk a whole kind on some (kind, …) index rather than look the value up (measured: 4 s).
    matches = union.join((
        "SELECT id FROM jobs WHERE kind = ? AND key = ?",
        "SELECT id FROM jobs WHERE kind = ? AND marketplace_order_id = ?",
        "SELECT id FROM jobs WHERE +kind = ? AND linx_order_id IN (?, ?)",
        "SELECT id FROM jobs WHERE kind = ? AND linx_order_number = ?",
        "SELECT id FROM jobs WHERE +kind = ? AND sale_id = ?",
        "SELECT id FROM jobs WHERE kind = ? AND buyer_name LIKE ? ESCAPE '\\'",
        "SELECT id FROM jobs WHERE +kind = ? AND title LIKE ? ESCAPE '\\'",
    ))
    kind = query.kind
    return matches, [kind, text, kind, text, kind, text, guid, kind, text, kind, guid, kind, escaped + "%",
                     kind, escaped + "%"]


def _search_select(query: JobQuery, what: str) -> tuple[str, list[Any]]:
    """``SELECT what FROM jobs`` for a query with a search (see :meth:`JobQueries.query_jobs`): the
    same predicate as :func:`_where`, written so that only the search's indexes can drive it."""
    if query.order_by not in SORTABLE:
        raise ValueError(f"cannot sort on {query.order_by!r}")
    matches, params = _search_matches(query)
    # unary + keeps these columns' indexes out of the plan: the matches come first
    clauses = [f"id IN ({matches})"]
    _filters(query, clauses, params, column="+")
    return f"SELECT {what} FROM jobs WHERE {' AND '.join(clauses)}", params


#: The deadline filters (JobQuery.deadline), each driven by a partial index on watched orders.
_DEADLINE_FILTERS = {
    deadlines.LATE: "deadline_at <= ?1",
    deadlines.NEAR: "deadline_warn_at <= ?1 AND deadline_at > ?1",
    "watch": "deadline_warn_at <= ?1",
}


def _deadline_clause(query: JobQuery, clauses: list[str], params: list[Any]) -> None:
    if not query.deadline:
        return
    if query.deadline not in _DEADLINE_FILTERS:
        raise ValueError(f"unknown deadline filter {query.deadline!r}")
    condition = _DEADLINE_FILTERS[query.deadline].replace("?1", "?")
    clauses.append(f"id IN (SELECT id FROM jobs WHERE deadline_at IS NOT NULL AND {condition})")
    now = query.now if query.now is not None else time.time()  # the Store fills it from its clock
    params.extend([now] * condition.count("?"))
