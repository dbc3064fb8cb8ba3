"""Produtos: the product queue (same component as Pedidos) plus the catalogue reconcile."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from pluggto_desktop.ui.controller import Controller
from pluggto_desktop.ui.queue_page import QueuePage


class ProductsPage(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 8, 8, 0)
        self.explain = QLabel(self.tr("Products of the store published to Plug.to: a changed product is sent "
                                      "again, an unchanged one is not; the whole catalogue is compared every night."),
                              wordWrap=True)
        self.reconcile_button = QPushButton(self.tr("Reconcile catalogue now"))
        self.reconcile_button.clicked.connect(self.reconcile)
        self.progress = QProgressBar(visible=False)
        self.progress.setMaximumWidth(260)
        bar.addWidget(self.explain, 1)
        bar.addWidget(self.progress)
        bar.addWidget(self.reconcile_button)
        layout.addLayout(bar)
        self.queue = QueuePage(controller, kind="product")
        layout.addWidget(self.queue, 1)
        controller.reconcile_progress.connect(self._on_progress)
        controller.state_changed.connect(lambda _s: self._refresh_button())
        self._refresh_button()

    def apply_filters(self, filters: dict) -> None:
        self.queue.apply_filters(filters)

    def reconcile(self) -> None:
        engine = self.controller.service.engine
        if engine is None:
            return
        self.reconcile_button.setEnabled(False)
        self.controller.run(self._reconcile(engine), what=self.tr("reconcile the catalogue"))

    async def _reconcile(self, engine) -> None:
        try:
            counts = await engine.reconcile_products()
        finally:
            self._refresh_button()
        self.queue.reload()
        self.progress.setVisible(False)
        self.explain.setText(self.tr("Catalogue checked: %1 products, %2 sent, %3 stock updates, %4 with problems.")
                             .replace("%1", str(counts.products)).replace("%2", str(counts.full))
                             .replace("%3", str(counts.stock)).replace("%4", str(counts.attention)))

    def _on_progress(self, progress: dict) -> None:
        running = progress.get("running", False)
        self.progress.setVisible(running)
        self.reconcile_button.setEnabled(not running and self.controller.service.engine is not None)
        if running:
            total = progress.get("total") or 0
            self.progress.setMaximum(total or 0)  # 0 = busy indicator until the size is known
            self.progress.setValue(progress.get("done") or 0)
            self.progress.setFormat(self.tr("%v of %m products"))

    def _refresh_button(self) -> None:
        self.reconcile_button.setEnabled(self.controller.service.engine is not None)
