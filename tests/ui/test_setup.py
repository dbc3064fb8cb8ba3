"""First-run setup wizard, the setup forms, the CNPJ field and the settings page.

Everything talks to the in-process simulators through ``service.transports`` (real HTTP calls
inside the process); the unreachable-store case uses the real network stack on a closed port.
"""

from __future__ import annotations

import ast
import asyncio
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from pluggto_desktop.i18n import PT
from pluggto_desktop.linx import contract as c
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.service import AppService, Transports
from pluggto_desktop.settings import REQUIRED_FIELDS, Settings, load_settings
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.orders_gen import generate_order
from pluggto_desktop.ui.controller import Controller
from pluggto_desktop.ui.forms import ChannelForm, LinxForm, PluggtoForm
from pluggto_desktop.ui.settings_page import SettingsPage
from pluggto_desktop.ui.setup_wizard import STEP_CHANNEL, STEP_LINX, STEP_PLUGGTO, STEP_SUMMARY, SetupWizard
from pluggto_desktop.ui.widgets.cnpj_field import CnpjField
from tests.engine.harness import linx_orders_for

from .conftest import LINX_URL, PLUGGTO_URL, configured_settings, demo_secrets

pytestmark = pytest.mark.qt

ROOT = Path(__file__).resolve().parents[2]
SECRETS = (pluggto_sim.DEMO_CLIENT_SECRET, pluggto_sim.DEMO_PASSWORD, linx_sim.DEMO_PASSWORD)


# --- fixtures -----------------------------------------------------------------------------------


def fresh_service(tmp_path: Path, transports: Transports, arun) -> AppService:
    """A profile that was never configured (what the installer leaves behind)."""
    profile = Profile(tmp_path / "fresh").ensure()
    settings = Settings()
    settings.engine.listener_enabled = False  # no port 8787 in tests
    settings.engine.retry_base_s = 0.1
    svc = AppService(profile, SecretStore.in_memory(profile.profile_id), lang=PT, settings=settings,
                     transports=transports)
    arun(svc.open())
    return svc


@pytest.fixture
def fresh(tmp_path: Path, sims, arun) -> Iterator[AppService]:
    svc = fresh_service(tmp_path, sims.transports(), arun)
    yield svc
    arun(svc.close())


@pytest.fixture
def fresh_controller(fresh: AppService, qapp) -> Iterator[Controller]:
    ctl = Controller(fresh)
    yield ctl
    ctl.close()


@pytest.fixture
def wizard(fresh_controller, qtbot) -> SetupWizard:
    widget = SetupWizard(fresh_controller)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    return widget


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.clear()
    qtbot.keyClicks(widget, text)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def fill_pluggto(qtbot, wizard: SetupWizard, *, client_secret: str = pluggto_sim.DEMO_CLIENT_SECRET,
                 password: str = pluggto_sim.DEMO_PASSWORD) -> None:
    form = wizard.pluggto
    click(qtbot, form.advanced_toggle)
    assert form.api_url.isVisible()
    type_into(qtbot, form.api_url, PLUGGTO_URL)
    type_into(qtbot, form.client_id, pluggto_sim.DEMO_CLIENT_ID)
    type_into(qtbot, form.client_secret, client_secret)
    type_into(qtbot, form.username, pluggto_sim.DEMO_USERNAME)
    type_into(qtbot, form.password, password)


def fill_linx(qtbot, wizard: SetupWizard, *, url: str = LINX_URL, password: str = linx_sim.DEMO_PASSWORD) -> None:
    form = wizard.linx
    type_into(qtbot, form.store, url)
    type_into(qtbot, form.user, linx_sim.DEMO_USER)
    type_into(qtbot, form.password, password)


def run_test(arun, controller, form) -> None:
    """Click "Testar conexão" inside the loop (as a slot would) and wait for the background task."""

    async def scenario() -> None:
        click_button(form.test_button)
        assert not form.test_button.isEnabled() and form.test_button.text() == "Testing…"
        assert form.is_testing()
        await controller.tasks.wait_idle()

    arun(scenario())
    assert form.test_button.isEnabled() and form.test_button.text() == "Test connection"
    assert form.test_result.isVisible()


def click_button(button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    button.click()


def settings_file(service: AppService) -> str:
    return Path(service.profile.settings_path).read_text(encoding="utf-8")


# --- the CNPJ field ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown", "value", "valid", "words"),
    [
        ("03.007.331/0001-41", "03.007.331/0001-41", "03007331000141", True, "Valid CNPJ."),
        ("03007331000141", "03.007.331/0001-41", "03007331000141", True, "Valid CNPJ."),
        ("12ABC34501DE35", "12.ABC.345/01DE-35", "12ABC34501DE35", True, "alphanumeric"),
        ("12.abc.345/01de-35", "12.ABC.345/01DE-35", "12ABC34501DE35", True, "alphanumeric"),
        ("22211221000121", "22.211.221/0001-21", "22211221000121", False, "check digits"),
        ("0300733", "03.007.33", "0300733", False, "Incomplete: 7 of 14"),
        ("11111111111111", "11.111.111/1111-11", "11111111111111", False, "same"),
        ("12ABC34501DEAB", "12.ABC.345/01DE-AB", "12ABC34501DEAB", False, "must be numbers"),
    ],
)
def test_cnpj_field_masks_while_typing_and_explains(qtbot, typed, shown, value, valid, words) -> None:
    field = CnpjField(optional=True)
    qtbot.addWidget(field)
    field.show()
    flips: list[bool] = []
    field.validity_changed.connect(flips.append)
    qtbot.keyClicks(field.lineEdit(), typed)
    assert field.text() == shown
    assert field.value() == value
    assert field.is_valid() is valid and field.is_acceptable() is valid
    assert field.mark() == ("✓" if valid else "✗")
    assert words in field.message()
    assert flips == ([True] if valid else [])
    assert field.lineEdit().cursorPosition() == len(shown)


