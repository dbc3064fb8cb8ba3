"""The sales channel's settings for people: which Plug.to statuses the setup offers, the other
names a marketplace row also covers, and what the setup warns about before saving. The rules
underneath are the domain's (``domain/status.py``, ``domain/marketplaces.py``); the views put
the warnings into words.
"""

from __future__ import annotations

from collections.abc import Sequence

from pluggto_desktop.domain.marketplaces import aliases_text  # the views read it from here
from pluggto_desktop.domain.status import KNOWN_STATUSES, status_label  # likewise
from pluggto_desktop.settings.model import ChannelSettings

#: The setup's warnings (the channel can be saved, but a person should know)
NO_FALLBACK_CNPJ = "no_fallback_cnpj"  # an order without a valid intermediary will wait
WITHOUT_INTERMEDIARY = "without_intermediary"  # such orders are created anyway: NF-e rejection 440
NO_ORDER_QUEUE = "no_order_queue"  # the store's invoices and shipping are not sent back to Plug.to


def sync_did_not_start(channel_state: str, engine_running: bool) -> bool:
    """True when the channel should be syncing (active, or paused: the engine runs and waits)
    but no engine runs: the settings were saved and the sync could not start with them (the
    service's ``config_problems`` say why)."""
    return channel_state in ("active", "paused") and not engine_running


def status_choices(selected: Sequence[str]) -> list[str]:
    """The statuses the setup lists to tick: every status Plug.to is known to send, in its
    order, then any the settings hold that is not one of them (so nothing saved is hidden)."""
    return list(KNOWN_STATUSES) + [s for s in selected if s not in KNOWN_STATUSES]


def channel_warnings(channel: ChannelSettings) -> list[str]:
    """What the setup warns about for these channel settings, in order."""
    found = []
    if not channel.fallback_cnpj and not channel.integrate_without_intermediary:
        found.append(NO_FALLBACK_CNPJ)
    if channel.integrate_without_intermediary:
        found.append(WITHOUT_INTERMEDIARY)
    if channel.order_queue_id is None:
        found.append(NO_ORDER_QUEUE)
    return found


__all__ = [
    "KNOWN_STATUSES",
    "NO_FALLBACK_CNPJ",
    "NO_ORDER_QUEUE",
    "WITHOUT_INTERMEDIARY",
    "aliases_text",
    "channel_warnings",
    "status_choices",
    "status_label",
    "sync_did_not_start",
]
