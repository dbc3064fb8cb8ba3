"""Conferência: what Plug.to and the store say about the same sales, compared.

A merchant's two fears are a sale that never reached the store and a sale the marketplace still
shows as not invoiced or not shipped. Neither panel cross-checks the two systems, and the
connector's queue only knows the orders it saw. :class:`AuditBook` takes every Plug.to order of
a period and every store order of the channel in (about) the same period and sorts each sale into
one class:

==================  ============================================================================
``ok``              in the store once, and acknowledged in Plug.to
``missing``         importable in Plug.to (approved…), not in the store
``not_acked``       in the store, but Plug.to has no ``external``/``ack`` for it
``duplicated``      the same sale in the store more than once
``status_behind``   invoiced/shipped/delivered/canceled in the store, not yet in Plug.to
``only_in_store``   a store order of the channel that Plug.to does not know (shown, never touched)
==================  ============================================================================

Pure and Qt-free; it holds a small projection of each order, never a payload, so an audit of
any size keeps about one page of payloads in memory (the reader's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pluggto_desktop.domain.jobs import state_label
from pluggto_desktop.domain.mapping import marketplace_brand, marketplace_order_number, original_order_id
from pluggto_desktop.domain.models import Order, parse_order, to_bool, to_str_or_none, to_timestamp
from pluggto_desktop.domain.reasons import render as render_reason
from pluggto_desktop.domain.status import is_importable, normalize_status
from pluggto_desktop.domain.status_back import InvalidStoreDataError, next_update, order_property, status_view
from pluggto_desktop.i18n import PT
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx.dates import parse_date as parse_store_date
from pluggto_desktop.text import Text, plural

OK, MISSING, NOT_ACKED, DUPLICATED, STATUS_BEHIND, ONLY_IN_STORE = (
    "ok", "missing", "not_acked", "duplicated", "status_behind", "only_in_store")
CLASSES: tuple[str, ...] = (MISSING, NOT_ACKED, DUPLICATED, STATUS_BEHIND, ONLY_IN_STORE, OK)
#: What ``--fix`` (and the app's buttons) may repair, and the class each repairs.
FIXES: dict[str, str] = {"missing": MISSING, "ack": NOT_ACKED, "status": STATUS_BEHIND}

_LABELS = {
    OK: Text("Conferido", "OK"),
    MISSING: Text("Faltando na loja", "Missing in the store"),
    NOT_ACKED: Text("Sem confirmação no Plug.to", "Not acknowledged in Plug.to"),
    DUPLICATED: Text("Duplicado na loja", "Duplicated in the store"),
    STATUS_BEHIND: Text("Status atrasado no Plug.to", "Status behind in Plug.to"),
    ONLY_IN_STORE: Text("Só na loja", "Only in the store"),
}
_STATUS_BEHIND = {
    "invoice": Text("A loja já informou a nota fiscal, o Plug.to ainda não.",
                       "The store has the invoice, Plug.to not yet."),
    "shipping": Text("A loja já informou o rastreio, o Plug.to ainda não.",
                        "The store has the tracking, Plug.to not yet."),
    "delivered": Text("A loja já informou a entrega, o Plug.to ainda não.",
                         "The store has the delivery, Plug.to not yet."),
    "canceled": Text("A loja já informou o cancelamento, o Plug.to ainda não.",
                     "The store has the cancellation, Plug.to not yet."),
}
_WHAT_DIFFERS = {
    MISSING: Text("Aprovado no Plug.to e não está na loja.", "Approved in Plug.to and not in the store."),
    "acked_without_order": Text(" O Plug.to o dá como confirmado, mas a loja não o tem.",
                                " Plug.to shows it as acknowledged, but the store does not have it."),
    "queue_knows": Text(" O aplicativo sabe: {known}.", " The app knows: {known}."),
    "store_lost_it": Text(" O aplicativo o criou na loja, que não o tem mais (apagado, ou a loja voltou um backup).",
                          " The app created it in the store, which no longer has it (deleted, or the store went "
                          "back to a backup)."),
    NOT_ACKED: Text("Está na loja (pedido {numbers}), mas o Plug.to não registrou a integração.",
                    "In the store (order {numbers}), but Plug.to has not recorded the integration."),
    DUPLICATED: Text("A mesma venda está {n} vezes na loja: pedidos {numbers}.",
                     "The same sale is in the store {n} times: orders {numbers}."),
    "invalid_nfe_key": Text("A loja faturou, mas a chave da NF-e não tem 44 dígitos: o Plug.to não a aceita.",
                            "The store invoiced, but the NF-e key does not have 44 digits: Plug.to refuses it."),
    STATUS_BEHIND: Text("A loja tem uma atualização que o Plug.to ainda não tem.",
                        "The store has an update Plug.to does not have yet."),
    ONLY_IN_STORE: Text("Pedido {numbers} do canal na loja, que o Plug.to não conhece (não é alterado).",
                        "Channel order {numbers} in the store that Plug.to does not know (left untouched)."),
    OK: Text("Na loja uma vez e confirmado no Plug.to.", "In the store once and acknowledged in Plug.to."),
}
_ALL_MATCH = plural("Tudo confere ({n} venda).", "Tudo confere ({n} vendas).",
                    "Everything matches ({n} sale).", "Everything matches ({n} sales).")
_COUNT = Text("{label}: {n}", "{label}: {n}")


def class_label(cls: str, lang: str = PT) -> str:
    label = _LABELS.get(cls)
    return label(lang) if label else cls


#: The fields of a Plug.to order :class:`PluggtoSale` reads.
_SALE_FIELDS = ("id", "order_id", "original_id", "channel", "status", "ack", "external", "created", "shipments")


@dataclass(frozen=True)
class PluggtoSale:
    """What the audit keeps of a Plug.to order."""

    id: str
    sale: tuple[str, str]  # (OriginalOrderID GUID, MarketPlaceBrand): the sale's key in the store
    number: str  # the marketplace's order number
    channel: str | None
    status: str
    ack: bool
    external: str | None
    created_at: float | None
    shipments: tuple[dict[str, Any], ...]  # id / nfe_key / track_code only: what status back compares

    @classmethod
    def of(cls, raw: dict[str, Any]) -> PluggtoSale:
        # Parsed by the import's own rules (parse_order, the mapping's key functions), but only
        # the fields the key and the comparison read: the buyer, items and payments are most of
        # an order and the audit reads thousands.
        order: Order = parse_order({key: raw[key] for key in _SALE_FIELDS if key in raw})
        shipments = tuple({"id": s.id, "nfe_key": s.nfe_key, "track_code": s.track_code} for s in order.shipments)
        return cls(id=order.id, sale=(original_order_id(order), marketplace_brand(order)),
                   number=marketplace_order_number(order), channel=order.channel, status=order.status,
                   ack=to_bool(raw.get("ack")), external=order.external,
                   created_at=order.created.timestamp() if order.created else None, shipments=shipments)

    @property
    def acknowledged(self) -> bool:
        return self.ack and bool(self.external)

    def as_pluggto_order(self) -> dict[str, Any]:
        """The little of the order :func:`next_update` reads."""
        return {"id": self.id, "status": self.status, "shipments": [dict(s) for s in self.shipments]}


@dataclass(frozen=True)
class StoreSale:
    """What the audit keeps of a store order (its status-back verdict is taken on the full order)."""

    order_id: str
    number: str | None
    sale: tuple[str, str]
    pluggto_id: str | None
    marketplace_number: str | None
    created_at: float | None

    @classmethod
    def of(cls, linx_order: dict[str, Any]) -> StoreSale:
        original = c.guid_text(linx_order.get(c.FIELD_ORIGINAL_ORDER_ID))
        return cls(order_id=c.guid_text(linx_order.get(c.ORDER_ID)),
                   number=to_str_or_none(linx_order.get(c.ORDER_NUMBER)),
                   sale=(original, str(linx_order.get(c.FIELD_MARKETPLACE_BRAND) or "")),
                   pluggto_id=order_property(linx_order, c.PROP_PLUGGTO_ORDER_ID),
                   marketplace_number=order_property(linx_order, c.PROP_MARKETPLACE_ORDER_NUMBER),
                   created_at=to_timestamp_linx(linx_order.get(c.ORDER_CREATED_DATE)))


#: The store order's fields :class:`StoreSale` reads.
_STORE_SALE_FIELDS = (c.ORDER_ID, c.ORDER_NUMBER, c.FIELD_ORIGINAL_ORDER_ID, c.FIELD_MARKETPLACE_BRAND,
                      c.ORDER_PROPERTIES, c.ORDER_CREATED_DATE)


def store_view(linx_order: dict[str, Any]) -> dict[str, Any]:
    """What the audit keeps of a full store order until it is judged: its identity and what
    status back reads (``status_view``), not its buyer, items and payments."""
    view = status_view(linx_order)
    view.update((key, linx_order[key]) for key in _STORE_SALE_FIELDS if key in linx_order)
    return view


def to_timestamp_linx(value: Any) -> float | None:
    """A store date (WCF or ISO, store time when naive) as unix time."""
    moment = parse_store_date(value)
    return moment.timestamp() if moment is not None else to_timestamp(value)


@dataclass
class Finding:
    """One sale that is not as it should be (or is: ``ok``), and what is known about it."""

    cls: str
    pluggto_id: str | None = None
    marketplace: str | None = None
    number: str | None = None  # the marketplace's order number
    store: list[StoreSale] = field(default_factory=list)
    lacking: str | None = None  # status_behind: the first step Plug.to lacks (invoice, shipping…)
    queue_state: str | None = None  # missing: what the local queue knows of the order…
    queue_reason: tuple[str, dict[str, Any]] | None = None  # …and why: (reason code, its params)
    note: str | None = None  # e.g. "acked_without_order", "invalid_nfe_key"

    @property
    def store_ids(self) -> list[str]:
        return [s.order_id for s in self.store]

    @property
    def store_numbers(self) -> list[str]:
        return [s.number or s.order_id for s in self.store]

    def queue_knowledge(self, lang: str = PT) -> str | None:
        """What the local queue knows of a missing order, in ``lang`` (its reason, else its state)."""
        if self.queue_reason is not None:
            return render_reason(self.queue_reason[0], self.queue_reason[1], lang).title
        return state_label(self.queue_state, lang) if self.queue_state else None

    def what_differs(self, lang: str = PT) -> str:
        """One line for a person: what is wrong with this sale."""
        numbers = ", ".join(self.store_numbers)
        if self.cls == MISSING:
            known = self.queue_knowledge(lang)
            acked = _WHAT_DIFFERS["acked_without_order"](lang) if self.note == "acked_without_order" else ""
            if self.queue_state == "integrated":
                why = _WHAT_DIFFERS["store_lost_it"](lang)
            else:
                why = _WHAT_DIFFERS["queue_knows"](lang, known=known) if known else ""
            return _WHAT_DIFFERS[MISSING](lang) + acked + why
        if self.cls == STATUS_BEHIND:
            if self.note == "invalid_nfe_key":
                return _WHAT_DIFFERS["invalid_nfe_key"](lang)
            return _STATUS_BEHIND.get(self.lacking or "", _WHAT_DIFFERS[STATUS_BEHIND])(lang)
        return _WHAT_DIFFERS.get(self.cls, _WHAT_DIFFERS[OK])(lang, numbers=numbers, n=len(self.store))

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of a finding (``audit --json``; docs/audit.md)."""
        return {
            "class": self.cls, "pluggto_id": self.pluggto_id, "marketplace": self.marketplace,
            "marketplace_order_number": self.number, "linx_order_ids": self.store_ids,
            "linx_order_numbers": [s.number for s in self.store], "lacking": self.lacking,
            "queue_state": self.queue_state, "note": self.note,
        }


