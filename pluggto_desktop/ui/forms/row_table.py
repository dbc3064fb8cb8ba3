"""An editable table of the channel form: a name per row, the row's value cells, a remove button per
row, "add" under it, and the other names each row's name also covers. The CNPJ per marketplace and
the attribute mapping (:mod:`.pair_table`) and the per-marketplace deadlines (:mod:`.deadline_table`)
are this table with their own value cells."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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

#: rows shown before the table scrolls (the page scrolls, not the table, up to this)
MAX_ROWS_SHOWN = 8


class RowTable(QWidget):
    """Column 0 is the row's name; then one column per value header; the last holds the remove
    button. Subclasses fill the value cells (:meth:`add_row`) and read them (``rows``)."""

    changed = Signal()

    def __init__(self, headers: Sequence[TextFn], add_text: TextFn, *, stretch: Sequence[int] = (0,),
                 describe: Callable[[str], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers, self._add_text, self._describe = tuple(headers), add_text, describe
        self.remove_column = len(self._headers)
        self.table = QTableWidget(0, self.remove_column + 1)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        for column in range(self.remove_column):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column in stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.remove_column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(self.remove_column, 36)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.hints = muted_label()  # what each row's name also covers (the marketplace's other names)
        self.hints.setVisible(False)
        layout.addWidget(self.hints)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.changed.connect(self._refresh_hints)

    # -- what a subclass provides ----------------------------------------------------------------------
    def add_row(self, *values: Any, focus: bool = False) -> int:
        raise NotImplementedError

    def retranslate_row(self, row: int) -> None:
        """Words inside a row's value cells (a unit suffix, say); nothing by default."""

    # -- the frame --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([text() for text in self._headers] + [""])
        self.add_button.setText(self._add_text())
        for row in range(self.table.rowCount()):
            self.retranslate_row(row)
            button = self.table.cellWidget(row, self.remove_column)
            if button is not None:
                button.setToolTip(self.tr("Remove this row"))
                button.setAccessibleName(self.tr("Remove this row"))
        self._refresh_hints()

    def changeEvent(self, event: QEvent) -> None:  # Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def name_widget(self, row: int) -> QLineEdit:
        return self.table.cellWidget(row, 0)

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(*values)
        self._fit()
        self._refresh_hints()

    def remove_row(self, row: int) -> None:
        self.table.removeRow(row)
        self._fit()
        self.changed.emit()

    def _start_row(self, name: str) -> tuple[int, QLineEdit]:
        """A new row with its name cell; the caller adds the value cells, then :meth:`_end_row`."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_edit = QLineEdit(name)
        name_edit.setFrame(False)
        name_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.table.setCellWidget(row, 0, name_edit)
        return row, name_edit

    def _end_row(self, row: int, name_edit: QLineEdit, *, focus: bool) -> int:
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip(self.tr("Remove this row"))
        remove.setAccessibleName(self.tr("Remove this row"))
        remove.clicked.connect(lambda: self._remove(remove))
        self.table.setCellWidget(row, self.remove_column, remove)
        self._fit()
        self._refresh_hints()
        if focus:
            name_edit.setFocus()
            self.changed.emit()
        return row

    def _remove(self, button: QWidget) -> None:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, self.remove_column) is button:
                self.remove_row(row)
                return

    def _refresh_hints(self) -> None:
        if self._describe is None:
            return
        names = [self.name_widget(row).text().strip() for row in range(self.table.rowCount())]
        lines = [text for text in (self._describe(name) for name in names if name) if text]
        self.hints.setText("\n".join(lines))
        self.hints.setVisible(bool(lines))

    def _fit(self) -> None:
        """Grow with the rows (up to :data:`MAX_ROWS_SHOWN`) so the page scrolls, not the table."""
        line = QLineEdit().sizeHint().height() + 6
        for row in range(self.table.rowCount()):
            self.table.setRowHeight(row, line)
        shown = min(max(self.table.rowCount(), 1), MAX_ROWS_SHOWN)
        height = self.table.horizontalHeader().sizeHint().height() + shown * line + 2 * self.table.frameWidth()
        self.table.setFixedHeight(height)
