"""The durable queue: migrations, intake rules, revision safety, user actions and queries."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pluggto_desktop.domain.reasons import render
from pluggto_desktop.store.db import SCHEMA_VERSION, SchemaTooNew, connect, schema_version
from pluggto_desktop.store.jobs import (
    PAYLOAD_LINX_REQUEST,
    PAYLOAD_PLUGGTO,
    AsyncStore,
    Event,
    JobQuery,
    OrderSummary,
    Store,
)

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self, t: float = 1_800_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    s = Store(tmp_path / "q.db", clock=clock)
    yield s
    s.close()


def summary(key: str, status: str = "approved", modified: str = "m1", **kw) -> OrderSummary:
    return OrderSummary(key=key, status=status, modified=modified, marketplace=kw.get("marketplace", "MercadoLivre"),
                        marketplace_order_id=kw.get("mp_id", "2000001"), buyer_name=kw.get("buyer", "Andre Souza"),
                        total=100.0, created_at=None)


# -- migrations and files ----------------------------------------------------------------------
def test_migrates_an_empty_file_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"jobs", "job_events", "job_payloads", "cursors", "job_counts"} <= tables
    conn.close()
    # reopening does not re-run migrations or lose the version
    assert schema_version(connect(path)) == SCHEMA_VERSION


def test_refuses_a_database_from_a_newer_app(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(SchemaTooNew):
        connect(path)


def test_reopens_after_an_unclean_shutdown(tmp_path: Path) -> None:
    """A process killed in the middle of a transaction leaves the committed data intact."""
    db = tmp_path / "crash.db"
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pluggto_desktop.store.jobs import Store, OrderSummary
        from pluggto_desktop.store.db import transaction
        s = Store({str(db)!r})
        for i in range(50):
            s.record_polled_order(OrderSummary(key=f"{{i:024x}}", status="approved", modified="m"), {{"id": i}})
        s.conn.execute("BEGIN IMMEDIATE")
        for i in range(50, 500):
            s.conn.execute("INSERT INTO jobs (kind, key, state, created_at, updated_at) "
                           "VALUES ('order', ?, 'queued', 0, 0)", (f"{{i:024x}}",))
        print("ready", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert "ready" in proc.stdout
    reopened = Store(db)
    assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert reopened.counts("order")["queued"] == 50  # committed rows only
    assert reopened.conn.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 50
    reopened.close()


# -- intake --------------------------------------------------------------------------------------
def test_duplicate_notifications_collapse_onto_one_job(store: Store) -> None:
    first = store.record_notification("a" * 24, status_changed=True)
    second = store.record_notification("a" * 24, status_changed=True)
    third = store.record_notification("a" * 24, status_changed=None, action="created")
    assert first.created and not second.created and not third.created
    assert first.job_id == second.job_id == third.job_id
    assert store.counts("order")["queued"] == 1
    assert [e.type for e in store.events(first.job_id)] == ["notification"] * 3


def test_poll_of_the_same_version_is_a_no_op(store: Store) -> None:
    r1 = store.record_polled_order(summary("b" * 24), {"id": "b"})
    r2 = store.record_polled_order(summary("b" * 24), {"id": "b"})
    assert r1.changed and not r2.changed
    job = store.get(r1.job_id)
    assert job.needs_fetch == 0  # the poll brought the whole order
    assert store.payload(r1.job_id, PAYLOAD_PLUGGTO) == {"id": "b"}


def test_integrated_job_ignores_changes_that_do_not_touch_the_status(store: Store) -> None:
    job_id = store.record_polled_order(summary("c" * 24), {"id": "c"}).job_id
    store.apply(job_id, state="integrated", linx_order_id="L1", acked=1)
    # the notification caused by our own ack: changes.status is false
    result = store.record_notification("c" * 24, status_changed=False)
    assert result.state == "integrated" and not result.changed
    # a status change (e.g. canceled) brings it back for a decision
    result = store.record_notification("c" * 24, status_changed=True)
    assert result.state == "queued"
    job = store.get(job_id)
    assert job.needs_fetch == 1 and job.settled_state == "integrated"
    # a poll showing the same status does not requeue an integrated job
    store.apply(job_id, state="integrated")
    assert store.record_polled_order(summary("c" * 24, modified="m2"), {"id": "c"}).state == "integrated"
    assert store.record_polled_order(summary("c" * 24, status="canceled", modified="m3"), {}).state == "queued"


def test_needs_attention_is_reevaluated_on_any_change_with_fresh_attempts(store: Store) -> None:
    job_id = store.record_polled_order(summary("d" * 24), {}).job_id
    store.apply(job_id, state="needs_attention", attempts=8, reason=render("unknown_sku", {"sku": "X"}))
    result = store.record_polled_order(summary("d" * 24, modified="m2"), {})
    assert result.state == "queued"
    assert store.get(job_id).attempts == 0


def test_ignored_and_canceled_jobs_stay_put(store: Store) -> None:
    a = store.record_polled_order(summary("e" * 24), {}).job_id
    b = store.record_polled_order(summary("f" * 24), {}).job_id
    store.ignore(a, "pedido de teste")
    store.apply(b, state="canceled")
    assert store.record_notification("e" * 24, status_changed=True).state == "ignored"
    assert store.record_notification("f" * 24, status_changed=True).state == "canceled"


# -- workers ---------------------------------------------------------------------------------------
def test_claim_due_respects_time_and_limit(store: Store, clock: Clock) -> None:
    ids = [store.record_notification(f"{i:024x}", status_changed=True).job_id for i in range(5)]
    store.apply(ids[0], state="retry_wait", next_attempt_at=clock.t + 60)
    claimed = store.claim_due("order", 3)
    assert [j.id for j in claimed] == ids[1:4]
    assert all(j.state == "processing" for j in claimed)
    assert [j.id for j in store.claim_due("order", 10)] == [ids[4]]
    assert store.next_due_at("order") == clock.t + 60
    clock.t += 61
    assert [j.id for j in store.claim_due("order", 10)] == [ids[0]]


def test_a_change_during_processing_is_not_lost(store: Store) -> None:
    job_id = store.record_notification("a" * 24, status_changed=True).job_id
    [job] = store.claim_due("order", 1)
    store.record_notification("a" * 24, status_changed=True)  # arrives while the worker works
    final = store.apply(job_id, state="integrated", claimed_revision=job.revision, linx_order_id="L9")
    assert final == "queued"  # the worker's view was stale: look again
    again = store.get(job_id)
    assert again.linx_order_id == "L9"  # but what it learnt is kept
    assert again.needs_fetch == 1
    assert "requeued" in [e.type for e in store.events(job_id)]


def test_a_stale_worker_keeps_the_reason_of_the_state_it_reached(store: Store) -> None:
    """A notification during processing sends the job back for a re-check; the re-check that
    finds nothing new returns to needs_attention — the reason must still be there."""
    job_id = store.record_notification("a" * 24, status_changed=True).job_id
    [job] = store.claim_due("order", 1)
    store.record_notification("a" * 24, status_changed=True)  # arrives while the worker works
    reason = render("unknown_sku", {"sku": "CAM-VERDE-XG"})
    assert store.apply(job_id, state="needs_attention", claimed_revision=job.revision, reason=reason) == "queued"
    requeued = store.get(job_id)
    assert (requeued.settled_state, requeued.reason_code) == ("needs_attention", "unknown_sku")
    [again] = store.claim_due("order", 1)
    store.apply(job_id, state=again.settled_state, claimed_revision=again.revision, settled_state=None)
    settled = store.get(job_id)
    assert settled.state == "needs_attention"
    assert settled.reason_code == "unknown_sku" and "CAM-VERDE-XG" in settled.reason_message
    assert settled.reason_title and settled.reason_hint


def test_apply_writes_state_reason_events_and_payloads_together(store: Store) -> None:
    job_id = store.record_notification("a" * 24, status_changed=True).job_id
    [job] = store.claim_due("order", 1)
    reason = render("unknown_sku", {"sku": "CAM-VERDE-XG"})
    store.apply(job_id, state="needs_attention", claimed_revision=job.revision, reason=reason,
                events=[Event("error", reason.message, level="error", data={"code": reason.code})],
                payloads={PAYLOAD_LINX_REQUEST: {"Items": [{"SKU": "CAM-VERDE-XG"}]}})
    job = store.get(job_id)
    assert job.state == "needs_attention"
    assert job.reason_code == "unknown_sku" and "CAM-VERDE-XG" in job.reason_message
    assert job.params == {"sku": "CAM-VERDE-XG"}
    assert store.payload(job_id, PAYLOAD_LINX_REQUEST) == {"Items": [{"SKU": "CAM-VERDE-XG"}]}
    assert store.events(job_id)[-1].data == {"code": "unknown_sku"}


def test_apply_refuses_unknown_columns(store: Store) -> None:
    job_id = store.record_notification("a" * 24, status_changed=True).job_id
    with pytest.raises(ValueError):
        store.apply(job_id, **{"state = 'x'; --": 1})


def test_recovery_puts_processing_jobs_back_in_the_queue(tmp_path: Path) -> None:
    s = Store(tmp_path / "r.db")
    for i in range(3):
        s.record_notification(f"{i:024x}", status_changed=True)
    s.claim_due("order", 2)
    s.close()
    s = Store(tmp_path / "r.db")
    assert s.recover_interrupted() == 2
    assert s.counts("order")["queued"] == 3 and s.counts("order")["processing"] == 0
    s.close()


# -- user actions -------------------------------------------------------------------------------------
def test_retry_ignore_and_undo(store: Store, clock: Clock) -> None:
    a = store.record_polled_order(summary("a" * 24), {}).job_id
    b = store.record_polled_order(summary("b" * 24), {}).job_id
    for job_id in (a, b):
        store.apply(job_id, state="needs_attention", attempts=8)
    assert store.retry([a, b]) == 2
    assert {store.get(a).state, store.get(b).state} == {"queued"}
    assert store.get(a).attempts == 0 and store.get(a).needs_fetch == 1

    store.apply(a, state="needs_attention")
    assert store.ignore(a, "pedido duplicado no marketplace")
    assert store.get(a).state == "ignored" and store.get(a).ignored_reason == "pedido duplicado no marketplace"
    assert not store.ignore(a, "again")
    assert store.retry([a]) == 0  # an ignored job is not re-sent by a bulk retry
    assert store.unignore(a)
    assert store.get(a).state == "needs_attention"
    types = [e.type for e in store.events(a)]
    assert "ignored" in types and "unignored" in types and "retry_requested" in types


def test_request_import_queues_a_fresh_fetch(store: Store) -> None:
    result = store.request_import("9" * 24)
    assert result.created and store.get(result.job_id).needs_fetch == 1
    store.apply(result.job_id, state="integrated")
    again = store.request_import("9" * 24)
    assert not again.created and again.state == "queued"


# -- queries ---------------------------------------------------------------------------------------------
def test_counts_stay_exact_through_every_transition(store: Store) -> None:
    ids = [store.record_notification(f"{i:024x}", status_changed=True).job_id for i in range(10)]
    store.claim_due("order", 4)
    store.apply(ids[0], state="integrated")
    store.apply(ids[1], state="needs_attention")
    store.ignore(ids[1], "x")
    store.conn.execute("DELETE FROM jobs WHERE id = ?", (ids[9],))
    expected = {}
    for (state,) in store.conn.execute("SELECT state FROM jobs"):
        expected[state] = expected.get(state, 0) + 1
    counts = {k: v for k, v in store.counts("order").items() if v}
    assert counts == expected


def test_list_filters_search_and_sort(store: Store, clock: Clock) -> None:
    rows = [
        ("a" * 24, "MercadoLivre", "2000001", "Andre Souza"),
        ("b" * 24, "Amazon", "702-1234", "Beatriz Lima"),
        ("c" * 24, "MercadoLivre", "2000003", "Carlos 100% Real"),
    ]
    for key, mp, mp_id, buyer in rows:
        clock.t += 10
        store.record_polled_order(summary(key, marketplace=mp, mp_id=mp_id, buyer=buyer), {})
    clock.t += 10
    store.apply(store.find("order", "b" * 24).id, state="integrated", linx_order_number="100234")

    def keys(**kw) -> list[str]:
        return [j.key for j in store.list_jobs(JobQuery(**kw))]

    assert keys() == ["b" * 24, "c" * 24, "a" * 24]  # newest update first
    assert keys(descending=False, order_by="buyer_name") == ["a" * 24, "b" * 24, "c" * 24]
    assert keys(marketplace="MercadoLivre") == ["c" * 24, "a" * 24]
    assert keys(states=["integrated"]) == ["b" * 24]
    assert keys(search="702-1234") == ["b" * 24]  # marketplace order number
    assert keys(search="100234") == ["b" * 24]  # Linx order number
    assert keys(search="c" * 24) == ["c" * 24]  # Plug.to id
    assert keys(search="beatriz") == ["b" * 24]  # buyer name, case-insensitive prefix
    assert keys(search="Carlos 100%") == ["c" * 24]  # LIKE wildcards are literal
    assert keys(search="Carlos 1_0") == []
    assert store.count_jobs(JobQuery(marketplace="MercadoLivre")) == 2
    assert store.marketplaces() == ["Amazon", "MercadoLivre"]
    with pytest.raises(ValueError):
        store.list_jobs(JobQuery(order_by="id; DROP TABLE jobs"))


def test_hourly_buckets(store: Store, clock: Clock) -> None:
    job_id = store.record_notification("a" * 24, status_changed=True).job_id
    now = clock.t
    store.add_events(job_id, [Event("integrated", at=now - 3600 * 2 - 5), Event("integrated", at=now),
                              Event("needs_attention", at=now - 60), Event("integrated", at=now - 3600 * 30)])
    series = store.hourly(["integrated", "needs_attention"], hours=24, now=now)
    assert sum(series["integrated"]) == 2 and series["integrated"][-1] == 1
    assert series["needs_attention"][-1] == 1 or series["needs_attention"][-2] == 1


def test_payload_retention_keeps_rows_and_timeline(store: Store, clock: Clock) -> None:
    old = store.record_polled_order(summary("a" * 24), {"buyer": "x"}).job_id
    store.apply(old, state="integrated")
    clock.t += 31 * 86400
    recent = store.record_polled_order(summary("b" * 24), {"buyer": "y"}).job_id
    assert store.purge_payloads(30) == 1
    assert store.payloads(old) == {} and store.get(old) is not None and store.events(old)
    assert store.payload(recent, PAYLOAD_PLUGGTO) == {"buyer": "y"}  # within the retention: kept


CPF = "529.982.247-25"


def test_retention_drops_the_data_of_every_old_job_but_keeps_its_reason(store: Store, clock: Clock) -> None:
    keys = {state: f"{i:024x}" for i, state in enumerate(("integrated", "needs_attention", "retry_wait",
                                                         "waiting_payment", "queued", "processing"))}
    ids = {}
    for state, key in keys.items():
        ids[state] = store.record_polled_order(summary(key), {"payer_cpf": CPF, "state": state}).job_id
        reason = render("unknown_sku", {"sku": "CAM-AZUL-M"}) if state == "needs_attention" else None
        if state != "queued":
            store.apply(ids[state], state=state, reason=reason)
    clock.t += 31 * 86400
    assert store.purge_payloads(30) == 5
    for state, job_id in ids.items():
        assert (store.payloads(job_id) == {}) == (state != "processing"), state  # a held job: next pass
        assert store.events(job_id)
    job = store.get(ids["needs_attention"])
    assert job.state == "needs_attention" and job.reason_code == "unknown_sku" and job.reason_message


def test_purged_personal_data_is_gone_from_the_files(tmp_path: Path, clock: Clock, monkeypatch) -> None:
    real_connect = sqlite3.connect

    def like_python_org(*args, **kwargs):  # their SQLite leaves secure_delete off (Debian's turns it on)
        conn = real_connect(*args, **kwargs)
        conn.execute("PRAGMA secure_delete=OFF")
        return conn

    monkeypatch.setattr(sqlite3, "connect", like_python_org)
    path = tmp_path / "pluggto.db"
    store = Store(path, clock=clock)
    filler = "x" * 3000  # payloads as big as real ones: overflow pages too
    for i in range(40):
        job_id = store.record_polled_order(summary(f"{i:024x}"), {"payer_cpf": CPF.replace(".", "").replace("-", ""),
                                                                  "payer_document": CPF, "notes": filler}).job_id
        store.apply(job_id, state="integrated" if i % 2 else "needs_attention")
    clock.t += 31 * 86400
    assert store.purge_payloads(30) == 40
    files = [p for p in tmp_path.iterdir() if p.name.startswith("pluggto.db")]
    raw = b"".join(p.read_bytes() for p in files)  # with the store still open: the WAL counts too
    store.close()
    raw += b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("pluggto.db"))
    for form in (CPF, "52998224725"):
        assert form.encode() not in raw, form


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_database_and_its_companions_are_private(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        path = tmp_path / "pluggto.db"
        store = Store(path)
        store.record_notification("a" * 24, status_changed=True)
        for name in ("pluggto.db", "pluggto.db-wal", "pluggto.db-shm"):
            assert (tmp_path / name).exists() and (tmp_path / name).stat().st_mode & 0o777 == 0o600, name
        store.close()
        path.chmod(0o644)  # a database written by an older version
        Store(path).close()
        assert path.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_umask)


def test_cursors(store: Store) -> None:
    assert store.get_cursor("orders.hwm") is None
    store.set_cursor("orders.hwm", "2026-11-27T10:00:00Z")
    store.set_cursor("orders.hwm", "2026-11-27T11:00:00Z")
    assert store.get_cursor("orders.hwm") == "2026-11-27T11:00:00Z"


@pytest.mark.anyio
async def test_async_store_runs_every_method_on_its_thread(tmp_path: Path) -> None:
    store = AsyncStore(tmp_path / "a.db")
    result = await store.record_notification("a" * 24, status_changed=True)
    claimed = await store.claim_due("order", 5)
    assert [j.id for j in claimed] == [result.job_id]
    assert (await store.counts("order"))["processing"] == 1
    await store.aclose()
