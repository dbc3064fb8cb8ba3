"""Deadline watch: how long a marketplace gives to invoice and to ship, and which orders are close.

Marketplaces count from the sale's approval and penalise late invoices and late shipments. The
merchant sets, per marketplace (matched through the alias list of :mod:`domain.marketplaces`,
like the CNPJ table), the hours from approval to invoice and from approval to shipping; an order
with no entry gets the channel's defaults. The app's own defaults (24 h / 48 h) are a starting
point, not any marketplace's rule: the settings screen says so.

An order **integrated** in the store (it has a Linx order) and neither cancelled nor done with
that step is watched. Its next deadline is the invoice's until it is invoiced, then the
shipment's. It is **near** (*perto do prazo*) in the last :data:`WARN_SHARE` of the time between
approval and the deadline, and **late** (*atrasado*) from the deadline on.

Where the moments come from (nothing is fetched for this):

* approval: Plug.to's ``approved_date`` (``'2025-04-27T12:30:39.691Z'`` on a recorded Mercado
  Livre order list in a public TypeScript integration's test fixture,
  ``createPluggtoOrdersApiPayload``; the same orders carry ``expected_send_date``, ``nfe_date`` and
  ``date_shipped`` on shipments, and ``sla_ship: null``), else the date of the
  ``approved`` entry in ``status_history`` (entries carry ``status`` and ``date``; Plug.to's
  OpenCart module reads the last one: plugg-to/pluggto-opencart
  ``catalog/model/pluggto/pluggto.php``), else the order's ``created``;
* the marketplace's own ship-by date: ``expected_send_date`` on the same recorded orders. When
  present, the shipping deadline is the earlier of it and the merchant's hours;
* invoiced / shipped: what status back saw in the store (the invoice's ``IssuedAt``, a package's
  ``ShippedDate``), or Plug.to's own status and shipment dates (an ERP may invoice in Plug.to
  directly).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pluggto_desktop.domain.marketplaces import loose_key, same_marketplace
from pluggto_desktop.domain.models import to_timestamp
from pluggto_desktop.i18n import PT
from pluggto_desktop.text import Text, plural

INVOICE = "invoice"
SHIPPING = "shipping"
STEPS = (INVOICE, SHIPPING)

NEAR = "near"
LATE = "late"
WATCH_STATES = (NEAR, LATE)

#: The last quarter of the time between approval and a deadline is "perto do prazo".
WARN_SHARE = 0.25
#: The app's defaults (hours from approval). A starting point the merchant should adjust: every
#: marketplace has its own rules, which change with the seller's level and the shipping mode.
DEFAULT_INVOICE_HOURS = 24.0
DEFAULT_SHIPPING_HOURS = 48.0
#: Brasília is UTC−3 all year (no daylight saving since 2019).
BRASILIA_OFFSET_S = 3 * 3600
#: The longest deadline accepted (30 days): beyond it the watch means nothing.
MAX_HOURS = 720.0

#: Plug.to statuses that mean the invoice exists / the goods left (status back's steps).
_INVOICED_STATUSES = frozenset({"invoiced", "shipping_informed", "shipped", "delivered"})
_SHIPPED_STATUSES = frozenset({"shipping_informed", "shipped", "delivered"})
_CANCELLED_STATUSES = frozenset({"canceled", "cancelled"})
_NOT_APPROVED = frozenset({"", "pending", "waiting_payment", "under_review"}) | _CANCELLED_STATUSES


@dataclass(frozen=True)
class Rule:
    """Hours from approval to invoice and to shipping for one marketplace."""

    invoice_hours: float = DEFAULT_INVOICE_HOURS
    shipping_hours: float = DEFAULT_SHIPPING_HOURS


@dataclass(frozen=True)
class Rules:
    """The channel's deadlines: a default and per-marketplace entries (keys as the merchant
    typed them; matched loosely and by alias group)."""

    default: Rule = Rule()
    by_marketplace: tuple[tuple[str, Rule], ...] = ()

    @classmethod
    def from_settings(cls, invoice_hours: float, shipping_hours: float,
                      table: Mapping[str, Mapping[str, Any]] | None) -> Rules:
        default = Rule(float(invoice_hours), float(shipping_hours))
        entries = []
        for key, entry in (table or {}).items():
            entries.append((key, Rule(float(entry.get("invoice_hours", default.invoice_hours)),
                                      float(entry.get("shipping_hours", default.shipping_hours)))))
        return cls(default, tuple(entries))

    def for_marketplace(self, channel: str | None) -> Rule:
        if loose_key(channel):
            for key, rule in self.by_marketplace:
                if same_marketplace(key, channel):
                    return rule
        return self.default


@dataclass(frozen=True)
class Moments:
    """What the job knows about one order's clock (unix times; None = not known / not yet)."""

    approved_at: float | None
    invoiced_at: float | None = None
    shipped_at: float | None = None
    expected_send_at: float | None = None  # the marketplace's ship-by date, when Plug.to has it
    integrated: bool = True  # the order is in the store
    cancelled: bool = False


