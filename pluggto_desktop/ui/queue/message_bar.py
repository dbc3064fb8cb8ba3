"""The line above the queue's table: an action's result, an error, or the export's progress."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QToolButton, QWidget

from pluggto_desktop.ui.queue.look import level_colour


class QueueMessageBar(QFrame):
    """One line above the table: an action's result, an error, or the export's progress."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        layout.addWidget(self.progress)
        # one follow-up the message offers ("Desfazer", "Importar este pedido")
        self.action_button = QPushButton()
        self.action_button.clicked.connect(self._run_action)
        self.action_button.hide()
        layout.addWidget(self.action_button)
        self._action: Callable[[], None] | None = None
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout.addWidget(self.cancel_button)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close"))
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.level = "info"
        self.hide()

    def show_message(self, text: str, level: str = "info", *, timeout_ms: int = 10000,
                     action: tuple[str, Callable[[], None]] | None = None, details: str = "") -> None:
        """Show ``text``; ``action`` adds one button (label, what it does) — a message that
        offers something stays until the person acts or closes it. ``details`` (the system's own
        text of a failure, for support) is the tooltip, never the message."""
        self.level = level
        self.label.setToolTip(details)
        colour = level_colour(level) if level in ("error", "warning") else None
        self.label.setStyleSheet(f"color: {colour.name()}" if colour is not None else "")
        self.label.setText(text)
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        self.progress.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.show()
        self._timer.stop()
        if level == "info" and timeout_ms and action is None:
            self._timer.start(timeout_ms)

    def _run_action(self) -> None:
        action, self._action = self._action, None
        self.action_button.hide()
        self.hide()
        if action is not None:
            action()

    def show_progress(self, text: str, maximum: int | None) -> None:
        self._timer.stop()
        self.label.setToolTip("")
        self._action = None
        self.action_button.hide()
        self.level = "progress"
        self.label.setStyleSheet("")
        self.label.setText(text)
        self.progress.setRange(0, maximum or 0)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.close_button.hide()
        self.show()

    def set_progress(self, value: int) -> None:
        if self.progress.maximum():
            self.progress.setValue(min(value, self.progress.maximum()))

    def text(self) -> str:
        return self.label.text()
