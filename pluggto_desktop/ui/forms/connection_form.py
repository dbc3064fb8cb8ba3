"""The base of the forms with credentials (Plug.to, Linx): the password boxes and "Testar conexão".

"Testar conexão" makes a real call through :mod:`pluggto_desktop.connection` in a background
task (``controller.run``), with the values being typed, and shows the outcome inline,
highlighting the fields it names. The last outcome is kept by the service for the session and
shown again while the values (and secrets, by fingerprint) stay the same.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pluggto_desktop.connection import TestOutcome
from pluggto_desktop.explain import explain_exception
from pluggto_desktop.settings import Settings
from pluggto_desktop.ui.forms.base import SetupForm
from pluggto_desktop.ui.forms.common import muted_label
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, OK_COLOUR

log = logging.getLogger("pluggto_desktop.ui")


class ConnectionForm(SetupForm):
    """A form with credentials and a "Testar conexão" button."""

    #: secret-store name -> its password box (set by the subclass)
    _secret_fields: dict[str, QLineEdit]

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._stored: dict[str, bool] = {}
        self._testing = False
        self._tested: tuple[tuple[Any, ...], TestOutcome] | None = None
        self._highlighted: list[QWidget] = []
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_result.hide()
        self.vault_label = muted_label()

    def _test_row(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.test_result)
        self._refresh_test_button()

    # fields a test outcome may name -> widget (subclass)
    def _test_fields(self) -> dict[str, QWidget]:
        raise NotImplementedError

    def _test_key(self) -> tuple[Any, ...]:
        """What the test result depends on: when it changes, the last result no longer applies.

        The secrets count by their value — typed now or already in the vault — and only as a
        fingerprint: a test made before "Continuar depois" (secrets typed) still applies after
        it (the same secrets, stored), and no secret is held here in clear."""
        draft = self.draft()
        secrets = hashlib.sha256("\0".join(self._secret(name) for name in sorted(self._secret_fields)).encode())
        return (self._key_of(draft), secrets.hexdigest())

    def _key_of(self, settings: Settings) -> tuple[Any, ...]:
        raise NotImplementedError

    async def _call_test(self, draft: Settings) -> TestOutcome:
        raise NotImplementedError

    def _secret(self, name: str) -> str:
        """The secret typed now, else the stored one, else ""."""
        typed = self._secret_fields[name].text()
        return typed or self._secrets.get(name) or ""

    def _load_secrets(self) -> None:
        for name, edit in self._secret_fields.items():
            edit.clear()
            self._stored[name] = bool(self._secrets.get(name))
        self._apply_placeholders()
        self.vault_label.setText(self._secrets.backend_description(self.lang))
        # the last test of this session, kept by the service: shown again when the values agree
        self._tested = self.controller.service.connection_tests.get(self.SECTIONS[0])
        self._show_outcome(self.last_outcome())

    def _apply_placeholders(self) -> None:
        for name, edit in self._secret_fields.items():
            edit.setPlaceholderText(self.tr("stored — leave empty to keep") if self._stored.get(name)
                                    else self.tr("required — not stored"))

    def has_secret(self, name: str) -> bool:
        return bool(self._secret_fields[name].text()) or self._stored.get(name, False)

    def _secrets_at_hand(self) -> set[str]:
        return {name for name in self._secret_fields if self.has_secret(name)}

    def secret_values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self._secret_fields.items() if edit.text()}

    def _retranslate_extra(self) -> None:
        self._apply_placeholders()
        self.vault_label.setText(self._secrets.backend_description(self.lang))
        self._refresh_test_button()

    # -- running a test --------------------------------------------------------------------------
    def test_connection(self) -> Any:
        """Start a real test with the values being typed; returns the background task."""
        if self._testing:
            return None
        draft, key = self.draft(), self._test_key()
        self._testing = True
        self._refresh_test_button()
        self.test_result.hide()
        return self.controller.run(self._run_test(draft, key), what=self.tr("test the connection"))

    async def _run_test(self, draft: Settings, key: tuple[Any, ...]) -> TestOutcome:
        try:
            outcome = await self._call_test(draft)
        except Exception as exc:  # shown to the user, never lost
            log.exception("connection test failed unexpectedly")
            outcome = TestOutcome(False, self.tr("The test could not run: %1").replace(
                "%1", explain_exception(exc, self.lang).text))
        if not shiboken6.isValid(self):  # the form went away meanwhile
            return outcome
        self._testing = False
        self._refresh_test_button()
        self._tested = (key, outcome)
        self.controller.service.connection_tests[self.SECTIONS[0]] = self._tested
        self._on_outcome(outcome)
        self._show_outcome(outcome)
        self.changed.emit()
        return outcome

    def _on_outcome(self, outcome: TestOutcome) -> None:
        """Hook for what a test teaches (the Plug.to user id)."""

    def _refresh_test_button(self) -> None:
        self.test_button.setEnabled(not self._testing)
        self.test_button.setText(self.tr("Testing…") if self._testing else self.tr("Test connection"))

    def _culprits(self) -> set[QWidget]:
        return super()._culprits() | set(self._highlighted)

    def _show_outcome(self, outcome: TestOutcome | None) -> None:
        self._highlighted = []
        if outcome is None:
            self.test_result.hide()
            self.test_result.clear()
            self._apply_highlights()
            return
        colour = OK_COLOUR if outcome.ok else BAD_COLOUR
        self.test_result.setStyleSheet(f"color: {colour};")
        self.test_result.setText(("✓ " if outcome.ok else "✗ ") + outcome.message)
        self.test_result.show()
        fields = self._test_fields()
        self._highlighted = [fields[name] for name in outcome.fields if name in fields]
        self._apply_highlights()

    def _on_credentials_edited(self) -> None:
        """A credential changed: the last test result no longer says anything about it."""
        if self._loading:
            return
        if self._tested is not None and self._tested[0] != self._test_key():
            self._show_outcome(None)

    def last_outcome(self) -> TestOutcome | None:
        """The result of the last test, if it was made with the values shown now."""
        if self._tested is None or self._tested[0] != self._test_key():
            return None
        return self._tested[1]

    def test_state(self) -> str:
        """"ok", "failed" or "untested" — for the values shown now."""
        outcome = self.last_outcome()
        if outcome is None:
            return "untested"
        return "ok" if outcome.ok else "failed"

    def is_testing(self) -> bool:
        return self._testing

    def highlighted_fields(self) -> list[str]:
        """Names (as TestOutcome.fields) of the fields drawn as wrong."""
        return [name for name, widget in self._test_fields().items() if widget in self._highlighted]

    def _connect_credential(self, *edits: QLineEdit) -> None:
        for edit in edits:
            edit.textChanged.connect(lambda _t: self._on_credentials_edited())

    def _test_warning(self, what: str) -> list[str]:
        state = self.test_state()
        if state == "untested":
            return [self.tr("%1: the connection was not tested with these values.").replace("%1", what)]
        if state == "failed":
            return [self.tr("%1: the last connection test failed.").replace("%1", what)]
        return []

    def _secret_summary(self, name: str) -> str:
        if not self.has_secret(name):
            return self.tr("missing")
        return "•••• — " + self._secrets.backend_description(self.lang)

    def _test_summary(self) -> str:
        state = self.test_state()
        if state == "ok":
            return self.tr("tested: connection OK")
        if state == "failed":
            return self.tr("test failed")
        return self.tr("not tested")
