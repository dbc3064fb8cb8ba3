"""The Conferência for people: the rows of its list, the repair each class offers, its CSV, and
the Painel's line about the last automatic run (the classes and their words are
``domain/audit.py``'s)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pluggto_desktop.domain import audit as rules
from pluggto_desktop.domain.audit import (  # the views read the classes and words from here
    CLASSES,
    DUPLICATED,
    FIXES,
    MISSING,
    NOT_ACKED,
    OK,
    ONLY_IN_STORE,
    STATUS_BEHIND,
    Finding,
    class_label,
    fixed_text,
    summary_text,
)
from pluggto_desktop.text import Text, plural

#: The level (colour) of each class: a sale missing or doubled in the store is an error, a
#: repairable lag a warning, a store-only order information.
CLASS_LEVEL = {MISSING: "error", DUPLICATED: "error", NOT_ACKED: "warning", STATUS_BEHIND: "warning",
               ONLY_IN_STORE: "info", OK: "ok"}

#: The period presets of the page: (key, days back from now; None = the person's dates).
PRESETS: tuple[tuple[str, float | None], ...] = (("today", 0), ("7d", 7), ("30d", 30), ("custom", None))
PRESET_WORDS = {
    "today": Text("Hoje", "Today"),
    "7d": Text("Últimos 7 dias", "Last 7 days"),
    "30d": Text("Últimos 30 dias", "Last 30 days"),
    "custom": Text("Personalizado", "Custom"),
}

#: The list's columns, in the order a person reads a row: which sale, what is wrong, then the ids
#: (the Plug.to id last: support needs it, the merchant rarely does).
COLUMNS = (
    Text("Situação", "Finding"),
    Text("Marketplace", "Marketplace"),
    Text("Pedido no marketplace", "Marketplace order"),
    Text("O que difere", "What differs"),
    Text("Pedido na loja", "Store order"),
    Text("ID Plug.to", "Plug.to ID"),
)
#: The column that takes the room left (the others fit their content), and the one shown only in
#: a row's tooltip and the CSV (a 1024-pixel screen has no room for a 24-character id).
STRETCH_COLUMN = 3
HIDDEN_COLUMN = 5

#: The one action each class offers: (action key, button words). A repair writes only after the
#: person confirms; ``open`` shows the sale in Pedidos (the merchant decides about duplicates).
ACTIONS: dict[str, tuple[str, Text]] = {
    rules.MISSING: ("missing", Text("Enviar faltantes para a fila", "Queue the missing orders")),
    rules.NOT_ACKED: ("ack", Text("Confirmar no Plug.to", "Acknowledge in Plug.to")),
    rules.STATUS_BEHIND: ("status", Text("Reenviar status", "Send the status again")),
    rules.DUPLICATED: ("open", Text("Abrir nos Pedidos", "Open in Orders")),
}
CONFIRM = {
    "missing": plural("Enviar {n} pedido faltante para a fila? Ele é procurado na loja antes de ser criado (nunca "
                      "em dobro).",
                      "Enviar {n} pedidos faltantes para a fila? Cada um é procurado na loja antes de ser criado "
                      "(nunca em dobro).",
                      "Queue {n} missing order? It is looked up in the store before it is created (never twice).",
                      "Queue {n} missing orders? Each is looked up in the store before it is created (never twice)."),
    "ack": plural("Confirmar {n} pedido no Plug.to com o número do pedido na loja?",
                  "Confirmar {n} pedidos no Plug.to com o número do pedido na loja?",
                  "Acknowledge {n} order in Plug.to with the store's order number?",
                  "Acknowledge {n} orders in Plug.to with the store's order numbers?"),
    "status": plural("Enviar de novo ao Plug.to o status que a loja mostra para {n} pedido?",
                     "Enviar de novo ao Plug.to o status que a loja mostra para {n} pedidos?",
                     "Send Plug.to the status the store shows for {n} order again?",
                     "Send Plug.to the status the store shows for {n} orders again?"),
}


@dataclass(frozen=True)
class Row:
    cls: str
    cells: tuple[str, ...]
    pluggto_id: str | None
    store_ids: tuple[str, ...]
    action: str | None


def rows(findings: list[Finding], lang: str) -> list[Row]:
    """The list's rows: every finding that is not ``ok``, most urgent first."""
    return [Row(f.cls, _cells(f, lang), f.pluggto_id, tuple(f.store_ids), ACTIONS.get(f.cls, (None,))[0])
            for f in findings if f.cls != rules.OK]


def _cells(finding: Finding, lang: str) -> tuple[str, ...]:
    return (rules.class_label(finding.cls, lang), finding.marketplace or "", finding.number or "",
            finding.what_differs(lang), ", ".join(finding.store_numbers), finding.pluggto_id or "")


def csv_text(findings: list[Finding], lang: str) -> str:
    """The list as CSV (``;``-separated, as spreadsheets in Brazil open it), headers in ``lang``.
    No personal data: the audit keeps none."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column(lang) for column in COLUMNS])
    for row in rows(findings, lang):
        writer.writerow(row.cells)
    return out.getvalue()


_LAST = {
    True: Text("Última conferência automática ({when}): {summary}", "Last automatic audit ({when}): {summary}"),
    False: Text("Última conferência ({when}): {summary}", "Last audit ({when}): {summary}"),
}
NEVER = Text("Nenhuma conferência ainda: a primeira roda esta noite às 03:00, ou agora pela Conferência.",
             "No audit yet: the first runs tonight at 03:00, or now from the Audit page.")


def last_audit_line(summary: dict[str, Any] | None, lang: str) -> tuple[str, bool]:
    """The Painel's line about the last Conferência, and whether it found differences."""
    if not summary:
        return NEVER(lang), False
    counts = summary.get("counts") or {}
    differences = sum(n for cls, n in counts.items() if cls != rules.OK)
    at = summary.get("at")
    when = datetime.fromtimestamp(float(at)).strftime("%d/%m %H:%M") if isinstance(at, (int, float)) else "?"
    text = _LAST[bool(summary.get("automatic"))](
        lang, when=when, summary=rules.summary_text(counts, lang))
    return text, differences > 0


__all__ = [
    "ACTIONS", "CLASSES", "CLASS_LEVEL", "COLUMNS", "CONFIRM", "DUPLICATED", "FIXES", "HIDDEN_COLUMN", "MISSING",
    "NEVER", "NOT_ACKED", "OK", "ONLY_IN_STORE", "PRESETS", "PRESET_WORDS", "STATUS_BEHIND", "STRETCH_COLUMN", "Row",
    "class_label", "csv_text", "fixed_text", "last_audit_line", "rows", "summary_text",
]
