"""The settings file: what the user configured, in one JSON file of the profile.

* :mod:`.model` — plain dataclasses, one per section (``pluggto``, ``linx``, ``channel``,
  ``engine``, ``ui``, ``network``), gathered in :class:`Settings`;
* :mod:`.storage` — the file: UTF-8 JSON written atomically, read without ever crashing on bad
  content, and the backup next to it; :mod:`.reading` checks the types of what was read and
  :mod:`.migrations` brings older layouts (``schema_version``) up to date. Keys this version does
  not know are kept and written back untouched;
* :mod:`.validation` — what a value may be (:func:`validate`); :mod:`.readiness` — whether the
  settings are enough to run (:func:`is_configured`) and what a draft being edited still lacks
  (:func:`check_draft`); :mod:`.messages` — the words for every problem, in pt-BR and English,
  each ``"<section>.<field>: <what is wrong>"``.

**Secrets are never settings.** Passwords, the client secret and tokens live in the password
vault (``secrets.py``). A file that carries one is refused with a message saying where it goes.

Everything below is importable from ``pluggto_desktop.settings`` itself, as it always was.
"""

from __future__ import annotations

from pluggto_desktop.settings.messages import SettingsError
from pluggto_desktop.settings.migrations import MIGRATIONS, ensure_listener_token, migrate
from pluggto_desktop.settings.model import (
    CHANNEL_STATES,
    LANGUAGE_CHOICES,
    NOTIFICATION_MODES,
    PRICE_FIELDS,
    PROXY_MODES,
    SCHEMA_VERSION,
    SECTIONS,
    ChannelSettings,
    EngineSettings,
    LinxSettings,
    NetworkSettings,
    PluggtoSettings,
    Settings,
    UiSettings,
)
from pluggto_desktop.settings.readiness import (
    REQUIRED_FIELDS,
    SECRET_FIELDS,
    DraftCheck,
    channel_state,
    check_draft,
    is_configured,
    missing_fields,
    state_to_save,
)
from pluggto_desktop.settings.reading import MAX_DEPTH, settings_from_dict
from pluggto_desktop.settings.storage import (
    backup_path,
    keep_backup,
    load_settings,
    restore_backup,
    save_settings,
    settings_to_dict,
    usable_backup,
    write_text_atomically,
)
from pluggto_desktop.settings.validation import is_http_url, parse_datetime, validate

__all__ = [
    "CHANNEL_STATES",
    "LANGUAGE_CHOICES",
    "MAX_DEPTH",
    "MIGRATIONS",
    "NOTIFICATION_MODES",
    "PRICE_FIELDS",
    "PROXY_MODES",
    "REQUIRED_FIELDS",
    "SCHEMA_VERSION",
    "SECRET_FIELDS",
    "SECTIONS",
    "ChannelSettings",
    "DraftCheck",
    "EngineSettings",
    "LinxSettings",
    "NetworkSettings",
    "PluggtoSettings",
    "Settings",
    "SettingsError",
    "UiSettings",
    "backup_path",
    "channel_state",
    "check_draft",
    "ensure_listener_token",
    "is_configured",
    "is_http_url",
    "keep_backup",
    "load_settings",
    "migrate",
    "missing_fields",
    "parse_datetime",
    "restore_backup",
    "save_settings",
    "settings_from_dict",
    "settings_to_dict",
    "state_to_save",
    "usable_backup",
    "validate",
    "write_text_atomically",
]
