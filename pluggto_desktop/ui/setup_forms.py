"""The forms of the setup wizard and of the settings page, one per step/tab.

Every form edits a :class:`~pluggto_desktop.settings.Settings` it was given and never saves:

* ``load(settings, secrets)`` fills the widgets (secrets only tell which ones are already stored:
  their boxes stay empty with a "stored — leave empty to keep" placeholder);
* ``store_into(settings)`` writes the widgets' values into a settings object;
* ``secret_values()`` the secrets *typed* in this form (non-empty only), by secret-store name;
* ``problems()`` what blocks going on, in words (missing values, then the core's validation);
* ``show_errors(lines)`` puts ``"section.field: message"`` lines (from ``settings.validate``) next
  to the fields they name and returns the lines it could not place;
* ``changed`` is emitted on every user edit (not while loading).

Validation is the core's (:func:`pluggto_desktop.settings.validate`, in ``controller.lang``); the
forms only map its lines to fields. "Testar conexão" makes a real call through
:mod:`pluggto_desktop.connection` in a background task (``controller.run``), with the values
being typed, and shows the outcome inline, highlighting the fields it names.
"""

from __future__ import annotations

import copy
import hashlib
import logging
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop import connection
from pluggto_desktop.connection import TestOutcome
from pluggto_desktop.desktop import Autostart, launch_command
from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.marketplaces import aliases_text
from pluggto_desktop.domain.status import KNOWN_STATUSES, status_label
from pluggto_desktop.engine import listener
from pluggto_desktop.errors import ConfigError
from pluggto_desktop.explain import explain_exception
from pluggto_desktop.i18n import choice_hint
from pluggto_desktop.linx.client import resolve_base_url
from pluggto_desktop.profile import resolve_profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.settings import PRICE_FIELDS, PluggtoSettings, Settings, validate
from pluggto_desktop.ui.i18n import current_lang
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, MUTED_COLOUR, OK_COLOUR, CnpjField

log = logging.getLogger("pluggto_desktop.ui")

TextFn = Callable[[], str]
DEFAULT_PLUGGTO_URL = PluggtoSettings().api_url
WARN_COLOUR = "#9a6700"
#: how a field named by a failed connection test is drawn
INVALID_STYLE = 'QLineEdit[invalid="true"] { border: 2px solid %s; border-radius: 3px; padding: 1px 2px; }' % BAD_COLOUR


def split_problem(line: str) -> tuple[str, str]:
    """``"channel.fallback_cnpj: invalid CNPJ"`` -> ``("channel.fallback_cnpj", "invalid CNPJ")``."""
    path, sep, message = line.partition(": ")
    if not sep:
        return "", line.strip()
    return path.strip(), message.strip()


def split_list(text: str) -> list[str]:
    """A comma-separated list typed by the user, without blanks: "a, b,, c" -> ["a", "b", "c"]."""
    return [item.strip() for item in text.split(",") if item.strip()]


def muted_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOUR};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def message_label() -> QLabel:
    """A hidden, wrapping, selectable line for an outcome ("Saved.", "Could not save: …")."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_message(label: QLabel, text: str, colour: str) -> None:
    """Show ``text`` in ``colour`` on a :func:`message_label` (hidden when empty)."""
    label.setStyleSheet(f"color: {colour};")
    label.setText(text)
    label.setVisible(bool(text))


def error_detail(exc: BaseException, lang: str | None = None) -> str:
    """What went wrong, for "Could not save: %1": a ConfigError's problems, else the failure in
    words (:func:`explain.explain_exception`) — never the exception's own text, which is logged."""
    if isinstance(exc, ConfigError):
        return "; ".join(exc.problems)
    explanation = explain_exception(exc, lang or current_lang())
    log.warning("shown to the user as %r: %s", explanation.message, explanation.technical)
    return explanation.text


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


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Draw (or stop drawing) ``widget`` as the culprit of a failed test."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
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

    def required_problems(self) -> list[str]:
        """Values the step cannot do without (the core accepts a half-filled profile)."""
        return []

    def problems(self) -> list[str]:
        """What blocks going on, in words."""
        return self.required_problems() + [self.describe_line(line) for line in self.validation_lines()]

    def warnings(self) -> list[str]:
        """What does not block but the user should know (shown on the summary)."""
        return []

    def summary(self) -> list[tuple[str, str]]:
        """(label, value in words) pairs for the wizard's summary."""
        return []

    def owns(self, path: str) -> bool:
        return any(path == s or path.startswith(s + ".") for s in self.SECTIONS)

    def validation_lines(self) -> list[str]:
        """The core's validation of this form's values, plus the form's own checks."""
        lines = [line for line in validate(self.draft(), self.lang) if self.owns(split_problem(line)[0])]
        return lines + self._extra_lines()

    def _extra_lines(self) -> list[str]:
        return []

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


# --- connection tests ---------------------------------------------------------------------------


