"""What keeps the app from starting — a damaged settings file, a queue database that cannot be
used — said plainly, with what the user can do about it: open the profile's folder, put back the
last good settings, try again once it is fixed, or quit.

The words of the problem come from the core (``settings``, ``store.db``) in the user's language;
this module only adds the buttons. The dialog never runs a nested event loop, and quitting the
app (SIGTERM, a logout) closes it: a dialog waiting for a click must not hold the profile.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QMessageBox

OPEN_FOLDER, RESTORE, RETRY, QUIT = "open_folder", "restore", "retry", "quit"

translate = QCoreApplication.translate


class StartupProblemBox(QMessageBox):
    """The problem (``title``, then ``lines`` one per paragraph) and the buttons; ``choice`` says
    which one closed it."""

    def __init__(self, title: str, lines: list[str], *, can_restore: bool) -> None:
        super().__init__(QMessageBox.Icon.Critical, "Pluggto Desktop", title)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setInformativeText("\n\n".join(lines))
        # wide enough that a profile path and a sentence read as lines, not as a narrow column
        self.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 520px; }")
        self.choice = QUIT
        self._choices: dict[QAbstractButton, str] = {}
        self._add(OPEN_FOLDER, translate("StartupProblem", "Open the folder"), QMessageBox.ButtonRole.ActionRole)
        if can_restore:
            self._add(RESTORE, translate("StartupProblem", "Restore the last good settings"),
                      QMessageBox.ButtonRole.AcceptRole)
        retry = self._add(RETRY, translate("StartupProblem", "Try again"), QMessageBox.ButtonRole.AcceptRole)
        quit_button = self._add(QUIT, translate("StartupProblem", "Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(retry)
        self.setEscapeButton(quit_button)
        self.buttonClicked.connect(lambda button: setattr(self, "choice", self._choices.get(button, QUIT)))

    def _add(self, choice: str, label: str, role: QMessageBox.ButtonRole) -> QAbstractButton:
        button = self.addButton(label, role)
        self._choices[button] = choice
        return button

    def button_for(self, choice: str) -> QAbstractButton | None:
        return next((b for b, c in self._choices.items() if c == choice), None)


async def ask(title: str, lines: list[str], folder: Path, *, can_restore: bool, quit_event: asyncio.Event,
              shown: list[StartupProblemBox] | None = None) -> str:
    """Show the problem until the user picks restore, retry or quit (returned); "open the folder"
    opens it and shows the problem again. A set ``quit_event`` closes it and returns QUIT.
    ``shown`` (tests) receives each dialog as it opens."""
    while True:
        box = StartupProblemBox(title, lines, can_restore=can_restore)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        box.finished.connect(lambda _result, done=done: done.done() or done.set_result(None))
        box.open()
        if shown is not None:
            shown.append(box)
        quitting = asyncio.ensure_future(quit_event.wait())
        try:
            await asyncio.wait([done, quitting], return_when=asyncio.FIRST_COMPLETED)
        finally:
            quitting.cancel()
        if not done.done():  # the app is quitting: the dialog goes with it
            with contextlib.suppress(RuntimeError):  # already deleted by Qt
                box.close()
            return QUIT
        if box.choice != OPEN_FOLDER:
            return box.choice
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
