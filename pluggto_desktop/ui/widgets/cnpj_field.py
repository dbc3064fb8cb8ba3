"""A CNPJ input: masks while typing, accepts both formats, and says in words what is wrong.

* The mask ``AA.AAA.AAA/AAAA-DD`` is applied as the user types or pastes (masked or bare, any
  case): only ``0-9``/``A-Z`` are kept, upper-cased, at most 14 of them. The cursor stays after
  the same character it followed before the mask moved things around, and Backspace/Delete next
  to a ``.``, ``/`` or ``-`` remove the character beyond it instead of getting stuck.
* Beside it a ✓ / ✗ and a short explanation for each state :func:`cnpj.field_state` gives. An
  empty optional field is neutral (no mark).
* ``compact=True`` (table cells) keeps only the mark; the explanation becomes its tooltip.

Validation, and which state the field is in, are the core's (:mod:`pluggto_desktop.present.cnpj`);
this widget only shows them.
"""

from __future__ import annotations

import string

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from pluggto_desktop.present import cnpj

_KEEP = frozenset(string.ascii_letters + string.digits)
_SEPARATORS = {2: ".", 5: ".", 8: "/", 12: "-"}  # inserted *after* that many characters
MAX_CHARS = cnpj.LENGTH

OK_COLOUR = "#1a7f37"
BAD_COLOUR = "#cf222e"
MUTED_COLOUR = "#57606a"
_MARKS = {cnpj.OK: ("✓", OK_COLOUR), cnpj.NEUTRAL: ("", MUTED_COLOUR), cnpj.BAD: ("✗", BAD_COLOUR)}


def clean(text: str) -> str:
    """The characters a CNPJ can hold, upper-cased (mask and anything else dropped)."""
    return "".join(ch for ch in text if ch in _KEEP).upper()


def mask(raw: str) -> str:
    """Partial mask of up to 14 clean characters: "12ABC3" -> "12.ABC.3" (longer input is left bare)."""
    if len(raw) > MAX_CHARS:
        return raw
    out = []
    for index, ch in enumerate(raw):
        if index in _SEPARATORS:
            out.append(_SEPARATORS[index])
        out.append(ch)
    return "".join(out)


def position_after(masked: str, count: int) -> int:
    """Cursor position right after the ``count``-th kept character of ``masked``."""
    if count <= 0:
        return 0
    seen = 0
    for index, ch in enumerate(masked):
        if ch in _KEEP:
            seen += 1
            if seen == count:
                return index + 1
    return len(masked)


