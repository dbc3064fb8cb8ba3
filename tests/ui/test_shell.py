"""The app's shell: languages, navigation, tray notifications, the demo as a real process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from pluggto_desktop.engine.engine import EngineStatus
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.present.notifications import NotificationPolicy
from pluggto_desktop.ui.i18n import install_language
from pluggto_desktop.ui.resources import translations_dir

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.qt


@pytest.fixture
def portuguese(qapp):
    install_language(PT)
    yield
    install_language(EN)


# -- translations -------------------------------------------------------------------------------
def test_every_ui_string_has_a_pt_br_translation() -> None:
    ts = translations_dir() / "pluggto_desktop_pt_BR.ts"
    unfinished = [m.findtext("source") for m in ET.parse(ts).getroot().iter("message")
                  if m.find("translation") is None or m.find("translation").get("type") == "unfinished"]
    assert unfinished == [], "run scripts/translations.py and add the missing pt-BR catalogue entries"
    qm = translations_dir() / "pluggto_desktop_pt_BR.qm"
    assert qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime - 1  # compiled after the last edit


def literal_ui_strings() -> set[str]:
    """Every literal passed to tr()/translate() in the UI code (what lupdate should have seen)."""
    import ast

    found: set[str] = set()
    for path in (ROOT / "pluggto_desktop" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            index = {"tr": 0, "translate": 1}.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
            elif isinstance(arg, (ast.JoinedStr, ast.BinOp)):
                raise AssertionError(f"{path.name}:{node.lineno}: translate a literal, not an expression")
    return found


def test_lupdate_saw_every_translatable_string() -> None:
    """lupdate's Python parser silently skips some call shapes (e.g. a plural whose count is a
    variable, outside self.tr): such strings would never be translated."""
    ts = translations_dir() / "pluggto_desktop_pt_BR.ts"
    sources = {m.findtext("source") for m in ET.parse(ts).getroot().iter("message")}
    assert sorted(literal_ui_strings() - sources) == []


def test_the_pt_br_translation_is_loaded_and_used(qapp) -> None:
    assert install_language(PT)
    try:
        assert QCoreApplication.translate("MainWindow", "Dashboard") == "Painel"
        assert QCoreApplication.translate("Tray", "%n order(s) need attention", None, 3) == \
            "3 pedidos precisam de atenção"
        assert QCoreApplication.translate("Tray", "%n order(s) need attention", None, 1) == \
            "1 pedido precisa de atenção"
    finally:
        install_language(EN)
    assert QCoreApplication.translate("MainWindow", "Dashboard") == "Dashboard"


def test_plurals_in_both_languages_zero_is_plural(qapp) -> None:
    """"0 pedidos", "1 pedido", "2 pedidos" (Qt's own pt-BR rule says "0 pedido"); in English the
    source "%n order(s)" is never shown."""
    def orders(n: int) -> str:
        return QCoreApplication.translate("QueuePage", "%n order(s)", None, n)

    install_language(PT)
    try:
        assert [orders(n) for n in (0, 1, 2)] == ["0 pedidos", "1 pedido", "2 pedidos"]
        assert QCoreApplication.translate("Tray", "%n order(s) need attention", None, 0) == \
            "0 pedidos precisam de atenção"
    finally:
        install_language(EN)
    assert [orders(n) for n in (0, 1, 2)] == ["0 orders", "1 order", "2 orders"]
    assert QCoreApplication.translate("Tray", "%n order(s) need attention", None, 1) == "1 order needs attention"


def test_every_plural_has_english_forms() -> None:
    pt = ET.parse(translations_dir() / "pluggto_desktop_pt_BR.ts").getroot()
    en = ET.parse(translations_dir() / "pluggto_desktop_en.ts").getroot()
    plurals = {m.findtext("source") for m in pt.iter("message") if m.get("numerus") == "yes"}
    finished = {m.findtext("source") for m in en.iter("message")
                if m.find("translation") is not None and m.find("translation").get("type") != "unfinished"}
    assert sorted(plurals - finished) == [], "add them to resources/translations/catalog/en/plurals.json"
    for message in en.iter("message"):
        forms = [f.text or "" for f in message.iter("numerusform")]
        assert len(forms) == 2 and "(s)" not in "".join(forms), message.findtext("source")


def test_qt_own_dialogs_speak_portuguese_wherever_qlibraryinfo_points(qapp, tmp_path, monkeypatch) -> None:
    """Qt's file dialog and standard buttons come from qtbase_pt_BR.qm, which the PySide6 wheels
    ship inside the package: found there even when QLibraryInfo points elsewhere (a venv, a
    qt.conf, a system Qt)."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    from pluggto_desktop.ui import i18n as ui_i18n

    class Elsewhere:
        LibraryPath = ui_i18n.QLibraryInfo.LibraryPath

        @staticmethod
        def path(_which):
            return str(tmp_path)

    monkeypatch.setattr(ui_i18n, "QLibraryInfo", Elsewhere)
    install_language(PT)
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Procurar em:"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        # Qt 6.10's labels carry mnemonics qtbase_pt_BR.qm lacks: our catalogue fills them
        assert {"&Procurar em:", "Arquivos do &tipo:", "&Nome do arquivo:"} <= labels, labels
        dialog.deleteLater()
    finally:
        install_language(EN)
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"


def test_the_main_window_speaks_portuguese(controller, portuguese, qtbot, arun) -> None:
    from pluggto_desktop.ui.main_window import MainWindow

    window = MainWindow(controller)
    qtbot.addWidget(window)
    labels = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert labels[:7] == ["Painel", "Pedidos", "Produtos", "Conferência", "Atividade", "Log técnico", "Configurações"]
    assert "Ativo" in window.banner_text.text()
    window.grab().save(str(Path(os.environ.get("PYTEST_SCREENSHOTS", "/tmp")) / "shell_pt.png"))


def test_dashboard_tiles_open_the_filtered_queue(controller, qtbot) -> None:
    from pluggto_desktop.ui.dashboard import DashboardPage

    page = DashboardPage(controller)
    qtbot.addWidget(page)
    with qtbot.waitSignal(controller.navigate) as signal:
        page.tiles["needs_attention"].click()
    assert signal.args == ["orders", {"states": ["needs_attention"]}]


def test_dashboard_warns_when_notifications_arrive_without_https_from_beyond_this_computer(controller, qtbot) -> None:
    from dataclasses import replace

    from pluggto_desktop.ui.dashboard import DashboardPage

    page = DashboardPage(controller)
    qtbot.addWidget(page)
    service = controller.service
    service.engine.status = replace(service.engine.status, listener_url="http://192.168.0.9:8787/pluggto/notifications/x")
    service.settings.engine.listener_host = "0.0.0.0"
    page.refresh_state()
    assert "without HTTPS" in page.times.text()
    service.settings.engine.listener_public_url = "https://pedidos.minhaloja.com.br"
    page.refresh_state()
    assert "without HTTPS" not in page.times.text() and "Receiving notifications" in page.times.text()


# -- tray notifications ---------------------------------------------------------------------------
def test_only_new_problems_are_announced_and_aggregated() -> None:
    policy = NotificationPolicy(mode="errors")
    policy.on_attention_count(5)  # the baseline at start-up: old news
    assert policy.take_attention(0) is None
    policy.on_attention_count(6)
    policy.on_attention_count(8)  # three new within the aggregation window
    notice = policy.take_attention(0)
    assert notice.kind == "attention" and notice.count == 3
    assert policy.take_attention(0) is None
    policy.on_attention_count(2)  # fixed ones are not news either
    assert policy.take_attention(0) is None


def test_muting_and_off_silence_notifications() -> None:
    policy = NotificationPolicy(mode="errors", muted_until=100.0)
    policy.on_attention_count(0)
    policy.on_attention_count(1)
    assert policy.take_attention(50.0) is None  # muted
    policy.on_attention_count(2)
    assert policy.take_attention(150.0).count == 1  # mute over
    off = NotificationPolicy(mode="off")
    off.on_attention_count(0)
    off.on_attention_count(4)
    assert off.take_attention(0) is None
    assert off.on_engine_state("credentials", "user", 0) is None


def test_credentials_once_and_offline_only_when_it_lasts() -> None:
    policy = NotificationPolicy()
    assert policy.on_engine_state("credentials", "linx", 0).credential == "linx"
    assert policy.on_engine_state("credentials", "linx", 1) is None
    assert policy.on_engine_state("running", None, 2) is None
    assert policy.on_engine_state("offline", None, 10) is None
    assert policy.on_engine_state("offline", None, 60) is None  # a blip is not worth a popup
    assert policy.on_engine_state("offline", None, 200).kind == "offline"
    assert policy.on_engine_state("offline", None, 400) is None


# -- status words -------------------------------------------------------------------------------------
def test_status_words_for_each_state() -> None:
    from functools import partial

    from pluggto_desktop.status_words import describe as core_describe

    describe = partial(core_describe, lang=PT)
    assert describe(EngineStatus(state="running"), "active").title == "Ativo"
    # the state and the problems are two things: "Ativo" stays a working state beside them
    busy = describe(EngineStatus(state="running"), "active", 2)
    assert busy.title == "Ativo" and busy.level == "ok" and busy.attention == "2 pedidos precisam de atenção."
    assert busy.icon == "attention" and describe(EngineStatus(state="running"), "active").attention == ""
    paused = describe(EngineStatus(state="paused", paused_until=1_800_000_000), "paused")
    assert paused.title.startswith("Pausado até ") and paused.action == "resume"
    offline = describe(EngineStatus(state="offline", retry_at=1040), "active", now=1000)
    assert offline.title == "Sem conexão — nova tentativa em 40 s" and offline.action_label == "Tentar agora"
    creds = describe(EngineStatus(state="credentials", credential="user"), "active")
    assert creds.title == "Credenciais inválidas" and "usuário ou a senha da API" in creds.detail
    assert creds.level == "error"
    assert describe(EngineStatus(), "installed").action == "setup"
    assert describe(EngineStatus(), "installed").title == "Não configurado"
    cannot = describe(EngineStatus(state="stopped"), "active", config_problems=True)
    assert cannot.title == "Não é possível sincronizar" and cannot.action == "fix_settings"
    assert cannot.action_label == "Corrigir" and cannot.level == "error"
    assert describe(EngineStatus(state="stopped"), "active").action is None  # merely stopped: no fix to offer
    assert core_describe(EngineStatus(state="running"), "active", 1, lang=EN).attention == "1 order needs attention."


def test_a_full_disk_is_a_banner_with_a_retry_and_one_notification(portuguese) -> None:
    from functools import partial

    from pluggto_desktop.ui.status_text import describe as core_describe

    describe = partial(core_describe, lang=PT)
    full = describe(EngineStatus(state="storage", storage_problem="disk_full", detail="database or disk is full"),
                    "active")
    assert full.title == "Disco cheio" and "nenhum pedido se perde" in full.detail
    assert full.level == "error" and full.action == "retry" and full.action_label == "Tentar agora"
    assert describe(EngineStatus(state="storage", storage_problem="corrupt"), "active").title == \
        "Fila de pedidos danificada"
    policy = NotificationPolicy()
    first = policy.on_engine_state("storage", None, 100, "disk_full")
    assert first.kind == "storage" and first.problem == "disk_full"
    assert policy.on_engine_state("storage", None, 200, "disk_full") is None  # once per episode
    assert policy.on_engine_state("running", None, 300) is None
    assert policy.on_engine_state("storage", None, 400, "locked").kind == "storage"


# -- the real thing ------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_the_demo_runs_orders_and_quits_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLUGGTO_DESKTOP_QUIT_AFTER": "8",
           "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "pluggto_desktop", "--home", str(tmp_path), "--demo",
                             "--lang", "pt_BR"], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "refcount" not in result.stderr
    log = (tmp_path / "logs" / "pluggto-desktop.log").read_text(encoding="utf-8")
    assert "stopped cleanly" in log
    assert "Traceback" not in log, log[-3000:]
    with sqlite3.connect(tmp_path / "pluggto.db") as db:
        states = dict(db.execute("SELECT state, n FROM job_counts WHERE kind = 'order'").fetchall())
    assert states.get("integrated", 0) >= 5  # orders flowed within seconds
    assert states.get("processing", 0) == 0  # nothing left half-done at quit