class AuditBook:
    """Collects both sides and sorts the sales. Feed every Plug.to order first
    (:meth:`add_pluggto`), then the store's pages (:meth:`add_store`), then ask :meth:`findings`.

    ``window`` is the period audited (unix times): orders a reader returned from its margin around
    the period help matching, but are only judged when they belong to the period.
    """

    def __init__(self, window: tuple[float, float], import_statuses: Iterable[str]) -> None:
        self.window = window
        self.import_statuses = tuple(import_statuses)
        self.pluggto: dict[str, PluggtoSale] = {}
        self._by_sale: dict[tuple[str, str], PluggtoSale] = {}
        self._store: dict[tuple[str, str], list[StoreSale]] = {}
        self._behind: dict[tuple[str, str], tuple[str | None, str | None]] = {}  # sale → (lacking, note)
        self._unknown: list[StoreSale] = []  # store orders of no known Plug.to order

    # -- reading ------------------------------------------------------------------------------
    def add_pluggto(self, raw: dict[str, Any]) -> PluggtoSale | None:
        try:
            sale = PluggtoSale.of(raw)
        except ValueError:
            return None
        self.pluggto[sale.id] = sale
        self._by_sale.setdefault(sale.sale, sale)
        return sale

    def add_store(self, linx_order: dict[str, Any]) -> tuple[StoreSale, bool]:
        """Take a full store order: kept as a small projection, judged for status now. Returns
        the projection and whether a Plug.to order read so far owns it."""
        sale = StoreSale.of(linx_order)
        known = self.pluggto.get(sale.pluggto_id or "") or self._by_sale.get(sale.sale)
        if known is None:
            self._unknown.append(sale)
            return sale, False
        self._store.setdefault(known.sale, []).append(sale)
        if len(self._store[known.sale]) == 1:  # the first store order of the sale is the one acted on
            self._behind[known.sale] = _behind(linx_order, known)
        return sale, True

    def unknown_store_orders(self) -> list[StoreSale]:
        """Store orders no Plug.to order read so far owns (their Plug.to order may be older than the
        period: the caller may fetch those by the ``PluggtoOrderID`` they carry, then re-add)."""
        return list(self._unknown)

    def resolve_unknown(self, raw: dict[str, Any] | None, store_sale: StoreSale, linx_order: dict[str, Any]) -> None:
        """A store order's Plug.to order, fetched after the reading (None: Plug.to does not have it)."""
        if raw is None:
            return
        known = self.add_pluggto(raw)
        if known is not None:
            self._unknown.remove(store_sale)
            self._store.setdefault(known.sale, []).append(store_sale)
            if len(self._store[known.sale]) == 1:
                self._behind[known.sale] = _behind(linx_order, known)

    # -- judging --------------------------------------------------------------------------------
    def _in_window(self, moment: float | None) -> bool:
        return moment is None or self.window[0] <= moment <= self.window[1]

    def findings(self) -> list[Finding]:
        """Every sale of the period, classified (``ok`` included), most urgent classes first."""
        found: list[Finding] = []
        for sale in self.pluggto.values():
            if self._by_sale.get(sale.sale) is not sale:
                continue  # a second Plug.to order of one sale: the engine flags those itself
            stores = self._store.get(sale.sale, [])
            if not self._in_window(sale.created_at) and not any(self._in_window(s.created_at) for s in stores):
                continue
            base = Finding(OK, sale.id, sale.channel, sale.number, list(stores))
            if not stores:
                if is_importable(sale.status, self.import_statuses) and normalize_status(sale.status):
                    base.cls = MISSING
                    base.note = "acked_without_order" if sale.acknowledged else None
                    found.append(base)
                continue
            if len(stores) > 1:
                base.cls = DUPLICATED
            elif not sale.acknowledged:
                base.cls = NOT_ACKED
            else:
                lacking, note = self._behind.get(sale.sale, (None, None))
                if lacking or note:
                    base.cls, base.lacking, base.note = STATUS_BEHIND, lacking, note
            found.append(base)
        for store in self._unknown:
            if self._in_window(store.created_at):
                found.append(Finding(ONLY_IN_STORE, store.pluggto_id, store.sale[1] or None,
                                     store.marketplace_number, [store]))
        order = {cls: n for n, cls in enumerate(CLASSES)}
        return sorted(found, key=lambda f: (order[f.cls], f.marketplace or "", f.number or ""))


