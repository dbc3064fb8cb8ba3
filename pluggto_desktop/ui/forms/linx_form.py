"""Step 2 of the setup: the Linx Commerce store and its integration user."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from pluggto_desktop import connection
from pluggto_desktop.connection import TestOutcome
from pluggto_desktop.present.linx import store_address
from pluggto_desktop.secrets import LINX_PASSWORD
from pluggto_desktop.settings import Settings
from pluggto_desktop.ui.forms.common import TextFn, muted_label
from pluggto_desktop.ui.forms.connection_form import ConnectionForm


class LinxForm(ConnectionForm):
    """Step 2: the Linx Commerce store and its integration user."""

    SECTIONS = ("linx",)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.store = self._line()
        self.store.setPlaceholderText("minhaloja")
        self.user = self._line()
        self.password = self._line(password=True)
        self.homologation = self._check(lambda: self.tr("Homologation (test) environment"))
        self.homologation.toggled.connect(lambda _c: self._on_credentials_edited())
        self._secret_fields = {LINX_PASSWORD: self.password}
        self._connect_credential(self.store, self.user, self.password)
        # "Endereço usado: …" appears as the store is typed: its line is reserved from the start
        # (one line, elided, the whole address in the tooltip), so the fields below never move
        self.address = muted_label()
        self.address.setWordWrap(False)
        policy = self.address.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.address.setSizePolicy(policy)
        self.store.textChanged.connect(lambda _t: self._refresh_address())
        self.homologation.toggled.connect(lambda _c: self._refresh_address())

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        form = self._group(lambda: self.tr("Linx Commerce store"), outer)
        form.addRow(self._note(lambda: self.tr(
            "In the Linx Commerce admin: LOJA → SOLUÇÕES → Pluggto. The integration user and its password "
            "(or key) are the ones the store uses for API integrations.")))
        box = self._row(form, "linx.url_or_tenant", lambda: self.tr("Store"), self.store,
                        lambda: self.tr("The store's environment name (tenant, e.g. minhaloja) or its full "
                                        "address starting with https://."))
        box.layout().insertWidget(1, self.address)
        self._row(form, "linx.user", lambda: self.tr("Integration user"), self.user)
        self._row(form, "linx.password", lambda: self.tr("Password or key"), self.password)
        self._row(form, "linx.homologation", None, self.homologation,
                  lambda: self.tr("Tick only for a Linx homologation store (tests), never for the live store."))
        outer.addWidget(self.vault_label)
        self._test_row(outer)
        outer.addStretch(1)

    def first_field(self) -> QWidget:
        return self.store

    def _refresh_address(self) -> None:
        url = store_address(self.store.text(), self.homologation.isChecked()) or ""
        self.address.setText(self.tr("Address used: %1").replace("%1", url) if url else "")
        self.address.setToolTip(url)
        self.address.setVisible(bool(url))

    def _retranslate_extra(self) -> None:
        super()._retranslate_extra()
        self._refresh_address()

    def _load(self, settings: Settings) -> None:
        x = settings.linx
        self.store.setText(x.url_or_tenant)
        self.user.setText(x.user)
        self.homologation.setChecked(x.homologation)
        self._load_secrets()
        self._refresh_address()

    def store_into(self, settings: Settings) -> None:
        x = settings.linx
        x.url_or_tenant = self.store.text().strip()
        x.user = self.user.text().strip()
        x.homologation = self.homologation.isChecked()

    def _key_of(self, settings: Settings) -> tuple[Any, ...]:
        x = settings.linx
        return (x.url_or_tenant, x.user, x.homologation)

    def _test_fields(self) -> dict[str, QWidget]:
        return {"url_or_tenant": self.store, "user": self.user, "password": self.password}

    async def _call_test(self, draft: Settings) -> TestOutcome:
        return await connection.test_linx(draft, self._secret(LINX_PASSWORD), self.lang,
                                          transport=self.controller.service.transports.linx)

    def _ask_for(self) -> dict[str, TextFn]:
        return {
            "linx.url_or_tenant": lambda: self.tr("Type the store (tenant name or address)."),
            "linx.user": lambda: self.tr("Type the integration user."),
            "linx.password": lambda: self.tr("Type the integration user's password or key."),
        }

    def warnings(self) -> list[str]:
        return self._test_warning("Linx Commerce")

    def summary(self) -> list[tuple[str, str]]:
        x = self.draft().linx
        address = store_address(x.url_or_tenant, x.homologation) or x.url_or_tenant
        return [
            (self.tr("Store"), x.url_or_tenant),
            (self.tr("Address"), address),
            (self.tr("Environment"), self.tr("homologation (tests)") if x.homologation else self.tr("production")),
            (self.tr("Integration user"), x.user),
            (self.tr("Password or key"), self._secret_summary(LINX_PASSWORD)),
            (self.tr("Connection"), self._test_summary()),
        ]
