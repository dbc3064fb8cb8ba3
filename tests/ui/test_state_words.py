"""One source of truth for the state words and colours, and failures in words (issue 12, items 5
and 10): the Painel, the banner, Configurações and the tray say the same thing; "Ativo" is not
red because orders need attention; a port taken by another program is explained, not quoted."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest

from pluggto_desktop.engine.engine import EngineStatus
from pluggto_desktop.status_words import LEVEL_COLOURS

from .conftest import until

pytestmark = pytest.mark.qt

GREEN, RED = LEVEL_COLOURS["ok"], LEVEL_COLOURS["error"]


def counts(attention: int) -> dict:
    return {"order": {"needs_attention": attention, "integrated": 3}, "product": {}}


def test_active_with_orders_needing_attention_shows_both_in_their_own_colours(controller, qtbot) -> None:
    from pluggto_desktop.ui.main_window import MainWindow

    window = MainWindow(controller)
    qtbot.addWidget(window)
    controller.counts_changed.emit(counts(4))
    dashboard = window.pages["dashboard"]
    assert dashboard.title.text() == "Ativo" and GREEN in dashboard.title.styleSheet()  # the state: working
    assert RED not in dashboard.title.styleSheet()
    assert dashboard.attention.text() == "4 pedidos precisam de atenção."  # the problems: beside it
    assert not dashboard.attention.isHidden() and not dashboard.attention_button.isHidden()
    with qtbot.waitSignal(controller.navigate) as signal:
        dashboard.attention_button.click()
    assert signal.args == ["orders", {"states": ["needs_attention"]}]
    banner = window.banner_text.text()
    assert f"color:{GREEN}'>Ativo<" in banner and f"color:{RED}'>4 pedidos precisam de atenção.<" in banner

    controller.counts_changed.emit(counts(0))
    assert dashboard.attention.isHidden() and "atenção" not in window.banner_text.text()


def test_settings_say_what_the_banner_says(controller, qtbot) -> None:
    """Configurações said "Canal: Ativo" in green while the banner said "Credenciais inválidas"."""
    from pluggto_desktop.ui.main_window import MainWindow

    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    window.go("settings")
    engine = controller.service.engine
    engine.status = replace(engine.status, state="credentials", credential="linx")
    controller.state_changed.emit(engine.status)
    settings = window.pages["settings"]
    assert settings.state_label.text() == f"Channel: <b style='color:{RED}'>Credenciais inválidas</b>"
    assert "A Linx Commerce recusou" in settings.state_detail.text()
    assert f"color:{RED}'>Credenciais inválidas<" in window.banner_text.text()
    assert window.pages["dashboard"].title.text() == "Credenciais inválidas"

    engine.status = replace(engine.status, state="running", credential=None)
    controller.state_changed.emit(engine.status)
    assert settings.state_label.text() == f"Channel: <b style='color:{GREEN}'>Ativo</b>"


def test_a_port_taken_by_another_program_is_explained_with_the_way_to_fix_it(controller, arun, qtbot) -> None:
    """"Notificações desligadas ([Errno 98] 127.0.0.1:8787 is already in use)" was the system's text
    on a Portuguese screen."""
    from pluggto_desktop.ui.main_window import MainWindow

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    service = controller.service
    try:
        service.settings.engine.listener_enabled = True
        service.settings.engine.listener_port = port
        arun(service.start_engine())
        arun(until(lambda: service.engine_status().listener_error is not None, what="the listener's failure"))
        status = service.engine_status()
        assert status.listener_problem == "port_in_use" and status.listener_url is None

        window = MainWindow(controller)
        qtbot.addWidget(window)
        window.resize(1024, 700)
        window.show()
        dashboard = window.pages["dashboard"]
        dashboard.refresh_state()
        words = dashboard.listener.text()
        assert words.startswith(f"Notificações desligadas: outro programa já usa a porta {port} deste computador.")
        assert "Configurações → Sincronização" in words
        assert "Errno" not in words and "already in use" not in words  # the system's text…
        assert "already in use" in dashboard.listener.toolTip()  # …is for support, in the tooltip
        assert dashboard.listener_button.text() == "Abrir Sincronização"
        dashboard.listener_button.click()
        settings = window.pages["settings"]
        assert window.stack.currentWidget() is settings
        assert settings.tabs.currentIndex() == settings.TABS.index("engine")
        assert window.focusWidget() is settings.engine.listener_port  # the cursor in the port
    finally:
        taken.close()
        service.settings.engine.listener_enabled = False
        arun(service.stop_engine())


def test_the_tray_tooltip_gives_the_state_and_the_problems(controller, qtbot) -> None:
    from pluggto_desktop.ui.tray import Tray

    tray = Tray(controller)
    controller.counts_changed.emit(counts(2))
    assert tray.icon.toolTip() == ("Pluggto Desktop — Ativo\nOs pedidos estão chegando do Plug.to à sua loja.\n"
                                   "2 pedidos precisam de atenção.")
    tray.deleteLater()


def test_the_engine_status_words_are_the_cli_words() -> None:
    from pluggto_desktop.status_words import channel_label, describe

    for state in ("installed", "configured"):
        assert describe(EngineStatus(), state, lang="pt_BR").title == channel_label(state, "pt_BR")
