"""Build a working engine from a profile: settings + secrets → clients → store → engine.

Used by the CLI (``sync``) and the desktop app, so both run exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from pluggto_desktop.domain.deadlines import Rules as DeadlineRules
from pluggto_desktop.domain.products import ProductRules
from pluggto_desktop.engine.bus import EngineBus
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.engine.engine import Engine
from pluggto_desktop.errors import ConfigError
from pluggto_desktop.i18n import PT
from pluggto_desktop.linx.client import LinxClient
from pluggto_desktop.logs import ActivityLog
from pluggto_desktop.net import PROXY_MODES, NetworkOptions
from pluggto_desktop.pluggto.client import PluggtoClient, PluggtoCredentials
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import (
    ENV_SECRET_NAMES,
    LINX_PASSWORD,
    PLUGGTO_CLIENT_SECRET,
    PLUGGTO_PASSWORD,
    SecretStore,
    secret_label,
)
from pluggto_desktop.settings import Settings, is_configured, parse_datetime, validate
from pluggto_desktop.store.jobs import AsyncStore
from pluggto_desktop.text import Text

NOT_CONFIGURED = Text("o canal ainda não foi configurado (rode o assistente ou `setup`)",
                      "the channel is not configured yet (run the wizard or `setup`)")
MISSING_SECRETS = Text("faltam no cofre de senhas: {names}", "missing from the password vault: {names}")


def engine_config(settings: Settings, *, listen: tuple[str, int] | None = None) -> EngineConfig:
    """The engine's plain view of the settings; ``listen`` overrides the listener for this run."""
    channel, engine = settings.channel, settings.engine
    config = EngineConfig(
        website_id=channel.website_id or 1,
        import_statuses=tuple(channel.import_statuses),
        fallback_cnpj=channel.fallback_cnpj,
        marketplace_cnpjs=dict(channel.marketplace_cnpjs),
        integrate_without_intermediary=channel.integrate_without_intermediary,
        log_history_writeback=engine.log_history_writeback,
        pluggto_user_id=settings.pluggto.user_id,
        concurrency=engine.concurrency,
        max_attempts=engine.max_attempts,
        retry_base_s=engine.retry_base_s,
        auto_retry=engine.auto_retry,
        poll_interval_s=engine.poll_interval_s,
        first_run_lookback_days=engine.first_run_lookback_days,
        listener_enabled=engine.listener_enabled,
        listener_host=engine.listener_host,
        listener_port=engine.listener_port,
        listener_public_url=engine.listener_public_url,
        order_queue_id=channel.order_queue_id,
        product_queue_id=channel.product_queue_id,
        product_sync_enabled=engine.product_sync_enabled,
        product_reconcile_hour=engine.product_reconcile_hour,
        product_rules=ProductRules(
            warehouse_id=channel.warehouse_id,
            stock_reserve=channel.stock_reserve,
            price_field=channel.price_field,
            special_price_field=channel.special_price_field,
            only_active=channel.only_active_products,
            include_categories=tuple(channel.include_categories),
            exclude_categories=tuple(channel.exclude_categories),
            include_brands=tuple(channel.include_brands),
            exclude_brands=tuple(channel.exclude_brands),
            attribute_map=dict(channel.attribute_map),
        ),
        payload_retention_days=engine.payload_retention_days,
        deadline_rules=DeadlineRules.from_settings(channel.deadline_invoice_hours, channel.deadline_shipping_hours,
                                                   channel.marketplace_deadlines),
    )
    if engine.listener_token:  # always, once saved; an unsaved profile's engine gets a passing one
        config.listener_token = engine.listener_token
    if listen is not None:
        config.listener_enabled = True
        config.listener_host, config.listener_port = listen
    return config


def network_options(settings: Settings, lang: str | None = None) -> NetworkOptions:
    """The network settings as every HTTP client of the app uses them (see ``net.make_client``):
    proxy mode, proxy URL, exclusions and the extra CA file trusted beside the system's store."""
    net = settings.network
    return NetworkOptions(
        mode=net.proxy_mode if net.proxy_mode in PROXY_MODES else "system",
        proxy=(net.proxy_url or "").strip() or None,
        exclusions=tuple(item.strip() for item in net.proxy_exclusions if item.strip()),
        extra_ca_file=(net.extra_ca_file or "").strip() or None,
        lang=lang or settings.language,
    )


