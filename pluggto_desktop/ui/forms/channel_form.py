"""Step 3 of the setup: the sales channel — what to import, the intermediary CNPJ, the products."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QSizePolicy, QVBoxLayout, QWidget

from pluggto_desktop.present import channel as present
from pluggto_desktop.present import cnpj
from pluggto_desktop.present.channel import aliases_text, status_label
from pluggto_desktop.settings import PRICE_FIELDS, Settings
from pluggto_desktop.ui.forms.base import SetupForm
from pluggto_desktop.ui.forms.common import TextFn, split_list
from pluggto_desktop.ui.forms.deadline_table import DeadlineTable
from pluggto_desktop.ui.forms.pair_table import PairTable
from pluggto_desktop.ui.widgets.cnpj_field import CnpjField


class ChannelForm(SetupForm):
    """Step 3: the sales channel — what to import, the intermediary CNPJ, the products."""

    SECTIONS = ("channel",)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        # orders
        orders = self._group(lambda: self.tr("Orders"), outer)
        self.website_id = self._optional_spin()
        self._row(orders, "channel.website_id", lambda: self.tr("Website id"), self.website_id,
                  lambda: self.tr("The number of the Plug.to sales channel's website in Linx Commerce "
                                  "(LOJA → SOLUÇÕES → Pluggto)."))
        self.statuses = QListWidget()
        self.statuses.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.statuses.itemChanged.connect(self._emit_changed)
        self._row(orders, "channel.import_statuses", lambda: self.tr("Statuses to import"), self.statuses,
                  lambda: self.tr("Orders are created in the store when Plug.to shows one of these statuses. "
                                  "Usually: Approved and Invoice requested."))
        self.order_queue_id = self._optional_spin()
        self._row(orders, "channel.order_queue_id", lambda: self.tr("Order feed queue id"), self.order_queue_id,
                  lambda: self.tr("The Linx queue that tells when the store invoices, ships or cancels an order, "
                                  "so Plug.to is told too."))

        # intermediary CNPJ
        cnpjs = self._group(lambda: self.tr("Intermediary CNPJ (NF-e)"), outer)
        cnpjs.addRow(self._note(lambda: self.tr(
            "A marketplace sale's NF-e must carry the CNPJ of the marketplace (the intermediary). Plug.to "
            "usually sends it; when it does not, or sends an invalid one, the table below is used, then the "
            "fallback CNPJ.")))
        self.marketplaces = PairTable(
            (lambda: self.tr("Marketplace (as Plug.to names it)"), lambda: self.tr("Intermediary CNPJ")),
            lambda: self.tr("Add marketplace"), cnpj_values=True, describe=self._alias_hint)
        self.marketplaces.changed.connect(self._emit_changed)
        self._row(cnpjs, "channel.marketplace_cnpjs", lambda: self.tr("CNPJ per marketplace"), self.marketplaces,
                  lambda: self.tr("E.g. MercadoLivre → 03.007.331/0001-41. Names match loosely (spaces, accents "
                                  "and upper/lower case do not matter) and through the marketplace's other "
                                  "names: Americanas also covers B2W and LOJASAMERICANAS."))
        self.fallback_cnpj = CnpjField(optional=True)
        self.fallback_cnpj.changed.connect(self._emit_changed)
        self._row(cnpjs, "channel.fallback_cnpj", lambda: self.tr("Fallback CNPJ"), self.fallback_cnpj,
                  lambda: self.tr("Used when neither Plug.to nor the table gives a valid CNPJ."),
                  error=False)
        self.without_intermediary = self._check(lambda: self.tr("Integrate orders even without an intermediary CNPJ"))
        self._row(cnpjs, "channel.integrate_without_intermediary", None, self.without_intermediary,
                  lambda: self.tr("Normally such an order waits as \"needs attention\" until you give a CNPJ. "
                                  "If you tick this, it is created in the store without one — and its NF-e is "
                                  "likely to be rejected by SEFAZ (rejection 440, intermediary missing or "
                                  "invalid), to be fixed by hand when invoicing."))

        # deadlines (the deadline watch: domain/deadlines.py)
        deadlines = self._group(lambda: self.tr("Marketplace deadlines"), outer)
        deadlines.addRow(self._note(lambda: self.tr(
            "Hours from the sale's approval to invoice it and to ship it. Orders close to their deadline (its "
            "last quarter) and past it show on the Dashboard and in Orders. 24 h and 48 h are the app's starting "
            "point, not any marketplace's rule: check yours (they change with your seller level and shipping "
            "mode). When Plug.to gives the marketplace's own ship-by date, the earlier one counts.")))
        hours = lambda: self.tr(" h")  # noqa: E731 - the suffix, again on a language change
        self.invoice_hours = self._spin(1, 720, hours)
        self._row(deadlines, "channel.deadline_invoice_hours", lambda: self.tr("To invoice"), self.invoice_hours)
        self.shipping_hours = self._spin(1, 720, hours)
        self._row(deadlines, "channel.deadline_shipping_hours", lambda: self.tr("To ship"), self.shipping_hours)
        self.deadline_table = DeadlineTable(
            (lambda: self.tr("Marketplace (as Plug.to names it)"), lambda: self.tr("To invoice"),
             lambda: self.tr("To ship")),
            lambda: self.tr("Add marketplace"), hours_suffix=hours, describe=self._alias_hint,
            defaults=lambda: (self.invoice_hours.value(), self.shipping_hours.value()))
        self.deadline_table.changed.connect(self._emit_changed)
        self._row(deadlines, "channel.marketplace_deadlines", lambda: self.tr("Per marketplace"), self.deadline_table,
                  lambda: self.tr("Only where a marketplace differs from the hours above."))

        # products
        products = self._group(lambda: self.tr("Products"), outer)
        products.addRow(self._note(lambda: self.tr(
            "Which products of the store go to Plug.to, with which price and stock. Rules for each "
            "marketplace stay in the Plug.to panel.")))
        self.product_queue_id = self._optional_spin()
        self._row(products, "channel.product_queue_id", lambda: self.tr("Product feed queue id"),
                  self.product_queue_id,
                  lambda: self.tr("The Linx queue that tells which products changed."))
        self.only_active = self._check(lambda: self.tr("Send only active products"))
        self._row(products, "channel.only_active_products", None, self.only_active)
        self.warehouse_id = self._spin(1, 2_147_483_647)
        self._row(products, "channel.warehouse_id", lambda: self.tr("Stock warehouse id"), self.warehouse_id,
                  lambda: self.tr("The Linx warehouse whose balance is sent as stock (usually 1)."))
        self.stock_reserve = self._spin(0, 1_000_000, lambda: self.tr(" units"))
        self._row(products, "channel.stock_reserve", lambda: self.tr("Units held back"), self.stock_reserve,
                  lambda: self.tr("Subtracted from each SKU's stock before it is sent (a safety margin)."))
        self.price_field = QComboBox()
        self.special_price_field = QComboBox()
        for combo in (self.price_field, self.special_price_field):
            for code in PRICE_FIELDS:
                combo.addItem("", code)
            combo.currentIndexChanged.connect(self._emit_changed)
            self._no_wheel(combo)
        self._row(products, "channel.price_field", lambda: self.tr("Plug.to price (from)"), self.price_field)
        self._row(products, "channel.special_price_field", lambda: self.tr("Plug.to sale price (from)"),
                  self.special_price_field,
                  lambda: self.tr("The sale price is sent only when it is lower than the price."))
        self.include_categories = self._line()
        self.exclude_categories = self._line()
        self.include_brands = self._line()
        self.exclude_brands = self._line()
        for edit in (self.include_categories, self.exclude_categories):
            self._bind(edit.setPlaceholderText, lambda: self.tr("e.g. Shirts, Shorts"))
        for edit in (self.include_brands, self.exclude_brands):
            self._bind(edit.setPlaceholderText, lambda: self.tr("e.g. Brand A, Brand B"))
        list_hint = lambda: self.tr("Separated by commas; empty = all.")  # noqa: E731
        self._row(products, "channel.include_categories", lambda: self.tr("Only these categories"),
                  self.include_categories, list_hint)
        self._row(products, "channel.exclude_categories", lambda: self.tr("Except these categories"),
                  self.exclude_categories)
        self._row(products, "channel.include_brands", lambda: self.tr("Only these brands"), self.include_brands,
                  list_hint)
        self._row(products, "channel.exclude_brands", lambda: self.tr("Except these brands"), self.exclude_brands)
        self.attributes = PairTable((lambda: self.tr("Linx property"), lambda: self.tr("Plug.to attribute code")),
                                    lambda: self.tr("Add mapping"))
        self.attributes.changed.connect(self._emit_changed)
        self._row(products, "channel.attribute_map", lambda: self.tr("Attribute mapping"), self.attributes,
                  lambda: self.tr("Which Linx property fills which Plug.to attribute (e.g. Cor → color)."))
        outer.addStretch(1)
        self._retranslate_extra()

    def _retranslate_extra(self) -> None:
        names = {"ListPrice": self.tr("List price (ListPrice)"), "RetailPrice": self.tr("Sale price (RetailPrice)")}
        for combo in (self.price_field, self.special_price_field):
            for index in range(combo.count()):
                combo.setItemText(index, names.get(combo.itemData(index), combo.itemData(index)))
        self.marketplaces.retranslate()
        self.deadline_table.retranslate()
        self.attributes.retranslate()
        for index in range(self.statuses.count()):
            item = self.statuses.item(index)
            code = item.data(Qt.ItemDataRole.UserRole)
            item.setText(status_label(code, self.lang))
            item.setToolTip(code)

    def _load(self, settings: Settings) -> None:
        c = settings.channel
        self.website_id.setValue(c.website_id or 0)
        self.statuses.clear()
        for code in present.status_choices(c.import_statuses):
            item = QListWidgetItem(status_label(code, self.lang))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setToolTip(code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked = code in c.import_statuses
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.statuses.addItem(item)
        rows = max(self.statuses.count(), 1)
        self.statuses.setFixedHeight(self.statuses.sizeHintForRow(0) * rows + 2 * self.statuses.frameWidth() + 4)
        self.order_queue_id.setValue(c.order_queue_id or 0)
        self.product_queue_id.setValue(c.product_queue_id or 0)
        self.marketplaces.set_rows([(name, value) for name, value in c.marketplace_cnpjs.items()])
        self.fallback_cnpj.set_value(c.fallback_cnpj)
        self.without_intermediary.setChecked(c.integrate_without_intermediary)
        self.invoice_hours.setValue(round(c.deadline_invoice_hours))
        self.shipping_hours.setValue(round(c.deadline_shipping_hours))
        self.deadline_table.set_rows([
            (name, round(entry.get("invoice_hours", c.deadline_invoice_hours)),
             round(entry.get("shipping_hours", c.deadline_shipping_hours)))
            for name, entry in c.marketplace_deadlines.items()])
        self.warehouse_id.setValue(c.warehouse_id)
        self.stock_reserve.setValue(c.stock_reserve)
        self._select(self.price_field, c.price_field)
        self._select(self.special_price_field, c.special_price_field)
        self.only_active.setChecked(c.only_active_products)
        self.include_categories.setText(", ".join(c.include_categories))
        self.exclude_categories.setText(", ".join(c.exclude_categories))
        self.include_brands.setText(", ".join(c.include_brands))
        self.exclude_brands.setText(", ".join(c.exclude_brands))
        self.attributes.set_rows(list(c.attribute_map.items()))

    def first_field(self) -> QWidget:
        return self.website_id

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        combo.setCurrentIndex(index if index >= 0 else 0)

    def checked_statuses(self) -> list[str]:
        return [self.statuses.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.statuses.count())
                if self.statuses.item(i).checkState() == Qt.CheckState.Checked]

    def set_statuses(self, codes: Sequence[str]) -> None:
        for index in range(self.statuses.count()):
            item = self.statuses.item(index)
            wanted = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def store_into(self, settings: Settings) -> None:
        c = settings.channel
        c.website_id = self.website_id.value() or None
        c.import_statuses = self.checked_statuses()
        c.order_queue_id = self.order_queue_id.value() or None
        c.product_queue_id = self.product_queue_id.value() or None
        c.marketplace_cnpjs = dict(self.marketplaces.rows())
        c.fallback_cnpj = self.fallback_cnpj.value()
        c.integrate_without_intermediary = self.without_intermediary.isChecked()
        c.deadline_invoice_hours = float(self.invoice_hours.value())
        c.deadline_shipping_hours = float(self.shipping_hours.value())
        c.marketplace_deadlines = {name: _hours(invoice, shipping)
                                   for name, invoice, shipping in self.deadline_table.rows()}
        c.warehouse_id = self.warehouse_id.value()
        c.stock_reserve = self.stock_reserve.value()
        c.price_field = self.price_field.currentData()
        c.special_price_field = self.special_price_field.currentData()
        c.only_active_products = self.only_active.isChecked()
        c.include_categories = split_list(self.include_categories.text())
        c.exclude_categories = split_list(self.exclude_categories.text())
        c.include_brands = split_list(self.include_brands.text())
        c.exclude_brands = split_list(self.exclude_brands.text())
        c.attribute_map = dict(self.attributes.rows())

    def typed_rows(self) -> dict[str, list[tuple[str, Any]]]:
        # as typed: two rows naming one marketplace (or one property) are refused by the core,
        # where the dict store_into makes would keep only one of them without a word
        return {"channel.marketplace_cnpjs": self.marketplaces.rows(), "channel.attribute_map": self.attributes.rows(),
                "channel.marketplace_deadlines": [(name, _hours(invoice, shipping))
                                                  for name, invoice, shipping in self.deadline_table.rows()]}

    def _deadlines_summary(self, c: Any) -> str:
        """"invoice in 24 h, ship in 48 h; Shopee: 12 h / 36 h"."""
        text = self.tr("invoice in %1 h, ship in %2 h").replace("%1", f"{c.deadline_invoice_hours:g}").replace(
            "%2", f"{c.deadline_shipping_hours:g}")
        rows = [f"{name}: {entry.get('invoice_hours', c.deadline_invoice_hours):g} h / "
                f"{entry.get('shipping_hours', c.deadline_shipping_hours):g} h"
                for name, entry in c.marketplace_deadlines.items()]
        return "; ".join([text, *rows])

    def _alias_hint(self, name: str) -> str:
        """"B2W, LOJASAMERICANAS, Submarino…" under a table row: the other names it covers."""
        aliases = aliases_text(name)
        if not aliases:
            return ""
        return self.tr("%1 also covers orders from %2").replace("%1", name.strip()).replace("%2", aliases)

    def _ask_for(self) -> dict[str, TextFn]:
        return {"channel.website_id": lambda: self.tr("Type the Linx website id of the sales channel.")}

    def warnings(self) -> list[str]:
        words = {
            present.NO_FALLBACK_CNPJ: lambda: self.tr(
                "No fallback intermediary CNPJ: an order for which Plug.to sends no valid CNPJ (and no "
                "marketplace of the table matches) will wait as \"needs attention\"."),
            present.WITHOUT_INTERMEDIARY: lambda: self.tr(
                "Orders without an intermediary CNPJ will be created anyway: their NF-e may be rejected by "
                "SEFAZ (rejection 440)."),
            present.NO_ORDER_QUEUE: lambda: self.tr(
                "No order feed queue id: invoices, shipping and cancellations made in the store will not be "
                "sent back to Plug.to."),
        }
        return [words[code]() for code in present.channel_warnings(self.draft().channel)]

    def summary(self) -> list[tuple[str, str]]:
        c = self.draft().channel
        not_set = self.tr("not set")
        statuses = ", ".join(status_label(s, self.lang) for s in c.import_statuses) or self.tr("none")
        table = "; ".join(f"{name} → {cnpj.format(value)}" for name, value in c.marketplace_cnpjs.items())
        prices = {"ListPrice": self.tr("List price (ListPrice)"), "RetailPrice": self.tr("Sale price (RetailPrice)")}
        lists = []
        for label, values in ((self.tr("only categories"), c.include_categories),
                              (self.tr("except categories"), c.exclude_categories),
                              (self.tr("only brands"), c.include_brands),
                              (self.tr("except brands"), c.exclude_brands)):
            if values:
                lists.append(f"{label}: {', '.join(values)}")
        return [
            (self.tr("Website id"), str(c.website_id) if c.website_id else not_set),
            (self.tr("Statuses to import"), statuses),
            (self.tr("Order feed queue id"), str(c.order_queue_id) if c.order_queue_id else not_set),
            (self.tr("CNPJ per marketplace"), table or self.tr("none")),
            (self.tr("Fallback CNPJ"), cnpj.format(c.fallback_cnpj) if c.fallback_cnpj else self.tr("none")),
            (self.tr("Without intermediary"),
             self.tr("integrate anyway (risk of SEFAZ rejection 440)") if c.integrate_without_intermediary
             else self.tr("wait as \"needs attention\"")),
            (self.tr("Marketplace deadlines"), self._deadlines_summary(c)),
            (self.tr("Product feed queue id"), str(c.product_queue_id) if c.product_queue_id else not_set),
            (self.tr("Products"), (self.tr("only active") if c.only_active_products else self.tr("active and inactive"))
             + ("; " + "; ".join(lists) if lists else "")),
            (self.tr("Stock"), self.tr("warehouse %1, %n unit(s) held back", "", c.stock_reserve)
             .replace("%1", str(c.warehouse_id))),
            (self.tr("Prices"), self.tr("price from %1, sale price from %2").replace(
                "%1", prices.get(c.price_field, c.price_field)).replace(
                "%2", prices.get(c.special_price_field, c.special_price_field))),
            (self.tr("Attribute mapping"),
             "; ".join(f"{k} → {v}" for k, v in c.attribute_map.items()) or self.tr("none")),
        ]


def _hours(invoice: int, shipping: int) -> dict[str, float]:
    return {"invoice_hours": float(invoice), "shipping_hours": float(shipping)}