def test_cnpj_field_empty_optional_is_neutral_and_required_is_not(qtbot) -> None:
    optional, required = CnpjField(optional=True), CnpjField(optional=False)
    for field in (optional, required):
        qtbot.addWidget(field)
    assert optional.value() is None and optional.mark() == "" and optional.is_acceptable()
    assert not optional.is_valid()
    assert required.mark() == "✗" and not required.is_acceptable() and required.problem() == "Type the CNPJ."
    optional.set_value("12abc34501de35")
    assert optional.text() == "12.ABC.345/01DE-35" and optional.value() == "12ABC34501DE35"
    optional.set_value(None)
    assert optional.value() is None and optional.text() == ""


def test_cnpj_field_paste_extra_characters_and_cursor(qtbot) -> None:
    field = CnpjField()
    qtbot.addWidget(field)
    field.show()
    edit = field.lineEdit()
    QApplication.clipboard().setText(" 03.007.331/0001-41 ")
    edit.setFocus()
    edit.paste()
    assert field.text() == "03.007.331/0001-41" and field.is_valid()
    # typing past the 14th character changes nothing
    qtbot.keyClicks(edit, "9")
    assert field.value() == "03007331000141"
    # inserting in the middle keeps the cursor right after the typed character
    edit.clear()
    qtbot.keyClicks(edit, "12AB")
    assert field.text() == "12.AB"
    edit.setCursorPosition(1)
    qtbot.keyClicks(edit, "9")
    assert field.text() == "19.2AB" and edit.cursorPosition() == 2
    # Backspace right after a separator deletes the character before it (does not get stuck)
    edit.setCursorPosition(3)  # "19.|2AB"
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert field.text() == "12.AB" and edit.cursorPosition() == 1
    # Delete right before a separator deletes the character after it
    edit.setCursorPosition(2)  # "12|.AB"
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert field.text() == "12.B" and edit.cursorPosition() == 2


# --- the wizard ---------------------------------------------------------------------------------------


def test_wizard_happy_path_against_the_simulators(wizard, fresh_controller, fresh, sims, arun, qtbot,
                                                  tmp_path) -> None:
    sims.pluggto.include_user_id_in_token = True  # the test learns the Plug.to user id
    shots = tmp_path / "shots"
    shots.mkdir()
    assert wizard.current_step() == STEP_PLUGGTO
    assert not wizard.next_button.isEnabled()
    assert "Type the Client ID." in wizard.missing.text()
    # where the secrets go is said on the form itself
    assert wizard.pluggto.vault_label.text() == fresh.secrets.backend_description(PT)
    wizard.grab().save(str(shots / "1-pluggto.png"))

    fill_pluggto(qtbot, wizard)
    assert wizard.next_button.isEnabled() and not wizard.missing.isVisible()
    run_test(arun, fresh_controller, wizard.pluggto)
    assert wizard.pluggto.test_result.text() == "✓ Plug.to: conexão OK."
    assert wizard.pluggto.test_state() == "ok" and wizard.pluggto.highlighted_fields() == []
    click(qtbot, wizard.next_button)

    assert wizard.current_step() == STEP_LINX
    wizard.grab().save(str(shots / "2-linx.png"))
    fill_linx(qtbot, wizard)
    run_test(arun, fresh_controller, wizard.linx)
    assert wizard.linx.test_result.text() == "✓ Linx Commerce: conexão OK."
    click(qtbot, wizard.next_button)

    assert wizard.current_step() == STEP_CHANNEL
    assert not wizard.next_button.isEnabled()  # the website id is missing
    channel = wizard.channel
    assert channel.checked_statuses() == ["approved", "waiting_invoice"]
    assert [channel.statuses.item(i).text() for i in range(5)][3:] == ["Aprovado", "Nota fiscal solicitada"]
    channel.website_id.setValue(1)
    channel.order_queue_id.setValue(7)
    channel.product_queue_id.setValue(8)
    qtbot.keyClicks(channel.fallback_cnpj.lineEdit(), "12.abc.345/01de-35")
    assert channel.fallback_cnpj.mark() == "✓"
    wizard.grab().save(str(shots / "3-channel.png"))
    click(qtbot, wizard.next_button)

    assert wizard.current_step() == STEP_SUMMARY
    summary = wizard.summary.text()
    assert "12.ABC.345/01DE-35" in summary
    assert "•••• — " + fresh.secrets.backend_description(PT) in summary
    assert pluggto_sim.DEMO_CLIENT_SECRET not in summary and linx_sim.DEMO_PASSWORD not in summary
    assert "Active" in summary and "Configured" in summary
    assert "not tested" not in summary and "Before you save" not in summary
    wizard.grab().save(str(shots / "4-summary.png"))

    finished: list[bool] = []
    wizard.finished_setup.connect(finished.append)

    async def save_and_activate() -> None:
        click_button(wizard.activate_button)
        assert not wizard.activate_button.isEnabled()  # busy while saving
        await fresh_controller.tasks.wait_idle()
        assert finished == [True], wizard.message.text()
        assert fresh.engine is not None and fresh.engine.status.state == "running"
        await fresh.stop_engine()  # see the note above the settings page tests

    arun(save_and_activate())
    assert fresh.channel_state == "active"
    saved = load_settings(fresh.profile.settings_path)
    assert saved.channel.fallback_cnpj == "12ABC34501DE35"
    assert saved.channel.state == "active" and saved.channel.website_id == 1
    assert saved.pluggto.api_url == PLUGGTO_URL and saved.linx.url_or_tenant == LINX_URL
    assert saved.pluggto.user_id == pluggto_sim.DEMO_USER_ID  # learnt by the test
    assert fresh.secrets.get(PLUGGTO_CLIENT_SECRET) == pluggto_sim.DEMO_CLIENT_SECRET
    assert fresh.secrets.get(PLUGGTO_PASSWORD) == pluggto_sim.DEMO_PASSWORD
    assert fresh.secrets.get(LINX_PASSWORD) == linx_sim.DEMO_PASSWORD
    text = settings_file(fresh)
    assert not any(secret in text for secret in SECRETS)
    assert all((shots / name).stat().st_size > 0 for name in ("1-pluggto.png", "4-summary.png"))


