"""The queue table's columns as the person arranges them: which are shown and in what order
(right-click on the titles; remembered per profile), and their widths fitted to the window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QMenu

from pluggto_desktop.present import queue as present_queue
from pluggto_desktop.present.jobs import NEEDS_ATTENTION
from pluggto_desktop.present.queue import state_label
from pluggto_desktop.ui.queue.columns import column_title

#: the columns shown until the person chooses others (right-click on the titles): what an owner
#: needs to find an order and see why it is stuck
DEFAULT_COLUMNS = {
    "order": ["state", "marketplace", "marketplace_order_id", "buyer_name", "reason", "updated_at"],
    "product": ["key", "title", "state", "reason", "updated_at"],
}
#: typical content a column is sized for, where the model's sample is longer than what most rows
#: hold (the state is sized for "Precisa de atenção"; "Nova tentativa às 23:59" is elided, with
#: the full text in the tooltip)
SIZE_SAMPLES = {"marketplace_order_id": "702-1234567-1234567", "buyer_name": "Academia Corpo em Forma"}
CELL_PADDING = 14


class QueueColumns:
    """The columns of :class:`QueuePage`'s table (a mixin: its texts are the page's)."""

    def default_columns(self) -> list[str]:
        return list(DEFAULT_COLUMNS[self.kind])

    def visible_columns(self) -> list[str]:
        """The keys of the columns shown, left to right."""
        header = self.table.horizontalHeader()
        order = sorted(range(len(self.model.columns)), key=header.visualIndex)
        return [self.model.columns[i].key for i in order if not header.isSectionHidden(i)]

    def _saved_columns(self) -> list[str]:
        saved = getattr(self.controller.service.settings.ui, f"{self.kind}_columns", None)
        known = {column.key for column in self.model.columns}
        chosen = [key for key in (saved or []) if key in known]
        return chosen or self.default_columns()

    def set_visible_columns(self, keys: list[str], *, save: bool = True) -> None:
        """Show these columns in this order (the others hidden after them); remembered in the
        profile's settings (``ui.order_columns`` / ``ui.product_columns``)."""
        known = [column.key for column in self.model.columns]
        keys = [key for key in keys if key in known] or self.default_columns()
        header = self.table.horizontalHeader()
        self._sizing = True
        try:
            for visual, key in enumerate(keys + [k for k in known if k not in keys]):
                logical = known.index(key)
                header.moveSection(header.visualIndex(logical), visual)
                header.setSectionHidden(logical, key not in keys)
        finally:
            self._sizing = False
        self._user_sized = False
        self._size_columns()
        if save:
            self._save_columns()

    def _save_columns(self) -> None:
        keys = self.visible_columns()
        ui = self.controller.service.settings.ui
        value = None if keys == self.default_columns() else keys
        if getattr(ui, f"{self.kind}_columns", None) != value:
            setattr(ui, f"{self.kind}_columns", value)
            self.controller.service.save_current_settings()

    def _column_moved(self, *_args: Any) -> None:
        if not self._sizing:
            self._save_columns()

    def _column_resized(self, logical: int, _old: int, _new: int) -> None:
        if not self._sizing and self.table.horizontalHeader().sectionResizeMode(logical) != \
                QHeaderView.ResizeMode.Stretch:
            self._user_sized = True  # the person's widths stay until the columns change

    def _header_menu(self, pos: QPoint) -> None:
        """Right-click on the column titles: which columns to show."""
        menu = QMenu(self)
        visible = self.visible_columns()
        for column in self.model.columns:
            action = menu.addAction(column_title(column))
            action.setCheckable(True)
            action.setChecked(column.key in visible)
            action.setEnabled(not (column.key in visible and len(visible) == 1))  # never none
            action.toggled.connect(lambda on, key=column.key: self._toggle_column(key, on))
        menu.addSeparator()
        menu.addAction(self.tr("Default columns"), lambda: self.set_visible_columns(self.default_columns()))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.horizontalHeader().viewport().mapToGlobal(pos))
        self._column_menu = menu

    def _toggle_column(self, key: str, on: bool) -> None:
        keys = self.visible_columns()
        if on and key not in keys:
            keys.append(key)
        elif not on and key in keys and len(keys) > 1:
            keys.remove(key)
        self.set_visible_columns(keys)

    def _size_columns(self) -> None:
        """Widths from the font and the (translated) titles, fitted to the table's width: the
        reason takes what is left (at least a common reason, whole), the buyer gives way first,
        then the others down to their titles — so the columns that matter fit a 1024-pixel
        screen with no horizontal scrolling."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        bold = self.table.font()
        bold.setBold(True)  # the states that need someone are drawn in bold
        bold_metrics = QFontMetrics(bold)
        header_metrics = header.fontMetrics()
        columns = self.model.columns
        shown = [i for i in range(len(columns)) if not header.isSectionHidden(i)]
        if not shown:
            return
        lang = self.controller.lang
        samples = {**SIZE_SAMPLES, "state": state_label(NEEDS_ATTENTION, lang)}
        keys = [columns[i].key for i in shown]
        elastic = shown[keys.index("reason")] if "reason" in keys else max(shown, key=header.visualIndex)
        widths: dict[int, int] = {}
        floors: dict[int, int] = {}
        for i in shown:
            column = columns[i]
            sample = samples.get(column.key, column.sample)
            content = metrics.horizontalAdvance(sample) + CELL_PADDING
            if column.key == "state":
                content = bold_metrics.horizontalAdvance(sample) + CELL_PADDING + 22  # and the state's dot
            title = header_metrics.horizontalAdvance(column_title(column)) + 30  # sort arrow and padding
            widths[i] = min(max(content, title), 360)
            floors[i] = title if column.key != "buyer_name" else max(title, metrics.averageCharWidth() * 14)
        available = self.table.viewport().width() if self.table.isVisible() else 0
        reason_min = metrics.horizontalAdvance(present_queue.reason_width_sample(lang)) + CELL_PADDING
        if available > 0:
            excess = sum(w for i, w in widths.items() if i != elastic) + reason_min - available
            for i in sorted((i for i in widths if i != elastic), key=lambda i: columns[i].key != "buyer_name"):
                if excess <= 0:
                    break
                give = min(excess, widths[i] - floors[i])
                if give > 0:
                    widths[i] -= give
                    excess -= give
        self._sizing = True
        try:
            header.setStretchLastSection(False)
            for i in range(len(columns)):
                mode = QHeaderView.ResizeMode.Stretch if i == elastic else QHeaderView.ResizeMode.Interactive
                header.setSectionResizeMode(i, mode)
            for i, width in widths.items():
                if i != elastic:
                    header.resizeSection(i, width)
        finally:
            self._sizing = False
