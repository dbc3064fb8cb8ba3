"""Plug.to credentials, the refresh-token store, and the token life cycle.

Plug.to uses OAuth2 (docs/pluggto-contract.md §1):

* ``POST /oauth/token`` with a form-encoded body (never JSON);
* the *password* grant with four credentials — Client ID / Client Secret (the app's) and API user /
  API password (the seller's);
* the *refresh* grant with a **single-use, rotating** refresh token: every token response carries a
  new one and the old one dies, so the latest must be persisted every time (here through a
  :class:`TokenStore`, which the app backs with keyring);
* access tokens live one hour.

:class:`TokenManager` keeps one access token in memory and hands it to every caller. Concurrent
callers share one in-flight token request (an ``asyncio.Lock``). Error mapping at the token
endpoint:

====================================  ==============================================
answer                                raised
====================================  ==============================================
network trouble, timeout, 5xx, 429    :class:`TransientError`
``invalid_client``                    ``CredentialError(credential="client")``
``invalid_grant`` on the password     ``CredentialError(credential="user")``
``invalid_grant`` on a refresh        (not raised: falls back to the password grant)
====================================  ==============================================

Nothing secret ever reaches an exception message or a log line: messages are built from the
status code and the OAuth ``error`` code, and the server's description is scrubbed of every
secret we know before it is used.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from pluggto_desktop import net
from pluggto_desktop.errors import CredentialError, TransientError

log = logging.getLogger(__name__)

REMOTE = "pluggto"
TOKEN_PATH = "/oauth/token"
DEFAULT_EXPIRES_IN = 3600.0
#: refresh this long before the access token expires (shortened for very short lifetimes)
REFRESH_MARGIN = 60.0


@dataclass(frozen=True, repr=False)
class PluggtoCredentials:
    """The four credentials of a Plug.to account (docs/business-rules.md §2.1).

    ``client_id`` / ``client_secret`` are the app's API id and password; ``username`` /
    ``password`` are the seller's API user and API password (not the panel login).
    """

    client_id: str
    client_secret: str
    username: str
    password: str

    def __repr__(self) -> str:
        # the ids are settings, not secrets; the two passwords never show
        return (
            f"PluggtoCredentials(client_id={self.client_id!r}, client_secret='***', "
            f"username={self.username!r}, password='***')"
        )

    __str__ = __repr__


class TokenStore(Protocol):
    """Where the rotating refresh token survives between runs (keyring in the app)."""

    def load_refresh_token(self) -> str | None: ...

    def save_refresh_token(self, token: str | None) -> None: ...


class MemoryTokenStore:
    """A :class:`TokenStore` in memory, for tests. ``history`` lists every value saved."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token
        self.history: list[str | None] = []

    def load_refresh_token(self) -> str | None:
        return self.token

    def save_refresh_token(self, token: str | None) -> None:
        self.token = token
        self.history.append(token)

    def __repr__(self) -> str:
        return f"MemoryTokenStore(saved={len(self.history)})"


class _RefreshRefused(Exception):
    """The refresh token was refused (``invalid_grant``): used, expired or revoked."""


#: sends one token request: ``await post(form) -> httpx.Response`` (the client adds its semaphore)
TokenPost = Callable[[dict[str, str]], Awaitable[httpx.Response]]