def test_the_wizard_opens_first_and_leaves_the_sidebar_once_setup_is_done(tmp_path, arun, qtbot) -> None:
    from pluggto_desktop.profile import Profile
    from pluggto_desktop.secrets import SecretStore
    from pluggto_desktop.service import AppService
    from pluggto_desktop.settings import Settings
    from pluggto_desktop.ui.controller import Controller
    from pluggto_desktop.ui.main_window import MainWindow

    profile = Profile(tmp_path / "new").ensure()
    service = AppService(profile, SecretStore.in_memory(profile.profile_id), settings=Settings())
    arun(service.open())
    try:
        window = MainWindow(Controller(service))
        qtbot.addWidget(window)
        names = [window.sidebar.item(i).data(0x0100) for i in range(window.sidebar.count())]
        assert names[0] == "setup" and window.stack.currentWidget() is window.pages["setup"]
        window.pages["setup"].finished_setup.emit(True)
        names = [window.sidebar.item(i).data(0x0100) for i in range(window.sidebar.count())]
        assert "setup" not in names and "setup" not in window.pages
        assert window.stack.currentWidget() is window.pages["dashboard"]
        window.go("setup")  # a stale link (e.g. the banner) lands on the settings instead
        assert window.stack.currentWidget() is window.pages["settings"]
    finally:
        arun(service.close())


