"""The notification listener: Plug.to POSTs ``{"type","id","action","user","changes"}`` here.

It faces whatever can reach its port, so it defends itself (README, "How the listener is
protected"):
* **a secret path**: only ``/pluggto/notifications/<token>`` is served, ``<token>`` being the
  profile's unguessable listener token (docs/interfaces.md); any other path, the bare
  ``/pluggto/notifications`` included, gets 404 and creates nothing;
* **a Host allow-list** (DNS rebinding: a web page whose name resolves to this computer must not
  reach it): see :class:`HostCheck`; anything else gets 421;
* **limits**: the request head and the body must arrive within ``read_timeout`` seconds (408),
  at most ``MAX_BODY`` bytes (413); the server caps open connections (``asgi_server.ServerLimits``);
  every refusal closes the connection, and its log line is rate-limited (``logs.FLOOD_LOGGERS``).

Rules (docs/business-rules.md §3.2):
* the notification is written to the store **before** the 200 goes out — if that write fails we
  answer 503 so Plug.to keeps it in its retry queue;
* malformed JSON (too deeply nested included) or wrong field types → 400; a content type other
  than JSON → 415; another method → 405;
* a notification for another Plug.to user, or of a type we do not act on (products, skus,
  messages, invoices) → 200 and ignored (logged), so Plug.to does not retry it forever;
* duplicates and out-of-order deliveries collapse onto one job per order (the store does that);
* a notification for an order Plug.to turns out not to have leaves a log line and no job
  (``engine.orders``).

Served by uvicorn (see ``asgi_server``) on loopback by default.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pluggto_desktop.asgi import BodyTooLarge, Receive, Scope, Send, lifespan_ok, read_request, send_json
from pluggto_desktop.logs import register_secret
from pluggto_desktop.net import is_loopback
from pluggto_desktop.store.jobs import AsyncStore, IntakeResult

log = logging.getLogger("pluggto_desktop.engine.listener")

#: The served path is ``PATH + "/" + token`` (:func:`path_for`); this prefix alone is a 404.
PATH = "/pluggto/notifications"
#: 24 random bytes = 192 bits, written as 32 URL-safe characters (``secrets.token_urlsafe``).
TOKEN_BYTES = 24
#: The shortest token accepted from a settings file: 128 bits in URL-safe base64.
MIN_TOKEN_LENGTH = 22
_TOKEN = re.compile(r"^[A-Za-z0-9_-]+$")
MAX_BODY = 64 * 1024
#: Seconds a client has to send a request head, and then its body.
READ_TIMEOUT_S = 10.0
#: Connections served at once; more are closed as they arrive (file descriptors are finite and
#: the engine needs its own for Plug.to and Linx). Plug.to sends one notification at a time.
MAX_CONNECTIONS = 64
ACTED_TYPES = frozenset({"orders"})
ORDER_ACTIONS = frozenset({"created", "updated"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def new_token() -> str:
    """A fresh listener token (made once per profile, at setup or on upgrade)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_valid_token(token: object) -> bool:
    """At least 128 bits of URL-safe characters: safe in a URL path, hard to guess."""
    return isinstance(token, str) and len(token) >= MIN_TOKEN_LENGTH and bool(_TOKEN.match(token))


def path_for(token: str) -> str:
    """The path the listener serves, and the merchant registers: ``/pluggto/notifications/<token>``."""
    return f"{PATH}/{token}"


def listener_url(host: str, port: int, token: str, public_url: str | None = None) -> str:
    """The full URL to register in Plug.to: the public address when one is set (a reverse proxy,
    a tunnel), else the address the listener is bound to."""
    if public_url:
        return public_url.rstrip("/") + path_for(token)
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{path_for(token)}"


def exposed_without_https(host: str, public_url: str | None) -> bool:
    """True when the listener is reachable beyond this computer and no HTTPS address is in front
    (notifications — and the token in their path — then travel in clear text)."""
    if is_loopback(host):
        return False
    return not (public_url or "").strip().lower().startswith("https://")


