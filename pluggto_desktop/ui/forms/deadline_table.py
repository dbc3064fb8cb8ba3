"""The per-marketplace deadlines of the channel form: marketplace | hours to invoice | hours to
ship, one row each, with a remove button (what the rows mean: domain/deadlines.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QSpinBox, QWidget

from pluggto_desktop.ui.forms.common import TextFn
from pluggto_desktop.ui.forms.row_table import RowTable

#: (name, hours to invoice, hours to ship)
Row = tuple[str, int, int]
MAX_HOURS = 720


class DeadlineTable(RowTable):
    def __init__(self, headers: tuple[TextFn, TextFn, TextFn], add_text: TextFn, *, hours_suffix: TextFn,
                 describe: Callable[[str], str] | None = None,
                 defaults: Callable[[], tuple[int, int]] = lambda: (24, 48),
                 parent: QWidget | None = None) -> None:
        super().__init__(headers, add_text, stretch=(0,), describe=describe, parent=parent)
        self._suffix, self._defaults = hours_suffix, defaults
        self.retranslate()
        self._fit()

    def retranslate_row(self, row: int) -> None:
        for column in (1, 2):
            self._spin(row, column).setSuffix(self._suffix())

    def add_row(self, name: str = "", invoice: int | None = None,
                shipping: int | None = None, *, focus: bool = False) -> int:
        default_invoice, default_shipping = self._defaults()
        row, name_edit = self._start_row(name)
        for column, value in ((1, invoice or default_invoice), (2, shipping or default_shipping)):
            spin = QSpinBox()
            spin.setRange(1, MAX_HOURS)
            spin.setValue(int(value))
            spin.setSuffix(self._suffix())
            spin.setFrame(False)
            spin.valueChanged.connect(lambda _v: self.changed.emit())
            self.table.setCellWidget(row, column, spin)
        return self._end_row(row, name_edit, focus=focus)

    def _spin(self, row: int, column: int) -> QSpinBox:
        return self.table.cellWidget(row, column)

    def rows(self) -> list[Row]:
        """Every row with a marketplace name, as typed (two rows may name one marketplace: the core
        refuses that, it is not merged here)."""
        found = []
        for row in range(self.table.rowCount()):
            name = self.table.cellWidget(row, 0).text().strip()
            if name:
                found.append((name, self._spin(row, 1).value(), self._spin(row, 2).value()))
        return found