class CnpjField(QWidget):
    """A line edit for a CNPJ with a live ✓/✗ and an explanation.

    ``value()`` is the bare normalised text (None when empty); ``is_valid()`` the core's verdict;
    ``is_acceptable()`` is valid, or empty when the field is optional.
    Signals: ``changed()`` on every edit (typed or set), ``validity_changed(bool)`` when
    ``is_valid()`` flips.
    """

    changed = Signal()
    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True, compact: bool = False) -> None:
        super().__init__(parent)
        self._optional = optional
        self._compact = compact
        self._valid = False
        self._edit = QLineEdit(self)
        self._edit.setPlaceholderText("00.000.000/0000-00")
        self._edit.setClearButtonEnabled(not compact)
        self._edit.textEdited.connect(self._on_edited)
        self._edit.textChanged.connect(self._on_text_changed)
        self._edit.installEventFilter(self)
        self._mark = QLabel(self)
        self._mark.setMinimumWidth(self._mark.fontMetrics().horizontalAdvance("✓✗") + 2)
        self._mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message = QLabel(self)
        self._message.setWordWrap(True)
        self._message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self._edit, 1)
        row.addWidget(self._mark)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        outer.addLayout(row)
        outer.addWidget(self._message)
        self._message.setVisible(not compact)
        self.setFocusProxy(self._edit)
        self._refresh()

    # -- public API ------------------------------------------------------------------------------
    def lineEdit(self) -> QLineEdit:
        return self._edit

    def value(self) -> str | None:
        """The CNPJ bare and upper-case ("12ABC34501DE35"), or None when the field is empty."""
        return cnpj.normalize(self._edit.text()) or None

    def set_value(self, text: str | None) -> None:
        """Show ``text`` (masked or bare, any case) masked; None or "" empties the field."""
        raw = clean(text or "")
        self._edit.setText(mask(raw))

    def text(self) -> str:
        """What is shown (masked)."""
        return self._edit.text()

    def is_valid(self) -> bool:
        return cnpj.is_valid(self._edit.text())

    def is_acceptable(self) -> bool:
        """Valid, or empty when the field is optional."""
        return self._state().acceptable

    def is_optional(self) -> bool:
        return self._optional

    def set_optional(self, optional: bool) -> None:
        self._optional = optional
        self._refresh()

    def problem(self) -> str | None:
        """The explanation shown under the field when it is not acceptable (None when it is)."""
        return None if self.is_acceptable() else self._explanation()

    def message(self) -> str:
        """The explanation currently shown (or the tooltip, when compact)."""
        return self._explanation()

    def mark(self) -> str:
        """"✓", "✗" or "" (neutral)."""
        return self._mark.text()

    # -- masking ---------------------------------------------------------------------------------
    def _on_edited(self, text: str) -> None:
        cursor = self._edit.cursorPosition()
        before = clean(text[:cursor])
        raw = clean(text)
        if len(raw) > MAX_CHARS:
            # typing past the end or pasting something longer: keep what fits, cursor-wise
            raw = raw[:MAX_CHARS]
        masked = mask(raw)
        if masked != text:
            self._edit.setText(masked)
        self._edit.setCursorPosition(position_after(masked, min(len(before), len(raw))))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Backspace/Delete over a separator act on the character beyond it."""
        if watched is self._edit and event.type() == QEvent.Type.KeyPress and not self._edit.hasSelectedText():
            key = event.key() if isinstance(event, QKeyEvent) else None
            text, pos = self._edit.text(), self._edit.cursorPosition()
            if key == Qt.Key.Key_Backspace:
                while pos > 0 and text[pos - 1] not in _KEEP:
                    pos -= 1
                self._edit.setCursorPosition(pos)
            elif key == Qt.Key.Key_Delete:
                while pos < len(text) and text[pos] not in _KEEP:
                    pos += 1
                self._edit.setCursorPosition(pos)
        return super().eventFilter(watched, event)

    # -- state -----------------------------------------------------------------------------------
    def _on_text_changed(self, _text: str) -> None:
        self._refresh()
        self.changed.emit()

    def _state(self) -> cnpj.FieldState:
        return cnpj.field_state(self._edit.text(), optional=self._optional)

    def _explanation(self) -> str:
        state = self._state()
        words = {
            cnpj.VALID: lambda: self.tr("Valid CNPJ."),
            cnpj.VALID_ALPHANUMERIC: lambda: self.tr("Valid CNPJ (new alphanumeric format)."),
            cnpj.OPTIONAL_EMPTY: lambda: self.tr("Optional: leave empty if not needed."),
            cnpj.EMPTY: lambda: self.tr("Type the CNPJ."),
            cnpj.INCOMPLETE: lambda: self.tr("Incomplete: %1 of 14 characters.").replace("%1", str(state.length)),
            cnpj.TOO_LONG: lambda: self.tr("Too long: a CNPJ has 14 characters, this has %1.").replace(
                "%1", str(state.length)),
            cnpj.CHARACTERS: lambda: self.tr("The last 2 characters (check digits) must be numbers; the first 12 "
                                             "may be letters A–Z or numbers."),
            cnpj.REPEATED: lambda: self.tr("All characters are the same: this is not a real CNPJ."),
            cnpj.CHECK_DIGITS: lambda: self.tr("The check digits do not match: some character was mistyped."),
        }.get(state.state)
        return words() if words is not None else self.tr("Invalid CNPJ.")

    def _refresh(self) -> None:
        state = self._state()
        valid = state.valid
        explanation = self._explanation()
        mark, colour = _MARKS[state.mark]
        self._mark.setText(mark)
        self._mark.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self._mark.setAccessibleName(explanation)
        self._message.setText(explanation)
        self._message.setStyleSheet(f"color: {colour if mark else MUTED_COLOUR};")
        self._edit.setToolTip(explanation if self._compact else "")
        self._mark.setToolTip(explanation)
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._refresh()
        super().changeEvent(event)