class _ConnectionForm(SetupForm):
    """A form with credentials and a "Testar conexão" button."""

    #: secret-store name -> its password box (set by the subclass)
    _secret_fields: dict[str, QLineEdit]

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._stored: dict[str, bool] = {}
        self._testing = False
        self._tested: tuple[tuple[Any, ...], TestOutcome] | None = None
        self._highlighted: list[QWidget] = []
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_result.hide()
        self.vault_label = muted_label()

    def _test_row(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.test_result)
        self._refresh_test_button()

    # fields a test outcome may name -> widget (subclass)
    def _test_fields(self) -> dict[str, QWidget]:
        raise NotImplementedError

    def _test_key(self) -> tuple[Any, ...]:
        """What the test result depends on: when it changes, the last result no longer applies.

        The secrets count by their value — typed now or already in the vault — and only as a
        fingerprint: a test made before "Continuar depois" (secrets typed) still applies after
        it (the same secrets, stored), and no secret is held here in clear."""
        draft = self.draft()
        secrets = hashlib.sha256("\0".join(self._secret(name) for name in sorted(self._secret_fields)).encode())
        return (self._key_of(draft), secrets.hexdigest())

    def _key_of(self, settings: Settings) -> tuple[Any, ...]:
        raise NotImplementedError

    async def _call_test(self, draft: Settings) -> TestOutcome:
        raise NotImplementedError

    def _secret(self, name: str) -> str:
        """The secret typed now, else the stored one, else ""."""
        typed = self._secret_fields[name].text()
        return typed or self._secrets.get(name) or ""

    def _load_secrets(self) -> None:
        for name, edit in self._secret_fields.items():
            edit.clear()
            self._stored[name] = bool(self._secrets.get(name))
        self._apply_placeholders()
        self.vault_label.setText(self._secrets.backend_description(self.lang))
        # the last test of this session, kept by the service: shown again when the values agree
        self._tested = self.controller.service.connection_tests.get(self.SECTIONS[0])
        self._show_outcome(self.last_outcome())

    def _apply_placeholders(self) -> None:
        for name, edit in self._secret_fields.items():
            edit.setPlaceholderText(self.tr("stored — leave empty to keep") if self._stored.get(name)
                                    else self.tr("required — not stored"))

    def has_secret(self, name: str) -> bool:
        return bool(self._secret_fields[name].text()) or self._stored.get(name, False)

    def secret_values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self._secret_fields.items() if edit.text()}

    def _retranslate_extra(self) -> None:
        self._apply_placeholders()
        self.vault_label.setText(self._secrets.backend_description(self.lang))
        self._refresh_test_button()

    # -- running a test --------------------------------------------------------------------------
    def test_connection(self) -> Any:
        """Start a real test with the values being typed; returns the background task."""
        if self._testing:
            return None
        draft, key = self.draft(), self._test_key()
        self._testing = True
        self._refresh_test_button()
        self.test_result.hide()
        return self.controller.run(self._run_test(draft, key), what=self.tr("test the connection"))

    async def _run_test(self, draft: Settings, key: tuple[Any, ...]) -> TestOutcome:
        try:
            outcome = await self._call_test(draft)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never lost
            log.exception("connection test failed unexpectedly")
            outcome = TestOutcome(False, self.tr("The test could not run: %1").replace(
                "%1", explain_exception(exc, self.lang).text))
        if not shiboken6.isValid(self):  # the form went away meanwhile
            return outcome
        self._testing = False
        self._refresh_test_button()
        self._tested = (key, outcome)
        self.controller.service.connection_tests[self.SECTIONS[0]] = self._tested
        self._on_outcome(outcome)
        self._show_outcome(outcome)
        self.changed.emit()
        return outcome

    def _on_outcome(self, outcome: TestOutcome) -> None:
        """Hook for what a test teaches (the Plug.to user id)."""

    def _refresh_test_button(self) -> None:
        self.test_button.setEnabled(not self._testing)
        self.test_button.setText(self.tr("Testing…") if self._testing else self.tr("Test connection"))

    def _culprits(self) -> set[QWidget]:
        return super()._culprits() | set(self._highlighted)

    def _show_outcome(self, outcome: TestOutcome | None) -> None:
        self._highlighted = []
        if outcome is None:
            self.test_result.hide()
            self.test_result.clear()
            self._apply_highlights()
            return
        colour = OK_COLOUR if outcome.ok else BAD_COLOUR
        self.test_result.setStyleSheet(f"color: {colour};")
        self.test_result.setText(("✓ " if outcome.ok else "✗ ") + outcome.message)
        self.test_result.show()
        fields = self._test_fields()
        self._highlighted = [fields[name] for name in outcome.fields if name in fields]
        self._apply_highlights()

    def _on_credentials_edited(self) -> None:
        """A credential changed: the last test result no longer says anything about it."""
        if self._loading:
            return
        if self._tested is not None and self._tested[0] != self._test_key():
            self._show_outcome(None)

    def last_outcome(self) -> TestOutcome | None:
        """The result of the last test, if it was made with the values shown now."""
        if self._tested is None or self._tested[0] != self._test_key():
            return None
        return self._tested[1]

    def test_state(self) -> str:
        """"ok", "failed" or "untested" — for the values shown now."""
        outcome = self.last_outcome()
        if outcome is None:
            return "untested"
        return "ok" if outcome.ok else "failed"

    def is_testing(self) -> bool:
        return self._testing

    def highlighted_fields(self) -> list[str]:
        """Names (as TestOutcome.fields) of the fields drawn as wrong."""
        return [name for name, widget in self._test_fields().items() if widget in self._highlighted]

    def _connect_credential(self, *edits: QLineEdit) -> None:
        for edit in edits:
            edit.textChanged.connect(lambda _t: self._on_credentials_edited())

    def _test_warning(self, what: str) -> list[str]:
        state = self.test_state()
        if state == "untested":
            return [self.tr("%1: the connection was not tested with these values.").replace("%1", what)]
        if state == "failed":
            return [self.tr("%1: the last connection test failed.").replace("%1", what)]
        return []

    def _secret_summary(self, name: str) -> str:
        if not self.has_secret(name):
            return self.tr("missing")
        return "•••• — " + self._secrets.backend_description(self.lang)

    def _test_summary(self) -> str:
        state = self.test_state()
        if state == "ok":
            return self.tr("tested: connection OK")
        if state == "failed":
            return self.tr("test failed")
        return self.tr("not tested")