@pytest.mark.parametrize(
    ("case", "message", "fields"),
    [
        ("client_secret", "recusou o Client ID ou o Client Secret", ["client_id", "client_secret"]),
        ("api_password", "recusou o usuário ou a senha da API", ["username", "password"]),
    ],
)
def test_wizard_names_the_wrong_pluggto_credential(wizard, fresh_controller, arun, qtbot, case, message,
                                                   fields) -> None:
    if case == "client_secret":
        fill_pluggto(qtbot, wizard, client_secret="wrong-secret")
    else:
        fill_pluggto(qtbot, wizard, password="wrong-password")
    form = wizard.pluggto
    run_test(arun, fresh_controller, form)
    assert form.test_result.text().startswith("✗ ") and message in form.test_result.text()
    assert form.test_state() == "failed"
    assert form.highlighted_fields() == fields
    assert all(form._test_fields()[name].property("invalid") for name in fields)
    # fixing the value clears the red marks (the result no longer applies)
    edit = form.client_secret if case == "client_secret" else form.password
    type_into(qtbot, edit, pluggto_sim.DEMO_CLIENT_SECRET if case == "client_secret" else pluggto_sim.DEMO_PASSWORD)
    assert form.highlighted_fields() == [] and not form.test_result.isVisible()
    assert not any(form._test_fields()[name].property("invalid") for name in fields)
    run_test(arun, fresh_controller, form)
    assert form.test_state() == "ok"


def test_wizard_names_the_wrong_linx_password(wizard, fresh_controller, arun, qtbot) -> None:
    fill_pluggto(qtbot, wizard)
    click(qtbot, wizard.next_button)
    fill_linx(qtbot, wizard, password="wrong")
    run_test(arun, fresh_controller, wizard.linx)
    assert "A Linx Commerce recusou o usuário ou a senha de integração." in wizard.linx.test_result.text()
    assert wizard.linx.highlighted_fields() == ["user", "password"]


def test_wizard_says_when_the_linx_store_cannot_be_reached(tmp_path, sims, arun, qtbot) -> None:
    # real network for Linx: nothing listens on port 9 of this machine
    svc = fresh_service(tmp_path, Transports(pluggto=sims.pluggto.transport(), linx=None), arun)
    ctl = Controller(svc)
    try:
        wizard = SetupWizard(ctl)
        qtbot.addWidget(wizard)
        wizard.show()
        fill_pluggto(qtbot, wizard)
        click(qtbot, wizard.next_button)
        fill_linx(qtbot, wizard, url="http://127.0.0.1:9")
        assert "http://127.0.0.1:9" in wizard.linx.address.text()
        run_test(arun, ctl, wizard.linx)
        text = wizard.linx.test_result.text()
        assert "Não foi possível falar com a Linx Commerce em http://127.0.0.1:9" in text
        assert wizard.linx.highlighted_fields() == ["url_or_tenant"]
    finally:
        ctl.close()
        arun(svc.close())


