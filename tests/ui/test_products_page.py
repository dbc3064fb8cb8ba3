"""Produtos: the catalogue reconcile from the app, with progress and the product queue."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.qt


def test_reconcile_now_publishes_and_lists_the_products(controller, sims, arun, qtbot) -> None:
    from pluggto_desktop.ui.products_page import ProductsPage

    page = ProductsPage(controller)
    qtbot.addWidget(page)
    page.show()
    seen: list[dict] = []
    controller.reconcile_progress.connect(seen.append)

    async def scenario() -> None:
        page.reconcile()
        await controller.tasks.wait_idle()
        page.queue.reload()
        await controller.tasks.wait_idle()

    arun(scenario())
    total = len(sims.linx.products())
    assert sims.pluggto.counters["skus.put"] == total
    assert seen[0]["running"] is True and seen[-1] == {"running": False}
    assert any(p.get("done") == total for p in seen)
    assert page.queue.model.rowCount() == total
    assert "Catálogo conferido" in page.explain.text() or "Catalogue checked" in page.explain.text()
    assert page.reconcile_button.isEnabled()
