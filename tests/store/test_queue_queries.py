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
        for plan in plans_of(store, lambda: store.query_jobs(JobQuery(search=text), limit=200)):
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