class PluggtoForm(_ConnectionForm):
    """Step 1: the Plug.to account (four credentials) and, under "Advanced", the API address."""

    SECTIONS = ("pluggto",)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._learnt: tuple[tuple[str, str, str], str] | None = None  # ((url, id, user), user_id)
        self.client_id = self._line()
        self.client_secret = self._line(password=True)
        self.username = self._line()
        self.password = self._line(password=True)
        self.api_url = self._line()
        self.api_url.setPlaceholderText(DEFAULT_PLUGGTO_URL)
        self._secret_fields = {PLUGGTO_CLIENT_SECRET: self.client_secret, PLUGGTO_PASSWORD: self.password}
        self._connect_credential(self.client_id, self.client_secret, self.username, self.password, self.api_url)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        app = self._group(lambda: self.tr("Plug.to app"), outer)
        app.addRow(self._note(lambda: self.tr(
            "The Client ID and Client Secret identify the app (plugin) that talks to Plug.to; Plug.to "
            "gives them to you.")))
        self._row(app, "pluggto.client_id", lambda: self.tr("Client ID"), self.client_id)
        self._row(app, "pluggto.client_secret", lambda: self.tr("Client Secret"), self.client_secret)
        seller = self._group(lambda: self.tr("Seller's API access"), outer)
        seller.addRow(self._note(lambda: self.tr(
            "Use the seller's API key and API password — not the e-mail and password you use to log in "
            "to the Plug.to panel.")))
        self._row(seller, "pluggto.username", lambda: self.tr("API user"), self.username)
        self._row(seller, "pluggto.password", lambda: self.tr("API password"), self.password)
        outer.addWidget(self.vault_label)

        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setAutoRaise(True)
        self._bind(self.advanced_toggle.setText, lambda: self.tr("Advanced"))
        self.advanced_toggle.toggled.connect(self.set_advanced_visible)
        outer.addWidget(self.advanced_toggle)
        self.advanced = QWidget()
        advanced = self._form_layout()
        advanced.setContentsMargins(18, 0, 0, 0)
        self.advanced.setLayout(advanced)
        self._row(advanced, "pluggto.api_url", lambda: self.tr("API address"), self.api_url,
                  lambda: self.tr("Change it only if Plug.to support asks you to (default: %1).").replace(
                      "%1", DEFAULT_PLUGGTO_URL))
        self.advanced.hide()
        outer.addWidget(self.advanced)
        self._test_row(outer)
        outer.addStretch(1)

    def first_field(self) -> QWidget:
        return self.client_id

    def set_advanced_visible(self, visible: bool) -> None:
        self.advanced_toggle.blockSignals(True)
        self.advanced_toggle.setChecked(visible)
        self.advanced_toggle.blockSignals(False)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow)
        self.advanced.setVisible(visible)

    def _load(self, settings: Settings) -> None:
        p = settings.pluggto
        self.client_id.setText(p.client_id)
        self.username.setText(p.username)
        self.api_url.setText(p.api_url)
        self._learnt = None
        self._load_secrets()
        self.set_advanced_visible(p.api_url.strip().rstrip("/") != DEFAULT_PLUGGTO_URL)

    def store_into(self, settings: Settings) -> None:
        p = settings.pluggto
        loaded = self._settings.pluggto
        p.client_id = self.client_id.text().strip()
        p.username = self.username.text().strip()
        p.api_url = self.api_url.text().strip()
        account = (p.api_url, p.client_id, p.username)
        if self._learnt is not None and self._learnt[0] == account:
            p.user_id = self._learnt[1]
        elif account != (loaded.api_url, loaded.client_id, loaded.username):
            p.user_id = None  # another account: its user id is learnt again
        # else: same account, keep the user id ``settings`` has (the engine may have learnt it)

    def _key_of(self, settings: Settings) -> tuple[Any, ...]:
        p = settings.pluggto
        return (p.api_url, p.client_id, p.username)

    def _test_fields(self) -> dict[str, QWidget]:
        return {"client_id": self.client_id, "client_secret": self.client_secret, "username": self.username,
                "password": self.password, "api_url": self.api_url}

    async def _call_test(self, draft: Settings) -> TestOutcome:
        return await connection.test_pluggto(
            draft, self._secret(PLUGGTO_CLIENT_SECRET), self._secret(PLUGGTO_PASSWORD), self.lang,
            transport=self.controller.service.transports.pluggto)

    def _on_outcome(self, outcome: TestOutcome) -> None:
        if outcome.ok and outcome.user_id:
            p = self.draft().pluggto
            self._learnt = ((p.api_url, p.client_id, p.username), str(outcome.user_id))
        if "api_url" in outcome.fields:
            self.set_advanced_visible(True)

    def _errors_shown(self, found: dict[str, list[str]]) -> None:
        if "pluggto.api_url" in found:
            self.set_advanced_visible(True)

    def required_problems(self) -> list[str]:
        problems = []
        if not self.client_id.text().strip():
            problems.append(self.tr("Type the Client ID."))
        if not self.has_secret(PLUGGTO_CLIENT_SECRET):
            problems.append(self.tr("Type the Client Secret."))
        if not self.username.text().strip():
            problems.append(self.tr("Type the API user."))
        if not self.has_secret(PLUGGTO_PASSWORD):
            problems.append(self.tr("Type the API password."))
        return problems

    def warnings(self) -> list[str]:
        return self._test_warning("Plug.to")

    def summary(self) -> list[tuple[str, str]]:
        p = self.draft().pluggto
        rows = [
            (self.tr("Client ID"), p.client_id),
            (self.tr("Client Secret"), self._secret_summary(PLUGGTO_CLIENT_SECRET)),
            (self.tr("API user"), p.username),
            (self.tr("API password"), self._secret_summary(PLUGGTO_PASSWORD)),
            (self.tr("API address"), p.api_url),
        ]
        if p.user_id:
            rows.append((self.tr("Plug.to user id"), p.user_id))
        rows.append((self.tr("Connection"), self._test_summary()))
        return rows


