"""The embedded ASGI server (listener, simulators)."""

from __future__ import annotations

import asyncio
import contextlib
import socket

import httpx
import pytest

from pluggto_desktop.asgi import send_json
from pluggto_desktop.asgi_server import PortInUse, RunningServer, ServerLimits

pytestmark = pytest.mark.anyio


async def nodelay_app(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    transport = send.__self__.transport  # uvicorn's connection
    sock = transport.get_extra_info("socket")
    await send_json(send, 200, {"nodelay": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)})


async def test_accepted_connections_have_tcp_nodelay() -> None:
    """Without TCP_NODELAY every answer waits ~40 ms for a delayed ACK (Nagle)."""
    async with RunningServer(nodelay_app) as server, httpx.AsyncClient() as client:
        answer = await client.get(server.url + "/")
        assert answer.json()["nodelay"] != 0


async def test_an_idle_server_never_ticks_and_still_dates_its_answers(monkeypatch) -> None:
    """uvicorn's own main loop wakes every 0.1 s to refresh the Date header: ten wake-ups a
    second for an app left running all day (bench/idle.py). Ours waits for the stop request, and
    the Date header is made when an answer needs it."""
    from types import SimpleNamespace

    from pluggto_desktop import asgi_server

    now = [1_767_225_600.0]  # 2026-01-01 00:00:00 UTC
    monkeypatch.setattr(asgi_server, "time", SimpleNamespace(time=lambda: now[0]), raising=False)
    server = RunningServer(ok_app)
    ticks: list[int] = []
    on_tick = server._server.on_tick

    async def counted(counter: int) -> bool:
        ticks.append(counter)
        return await on_tick(counter)

    server._server.on_tick = counted
    async with server, httpx.AsyncClient() as client:
        first = await client.get(server.url + "/")
        await asyncio.sleep(0.5)  # uvicorn's loop would have ticked five times meanwhile
        now[0] += 61
        second = await client.get(server.url + "/")
    assert first.headers["date"] == "Thu, 01 Jan 2026 00:00:00 GMT"
    assert second.headers["date"] == "Thu, 01 Jan 2026 00:01:01 GMT"  # fresh, with no timer
    assert len(ticks) == 1  # the one at start-up, never again
    assert server._task is None  # and a stop request still ends it


async def test_a_taken_port_is_reported_before_starting() -> None:
    async with RunningServer(nodelay_app) as server:
        with pytest.raises(PortInUse):
            RunningServer(nodelay_app, "127.0.0.1", server.port)


# -- limits for a server facing the network (the notification listener) ------------------------
async def ok_app(scope, receive, send) -> None:
    if scope["type"] == "http":
        await send_json(send, 200, {"ok": True})


async def closed_by_server(reader: asyncio.StreamReader) -> bool:
    """True when the server closed (or reset) the connection without answering."""
    try:
        data = await asyncio.wait_for(reader.read(1024), 30)
    except (ConnectionResetError, BrokenPipeError):
        return True
    return data == b""


async def test_idle_connections_beyond_the_limit_are_closed_and_never_starve_a_real_request() -> None:
    limits = ServerLimits(max_connections=8, header_timeout=60)
    async with RunningServer(ok_app, limits=limits) as server:
        idle = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(40)]
        refused = await asyncio.gather(*(closed_by_server(reader) for reader, _ in idle[8:]))
        assert all(refused)  # beyond the limit: closed on arrival, no file descriptor kept
        assert server.open_connections <= 8
        for _, writer in idle:
            writer.close()
        async with httpx.AsyncClient() as client:  # the idle ones gone, a real request is served
            for _ in range(100):
                if server.open_connections == 0:
                    break
                await asyncio.sleep(0.05)
            assert (await client.get(server.url + "/")).status_code == 200


async def test_a_request_head_sent_too_slowly_or_not_at_all_loses_its_connection() -> None:
    limits = ServerLimits(max_connections=8, header_timeout=0.5)
    async with RunningServer(ok_app, limits=limits) as server:
        silent_reader, silent = await asyncio.open_connection("127.0.0.1", server.port)
        slow_reader, slow = await asyncio.open_connection("127.0.0.1", server.port)

        async def trickle() -> None:  # slowloris: one byte of the head at a time, never finished
            with contextlib.suppress(ConnectionError):
                for byte in b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + b"a" * 10_000:
                    slow.write(bytes([byte]))
                    await slow.drain()
                    await asyncio.sleep(0.05)

        feeder = asyncio.create_task(trickle())
        assert await closed_by_server(silent_reader)
        assert await closed_by_server(slow_reader)
        feeder.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await feeder
        silent.close()
        slow.close()
        # keep-alive: after an answer, the next head is due within the limit too
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        await writer.drain()
        assert b"200 OK" in await reader.readuntil(b"\r\n\r\n")
        writer.write(b"GET / HT")  # and then nothing more
        await writer.drain()
        await reader.read(1024)  # the rest of the first answer's body
        assert await closed_by_server(reader)
        writer.close()
