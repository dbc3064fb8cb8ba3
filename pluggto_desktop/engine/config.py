"""The engine's view of the settings: plain values, so tests can build one in a line."""

from __future__ import annotations

from dataclasses import dataclass, field

from pluggto_desktop.domain.deadlines import Rules as DeadlineRules
from pluggto_desktop.domain.products import ProductRules
from pluggto_desktop.domain.status import DEFAULT_IMPORT_STATUSES
from pluggto_desktop.engine import listener


@dataclass
class EngineConfig:
    website_id: int = 1
    import_statuses: tuple[str, ...] = DEFAULT_IMPORT_STATUSES
    fallback_cnpj: str | None = None
    marketplace_cnpjs: dict[str, str] = field(default_factory=dict)
    integrate_without_intermediary: bool = False
    log_history_writeback: bool = True
    pluggto_user_id: str | None = None

    # queue and retries
    concurrency: int = 4  # per remote
    max_attempts: int = 8
    retry_base_s: float = 5.0
    retry_cap_s: float = 900.0
    auto_retry: bool = True
    batch_size: int = 16  # jobs claimed together (one batched Linx search per batch)

    # polling
    poll_interval_s: float = 60.0
    first_run_lookback_days: float = 7.0
    poll_overlap_s: float = 600.0  # re-read this much before the high-water mark (clock skew)
    poll_page_size: int = 100

    # listener (see engine/listener.py)
    listener_enabled: bool = False
    listener_host: str = "127.0.0.1"
    listener_port: int = 8787
    listener_token: str = field(default_factory=listener.new_token)  # the profile's, from settings
    listener_public_url: str | None = None  # a reverse proxy / tunnel in front (its name is allowed)
    listener_read_timeout_s: float = listener.READ_TIMEOUT_S
    listener_max_connections: int = listener.MAX_CONNECTIONS

    # status back and products (store → Plug.to)
    order_queue_id: int | None = None
    product_queue_id: int | None = None
    product_sync_enabled: bool = True
    product_reconcile_hour: int = 3  # local time; the full catalogue is compared nightly
    product_rules: ProductRules = field(default_factory=ProductRules)

    payload_retention_days: float = 30.0

    # the deadline watch (domain/deadlines.py)
    deadline_rules: DeadlineRules = field(default_factory=DeadlineRules)
