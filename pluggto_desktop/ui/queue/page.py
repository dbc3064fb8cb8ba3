"""The "Pedidos" view (and, with ``kind="product"``, the "Produtos" one): the job queue as a table
with filters and search, a detail pane for the current job, and the merchant's actions.

Layout::

    [Situação ▾] [Marketplace ▾] [Período ▾] [ search……………………… ]        1.234 pedidos
    [Reenviar] [Reenviar selecionados] [Ignorar…] [Desfazer ignorar] | [Copiar detalhes] …
    ┌ message bar (results, export progress) ┐
    ┌ table (pages of rows, sortable) ───────────────────────────────────────────────┐
    ├ detail: summary · reason · intermediary CNPJ │ Linha do tempo | Plug.to | …   ┤

This module lays the page out, wires it and keeps the selection; the rest is in its neighbours:
``filters.py`` (the filters bar), ``header.py`` (the columns), ``actions.py`` (the actions),
``export.py`` (the CSV export), ``detail_pane.py``, ``model.py`` (the table's rows).

Rules kept here (docs/ux-principles.md):
* no dialog ever runs ``exec()``: the ignore reason, the import id and the export file name are
  asked with ``dialog.open()`` and answered through signals; work runs in tasks
  (``controller.run``), so the qasync loop never nests;
* the table never holds the whole queue (see ``model.py``); the export streams the view a page
  at a time through the service;
* every visible string goes through Qt translation (English source, pt-BR in
  ``resources/translations/catalog/queue.json``; the mixins' texts are looked up under
  ``QueuePage``, the class of the object); what the core renders (state labels, reasons) follows
  ``controller.lang``.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from pluggto_desktop.service import Job
from pluggto_desktop.ui.queue.actions import QueueActions
from pluggto_desktop.ui.queue.detail_pane import JobDetailPane
from pluggto_desktop.ui.queue.export import QueueExport
from pluggto_desktop.ui.queue.filters import MARKETPLACES_DEBOUNCE_MS, SEARCH_DEBOUNCE_MS, QueueFilters
from pluggto_desktop.ui.queue.formats import alive
from pluggto_desktop.ui.queue.header import QueueColumns
from pluggto_desktop.ui.queue.message_bar import QueueMessageBar
from pluggto_desktop.ui.queue.model import MAX_LOADED_ROWS, JobTableModel


class QueuePage(QueueFilters, QueueColumns, QueueActions, QueueExport, QWidget):
    """The orders queue (``kind="order"``) or the products queue (``kind="product"``).

    Public API: ``model`` (:class:`JobTableModel`), ``table``, ``detail``; ``apply_filters(dict)``;
    ``current_job()``, ``selected_jobs()``, ``select_job(id)``; slots ``retry_current``,
    ``retry_selected``, ``ignore_selected``, ``unignore_selected``, ``copy_details``,
    ``export_csv``, ``import_order``; coroutines ``retry(ids)``, ``ignore(ids, reason)``,
    ``unignore(ids)``, ``export_to(path)``, ``import_by_id(text)``, ``copy_details_async()``.
    """

    def __init__(self, controller: Any, kind: str = "order", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.kind = kind
        self.model = JobTableModel(controller, kind, parent=self)
        self._restore: tuple[list[int], int | None] | None = None
        self._select_after_load: int | None = None
        self._export_cancel: threading.Event | None = None
        self._dialog: QDialog | None = None
        self._importing: dict[int, str] = {}  # job id -> Plug.to id, for orders imported by id
        self._file_dialog: QFileDialog | None = None
        self._counts: dict[str, int] = {}
        self._updating = False
        self._sized = False
        self._elsewhere_generation = 0
        self._elsewhere_shown: str | None = None
        self._sizing = False  # the page itself is moving or sizing columns
        self._user_sized = False  # the person resized a column: keep their widths
        self._column_menu: QMenu | None = None

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_query)
        self._marketplaces_timer = QTimer(self)
        self._marketplaces_timer.setSingleShot(True)
        self._marketplaces_timer.setInterval(MARKETPLACES_DEBOUNCE_MS)
        self._marketplaces_timer.timeout.connect(self.refresh_marketplaces)

        self._build()
        self._connect()
        self.set_visible_columns(self._saved_columns(), save=False)
        self.retranslate()
        self._built = True
        self._apply_query()
        self.refresh_marketplaces()
        self.controller.run(self._load_counts(), what="queue: counts")

    # -- building --------------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)

        # Two rows that fit a 1024-pixel screen: the filters and the search; the actions and the
        # count. The filter boxes carry their own names ("Todas as situações", "Todos os
        # marketplaces", "Qualquer data") instead of a label each.
        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.state_combo = QComboBox()
        # wide enough for "Precisa de atenção (40.090)"; a longer item (a dashboard link to several
        # states) is elided in the box, never pushing the search box out
        self.state_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.state_combo.setMinimumContentsLength(22)
        self.marketplace_combo = QComboBox()
        self.marketplace_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.date_combo = QComboBox()
        self.date_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 22)
        for combo in (self.state_combo, self.marketplace_combo, self.date_combo):
            filters.addWidget(combo)
        self.marketplace_combo.setVisible(self.kind != "product")
        filters.addWidget(self.search_edit, 1)
        layout.addLayout(filters)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_retry = self._action(self.retry_current, "Ctrl+R")
        self.act_retry_selected = self._action(self.retry_selected, "Ctrl+Shift+R")
        self.act_ignore = self._action(self.ignore_selected)
        self.act_unignore = self._action(self.unignore_selected)
        self.act_copy = self._action(self.copy_details, "Ctrl+Shift+C")
        self.act_export = self._action(self.export_csv, "Ctrl+E")
        self.act_import = self._action(self.import_order, "Ctrl+I")
        self.act_reload = self._action(self.reload, QKeySequence.StandardKey.Refresh)
        self.act_search = self._action(self._focus_search, QKeySequence.StandardKey.Find)
        for action in (self.act_retry, self.act_retry_selected, self.act_ignore, self.act_unignore):
            self.toolbar.addAction(action)
        if self.kind != "product":
            self.toolbar.addSeparator()
            self.toolbar.addAction(self.act_import)
        else:
            self.act_import.setVisible(False)
        # last, so that on a narrow window the overflow menu (») takes these: both are also in the
        # table's right-click menu
        self.toolbar.addSeparator()
        for action in (self.act_copy, self.act_export):
            self.toolbar.addAction(action)
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        actions = QHBoxLayout()
        actions.addWidget(self.toolbar, 1)
        actions.addSpacing(8)
        actions.addWidget(self.count_label)
        layout.addLayout(actions)

        self.message = QueueMessageBar()
        layout.addWidget(self.message)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setSortingEnabled(True)

        self.detail = JobDetailPane(self.controller, self.kind)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

    def _action(self, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(lambda _=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.search_edit.textEdited.connect(lambda _: self._search_timer.start())
        self.search_edit.textChanged.connect(self._search_cleared)
        self.search_edit.returnPressed.connect(self._apply_query)
        self.state_combo.currentIndexChanged.connect(self._filters_changed)
        self.marketplace_combo.currentIndexChanged.connect(self._filters_changed)
        self.date_combo.currentIndexChanged.connect(self._filters_changed)
        self.model.count_changed.connect(self._show_count)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.model.page_loaded.connect(self._after_page)
        self.model.dataChanged.connect(self._rows_changed)
        self.model.load_failed.connect(self._load_failed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._header_menu)
        self.table.horizontalHeader().sectionMoved.connect(self._column_moved)
        self.table.horizontalHeader().sectionResized.connect(self._column_resized)
        self.message.cancel_requested.connect(self._cancel_export)
        self.controller.counts_changed.connect(self._counts_changed)
        self.controller.job_changed.connect(self._import_outcome)

    def retranslate(self) -> None:
        """Every visible text again (construction, and when the language changes)."""
        product = self.kind == "product"
        self.state_combo.setToolTip(self.tr("State"))
        self.state_combo.setAccessibleName(self.tr("State"))
        self.marketplace_combo.setToolTip(self.tr("Marketplace"))
        self.marketplace_combo.setAccessibleName(self.tr("Marketplace"))
        self.date_combo.setToolTip(self.tr("Period (last update)"))
        self.date_combo.setAccessibleName(self.tr("Period (last update)"))
        self.search_edit.setPlaceholderText(
            self.tr("Search by SKU or product name") if product
            else self.tr("Search by order number, Plug.to ID, Linx order or buyer"))
        self.search_edit.setToolTip(self.search_edit.placeholderText())
        self.act_retry.setText(self.tr("Resend"))
        self.act_retry.setToolTip(self.tr("Send the current order to the queue again (Ctrl+R)"))
        self.act_retry_selected.setText(self.tr("Resend selected"))
        self.act_retry_selected.setToolTip(self.tr("Send every selected order to the queue again (Ctrl+Shift+R)"))
        self.act_ignore.setText(self.tr("Ignore…"))
        self.act_ignore.setToolTip(self.tr("Stop processing the selected orders, with a reason (reversible)"))
        self.act_unignore.setText(self.tr("Undo ignore"))
        self.act_unignore.setToolTip(self.tr("Bring the selected ignored orders back"))
        self.act_copy.setText(self.tr("Copy details"))
        self.act_copy.setToolTip(self.tr("Copy the summary, reason and timeline of the current order (Ctrl+Shift+C)"))
        self.act_export.setText(self.tr("Export CSV…"))
        self.act_export.setToolTip(self.tr("Save the rows of this view (filters and search applied) as CSV (Ctrl+E)"))
        self.act_import.setText(self.tr("Import order…"))
        self.act_import.setToolTip(self.tr("Fetch one order from Plug.to now, by its ID (Ctrl+I)"))
        self.act_reload.setText(self.tr("Refresh"))
        self.act_search.setText(self.tr("Search"))
        self.message.cancel_button.setText(self.tr("Cancel"))
        self.message.close_button.setToolTip(self.tr("Close"))
        self._fill_state_combo()
        self._fill_date_combo()
        if self.marketplace_combo.count():
            self.marketplace_combo.setItemText(0, self.tr("All marketplaces"))
        self.model.retranslate()
        self.detail.retranslate()
        self._size_columns()
        if self.model.total is not None:
            self._show_count(self.model.total, self.model.total_exact)
        self._update_actions()

    # -- selection -----------------------------------------------------------------------------------
    def current_job(self) -> Job | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.job(index.row()) if index.isValid() else None

    def selected_jobs(self) -> list[Job]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        jobs = [self.model.job(row) for row in rows]
        return [job for job in jobs if job is not None]

    def select_job(self, job_id: int) -> bool:
        """Make ``job_id`` the current, only selected row; False when it is not loaded."""
        row = self.model.row_of(job_id)
        if row < 0:
            return False
        self._select_rows([row], row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _select_rows(self, rows: list[int], current: int | None) -> None:
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        for row in sorted(rows):
            selection.select(self.model.index(row, 0), self.model.index(row, last_column))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        selection_model = self.table.selectionModel()
        if current is not None:
            selection_model.setCurrentIndex(self.model.index(current, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.select(selection, flags)

    def _remember_selection(self) -> None:
        if self._restore is None:
            current = self.current_job()
            self._restore = ([job.id for job in self.selected_jobs()], current.id if current else None)

    def _after_reset(self) -> None:
        if self.model.rowCount():  # a live refresh: the rows are back at once
            self._restore_selection()
        else:  # a new query: its first page comes later (page_loaded)
            self.detail.show_job(None)
            self._update_actions()

    def _after_page(self, first: int, count: int) -> None:
        if first == 0:
            self._check_elsewhere()
            self._restore_selection()
            if self.model.capped:
                self.message.show_message(self.tr("Showing the first %n rows: use the filters or the search "
                                                  "to narrow the list.", "", MAX_LOADED_ROWS), "warning")
        elif self.model.capped and count:
            self.message.show_message(self.tr("Showing the first %n rows: use the filters or the search "
                                              "to narrow the list.", "", MAX_LOADED_ROWS), "warning")

    def _restore_selection(self) -> None:
        wanted, self._restore = self._restore, None
        selected, current = wanted if wanted is not None else ([], None)
        if self._select_after_load is not None:
            target, self._select_after_load = self._select_after_load, None
            if self.select_job(target):
                return
        rows = [row for row in (self.model.row_of(i) for i in selected) if row >= 0]
        current_row = self.model.row_of(current) if current is not None else -1
        if rows or current_row >= 0:
            self._select_rows(rows, current_row if current_row >= 0 else rows[0])
        self._current_changed()

    def _current_changed(self, *_: Any) -> None:
        self.detail.show_job(self.current_job())
        self._update_actions()

    def _rows_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_: Any) -> None:
        current = self.table.selectionModel().currentIndex()
        if current.isValid() and top_left.row() <= current.row() <= bottom_right.row():
            self.detail.show_job(self.model.job(current.row()))
        self._update_actions()

    def _scrolled(self, value: int) -> None:
        self.model.follow_top = value == 0

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not 0 <= column < len(self.model.columns) or self.model.columns[column].sort_field is None:
            header = self.table.horizontalHeader()
            order = Qt.SortOrder.DescendingOrder if self.model.query.descending else Qt.SortOrder.AscendingOrder
            QTimer.singleShot(0, lambda: alive(header) and header.setSortIndicator(self.model.sort_column(), order))

    def reload(self) -> None:
        self.model.reload()
        self.refresh_marketplaces()

    # -- Qt events ----------------------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.model.set_live(True)
        if not self._sized:  # first show: share the space (size hints alone squeeze the detail)
            self._sized = True
            height, width = max(self.splitter.height(), 400), max(self.detail.width(), 600)
            self.splitter.setSizes([int(height * 0.58), int(height * 0.42)])
            self.detail.splitter.setSizes([int(width * 0.45), int(width * 0.55)])  # the ids whole at 1024
            QTimer.singleShot(0, self._fit_columns)

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self.model.set_live(False)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if not self._user_sized and getattr(self, "_built", False):
            QTimer.singleShot(0, self._fit_columns)  # once the table has its new width

    def _fit_columns(self) -> None:
        if alive(self) and not self._user_sized:
            self._size_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "_built", False):
            self.retranslate()