class TokenManager:
    """Keeps a valid access token, refreshing it shortly before it expires.

    ``post`` sends the form to ``/oauth/token`` and returns the raw response; transport errors
    propagate as httpx exceptions and are classified here.
    """

    def __init__(
        self,
        credentials: PluggtoCredentials,
        store: TokenStore,
        post: TokenPost,
        *,
        clock: Callable[[], float],
    ) -> None:
        self._credentials = credentials
        self._store = store
        self._post = post
        self._clock = clock
        self._lock = asyncio.Lock()
        self._access_token: str | None = None
        self._expires_at = 0.0
        self._margin = REFRESH_MARGIN
        self._refresh_token: str | None = None
        self._refresh_loaded = False
        self.user_id: str | None = None

    # -- public -----------------------------------------------------------------------------
    async def token(self) -> str:
        """A valid access token, fetching a new one when there is none or it is about to expire."""
        fresh = self._fresh_token()
        if fresh is not None:
            return fresh
        async with self._lock:
            fresh = self._fresh_token()  # another caller may have refreshed it while we waited
            if fresh is not None:
                return fresh
            await self._obtain()
            return self._issued()

    async def sign_in(self) -> str:
        """Get a new token with the password grant now ("Testar conexão").

        The password grant checks all four credentials; a refresh would only check the Client
        ID / Client Secret and could hide a wrong API password.
        """
        async with self._lock:
            await self._password_grant()
            return self._issued()

    def invalidate(self, token: str) -> None:
        """Forget ``token`` after the server refused it (401), unless it was already replaced."""
        if self._access_token == token:
            self._access_token = None
            self._expires_at = 0.0

    # -- internals --------------------------------------------------------------------------
    def _is_fresh(self) -> bool:
        return self._access_token is not None and self._clock() < self._expires_at - self._margin

    def _fresh_token(self) -> str | None:
        return self._access_token if self._is_fresh() else None

    def _issued(self) -> str:
        """The token a grant just stored (a grant that fails raises before this)."""
        if self._access_token is None:
            raise RuntimeError("the token grant stored no access token")
        return self._access_token

    def _current_refresh_token(self) -> str | None:
        if not self._refresh_loaded:
            # a refresh token left by a previous run is tried first
            self._refresh_token = self._store.load_refresh_token()
            self._refresh_loaded = True
        return self._refresh_token

    async def _obtain(self) -> None:
        refresh_token = self._current_refresh_token()
        if refresh_token:
            try:
                await self._grant(
                    {
                        "grant_type": "refresh_token",
                        "client_id": self._credentials.client_id,
                        "client_secret": self._credentials.client_secret,
                        "refresh_token": refresh_token,
                    }
                )
                return
            except _RefreshRefused:
                # Used or expired: typically the answer that carried its successor was lost on
                # the network. The password grant starts a fresh chain.
                log.info("Plug.to refused the refresh token; signing in with the API user")
                self._refresh_token = None
                self._store.save_refresh_token(None)
        await self._password_grant()

    async def _password_grant(self) -> None:
        await self._grant(
            {
                "grant_type": "password",
                "client_id": self._credentials.client_id,
                "client_secret": self._credentials.client_secret,
                "username": self._credentials.username,
                "password": self._credentials.password,
            }
        )

    async def _grant(self, form: dict[str, str]) -> None:
        grant = form["grant_type"]
        try:
            response = await self._post(form)
        except httpx.HTTPError as exc:
            raise net.transport_error(exc, REMOTE) from None
        if net.is_transient_status(response.status_code):
            raise net.status_error(response, REMOTE)
        if response.status_code >= 400:
            raise self._token_error(response, grant)
        try:
            payload = net.json_or_none(response)
            access_token = payload["access_token"]
            if not isinstance(access_token, str) or not access_token:
                raise ValueError("empty access_token")
        except (ValueError, KeyError, TypeError):
            raise TransientError(
                f"Plug.to answered the token request with an unreadable body (HTTP {response.status_code})",
                remote=REMOTE,
                status=response.status_code,
            ) from None
        self._accept(payload)
        log.debug("Plug.to token obtained (grant %s)", grant)

    def _accept(self, payload: dict[str, Any]) -> None:
        try:
            expires_in = float(payload.get("expires_in") or DEFAULT_EXPIRES_IN)
        except (TypeError, ValueError):
            expires_in = DEFAULT_EXPIRES_IN
        self._access_token = payload["access_token"]
        self._expires_at = self._clock() + expires_in
        # ~60 s early, but never so early that a short-lived token is refreshed on every call
        self._margin = min(REFRESH_MARGIN, expires_in / 4)
        new_refresh = payload.get("refresh_token")
        if isinstance(new_refresh, str) and new_refresh:
            self._refresh_token = new_refresh
            self._refresh_loaded = True
        # persist on every token response: the previous refresh token is now dead
        self._store.save_refresh_token(self._refresh_token)
        user_id = payload.get("user_id")
        if user_id not in (None, ""):
            self.user_id = str(user_id)

    def _token_error(self, response: httpx.Response, grant: str) -> Exception:
        error, description = _oauth_error(response)
        description = self._scrub(description)
        status = response.status_code
        if error == "invalid_grant" and grant == "refresh_token":
            return _RefreshRefused()
        if error == "invalid_grant":
            return CredentialError(
                f"Plug.to refused the API user or API password (HTTP {status} invalid_grant: {description})",
                credential="user",
                remote=REMOTE,
                status=status,
            )
        if error in ("invalid_client", "unauthorized_client"):
            return CredentialError(
                f"Plug.to refused the Client ID or Client Secret (HTTP {status} {error}: {description})",
                credential="client",
                remote=REMOTE,
                status=status,
            )
        # invalid_request, unsupported_grant_type…: the request itself was refused; the user can
        # only act on the app credentials, so point there.
        return CredentialError(
            f"Plug.to refused the token request (HTTP {status} {error or 'no error code'}: {description})",
            credential="client",
            remote=REMOTE,
            status=status,
        )

    def _scrub(self, text: str) -> str:
        """Remove every secret we know from a server-provided text."""
        secrets = [
            self._credentials.client_secret,
            self._credentials.password,
            self._access_token,
            self._refresh_token,
        ]
        for secret in secrets:
            if secret and len(secret) >= 4:
                text = text.replace(secret, "***")
        return text[:200]


def _oauth_error(response: httpx.Response) -> tuple[str, str]:
    """``(error, error_description)`` from an OAuth error body; empty strings when absent."""
    payload = net.json_or_none(response)
    if not isinstance(payload, dict):
        return "", ""
    error = payload.get("error")
    description = payload.get("error_description")
    return (
        error if isinstance(error, str) else "",
        description if isinstance(description, str) else "",
    )
