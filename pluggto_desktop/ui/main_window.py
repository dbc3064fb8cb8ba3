"""The main window: a sidebar of views, a state banner, and the views themselves.

Views: Painel (dashboard), Pedidos (order queue), Atividade, Log técnico, Configurações, Suporte and —
before the channel is set up — the setup wizard; in the demo, a page of simulator controls.
Closing the window keeps the app syncing in the tray (said once, the first time).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop import __version__
from pluggto_desktop.ui.controller import Controller
from pluggto_desktop.ui.dashboard import DashboardPage
from pluggto_desktop.ui.log_pages import ActivityPage, TechLogPage
from pluggto_desktop.ui.resources import icon
from pluggto_desktop.ui.status_text import ATTENTION_LEVEL, LEVEL_COLOURS, describe_service

BANNER_BACKGROUND = {"ok": "#DAFBE1", "info": "#DDF4FF", "warning": "#FFF8C5", "error": "#FFEBE9"}
BANNER_TEXT = "#1F2328"
SEVERITY = ("ok", "info", "warning", "error")


class MainWindow(QMainWindow):
    quit_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, controller: Controller, *, tray_available: bool = False, demo=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        self.tray_available = tray_available
        self.demo = demo
        self.quitting = False
        self.attention = 0
        self.setWindowIcon(icon("app"))
        self.resize(1180, 760)
        self.setMinimumSize(QSize(900, 600))
        self.pages: dict[str, QWidget] = {}
        self._page_titles: dict[str, Callable[[], str]] = {}
        self._build()
        # Bound methods only (never a lambda): Qt drops a bound method's connection when its
        # widget is destroyed, a lambda's stays and would reach a deleted widget.
        controller.navigate.connect(self.go)
        controller.failed.connect(self._show_failure)
        controller.state_changed.connect(self._on_state)
        controller.config_problems.connect(self._on_state)
        controller.settings_changed.connect(self._on_settings)
        controller.counts_changed.connect(self._on_counts)
        QShortcut(QKeySequence.StandardKey.Quit, self, activated=self.request_quit)
        self._retranslate()
        self.go("setup" if self.service.channel_state == "installed" else "dashboard")

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        root = QHBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        self.sidebar = QListWidget(objectName="sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setStyleSheet("QListWidget#sidebar { border: none; padding-top: 8px; }"
                                   "QListWidget#sidebar::item { padding: 9px 12px; }")
        self.sidebar.currentRowChanged.connect(self._on_sidebar)
        root.addWidget(self.sidebar)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.banner = QFrame(objectName="banner")
        banner = QHBoxLayout(self.banner)
        banner.setContentsMargins(16, 8, 16, 8)
        self.banner_text = QLabel(wordWrap=True)
        self.banner_action = QPushButton()
        self.banner_action.clicked.connect(self._on_banner_action)
        banner.addWidget(self.banner_text, 1)
        banner.addWidget(self.banner_action)
        right.addWidget(self.banner)
        self.stack = QStackedWidget()
        right.addWidget(self.stack, 1)
        root.addLayout(right, 1)
        self.setCentralWidget(central)
        self._add_pages()
        # a widget, not showMessage(): a temporary message is wiped by any menu's status tip
        self.version_label = QLabel()
        self.statusBar().addWidget(self.version_label)

    def _retranslate(self) -> None:
        """Every text of the window itself (the pages retranslate themselves on LanguageChange)."""
        self.setWindowTitle(self.tr("Pluggto Desktop") + (" — " + self.tr("demo") if self.demo else ""))
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            title = self._page_titles.get(item.data(Qt.ItemDataRole.UserRole))
            if title is not None:
                item.setText(title())
        self.version_label.setText(self.tr("Version %1").replace("%1", __version__))
        self._fit_sidebar()
        self.refresh_banner()

    def _fit_sidebar(self) -> None:
        """As wide as its longest entry (in this language), no wider: the pages need the room
        on a 1024-pixel screen."""
        metrics = self.sidebar.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.sidebar.item(row).text())
                      for row in range(self.sidebar.count())), default=120)
        self.sidebar.setFixedWidth(min(210, max(140, widest + 2 * 12 + 16)))  # item padding, frame

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "version_label"):
            self._retranslate()
        super().changeEvent(event)

    def _add_pages(self) -> None:
        entries: list[tuple[str, Callable[[], str], Callable[[], QWidget]]] = []
        if self.service.channel_state == "installed":
            entries.append(("setup", lambda: self.tr("Initial setup"), self._make_setup))
        entries += [
            ("dashboard", lambda: self.tr("Dashboard"), lambda: DashboardPage(self.controller)),
            ("orders", lambda: self.tr("Orders"), self._make_orders),
            ("products", lambda: self.tr("Products"), self._make_products),
            ("audit", lambda: self.tr("Audit"), self._make_audit),
            ("activity", lambda: self.tr("Activity"), lambda: ActivityPage(self.controller)),
            ("log", lambda: self.tr("Technical log"), lambda: TechLogPage(self.controller)),
            ("settings", lambda: self.tr("Settings"), self._make_settings),
            ("support", lambda: self.tr("Support"), self._make_support),
        ]
        if self.demo is not None:
            entries.append(("demo", lambda: self.tr("Demo"), self._make_demo))
        for name, title, factory in entries:
            page = factory()
            self.pages[name] = page
            self._page_titles[name] = title
            self.stack.addWidget(page)
            item = QListWidgetItem(title())
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.sidebar.addItem(item)

    def _make_orders(self) -> QWidget:
        from pluggto_desktop.ui.queue.page import QueuePage

        return QueuePage(self.controller, kind="order")

    def _make_products(self) -> QWidget:
        from pluggto_desktop.ui.products_page import ProductsPage

        return ProductsPage(self.controller)

    def _make_audit(self) -> QWidget:
        from pluggto_desktop.ui.audit_page import AuditPage

        return AuditPage(self.controller)

    def _make_settings(self) -> QWidget:
        from pluggto_desktop.ui.settings_page import SettingsPage

        page = SettingsPage(self.controller)
        page.language_changed.connect(self.language_changed)
        return page

    def _make_support(self) -> QWidget:
        from pluggto_desktop.ui.support import SupportPage

        return SupportPage(self.controller)

    def _make_setup(self) -> QWidget:
        from pluggto_desktop.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.controller)
        wizard.finished_setup.connect(self._setup_done)
        wizard.postponed.connect(self._setup_postponed)
        return wizard

    def _setup_postponed(self) -> None:
        self.go("dashboard")

    def _setup_done(self, *_args: object) -> None:
        """Setup is saved: the wizard leaves the sidebar (Configurações edits from now on)."""
        self.go("dashboard")
        page = self.pages.pop("setup", None)
        if page is None:
            return
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == "setup":
                self.sidebar.blockSignals(True)
                self.sidebar.takeItem(row)
                self.sidebar.blockSignals(False)
                break
        self.stack.removeWidget(page)
        page.deleteLater()
        self._show("dashboard", {})

    def _make_demo(self) -> QWidget:
        from pluggto_desktop.ui.demo_page import DemoPage

        return DemoPage(self.controller, self.demo)

    # -- navigation --------------------------------------------------------------------------------
    def go(self, name: str, filters: dict | None = None) -> None:
        """Show a page (with filters for the queue); asks first if settings have unsaved changes."""
        if name not in self.pages:
            name = "settings" if name == "setup" else "dashboard"
        current = self.stack.currentWidget()
        guard = getattr(current, "has_unsaved_changes", None)
        if current is not self.pages[name] and guard is not None and guard():
            current.confirm_leave(lambda leave: leave and self._show(name, filters or {}))
            return
        self._show(name, filters or {})

    def _show(self, name: str, filters: dict) -> None:
        page = self.pages[name]
        self.stack.setCurrentWidget(page)
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.sidebar.blockSignals(True)
                self.sidebar.setCurrentRow(row)
                self.sidebar.blockSignals(False)
        if filters and hasattr(page, "apply_filters"):
            page.apply_filters(filters)
        if name == "settings" and filters.get("tab") and hasattr(page, "show_tab"):
            page.show_tab(filters["tab"])
        if name == "settings" and filters.get("field") and hasattr(page, "focus_field"):
            page.focus_field(filters["field"])

    def _on_sidebar(self, row: int) -> None:
        item = self.sidebar.item(row)
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        if self.stack.currentWidget() is not self.pages.get(name):
            previous = self.stack.currentWidget()
            self.go(name)
            if self.stack.currentWidget() is previous:  # the guard kept us here: undo the click
                self._show(self._name_of(previous), {})

    def _name_of(self, page: QWidget) -> str:
        return next((n for n, p in self.pages.items() if p is page), "dashboard")

    # -- banner -----------------------------------------------------------------------------------------
    def _on_counts(self, counts: dict) -> None:
        self.attention = counts.get("order", {}).get("needs_attention", 0)
        self.refresh_banner()

    def _on_settings(self, _settings) -> None:
        self.refresh_banner()

    def _on_state(self, *_args: object) -> None:
        self.refresh_banner()

    def refresh_banner(self) -> None:
        """The state in its own colour and, beside it, the orders that need attention in theirs
        ("Ativo — … · 4 pedidos precisam de atenção"): two things, both shown."""
        text = describe_service(self.service, self.attention)
        line = f"<b style='color:{text.colour}'>{escape(text.title)}</b> — {escape(text.detail)}"
        level = text.level
        if text.attention:
            line += f" <b style='color:{LEVEL_COLOURS[ATTENTION_LEVEL]}'>{escape(text.attention)}</b>"
            level = max(level, ATTENTION_LEVEL, key=SEVERITY.index)
        self.banner_text.setText(line)
        self.banner.setStyleSheet(f"QFrame#banner {{ background: {BANNER_BACKGROUND[level]}; }}"
                                  f"QFrame#banner QLabel {{ color: {BANNER_TEXT}; }}")
        action = text.action or ("attention" if self.attention else None)
        self.banner_action.setVisible(bool(action))
        self.banner_action.setText(text.action_label or self.tr("See orders"))
        self.banner_action.setProperty("action", action)

    def _on_banner_action(self) -> None:
        action = self.banner_action.property("action")
        if action == "attention":
            self.go("orders", {"states": ["needs_attention"]})
        else:
            self.controller.perform_action(action)  # the navigation comes back through go()

    # -- errors, closing ------------------------------------------------------------------------------
    def _show_failure(self, what: str, message: str, technical: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Something went wrong"),
                          self.tr("Could not %1.").replace("%1", what or self.tr("finish the action")),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(message)  # in the user's words; the system's own under "Show details"
        if technical:
            box.setDetailedText(technical)
        self._failure_box = box
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # never exec(): the event loop (and the sync) keeps running

    def request_quit(self) -> None:
        self.quitting = True
        self.quit_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.quitting or not self.tray_available:
            event.accept()
            if not self.quitting:
                self.request_quit()
            return
        event.ignore()
        self.hide()
        ui = self.service.settings.ui
        if not ui.tray_hint_shown:  # say it once, the first time
            ui.tray_hint_shown = True
            self.service.save_current_settings()
            tray = getattr(self, "tray", None)
            if tray is not None:
                tray.icon.showMessage(self.tr("Pluggto Desktop is still syncing"),
                                      self.tr("The window was closed, but orders keep syncing. Use the tray icon "
                                              "to open it again or to quit."))
