"""Logging for the core (no Qt): redaction, the technical log and the merchant's activity log.

Two streams, for two audiences:

* the **technical log** (``logs/pluggto-desktop.log``, rotated): everything a support agent needs,
  through the standard :mod:`logging` module. :func:`setup_logging` installs it; an in-memory
  ring buffer with :func:`subscribe` lets the UI live-tail it without reading files
  (:mod:`.technical`; the flood-prone loggers are rate limited, :mod:`.rate_limit`).
* the **activity log** (``logs/activity.jsonl``): business events only, in pt-BR and English,
  for the store owner — "Pedido 2000001 do MercadoLivre integrado (pedido Linx 100234)".
  See :class:`ActivityLog` (:mod:`.activity`).

Neither may contain secrets or buyers' personal data (docs/interfaces.md, "Secrets";
docs/business-rules.md §7). Code should not log them in the first place; :func:`redact` is the safety
net applied to every record on every handler (:mod:`.redaction`).

Everything is imported from here (``from pluggto_desktop.logs import redact``).
"""

from __future__ import annotations

from pluggto_desktop.logs.activity import ACTIVITY_FILE_NAME, ACTIVITY_LEVELS, ActivityEntry, ActivityLog
from pluggto_desktop.logs.rate_limit import FLOOD_LOGGERS, RATE_LIMIT_S, RateLimitFilter, install_rate_limits
from pluggto_desktop.logs.redaction import (
    CNPJ,
    CPF,
    EMAIL,
    MAX_ROTATING_SECRETS,
    MIN_SECRET_LENGTH,
    PHONE,
    REDACTED,
    SECRET,
    TOKEN,
    RedactingFilter,
    forget_secrets,
    redact,
    register_secret,
)
from pluggto_desktop.logs.technical import (
    LOG_BACKUP_COUNT,
    LOG_FILE_NAME,
    LOG_MAX_BYTES,
    RING_CAPACITY,
    LogEntry,
    RingBufferHandler,
    log_file_path,
    recent_log,
    ring_buffer,
    setup_logging,
    subscribe,
)

__all__ = [
    "ACTIVITY_FILE_NAME",
    "ACTIVITY_LEVELS",
    "CNPJ",
    "CPF",
    "EMAIL",
    "FLOOD_LOGGERS",
    "LOG_BACKUP_COUNT",
    "LOG_FILE_NAME",
    "LOG_MAX_BYTES",
    "MAX_ROTATING_SECRETS",
    "MIN_SECRET_LENGTH",
    "PHONE",
    "RATE_LIMIT_S",
    "REDACTED",
    "RING_CAPACITY",
    "SECRET",
    "TOKEN",
    "ActivityEntry",
    "ActivityLog",
    "LogEntry",
    "RateLimitFilter",
    "RedactingFilter",
    "RingBufferHandler",
    "forget_secrets",
    "install_rate_limits",
    "log_file_path",
    "recent_log",
    "redact",
    "register_secret",
    "ring_buffer",
    "setup_logging",
    "subscribe",
]
