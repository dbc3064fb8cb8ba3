"""Suporte → Rede: proxy mode (system / manual / none), proxy address, exclusions and the extra
CA certificate (picked with a non-modal dialog), saved through ``service.apply_settings``, which
validates and restarts the engine, so every HTTP client picks them up.

Whether the values are acceptable (a proxy address, an exclusion, a certificate file that is
there and holds a certificate) is the settings' rule (``settings.check_draft``); this box shows
the answer.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop import net
from pluggto_desktop.errors import ConfigError
from pluggto_desktop.present.channel import sync_did_not_start
from pluggto_desktop.settings import check_draft
from pluggto_desktop.ui.forms import WARN_COLOUR, message_label, muted_label, show_message, split_list, split_problem
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, MUTED_COLOUR, OK_COLOUR


class NetworkBox(QGroupBox):
    """The network settings, edited here and saved on their own (the rest of the settings stay)."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        self._saving_network = False
        self._ca_dialog: QFileDialog | None = None
        self._network_key: tuple[str, ...] = ("idle",)
        self._build()

    @property
    def lang(self) -> str:
        return self.controller.lang

    def _build(self) -> None:
        network = QVBoxLayout(self)
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
        form.addRow(self.exclusions_label, _stack(self.exclusions, self.exclusions_hint))
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
        form.addRow(self.ca_label, _stack(ca_holder, self.ca_hint))
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

    def retranslate(self) -> None:
        self.setTitle(self.tr("Network"))
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
        self._show_network_message()
        self._refresh_network_buttons()

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
            if sync_did_not_start(self.service.channel_state, self.service.engine is not None):
                text = self.tr("Saved, but the sync could not start: %1").replace(
                    "%1", "; ".join(self.service.config_problems))
                colour = WARN_COLOUR
            else:
                text = self.tr("Saved. Every connection now uses these settings; test them above.")
                colour = OK_COLOUR
        else:
            text, colour = "", MUTED_COLOUR
        show_message(self.network_message, text, colour)

    def on_settings_changed(self) -> None:
        """The settings were saved (here or elsewhere): show them, unless an edit is under way."""
        if not self._saving_network and not self.network_changed():
            key = self._network_key
            self.load_network()
            self._network_key = key
            self._show_network_message()
        else:
            self._refresh_network_buttons()


def _stack(*widgets: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(3)
    for widget in widgets:
        column.addWidget(widget)
    return box


__all__ = ["NetworkBox"]
