"""An editable two-column table (name → value) with "add" and a remove button per row: the CNPJ
per marketplace and the attribute mapping of the channel form."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.ui.forms.common import TextFn, muted_label
from pluggto_desktop.ui.widgets.cnpj_field import CnpjField


class PairTable(QWidget):
    """An editable two-column table (name → value) with "add" and a remove button per row.

    ``cnpj=True`` makes the value column a compact :class:`CnpjField`.
    """

    changed = Signal()

    def __init__(self, headers: tuple[TextFn, TextFn], add_text: TextFn, *, cnpj_values: bool = False,
                 describe: Callable[[str], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._add_text = add_text
        self._cnpj = cnpj_values
        self._describe = describe
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 36)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        # what each row's name also covers (the marketplace's other names), under the table
        self.hints = muted_label()
        self.hints.setVisible(False)
        layout.addWidget(self.hints)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        if describe is not None:
            self.changed.connect(self._refresh_hints)
        self.retranslate()
        self._fit()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self._headers[0](), self._headers[1](), ""])
        self.add_button.setText(self._add_text())
        self._refresh_hints()
        for row in range(self.table.rowCount()):
            button = self.table.cellWidget(row, 2)
            if button is not None:
                button.setToolTip(self.tr("Remove this row"))
                button.setAccessibleName(self.tr("Remove this row"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_row(self, name: str = "", value: str = "", *, focus: bool = False) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_edit = QLineEdit(name)
        name_edit.setFrame(False)
        name_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.table.setCellWidget(row, 0, name_edit)
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
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip(self.tr("Remove this row"))
        remove.setAccessibleName(self.tr("Remove this row"))
        remove.clicked.connect(lambda: self._remove(remove))
        self.table.setCellWidget(row, 2, remove)
        self._fit()
        self._refresh_hints()
        if focus:
            name_edit.setFocus()
            self.changed.emit()
        return row

    def _remove(self, button: QWidget) -> None:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, 2) is button:
                self.table.removeRow(row)
                break
        self._fit()
        self.changed.emit()

    def remove_row(self, row: int) -> None:
        self.table.removeRow(row)
        self._fit()
        self.changed.emit()

    def set_rows(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.table.setRowCount(0)
        for name, value in pairs:
            self.add_row(name, value)
        self._fit()
        self._refresh_hints()

    def _refresh_hints(self) -> None:
        if self._describe is None:
            return
        lines = [text for text in (self._describe(name) for name, _ in self.rows() if name) if text]
        self.hints.setText("\n".join(lines))
        self.hints.setVisible(bool(lines))

    def value_widget(self, row: int) -> QWidget:
        return self.table.cellWidget(row, 1)

    def name_widget(self, row: int) -> QLineEdit:
        return self.table.cellWidget(row, 0)

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

    def _fit(self) -> None:
        """Grow with the rows (up to 8) so the page scrolls, not the table."""
        line = QLineEdit().sizeHint().height() + 6
        for row in range(self.table.rowCount()):
            self.table.setRowHeight(row, line)
        shown = min(max(self.table.rowCount(), 1), 8)
        height = self.table.horizontalHeader().sizeHint().height() + shown * line + 2 * self.table.frameWidth()
        self.table.setFixedHeight(height)
