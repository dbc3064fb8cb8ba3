"""Suporte: test the connections, export the diagnostics zip, and the network settings.

* **Diagnóstico de conexão** — "Testar conexões" runs the connection doctor (``doctor.run_doctor``)
  in the background and lists its steps for Plug.to and Linx (✓/✗, time, what was seen, and for a
  failure what to do); "Copiar relatório" copies the plain-text report. The latest report is kept
  in the profile, so the page opens on it.
* **Diagnóstico para o suporte** — a preview of what the zip will hold (files, sizes, contents),
  the "include the orders' data (masked)" choice, and "Exportar diagnóstico…", a non-modal
  QFileDialog (``open()`` + ``fileSelected``; never ``exec()`` nor the static helpers).
* **Rede** — proxy mode (system / manual / none), proxy address, exclusions and the extra CA
  certificate (picked with a non-modal dialog), saved through ``service.apply_settings``, which
  validates and restarts the engine, so every HTTP client picks them up.
* **Senhas neste computador** — where the passwords are kept, which are stored, and "Esquecer as
  senhas salvas…" (after a non-modal confirmation) for a computer that stops serving the store:
  ``service.forget_secrets`` deletes them from the vault and the engine stops asking for them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop import net
from pluggto_desktop.diagnostics import Bundle, build_bundle_async, size_text
from pluggto_desktop.doctor import STEP_TITLES, DoctorReport, RemoteReport, Step, load_report, run_doctor
from pluggto_desktop.errors import ConfigError
from pluggto_desktop.explain import explain_exception
from pluggto_desktop.secrets import (
    LINX_PASSWORD,
    PLUGGTO_CLIENT_SECRET,
    PLUGGTO_PASSWORD,
    PLUGGTO_REFRESH_TOKEN,
    SECRET_NAMES,
    VaultError,
)
from pluggto_desktop.settings import check_draft
from pluggto_desktop.ui.forms import (
    WARN_COLOUR,
    message_label,
    muted_label,
    show_message,
    split_list,
    split_problem,
)
from pluggto_desktop.ui.setup_wizard import scrolled
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, MUTED_COLOUR, OK_COLOUR

log = logging.getLogger("pluggto_desktop.ui")

MARKS = {True: ("✓", OK_COLOUR), False: ("✗", BAD_COLOUR), None: ("–", MUTED_COLOUR)}
REMOTES = (("pluggto", "Plug.to"), ("linx", "Linx Commerce"))
PREVIEW_MAX_AGE_S = 60.0
PREVIEW_FOLLOW_MS = 2000


def _wrapped(text: str) -> QLabel:
    """A selectable label that wraps inside its grid cell, its first line level with the row's."""
    label = QLabel(text)
    policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)  # a plain setSizePolicy would drop it: rows would keep blank lines
    label.setSizePolicy(policy)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _RemoteBox(QGroupBox):
    """One remote's steps, a line each — mark, step, time, what was seen — and under a failed
    step what it means and what to do."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.base_title = title
        self.column = QVBoxLayout(self)
        self.column.setSpacing(4)
        self.proxy = muted_label()
        self.column.addWidget(self.proxy)
        self.rows: list[dict[str, QLabel]] = []
        self._lines: list[QWidget] = []

    def clear(self) -> None:
        for line in self._lines:
            self.column.removeWidget(line)
            line.deleteLater()
        self._lines = []
        self.rows = []

    def _title_width(self, lang: str) -> int:
        bold = self.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        return max(metrics.horizontalAdvance(step.title(lang)) for step in _sample_steps()) + 12

    def show_remote(self, remote: RemoteReport, lang: str, proxy_label: str) -> None:
        self.clear()
        self.setTitle(f"{remote.title} — {remote.url}" if remote.url else remote.title)
        self.proxy.setText(proxy_label.replace("%1", remote.proxy.get(lang) or remote.proxy.get("en", "")))
        self.proxy.setVisible(bool(remote.proxy))
        title_width = self._title_width(lang)
        ms_width = self.fontMetrics().horizontalAdvance("99999 ms") + 4
        for step in remote.steps:
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(10)
            mark_text, colour = MARKS[step.ok]
            mark = QLabel(mark_text)
            mark.setFixedWidth(self.fontMetrics().horizontalAdvance("✓✗") + 2)
            mark.setStyleSheet(f"color: {colour}; font-weight: 700;")
            title = QLabel(step.title(lang))
            title.setFixedWidth(title_width)
            title.setStyleSheet("font-weight: 600;" if step.ok is not None else f"color: {MUTED_COLOUR};")
            ms = QLabel(f"{step.ms:.0f} ms" if step.ms is not None else "")
            ms.setFixedWidth(ms_width)
            ms.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            ms.setStyleSheet(f"color: {MUTED_COLOUR};")
            detail = _wrapped(step.detail_in(lang))
            if step.ok is None:
                detail.setStyleSheet(f"color: {MUTED_COLOUR};")
            for widget in (mark, title, ms):
                row.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(detail, 1)
            self.column.addWidget(line)
            self._lines.append(line)
            labels = {"mark": mark, "title": title, "ms": ms, "detail": detail}
            if step.ok is False and step.explanation_in(lang):
                explanation = _wrapped("→ " + step.explanation_in(lang))
                explanation.setStyleSheet(f"color: {BAD_COLOUR}; margin-left: {mark.width() + 10}px;"
                                          " padding: 1px 0 6px 0;")
                self.column.addWidget(explanation)
                self._lines.append(explanation)
                labels["explanation"] = explanation
            self.rows.append(labels)

    def show_empty(self, text: str) -> None:
        self.clear()
        self.setTitle(self.base_title)
        self.proxy.hide()
        label = muted_label(text)
        self.column.addWidget(label)
        self._lines.append(label)


def _sample_steps() -> list[Step]:
    return [Step(name, True) for name in STEP_TITLES]


class SupportPage(QWidget):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        self.report: DoctorReport | None = load_report(self.service.profile)
        self.bundle: Bundle | None = None
        self.last_saved: Path | None = None
        self._testing = False
        self._saving = False
        self._saving_network = False
        self._preview_generation = 0
        self._preview_at = 0.0
        self._save_dialog: QFileDialog | None = None
        self._ca_dialog: QFileDialog | None = None
        self._status_key: tuple[str, ...] = ("idle",)
        self._export_key: tuple[str, ...] = ("idle",)
        self._network_key: tuple[str, ...] = ("idle",)
        self._forgetting = False
        self._forget_box: QMessageBox | None = None
        self._vault_key: tuple[str, ...] = ("idle",)
        self._vault_stale = False  # the settings changed while hidden: showEvent re-reads the vault
        # The preview counts what needs attention: it follows the counts the banner shows (a
        # preview built a minute ago said 2 while the banner said 4)
        self._attention_now: tuple[int, int] | None = None  # (orders, products) as last published
        self._attention_building: tuple[int, int] | None = None
        self._attention_shown: tuple[int, int] | None = None  # what the preview on screen counted
        self._preview_soon = QTimer(self, singleShot=True, interval=PREVIEW_FOLLOW_MS, timeout=self._follow_counts)
        self._build()
        self._retranslate()
        self.load_network()
        controller.settings_changed.connect(self._on_settings_changed)
        controller.counts_changed.connect(self._on_counts)

    @property
    def lang(self) -> str:
        return self.controller.lang

    # -- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        root = QVBoxLayout(content)
        root.setContentsMargins(24, 18, 12, 16)
        root.setSpacing(14)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        root.addWidget(self.title)

        # connection check
        self.check_box = QGroupBox()
        check = QVBoxLayout(self.check_box)
        check.setSpacing(8)
        self.check_intro = muted_label()
        check.addWidget(self.check_intro)
        buttons = QHBoxLayout()
        self.test_button = QPushButton()
        self.test_button.setDefault(True)
        self.test_button.clicked.connect(self.test_connections)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.copy_button)
        self.check_status = QLabel()
        self.check_status.setWordWrap(True)
        buttons.addWidget(self.check_status, 1)
        check.addLayout(buttons)
        self.remote_boxes = {name: _RemoteBox(title) for name, title in REMOTES}
        for box in self.remote_boxes.values():
            check.addWidget(box)
        root.addWidget(self.check_box)

        # diagnostics export
        self.export_box = QGroupBox()
        export = QVBoxLayout(self.export_box)
        export.setSpacing(8)
        self.export_intro = muted_label()
        export.addWidget(self.export_intro)
        self.include_payloads = QCheckBox()
        self.include_payloads.toggled.connect(lambda _on: self.refresh_preview())
        export.addWidget(self.include_payloads)
        self.preview_label = QLabel()
        export.addWidget(self.preview_label)
        self.preview = QTreeWidget()
        self.preview.setColumnCount(3)
        self.preview.setRootIsDecorated(False)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setAlternatingRowColors(True)
        header = self.preview.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.preview.setFixedHeight(150)
        export.addWidget(self.preview)
        row = QHBoxLayout()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.choose_export_file)
        row.addWidget(self.export_button)
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.export_status, 1)
        self.open_folder_button = QPushButton()
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_folder_button.hide()
        row.addWidget(self.open_folder_button)
        export.addLayout(row)
        root.addWidget(self.export_box)

        # network
        self.network_box = QGroupBox()
        network = QVBoxLayout(self.network_box)
        network.setSpacing(8)
        self.network_intro = muted_label()
        network.addWidget(self.network_intro)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons = {mode: QRadioButton() for mode in net.PROXY_MODES}
        modes = QHBoxLayout()
        for button in self.mode_buttons.values():
            self.mode_group.addButton(button)
            button.toggled.connect(self._network_edited)
            modes.addWidget(button)
        modes.addStretch(1)
        network.addLayout(modes)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(10)
        self.proxy_url = QLineEdit(clearButtonEnabled=True)
        self.proxy_url.textEdited.connect(self._network_edited)
        self.proxy_label = QLabel()
        form.addRow(self.proxy_label, self.proxy_url)
        self.exclusions = QLineEdit(clearButtonEnabled=True)
        self.exclusions.textEdited.connect(self._network_edited)
        self.exclusions_hint = muted_label()
        self.exclusions_label = QLabel()
        form.addRow(self.exclusions_label, self._stack(self.exclusions, self.exclusions_hint))
        ca_row = QHBoxLayout()
        ca_row.setContentsMargins(0, 0, 0, 0)
        self.ca_file = QLineEdit(readOnly=True)
        self.ca_choose = QPushButton()
        self.ca_choose.clicked.connect(self.choose_ca_file)
        self.ca_remove = QPushButton()
        self.ca_remove.clicked.connect(lambda: self.set_ca_file(""))
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.ca_choose)
        ca_row.addWidget(self.ca_remove)
        ca_holder = QWidget()
        ca_holder.setLayout(ca_row)
        self.ca_hint = muted_label()
        self.ca_label = QLabel()
        form.addRow(self.ca_label, self._stack(ca_holder, self.ca_hint))
        network.addLayout(form)
        self.network_message = message_label()
        network.addWidget(self.network_message)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.network_discard = QPushButton()
        self.network_discard.clicked.connect(self.load_network)
        self.network_save = QPushButton()
        self.network_save.clicked.connect(self.save_network)
        actions.addWidget(self.network_discard)
        actions.addWidget(self.network_save)
        network.addLayout(actions)
        root.addWidget(self.network_box)

        # passwords on this computer
        self.vault_box = QGroupBox()
        vault = QVBoxLayout(self.vault_box)
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
        root.addWidget(self.vault_box)
        root.addStretch(1)
        outer.addWidget(scrolled(content))

    @staticmethod
    def _stack(*widgets: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        for widget in widgets:
            column.addWidget(widget)
        return box

    # -- texts -----------------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.title.setText(self.tr("Support"))
        self.check_box.setTitle(self.tr("Connection check"))
        self.check_intro.setText(self.tr(
            "Follows the path to Plug.to and to the Linx store step by step — name (DNS), connection, "
            "certificate, HTTP answer, sign-in and one real read — and says what to do when a step fails."))
        self.test_button.setText(self.tr("Testing…") if self._testing else self.tr("Test connections"))
        self.copy_button.setText(self.tr("Copy report"))
        self.export_box.setTitle(self.tr("Diagnostics for support"))
        self.export_intro.setText(self.tr(
            "A .zip file for support with the versions, the settings, the queue counts, the orders that need "
            "attention, the latest connection check and the last 7 days of logs. Passwords, tokens and the "
            "buyers' documents, e-mails, phones and addresses are masked."))
        self.include_payloads.setText(self.tr("Include the data of the orders that need attention (masked)"))
        self.preview.setHeaderLabels([self.tr("File"), self.tr("Size"), self.tr("Contents")])
        self.export_button.setText(self.tr("Saving…") if self._saving else self.tr("Export diagnostics…"))
        self.open_folder_button.setText(self.tr("Open folder"))
        self.network_box.setTitle(self.tr("Network"))
        self.network_intro.setText(self.tr(
            "How the app reaches Plug.to and the Linx store. Every connection the app makes follows these "
            "settings; certificates are checked against the system's store."))
        self.mode_buttons["system"].setText(self.tr("Use the system's proxy"))
        self.mode_buttons["manual"].setText(self.tr("Manual proxy"))
        self.mode_buttons["none"].setText(self.tr("No proxy (direct connection)"))
        self.proxy_label.setText(self.tr("Proxy address"))
        self.proxy_url.setPlaceholderText(self.tr("http://proxy.company:3128"))
        self.exclusions_label.setText(self.tr("Exclusions"))
        self.exclusions.setPlaceholderText(self.tr("erp.local, *.company.com.br, 10.0.0.0/8"))
        self.exclusions_hint.setText(self.tr(
            "Addresses reached without the proxy, separated by commas: names, *.domain, IPs or networks. "
            "This computer (localhost) never goes through the proxy."))
        self.ca_label.setText(self.tr("Extra certificate"))
        self.ca_file.setPlaceholderText(self.tr("None: only the system's certificates"))
        self.ca_choose.setText(self.tr("Choose…"))
        self.ca_remove.setText(self.tr("Remove"))
        self.ca_hint.setText(self.tr(
            "The root certificate of an antivirus or proxy that inspects HTTPS (.pem, .crt or .cer). The "
            "system's certificates stay trusted."))
        self.network_discard.setText(self.tr("Discard changes"))
        self.network_save.setText(self.tr("Saving…") if self._saving_network else self.tr("Save network settings"))
        self.vault_box.setTitle(self.tr("Passwords on this computer"))
        self.forget_button.setText(self.tr("Forget saved passwords…"))
        self._show_report()
        self._show_check_status()
        self._show_preview()
        self._show_export_status()
        self._show_network_message()
        self._refresh_network_buttons()
        if self.isVisible():  # hidden: showEvent reads the vault (keyring reads can be slow)
            self._refresh_vault()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "title"):
            self._retranslate()
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        stale, self._vault_stale = self._vault_stale, False
        self._refresh_vault(settings_changed=stale)  # the engine may have stored a new token since
        # Redacting a week of logs can take a few seconds: not again on every visit.
        stale = self._attention_now is not None and self._attention_now != self._attention_shown
        if self.bundle is None or stale or time.monotonic() - self._preview_at > PREVIEW_MAX_AGE_S:
            self.refresh_preview()

    def _on_counts(self, counts: dict) -> None:
        self._attention_now = (counts.get("order", {}).get("needs_attention", 0),
                               counts.get("product", {}).get("needs_attention", 0))
        if self.bundle is not None and self._attention_now != self._attention_shown and self.isVisible() \
                and not self._preview_soon.isActive():
            self._preview_soon.start()  # at most every few seconds: redacting the logs takes a while

    def _follow_counts(self) -> None:
        if self.isVisible() and self._attention_now != self._attention_shown:
            self.refresh_preview()

    # -- connection check --------------------------------------------------------------------------
    def test_connections(self) -> Any:
        if self._testing:
            return None
        self._testing = True
        self._status_key = ("testing",)
        self.test_button.setEnabled(False)
        self.test_button.setText(self.tr("Testing…"))
        self._show_check_status()
        return self.controller.run(self._run_doctor(), what=self.tr("test the connections"))

    async def _run_doctor(self) -> DoctorReport | None:
        try:
            report = await run_doctor(self.service.settings, self.service.secrets, lang=self.lang,
                                      profile=self.service.profile)
        finally:
            if shiboken6.isValid(self):
                self._testing = False
                self.test_button.setEnabled(True)
                self.test_button.setText(self.tr("Test connections"))
        if not shiboken6.isValid(self):
            return report
        self.report = report
        self._status_key = ("done",)
        self._show_report()
        self._show_check_status()
        self.refresh_preview()  # the zip carries the latest report
        return report

    def _show_report(self) -> None:
        report = self.report
        for name, box in self.remote_boxes.items():
            remote = report.remote(name) if report is not None else None
            if remote is None:
                box.show_empty(self.tr("Not tested yet: press “Test connections”."))
            else:
                box.show_remote(remote, self.lang, self.tr("Proxy: %1"))
        self.copy_button.setEnabled(report is not None)

    def _show_check_status(self) -> None:
        kind = self._status_key[0]
        report = self.report
        if kind == "testing":
            text, colour = self.tr("Testing the connections…"), MUTED_COLOUR
        elif kind == "copied":
            text, colour = self.tr("Report copied: paste it in the message to support."), OK_COLOUR
        elif report is None:
            text, colour = "", MUTED_COLOUR
        else:
            when = _when(report.started_at)
            failed = [f"{r.title}: {r.failed_step.title(self.lang)}" for r in report.remotes if r.failed_step]
            if not failed:
                text = self.tr("Everything works (tested %1).").replace("%1", when)
                colour = OK_COLOUR
            else:
                text = self.tr("Failed at %1 (tested %2).").replace("%1", "; ".join(failed)).replace("%2", when)
                colour = BAD_COLOUR
        self.check_status.setStyleSheet(f"color: {colour};")
        self.check_status.setText(text)

    def copy_report(self) -> None:
        if self.report is None:
            return
        QGuiApplication.clipboard().setText(self.report.as_text(self.lang))
        self._status_key = ("copied",)
        self._show_check_status()

    # -- diagnostics export --------------------------------------------------------------------------
    def refresh_preview(self) -> Any:
        """Rebuild the preview (in the background); stale results are dropped."""
        if self.service.store is None:
            return None
        self._preview_generation += 1
        generation = self._preview_generation
        self._attention_building = self._attention_now
        if self.bundle is None:
            self.preview_label.setText(self.tr("Preparing the preview…"))
        return self.controller.run(self._build_preview(generation), what=self.tr("prepare the diagnostics"))

    async def _build_preview(self, generation: int) -> Bundle:
        bundle = await self._build_bundle(vault_round_trip=False)
        if shiboken6.isValid(self) and generation == self._preview_generation:
            self.bundle = bundle
            self._preview_at = time.monotonic()
            self._attention_shown = self._attention_building
            self._show_preview()
        return bundle

    async def _build_bundle(self, *, vault_round_trip: bool) -> Bundle:
        return await build_bundle_async(
            self.service.profile, self.service.settings, self.service.secrets, self.controller.store,
            include_payloads=self.include_payloads.isChecked(), doctor_report=self.report, lang=self.lang,
            vault_round_trip=vault_round_trip)

    def _show_preview(self) -> None:
        self.preview.clear()
        bundle = self.bundle
        if bundle is None:
            self.preview_label.setText(self.tr("Preparing the preview…"))
            return
        self.preview_label.setText(self.tr("What goes in the file: %n file(s), %1 before compression.", "",
                                           len(bundle.files))
                                   .replace("%1", size_text(bundle.total_size, self.lang)))
        for item in bundle.preview(self.lang):
            row = QTreeWidgetItem([item.name, size_text(item.size, self.lang), item.description])
            row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.setToolTip(2, item.description)
            self.preview.addTopLevelItem(row)
        rows = min(len(bundle.files), 16)  # every file visible without scrolling (up to 16)
        height = self.preview.header().sizeHint().height() + rows * max(self.preview.sizeHintForRow(0), 16)
        self.preview.setFixedHeight(height + 2 * self.preview.frameWidth() + 4)

    def choose_export_file(self) -> None:
        if self._saving:
            return
        if self._save_dialog is not None and shiboken6.isValid(self._save_dialog) and self._save_dialog.isVisible():
            self._save_dialog.raise_()
            return
        folder = Path.home() / "Desktop"
        folder = folder if folder.is_dir() else Path.home()
        dialog = QFileDialog(self, self.tr("Save diagnostics"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Zip files (*.zip)"))
        dialog.setDefaultSuffix("zip")
        dialog.selectFile(str(folder / f"pluggto-diagnostico-{datetime.now():%Y%m%d-%H%M}.zip"))
        dialog.fileSelected.connect(lambda path: self.controller.run(self.export_to(path),
                                                                      what=self.tr("export the diagnostics")))
        dialog.finished.connect(dialog.deleteLater)
        self._save_dialog = dialog
        dialog.open()  # never exec() nor getSaveFileName(): the event loop (and the sync) keeps running

    async def export_to(self, path: str | Path) -> Path | None:
        """Build the bundle afresh (what the preview showed, up to now) and write it to ``path``."""
        if self._saving:
            return None
        self._saving = True
        self._export_key = ("saving",)
        self.export_button.setEnabled(False)
        self.export_button.setText(self.tr("Saving…"))
        self._show_export_status()
        target = Path(path)
        try:
            bundle = await self._build_bundle(vault_round_trip=True)
            written = await asyncio.to_thread(bundle.write_zip, target)
        except OSError as exc:
            explanation = explain_exception(exc, self.lang)  # the system's text goes to the tooltip
            if shiboken6.isValid(self):
                self._export_key = ("failed", explanation.text, explanation.technical)
            return None
        finally:
            if shiboken6.isValid(self):
                self._saving = False
                self.export_button.setEnabled(True)
                self.export_button.setText(self.tr("Export diagnostics…"))
                self._show_export_status()
        if not shiboken6.isValid(self):
            return written
        self.bundle = bundle
        self.last_saved = written
        self._export_key = ("saved", str(written), size_text(written.stat().st_size, self.lang))
        self._show_preview()
        self._show_export_status()
        return written

    def _show_export_status(self) -> None:
        kind = self._export_key[0]
        self.open_folder_button.setVisible(kind == "saved")
        if kind == "saving":
            text, colour = self.tr("Saving the diagnostics…"), MUTED_COLOUR
        elif kind == "saved":
            text = self.tr("Saved to %1 (%2). Send this file to support.").replace(
                "%1", self._export_key[1]).replace("%2", self._export_key[2])
            colour = OK_COLOUR
        elif kind == "failed":
            text, colour = self.tr("Could not save: %1").replace("%1", self._export_key[1]), BAD_COLOUR
        else:
            text, colour = "", MUTED_COLOUR
        self.export_status.setToolTip(self._export_key[2] if kind == "failed" else "")
        self.export_status.setStyleSheet(f"color: {colour};")
        self.export_status.setText(text)

    def open_folder(self) -> None:
        if self.last_saved is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_saved.parent)))

    # -- network settings ------------------------------------------------------------------------------
    def load_network(self) -> None:
        """Show the saved network settings (dropping any edit)."""
        n = self.service.settings.network
        button = self.mode_buttons.get(n.proxy_mode, self.mode_buttons["system"])
        for other in self.mode_buttons.values():
            other.blockSignals(True)
        button.setChecked(True)
        for other in self.mode_buttons.values():
            other.blockSignals(False)
        self.proxy_url.setText(n.proxy_url or "")
        self.exclusions.setText(", ".join(n.proxy_exclusions))
        self.ca_file.setText(n.extra_ca_file or "")
        self._network_key = ("idle",)
        self._show_network_message()
        self._refresh_network_buttons()

    def network_mode(self) -> str:
        return next((mode for mode, button in self.mode_buttons.items() if button.isChecked()), "system")

    def network_draft(self) -> Any:
        draft = self.service.settings_copy()
        n = draft.network
        n.proxy_mode = self.network_mode()
        n.proxy_url = self.proxy_url.text().strip() or None
        n.proxy_exclusions = split_list(self.exclusions.text())
        n.extra_ca_file = self.ca_file.text().strip() or None
        return draft

    def network_changed(self) -> bool:
        saved = self.service.settings.network
        draft = self.network_draft().network
        return (draft.proxy_mode, draft.proxy_url, draft.proxy_exclusions, draft.extra_ca_file) != (
            saved.proxy_mode, saved.proxy_url or None, list(saved.proxy_exclusions), saved.extra_ca_file or None)

    def _network_edited(self, *_args: Any) -> None:
        if self._network_key[0] in ("saved", "problems"):
            self._network_key = ("idle",)
            self._show_network_message()
        self._refresh_network_buttons()

    def _refresh_network_buttons(self) -> None:
        manual = self.network_mode() == "manual"
        self.proxy_url.setEnabled(manual)
        self.exclusions.setEnabled(self.network_mode() != "none")
        self.ca_remove.setEnabled(bool(self.ca_file.text()))
        changed = self.network_changed()
        self.network_save.setEnabled(changed and not self._saving_network)
        self.network_discard.setEnabled(changed and not self._saving_network)

    def choose_ca_file(self) -> None:
        if self._ca_dialog is not None and shiboken6.isValid(self._ca_dialog) and self._ca_dialog.isVisible():
            self._ca_dialog.raise_()
            return
        dialog = QFileDialog(self, self.tr("Choose the root certificate"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Certificates (*.pem *.crt *.cer *.der)"), self.tr("All files (*)")])
        current = self.ca_file.text().strip()
        if current:
            dialog.selectFile(current)
        dialog.fileSelected.connect(self.set_ca_file)
        dialog.finished.connect(dialog.deleteLater)
        self._ca_dialog = dialog
        dialog.open()  # non-modal for the event loop: never exec()

    def set_ca_file(self, path: str) -> None:
        self.ca_file.setText(path)
        self._network_edited()

    def network_problems(self) -> list[str]:
        """What is wrong with the network values typed (empty: they can be saved)."""
        # the file is being chosen here: the core then refuses one that is not there
        check = check_draft(self.network_draft(), self.lang, ca_file_chosen=True)
        return [split_problem(line)[1] or line for line in check.problems_under("network")]

    def save_network(self) -> Any:
        if self._saving_network or not self.network_changed():
            return None
        problems = self.network_problems()
        if problems:
            self._network_key = ("problems", *problems)
            self._show_network_message()
            return None
        self._saving_network = True
        self._network_key = ("saving",)
        self._show_network_message()
        self._refresh_network_buttons()
        self.network_save.setText(self.tr("Saving…"))
        return self.controller.run(self._save_network(self.network_draft()), what=self.tr("save the network settings"))

    async def _save_network(self, draft: Any) -> bool:
        try:
            await self.service.apply_settings(draft)
        except ConfigError as exc:
            if shiboken6.isValid(self):
                self._network_key = ("problems", *[split_problem(p)[1] or p for p in exc.problems])
            return False
        finally:
            if shiboken6.isValid(self):
                self._saving_network = False
                self.network_save.setText(self.tr("Save network settings"))
                self._show_network_message()
                self._refresh_network_buttons()
        if shiboken6.isValid(self):
            self.load_network()
            self._network_key = ("saved",)
            self._show_network_message()
        return True

    def _show_network_message(self) -> None:
        kind = self._network_key[0]
        if kind == "problems":
            text = self.tr("Not saved: %1").replace("%1", "; ".join(self._network_key[1:]))
            colour = BAD_COLOUR
        elif kind == "saving":
            text, colour = self.tr("Saving…"), MUTED_COLOUR
        elif kind == "saved":
            if self.service.channel_state in ("active", "paused") and self.service.engine is None:
                text = self.tr("Saved, but the sync could not start: %1").replace(
                    "%1", "; ".join(self.service.config_problems))
                colour = WARN_COLOUR
            else:
                text = self.tr("Saved. Every connection now uses these settings; test them above.")
                colour = OK_COLOUR
        else:
            text, colour = "", MUTED_COLOUR
        show_message(self.network_message, text, colour)

    def _on_settings_changed(self, _settings: Any) -> None:
        if not shiboken6.isValid(self):
            return
        if not self._saving_network and not self.network_changed():
            key = self._network_key
            self.load_network()
            self._network_key = key
            self._show_network_message()
        else:
            self._refresh_network_buttons()
        if self.isVisible():
            self._refresh_vault(settings_changed=True)
        else:
            self._vault_stale = True

    # -- passwords on this computer -----------------------------------------------------------------
    def _secret_label(self, name: str) -> str:
        return {
            PLUGGTO_CLIENT_SECRET: self.tr("Plug.to Client Secret"),
            PLUGGTO_PASSWORD: self.tr("Plug.to API password"),
            LINX_PASSWORD: self.tr("Linx password"),
            PLUGGTO_REFRESH_TOKEN: self.tr("Plug.to access token"),
        }[name]

    def stored_secret_names(self) -> list[str]:
        secrets = self.service.secrets
        if not secrets.persistent:
            return []
        return [name for name in SECRET_NAMES if secrets.get_stored(name)]

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
        Button = QMessageBox.StandardButton
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


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m %H:%M")
    except ValueError:
        return iso


__all__ = ["SupportPage"]
