"""Older layouts of the settings file, brought up to :data:`~.model.SCHEMA_VERSION` when read.

``schema_version`` says which layout a file uses; a file without it is version 1.
``MIGRATIONS[n]`` turns a version-n file (as a dict) into a version-(n+1) one. A file from a
*newer* version is left as it is: the keys this version knows are read, the others preserved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from pluggto_desktop.logs import register_secret
from pluggto_desktop.settings.model import SCHEMA_VERSION, Settings

log = logging.getLogger("pluggto_desktop.settings")


def _rename(section: Any, old: str, new: str) -> None:
    if isinstance(section, dict) and old in section:
        value = section.pop(old)
        section.setdefault(new, value)


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 is the pre-release prototype's layout (files without ``schema_version``).

    It named a few keys differently and kept the listener as one ``"host:port"`` string.
    """
    _rename(data.get("pluggto"), "user", "username")
    linx = data.get("linx")
    _rename(linx, "url", "url_or_tenant")
    _rename(linx, "tenant", "url_or_tenant")
    _rename(data.get("channel"), "intermediary_cnpj", "fallback_cnpj")
    _rename(data.get("ui"), "lang", "language")
    engine = data.get("engine")
    if isinstance(engine, dict) and isinstance(engine.get("listen"), str):
        host, sep, port = engine["listen"].rpartition(":")
        if sep and host and port.isascii() and port.isdigit() and len(port) <= 5:
            engine.pop("listen")
            engine.setdefault("listener_host", host)
            engine.setdefault("listener_port", int(port))
    return data


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 serves notifications on a secret path: a profile set up before gets its token.

    (``load_settings`` writes the upgraded file back, so the token never changes again.)
    """
    engine = data.get("engine")
    if engine is None:
        engine = data["engine"] = {}
    if isinstance(engine, dict) and not engine.get("listener_token"):
        engine["listener_token"] = _new_listener_token()
    return data


#: ``MIGRATIONS[n]`` turns a version-n file (as a dict) into a version-(n+1) one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}


def _new_listener_token() -> str:
    from pluggto_desktop.engine.listener import new_token  # the token's rules live with the listener

    return new_token()


def ensure_listener_token(settings: Settings) -> str:
    """The profile's listener token, made now if it has none yet (setup; a file that lost it)."""
    if not settings.engine.listener_token:
        settings.engine.listener_token = _new_listener_token()
    register_secret(settings.engine.listener_token)
    return settings.engine.listener_token


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a raw settings dict up to :data:`SCHEMA_VERSION` (in place, also returned).

    A file without ``schema_version`` is version 1. A file from a *newer* version is left as it
    is: the keys we know are read, the others preserved.
    """
    version = data.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return data  # reported by the type check of schema_version
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
        log.info("settings migrated to schema version %d", version)
    return data


__all__ = ["MIGRATIONS", "ensure_listener_token", "migrate"]
