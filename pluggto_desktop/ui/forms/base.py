"""The base of the setup forms: translated texts, field rows with an error line under each, and
the core's verdict on the values placed next to the fields it names.

Every form edits a :class:`~pluggto_desktop.settings.Settings` it was given and never saves:

* ``load(settings, secrets)`` fills the widgets (secrets only tell which ones are already stored:
  their boxes stay empty with a "stored — leave empty to keep" placeholder);
* ``store_into(settings)`` writes the widgets' values into a settings object;
* ``secret_values()`` the secrets *typed* in this form (non-empty only), by secret-store name;
* ``problems()`` what blocks going on, in words (required fields still empty, then the problems);
* ``show_errors(lines)`` puts ``"section.field: message"`` lines next to the fields they name and
  returns the lines it could not place;
* ``changed`` is emitted on every user edit (not while loading).

What is missing or wrong is the core's to decide (:func:`pluggto_desktop.settings.check_draft`,
in ``controller.lang``); a form says which of its fields a path names and what to ask for.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.secrets import SecretStore
from pluggto_desktop.settings import DraftCheck, Settings, check_draft
from pluggto_desktop.settings.messages import REQUIRED
from pluggto_desktop.ui.forms.common import INVALID_STYLE, TextFn, muted_label, set_invalid, split_problem
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, MUTED_COLOUR


class SetupForm(QWidget):
    """Base of the forms: translated texts, field rows with an error line, validation mapping."""

    changed = Signal()
    #: settings sections (or paths) this form edits; validation lines under them belong here
    SECTIONS: tuple[str, ...] = ()

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._settings = controller.service.settings_copy()
        self._secrets: SecretStore = controller.service.secrets
        self._texts: list[tuple[Callable[[str], None], TextFn]] = []
        self._errors: dict[str, QLabel | None] = {}  # path -> its error line (None: the widget shows it)
        self._labels: dict[str, QLabel] = {}  # path -> the row's label (to name it in words)
        self._widgets: dict[str, QWidget] = {}  # path -> the row's input
        self._error_paths: set[str] = set()  # paths whose values do not validate now
        self._flagged: set[QWidget] = set()  # inputs drawn in red
        self._loading = False
        self.setStyleSheet(INVALID_STYLE)

    @property
    def lang(self) -> str:
        return self.controller.lang

    # -- translated texts ------------------------------------------------------------------------
    def _bind(self, setter: Callable[[str], None], text: TextFn) -> None:
        """Set a text now and again whenever the language changes."""
        self._texts.append((setter, text))
        setter(text())

    def retranslate(self) -> None:
        for setter, text in self._texts:
            setter(text())
        self._retranslate_extra()
        self._refresh_errors()

    def _retranslate_extra(self) -> None:
        """Texts that are not simple bindings (combo items, placeholders, state-dependent)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._texts:
            self.retranslate()
        super().changeEvent(event)

    # -- building blocks -------------------------------------------------------------------------
    @staticmethod
    def _form_layout() -> QFormLayout:
        layout = QFormLayout()
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.setVerticalSpacing(10)
        return layout

    def _group(self, title: TextFn, parent_layout: QVBoxLayout) -> QFormLayout:
        box = QGroupBox()
        self._bind(box.setTitle, title)
        layout = self._form_layout()
        box.setLayout(layout)
        parent_layout.addWidget(box)
        return layout

    def _note(self, text: TextFn, colour: str = MUTED_COLOUR) -> QLabel:
        label = muted_label()
        label.setStyleSheet(f"color: {colour};")
        self._bind(label.setText, text)
        return label

    def _row(
        self,
        layout: QFormLayout,
        path: str | None,
        label: TextFn | None,
        widget: QWidget,
        hint: TextFn | None = None,
        *,
        error: bool = True,
    ) -> QWidget:
        """A form row: label | widget, with a hint and an error line under the widget."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        if isinstance(widget, (QAbstractSpinBox, QComboBox)):
            # numbers and choices keep their natural width; the hint below uses the whole row
            widget.setMinimumWidth(max(widget.sizeHint().width(), 200))
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(widget)
            line.addStretch(1)
            column.addLayout(line)
        else:
            column.addWidget(widget)
        if hint is not None:
            column.addWidget(self._note(hint))
        error_label: QLabel | None = None
        if error:
            error_label = QLabel()
            error_label.setWordWrap(True)
            error_label.setStyleSheet(f"color: {BAD_COLOUR};")
            error_label.hide()
            column.addWidget(error_label)
        if label is None:
            layout.addRow(box)
        else:
            caption = QLabel()
            self._bind(caption.setText, label)
            caption.setBuddy(widget.focusProxy() or widget)
            layout.addRow(caption, box)
            if path:
                self._labels[path] = caption
        if path:
            self._errors[path] = error_label
            self._widgets[path] = widget
        return box

    def _no_wheel(self, *widgets: QWidget) -> None:
        """Spin boxes and combos ignore the mouse wheel unless focused (the form scrolls instead)."""
        for widget in widgets:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Wheel and isinstance(watched, (QAbstractSpinBox, QComboBox))
                and not watched.hasFocus()):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _optional_spin(self, maximum: int = 2_147_483_647) -> QSpinBox:
        """A spin box whose 0 means "not set" (None)."""
        spin = QSpinBox()
        spin.setRange(0, maximum)
        self._bind(spin.setSpecialValueText, lambda: self.tr("not set"))
        spin.valueChanged.connect(self._emit_changed)
        self._no_wheel(spin)
        return spin

    def _spin(self, low: int, high: int, suffix: TextFn | None = None) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        if suffix is not None:
            self._bind(spin.setSuffix, suffix)
        spin.valueChanged.connect(self._emit_changed)
        self._no_wheel(spin)
        return spin

    def _line(self, *, password: bool = False) -> QLineEdit:
        edit = QLineEdit()
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.textChanged.connect(self._emit_changed)
        return edit

    def _check(self, text: TextFn) -> QCheckBox:
        box = QCheckBox()
        self._bind(box.setText, text)
        box.toggled.connect(self._emit_changed)
        return box

    # -- the form contract -----------------------------------------------------------------------
    def load(self, settings: Settings, secrets: SecretStore | None = None) -> None:
        """Show ``settings`` (a copy is kept as the base of drafts) and which secrets are stored."""
        self._settings = copy.deepcopy(settings)
        if secrets is not None:
            self._secrets = secrets
        self._loading = True
        try:
            self._load(self._settings)
        finally:
            self._loading = False
        self._refresh_errors()

    def _load(self, settings: Settings) -> None:
        raise NotImplementedError

    def store_into(self, settings: Settings) -> None:
        raise NotImplementedError

    def secret_values(self) -> dict[str, str]:
        return {}

    def draft(self) -> Settings:
        """The loaded settings with this form's values in (nothing is saved)."""
        settings = copy.deepcopy(self._settings)
        self.store_into(settings)
        return settings

    # -- what the core says about the values on screen ------------------------------------------
    def check(self) -> DraftCheck:
        """The core's verdict on this form's values (:func:`settings.check_draft`): problems and
        required fields still empty, by field path. The form only words and places it."""
        return check_draft(self.draft(), self.lang, secrets=self._secrets_at_hand(), rows=self.typed_rows())

    def _secrets_at_hand(self) -> set[str] | None:
        """The names of the secrets typed here or already stored (None: this form holds none)."""
        return None

    def typed_rows(self) -> dict[str, list[tuple[str, Any]]]:
        """The tables of this form as typed, by settings path: the core refuses a repeated row
        that the settings' dict would silently merge."""
        return {}

    def _ask_for(self) -> dict[str, TextFn]:
        """What to say for each required field of this form that is still empty, by path."""
        return {}

    def required_problems(self, check: DraftCheck | None = None) -> list[str]:
        """Values the step cannot do without (the core accepts a half-filled profile)."""
        asks = self._ask_for()
        return [asks[path]() if path in asks else f"{self.field_name(path)}: {REQUIRED(self.lang)}"
                for path in (check or self.check()).missing_under(*self.SECTIONS)]

    def problems(self) -> list[str]:
        """What blocks going on, in words."""
        check = self.check()  # once: it validates the whole draft
        return self.required_problems(check) + [self.describe_line(line)
                                                for line in check.problems_under(*self.SECTIONS)]

    def warnings(self) -> list[str]:
        """What does not block but the user should know (shown on the summary)."""
        return []

    def summary(self) -> list[tuple[str, str]]:
        """(label, value in words) pairs for the wizard's summary."""
        return []

    def owns(self, path: str) -> bool:
        return any(path == s or path.startswith(s + ".") for s in self.SECTIONS)

    def validation_lines(self) -> list[str]:
        """The core's problems with this form's values, as ``"path: message"`` lines."""
        return self.check().problems_under(*self.SECTIONS)

    def _match(self, path: str) -> str | None:
        """The registered field path that ``path`` names (longest prefix), if any."""
        best = None
        for known in self._errors:
            if (path == known or path.startswith(known + ".")) and (best is None or len(known) > len(best)):
                best = known
        return best

    def field_name(self, path: str) -> str:
        """The field a settings path names, in words: "Fallback CNPJ", "CNPJ per marketplace (Shopee)"."""
        known = self._match(path)
        if known is None or known not in self._labels:
            return path
        name = self._labels[known].text().rstrip(":").strip()
        extra = path[len(known) + 1:]
        return f"{name} ({extra})" if extra else name

    def describe_line(self, line: str) -> str:
        """A validation line with the field's name in words instead of its path."""
        path, message = split_problem(line)
        return f"{self.field_name(path)}: {message}" if path else message

    def first_field(self) -> QWidget:
        """Where the cursor goes when the form is shown."""
        return self

    def show_errors(self, lines: Sequence[str]) -> list[str]:
        """Show each line next to its field; returns the lines no field of this form owns."""
        found: dict[str, list[str]] = {}
        unplaced: list[str] = []
        for line in lines:
            path, message = split_problem(line)
            known = self._match(path)
            if known is None:
                unplaced.append(line)
                continue
            extra = path[len(known) + 1:]
            found.setdefault(known, []).append(f"{extra}: {message}" if extra else message[:1].upper() + message[1:])
        for path, label in self._errors.items():
            if label is None:
                continue
            messages = found.get(path)
            label.setText("\n".join(messages or []))
            label.setVisible(bool(messages))
        self._error_paths = set(found)
        self._apply_highlights()
        self._errors_shown(found)
        return unplaced

    def _culprits(self) -> set[QWidget]:
        """Inputs to draw in red: those whose value does not validate (subclasses add more)."""
        return {self._widgets[path] for path in self._error_paths if isinstance(self._widgets.get(path), QLineEdit)}

    def _apply_highlights(self) -> None:
        culprits = self._culprits()
        for widget in self._flagged - culprits:
            set_invalid(widget, False)
        for widget in culprits:
            set_invalid(widget, True)
        self._flagged = culprits

    def _errors_shown(self, found: dict[str, list[str]]) -> None:
        """Hook: react to where errors were shown (e.g. open a collapsed section)."""

    def _refresh_errors(self) -> None:
        self.show_errors(self.validation_lines())

    def _emit_changed(self, *_args: Any) -> None:
        if self._loading:
            return
        self._refresh_errors()
        self.changed.emit()


def draft_of(service: Any, forms: Sequence[SetupForm]) -> Settings:
    """The saved settings (as they are now) with every form's values in (nothing is saved)."""
    settings = service.settings_copy()
    for form in forms:
        form.store_into(settings)
    return settings


def secret_values_of(forms: Sequence[SetupForm]) -> dict[str, str]:
    """The secrets typed in ``forms`` (non-empty only), by secret-store name."""
    values: dict[str, str] = {}
    for form in forms:
        values.update(form.secret_values())
    return values


def typed_rows_of(forms: Sequence[SetupForm]) -> dict[str, list[tuple[str, Any]]]:
    """The tables of ``forms`` as typed, by settings path (for :func:`settings.check_draft`)."""
    rows: dict[str, list[tuple[str, Any]]] = {}
    for form in forms:
        rows.update(form.typed_rows())
    return rows
