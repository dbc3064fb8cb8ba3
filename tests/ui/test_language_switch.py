"""Switching the language while the app runs (issue 12, item 1).

Configurações → Aplicativo → Português → Salvar once rebuilt the window; lambdas connected to the
controller kept the old widgets' labels and raised "Internal C++ object already deleted" on every
poll and notification. Now every view retranslates itself in place, and nothing connected to the
controller may outlive its widget.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from pluggto_desktop.engine.engine import EngineStatus
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.ui.i18n import install_language

from .conftest import until

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.qt


class Errors(logging.Handler):
    """Every ERROR (or worse) record logged while installed."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()}" + (f" ({r.exc_info[1]!r})" if r.exc_info else "")
                for r in self.records]


@pytest.fixture
def errors():
    handler = Errors()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)


def controller_receivers(controller) -> dict[str, int]:
    """How many slots each of the controller's signals reaches."""
    meta = controller.metaObject()
    counts = {}
    for i in range(meta.methodOffset(), meta.methodCount()):
        method = meta.method(i)
        if method.methodType() == method.MethodType.Signal:
            signature = bytes(method.methodSignature()).decode()
            counts[signature] = controller.receivers(f"2{signature}")  # "2" = SIGNAL()
    return counts


def delete_now(*objects) -> None:
    for obj in objects:
        obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def desktop_for(controller):
    """The app object around an open service, its window and tray built (not shown)."""
    from pluggto_desktop.ui.app import DesktopApp

    desktop = DesktopApp(QApplication.instance(), home=None, demo=False, lang=None, verbose=False)
    desktop.service, desktop.controller = controller.service, controller
    desktop._build_ui(show=False)
    return desktop


def publish_everything(service) -> None:
    """One of each event the engine publishes (what a poll and a notification bring)."""
    bus = service.bus
    bus.publish("state", service.engine_status())
    bus.publish("state", EngineStatus(state="offline", retry_at=time.time() + 30))
    bus.publish("state", service.engine_status())
    bus.publish("poll", {"at": time.time(), "orders": 1, "new": 0})
    bus.publish("notification", {"at": time.time(), "key": "6b1024320000000000000001"})
    bus.publish("counts", {"order": {"needs_attention": 3, "integrated": 5}, "product": {}})
    bus.publish("job", {"job_id": 1, "kind": "order", "key": "x", "state": "integrated"})
    bus.publish("activity", {"at": time.time(), "level": "error", "code": "order_needs_attention",
                             "message_pt": "Pedido 1 precisa de atenção", "message_en": "Order 1 needs attention"})
    bus.publish("config_problems", [])
    bus.publish("reconcile", {"running": False, "done": 0, "total": 0})
    bus.publish("settings", service.settings)


def switch(desktop, lang: str) -> None:
    """What a person does: Configurações → Aplicativo → the language → Salvar."""
    window = desktop.window
    window.go("settings")
    page = window.pages["settings"]
    page.show_tab("app")
    page.app.language.setCurrentIndex(page.app.language.findData(lang))
    page.save()


def test_switching_the_language_twice_leaves_no_errors_while_the_engine_publishes(
        controller, arun, qtbot, errors) -> None:
    service = controller.service
    desktop = desktop_for(controller)
    qtbot.addWidget(desktop.window)
    window = desktop.window
    before = controller_receivers(controller)
    settings_page = window.pages["settings"]
    try:
        async def scenario() -> None:
            for lang, dashboard in ((EN, "Dashboard"), (PT, "Painel")):
                polls = service.engine_status().last_poll_at
                switch(desktop, lang)
                await controller.tasks.wait_idle()
                await asyncio.sleep(0.05)  # the LanguageChange events
                assert window.sidebar.item(0).text() == dashboard
                # the same window, the same pages, still on the tab the person saved from
                assert desktop.window is window and window.pages["settings"] is settings_page
                assert settings_page.tabs.currentIndex() == settings_page.TABS.index("app")
                assert controller_receivers(controller) == before  # nothing left connected twice
                # the engine goes on publishing: a real poll, then one of every event
                service.sync_now()
                await until(lambda polls=polls: service.engine_status().last_poll_at != polls, what="a poll")
                publish_everything(service)
                await asyncio.sleep(0.3)
                await controller.tasks.wait_idle()

        arun(scenario())
    finally:
        install_language(EN)
    assert errors.lines() == []
    assert window.pages["dashboard"].sync.text() == "Sincronizar agora"
    if desktop.tray is not None:
        assert "Sincronizar agora" in desktop.tray.menu_texts()


