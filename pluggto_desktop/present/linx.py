"""The Linx Commerce store for people: the address the app will use for what was typed (the rule
is ``linx/address.py``'s, shared with the client)."""

from __future__ import annotations

from pluggto_desktop.linx.address import resolve_base_url


def store_address(text: str | None, homologation: bool) -> str | None:
    """The API address the store typed (a tenant name or a full URL) is reached at; None when
    nothing is typed or it is no address the client can use."""
    value = (text or "").strip()
    if not value:
        return None
    try:
        return resolve_base_url(value, homologation)
    except ValueError:
        return None


__all__ = ["store_address"]
