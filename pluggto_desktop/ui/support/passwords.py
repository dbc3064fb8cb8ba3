"""Suporte → Senhas neste computador: where the passwords are kept, which are stored, and
"Esquecer as senhas salvas…" (after a non-modal confirmation) for a computer that stops serving
the store: ``service.forget_secrets`` deletes them from the vault and the engine stops asking
for them. Which secrets the vault holds is the vault's answer (``SecretStore.stored_names``).
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from pluggto_desktop.secrets import VaultError, secret_label
from pluggto_desktop.ui.forms import muted_label
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, MUTED_COLOUR, OK_COLOUR


class PasswordsBox(QGroupBox):
    """The passwords this profile keeps on this computer, and forgetting them."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        self._forgetting = False
        self._forget_box: QMessageBox | None = None
        self._vault_key: tuple[str, ...] = ("idle",)
        self._vault_stale = False  # the settings changed while hidden: on_shown re-reads the vault
        vault = QVBoxLayout(self)
        vault.setSpacing(8)
        self.vault_intro = muted_label()
        vault.addWidget(self.vault_intro)
        row = QHBoxLayout()
        self.forget_button = QPushButton()
        self.forget_button.clicked.connect(self.confirm_forget)
        row.addWidget(self.forget_button)
        self.vault_status = QLabel()
        self.vault_status.setWordWrap(True)
        row.addWidget(self.vault_status, 1)
        vault.addLayout(row)

    @property
    def lang(self) -> str:
        return self.controller.lang

    def retranslate(self) -> None:
        self.setTitle(self.tr("Passwords on this computer"))
        self.forget_button.setText(self.tr("Forget saved passwords…"))
        if self.isVisible():  # hidden: on_shown reads the vault (keyring reads can be slow)
            self._refresh_vault()

    def on_shown(self) -> None:
        stale, self._vault_stale = self._vault_stale, False
        self._refresh_vault(settings_changed=stale)  # the engine may have stored a new token since

    def on_settings_changed(self) -> None:
        if self.isVisible():
            self._refresh_vault(settings_changed=True)
        else:
            self._vault_stale = True

    def _secret_label(self, name: str) -> str:
        return secret_label(name, self.lang)  # the core's words for it, as the CLI says them

    def stored_secret_names(self) -> list[str]:
        return self.service.secrets.stored_names()

    def _refresh_vault(self, *, settings_changed: bool = False) -> None:
        """Read what the vault holds (once) and show it; after a settings change, a message about
        an earlier deletion goes once passwords are stored again."""
        stored = self.stored_secret_names()
        if settings_changed and self._vault_key[0] != "idle" and stored:
            self._vault_key = ("idle",)  # passwords typed again since: the old message is stale
        self._show_vault(stored)

    def _show_vault(self, stored: list[str]) -> None:
        """Show the vault section; ``stored`` is :meth:`stored_secret_names` as just read."""
        secrets = self.service.secrets
        self.vault_intro.setText(self.tr(
            "%1. Forget them when this computer stops serving the store (it is handed over, or the app is "
            "removed): the order queue and the settings stay, and syncing stops until the passwords are typed "
            "again in Settings.").replace("%1", secrets.backend_description(self.lang)))
        self.forget_button.setEnabled(bool(stored) and not self._forgetting)
        kind = self._vault_key[0]
        if self._forgetting:
            text, colour = self.tr("Deleting…"), MUTED_COLOUR
        elif kind == "forgotten":
            names = ", ".join(self._secret_label(n) for n in self._vault_key[1:]) or self.tr("nothing was stored")
            text = self.tr("Deleted: %1. Type the passwords again in Settings to sync.").replace("%1", names)
            colour = OK_COLOUR
        elif kind == "failed":
            text, colour = self.tr("Could not delete: %1").replace("%1", self._vault_key[1]), BAD_COLOUR
        elif not secrets.persistent:
            text, colour = self.tr("Nothing is saved on this computer."), MUTED_COLOUR
        elif stored:
            text = self.tr("Saved here: %1.").replace("%1", ", ".join(self._secret_label(n) for n in stored))
            colour = MUTED_COLOUR
        else:
            text, colour = self.tr("No password of this profile is saved here."), MUTED_COLOUR
        self.vault_status.setStyleSheet(f"color: {colour};")
        self.vault_status.setText(text)

    def confirm_forget(self) -> None:
        """Ask first (non-modal: the sync goes on while the question is open)."""
        if self._forget_box is not None:
            self._forget_box.raise_()
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Forget saved passwords"))
        box.setText(self.tr("Forget the passwords saved on this computer?"))
        box.setInformativeText(self.tr(
            "The Plug.to Client Secret and API password, the Linx password and the Plug.to access token of "
            "this profile are deleted from the password vault. Syncing stops until you type them again in "
            "Settings; the order queue and the settings are kept."))
        Button = QMessageBox.StandardButton  # Qt's enum, named as Qt names it
        box.setStandardButtons(Button.Yes | Button.Cancel)
        box.button(Button.Yes).setText(self.tr("Forget passwords"))
        box.button(Button.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(Button.Cancel)  # the safe choice on Enter
        box.setEscapeButton(Button.Cancel)
        box.finished.connect(lambda _result: self._forget_answered(box))
        self._forget_box = box
        box.open()  # never exec()

    @property
    def forget_box(self) -> QMessageBox | None:
        return self._forget_box

    def _forget_answered(self, box: QMessageBox) -> None:
        self._forget_box = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.controller.run(self.forget_secrets(), what=self.tr("forget the passwords"))
        box.deleteLater()

    async def forget_secrets(self) -> list[str]:
        if self._forgetting:
            return []
        self._forgetting = True
        self._show_vault([])  # "Deleting…", the button disabled: what is stored does not show
        try:
            removed = await self.service.forget_secrets()
        except VaultError:
            removed = None
            if shiboken6.isValid(self):
                self._vault_key = ("failed", self.tr("the system's password vault failed (details in the technical "
                                                     "log)"))
        finally:
            if shiboken6.isValid(self):
                self._forgetting = False
        if removed is not None and shiboken6.isValid(self):
            self._vault_key = ("forgotten", *removed)
        if shiboken6.isValid(self):
            self._show_vault(self.stored_secret_names())
        return removed or []


__all__ = ["PasswordsBox"]
