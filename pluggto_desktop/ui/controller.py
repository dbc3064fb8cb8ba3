"""What every view receives: the core service, Qt signals for its events, and a task runner.

Views never reach into the engine or the store directly except through ``controller.service``
(the Qt-free application object) and read queries on ``controller.store``. Engine events arrive
as Qt signals on the GUI thread (qasync runs the asyncio loop there, so no marshalling is
needed). Failures of background work arrive on ``failed`` so the main window can show them.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from pluggto_desktop.explain import explain_exception
from pluggto_desktop.service import AppService, AsyncStore, EngineEvent
from pluggto_desktop.ui.tasks import TaskRunner


class Controller(QObject):
    # engine/app events (payloads as the engine bus documents them)
    state_changed = Signal(object)  # EngineStatus
    counts_changed = Signal(dict)  # {"order": {state: n}, "product": {...}}
    job_changed = Signal(dict)  # {"job_id", "kind", "key", "state"}
    activity = Signal(dict)  # an activity entry
    polled = Signal(dict)  # {"at", "orders", "new"}
    notified = Signal(dict)  # {"at", "key"}
    settings_changed = Signal(object)  # Settings
    config_problems = Signal(list)  # why the engine cannot start
    reconcile_progress = Signal(dict)  # {"running": bool, "done": n, "total": n|None}
    audited = Signal(dict)  # the last Conferência's summary {"at", "from", "to", "counts", "automatic"}
    deadlines_changed = Signal(dict)  # {"invoice": {"near": n, "late": n}, "shipping": {...}}
    deadline_alert = Signal(dict)  # {"counts", "late", "near"}: more orders became near or late
    # UI-level
    # (what, message, technical) of a background action that failed: the message in the user's
    # words (explain.explain_exception), the system's own text for the dialog's details
    failed = Signal(str, str, str)
    navigate = Signal(str, dict)  # (page, filters): e.g. ("orders", {"states": ["needs_attention"]})

    _TOPICS = {
        "state": "state_changed",
        "counts": "counts_changed",
        "job": "job_changed",
        "activity": "activity",
        "poll": "polled",
        "notification": "notified",
        "settings": "settings_changed",
        "config_problems": "config_problems",
        "reconcile": "reconcile_progress",
        "audit": "audited",
        "deadlines": "deadlines_changed",
        "deadline_alert": "deadline_alert",
    }

    def __init__(self, service: AppService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = TaskRunner(on_error=self._report)
        self._unsubscribe = service.bus.subscribe(self._forward)

    @property
    def store(self) -> AsyncStore:
        assert self.service.store is not None, "the service is not open"
        return self.service.store

    @property
    def lang(self) -> str:
        return self.service.lang

    def run(self, coro: Coroutine[Any, Any, Any], what: str = "") -> Any:
        """Run an action in the background from a slot; failures reach ``failed``."""
        return self.tasks.spawn(coro, what=what)

    def perform_action(self, action: str | None) -> None:
        """Do what a state's button offers (``StatusText.action``: the dashboard and the banner):
        resume, retry now, open the settings or the setup to fix things, or activate the channel."""
        service = self.service
        if action == "resume":
            service.resume()
        elif action == "retry":
            service.sync_now()
        elif action == "fix_credentials":
            credential = service.engine_status().credential or ""
            self.navigate.emit("settings", {"tab": "linx" if credential.startswith("linx") else "pluggto"})
        elif action == "fix_settings":
            self.navigate.emit("settings", {})
        elif action == "setup":
            self.navigate.emit("setup", {})
        elif action == "activate":
            self.run(service.activate(), what=self.tr("activate the channel"))

    def _forward(self, event: EngineEvent) -> None:
        name = self._TOPICS.get(event.topic)
        if name is not None:
            getattr(self, name).emit(event.payload)

    def _report(self, what: str, exc: BaseException) -> None:
        explanation = explain_exception(exc, self.lang)
        self.failed.emit(what, explanation.text, explanation.technical)

    def close(self) -> None:
        self._unsubscribe()
