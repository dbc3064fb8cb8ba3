"""The columns of the queue tables: their titles, what each shows of a job (present/'s words,
Qt-free, so the CSV export writes them too), which of them sort, and a row's tooltip."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from pluggto_desktop.present import queue as present_queue
from pluggto_desktop.present.jobs import local_datetime, state_text
from pluggto_desktop.present.queue import pluggto_status_text, reason_column
from pluggto_desktop.service import SORTABLE, Job

#: ``index.data(JobRole)`` is the row's :class:`Job`.
JobRole = int(Qt.ItemDataRole.UserRole) + 1


@dataclass(frozen=True)
class Column:
    """One column of a queue table.

    ``title`` is the English source text (translated with context ``JobTableModel``; the
    titles are marked with literal contexts so lupdate finds them);
    ``sort_field`` a :data:`SORTABLE` column or None; ``value`` the display text (Qt-free);
    ``sample`` typical content, used for the initial width.
    """

    key: str
    title: str
    sort_field: str | None
    value: Callable[[Job, str], str]
    sample: str = ""
    numeric: bool = False


def _text(attr: str) -> Callable[[Job, str], str]:
    return lambda job, lang: getattr(job, attr) or ""


ORDER_COLUMNS: tuple[Column, ...] = (
    Column("marketplace", QT_TRANSLATE_NOOP("JobTableModel", "Marketplace"), "marketplace", _text("marketplace"),
           "MercadoLivre"),
    Column("marketplace_order_id", QT_TRANSLATE_NOOP("JobTableModel", "Order no."), "marketplace_order_id",
           _text("marketplace_order_id"), "702-1234567-1234567"),
    Column("buyer_name", QT_TRANSLATE_NOOP("JobTableModel", "Buyer"), "buyer_name", _text("buyer_name"),
           "Academia Corpo em Forma Ltda"),
    Column("pluggto_status", QT_TRANSLATE_NOOP("JobTableModel", "Plug.to status"), "pluggto_status",
           pluggto_status_text,
           "Nota fiscal solicitada"),
    Column("state", QT_TRANSLATE_NOOP("JobTableModel", "State"), "state", state_text, "Nova tentativa às 23:59"),
    Column("attempts", QT_TRANSLATE_NOOP("JobTableModel", "Attempts"), "attempts", lambda job, lang: str(job.attempts),
           "10", numeric=True),
    Column("linx_order_number", QT_TRANSLATE_NOOP("JobTableModel", "Linx order"), "linx_order_number",
           _text("linx_order_number"), "1234567"),
    Column("reason", QT_TRANSLATE_NOOP("JobTableModel", "Reason"), None, reason_column, "SKU não cadastrado na Linx"),
    Column("updated_at", QT_TRANSLATE_NOOP("JobTableModel", "Updated"), "updated_at",
           lambda job, lang: local_datetime(job.updated_at, lang), "31/12/2025 23:59"),
    Column("key", QT_TRANSLATE_NOOP("JobTableModel", "Plug.to ID"), "key", _text("key"), "0123456789abcdef01234567"),
)

PRODUCT_COLUMNS: tuple[Column, ...] = (
    Column("key", QT_TRANSLATE_NOOP("JobTableModel", "SKU"), "key", _text("key"), "CAM-AZUL-GG-2025"),
    Column("title", QT_TRANSLATE_NOOP("JobTableModel", "Product"), "title", _text("title"),
           "Camiseta básica de algodão azul"),
    Column("state", QT_TRANSLATE_NOOP("JobTableModel", "State"), "state", state_text, "Nova tentativa às 23:59"),
    Column("attempts", QT_TRANSLATE_NOOP("JobTableModel", "Attempts"), "attempts", lambda job, lang: str(job.attempts),
           "10", numeric=True),
    Column("reason", QT_TRANSLATE_NOOP("JobTableModel", "Reason"), None, reason_column,
           "CNPJ do intermediador ausente"),
    Column("updated_at", QT_TRANSLATE_NOOP("JobTableModel", "Updated"), "updated_at",
           lambda job, lang: local_datetime(job.updated_at, lang), "31/12/2025 23:59"),
)


def columns_for(kind: str) -> tuple[Column, ...]:
    return PRODUCT_COLUMNS if kind == "product" else ORDER_COLUMNS


def column_title(column: Column) -> str:
    return QCoreApplication.translate("JobTableModel", column.title)


for _column in ORDER_COLUMNS + PRODUCT_COLUMNS:  # a typo here would only show at run time
    assert _column.sort_field is None or _column.sort_field in SORTABLE, _column


def job_tooltip(job: Job, lang: str) -> str:
    """The full reason (title, message, what to do), or why the job waits / was ignored
    (present/queue.py decides what; the labels are Qt-translated here)."""
    translate = QCoreApplication.translate  # literal contexts: lupdate reads them
    tip = present_queue.job_tip(job, lang)
    parts: list[str] = []
    if tip.ignored_reason is not None:
        parts.append(translate("JobTableModel", "Ignored by the user: %1").replace("%1", tip.ignored_reason))
    if tip.reason is not None:
        parts.append(tip.reason.title)
        if tip.reason.message:
            parts.append(tip.reason.message)
        if tip.reason.hint:
            parts.append(translate("JobTableModel", "What to do: %1").replace("%1", tip.reason.hint))
    if tip.next_attempt is not None:
        parts.append(translate("JobTableModel", "Next attempt at %1").replace("%1", tip.next_attempt))
    if tip.last_error is not None:
        parts.append(translate("JobTableModel", "Last error: %1").replace("%1", tip.last_error))
    return "\n".join(parts)
