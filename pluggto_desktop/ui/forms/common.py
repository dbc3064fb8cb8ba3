"""Small pieces the setup forms, the settings page and the support page share: how a
validation line splits into field and message, message lines, the red frame of a wrong field."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from pluggto_desktop.errors import ConfigError
from pluggto_desktop.explain import explain_exception
from pluggto_desktop.ui.i18n import current_lang
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, MUTED_COLOUR

log = logging.getLogger("pluggto_desktop.ui")

TextFn = Callable[[], str]
WARN_COLOUR = "#9a6700"
#: how a field named by a failed connection test is drawn
INVALID_STYLE = f'QLineEdit[invalid="true"] {{ border: 2px solid {BAD_COLOUR}; border-radius: 3px; padding: 1px 2px; }}'


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


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Draw (or stop drawing) ``widget`` as the culprit of a failed test."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()