def test_continue_later_saves_the_draft_and_reopening_resumes(wizard, fresh_controller, fresh, arun, qtbot) -> None:
    postponed: list[bool] = []
    wizard.postponed.connect(lambda: postponed.append(True))
    fill_pluggto(qtbot, wizard)
    click(qtbot, wizard.next_button)
    type_into(qtbot, wizard.linx.store, "minhaloja")
    assert wizard.linx.address.text() == "Address used: https://minhaloja.layer.core.dcg.com.br"
    type_into(qtbot, wizard.linx.user, linx_sim.DEMO_USER)  # no password yet

    async def later() -> None:
        click_button(wizard.later_button)
        await fresh_controller.tasks.wait_idle()

    arun(later())
    assert postponed == [True]
    saved = load_settings(fresh.profile.settings_path)
    assert saved.pluggto.client_id == pluggto_sim.DEMO_CLIENT_ID and saved.linx.url_or_tenant == "minhaloja"
    assert saved.channel.state == "installed" and fresh.channel_state == "installed" and fresh.engine is None
    assert fresh.secrets.get(PLUGGTO_PASSWORD) == pluggto_sim.DEMO_PASSWORD
    assert fresh.secrets.get(LINX_PASSWORD) is None
    assert not any(secret in settings_file(fresh) for secret in SECRETS)

    # opening it again starts where something is still missing, with the secrets shown as stored
    again = SetupWizard(fresh_controller)
    qtbot.addWidget(again)
    again.show()
    assert again.current_step() == STEP_LINX
    assert again.pluggto.client_secret.text() == ""
    assert again.pluggto.client_secret.placeholderText() == "stored — leave empty to keep"
    assert again.linx.store.text() == "minhaloja" and "password" in again.missing.text()

    # an invalid value is left out of the draft (and said), the rest is kept
    type_into(qtbot, again.linx.password, linx_sim.DEMO_PASSWORD)
    type_into(qtbot, again.linx.store, LINX_URL)
    click(qtbot, again.next_button)
    again.channel.website_id.setValue(3)
    qtbot.keyClicks(again.channel.fallback_cnpj.lineEdit(), "0300733")

    async def later_again() -> None:
        click_button(again.later_button)
        await fresh_controller.tasks.wait_idle()

    arun(later_again())
    assert "Fallback CNPJ" in again.message.text()
    saved = load_settings(fresh.profile.settings_path)
    assert saved.channel.website_id == 3 and saved.channel.fallback_cnpj is None
    assert saved.channel.state == "configured" and fresh.engine is None
    # everything is filled in: the same page, shown again, opens on the summary
    again.hide()
    again.show()
    assert again.current_step() == STEP_SUMMARY
    assert "not tested" in again.summary.text()  # the connections were never tested


def test_summary_warns_when_tests_were_skipped_and_save_without_activating(wizard, fresh_controller, fresh,
                                                                          arun, qtbot) -> None:
    fill_pluggto(qtbot, wizard)
    click(qtbot, wizard.next_button)
    fill_linx(qtbot, wizard)
    click(qtbot, wizard.next_button)
    wizard.channel.website_id.setValue(1)
    click(qtbot, wizard.next_button)
    summary = wizard.summary.text()
    assert "Plug.to: the connection was not tested with these values." in summary
    assert "Linx Commerce: the connection was not tested with these values." in summary
    assert "No fallback intermediary CNPJ" in summary and "No order feed queue id" in summary
    finished: list[bool] = []
    wizard.finished_setup.connect(finished.append)

    async def save() -> None:
        click_button(wizard.save_button)
        await fresh_controller.tasks.wait_idle()

    arun(save())
    assert finished == [False]
    assert fresh.channel_state == "configured" and fresh.engine is None
    assert load_settings(fresh.profile.settings_path).channel.state == "configured"


def test_step_marks_follow_the_last_test_and_activating_an_untrusted_connection_asks(
        wizard, fresh_controller, fresh, arun, qtbot) -> None:
    """A failed Linx test must not show "✓ 2. Loja Linx Commerce"; "Salvar e ativar" then asks,
    and its default answer goes back to fix it. A passed test survives "Continuar depois"."""
    fill_pluggto(qtbot, wizard)
    run_test(arun, fresh_controller, wizard.pluggto)
    click(qtbot, wizard.next_button)
    fill_linx(qtbot, wizard, password="senha-errada")
    run_test(arun, fresh_controller, wizard.linx)
    assert wizard.linx.test_state() == "failed"
    marks = [label.text() for label in wizard.step_labels]
    assert "✓ 1. Plug.to account" in marks[0]
    assert "✗ 2. Linx Commerce store" in marks[1] and "✓" not in marks[1]
    click(qtbot, wizard.next_button)
    wizard.channel.website_id.setValue(1)
    click(qtbot, wizard.next_button)
    assert wizard.current_step() == STEP_SUMMARY

    click_button(wizard.activate_button)
    box = wizard.activate_box
    assert box is not None and box.isVisible()
    assert "Linx Commerce store: the last connection test failed." in box.informativeText()
    assert box.defaultButton().text() == "Go back and fix"
    box.defaultButton().click()
    assert wizard.current_step() == STEP_LINX
    assert fresh.engine is None and load_settings(fresh.profile.settings_path).channel.state != "active"

    # the right password, tested: the mark turns to ✓; the values now pass
    type_into(qtbot, wizard.linx.password, linx_sim.DEMO_PASSWORD)
    assert "✗" not in wizard.step_labels[1].text()  # a new value: the old result no longer applies
    run_test(arun, fresh_controller, wizard.linx)
    assert "✓ 2. Linx Commerce store" in wizard.step_labels[1].text()

    async def later() -> None:
        click_button(wizard.later_button)
        await fresh_controller.tasks.wait_idle()

    arun(later())
    again = SetupWizard(fresh_controller)
    qtbot.addWidget(again)
    again.show()
    # the tests passed before "Continuar depois" still hold: same values, now in the vault
    assert again.pluggto.test_state() == "ok" and again.linx.test_state() == "ok"
    again.go_to(STEP_SUMMARY)
    assert "not tested" not in again.summary.text()
    assert again.doubtful_connections() == []


