"""The queue view's queries stay on indexes with a million jobs (bench/queue_view.py measures them).

Without ANALYZE (the app never runs it) SQLite plans from the schema alone, so a plan seen on a
small file is the plan a million jobs get. Each test runs the store's own method and reads the
plan of the SQL it really executed (a trace of the connection), never timings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pluggto_desktop.store.jobs import JobQuery, OrderSummary, Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "q.db")
    yield s
    s.close()


def plans_of(store: Store, call) -> list[list[str]]:
    """The query plan of every SELECT ``call()`` runs on the store's connection."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        store.conn.set_trace_callback(None)
    return [[row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
            for sql in statements if sql.lstrip().upper().startswith("SELECT")]


def add(store: Store, key: str, buyer: str, *, state: str = "integrated", mp_id: str | None = None) -> int:
    result = store.record_polled_order(OrderSummary(key=key, status="approved", modified="m", marketplace="Amazon",
                                                    marketplace_order_id=mp_id or f"70{key}", buyer_name=buyer), {})
    store.apply(result.job_id, state=state)
    return result.job_id


@pytest.mark.parametrize("descending", [False, True])
def test_sorting_by_state_reads_its_page_off_an_index_without_sorting(store: Store, descending: bool) -> None:
    """It used to read every row of the first state (50,000 canceled of a million) to order
    them by id: 100–250 ms. (kind, state) holds them in (state, id) order."""
    [plan] = plans_of(store, lambda: store.query_jobs(JobQuery(order_by="state", descending=descending), limit=200))
    assert plan == ["SEARCH jobs USING INDEX jobs_kind_state (kind=?)"]


def test_counting_a_search_reads_only_indexes_and_never_a_whole_kind(store: Store) -> None:
    """One letter of a name matches ~57,000 jobs of a million: the count used to look up each
    one's row (~70 ms); the name prefix is now a range of (kind, buyer_name NOCASE) alone."""
    [plan] = plans_of(store, lambda: store.count_jobs_capped(JobQuery(search="M")))
    assert "SEARCH jobs USING COVERING INDEX jobs_kind_buyer_name_nocase (kind=? AND buyer_name>? AND buyer_name<?)" \
        in plan
    searches = [line for line in plan if line.startswith("SEARCH")]
    assert len(searches) == 7 and not any(line.endswith("(kind=?)") for line in searches), plan
    assert not any("INTEGER PRIMARY KEY" in line for line in plan)  # no row read


def test_a_search_page_never_walks_a_whole_kind(store: Store) -> None:
    for text in ("M", "Ana Silva", "2000123", "6adb2eb500070000000d945e"):
        for plan in plans_of(store, lambda text=text: store.query_jobs(JobQuery(search=text), limit=200)):
            assert not any(line.startswith("SEARCH") and line.endswith("(kind=?)")
                           and "jobs_kind_updated" not in line for line in plan), (text, plan)


def test_the_count_of_a_search_is_exact(store: Store) -> None:
    """Counted on the indexes, a job matching in two columns is still one job, and a product
    whose title starts the same is not an order."""
    add(store, "a" * 24, "Maria Souza")
    add(store, "b" * 24, "Marcos Lima", state="needs_attention")
    twice = add(store, "c" * 24, "Mauro Reis", mp_id="Mauro")  # the name and the order number
    add(store, "d" * 24, "Ana Maria")
    store.upsert_job("product", "CAM-1", title="Mochila", state="integrated")
    assert store.count_jobs_capped(JobQuery(search="ma")) == (3, True)
    assert store.count_jobs_capped(JobQuery(search="Mauro")) == (1, True)
    assert [j.id for j in store.query_jobs(JobQuery(search="Mauro"))] == [twice]
    assert store.count_jobs_capped(JobQuery(search="ma", states=["needs_attention"])) == (1, True)
    assert store.count_jobs_capped(JobQuery(kind="product", search="mo")) == (1, True)
    assert store.count_jobs_capped(JobQuery(search="ma"), cap=2) == (2, False)  # "more than 2"


# -- keyset pagination: each page starts after the last row read ----------------------------------
def test_page_after_page_gives_every_row_once_in_order_for_every_sort(store: Store, monkeypatch) -> None:
    """Ties, NULLs (first ascending, last descending), searches walking the sort order or driven
    by their matches, filters: reading ``after`` the last row gives exactly the full order."""
    import random

    from pluggto_desktop.store import jobs
    from pluggto_desktop.store import queries as view_queries

    rng = random.Random(5)
    for i in range(70):
        store.upsert_job(
            "order", f"{i:024d}", state=rng.choice(["integrated", "queued", "needs_attention"]),
            buyer_name=rng.choice([None, "Ana Lima", "ana Souza", "Bruno", "Carla"]),
            marketplace=rng.choice([None, "Amazon", "Shopee"]), marketplace_order_id=rng.choice([None, "A1", "B2"]),
            linx_order_number=rng.choice([None, "100", "200"]), pluggto_status=rng.choice([None, "approved"]),
            attempts=rng.randint(0, 2), order_total=rng.choice([None, 10.0, 20.0]),
            order_created_at=rng.choice([None, 1.0, 2.0]), next_attempt_at=rng.choice([None, 5.0]))
    store.upsert_job("product", "SKU-1", title="Ana", state="integrated")
    queries = [JobQuery(order_by=column, descending=descending, search=search, states=states)
               for column in sorted(jobs.SORTABLE) for descending in (False, True)
               for search, states in ((None, None), ("an", None), ("a", ["integrated"]), (f"{3:024d}", None))]
    for dense in (False, True):  # the search driven by its matches, or walking the sort order
        monkeypatch.setattr(view_queries, "DENSE_SEARCH", 1 if dense else 10_000)
        for query in queries:
            expected = [j.id for j in store.query_jobs(query, limit=1000)]
            read: list[int] = []
            after = None
            while True:
                page = store.query_jobs(query, after=after, limit=6)
                read += [j.id for j in page]
                if len(page) < 6:
                    break
                after = (getattr(page[-1], query.order_by), page[-1].id)
            assert read == expected, (query, dense)


def test_a_deep_page_starts_on_the_index_where_the_last_one_ended(store: Store, monkeypatch) -> None:
    """Page 100 of a one-letter search read 20,000 rows by OFFSET to skip them (240–500 ms at
    1M jobs); after (value, id) the index range starts there."""
    from pluggto_desktop.store import queries

    monkeypatch.setattr(queries, "DENSE_SEARCH", 1)  # a search matching many: walking the sort order
    add(store, "a" * 24, "Maria Souza")
    [_, plan] = plans_of(store, lambda: store.query_jobs(JobQuery(search="M"), after=(1.8e9, 5), limit=200))
    assert plan == ["SEARCH jobs USING INDEX jobs_kind_updated (kind=? AND updated_at<?)"]
    by_state = JobQuery(order_by="state", descending=False)
    [plan] = plans_of(store, lambda: store.query_jobs(by_state, after=("integrated", 5)))
    assert plan == ["SEARCH jobs USING INDEX jobs_kind_state (kind=? AND state>?)"]
