"""Marketplaces and the many names one marketplace goes by.

Plug.to's ``channel`` is written the way each integration wrote it: a recorded Mercado Livre order
says ``"MercadoLivre"``, while people type "Mercado Livre"; Americanas arrives as
``LOJASAMERICANAS``, ``B2W``, ``Americanas``, ``Submarino`` or ``Shoptime`` (docs/business-rules.md
§3.1). The per-marketplace CNPJ table (and later the per-marketplace deadlines) matches a channel
through **one** alias list, so a table entry typed "Americanas" applies to a ``B2W`` order.

Matching is loose (accents, case, spaces, dots, hyphens and underscores ignored), then by alias
group. ``MarketPlaceBrand`` in Linx still carries the channel verbatim: this module only decides
which *table entry* applies, and says which alias matched so the settings screen can show it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Marketplace:
    name: str  # how the app shows it
    aliases: tuple[str, ...]  # every spelling seen or likely, the name included


MARKETPLACES: tuple[Marketplace, ...] = (
    Marketplace("Mercado Livre", ("Mercado Livre", "MercadoLivre", "ML", "MLB", "Mercado Libre")),
    Marketplace("Americanas", ("Americanas", "LOJASAMERICANAS", "Lojas Americanas", "B2W", "Submarino",
                               "Shoptime", "Americanas Marketplace")),
    Marketplace("Magalu", ("Magalu", "MagazineLuiza", "Magazine Luiza")),
    Marketplace("Casas Bahia", ("Via", "ViaVarejo", "Via Varejo", "CasasBahia", "Casas Bahia", "PontoFrio",
                                "Ponto Frio", "Ponto", "Extra")),
    Marketplace("Carrefour", ("Carrefour",)),
    Marketplace("Netshoes", ("Netshoes", "Zattini")),
    Marketplace("Shopee", ("Shopee",)),
    Marketplace("Amazon", ("Amazon", "AmazonFBA", "Amazon FBA", "AmazonBR")),
    Marketplace("Shein", ("Shein",)),
    Marketplace("TikTok Shop", ("TikTokShop", "TikTok Shop", "TikTok")),
    Marketplace("Dafiti", ("Dafiti",)),
    Marketplace("Madeira Madeira", ("MadeiraMadeira", "Madeira Madeira")),
    Marketplace("Leroy Merlin", ("LeroyMerlin", "Leroy Merlin")),
    Marketplace("Centauro", ("Centauro",)),
    Marketplace("KaBuM!", ("Kabum", "KaBuM!")),
    Marketplace("Olist", ("Olist",)),
)


def loose_key(name: str | None) -> str:
    """A name reduced for loose comparison: "Mercado Livre", "MercadoLivre" and "mercado-livre"
    all give ``"mercadolivre"``. Accents, case, spaces, dots, hyphens, underscores and "!" are
    ignored, since people type the table by hand."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in without_accents.casefold() if c not in " .-_\t!")


_BY_ALIAS: dict[str, Marketplace] = {
    loose_key(alias): marketplace for marketplace in MARKETPLACES for alias in marketplace.aliases
}


def marketplace_of(name: str | None) -> Marketplace | None:
    """The marketplace a channel (or a table key) names, when it is one we know."""
    return _BY_ALIAS.get(loose_key(name))


def same_marketplace(a: str | None, b: str | None) -> bool:
    """True when two names mean the same marketplace: the same loose key, or aliases of one."""
    key_a, key_b = loose_key(a), loose_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    group = _BY_ALIAS.get(key_a)
    return group is not None and group is _BY_ALIAS.get(key_b)


@dataclass(frozen=True)
class TableMatch:
    """A table entry that applies to a channel, and why."""

    key: str  # the table key as the user typed it
    value: str
    channel: str  # the order's channel as Plug.to sent it
    marketplace: Marketplace | None  # the alias group that joined them (None: same loose name)

    @property
    def by_alias(self) -> bool:
        """True when the key and the channel are different names of one marketplace."""
        return loose_key(self.key) != loose_key(self.channel)


def table_matches(table: Mapping[str, str] | None, channel: str | None) -> list[TableMatch]:
    """Every table entry that applies to ``channel``, in the table's order."""
    if not table or not loose_key(channel):
        return []
    group = marketplace_of(channel)
    return [TableMatch(key, value, channel or "", group)
            for key, value in table.items() if same_marketplace(key, channel)]


def aliases_text(name: str | None, *, limit: int = 6) -> str:
    """"B2W, LOJASAMERICANAS, Submarino…": the other names a table key also covers ("" when none)."""
    group = marketplace_of(name)
    if group is None:
        return ""
    others = [a for a in group.aliases if loose_key(a) != loose_key(name)]
    shown = ", ".join(others[:limit])
    return shown + ("…" if len(others) > limit else "")


def duplicate_keys(keys: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of table keys that name the same marketplace (the second would never be used)."""
    seen: list[str] = []
    pairs = []
    for key in keys:
        for earlier in seen:
            if same_marketplace(earlier, key):
                pairs.append((earlier, key))
                break
        else:
            seen.append(key)
    return pairs


__all__ = [
    "MARKETPLACES",
    "Marketplace",
    "TableMatch",
    "aliases_text",
    "duplicate_keys",
    "loose_key",
    "marketplace_of",
    "same_marketplace",
    "table_matches",
]