def test_activating_anyway_after_the_question(wizard, fresh_controller, fresh, arun, qtbot) -> None:
    fill_pluggto(qtbot, wizard)
    click(qtbot, wizard.next_button)
    fill_linx(qtbot, wizard)
    click(qtbot, wizard.next_button)
    wizard.channel.website_id.setValue(1)
    click(qtbot, wizard.next_button)
    assert "(not tested)" in wizard.step_labels[0].text()

    async def activate_anyway() -> None:
        click_button(wizard.activate_button)
        box = wizard.activate_box
        assert "Plug.to account: the connection was not tested with these values." in box.informativeText()
        next(b for b in box.buttons() if b.text() == "Activate anyway").click()
        await fresh_controller.tasks.wait_idle()
        assert fresh.engine is not None
        await fresh.stop_engine()

    arun(activate_anyway())
    assert load_settings(fresh.profile.settings_path).channel.state == "active"


def test_marketplace_table_rows_are_validated_in_words(fresh_controller, qtbot) -> None:
    channel = ChannelForm(fresh_controller)
    qtbot.addWidget(channel)
    channel.load(fresh_controller.service.settings_copy(), fresh_controller.service.secrets)
    channel.show()
    row = channel.marketplaces.add_row()
    qtbot.keyClicks(channel.marketplaces.name_widget(row), "Mercado Livre")
    qtbot.keyClicks(channel.marketplaces.value_widget(row).lineEdit(), "03007331000142")
    assert channel.marketplaces.value_widget(row).mark() == "✗"
    problems = channel.problems()
    assert any(p.startswith("CNPJ per marketplace (Mercado Livre): ") for p in problems), problems
    error = channel._errors["channel.marketplace_cnpjs"]
    assert not error.isHidden() and "Mercado Livre" in error.text()
    value = channel.marketplaces.value_widget(row).lineEdit()
    value.clear()
    qtbot.keyClicks(value, "03.007.331/0001-41")
    channel.marketplaces.add_row("mercado livre", "03007331000141")
    assert any("mesmo marketplace" in p or "same marketplace" in p for p in channel.problems()), channel.problems()
    channel.marketplaces.remove_row(1)
    channel.website_id.setValue(1)
    assert channel.problems() == []
    settings = channel.draft()
    assert settings.channel.marketplace_cnpjs == {"Mercado Livre": "03007331000141"}


def test_a_marketplace_row_typed_twice_is_refused_not_merged(fresh_controller, qtbot) -> None:
    """Two identical rows used to become one entry of the settings' dict without a word; the
    form hands its rows as typed to the core, which compares names as domain/marketplaces.py does."""
    channel = ChannelForm(fresh_controller)
    qtbot.addWidget(channel)
    channel.load(fresh_controller.service.settings_copy(), fresh_controller.service.secrets)
    channel.website_id.setValue(1)
    channel.marketplaces.add_row("Mercado Livre", "03007331000141")
    channel.marketplaces.add_row("Mercado Livre", "03.007.331/0001-41")
    problems = channel.problems()
    named = [p for p in problems if p.startswith("CNPJ per marketplace (Mercado Livre): ")]
    assert any("marketplace" in p for p in named), problems
    channel.attributes.add_row("Cor", "color")
    channel.attributes.add_row("cor", "colour")
    assert any(p.startswith("Attribute mapping (cor): ") for p in channel.problems()), channel.problems()


def test_the_forms_ask_the_core_which_required_fields_are_missing(fresh_controller, qtbot) -> None:
    """The wizard's steps word what the core finds missing (settings.check_draft); between them
    they word every required field (the Plug.to address has a default: empty, it is wrong)."""
    forms = [PluggtoForm(fresh_controller), LinxForm(fresh_controller), ChannelForm(fresh_controller)]
    for form in forms:
        qtbot.addWidget(form)
        form.load(Settings(), SecretStore("empty-profile", use_environment=False, use_vault=False))
    worded = [path for form in forms for path in form._ask_for()]
    assert worded == [path for path in REQUIRED_FIELDS if path != "pluggto.api_url"]
    for form in forms:
        missing = form.check().missing_under(*form.SECTIONS)
        assert form.required_problems() == [form._ask_for()[path]() for path in missing]
    assert forms[2].required_problems() == ["Type the Linx website id of the sales channel."]
    forms[2].website_id.setValue(7)
    assert forms[2].required_problems() == []


def test_the_marketplace_table_shows_which_other_names_a_row_covers(fresh_controller, qtbot) -> None:
    """One row "Americanas" covers B2W and LOJASAMERICANAS orders: the form says so, and a second
    row for an alias of the same marketplace is refused in words (the core's rule)."""
    channel = ChannelForm(fresh_controller)
    qtbot.addWidget(channel)
    channel.load(fresh_controller.service.settings_copy(), fresh_controller.service.secrets)
    channel.show()
    assert channel.marketplaces.hints.isHidden()
    row = channel.marketplaces.add_row()
    qtbot.keyClicks(channel.marketplaces.name_widget(row), "Americanas")
    qtbot.keyClicks(channel.marketplaces.value_widget(row).lineEdit(), "00.776.574/0006-60")
    hint = channel.marketplaces.hints
    assert not hint.isHidden() and "Americanas" in hint.text()
    assert "B2W" in hint.text() and "LOJASAMERICANAS" in hint.text()
    channel.marketplaces.add_row("B2W", "00776574000660")
    assert any("B2W" in p and "Americanas" in p and "marketplace" in p for p in channel.problems()), channel.problems()


