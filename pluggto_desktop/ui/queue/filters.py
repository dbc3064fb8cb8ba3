"""The queue's filters bar: the state (and deadline) filter with its counts, the marketplace,
the period and the search; the query they make; and, when a search finds nothing under a state
filter, how many it finds in the other states."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt

from pluggto_desktop.present import deadlines as present_deadlines
from pluggto_desktop.present import queue as present_queue
from pluggto_desktop.present.queue import state_label
from pluggto_desktop.service import JobQuery
from pluggto_desktop.ui.queue.formats import alive, format_int
from pluggto_desktop.ui.queue.look import state_icon

log = logging.getLogger("pluggto_desktop.ui.queue")
#: the state combo's item data for the deadline choices ("deadline:near"…)
DEADLINE_PREFIX = "deadline:"
SEARCH_DEBOUNCE_MS = 300
MARKETPLACES_DEBOUNCE_MS = 2000


class QueueFilters:
    """The filters of :class:`QueuePage` (a mixin: its texts are the page's)."""

    def _fill_state_combo(self) -> None:
        lang = self.controller.lang
        current = self.state_combo.currentData() if self.state_combo.count() else None
        self._updating = True
        try:
            self.state_combo.clear()
            self.state_combo.addItem(self.tr("All states"), None)
            for state in present_queue.STATES:
                text = state_label(state, lang)
                if state in self._counts:
                    text += f" ({format_int(self._counts[state], lang)})"
                self.state_combo.addItem(state_icon(state), text, state)
            if self.kind == "order":  # the deadline watch: orders close to / past their marketplace deadline
                for key, words in present_deadlines.FILTERS:
                    self.state_combo.addItem(words(lang), DEADLINE_PREFIX + key)
            if current is not None:
                self._select_state_item(current)
        finally:
            self._updating = False

    def _select_state_item(self, states: Any) -> None:
        """Select the item of these states (item data: the states joined by commas); a set of
        several states the combo does not list (a dashboard link) gets an item of its own."""
        if not states:
            self.state_combo.setCurrentIndex(0)
            return
        data = states if isinstance(states, str) else ",".join(states)
        index = self.state_combo.findData(data)
        if index < 0:
            lang = self.controller.lang
            self.state_combo.addItem(present_queue.states_label(data.split(","), lang), data)
            index = self.state_combo.count() - 1
        self.state_combo.setCurrentIndex(index)

    def state_filter(self) -> list[str] | None:
        data = self.state_combo.currentData()
        return data.split(",") if data and not data.startswith(DEADLINE_PREFIX) else None

    def deadline_filter(self) -> str | None:
        """``near``, ``late`` or ``watch`` when the combo shows a deadline choice."""
        data = self.state_combo.currentData()
        return data.removeprefix(DEADLINE_PREFIX) if data and data.startswith(DEADLINE_PREFIX) else None

    def _fill_date_combo(self) -> None:
        current = self.date_combo.currentData() if self.date_combo.count() else None
        self._updating = True
        try:
            self.date_combo.clear()
            for text, key in ((self.tr("Any date"), None), (self.tr("Today"), "today"),
                              (self.tr("Last 7 days"), "7d"), (self.tr("Last 30 days"), "30d")):
                self.date_combo.addItem(text, key)
            index = self.date_combo.findData(current) if current is not None else 0
            self.date_combo.setCurrentIndex(max(0, index))
        finally:
            self._updating = False

    # -- filters -------------------------------------------------------------------------------------
    def build_query(self) -> JobQuery:
        states = self.state_filter()
        date_from = present_queue.period_start(self.date_combo.currentData(), datetime.now())
        return replace(
            self.model.query,
            states=states,
            marketplace=self.marketplace_combo.currentData() if self.kind != "product" else None,
            date_from=date_from,
            date_to=None,
            search=self.search_edit.text().strip() or None,
            deadline=self.deadline_filter(),
            now=None,  # the store's clock at each read: an order turns late while the view is open
        )

    def _apply_query(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.build_query())
        self._update_actions()

    def _filters_changed(self, *_: Any) -> None:
        if not self._updating:
            self._apply_query()

    def _search_cleared(self, text: str) -> None:
        if not text and not self._updating and self.model.query.search:
            self._apply_query()  # the clear button: no need to wait

    def _focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def apply_filters(self, filters: dict[str, Any]) -> None:
        """Show the view a dashboard/tray link asks for. Keys: ``states`` (list), ``deadline``
        ("near", "late", "watch"), ``marketplace``,
        ``date`` ("today", "7d", "30d"), ``search``, ``job_id`` (selected when it appears).
        Filters not given are cleared, so the link shows exactly what it promised."""
        self._updating = True
        try:
            deadline = filters.get("deadline")
            self._select_state_item(DEADLINE_PREFIX + deadline if deadline else filters.get("states") or None)
            marketplace = filters.get("marketplace")
            if marketplace and self.marketplace_combo.findData(marketplace) < 0:
                self.marketplace_combo.addItem(marketplace, marketplace)
            self.marketplace_combo.setCurrentIndex(max(0, self.marketplace_combo.findData(marketplace))
                                                   if marketplace else 0)
            date_index = self.date_combo.findData(filters.get("date")) if filters.get("date") else 0
            self.date_combo.setCurrentIndex(max(0, date_index))
            self.search_edit.setText(str(filters.get("search") or ""))
        finally:
            self._updating = False
        if filters.get("job_id") is not None:
            self._select_after_load = int(filters["job_id"])
        self._apply_query()

    def refresh_marketplaces(self) -> None:
        if self.kind != "product":
            self.controller.run(self._load_marketplaces(), what="queue: marketplaces")

    async def _load_marketplaces(self) -> None:
        try:
            names = await self.controller.store.marketplace_names(self.kind)
        except Exception as exc:  # noqa: BLE001 - the store may be closing: the filters keep what they show
            log.warning("queue view: could not list marketplaces: %s", exc)
            return
        if not alive(self):
            return
        current = self.marketplace_combo.currentData()
        self._updating = True
        try:
            self.marketplace_combo.clear()
            self.marketplace_combo.addItem(self.tr("All marketplaces"), None)
            for name in names:
                self.marketplace_combo.addItem(name, name)
            if current and self.marketplace_combo.findData(current) < 0:
                self.marketplace_combo.addItem(current, current)
            self.marketplace_combo.setCurrentIndex(max(0, self.marketplace_combo.findData(current)) if current else 0)
        finally:
            self._updating = False

    async def _load_counts(self) -> None:
        try:
            counts = await self.controller.store.counts(self.kind)
        except Exception as exc:  # noqa: BLE001 - the store may be closing: the filters keep what they show
            log.warning("queue view: could not read the counts: %s", exc)
            return
        if alive(self):
            self._set_counts(counts)

    def _counts_changed(self, counts: dict) -> None:
        if self.kind in counts:
            self._set_counts(counts[self.kind])
            if not self._marketplaces_timer.isActive():
                self._marketplaces_timer.start()

    def _set_counts(self, counts: dict[str, int]) -> None:
        if counts == self._counts:
            return
        self._counts = dict(counts)
        lang = self.controller.lang
        for i in range(self.state_combo.count()):
            state = self.state_combo.itemData(i)
            if state and state in self._counts:
                self.state_combo.setItemText(i, f"{state_label(state, lang)} ({format_int(self._counts[state], lang)})")

    def _show_count(self, n: int, exact: bool) -> None:
        lang = self.controller.lang
        if self.kind == "product":
            text = self.tr("%n product(s)", "", n) if exact else self.tr("More than %n product(s)", "", n)
        else:
            text = self.tr("%n order(s)", "", n) if exact else self.tr("More than %n order(s)", "", n)
        self.count_label.setText(text.replace(str(n), format_int(n, lang), 1))

    def _load_failed(self, message: str) -> None:
        # the store's own words (English, technical) are for support: in the tooltip
        self.message.show_message(self.tr("Could not read the queue just now (the database may be busy or "
                                          "closing). Try again with Refresh (F5)."), "error", details=message)

    # -- nothing found here, something elsewhere -------------------------------------------------------
    def _check_elsewhere(self) -> None:
        """A search that finds nothing under a state filter: look in the other states, so the
        person learns the order exists ("Nenhum pedido em Precisa de atenção; 1 em outras
        situações — Mostrar")."""
        query = self.model.query
        if self._elsewhere_shown and self.message.isVisible() and self.message.text() == self._elsewhere_shown:
            self.message.hide()
        self._elsewhere_shown = None
        if self.model.rowCount() or not query.states or not (query.search or "").strip():
            return
        self._elsewhere_generation += 1
        self.controller.run(self._look_elsewhere(query, self._elsewhere_generation), what="queue: other states")

    async def _look_elsewhere(self, query: JobQuery, generation: int) -> None:
        try:
            n, _exact = await self.controller.store.count_jobs_capped(replace(query, states=None), 1000)
        except Exception as exc:  # noqa: BLE001 - the store may be closing
            log.warning("queue view: could not count the other states: %s", exc)
            return
        if not alive(self) or generation != self._elsewhere_generation or self.model.query != query \
                or self.model.rowCount() or not n:
            return
        lang = self.controller.lang
        states = "<i>" + present_queue.states_label(query.states, lang) + "</i>"
        if self.kind == "product":
            text = self.tr("No product in %1; %n in other states.", "", n)
        else:
            text = self.tr("No order in %1; %n in other states.", "", n)
        text = text.replace("%1", states)
        self.message.show_message(text, action=(self.tr("Show"), self._show_all_states))
        self._elsewhere_shown = self.message.text()

    def _show_all_states(self) -> None:
        """Clear the state filter, keeping the search and the other filters."""
        self.state_combo.setCurrentIndex(0)