def test_nothing_connected_to_the_controller_outlives_its_widget(controller, qtbot, errors) -> None:
    """The window and the tray go away: the controller is left exactly as it was, and its
    signals reach no deleted widget."""
    from pluggto_desktop.ui.main_window import MainWindow
    from pluggto_desktop.ui.tray import Tray

    baseline = controller_receivers(controller)
    window = MainWindow(controller)
    tray = Tray(controller)
    assert controller_receivers(controller) != baseline
    delete_now(window, tray)
    assert controller_receivers(controller) == baseline
    with qtbot.captureExceptions() as exceptions:
        publish_everything(controller.service)
        controller.failed.emit("x", "y", "z")
    assert exceptions == [] and errors.lines() == []


def test_no_lambda_is_connected_to_a_controller_signal() -> None:
    """A lambda's connection outlives the widget it captures (PySide6 drops a bound method's
    connection when its QObject is destroyed, never a lambda's)."""
    import ast

    offenders = []
    for path in sorted((ROOT / "pluggto_desktop" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "connect" and node.args):
                continue
            signal = node.func.value
            owner = signal.value if isinstance(signal, ast.Attribute) else None
            named = ast.unparse(owner) if owner is not None else ""
            if named.endswith("controller") and not isinstance(node.args[0], (ast.Attribute, ast.Name)):
                offenders.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:80]}")
    assert offenders == []


# -- the real app ----------------------------------------------------------------------------------
DEMO_SCENARIO = r"""
import asyncio, sys
from pluggto_desktop.ui import app as app_module

original = app_module.DesktopApp._build_ui

def build_ui(self, *, show=True):
    original(self, show=show)
    self.controller.run(scenario(self), what="scenario")

async def switch(desktop, lang):
    window = desktop.window
    window.go("settings")
    page = window.pages["settings"]
    page.show_tab("app")
    page.app.language.setCurrentIndex(page.app.language.findData(lang))
    page.save()

async def scenario(desktop):
    await asyncio.sleep(4)  # the demo's first orders flow (some need attention)
    for lang, page in (("pt_BR", "orders"), ("en", "dashboard")):
        await switch(desktop, lang)
        await asyncio.sleep(1)
        desktop.window.go(page)
        for _ in range(3):  # polls, notifications from the simulated Plug.to, job events
            desktop.service.sync_now()
            await asyncio.sleep(1.5)
    desktop.request_quit()

app_module.DesktopApp._build_ui = build_ui
raise SystemExit(app_module.run_app(home=sys.argv[1], demo=True, lang=None))
"""


@pytest.mark.slow
def test_a_demo_run_with_two_language_switches_leaves_no_error_in_the_technical_log(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "LANG": "en_US.UTF-8",
           "PLUGGTO_DESKTOP_QUIT_AFTER": "60"}
    result = subprocess.run([sys.executable, "-c", DEMO_SCENARIO, str(tmp_path)], capture_output=True, text=True,
                            timeout=120, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    log = (tmp_path / "logs" / "pluggto-desktop.log").read_text(encoding="utf-8")
    errors = [line for line in log.splitlines() if " ERROR " in line or " CRITICAL " in line]
    assert errors == [], "\n".join(errors[:20])
    assert "Traceback" not in log
    assert "needs attention" in log  # the demo's failing orders were logged, as business warnings
    assert "stopped cleanly" in log and log.count("language switched to") == 2


def test_the_language_hint_speaks_the_language_chosen(controller, qtbot, monkeypatch) -> None:
    """An English screen, Português chosen: the hint under the choice is already Portuguese (it
    said "Automatic follows the computer's language." in English whatever was chosen)."""
    from pluggto_desktop.ui.settings_page import SettingsPage

    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    page = SettingsPage(controller)
    qtbot.addWidget(page)
    combo = page.app.language
    combo.setCurrentIndex(combo.findData("pt_BR"))
    assert page.app.language_hint.text() == "O aplicativo fala português, qualquer que seja o idioma do computador."
    combo.setCurrentIndex(combo.findData("en"))
    assert page.app.language_hint.text() == "The app speaks English, whatever the computer's language."
    combo.setCurrentIndex(combo.findData("auto"))
    assert page.app.language_hint.text() == "Automatic: follows the computer's language (now English)."
    monkeypatch.setenv("LC_ALL", "pt_BR.UTF-8")
    page.app.retranslate()
    assert page.app.language_hint.text() == "Automático: segue o idioma do computador (agora, português)."


def test_the_tray_menu_follows_the_language(controller, qtbot) -> None:
    """The tray is a QObject (no LanguageChange of its own): the app tells it."""
    from pluggto_desktop.ui.tray import Tray

    tray = Tray(controller)
    assert "Sync now" in tray.menu_texts()
    install_language(PT)
    controller.service.lang = PT
    try:
        tray.retranslate()
        assert {"Sincronizar agora", "Silenciar notificações", "Sair"} <= set(tray.menu_texts())
        assert tray._menu_ref.actions()[1].text() == "Sincronizar agora"
    finally:
        install_language(EN)
        tray.deleteLater()
