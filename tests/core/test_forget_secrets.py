"""Forgetting a profile's passwords (Suporte → "Esquecer as senhas salvas"), without Qt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pluggto_desktop.i18n import PT
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import (
    LINX_PASSWORD,
    PLUGGTO_CLIENT_SECRET,
    PLUGGTO_PASSWORD,
    PLUGGTO_REFRESH_TOKEN,
    SecretStore,
    VaultError,
)
from pluggto_desktop.service import AppService, Transports
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.linx_sim import LinxSimulator
from pluggto_desktop.simulator.orders_gen import generate_orders
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator
from tests.support import keyring_backends
from tests.support.settings import configured_settings

pytestmark = pytest.mark.anyio


def stored_secrets(profile: Profile) -> SecretStore:
    secrets = SecretStore(profile.profile_id)  # the test keyring: a real, persistent vault
    assert secrets.persistent
    secrets.set(PLUGGTO_CLIENT_SECRET, pluggto_sim.DEMO_CLIENT_SECRET)
    secrets.set(PLUGGTO_PASSWORD, pluggto_sim.DEMO_PASSWORD)
    secrets.set(LINX_PASSWORD, linx_sim.DEMO_PASSWORD)
    return secrets


async def test_forgetting_stops_the_sync_keeps_the_queue_and_says_what_is_missing(tmp_path: Path) -> None:
    profile = Profile(tmp_path / "loja").ensure()
    pluggto, linx = PluggtoSimulator(seed=3), LinxSimulator(seed=3)
    start = datetime.now(UTC) - timedelta(hours=1)
    pluggto.add_orders(generate_orders(3, seed=3, start=start, status_weights={"approved": 1.0},
                                       unknown_sku_share=0.0))
    service = AppService(profile, stored_secrets(profile), lang=PT, settings=configured_settings(),
                         transports=Transports(pluggto=pluggto.transport(), linx=linx.transport()))
    await service.open()
    try:
        await service.engine.run_once()
        assert service.secrets.get_stored(PLUGGTO_REFRESH_TOKEN)  # signed in: a token was kept
        before = await service.store.counts("order")
        assert before["integrated"] == 3

        removed = await service.forget_secrets()

        assert sorted(removed) == sorted([PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, LINX_PASSWORD,
                                          PLUGGTO_REFRESH_TOKEN])
        assert not any(user.startswith(profile.profile_id + ":") for _s, user in keyring_backends.entries())
        assert service.engine is None  # nothing signs in with a token it still held
        [problem] = service.config_problems
        assert "faltam no cofre de senhas" in problem and "Linx" in problem
        assert await service.store.counts("order") == before  # the queue is the merchant's: kept
        assert service.settings.channel.state == "active"  # typing the passwords again resumes
    finally:
        await service.close()


async def test_a_vault_that_fails_while_deleting_is_an_error_not_a_success() -> None:
    with keyring_backends.using_keyring(keyring_backends.LockedKeyring()):
        secrets = SecretStore("perfil-x")
        secrets.set(LINX_PASSWORD, "segredo")
        with pytest.raises(VaultError):
            secrets.forget_all()