_WILDCARD = {"", "0.0.0.0", "::", "*"}
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def _host_name(value: str) -> str:
    """A Host header (or an address) without port, brackets or trailing dot, lower-case."""
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8787
        return value[1:value.find("]")] if "]" in value else value[1:]
    if value.count(":") == 1:  # name:port (an IPv6 address has several colons)
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class HostCheck:
    """Which ``Host`` headers the listener answers.

    * the address it is bound to (``listener_host``);
    * the loopback names (``localhost``, ``127.0.0.1``, ``::1``) when bound to loopback or to every
      interface (no web page can make ``localhost`` resolve elsewhere);
    * bound to every interface (``0.0.0.0``), any IP address written as such — DNS rebinding
      needs a *name* that the attacker's DNS points at this computer;
    * the host name of ``listener_public_url`` (the merchant's reverse proxy or tunnel name).
    """

    def __init__(self, bind_host: str, public_url: str | None = None) -> None:
        bound = _host_name(bind_host)
        self.any_address = bound in _WILDCARD
        names = set()
        if not self.any_address:
            names.add(bound)
        if self.any_address or is_loopback(bound):
            names |= _LOOPBACK_NAMES
        if public_url:
            public = (urlsplit(public_url).hostname or "").lower().rstrip(".")
            if public:
                names.add(public)
        self.names = frozenset(names)

    def accepts(self, header: str | None) -> bool:
        if not header:
            return False
        name = _host_name(header)
        return name in self.names or (self.any_address and _is_ip(name))


class InvalidNotificationError(ValueError):
    """The body is JSON but not a notification."""


@dataclass(frozen=True)
class Notification:
    type: str
    id: str
    action: str
    user: str | None
    status_changed: bool | None


def parse_notification(body: Any) -> Notification:
    """Validate field types strictly: a wrong type is a 400, not a guess."""
    if not isinstance(body, dict):
        raise InvalidNotificationError("body must be a JSON object")
    kind, ident, action = body.get("type"), body.get("id"), body.get("action")
    if not isinstance(kind, str) or not kind:
        raise InvalidNotificationError("type must be a non-empty string")
    if isinstance(ident, bool) or not isinstance(ident, (str, int)) or str(ident).strip() == "":
        raise InvalidNotificationError("id must be a non-empty string")
    if not isinstance(action, str) or not action:
        raise InvalidNotificationError("action must be a non-empty string")
    user = body.get("user")
    if user is not None and (isinstance(user, bool) or not isinstance(user, (str, int))):
        raise InvalidNotificationError("user must be a number or a string")
    changes = body.get("changes")
    status_changed: bool | None = None
    if changes is not None:
        if not isinstance(changes, dict):
            raise InvalidNotificationError("changes must be an object")
        status = changes.get("status")
        if status is not None and not isinstance(status, bool):
            raise InvalidNotificationError("changes.status must be a boolean")
        status_changed = status
    ident_text = str(ident).strip()
    if len(ident_text) > 64:
        raise InvalidNotificationError("id is too long")
    if _CONTROL.search(ident_text):
        raise InvalidNotificationError("id must not hold control characters")
    return Notification(kind, ident_text, action, None if user is None else str(user), status_changed)


