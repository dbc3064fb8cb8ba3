"""Plug.to API client: credentials, token life cycle, orders and products."""

from pluggto_desktop.pluggto.auth import MemoryTokenStore, PluggtoCredentials, TokenStore
from pluggto_desktop.pluggto.client import OrderPage, PluggtoClient, UpdateResult

__all__ = [
    "MemoryTokenStore",
    "OrderPage",
    "PluggtoClient",
    "PluggtoCredentials",
    "TokenStore",
    "UpdateResult",
]
