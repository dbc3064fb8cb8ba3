"""Token life cycle of the Plug.to client against the simulator (docs/pluggto-contract.md §1)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from pluggto_desktop.errors import CredentialError, TransientError
from pluggto_desktop.pluggto import MemoryTokenStore, PluggtoCredentials
from pluggto_desktop.simulator.pluggto_sim import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    PluggtoSimulator,
)
from tests.pluggto.conftest import BASE_URL, ClearFaultsAfter

pytestmark = pytest.mark.anyio

FORM = "application/x-www-form-urlencoded"


def grants(sim: PluggtoSimulator) -> list[tuple[str, str]]:
    return [(entry["grant_type"], entry["outcome"]) for entry in sim.token_log]


def add_order(sim: PluggtoSimulator) -> str:
    return sim.add_order({"status": "approved", "channel": "MercadoLivre"})["id"]


async def test_password_grant_is_form_encoded_and_json_is_refused(sim, make_client, store):
    async with httpx.AsyncClient(transport=sim.transport(), base_url=BASE_URL) as raw:
        answer = await raw.post(
            "/oauth/token",
            json={"grant_type": "password", "client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET,
                  "username": DEMO_USERNAME, "password": DEMO_PASSWORD},
        )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"
    assert answer.json()["code"] == 400

    async with make_client() as client:
        await client.authenticate()
    assert sim.token_log[-1] == {"grant_type": "password", "content_type": FORM, "outcome": "ok"}
    assert store.token is not None and sim.is_refresh_token_valid(store.token)


async def test_token_request_failures_name_the_wrong_credential(sim, make_client):
    wrong_secret = PluggtoCredentials(DEMO_CLIENT_ID, "f" * 32, DEMO_USERNAME, DEMO_PASSWORD)
    async with make_client(credentials=wrong_secret) as client:
        with pytest.raises(CredentialError) as caught:
            await client.authenticate()
    assert caught.value.credential == "client"
    assert "f" * 32 not in str(caught.value)

    wrong_password = PluggtoCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_USERNAME, "senha-errada-123")
    async with make_client(credentials=wrong_password) as client:
        with pytest.raises(CredentialError) as caught:
            await client.get_order(add_order(sim))
    assert caught.value.credential == "user"
    assert "senha-errada-123" not in str(caught.value)
    # credential errors are not retried: retrying only risks locking the account
    assert sim.counters["oauth.token"] == 2


async def test_refresh_rotation_persists_every_new_refresh_token(sim, clock, make_client, store):
    sim.token_ttl = 100  # margin = min(60, 100/4) = 25 s
    order_id = add_order(sim)
    async with make_client() as client:
        await client.get_order(order_id)
        first = store.token
        clock.advance(70)  # 30 s left: still fresh
        await client.get_order(order_id)
        assert sim.counters["oauth.token"] == 1
        clock.advance(6)  # 24 s left: inside the margin, refresh before expiry
        await client.get_order(order_id)
        second = store.token

    assert grants(sim) == [("password", "ok"), ("refresh_token", "ok")]
    assert store.history == [first, second] and first != second
    assert sim.counters["orders.get"] == 3  # never a 401: the token was renewed before it expired
    # the old refresh token is dead: single use
    assert not sim.is_refresh_token_valid(first)
    async with httpx.AsyncClient(transport=sim.transport(), base_url=BASE_URL) as raw:
        answer = await raw.post("/oauth/token", data={
            "grant_type": "refresh_token", "client_id": DEMO_CLIENT_ID,
            "client_secret": DEMO_CLIENT_SECRET, "refresh_token": first,
        })
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"


async def test_short_token_lifetime_does_not_refresh_on_every_call(sim, clock, make_client):
    sim.token_ttl = 5  # margin = 1.25 s
    order_id = add_order(sim)
    async with make_client() as client:
        for _ in range(3):
            await client.get_order(order_id)
            clock.advance(1)
        assert sim.counters["oauth.token"] == 1  # t = 0, 1, 2: fresh
        clock.advance(1)  # t = 4: 1 s left < 1.25 s margin
        await client.get_order(order_id)
    assert sim.counters["oauth.token"] == 2
    assert sim.counters["orders.get"] == 4


async def test_stored_refresh_token_is_used_at_start(sim, make_client, store):
    order_id = add_order(sim)
    async with make_client() as client:
        await client.get_order(order_id)
    saved = store.token

    async with make_client(token_store=MemoryTokenStore(saved)) as second_run:
        await second_run.get_order(order_id)
    assert grants(sim) == [("password", "ok"), ("refresh_token", "ok")]


async def test_revoked_tokens_reauthenticate_once_and_the_call_succeeds(sim, make_client):
    order_id = add_order(sim)
    async with make_client() as client:
        await client.get_order(order_id)
        sim.revoke_all_tokens()
        order = await client.get_order(order_id)
    assert order["id"] == order_id
    assert sim.counters["orders.get"] == 3  # ok, 401, retried ok
    assert grants(sim) == [("password", "ok"), ("refresh_token", "ok")]


async def test_revoked_refresh_token_falls_back_to_password(sim, make_client, store):
    order_id = add_order(sim)
    async with make_client() as client:
        await client.get_order(order_id)
        sim.revoke_all_tokens(include_refresh=True)
        await client.get_order(order_id)
    assert grants(sim) == [("password", "ok"), ("refresh_token", "invalid_grant"), ("password", "ok")]
    assert sim.is_refresh_token_valid(store.token)
    assert None in store.history  # the dead refresh token was dropped from the store


async def test_token_refused_twice_is_a_token_credential_error(sim, make_client):
    sim.token_ttl = 0  # every token is born expired
    order_id = add_order(sim)
    async with make_client() as client:
        with pytest.raises(CredentialError) as caught:
            await client.get_order(order_id)
    assert caught.value.credential == "token"
    assert sim.counters["orders.get"] == 2  # one retry after re-authenticating, no more


async def test_lost_refresh_answer_falls_back_to_password_grant(sim, clock, store):
    from pluggto_desktop.pluggto import PluggtoClient
    from tests.pluggto.conftest import CREDENTIALS, RecordingSleep

    order_id = add_order(sim)
    transport = ClearFaultsAfter(sim, "/oauth/token")
    async with PluggtoClient(BASE_URL, CREDENTIALS, store, transport=transport, clock=clock,
                             sleep=RecordingSleep()) as client:
        transport.remaining = 0  # first sign-in without faults
        await client.get_order(order_id)
        stale = store.token
        clock.advance(3600)  # token expired: next call refreshes
        sim.set_faults(drop_after_rate=1.0, only_ops=["oauth.token"])
        transport.remaining = 1  # …and that one answer is lost after the refresh token was used
        order = await client.get_order(order_id)

    assert order["id"] == order_id
    assert grants(sim) == [
        ("password", "ok"),
        ("refresh_token", "ok"),  # rotated on the server, answer dropped on the way back
        ("refresh_token", "invalid_grant"),  # the old one is dead now
        ("password", "ok"),
    ]
    assert store.token != stale and sim.is_refresh_token_valid(store.token)


async def test_concurrent_callers_share_one_token_request(sim, make_client):
    sim.set_faults(latency_ms=10)
    order_id = add_order(sim)
    async with make_client(max_concurrency=8) as client:
        await asyncio.gather(*(client.get_order(order_id) for _ in range(10)))
    assert sim.counters["oauth.token"] == 1


async def test_token_only_travels_in_the_bearer_header(sim, make_client):
    order_id = add_order(sim)
    async with make_client() as client:
        await client.list_orders()
        await client.get_order(order_id)
        await client.ack_order(order_id, "L-1")
        await client.upsert_sku("CANECA-01", {"name": "Caneca", "price": 39.9, "quantity": 3})
        await client.update_stock("CANECA-01", 2)
        await client.get_sku("CANECA-01")
    assert sim.auth_locations == {"header": 6}


async def test_simulator_refuses_token_in_header_and_query_at_once(sim, make_client, store):
    async with make_client() as client:
        await client.authenticate()
    token = next(iter(sim._access_tokens))
    async with httpx.AsyncClient(transport=sim.transport(), base_url=BASE_URL) as raw:
        both = await raw.get("/orders", params={"access_token": token}, headers={"Authorization": f"Bearer {token}"})
        query_only = await raw.get("/orders", params={"access_token": token})
        missing = await raw.get("/orders")
    assert both.status_code == 400 and both.json()["error"] == "invalid_request"
    assert query_only.status_code == 200  # the query style works on its own
    assert missing.status_code == 401


async def test_network_trouble_at_the_token_endpoint_is_transient(sim, make_client, sleeper):
    sim.set_faults(fail_rate=1.0, only_ops=["oauth.token"], retry_after=None)
    async with make_client() as client:
        with pytest.raises(TransientError) as caught:
            await client.authenticate()
    assert caught.value.status in (500, 503)
    assert sim.counters["oauth.token"] == 3  # in-call retries
    assert len(sleeper.waits) == 2


async def test_user_id_is_learnt_from_the_token_response_when_present(clock, make_client):
    async with make_client() as client:
        await client.authenticate()
        assert client.user_id is None  # the simulator, like the docs, sends none by default

    sim = PluggtoSimulator(clock=clock, include_user_id_in_token=True, user_id="4321")
    async with make_client(transport=sim.transport()) as client:
        await client.authenticate()
        assert client.user_id == "4321"


async def test_authorization_code_grant_is_single_use(sim):
    code = sim.issue_authorization_code()
    form = {"grant_type": "authorization_code", "client_id": DEMO_CLIENT_ID,
            "client_secret": DEMO_CLIENT_SECRET, "code": code}
    async with httpx.AsyncClient(transport=sim.transport(), base_url=BASE_URL) as raw:
        first = await raw.post("/oauth/token", data=form)
        second = await raw.post("/oauth/token", data=form)
    assert first.status_code == 200
    body = first.json()
    assert len(body["access_token"]) == 40 and int(body["access_token"], 16) >= 0
    assert body["token_type"] == "bearer" and body["expires_in"] == 3600
    assert second.json()["error"] == "invalid_grant"


def test_credentials_repr_hides_secrets():
    creds = PluggtoCredentials("id-123", "top-secret-1", "1624640222434", "senha-secreta")
    text = repr(creds) + str(creds) + repr([creds])
    assert "top-secret-1" not in text and "senha-secreta" not in text
    assert "id-123" in text