class LinxForm(_ConnectionForm):
    """Step 2: the Linx Commerce store and its integration user."""

    SECTIONS = ("linx",)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.store = self._line()
        self.store.setPlaceholderText("minhaloja")
        self.user = self._line()
        self.password = self._line(password=True)
        self.homologation = self._check(lambda: self.tr("Homologation (test) environment"))
        self.homologation.toggled.connect(lambda _c: self._on_credentials_edited())
        self._secret_fields = {LINX_PASSWORD: self.password}
        self._connect_credential(self.store, self.user, self.password)
        # "Endereço usado: …" appears as the store is typed: its line is reserved from the start
        # (one line, elided, the whole address in the tooltip), so the fields below never move
        self.address = muted_label()
        self.address.setWordWrap(False)
        policy = self.address.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.address.setSizePolicy(policy)
        self.store.textChanged.connect(lambda _t: self._refresh_address())
        self.homologation.toggled.connect(lambda _c: self._refresh_address())

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        form = self._group(lambda: self.tr("Linx Commerce store"), outer)
        form.addRow(self._note(lambda: self.tr(
            "In the Linx Commerce admin: LOJA → SOLUÇÕES → Pluggto. The integration user and its password "
            "(or key) are the ones the store uses for API integrations.")))
        box = self._row(form, "linx.url_or_tenant", lambda: self.tr("Store"), self.store,
                        lambda: self.tr("The store's environment name (tenant, e.g. minhaloja) or its full "
                                        "address starting with https://."))
        box.layout().insertWidget(1, self.address)
        self._row(form, "linx.user", lambda: self.tr("Integration user"), self.user)
        self._row(form, "linx.password", lambda: self.tr("Password or key"), self.password)
        self._row(form, "linx.homologation", None, self.homologation,
                  lambda: self.tr("Tick only for a Linx homologation store (tests), never for the live store."))
        outer.addWidget(self.vault_label)
        self._test_row(outer)
        outer.addStretch(1)

    def first_field(self) -> QWidget:
        return self.store

    def _refresh_address(self) -> None:
        text = self.store.text().strip()
        try:
            url = resolve_base_url(text, self.homologation.isChecked()) if text else ""
        except ValueError:
            url = ""
        self.address.setText(self.tr("Address used: %1").replace("%1", url) if url else "")
        self.address.setToolTip(url)
        self.address.setVisible(bool(url))

    def _retranslate_extra(self) -> None:
        super()._retranslate_extra()
        self._refresh_address()

    def _load(self, settings: Settings) -> None:
        x = settings.linx
        self.store.setText(x.url_or_tenant)
        self.user.setText(x.user)
        self.homologation.setChecked(x.homologation)
        self._load_secrets()
        self._refresh_address()

    def store_into(self, settings: Settings) -> None:
        x = settings.linx
        x.url_or_tenant = self.store.text().strip()
        x.user = self.user.text().strip()
        x.homologation = self.homologation.isChecked()

    def _key_of(self, settings: Settings) -> tuple[Any, ...]:
        x = settings.linx
        return (x.url_or_tenant, x.user, x.homologation)

    def _test_fields(self) -> dict[str, QWidget]:
        return {"url_or_tenant": self.store, "user": self.user, "password": self.password}

    async def _call_test(self, draft: Settings) -> TestOutcome:
        return await connection.test_linx(draft, self._secret(LINX_PASSWORD), self.lang,
                                          transport=self.controller.service.transports.linx)

    def required_problems(self) -> list[str]:
        problems = []
        if not self.store.text().strip():
            problems.append(self.tr("Type the store (tenant name or address)."))
        if not self.user.text().strip():
            problems.append(self.tr("Type the integration user."))
        if not self.has_secret(LINX_PASSWORD):
            problems.append(self.tr("Type the integration user's password or key."))
        return problems

    def warnings(self) -> list[str]:
        return self._test_warning("Linx Commerce")

    def summary(self) -> list[tuple[str, str]]:
        x = self.draft().linx
        try:
            address = resolve_base_url(x.url_or_tenant, x.homologation)
        except ValueError:
            address = x.url_or_tenant
        return [
            (self.tr("Store"), x.url_or_tenant),
            (self.tr("Address"), address),
            (self.tr("Environment"), self.tr("homologation (tests)") if x.homologation else self.tr("production")),
            (self.tr("Integration user"), x.user),
            (self.tr("Password or key"), self._secret_summary(LINX_PASSWORD)),
            (self.tr("Connection"), self._test_summary()),
        ]


