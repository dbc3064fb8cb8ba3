"""The queue table: a page-at-a-time Qt model over the job store (orders and products).

Why it is built this way (a store may hold a million jobs):

* **never everything** — rows arrive in pages of :data:`PAGE_SIZE` read on the store's thread
  (``await store.query_jobs(query, after=…, limit=…)``: each page after the last row read, so
  the 100th page costs what the first does); Qt asks for more through
  ``canFetchMore``/``fetchMore`` when the view scrolls to the bottom, and rows are inserted when
  the page arrives. At most :data:`MAX_LOADED_ROWS` rows are ever held (the page then says
  "refine the search");
* **the count is separate and cheap** — ``count_jobs_capped``: exact from the per-state counters
  when only states filter, otherwise counted up to :data:`COUNT_CAP` ("more than 100,000");
* **stale answers are dropped** — every reset (filters, search, sort) bumps a generation number
  and a page that comes back for an older generation is ignored;
* **live** — ``controller.job_changed`` and ``counts_changed`` are coalesced for
  :data:`COALESCE_MS`; then, when the view shows the top of the list (``follow_top``), the first
  page is read again (the page keeps the selection by job id across the reset), otherwise only
  the loaded rows whose jobs changed are refreshed in place. Only while a view shows the
  model (``set_live``): the changes seen while hidden are applied when it is shown again;
* **display text is computed once per job** and cached until that job changes; the text of each
  column comes from Qt-free functions (``columns.Column.value``, present/'s words), so the CSV
  export (``export.py``) writes the same text on a worker thread.

Everything here runs on the GUI thread: qasync runs the asyncio loop there, so awaiting the store
and then touching the model is safe. A store that is closing makes loads fail quietly
(``load_failed``), never crash.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont

from pluggto_desktop.present import queue as present_queue
from pluggto_desktop.service import SORTABLE, Job, JobQuery
from pluggto_desktop.ui.queue.columns import Column, JobRole, column_title, columns_for, job_tooltip
from pluggto_desktop.ui.queue.look import state_colour, state_icon

log = logging.getLogger("pluggto_desktop.ui.queue")

PAGE_SIZE = 200
#: Rows held at most; beyond, the user narrows the view with filters or the search.
MAX_LOADED_ROWS = 20_000
#: Counts beyond this are shown as "more than …" (a count never walks a million rows).
COUNT_CAP = 100_000
#: Live updates arriving within this window are applied together.
COALESCE_MS = 250
#: A top-of-list refresh re-reads at most this many rows (what is loaded, at least a page).
REFRESH_LIMIT = 1000

#: The parent of every row (a table has no tree): Qt's "no index", as the default argument.
_NO_PARENT = QModelIndex()

__all__ = ["COUNT_CAP", "MAX_LOADED_ROWS", "PAGE_SIZE", "JobRole", "JobTableModel", "job_tooltip"]


# -- the model ---------------------------------------------------------------------------------------
class JobTableModel(QAbstractTableModel):
    """Jobs of one kind matching a :class:`JobQuery`, loaded a page at a time.

    Public API: ``query`` / ``set_query(q)`` / ``reload()`` / ``sort(column, order)``;
    ``job(row)``, ``row_of(job_id)``, ``job_ids()``, ``columns``, ``column_of(key)``;
    ``total`` / ``total_exact`` and the signals below; ``refresh_jobs(ids)`` (await it) and
    ``note_changed(ids)`` after a user action; ``follow_top`` (the view shows the top of the
    list: live changes reload the first page) and ``set_live(bool)``; ``loading``, ``exhausted``.
    """

    #: (count, exact): exact is False when the count stopped at ``COUNT_CAP``
    count_changed = Signal(int, bool)
    loading_changed = Signal(bool)
    #: (first row, rows added) after each page arrives
    page_loaded = Signal(int, int)
    #: a live refresh was applied
    refreshed = Signal()
    #: reading failed (store closing, disk error): the message, for a status line
    load_failed = Signal(str)

    def __init__(self, controller: Any, kind: str = "order", *, page_size: int = PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.kind = kind
        self.page_size = page_size
        self.columns: tuple[Column, ...] = columns_for(kind)
        self._query = JobQuery(kind=kind)
        self._jobs: list[Job] = []
        self._rows: dict[int, int] = {}
        self._texts_cache: dict[int, list[str]] = {}
        self._tips_cache: dict[int, str] = {}
        self._generation = 0
        self._loading = False
        self._started = False
        self._exhausted = True  # nothing to fetch until the first reload()
        self._next_offset = 0  # rows read so far (how much a top refresh re-reads)
        self._after: tuple[Any, int] | None = None  # (sort value, id) of the last row read
        self._total: int | None = None
        self._total_exact = True
        self.follow_top = True
        self._live = False  # until a view shows it (QueuePage.showEvent): a hidden page reads nothing
        self._pending_ids: set[int] = set()
        self._top_dirty = False
        self._refreshing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._flush_changes)
        self._bold = QFont()
        self._bold.setBold(True)
        controller.job_changed.connect(self._on_job_changed)
        controller.counts_changed.connect(self._on_counts_changed)

    # -- what is shown ---------------------------------------------------------------------------
    @property
    def query(self) -> JobQuery:
        return self._query

    @property
    def lang(self) -> str:
        return self.controller.lang

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def exhausted(self) -> bool:
        """True when every row of the view is loaded (or the row limit was reached)."""
        return self._exhausted

    @property
    def capped(self) -> bool:
        """True when loading stopped at :data:`MAX_LOADED_ROWS` with more rows left."""
        return len(self._jobs) >= MAX_LOADED_ROWS

    @property
    def total(self) -> int | None:
        return self._total

    @property
    def total_exact(self) -> bool:
        return self._total_exact

    def set_query(self, query: JobQuery) -> None:
        """Show another filtered/sorted view: reset and load its first page and count."""
        if query.kind != self.kind:
            query = replace(query, kind=self.kind)
        if query.order_by not in SORTABLE:
            raise ValueError(f"cannot sort on {query.order_by!r}")
        self._query = query
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._jobs = []
        self._rows = {}
        self._texts_cache.clear()
        self._tips_cache.clear()
        self._exhausted = False
        self._next_offset = 0
        self._after = None
        self.endResetModel()
        self._started = True
        self._start_load(with_count=True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        field = self.columns[column].sort_field
        if field is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if not self._started:  # the view announcing its initial order: nothing to reload yet
            self._query = replace(self._query, order_by=field, descending=descending)
            return
        if field == self._query.order_by and descending == self._query.descending:
            return
        self.set_query(replace(self._query, order_by=field, descending=descending))

    def sort_column(self) -> int:
        """The column the view is sorted on (-1 when it is not a shown column)."""
        for i, column in enumerate(self.columns):
            if column.sort_field == self._query.order_by:
                return i
        return -1

    def column_of(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        return -1

    def job(self, row: int) -> Job | None:
        return self._jobs[row] if 0 <= row < len(self._jobs) else None

    def row_of(self, job_id: int) -> int:
        return self._rows.get(job_id, -1)

    def job_ids(self) -> list[int]:
        return [job.id for job in self._jobs]

    def set_live(self, enabled: bool) -> None:
        """Pause live refreshes (the page is hidden); changes seen meanwhile apply on resume."""
        self._live = enabled
        if enabled and (self._pending_ids or self._top_dirty):
            self._arm()

    # -- Qt model interface ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(column)
        if role == Qt.ItemDataRole.ToolTipRole and column.sort_field is None:
            return QCoreApplication.translate("JobTableModel", "This column cannot be sorted")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self._jobs):
            return None
        job = self._jobs[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(job)[index.column()]
        if role == JobRole:
            return job
        key = self.columns[index.column()].key
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(job) or self._texts(job)[index.column()] or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if key in ("state", "reason") and present_queue.emphasised(job.state):
                return QBrush(state_colour(job.state))
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return state_icon(job.state) if key == "state" else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if key == "state" and present_queue.bold(job.state) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.columns[index.column()].numeric:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> bool:
        return not parent.isValid() and self._started and not self._exhausted and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> None:
        if self.canFetchMore(parent):
            self._start_load(with_count=False)

    # -- loading -------------------------------------------------------------------------------------
    def _store(self) -> Any:
        return self.controller.store

    def _alive(self) -> bool:
        return shiboken6.isValid(self)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _start_load(self, *, with_count: bool) -> None:
        self._set_loading(True)
        self.controller.run(self._load_page(self._generation, self._after, with_count),
                            what="queue: load page")

    async def _load_page(self, generation: int, after: tuple[Any, int] | None, with_count: bool) -> None:
        query = self._query
        try:
            jobs = await self._store().query_jobs(query, after=after, limit=self.page_size)
        except Exception as exc:  # noqa: BLE001 - the store may be closing: say so, never crash
            self._load_error(generation, exc)
            return
        if not self._alive() or generation != self._generation:
            return
        self._next_offset += len(jobs)
        if jobs:
            self._after = self._key(jobs[-1])
        self._set_loading(False)
        self._append(jobs)
        if with_count:
            await self._load_count(generation)

    def _key(self, job: Job) -> tuple[Any, int]:
        """Where a page ends, for the next one: the job's sort value and id, as read."""
        return getattr(job, self._query.order_by), job.id

    def _append(self, jobs: list[Job]) -> None:
        # a job already shown may come again: it changed and moved past the last row read
        new = [job for job in jobs if job.id not in self._rows]
        new = new[: max(0, MAX_LOADED_ROWS - len(self._jobs))]
        first = len(self._jobs)
        if new:
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for job in new:
                self._rows[job.id] = len(self._jobs)
                self._jobs.append(job)
            self.endInsertRows()
        if len(jobs) < self.page_size or len(self._jobs) >= MAX_LOADED_ROWS:
            self._exhausted = True
        self.page_loaded.emit(first, len(new))
        if jobs and not new and not self._exhausted:
            # a whole page of rows already shown: read on (from the last of them)
            self._start_load(with_count=False)

    async def _load_count(self, generation: int) -> None:
        try:
            n, exact = await self._store().count_jobs_capped(self._query, COUNT_CAP)
        except Exception as exc:  # noqa: BLE001 - the store may be closing: said in the table, never a crash
            self._load_error(generation, exc)
            return
        if not self._alive() or generation != self._generation:
            return
        self._set_count(n, exact)

    def _set_count(self, n: int, exact: bool) -> None:
        if (n, exact) != (self._total, self._total_exact):
            self._total, self._total_exact = n, exact
            self.count_changed.emit(n, exact)

    def _load_error(self, generation: int, exc: Exception) -> None:
        log.warning("queue view: reading the store failed: %s", exc)
        if not self._alive():
            return
        if generation == self._generation:
            self._set_loading(False)
        self.load_failed.emit(str(exc) or type(exc).__name__)

    # -- live updates --------------------------------------------------------------------------------
    def note_changed(self, job_ids: Iterable[int] = ()) -> None:
        """Jobs changed (an action of the user, an engine event): refresh soon, coalesced."""
        self._pending_ids.update(int(i) for i in job_ids)
        self._top_dirty = True
        self._arm()

    def _on_job_changed(self, payload: dict) -> None:
        if payload.get("kind", self.kind) != self.kind or payload.get("job_id") is None:
            return
        self._pending_ids.add(int(payload["job_id"]))
        self._arm()

    def _on_counts_changed(self, counts: dict) -> None:
        if self.kind in counts:  # jobs came or went: the top of the list may have new rows
            self._top_dirty = True
            self._arm()

    def _arm(self) -> None:
        if self._live and self._started and not self._refreshing and not self._timer.isActive():
            self._timer.start()

    def _flush_changes(self) -> None:
        if not (self._pending_ids or self._top_dirty):
            return
        if self._loading:  # a page is on its way: look again after it
            self._timer.start()
            return
        ids, self._pending_ids = self._pending_ids, set()
        top, self._top_dirty = self._top_dirty, False
        self._refreshing = True
        self.controller.run(self._refresh(ids, top), what="queue: live refresh")

    async def _refresh(self, ids: set[int], top: bool) -> None:
        try:
            if self.follow_top:
                await self._refresh_top()
            else:
                known = [i for i in ids if i in self._rows]
                if known:
                    await self.refresh_jobs(known)
                await self._load_count(self._generation)
        finally:
            if self._alive():
                self._refreshing = False
                if self._pending_ids or self._top_dirty:
                    self._arm()

    async def _refresh_top(self) -> None:
        """Read the top of the list again (as many rows as are loaded, up to REFRESH_LIMIT)."""
        generation = self._generation
        limit = min(max(self._next_offset, self.page_size), REFRESH_LIMIT)
        store = self._store()
        try:
            jobs = await store.query_jobs(self._query, offset=0, limit=limit)
            n, exact = await store.count_jobs_capped(self._query, COUNT_CAP)
        except Exception as exc:  # noqa: BLE001 - the store may be closing: said in the table, never a crash
            self._load_error(generation, exc)
            return
        if not self._alive() or generation != self._generation or self._loading:
            return
        same_rows = [j.id for j in jobs] == [j.id for j in self._jobs[: len(jobs)]] and (
            len(jobs) == len(self._jobs) or len(jobs) == limit)
        if same_rows:
            for row, job in enumerate(jobs):
                self._update_row(row, job)
        else:
            # The page restores the selection by job id around this reset (modelAboutToBeReset).
            self.beginResetModel()
            self._jobs = list(jobs)
            self._rows = {job.id: row for row, job in enumerate(self._jobs)}
            self._texts_cache.clear()
            self._tips_cache.clear()
            self._next_offset = len(jobs)
            self._after = self._key(jobs[-1]) if jobs else None
            self._exhausted = len(jobs) < limit
            self.endResetModel()
        self._set_count(n, exact)
        self.refreshed.emit()

    async def refresh_jobs(self, job_ids: Iterable[int]) -> None:
        """Re-read loaded rows of these jobs now and update them in place."""
        ids = [i for i in job_ids if i in self._rows]
        if not ids:
            return
        generation = self._generation
        try:
            jobs = await self._store().get_jobs(ids)
        except Exception as exc:  # noqa: BLE001 - the store may be closing: said in the table, never a crash
            self._load_error(generation, exc)
            return
        if not self._alive() or generation != self._generation:
            return
        for job in jobs:
            row = self._rows.get(job.id)
            if row is not None:
                self._update_row(row, job)

    def _update_row(self, row: int, job: Job) -> None:
        if self._jobs[row] == job:
            return
        self._jobs[row] = job
        self._texts_cache.pop(job.id, None)
        self._tips_cache.pop(job.id, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def retranslate(self) -> None:
        """The language changed: headers and every cached text are rendered again."""
        self._texts_cache.clear()
        self._tips_cache.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._jobs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._jobs) - 1, len(self.columns) - 1))

    # -- texts ----------------------------------------------------------------------------------------
    def _texts(self, job: Job) -> list[str]:
        texts = self._texts_cache.get(job.id)
        if texts is None:
            lang = self.lang
            texts = [column.value(job, lang) for column in self.columns]
            self._texts_cache[job.id] = texts
        return texts

    def _tooltip(self, job: Job) -> str:
        tip = self._tips_cache.get(job.id)
        if tip is None:
            tip = job_tooltip(job, self.lang)
            self._tips_cache[job.id] = tip
        return tip
