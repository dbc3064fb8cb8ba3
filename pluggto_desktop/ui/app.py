"""Starting and stopping the desktop app on the qasync loop.

Order of things: profile → logging → (demo simulators) → settings → language → secrets → the
service (queue + engine) → window and tray. Quitting runs the reverse, *inside* the still-running
loop: the engine finishes in-flight calls, clients and the database close, then the loop stops.
The app quits only through ``request_quit`` (tray "Sair", Ctrl+Q, closing the window when there is
no tray), never by Qt closing its last window, so the cleanup always gets to run.

``PLUGGTO_DESKTOP_QUIT_AFTER=<seconds>`` quits by itself after that long: used by the tests and
the screenshot script to prove a clean exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import traceback
from types import TracebackType

os.environ.setdefault("QT_API", "pyside6")  # qasync must never pick another binding

import qasync
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from pluggto_desktop.demo import DemoEnvironment, demo_profile
from pluggto_desktop.i18n import normalize_language
from pluggto_desktop.instance import (
    ActivationServer,
    ProfileLock,
    activate_running,
    desktop_app_running,
)
from pluggto_desktop.logs import redact, setup_logging
from pluggto_desktop.profile import Profile, resolve_profile
from pluggto_desktop.secrets import SecretStore
from pluggto_desktop.service import AppService, DatabaseProblem
from pluggto_desktop.settings import (
    Settings,
    SettingsError,
    keep_backup,
    load_settings,
    restore_backup,
    usable_backup,
)
from pluggto_desktop.ui import startup_problem
from pluggto_desktop.ui.controller import Controller
from pluggto_desktop.ui.gc_guard import GuiThreadCollector
from pluggto_desktop.ui.i18n import install_language
from pluggto_desktop.ui.main_window import MainWindow
from pluggto_desktop.ui.resources import icon
from pluggto_desktop.ui.tray import Tray

log = logging.getLogger("pluggto_desktop.ui")


class DesktopApp:
    def __init__(self, app: QApplication, *, home: str | None, demo: bool, lang: str | None, verbose: bool,
                 minimized: bool = False) -> None:
        self.app = app
        self.minimized = minimized
        self.lock: ProfileLock | None = None
        self.activation: ActivationServer | None = None
        self.home = home
        self.demo_requested = demo
        self.lang_override = lang
        self.verbose = verbose
        self.quit_event = asyncio.Event()
        self.demo: DemoEnvironment | None = None
        self.service: AppService | None = None
        self.controller: Controller | None = None
        self.window: MainWindow | None = None
        self.tray: Tray | None = None
        self._shut_down = False
        self._self_quit_scheduled = False
        self.problem_boxes: list = []  # the startup problem dialogs shown (tests look at them)

    # -- life ------------------------------------------------------------------------------------
    async def run(self) -> int:
        profile = self._profile()
        setup_logging(profile, level="DEBUG" if self.verbose else "INFO", console=self.verbose)
        log.info("starting the desktop app (profile %s, demo %s)", profile.root, self.demo_requested)
        install_language(normalize_language(self.lang_override))  # until the settings say otherwise
        self.lock = ProfileLock(profile)
        if not self.lock.acquire():
            return await self._already_running(profile)
        try:
            return await self._run_holding_the_profile(profile)
        finally:
            await self.shutdown()  # whatever way it ends (a problem at start, SIGTERM): the profile is let go

    async def _run_holding_the_profile(self, profile: Profile) -> int:
        if self.demo_requested:
            self.demo = DemoEnvironment(profile)
            await self.demo.start()
        settings = await self._read_settings(profile)
        if settings is None:
            return 2
        lang = normalize_language(self.lang_override or settings.ui.language)
        install_language(lang)
        secrets = self.demo.secrets if self.demo else SecretStore(profile.profile_id)
        self.service = AppService(profile, secrets, lang=lang, settings=settings)
        if not await self._open_queue(profile, lang):
            return 2
        self.controller = Controller(self.service)
        hidden = (self.minimized or settings.ui.start_minimized) and Tray.available()
        self._build_ui(show=not hidden)
        if self.minimized and not hidden:
            self.window.showMinimized()  # no tray to hide in: minimise instead
        self.activation = ActivationServer(profile, on_activate=self._activated)
        await self.activation.start()
        self._schedule_self_quit()
        await self.quit_event.wait()
        return 0

    async def _read_settings(self, profile: Profile) -> Settings | None:
        """The profile's settings; while the file cannot be read, the problem and what to do
        (open the folder, restore the last good copy, try again, quit). None: the user quit."""
        path = profile.settings_path
        while True:
            try:
                settings = load_settings(path, lang=self.lang_override)
            except SettingsError as exc:
                log.error("the settings file cannot be read: %s", exc)
                install_language(exc.lang)
                can_restore = usable_backup(path, lang=exc.lang) is not None
                lines = [exc.heading(), *("• " + p for p in exc.problems if not exc.file_level)]
                if can_restore:
                    lines.append(QApplication.translate(
                        "StartupProblem", "Fix the file in the profile folder and click Try again, or put back the "
                                          "last good settings (the damaged file is kept next to it)."))
                else:
                    lines.append(QApplication.translate(
                        "StartupProblem", "Fix the file in the profile folder (or delete it to set the app up "
                                          "again) and click Try again."))
                choice = await self._ask(QApplication.translate("StartupProblem", "The settings could not be read"),
                                         lines, profile, can_restore=can_restore)
                if choice == startup_problem.QUIT:
                    return None
                if choice == startup_problem.RESTORE:
                    try:
                        restore_backup(path, lang=exc.lang)
                    except (SettingsError, OSError) as failure:
                        log.error("could not restore the settings backup: %s", failure)
                continue
            keep_backup(path)  # the last good copy, for the day this file gets damaged
            return settings

    async def _open_queue(self, profile: Profile, lang: str) -> bool:
        """Open the queue and start the engine; while the database cannot be used (damaged,
        read-only, locked by another program…), say so and offer the folder, a retry or quitting.
        False: the user quit."""
        while True:
            try:
                await self.service.open()
                return True
            except DatabaseProblem as exc:
                log.error("the queue database cannot be used: %s", exc)
                choice = await self._ask(QApplication.translate("StartupProblem", "The order queue cannot be opened"),
                                         [exc.message(lang)], profile)
                if choice == startup_problem.QUIT:
                    return False

    async def _ask(self, title: str, lines: list[str], profile: Profile, *, can_restore: bool = False) -> str:
        self._schedule_self_quit()
        return await startup_problem.ask(title, lines, profile.root, can_restore=can_restore,
                                         quit_event=self.quit_event, shown=self.problem_boxes)

    def _profile(self) -> Profile:
        if not self.demo_requested:
            return resolve_profile(self.home)
        return demo_profile(resolve_profile(self.home, demo=True).root)

    async def shutdown(self) -> None:
        if self._shut_down:
            return
        self._shut_down = True
        log.info("quitting: finishing in-flight work")
        if self.tray is not None:
            self.tray.icon.hide()
        if self.window is not None:
            self.window.quitting = True
            self.window.close()
        if self.controller is not None:
            await self.controller.tasks.cancel_all()
            self.controller.close()
        if self.service is not None:
            await self.service.close()
        if self.demo is not None:
            await self.demo.stop()
        if self.activation is not None:
            await self.activation.stop()
        if self.lock is not None:
            self.lock.release()
        log.info("stopped cleanly")

    async def _already_running(self, profile: Profile) -> int:
        """A second launch: bring the first one forward, or say who holds the profile."""
        if desktop_app_running(profile) and await activate_running(profile):
            log.info("the app is already open for this profile: brought it forward")
            return 0
        await self._fatal(self.lang_override or "auto", QApplication.translate(
            "App", "This profile is already being synced by another Pluggto Desktop process "
                   "(for example `pluggto-desktop sync`). Stop it, then open the app again."))
        return 2

    def request_quit(self) -> None:
        self.quit_event.set()

    # -- window and tray -----------------------------------------------------------------------------
    def _build_ui(self, *, show: bool = True) -> None:
        self.tray = Tray(self.controller) if Tray.available() else None
        self.window = MainWindow(self.controller, tray_available=self.tray is not None, demo=self.demo)
        self.window.tray = self.tray
        self.window.quit_requested.connect(self.request_quit)
        self.window.language_changed.connect(self._switch_language)
        if self.tray is not None:
            self.tray.quit_requested.connect(self.request_quit)
            self.tray.open_requested.connect(self._open)
            self.tray.show()
        if show:
            self.window.show()
            # logged once the loop has processed the show (bench/ui_loop.py reads this line)
            QTimer.singleShot(0, lambda: log.info("main window shown"))

    def _activated(self) -> None:
        log.info("brought forward by a second launch")
        self._open("dashboard", {})

    def _open(self, page: str, filters: dict) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        self.window.go(page, filters)

    def _switch_language(self, choice: str) -> None:
        """Switch the language in place: installing the translators sends every widget a
        LanguageChange and each view retranslates itself (the tray, a QObject, is told).

        Nothing is rebuilt, so no view loses what it shows (the settings tab, the queue's
        filters and selection) and nothing connected to the controller can outlive its widget —
        rebuilding the window once left lambdas behind that reached deleted labels on every poll.
        """
        lang = normalize_language(choice)
        self.service.lang = lang
        install_language(lang)
        if self.tray is not None:
            self.tray.retranslate()
        log.info("language switched to %s", lang)

    def _schedule_self_quit(self) -> None:
        seconds = os.environ.get("PLUGGTO_DESKTOP_QUIT_AFTER")
        if seconds and not self._self_quit_scheduled:
            self._self_quit_scheduled = True
            QTimer.singleShot(int(float(seconds) * 1000), self.request_quit)

    async def _fatal(self, lang: str, message: str) -> None:
        """Show a blocking problem without a nested event loop, then let the app end. Quitting
        (SIGTERM, a logout, PLUGGTO_DESKTOP_QUIT_AFTER) closes it too."""
        done = asyncio.get_running_loop().create_future()
        box = QMessageBox(QMessageBox.Icon.Critical, "Pluggto Desktop", message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: done.done() or done.set_result(None))
        box.open()
        self._schedule_self_quit()
        quitting = asyncio.ensure_future(self.quit_event.wait())
        try:
            await asyncio.wait([done, quitting], return_when=asyncio.FIRST_COMPLETED)
        finally:
            quitting.cancel()
        if not done.done():
            with contextlib.suppress(RuntimeError):  # already deleted by Qt
                box.close()


def _install_excepthook() -> None:
    """Uncaught errors (qasync sends slot exceptions here) are logged and shown, never silent."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = redact("".join(traceback.format_exception(kind, exc, tb)))
        log.error("unexpected error\n%s", text)
        if QApplication.instance() is None:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "Pluggto Desktop",
                          QApplication.translate("App", "An unexpected error happened. The sync keeps running; "
                                                        "the details are in the technical log."))
        box.setDetailedText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    sys.excepthook = hook


def _loop_exception_handler(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    exc = context.get("exception")
    if isinstance(exc, asyncio.CancelledError):
        return
    log.error("asyncio: %s", context.get("message"), exc_info=exc)


def run_app(*, home: str | None = None, demo: bool = False, lang: str | None = None, verbose: bool = False,
            minimized: bool = False) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Pluggto Desktop")
    app.setOrganizationName("Pluggto Desktop")
    app.setWindowIcon(icon("app"))
    app.setQuitOnLastWindowClosed(False)  # quitting goes through DesktopApp.request_quit
    _install_excepthook()
    collector = GuiThreadCollector(app)  # cycles die on the GUI thread, never on a worker's
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    loop.set_exception_handler(_loop_exception_handler)
    desktop = DesktopApp(app, home=home, demo=demo, lang=lang, verbose=verbose, minimized=minimized)
    app.aboutToQuit.connect(desktop.request_quit)  # the session ends (logout): still clean up
    for sig in (signal.SIGINT, signal.SIGTERM):  # Ctrl+C in a terminal, `kill`, a Linux logout
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, desktop.request_quit)
    try:
        with loop:
            return loop.run_until_complete(desktop.run())
    finally:
        collector.stop()