def stored_secrets(secrets: SecretStore) -> dict[str, str]:
    """The secrets the engine needs, each read from the vault once ("" when missing)."""
    return {name: secrets.get(name) or "" for name in ENV_SECRET_NAMES}


@dataclass
class Runtime:
    """Everything a running engine owns; close it with :meth:`aclose`."""

    engine: Engine
    store: AsyncStore
    pluggto: PluggtoClient
    linx: LinxClient
    activity: ActivityLog | None
    owns_store: bool = True  # False when the caller (the desktop app) keeps the store open

    async def start(self, settings: Settings) -> None:
        """Start the engine; a channel saved as paused starts paused (until its saved time)."""
        await self.engine.start()
        if settings.channel_state == "paused":
            until = parse_datetime(settings.channel.paused_until)
            self.engine.pause(until.timestamp() if until is not None else None)

    async def aclose(self) -> None:
        await self.engine.stop()
        await self.pluggto.aclose()
        await self.linx.aclose()
        if self.owns_store:
            await self.store.aclose()


def pluggto_client(
    settings: Settings,
    secrets: SecretStore,
    values: dict[str, str] | None = None,
    *,
    lang: str = PT,
    transport: httpx.AsyncBaseTransport | None = None,
) -> PluggtoClient:
    """The Plug.to client of a profile (the engine's, or one for a single lookup while the engine
    is stopped). ``values`` are the vault's secrets when the caller already read them."""
    values = values if values is not None else stored_secrets(secrets)
    return PluggtoClient(
        settings.pluggto.api_url,
        PluggtoCredentials(
            client_id=settings.pluggto.client_id,
            client_secret=values[PLUGGTO_CLIENT_SECRET],
            username=settings.pluggto.username,
            password=values[PLUGGTO_PASSWORD],
        ),
        secrets.refresh_token_store(),
        transport=transport,
        max_concurrency=settings.engine.concurrency,
        network=network_options(settings, lang),
    )


def build_runtime(
    profile: Profile,
    settings: Settings,
    secrets: SecretStore,
    *,
    lang: str = PT,
    listen: tuple[str, int] | None = None,
    pluggto_transport: httpx.AsyncBaseTransport | None = None,
    linx_transport: httpx.AsyncBaseTransport | None = None,
    bus: EngineBus | None = None,
    store: AsyncStore | None = None,
    **engine_kwargs: Any,
) -> Runtime:
    """Raise ConfigError (in ``lang``) when something needed is missing or invalid."""
    problems = validate(settings, lang)
    if not is_configured(settings):
        problems.append(NOT_CONFIGURED(lang))
    values = stored_secrets(secrets)
    missing = [secret_label(name, lang) for name, value in values.items() if not value]
    if missing:
        problems.append(MISSING_SECRETS(lang, names=", ".join(missing)))
    if problems:
        raise ConfigError(problems)
    profile.ensure()
    network = network_options(settings, lang)
    concurrency = settings.engine.concurrency
    pluggto = pluggto_client(settings, secrets, values, lang=lang, transport=pluggto_transport)
    linx = LinxClient(
        settings.linx.url_or_tenant,
        settings.linx.user,
        values[LINX_PASSWORD],
        homologation=settings.linx.homologation,
        transport=linx_transport,
        max_concurrency=concurrency,
        network=network,
    )
    owns_store = store is None
    store = store or AsyncStore(profile.database_path)
    activity = ActivityLog.for_profile(profile)

    def record(**entry: Any) -> None:  # the engine's activity entries, kept in the profile's log
        activity.add(entry["code"], entry["message_pt"], entry["message_en"], level=entry["level"],
                     refs=entry["refs"])

    engine = Engine(
        engine_config(settings, listen=listen),
        store,
        pluggto,
        linx,
        bus=bus,
        activity=record,
        **engine_kwargs,
    )
    return Runtime(engine, store, pluggto, linx, activity, owns_store)
