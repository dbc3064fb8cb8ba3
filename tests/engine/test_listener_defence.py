"""The notification listener defends itself, over real HTTP (uvicorn on loopback).

Reproduced before: 1,000 notifications forged with ``Host: attacker.example`` → 1,000 × 200 and
1,000 phantom jobs; slow heads and bodies held sockets 40 s+; a 1,000-level nested body → 500
and a traceback. Now only ``/pluggto/notifications/<token>`` is served, only to this listener's
own Host names, within read deadlines, and nothing answers 500.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from pluggto_desktop.engine import listener
from pluggto_desktop.engine.listener import PATH, HostCheck
from pluggto_desktop.logs import install_rate_limits

from .harness import harness

pytestmark = pytest.mark.anyio


def note(order_id: str) -> dict:
    return {"type": "orders", "id": order_id, "action": "updated", "user": 129,
            "changes": {"status": True, "stock": False, "price": False}}


async def served(h, **config) -> str:
    """Start the engine with its listener on a free loopback port; returns the URL to register."""
    h.config.listener_enabled = True
    h.config.listener_port = 0
    h.config.first_run_lookback_days = 5 / 1440  # the poll sees nothing: notifications only
    h.config.product_sync_enabled = False
    for name, value in config.items():
        setattr(h.config, name, value)
    await h.engine.start()
    assert h.engine.status.listener_url, h.engine.status.listener_error
    return h.engine.status.listener_url


async def jobs(h) -> int:
    return sum((await h.store.counts("order")).values())


async def test_the_url_to_register_ends_with_the_profiles_token(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        url = await served(h)
        token = h.config.listener_token
        assert listener.is_valid_token(token) and len(token) * 6 >= 128
        port = int(url.split(":")[2].split("/")[0])
        assert url == f"http://127.0.0.1:{port}/pluggto/notifications/{token}"
        order = h.add_order(1, age=timedelta(hours=1), status="approved", skus=["CAM-AZUL-M"])
        async with httpx.AsyncClient() as client:
            assert (await client.post(url, json=note(order["id"]))).status_code == 200
        await h.run_until(lambda: _integrated(h, order["id"]))


async def _integrated(h, key: str) -> bool:
    job = await h.job(key)
    return job is not None and job.state == "integrated"


async def test_every_other_path_is_404_and_creates_nothing(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        url = await served(h)
        base = url[: url.index(PATH)]
        token = h.config.listener_token
        wrong = [PATH, PATH + "/", f"{PATH}/{token[:-1]}", f"{PATH}/{token}x", f"{PATH}/{token.upper()}",
                 f"{PATH}/{listener.new_token()}", f"/{token}", f"{PATH}/{token}/", "/", "/pluggto"]
        async with httpx.AsyncClient() as client:
            for path in wrong:
                answer = await client.post(base + path, json=note("a" * 24))
                assert answer.status_code == 404, (path, answer.status_code)
                assert answer.headers.get("connection") == "close"
        assert await jobs(h) == 0


async def test_forged_hosts_are_refused_and_their_flood_leaves_one_log_line(tmp_path: Path, caplog) -> None:
    install_rate_limits()  # as setup_logging does in the app and the CLI
    caplog.set_level(logging.INFO)
    async with harness(tmp_path) as h:
        url = await served(h)
        port = url.split(":")[2].split("/")[0]
        # paused: the accepted notification's job stays to be counted (working it would find
        # that Plug.to has no such order and delete it, racing the count below)
        h.engine.pause()
        async with httpx.AsyncClient() as client:
            for n in range(1000):  # DNS rebinding: a page on attacker.example resolved to 127.0.0.1
                answer = await client.post(url, json=note(f"{n:024d}"), headers={"Host": f"attacker.example:{port}"})
                assert answer.status_code == 421
            for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost"):  # ours: accepted
                answer = await client.post(url, json=note("b" * 24), headers={"Host": host})
                assert answer.status_code == 200
        assert await jobs(h) == 1  # no phantom job from the 1,000
        refusals = [r for r in caplog.records if "is not this listener's address" in r.getMessage()]
        assert len(refusals) == 1


def test_the_host_allow_list() -> None:
    loopback = HostCheck("127.0.0.1")
    assert all(loopback.accepts(h) for h in ("127.0.0.1:8787", "localhost:8787", "[::1]:8787", "LOCALHOST."))
    assert not any(loopback.accepts(h) for h in ("attacker.example", "192.168.0.9:8787", "", None,
                                                 "127.0.0.1.attacker.example", "localhost.attacker.example"))
    everywhere = HostCheck("0.0.0.0")  # any address written as such; names only our own
    assert everywhere.accepts("192.168.0.9:8787") and everywhere.accepts("[fe80::1]:8787")
    assert not everywhere.accepts("attacker.example:8787")
    proxied = HostCheck("127.0.0.1", "https://pedidos.minhaloja.com.br")
    assert proxied.accepts("pedidos.minhaloja.com.br") and proxied.accepts("127.0.0.1:8787")
    assert not proxied.accepts("minhaloja.com.br")
    lan = HostCheck("192.168.0.9")
    assert lan.accepts("192.168.0.9:8787") and not lan.accepts("127.0.0.1") and not lan.accepts("nas.local")


async def test_nested_huge_and_broken_bodies_get_4xx_never_500(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        url = await served(h)
        bodies: list[tuple[bytes, int]] = [
            (b"[" * 1000 + b"]" * 1000, 400),  # used to be 500 and a traceback (RecursionError)
            (b'{"a":' * 1000 + b"1" + b"}" * 1000, 400),
            (b"[" * 100_000 + b"]" * 100_000, 413),
            (b'{"type":"orders","id":"x","action":"updated","pad":"' + b"x" * 70_000 + b'"}', 413),
            (b"\xff\xfe{}", 400),
            (b'{"type":"orders","id":"a\\u0000b","action":"updated"}', 400),  # a control character
            (b'{"type":"orders","id":' + b"9" * 5000 + b',"action":"updated"}', 400),  # int too long
            (b'{"type":"orders","id":"x","action":"updated","changes":' + b"[" * 900 + b"]" * 900 + b"}", 400),
            (b"", 400),
        ]
        async with httpx.AsyncClient() as client:
            for body, status in bodies:
                answer = await client.post(url, content=body, headers={"content-type": "application/json"})
                assert answer.status_code == status, (body[:40], answer.status_code, answer.text[:100])
        assert await jobs(h) == 0


async def test_a_body_that_trickles_in_gets_408_and_its_connection_closed(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        url = await served(h, listener_read_timeout_s=0.5)
        port = int(url.split(":")[2].split("/")[0])
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        body = json.dumps(note("c" * 24)).encode()
        writer.write(f"POST {url[url.index(PATH):]} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode())
        writer.write(body[:5])  # and the rest never comes
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), 30)  # read() returns once the server closes
        assert answer.startswith(b"HTTP/1.1 408")
        writer.close()
        assert await jobs(h) == 0