@dataclass(frozen=True)
class Deadline:
    """The next deadline an order must meet."""

    step: str  # INVOICE or SHIPPING
    due_at: float
    warn_at: float  # from here on it is "near"
    by_marketplace: bool = False  # the marketplace's own ship-by date set it

    def state(self, now: float) -> str | None:
        """``late``, ``near`` or None (on time)."""
        if now >= self.due_at:
            return LATE
        if now >= self.warn_at:
            return NEAR
        return None

    def next_change(self, now: float) -> float | None:
        """When :meth:`state` changes next (None: it is late and stays so)."""
        for moment in (self.warn_at, self.due_at):
            if moment > now:
                return moment
        return None


def next_deadline(moments: Moments, rule: Rule) -> Deadline | None:
    """The deadline this order has yet to meet, or None (not watched: not in the store, cancelled,
    approval unknown, or shipped)."""
    if not moments.integrated or moments.cancelled or moments.approved_at is None:
        return None
    start = moments.approved_at
    if moments.shipped_at is not None:
        return None
    if moments.invoiced_at is None:
        return _deadline(INVOICE, start, start + rule.invoice_hours * 3600)
    due = start + rule.shipping_hours * 3600
    marketplace_due = moments.expected_send_at
    if marketplace_due is not None and marketplace_due < due:
        return _deadline(SHIPPING, start, marketplace_due, by_marketplace=True)
    return _deadline(SHIPPING, start, due)


def _deadline(step: str, start: float, due: float, *, by_marketplace: bool = False) -> Deadline:
    warn = due - max(0.0, due - start) * WARN_SHARE
    return Deadline(step, due, warn, by_marketplace)


# -- reading the moments off a Plug.to order -------------------------------------------------------
def approved_at(order: Mapping[str, Any]) -> float | None:
    """When the sale was approved (see the module's sources), None when the order is not yet."""
    explicit = to_timestamp(order.get("approved_date"))
    if explicit is not None:
        return explicit
    for entry in order.get("status_history") or ():
        if isinstance(entry, dict) and str(entry.get("status") or "").lower() == "approved":
            moment = to_timestamp(entry.get("date"))
            if moment is not None:
                return moment
    if str(order.get("status") or "").lower() in _NOT_APPROVED:
        return None
    return to_timestamp(order.get("created"))


def expected_send_at(order: Mapping[str, Any]) -> float | None:
    """The marketplace's ship-by moment. A bare date means the whole day, in Brasília's time
    (UTC−3): never warn earlier than the marketplace would."""
    value = order.get("expected_send_date")
    if isinstance(value, str) and len(value.strip()) == 10:
        day = to_timestamp(value.strip())
        return None if day is None else day + 86400 - 1 + BRASILIA_OFFSET_S
    return to_timestamp(value)


def pluggto_progress(order: Mapping[str, Any]) -> dict[str, float | None]:
    """``invoiced_at`` / ``shipped_at`` as Plug.to shows them: the shipment's ``nfe_date`` /
    ``date_shipped`` when it has them (both on the recorded orders), else the order's last change
    when its status says so (the closest moment Plug.to gives), None when not yet."""
    status = str(order.get("status") or "").lower()
    shipments = [s for s in order.get("shipments") or () if isinstance(s, dict)]
    invoiced = next((to_timestamp(s.get("nfe_date")) for s in shipments if s.get("nfe_date")), None)
    shipped = next((to_timestamp(s.get("date_shipped")) for s in shipments if s.get("date_shipped")), None)
    changed = to_timestamp(order.get("modified")) or to_timestamp(order.get("created"))
    if invoiced is None and (status in _INVOICED_STATUSES or any(s.get("nfe_key") for s in shipments)):
        invoiced = changed
    if shipped is None and status in _SHIPPED_STATUSES:
        shipped = changed
    return {"invoiced_at": invoiced, "shipped_at": shipped}


