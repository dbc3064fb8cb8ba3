"""How the sync engine runs: notifications (with the address to register in Plug.to), retries,
Plug.to's order log, how long order contents are kept, products."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pluggto_desktop.present import listener
from pluggto_desktop.settings import Settings
from pluggto_desktop.ui.forms.base import SetupForm
from pluggto_desktop.ui.forms.common import WARN_COLOUR


class EngineForm(SetupForm):
    """How the sync engine runs: notifications, retries, Plug.to's order log, retention, products."""

    SECTIONS = ("engine",)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        receive = self._group(lambda: self.tr("Receiving orders"), outer)
        self.listener_enabled = self._check(lambda: self.tr("Receive Plug.to notifications (orders arrive at once)"))
        self._row(receive, "engine.listener_enabled", None, self.listener_enabled,
                  lambda: self.tr("Plug.to sends a notification to this address whenever an order is created or "
                                  "changes, so Plug.to must be able to reach it (e.g. through a port forwarded "
                                  "on the router or a tunnel). Checking Plug.to regularly (below) always runs "
                                  "too, so orders arrive even without notifications — only later."))
        self.listener_host = self._line()
        self._row(receive, "engine.listener_host", lambda: self.tr("Listen on address"), self.listener_host,
                  lambda: self.tr("127.0.0.1 = this computer only; 0.0.0.0 = every network interface."))
        self.listener_port = self._spin(1, 65535)
        self._row(receive, "engine.listener_port", lambda: self.tr("Port"), self.listener_port)
        self.public_url = self._line()
        self._row(receive, "engine.listener_public_url", lambda: self.tr("Public HTTPS address"), self.public_url,
                  lambda: self.tr("Only when an HTTPS reverse proxy or tunnel receives the notifications for this "
                                  "computer: its address, e.g. https://pedidos.minhaloja.com.br. Otherwise leave "
                                  "it empty."))
        # the URL to register in Plug.to: shown as the merchant must type it, with a copy button
        self.listener_url = QLineEdit()
        self.listener_url.setReadOnly(True)
        self.copy_url = QPushButton()
        self._bind(self.copy_url.setText, lambda: self.tr("Copy"))
        self.copy_url.clicked.connect(self.copy_listener_url)
        url_box = QWidget()
        url_line = QHBoxLayout(url_box)
        url_line.setContentsMargins(0, 0, 0, 0)
        url_line.addWidget(self.listener_url, 1)
        url_line.addWidget(self.copy_url)
        self._row(receive, "engine.listener_token", lambda: self.tr("Address to register in Plug.to"), url_box,
                  lambda: self.tr("Paste it in Plug.to as the address for notifications. Its last part is a "
                                  "secret: with it anyone could send notifications to this computer."))
        self.exposure_warning = self._note(
            lambda: self.tr("Warning: other computers can reach this address without HTTPS, so notifications "
                            "and the secret address travel unencrypted. Put an HTTPS reverse proxy or tunnel in "
                            "front and enter its public address above."), WARN_COLOUR)
        receive.addRow(self.exposure_warning)
        for edit in (self.listener_host, self.public_url):
            edit.textChanged.connect(self._refresh_url)
        self.listener_port.valueChanged.connect(self._refresh_url)
        self.poll_interval = self._spin(10, 86400, lambda: self.tr(" s"))
        self._row(receive, "engine.poll_interval_s", lambda: self.tr("Check Plug.to for orders every"),
                  self.poll_interval)
        self.listener_enabled.toggled.connect(self._refresh_enabled)

        errors = self._group(lambda: self.tr("When something fails"), outer)
        self.auto_retry = self._check(lambda: self.tr("Retry automatically after temporary failures"))
        self._row(errors, "engine.auto_retry", None, self.auto_retry,
                  lambda: self.tr("Network errors and Plug.to or Linx being out of service are retried with "
                                  "growing pauses; problems you must fix are never retried blindly."))
        self.max_attempts = self._spin(1, 100)
        self._row(errors, "engine.max_attempts", lambda: self.tr("Attempts before \"needs attention\""),
                  self.max_attempts)
        self.auto_retry.toggled.connect(self._refresh_enabled)
        self.log_history = self._check(lambda: self.tr("Write the reason into the Plug.to order log"))
        self._row(errors, "engine.log_history_writeback", None, self.log_history,
                  lambda: self.tr("So the same explanation appears in the Plug.to panel (once per reason)."))

        data = self._group(lambda: self.tr("Data kept on this computer"), outer)
        self.retention = self._spin(1, 3650, lambda: self.tr(" days"))
        self._row(data, "engine.payload_retention_days", lambda: self.tr("Keep order contents for"),
                  self.retention,
                  lambda: self.tr("What Plug.to sent and Linx answered (with buyers' personal data) is erased "
                                  "after this; the order's history stays."))

        products = self._group(lambda: self.tr("Products"), outer)
        self.product_sync = self._check(lambda: self.tr("Send products, prices and stock to Plug.to"))
        self._row(products, "engine.product_sync_enabled", None, self.product_sync)
        self.reconcile_hour = QComboBox()
        for hour in range(24):
            self.reconcile_hour.addItem(f"{hour:02d}:00", hour)
        self.reconcile_hour.currentIndexChanged.connect(self._emit_changed)
        self._no_wheel(self.reconcile_hour)
        self._row(products, "engine.product_reconcile_hour", lambda: self.tr("Full check every night at"),
                  self.reconcile_hour,
                  lambda: self.tr("Compares the whole catalogue; only what changed is sent."))
        self.product_sync.toggled.connect(self._refresh_enabled)
        outer.addStretch(1)
        self._retranslate_extra()

    def _refresh_enabled(self, *_args: Any) -> None:
        listening = self.listener_enabled.isChecked()
        for widget in (self.listener_host, self.listener_port, self.public_url, self.listener_url):
            widget.setEnabled(listening)
        self.max_attempts.setEnabled(self.auto_retry.isChecked())
        self.reconcile_hour.setEnabled(self.product_sync.isChecked())
        self._refresh_url()

    def registration_url(self) -> str | None:
        """The full URL to register in Plug.to for the values on screen (None before the first
        save, which makes the profile's listener token)."""
        token = self._settings.engine.listener_token
        if not token:
            return None
        public = self.public_url.text().strip() or None
        return listener.listener_url(self.listener_host.text().strip() or "127.0.0.1", self.listener_port.value(),
                                     token, public)

    def _refresh_url(self, *_args: Any) -> None:
        url = self.registration_url()
        self.listener_url.setText(url or "")
        self.copy_url.setEnabled(bool(url) and self.listener_enabled.isChecked())
        host = self.listener_host.text().strip() or "127.0.0.1"
        self.exposure_warning.setVisible(self.listener_enabled.isChecked() and listener.exposed_without_https(
            host, self.public_url.text().strip() or None))

    def copy_listener_url(self) -> None:
        url = self.registration_url()
        if url:
            QGuiApplication.clipboard().setText(url)

    def _retranslate_extra(self) -> None:
        self.listener_url.setPlaceholderText(self.tr("Made when the settings are first saved"))

    def _load(self, settings: Settings) -> None:
        e = settings.engine
        self.listener_enabled.setChecked(e.listener_enabled)
        self.listener_host.setText(e.listener_host)
        self.listener_port.setValue(e.listener_port)
        self.public_url.setText(e.listener_public_url or "")
        self.poll_interval.setValue(e.poll_interval_s)
        self.auto_retry.setChecked(e.auto_retry)
        self.max_attempts.setValue(e.max_attempts)
        self.log_history.setChecked(e.log_history_writeback)
        self.retention.setValue(e.payload_retention_days)
        self.product_sync.setChecked(e.product_sync_enabled)
        self.reconcile_hour.setCurrentIndex(max(0, self.reconcile_hour.findData(e.product_reconcile_hour)))
        self._refresh_enabled()

    def store_into(self, settings: Settings) -> None:
        e = settings.engine
        e.listener_enabled = self.listener_enabled.isChecked()
        e.listener_host = self.listener_host.text().strip()
        e.listener_port = self.listener_port.value()
        e.listener_public_url = self.public_url.text().strip() or None
        e.poll_interval_s = self.poll_interval.value()
        e.auto_retry = self.auto_retry.isChecked()
        e.max_attempts = self.max_attempts.value()
        e.log_history_writeback = self.log_history.isChecked()
        e.payload_retention_days = self.retention.value()
        e.product_sync_enabled = self.product_sync.isChecked()
        e.product_reconcile_hour = self.reconcile_hour.currentData()
