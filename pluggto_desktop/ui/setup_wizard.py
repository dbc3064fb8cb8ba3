"""First-run setup, embedded in the main window (never a modal ``QWizard.exec()``).

Steps mirror the Linx admin: Plug.to account → Linx Commerce store → Sales channel → Summary.

* Next is enabled once the step has no problems (missing or invalid values); testing the
  connections is encouraged, not required — the summary warns when a test was skipped or failed.
* "Continuar depois" saves what is filled so far (values that do not validate yet are left out
  and named) with the channel kept *Instalado*/*Configurado*, stores the typed secrets, and emits
  ``postponed``. Opening the wizard again (:meth:`reload`) starts at the first step that still
  has problems.
* On the summary: "Salvar e ativar" (``service.apply_settings`` then ``service.activate``; the
  engine starts) and "Salvar sem ativar" (channel *Configurado*); both emit
  ``finished_setup(activated)``.
"""

from __future__ import annotations

import html
import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.settings import Settings, state_to_save, validate
from pluggto_desktop.ui.forms import (
    WARN_COLOUR,
    ChannelForm,
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
)
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, MUTED_COLOUR, OK_COLOUR

log = logging.getLogger("pluggto_desktop.ui")

STEP_PLUGGTO, STEP_LINX, STEP_CHANNEL, STEP_SUMMARY = range(4)


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless vertical scroll area that resizes it to its width."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 12, 0)
    layout.addWidget(widget)
    area.setWidget(holder)
    return area


def revert_invalid(draft: Settings, saved: Settings, lines: list[str]) -> list[str]:
    """Put back the saved value of every field a validation line names; returns those paths.

    Used to save a partly filled draft: what does not validate yet is left out, the rest kept.
    ``channel.marketplace_cnpjs.<name>``-like paths drop that entry of the mapping.
    """
    reverted = []
    for line in lines:
        path, _message = split_problem(line)
        parts = path.split(".")
        if len(parts) < 2 or not hasattr(draft, parts[0]):
            continue
        section, saved_section = getattr(draft, parts[0]), getattr(saved, parts[0])
        if not hasattr(section, parts[1]):
            continue
        value = getattr(section, parts[1])
        if len(parts) > 2 and isinstance(value, dict):
            value.pop(".".join(parts[2:]), None)
        else:
            original = getattr(saved_section, parts[1])
            setattr(section, parts[1], list(original) if isinstance(original, list)
                    else dict(original) if isinstance(original, dict) else original)
        reverted.append(path)
    return reverted


