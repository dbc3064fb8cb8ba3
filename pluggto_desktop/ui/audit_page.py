"""Conferência: compare Plug.to and the store for a period, see what differs, repair on request.

The rows, labels, actions and CSV are the core's (``present/audit.py``, ``domain/audit.py``);
this page only asks the service and renders. Every repair is confirmed first in a non-modal box
(``open()``, never ``exec()``: the sync keeps running while the question is open).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from datetime import time as day_time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.explain import explain_exception
from pluggto_desktop.present import audit as present
from pluggto_desktop.status_words import LEVEL_COLOURS
from pluggto_desktop.ui.controller import Controller

if TYPE_CHECKING:
    from pluggto_desktop.service import AuditReport



class AuditPage(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        self.report: AuditReport | None = None
        self.rows: list[present.Row] = []
        self.running = False
        self._box: QMessageBox | None = None
        self._file_dialog: QFileDialog | None = None
        self._build()
        self._retranslate()

    # -- layout --------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(10)
        self.title = QLabel(styleSheet="font-size: 16pt; font-weight: 600;")
        self.intro = QLabel(wordWrap=True)
        outer.addWidget(self.title)
        outer.addWidget(self.intro)

        period = QHBoxLayout()
        self.preset = QComboBox()
        self.preset.currentIndexChanged.connect(self._on_preset)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-7), calendarPopup=True, enabled=False)
        self.date_to = QDateEdit(today, calendarPopup=True, enabled=False)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMaximumDate(today)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.run_button = QPushButton(default=True)
        self.run_button.clicked.connect(self.start)
        for widget in (self.preset, self.from_label, self.date_from, self.to_label, self.date_to, self.run_button):
            period.addWidget(widget)
        period.addStretch(1)
        outer.addLayout(period)

        self.status = QLabel(wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.status)
        self.counts_row = QHBoxLayout()
        self.count_labels: dict[str, QLabel] = {}
        for cls in present.CLASSES:
            label = QLabel(visible=False)
            label.setStyleSheet(f"color: {LEVEL_COLOURS[present.CLASS_LEVEL[cls]]}; font-weight: 600;")
            self.count_labels[cls] = label
            self.counts_row.addWidget(label)
        self.counts_row.addStretch(1)
        outer.addLayout(self.counts_row)

        self.table = QTableWidget(0, len(present.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)  # what differs is a sentence: two lines rather than cut
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # what differs takes the room left, elided (the whole sentence in its tooltip): no
        # horizontal scrolling on a 1024-pixel screen
        header.setSectionResizeMode(present.STRETCH_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setColumnHidden(present.HIDDEN_COLUMN, True)
        # rows grow to the lines their sentence needs at the width the column ends up with (the
        # stretched column changes width with the window, after the rows were filled)
        header.sectionResized.connect(self._fit_rows_soon)
        self._fit_rows = QTimer(self, singleShot=True, interval=0, timeout=self.table.resizeRowsToContents)
        self.table.itemSelectionChanged.connect(self._update_actions)
        outer.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for action, _words in present.ACTIONS.values():
            button = QPushButton(enabled=False)
            button.clicked.connect(lambda _=False, a=action: self.act(a))
            self.action_buttons[action] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.export_button = QPushButton(enabled=False)
        self.export_button.clicked.connect(self.export_csv)
        actions.addWidget(self.export_button)
        outer.addLayout(actions)

    def _fit_rows_soon(self, *_: object) -> None:
        self._fit_rows.start()

    def resizeEvent(self, event) -> None:  # Qt name and type
        super().resizeEvent(event)
        self._fit_rows_soon()

    def _retranslate(self) -> None:
        lang = self.controller.lang
        self.title.setText(self.tr("Audit"))
        self.intro.setText(self.tr(
            "Compares the orders in Plug.to with those in your store for a period: what is missing in the store, "
            "not acknowledged, duplicated or with a status Plug.to lacks. It only reads; nothing changes unless you "
            "ask, after confirming."))
        current = self.preset.currentIndex()
        self.preset.blockSignals(True)
        self.preset.clear()
        for key, _days in present.PRESETS:
            self.preset.addItem(present.PRESET_WORDS[key](lang), key)
        self.preset.setCurrentIndex(current if current >= 0 else 1)  # the last 7 days by default
        self.preset.blockSignals(False)
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.run_button.setText(self.tr("Checking…") if self.running else self.tr("Check now"))
        self.table.setHorizontalHeaderLabels([column(lang) for column in present.COLUMNS])
        for action, words in present.ACTIONS.values():
            self.action_buttons[action].setText(words(lang))
        self.export_button.setText(self.tr("Export CSV…"))
        if self.report is not None:
            self._show(self.report)
        elif not self.running:
            self.status.setText(self.tr("Choose the period and click Check now."))

    def changeEvent(self, event: QEvent) -> None:  # Qt name
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "run_button"):
            self._retranslate()
        super().changeEvent(event)

    # -- the period ----------------------------------------------------------------------------------
    def _on_preset(self) -> None:
        custom = self.preset.currentData() == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)

    def period(self) -> tuple[datetime, datetime]:
        """The chosen period as aware datetimes (a preset counts back from now; custom dates are
        whole local days)."""
        key = self.preset.currentData()
        now = datetime.now(UTC)
        if key == "custom":
            start = datetime.combine(self.date_from.date().toPython(), day_time.min).astimezone()
            end = datetime.combine(self.date_to.date().toPython(), day_time.max).astimezone()
            return (start, end) if start <= end else (end, start)
        days = dict(present.PRESETS)[key] or 0
        if days == 0:  # today: since local midnight
            return datetime.combine(datetime.now().date(), day_time.min).astimezone(), now
        return now - timedelta(days=days), now

    # -- running ---------------------------------------------------------------------------------------
    def start(self) -> None:
        if not self.running:
            self.controller.run(self.run_audit(), what=self.tr("check Plug.to against the store"))

    async def run_audit(self) -> AuditReport | None:
        start, end = self.period()
        self._set_running(True)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading Plug.to and the store…"))
        try:
            report = await self.service.audit(start, end)
        except Exception as exc:  # noqa: BLE001 - in words, on the page (not a dialog): the person may retry at once
            explanation = explain_exception(exc, self.controller.lang)
            self.status.setStyleSheet(f"color: {LEVEL_COLOURS['error']};")
            self.status.setText(explanation.text)
            self.status.setToolTip(explanation.technical)
            return None
        finally:
            self._set_running(False)
        self.report = report
        self._show(report)
        return report

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.run_button.setEnabled(not running)
        self.run_button.setText(self.tr("Checking…") if running else self.tr("Check now"))
        self._update_actions()

    def _show(self, report: AuditReport) -> None:
        lang = self.controller.lang
        counts = report.counts
        when = f"{report.start.astimezone():%d/%m/%Y %H:%M} – {report.end.astimezone():%d/%m/%Y %H:%M}"
        self.status.setStyleSheet("")
        self.status.setToolTip("")
        self.status.setText(self.tr("%1: %2 (%3 Plug.to orders and %4 store orders read)")
                            .replace("%1", when).replace("%2", present.summary_text(counts, lang))
                            .replace("%3", str(report.pluggto_orders)).replace("%4", str(report.store_orders)))
        for cls, label in self.count_labels.items():
            label.setText(f"{present.class_label(cls, lang)}: {counts.get(cls, 0)}")
            label.setVisible(bool(counts.get(cls)) or cls == present.OK)
        self.rows = present.rows(report.findings, lang)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row.cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r)
                if c == 0:
                    item.setForeground(QColor(LEVEL_COLOURS[present.CLASS_LEVEL[row.cls]]))
                if c == present.STRETCH_COLUMN:
                    item.setToolTip(text)
                elif row.pluggto_id:
                    item.setToolTip(f"{present.COLUMNS[present.HIDDEN_COLUMN](lang)}: {row.pluggto_id}")
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)
        self._fit_rows_soon()
        self._update_actions()

    def _update_actions(self) -> None:
        counts = self.report.counts if self.report else {}
        idle = not self.running and self.report is not None
        for cls, (action, words) in present.ACTIONS.items():
            button = self.action_buttons[action]
            if action == "open":
                button.setEnabled(idle and self._selected_row(present.DUPLICATED) is not None)
                continue
            n = counts.get(cls, 0)
            button.setEnabled(idle and n > 0)
            label = words(self.controller.lang)
            button.setText(f"{label} ({n})" if n else label)
        self.export_button.setEnabled(idle and bool(self.report and self.report.differences))

    def _selected_row(self, cls: str) -> present.Row | None:
        for item in self.table.selectedItems():
            row = self.rows[item.data(Qt.ItemDataRole.UserRole)]
            if row.cls == cls:
                return row
        return None

    # -- actions ----------------------------------------------------------------------------------------
    def act(self, action: str) -> None:
        if action == "open":
            row = self._selected_row(present.DUPLICATED)
            if row is not None:
                self.controller.navigate.emit("orders", {"search": row.pluggto_id or (row.store_ids or [""])[0]})
            return
        if self.report is None or self._box is not None:
            return
        cls = present.FIXES[action]
        n = self.report.counts.get(cls, 0)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Audit"))
        box.setText(present.CONFIRM[action](self.controller.lang, n))
        Button = QMessageBox.StandardButton
        box.setStandardButtons(Button.Yes | Button.Cancel)
        box.button(Button.Yes).setText(present.ACTIONS[cls][1](self.controller.lang))
        box.button(Button.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(Button.Cancel)
        box.finished.connect(lambda _result: self._answered(box, action))
        self._box = box
        box.open()  # never exec(): the event loop (and the sync) keeps running

    @property
    def question(self) -> QMessageBox | None:
        return self._box

    def _answered(self, box: QMessageBox, action: str) -> None:
        self._box = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.controller.run(self.repair(action), what=self.tr("repair"))
        box.deleteLater()

    async def repair(self, action: str) -> dict[str, int]:
        """Do the confirmed repair, then read both systems again so the list shows what is left."""
        if self.report is None:
            return {}
        self._set_running(True)
        self.status.setText(self.tr("Repairing…"))
        try:
            done = await self.service.fix_audit(self.report, {action})
        finally:
            self._set_running(False)
        await self.run_audit()
        if self.report is not None:
            self.status.setText(self.status.text() + " — " + self.tr("Repaired: %1.").replace(
                "%1", present.fixed_text(done, self.controller.lang)))
        return done

    # -- export --------------------------------------------------------------------------------------------
    def export_csv(self) -> None:
        if self.report is None:
            return
        dialog = QFileDialog(self, self.tr("Export CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(str(Path.home() / datetime.now().strftime(self.tr("audit") + "-%Y-%m-%d-%H%M.csv")))
        dialog.fileSelected.connect(self.export_to)
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()  # never the static getSaveFileName: it runs a nested loop

    def export_to(self, path: str | Path) -> None:
        if self.report is None:
            return
        try:
            Path(path).write_text(present.csv_text(self.report.findings, self.controller.lang), encoding="utf-8-sig")
        except OSError as exc:
            explanation = explain_exception(exc, self.controller.lang)
            self.status.setStyleSheet(f"color: {LEVEL_COLOURS['error']};")
            self.status.setText(self.tr("Could not export: %1").replace("%1", explanation.text))
            return
        saved = self.tr("Saved to %1.").replace("%1", str(path))
        self.status.setText(self.status.text().split(" — ")[0] + " — " + saved)