def is_cancelled(*statuses: str | None) -> bool:
    return any(str(s or "").lower() in _CANCELLED_STATUSES for s in statuses)


# -- words ---------------------------------------------------------------------------------------------
_STATE_WORDS = {NEAR: Text("Perto do prazo", "Close to the deadline"), LATE: Text("Atrasado", "Late")}
_DESCRIBE = {
    (LATE, INVOICE): Text("Atrasado para faturar (prazo{whose} {when})", "Late to invoice (deadline{whose} {when})"),
    (LATE, SHIPPING): Text("Atrasado para enviar (prazo{whose} {when})", "Late to ship (deadline{whose} {when})"),
    (NEAR, INVOICE): Text("Perto do prazo para faturar (prazo{whose} {when})",
                          "Close to the deadline to invoice (deadline{whose} {when})"),
    (NEAR, SHIPPING): Text("Perto do prazo para enviar (prazo{whose} {when})",
                           "Close to the deadline to ship (deadline{whose} {when})"),
    (None, INVOICE): Text("No prazo para faturar (até {when})", "On time to invoice (by {when})"),
    (None, SHIPPING): Text("No prazo para enviar (até {when})", "On time to ship (by {when})"),
}
_BY_MARKETPLACE = Text(" do marketplace", " set by the marketplace")
_SUMMARY = {
    (LATE, INVOICE): plural("{n} pedido atrasado para faturar", "{n} pedidos atrasados para faturar",
                            "{n} order late to invoice", "{n} orders late to invoice"),
    (LATE, SHIPPING): plural("{n} pedido atrasado para enviar", "{n} pedidos atrasados para enviar",
                             "{n} order late to ship", "{n} orders late to ship"),
    (NEAR, INVOICE): plural("{n} pedido perto do prazo para faturar", "{n} pedidos perto do prazo para faturar",
                            "{n} order close to the deadline to invoice",
                            "{n} orders close to the deadline to invoice"),
    (NEAR, SHIPPING): plural("{n} pedido perto do prazo para enviar", "{n} pedidos perto do prazo para enviar",
                             "{n} order close to the deadline to ship", "{n} orders close to the deadline to ship"),
}


def state_label(state: str, lang: str = PT) -> str:
    return _STATE_WORDS[state](lang)


def describe(deadline: Deadline, now: float, lang: str = PT) -> str:
    """"Atrasado para faturar (prazo 02/12 14:00)" — the words for one order's deadline (local time)."""
    when = datetime.fromtimestamp(deadline.due_at).strftime("%d/%m %H:%M")
    whose = _BY_MARKETPLACE(lang) if deadline.by_marketplace else ""
    return _DESCRIBE[(deadline.state(now), deadline.step)](lang, whose=whose, when=when)


def summary_text(counts: Mapping[str, Mapping[str, int]], lang: str = PT) -> str:
    """"2 pedidos atrasados para faturar; 1 perto do prazo de envio" ("" when none)."""
    return "; ".join(_SUMMARY[(state, step)](lang, counts.get(step, {}).get(state, 0))
                     for state in (LATE, NEAR) for step in STEPS if counts.get(step, {}).get(state, 0))


def empty_counts() -> dict[str, dict[str, int]]:
    return {step: {NEAR: 0, LATE: 0} for step in STEPS}


def total(counts: Mapping[str, Mapping[str, int]], states: Iterable[str] = WATCH_STATES) -> int:
    return sum(counts.get(step, {}).get(state, 0) for step in STEPS for state in states)


__all__ = [
    "DEFAULT_INVOICE_HOURS", "DEFAULT_SHIPPING_HOURS", "INVOICE", "LATE", "MAX_HOURS", "NEAR", "SHIPPING", "STEPS",
    "WARN_SHARE", "WATCH_STATES", "Deadline", "Moments", "Rule", "Rules", "approved_at", "describe",
    "empty_counts", "expected_send_at", "is_cancelled", "next_deadline", "pluggto_progress", "state_label",
    "summary_text", "total",
]
