"""Suporte: the connection check against the simulators, the diagnostics export, the network settings.

The simulators are served on loopback from their own thread (tests/support/served.py), so the
connection doctor takes the real path — name, TCP, HTTP, sign-in, read — from the Qt loop.
"""

from __future__ import annotations

import asyncio
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.service import AppService
from pluggto_desktop.settings import load_settings
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.catalogue import UNKNOWN_SKU
from pluggto_desktop.simulator.orders_gen import generate_order
from pluggto_desktop.ui.controller import Controller
from pluggto_desktop.ui.i18n import install_language
from pluggto_desktop.ui.support import SupportPage
from tests.support.served import ServedSimulators, served_simulators
from tests.support.tls import make_pki

from .conftest import configured_settings, until

pytestmark = pytest.mark.qt
SHOTS = Path("/tmp")


@pytest.fixture
def served() -> Iterator[ServedSimulators]:
    with served_simulators() as served:
        yield served


@pytest.fixture
def support_service(tmp_path: Path, served: ServedSimulators, arun) -> Iterator[AppService]:
    creds = served.sims.credentials
    profile = Profile(tmp_path / "profile").ensure()
    settings = configured_settings()
    settings.pluggto.api_url = creds.pluggto_url
    settings.linx.url_or_tenant = creds.linx_url
    secrets = SecretStore.in_memory(profile.profile_id)
    secrets.set(PLUGGTO_CLIENT_SECRET, creds.client_secret)
    secrets.set(PLUGGTO_PASSWORD, creds.password)
    secrets.set(LINX_PASSWORD, creds.linx_password)
    svc = AppService(profile, secrets, lang=PT, settings=settings)  # real network, to loopback
    arun(svc.open())
    yield svc
    arun(svc.close())


@pytest.fixture
def support_controller(support_service: AppService, qapp) -> Iterator[Controller]:
    ctl = Controller(support_service)
    yield ctl
    ctl.close()


@pytest.fixture
def portuguese(qapp, arun):
    install_language(PT)
    yield
    install_language(EN)
    arun(asyncio.sleep(0.05))


@pytest.fixture
def page(support_controller: Controller, qtbot, arun) -> SupportPage:
    widget = SupportPage(support_controller)
    qtbot.addWidget(widget)
    widget.resize(970, 700)
    widget.show()
    arun(support_controller.tasks.wait_idle())
    return widget


def run_check(page: SupportPage, arun) -> None:
    async def go() -> None:
        page.check.test_button.click()
        await until(lambda: not page.check._testing, what="the connection check")
        await page.controller.tasks.wait_idle()

    arun(go())


def test_support_comes_after_settings_in_the_sidebar(controller, qtbot) -> None:
    from pluggto_desktop.ui.main_window import MainWindow

    window = MainWindow(controller)
    qtbot.addWidget(window)
    labels = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert labels[labels.index("Settings") + 1] == "Support"
    assert isinstance(window.pages["support"], SupportPage)


def test_connection_check_against_the_simulators_in_portuguese(portuguese, page, arun, qtbot) -> None:
    assert page.check.test_button.text() == "Testar conexões"
    assert page.check.remote_boxes["pluggto"].rows == []  # nothing tested yet
    run_check(page, arun)
    assert page.check.report is not None and page.check.report.ok
    for name in ("pluggto", "linx"):
        box = page.check.remote_boxes[name]
        titles = [row["title"].text() for row in box.rows]
        assert titles == ["Resolução de nome (DNS)", "Conexão TCP", "Certificado (TLS)", "Resposta HTTP",
                          "Autenticação", "Leitura de dados"]
        assert [row["mark"].text() for row in box.rows] == ["✓", "✓", "–", "✓", "✓", "✓"]
        assert all(row["ms"].text().endswith(" ms") for row in box.rows if row["mark"].text() == "✓")
        assert "explanation" not in box.rows[0]
    assert page.check.check_status.text().startswith("Tudo certo")
    assert page.check.remote_boxes["pluggto"].proxy.text() == "Proxy: conexão direta (sem proxy)"

    page.check.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Diagnóstico de conexão") and "Resultado: OK" in copied
    assert page.check.check_status.text().startswith("Relatório copiado")

    page.resize(970, 1900)  # the whole page, for a look at every section
    arun(asyncio.sleep(0.1))
    page.grab().save(str(SHOTS / "support_pt_full.png"))
    page.resize(970, 700)
    arun(asyncio.sleep(0.1))
    page.grab().save(str(SHOTS / "support_pt.png"))


