"""Configurações: the setup forms in tabs, the channel's state, Save / Discard and a leave guard.

* Tabs: Plug.to, Linx, Canal, Sincronização, Aplicativo — the same forms as the setup wizard.
* The channel state is shown as Instalado / Configurado / Ativo / Pausado, with Ativar,
  Pausar and Retomar (``service.activate()``, ``service.pause(None)``, ``service.resume()``).
* Save and Discard are enabled only when something changed. Saving asks the core first (every
  ``"section.field: message"`` line of ``settings.check_draft`` is shown next to its field), then
  ``service.apply_settings`` saves and restarts the engine; the outcome is shown in words.
* ``has_unsaved_changes()`` / ``confirm_leave(callback)``: the main window asks before leaving;
  a non-modal message box (``open()``, never ``exec()``) offers Salvar / Descartar / Cancelar and
  ``callback(leave: bool)`` is called with whether the user may leave (saved or discarded: True;
  cancelled, or the save failed: False). ``last_leave_choice`` keeps "save"/"discard"/"cancel".
* ``language_changed(str)`` is emitted after a save that changed ``ui.language`` (its new value:
  "auto", "pt_BR" or "en").
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from html import escape
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.errors import ConfigError
from pluggto_desktop.present.channel import sync_did_not_start
from pluggto_desktop.settings import check_draft, is_configured, parse_datetime, settings_to_dict
from pluggto_desktop.ui.forms import (
    WARN_COLOUR,
    AppForm,
    ChannelForm,
    EngineForm,
    LinxForm,
    PluggtoForm,
    SetupForm,
    draft_of,
    error_detail,
    message_label,
    muted_label,
    secret_values_of,
    show_message,
    split_problem,
    typed_rows_of,
)
from pluggto_desktop.ui.setup_wizard import scrolled
from pluggto_desktop.ui.status_text import describe_service
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, MUTED_COLOUR, OK_COLOUR

log = logging.getLogger("pluggto_desktop.ui")


class SettingsPage(QWidget):
    language_changed = Signal(str)

    TABS = ("pluggto", "linx", "channel", "engine", "app")

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        self._busy = False
        self._baseline: dict[str, Any] = {}
        self._loaded = self.service.settings_copy()
        self._leave_box: QMessageBox | None = None
        self.last_leave_choice: str | None = None
        self.pluggto = PluggtoForm(controller)
        self.linx = LinxForm(controller)
        self.channel = ChannelForm(controller)
        self.engine = EngineForm(controller)
        self.app = AppForm(controller)
        self.forms: list[SetupForm] = [self.pluggto, self.linx, self.channel, self.engine, self.app]
        self._build()
        for form in self.forms:
            form.changed.connect(self._refresh)
        controller.settings_changed.connect(self._on_settings_changed)
        # the engine's state is part of the channel's state line (the banner's words); it changes
        # with every poll (its times): followed while shown, read again when shown
        controller.state_changed.connect(self._on_engine_state)
        controller.config_problems.connect(self._on_engine_state)
        self.reload()

    # -- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 16)
        root.setSpacing(10)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        root.addWidget(self.title)

        state_row = QHBoxLayout()
        state_text = QVBoxLayout()
        state_text.setSpacing(2)
        self.state_label = QLabel()
        self.state_label.setTextFormat(Qt.TextFormat.RichText)
        self.state_label.setWordWrap(True)
        self.state_detail = muted_label()
        state_text.addWidget(self.state_label)
        state_text.addWidget(self.state_detail)
        state_row.addLayout(state_text, 1)
        self.activate_button = QPushButton()
        self.activate_button.clicked.connect(self.activate)
        self.pause_button = QPushButton()
        self.pause_button.clicked.connect(self.pause)
        self.resume_button = QPushButton()
        self.resume_button.clicked.connect(self.resume)
        for button in (self.activate_button, self.pause_button, self.resume_button):
            state_row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(state_row)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for form in self.forms:
            self.tabs.addTab(scrolled(form), "")
        root.addWidget(self.tabs, 1)

        self.message = message_label()
        root.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.discard_button = QPushButton()
        self.discard_button.clicked.connect(self.discard)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        root.addLayout(buttons)
        self._retranslate()

    def _tab_names(self) -> list[str]:
        return [self.tr("Plug.to"), self.tr("Linx"), self.tr("Channel"), self.tr("Sync"), self.tr("App")]

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        for index, name in enumerate(self._tab_names()):
            self.tabs.setTabText(index, name)
        self.activate_button.setText(self.tr("Activate"))
        self.pause_button.setText(self.tr("Pause"))
        self.resume_button.setText(self.tr("Resume"))
        self.discard_button.setText(self.tr("Discard changes"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _on_engine_state(self, *_args: Any) -> None:
        if self.isVisible():
            self._refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._refresh()

    def show_tab(self, name: str) -> None:
        """Bring a tab to the front: "pluggto", "linx", "channel", "engine" (or "sync"), "app"."""
        name = {"sync": "engine", "ui": "app"}.get(name, name)
        if name in self.TABS:
            self.tabs.setCurrentIndex(self.TABS.index(name))

    def focus_field(self, path: str) -> None:
        """Bring the field of a settings path ("engine.listener_port") into view, with the cursor."""
        for index, form in enumerate(self.forms):
            widget = form._widgets.get(path) if form.owns(path) else None
            if widget is None:
                continue
            self.tabs.setCurrentIndex(index)
            area = self.tabs.widget(index)
            if hasattr(area, "ensureWidgetVisible"):
                area.ensureWidgetVisible(widget)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return

    # -- loading and comparing -------------------------------------------------------------------
    def reload(self) -> None:
        """Show the saved settings (dropping any edit)."""
        self._loaded = self.service.settings_copy()
        for form in self.forms:
            form.load(self._loaded, self.service.secrets)
        self._baseline = self._snapshot()
        self._mark_tabs({})
        self._refresh()

    def _snapshot(self) -> dict[str, Any]:
        draft = copy.deepcopy(self._loaded)
        for form in self.forms:
            form.store_into(draft)
        return settings_to_dict(draft)

    def has_unsaved_changes(self) -> bool:
        if any(form.secret_values() for form in self.forms):
            return True
        return self._snapshot() != self._baseline

    def draft(self):
        """The saved settings (as they are now) with every tab's values in."""
        return draft_of(self.service, self.forms)

    def _on_settings_changed(self, _settings: Any) -> None:
        """Saved elsewhere (a pause from the tray, the wizard): follow, unless the user is editing."""
        if not shiboken6.isValid(self):
            return
        if not self._busy and not self.has_unsaved_changes():
            self.reload()
        else:
            self._refresh()

    # -- state -----------------------------------------------------------------------------------
    def _state_detail(self, state: str, text: Any) -> str:
        if state == "installed":
            return self.tr("Not configured yet: fill in the Plug.to, Linx and Channel tabs and save.")
        if state == "configured":
            return self.tr("Saved but not active: no order is imported until you activate the channel.")
        if self.service.engine is None and self.service.config_problems:
            return self.tr("Active, but the sync could not start: %1").replace(
                "%1", "; ".join(self.service.config_problems))
        if self.service.engine_status().state in ("credentials", "offline"):
            return text.detail  # what stops the sync, as the banner says it
        if state == "paused":
            until = parse_datetime(self.service.settings.channel.paused_until)
            if until is not None:
                return self.tr("Paused until %1: nothing is imported meanwhile.").replace(
                    "%1", until.astimezone().strftime("%d/%m %H:%M"))
            return self.tr("Paused: nothing is imported until you resume.")
        return self.tr("Active: orders from Plug.to are brought into the store.")

    def _refresh(self, *_args: Any) -> None:
        state = self.service.channel_state
        # the same words and colour as the banner and the Painel (one table, in the core): never
        # "Ativo" in green while the banner says "Credenciais inválidas"
        text = describe_service(self.service)
        self.state_label.setText(self.tr("Channel: %1").replace(
            "%1", f"<b style='color:{text.colour}'>{escape(text.title)}</b>"))
        self.state_detail.setText(self._state_detail(state, text))
        dirty = self.has_unsaved_changes()
        self.activate_button.setVisible(state == "configured")
        self.activate_button.setEnabled(not dirty and not self._busy)
        self.activate_button.setToolTip(self.tr("Save or discard your changes first.") if dirty else "")
        self.pause_button.setVisible(state == "active")
        self.resume_button.setVisible(state == "paused")
        self.save_button.setEnabled(dirty and not self._busy)
        self.discard_button.setEnabled(dirty and not self._busy)
        self.save_button.setText(self.tr("Saving…") if self._busy else self.tr("Save"))

    def _show_message(self, text: str, colour: str) -> None:
        show_message(self.message, text, colour)

    def _mark_tabs(self, by_form: dict[int, bool]) -> None:
        bar = self.tabs.tabBar()
        for index in range(self.tabs.count()):
            bar.setTabTextColor(index, QColor(BAD_COLOUR) if by_form.get(index) else QColor())

    # -- actions ---------------------------------------------------------------------------------
    def discard(self) -> None:
        self.reload()
        self._show_message("", MUTED_COLOUR)

    def show_validation(self, lines: list[str]) -> list[str]:
        """Put validation lines next to their fields; returns those no field owns."""
        remaining = list(lines)
        marks: dict[int, bool] = {}
        for index, form in enumerate(self.forms):
            mine = [line for line in remaining if form.owns(split_problem(line)[0])]
            remaining = [line for line in remaining if line not in mine]
            form.show_errors(mine)
            marks[index] = bool(mine)
        self._mark_tabs(marks)
        return remaining

    def save(self, callback: Callable[[bool], None] | None = None) -> Any:
        """Validate, then save and restart the engine in the background; ``callback(ok)`` at the end."""
        done = callback or (lambda _ok: None)
        if self._busy:
            done(False)
            return None
        draft = self.draft()
        lines = list(check_draft(draft, self.controller.lang, rows=typed_rows_of(self.forms)).problems)
        if lines:
            others = self.show_validation(lines)
            first = next((i for i, form in enumerate(self.forms)
                          if any(form.owns(split_problem(line)[0]) for line in lines)), None)
            if first is not None:
                self.tabs.setCurrentIndex(first)
            text = self.tr("Not saved: correct the fields marked in red.")
            if others:
                text += " " + "; ".join(others)
            self._show_message(text, BAD_COLOUR)
            done(False)
            return None
        self.show_validation([])
        self._busy = True
        self._refresh()
        previous_language = self.service.settings.ui.language
        return self.controller.run(self._save(draft, secret_values_of(self.forms), previous_language, done),
                                   what=self.tr("save the settings"))

    async def _save(self, draft: Any, secrets: dict[str, str], previous_language: str,
                    done: Callable[[bool], None]) -> bool:
        try:
            await self.service.apply_settings(draft, secrets)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            log.warning("saving the settings failed: %s", exc)
            if shiboken6.isValid(self):
                self._busy = False
                if isinstance(exc, ConfigError):
                    self.show_validation(list(exc.problems))
                detail = error_detail(exc, self.controller.lang)
                self._show_message(self.tr("Could not save: %1").replace("%1", detail), BAD_COLOUR)
                self._refresh()
            done(False)
            return False
        if shiboken6.isValid(self):
            self._busy = False
            self.reload()
            self._show_message(*self._saved_message(draft))
        if draft.ui.language != previous_language:
            self.language_changed.emit(draft.ui.language)
        done(True)
        return True

    def _saved_message(self, draft: Any) -> tuple[str, str]:
        state = self.service.channel_state
        if sync_did_not_start(state, self.service.engine is not None):
            return self.tr("Saved, but the sync could not start: %1").replace(
                "%1", "; ".join(self.service.config_problems)), BAD_COLOUR
        if state in ("active", "paused"):
            return self.tr("Saved. The sync restarted with the new settings."), OK_COLOUR
        if not is_configured(draft):
            missing = [p for form in self.forms for p in form.required_problems()]
            return (self.tr("Saved. Still missing before the channel can be activated: %1").replace(
                "%1", " ".join(missing)), WARN_COLOUR)
        return self.tr("Saved. The channel is not active: activate it to import orders."), OK_COLOUR

    def activate(self) -> Any:
        if self._busy or self.has_unsaved_changes():
            return None
        self._busy = True
        self._refresh()
        return self.controller.run(self._activate(), what=self.tr("activate the channel"))

    async def _activate(self) -> None:
        try:
            await self.service.activate()
        except Exception as exc:  # noqa: BLE001 - said on the page in words; the person may try again
            if shiboken6.isValid(self):
                detail = error_detail(exc, self.controller.lang)
                self._show_message(self.tr("Could not activate: %1").replace("%1", detail), BAD_COLOUR)
        finally:
            if shiboken6.isValid(self):
                self._busy = False
                self._refresh()
        if shiboken6.isValid(self) and self.service.channel_state == "active":
            if self.service.engine is not None:
                self._show_message(self.tr("Active: orders start arriving in the store."), OK_COLOUR)
            else:
                self._show_message(self.tr("Active, but the sync could not start: %1").replace(
                    "%1", "; ".join(self.service.config_problems)), BAD_COLOUR)

    def pause(self) -> None:
        if self.service.engine is None:
            self._show_message(self.tr("The sync is not running, so there is nothing to pause."), WARN_COLOUR)
            return
        self.service.pause(None)
        self._show_message(self.tr("Paused: nothing is imported until you resume."), WARN_COLOUR)
        self._refresh()

    def resume(self) -> None:
        self.service.resume()
        self._show_message(self.tr("Resumed."), OK_COLOUR)
        self._refresh()

    # -- leaving ---------------------------------------------------------------------------------
    def confirm_leave(self, callback: Callable[[bool], None]) -> None:
        """Ask what to do with unsaved changes (non-modal); ``callback(leave)`` gets the answer."""
        if not self.has_unsaved_changes():
            self.last_leave_choice = "discard"
            callback(True)
            return
        if self._leave_box is not None:
            self._leave_box.raise_()
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("The settings have changes that were not saved."))
        box.setInformativeText(self.tr("Save them before leaving?"))
        Button = QMessageBox.StandardButton
        box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
        box.button(Button.Save).setText(self.tr("Save"))
        box.button(Button.Discard).setText(self.tr("Discard"))
        box.button(Button.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(Button.Save)
        box.setEscapeButton(Button.Cancel)
        box.finished.connect(lambda _result: self._leave_answered(box, callback))
        self._leave_box = box
        box.open()  # never exec(): the event loop (and the sync) keeps running

    def _leave_answered(self, box: QMessageBox, callback: Callable[[bool], None]) -> None:
        clicked = box.clickedButton()
        Button = QMessageBox.StandardButton
        choice = box.standardButton(clicked) if clicked is not None else Button.Cancel
        self._leave_box = None
        box.deleteLater()
        if choice == Button.Save:
            self.last_leave_choice = "save"
            self.save(callback)
        elif choice == Button.Discard:
            self.last_leave_choice = "discard"
            self.discard()
            callback(True)
        else:
            self.last_leave_choice = "cancel"
            callback(False)

    def leave_box(self) -> QMessageBox | None:
        """The open "unsaved changes" box, if any (tests, the main window)."""
        return self._leave_box
