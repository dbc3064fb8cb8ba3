"""Which intermediary CNPJ an order carries to the store (docs/business-rules.md §6, NT 2020.006).

Marketplace sales must name the marketplace's CNPJ on the NF-e; an invalid one makes SEFAZ reject
the invoice. So the order's own value is used only when it is a valid CNPJ, and otherwise the
channel settings fill the gap. First match wins:

1. the order's ``sale_intermediary`` when valid              → source ``order``
2. the per-marketplace table entry for the order's channel   → source ``marketplace_table``
3. the channel's fallback CNPJ                               → source ``channel``
4. nothing → the job needs attention (``intermediary_cnpj_missing``), unless the user chose to
   integrate without an intermediary                         → source ``none``

An invalid value (on the order or in the settings) is never passed on; it is skipped and noted
as a warning so the order's detail view can say what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.marketplaces import loose_key, table_matches
from pluggto_desktop.domain.models import Order
from pluggto_desktop.text import PT, Text

Source = Literal["order", "marketplace_table", "channel", "none"]

SOURCE_ORDER: Source = "order"
SOURCE_MARKETPLACE_TABLE: Source = "marketplace_table"
SOURCE_CHANNEL: Source = "channel"
SOURCE_NONE: Source = "none"

REASON_MISSING = "intermediary_cnpj_missing"

# Warning codes recorded on the decision.
WARNING_ORDER_INVALID = "order_cnpj_invalid"
WARNING_TABLE_INVALID = "table_cnpj_invalid"
WARNING_FALLBACK_INVALID = "fallback_cnpj_invalid"
WARNING_PAYMENT_INVALID = "payment_intermediary_invalid"


@dataclass(frozen=True)
class IntermediaryDecision:
    """The outcome of :func:`resolve_intermediary`: the value, where it came from, and why."""

    cnpj: str | None  # normalised, 14 characters; None when none was found
    source: Source
    needs_attention: bool = False
    reason_code: str | None = None  # "intermediary_cnpj_missing" or None
    warnings: tuple[str, ...] = ()
    order_value: str | None = None  # what the order sent in sale_intermediary, as sent
    seller_id: str | None = None  # the order's intermediary_seller_id
    payment_intermediary: str | None = None  # normalised when valid, else None
    channel: str | None = None  # the order's channel, for messages
    invalid_table_value: str | None = None  # a table entry that was skipped for being invalid
    invalid_fallback_value: str | None = None  # the fallback, when skipped for being invalid
    table_key: str | None = None  # the table entry used, as the user typed it

    @property
    def matched_by_alias(self) -> bool:
        """True when the table entry names the marketplace differently from the order's channel
        ("Americanas" in the table, ``B2W`` on the order)."""
        return bool(self.table_key) and loose_key(self.table_key) != loose_key(self.channel)

    def reason_params(self) -> dict[str, str]:
        """Parameters for ``reasons.render(self.reason_code, …)``."""
        return {"marketplace": self.channel or "?"}

    def explain(self, lang: str = PT) -> str:
        """One or two plain sentences in pt-BR (``lang == PT``) or English: which value, and why."""
        sentence = self._main_sentence(lang)
        if self.invalid_table_value is not None:
            sentence += " " + _TABLE_SKIPPED(lang, channel=self.channel or "?",
                                             value=cnpj.format(self.invalid_table_value))
        if self.invalid_fallback_value is not None:
            sentence += " " + _FALLBACK_SKIPPED(lang, value=cnpj.format(self.invalid_fallback_value))
        return sentence

    def _main_sentence(self, lang: str) -> str:
        shown = cnpj.format(self.cnpj) if self.cnpj else ""
        if self.source == SOURCE_ORDER:
            return _FROM_ORDER(lang, value=shown)
        if self.order_value:
            why = _ORDER_INVALID(lang, value=cnpj.format(self.order_value))
        else:
            why = _ORDER_MISSING(lang)
        if self.source == SOURCE_MARKETPLACE_TABLE:
            table = _FROM_TABLE_BY_ALIAS if self.matched_by_alias else _FROM_TABLE
            used = table(lang, value=shown, entry=self.table_key or self.channel or "?", channel=self.channel or "?")
        elif self.source == SOURCE_CHANNEL:
            used = _FROM_CHANNEL(lang, value=shown)
        elif self.needs_attention:
            used = _NEEDS_ATTENTION(lang)
        else:
            used = _WITHOUT(lang)
        return f"{why}; {used}"


_FROM_ORDER = Text("CNPJ {value} informado no pedido pelo Plug.to.", "CNPJ {value} sent on the order by Plug.to.")
#: why the order's own value was not used (the sentence goes on after a ";")
_ORDER_INVALID = Text("O pedido trouxe um CNPJ inválido ({value})", "The order carried an invalid CNPJ ({value})")
_ORDER_MISSING = Text("O pedido não informou o CNPJ do intermediador", "The order carried no intermediary CNPJ")
#: which value was used instead; ``entry`` is the table's key as the merchant typed it
_FROM_TABLE = Text("usado o CNPJ da tabela por marketplace para {entry}: {value}.",
                   "used the per-marketplace table CNPJ for {entry}: {value}.")
_FROM_TABLE_BY_ALIAS = Text(
    "usado o CNPJ da tabela por marketplace para {entry}: {value} (o pedido veio do canal {channel}, outro nome "
    "do mesmo marketplace).",
    "used the per-marketplace table CNPJ for {entry}: {value} (the order came from channel {channel}, another "
    "name of the same marketplace).")
_FROM_CHANNEL = Text("usado o CNPJ padrão do canal {value}.", "used the channel's fallback CNPJ {value}.")
_NEEDS_ATTENTION = Text(
    "não há CNPJ do intermediador configurado para este marketplace nem CNPJ padrão no canal, então o pedido "
    "precisa de atenção.",
    "no intermediary CNPJ is configured for this marketplace and the channel has no fallback CNPJ, so the order "
    "needs attention.")
_WITHOUT = Text(
    "nenhum CNPJ configurado; o pedido segue sem intermediador, como permitido nas configurações do canal.",
    "no CNPJ is configured; the order goes without an intermediary, as the channel settings allow.")
_TABLE_SKIPPED = Text("O CNPJ da tabela para {channel} ({value}) é inválido e foi ignorado.",
                      "The table CNPJ for {channel} ({value}) is invalid and was skipped.")
_FALLBACK_SKIPPED = Text("O CNPJ padrão do canal ({value}) é inválido e foi ignorado.",
                         "The channel's fallback CNPJ ({value}) is invalid and was skipped.")


def marketplace_key(name: str | None) -> str:
    """A channel name reduced for loose comparison (see :func:`marketplaces.loose_key`)."""
    return loose_key(name)


def resolve_intermediary(
    order: Order,
    *,
    marketplace_table: dict[str, str] | None,
    fallback_cnpj: str | None,
    integrate_without: bool,
) -> IntermediaryDecision:
    """Decide the intermediary CNPJ for ``order`` (see the module docstring for the order)."""
    warnings: list[str] = []
    payment_intermediary = _payment_intermediary(order, warnings)
    skipped: dict[str, str | None] = {"invalid_table_value": None, "invalid_fallback_value": None}

    def decided(value: str | None, source: Source, table_key: str | None = None) -> IntermediaryDecision:
        attention = value is None and not integrate_without
        return IntermediaryDecision(
            cnpj=cnpj.normalize(value) if value is not None else None,
            source=source,
            needs_attention=attention,
            reason_code=REASON_MISSING if attention else None,
            warnings=tuple(warnings),
            order_value=order.sale_intermediary,
            seller_id=order.intermediary_seller_id,
            payment_intermediary=payment_intermediary,
            channel=order.channel,
            table_key=table_key,
            **skipped,
        )

    # 1. The order's own value, only when valid.
    order_value = order.sale_intermediary
    if order_value and cnpj.is_valid(order_value):
        return decided(order_value, SOURCE_ORDER)
    if order_value:
        warnings.append(WARNING_ORDER_INVALID)

    # 2. The per-marketplace table, through the marketplace's alias list (several keys may name
    #    the same marketplace: the first valid one wins).
    for match in table_matches(marketplace_table, order.channel):
        if cnpj.is_valid(match.value):
            return decided(match.value, SOURCE_MARKETPLACE_TABLE, match.key)
        if skipped["invalid_table_value"] is None and cnpj.normalize(match.value):
            skipped["invalid_table_value"] = match.value
            warnings.append(WARNING_TABLE_INVALID)

    # 3. The channel's fallback.
    if cnpj.is_valid(fallback_cnpj):
        return decided(fallback_cnpj, SOURCE_CHANNEL)
    if cnpj.normalize(fallback_cnpj):
        skipped["invalid_fallback_value"] = fallback_cnpj
        warnings.append(WARNING_FALLBACK_INVALID)

    # 4. Nothing usable.
    return decided(None, SOURCE_NONE)


def _payment_intermediary(order: Order, warnings: list[str]) -> str | None:
    """The payment institution's CNPJ, normalised, when valid. An invalid one is dropped (it would
    fail the NF-e just the same) and noted as a warning."""
    value = order.payment_intermediary
    if cnpj.is_valid(value):
        return cnpj.normalize(value)
    if value:
        warnings.append(WARNING_PAYMENT_INVALID)
    return None


__all__ = [
    "REASON_MISSING",
    "SOURCE_CHANNEL",
    "SOURCE_MARKETPLACE_TABLE",
    "SOURCE_NONE",
    "SOURCE_ORDER",
    "WARNING_FALLBACK_INVALID",
    "WARNING_ORDER_INVALID",
    "WARNING_PAYMENT_INVALID",
    "WARNING_TABLE_INVALID",
    "IntermediaryDecision",
    "marketplace_key",
    "resolve_intermediary",
]