class NotificationListener:
    """ASGI app. ``user_id`` returns our Plug.to user id when known (configured or learnt).

    ``token`` is the profile's listener token; ``hosts`` the allowed ``Host`` headers (default:
    loopback only); ``read_timeout`` bounds how long reading a body may take.
    """

    def __init__(
        self,
        store: AsyncStore,
        *,
        token: str,
        hosts: HostCheck | None = None,
        user_id: Callable[[], str | None] = lambda: None,
        on_recorded: Callable[[Notification, IntakeResult], Awaitable[None] | None] | None = None,
        read_timeout: float = READ_TIMEOUT_S,
    ) -> None:
        if not is_valid_token(token):
            raise ValueError("the listener token must be at least 128 bits of URL-safe characters")
        register_secret(token)  # the path is a secret: masked wherever it could be logged
        self.store = store
        self.path = path_for(token)
        self.hosts = hosts or HostCheck("127.0.0.1")
        self.user_id = user_id
        self.on_recorded = on_recorded
        self.read_timeout = read_timeout
        self.received = 0
        self.rejected = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan_ok(receive, send)
            return
        if scope["type"] != "http":
            return
        try:
            status, body = await self._handle(scope, receive)
        except Exception:  # a bug must not become uvicorn's traceback per request
            log.exception("notification listener failed on a request")
            status, body = 500, {"error": "internal_error"}
        if status >= 400:
            self.rejected += 1
        # a refused request never keeps its connection: a flood cannot hold sockets open, and
        # an unread body cannot trickle on after the answer
        await send_json(send, status, body, headers={"connection": "close"} if status >= 400 else None)

    async def _handle(self, scope: Scope, receive: Receive) -> tuple[int, dict[str, Any]]:
        headers = _headers(scope)
        host = headers.get("host")
        if not self.hosts.accepts(host):
            log.warning("request refused: Host %r is not this listener's address (421)", (host or "")[:80])
            return 421, {"error": "misdirected_request"}
        path = scope.get("path")
        if not isinstance(path, str) or not hmac.compare_digest(path.encode("utf-8", "replace"),
                                                               self.path.encode()):
            log.warning("request refused: unknown path (404); the address registered in Plug.to "
                        "must end with the listener token")
            return 404, {"error": "not_found"}
        if scope.get("method") != "POST":
            return 405, {"error": "method_not_allowed"}
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return 415, {"error": "unsupported_media_type", "expected": "application/json"}
        try:
            async with asyncio.timeout(self.read_timeout):
                request = await read_request(scope, receive, max_body=MAX_BODY)
        except BodyTooLarge:
            log.warning("notification rejected: body over %d bytes", MAX_BODY)
            return 413, {"error": "payload_too_large"}
        except TimeoutError:
            log.warning("notification rejected: the body did not arrive within %.0f s (408)", self.read_timeout)
            return 408, {"error": "request_timeout"}
        try:
            notification = parse_notification(request.json())
        except (ValueError, UnicodeDecodeError) as exc:
            # json.JSONDecodeError, jsontext.TooDeep and InvalidNotificationError are all ValueErrors
            log.warning("notification rejected: %s", _short(exc))
            return 400, {"error": "bad_request", "details": _short(exc)}
        self.received += 1
        ours = self.user_id()
        if ours and notification.user and notification.user != str(ours):
            log.info("notification ignored: for another Plug.to user (%s)", notification.user[:32])
            return 200, {"ok": True, "ignored": "other_user"}
        if notification.type not in ACTED_TYPES:
            log.info("notification ignored: type %s is not acted on", notification.type[:32])
            return 200, {"ok": True, "ignored": "type"}
        if notification.action not in ORDER_ACTIONS:
            log.info("notification ignored: action %s", notification.action[:32])
            return 200, {"ok": True, "ignored": "action"}
        try:
            result = await self.store.record_notification(
                notification.id, status_changed=notification.status_changed, action=notification.action
            )
        except Exception:
            log.exception("could not record notification for order %s", notification.id)
            return 503, {"error": "unavailable"}
        if self.on_recorded is not None:
            outcome = self.on_recorded(notification, result)
            if outcome is not None:
                await outcome
        return 200, {"ok": True}


def _headers(scope: Scope) -> dict[str, str]:
    """Request headers, lower-case names, the last value of a repeated one."""
    found: dict[str, str] = {}
    for raw_name, raw_value in scope.get("headers", []):
        found[raw_name.decode("latin-1").lower()] = raw_value.decode("latin-1")
    return found


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
