"""The settings file on disk: reading it, writing it, and the backup kept next to it.

* The file is UTF-8, pretty-printed JSON, written atomically (temporary file + ``os.replace``) so
  a crash or a full disk never leaves half a file behind.
* Loading never crashes on bad content: it raises :class:`~.messages.SettingsError` (a
  :class:`~pluggto_desktop.errors.ConfigError`) listing every problem at once.
* ``settings.json.bak`` holds the settings as last saved (or last read fine): when the file gets
  damaged, :func:`restore_backup` puts it back.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import Any

from pluggto_desktop import jsontext
from pluggto_desktop.errors import ConfigError
from pluggto_desktop.settings import messages as m
from pluggto_desktop.settings.migrations import ensure_listener_token
from pluggto_desktop.settings.model import SCHEMA_VERSION, SECTIONS, UNKNOWN_KEYS_FIELD, Settings
from pluggto_desktop.settings.reading import MAX_DEPTH, settings_from_dict, too_deep
from pluggto_desktop.settings.validation import validate

log = logging.getLogger("pluggto_desktop.settings")


# --- Writing --------------------------------------------------------------------------------


def _section_to_dict(section: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for f in fields(section):
        if f.name == UNKNOWN_KEYS_FIELD:
            continue
        value = getattr(section, f.name)
        data[f.name] = list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value
    for key, value in section.unknown_keys.items():
        data.setdefault(key, value)
    return data


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The JSON-ready dict written to the file (unknown keys included, CNPJs normalised)."""
    settings.channel.normalize_cnpjs()
    data: dict[str, Any] = {"schema_version": max(settings.schema_version, SCHEMA_VERSION)}
    for name in SECTIONS:
        data[name] = _section_to_dict(getattr(settings, name))
    for key, value in settings.unknown_keys.items():
        data.setdefault(key, value)
    return data


def save_settings(settings: Settings, path: str | os.PathLike[str], *, lang: str | None = None) -> None:
    """Validate, then write ``settings`` to ``path`` atomically, and the same text to the backup
    (:func:`backup_path`): the last good settings, to come back to if the file gets damaged.

    Raises :class:`SettingsError` (nothing written) when :func:`validate` finds problems.
    The previous file stays intact until the new one is complete on disk.
    """
    path = Path(path)
    problems = validate(settings, lang)
    if problems:
        raise m.SettingsError(problems=problems, path=path, lang=m.message_language(lang or settings.ui.language))
    ensure_listener_token(settings)  # a profile gets its listener token when it is first saved (setup)
    text = _settings_text(settings)
    write_text_atomically(path, text)
    _write_backup(path, text)


def _settings_text(settings: Settings) -> str:
    return json.dumps(settings_to_dict(settings), ensure_ascii=False, indent=2) + "\n"


