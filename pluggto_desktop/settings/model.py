"""What the settings hold: one plain dataclass per section of the file, gathered in :class:`Settings`.

The sections are ``pluggto``, ``linx``, ``channel``, ``engine``, ``ui`` and ``network``, written
in that order (:data:`SECTIONS`). Each keeps the keys this version does not know in
``unknown_keys``, so a file saved by a newer version survives a round trip through an older one.
Secrets are never settings: they live in the password vault (``secrets.py``).

Reading and writing the file: :mod:`.storage`; what a value may be: :mod:`.validation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.deadlines import DEFAULT_INVOICE_HOURS, DEFAULT_SHIPPING_HOURS
from pluggto_desktop.domain.status import DEFAULT_IMPORT_STATUSES
from pluggto_desktop.i18n import EN, PT, normalize_language

# the proxy modes live with the other network rules, below the HTTP plumbing that reads them too
from pluggto_desktop.network_rules import PROXY_MODES

#: Layout version written by this code. Bump it and add a step to MIGRATIONS when the layout changes.
SCHEMA_VERSION = 3

CHANNEL_STATES = ("installed", "configured", "active", "paused")
LANGUAGE_CHOICES = ("auto", PT, EN)
NOTIFICATION_MODES = ("all", "errors", "off")
#: Linx SKU price fields a channel can read prices from (docs/linx-contract.md, product JSON).
PRICE_FIELDS = ("ListPrice", "RetailPrice")

#: Name of the dataclass field that keeps a section's unknown keys (never written as a key).
UNKNOWN_KEYS_FIELD = "unknown_keys"


def _unknown_keys() -> Any:
    return field(default_factory=dict, repr=False, compare=False)


# --- Sections -------------------------------------------------------------------------------


@dataclass
class PluggtoSettings:
    """The Plug.to account (the setup's first step). Client secret and password: keyring."""

    api_url: str = "https://api.plugg.to"
    client_id: str = ""
    username: str = ""  # the seller's API user, not the panel login
    user_id: str | None = None  # learnt from the ``user_id`` of the first order read
    unknown_keys: dict[str, Any] = _unknown_keys()


@dataclass
class LinxSettings:
    """The Linx Commerce store (the setup's second step). The password/key: keyring."""

    url_or_tenant: str = ""  # a tenant name ("minhaloja") or a full URL (simulator, proxies)
    user: str = ""
    homologation: bool = False
    unknown_keys: dict[str, Any] = _unknown_keys()


@dataclass
class ChannelSettings:
    """The sales channel (the setup's third step): what to import, the intermediary CNPJ, product rules."""

    website_id: int | None = None
    import_statuses: list[str] = field(default_factory=lambda: list(DEFAULT_IMPORT_STATUSES))
    order_queue_id: int | None = None
    product_queue_id: int | None = None
    fallback_cnpj: str | None = None  # stored normalised, bare: "03007331000141"
    marketplace_cnpjs: dict[str, str] = field(default_factory=dict)  # "MercadoLivre" -> CNPJ
    integrate_without_intermediary: bool = False
    # the deadline watch (domain/deadlines.py): hours from approval, the app's defaults, and
    # per-marketplace entries {"Shopee": {"invoice_hours": 24, "shipping_hours": 48}}
    deadline_invoice_hours: float = DEFAULT_INVOICE_HOURS
    deadline_shipping_hours: float = DEFAULT_SHIPPING_HOURS
    marketplace_deadlines: dict[str, dict[str, float]] = field(default_factory=dict)
    warehouse_id: int = 1
    stock_reserve: int = 0  # units held back from Plug.to
    price_field: str = "ListPrice"  # Plug.to "price"
    special_price_field: str = "RetailPrice"  # Plug.to "special_price" (the sale price)
    only_active_products: bool = True
    include_categories: list[str] = field(default_factory=list)
    exclude_categories: list[str] = field(default_factory=list)
    include_brands: list[str] = field(default_factory=list)
    exclude_brands: list[str] = field(default_factory=list)
    attribute_map: dict[str, str] = field(default_factory=dict)  # Linx property -> Plug.to code
    state: str = "installed"  # one of CHANNEL_STATES
    paused_until: str | None = None  # ISO-8601 datetime; None = paused until resumed
    unknown_keys: dict[str, Any] = _unknown_keys()

    def __post_init__(self) -> None:
        self.normalize_cnpjs()

    def normalize_cnpjs(self) -> None:
        """Store every CNPJ bare and upper-case ("12.abc.345/01de-35" -> "12ABC34501DE35")."""
        if isinstance(self.fallback_cnpj, str):
            self.fallback_cnpj = cnpj.normalize(self.fallback_cnpj) or None
        if isinstance(self.marketplace_cnpjs, dict):
            self.marketplace_cnpjs = {
                name: cnpj.normalize(value) if isinstance(value, str) else value
                for name, value in self.marketplace_cnpjs.items()
            }


@dataclass
class EngineSettings:
    """How the sync engine runs."""

    listener_enabled: bool = True
    listener_host: str = "127.0.0.1"
    listener_port: int = 8787
    # The secret last segment of the listener's path (/pluggto/notifications/<token>), made once
    # per profile (ensure_listener_token). It lives here and not in the password vault because
    # it is not a credential for anything: it is part of the address the merchant copies into
    # Plug.to, so the app, `status` and support must be able to show it, and whoever can read
    # this file can read the Plug.to panel's copy too. Leaking it allows forged notifications,
    # which only make the engine re-read an order from Plug.to. It is still kept out of logs
    # and diagnostics (registered with the log redactor, scrubbed from bundles).
    listener_token: str | None = None
    # The address Plug.to reaches the listener at, when something sits in front of it (an HTTPS
    # reverse proxy, a tunnel): "https://pedidos.minhaloja.com.br". Its host name is accepted in
    # the Host header and the URL to register is built on it.
    listener_public_url: str | None = None
    poll_interval_s: int = 60
    first_run_lookback_days: int = 7
    max_attempts: int = 8
    retry_base_s: float = 5.0
    auto_retry: bool = True
    concurrency: int = 4
    log_history_writeback: bool = True  # write reasons into Plug.to's log_history
    payload_retention_days: int = 30
    product_reconcile_hour: int = 3  # full product reconcile nightly at 03:00 local time
    product_sync_enabled: bool = True
    unknown_keys: dict[str, Any] = _unknown_keys()


@dataclass
class UiSettings:
    language: str = "auto"  # "auto" | "pt_BR" | "en"
    start_minimized: bool = False
    notifications: str = "errors"  # "all" | "errors" | "off"
    tray_hint_shown: bool = False
    muted_until: str | None = None  # ISO-8601 datetime
    #: the queue columns the person chose, left to right (None: the app's default set)
    order_columns: list[str] | None = None
    product_columns: list[str] | None = None
    unknown_keys: dict[str, Any] = _unknown_keys()

    def __post_init__(self) -> None:
        # Accept the usual spellings ("pt-BR", "pt", "en_US") and store the canonical one.
        if isinstance(self.language, str) and self.language not in LANGUAGE_CHOICES:
            lowered = self.language.strip().lower()
            if lowered.startswith("pt"):
                self.language = PT
            elif lowered.startswith("en"):
                self.language = EN


@dataclass
class NetworkSettings:
    proxy_mode: str = "system"  # "system" | "manual" | "none"
    proxy_url: str | None = None  # without user/password
    proxy_exclusions: list[str] = field(default_factory=list)
    extra_ca_file: str | None = None  # a PEM file trusted in addition to the system's store
    unknown_keys: dict[str, Any] = _unknown_keys()


#: The sections of the file, in the order they are written.
SECTIONS: dict[str, type] = {
    "pluggto": PluggtoSettings,
    "linx": LinxSettings,
    "channel": ChannelSettings,
    "engine": EngineSettings,
    "ui": UiSettings,
    "network": NetworkSettings,
}


@dataclass
class Settings:
    schema_version: int = SCHEMA_VERSION
    pluggto: PluggtoSettings = field(default_factory=PluggtoSettings)
    linx: LinxSettings = field(default_factory=LinxSettings)
    channel: ChannelSettings = field(default_factory=ChannelSettings)
    engine: EngineSettings = field(default_factory=EngineSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    network: NetworkSettings = field(default_factory=NetworkSettings)
    unknown_keys: dict[str, Any] = _unknown_keys()

    @property
    def channel_state(self) -> str:
        """The state shown to the user; see :func:`.readiness.channel_state`."""
        # imported here: the rule needs the validation, which is built on this model
        from pluggto_desktop.settings.readiness import channel_state

        return channel_state(self)

    @property
    def language(self) -> str:
        """The UI language actually in use ("auto" resolved against the system)."""
        return normalize_language(self.ui.language)


__all__ = [
    "CHANNEL_STATES",
    "LANGUAGE_CHOICES",
    "NOTIFICATION_MODES",
    "PRICE_FIELDS",
    "PROXY_MODES",
    "SCHEMA_VERSION",
    "SECTIONS",
    "UNKNOWN_KEYS_FIELD",
    "ChannelSettings",
    "EngineSettings",
    "LinxSettings",
    "NetworkSettings",
    "PluggtoSettings",
    "Settings",
    "UiSettings",
]
