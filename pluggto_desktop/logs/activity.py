"""The activity log: business events only, in pt-BR and English, for the store owner —
"Pedido 2000001 do MercadoLivre integrado (pedido Linx 100234)".

JSON lines in ``logs/activity.jsonl`` in the profile, rotated by size; each entry is redacted
before it is stored and mirrored into the technical log in English.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pluggto_desktop.i18n import PT
from pluggto_desktop.logs.redaction import redact
from pluggto_desktop.profile import create_private_file, make_private

if TYPE_CHECKING:  # pragma: no cover
    from pluggto_desktop.profile import Profile

log = logging.getLogger("pluggto_desktop.logs")

ACTIVITY_FILE_NAME = "activity.jsonl"
ACTIVITY_LEVELS = ("info", "warning", "error")
#: How an activity entry is mirrored into the technical log. An entry is a business event (an order
#: needs attention: the merchant fixes it); ERROR in the technical log means the program itself
#: failed, so a business "error" is logged as a WARNING there (the entry keeps its own level).
_ACTIVITY_TO_LOGGING = {"info": logging.INFO, "warning": logging.WARNING, "error": logging.WARNING}
_activity_log = logging.getLogger("pluggto_desktop.activity")


@dataclass(frozen=True)
class ActivityEntry:
    """One business event, in both languages.

    ``refs`` carries identifiers only (``pluggto_id``, ``original_id``, ``channel``,
    ``linx_order_id``, ``sku`` …) so the UI can link the line to the job; never personal data.
    """

    at: str  # ISO-8601, UTC
    level: str  # "info" | "warning" | "error"
    code: str  # machine code, e.g. "order_integrated"
    message_pt: str
    message_en: str
    refs: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return self.message_pt if lang == PT else self.message_en

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActivityEntry:
        refs = data.get("refs") or {}
        return cls(
            at=str(data["at"]),
            level=str(data.get("level", "info")),
            code=str(data.get("code", "")),
            message_pt=str(data.get("message_pt", "")),
            message_en=str(data.get("message_en", "")),
            refs={str(k): str(v) for k, v in refs.items()} if isinstance(refs, dict) else {},
        )


class ActivityLog:
    """The activity stream: JSON lines in ``logs/activity.jsonl``, rotated by size.

    The newest ``keep`` entries are also held in memory for :meth:`recent`; on start they are
    read back from the files, skipping any damaged line. Messages are redacted before they are
    stored (the order numbers in ``refs`` are kept as they are). Each entry also goes to the
    technical log, in English.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        max_bytes: int = 1024 * 1024,
        backup_count: int = 3,
        keep: int = 1000,
    ) -> None:
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.backup_count = backup_count
        self._lock = threading.Lock()
        self._entries: deque[ActivityEntry] = deque(maxlen=keep)
        self._subscribers: list[Callable[[ActivityEntry], None]] = []
        self._load()

    @classmethod
    def for_profile(cls, profile: Profile, **kwargs: Any) -> ActivityLog:
        return cls(profile.logs_dir / ACTIVITY_FILE_NAME, **kwargs)

    def _backup(self, index: int) -> Path:
        return self.path.with_name(f"{self.path.name}.{index}")

    def _load(self) -> None:
        files = [self._backup(i) for i in range(self.backup_count, 0, -1)] + [self.path]
        for file in files:
            make_private(file)  # written by an older version with the umask's mode
            try:
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for line in lines:
                try:
                    self._entries.append(ActivityEntry.from_dict(json.loads(line)))
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue  # a line cut by a crash or edited by hand

    def add(
        self,
        code: str,
        message_pt: str,
        message_en: str,
        *,
        level: str = "info",
        refs: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> ActivityEntry:
        """Record a business event and tell subscribers; returns the stored entry."""
        if level not in ACTIVITY_LEVELS:
            raise ValueError(f"activity level must be one of {ACTIVITY_LEVELS}, not {level!r}")
        clean_refs = {str(k): str(v) for k, v in (refs or {}).items() if v is not None}
        keep = list(clean_refs.values())
        moment = (at or datetime.now(UTC)).astimezone(UTC)
        entry = ActivityEntry(
            at=moment.isoformat(timespec="seconds"),
            level=level,
            code=code,
            message_pt=redact(message_pt, keep=keep),
            message_en=redact(message_en, keep=keep),
            refs=clean_refs,
        )
        line = json.dumps(entry.to_dict(), ensure_ascii=False) + "\n"
        with self._lock:
            try:
                self._write(line)
            except OSError as exc:
                log.error("could not write the activity log %s: %s", self.path, exc)
            self._entries.append(entry)
            subscribers = list(self._subscribers)
        _activity_log.log(_ACTIVITY_TO_LOGGING[level], "[%s] %s", code, entry.message_en,
                          extra={"redact_keep": keep})
        for callback in subscribers:
            try:
                callback(entry)
            except Exception:  # a broken subscriber must not lose the entry
                log.exception("activity subscriber failed")
        return entry

    def _write(self, line: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = line.encode("utf-8")
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            size = 0
        if size and size + len(data) > self.max_bytes:
            self._rotate()
            size = 0
        create_private_file(self.path)
        with open(self.path, "ab+") as handle:
            if size:
                handle.seek(-1, 2)
                if handle.read(1) != b"\n":  # the last line was cut by a crash: end it first
                    data = b"\n" + data
            handle.write(data)

    def _rotate(self) -> None:
        if self.backup_count <= 0:
            self.path.unlink(missing_ok=True)
            return
        for index in range(self.backup_count - 1, 0, -1):
            source = self._backup(index)
            if source.exists():
                source.replace(self._backup(index + 1))
        self.path.replace(self._backup(1))

    def recent(self, n: int = 100) -> list[ActivityEntry]:
        """The last ``n`` entries, oldest first (reverse it for a newest-first list)."""
        with self._lock:
            items = list(self._entries)
        return items[-n:] if n > 0 else []

    def subscribe(self, callback: Callable[[ActivityEntry], None]) -> Callable[[], None]:
        """Call ``callback(entry)`` after every :meth:`add`; returns a function that unsubscribes."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe
