"""Real-shaped orders (tests/fixtures/real_shapes.py) through parse → intermediary → mapping → the
Linx simulator's validation, and real-shaped store orders through status back."""

from __future__ import annotations

import pytest

from pluggto_desktop.domain.intermediary import resolve_intermediary
from pluggto_desktop.domain.mapping import map_order
from pluggto_desktop.domain.models import parse_order
from pluggto_desktop.domain.status import Action, decide
from pluggto_desktop.domain.status_back import next_update
from pluggto_desktop.linx.client import LinxClient
from pluggto_desktop.simulator.linx_sim import DEMO_PASSWORD, DEMO_USER, LinxSimulator
from tests.fixtures.paths import value_at
from tests.fixtures.real_shapes import PLUGGTO_CASES, PluggtoCase, linx_cases

FALLBACK = "11222333000181"


def test_there_are_enough_cases_and_each_names_its_source() -> None:
    assert len(PLUGGTO_CASES) >= 8 and len(linx_cases("x")) >= 4
    assert all(case.source.strip() for case in PLUGGTO_CASES + linx_cases("x"))
    assert len({case.name for case in PLUGGTO_CASES}) == len(PLUGGTO_CASES)


@pytest.mark.anyio
@pytest.mark.parametrize("case", [c for c in PLUGGTO_CASES if c.outcome == "integrated"], ids=lambda c: c.name)
async def test_a_real_shaped_order_maps_to_what_the_store_accepts(case: PluggtoCase) -> None:
    order = parse_order(case.fresh("6b1a00000000000000000001"))
    assert decide(order.status, in_store=False).action is Action.CREATE
    intermediary = resolve_intermediary(order, marketplace_table=case.table, fallback_cnpj=FALLBACK,
                                        integrate_without=False)
    mapped = map_order(order, website_id=1, intermediary=intermediary)
    assert mapped.problems == []
    for path, expected in case.expect.items():
        assert value_at(mapped.body, path) == expected, path
    sim = LinxSimulator(seed=1)
    async with LinxClient("http://linx.sim", DEMO_USER, DEMO_PASSWORD, transport=sim.transport()) as linx:
        saved = await linx.save_order(mapped.body)  # the strict simulator takes it as is
    assert sim.order(saved.order_id)["OriginalOrderID"] == mapped.body["OriginalOrderID"]


@pytest.mark.parametrize("case", linx_cases("606a7d2de2dc666bac3206b5"), ids=lambda c: c.name)
def test_a_real_shaped_store_order_brings_pluggto_up_to_date_step_by_step(case) -> None:
    pluggto = {"id": "606a7d2de2dc666bac3206b5", "status": "approved", "shipments": [{"id": "shp-1"}]}
    steps = []
    while (update := next_update(case.order, pluggto, set(steps))) is not None:
        steps.append(update.kind)
        pluggto["status"] = update.body["status"]
        for shipment in update.body.get("shipments", []):
            assert shipment.get("id") == "shp-1"  # the existing shipment is echoed, never duplicated
            pluggto["shipments"][0].update(shipment)
    assert tuple(steps) == case.steps
    assert pluggto["status"] == case.pluggto_status
    if "shipping" in steps:
        assert pluggto["shipments"][0]["track_code"] == "JD00123456789BR"
        assert pluggto["shipments"][0]["shipping_company"] == "Jadlog"
