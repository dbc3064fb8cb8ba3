"""Typed errors shared by the HTTP clients and the engine.

Every failure of a remote call is classified into exactly one of three kinds, because each kind
gets a different treatment (docs/business-rules.md §7):

* :class:`TransientError` — network trouble, timeouts, 5xx, 429: retried automatically with
  back-off; never shown as "needs attention" until retries are exhausted.
* :class:`CredentialError` — wrong or revoked credentials: the whole engine pauses and the user is
  told which credential to fix; retrying in a loop would only lock the account.
* :class:`BusinessError` — the remote understood and refused (unknown SKU, invalid address,
  ``IsValid: false``, 404): the job needs the merchant's attention at once.

Messages never contain secrets: clients build them from status codes and the remote's error
fields only, never from request headers or bodies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class SyncError(Exception):
    """Base class of every classified remote failure."""

    #: which remote produced it: "pluggto" or "linx" (or "" when not tied to a remote)
    remote: str = ""

    def __init__(self, message: str, *, remote: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.remote = remote or self.remote
        self.status = status


class TransientError(SyncError):
    """A failure that is expected to go away by itself: try again later.

    ``retry_after`` is the server's ``Retry-After`` in seconds, when it sent one.
    """

    def __init__(
        self,
        message: str,
        *,
        remote: str = "",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, remote=remote, status=status)
        self.retry_after = retry_after


class CredentialError(SyncError):
    """The remote refused our credentials.

    ``credential`` names what is wrong so the UI can point at the right field:
    ``"client"`` (Plug.to Client ID / Client Secret), ``"user"`` (Plug.to API user / password),
    ``"linx"`` (Linx user / password), or ``"token"`` (a token was refused even after re-auth).
    """

    def __init__(
        self,
        message: str,
        *,
        credential: str,
        remote: str = "",
        status: int | None = None,
    ) -> None:
        super().__init__(message, remote=remote, status=status)
        self.credential = credential


@dataclass(frozen=True)
class FieldError:
    """One field-level complaint from a remote (Linx ``Errors[]`` entry)."""

    key: str
    code: str = ""
    message: str = ""


class BusinessError(SyncError):
    """The remote refused the request for a reason the merchant must fix.

    ``code`` is one of our reason codes (see ``domain.reasons``) when the client could classify it,
    else a generic one; ``remote_type`` / ``remote_details`` carry Plug.to's ``type`` / ``details``;
    ``field_errors`` carry Linx's ``Errors[]`` with their ``Key``.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "remote_rejected",
        remote: str = "",
        status: int | None = None,
        remote_type: str | None = None,
        remote_details: Any = None,
        field_errors: list[FieldError] | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, remote=remote, status=status)
        self.code = code
        self.remote_type = remote_type
        self.remote_details = remote_details
        self.field_errors = list(field_errors or [])
        self.params = dict(params or {})

    @property
    def keys(self) -> list[str]:
        """The field keys the remote named (e.g. ``Items[0].SKU``)."""
        return [e.key for e in self.field_errors]


@dataclass
class ConfigError(Exception):
    """A setting is missing or invalid; raised before any remote is called."""

    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(self.problems)
