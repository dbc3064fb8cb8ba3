"""Demo controls: act as the store or the marketplace, to try the app's reactions by hand."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from pluggto_desktop.demo import UNCOVERED_MARKETPLACE, DemoEnvironment
from pluggto_desktop.simulator.catalogue import UNKNOWN_SKU
from pluggto_desktop.ui.controller import Controller


class DemoPage(QWidget):
    def __init__(self, controller: Controller, demo: DemoEnvironment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.demo = demo
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        intro = QLabel(self.tr(
            "This is a demo: Plug.to and the Linx Commerce store are simulated inside the app, and new "
            "marketplace orders keep arriving. Some fail on purpose, the way real ones do:"), wordWrap=True)
        layout.addWidget(intro)
        cases = QLabel(self.tr(
            "• orders selling SKU %1, which the store does not have (fix: register the SKU below, then "
            "Resend the order);\n• %2 orders without a valid intermediary CNPJ, since the demo channel has no "
            "CNPJ for %2 (fix: type one in Settings → Channel, then Resend).")
            .replace("%1", UNKNOWN_SKU).replace("%2", UNCOVERED_MARKETPLACE), wordWrap=True)
        layout.addWidget(cases)

        store = QGroupBox(self.tr("Act as the store (Linx Commerce)"))
        box = QVBoxLayout(store)
        register = QPushButton(self.tr("Register the missing SKU %1 in the store").replace("%1", UNKNOWN_SKU))
        register.clicked.connect(self._register)
        box.addWidget(register)
        move = QPushButton(self.tr("Invoice, ship or deliver some orders in the store"))
        move.clicked.connect(lambda: self._done(self.tr("%1 order(s) moved on in the store: the update goes to "
                                                        "Plug.to at the next check (or click Sync now).")
                                                .replace("%1", str(self.demo.store_moves_orders_on(3)))))
        box.addWidget(move)
        stock = QPushButton(self.tr("Change the stock of a few SKUs"))
        stock.clicked.connect(self._change_stock)
        box.addWidget(stock)
        layout.addWidget(store)

        market = QGroupBox(self.tr("Act as the marketplaces (Plug.to)"))
        box = QVBoxLayout(market)
        more = QPushButton(self.tr("Create 10 orders now"))
        more.clicked.connect(lambda: self._done(self.demo.add_orders(10) or self.tr("10 orders created.")))
        pay = QPushButton(self.tr("Buyers pay their pending orders"))
        pay.clicked.connect(lambda: self._done(self.tr("%n order(s) paid.", None, self.demo.pay_pending_orders())))
        self.trickle = QCheckBox(self.tr("Keep new orders coming"), checked=True)
        self.trickle.toggled.connect(lambda on: setattr(self.demo, "trickling", on))
        for widget in (more, pay, self.trickle):
            box.addWidget(widget)
        layout.addWidget(market)

        network = QGroupBox(self.tr("Network"))
        box = QVBoxLayout(network)
        outage = QPushButton(self.tr("Simulate a 30-second outage"))
        outage.clicked.connect(self._outage)
        box.addWidget(outage)
        layout.addWidget(network)

        self.result = QLabel(wordWrap=True)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def _done(self, message: str) -> None:
        self.result.setText(message)

    def _register(self) -> None:
        added = self.demo.register_missing_skus()
        self._done(self.tr("SKU %1 registered in the store. Now open Orders, filter “Needs attention” and "
                           "click Resend.").replace("%1", UNKNOWN_SKU) if added
                   else self.tr("The store already has SKU %1.").replace("%1", UNKNOWN_SKU))

    def _change_stock(self) -> None:
        changed = self.demo.change_some_stock(3)
        self._done(self.tr("Stock changed for %1: only these stock updates go to Plug.to.")
                   .replace("%1", ", ".join(changed)))

    def _outage(self) -> None:
        self._done(self.tr("Outage for 30 seconds: watch the banner and the automatic retries."))
        self.controller.run(self.demo.outage(30), what=self.tr("simulate an outage"))