# --- the settings page --------------------------------------------------------------------------------
#
# An engine must never be left running when ``arun`` returns: qasync's ``run_until_complete``
# processes pending Qt events once more *after* it cleared the running loop, and pytest-qt spins
# Qt after each test phase, so the engine's callbacks would run with no asyncio loop ("no running
# event loop", coroutines never awaited). These tests start the engine (``service.activate()``)
# inside one scenario and stop it before the scenario ends.


@pytest.fixture
def configured(tmp_path: Path, sims, arun) -> Iterator[AppService]:
    """A configured profile, not yet active (its engine starts inside each test's scenario)."""
    profile = Profile(tmp_path / "configured").ensure()
    svc = AppService(profile, demo_secrets(profile), lang=PT, settings=configured_settings(state="configured"),
                     transports=sims.transports())
    arun(svc.open())
    yield svc
    arun(svc.close())


@pytest.fixture
def configured_controller(configured: AppService, qapp) -> Iterator[Controller]:
    ctl = Controller(configured)
    yield ctl
    ctl.close()


def open_page(qtbot, controller) -> SettingsPage:
    page = SettingsPage(controller)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


def test_settings_page_shows_the_state_and_guards_unsaved_changes(configured_controller, configured, arun, qtbot,
                                                                  tmp_path) -> None:
    async def scenario() -> list[bool]:
        await configured.activate()
        page = open_page(qtbot, configured_controller)
        for index, name in enumerate(page.TABS):
            page.tabs.setCurrentIndex(index)
            page.grab().save(str(tmp_path / f"settings-{name}.png"))
        assert ">Ativo<" in page.state_label.text() and page.pause_button.isVisible()
        assert not page.has_unsaved_changes()
        assert not page.save_button.isEnabled() and not page.discard_button.isEnabled()
        assert page.pluggto.client_secret.placeholderText() == "stored — leave empty to keep"
        assert page.channel.fallback_cnpj.text() == "12.ABC.345/01DE-35"

        field = page.channel.fallback_cnpj.lineEdit()
        type_into(qtbot, field, "03.007.331/0001-41")
        assert page.has_unsaved_changes() and page.save_button.isEnabled() and page.discard_button.isEnabled()

        answers: list[bool] = []
        page.confirm_leave(answers.append)
        box = page.leave_box()
        # shown with open(): window-modal at most, and the call did not block
        assert box is not None and box.isVisible() and box.windowModality() != Qt.WindowModality.ApplicationModal
        box.button(QMessageBox.StandardButton.Cancel).click()
        assert answers == [False] and page.last_leave_choice == "cancel" and page.has_unsaved_changes()

        page.confirm_leave(answers.append)
        page.leave_box().button(QMessageBox.StandardButton.Discard).click()
        assert answers == [False, True] and page.last_leave_choice == "discard"
        assert not page.has_unsaved_changes() and page.channel.fallback_cnpj.value() == "12ABC34501DE35"

        # nothing to lose: no question
        page.confirm_leave(answers.append)
        assert page.leave_box() is None and answers[-1] is True

        # a typed secret is a change too
        type_into(qtbot, page.linx.password, "nova-senha")
        assert page.has_unsaved_changes()
        page.discard()
        assert page.linx.password.text() == "" and not page.has_unsaved_changes()

        # Save from the question: the callback comes once the save finished
        type_into(qtbot, field, "03.007.331/0001-41")
        page.confirm_leave(answers.append)
        page.leave_box().button(QMessageBox.StandardButton.Save).click()
        await configured_controller.tasks.wait_idle()
        assert page.last_leave_choice == "save" and not page.has_unsaved_changes()
        await configured.stop_engine()
        return answers

    answers = arun(scenario())
    assert answers[-1] is True
    assert load_settings(configured.profile.settings_path).channel.fallback_cnpj == "03007331000141"


def test_settings_save_restarts_the_engine_and_the_next_order_uses_the_new_cnpj(configured_controller, configured,
                                                                                sims, arun, qtbot) -> None:
    service = configured

    async def scenario() -> dict[str, str]:
        await service.activate()
        page = open_page(qtbot, configured_controller)
        before = service.engine
        assert before is not None and before.status.state == "running"
        type_into(qtbot, page.channel.fallback_cnpj.lineEdit(), "03007331000141")
        page.engine.max_attempts.setValue(5)
        click_button(page.save_button)
        assert page.save_button.text() == "Saving…" and not page.save_button.isEnabled()
        await configured_controller.tasks.wait_idle()
        assert page.message.text() == "Saved. The sync restarted with the new settings."
        assert service.engine is not None and service.engine is not before
        assert service.engine.status.state == "running"
        assert not page.has_unsaved_changes() and not page.save_button.isEnabled()

        order = sims.pluggto.add_order(generate_order(seed=4, status="approved", skus=["CAM-AZUL-M"],
                                                      intermediary="missing", channel="LojaNova"), touch=True)
        service.sync_now()
        while True:
            job = await configured_controller.store.find("order", order["id"])
            if job is not None and job.state in ("integrated", "needs_attention"):
                break
            await asyncio.sleep(0.05)
        await service.stop_engine()
        [linx_order] = linx_orders_for(sims.linx, order)
        return {p["Name"]: p["Value"] for p in linx_order["Properties"]}

    props = arun(scenario())
    saved = load_settings(service.profile.settings_path)
    assert saved.channel.fallback_cnpj == "03007331000141" and saved.engine.max_attempts == 5
    assert props[c.PROP_INTERMEDIARY_CNPJ] == "03007331000141"
    assert props[c.PROP_INTERMEDIARY_CNPJ_SOURCE] == "channel"


