"""The embedded ASGI server (listener, simulators)."""

from __future__ import annotations

import socket

import httpx
import pytest

from pluggto_desktop.asgi import send_json
from pluggto_desktop.asgi_server import PortInUse, RunningServer

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


async def test_a_taken_port_is_reported_before_starting() -> None:
    async with RunningServer(nodelay_app) as server:
        with pytest.raises(PortInUse):
            RunningServer(nodelay_app, "127.0.0.1", server.port)