def write_text_atomically(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to a temporary file next to ``path``, flush it to disk, rename it over.

    ``os.replace`` is atomic on the same file system; on Windows it can fail for a moment while
    an antivirus or indexer holds the old file, so that case is retried briefly.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        for attempt in range(5):
            try:
                os.replace(tmp, path)
                break
            except PermissionError:
                if attempt == 4:
                    raise
                time.sleep(0.05 * (attempt + 1))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --- Reading --------------------------------------------------------------------------------


def load_settings(path: str | os.PathLike[str], *, lang: str | None = None) -> Settings:
    """Read the settings file; a missing file gives the defaults.

    Raises :class:`SettingsError` (a :class:`ConfigError`) naming the file and, for broken
    JSON, the line and column; for wrong values, every problem found. ``lang`` chooses the
    language of the messages (default: the file's own ``ui.language``, else the system's).
    Whatever the file holds — any bytes, any JSON — the answer is the settings or that error.
    A UTF-8 byte order mark (Windows Notepad writes one) is accepted; a lone surrogate escape
    (``"\\ud83d"``) is read as U+FFFD so the settings can be saved again.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise m.SettingsError.about_file(path, m.FILE_READ, lang, error=exc.strerror or type(exc).__name__) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise m.SettingsError.about_file(path, m.FILE_ENCODING, lang) from None
    try:
        data = jsontext.loads(text)
    except jsontext.TooDeep:
        raise m.SettingsError.about_file(path, m.FILE_DEEP, lang, limit=MAX_DEPTH) from None
    except json.JSONDecodeError as exc:
        raise m.SettingsError.about_file(path, m.FILE_JSON, lang, line=exc.lineno, column=exc.colno,
                                         error=exc.msg) from None
    except ValueError:  # an integer beyond Python's digit limit
        raise m.SettingsError.about_file(path, m.FILE_NUMBER, lang) from None
    if not isinstance(data, dict):
        raise m.SettingsError.about_file(path, m.FILE_ROOT, lang)
    if too_deep(data):
        raise m.SettingsError.about_file(path, m.FILE_DEEP, lang, limit=MAX_DEPTH)
    engine = data.get("engine")
    had_token = isinstance(engine, dict) and bool(engine.get("listener_token"))
    try:
        settings = settings_from_dict(data, lang=lang)
    except m.SettingsError as exc:
        exc.path = path
        raise
    if not had_token:
        ensure_listener_token(settings)
        if settings.schema_version <= SCHEMA_VERSION:  # (a newer app's file is left as it is)
            # an upgrade, or a file that lost its token: write it back at once, so the token
            # made now is the one for good — `status` must not show a new one on every run
            try:
                write_text_atomically(path, _settings_text(settings))
            except OSError as exc:
                log.warning("could not save the upgraded settings file %s: %s", path, exc.strerror or exc)
    return settings


# --- The backup -----------------------------------------------------------------------------


def backup_path(path: str | os.PathLike[str]) -> Path:
    """``settings.json.bak`` next to ``settings.json``: the settings as last saved (or last read
    fine by the app)."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


def _write_backup(path: Path, text: str) -> None:
    try:
        write_text_atomically(backup_path(path), text)
    except OSError as exc:  # the settings themselves are saved: a missing backup is no reason to fail
        log.warning("could not write the settings backup %s: %s", backup_path(path), exc.strerror or exc)


def keep_backup(path: str | os.PathLike[str]) -> None:
    """Copy a settings file that just loaded fine to its backup, when the backup differs (a
    profile older than backups, or a file edited by hand since). The app calls it at start."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
        if backup_path(path).exists() and backup_path(path).read_bytes().decode("utf-8-sig") == text:
            return
    except (OSError, UnicodeDecodeError):
        return
    _write_backup(path, text)


def usable_backup(path: str | os.PathLike[str], *, lang: str | None = None) -> Settings | None:
    """The settings in the backup of ``path``, or None when there is none or it does not load."""
    try:
        return load_settings(backup_path(path), lang=lang) if backup_path(path).is_file() else None
    except ConfigError:
        return None


def restore_backup(path: str | os.PathLike[str], *, lang: str | None = None) -> Path | None:
    """Put the backup back in place of a damaged settings file. The damaged file is kept next to
    it (``settings.json.damaged-<date>``: a hand edit is not lost) and its new name returned
    (None when there was no file). Raises :class:`SettingsError` when the backup is missing or
    does not load itself; then nothing is touched."""
    path = Path(path)
    if usable_backup(path, lang=lang) is None:
        raise m.SettingsError.about_file(path, m.BACKUP_MISSING, lang)
    text = backup_path(path).read_bytes().decode("utf-8-sig")
    aside = None
    if path.exists():
        aside = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
        os.replace(path, aside)
    write_text_atomically(path, text)
    log.warning("settings restored from %s (the damaged file is kept as %s)", backup_path(path), aside)
    return aside


__all__ = [
    "backup_path",
    "keep_backup",
    "load_settings",
    "restore_backup",
    "save_settings",
    "settings_to_dict",
    "usable_backup",
    "write_text_atomically",
]