# --- tables of pairs ----------------------------------------------------------------------------


class PairTable(QWidget):
    """An editable two-column table (name → value) with "add" and a remove button per row.

    ``cnpj=True`` makes the value column a compact :class:`CnpjField`.
    """

    changed = Signal()

    def __init__(self, headers: tuple[TextFn, TextFn], add_text: TextFn, *, cnpj_values: bool = False,
                 describe: Callable[[str], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._add_text = add_text
        self._cnpj = cnpj_values
        self._describe = describe
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 36)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        # what each row's name also covers (the marketplace's other names), under the table
        self.hints = muted_label()
        self.hints.setVisible(False)
        layout.addWidget(self.hints)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        if describe is not None:
            self.changed.connect(self._refresh_hints)
        self.retranslate()
        self._fit()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self._headers[0](), self._headers[1](), ""])
        self.add_button.setText(self._add_text())
        self._refresh_hints()
        for row in range(self.table.rowCount()):
            button = self.table.cellWidget(row, 2)
            if button is not None:
                button.setToolTip(self.tr("Remove this row"))
                button.setAccessibleName(self.tr("Remove this row"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_row(self, name: str = "", value: str = "", *, focus: bool = False) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_edit = QLineEdit(name)
        name_edit.setFrame(False)
        name_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.table.setCellWidget(row, 0, name_edit)
        if self._cnpj:
            value_edit: QWidget = CnpjField(optional=False, compact=True)
            value_edit.set_value(value)
            value_edit.lineEdit().setFrame(False)
            value_edit.changed.connect(self.changed.emit)
        else:
            value_edit = QLineEdit(value)
            value_edit.setFrame(False)
            value_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.table.setCellWidget(row, 1, value_edit)
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip(self.tr("Remove this row"))
        remove.setAccessibleName(self.tr("Remove this row"))
        remove.clicked.connect(lambda: self._remove(remove))
        self.table.setCellWidget(row, 2, remove)
        self._fit()
        self._refresh_hints()
        if focus:
            name_edit.setFocus()
            self.changed.emit()
        return row

    def _remove(self, button: QWidget) -> None:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, 2) is button:
                self.table.removeRow(row)
                break
        self._fit()
        self.changed.emit()

    def remove_row(self, row: int) -> None:
        self.table.removeRow(row)
        self._fit()
        self.changed.emit()

    def set_rows(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.table.setRowCount(0)
        for name, value in pairs:
            self.add_row(name, value)
        self._fit()
        self._refresh_hints()

    def _refresh_hints(self) -> None:
        if self._describe is None:
            return
        lines = [text for text in (self._describe(name) for name, _ in self.rows() if name) if text]
        self.hints.setText("\n".join(lines))
        self.hints.setVisible(bool(lines))

    def value_widget(self, row: int) -> QWidget:
        return self.table.cellWidget(row, 1)

    def name_widget(self, row: int) -> QLineEdit:
        return self.table.cellWidget(row, 0)

    def rows(self) -> list[tuple[str, str]]:
        """(name, value) of every row that is not completely empty; CNPJs bare."""
        pairs = []
        for row in range(self.table.rowCount()):
            name = self.name_widget(row).text().strip()
            widget = self.value_widget(row)
            value = (widget.value() or "") if isinstance(widget, CnpjField) else widget.text().strip()
            if name or value:
                pairs.append((name, value))
        return pairs

    def _fit(self) -> None:
        """Grow with the rows (up to 8) so the page scrolls, not the table."""
        line = QLineEdit().sizeHint().height() + 6
        for row in range(self.table.rowCount()):
            self.table.setRowHeight(row, line)
        shown = min(max(self.table.rowCount(), 1), 8)
        height = self.table.horizontalHeader().sizeHint().height() + shown * line + 2 * self.table.frameWidth()
        self.table.setFixedHeight(height)


class ChannelForm(SetupForm):
    """Step 3: the sales channel — what to import, the intermediary CNPJ, the products."""

    SECTIONS = ("channel",)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        # orders
        orders = self._group(lambda: self.tr("Orders"), outer)
        self.website_id = self._optional_spin()
        self._row(orders, "channel.website_id", lambda: self.tr("Website id"), self.website_id,
                  lambda: self.tr("The number of the Plug.to sales channel's website in Linx Commerce "
                                  "(LOJA → SOLUÇÕES → Pluggto)."))
        self.statuses = QListWidget()
        self.statuses.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.statuses.itemChanged.connect(self._emit_changed)
        self._row(orders, "channel.import_statuses", lambda: self.tr("Statuses to import"), self.statuses,
                  lambda: self.tr("Orders are created in the store when Plug.to shows one of these statuses. "
                                  "Usually: Approved and Invoice requested."))
        self.order_queue_id = self._optional_spin()
        self._row(orders, "channel.order_queue_id", lambda: self.tr("Order feed queue id"), self.order_queue_id,
                  lambda: self.tr("The Linx queue that tells when the store invoices, ships or cancels an order, "
                                  "so Plug.to is told too."))

        # intermediary CNPJ
        cnpjs = self._group(lambda: self.tr("Intermediary CNPJ (NF-e)"), outer)
        cnpjs.addRow(self._note(lambda: self.tr(
            "A marketplace sale's NF-e must carry the CNPJ of the marketplace (the intermediary). Plug.to "
            "usually sends it; when it does not, or sends an invalid one, the table below is used, then the "
            "fallback CNPJ.")))
        self.marketplaces = PairTable(
            (lambda: self.tr("Marketplace (as Plug.to names it)"), lambda: self.tr("Intermediary CNPJ")),
            lambda: self.tr("Add marketplace"), cnpj_values=True, describe=self._alias_hint)
        self.marketplaces.changed.connect(self._emit_changed)
        self._row(cnpjs, "channel.marketplace_cnpjs", lambda: self.tr("CNPJ per marketplace"), self.marketplaces,
                  lambda: self.tr("E.g. MercadoLivre → 03.007.331/0001-41. Names match loosely (spaces, accents "
                                  "and upper/lower case do not matter) and through the marketplace's other "
                                  "names: Americanas also covers B2W and LOJASAMERICANAS."))
        self.fallback_cnpj = CnpjField(optional=True)
        self.fallback_cnpj.changed.connect(self._emit_changed)
        self._row(cnpjs, "channel.fallback_cnpj", lambda: self.tr("Fallback CNPJ"), self.fallback_cnpj,
                  lambda: self.tr("Used when neither Plug.to nor the table gives a valid CNPJ."),
                  error=False)
        self.without_intermediary = self._check(lambda: self.tr("Integrate orders even without an intermediary CNPJ"))
        self._row(cnpjs, "channel.integrate_without_intermediary", None, self.without_intermediary,
                  lambda: self.tr("Normally such an order waits as \"needs attention\" until you give a CNPJ. "
                                  "If you tick this, it is created in the store without one — and its NF-e is "
                                  "likely to be rejected by SEFAZ (rejection 440, intermediary missing or "
                                  "invalid), to be fixed by hand when invoicing."))

        # products
        products = self._group(lambda: self.tr("Products"), outer)
        products.addRow(self._note(lambda: self.tr(
            "Which products of the store go to Plug.to, with which price and stock. Rules for each "
            "marketplace stay in the Plug.to panel.")))
        self.product_queue_id = self._optional_spin()
        self._row(products, "channel.product_queue_id", lambda: self.tr("Product feed queue id"),
                  self.product_queue_id,
                  lambda: self.tr("The Linx queue that tells which products changed."))
        self.only_active = self._check(lambda: self.tr("Send only active products"))
        self._row(products, "channel.only_active_products", None, self.only_active)
        self.warehouse_id = self._spin(1, 2_147_483_647)
        self._row(products, "channel.warehouse_id", lambda: self.tr("Stock warehouse id"), self.warehouse_id,
                  lambda: self.tr("The Linx warehouse whose balance is sent as stock (usually 1)."))
        self.stock_reserve = self._spin(0, 1_000_000, lambda: self.tr(" units"))
        self._row(products, "channel.stock_reserve", lambda: self.tr("Units held back"), self.stock_reserve,
                  lambda: self.tr("Subtracted from each SKU's stock before it is sent (a safety margin)."))
        self.price_field = QComboBox()
        self.special_price_field = QComboBox()
        for combo in (self.price_field, self.special_price_field):
            for code in PRICE_FIELDS:
                combo.addItem("", code)
            combo.currentIndexChanged.connect(self._emit_changed)
            self._no_wheel(combo)
        self._row(products, "channel.price_field", lambda: self.tr("Plug.to price (from)"), self.price_field)
        self._row(products, "channel.special_price_field", lambda: self.tr("Plug.to sale price (from)"),
                  self.special_price_field,
                  lambda: self.tr("The sale price is sent only when it is lower than the price."))
        self.include_categories = self._line()
        self.exclude_categories = self._line()
        self.include_brands = self._line()
        self.exclude_brands = self._line()
        for edit in (self.include_categories, self.exclude_categories):
            self._bind(edit.setPlaceholderText, lambda: self.tr("e.g. Shirts, Shorts"))
        for edit in (self.include_brands, self.exclude_brands):
            self._bind(edit.setPlaceholderText, lambda: self.tr("e.g. Brand A, Brand B"))
        list_hint = lambda: self.tr("Separated by commas; empty = all.")  # noqa: E731
        self._row(products, "channel.include_categories", lambda: self.tr("Only these categories"),
                  self.include_categories, list_hint)
        self._row(products, "channel.exclude_categories", lambda: self.tr("Except these categories"),
                  self.exclude_categories)
        self._row(products, "channel.include_brands", lambda: self.tr("Only these brands"), self.include_brands,
                  list_hint)
        self._row(products, "channel.exclude_brands", lambda: self.tr("Except these brands"), self.exclude_brands)
        self.attributes = PairTable((lambda: self.tr("Linx property"), lambda: self.tr("Plug.to attribute code")),
                                    lambda: self.tr("Add mapping"))
        self.attributes.changed.connect(self._emit_changed)
        self._row(products, "channel.attribute_map", lambda: self.tr("Attribute mapping"), self.attributes,
                  lambda: self.tr("Which Linx property fills which Plug.to attribute (e.g. Cor → color)."))
        outer.addStretch(1)
        self._retranslate_extra()

    def _retranslate_extra(self) -> None:
        names = {"ListPrice": self.tr("List price (ListPrice)"), "RetailPrice": self.tr("Sale price (RetailPrice)")}
        for combo in (self.price_field, self.special_price_field):
            for index in range(combo.count()):
                combo.setItemText(index, names.get(combo.itemData(index), combo.itemData(index)))
        self.marketplaces.retranslate()
        self.attributes.retranslate()
        for index in range(self.statuses.count()):
            item = self.statuses.item(index)
            code = item.data(Qt.ItemDataRole.UserRole)
            item.setText(status_label(code, self.lang))
            item.setToolTip(code)

    def _load(self, settings: Settings) -> None:
        c = settings.channel
        self.website_id.setValue(c.website_id or 0)
        self.statuses.clear()
        codes = list(KNOWN_STATUSES) + [s for s in c.import_statuses if s not in KNOWN_STATUSES]
        for code in codes:
            item = QListWidgetItem(status_label(code, self.lang))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setToolTip(code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked = code in c.import_statuses
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.statuses.addItem(item)
        rows = max(self.statuses.count(), 1)
        self.statuses.setFixedHeight(self.statuses.sizeHintForRow(0) * rows + 2 * self.statuses.frameWidth() + 4)
        self.order_queue_id.setValue(c.order_queue_id or 0)
        self.product_queue_id.setValue(c.product_queue_id or 0)
        self.marketplaces.set_rows([(name, value) for name, value in c.marketplace_cnpjs.items()])
        self.fallback_cnpj.set_value(c.fallback_cnpj)
        self.without_intermediary.setChecked(c.integrate_without_intermediary)
        self.warehouse_id.setValue(c.warehouse_id)
        self.stock_reserve.setValue(c.stock_reserve)
        self._select(self.price_field, c.price_field)
        self._select(self.special_price_field, c.special_price_field)
        self.only_active.setChecked(c.only_active_products)
        self.include_categories.setText(", ".join(c.include_categories))
        self.exclude_categories.setText(", ".join(c.exclude_categories))
        self.include_brands.setText(", ".join(c.include_brands))
        self.exclude_brands.setText(", ".join(c.exclude_brands))
        self.attributes.set_rows(list(c.attribute_map.items()))

    def first_field(self) -> QWidget:
        return self.website_id

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        combo.setCurrentIndex(index if index >= 0 else 0)

    def checked_statuses(self) -> list[str]:
        return [self.statuses.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.statuses.count())
                if self.statuses.item(i).checkState() == Qt.CheckState.Checked]

    def set_statuses(self, codes: Sequence[str]) -> None:
        for index in range(self.statuses.count()):
            item = self.statuses.item(index)
            wanted = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def store_into(self, settings: Settings) -> None:
        c = settings.channel
        c.website_id = self.website_id.value() or None
        c.import_statuses = self.checked_statuses()
        c.order_queue_id = self.order_queue_id.value() or None
        c.product_queue_id = self.product_queue_id.value() or None
        c.marketplace_cnpjs = dict(self.marketplaces.rows())
        c.fallback_cnpj = self.fallback_cnpj.value()
        c.integrate_without_intermediary = self.without_intermediary.isChecked()
        c.warehouse_id = self.warehouse_id.value()
        c.stock_reserve = self.stock_reserve.value()
        c.price_field = self.price_field.currentData()
        c.special_price_field = self.special_price_field.currentData()
        c.only_active_products = self.only_active.isChecked()
        c.include_categories = split_list(self.include_categories.text())
        c.exclude_categories = split_list(self.exclude_categories.text())
        c.include_brands = split_list(self.include_brands.text())
        c.exclude_brands = split_list(self.exclude_brands.text())
        c.attribute_map = dict(self.attributes.rows())

    def _extra_lines(self) -> list[str]:
        # the marketplace table's repeats are the core's rule (settings.validate, through the
        # marketplaces' alias list); a dict cannot hold the same attribute twice, a form can
        lines = []
        seen: set[str] = set()
        for name, _value in self.attributes.rows():
            key = name.casefold()
            if name and key in seen:
                lines.append("channel.attribute_map." + name + ": " + self.tr("appears more than once"))
            seen.add(key)
        return lines

    def _alias_hint(self, name: str) -> str:
        """"B2W, LOJASAMERICANAS, Submarino…" under a table row: the other names it covers."""
        aliases = aliases_text(name)
        if not aliases:
            return ""
        return self.tr("%1 also covers orders from %2").replace("%1", name.strip()).replace("%2", aliases)

    def required_problems(self) -> list[str]:
        if not self.website_id.value():
            return [self.tr("Type the Linx website id of the sales channel.")]
        return []

    def warnings(self) -> list[str]:
        c = self.draft().channel
        found = []
        if not c.fallback_cnpj and not c.integrate_without_intermediary:
            found.append(self.tr("No fallback intermediary CNPJ: an order for which Plug.to sends no valid CNPJ "
                                 "(and no marketplace of the table matches) will wait as \"needs attention\"."))
        if c.integrate_without_intermediary:
            found.append(self.tr("Orders without an intermediary CNPJ will be created anyway: their NF-e may be "
                                 "rejected by SEFAZ (rejection 440)."))
        if c.order_queue_id is None:
            found.append(self.tr("No order feed queue id: invoices, shipping and cancellations made in the store "
                                 "will not be sent back to Plug.to."))
        return found

    def summary(self) -> list[tuple[str, str]]:
        c = self.draft().channel
        not_set = self.tr("not set")
        statuses = ", ".join(status_label(s, self.lang) for s in c.import_statuses) or self.tr("none")
        table = "; ".join(f"{name} → {cnpj.format(value)}" for name, value in c.marketplace_cnpjs.items())
        prices = {"ListPrice": self.tr("List price (ListPrice)"), "RetailPrice": self.tr("Sale price (RetailPrice)")}
        lists = []
        for label, values in ((self.tr("only categories"), c.include_categories),
                              (self.tr("except categories"), c.exclude_categories),
                              (self.tr("only brands"), c.include_brands),
                              (self.tr("except brands"), c.exclude_brands)):
            if values:
                lists.append(f"{label}: {', '.join(values)}")
        return [
            (self.tr("Website id"), str(c.website_id) if c.website_id else not_set),
            (self.tr("Statuses to import"), statuses),
            (self.tr("Order feed queue id"), str(c.order_queue_id) if c.order_queue_id else not_set),
            (self.tr("CNPJ per marketplace"), table or self.tr("none")),
            (self.tr("Fallback CNPJ"), cnpj.format(c.fallback_cnpj) if c.fallback_cnpj else self.tr("none")),
            (self.tr("Without intermediary"),
             self.tr("integrate anyway (risk of SEFAZ rejection 440)") if c.integrate_without_intermediary
             else self.tr("wait as \"needs attention\"")),
            (self.tr("Product feed queue id"), str(c.product_queue_id) if c.product_queue_id else not_set),
            (self.tr("Products"), (self.tr("only active") if c.only_active_products else self.tr("active and inactive"))
             + ("; " + "; ".join(lists) if lists else "")),
            (self.tr("Stock"), self.tr("warehouse %1, %n unit(s) held back", "", c.stock_reserve)
             .replace("%1", str(c.warehouse_id))),
            (self.tr("Prices"), self.tr("price from %1, sale price from %2").replace(
                "%1", prices.get(c.price_field, c.price_field)).replace(
                "%2", prices.get(c.special_price_field, c.special_price_field))),
            (self.tr("Attribute mapping"),
             "; ".join(f"{k} → {v}" for k, v in c.attribute_map.items()) or self.tr("none")),
        ]


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
