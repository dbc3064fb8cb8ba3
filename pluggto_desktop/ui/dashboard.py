"""Painel: is it working? The channel/engine state, counts per job state, the last 24 hours."""

from __future__ import annotations

import math
import time
from datetime import datetime

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.explain import listener_failure
from pluggto_desktop.present import audit as present_audit
from pluggto_desktop.present import deadlines as present_deadlines
from pluggto_desktop.present.jobs import JobState, state_label
from pluggto_desktop.ui.controller import Controller
from pluggto_desktop.ui.status_text import ATTENTION_LEVEL, LEVEL_COLOURS, describe_service

TILE_STATES = [
    JobState.NEEDS_ATTENTION, JobState.RETRY_WAIT, JobState.QUEUED, JobState.PROCESSING,
    JobState.WAITING_PAYMENT, JobState.INTEGRATED, JobState.CANCELED, JobState.IGNORED,
]


def ago(timestamp: float | None, now: float) -> str:
    """"há 2 min" / "2 min ago" (through Qt translation).

    Seconds count one by one for the first ten, then by tens ("há 20 s" from 20 to 29 s, as
    "há 2 min" means 2 to 3 min): the Painel then repaints a few times a minute, not every
    second (see :func:`next_change`).
    """
    translate = QCoreApplication.translate  # literal calls below, so lupdate finds them
    if not timestamp:
        return translate("DashboardPage", "never")
    seconds = max(0, int(now - timestamp))
    if seconds < 60:
        shown = seconds if seconds < 10 else seconds - seconds % 10
        return translate("DashboardPage", "%1 s ago").replace("%1", str(shown))
    if seconds < 3600:
        return translate("DashboardPage", "%1 min ago").replace("%1", str(seconds // 60))
    return datetime.fromtimestamp(timestamp).strftime("%d/%m %H:%M")


def next_change(timestamp: float | None, now: float) -> float | None:
    """Seconds until :func:`ago` reads differently for ``timestamp`` (None: it never will)."""
    if not timestamp:
        return None
    age = now - timestamp
    if age < 10:
        return math.floor(max(age, 0.0)) + 1 - age
    if age < 60:
        return (age // 10 + 1) * 10 - age
    if age < 3600:
        return (age // 60 + 1) * 60 - age
    return None  # a date and time: fixed


class HourlyChart(QWidget):
    """Integrated and failed orders per hour over 24 hours, drawn by hand (no QtCharts needed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.integrated = [0] * 24
        self.failed = [0] * 24
        self.end_hour = datetime.now().hour
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, integrated: list[int], failed: list[int], end_hour: int) -> None:
        self.integrated, self.failed, self.end_hour = integrated, failed, end_hour
        self.setToolTip(self.tr("Last 24 hours — integrated: %1; needed attention: %2")
                        .replace("%1", str(sum(integrated))).replace("%2", str(sum(failed))))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, 200)

    def paintEvent(self, event) -> None:  # Qt name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.windowText().color()
        left, top, bottom = 34, 24, 22
        area = QRectF(left, top, max(10, self.width() - left - 8), max(10, self.height() - top - bottom))
        peak = max(1, max(self.integrated + self.failed))
        grid = QPen(QColor(text_colour.red(), text_colour.green(), text_colour.blue(), 40))
        painter.setPen(grid)
        for i in range(5):
            y = area.bottom() - area.height() * i / 4
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        painter.setPen(text_colour)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        painter.drawText(QRectF(0, area.top() - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight, str(peak))
        painter.drawText(QRectF(0, area.bottom() - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight, "0")
        slot = area.width() / 24
        bar = max(1.0, slot * 0.36)
        for i in range(24):
            x = area.left() + i * slot + slot * 0.12
            for offset, value, colour in ((0, self.integrated[i], "#2DA44E"), (bar, self.failed[i], "#CF222E")):
                if value:
                    h = area.height() * value / peak
                    painter.fillRect(QRectF(x + offset, area.bottom() - h, bar, h), QColor(colour))
            hour = (self.end_hour - 23 + i) % 24
            if i % 3 == 2 or i == 23:
                painter.drawText(QRectF(x - slot, area.bottom() + 4, slot * 3, 16),
                                 Qt.AlignmentFlag.AlignHCenter, f"{hour:02d}h")
        legend = [(self.tr("Integrated"), "#2DA44E"), (self.tr("Needed attention"), "#CF222E")]
        x = area.left()
        for label, colour in legend:
            painter.fillRect(QRectF(x, 6, 10, 10), QColor(colour))
            painter.drawText(QPointF(x + 14, 15), label)
            x += 24 + painter.fontMetrics().horizontalAdvance(label)
        painter.end()


class CountTile(QPushButton):
    """A job state with its count; clicking opens the queue filtered on that state."""

    def __init__(self, state: JobState, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.label = state_label(state.value, lang)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(150, 64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_count(0)

    def retranslate(self, lang: str) -> None:
        self.label = state_label(self.state.value, lang)
        self.set_count(self.count)

    def set_count(self, n: int) -> None:
        self.count = n
        self.setText(f"{n}\n{self.label}")
        alert = {JobState.NEEDS_ATTENTION: "#CF222E", JobState.RETRY_WAIT: "#9A6700"}.get(self.state)
        weight = "font-weight: 600;" if n and alert else ""
        colour = f"color: {alert};" if n and alert else ""
        self.setStyleSheet(f"QPushButton {{ text-align: left; padding: 8px 12px; {weight} {colour} }}")


class DashboardPage(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        self.counts: dict[str, int] = {}
        self._level: str | None = None  # the title's colour, set only when it changes
        self._build()
        # bound methods only: their connections end with this page (a lambda's would outlive it)
        for signal in (controller.state_changed, controller.settings_changed, controller.config_problems,
                       controller.polled, controller.notified):
            signal.connect(self._on_engine_event)
        controller.counts_changed.connect(self._on_counts)
        # While shown only: the "2 s ago" texts, due when one of them next reads differently
        # (schedule_clock), and the chart's hours, every minute.
        self._clock = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer, timeout=self.refresh_state)
        self._chart_timer = QTimer(self, interval=60_000, timeout=self.reload)
        self._reload_soon = QTimer(self, singleShot=True, interval=1500, timeout=self.reload)
        self.refresh_state()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(14)

        card = QFrame(objectName="stateCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(card)
        text = QVBoxLayout()
        self.title = QLabel(objectName="stateTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.detail = QLabel(wordWrap=True)
        # the problems beside the state, in their own colour, with the way to them
        self.attention = QLabel(visible=False)
        self.attention.setStyleSheet(f"color: {LEVEL_COLOURS[ATTENTION_LEVEL]}; font-weight: 600;")
        self.attention_button = QPushButton(visible=False)
        self.attention_button.clicked.connect(self._open_attention)
        attention_row = QHBoxLayout()
        attention_row.addWidget(self.attention)
        attention_row.addWidget(self.attention_button)
        attention_row.addStretch(1)
        self.times = QLabel(wordWrap=True)
        self.times.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # notifications off: why, in words (the system's text in the tooltip), and where to fix it
        self.listener = QLabel(wordWrap=True, visible=False)
        self.listener.setStyleSheet(f"color: {LEVEL_COLOURS['warning']};")
        self.listener_button = QPushButton(visible=False)
        self.listener_button.clicked.connect(self._open_listener_settings)
        listener_row = QHBoxLayout()
        listener_row.addWidget(self.listener, 1)
        listener_row.addWidget(self.listener_button, 0, Qt.AlignmentFlag.AlignTop)
        self.problems = QLabel(wordWrap=True, visible=False)
        self.problems.setStyleSheet(f"color: {LEVEL_COLOURS['error']};")
        text.addWidget(self.title)
        text.addWidget(self.detail)
        text.addLayout(attention_row)
        text.addWidget(self.times)
        text.addLayout(listener_row)
        text.addWidget(self.problems)
        row.addLayout(text, 1)
        buttons = QVBoxLayout()
        self.action = QPushButton(visible=False)
        self.action.clicked.connect(self._on_action)
        self.sync = QPushButton()
        self.sync.clicked.connect(self.service.sync_now)
        self.pause = QToolButton(popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pause.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self.pause)
        self.pause_actions = [menu.addAction("", lambda: self.service.pause(30)),
                              menu.addAction("", lambda: self.service.pause(60)),
                              menu.addAction("", lambda: self.service.pause(None))]
        self.pause.setMenu(menu)
        for widget in (self.action, self.sync, self.pause):
            widget.setMinimumWidth(170)
            buttons.addWidget(widget)
        buttons.addStretch(1)
        row.addLayout(buttons)
        outer.addWidget(card)

        tiles = QGridLayout()
        tiles.setSpacing(8)
        self.tiles: dict[str, CountTile] = {}
        for i, state in enumerate(TILE_STATES):
            tile = CountTile(state, self.controller.lang)
            tile.clicked.connect(
                lambda _=False, s=state.value: self.controller.navigate.emit("orders", {"states": [s]}))
            tiles.addWidget(tile, i // 4, i % 4)
            self.tiles[state.value] = tile
        outer.addLayout(tiles)
        outer.addWidget(self._build_watch())

        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        outer.addWidget(self.heading)
        self.chart = HourlyChart()
        outer.addWidget(self.chart, 1)
        self._retranslate()

    def _build_watch(self) -> QFrame:
        """The deadline watch (orders close to / past their marketplace deadlines) and the last
        Conferência: the two cross-checks a merchant fears missing."""
        card = QFrame(objectName="watchCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(card)
        self.deadline_title = QLabel(styleSheet="font-weight: 600;")
        self.deadline_text = QLabel(wordWrap=True)
        self.late_tile = QPushButton(cursor=Qt.CursorShape.PointingHandCursor)
        self.near_tile = QPushButton(cursor=Qt.CursorShape.PointingHandCursor)
        self.late_tile.clicked.connect(lambda: self.controller.navigate.emit("orders", {"deadline": "late"}))
        self.near_tile.clicked.connect(lambda: self.controller.navigate.emit("orders", {"deadline": "near"}))
        self.audit_text = QLabel(wordWrap=True)
        self.audit_button = QPushButton()
        self.audit_button.clicked.connect(lambda: self.controller.navigate.emit("audit", {}))
        grid.addWidget(self.deadline_title, 0, 0)
        grid.addWidget(self.deadline_text, 1, 0)
        grid.addWidget(self.late_tile, 0, 1, 2, 1)
        grid.addWidget(self.near_tile, 0, 2, 2, 1)
        grid.addWidget(self.audit_text, 2, 0)
        grid.addWidget(self.audit_button, 2, 1, 1, 2)
        grid.setColumnStretch(0, 1)
        self.deadlines = present_deadlines.empty_counts()
        self.last_audit: dict | None = None
        self.controller.deadlines_changed.connect(self._on_deadlines)
        self.controller.audited.connect(self._on_audit)
        return card

    def _on_deadlines(self, counts: dict) -> None:
        self.deadlines = counts
        self._show_watch()

    def _on_audit(self, summary: dict) -> None:
        self.last_audit = summary
        self._show_watch()

    def _show_watch(self) -> None:
        lang = self.controller.lang
        watch = present_deadlines.card(self.deadlines, lang)
        self.deadline_title.setText(self.tr("Marketplace deadlines"))
        self.deadline_text.setText(watch.summary)
        self.deadline_text.setStyleSheet(f"color: {LEVEL_COLOURS[watch.level]};")
        for tile, n, label, alert in ((self.late_tile, watch.late, watch.late_label, "error"),
                                      (self.near_tile, watch.near, watch.near_label, "warning")):
            tile.setText(f"{n}\n{label}")
            colour = f"color: {LEVEL_COLOURS[alert]}; font-weight: 600;" if n else ""
            tile.setStyleSheet(f"QPushButton {{ text-align: left; padding: 8px 12px; {colour} }}")
            tile.setMinimumSize(150, 56)
        line, differences = present_audit.last_audit_line(self.last_audit, lang)
        self.audit_text.setText(line)
        self.audit_text.setStyleSheet(f"color: {LEVEL_COLOURS['warning']};" if differences else "")
        self.audit_button.setText(self.tr("Open the audit"))

    def _retranslate(self) -> None:
        self.attention_button.setText(self.tr("See orders"))
        self.sync.setText(self.tr("Sync now"))
        self.pause.setText(self.tr("Pause"))
        for action, text in zip(self.pause_actions, (self.tr("For 30 minutes"), self.tr("For 1 hour"),
                                                     self.tr("Until resumed"))):
            action.setText(text)
        for tile in self.tiles.values():
            tile.retranslate(self.controller.lang)
        self.heading.setText(self.tr("Orders per hour — last 24 hours"))
        self._show_watch()
        self.chart.set_data(self.chart.integrated, self.chart.failed, self.chart.end_hour)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "chart"):
            self._retranslate()
            self.refresh_state()
        super().changeEvent(event)

    # -- data ------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh_state()  # schedules the clock
        self._chart_timer.start()
        self.reload()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._clock.stop()
        self._chart_timer.stop()

    def schedule_clock(self) -> None:
        """Refresh again when a shown time text changes (or each second of an offline
        countdown); nothing while hidden."""
        if not self.isVisible():
            self._clock.stop()
            return
        status = self.service.engine_status()
        now = time.time()
        waits = [w for w in (next_change(status.last_poll_at, now), next_change(status.last_notification_at, now))
                 if w is not None]
        if status.state == "offline":
            waits.append(1.0)  # "retrying in N s" counts down
        if waits:
            self._clock.start(max(20, math.ceil(min(waits) * 1000) + 10))  # just after the change
        else:
            self._clock.stop()

    def reload(self) -> None:
        """Counts and the chart from the store (in the background)."""
        if self.service.store is None:
            return
        self.controller.run(self._load(), what=self.tr("load the dashboard"))

    async def _load(self) -> None:
        store = self.service.store
        if store is None:
            return
        counts = await store.counts("order")
        if not shiboken6.isValid(self):  # the page went away while the store answered
            return
        self._on_counts({"order": counts}, reload_chart=False)
        self.deadlines = await self.service.deadline_counts()
        self.last_audit = await self.service.last_audit()
        if not shiboken6.isValid(self):
            return
        self._show_watch()
        series = await store.hourly(["integrated", "needs_attention"], hours=24)
        if not shiboken6.isValid(self):
            return
        self.chart.set_data(series["integrated"], series["needs_attention"], datetime.now().hour)

    def _on_counts(self, counts: dict, reload_chart: bool = True) -> None:
        self.counts = counts.get("order", {})
        for state, tile in self.tiles.items():
            tile.set_count(self.counts.get(state, 0))
        if reload_chart and not self._reload_soon.isActive():
            self._reload_soon.start()  # the chart follows the counts, at most every 1.5 s
        self.refresh_state()

    def _on_engine_event(self, *_args: object) -> None:
        self.refresh_state()

    def refresh_state(self) -> None:
        status = self.service.engine_status()
        text = describe_service(self.service, self.counts.get("needs_attention", 0))
        self.title.setText(text.title)
        if text.level != self._level:  # the state's own colour: "Ativo" stays green beside problems
            self._level = text.level
            self.title.setStyleSheet(f"color: {text.colour};")
        self.detail.setText(text.detail)
        self.attention.setText(text.attention)
        self.attention.setVisible(bool(text.attention))
        self.attention_button.setVisible(bool(text.attention))
        now = time.time()
        parts = [self.tr("Last Plug.to check: %1").replace("%1", ago(status.last_poll_at, now)),
                 self.tr("Last notification: %1").replace("%1", ago(status.last_notification_at, now))]
        if status.listener_url:
            parts.append(self.tr("Receiving notifications at %1").replace("%1", status.listener_url))
            if self.service.listener_exposed_without_https():
                parts.append(self.tr("warning: reachable from other computers without HTTPS (see Settings → Sync)"))
        self.times.setText(" · ".join(parts))
        off = None
        if not status.listener_url and status.listener_error:
            engine = self.service.settings.engine
            off = listener_failure(status.listener_problem, engine.listener_host, engine.listener_port,
                                   status.listener_error, self.controller.lang)
        self.listener.setVisible(off is not None)
        self.listener_button.setVisible(off is not None)
        if off is not None:
            self.listener.setText(off.text)
            self.listener.setToolTip(off.technical)  # the system's own words, for support
            self.listener_button.setText(off.action_label)
        problems = self.service.config_problems
        self.problems.setVisible(bool(problems))
        self.problems.setText("\n".join(problems))
        self.action.setVisible(bool(text.action))
        self.action.setText(text.action_label)
        self.action.setProperty("action", text.action)
        running = self.service.engine is not None
        self.sync.setEnabled(running and status.state not in ("paused",))
        self.pause.setEnabled(running and status.state != "paused")
        self.schedule_clock()

    def _on_action(self) -> None:
        self.controller.perform_action(self.action.property("action"))

    def _open_attention(self) -> None:
        self.controller.navigate.emit("orders", {"states": [JobState.NEEDS_ATTENTION.value]})

    def _open_listener_settings(self) -> None:
        self.controller.navigate.emit("settings", {"tab": "engine", "field": "engine.listener_port"})
