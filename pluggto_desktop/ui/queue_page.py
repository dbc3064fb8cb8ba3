"""The "Pedidos" view (and, with ``kind="product"``, the "Produtos" one): the job queue as a table
with filters and search, a detail pane for the current job, and the merchant's actions.

Layout::

    [Situação ▾] [Marketplace ▾] [Período ▾] [ search……………………… ]        1.234 pedidos
    [Reenviar] [Reenviar selecionados] [Ignorar…] [Desfazer ignorar] | [Copiar detalhes] …
    ┌ message bar (results, export progress) ┐
    ┌ table (pages of rows, sortable) ───────────────────────────────────────────────┐
    ├ detail: summary · reason · intermediary CNPJ │ Linha do tempo | Plug.to | …   ┤

Rules kept here (ux-and-code-anchors.md §A.2–A.5, §B.5):
* no dialog ever runs ``exec()``: the ignore reason, the import id and the export file name are
  asked with ``dialog.open()`` and answered through signals; work runs in tasks
  (``controller.run``), so the qasync loop never nests;
* the table never holds the whole queue (see :mod:`queue_model`); the export streams the view
  from its own connection on a worker thread;
* every visible string goes through Qt translation (English source, pt-BR in
  ``resources/translations/catalog/queue.json``); what the core renders (state labels, reasons)
  follows ``controller.lang``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QLocale, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontDatabase, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.jobs import FINISHED_STATES, JobState, state_label
from pluggto_desktop.domain.reasons import render
from pluggto_desktop.domain.status import status_label
from pluggto_desktop.engine.importing import IMPORTED, SUGGEST, ImportLookup, looks_like_pluggto_id
from pluggto_desktop.explain import explain_exception
from pluggto_desktop.i18n import PT
from pluggto_desktop.present import deadlines as present_deadlines
from pluggto_desktop.present import jobs as present_jobs
from pluggto_desktop.present.jobs import can_ignore, can_retry, can_unignore, event_text
from pluggto_desktop.store.jobs import (
    PAYLOAD_LINX_REQUEST,
    PAYLOAD_LINX_RESPONSE,
    PAYLOAD_PLUGGTO,
    PAYLOAD_PLUGGTO_REQUEST,
    PAYLOAD_PLUGGTO_RESPONSE,
    Event,
    Job,
)
from pluggto_desktop.ui.queue_model import (
    MAX_LOADED_ROWS,
    ExportCanceled,
    JobTableModel,
    column_title,
    local_datetime,
    state_colour,
    state_icon,
    state_text,
    write_csv,
)

#: the state combo's item data for the deadline choices ("deadline:near"…)
DEADLINE_PREFIX = "deadline:"
log = logging.getLogger("pluggto_desktop.ui.queue")

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
#: the reason column gets at least the room of this common reason, whole
REASON_MIN_CODE = "intermediary_cnpj_missing"
CELL_PADDING = 14
SEARCH_DEBOUNCE_MS = 300
MARKETPLACES_DEBOUNCE_MS = 2000
DETAIL_DEBOUNCE_MS = 60
PROCESSING = JobState.PROCESSING.value
ATTENTION = JobState.NEEDS_ATTENTION.value
RETRY_WAIT = JobState.RETRY_WAIT.value


def _alive(obj: Any) -> bool:
    return obj is not None and shiboken6.isValid(obj)


def _format_int(n: int, lang: str) -> str:
    locale = QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil) if lang == PT else \
        QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale.toString(int(n))


def _money(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    if lang == PT:
        return QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil).toCurrencyString(float(value))
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates).toCurrencyString(float(value), "R$ ")


def _pretty(payload: Any) -> str:
    if isinstance(payload, str):
        return payload
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str)


# -- small dialogs (opened with open(), never exec()) ------------------------------------------------
class IgnoreDialog(QDialog):
    """Asks why the selected jobs are ignored; the reason is required."""

    submitted = Signal(str)

    def __init__(self, count: int, parent: QWidget | None = None, *, kind: str = "order") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ignore"))
        layout = QVBoxLayout(self)
        if kind == "product":
            text = self.tr("Ignore %n product(s)? Ignored products are not sent to Plug.to until you undo it.",
                           "", count)
        else:
            text = self.tr("Ignore %n order(s)? Ignored orders are not sent to Linx until you undo it.", "", count)
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Reason (required):")))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("e.g. test order, already typed in by hand"))
        self.reason_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Ignore"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok_button.setEnabled(False)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def _submit(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            return
        self.accept()
        self.submitted.emit(reason)


class ImportDialog(QDialog):
    """Asks for a Plug.to order id; warns (but allows) when it does not look like one."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import order by Plug.to ID"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The order is fetched from Plug.to now and sent to Linx as usual. A marketplace "
                               "order number also works: the app finds which Plug.to order it is."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Plug.to order ID (or the marketplace's order number):")))
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText("5f1e0a2b3c4d5e6f7a8b9c0d")
        self.id_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        layout.addWidget(self.id_edit)
        self.warning = QLabel(self.tr("This does not look like a Plug.to order ID (24 characters, 0-9 and a-f): "
                                      "it is looked for as a marketplace order number too."))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {state_colour(RETRY_WAIT).name()}")
        self.warning.hide()
        layout.addWidget(self.warning)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok_button.setEnabled(False)
        layout.addWidget(self.buttons)
        self.id_edit.textChanged.connect(self._check)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def _check(self, text: str) -> None:
        value = text.strip()
        self.ok_button.setEnabled(bool(value))
        self.warning.setVisible(bool(value) and not looks_like_pluggto_id(value))

    def _submit(self) -> None:
        value = self.id_edit.text().strip()
        if not value:
            return
        self.accept()
        self.submitted.emit(value)


# -- the message bar ----------------------------------------------------------------------------------
class QueueMessageBar(QFrame):
    """One line above the table: an action's result, an error, or the export's progress."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        layout.addWidget(self.progress)
        # one follow-up the message offers ("Desfazer", "Importar este pedido")
        self.action_button = QPushButton()
        self.action_button.clicked.connect(self._run_action)
        self.action_button.hide()
        layout.addWidget(self.action_button)
        self._action: Callable[[], None] | None = None
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout.addWidget(self.cancel_button)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close"))
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.level = "info"
        self.hide()

    def show_message(self, text: str, level: str = "info", *, timeout_ms: int = 10000,
                     action: tuple[str, Callable[[], None]] | None = None, details: str = "") -> None:
        """Show ``text``; ``action`` adds one button (label, what it does) — a message that
        offers something stays until the person acts or closes it. ``details`` (the system's own
        text of a failure, for support) is the tooltip, never the message."""
        self.level = level
        self.label.setToolTip(details)
        colour = {"error": state_colour(ATTENTION), "warning": state_colour(RETRY_WAIT)}.get(level)
        self.label.setStyleSheet(f"color: {colour.name()}" if colour is not None else "")
        self.label.setText(text)
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        self.progress.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.show()
        self._timer.stop()
        if level == "info" and timeout_ms and action is None:
            self._timer.start(timeout_ms)

    def _run_action(self) -> None:
        action, self._action = self._action, None
        self.action_button.hide()
        self.hide()
        if action is not None:
            action()

    def show_progress(self, text: str, maximum: int | None) -> None:
        self._timer.stop()
        self.label.setToolTip("")
        self._action = None
        self.action_button.hide()
        self.level = "progress"
        self.label.setStyleSheet("")
        self.label.setText(text)
        self.progress.setRange(0, maximum or 0)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.close_button.hide()
        self.show()

    def set_progress(self, value: int) -> None:
        if self.progress.maximum():
            self.progress.setValue(min(value, self.progress.maximum()))

    def text(self) -> str:
        return self.label.text()


# -- the detail pane ----------------------------------------------------------------------------------
class JobDetailPane(QWidget):
    """Everything about the current job: summary, reason, intermediary CNPJ decision, timeline and
    payloads. ``show_job(job)`` renders the row at once and loads the rest from the store."""

    def __init__(self, controller: Any, kind: str = "order", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.kind = kind
        self.job: Job | None = None
        self.events: list[Event] = []
        self.payloads: dict[str, Any] = {}
        self._token = 0
        self._loaded_for: tuple[int, float] | None = None
        self._extras_timer = QTimer(self)
        self._extras_timer.setSingleShot(True)
        self._extras_timer.setInterval(DETAIL_DEBOUNCE_MS)
        self._extras_timer.timeout.connect(self._load_extras_now)
        if kind == "product":
            self.payload_kinds = [(PAYLOAD_PLUGGTO_REQUEST, "sent_pluggto"), (PAYLOAD_PLUGGTO_RESPONSE, "pluggto_answer")]
        else:
            self.payload_kinds = [(PAYLOAD_PLUGGTO, "pluggto"), (PAYLOAD_LINX_REQUEST, "sent_linx"),
                                  (PAYLOAD_LINX_RESPONSE, "linx_answer")]
        self._build()
        self.retranslate()
        self.show_job(None)

    # -- building ------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        self.stack.addWidget(self.placeholder)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.stack.addWidget(self.splitter)

        # left: headline, reason, summary, intermediary
        summary = QWidget()
        column = QVBoxLayout(summary)
        column.setContentsMargins(8, 8, 8, 8)
        self.headline = QLabel()
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.headline)

        self.reason_box = QFrame()
        self.reason_box.setObjectName("reasonBox")
        reason_layout = QVBoxLayout(self.reason_box)
        reason_layout.setContentsMargins(10, 8, 10, 8)
        self.reason_title = QLabel()
        bold = self.reason_title.font()
        bold.setBold(True)
        self.reason_title.setFont(bold)
        self.reason_message = QLabel()
        self.reason_hint = QLabel()
        for label in (self.reason_title, self.reason_message, self.reason_hint):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            reason_layout.addWidget(label)
        column.addWidget(self.reason_box)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(4)
        self.field_keys = self._field_keys()
        self.field_names: dict[str, QLabel] = {}
        self.field_values: dict[str, QLabel] = {}
        for key in self.field_keys:
            name = QLabel()
            name.setEnabled(False)  # the palette's muted text colour
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(name, value)
            self.field_names[key] = name
            self.field_values[key] = value
        column.addLayout(form)

        self.cnpj_box = QFrame()
        self.cnpj_box.setFrameShape(QFrame.Shape.StyledPanel)
        cnpj_layout = QVBoxLayout(self.cnpj_box)
        cnpj_layout.setContentsMargins(10, 6, 10, 6)
        self.cnpj_heading = QLabel()
        self.cnpj_heading.setFont(bold)
        self.cnpj_value = QLabel()
        self.cnpj_explanation = QLabel()
        for label in (self.cnpj_heading, self.cnpj_value, self.cnpj_explanation):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            cnpj_layout.addWidget(label)
        column.addWidget(self.cnpj_box)
        self.cnpj_box.setVisible(self.kind != "product")
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(summary)
        scroll.setMinimumWidth(300)
        self.summary_scroll = scroll
        self.splitter.addWidget(scroll)

        # right: timeline and payloads
        self.tabs = QTabWidget()
        self.timeline = QTreeWidget()
        self.timeline.setColumnCount(2)
        self.timeline.setRootIsDecorated(False)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.timeline.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.header().setStretchLastSection(True)
        self.tabs.addTab(self.timeline, "")

        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.payload_views: dict[str, QPlainTextEdit] = {}
        self.payload_missing: dict[str, QLabel] = {}
        self.payload_stacks: dict[str, QStackedWidget] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        for kind, _ in self.payload_kinds:
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.setContentsMargins(4, 4, 4, 4)
            stack = QStackedWidget()
            view = QPlainTextEdit()
            view.setReadOnly(True)
            view.setFont(fixed)
            view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            missing = QLabel()
            missing.setWordWrap(True)
            missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
            missing.setEnabled(False)
            stack.addWidget(view)
            stack.addWidget(missing)
            layout.addWidget(stack)
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            copy = QPushButton()
            copy.clicked.connect(lambda _=False, k=kind: self.copy_payload(k))
            buttons.addWidget(copy)
            layout.addLayout(buttons)
            self.payload_views[kind] = view
            self.payload_missing[kind] = missing
            self.payload_stacks[kind] = stack
            self.copy_buttons[kind] = copy
            self.tabs.addTab(page, "")
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

    def _field_keys(self) -> list[str]:
        if self.kind == "product":
            return ["key", "title", "state", "attempts", "next_attempt", "received", "updated"]
        return ["marketplace", "order_no", "pluggto_id", "linx_order", "sale_id", "buyer", "total",
                "pluggto_status", "state", "deadline", "attempts", "next_attempt", "order_date", "received", "updated"]

    def field_title(self, key: str) -> str:
        titles = {
            "marketplace": self.tr("Marketplace"),
            "order_no": self.tr("Order no."),
            "pluggto_id": self.tr("Plug.to ID"),
            "linx_order": self.tr("Linx order"),
            "sale_id": self.tr("Sale ID in Linx"),
            "buyer": self.tr("Buyer"),
            "total": self.tr("Total"),
            "pluggto_status": self.tr("Plug.to status"),
            "state": self.tr("State"),
            "deadline": self.tr("Deadline"),
            "attempts": self.tr("Attempts"),
            "next_attempt": self.tr("Next attempt"),
            "order_date": self.tr("Order date"),
            "received": self.tr("Received"),
            "updated": self.tr("Updated"),
            "key": self.tr("SKU"),
            "title": self.tr("Product"),
        }
        return titles[key]

    def payload_title(self, tag: str) -> str:
        return {
            "pluggto": self.tr("Plug.to"),
            "sent_linx": self.tr("Sent to Linx"),
            "linx_answer": self.tr("Linx answer"),
            "sent_pluggto": self.tr("Sent to Plug.to"),
            "pluggto_answer": self.tr("Plug.to answer"),
        }[tag]

    def retranslate(self) -> None:
        self.placeholder.setText(self.tr("Select a product to see its details.") if self.kind == "product"
                                 else self.tr("Select an order to see its details."))
        for key in self.field_keys:
            self.field_names[key].setText(self.field_title(key) + ":")
        self.cnpj_heading.setText(self.tr("Intermediary CNPJ"))
        self.timeline.setHeaderLabels([self.tr("When"), self.tr("Event")])
        self.tabs.setTabText(0, self.tr("Timeline"))
        for i, (kind, tag) in enumerate(self.payload_kinds, start=1):
            self.tabs.setTabText(i, self.payload_title(tag))
            self.copy_buttons[kind].setText(self.tr("Copy"))
        if self.job is not None:
            self._render_summary(self.job)
            self._render_extras()

    # -- showing a job -------------------------------------------------------------------------------
    def show_job(self, job: Job | None) -> None:
        """Show ``job`` (None: nothing selected). The same job again only re-renders what changed."""
        previous = self.job
        self.job = job
        if job is None:
            self._token += 1
            self._extras_timer.stop()
            self.events, self.payloads, self._loaded_for = [], {}, None
            self.stack.setCurrentWidget(self.placeholder)
            return
        self.stack.setCurrentWidget(self.splitter)
        if previous is not None and previous == job:
            return
        self._render_summary(job)
        if previous is None or previous.id != job.id:
            self.events, self.payloads, self._loaded_for = [], {}, None
            self._render_extras(loading=True)  # the intermediary CNPJ too
            self._scroll_to_top()  # another order: read it from its headline, not where the last one was
        else:
            self._render_intermediary(job)  # the same job, changed: its decision may have too
        if self._loaded_for != (job.id, job.updated_at):
            self._token += 1
            self._extras_timer.start()

    def _scroll_to_top(self) -> None:
        for bar in (self.summary_scroll.verticalScrollBar(), self.timeline.verticalScrollBar()):
            bar.setValue(0)
        for view in self.payload_views.values():
            view.verticalScrollBar().setValue(0)
            view.horizontalScrollBar().setValue(0)

    def reload(self) -> None:
        """Read the current job's timeline and payloads again."""
        if self.job is not None:
            self._loaded_for = None
            self._token += 1
            self._extras_timer.start()

    def _load_extras_now(self) -> None:
        if self.job is not None:
            self.controller.run(self._load_extras(self.job, self._token), what="queue: details")

    async def _load_extras(self, job: Job, token: int) -> None:
        try:
            store = self.controller.store
            events = await store.events(job.id)
            payloads = await store.payloads(job.id)
        except Exception as exc:  # the store may be closing
            log.warning("queue view: could not read the details of job %s: %s", job.id, exc)
            return
        if not _alive(self) or token != self._token:
            return
        self.events, self.payloads = events, payloads
        self._loaded_for = (job.id, job.updated_at)
        self._render_extras()

    # -- rendering -------------------------------------------------------------------------------------
    def summary_values(self, job: Job) -> dict[str, str]:
        lang = self.controller.lang
        linx = job.linx_order_number or ""
        if job.linx_order_id:
            linx = self.tr("no. %1 (ID %2)").replace("%1", linx or "?").replace("%2", job.linx_order_id)
        next_attempt = ""
        if job.next_attempt_at is not None and job.state in (RETRY_WAIT, JobState.QUEUED.value):
            next_attempt = local_datetime(job.next_attempt_at, lang)
        values = {
            "marketplace": job.marketplace or "",
            "order_no": job.marketplace_order_id or "",
            "pluggto_id": job.key,
            "linx_order": linx,
            # the OriginalOrderID the store searches by: a support agent compares it in the Linx admin
            "sale_id": job.sale_id or "",
            "buyer": job.buyer_name or "",
            "total": _money(job.order_total, lang),
            "pluggto_status": status_label(job.pluggto_status, lang) if job.pluggto_status else "",
            "state": state_text(job, lang),
            "deadline": present_deadlines.job_line(job.deadline(), time.time(), lang) or "",
            "attempts": str(job.attempts),
            "next_attempt": next_attempt,
            "order_date": local_datetime(job.order_created_at, lang),
            "received": local_datetime(job.created_at, lang),
            "updated": local_datetime(job.updated_at, lang),
            "key": job.key,
            "title": job.title or "",
        }
        return {key: values[key] for key in self.field_keys}

    def headline_text(self, job: Job) -> str:
        if self.kind == "product":
            return self.tr("Product %1").replace("%1", job.title or job.key)
        number = job.marketplace_order_id or job.key
        if job.marketplace:
            return self.tr("Order %1 · %2").replace("%1", number).replace("%2", job.marketplace)
        return self.tr("Order %1").replace("%1", number)

    def reason_lines(self, job: Job) -> tuple[str, str, str] | None:
        """(title, message, hint) of what the merchant should know (present/jobs.py's rule), or None
        when there is only the state to say."""
        reason = present_jobs.reason(job, self.controller.lang)
        if not reason.explains:
            return None
        hint = reason.hint
        if hint and reason.source == present_jobs.STORED:
            hint = self.tr("What to do: %1").replace("%1", hint)
        return reason.title, reason.message, hint

    def intermediary_lines(self, job: Job) -> tuple[str, str]:
        """(value and source in words, why) of the intermediary CNPJ decision."""
        sources = {
            "order": self.tr("informed on the order"),
            "marketplace_table": self.tr("per-marketplace table"),
            "channel": self.tr("the channel's default CNPJ"),
        }
        explanation = ""
        for event in reversed(self.events):
            if event.type == "intermediary":
                explanation = event_text(event, self.controller.lang)
                break
        if job.intermediary_cnpj:
            source = sources.get(job.intermediary_source or "", job.intermediary_source or "")
            value = f"{cnpj.format(job.intermediary_cnpj)} — {source}" if source else cnpj.format(job.intermediary_cnpj)
        elif job.intermediary_source == "none" and job.reason_code != "intermediary_cnpj_missing":
            value = self.tr("No intermediary (allowed by the channel settings)")
        elif explanation or job.intermediary_source == "none":
            value = self.tr("None found")
        else:
            value = self.tr("Not decided yet: it is decided when the order is sent to Linx.")
        return value, explanation

    def _render_summary(self, job: Job) -> None:
        self.headline.setText(self.headline_text(job))
        for key, value in self.summary_values(job).items():
            self.field_values[key].setText(value or "—")
        state_label_widget = self.field_values["state"]
        state_label_widget.setStyleSheet(f"color: {state_colour(job.state).name()}; font-weight: bold")
        lines = self.reason_lines(job)
        if lines is None:
            self.reason_box.hide()
        else:
            title, message, hint = lines
            colour = state_colour(job.state)
            self.reason_box.setStyleSheet(
                f"#reasonBox {{ border: 1px solid {colour.name()}; border-left: 4px solid {colour.name()};"
                f" border-radius: 4px; }}")
            self.reason_title.setStyleSheet(f"color: {colour.name()}")
            self.reason_title.setText(title)
            self.reason_message.setText(message)
            self.reason_message.setVisible(bool(message))
            self.reason_message.setToolTip(job.last_error or "" if job.state == RETRY_WAIT else "")
            self.reason_hint.setText(hint)
            self.reason_hint.setVisible(bool(hint))
            self.reason_box.show()

    def _render_extras(self, *, loading: bool = False) -> None:
        job = self.job
        if job is None:
            return
        lang = self.controller.lang
        self.timeline.clear()
        if loading:
            item = QTreeWidgetItem(["", self.tr("Loading…")])
            self.timeline.addTopLevelItem(item)
        else:
            items = []
            for event in reversed(self.events):  # newest first
                when = ""
                if event.at is not None:
                    moment = datetime.fromtimestamp(event.at)
                    when = moment.strftime("%d/%m/%Y %H:%M:%S" if lang == PT else "%Y-%m-%d %H:%M:%S")
                text = event_text(event, lang) or event.type
                item = QTreeWidgetItem([when, text])
                item.setIcon(0, state_icon({"error": ATTENTION, "warning": RETRY_WAIT}.get(event.level, PROCESSING)))
                item.setToolTip(1, f"{text}\n[{event.type}]")
                if event.level in ("error", "warning"):
                    item.setForeground(1, state_colour(ATTENTION if event.level == "error" else RETRY_WAIT))
                items.append(item)
            self.timeline.addTopLevelItems(items)
            if not items:
                self.timeline.addTopLevelItem(QTreeWidgetItem(["", self.tr("No events recorded.")]))
        purged = not loading and not self.payloads and job.state in FINISHED_STATES
        for kind, tag in self.payload_kinds:
            view, missing, stack = self.payload_views[kind], self.payload_missing[kind], self.payload_stacks[kind]
            payload = self.payloads.get(kind)
            if payload is not None:
                view.setPlainText(_pretty(payload))
                stack.setCurrentWidget(view)
                self.copy_buttons[kind].setEnabled(True)
                continue
            view.clear()
            if loading:
                missing.setText(self.tr("Loading…"))
            elif purged:
                missing.setText(self.tr("Not available: the data of finished orders is deleted after the "
                                        "retention period (the timeline is kept)."))
            else:
                missing.setText(self.missing_text(tag))
            stack.setCurrentWidget(missing)
            self.copy_buttons[kind].setEnabled(False)
        self._render_intermediary(job)

    def _render_intermediary(self, job: Job) -> None:
        """The intermediary CNPJ decision (orders only); its explanation comes from the timeline."""
        if self.kind != "product":
            value, why = self.intermediary_lines(job)
            self.cnpj_value.setText(value)
            self.cnpj_explanation.setText(why)
            self.cnpj_explanation.setVisible(bool(why))

    def missing_text(self, tag: str) -> str:
        return {
            "pluggto": self.tr("Not available: the order has not been read from Plug.to yet, or its data was "
                               "deleted after the retention period."),
            "sent_linx": self.tr("Not available: nothing was sent to Linx for this order (yet), or it was "
                                 "deleted after the retention period."),
            "linx_answer": self.tr("Not available: Linx has not answered for this order (yet), or the answer "
                                   "was deleted after the retention period."),
            "sent_pluggto": self.tr("Not available: nothing was sent to Plug.to for this product yet."),
            "pluggto_answer": self.tr("Not available: Plug.to has not answered for this product yet."),
        }[tag]

    def copy_payload(self, kind: str) -> None:
        text = self.payload_views[kind].toPlainText()
        if text:
            QGuiApplication.clipboard().setText(text)

    def payload_text(self, kind: str) -> str | None:
        """What the payload tab shows (None when it says the payload is missing)."""
        stack = self.payload_stacks[kind]
        return self.payload_views[kind].toPlainText() if stack.currentWidget() is self.payload_views[kind] else None

    def missing_message(self, kind: str) -> str | None:
        stack = self.payload_stacks[kind]
        return self.payload_missing[kind].text() if stack.currentWidget() is self.payload_missing[kind] else None

    def details_text(self, job: Job, events: list[Event]) -> str:
        """Plain text for "Copiar detalhes": summary, reason, intermediary decision, timeline.
        Never the payloads (buyers' personal data stays in the app)."""
        lang = self.controller.lang
        lines = [self.headline_text(job), ""]
        for key, value in self.summary_values(job).items():
            lines.append(f"{self.field_title(key)}: {value or '—'}")
        reason = self.reason_lines(job)
        if reason is not None:
            title, message, hint = reason
            label = self.tr("Reason")
            lines += ["", f"{label}: {title}"]
            lines += [text for text in (message, hint) if text]
            if job.state == RETRY_WAIT and job.last_error:
                lines.append(self.tr("Last error: %1").replace("%1", job.last_error))
        if self.kind != "product":
            saved, self.events = self.events, events
            try:
                value, why = self.intermediary_lines(job)
            finally:
                self.events = saved
            label = self.tr("Intermediary CNPJ")
            lines += ["", f"{label}: {value}"]
            if why:
                lines.append(why)
        lines += ["", self.tr("Timeline") + ":"]
        for event in events:
            when = local_datetime(event.at, lang) if event.at is not None else ""
            lines.append(f"{when}  [{event.level}] {event_text(event, lang) or event.type}")
        return "\n".join(lines) + "\n"


# -- the page -------------------------------------------------------------------------------------------
class QueuePage(QWidget):
    """The orders queue (``kind="order"``) or the products queue (``kind="product"``).

    Public API: ``model`` (:class:`JobTableModel`), ``table``, ``detail``; ``apply_filters(dict)``;
    ``current_job()``, ``selected_jobs()``, ``select_job(id)``; slots ``retry_current``,
    ``retry_selected``, ``ignore_selected``, ``unignore_selected``, ``copy_details``,
    ``export_csv``, ``import_order``; coroutines ``retry(ids)``, ``ignore(ids, reason)``,
    ``unignore(ids)``, ``export_to(path)``, ``import_by_id(text)``, ``copy_details_async()``.
    """

    def __init__(self, controller: Any, kind: str = "order", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.kind = kind
        self.model = JobTableModel(controller, kind, parent=self)
        self._restore: tuple[list[int], int | None] | None = None
        self._select_after_load: int | None = None
        self._export_cancel: threading.Event | None = None
        self._dialog: QDialog | None = None
        self._importing: dict[int, str] = {}  # job id -> Plug.to id, for orders imported by id
        self._file_dialog: QFileDialog | None = None
        self._counts: dict[str, int] = {}
        self._updating = False
        self._sized = False
        self._elsewhere_generation = 0
        self._elsewhere_shown: str | None = None
        self._sizing = False  # the page itself is moving or sizing columns
        self._user_sized = False  # the person resized a column: keep their widths
        self._column_menu: QMenu | None = None

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_query)
        self._marketplaces_timer = QTimer(self)
        self._marketplaces_timer.setSingleShot(True)
        self._marketplaces_timer.setInterval(MARKETPLACES_DEBOUNCE_MS)
        self._marketplaces_timer.timeout.connect(self.refresh_marketplaces)

        self._build()
        self._connect()
        self.set_visible_columns(self._saved_columns(), save=False)
        self.retranslate()
        self._built = True
        self._apply_query()
        self.refresh_marketplaces()
        self.controller.run(self._load_counts(), what="queue: counts")

    # -- building --------------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)

        # Two rows that fit a 1024-pixel screen: the filters and the search; the actions and the
        # count. The filter boxes carry their own names ("Todas as situações", "Todos os
        # marketplaces", "Qualquer data") instead of a label each.
        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.state_combo = QComboBox()
        # wide enough for "Precisa de atenção (40.090)"; a longer item (a dashboard link to several
        # states) is elided in the box, never pushing the search box out
        self.state_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.state_combo.setMinimumContentsLength(22)
        self.marketplace_combo = QComboBox()
        self.marketplace_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.date_combo = QComboBox()
        self.date_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 22)
        for combo in (self.state_combo, self.marketplace_combo, self.date_combo):
            filters.addWidget(combo)
        self.marketplace_combo.setVisible(self.kind != "product")
        filters.addWidget(self.search_edit, 1)
        layout.addLayout(filters)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_retry = self._action(self.retry_current, "Ctrl+R")
        self.act_retry_selected = self._action(self.retry_selected, "Ctrl+Shift+R")
        self.act_ignore = self._action(self.ignore_selected)
        self.act_unignore = self._action(self.unignore_selected)
        self.act_copy = self._action(self.copy_details, "Ctrl+Shift+C")
        self.act_export = self._action(self.export_csv, "Ctrl+E")
        self.act_import = self._action(self.import_order, "Ctrl+I")
        self.act_reload = self._action(self.reload, QKeySequence.StandardKey.Refresh)
        self.act_search = self._action(self._focus_search, QKeySequence.StandardKey.Find)
        for action in (self.act_retry, self.act_retry_selected, self.act_ignore, self.act_unignore):
            self.toolbar.addAction(action)
        if self.kind != "product":
            self.toolbar.addSeparator()
            self.toolbar.addAction(self.act_import)
        else:
            self.act_import.setVisible(False)
        # last, so that on a narrow window the overflow menu (») takes these: both are also in the
        # table's right-click menu
        self.toolbar.addSeparator()
        for action in (self.act_copy, self.act_export):
            self.toolbar.addAction(action)
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        actions = QHBoxLayout()
        actions.addWidget(self.toolbar, 1)
        actions.addSpacing(8)
        actions.addWidget(self.count_label)
        layout.addLayout(actions)

        self.message = QueueMessageBar()
        layout.addWidget(self.message)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setSortingEnabled(True)

        self.detail = JobDetailPane(self.controller, self.kind)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

    def _action(self, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(lambda _=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.search_edit.textEdited.connect(lambda _: self._search_timer.start())
        self.search_edit.textChanged.connect(self._search_cleared)
        self.search_edit.returnPressed.connect(self._apply_query)
        self.state_combo.currentIndexChanged.connect(self._filters_changed)
        self.marketplace_combo.currentIndexChanged.connect(self._filters_changed)
        self.date_combo.currentIndexChanged.connect(self._filters_changed)
        self.model.count_changed.connect(self._show_count)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.model.page_loaded.connect(self._after_page)
        self.model.dataChanged.connect(self._rows_changed)
        self.model.load_failed.connect(self._load_failed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._header_menu)
        self.table.horizontalHeader().sectionMoved.connect(self._column_moved)
        self.table.horizontalHeader().sectionResized.connect(self._column_resized)
        self.message.cancel_requested.connect(self._cancel_export)
        self.controller.counts_changed.connect(self._counts_changed)
        self.controller.job_changed.connect(self._import_outcome)

    def retranslate(self) -> None:
        """Every visible text again (construction, and when the language changes)."""
        product = self.kind == "product"
        self.state_combo.setToolTip(self.tr("State"))
        self.state_combo.setAccessibleName(self.tr("State"))
        self.marketplace_combo.setToolTip(self.tr("Marketplace"))
        self.marketplace_combo.setAccessibleName(self.tr("Marketplace"))
        self.date_combo.setToolTip(self.tr("Period (last update)"))
        self.date_combo.setAccessibleName(self.tr("Period (last update)"))
        self.search_edit.setPlaceholderText(
            self.tr("Search by SKU or product name") if product
            else self.tr("Search by order number, Plug.to ID, Linx order or buyer"))
        self.search_edit.setToolTip(self.search_edit.placeholderText())
        self.act_retry.setText(self.tr("Resend"))
        self.act_retry.setToolTip(self.tr("Send the current order to the queue again (Ctrl+R)"))
        self.act_retry_selected.setText(self.tr("Resend selected"))
        self.act_retry_selected.setToolTip(self.tr("Send every selected order to the queue again (Ctrl+Shift+R)"))
        self.act_ignore.setText(self.tr("Ignore…"))
        self.act_ignore.setToolTip(self.tr("Stop processing the selected orders, with a reason (reversible)"))
        self.act_unignore.setText(self.tr("Undo ignore"))
        self.act_unignore.setToolTip(self.tr("Bring the selected ignored orders back"))
        self.act_copy.setText(self.tr("Copy details"))
        self.act_copy.setToolTip(self.tr("Copy the summary, reason and timeline of the current order (Ctrl+Shift+C)"))
        self.act_export.setText(self.tr("Export CSV…"))
        self.act_export.setToolTip(self.tr("Save the rows of this view (filters and search applied) as CSV (Ctrl+E)"))
        self.act_import.setText(self.tr("Import order…"))
        self.act_import.setToolTip(self.tr("Fetch one order from Plug.to now, by its ID (Ctrl+I)"))
        self.act_reload.setText(self.tr("Refresh"))
        self.act_search.setText(self.tr("Search"))
        self.message.cancel_button.setText(self.tr("Cancel"))
        self.message.close_button.setToolTip(self.tr("Close"))
        self._fill_state_combo()
        self._fill_date_combo()
        if self.marketplace_combo.count():
            self.marketplace_combo.setItemText(0, self.tr("All marketplaces"))
        self.model.retranslate()
        self.detail.retranslate()
        self._size_columns()
        if self.model.total is not None:
            self._show_count(self.model.total, self.model.total_exact)
        self._update_actions()

    def _fill_state_combo(self) -> None:
        lang = self.controller.lang
        current = self.state_combo.currentData() if self.state_combo.count() else None
        self._updating = True
        try:
            self.state_combo.clear()
            self.state_combo.addItem(self.tr("All states"), None)
            for state in JobState:
                text = state_label(state.value, lang)
                if state.value in self._counts:
                    text += f" ({_format_int(self._counts[state.value], lang)})"
                self.state_combo.addItem(state_icon(state.value), text, state.value)
            if self.kind == "order":  # the deadline watch: orders close to / past their marketplace deadline
                for key, words in present_deadlines.FILTERS:
                    self.state_combo.addItem(words(lang), DEADLINE_PREFIX + key)
            if current is not None:
                self._select_state_item(current)
        finally:
            self._updating = False

    def _select_state_item(self, states: Any) -> None:
        """Select the item of these states (item data: the states joined by commas); a set of
        several states the combo does not list (a dashboard link) gets an item of its own."""
        if not states:
            self.state_combo.setCurrentIndex(0)
            return
        data = states if isinstance(states, str) else ",".join(states)
        index = self.state_combo.findData(data)
        if index < 0:
            lang = self.controller.lang
            self.state_combo.addItem(" + ".join(state_label(s, lang) for s in data.split(",")), data)
            index = self.state_combo.count() - 1
        self.state_combo.setCurrentIndex(index)

    def state_filter(self) -> list[str] | None:
        data = self.state_combo.currentData()
        return data.split(",") if data and not data.startswith(DEADLINE_PREFIX) else None

    def deadline_filter(self) -> str | None:
        """``near``, ``late`` or ``watch`` when the combo shows a deadline choice."""
        data = self.state_combo.currentData()
        return data.removeprefix(DEADLINE_PREFIX) if data and data.startswith(DEADLINE_PREFIX) else None

    def _fill_date_combo(self) -> None:
        current = self.date_combo.currentData() if self.date_combo.count() else None
        self._updating = True
        try:
            self.date_combo.clear()
            for text, key in ((self.tr("Any date"), None), (self.tr("Today"), "today"),
                              (self.tr("Last 7 days"), "7d"), (self.tr("Last 30 days"), "30d")):
                self.date_combo.addItem(text, key)
            index = self.date_combo.findData(current) if current is not None else 0
            self.date_combo.setCurrentIndex(max(0, index))
        finally:
            self._updating = False

    # -- columns ---------------------------------------------------------------------------------------
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
        samples = {**SIZE_SAMPLES, "state": state_label(ATTENTION, lang)}
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
        reason_min = metrics.horizontalAdvance(render(REASON_MIN_CODE, {}, lang).title) + CELL_PADDING
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

    # -- filters -------------------------------------------------------------------------------------
    def build_query(self) -> Any:
        states = self.state_filter()
        date_key = self.date_combo.currentData()
        date_from = None
        now = datetime.now()
        if date_key == "today":
            date_from = now.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
        elif date_key == "7d":
            date_from = (now - timedelta(days=7)).timestamp()
        elif date_key == "30d":
            date_from = (now - timedelta(days=30)).timestamp()
        return replace(
            self.model.query,
            states=states,
            marketplace=self.marketplace_combo.currentData() if self.kind != "product" else None,
            date_from=date_from,
            date_to=None,
            search=self.search_edit.text().strip() or None,
            deadline=self.deadline_filter(),
            now=None,  # the store's clock at each read: an order turns late while the view is open
        )

    def _apply_query(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.build_query())
        self._update_actions()

    def _filters_changed(self, *_: Any) -> None:
        if not self._updating:
            self._apply_query()

    def _search_cleared(self, text: str) -> None:
        if not text and not self._updating and self.model.query.search:
            self._apply_query()  # the clear button: no need to wait

    def _focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def reload(self) -> None:
        self.model.reload()
        self.refresh_marketplaces()

    def apply_filters(self, filters: dict[str, Any]) -> None:
        """Show the view a dashboard/tray link asks for. Keys: ``states`` (list), ``deadline``
        ("near", "late", "watch"), ``marketplace``,
        ``date`` ("today", "7d", "30d"), ``search``, ``job_id`` (selected when it appears).
        Filters not given are cleared, so the link shows exactly what it promised."""
        self._updating = True
        try:
            deadline = filters.get("deadline")
            self._select_state_item(DEADLINE_PREFIX + deadline if deadline else filters.get("states") or None)
            marketplace = filters.get("marketplace")
            if marketplace and self.marketplace_combo.findData(marketplace) < 0:
                self.marketplace_combo.addItem(marketplace, marketplace)
            self.marketplace_combo.setCurrentIndex(max(0, self.marketplace_combo.findData(marketplace))
                                                   if marketplace else 0)
            date_index = self.date_combo.findData(filters.get("date")) if filters.get("date") else 0
            self.date_combo.setCurrentIndex(max(0, date_index))
            self.search_edit.setText(str(filters.get("search") or ""))
        finally:
            self._updating = False
        if filters.get("job_id") is not None:
            self._select_after_load = int(filters["job_id"])
        self._apply_query()

    def refresh_marketplaces(self) -> None:
        if self.kind != "product":
            self.controller.run(self._load_marketplaces(), what="queue: marketplaces")

    async def _load_marketplaces(self) -> None:
        try:
            names = await self.controller.store.marketplace_names(self.kind)
        except Exception as exc:
            log.warning("queue view: could not list marketplaces: %s", exc)
            return
        if not _alive(self):
            return
        current = self.marketplace_combo.currentData()
        self._updating = True
        try:
            self.marketplace_combo.clear()
            self.marketplace_combo.addItem(self.tr("All marketplaces"), None)
            for name in names:
                self.marketplace_combo.addItem(name, name)
            if current and self.marketplace_combo.findData(current) < 0:
                self.marketplace_combo.addItem(current, current)
            self.marketplace_combo.setCurrentIndex(max(0, self.marketplace_combo.findData(current)) if current else 0)
        finally:
            self._updating = False

    async def _load_counts(self) -> None:
        try:
            counts = await self.controller.store.counts(self.kind)
        except Exception as exc:
            log.warning("queue view: could not read the counts: %s", exc)
            return
        if _alive(self):
            self._set_counts(counts)

    def _counts_changed(self, counts: dict) -> None:
        if self.kind in counts:
            self._set_counts(counts[self.kind])
            if not self._marketplaces_timer.isActive():
                self._marketplaces_timer.start()

    def _set_counts(self, counts: dict[str, int]) -> None:
        if counts == self._counts:
            return
        self._counts = dict(counts)
        lang = self.controller.lang
        for i in range(self.state_combo.count()):
            state = self.state_combo.itemData(i)
            if state and state in self._counts:
                self.state_combo.setItemText(i, f"{state_label(state, lang)} ({_format_int(self._counts[state], lang)})")

    def _show_count(self, n: int, exact: bool) -> None:
        lang = self.controller.lang
        if self.kind == "product":
            text = self.tr("%n product(s)", "", n) if exact else self.tr("More than %n product(s)", "", n)
        else:
            text = self.tr("%n order(s)", "", n) if exact else self.tr("More than %n order(s)", "", n)
        self.count_label.setText(text.replace(str(n), _format_int(n, lang), 1))

    def _load_failed(self, message: str) -> None:
        # the store's own words (English, technical) are for support: in the tooltip
        self.message.show_message(self.tr("Could not read the queue just now (the database may be busy or "
                                          "closing). Try again with Refresh (F5)."), "error", details=message)

    # -- selection -----------------------------------------------------------------------------------
    def current_job(self) -> Job | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.job(index.row()) if index.isValid() else None

    def selected_jobs(self) -> list[Job]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        jobs = [self.model.job(row) for row in rows]
        return [job for job in jobs if job is not None]

    def select_job(self, job_id: int) -> bool:
        """Make ``job_id`` the current, only selected row; False when it is not loaded."""
        row = self.model.row_of(job_id)
        if row < 0:
            return False
        self._select_rows([row], row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _select_rows(self, rows: list[int], current: int | None) -> None:
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        for row in sorted(rows):
            selection.select(self.model.index(row, 0), self.model.index(row, last_column))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        selection_model = self.table.selectionModel()
        if current is not None:
            selection_model.setCurrentIndex(self.model.index(current, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.select(selection, flags)

    def _remember_selection(self) -> None:
        if self._restore is None:
            current = self.current_job()
            self._restore = ([job.id for job in self.selected_jobs()], current.id if current else None)

    def _after_reset(self) -> None:
        if self.model.rowCount():  # a live refresh: the rows are back at once
            self._restore_selection()
        else:  # a new query: its first page comes later (page_loaded)
            self.detail.show_job(None)
            self._update_actions()

    def _after_page(self, first: int, count: int) -> None:
        if first == 0:
            self._check_elsewhere()
            self._restore_selection()
            if self.model.capped:
                self.message.show_message(self.tr("Showing the first %n rows: use the filters or the search "
                                                  "to narrow the list.", "", MAX_LOADED_ROWS), "warning")
        elif self.model.capped and count:
            self.message.show_message(self.tr("Showing the first %n rows: use the filters or the search "
                                              "to narrow the list.", "", MAX_LOADED_ROWS), "warning")

    # -- nothing found here, something elsewhere -------------------------------------------------------
    def _check_elsewhere(self) -> None:
        """A search that finds nothing under a state filter: look in the other states, so the
        person learns the order exists ("Nenhum pedido em Precisa de atenção; 1 em outras
        situações — Mostrar")."""
        query = self.model.query
        if self._elsewhere_shown and self.message.isVisible() and self.message.text() == self._elsewhere_shown:
            self.message.hide()
        self._elsewhere_shown = None
        if self.model.rowCount() or not query.states or not (query.search or "").strip():
            return
        self._elsewhere_generation += 1
        self.controller.run(self._look_elsewhere(query, self._elsewhere_generation), what="queue: other states")

    async def _look_elsewhere(self, query: Any, generation: int) -> None:
        try:
            n, _exact = await self.controller.store.count_jobs_capped(replace(query, states=None), 1000)
        except Exception as exc:  # the store may be closing
            log.warning("queue view: could not count the other states: %s", exc)
            return
        if not _alive(self) or generation != self._elsewhere_generation or self.model.query != query \
                or self.model.rowCount() or not n:
            return
        lang = self.controller.lang
        states = "<i>" + " + ".join(state_label(s, lang) for s in query.states) + "</i>"
        if self.kind == "product":
            text = self.tr("No product in %1; %n in other states.", "", n)
        else:
            text = self.tr("No order in %1; %n in other states.", "", n)
        text = text.replace("%1", states)
        self.message.show_message(text, action=(self.tr("Show"), self._show_all_states))
        self._elsewhere_shown = self.message.text()

    def _show_all_states(self) -> None:
        """Clear the state filter, keeping the search and the other filters."""
        self.state_combo.setCurrentIndex(0)

    def _restore_selection(self) -> None:
        wanted, self._restore = self._restore, None
        selected, current = wanted if wanted is not None else ([], None)
        if self._select_after_load is not None:
            target, self._select_after_load = self._select_after_load, None
            if self.select_job(target):
                return
        rows = [row for row in (self.model.row_of(i) for i in selected) if row >= 0]
        current_row = self.model.row_of(current) if current is not None else -1
        if rows or current_row >= 0:
            self._select_rows(rows, current_row if current_row >= 0 else rows[0])
        self._current_changed()

    def _current_changed(self, *_: Any) -> None:
        self.detail.show_job(self.current_job())
        self._update_actions()

    def _rows_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_: Any) -> None:
        current = self.table.selectionModel().currentIndex()
        if current.isValid() and top_left.row() <= current.row() <= bottom_right.row():
            self.detail.show_job(self.model.job(current.row()))
        self._update_actions()

    def _scrolled(self, value: int) -> None:
        self.model.follow_top = value == 0

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not 0 <= column < len(self.model.columns) or self.model.columns[column].sort_field is None:
            header = self.table.horizontalHeader()
            order = Qt.SortOrder.DescendingOrder if self.model.query.descending else Qt.SortOrder.AscendingOrder
            QTimer.singleShot(0, lambda: _alive(header) and header.setSortIndicator(self.model.sort_column(), order))

    def _update_actions(self) -> None:
        current = self.current_job()
        selected = self.selected_jobs()
        self.act_retry.setEnabled(current is not None and can_retry(current))
        self.act_retry_selected.setEnabled(any(can_retry(job) for job in selected))
        self.act_ignore.setEnabled(any(can_ignore(job) for job in selected))
        self.act_unignore.setEnabled(any(can_unignore(job) for job in selected))
        self.act_copy.setEnabled(current is not None)
        self.act_export.setEnabled(self._export_cancel is None)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.act_retry, self.act_retry_selected, self.act_ignore, self.act_unignore):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.act_copy)
        copy_id = menu.addAction(self.tr("Copy Plug.to ID") if self.kind != "product" else self.tr("Copy SKU"))
        job = self.current_job()
        copy_id.setEnabled(job is not None)
        copy_id.triggered.connect(lambda: job and QGuiApplication.clipboard().setText(job.key))
        menu.addSeparator()
        menu.addAction(self.act_export)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # -- actions ---------------------------------------------------------------------------------------
    def retry_current(self) -> None:
        job = self.current_job()
        if job is not None and can_retry(job):
            self.controller.run(self.retry([job.id]), what=self.tr("Resend"))

    def retry_selected(self) -> None:
        ids = [job.id for job in self.selected_jobs() if can_retry(job)]
        if ids:
            self.controller.run(self.retry(ids), what=self.tr("Resend selected"))

    def ignore_selected(self) -> None:
        ids = [job.id for job in self.selected_jobs() if can_ignore(job)]
        if not ids:
            return
        dialog = IgnoreDialog(len(ids), self, kind=self.kind)
        dialog.submitted.connect(lambda reason: self.controller.run(self.ignore(ids, reason), what=self.tr("Ignore")))
        self._open_dialog(dialog)

    def unignore_selected(self) -> None:
        ids = [job.id for job in self.selected_jobs() if can_unignore(job)]
        if ids:
            self.controller.run(self.unignore(ids), what=self.tr("Undo ignore"))

    def import_order(self) -> None:
        dialog = ImportDialog(self)
        dialog.submitted.connect(lambda text: self.controller.run(self.import_by_id(text),
                                                                  what=self.tr("Import order by Plug.to ID")))
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: QDialog) -> None:
        if _alive(self._dialog):
            self._dialog.close()
        self._dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # never exec(): no nested event loop under qasync

    async def retry(self, job_ids: list[int]) -> int:
        count = await self.controller.service.retry(list(job_ids))
        await self._after_action(job_ids)
        self.message.show_message(self._result_text("retry", count))
        return count

    async def ignore(self, job_ids: list[int], reason: str) -> int:
        reason = reason.strip()
        if not reason:
            raise ValueError("a reason is required to ignore")
        ignored = [job_id for job_id in job_ids if await self.controller.service.ignore(job_id, reason)]
        await self._after_action(job_ids)
        if _alive(self):
            # reversible, so the message offers the way back at once
            self.message.show_message(self._result_text("ignore", len(ignored)),
                                      action=(self.tr("Undo"), lambda: self._undo_ignore(ignored)) if ignored
                                      else None)
        return len(ignored)

    def _undo_ignore(self, job_ids: list[int]) -> None:
        self.controller.run(self.unignore(job_ids), what=self.tr("Undo ignore"))

    async def unignore(self, job_ids: list[int]) -> int:
        count = 0
        for job_id in job_ids:
            count += bool(await self.controller.service.unignore(job_id))
        await self._after_action(job_ids)
        self.message.show_message(self._result_text("unignore", count))
        return count

    async def import_by_id(self, text: str) -> ImportLookup | None:
        key = text.strip()
        if not key:
            return None
        lookup: ImportLookup = await self.controller.service.import_order(key)
        if not _alive(self):
            return lookup
        lang = self.controller.lang
        if lookup.outcome == IMPORTED and lookup.job_id is not None:
            self.apply_filters({"search": key, "job_id": lookup.job_id})
            self.message.show_message(lookup.message(lang))
            self._importing[lookup.job_id] = key  # the bar then says how it ended
        elif lookup.outcome == SUGGEST:
            self.message.show_message(lookup.message(lang), "warning", action=self._suggestion_action(lookup))
        else:
            self.message.show_message(lookup.message(lang), "error")
        return lookup

    def _suggestion_action(self, lookup: ImportLookup) -> tuple[str, Callable[[], None]] | None:
        """The button a suggestion offers: show the order already queued, or import the one
        Plug.to has under that marketplace number (only when there is exactly one)."""
        if len(lookup.candidates) != 1:
            return None
        candidate = lookup.candidates[0]
        if candidate.job_id is not None:
            return self.tr("Show it"), lambda: self.apply_filters({"search": candidate.pluggto_id,
                                                                    "job_id": candidate.job_id})
        return (self.tr("Import order %1").replace("%1", candidate.pluggto_id),
                lambda: self.controller.run(self.import_by_id(candidate.pluggto_id),
                                            what=self.tr("Import order by Plug.to ID")))

    def _import_outcome(self, payload: dict) -> None:
        """An order imported by id reached an outcome: replace "being imported" with it."""
        if not _alive(self) or payload.get("job_id") not in self._importing:
            return
        state = payload.get("state")
        words = {
            "integrated": (self.tr("Order %1 imported: it is in the store."), "info"),
            "needs_attention": (self.tr("Order %1 was read but needs attention: see the reason below."), "error"),
            "waiting_payment": (self.tr("Order %1 imported: waiting for the buyer's payment."), "info"),
            "canceled": (self.tr("Order %1 imported: it was canceled on the marketplace."), "info"),
            "retry_wait": (self.tr("Order %1: Plug.to or the store did not answer; it is retried automatically."),
                           "warning"),
        }.get(state)
        if words is None:  # still on its way (queued, processing)
            return
        key = self._importing.pop(payload["job_id"])
        self.message.show_message(words[0].replace("%1", key), words[1])

    async def _after_action(self, job_ids: list[int]) -> None:
        if not _alive(self):
            return
        await self.model.refresh_jobs(job_ids)
        self.model.note_changed(job_ids)
        current = self.current_job()
        if current is not None and current.id in job_ids:
            self.detail.show_job(current)
            self.detail.reload()
        self._update_actions()

    def _result_text(self, what: str, n: int) -> str:
        """The message after an action (literal tr() calls, so lupdate sees every text)."""
        if self.kind == "product":
            texts = {
                "retry": lambda: self.tr("%n product(s) sent to the queue again.", "", n),
                "ignore": lambda: self.tr("%n product(s) ignored.", "", n),
                "unignore": lambda: self.tr("%n product(s) back in the queue.", "", n),
            }
        else:
            texts = {
                "retry": lambda: self.tr("%n order(s) sent to the queue again.", "", n),
                "ignore": lambda: self.tr("%n order(s) ignored.", "", n),
                "unignore": lambda: self.tr("%n order(s) back in the queue.", "", n),
            }
        return texts[what]()

    # -- copy details ------------------------------------------------------------------------------------
    def copy_details(self) -> None:
        if self.current_job() is not None:
            self.controller.run(self.copy_details_async(), what=self.tr("Copy details"))

    async def copy_details_async(self) -> str:
        job = self.current_job()
        if job is None:
            return ""
        if self.detail.job is not None and self.detail.job.id == job.id and self.detail._loaded_for == (
                job.id, job.updated_at):
            events = self.detail.events
        else:
            events = await self.controller.store.events(job.id)
        text = self.detail.details_text(job, events)
        QGuiApplication.clipboard().setText(text)
        self.message.show_message(self.tr("Details copied to the clipboard."))
        return text

    # -- export ------------------------------------------------------------------------------------------
    def export_csv(self) -> None:
        if self._export_cancel is not None:
            return
        name = (self.tr("products") if self.kind == "product" else self.tr("orders")) + \
            datetime.now().strftime("-%Y-%m-%d-%H%M") + ".csv"
        dialog = QFileDialog(self, self.tr("Export CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(str(Path.home() / name))
        dialog.fileSelected.connect(
            lambda path: self.controller.run(self.export_to(path), what=self.tr("Export CSV")))
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()  # never the static getSaveFileName: it runs a nested loop

    async def export_to(self, path: str | Path) -> int:
        """Write the current view (filters, search, sort) to ``path``; returns the rows written."""
        if self._export_cancel is not None:
            self.message.show_message(self.tr("An export is already running."), "warning")
            return 0
        query, columns, lang = self.model.query, self.model.columns, self.controller.lang
        header = [column_title(column) for column in columns]
        db_path = self.controller.store.path
        cancel = threading.Event()
        self._export_cancel = cancel
        self._update_actions()
        loop = asyncio.get_running_loop()
        total = self.model.total if self.model.total_exact else None
        self.message.show_progress(self.tr("Exporting to %1…").replace("%1", str(path)), total)

        def progress(n: int) -> None:
            loop.call_soon_threadsafe(lambda: _alive(self.message) and self.message.set_progress(n))

        try:
            written = await asyncio.to_thread(
                write_csv, path, db_path, query, columns, header, lang,
                delimiter=";" if lang == PT else ",", page_size=1000, cancel=cancel, progress=progress)
        except ExportCanceled:
            if _alive(self):
                self.message.show_message(self.tr("Export canceled."), "warning")
            return 0
        except Exception as exc:
            log.warning("queue view: export to %s failed: %s", path, exc)
            if _alive(self):
                explanation = explain_exception(exc, self.controller.lang)
                self.message.show_message(self.tr("Could not export: %1").replace("%1", explanation.text), "error",
                                          details=explanation.technical)
            return 0
        finally:
            if _alive(self):
                self._export_cancel = None
                self._update_actions()
        if _alive(self):
            text = self._plural_export(written).replace("%1", str(path))
            self.message.show_message(text, timeout_ms=0)
        return written

    def _plural_export(self, n: int) -> str:
        if self.kind == "product":
            return self.tr("%n product(s) exported to %1.", "", n)
        return self.tr("%n order(s) exported to %1.", "", n)

    def _cancel_export(self) -> None:
        if self._export_cancel is not None:
            self._export_cancel.set()

    # -- Qt events ----------------------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.model.set_live(True)
        if not self._sized:  # first show: share the space (size hints alone squeeze the detail)
            self._sized = True
            height, width = max(self.splitter.height(), 400), max(self.detail.width(), 600)
            self.splitter.setSizes([int(height * 0.58), int(height * 0.42)])
            self.detail.splitter.setSizes([int(width * 0.45), int(width * 0.55)])  # the ids whole at 1024
            QTimer.singleShot(0, self._fit_columns)

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self.model.set_live(False)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if not self._user_sized and getattr(self, "_built", False):
            QTimer.singleShot(0, self._fit_columns)  # once the table has its new width

    def _fit_columns(self) -> None:
        if _alive(self) and not self._user_sized:
            self._size_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "_built", False):
            self.retranslate()
