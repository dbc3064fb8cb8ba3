"""Importar pedido pelo ID: find the order the person means before anything is added.

People paste what they have at hand: the Plug.to id (24 hexadecimal characters), but just as
often the marketplace's order number from the marketplace's e-mail or panel. So:

1. the text is asked of Plug.to as an order id; when Plug.to has it, it is queued for import;
2. otherwise, if it is a marketplace number, the order is looked for by that number — in the
   local queue first, then in Plug.to's order list — and offered ("é o pedido … do Plug.to");
3. otherwise nothing is added, and the person is told so in words.

A job is only ever created for an order Plug.to really has: an id it does not know never leaves
a phantom order "needing attention" in the queue.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from pluggto_desktop.domain.models import to_str_or_none
from pluggto_desktop.domain.status import status_label
from pluggto_desktop.errors import BusinessError, CredentialError, SyncError
from pluggto_desktop.i18n import PT
from pluggto_desktop.store.jobs import AsyncStore, JobQuery
from pluggto_desktop.text import Text

log = logging.getLogger("pluggto_desktop.engine.importing")

_PLUGGTO_ID = re.compile(r"^[0-9a-f]{24}$")
#: Plug.to refuses a path segment with these; such text can only be a marketplace number.
_NOT_AN_ID = re.compile(r"[\s/?#%]")

IMPORTED, SUGGEST, NOT_FOUND, FAILED = "imported", "suggest", "not_found", "failed"

CANDIDATE = Text("pedido {pluggto_id} do Plug.to ({where}, {status})", "Plug.to order {pluggto_id} ({where}, {status})")
BEING_IMPORTED = Text("Pedido {text} sendo importado do Plug.to.", "Order {text} is being imported from Plug.to.")
LOOKUP_FAILED = Text("Não foi possível procurar o pedido {text}: {problem}",
                     "Could not look for order {text}: {problem}")
SEVERAL_CANDIDATES = Text(
    "O Plug.to não tem um pedido com o ID {text}, mas {count} pedidos têm esse número do marketplace: {found}. "
    "Confira no painel do Plug.to qual é o certo.",
    "Plug.to has no order with ID {text}, but {count} orders carry that marketplace number: {found}. Check in the "
    "Plug.to panel which one is right.")
ALREADY_QUEUED = Text("{text} é o número do marketplace do {candidate}, que já está na fila.",
                      "{text} is the marketplace number of {candidate}, already in the queue.")
ONE_CANDIDATE = Text("O Plug.to não tem um pedido com o ID {text}, mas esse é o número do marketplace do {candidate}.",
                     "Plug.to has no order with ID {text}, but it is the marketplace number of {candidate}.")
NOTHING_FOUND = Text(
    "O Plug.to não tem um pedido com o ID {text}, nem com esse número do marketplace. Nada foi adicionado à fila. "
    "Confira o ID no painel do Plug.to (24 letras e números).",
    "Plug.to has no order with ID {text}, nor with that marketplace number. Nothing was added to the queue. Check "
    "the ID in the Plug.to panel (24 letters and digits).")
CREDENTIALS_REFUSED = Text("o Plug.to recusou as credenciais; corrija-as em Configurações",
                           "Plug.to refused the credentials; fix them in Settings")
NO_ANSWER = Text("o Plug.to não respondeu; tente de novo em instantes", "Plug.to did not answer; try again in a moment")


def looks_like_pluggto_id(text: str) -> bool:
    """Plug.to order ids are 24 hexadecimal characters (MongoDB ObjectIds)."""
    return bool(_PLUGGTO_ID.match(text.strip()))


@dataclass(frozen=True)
class Candidate:
    """A Plug.to order whose marketplace number is the text the person typed."""

    pluggto_id: str
    marketplace: str | None
    marketplace_order_id: str | None
    status: str | None
    job_id: int | None = None  # set when the order is in the local queue already
    job_state: str | None = None

    def describe(self, lang: str) -> str:
        where = self.marketplace or "marketplace"
        status = status_label(self.status, lang) if self.status else "?"
        return CANDIDATE(lang, pluggto_id=self.pluggto_id, where=where, status=status)


@dataclass(frozen=True)
class ImportLookup:
    """How an import request ended, and what to tell the person."""

    outcome: str  # imported | suggest | not_found | failed
    text: str
    job_id: int | None = None
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    problem: tuple[str, str] | None = None  # (pt, en) when the lookup itself failed

    def message(self, lang: str = PT) -> str:
        text = self.text
        if self.outcome == IMPORTED:
            return BEING_IMPORTED(lang, text=text)
        if self.outcome == FAILED and self.problem:
            return LOOKUP_FAILED(lang, text=text, problem=self.problem[0] if lang == PT else self.problem[1])
        if self.outcome == SUGGEST:
            first = self.candidates[0]
            if len(self.candidates) > 1:
                found = "; ".join(c.describe(lang) for c in self.candidates)
                return SEVERAL_CANDIDATES(lang, text=text, count=len(self.candidates), found=found)
            if first.job_id is not None:
                return ALREADY_QUEUED(lang, text=text, candidate=first.describe(lang))
            return ONE_CANDIDATE(lang, text=text, candidate=first.describe(lang))
        return NOTHING_FOUND(lang, text=text)


async def look_up(text: str, *, store: AsyncStore, pluggto: Any) -> ImportLookup:
    """Find what ``text`` names and, when it is a Plug.to order, queue it (see the module doc)."""
    key = text.strip()
    try:
        if key and not _NOT_AN_ID.search(key) and await _exists(pluggto, key):
            result = await store.request_import(key)
            return ImportLookup(IMPORTED, key, job_id=result.job_id)
        candidates = await _by_marketplace_number(key, store=store, pluggto=pluggto)
    except CredentialError:
        return ImportLookup(FAILED, key, problem=CREDENTIALS_REFUSED.both())
    except SyncError as exc:
        log.info("import of %s: Plug.to could not be asked (%s)", key, exc)
        return ImportLookup(FAILED, key, problem=NO_ANSWER.both())
    if candidates:
        return ImportLookup(SUGGEST, key, candidates=tuple(candidates))
    log.info("import of %s: no such Plug.to order nor marketplace number; nothing added", key)
    return ImportLookup(NOT_FOUND, key)


async def _exists(pluggto: Any, key: str) -> bool:
    try:
        order = await pluggto.get_order(key)
    except BusinessError as exc:
        if exc.status == 404:
            return False
        raise
    return bool(order)


async def _by_marketplace_number(key: str, *, store: AsyncStore, pluggto: Any) -> list[Candidate]:
    """Orders whose marketplace number is ``key``: the queue's first (no call), then Plug.to's."""
    found: dict[str, Candidate] = {}
    for job in await store.list_jobs(JobQuery(kind="order", search=key), limit=10):
        if job.marketplace_order_id == key:
            found[job.key] = Candidate(job.key, job.marketplace, job.marketplace_order_id, job.pluggto_status,
                                       job.id, job.state)
    if found:
        return list(found.values())
    for order in await pluggto.find_orders_by_marketplace_number(key):
        ident = to_str_or_none(order.get("id"))
        if ident:
            found[ident] = Candidate(ident, to_str_or_none(order.get("channel")), key,
                                     to_str_or_none(order.get("status")))
    return list(found.values())


__all__ = ["FAILED", "IMPORTED", "NOT_FOUND", "SUGGEST", "Candidate", "ImportLookup", "look_up",
           "looks_like_pluggto_id"]
