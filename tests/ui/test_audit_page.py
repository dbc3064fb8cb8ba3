"""Conferência page and the Painel's watch card: thin Qt tests over the simulators."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from pluggto_desktop.simulator.orders_gen import generate_order
from tests.engine.harness import linx_orders_for
from tests.ui.conftest import until

pytestmark = pytest.mark.qt


def _synced(service, sims, arun, n: int = 4, *, age: timedelta = timedelta(hours=2)) -> list[dict]:
    now = datetime.now(UTC)
    orders = [sims.pluggto.add_order(generate_order(seed=21, index=i, status="approved", skus=["CAM-AZUL-M"],
                                                    created=now - age), touch=True) for i in range(n)]
    arun(service.start_engine())
    arun(service.engine.run_once())
    return orders


def test_the_audit_lists_what_differs_repairs_after_confirming_and_exports(portuguese, controller, service, sims,
                                                                          arun, qtbot,
                                                                          tmp_path: Path) -> None:
    from pluggto_desktop.ui.audit_page import AuditPage

    orders = _synced(service, sims, arun)
    sims.pluggto.orders[orders[0]["id"]].update(ack=False, external=None)  # an acknowledgement lost
    twin = sims.linx.duplicate(linx_orders_for(sims.linx, orders[1])[0]["OrderID"])
    page = AuditPage(controller)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    assert page.preset.currentData() == "7d" and not page.export_button.isEnabled()
    assert "Conferir agora" in page.status.text() or page.status.text()

    arun(page.run_audit())
    assert page.table.rowCount() == 2
    classes = {page.rows[r].cls: page.rows[r] for r in range(2)}
    assert set(classes) == {"not_acked", "duplicated"}
    assert twin in classes["duplicated"].store_ids or len(classes["duplicated"].store_ids) == 2
    assert page.count_labels["not_acked"].text() == "Sem confirmação no Plug.to: 1"
    assert page.action_buttons["ack"].isEnabled() and page.action_buttons["ack"].text().endswith("(1)")
    assert not page.action_buttons["missing"].isEnabled()
    assert not page.action_buttons["open"].isEnabled()  # no duplicate selected yet

    # the duplicate is the merchant's call: the page opens it in Pedidos
    opened: list = []
    controller.navigate.connect(lambda name, filters: opened.append((name, filters)))
    row = next(r for r in range(page.table.rowCount())
               if page.rows[page.table.item(r, 0).data(0x0100)].cls == "duplicated")
    page.table.selectRow(row)
    assert page.action_buttons["open"].isEnabled()
    page.act("open")
    assert opened == [("orders", {"search": orders[1]["id"]})]

    # a repair asks first; nothing is written on Cancel
    page.act("ack")
    box = page.question
    assert box is not None and "Confirmar 1 pedido no Plug.to" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    arun(controller.tasks.wait_idle())
    assert sims.pluggto.orders[orders[0]["id"]]["ack"] is False
    page.act("ack")
    page.question.button(QMessageBox.StandardButton.Yes).click()
    arun(controller.tasks.wait_idle())
    assert sims.pluggto.orders[orders[0]["id"]]["ack"] is True
    assert [page.rows[r].cls for r in range(page.table.rowCount())] == ["duplicated"]
    assert "Corrigido: 1 confirmação enviada ao Plug.to." in page.status.text()

    target = tmp_path / "conferencia.csv"
    page.export_to(target)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Situação;Marketplace;Pedido no marketplace;O que difere;Pedido na loja;ID Plug.to"
    assert len(lines) == 2
    assert lines[1].startswith("Duplicado na loja;")


def test_without_an_engine_the_page_says_what_to_do(controller, service, arun, qtbot) -> None:
    from pluggto_desktop.ui.audit_page import AuditPage

    arun(service.stop_engine())
    page = AuditPage(controller)
    qtbot.addWidget(page)
    assert arun(page.run_audit()) is None
    assert "configure e ative o canal" in page.status.text()
    assert page.run_button.isEnabled()


def test_the_painel_shows_orders_past_their_deadline_and_the_last_audit(controller, service, sims, arun,
                                                                        qtbot) -> None:
    from pluggto_desktop.ui.dashboard import DashboardPage

    _synced(service, sims, arun, n=2, age=timedelta(hours=30))  # approved 30 h ago, not invoiced: late
    arun(service.engine.deadlines.check())
    page = DashboardPage(controller)
    qtbot.addWidget(page)
    page.show()
    arun(controller.tasks.wait_idle())
    assert page.late_tile.text() == "2\nAtrasado"
    assert page.deadline_text.text() == "2 pedidos atrasados para faturar"
    assert "Nenhuma conferência ainda" in page.audit_text.text()
    opened: list = []
    controller.navigate.connect(lambda name, filters: opened.append((name, filters)))
    page.late_tile.click()
    assert opened == [("orders", {"deadline": "late"})]
    now = datetime.now(UTC)
    arun(service.audit(now - timedelta(days=7), now))
    assert page.audit_text.text().startswith("Última conferência (") and "Tudo confere (2 vendas)" in \
        page.audit_text.text()


def test_the_orders_page_filters_by_deadline_and_the_details_say_it(
        portuguese, controller, service, sims, arun, qtbot) -> None:
    from pluggto_desktop.ui.queue.page import QueuePage

    late = _synced(service, sims, arun, n=1, age=timedelta(hours=30))[0]
    page = QueuePage(controller, kind="order")
    qtbot.addWidget(page)
    page.show()
    fresh = sims.pluggto.add_order(generate_order(seed=22, index=9, status="approved", skus=["CAM-AZUL-M"]),
                                   touch=True)
    arun(service.engine.run_once())
    page.apply_filters({"deadline": "late"})
    arun(until(lambda: page.model.rowCount() == 1, what="the late order"))
    assert page.model.query.deadline == "late" and page.state_combo.currentText() == "Atrasados"
    assert page.model.job(0).key == late["id"]
    page.apply_filters({"deadline": "near"})
    arun(until(lambda: page.model.rowCount() == 0, what="nothing near"))
    page.apply_filters({})
    arun(until(lambda: page.model.rowCount() == 2, what="both orders"))
    assert {page.model.job(r).key for r in range(2)} == {late["id"], fresh["id"]}
    job = arun(controller.store.find("order", late["id"]))
    assert page.detail.summary_values(job)["deadline"].startswith("Atrasado para faturar (prazo")


def test_a_deadline_alert_is_one_notice_unless_muted() -> None:
    from pluggto_desktop.present.notifications import NotificationPolicy

    policy = NotificationPolicy()
    notice = policy.on_deadline_alert({"late": 2, "near": 1}, "2 pedidos atrasados para faturar", 100)
    assert notice.kind == "deadlines" and notice.count == 3 and notice.text.startswith("2 pedidos")
    policy.muted_until = 200
    assert policy.on_deadline_alert({"late": 3, "near": 0}, "x", 150) is None
    assert policy.on_deadline_alert({"late": 3, "near": 0}, "x", 250) is not None
    assert NotificationPolicy(mode="off").on_deadline_alert({"late": 1}, "x", 1) is None
