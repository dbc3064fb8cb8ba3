"""Produtos: the product queue (same component as Pedidos) plus the catalogue reconcile."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from pluggto_desktop.ui.controller import Controller
from pluggto_desktop.ui.queue.page import QueuePage


class ProductsPage(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._last_counts = None  # the last reconcile's outcome, shown in words
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 8, 8, 0)
        self.explain = QLabel(wordWrap=True)
        self.reconcile_button = QPushButton()
        self.reconcile_button.clicked.connect(self.reconcile)
        self.progress = QProgressBar(visible=False)
        self.progress.setMaximumWidth(260)
        bar.addWidget(self.explain, 1)
        bar.addWidget(self.progress)
        bar.addWidget(self.reconcile_button)
        layout.addLayout(bar)
        self.queue = QueuePage(controller, kind="product")
        layout.addWidget(self.queue, 1)
        # bound methods only: their connections end with this page (a lambda's would outlive it)
        controller.reconcile_progress.connect(self._on_progress)
        controller.state_changed.connect(self._refresh_button)
        self._retranslate()
        self._refresh_button()

    def _retranslate(self) -> None:
        self.reconcile_button.setText(self.tr("Reconcile catalogue now"))
        self.progress.setFormat(self.tr("%v of %m products"))
        counts = self._last_counts
        if counts is None:
            self.explain.setText(self.tr("Products of the store published to Plug.to: a changed product is sent "
                                         "again, an unchanged one is not; the whole catalogue is compared every "
                                         "night."))
        else:
            self.explain.setText(self.tr("Catalogue checked — products: %1; sent: %2; stock updates: %3; with "
                                         "problems: %4.")
                                 .replace("%1", str(counts.products)).replace("%2", str(counts.full))
                                 .replace("%3", str(counts.stock)).replace("%4", str(counts.attention)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "queue"):
            self._retranslate()
        super().changeEvent(event)

    def apply_filters(self, filters: dict) -> None:
        self.queue.apply_filters(filters)

    def reconcile(self) -> None:
        # without a running sync the button is disabled; called anyway, the service says why
        self.reconcile_button.setEnabled(False)
        self.controller.run(self._reconcile(), what=self.tr("reconcile the catalogue"))

    async def _reconcile(self) -> None:
        try:
            counts = await self.controller.service.reconcile_products()
        finally:
            if shiboken6.isValid(self):
                self._refresh_button()
        if not shiboken6.isValid(self):
            return
        self.queue.reload()
        self.progress.setVisible(False)
        self._last_counts = counts
        self._retranslate()

    def _on_progress(self, progress: dict) -> None:
        running = progress.get("running", False)
        self.progress.setVisible(running)
        self.reconcile_button.setEnabled(not running and self.controller.service.engine is not None)
        if running:
            total = progress.get("total") or 0
            self.progress.setMaximum(total or 0)  # 0 = busy indicator until the size is known
            self.progress.setValue(progress.get("done") or 0)

    def _refresh_button(self, *_args: object) -> None:
        self.reconcile_button.setEnabled(self.controller.service.engine is not None)