class SetupWizard(QWidget):
    """The setup wizard page. Signals: ``postponed()``, ``finished_setup(bool activated)``."""

    postponed = Signal()
    finished_setup = Signal(bool)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        self._busy = False
        self._reload_on_show = False
        self.activate_box: QMessageBox | None = None
        self.pluggto = PluggtoForm(controller)
        self.linx = LinxForm(controller)
        self.channel = ChannelForm(controller)
        self.forms: list[SetupForm] = [self.pluggto, self.linx, self.channel]
        self._build()
        for form in self.forms:
            form.changed.connect(self._refresh)
        self.reload()

    # -- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 16)
        root.setSpacing(10)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.title.setWordWrap(True)
        root.addWidget(self.title)
        steps = QHBoxLayout()
        steps.setSpacing(6)
        self.step_labels: list[QLabel] = []
        for index in range(4):
            if index:
                arrow = QLabel("›")
                arrow.setStyleSheet(f"color: {MUTED_COLOUR};")
                steps.addWidget(arrow)
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.RichText)
            self.step_labels.append(label)
            steps.addWidget(label)
        steps.addStretch(1)
        root.addLayout(steps)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        root.addWidget(line)
        self.step_title = QLabel()
        self.step_title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.step_title.setWordWrap(True)
        root.addWidget(self.step_title)
        self.step_intro = muted_label()
        root.addWidget(self.step_intro)

        self.stack = QStackedWidget()
        for form in self.forms:
            self.stack.addWidget(scrolled(form))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(scrolled(self.summary))
        root.addWidget(self.stack, 1)

        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(f"color: {WARN_COLOUR};")
        root.addWidget(self.missing)
        self.message = message_label()
        root.addWidget(self.message)

        buttons = QHBoxLayout()
        self.later_button = QPushButton()
        self.later_button.clicked.connect(self.continue_later)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(lambda: self.save(activate=False))
        self.activate_button = QPushButton()
        self.activate_button.setDefault(True)
        self.activate_button.clicked.connect(lambda: self.save(activate=True))
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.save_button, self.activate_button):
            buttons.addWidget(button)
        root.addLayout(buttons)
        self._retranslate()

    def _step_names(self) -> list[str]:
        return [self.tr("Plug.to account"), self.tr("Linx Commerce store"), self.tr("Sales channel"),
                self.tr("Summary")]

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Set up Pluggto Desktop"))
        self.later_button.setText(self.tr("Continue later"))
        self.later_button.setToolTip(self.tr("Saves what is filled in so far; you can come back at any time."))
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))
        self.save_button.setText(self.tr("Save without activating"))
        self.activate_button.setText(self.tr("Save and activate"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._refresh()
        super().changeEvent(event)

    # -- navigation ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Load the saved settings and secrets, and go to the first step that still has problems."""
        settings = self.service.settings_copy()
        for form in self.forms:
            form.load(settings, self.service.secrets)
        self.message.hide()
        self.go_to(self.first_incomplete_step())

    def first_incomplete_step(self) -> int:
        for index, form in enumerate(self.forms):
            if form.problems():
                return index
        return STEP_SUMMARY

    def current_step(self) -> int:
        return self.stack.currentIndex()

    def go_to(self, index: int) -> None:
        """Show step ``index`` (a later step only when every step before it has no problems)."""
        index = max(0, min(index, STEP_SUMMARY))
        index = min(index, self.first_incomplete_step())
        self.stack.setCurrentIndex(index)
        self._refresh()
        if index < STEP_SUMMARY and self.isVisible():
            self.forms[index].first_field().setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown again after "continue later" or saving: start from what is saved."""
        if self._reload_on_show:
            self._reload_on_show = False
            self.reload()
        super().showEvent(event)

    def next(self) -> None:
        if self.current_step() < STEP_SUMMARY and not self.forms[self.current_step()].problems():
            self.go_to(self.current_step() + 1)

    def back(self) -> None:
        if self.current_step() > 0:
            self.stack.setCurrentIndex(self.current_step() - 1)
            self._refresh()

    # -- state -----------------------------------------------------------------------------------
    def _refresh(self) -> None:
        step = self.current_step()
        names = self._step_names()
        incomplete = self.first_incomplete_step()
        for index, label in enumerate(self.step_labels):
            label.setText(self._step_mark(index, names[index], current=index == step,
                                          complete=index < incomplete and index < STEP_SUMMARY))
        self.step_title.setText(names[step])
        self.step_intro.setText(self._intro(step))
        on_summary = step == STEP_SUMMARY
        problems = [] if on_summary else self.forms[step].problems()
        if problems:
            self.missing.setText(self.tr("To go on: %1").replace("%1", " ".join(
                p if p.endswith(".") else p + "." for p in problems)))
        self.missing.setVisible(bool(problems))
        self.back_button.setVisible(step > 0)
        self.next_button.setVisible(not on_summary)
        self.next_button.setEnabled(not problems and not self._busy)
        self.save_button.setVisible(on_summary)
        self.activate_button.setVisible(on_summary)
        for button in (self.save_button, self.activate_button, self.later_button, self.back_button):
            button.setEnabled(not self._busy)
        if on_summary:
            self.summary.setText(self.summary_html())

    def _step_mark(self, index: int, name: str, *, current: bool, complete: bool) -> str:
        """A step's name in the bar. A connection step is only "✓" when the values shown now
        passed their last test: filled in is not the same as working."""
        text = html.escape(f"{index + 1}. {name}")
        state = self.forms[index].test_state() if index < STEP_SUMMARY and self._is_connection(index) else None
        if state == "failed":
            mark = f"<span style='color:{BAD_COLOUR}'>✗ {text}</span>"
        elif complete and state in (None, "ok"):
            mark = f"<span style='color:{OK_COLOUR}'>✓ {text}</span>"
        elif complete:  # filled in, never tested with these values
            untested = html.escape(self.tr("not tested"))
            mark = f"<span style='color:{WARN_COLOUR}'>{text} ({untested})</span>"
        else:
            mark = f"<span style='color:{MUTED_COLOUR}'>{text}</span>"
        return f"<b>{mark}</b>" if current else mark

    def _is_connection(self, index: int) -> bool:
        return index in (STEP_PLUGGTO, STEP_LINX)

    def doubtful_connections(self) -> list[tuple[int, str]]:
        """(step, "failed"|"untested") of each connection whose current values did not pass a test."""
        found = []
        for index in (STEP_PLUGGTO, STEP_LINX):
            state = self.forms[index].test_state()
            if state != "ok":
                found.append((index, state))
        return found

    def _intro(self, step: int) -> str:
        if step == STEP_PLUGGTO:
            return self.tr("Add the Plug.to account whose orders come to this store: four credentials. "
                           "\"Test connection\" checks them with Plug.to and says which one is wrong.")
        if step == STEP_LINX:
            return self.tr("Connect the Linx Commerce store that receives the orders, with its integration user.")
        if step == STEP_CHANNEL:
            return self.tr("Configure the Plug.to sales channel of the store: which orders to import, the "
                           "intermediary CNPJ for the NF-e, and which products go to Plug.to.")
        return self.tr("Check the values, then save. Nothing is imported until the channel is active.")

    def problems(self) -> list[str]:
        """Every blocking problem of every step (the summary's save buttons need none)."""
        return [problem for form in self.forms for problem in form.problems()]

    def draft(self) -> Settings:
        """The saved settings with every step's values in."""
        return draft_of(self.service, self.forms)

    def secret_values(self) -> dict[str, str]:
        return secret_values_of(self.forms)

    def warnings(self) -> list[str]:
        return [warning for form in self.forms for warning in form.warnings()]

    def summary_html(self) -> str:
        names = self._step_names()
        parts = []
        warnings = self.warnings()
        if warnings:
            items = "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
            heading = html.escape(self.tr("Before you save:"))
            parts.append(f"<p style='color:{WARN_COLOUR}'><b>{heading}</b></p>"
                         f"<ul style='color:{WARN_COLOUR}'>{items}</ul>")
        for title, form in zip(names, self.forms):
            rows = "".join(
                f"<tr><td style='padding:2px 16px 2px 0; color:{MUTED_COLOUR}; white-space:nowrap'>"
                f"{html.escape(label)}</td><td style='padding:2px 0'>{html.escape(value or '—')}</td></tr>"
                for label, value in form.summary())
            parts.append(f"<h3>{html.escape(title)}</h3><table>{rows}</table>")
        states = (
            (self.tr("Save and activate"), self.tr("Active"),
             self.tr("orders start arriving in the store now.")),
            (self.tr("Save without activating"), self.tr("Configured"),
             self.tr("saved, but nothing is imported until you activate the channel.")),
        )
        template = html.escape(self.tr("With “%1”: %2 — %3"))
        items = "".join(
            "<li>" + template.replace("%1", html.escape(button)).replace("%2", f"<b>{html.escape(state)}</b>")
            .replace("%3", html.escape(words)) + "</li>"
            for button, state, words in states)
        heading = html.escape(self.tr("Channel state"))
        parts.append(f"<h3>{heading}</h3><ul>{items}</ul>")
        return "".join(parts)

    # -- saving ----------------------------------------------------------------------------------
    def _show_message(self, text: str, colour: str) -> None:
        show_message(self.message, text, colour)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._refresh()

    def continue_later(self) -> Any:
        """Save what is filled in so far (without activating) and emit ``postponed``."""
        if self._busy:
            return None
        draft = self.draft()
        saved = self.service.settings_copy()
        left_out = revert_invalid(draft, saved, validate(draft, self.controller.lang))
        draft.channel.state = state_to_save(draft)
        self._set_busy(True)
        return self.controller.run(self._save_draft(draft, self.secret_values(), left_out),
                                   what=self.tr("save the setup"))

    async def _save_draft(self, draft: Settings, secrets: dict[str, str], left_out: list[str]) -> bool:
        try:
            await self.service.apply_settings(draft, secrets)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self._failed(exc)
            return False
        if not shiboken6.isValid(self):
            return True
        self._set_busy(False)
        if left_out:
            fields = ", ".join(self._field_name(path) for path in dict.fromkeys(left_out))
            text = self.tr("Saved what was filled in. Left out because not valid yet: %1.")
            self._show_message(text.replace("%1", fields), WARN_COLOUR)
        else:
            self._show_message(self.tr("Saved. You can continue the setup at any time."), OK_COLOUR)
        self._reload_on_show = True
        self.postponed.emit()
        return True

    def _field_name(self, path: str) -> str:
        for form in self.forms:
            if form.owns(path):
                return form.field_name(path)
        return path

    def save(self, *, activate: bool, confirmed: bool = False) -> Any:
        """"Salvar e ativar" / "Salvar sem ativar" (from the summary). Activating with a
        connection that failed its last test, or was never tested with these values, asks
        first — and the default answer is to go back and fix it."""
        if self._busy:
            return None
        problems = self.problems()
        if problems:
            self.go_to(self.first_incomplete_step())
            return None
        doubtful = self.doubtful_connections()
        if activate and doubtful and not confirmed:
            self._ask_to_activate(doubtful)
            return None
        draft = self.draft()
        if draft.channel.state not in ("active", "paused"):
            draft.channel.state = "configured"
        self._set_busy(True)
        self._show_message(self.tr("Saving…"), MUTED_COLOUR)
        what = self.tr("activate the channel") if activate else self.tr("save the setup")
        return self.controller.run(self._save(draft, self.secret_values(), activate), what=what)

    async def _save(self, draft: Settings, secrets: dict[str, str], activate: bool) -> bool:
        try:
            await self.service.apply_settings(draft, secrets)
            if activate:
                await self.service.activate()
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self._failed(exc)
            return False
        if not shiboken6.isValid(self):
            return True
        self._set_busy(False)
        if activate and self.service.config_problems:
            self._show_message(self.tr("Saved, but the sync could not start: %1").replace(
                "%1", "; ".join(self.service.config_problems)), BAD_COLOUR)
            return False
        self._show_message(self.tr("Saved and active: orders start arriving in the store.") if activate
                           else self.tr("Saved. Activate the channel when you are ready."), OK_COLOUR)
        self._reload_on_show = True
        self.finished_setup.emit(activate)
        return True

    def _ask_to_activate(self, doubtful: list[tuple[int, str]]) -> None:
        names = self._step_names()
        lines = []
        for index, state in doubtful:
            text = self.tr("%1: the last connection test failed.") if state == "failed" else \
                self.tr("%1: the connection was not tested with these values.")
            lines.append(text.replace("%1", names[index]))
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Activate the channel?"))
        box.setText(self.tr("Orders would start arriving with connections that are not known to work."))
        box.setInformativeText("\n".join(lines) + "\n\n" + self.tr(
            "Test the connection first, or activate anyway (orders that cannot reach the store wait in the "
            "queue as \"needs attention\")."))
        fix = box.addButton(self.tr("Go back and fix"), QMessageBox.ButtonRole.RejectRole)
        anyway = box.addButton(self.tr("Activate anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(fix)
        box.setEscapeButton(fix)
        first = doubtful[0][0]
        box.finished.connect(lambda _result: self._activate_answered(box, anyway, first))
        self.activate_box = box
        box.open()  # never exec(): the event loop (and the sync) keeps running

    def _activate_answered(self, box: QMessageBox, anyway: Any, step: int) -> None:
        self.activate_box = None
        box.deleteLater()
        if not shiboken6.isValid(self):
            return
        if box.clickedButton() is anyway:
            self.save(activate=True, confirmed=True)
        else:
            self.go_to(step)

    def _failed(self, exc: BaseException) -> None:
        log.warning("saving the setup failed: %s", exc)
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self._show_message(self.tr("Could not save: %1").replace("%1", error_detail(exc)), BAD_COLOUR)
