"""Broken text and unforeseen failures in one order never stall the engine (issue: hostile input).

A lone surrogate (``"\\ud83d"``: an emoji cut in half, valid JSON) used to break every write of the
order and, because the failure was not a SyncError, requeue it with no attempt and no back-off:
thousands of calls a minute, and a poll that failed forever so later orders were never recorded.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pluggto_desktop import jsontext
from pluggto_desktop.engine import orders as orders_module
from pluggto_desktop.engine.poller import CURSOR_HWM
from pluggto_desktop.engine.retry import RetryPolicy

from .harness import harness

pytestmark = pytest.mark.anyio

LONE = "\ud83d"
TEXT_FIELDS = ("receiver_name", "receiver_lastname", "receiver_address", "receiver_neighborhood",
               "receiver_city", "receiver_address_complement", "payer_name", "payer_lastname",
               "payer_email", "payer_address", "payer_city", "channel", "original_id",
               "intermediary_seller_id", "delivery_type")


# -- jsontext: where remote text enters -----------------------------------------------------------
def test_lone_surrogates_become_the_replacement_character_everywhere() -> None:
    raw = json.dumps({"nome\ud83d": ["x\ud83d", "\ud83d\ude00", {"k": "\udc00y"}]})  # ensure_ascii escapes
    value = jsontext.loads(raw.encode())
    assert value == {"nome\ufffd": ["x\ufffd", "\U0001F600", {"k": "\ufffdy"}]}
    json.dumps(value, ensure_ascii=False).encode("utf-8")  # encodable now


def test_too_deep_json_is_a_value_error_not_a_recursion_error() -> None:
    with pytest.raises(ValueError):
        jsontext.loads(b"[" * 100_000 + b"]" * 100_000)


def test_ordinary_json_is_returned_as_json_loads_gives_it() -> None:
    raw = '{"a": "São Paulo 😀", "b": [1, 2.5, null, true]}'.encode()
    assert jsontext.loads(raw) == json.loads(raw)


# -- the engine -------------------------------------------------------------------------------------
def _with_text(order: dict[str, Any], value: str) -> dict[str, Any]:
    order["receiver_name"] = f"Ana {value}"
    order["payer_name"] = f"Ana {value}"
    order["items"][0]["name"] = f"Camiseta {value}"
    return order


async def test_a_lone_surrogate_via_notification_integrates_once_without_looping(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        h.config.first_run_lookback_days = 5 / 1440  # notifications only
        order = h.add_order(1, age=timedelta(hours=1), status="approved", skus=["CAM-AZUL-M"])
        _with_text(h.pluggto_sim.orders[order["id"]], LONE)
        client = h.listener_client()
        async with client:
            body = {"type": "orders", "id": order["id"], "action": "updated", "user": 129}
            assert (await client.post(h.notify_path, json=body)).status_code == 200
        summary = await h.engine.run_once()
        assert summary.poll_error is None
        job = await h.job(order["id"])
        assert job.state == "integrated"
        [linx_order] = h.linx_orders_for(order)
        assert linx_order["CustomerName"].startswith("Ana \ufffd")
        # one fetch, one save: no loop
        assert h.pluggto_sim.counters["get_order"] <= 2 and h.linx_sim.counters["SaveOrder"] == 1


async def test_a_lone_surrogate_in_a_polled_order_does_not_freeze_the_poll(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        bad = h.add_order(2, status="approved", skus=["CAM-AZUL-M"])
        _with_text(h.pluggto_sim.orders[bad["id"]], LONE)
        first = await h.engine.run_once()
        assert first.poll_error is None
        mark = await h.store.get_cursor(CURSOR_HWM)
        assert mark is not None
        later = h.add_order(3, status="approved", skus=["CANECA-01"])
        await h.engine.run_once()
        assert (await h.store.get_cursor(CURSOR_HWM)) > mark  # the mark moved on
        for order in (bad, later):
            assert (await h.job(order["id"])).state == "integrated"
            assert len(h.linx_orders_for(order)) == 1


async def test_an_unexpected_error_counts_attempts_then_asks_for_help(tmp_path: Path, monkeypatch) -> None:
    async with harness(tmp_path) as h:
        victim = h.add_order(4, status="approved", skus=["CAM-AZUL-M"])
        other = h.add_order(5, status="approved", skus=["CANECA-01"])
        real_map = orders_module.map_order

        def broken_map(order, **kw):
            if order.id == victim["id"]:
                raise KeyError('"name"')  # the kind of bug a str.format on foreign text causes
            return real_map(order, **kw)

        monkeypatch.setattr(orders_module, "map_order", broken_map)
        # a back-off longer than any run: the job never comes due again inside the run that failed
        # it (with the harness's hundredths of a second it did, while the other order was still
        # in flight, and counted two attempts in one run); the test makes it due between runs
        h.engine.orders.retry = RetryPolicy(max_attempts=h.config.max_attempts, base=3600, cap=3600)
        await h.engine.run_once()
        job = await h.job(victim["id"])
        assert job.state == "retry_wait" and job.attempts == 1 and job.next_attempt_at > job.updated_at + 1000
        assert (await h.job(other["id"])).state == "integrated"  # the others go on

        for _ in range(orders_module.INTERNAL_ERROR_ATTEMPTS - 1):
            await h.store.upsert_job("order", victim["id"], next_attempt_at=0)  # due now
            await h.engine.run_once()
        job = await h.job(victim["id"])
        assert job.state == "needs_attention" and job.reason_code == "internal_error"
        assert job.attempts == orders_module.INTERNAL_ERROR_ATTEMPTS
        assert "diagnóstico" in job.reason_title and "KeyError" in job.reason_message
        assert h.linx_orders_for(victim) == []


async def test_an_unexpected_error_in_the_batched_search_backs_off_instead_of_looping(tmp_path: Path,
                                                                                       monkeypatch) -> None:
    async with harness(tmp_path) as h:
        order = h.add_order(6, status="approved", skus=["CAM-AZUL-M"])

        async def exploding_find(pairs):
            raise UnicodeEncodeError("utf-8", LONE, 0, 1, "surrogates not allowed")

        monkeypatch.setattr(h.linx, "find_orders", exploding_find)
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "retry_wait" and job.attempts == 1 and job.next_attempt_at > job.updated_at


# -- property: any JSON-valid text in any text field ----------------------------------------------------
json_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.tuples(st.sampled_from(TEXT_FIELDS), json_text), min_size=1, max_size=6))
def test_any_json_text_in_any_field_never_stalls_the_poll_nor_loops(tmp_path_factory, values) -> None:
    import anyio

    async def scenario() -> None:
        async with harness(tmp_path_factory.mktemp("fuzz")) as h:
            fuzzed = h.add_order(7, status="approved", skus=["CAM-AZUL-M"])
            stored = h.pluggto_sim.orders[fuzzed["id"]]
            for field_name, value in values:
                stored[field_name] = value
            plain = h.add_order(8, status="approved", skus=["CANECA-01"])
            summary = await h.engine.run_once()
            assert summary.poll_error is None
            assert await h.store.get_cursor(CURSOR_HWM) is not None
            assert (await h.job(plain["id"])).state == "integrated"
            job = await h.job(fuzzed["id"])
            assert job is not None and job.state in ("integrated", "needs_attention", "waiting_payment")
            assert h.linx_sim.counters["SaveOrder"] <= 2  # no loop
            assert len(h.linx_orders_for(plain)) == 1

    anyio.run(scenario)

