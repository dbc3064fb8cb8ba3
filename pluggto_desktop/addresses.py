"""The web addresses people type for the app's own use, and which of them it accepts.

* :func:`is_http_url` — an API address such as Plug.to's: ``http(s)://`` and a host, with a
  valid port if one is given;
* :func:`is_server_url` — a server and nothing more (the listener's public address, to which
  the listener's path is appended).

The Linx Commerce store's address (a tenant name or a URL) has its own rule, next to the Linx
contract: :mod:`pluggto_desktop.linx.address`.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def is_http_url(value: str) -> bool:
    """True for an http(s) URL with a host and a valid port (the API addresses)."""
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def is_server_url(value: str) -> bool:
    """An http(s) address of a server, without path, query or user."""
    if not is_http_url(value):
        return False
    parts = urlsplit(value.strip())
    return parts.path in ("", "/") and not (parts.query or parts.fragment or parts.username)


__all__ = ["is_http_url", "is_server_url"]
