"""Atividade (business events in plain words) and Log técnico (the live technical log).

Two streams on purpose (docs/ux-principles.md A.2): the merchant reads "Pedido 2000001 do
MercadoLivre integrado", the support agent reads the redacted technical log.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.logs import ActivityEntry, ActivityLog, LogEntry, recent_log, subscribe
from pluggto_desktop.ui.controller import Controller

LEVEL_MARK = {"info": "●", "warning": "▲", "error": "■"}
LEVEL_COLOUR = {"info": "#0969DA", "warning": "#9A6700", "error": "#CF222E"}


def _local(at: str | float) -> str:
    try:
        moment = datetime.fromtimestamp(at) if isinstance(at, (int, float)) else \
            datetime.fromisoformat(at).astimezone()
    except ValueError:
        return str(at)
    return moment.strftime("%d/%m %H:%M:%S")


class ActivityPage(QWidget):
    """Recent business events, newest first, with a problems-only filter and a search."""

    MAX_ROWS = 2000

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        bar = QHBoxLayout()
        self.only_problems = QCheckBox()
        self.only_problems.toggled.connect(self._apply_filter)
        self.search = QLineEdit(clearButtonEnabled=True)
        self.search.textChanged.connect(self._apply_filter)
        bar.addWidget(self.only_problems)
        bar.addWidget(self.search, 1)
        layout.addLayout(bar)
        self.list = QListWidget(wordWrap=True, uniformItemSizes=False)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._open_job)
        layout.addWidget(self.list, 1)
        self.hint = QLabel(wordWrap=True)
        self.hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.hint)
        self._retranslate()
        for entry in ActivityLog.for_profile(controller.service.profile).recent(500):
            self._add(entry.to_dict(), at_top=True)
        # a bound method: the connection ends with this page (a lambda's would outlive it)
        controller.activity.connect(self._on_activity)

    @property
    def lang(self) -> str:
        return self.controller.lang

    def _retranslate(self) -> None:
        self.only_problems.setText(self.tr("Only problems"))
        self.search.setPlaceholderText(self.tr("Search the activity"))
        self.hint.setText(self.tr("Double-click an order event to open it in Orders."))
        for row in range(self.list.count()):  # the entries are kept in both languages
            item = self.list.item(row)
            item.setText(self._line(item.data(Qt.ItemDataRole.UserRole)))
        self._apply_filter()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "hint"):
            self._retranslate()
        super().changeEvent(event)

    def _on_activity(self, entry: dict) -> None:
        self._add(entry, at_top=True)

    def _line(self, data: ActivityEntry) -> str:
        return f"{LEVEL_MARK.get(data.level, '●')}  {_local(data.at)}   {data.message(self.lang)}"

    def _add(self, entry: dict, *, at_top: bool) -> None:
        data = ActivityEntry.from_dict({**entry, "at": _iso(entry.get("at"))})
        item = QListWidgetItem(self._line(data))
        if data.level in ("warning", "error"):  # info keeps the palette's text colour
            item.setForeground(QColor(LEVEL_COLOUR[data.level]))
        item.setData(Qt.ItemDataRole.UserRole, data)
        if at_top:
            self.list.insertItem(0, item)
        else:
            self.list.addItem(item)
        while self.list.count() > self.MAX_ROWS:
            self.list.takeItem(self.list.count() - 1)
        self._filter_item(item)

    def _apply_filter(self) -> None:
        for row in range(self.list.count()):
            self._filter_item(self.list.item(row))

    def _filter_item(self, item: QListWidgetItem) -> None:
        data: ActivityEntry = item.data(Qt.ItemDataRole.UserRole)
        text = self.search.text().strip().lower()
        hidden = (self.only_problems.isChecked() and data.level == "info") or (
            bool(text) and text not in data.message(self.lang).lower())
        item.setHidden(hidden)

    def _open_job(self, item: QListWidgetItem) -> None:
        data: ActivityEntry = item.data(Qt.ItemDataRole.UserRole)
        key = data.refs.get("pluggto_id")
        if key:
            self.controller.navigate.emit("orders", {"search": key})


def _iso(at: object) -> str:
    if isinstance(at, (int, float)):
        return datetime.fromtimestamp(at, UTC).isoformat()
    return str(at or datetime.now(UTC).isoformat())


class _LogRelay(QObject):
    """Log records may come from any thread (the store's, uvicorn's): hop to the GUI thread."""

    entry = Signal(object)


class TechLogPage(QWidget):
    """Live tail of the redacted technical log with a level filter, search and copy."""

    LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR"]
    MAX_LINES = 5000

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        bar = QHBoxLayout()
        self.level_label = QLabel()
        bar.addWidget(self.level_label)
        self.level = QComboBox()
        for name in self.LEVELS:
            self.level.addItem(name, name)
        self.level.setCurrentIndex(1)
        self.level.currentIndexChanged.connect(self._rebuild)
        self.search = QLineEdit(clearButtonEnabled=True)
        self.search.textChanged.connect(self._schedule_rebuild)
        self.follow = QCheckBox(checked=True)
        self.copy_button = copy = QPushButton()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.view.toPlainText()))
        self.folder_button = folder = QPushButton()
        folder.clicked.connect(self._open_folder)
        for widget in (self.level, self.search, self.follow, copy, folder):
            bar.addWidget(widget, 1 if widget is self.search else 0)
        layout.addLayout(bar)
        self.view = QPlainTextEdit(readOnly=True)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.view.setMaximumBlockCount(self.MAX_LINES)
        font = self.view.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        self.view.setFont(font)
        layout.addWidget(self.view, 1)
        self._entries: list[LogEntry] = recent_log()
        self._relay = _LogRelay(self)
        self._relay.entry.connect(self._append, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = subscribe(self._relay.entry.emit)
        self._debounce = QTimer(self, singleShot=True, interval=250, timeout=self._rebuild)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self._retranslate()
        self._rebuild()

    def _retranslate(self) -> None:
        self.level_label.setText(self.tr("Level:"))
        self.search.setPlaceholderText(self.tr("Search the log"))
        self.follow.setText(self.tr("Follow"))
        self.copy_button.setText(self.tr("Copy"))
        self.folder_button.setText(self.tr("Open log folder"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "folder_button"):
            self._retranslate()
        super().changeEvent(event)

    def _visible(self, entry: LogEntry) -> bool:
        threshold = self.LEVELS.index(self.level.currentData())
        level = self.LEVELS.index(entry.level) if entry.level in self.LEVELS else len(self.LEVELS) - 1
        text = self.search.text().strip().lower()
        return level >= threshold and (not text or text in entry.line.lower())

    def _append(self, entry: LogEntry) -> None:
        self._entries.append(entry)
        if len(self._entries) > self.MAX_LINES:
            del self._entries[: len(self._entries) - self.MAX_LINES]
        if self._visible(entry):
            self.view.appendPlainText(entry.line)
            if self.follow.isChecked():
                self.view.verticalScrollBar().setValue(self.view.verticalScrollBar().maximum())

    def _schedule_rebuild(self) -> None:
        self._debounce.start()

    def _rebuild(self) -> None:
        self.view.setPlainText("\n".join(e.line for e in self._entries if self._visible(e)))
        if self.follow.isChecked():
            self.view.verticalScrollBar().setValue(self.view.verticalScrollBar().maximum())

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.controller.service.profile.logs_dir)))
