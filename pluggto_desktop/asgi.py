"""A very small ASGI toolkit: read a request, send a JSON answer.

Used by the notification listener and by the simulators. The HTTP parsing itself is done by the
ASGI server (uvicorn); this only spares each app the ASGI message plumbing.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from pluggto_desktop import jsontext

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(Exception):
    """The request body is larger than the caller allows."""


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names; the last value wins
    body: bytes
    scope: Scope

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def json(self) -> Any:
        """Parse the body as JSON, lone surrogates replaced (raises ValueError on malformed or
        too deeply nested input)."""
        return jsontext.loads(self.body)

    def form(self) -> dict[str, str]:
        """Parse an ``application/x-www-form-urlencoded`` body (the last value of a key wins)."""
        parsed = parse_qs(self.body.decode("utf-8", errors="replace"), keep_blank_values=True)
        return {k: v[-1] for k, v in parsed.items()}


async def read_request(scope: Scope, receive: Receive, *, max_body: int | None = None) -> Request:
    """Collect an HTTP request; raises BodyTooLarge past ``max_body`` bytes (without reading on)."""
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope.get("headers", []):
        headers[raw_name.decode("latin-1").lower()] = raw_value.decode("latin-1")
    declared = headers.get("content-length", "")
    if max_body is not None and declared.isdigit() and int(declared) > max_body:
        raise BodyTooLarge()
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if max_body is not None and size > max_body:
            raise BodyTooLarge()
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    raw_query = scope.get("query_string", b"").decode("latin-1")
    query = {k: v[-1] for k, v in parse_qs(raw_query, keep_blank_values=True).items()}
    return Request(
        method=scope.get("method", "GET").upper(),
        path=scope.get("path", "/"),
        query=query,
        headers=headers,
        body=b"".join(chunks),
        scope=scope,
    )


async def send_json(
    send: Send, status: int, payload: Any, *, headers: dict[str, str] | None = None
) -> None:
    text = json.dumps(payload, ensure_ascii=False)
    try:
        body = text.encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate (a simulator replaying broken marketplace text): JSON can still carry
        # it as an escape, exactly as a real server would send it
        body = json.dumps(payload).encode("ascii")
    await send_bytes(send, status, body, content_type="application/json", headers=headers)


async def send_bytes(
    send: Send,
    status: int,
    body: bytes,
    *,
    content_type: str = "text/plain; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    raw_headers = [
        (b"content-type", content_type.encode("latin-1")),
        (b"content-length", str(len(body)).encode("latin-1")),
    ]
    for name, value in (headers or {}).items():
        raw_headers.append((name.lower().encode("latin-1"), value.encode("latin-1")))
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


async def lifespan_ok(receive: Receive, send: Send) -> None:
    """Answer ASGI lifespan start/stop so servers do not complain."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
