"""A profile whose database was written before the sale-identity change (schema 3, Linx ids in
the old simulator's 32-hex form, no sale id) opens, shows its orders, finds them by the number a
person types or by the GUID the Linx admin shows, and creates none of them again."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pluggto_desktop.domain.mapping import original_order_id
from pluggto_desktop.domain.models import format_datetime, parse_order
from pluggto_desktop.linx import contract as c
from pluggto_desktop.simulator.orders_gen import generate_order
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator
from pluggto_desktop.store import db
from pluggto_desktop.store.jobs import JobQuery, Store

from .harness import harness

pytestmark = pytest.mark.anyio


def write_schema_3(path: Path, orders: list[dict], linx_ids: list[str]) -> None:
    """The database as the previous release left it: migrations 1–3 only, integrated jobs."""
    conn = sqlite3.connect(path, isolation_level=None)
    for script in db.MIGRATIONS[:3]:
        assert isinstance(script, str)
        for statement in db._statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    now = 1_800_000_000.0
    for order, linx_id in zip(orders, linx_ids):
        cursor = conn.execute(
            "INSERT INTO jobs (kind, key, state, created_at, updated_at, needs_fetch, marketplace, "
            "marketplace_order_id, buyer_name, pluggto_status, pluggto_modified, linx_order_id, linx_order_number, "
            "acked) VALUES ('order', ?, 'integrated', ?, ?, 0, ?, ?, ?, 'approved', ?, ?, ?, 1)",
            (order["id"], now, now, order["channel"], order["original_id"], "Comprador Antigo", order["modified"],
             linx_id, "9000"))
        conn.execute("INSERT INTO job_payloads (job_id, kind, at, body) VALUES (?, 'pluggto', ?, ?)",
                     (cursor.lastrowid, now, json.dumps(order)))
    conn.close()


async def test_an_upgraded_profile_shows_its_orders_and_creates_none_again(tmp_path: Path) -> None:
    plugg = PluggtoSimulator(seed=3)
    now = datetime.now(UTC)
    orders = [plugg.add_order(generate_order(seed=11, index=i, status="approved", skus=["CAM-AZUL-M"],
                                             start=now - timedelta(minutes=30)), touch=True) for i in range(3)]
    old_linx_ids = ["0A1B2C3D4E5F60718293A4B5C6D7E8F" + str(i) for i in range(3)]  # the old 32-hex form
    write_schema_3(tmp_path / "queue.db", orders, old_linx_ids)

    store = Store(tmp_path / "queue.db")  # opening migrates
    try:
        assert db.schema_version(store.conn) == db.SCHEMA_VERSION
        jobs = store.list_jobs(JobQuery(kind="order"))
        assert {j.key for j in jobs} == {o["id"] for o in orders}
        for order, old in zip(orders, old_linx_ids):
            job = store.find("order", order["id"])
            assert job.state == "integrated" and job.acked == 1
            assert job.sale_id == original_order_id(parse_order(order))  # backfilled
            assert job.linx_order_id == c.parse_guid(old)  # canonical GUID now
            # the search box finds it by what a person types, or by the GUIDs of the Linx admin
            for text in (order["original_id"], job.sale_id.upper(), old):
                assert [j.key for j in store.list_jobs(JobQuery(kind="order", search=text))] == [order["id"]]
    finally:
        store.close()

    # the same profile runs the engine: Plug.to changes the orders, nothing is created again
    async with harness(tmp_path, pluggto_sim=plugg) as h:
        later = format_datetime(datetime.now(UTC) - timedelta(seconds=1))
        for order in orders:
            plugg.orders[order["id"]].update(modified=later, status="invoiced")
        summary = await h.engine.run_once()
        assert summary.polled >= 3
        assert h.linx_sim.counters.get("SaveOrder", 0) == 0 and h.linx_sim.orders() == []
        for order in orders:
            assert (await h.job(order["id"])).state == "integrated"
