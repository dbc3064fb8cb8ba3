"""An editable two-column table (name → value) with "add" and a remove button per row: the CNPJ
per marketplace and the attribute mapping of the channel form."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from pluggto_desktop.ui.forms.common import TextFn
from pluggto_desktop.ui.forms.row_table import RowTable
from pluggto_desktop.ui.widgets.cnpj_field import CnpjField


class PairTable(RowTable):
    """Name → value rows. ``cnpj_values=True`` makes the value column a compact :class:`CnpjField`."""

    def __init__(self, headers: tuple[TextFn, TextFn], add_text: TextFn, *, cnpj_values: bool = False,
                 describe: Callable[[str], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(headers, add_text, stretch=(0, 1), describe=describe, parent=parent)
        self._cnpj = cnpj_values
        self.retranslate()
        self._fit()

    def add_row(self, name: str = "", value: str = "", *, focus: bool = False) -> int:
        row, name_edit = self._start_row(name)
        if self._cnpj:
            value_edit: QWidget = CnpjField(optional=False, compact=True)
            value_edit.set_value(value)
            value_edit.lineEdit().setFrame(False)
            value_edit.changed.connect(self.changed.emit)
        else:
            value_edit = QLineEdit(value)
            value_edit.setFrame(False)
            value_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.table.setCellWidget(row, 1, value_edit)
        return self._end_row(row, name_edit, focus=focus)

    def value_widget(self, row: int) -> QWidget:
        return self.table.cellWidget(row, 1)

    def rows(self) -> list[tuple[str, str]]:
        """(name, value) of every row that is not completely empty; CNPJs bare."""
        pairs = []
        for row in range(self.table.rowCount()):
            name = self.name_widget(row).text().strip()
            widget = self.value_widget(row)
            value = (widget.value() or "") if isinstance(widget, CnpjField) else widget.text().strip()
            if name or value:
                pairs.append((name, value))
        return pairs
