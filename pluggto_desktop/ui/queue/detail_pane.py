"""The detail pane of the queue: everything about the current job — headline, reason, the
detail fields, the intermediary CNPJ decision, the timeline and the payloads. What it says about
the job is ``present/queue.py``'s; its titles are Qt-translated here."""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.present import queue as present_queue
from pluggto_desktop.present.jobs import event_text
from pluggto_desktop.service import (
    PAYLOAD_LINX_REQUEST,
    PAYLOAD_LINX_RESPONSE,
    PAYLOAD_PLUGGTO,
    PAYLOAD_PLUGGTO_REQUEST,
    PAYLOAD_PLUGGTO_RESPONSE,
    Event,
    Job,
)
from pluggto_desktop.ui.queue.formats import alive, money, pretty
from pluggto_desktop.ui.queue.look import level_colour, level_icon, state_colour

log = logging.getLogger("pluggto_desktop.ui.queue")
DETAIL_DEBOUNCE_MS = 60


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
            self.payload_kinds = [(PAYLOAD_PLUGGTO_REQUEST, "sent_pluggto"),
                                  (PAYLOAD_PLUGGTO_RESPONSE, "pluggto_answer")]
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
        self.field_keys = list(present_queue.field_keys(self.kind))
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
        except Exception as exc:  # noqa: BLE001 - the store may be closing
            log.warning("queue view: could not read the details of job %s: %s", job.id, exc)
            return
        if not alive(self) or token != self._token:
            return
        self.events, self.payloads = events, payloads
        self._loaded_for = (job.id, job.updated_at)
        self._render_extras()

    # -- rendering -------------------------------------------------------------------------------------
    def summary_values(self, job: Job) -> dict[str, str]:
        lang = self.controller.lang
        return present_queue.summary_values(
            job, self.kind, lang, time.time(), money=lambda value: money(value, lang),
            linx_with_id=lambda number, linx_id: self.tr("no. %1 (ID %2)").replace("%1", number).replace("%2", linx_id))

    def headline_text(self, job: Job) -> str:
        name, marketplace = present_queue.headline_name(job, self.kind)
        if self.kind == "product":
            return self.tr("Product %1").replace("%1", name)
        if marketplace:
            return self.tr("Order %1 · %2").replace("%1", name).replace("%2", marketplace)
        return self.tr("Order %1").replace("%1", name)

    def reason_lines(self, job: Job) -> tuple[str, str, str] | None:
        """(title, message, hint) of what the merchant should know (present/'s rule), or None
        when there is only the state to say."""
        lines = present_queue.reason_lines(job, self.controller.lang)
        if lines is None:
            return None
        hint = self.tr("What to do: %1").replace("%1", lines.hint) if lines.advice else lines.hint
        return lines.title, lines.message, hint

    def intermediary_lines(self, job: Job, events: list[Event] | None = None) -> tuple[str, str]:
        """(value and source in words, why) of the intermediary CNPJ decision."""
        decision = present_queue.intermediary(job, self.events if events is None else events, self.controller.lang)
        if decision.case == present_queue.DECIDED:
            sources = {
                "order": self.tr("informed on the order"),
                "marketplace_table": self.tr("per-marketplace table"),
                "channel": self.tr("the channel's default CNPJ"),
            }
            source = sources.get(decision.source, decision.source)
            value = f"{decision.cnpj} — {source}" if source else decision.cnpj
        elif decision.case == present_queue.NOT_NEEDED:
            value = self.tr("No intermediary (allowed by the channel settings)")
        elif decision.case == present_queue.NONE_FOUND:
            value = self.tr("None found")
        else:
            value = self.tr("Not decided yet: it is decided when the order is sent to Linx.")
        return value, decision.explanation

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
            self.reason_message.setToolTip(present_queue.last_error(job) or "")
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
                text = event_text(event, lang) or event.type
                item = QTreeWidgetItem([present_queue.event_moment(event.at, lang), text])
                level = present_queue.event_level(event)
                item.setIcon(0, level_icon(level))
                item.setToolTip(1, f"{text}\n[{event.type}]")
                if level != "info":
                    item.setForeground(1, level_colour(level))
                items.append(item)
            self.timeline.addTopLevelItems(items)
            if not items:
                self.timeline.addTopLevelItem(QTreeWidgetItem(["", self.tr("No events recorded.")]))
        purged = not loading and present_queue.payloads_purged(job, self.payloads)
        for kind, tag in self.payload_kinds:
            view, missing, stack = self.payload_views[kind], self.payload_missing[kind], self.payload_stacks[kind]
            payload = self.payloads.get(kind)
            if payload is not None:
                view.setPlainText(pretty(payload))
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
            error = present_queue.last_error(job)
            if error:
                lines.append(self.tr("Last error: %1").replace("%1", error))
        if self.kind != "product":
            value, why = self.intermediary_lines(job, events)
            label = self.tr("Intermediary CNPJ")
            lines += ["", f"{label}: {value}"]
            if why:
                lines.append(why)
        lines += ["", self.tr("Timeline") + ":"]
        lines += [present_queue.timeline_line(event, lang) for event in events]
        return "\n".join(lines) + "\n"
