"""How the client sorts Linx answers into credential, transient and business errors."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from pluggto_desktop.errors import BusinessError, CredentialError, TransientError
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx.client import LinxClient, resolve_base_url
from pluggto_desktop.net import RATE_LIMIT_FLOOR_S
from pluggto_desktop.simulator.linx_sim import DEMO_PASSWORD, DEMO_USER

from .conftest import SIM_URL, Sleeps
from .sample import order_body, sale

pytestmark = pytest.mark.anyio


# --- base URL -----------------------------------------------------------------------------------
def test_tenant_name_uses_the_contract_templates() -> None:
    assert resolve_base_url("minhaloja") == "https://minhaloja.layer.core.dcg.com.br"
    assert resolve_base_url("  MinhaLoja ") == "https://minhaloja.layer.core.dcg.com.br"
    assert resolve_base_url("minha-loja", homologation=True) == "https://minha-loja.layer.core-hlg.dcg.com.br"


def test_full_url_is_used_as_is() -> None:
    assert resolve_base_url("http://127.0.0.1:8123") == "http://127.0.0.1:8123"
    assert resolve_base_url("http://127.0.0.1:8123/") == "http://127.0.0.1:8123"
    assert resolve_base_url("https://proxy.example/linx/", homologation=True) == "https://proxy.example/linx"
    assert resolve_base_url("http://[::1]:9000") == "http://[::1]:9000"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "minha loja", "loja_1", "-loja", "loja.com.br", "127.0.0.1:8123", "ftp://host",
     "http://", "http://host:99999", "http://host:abc", "https://user:pw@host", "http://host/?a=1"],
)
def test_invalid_addresses_are_refused_with_a_message(text: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        resolve_base_url(text)


# --- IsValid:false → BusinessError, per validation rule ------------------------------------------
def _broken(change) -> dict:
    body = order_body()
    change(body)
    return body


def _set_sku(body: dict) -> None:
    body["Items"][1]["SKU"] = "NAO-EXISTE"


def _set_postal(body: dict) -> None:
    body["Addresses"][1]["PostalCode"] = "01139-000"


def _set_state(body: dict) -> None:
    body["Addresses"][0]["State"] = "XX"


def _drop_name(body: dict) -> None:
    body["CustomerName"] = "  "


def _empty_items(body: dict) -> None:
    body["Items"] = []


def _bad_total(body: dict) -> None:
    body["Total"] = body["Total"] + 0.02


def _bad_item_total(body: dict) -> None:
    body["Items"][0]["Total"] = 59.0


@pytest.mark.parametrize(
    "change, keys, code, params",
    [
        (_set_sku, ["Items[1].SKU"], "unknown_sku", {"sku": "NAO-EXISTE"}),
        (_set_postal, ["Addresses[1].PostalCode"], "invalid_postal_code",
         {"field": "Addresses[1].PostalCode", "value": "01139-000"}),
        (_set_state, ["Addresses[0].State"], "invalid_state", {"field": "Addresses[0].State", "value": "XX"}),
        (_drop_name, ["CustomerName"], "missing_customer_name", {}),
        (_bad_total, ["Total"], "totals_mismatch", None),
        (_bad_item_total, ["Items[0].Total", "SubTotal"], "totals_mismatch", None),
    ],
)
async def test_validation_rules_surface_as_business_errors(linx, sim, change, keys, code, params) -> None:
    with pytest.raises(BusinessError) as info:
        await linx.save_order(_broken(change))
    error = info.value
    assert error.keys == keys
    assert error.code == code
    assert error.remote == "linx" and error.status == 200
    if params is not None:
        assert error.params == params
    else:
        assert "difere" in error.params["details"]
    assert sim.orders() == []  # nothing stored


async def test_empty_items(linx) -> None:
    with pytest.raises(BusinessError) as info:
        await linx.save_order(_broken(_empty_items))
    assert "Items" in info.value.keys
    assert info.value.code == "empty_items"


async def test_every_error_is_kept_and_the_first_recognised_decides(linx) -> None:
    body = order_body()
    body["CustomerName"] = ""
    body["Items"][0]["SKU"] = "X-1"
    body["Addresses"][0]["State"] = "ZZ"
    with pytest.raises(BusinessError) as info:
        await linx.save_order(body)
    error = info.value
    assert set(error.keys) == {"CustomerName", "Addresses[0].State", "Items[0].SKU"}
    assert error.code == "missing_customer_name"  # the simulator lists it first
    assert {e.code for e in error.field_errors} == {c.ERROR_REQUIRED, c.ERROR_INVALID_STATE, c.ERROR_SKU_NOT_FOUND}


async def test_sku_is_taken_from_the_message_when_the_key_has_no_index() -> None:
    error = {"Key": "Order.SKU", "ErrorCode": "X", "ErrorMessage": "SKU 'ABC-9' não encontrado"}
    answer = {"IsValid": False, "Errors": [error]}
    async with _client_answering(200, answer) as client:
        with pytest.raises(BusinessError) as info:
            await client.save_order(order_body())
    assert info.value.code == "unknown_sku" and info.value.params == {"sku": "ABC-9"}


async def test_unrecognised_errors_become_linx_rejected_with_details() -> None:
    answer = {"IsValid": False, "Errors": [
        {"Key": "PaymentMethods[0].Amount", "ErrorCode": "WEIRD", "ErrorMessage": "valor inválido"},
        {"Key": "WebSiteID", "ErrorCode": "OTHER", "ErrorMessage": "site desconhecido"},
    ]}
    async with _client_answering(200, answer) as client:
        with pytest.raises(BusinessError) as info:
            await client.save_order(order_body())
    assert info.value.code == "linx_rejected"
    assert info.value.params == {"details": "PaymentMethods[0].Amount: valor inválido; WebSiteID: site desconhecido"}


async def test_unknown_order_on_cancel(linx) -> None:
    with pytest.raises(BusinessError) as info:
        await linx.cancel_order("0" * 32)
    assert info.value.code == "linx_order_not_found"
    assert info.value.params == {"linx_order_id": "0" * 32}
    assert info.value.keys == ["OrderID"]


# --- HTTP statuses ------------------------------------------------------------------------------
async def test_wrong_password_is_a_credential_error_without_the_password(sim) -> None:
    secret = "s3nha-errada-XYZ"
    async with LinxClient(SIM_URL, DEMO_USER, secret, transport=sim.transport()) as client:
        with pytest.raises(CredentialError) as info:
            await client.test_connection()
        assert secret not in repr(client)
    assert info.value.credential == "linx" and info.value.status == 401
    assert secret not in str(info.value) and secret not in repr(info.value.args)
    assert sim.counters["SearchOrderStatus"] == 1  # not retried


async def test_right_credentials_pass_the_connection_test(linx, sim) -> None:
    await linx.test_connection()
    assert sim.counters["SearchOrderStatus"] == 1


@pytest.mark.parametrize("status, code", [(400, "linx_rejected"), (404, "linx_rejected")])
async def test_other_4xx_are_business_errors(status: int, code: str) -> None:
    async with _client_answering(status, {"Message": "nope"}) as client:
        with pytest.raises(BusinessError) as info:
            await client.search_orders("")
    assert info.value.code == code and info.value.status == status


async def test_403_pauses_like_bad_credentials_naming_the_permission() -> None:
    async with _client_answering(403, {"Message": "forbidden"}) as client:
        with pytest.raises(CredentialError) as info:
            await client.search_orders("")
    assert info.value.credential == "linx_permission" and info.value.status == 403


async def test_a_4xx_with_the_envelope_is_classified_like_a_200() -> None:
    error = {"Key": "Addresses[0].PostalCode", "ErrorCode": "INVALID_POSTAL_CODE", "ErrorMessage": "CEP"}
    answer = {"IsValid": False, "Errors": [error]}
    async with _client_answering(400, answer) as client:
        with pytest.raises(BusinessError) as info:
            await client.save_order(order_body())
    assert info.value.code == "invalid_postal_code"


@pytest.mark.parametrize("content", [b"<html>oops</html>", b"", b"[1, 2]", b"\xff\xfe"])
async def test_malformed_json_is_transient(content: bytes) -> None:
    async with _client_answering(200, content=content) as client:
        with pytest.raises(TransientError):
            await client.search_orders("")


async def test_server_errors_are_retried_then_transient_with_retry_after(linx, sim, sleeps: Sleeps) -> None:
    sim.set_faults(rate_limit_rate=1.0, retry_after=2)
    with pytest.raises(TransientError) as info:
        await linx.search_orders("")
    assert info.value.status == 429 and info.value.retry_after == 2
    assert sim.counters["SearchOrders"] == 3  # in-call attempts
    # Retry-After honoured before each new attempt (the back-off's wait, and the client gate's,
    # which this non-advancing fake sleep makes wait once more each time)
    assert len(sleeps) >= 2 and all(s >= 2 for s in sleeps)


async def test_503_with_retry_after(linx, sim) -> None:
    sim.set_faults(fail_rate=1.0, retry_after=1, seed=3)
    with pytest.raises(TransientError) as info:
        await linx.get_product(100)
    assert info.value.status in (500, 503)
    assert sim.counters["GetProduct"] == 3


async def test_a_long_retry_after_is_left_to_the_engine(linx, sim, sleeps: Sleeps) -> None:
    sim.set_faults(rate_limit_rate=1.0, retry_after=120)
    with pytest.raises(TransientError) as info:
        await linx.search_products()
    assert info.value.retry_after == 120
    assert sim.counters["SearchProduct"] == 1 and sleeps == []


async def test_a_transient_failure_then_success() -> None:
    answers = [httpx.Response(503, headers={"Retry-After": "1"}),
               httpx.Response(200, json={"IsValid": True, "Errors": [], "Result": [{"ProductID": 1}],
                                         "Page": {"PageIndex": 0, "PageSize": 100, "PageCount": 1, "RecordCount": 1}})]
    sleeps = Sleeps()
    transport = httpx.MockTransport(lambda request: answers.pop(0))
    async with LinxClient("http://x", "u", "p", transport=transport, sleep=sleeps) as client:
        page = await client.search_products()
    assert page.results == [{"ProductID": 1}] and answers == []
    # Retry-After 1 plus jitter on top; a 503 pauses the store at least the gate's floor
    assert sleeps[0] > 1.0 and max(sleeps) >= RATE_LIMIT_FLOOR_S


async def test_dropped_connections_are_transient(linx, sim) -> None:
    sim.set_faults(drop_rate=1.0)
    with pytest.raises(TransientError, match="network error"):
        await linx.get_queue_orders(7)
    assert sim.counters["GetQueueOrders"] == 3


async def test_timeouts_are_transient(sim, sleeps: Sleeps) -> None:
    sim.set_faults(slow_rate=1.0, slow_seconds=5)
    async with LinxClient(SIM_URL, DEMO_USER, DEMO_PASSWORD, transport=sim.transport(),
                          timeout=0.05, sleep=sleeps) as client:
        with pytest.raises(TransientError, match="timeout"):
            await client.search_queue_items(8)
    assert sim.counters["SearchQueueItems"] == 3


async def test_save_order_is_never_retried_in_call(linx, sim, sleeps: Sleeps) -> None:
    sim.set_faults(fail_rate=1.0, only_ops=["SaveOrder"])
    with pytest.raises(TransientError):
        await linx.save_order(order_body())
    assert sim.counters["SaveOrder"] == 1
    assert sleeps == []


async def test_lost_save_answer_leaves_an_order_the_search_finds(linx, sim) -> None:
    """The nasty case: the store created the order but the answer was lost."""
    sim.set_faults(drop_after_rate=1.0, only_ops=["SaveOrder"])
    with pytest.raises(TransientError):
        await linx.save_order(order_body("777"))
    assert sim.counters["SaveOrder"] == 1
    found = await linx.find_orders([(sale("777"), "MercadoLivre")])
    assert found[(sale("777"), "MercadoLivre")]["OrderID"] == sim.orders_for(sale("777"), "MercadoLivre")[0]["OrderID"]


async def test_concurrency_is_bounded(sim) -> None:
    sim.set_faults(latency_ms=20)
    counting = _CountingTransport(sim.transport())
    async with LinxClient(SIM_URL, DEMO_USER, DEMO_PASSWORD, transport=counting, max_concurrency=2) as client:
        await asyncio.gather(*(client.get_product(100) for _ in range(8)))
    assert counting.peak == 2


async def test_requests_carry_json_headers_and_basic_auth() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"IsValid": True, "Errors": [], "Warnings": [], "ProductID": 5})

    async with LinxClient("http://x", "user", "pw", transport=httpx.MockTransport(handler)) as client:
        await client.get_product(5)
    request = seen[0]
    assert request.method == "POST" and request.url.path == c.OP_GET_PRODUCT.path
    assert request.headers["content-type"] == "application/json"
    assert request.headers["accept"] == "application/json"
    assert request.headers["authorization"] == httpx.BasicAuth("user", "pw")._auth_header
    assert request.content == b"5"  # the bare scalar body of a Get


# --- helpers ------------------------------------------------------------------------------------
def _client_answering(status: int, json_body: object = None, *, content: bytes | None = None) -> LinxClient:
    def handler(request: httpx.Request) -> httpx.Response:
        if content is not None:
            return httpx.Response(status, content=content)
        return httpx.Response(status, json=json_body)

    return LinxClient("http://x", "user", "pw", transport=httpx.MockTransport(handler), sleep=Sleeps())


class _CountingTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.active = 0
        self.peak = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            return await self.inner.handle_async_request(request)
        finally:
            self.active -= 1