def _behind(linx_order: dict[str, Any], sale: PluggtoSale) -> tuple[str | None, str | None]:
    """The first step Plug.to lacks for this store order (status back's own rule)."""
    try:
        update = next_update(linx_order, sale.as_pluggto_order(), set())
    except InvalidStoreDataError as exc:
        return None, exc.code
    return (update.kind, None) if update is not None else (None, None)


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per class (every class present, zeros included)."""
    result = {cls: 0 for cls in CLASSES}
    for finding in findings:
        result[finding.cls] += 1
    return result


def summary_text(found: dict[str, int], lang: str = PT) -> str:
    """"3 faltando na loja; 1 duplicado na loja" — or that everything matches."""
    parts = [_COUNT(lang, label=class_label(cls, lang), n=n) for cls, n in found.items() if n and cls != OK]
    if not parts:
        return _ALL_MATCH(lang, found.get(OK, 0))
    return "; ".join(parts)


_FIXED_WORDS = {
    "missing": plural("{n} pedido enviado para a fila", "{n} pedidos enviados para a fila",
                      "{n} order queued", "{n} orders queued"),
    "ack": plural("{n} confirmação enviada ao Plug.to", "{n} confirmações enviadas ao Plug.to",
                  "{n} acknowledgement sent to Plug.to", "{n} acknowledgements sent to Plug.to"),
    "status": plural("{n} status reenviado", "{n} status reenviados",
                     "{n} status sent again", "{n} statuses sent again"),
}


def fixes_for(found: dict[str, int]) -> list[str]:
    """The repairs (``--fix`` names) the differences found call for, in their usual order."""
    return [name for name, cls in FIXES.items() if found.get(cls)]


def fixed_text(fixed: dict[str, int], lang: str = PT) -> str:
    """"1 pedido enviado para a fila; 2 status reenviados": what the repairs did."""
    return "; ".join(_FIXED_WORDS[name](lang, count) if name in _FIXED_WORDS else f"{name}: {count}"
                     for name, count in fixed.items())


__all__ = ["CLASSES", "DUPLICATED", "FIXES", "MISSING", "NOT_ACKED", "OK", "ONLY_IN_STORE", "STATUS_BEHIND",
           "AuditBook", "Finding", "PluggtoSale", "StoreSale", "class_label", "counts", "fixed_text", "fixes_for",
           "summary_text"]
