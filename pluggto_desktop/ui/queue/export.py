"""The CSV export of a queue view: every row of the view (filters, search and sort), not only
the loaded ones, streamed a page at a time without blocking the window.

The pages are read through the service (``AppService.job_pages``: one query on the store's
thread per page); each page is written on a worker thread. Only what the table shows — never
payloads — and no cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import asyncio
import csv
import logging
import os
import re
import threading
from collections.abc import AsyncIterable, Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from pluggto_desktop.explain import explain_exception
from pluggto_desktop.i18n import PT
from pluggto_desktop.service import Job
from pluggto_desktop.ui.queue.columns import Column, column_title
from pluggto_desktop.ui.queue.formats import alive

log = logging.getLogger("pluggto_desktop.ui.queue")


class ExportCanceledError(Exception):
    """The user canceled a CSV export (the partial file was removed)."""


# What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"): a buyer named
# ``=HYPERLINK("http://…","Clique")`` must stay a name when the merchant opens the export.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)*$")


def spreadsheet_safe(text: Any) -> Any:
    """``text`` as a cell no spreadsheet evaluates: a leading ``'`` before ``= + - @``, a tab or
    a carriage return, as spreadsheet-safe exporters do. A plain number ("-3", "+55 11…" is not
    one) stays as it is: it cannot be a formula, and a negative amount must remain a number."""
    if isinstance(text, str) and text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


async def write_csv(
    path: Path | str,
    pages: AsyncIterable[list[Job]],
    columns: Sequence[Column],
    header: Sequence[str],
    lang: str,
    *,
    delimiter: str = ";",
    cancel: threading.Event | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the jobs of ``pages`` to CSV; returns the rows written.

    UTF-8 with a BOM, so Excel shows accents. Written to ``path.part`` and renamed at the end, so
    a failed or canceled export never leaves half a file under the chosen name. The file is
    opened, written and closed on worker threads: the event loop (the window) never waits on the
    disk nor on the formatting of a page.
    """
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    written = 0
    handle = await asyncio.to_thread(open, partial, "w", encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(handle, delimiter=delimiter)
        await asyncio.to_thread(writer.writerow, [spreadsheet_safe(title) for title in header])
        async for page in pages:
            if cancel is not None and cancel.is_set():
                raise ExportCanceledError()
            await asyncio.to_thread(_write_page, writer, page, columns, lang)
            written += len(page)
            if progress is not None:
                progress(written)
        await asyncio.to_thread(handle.close)
        os.replace(partial, target)
        return written
    except BaseException:
        handle.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        close = getattr(pages, "aclose", None)  # the reading stops with the writing
        if close is not None:
            await close()


def _write_page(writer: Any, page: list[Job], columns: Sequence[Column], lang: str) -> None:
    writer.writerows([spreadsheet_safe(column.value(job, lang)) for column in columns] for job in page)


class QueueExport:
    """The page's "Exportar CSV…" (a mixin of :class:`QueuePage`: its texts are the page's)."""

    def export_csv(self) -> None:
        if self._export_cancel is not None:
            return
        name = (self.tr("products") if self.kind == "product" else self.tr("orders")) + \
            datetime.now().strftime("-%Y-%m-%d-%H%M") + ".csv"
        dialog = QFileDialog(self, self.tr("Export CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(str(Path.home() / name))
        dialog.fileSelected.connect(
            lambda path: self.controller.run(self.export_to(path), what=self.tr("Export CSV")))
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()  # never the static getSaveFileName: it runs a nested loop

    async def export_to(self, path: str | Path) -> int:
        """Write the current view (filters, search, sort) to ``path``; returns the rows written."""
        if self._export_cancel is not None:
            self.message.show_message(self.tr("An export is already running."), "warning")
            return 0
        query, columns, lang = self.model.query, self.model.columns, self.controller.lang
        header = [column_title(column) for column in columns]
        cancel = threading.Event()
        self._export_cancel = cancel
        self._update_actions()
        total = self.model.total if self.model.total_exact else None
        self.message.show_progress(self.tr("Exporting to %1…").replace("%1", str(path)), total)

        def progress(n: int) -> None:
            if alive(self.message):
                self.message.set_progress(n)

        try:
            written = await write_csv(path, self.controller.service.job_pages(query, page_size=1000), columns,
                                      header, lang, delimiter=";" if lang == PT else ",", cancel=cancel,
                                      progress=progress)
        except ExportCanceledError:
            if alive(self):
                self.message.show_message(self.tr("Export canceled."), "warning")
            return 0
        except Exception as exc:  # noqa: BLE001 - said on the page and logged; the export never takes the window down
            log.warning("queue view: export to %s failed: %s", path, exc)
            if alive(self):
                explanation = explain_exception(exc, self.controller.lang)
                self.message.show_message(self.tr("Could not export: %1").replace("%1", explanation.text), "error",
                                          details=explanation.technical)
            return 0
        finally:
            if alive(self):
                self._export_cancel = None
                self._update_actions()
        if alive(self):
            text = self._plural_export(written).replace("%1", str(path))
            self.message.show_message(text, timeout_ms=0)
        return written

    def _plural_export(self, n: int) -> str:
        if self.kind == "product":
            return self.tr("%n product(s) exported to %1.", "", n)
        return self.tr("%n order(s) exported to %1.", "", n)

    def _cancel_export(self) -> None:
        if self._export_cancel is not None:
            self._export_cancel.set()