def test_settings_validation_errors_are_shown_next_to_the_fields(configured_controller, configured, qtbot) -> None:
    page = open_page(qtbot, configured_controller)
    assert "Configurado, não ativo" in page.state_label.text()
    type_into(qtbot, page.linx.store, "not a tenant!")
    error = page.linx._errors["linx.url_or_tenant"]
    assert not error.isHidden() and error.text().startswith("Informe o nome da loja")  # live, in pt-BR
    assert page.linx.store.property("invalid")
    type_into(qtbot, page.engine.listener_host, "")
    click(qtbot, page.save_button)
    assert page.message.text() == "Not saved: correct the fields marked in red."
    assert page.tabs.currentIndex() == page.TABS.index("linx")
    assert not page.engine._errors["engine.listener_host"].isHidden()
    assert page.tabs.tabBar().tabTextColor(page.TABS.index("engine")).name() == "#cf222e"
    assert not Path(configured.profile.settings_path).exists()  # nothing written
    assert configured.settings.linx.url_or_tenant == LINX_URL
    page.discard()
    assert error.isHidden() and not page.linx.store.property("invalid")


def test_settings_language_change_pause_and_resume(configured_controller, configured, arun, qtbot) -> None:
    languages: list[str] = []

    async def scenario() -> None:
        await configured.activate()
        page = open_page(qtbot, configured_controller)
        page.language_changed.connect(languages.append)
        page.show_tab("app")
        assert page.tabs.currentIndex() == page.TABS.index("app")
        page.app.language.setCurrentIndex(page.app.language.findData("en"))
        click_button(page.save_button)
        await configured_controller.tasks.wait_idle()
        assert languages == ["en"]

        click_button(page.pause_button)
        assert configured.channel_state == "paused"
        assert "Pausado" in page.state_label.text() and page.resume_button.isVisible()
        assert not page.pause_button.isVisible()
        click_button(page.resume_button)
        assert configured.channel_state == "active" and page.pause_button.isVisible()
        await configured.stop_engine()

    arun(scenario())
    assert load_settings(configured.profile.settings_path).ui.language == "en"


def test_settings_page_activates_a_configured_channel(configured_controller, configured, arun, qtbot) -> None:
    page = open_page(qtbot, configured_controller)
    assert "Configurado, não ativo" in page.state_label.text() and page.activate_button.isVisible()
    assert not page.pause_button.isVisible() and configured.engine is None
    type_into(qtbot, page.channel.fallback_cnpj.lineEdit(), "03007331000141")
    assert not page.activate_button.isEnabled()  # save or discard first
    page.discard()

    async def activate() -> None:
        click_button(page.activate_button)
        await configured_controller.tasks.wait_idle()
        assert configured.channel_state == "active" and configured.engine is not None
        assert ">Ativo<" in page.state_label.text() and page.pause_button.isVisible()
        await configured.stop_engine()

    arun(activate())


# --- translations ---------------------------------------------------------------------------------------


SETUP_UI_FILES = ("widgets/cnpj_field.py",
                  *sorted(f"forms/{p.name}" for p in (ROOT / "pluggto_desktop/ui/forms").glob("*.py")),
                  "setup_wizard.py", "settings_page.py")


