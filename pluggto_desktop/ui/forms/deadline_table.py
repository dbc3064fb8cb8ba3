"""The per-marketplace deadlines of the channel form: marketplace | hours to invoice | hours to
ship, one row each, with a remove button (what the rows mean: domain/deadlines.py)."""

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
    QSpinBox,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.ui.forms.common import TextFn, muted_label

#: (name, hours to invoice, hours to ship)
Row = tuple[str, int, int]
MAX_HOURS = 720


class DeadlineTable(QWidget):
    changed = Signal()

    def __init__(self, headers: tuple[TextFn, TextFn, TextFn], add_text: TextFn, *, hours_suffix: TextFn,
                 describe: Callable[[str], str] | None = None,
                 defaults: Callable[[], tuple[int, int]] = lambda: (24, 48),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers, self._add_text, self._suffix = headers, add_text, hours_suffix
        self._describe, self._defaults = describe, defaults
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(3, 36)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.hints = muted_label()  # what each row's name also covers (the marketplace's other names)
        self.hints.setVisible(False)
        layout.addWidget(self.hints)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.changed.connect(self._refresh_hints)
        self.retranslate()
        self._fit()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([text() for text in self._headers] + [""])
        self.add_button.setText(self._add_text())
        for row in range(self.table.rowCount()):
            for column in (1, 2):
                self._spin(row, column).setSuffix(self._suffix())
            self.table.cellWidget(row, 3).setToolTip(self.tr("Remove this row"))
        self._refresh_hints()

    def changeEvent(self, event: QEvent) -> None:  # Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_row(self, name: str = "", invoice: int | None = None, shipping: int | None = None, *,
                focus: bool = False) -> int:
        default_invoice, default_shipping = self._defaults()
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_edit = QLineEdit(name)
        name_edit.setFrame(False)
        name_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.table.setCellWidget(row, 0, name_edit)
        for column, value in ((1, invoice or default_invoice), (2, shipping or default_shipping)):
            spin = QSpinBox()
            spin.setRange(1, MAX_HOURS)
            spin.setValue(int(value))
            spin.setSuffix(self._suffix())
            spin.setFrame(False)
            spin.valueChanged.connect(lambda _v: self.changed.emit())
            self.table.setCellWidget(row, column, spin)
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip(self.tr("Remove this row"))
        remove.setAccessibleName(self.tr("Remove this row"))
        remove.clicked.connect(lambda: self._remove(remove))
        self.table.setCellWidget(row, 3, remove)
        self._fit()
        if focus:
            name_edit.setFocus()
            self.changed.emit()
        return row

    def _spin(self, row: int, column: int) -> QSpinBox:
        return self.table.cellWidget(row, column)

    def _remove(self, button: QWidget) -> None:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, 3) is button:
                self.table.removeRow(row)
                break
        self._fit()
        self.changed.emit()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.table.setRowCount(0)
        for name, invoice, shipping in rows:
            self.add_row(name, invoice, shipping)
        self._fit()
        self._refresh_hints()

    def rows(self) -> list[Row]:
        """Every row with a marketplace name, as typed (two rows may name one marketplace: the core
        refuses that, it is not merged here)."""
        found = []
        for row in range(self.table.rowCount()):
            name = self.table.cellWidget(row, 0).text().strip()
            if name:
                found.append((name, self._spin(row, 1).value(), self._spin(row, 2).value()))
        return found

    def _refresh_hints(self) -> None:
        if self._describe is None:
            return
        lines = [text for text in (self._describe(name) for name, _i, _s in self.rows()) if text]
        self.hints.setText("\n".join(lines))
        self.hints.setVisible(bool(lines))

    def _fit(self) -> None:
        """Grow with the rows (up to 8) so the page scrolls, not the table."""
        line = QLineEdit().sizeHint().height() + 6
        for row in range(self.table.rowCount()):
            self.table.setRowHeight(row, line)
        shown = min(max(self.table.rowCount(), 1), 8)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + shown * line
                                  + 2 * self.table.frameWidth())
