"""Suporte: test the connections, export the diagnostics zip, the network settings and the
passwords kept on this computer — one box each, stacked in a scrolled page:

* :class:`~.connection_check.ConnectionCheckBox` — Diagnóstico de conexão;
* :class:`~.diagnostics_export.DiagnosticsExportBox` — Diagnóstico para o suporte;
* :class:`~.network.NetworkBox` — Rede;
* :class:`~.passwords.PasswordsBox` — Senhas neste computador.

The page only lays them out and tells them when it is shown, translated or the settings change.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pluggto_desktop.ui.setup_wizard import scrolled
from pluggto_desktop.ui.support.connection_check import ConnectionCheckBox
from pluggto_desktop.ui.support.diagnostics_export import DiagnosticsExportBox
from pluggto_desktop.ui.support.network import NetworkBox
from pluggto_desktop.ui.support.passwords import PasswordsBox


class SupportPage(QWidget):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        root = QVBoxLayout(content)
        root.setContentsMargins(24, 18, 12, 16)
        root.setSpacing(14)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        root.addWidget(self.title)
        self.check = ConnectionCheckBox(controller)
        self.export = DiagnosticsExportBox(controller, report=lambda: self.check.report)
        self.network = NetworkBox(controller)
        self.passwords = PasswordsBox(controller)
        for box in (self.check, self.export, self.network, self.passwords):
            root.addWidget(box)
        root.addStretch(1)
        outer.addWidget(scrolled(content))
        self.check.report_changed.connect(self.export.refresh_preview)
        self._retranslate()
        self.network.load_network()
        controller.settings_changed.connect(self._on_settings_changed)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Support"))
        for box in (self.check, self.export, self.network, self.passwords):
            box.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "passwords"):
            self._retranslate()
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.passwords.on_shown()
        self.export.on_shown()

    def _on_settings_changed(self, _settings: Any) -> None:
        if not shiboken6.isValid(self):
            return
        self.network.on_settings_changed()
        self.passwords.on_settings_changed()


__all__ = ["SupportPage"]
