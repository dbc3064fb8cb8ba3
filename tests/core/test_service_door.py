"""The service is the views' only door: a person's actions on jobs publish the job events the
engine publishes, with or without an engine, and the export reads through the store's queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from pluggto_desktop.errors import ConfigError
from pluggto_desktop.i18n import PT
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import SecretStore
from pluggto_desktop.service import AppService, JobQuery
from pluggto_desktop.store.jobs import OrderSummary
from tests.support.settings import configured_settings

pytestmark = pytest.mark.anyio


async def _stopped_service(tmp_path: Path, n: int = 3) -> tuple[AppService, list[int]]:
    """A service whose channel is off (no engine) over ``n`` queued orders."""
    profile = Profile(tmp_path / "loja").ensure()
    settings = configured_settings()
    settings.channel.state = "inactive"
    service = AppService(profile, SecretStore(profile.profile_id), lang=PT, settings=settings)
    await service.open()
    assert service.engine is None
    store = service.store
    assert store is not None
    ids = []
    for i in range(n):
        key = f"{i:024x}"
        await store.record_polled_order(OrderSummary(key=key, marketplace="Amazon", modified="m"), {"id": key})
        job = await store.find("order", key)
        ids.append(job.id)
    return service, ids


async def test_actions_publish_the_job_events_without_an_engine(tmp_path: Path) -> None:
    service, ids = await _stopped_service(tmp_path)
    events: list[tuple[str, object]] = []
    service.bus.subscribe(lambda event: events.append((event.topic, event.payload)))
    try:
        job_id = ids[0]
        assert await service.ignore(job_id, "pedido de teste")
        jobs = [payload for topic, payload in events if topic == "job"]
        assert jobs == [{"job_id": job_id, "kind": "order", "key": f"{0:024x}", "state": "ignored"}]
        counts = [payload for topic, payload in events if topic == "counts"]
        assert counts and counts[-1]["order"]["ignored"] == 1 and "product" in counts[-1]

        events.clear()
        assert await service.unignore(job_id)
        assert [(p["job_id"], p["state"]) for t, p in events if t == "job"] == [(job_id, "queued")]
        assert any(t == "counts" for t, _ in events)

        events.clear()
        assert not await service.unignore(job_id)  # nothing changed: nothing announced
        assert events == []

        events.clear()
        await service.retry(ids)
        assert sorted(p["job_id"] for t, p in events if t == "job") == sorted(ids)
        assert any(t == "counts" for t, _ in events)
    finally:
        await service.close()


async def test_reconcile_without_an_engine_says_why(tmp_path: Path) -> None:
    service, _ids = await _stopped_service(tmp_path, 0)
    try:
        with pytest.raises(ConfigError) as caught:
            await service.reconcile_products()
        assert "Configurações" in str(caught.value.problems[0])
    finally:
        await service.close()


async def test_job_pages_stream_a_view_in_its_order(tmp_path: Path) -> None:
    service, ids = await _stopped_service(tmp_path, 7)
    try:
        pages = [page async for page in service.job_pages(JobQuery(order_by="key", descending=False), page_size=3)]
        assert [len(page) for page in pages] == [3, 3, 1]
        assert [job.id for page in pages for job in page] == sorted(ids)
        with pytest.raises(ValueError):
            [page async for page in service.job_pages(JobQuery(order_by="payload"))]
    finally:
        await service.close()
