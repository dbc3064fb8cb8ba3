"""The notification listener: Plug.to POSTs ``{"type","id","action","user","changes"}`` here.

Rules (business-rules.md §3.2):
* the notification is written to the store **before** the 200 goes out — if that write fails we
  answer 503 so Plug.to keeps it in its retry queue;
* malformed JSON or wrong field types → 400; a content type other than JSON → 415; a body over
  64 KiB → 413; another path → 404; another method → 405;
* a notification for another Plug.to user, or of a type we do not act on (products, skus,
  messages, invoices) → 200 and ignored (logged), so Plug.to does not retry it forever;
* duplicates and out-of-order deliveries collapse onto one job per order (the store does that).

Served by uvicorn (see ``asgi_server``) on loopback by default.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pluggto_desktop.asgi import BodyTooLarge, Receive, Scope, Send, lifespan_ok, read_request, send_json
from pluggto_desktop.store.jobs import AsyncStore, IntakeResult

log = logging.getLogger("pluggto_desktop.engine.listener")

PATH = "/pluggto/notifications"
MAX_BODY = 64 * 1024
ACTED_TYPES = frozenset({"orders"})
ORDER_ACTIONS = frozenset({"created", "updated"})


class InvalidNotification(ValueError):
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
        raise InvalidNotification("body must be a JSON object")
    kind, ident, action = body.get("type"), body.get("id"), body.get("action")
    if not isinstance(kind, str) or not kind:
        raise InvalidNotification("type must be a non-empty string")
    if isinstance(ident, bool) or not isinstance(ident, (str, int)) or str(ident).strip() == "":
        raise InvalidNotification("id must be a non-empty string")
    if not isinstance(action, str) or not action:
        raise InvalidNotification("action must be a non-empty string")
    user = body.get("user")
    if user is not None and (isinstance(user, bool) or not isinstance(user, (str, int))):
        raise InvalidNotification("user must be a number or a string")
    changes = body.get("changes")
    status_changed: bool | None = None
    if changes is not None:
        if not isinstance(changes, dict):
            raise InvalidNotification("changes must be an object")
        status = changes.get("status")
        if status is not None and not isinstance(status, bool):
            raise InvalidNotification("changes.status must be a boolean")
        status_changed = status
    ident_text = str(ident).strip()
    if len(ident_text) > 64:
        raise InvalidNotification("id is too long")
    return Notification(kind, ident_text, action, None if user is None else str(user), status_changed)


class NotificationListener:
    """ASGI app. ``user_id`` returns our Plug.to user id when known (configured or learnt)."""

    def __init__(
        self,
        store: AsyncStore,
        *,
        user_id: Callable[[], str | None] = lambda: None,
        on_recorded: Callable[[Notification, IntakeResult], Awaitable[None] | None] | None = None,
    ) -> None:
        self.store = store
        self.user_id = user_id
        self.on_recorded = on_recorded
        self.received = 0
        self.rejected = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan_ok(receive, send)
            return
        if scope["type"] != "http":
            return
        status, body = await self._handle(scope, receive)
        if status >= 400:
            self.rejected += 1
        await send_json(send, status, body)

    async def _handle(self, scope: Scope, receive: Receive) -> tuple[int, dict[str, Any]]:
        if scope.get("path") != PATH:
            return 404, {"error": "not_found"}
        if scope.get("method") != "POST":
            return 405, {"error": "method_not_allowed"}
        try:
            request = await read_request(scope, receive, max_body=MAX_BODY)
        except BodyTooLarge:
            log.warning("notification rejected: body over %d bytes", MAX_BODY)
            return 413, {"error": "payload_too_large"}
        if request.content_type != "application/json":
            return 415, {"error": "unsupported_media_type", "expected": "application/json"}
        try:
            notification = parse_notification(request.json())
        except (ValueError, UnicodeDecodeError) as exc:
            # json.JSONDecodeError and InvalidNotification are both ValueErrors
            log.warning("notification rejected: %s", _short(exc))
            return 400, {"error": "bad_request", "details": _short(exc)}
        self.received += 1
        ours = self.user_id()
        if ours and notification.user and notification.user != str(ours):
            log.info("notification ignored: for another Plug.to user (%s)", notification.user)
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


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