def test_a_failing_step_shows_what_to_do(portuguese, page, support_service, arun) -> None:
    support_service.settings.linx.url_or_tenant = "http://127.0.0.1:9"  # nothing listens there
    support_service.secrets.set(PLUGGTO_PASSWORD, "senha-errada")
    run_check(page, arun)
    linx = page.check.remote_boxes["linx"]
    failed = [row for row in linx.rows if row["mark"].text() == "✗"]
    assert [row["title"].text() for row in failed] == ["Conexão TCP"]
    assert "recusou a conexão" in failed[0]["explanation"].text()
    pluggto = page.check.remote_boxes["pluggto"]
    [auth] = [row for row in pluggto.rows if row["mark"].text() == "✗"]
    assert auth["title"].text() == "Autenticação" and "senha da API" in auth["explanation"].text()
    assert page.check.check_status.text().startswith("Falhou em Plug.to: Autenticação; Linx Commerce: Conexão TCP")
    page.resize(970, 1300)
    arun(asyncio.sleep(0.1))
    page.grab().save(str(SHOTS / "support_pt_failed.png"))


def test_the_preview_counts_what_the_banner_counts(page, served, support_controller, arun) -> None:
    """Issue 12, item 10: the preview said 2 orders needed attention while the banner said 4 — it
    was built once and kept for a minute while the queue moved on (and mixed orders with products
    in one number)."""
    from pluggto_desktop.ui.main_window import MainWindow

    window = MainWindow(support_controller)
    window.hide()

    def described() -> str:
        return next(page.export.preview.topLevelItem(i).text(2) for i in range(page.export.preview.topLevelItemCount())
                    if page.export.preview.topLevelItem(i).text(0) == "attention.json")

    arun(until(lambda: page.export.bundle is not None, what="the first preview"))
    assert described().startswith("0 pedidos e 0 produtos que precisam de atenção")
    for index in (3, 4):
        served.do(served.sims.pluggto.add_order, generate_order(seed=5, index=index, status="approved",
                                                                skus=[UNKNOWN_SKU]), touch=True)

    async def attention() -> None:
        support_controller.service.sync_now()
        await until(lambda: window.attention == 2, what="the banner's count")
        await until(lambda: described().startswith("2 pedidos e 0 produtos que precisam de atenção"),
                    what="the preview following the counts")

    arun(attention())
    assert "2 pedidos precisam de atenção" in window.banner_text.text()
    window.deleteLater()


def test_export_preview_and_save_through_a_non_modal_dialog(page, served, support_controller, arun,
                                                            tmp_path: Path) -> None:
    order = served.do(served.sims.pluggto.add_order, generate_order(seed=5, index=3, status="approved",
                                                                    skus=[UNKNOWN_SKU]), touch=True)

    async def attention() -> None:
        support_controller.service.sync_now()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 20
        while True:
            job = await support_controller.store.find("order", order["id"])
            if job is not None and job.state == "needs_attention":
                return
            assert loop.time() < deadline, "the order did not reach needs_attention"
            await asyncio.sleep(0.05)

    arun(attention())
    arun(page.export.refresh_preview())
    names = [page.export.preview.topLevelItem(i).text(0) for i in range(page.export.preview.topLevelItemCount())]
    # the files speak the profile's language (pt-BR here), whatever the UI's
    assert {"LEIA-ME.txt", "settings.json", "attention.json", "logs/pluggto-desktop.log"} <= set(names)
    assert not any(name.startswith("payloads/") for name in names)
    assert page.export.preview_label.text().startswith("What goes in the file:")

    page.export.include_payloads.setChecked(True)
    arun(support_controller.tasks.wait_idle())
    names = [page.export.preview.topLevelItem(i).text(0) for i in range(page.export.preview.topLevelItemCount())]
    assert any(name.startswith("payloads/order-") for name in names)

    target = tmp_path / "para-o-suporte.zip"
    page.export.export_button.click()
    dialog = page.export._save_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()  # opened with open(), not exec()
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    dialog.fileSelected.emit(str(target))
    dialog.close()
    arun(support_controller.tasks.wait_idle())
    assert page.export.export_status.text().startswith(f"Saved to {target}")
    assert page.export.open_folder_button.isVisible()
    with zipfile.ZipFile(target) as archive:
        files = {name.split("/", 1)[1]: archive.read(name).decode("utf-8") for name in archive.namelist()}
    assert any(name.startswith("payloads/") for name in files)
    creds = served.sims.credentials
    every = "".join(files.values())
    for secret in (creds.client_secret, creds.password, creds.linx_password):
        assert secret not in every
    assert order["payer_email"] not in every and order["receiver_cpf"] not in every
    page.resize(970, 1500)
    arun(asyncio.sleep(0.1))
    page.grab().save(str(SHOTS / "support_en_export.png"))  # English UI, long strings


