"""Logging for the core (no Qt): redaction, the technical log and the merchant's activity log.

Two streams, for two audiences:

* the **technical log** (``logs/pluggto-desktop.log``, rotated): everything a support agent needs,
  through the standard :mod:`logging` module. :func:`setup_logging` installs it; an in-memory
  ring buffer with :func:`subscribe` lets the UI live-tail it without reading files.
* the **activity log** (``logs/activity.jsonl``): business events only, in pt-BR and English,
  for the store owner — "Pedido 2000001 do MercadoLivre integrado (pedido Linx 100234)".
  See :class:`ActivityLog`.

Neither may contain secrets or buyers' personal data (interfaces.md, "Secrets";
business-rules.md §7). Code should not log them in the first place; :func:`redact` is the safety
net applied to every record on every handler: tokens, passwords, CPFs, CNPJs, e-mails, phones
and the values of personal-data keys in JSON/dict payloads are masked, as is every exact secret
value registered with :func:`register_secret`.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus

from pluggto_desktop.domain import cnpj
from pluggto_desktop.i18n import PT
from pluggto_desktop.profile import create_private_file, make_private

if TYPE_CHECKING:  # pragma: no cover
    from pluggto_desktop.profile import Profile

log = logging.getLogger(__name__)

LOG_FILE_NAME = "pluggto-desktop.log"
LOG_MAX_BYTES = 5 * 1024 * 1024
LOG_BACKUP_COUNT = 7
RING_CAPACITY = 2000

# =============================================================================================
# Redaction
# =============================================================================================

#: Replacement tokens. Ordinary words, so a support agent reading a log sees what was there.
TOKEN = "[token]"
SECRET = "[secret]"
REDACTED = "[redacted]"
CPF = "[cpf]"
CNPJ = "[cnpj]"
EMAIL = "[email]"
PHONE = "[phone]"

# Key names whose values are secrets (any key *containing* one of these words). Quantifiers are
# bounded (key names are short) so a huge single word cannot make matching quadratic.
_SECRET_KEY = r"[\w.-]{0,40}?(?:password|passwd|senha|secret|token|authorization|api[_-]?key|cookie)[\w.-]{0,40}"
# Key names whose values are buyers' personal data.
_PII_KEY = (
    r"[\w-]{0,40}_(?:cpf|cnpj|tax_id|email|phone\w{0,20}|address\w{0,20}|zipcode|document\w{0,20})"
    r"|(?:receiver|payer|buyer|customer)_(?:name|lastname|razao_social|company_name)"
    r"|cpf|cnpj|email|phone|phones|addressline|addressnotes|landmark|postalcode|contactphone"
)
_SENSITIVE_KEY = rf"(?:{_SECRET_KEY}|{_PII_KEY})"

# "key": "value" in JSON, 'key': 'value' in Python reprs; numbers and booleans too (not null).
_KEY_VALUE = re.compile(
    rf"""(?P<head>(?P<q>["'])(?:{_SENSITIVE_KEY})(?P=q)\s*:\s*)
         (?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d[\d.eE+-]*|true|false|True|False)""",
    re.IGNORECASE | re.VERBOSE,
)
# key=value in query strings and form bodies.
_FORM = re.compile(
    rf"(?P<head>(?<![\w.-])(?:{_SENSITIVE_KEY}|pluggtocode)=)(?P<value>[^&\s\"'<>;,)]+)",
    re.IGNORECASE,
)
# HTTP header lines.
_AUTH_HEADER = re.compile(
    r"(?P<head>\b(?:(?:proxy-)?authorization|x-api-key|api-key|x-auth-token)\s*:\s*"
    r"(?:(?:bearer|basic|digest|token)\s+)?)"
    r"(?P<value>[^\s\"',;}]+)",
    re.IGNORECASE,
)
_COOKIE_HEADER = re.compile(r"(?P<head>\b(?:set-)?cookie\s*:\s*)(?P<value>[^\r\n\"']+)", re.IGNORECASE)
_BEARER = re.compile(r"(?P<head>\bbearer\s+)(?P<value>[A-Za-z0-9\-._~+/]{8,}=*)", re.IGNORECASE)
_URL_USERINFO = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]+@", re.IGNORECASE)
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
_HEX_TOKEN = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])")
# Bounded like the RFC limits (64-character local part), which also keeps matching linear.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}")
_CPF_MASKED = re.compile(r"(?<![\d.])\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d)")
_CNPJ_MASKED = re.compile(r"(?<![0-9A-Za-z.])[0-9A-Za-z]{2}\.[0-9A-Za-z]{3}\.[0-9A-Za-z]{3}/[0-9A-Za-z]{4}-\d{2}(?!\d)")
_PHONE = re.compile(
    r"""
      (?:\+\s?55[\s.-]?)?\(\s?\d{2}\s?\)[\s.-]?9?\d{4}[\s.-]?\d{4}(?!\d)    # (11) 99112-2111
    | \+\s?55[\s.-]?\d{2}[\s.-]?9?\d{4}[\s.-]?\d{4}(?!\d)                   # +55 11 99112-2111
    | (?<![\w.-])\d{2}[\s.]9?\d{4}-\d{4}(?![\w-])                            # 11 99112-2111
    | (?<![\w.-])9\d{4}-\d{4}(?![\w-])                                       # 99112-2111
    """,
    re.VERBOSE,
)
# 14 characters, 12 base (digits or letters) + 2 digits: a bare CNPJ (alphanumeric ones only
# when their check digits are right, so SKUs such as "CAMISETAAZUL12" survive).
_CNPJ_BARE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{12}\d{2}(?![0-9A-Za-z])")
# Exactly 11 digits: a CPF or a phone with area code. Longer numbers (marketplace order ids of
# 16 digits, EANs of 13) are left alone.
_ELEVEN_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{11}(?![0-9A-Za-z])")

_secrets_lock = threading.Lock()
_pinned_secrets: dict[str, None] = {}  # passwords, client secret: kept for the whole run
_rotating_secrets: dict[str, None] = {}  # tokens, oldest first; only the latest are kept
_secret_pattern: re.Pattern[str] | None = None
#: Secrets shorter than this are not registered: masking every "abc" would wreck the log.
MIN_SECRET_LENGTH = 4
#: How many rotating secrets (refresh tokens) are remembered. They change every hour and would
#: otherwise pile up and slow every log line down; long-dead ones are forgotten first.
MAX_ROTATING_SECRETS = 32


def register_secret(value: str | None, *, rotating: bool = False) -> None:
    """Mask this exact value (and its URL/JSON-escaped forms) wherever it appears from now on.

    ``rotating=True`` for values replaced regularly (refresh tokens): only the latest
    :data:`MAX_ROTATING_SECRETS` are kept. Other secrets are kept until :func:`forget_secrets`.
    """
    global _secret_pattern
    if not isinstance(value, str) or len(value) < MIN_SECRET_LENGTH:
        return
    with _secrets_lock:
        if value in _pinned_secrets or (rotating and value in _rotating_secrets):
            return
        if rotating:
            _rotating_secrets[value] = None
            while len(_rotating_secrets) > MAX_ROTATING_SECRETS:
                del _rotating_secrets[next(iter(_rotating_secrets))]
        else:
            _rotating_secrets.pop(value, None)
            _pinned_secrets[value] = None
        forms = {
            form
            for secret in (*_pinned_secrets, *_rotating_secrets)
            for form in (secret, quote_plus(secret), quote(secret, safe=""), json.dumps(secret)[1:-1])
        }
        ordered = sorted(forms, key=len, reverse=True)  # longest first
        _secret_pattern = re.compile("|".join(re.escape(v) for v in ordered))


def forget_secrets() -> None:
    """Drop every registered secret (tests; a profile switch)."""
    global _secret_pattern
    with _secrets_lock:
        _pinned_secrets.clear()
        _rotating_secrets.clear()
        _secret_pattern = None


def _is_cpf(digits: str) -> bool:
    if len(digits) != 11 or len(set(digits)) == 1:
        return False
    numbers = [int(d) for d in digits]
    for size in (9, 10):
        total = sum(n * w for n, w in zip(numbers[:size], range(size + 1, 1, -1)))
        check = (total * 10) % 11 % 10
        if check != numbers[size]:
            return False
    return True


def _eleven_digits(match: re.Match[str]) -> str:
    digits = match.group(0)
    if _is_cpf(digits):
        return CPF
    if digits[0] != "0" and digits[2] == "9":  # area code + mobile number
        return PHONE
    return REDACTED


def _bare_cnpj(match: re.Match[str]) -> str:
    text = match.group(0)
    if text.isdigit() or cnpj.is_valid(text):
        return CNPJ
    return text


def _key_value(match: re.Match[str]) -> str:
    value = match.group("value")
    quote_char = value[0] if value[0] in "\"'" else '"'
    return f"{match.group('head')}{quote_char}{REDACTED}{quote_char}"


def _keep_head(replacement: str) -> Callable[[re.Match[str]], str]:
    return lambda match: f"{match.group('head')}{replacement}"


# (pattern, replacement) in the order they run. Structured forms first (they know what the value
# is), then shapes of values anywhere in free text.
_RULES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (_KEY_VALUE, _key_value),
    (_FORM, _keep_head(REDACTED)),
    (_AUTH_HEADER, _keep_head(TOKEN)),
    (_COOKIE_HEADER, _keep_head(REDACTED)),
    (_BEARER, _keep_head(TOKEN)),
    (_URL_USERINFO, _keep_head(f"{REDACTED}@")),
    (_JWT, TOKEN),
    (_HEX_TOKEN, TOKEN),
    (_EMAIL, EMAIL),
    (_CPF_MASKED, CPF),
    (_CNPJ_MASKED, CNPJ),
    (_PHONE, PHONE),
    (_CNPJ_BARE, _bare_cnpj),
    (_ELEVEN_DIGITS, _eleven_digits),
)

_KEEP_BASE = 0xE000  # kept strings become one private-use character each: no rule matches them


def redact(text: Any, *, keep: Iterable[str] = ()) -> str:
    """``text`` with secrets and personal data masked. Never raises.

    ``keep`` lists exact strings to leave untouched (e.g. the order numbers an activity message
    is about, which may happen to be 11 or 14 digits long). Registered secrets are masked even
    when listed in ``keep``.
    """
    try:
        text = text if isinstance(text, str) else str(text)
        pattern = _secret_pattern
        if pattern is not None:
            text = pattern.sub(SECRET, text)
        kept = sorted({k for k in keep if isinstance(k, str) and k}, key=len, reverse=True)[:1000]
        if kept:
            # Only whole tokens are kept, so a kept "2000001" cannot hide part of a longer number.
            whole = re.compile(
                r"(?<![0-9A-Za-z])(?:" + "|".join(map(re.escape, kept)) + r")(?![0-9A-Za-z])"
            )
            text = whole.sub(lambda m: chr(_KEEP_BASE + kept.index(m.group(0))), text)
        for rule, replacement in _RULES:
            text = rule.sub(replacement, text)
        for index, value in enumerate(kept):
            text = text.replace(chr(_KEEP_BASE + index), value)
        return text
    except Exception:  # noqa: BLE001 - the safety net must never break logging
        return "[redaction failed: message withheld]"


class RedactingFilter(logging.Filter):
    """Redacts the fully formatted message (arguments included), the traceback and stack info.

    Put it on every handler. The record is rewritten in place (``msg`` becomes the redacted text,
    ``args`` is cleared), so every handler after the first sees the redacted version.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_pluggto_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - bad %-formatting must not lose the record
            message = f"{record.msg!r} % {record.args!r} (arguments could not be formatted)"
        # identifiers a caller vouched for (e.g. a 14-digit marketplace order number, which
        # would otherwise look like a CNPJ) pass through: ``extra={"redact_keep": [...]}``
        record.msg = redact(message, keep=getattr(record, "redact_keep", ()))
        record.args = None
        if record.exc_info:
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(text)
            record.exc_info = None  # the redacted text is what every formatter prints
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record._pluggto_redacted = True
        return True


# =============================================================================================
# Technical log
# =============================================================================================


class _IsoFormatter(logging.Formatter):
    """``2024-07-15T10:02:11.123-03:00 INFO    pluggto_desktop.engine: message``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        moment = datetime.fromtimestamp(record.created, timezone.utc).astimezone()
        return moment.isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class LogEntry:
    """One technical log record as the UI shows it (already redacted)."""

    created: float  # seconds since the epoch
    level: str  # "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"
    logger: str
    message: str  # the message, plus the traceback when there is one
    line: str  # the full line as written to the file


class RingBufferHandler(logging.Handler):
    """Keeps the last ``capacity`` records in memory and tells subscribers about new ones.

    Subscribers are called in the thread that logged; a Qt UI must hand the entry over to its
    own thread (e.g. with a queued signal). A subscriber that raises is ignored.
    """

    def __init__(self, capacity: int = RING_CAPACITY) -> None:
        super().__init__()
        self._entries: deque[LogEntry] = deque(maxlen=capacity)
        self._subscribers: list[Callable[[LogEntry], None]] = []
        self._busy = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(self._busy, "active", False):
            return  # a subscriber logged: do not loop
        try:
            line = self.format(record)
            message = record.getMessage()
            if record.exc_text:
                message = f"{message}\n{record.exc_text}"
            entry = LogEntry(record.created, record.levelname, record.name, message, line)
        except Exception:  # noqa: BLE001
            self.handleError(record)
            return
        self._entries.append(entry)
        self._busy.active = True
        try:
            for callback in list(self._subscribers):
                try:
                    callback(entry)
                except Exception:  # noqa: BLE001, S112 - a broken viewer must not break logging
                    continue
        finally:
            self._busy.active = False

    def entries(self, n: int | None = None) -> list[LogEntry]:
        """The last ``n`` entries (all when None), oldest first."""
        with self.lock:  # emit() appends under the same lock
            items = list(self._entries)
        return items if n is None else items[-n:] if n > 0 else []

    def subscribe(self, callback: Callable[[LogEntry], None]) -> Callable[[], None]:
        """Call ``callback(entry)`` for every new record; returns a function that unsubscribes."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def clear(self) -> None:
        with self.lock:
            self._entries.clear()


_RING = RingBufferHandler()
_OWNED = "_pluggto_desktop_handler"  # marks the handlers setup_logging installed


def ring_buffer() -> RingBufferHandler:
    """The process-wide ring buffer of the technical log."""
    return _RING


def subscribe(callback: Callable[[LogEntry], None]) -> Callable[[], None]:
    """Live-tail the technical log (see :class:`RingBufferHandler`); returns the unsubscriber."""
    return _RING.subscribe(callback)


def recent_log(n: int | None = None) -> list[LogEntry]:
    """The last ``n`` technical log entries kept in memory, oldest first."""
    return _RING.entries(n)


def log_file_path(profile: Profile) -> Path:
    return profile.logs_dir / LOG_FILE_NAME


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only the current user can read (they hold order numbers and
    names of marketplaces, and may hold buyers' data a redaction missed)."""

    def _open(self):  # noqa: ANN202 - logging's own signature
        create_private_file(self.baseFilename)
        for index in range(1, getattr(self, "backupCount", LOG_BACKUP_COUNT) + 1):  # rotated by an older version
            backup = f"{self.baseFilename}.{index}"
            if os.path.exists(backup):
                make_private(backup)
        return super()._open()


def setup_logging(profile: Profile, *, level: str | int = "INFO", console: bool = False) -> None:
    """Send the process's logging to the profile's technical log (and the ring buffer).

    * ``logs/pluggto-desktop.log``, UTF-8, rotated at 5 MB, 7 old files kept;
    * the in-memory ring buffer (last 2000 records) for live-tailing;
    * stderr too when ``console`` (CLI runs).

    Every handler gets the :class:`RedactingFilter`. Calling it again replaces the handlers it
    installed before (another profile, another level) instead of adding more.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OWNED, False):
            root.removeHandler(handler)
            if handler is not _RING:
                handler.close()

    profile.ensure()
    handlers: list[logging.Handler] = [
        _PrivateRotatingFileHandler(
            log_file_path(profile),
            maxBytes=LOG_MAX_BYTES,
            backupCount=LOG_BACKUP_COUNT,
            encoding="utf-8",
        ),
        _RING,
    ]
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))

    formatter = _IsoFormatter()
    for handler in handlers:
        handler.setFormatter(formatter)
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
        setattr(handler, _OWNED, True)
        root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
    logging.captureWarnings(True)
    install_rate_limits()


# =============================================================================================
# Rate-limited logging: a flood from outside must not fill the disk or push history out
# =============================================================================================

#: The same message (logger + message template) passes at most once per this many seconds.
RATE_LIMIT_S = 60.0

#: The loggers where floods happen, each with the highest level it limits. The listener faces
#: the internet (forged, slow or endless requests); uvicorn and asyncio report each bad or
#: refused connection ("Invalid HTTP request received.", "socket.accept() out of system
#: resource" with its traceback every second under fd exhaustion), so for them even errors are
#: limited. Everywhere else every line is kept: a per-order line is worth its space.
FLOOD_LOGGERS: dict[str, int] = {
    "pluggto_desktop.engine.listener": logging.WARNING,
    "pluggto_desktop.asgi_server": logging.WARNING,
    "pluggto_desktop.net.gate": logging.WARNING,
    "uvicorn.error": logging.CRITICAL,
    "asyncio": logging.CRITICAL,
}


class RateLimitFilter(logging.Filter):
    """Lets the same message through at most once per ``interval`` seconds.

    "The same" is the logger, the message *template* (``"refused Host %r"``, before its
    arguments: a flood varies them) — only its first line, since asyncio builds multi-line
    messages around a repeated first line — and the exception type. Records above
    ``max_level`` always pass. When a message passes again after some were held back, it says
    how many (``[+41 like this in the last 60 s not logged]``), so nothing disappears silently.
    Put it on a :class:`logging.Logger` (records are rewritten before any handler formats them).
    """

    MAX_KEYS = 1000  # distinct messages remembered; the oldest are forgotten first

    def __init__(
        self,
        *,
        interval: float = RATE_LIMIT_S,
        max_level: int = logging.WARNING,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.interval = interval
        self.max_level = max_level
        self.clock = clock
        self._seen: dict[tuple[str, str, str], list[float]] = {}  # key -> [last passed at, held back]
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > self.max_level:
            return True
        template = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
        error = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        key = (record.name, template.split("\n", 1)[0][:200], error)
        now = self.clock()
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and now - seen[0] < self.interval:
                seen[1] += 1
                return False
            held = int(seen[1]) if seen is not None else 0
            self._seen.pop(key, None)
            self._seen[key] = [now, 0]
            while len(self._seen) > self.MAX_KEYS:
                del self._seen[next(iter(self._seen))]
        if held:
            # appended to the template: no "%" in it, so the arguments still format
            record.msg = f"{record.msg} [+{held} like this in the last {self.interval:.0f} s not logged]"
        return True


def install_rate_limits(loggers: dict[str, int] | None = None) -> None:
    """Put a :class:`RateLimitFilter` on each flood-prone logger (once; calling again is harmless)."""
    for name, max_level in (FLOOD_LOGGERS if loggers is None else loggers).items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, RateLimitFilter) for f in logger.filters):
            logger.addFilter(RateLimitFilter(max_level=max_level))


# =============================================================================================
# Activity log (merchant-facing)
# =============================================================================================

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
        moment = (at or datetime.now(timezone.utc)).astimezone(timezone.utc)
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
            except Exception:  # noqa: BLE001
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


__all__ = [
    "ACTIVITY_LEVELS",
    "ActivityEntry",
    "ActivityLog",
    "LogEntry",
    "RedactingFilter",
    "RingBufferHandler",
    "forget_secrets",
    "recent_log",
    "redact",
    "register_secret",
    "ring_buffer",
    "setup_logging",
    "subscribe",
]
