"""The app itself: language, notifications, starting minimised, starting with the computer."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QVBoxLayout, QWidget

from pluggto_desktop.desktop import Autostart, launch_command
from pluggto_desktop.explain import explain_exception
from pluggto_desktop.i18n import choice_hint
from pluggto_desktop.profile import resolve_profile
from pluggto_desktop.settings import Settings
from pluggto_desktop.ui.forms.base import SetupForm


class AppForm(SetupForm):
    """The app itself: language, notifications, starting minimised."""

    SECTIONS = ("ui",)
    LANGUAGES = ("auto", "pt_BR", "en")
    NOTIFICATIONS = ("all", "errors", "off")

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        form = self._group(lambda: self.tr("App"), outer)
        self.language = QComboBox()
        for code in self.LANGUAGES:
            self.language.addItem("", code)
        self.notifications = QComboBox()
        for code in self.NOTIFICATIONS:
            self.notifications.addItem("", code)
        for combo in (self.language, self.notifications):
            combo.currentIndexChanged.connect(self._emit_changed)
            self._no_wheel(combo)
        # what the choice does, in the language it leads to (decided in the core)
        self.language_hint = self._note(lambda: choice_hint(self.language.currentData()))
        self.language.currentIndexChanged.connect(self._refresh_language_hint)
        box = self._row(form, "ui.language", lambda: self.tr("Language"), self.language)
        box.layout().insertWidget(1, self.language_hint)
        self._row(form, "ui.notifications", lambda: self.tr("Notifications"), self.notifications)
        self.start_minimized = self._check(lambda: self.tr("Start minimised to the notification area (tray)"))
        self._row(form, "ui.start_minimized", None, self.start_minimized,
                  lambda: self.tr("The sync keeps running in the background; click the tray icon to open the "
                                  "window."))
        # Start with the computer: the operating system's entry is the truth, so this box acts at
        # once (not on Save) and always shows what the system will really do.
        self.autostart = QCheckBox()
        self._bind(self.autostart.setText, lambda: self.tr("Start with the computer (in the tray)"))
        self.autostart_note = QLabel(wordWrap=True)
        self._row(form, "ui.autostart", None, self.autostart)
        form.addRow("", self.autostart_note)
        self._autostart = Autostart()
        self._refresh_autostart()
        self.autostart.toggled.connect(self._toggle_autostart)
        outer.addStretch(1)
        self._retranslate_extra()

    def _refresh_language_hint(self, *_args: Any) -> None:
        self.language_hint.setText(choice_hint(self.language.currentData()))

    def _refresh_autostart(self) -> None:
        demo = getattr(self.controller.service.profile, "demo", False)
        supported = self._autostart.supported and not demo
        self.autostart.blockSignals(True)
        self.autostart.setChecked(supported and self._autostart.enabled())
        self.autostart.blockSignals(False)
        self.autostart.setEnabled(supported)
        if demo:
            self.autostart_note.setText(self.tr("Not available in the demo."))

    def _toggle_autostart(self, on: bool) -> None:
        profile = self.controller.service.profile
        custom_home = None if profile.root == resolve_profile(None).root else str(profile.root)
        try:
            self._autostart.set(on, launch_command(custom_home, minimized=True))
        except OSError as exc:
            explanation = explain_exception(exc, self.lang)
            self.autostart_note.setText(self.tr("Could not change it: %1").replace("%1", explanation.text))
            self.autostart_note.setToolTip(explanation.technical)
            self._refresh_autostart()
            return
        self.autostart_note.setText(self.tr("Pluggto Desktop will start with the computer, in the tray.") if on
                                    else self.tr("Pluggto Desktop will not start with the computer."))

    def _retranslate_extra(self) -> None:
        languages = {"auto": self.tr("Automatic"), "pt_BR": "Português (Brasil)", "en": "English"}
        notifications = {"all": self.tr("All (integrated orders and problems)"), "errors": self.tr("Only problems"),
                         "off": self.tr("Off")}
        for combo, names in ((self.language, languages), (self.notifications, notifications)):
            for index in range(combo.count()):
                combo.setItemText(index, names[combo.itemData(index)])

    def _load(self, settings: Settings) -> None:
        u = settings.ui
        self.language.setCurrentIndex(max(0, self.language.findData(u.language)))
        self.notifications.setCurrentIndex(max(0, self.notifications.findData(u.notifications)))
        self.start_minimized.setChecked(u.start_minimized)

    def store_into(self, settings: Settings) -> None:
        u = settings.ui
        u.language = self.language.currentData()
        u.notifications = self.notifications.currentData()
        u.start_minimized = self.start_minimized.isChecked()