def test_network_settings_are_validated_and_saved_through_the_service(page, support_service, arun,
                                                                      tmp_path: Path) -> None:
    assert page.network.mode_buttons["system"].isChecked() and not page.network.network_save.isEnabled()
    assert not page.network.proxy_url.isEnabled()

    page.network.mode_buttons["manual"].setChecked(True)
    assert page.network.proxy_url.isEnabled() and page.network.network_save.isEnabled()
    page.network.save_network()  # no address yet: refused, nothing saved
    said = page.network.network_message.text()
    assert said.startswith("Not saved:") and "manual" in said
    assert support_service.settings.network.proxy_mode == "system"

    page.network.proxy_url.setText("http://proxy.corp:3128")
    page.network.exclusions.setText("erp.local, *.corp.local, 10.0.0.0/8")
    bad = tmp_path / "not-a-cert.pem"
    bad.write_text("hello")
    page.network.choose_ca_file()
    dialog = page.network._ca_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.fileSelected.emit(str(bad))
    dialog.close()
    assert page.network.ca_file.text() == str(bad)
    page.network.save_network()
    assert "não contém um certificado válido" in page.network.network_message.text()  # core words: profile language
    assert support_service.settings.network.proxy_mode == "system"

    pki = make_pki(tmp_path / "pki")
    page.network.set_ca_file(str(pki.ca_file))
    arun(page.network.save_network())
    assert page.network.network_message.text().startswith("Saved.")
    saved = load_settings(support_service.profile.settings_path).network
    assert (saved.proxy_mode, saved.proxy_url, saved.proxy_exclusions, saved.extra_ca_file) == (
        "manual", "http://proxy.corp:3128", ["erp.local", "*.corp.local", "10.0.0.0/8"], str(pki.ca_file))
    assert support_service.engine is not None  # restarted with the new network
    assert support_service.runtime.pluggto._http._transport.options.proxy == "http://proxy.corp:3128"
    assert not page.network.network_save.isEnabled()

    page.network.mode_buttons["none"].setChecked(True)
    assert not page.network.exclusions.isEnabled()
    page.network.load_network()  # discard
    assert page.network.mode_buttons["manual"].isChecked()


def test_the_page_opens_on_the_latest_report(support_controller, qtbot, arun) -> None:
    first = SupportPage(support_controller)
    qtbot.addWidget(first)
    run_check(first, arun)
    second = SupportPage(support_controller)
    qtbot.addWidget(second)
    assert second.check.report is not None and [len(b.rows) for b in second.check.remote_boxes.values()] == [6, 6]
    data = json.loads((support_controller.service.profile.cache_dir / "doctor.json").read_text(encoding="utf-8"))
    assert data["ok"] is True


def test_https_inspection_is_explained_and_the_extra_certificate_fixes_it(portuguese, page, support_service, arun,
                                                                         tmp_path: Path) -> None:
    from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator
    from tests.support.tls import https_server

    pki = make_pki(tmp_path / "pki")

    async def scenario() -> None:
        async with https_server(PluggtoSimulator(seed=2), pki) as url:
            support_service.settings.pluggto.api_url = url
            page.check.test_button.click()
            await until(lambda: not page.check._testing, what="the connection check")
            await page.controller.tasks.wait_idle()
            [tls] = [row for row in page.check.remote_boxes["pluggto"].rows if row["mark"].text() == "✗"]
            assert tls["title"].text() == "Certificado (TLS)"
            assert "um antivírus ou proxy está inspecionando o HTTPS" in tls["explanation"].text()
            page.resize(970, 900)
            await asyncio.sleep(0.1)
            page.grab().save(str(SHOTS / "support_pt_tls.png"))

            page.network.set_ca_file(str(pki.ca_file))
            await page.network.save_network()
            page.check.test_button.click()
            await until(lambda: not page.check._testing, what="the second check")
            await page.controller.tasks.wait_idle()
            assert page.check.report.remote("pluggto").ok
            marks = [row["mark"].text() for row in page.check.remote_boxes["pluggto"].rows]
            assert marks == ["✓"] * 6

    arun(scenario())


