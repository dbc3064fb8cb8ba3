"""Step 1 of the setup: the Plug.to account (four credentials) and, under "Advanced", the API address."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from pluggto_desktop import connection
from pluggto_desktop.connection import TestOutcome
from pluggto_desktop.secrets import PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD
from pluggto_desktop.settings import PluggtoSettings, Settings
from pluggto_desktop.ui.forms.common import TextFn
from pluggto_desktop.ui.forms.connection_form import ConnectionForm

DEFAULT_PLUGGTO_URL = PluggtoSettings().api_url


class PluggtoForm(ConnectionForm):
    """Step 1: the Plug.to account (four credentials) and, under "Advanced", the API address."""

    SECTIONS = ("pluggto",)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._learnt: tuple[tuple[str, str, str], str] | None = None  # ((url, id, user), user_id)
        self.client_id = self._line()
        self.client_secret = self._line(password=True)
        self.username = self._line()
        self.password = self._line(password=True)
        self.api_url = self._line()
        self.api_url.setPlaceholderText(DEFAULT_PLUGGTO_URL)
        self._secret_fields = {PLUGGTO_CLIENT_SECRET: self.client_secret, PLUGGTO_PASSWORD: self.password}
        self._connect_credential(self.client_id, self.client_secret, self.username, self.password, self.api_url)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        app = self._group(lambda: self.tr("Plug.to app"), outer)
        app.addRow(self._note(lambda: self.tr(
            "The Client ID and Client Secret identify the app (plugin) that talks to Plug.to; Plug.to "
            "gives them to you.")))
        self._row(app, "pluggto.client_id", lambda: self.tr("Client ID"), self.client_id)
        self._row(app, "pluggto.client_secret", lambda: self.tr("Client Secret"), self.client_secret)
        seller = self._group(lambda: self.tr("Seller's API access"), outer)
        seller.addRow(self._note(lambda: self.tr(
            "Use the seller's API key and API password — not the e-mail and password you use to log in "
            "to the Plug.to panel.")))
        self._row(seller, "pluggto.username", lambda: self.tr("API user"), self.username)
        self._row(seller, "pluggto.password", lambda: self.tr("API password"), self.password)
        outer.addWidget(self.vault_label)

        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setAutoRaise(True)
        self._bind(self.advanced_toggle.setText, lambda: self.tr("Advanced"))
        self.advanced_toggle.toggled.connect(self.set_advanced_visible)
        outer.addWidget(self.advanced_toggle)
        self.advanced = QWidget()
        advanced = self._form_layout()
        advanced.setContentsMargins(18, 0, 0, 0)
        self.advanced.setLayout(advanced)
        self._row(advanced, "pluggto.api_url", lambda: self.tr("API address"), self.api_url,
                  lambda: self.tr("Change it only if Plug.to support asks you to (default: %1).").replace(
                      "%1", DEFAULT_PLUGGTO_URL))
        self.advanced.hide()
        outer.addWidget(self.advanced)
        self._test_row(outer)
        outer.addStretch(1)

    def first_field(self) -> QWidget:
        return self.client_id

    def set_advanced_visible(self, visible: bool) -> None:
        self.advanced_toggle.blockSignals(True)
        self.advanced_toggle.setChecked(visible)
        self.advanced_toggle.blockSignals(False)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow)
        self.advanced.setVisible(visible)

    def _load(self, settings: Settings) -> None:
        p = settings.pluggto
        self.client_id.setText(p.client_id)
        self.username.setText(p.username)
        self.api_url.setText(p.api_url)
        self._learnt = None
        self._load_secrets()
        self.set_advanced_visible(p.api_url.strip().rstrip("/") != DEFAULT_PLUGGTO_URL)

    def store_into(self, settings: Settings) -> None:
        p = settings.pluggto
        loaded = self._settings.pluggto
        p.client_id = self.client_id.text().strip()
        p.username = self.username.text().strip()
        p.api_url = self.api_url.text().strip()
        account = (p.api_url, p.client_id, p.username)
        if self._learnt is not None and self._learnt[0] == account:
            p.user_id = self._learnt[1]
        elif account != (loaded.api_url, loaded.client_id, loaded.username):
            p.user_id = None  # another account: its user id is learnt again
        # else: same account, keep the user id ``settings`` has (the engine may have learnt it)

    def _key_of(self, settings: Settings) -> tuple[Any, ...]:
        p = settings.pluggto
        return (p.api_url, p.client_id, p.username)

    def _test_fields(self) -> dict[str, QWidget]:
        return {"client_id": self.client_id, "client_secret": self.client_secret, "username": self.username,
                "password": self.password, "api_url": self.api_url}

    async def _call_test(self, draft: Settings) -> TestOutcome:
        return await connection.test_pluggto(
            draft, self._secret(PLUGGTO_CLIENT_SECRET), self._secret(PLUGGTO_PASSWORD), self.lang,
            transport=self.controller.service.transports.pluggto)

    def _on_outcome(self, outcome: TestOutcome) -> None:
        if outcome.ok and outcome.user_id:
            p = self.draft().pluggto
            self._learnt = ((p.api_url, p.client_id, p.username), str(outcome.user_id))
        if "api_url" in outcome.fields:
            self.set_advanced_visible(True)

    def _errors_shown(self, found: dict[str, list[str]]) -> None:
        if "pluggto.api_url" in found:
            self.set_advanced_visible(True)

    def _ask_for(self) -> dict[str, TextFn]:
        return {
            "pluggto.client_id": lambda: self.tr("Type the Client ID."),
            "pluggto.client_secret": lambda: self.tr("Type the Client Secret."),
            "pluggto.username": lambda: self.tr("Type the API user."),
            "pluggto.password": lambda: self.tr("Type the API password."),
        }

    def warnings(self) -> list[str]:
        return self._test_warning("Plug.to")

    def summary(self) -> list[tuple[str, str]]:
        p = self.draft().pluggto
        rows = [
            (self.tr("Client ID"), p.client_id),
            (self.tr("Client Secret"), self._secret_summary(PLUGGTO_CLIENT_SECRET)),
            (self.tr("API user"), p.username),
            (self.tr("API password"), self._secret_summary(PLUGGTO_PASSWORD)),
            (self.tr("API address"), p.api_url),
        ]
        if p.user_id:
            rows.append((self.tr("Plug.to user id"), p.user_id))
        rows.append((self.tr("Connection"), self._test_summary()))
        return rows
