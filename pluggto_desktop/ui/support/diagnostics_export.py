"""Suporte → Diagnóstico para o suporte: a preview of what the zip will hold (files, sizes,
contents), the "include the orders' data (masked)" choice, and "Exportar diagnóstico…", a
non-modal QFileDialog (``open()`` + ``fileSelected``; never ``exec()`` nor the static helpers).

What goes in the zip, and how it is masked, is ``diagnostics/``'s; this box previews and saves it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.diagnostics import Bundle, build_bundle_async, size_text
from pluggto_desktop.doctor import DoctorReport
from pluggto_desktop.explain import explain_exception
from pluggto_desktop.ui.forms import muted_label
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, MUTED_COLOUR, OK_COLOUR

PREVIEW_MAX_AGE_S = 60.0
PREVIEW_FOLLOW_MS = 2000


class DiagnosticsExportBox(QGroupBox):
    """The zip's preview and its export. ``report`` gives the connection check on screen (the zip
    carries the latest one)."""

    def __init__(self, controller: Any, report: Callable[[], DoctorReport | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        self._report = report
        self.bundle: Bundle | None = None
        self.last_saved: Path | None = None
        self._saving = False
        self._preview_generation = 0
        self._preview_at = 0.0
        self._save_dialog: QFileDialog | None = None
        self._export_key: tuple[str, ...] = ("idle",)
        # The preview counts what needs attention: it follows the counts the banner shows (a
        # preview built a minute ago said 2 while the banner said 4)
        self._attention_now: tuple[int, int] | None = None  # (orders, products) as last published
        self._attention_building: tuple[int, int] | None = None
        self._attention_shown: tuple[int, int] | None = None  # what the preview on screen counted
        self._preview_soon = QTimer(self, singleShot=True, interval=PREVIEW_FOLLOW_MS, timeout=self._follow_counts)
        self._build()
        controller.counts_changed.connect(self._on_counts)

    @property
    def lang(self) -> str:
        return self.controller.lang

    def _build(self) -> None:
        export = QVBoxLayout(self)
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

    def retranslate(self) -> None:
        self.setTitle(self.tr("Diagnostics for support"))
        self.export_intro.setText(self.tr(
            "A .zip file for support with the versions, the settings, the queue counts, the orders that need "
            "attention, the latest connection check and the last 7 days of logs. Passwords, tokens and the "
            "buyers' documents, e-mails, phones and addresses are masked."))
        self.include_payloads.setText(self.tr("Include the data of the orders that need attention (masked)"))
        self.preview.setHeaderLabels([self.tr("File"), self.tr("Size"), self.tr("Contents")])
        self.export_button.setText(self.tr("Saving…") if self._saving else self.tr("Export diagnostics…"))
        self.open_folder_button.setText(self.tr("Open folder"))
        self._show_preview()
        self._show_export_status()

    def on_shown(self) -> None:
        """The page came into view: a preview that is missing, stale or behind the counts is rebuilt.
        Redacting a week of logs can take a few seconds: not again on every visit."""
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

    # -- the preview -------------------------------------------------------------------------------
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
            include_payloads=self.include_payloads.isChecked(), doctor_report=self._report(), lang=self.lang,
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

    # -- the export --------------------------------------------------------------------------------
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


__all__ = ["DiagnosticsExportBox"]