def test_every_string_of_the_setup_ui_has_a_pt_br_translation(tmp_path) -> None:
    catalog = json.loads((ROOT / "resources/translations/catalog/setup.json").read_text(encoding="utf-8"))
    sources = []
    for name in SETUP_UI_FILES:
        tree = ast.parse((ROOT / "pluggto_desktop/ui" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr":
                assert isinstance(node.args[0], ast.Constant), f"{name}:{node.lineno}: tr() needs a literal"
                sources.append(node.args[0].value)
    missing = [s for s in sources if not catalog.get(s)]
    assert missing == []
    for source, translation in catalog.items():
        for form in translation if isinstance(translation, list) else [translation]:  # plurals: each form
            for marker in ("%1", "%2", "%3", "%n"):
                assert (marker in source) == (marker in form), source
    # lupdate must see every one of them (it skips e.g. a tr() inside an f-string)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    ts = tmp_path / "setup.ts"
    subprocess.run([str(lupdate), *[str(ROOT / "pluggto_desktop/ui" / n) for n in SETUP_UI_FILES], "-ts", str(ts)],
                   check=True, capture_output=True, timeout=120)
    seen = {m.findtext("source") for m in ET.parse(ts).getroot().iter("message")}
    assert sorted(set(sources) - seen) == []


def test_start_with_the_computer_writes_the_os_entry_at_once(controller, qtbot, tmp_path, monkeypatch) -> None:
    from pathlib import Path

    from pluggto_desktop.desktop import Autostart
    from pluggto_desktop.ui.forms import AppForm

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    form = AppForm(controller)
    qtbot.addWidget(form)
    form.load(controller.service.settings, controller.service.secrets)
    if not Autostart().supported:
        pytest.skip("no autostart on this platform")
    assert not form.autostart.isChecked()
    changed: list[bool] = []
    form.changed.connect(lambda: changed.append(True))
    form.autostart.setChecked(True)
    entry = Path(tmp_path / "cfg" / "autostart" / "pluggto-desktop.desktop")
    assert entry.exists() and "--minimized" in entry.read_text()
    assert f"--home {controller.service.profile.root}" in entry.read_text()  # not the default profile
    assert changed == []  # acts at once: nothing waits for Save
    form.autostart.setChecked(False)
    assert not entry.exists()


def test_settings_page_shows_the_address_to_register_in_plugto(configured_controller, configured, arun, qtbot,
                                                                tmp_path) -> None:
    page = open_page(qtbot, configured_controller)
    page.show_tab("engine")
    form = page.engine
    assert configured.settings.engine.listener_token is None  # never saved yet: no token yet
    assert form.listener_url.text() == "" and not form.copy_url.isEnabled()
    arun(configured.apply_settings(page.draft()))  # the first save makes it
    token = configured.settings.engine.listener_token
    assert token
    form.listener_enabled.setChecked(True)
    expected = f"http://127.0.0.1:8787/pluggto/notifications/{token}"
    assert form.listener_url.text() == expected
    click(qtbot, form.copy_url)
    assert QApplication.clipboard().text() == expected
    assert form.exposure_warning.isHidden()
    page.grab().save(str(tmp_path / "settings-engine.png"))
    type_into(qtbot, form.listener_host, "0.0.0.0")  # every interface, nothing in front: warned
    assert not form.exposure_warning.isHidden()
    type_into(qtbot, form.public_url, "https://pedidos.minhaloja.com.br")
    assert form.exposure_warning.isHidden()
    assert form.listener_url.text() == f"https://pedidos.minhaloja.com.br/pluggto/notifications/{token}"
    type_into(qtbot, form.public_url, "https://pedidos.minhaloja.com.br/loja")
    assert not form._errors["engine.listener_public_url"].isHidden()  # a path is not a server address
    type_into(qtbot, form.public_url, "")
    assert page.draft().engine.listener_public_url is None
    assert page.draft().engine.listener_token == token  # the form never changes the token


# --- issue 12, item 10: small things that moved under the person's eyes ---------------------------------------


def test_saving_the_settings_stays_on_the_tab(configured_controller, configured, arun, qtbot) -> None:
    async def scenario() -> None:
        await configured.activate()
        page = open_page(qtbot, configured_controller)
        page.show_tab("engine")
        page.engine.poll_interval.setValue(page.engine.poll_interval.value() + 5)
        click_button(page.save_button)
        await configured_controller.tasks.wait_idle()
        await asyncio.sleep(0.05)
        assert page.message.text().startswith("Saved.")
        assert page.tabs.currentIndex() == page.TABS.index("engine")
        await configured.stop_engine()

    arun(scenario())


def test_the_address_used_never_pushes_the_fields_below(controller, qtbot) -> None:
    from PySide6.QtCore import QPoint

    from pluggto_desktop.ui.forms import LinxForm

    form = LinxForm(controller)
    qtbot.addWidget(form)
    form.resize(700, 500)
    form.show()
    form.load(controller.service.settings)
    form.store.clear()  # a store not typed yet
    QApplication.processEvents()
    below = form.user.mapTo(form, QPoint(0, 0)).y()
    assert form.address.isHidden()
    type_into(qtbot, form.store, "minhaloja")
    QApplication.processEvents()
    assert not form.address.isHidden() and form.address.text().startswith("Address used: https://")
    assert form.user.mapTo(form, QPoint(0, 0)).y() == below
    form.store.setText("https://uma-loja-com-um-nome-muito-comprido-de-verdade.layer.core.dcg.com.br")
    QApplication.processEvents()
    assert form.user.mapTo(form, QPoint(0, 0)).y() == below  # one line, elided; the whole in the tooltip
    assert form.address.toolTip().startswith("https://uma-loja")


def test_the_channel_form_edits_the_deadlines_and_the_core_judges_them(fresh_controller, qtbot) -> None:
    """Defaults shown as the app's, per-marketplace rows as typed (an alias of a row already there is
    refused), shipping before invoicing refused — all by the core's rules (settings.validation)."""
    channel = ChannelForm(fresh_controller)
    qtbot.addWidget(channel)
    channel.load(fresh_controller.service.settings_copy(), fresh_controller.service.secrets)
    channel.website_id.setValue(1)
    assert (channel.invoice_hours.value(), channel.shipping_hours.value()) == (24, 48)
    row = channel.deadline_table.add_row("Shopee")
    assert channel.deadline_table.rows() == [("Shopee", 24, 48)]  # a new row starts from the defaults
    channel.deadline_table._spin(row, 1).setValue(12)
    channel.deadline_table._spin(row, 2).setValue(36)
    draft = channel.draft().channel
    assert draft.marketplace_deadlines == {"Shopee": {"invoice_hours": 12.0, "shipping_hours": 36.0}}
    assert channel.problems() == []
    assert "Shopee: 12 h / 36 h" in dict(channel.summary())["Marketplace deadlines"]
    channel.deadline_table.add_row("Americanas", 10, 20)
    channel.deadline_table.add_row("B2W", 10, 20)
    assert any(p.startswith("Per marketplace (B2W): ") for p in channel.problems()), channel.problems()
    channel.deadline_table.set_rows([("Shopee", 30, 10)])
    assert any(p.startswith("Per marketplace (Shopee): ") and "10 h" in p for p in channel.problems()), \
        channel.problems()
    channel.deadline_table.set_rows([])
    channel.shipping_hours.setValue(12)
    assert any("12 h" in p for p in channel.problems()), channel.problems()
