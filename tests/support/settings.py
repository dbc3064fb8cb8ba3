"""A configured channel for tests (Qt-free, so engine and service tests can share it with the UI's)."""

from __future__ import annotations

from pluggto_desktop.i18n import PT
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.settings import Settings
from pluggto_desktop.simulator import linx_sim, pluggto_sim

PLUGGTO_URL = "http://pluggto.test"
LINX_URL = "http://linx.test"
FALLBACK_CNPJ = "12ABC34501DE35"


def configured_settings(*, state: str = "active") -> Settings:
    settings = Settings()
    settings.pluggto.api_url = PLUGGTO_URL
    settings.pluggto.client_id = pluggto_sim.DEMO_CLIENT_ID
    settings.pluggto.username = pluggto_sim.DEMO_USERNAME
    settings.linx.url_or_tenant = LINX_URL
    settings.linx.user = linx_sim.DEMO_USER
    settings.channel.website_id = 1
    settings.channel.order_queue_id = 7
    settings.channel.product_queue_id = 8
    settings.channel.fallback_cnpj = FALLBACK_CNPJ
    settings.channel.state = state
    settings.engine.listener_enabled = False
    settings.engine.retry_base_s = 0.1
    settings.ui.language = PT
    return settings


def demo_secrets(profile: Profile) -> SecretStore:
    """An in-memory secret store holding the simulators' demo secrets for ``profile``."""
    secrets = SecretStore.in_memory(profile.profile_id)
    secrets.set(PLUGGTO_CLIENT_SECRET, pluggto_sim.DEMO_CLIENT_SECRET)
    secrets.set(PLUGGTO_PASSWORD, pluggto_sim.DEMO_PASSWORD)
    secrets.set(LINX_PASSWORD, linx_sim.DEMO_PASSWORD)
    return secrets
