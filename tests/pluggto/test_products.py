"""Products and stock through the client and the simulator (docs/pluggto-contract.md §4)."""

from __future__ import annotations

import httpx
import pytest

from tests.pluggto.conftest import BASE_URL

pytestmark = pytest.mark.anyio

SHIRT = {
    "name": "Camiseta Básica Azul",
    "price": 59.9,
    "special_price": 49.9,
    "variations": [
        {"sku": "CAM-AZUL-P", "quantity": 5, "price": 59.9},
        {"sku": "CAM-AZUL-M", "quantity": 7, "price": 59.9},
    ],
}


async def test_upsert_creates_then_updates_and_no_change_is_success(sim, make_client):
    async with make_client() as client:
        created = await client.upsert_sku("CAM-AZUL", SHIRT)
        same = await client.upsert_sku("CAM-AZUL", SHIRT)
        sim.notifications.clear()
        repriced = await client.upsert_sku("CAM-AZUL", {**SHIRT, "special_price": 44.9})
        fetched = await client.get_sku("CAM-AZUL-M")  # a variation SKU finds its product
    assert created.changed and created.order["sku"] == "CAM-AZUL"
    assert [v["sku"] for v in created.order["variations"]] == ["CAM-AZUL-P", "CAM-AZUL-M"]
    assert same.changed is False
    assert repriced.changed is True
    assert sim.notifications == [{
        "type": "products", "id": created.order["id"], "action": "updated", "user": 129,
        "changes": {"status": False, "stock": False, "price": True},
    }]
    assert fetched["id"] == created.order["id"] and fetched["special_price"] == 44.9
    assert len(sim.products) == 1


async def test_unknown_sku_reads_as_none(make_client):
    async with make_client() as client:
        assert await client.get_sku("NAO-EXISTE") is None


async def test_stock_update_of_a_variation_touches_only_that_variation(sim, make_client):
    async with make_client() as client:
        await client.upsert_sku("CAM-AZUL", SHIRT)
        sim.notifications.clear()
        first = await client.update_stock("CAM-AZUL-M", 3)
        again = await client.update_stock("CAM-AZUL-M", 3)
    product = next(iter(sim.products.values()))
    assert {v["sku"]: v["quantity"] for v in product["variations"]} == {"CAM-AZUL-P": 5, "CAM-AZUL-M": 3}
    assert first.changed is True and again.changed is False
    assert [n["changes"]["stock"] for n in sim.notifications] == [True]


async def test_skus_are_percent_encoded_in_paths(sim, make_client):
    odd = "KIT #2 ?A&B"
    async with make_client() as client:
        await client.upsert_sku(odd, {"name": "Kit", "quantity": 1})
        await client.update_stock(odd, 4)
        fetched = await client.get_sku(odd)
    assert fetched["sku"] == odd and fetched["quantity"] == 4


async def test_simulator_product_routes(sim, make_client):
    async with make_client() as client:
        await client.authenticate()
    token = next(iter(sim._access_tokens))
    async with httpx.AsyncClient(transport=sim.transport(), base_url=BASE_URL,
                                 headers={"Authorization": f"Bearer {token}"}) as raw:
        created = await raw.post("/products", json={"sku": "CANECA-01", "name": "Caneca", "quantity": 2, "price": 39.9})
        duplicate = await raw.post("/products", json={"sku": "CANECA-01", "name": "Caneca"})
        for i in range(4):
            await raw.put(f"/skus/SKU-{i}", json={"name": f"Produto {i}", "quantity": i})
        first = (await raw.get("/products", params={"limit": 3})).json()
        rest = (await raw.get("/products", params={"limit": 3, "next": first["result"][-1]["Product"]["id"]})).json()
        product_id = created.json()["Product"]["id"]
        updated = await raw.put(f"/products/{product_id}", json={"price": 34.9})
        unchanged = await raw.put(f"/products/{product_id}", json={"price": 34.9})
        missing = await raw.put("/products/0123456789abcdef01234567", json={"price": 1})
        increased = await raw.put("/skus/CANECA-01/stock", json={"action": "increase", "quantity": 5})
        decreased = await raw.put("/skus/CANECA-01/stock", json={"action": "decrease", "quantity": 10})
        bad_action = await raw.put("/skus/CANECA-01/stock", json={"action": "set", "quantity": 1})
        table = (await raw.get("/products/tabledata", params={"limit": 2})).json()
        deleted = await raw.delete("/skus/SKU-0")
        gone = await raw.get("/skus/SKU-0")
    assert created.status_code == 201
    assert duplicate.status_code == 400
    assert first["total"] == 5 and len(first["result"]) == 3 and len(rest["result"]) == 2
    assert updated.status_code == 200 and updated.json()["Product"]["price"] == 34.9
    assert unchanged.status_code == 400 and unchanged.json()["details"] == "Changes not found in the document"
    assert missing.status_code == 404
    assert increased.json()["Product"]["quantity"] == 7
    assert decreased.json()["Product"]["quantity"] == 0  # never below zero
    assert bad_action.status_code == 400
    assert [row["sku"] for row in table["Products"]] == ["CANECA-01", "SKU-0"]
    assert deleted.status_code == 200 and gone.status_code == 404
    assert sim.notifications[-1] == {"type": "skus", "id": "SKU-0", "action": "deleted", "user": 129,
                                     "changes": {"status": False, "stock": False, "price": False}}
    assert sim.counters["products.tabledata"] == 1 and sim.counters["products.update"] == 3
