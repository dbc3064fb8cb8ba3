"""The merchant's actions on the queue: Reenviar, Ignorar (with a reason, undoable), Desfazer
ignorar, Importar pedido pelo ID, Copiar detalhes, and the table's right-click menu.

Each goes through the service (``controller.service``), which publishes the jobs' events: the
table and the detail pane follow them, as they follow the engine's. Which actions a selection
allows, and what an import's answer means, is ``present/``'s.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMenu

from pluggto_desktop.present import queue as present_queue
from pluggto_desktop.service import ImportLookup
from pluggto_desktop.ui.queue.dialogs import IgnoreDialog, ImportDialog
from pluggto_desktop.ui.queue.formats import alive


class QueueActions:
    """The actions of :class:`QueuePage` (a mixin: its texts are the page's)."""

    def _update_actions(self) -> None:
        enabled = present_queue.enabled_actions(self.current_job(), self.selected_jobs())
        self.act_retry.setEnabled(enabled.retry)
        self.act_retry_selected.setEnabled(enabled.retry_selected)
        self.act_ignore.setEnabled(enabled.ignore)
        self.act_unignore.setEnabled(enabled.unignore)
        self.act_copy.setEnabled(enabled.copy)
        self.act_export.setEnabled(self._export_cancel is None)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.act_retry, self.act_retry_selected, self.act_ignore, self.act_unignore):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.act_copy)
        copy_id = menu.addAction(self.tr("Copy Plug.to ID") if self.kind != "product" else self.tr("Copy SKU"))
        job = self.current_job()
        copy_id.setEnabled(job is not None)
        copy_id.triggered.connect(lambda: job and QGuiApplication.clipboard().setText(job.key))
        menu.addSeparator()
        menu.addAction(self.act_export)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def retry_current(self) -> None:
        job = self.current_job()
        if job is not None and present_queue.can_retry(job):
            self.controller.run(self.retry([job.id]), what=self.tr("Resend"))

    def retry_selected(self) -> None:
        ids = [job.id for job in self.selected_jobs() if present_queue.can_retry(job)]
        if ids:
            self.controller.run(self.retry(ids), what=self.tr("Resend selected"))

    def ignore_selected(self) -> None:
        ids = [job.id for job in self.selected_jobs() if present_queue.can_ignore(job)]
        if not ids:
            return
        dialog = IgnoreDialog(len(ids), self, kind=self.kind)
        dialog.submitted.connect(lambda reason: self.controller.run(self.ignore(ids, reason), what=self.tr("Ignore")))
        self._open_dialog(dialog)

    def unignore_selected(self) -> None:
        ids = [job.id for job in self.selected_jobs() if present_queue.can_unignore(job)]
        if ids:
            self.controller.run(self.unignore(ids), what=self.tr("Undo ignore"))

    def import_order(self) -> None:
        dialog = ImportDialog(self)
        dialog.submitted.connect(lambda text: self.controller.run(self.import_by_id(text),
                                                                  what=self.tr("Import order by Plug.to ID")))
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: QDialog) -> None:
        if alive(self._dialog):
            self._dialog.close()
        self._dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # never exec(): no nested event loop under qasync

    async def retry(self, job_ids: list[int]) -> int:
        count = await self.controller.service.retry(list(job_ids))
        if alive(self):  # the row follows the service's job event
            self.message.show_message(self._result_text("retry", count))
        return count

    async def ignore(self, job_ids: list[int], reason: str) -> int:
        reason = reason.strip()
        if not reason:
            raise ValueError("a reason is required to ignore")
        ignored = [job_id for job_id in job_ids if await self.controller.service.ignore(job_id, reason)]
        if alive(self):
            # reversible, so the message offers the way back at once
            self.message.show_message(self._result_text("ignore", len(ignored)),
                                      action=(self.tr("Undo"), lambda: self._undo_ignore(ignored)) if ignored
                                      else None)
        return len(ignored)

    def _undo_ignore(self, job_ids: list[int]) -> None:
        self.controller.run(self.unignore(job_ids), what=self.tr("Undo ignore"))

    async def unignore(self, job_ids: list[int]) -> int:
        count = 0
        for job_id in job_ids:
            count += bool(await self.controller.service.unignore(job_id))
        if alive(self):
            self.message.show_message(self._result_text("unignore", count))
        return count

    async def import_by_id(self, text: str) -> ImportLookup | None:
        key = text.strip()
        if not key:
            return None
        lookup: ImportLookup = await self.controller.service.import_order(key)
        if not alive(self):
            return lookup
        text, level = lookup.message(self.controller.lang), present_queue.lookup_level(lookup)
        if level == "info" and lookup.job_id is not None:  # being imported
            self.apply_filters({"search": key, "job_id": lookup.job_id})
            self.message.show_message(text)
            self._importing[lookup.job_id] = key  # the bar then says how it ended
        elif level == "warning":  # a suggestion
            self.message.show_message(text, level, action=self._suggestion_action(lookup))
        else:
            self.message.show_message(text, "error")
        return lookup

    def _suggestion_action(self, lookup: ImportLookup) -> tuple[str, Callable[[], None]] | None:
        """The button a suggestion offers: show the order already queued, or import the one
        Plug.to has under that marketplace number (only when there is exactly one)."""
        candidate = present_queue.lookup_offer(lookup)
        if candidate is None:
            return None
        if candidate.job_id is not None:
            return self.tr("Show it"), lambda: self.apply_filters({"search": candidate.pluggto_id,
                                                                    "job_id": candidate.job_id})
        return (self.tr("Import order %1").replace("%1", candidate.pluggto_id),
                lambda: self.controller.run(self.import_by_id(candidate.pluggto_id),
                                            what=self.tr("Import order by Plug.to ID")))

    def _import_outcome(self, payload: dict) -> None:
        """An order imported by id reached an outcome: replace "being imported" with it."""
        if not alive(self) or payload.get("job_id") not in self._importing:
            return
        state = payload.get("state")
        level = present_queue.import_outcome(state)
        if level is None:  # still on its way (queued, processing)
            return
        words = {
            "integrated": self.tr("Order %1 imported: it is in the store."),
            "needs_attention": self.tr("Order %1 was read but needs attention: see the reason below."),
            "waiting_payment": self.tr("Order %1 imported: waiting for the buyer's payment."),
            "canceled": self.tr("Order %1 imported: it was canceled on the marketplace."),
            "retry_wait": self.tr("Order %1: Plug.to or the store did not answer; it is retried automatically."),
        }
        key = self._importing.pop(payload["job_id"])
        self.message.show_message(words[str(state)].replace("%1", key), level)

    def _result_text(self, what: str, n: int) -> str:
        """The message after an action (literal tr() calls, so lupdate sees every text)."""
        if self.kind == "product":
            texts = {
                "retry": lambda: self.tr("%n product(s) sent to the queue again.", "", n),
                "ignore": lambda: self.tr("%n product(s) ignored.", "", n),
                "unignore": lambda: self.tr("%n product(s) back in the queue.", "", n),
            }
        else:
            texts = {
                "retry": lambda: self.tr("%n order(s) sent to the queue again.", "", n),
                "ignore": lambda: self.tr("%n order(s) ignored.", "", n),
                "unignore": lambda: self.tr("%n order(s) back in the queue.", "", n),
            }
        return texts[what]()

    def copy_details(self) -> None:
        if self.current_job() is not None:
            self.controller.run(self.copy_details_async(), what=self.tr("Copy details"))

    async def copy_details_async(self) -> str:
        job = self.current_job()
        if job is None:
            return ""
        if self.detail.job is not None and self.detail.job.id == job.id and self.detail._loaded_for == (
                job.id, job.updated_at):
            events = self.detail.events
        else:
            events = await self.controller.store.events(job.id)
        text = self.detail.details_text(job, events)
        QGuiApplication.clipboard().setText(text)
        self.message.show_message(self.tr("Details copied to the clipboard."))
        return text
