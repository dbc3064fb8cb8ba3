"""The tray icon: state at a glance, quick actions, and notifications for new problems only.

Which problems deserve a notification is the core's (``present/notifications.py``,
docs/ux-principles.md A.2); the tray gathers the events for it, shows what it decides, and
clicking a notification opens the queue filtered on what it is about.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from pluggto_desktop.present import deadlines as present_deadlines
from pluggto_desktop.present.notifications import Notice, NotificationPolicy
from pluggto_desktop.ui.controller import Controller
from pluggto_desktop.ui.resources import icon
from pluggto_desktop.ui.status_text import credential_words, describe_service, storage_words

AGGREGATE_S = 4.0
#: While offline the tooltip counts down and the "no connection" notice waits OFFLINE_NOTICE_S:
#: the tray looks again this often. Otherwise it only reacts to the engine's events.
OFFLINE_TICK_S = 5.0


class Tray(QObject):
    open_requested = Signal(str, dict)  # page, filters
    quit_requested = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        ui = self.service.settings.ui
        self.policy = NotificationPolicy(mode=ui.notifications)
        self.attention = 0
        self._last_click_target: tuple[str, dict] = ("dashboard", {})
        self._shown: tuple[str, str] = ("tray-stopped", "")  # (icon name, tooltip) on the tray now
        self.icon = QSystemTrayIcon(icon("tray-stopped"), self)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(lambda: self.open_requested.emit(*self._last_click_target))
        self.icon.setContextMenu(self._menu())
        self._aggregate = QTimer(self, singleShot=True, interval=int(AGGREGATE_S * 1000), timeout=self._flush)
        # only while something changes with time alone: offline (countdown, the delayed notice)
        # or notifications muted until a moment (see _schedule_tick)
        self._tick = QTimer(self, singleShot=True, timeout=self.refresh)
        # bound methods only: their connections end with the tray (a lambda's would outlive it)
        controller.state_changed.connect(self._on_state)
        controller.config_problems.connect(self._on_state)
        controller.settings_changed.connect(self._on_settings)
        controller.counts_changed.connect(self._on_counts)
        controller.deadline_alert.connect(self._on_deadline_alert)
        self.refresh()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    # -- menu --------------------------------------------------------------------------------------
    def _menu(self) -> QMenu:
        menu = QMenu()
        self._menu_texts = []  # (action or menu, its text) — again when the language changes

        def add(target: QMenu, text: Callable[[], str], slot: Callable[[], object]) -> QAction:
            action = target.addAction(text(), slot)
            self._menu_texts.append((action.setText, text))
            return action

        def submenu(text: Callable[[], str]) -> QMenu:
            sub = menu.addMenu(text())
            self._menu_texts.append((sub.setTitle, text))
            return sub

        add(menu, lambda: self.tr("Open"), lambda: self.open_requested.emit("dashboard", {}))
        add(menu, lambda: self.tr("Sync now"), self.service.sync_now)
        pause = submenu(lambda: self.tr("Pause"))
        add(pause, lambda: self.tr("For 30 minutes"), lambda: self.service.pause(30))
        add(pause, lambda: self.tr("For 1 hour"), lambda: self.service.pause(60))
        add(pause, lambda: self.tr("Until resumed"), lambda: self.service.pause(None))
        self.resume_action = add(menu, lambda: self.tr("Resume"), self.service.resume)
        mute = submenu(lambda: self.tr("Silence notifications"))
        add(mute, lambda: self.tr("For 1 hour"), lambda: self._mute(3600))
        add(mute, lambda: self.tr("For 8 hours"), lambda: self._mute(8 * 3600))
        add(mute, lambda: self.tr("Until turned back on"), lambda: self._mute(None))
        self.unmute_action = add(mute, lambda: self.tr("Turn notifications back on"), lambda: self._mute(0))
        menu.addSeparator()
        add(menu, lambda: self.tr("Quit"), self.quit_requested.emit)
        self._menu_ref = menu  # the tray does not own it: keep it alive
        return menu

    def retranslate(self) -> None:
        """The language changed: the menu and the tooltip again (a QObject gets no LanguageChange)."""
        for setter, text in self._menu_texts:
            setter(text())
        self.refresh()

    def menu_texts(self) -> list[str]:
        return [text() for _setter, text in self._menu_texts]

    def _mute(self, seconds: float | None) -> None:
        if seconds == 0:
            self.policy.muted_until = None
        else:
            self.policy.muted_until = float("inf") if seconds is None else time.time() + seconds
        self.refresh()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit("dashboard", {})

    # -- state ----------------------------------------------------------------------------------------
    def _on_state(self, *_args: object) -> None:
        self.refresh()

    def _on_settings(self, settings) -> None:
        self.policy.mode = settings.ui.notifications
        self.refresh()

    def _on_counts(self, counts: dict) -> None:
        self.attention = counts.get("order", {}).get("needs_attention", 0)
        self.policy.on_attention_count(self.attention)
        if not self._aggregate.isActive():
            self._aggregate.start()
        self.refresh()

    def _on_deadline_alert(self, alert: dict) -> None:
        text = present_deadlines.card(alert.get("counts") or {}, self.service.lang).summary
        notice = self.policy.on_deadline_alert(alert, text, time.time())
        if notice:
            self._announce(notice)

    def refresh(self) -> None:
        status = self.service.engine_status()
        text = describe_service(self.service, self.attention)
        tooltip = f"Pluggto Desktop — {text.title}\n{text.detail}" + (f"\n{text.attention}" if text.attention else "")
        name = f"tray-{text.icon}"
        if name != self._shown[0]:
            self.icon.setIcon(icon(name))
        if tooltip != self._shown[1]:
            self.icon.setToolTip(tooltip)
        self._shown = (name, tooltip)
        self.resume_action.setVisible(status.state == "paused")
        self.unmute_action.setVisible(self.policy.muted(time.time()) and self.policy.mode != "off")
        notice = self.policy.on_engine_state(status.state, status.credential, time.time(), status.storage_problem)
        if notice:
            self._announce(notice)
        self._schedule_tick(status.state)

    def _schedule_tick(self, state: str) -> None:
        waits = [OFFLINE_TICK_S] if state == "offline" else []
        muted_until = self.policy.muted_until
        if muted_until is not None and muted_until != float("inf"):
            waits.append(max(0.0, muted_until - time.time()) + 0.05)  # the menu's "turn back on" goes
        if waits:
            self._tick.start(max(20, int(min(waits) * 1000)))
        else:
            self._tick.stop()

    def _flush(self) -> None:
        notice = self.policy.take_attention(time.time())
        if notice:
            self._announce(notice)

    def _announce(self, notice: Notice) -> None:
        if notice.kind == "attention":
            title = self.tr("%n order(s) need attention", None, notice.count)
            body = self.tr("Click to see why and what to do.")
            self._last_click_target = ("orders", {"states": ["needs_attention"]})
            kind = QSystemTrayIcon.MessageIcon.Warning
        elif notice.kind == "deadlines":
            title = self.tr("Marketplace deadlines")
            body = notice.text
            self._last_click_target = ("orders", {"deadline": "watch"})
            kind = QSystemTrayIcon.MessageIcon.Warning
        elif notice.kind == "storage":
            title, body = storage_words(notice.problem, self.service.lang)
            self._last_click_target = ("dashboard", {})
            kind = QSystemTrayIcon.MessageIcon.Critical
        elif notice.kind == "credentials":
            title = self.tr("Sync stopped: invalid credentials")
            body = credential_words(notice.credential, self.service.lang)
            self._last_click_target = ("dashboard", {})
            kind = QSystemTrayIcon.MessageIcon.Critical
        else:
            title = self.tr("No connection to Plug.to")
            body = self.tr("Orders are not lost: they come in as soon as the connection is back.")
            self._last_click_target = ("dashboard", {})
            kind = QSystemTrayIcon.MessageIcon.Warning
        if self.icon.isVisible():
            self.icon.showMessage(title, body, kind, 10_000)
