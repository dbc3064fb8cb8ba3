"""No secret, token or buyer's personal data reaches the log files, even at DEBUG level."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from pluggto_desktop.domain.models import digits
from pluggto_desktop.engine.factory import build_runtime
from pluggto_desktop.logs import setup_logging
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.settings import Settings
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.linx_sim import LinxSimulator
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator
from pluggto_desktop.store.jobs import JobQuery

from .harness import harness

pytestmark = pytest.mark.anyio


def personal_data(order: dict) -> set[str]:
    """Every buyer value that must never be logged (long enough to be unambiguous)."""
    values = set()
    for key, value in order.items():
        if not isinstance(value, str) or not value.strip():
            continue
        if key.endswith(("_cpf", "_cnpj", "_tax_id", "_email", "_address", "_document")) or key in (
            "payer_phone", "receiver_phone"
        ):
            values.add(value)
            if key.endswith(("_cpf", "_cnpj", "_tax_id")):
                values.add(digits(value))
    phone = digits((order.get("receiver_phone_area") or "") + (order.get("receiver_phone") or ""))
    if len(phone) >= 10:
        values.add(phone)
    return {v for v in values if len(v) >= 6}


async def test_a_full_run_logs_nothing_secret_or_personal(tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    setup_logging(profile, level="DEBUG")
    try:
        pluggto = PluggtoSimulator(seed=8, token_ttl=2)
        linx = LinxSimulator(seed=8)
        async with harness(tmp_path / "h", pluggto_sim=pluggto, linx_sim=linx) as h:
            orders = h.add_orders(40, seed=12, unknown_sku_share=0.2)
            for sim in (pluggto, linx):
                sim.set_faults(fail_rate=0.15, drop_rate=0.05, seed=4)
            settings = Settings()
            settings.pluggto.api_url = "http://pluggto.test"
            settings.pluggto.client_id = pluggto_sim.DEMO_CLIENT_ID
            settings.pluggto.username = pluggto_sim.DEMO_USERNAME
            settings.linx.url_or_tenant = "http://linx.test"
            settings.linx.user = linx_sim.DEMO_USER
            settings.channel.website_id = 1
            settings.channel.fallback_cnpj = "12ABC34501DE35"
            settings.channel.state = "active"
            settings.engine.listener_enabled = False
            settings.engine.retry_base_s = 0.1
            secrets = SecretStore(profile.profile_id)
            secrets.set(PLUGGTO_CLIENT_SECRET, pluggto_sim.DEMO_CLIENT_SECRET)
            secrets.set(PLUGGTO_PASSWORD, pluggto_sim.DEMO_PASSWORD)
            secrets.set(LINX_PASSWORD, linx_sim.DEMO_PASSWORD)
            runtime = build_runtime(profile, settings, secrets, pluggto_transport=pluggto.transport(),
                                    linx_transport=linx.transport())
            try:
                issued: set[str] = set()
                for _ in range(4):
                    await runtime.engine.run_once()
                    issued |= set(pluggto._access_tokens) | set(pluggto._refresh_tokens)
                    for job in await runtime.store.list_jobs(JobQuery(states=["retry_wait"])):
                        await runtime.store.apply(job.id, next_attempt_at=0)  # retry now
                tokens = issued | set(secrets.known_values())
            finally:
                await runtime.aclose()
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()

    texts = [p.read_text(encoding="utf-8") for p in profile.logs_dir.iterdir() if p.is_file()]
    everything = "\n".join(texts)
    assert "poll" in everything and "integrated" in everything  # the logs are not empty
    forbidden = {pluggto_sim.DEMO_CLIENT_SECRET, pluggto_sim.DEMO_PASSWORD, linx_sim.DEMO_PASSWORD}
    forbidden |= {t for t in tokens if t}
    for order in orders:
        forbidden |= personal_data(order)
    leaked = sorted(value for value in forbidden if value in everything)
    assert leaked == []