@pytest.mark.slow
def test_a_second_launch_brings_the_first_forward_and_exits(tmp_path: Path) -> None:
    import time

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen([sys.executable, "-m", "pluggto_desktop", "--home", str(tmp_path), "--demo"],
                             env={**env, "PLUGGTO_DESKTOP_QUIT_AFTER": "25"}, cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        log = tmp_path / "logs" / "pluggto-desktop.log"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (log.exists() and "main window shown" in log.read_text()):
            time.sleep(0.2)
        second = subprocess.run([sys.executable, "-m", "pluggto_desktop", "--home", str(tmp_path), "--demo"],
                                env={**env, "PLUGGTO_DESKTOP_QUIT_AFTER": "10"}, cwd=ROOT, capture_output=True,
                                text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        text = log.read_text()
        assert "brought forward by a second launch" in text
        assert "the app is already open for this profile" in text
    finally:
        first.terminate()  # SIGTERM (a logout, `kill`): the clean quit path, not a crash
        code = first.wait(timeout=30)
        first.stderr.close()
    assert code == 0
    assert log.read_text().count("stopped cleanly") == 1  # the first app, through its shutdown


def test_the_version_stays_in_the_status_bar(controller, qtbot) -> None:
    from PySide6.QtGui import QStatusTipEvent
    from PySide6.QtWidgets import QApplication

    from pluggto_desktop import __version__
    from pluggto_desktop.ui.main_window import MainWindow

    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    # hovering a menu item sends an empty status tip, which clears temporary messages
    QApplication.sendEvent(window, QStatusTipEvent(""))
    assert window.version_label.isVisible() and __version__ in window.version_label.text()
