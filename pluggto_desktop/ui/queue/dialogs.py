"""The queue's small dialogs, opened with ``open()`` and answered through signals (never
``exec()``: no nested event loop under qasync): why jobs are ignored, which order to import."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from pluggto_desktop.present.queue import looks_like_pluggto_id
from pluggto_desktop.ui.queue.look import level_colour


class IgnoreDialog(QDialog):
    """Asks why the selected jobs are ignored; the reason is required."""

    submitted = Signal(str)

    def __init__(self, count: int, parent: QWidget | None = None, *, kind: str = "order") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ignore"))
        layout = QVBoxLayout(self)
        if kind == "product":
            text = self.tr("Ignore %n product(s)? Ignored products are not sent to Plug.to until you undo it.",
                           "", count)
        else:
            text = self.tr("Ignore %n order(s)? Ignored orders are not sent to Linx until you undo it.", "", count)
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Reason (required):")))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("e.g. test order, already typed in by hand"))
        self.reason_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Ignore"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok_button.setEnabled(False)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def _submit(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            return
        self.accept()
        self.submitted.emit(reason)


class ImportDialog(QDialog):
    """Asks for a Plug.to order id; warns (but allows) when it does not look like one."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import order by Plug.to ID"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The order is fetched from Plug.to now and sent to Linx as usual. A marketplace "
                               "order number also works: the app finds which Plug.to order it is."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Plug.to order ID (or the marketplace's order number):")))
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText("5f1e0a2b3c4d5e6f7a8b9c0d")
        self.id_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        layout.addWidget(self.id_edit)
        self.warning = QLabel(self.tr("This does not look like a Plug.to order ID (24 characters, 0-9 and a-f): "
                                      "it is looked for as a marketplace order number too."))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {level_colour('warning').name()}")
        self.warning.hide()
        layout.addWidget(self.warning)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok_button.setEnabled(False)
        layout.addWidget(self.buttons)
        self.id_edit.textChanged.connect(self._check)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def _check(self, text: str) -> None:
        value = text.strip()
        self.ok_button.setEnabled(bool(value))
        self.warning.setVisible(bool(value) and not looks_like_pluggto_id(value))

    def _submit(self) -> None:
        value = self.id_edit.text().strip()
        if not value:
            return
        self.accept()
        self.submitted.emit(value)