@pytest.fixture
def vault_service(tmp_path: Path, sims, arun) -> Iterator[AppService]:
    """A profile whose passwords are in a (test) vault that keeps them, like a real one."""
    from tests.support import keyring_backends

    keyring_backends.reset()
    profile = Profile(tmp_path / "vault").ensure()
    secrets = SecretStore(profile.profile_id)
    secrets.set(PLUGGTO_CLIENT_SECRET, pluggto_sim.DEMO_CLIENT_SECRET)
    secrets.set(PLUGGTO_PASSWORD, pluggto_sim.DEMO_PASSWORD)
    secrets.set(LINX_PASSWORD, linx_sim.DEMO_PASSWORD)
    svc = AppService(profile, secrets, lang=PT, settings=configured_settings(), transports=sims.transports())
    arun(svc.open())
    yield svc
    arun(svc.close())


def test_forget_saved_passwords_asks_first_then_deletes_and_says_so(portuguese, vault_service, qapp, qtbot,
                                                                   arun) -> None:
    from PySide6.QtWidgets import QMessageBox

    ctl = Controller(vault_service)
    page = SupportPage(ctl)
    qtbot.addWidget(page)
    page.resize(970, 700)
    page.show()
    assert page.passwords.title() == "Senhas neste computador"
    forget = page.passwords.forget_button
    assert forget.isEnabled() and forget.text() == "Esquecer as senhas salvas…"
    # (the running engine may have signed in already and kept its token too)
    assert page.passwords.vault_status.text().startswith(
        "Guardadas aqui: Client Secret do Plug.to, senha da API do Plug.to, senha da Linx")  # the CLI's words

    page.passwords.forget_button.click()  # first answer: Cancel, the default — nothing happens
    box = page.passwords.forget_box
    assert box is not None and box.isVisible()  # opened with open(): the loop and the sync go on
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    arun(ctl.tasks.wait_idle())
    passwords = {PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, LINX_PASSWORD}
    assert page.passwords.forget_box is None and passwords <= set(page.passwords.stored_secret_names())
    assert vault_service.engine is not None

    page.passwords.forget_button.click()
    page.passwords.forget_box.button(QMessageBox.StandardButton.Yes).click()
    arun(ctl.tasks.wait_idle())
    assert page.passwords.stored_secret_names() == []
    status = page.passwords.vault_status.text()
    assert status.startswith("Apagado: Client Secret do Plug.to, senha da API do Plug.to, senha da Linx")
    assert status.endswith(". Digite as senhas de novo em Configurações para sincronizar.")
    assert not page.passwords.forget_button.isEnabled()
    assert vault_service.engine is None and "faltam no cofre de senhas" in vault_service.config_problems[0]
    page.resize(970, 1900)  # the whole page: the passwords section is the last one
    arun(asyncio.sleep(0.1))
    page.grab().save(str(SHOTS / "support_forgotten_pt.png"))

    # the passwords typed again in Settings: syncing resumes and the page says they are saved
    arun(vault_service.apply_settings(vault_service.settings_copy(), {
        PLUGGTO_CLIENT_SECRET: pluggto_sim.DEMO_CLIENT_SECRET, PLUGGTO_PASSWORD: pluggto_sim.DEMO_PASSWORD,
        LINX_PASSWORD: linx_sim.DEMO_PASSWORD}))
    assert vault_service.engine is not None
    assert page.passwords.vault_status.text().startswith("Guardadas aqui:") and page.passwords.forget_button.isEnabled()
    ctl.close()


def test_without_a_vault_there_is_nothing_to_forget(page) -> None:
    assert not page.passwords.forget_button.isEnabled()
    assert page.passwords.vault_status.text() == "Nothing is saved on this computer."


def test_after_forgetting_the_window_says_it_cannot_sync_and_fix_opens_the_settings(portuguese, vault_service,
                                                                                  qapp, qtbot, arun) -> None:
    from pluggto_desktop.ui.main_window import MainWindow

    arun(vault_service.engine.run_once())  # Plug.to was read once: the dashboard says when
    polled_at = vault_service.engine_status().last_poll_at
    assert polled_at is not None
    ctl = Controller(vault_service)
    window = MainWindow(ctl)
    qtbot.addWidget(window)
    page = window.pages["support"]
    arun(page.passwords.forget_secrets())
    arun(ctl.tasks.wait_idle())

    assert ">Não é possível sincronizar</b>" in window.banner_text.text()
    assert window.banner_action.isVisibleTo(window) and window.banner_action.text() == "Corrigir"
    dashboard = window.pages["dashboard"]
    dashboard.refresh_state()
    assert "faltam no cofre de senhas" in dashboard.problems.text()
    assert "nunca" not in dashboard.times.text().split(" · ")[0]  # the last read is remembered
    assert vault_service.engine_status().last_poll_at == polled_at

    window.banner_action.click()
    settings = window.pages["settings"]
    assert window.stack.currentWidget() is settings
    assert settings.pluggto.client_secret.placeholderText() == "obrigatória — não está salva"
    ctl.close()
