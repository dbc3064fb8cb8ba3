"""From parsed JSON to :class:`~.model.Settings`: the types of the values, checked by hand.

Why a hand-written checker and not a schema library: the settings are six flat sections of
booleans, numbers, texts, lists of texts and name → text tables; the dataclass annotations of
:mod:`.model` already say all of it, and :func:`_type_problem` reads them in some thirty lines.
What it must do besides — keep unknown keys for a newer version, refuse a secret with the
environment variable to use instead, list every problem at once in pt-BR or English — a library
would need as much code around it, and it would be one more dependency in the frozen app.
"""

from __future__ import annotations

import logging
import re
import typing
from dataclasses import fields
from typing import Any

from pluggto_desktop.logs import register_secret
from pluggto_desktop.settings import messages as m
from pluggto_desktop.settings.migrations import migrate
from pluggto_desktop.settings.model import SCHEMA_VERSION, SECTIONS, UNKNOWN_KEYS_FIELD, Settings
from pluggto_desktop.settings.validation import validate

log = logging.getLogger("pluggto_desktop.settings")

#: Deeper than any settings file is (the file is 3 levels deep; unknown keys a newer version
#: adds get room to spare). Refused when read, because a deeper value would break a copy of the
#: settings or their next save far from here.
MAX_DEPTH = 32

# Unknown keys that look like a secret: refused, with the environment variable to use instead.
_SECRET_KEY = re.compile(r"(?i)(^|_)(password|passwd|senha|secret)$|^(access_|refresh_)?token$")
_SECRET_ENV_HINT = {
    "pluggto": "PLUGGTO_PASSWORD / PLUGGTO_CLIENT_SECRET",
    "linx": "LINX_PASSWORD",
}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _type_problem(value: Any, hint: Any, lang: str) -> str | None:
    """None when ``value`` (from JSON) fits the field's annotation, else what is wrong."""
    args = typing.get_args(hint)
    if type(None) in args:  # "X | None"
        if value is None:
            return None
        inner = next(a for a in args if a is not type(None))
        problem = _type_problem(value, inner, lang)
        return None if problem is None else m.OR_NULL(lang, message=problem)
    if hint is bool:
        return None if isinstance(value, bool) else m.BOOL(lang)
    if hint is int:
        return None if isinstance(value, int) and not isinstance(value, bool) else m.INT(lang)
    if hint is float:
        return None if _is_number(value) else m.FLOAT(lang)
    if hint is str:
        return None if isinstance(value, str) else m.STR(lang)
    origin = typing.get_origin(hint)
    if origin is list:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else m.LIST_STR(lang)
    if origin is dict:
        inner = typing.get_args(hint)[1]
        if typing.get_origin(inner) is dict:  # {"Shopee": {"invoice_hours": 24, ...}}
            ok = isinstance(value, dict) and all(
                isinstance(v, dict) and all(_is_number(n) for n in v.values()) for v in value.values())
            return None if ok else m.DEADLINE_TABLE(lang)
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        return None if ok else m.DICT_STR(lang)
    return None  # pragma: no cover - every field type is handled above


def _read_section(cls: type, raw: Any, name: str, lang: str, problems: list[str]) -> Any:
    if raw is None:
        return cls()
    if not isinstance(raw, dict):
        problems.append(m.problem_line(name, m.SECTION, lang))
        return cls()
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls) if f.name != UNKNOWN_KEYS_FIELD}
    values: dict[str, Any] = {}
    unknown: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            if _SECRET_KEY.search(key):
                env = _SECRET_ENV_HINT.get(name, "PLUGGTO_PASSWORD / LINX_PASSWORD")
                problems.append(m.problem_line(f"{name}.{key}", m.SECRET_IN_FILE, lang, env=env))
            else:
                unknown[key] = value
            continue
        problem = _type_problem(value, hints[key], lang)
        if problem:
            problems.append(f"{name}.{key}: {problem}")
        else:
            values[key] = float(value) if hints[key] is float else value
    section = cls(**values)
    section.unknown_keys = unknown
    return section


def settings_from_dict(data: dict[str, Any], *, lang: str | None = None) -> Settings:
    """Build :class:`Settings` from a raw dict (already parsed JSON); raises ConfigError.

    Migrates older layouts, checks types and values, and lists every problem at once.
    """
    lang = m.message_language(lang, data)
    data = migrate(data)
    problems: list[str] = []
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.append(m.problem_line("schema_version", m.SCHEMA_VERSION, lang))
        version = SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        log.warning(
            "settings file has schema version %d, newer than this app's %d: unknown keys are kept",
            version,
            SCHEMA_VERSION,
        )
    sections = {name: _read_section(cls, data.get(name), name, lang, problems) for name, cls in SECTIONS.items()}
    settings = Settings(schema_version=max(version, SCHEMA_VERSION), **sections)
    for key, value in data.items():
        if key in SECTIONS or key == "schema_version":
            continue
        if _SECRET_KEY.search(key):
            env = "PLUGGTO_CLIENT_SECRET / PLUGGTO_PASSWORD / LINX_PASSWORD"
            problems.append(m.problem_line(key, m.SECRET_IN_FILE, lang, env=env))
        else:
            settings.unknown_keys[key] = value
    problems.extend(validate(settings, lang, strict_network=False))
    if problems:
        raise m.SettingsError(problems=problems, lang=lang)
    if settings.engine.listener_token:
        register_secret(settings.engine.listener_token)  # never in a log line of this process
    return settings


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when ``value`` (decoded JSON) nests lists/objects more than ``limit`` levels (iterative)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


__all__ = ["MAX_DEPTH", "settings_from_dict", "too_deep"]
