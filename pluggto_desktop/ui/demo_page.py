"""Demo controls: act as the store or the marketplace, to try the app's reactions by hand."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from pluggto_desktop.demo import UNCOVERED_MARKETPLACE, DemoEnvironment
from pluggto_desktop.present import audit as present_audit
from pluggto_desktop.simulator.catalogue import UNKNOWN_SKU
from pluggto_desktop.ui.controller import Controller


class DemoPage(QWidget):
    def __init__(self, controller: Controller, demo: DemoEnvironment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.demo = demo
        self._texts: list[tuple[Callable[[str], None], Callable[[], str]]] = []
        self._result: Callable[[], str] | None = None  # the last outcome, in the current language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        intro = QLabel(wordWrap=True)
        self._bind(intro.setText, lambda: self.tr(
            "This is a demo: Plug.to and the Linx Commerce store are simulated inside the app, and new "
            "marketplace orders keep arriving. Some fail on purpose, the way real ones do:"))
        layout.addWidget(intro)
        cases = QLabel(wordWrap=True)
        self._bind(cases.setText, lambda: self.tr(
            "• orders selling SKU %1, which the store does not have (fix: register the SKU below, then "
            "Resend the order);\n• %2 orders without a valid intermediary CNPJ, since the demo channel has no "
            "CNPJ for %2 (fix: type one in Settings → Channel, then Resend).")
            .replace("%1", UNKNOWN_SKU).replace("%2", UNCOVERED_MARKETPLACE))
        layout.addWidget(cases)

        store = QGroupBox()
        self._bind(store.setTitle, lambda: self.tr("Act as the store (Linx Commerce)"))
        box = QVBoxLayout(store)
        register = self._button(box, lambda: self.tr("Register the missing SKU %1 in the store")
                                .replace("%1", UNKNOWN_SKU))
        register.clicked.connect(self._register)
        move = self._button(box, lambda: self.tr("Invoice, ship or deliver some orders in the store"))
        move.clicked.connect(self._move_orders)
        stock = self._button(box, lambda: self.tr("Change the stock of a few SKUs"))
        stock.clicked.connect(self._change_stock)
        differences = self._button(box, lambda: self.tr("Create differences for the Audit to find"))
        differences.clicked.connect(self._differences)
        layout.addWidget(store)

        market = QGroupBox()
        self._bind(market.setTitle, lambda: self.tr("Act as the marketplaces (Plug.to)"))
        box = QVBoxLayout(market)
        more = self._button(box, lambda: self.tr("Create 10 orders now"))
        more.clicked.connect(self._more_orders)
        pay = self._button(box, lambda: self.tr("Buyers pay their pending orders"))
        pay.clicked.connect(self._pay)
        self.trickle = QCheckBox(checked=True)
        self._bind(self.trickle.setText, lambda: self.tr("Keep new orders coming"))
        self.trickle.toggled.connect(lambda on: setattr(self.demo, "trickling", on))
        box.addWidget(self.trickle)
        layout.addWidget(market)

        network = QGroupBox()
        self._bind(network.setTitle, lambda: self.tr("Network"))
        box = QVBoxLayout(network)
        outage = self._button(box, lambda: self.tr("Simulate a 30-second outage"))
        outage.clicked.connect(self._outage)
        layout.addWidget(network)

        self.result = QLabel(wordWrap=True)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def _bind(self, setter: Callable[[str], None], text: Callable[[], str]) -> None:
        """Set a text now and again whenever the language changes."""
        self._texts.append((setter, text))
        setter(text())

    def _button(self, box: QVBoxLayout, text: Callable[[], str]) -> QPushButton:
        button = QPushButton()
        self._bind(button.setText, text)
        box.addWidget(button)
        return button

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "result"):
            for setter, text in self._texts:
                setter(text())
            if self._result is not None:
                self.result.setText(self._result())
        super().changeEvent(event)

    def _done(self, message: Callable[[], str]) -> None:
        self._result = message
        self.result.setText(message())

    def _move_orders(self) -> None:
        moved = self.demo.store_moves_orders_on(3)
        self._done(lambda: self.tr("%n order(s) moved on in the store: the update goes to Plug.to at the next "
                                   "check (or click Sync now).", None, moved))

    def _more_orders(self) -> None:
        self.demo.add_orders(10)
        self._done(lambda: self.tr("10 orders created."))

    def _pay(self) -> None:
        paid = self.demo.pay_pending_orders()
        self._done(lambda: self.tr("%n order(s) paid.", None, paid))

    def _register(self) -> None:
        added = self.demo.register_missing_skus()
        if added:
            self._done(lambda: self.tr("SKU %1 registered in the store. Now open Orders, filter “Needs attention” "
                                       "and click Resend.").replace("%1", UNKNOWN_SKU))
        else:
            self._done(lambda: self.tr("The store already has SKU %1.").replace("%1", UNKNOWN_SKU))

    def _change_stock(self) -> None:
        changed = self.demo.change_some_stock(3)
        self._done(lambda: self.tr("Stock changed for %1: only these stock updates go to Plug.to.")
                   .replace("%1", ", ".join(changed)))

    def _differences(self) -> None:
        done = self.demo.make_audit_differences()
        self._done(lambda: self.tr("Differences created for the Audit: %1. Open Audit and click Check now.").replace(
            "%1", "; ".join(present_audit.class_label(kind, self.controller.lang) for kind in done)))

    def _outage(self) -> None:
        self._done(lambda: self.tr("Outage for 30 seconds: watch the banner and the automatic retries."))
        self.controller.run(self.demo.outage(30), what=self.tr("simulate an outage"))
