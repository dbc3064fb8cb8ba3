"""A job for people: why it is where it is, what a person may do with it, its state in words and
as a level, its timeline lines — decided here once, read alike by the queue views, the command
line (``sync --once``, ``retry``) and the diagnostics bundle (``attention.json``).

Why a job is where it is (:func:`reason`), first match wins:

1. **ignored** — the person's own words, the reason it had before, how to undo it;
2. **waiting for a retry** — the state with the time of the next attempt, and the temporary
   failure in plain words (:func:`pluggto_desktop.explain.transient_words`; the technical
   ``last_error`` stays for support);
3. **needs attention / waits for payment with a stored reason** — the reason rendered from its
   code and params in the reader's language (:func:`pluggto_desktop.domain.reasons.render`), its
   hint naming a button (``APP``) or a command (``TERMINAL``). A code this version does not know
   (a newer version wrote it) shows the pt-BR words stored with it;
4. otherwise — the state's own label, nothing more (never an invented "refused" reason).

Qt-free: levels are names ("ok", "error"…); the views choose the colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pluggto_desktop.domain.jobs import (  # the allowed actions are the job states' rule, re-exported for the views
    ACTIONS,
    IGNORE,
    RETRY,
    UNIGNORE,
    Event,
    Job,
    JobState,
    allowed_actions,
    can_ignore,
    can_retry,
    can_unignore,
    state_label,
)
from pluggto_desktop.domain.reasons import APP, REASONS, TERMINAL, Reason, render
from pluggto_desktop.explain import transient_words
from pluggto_desktop.invocation import NAME
from pluggto_desktop.text import PT, Text

QUEUED = JobState.QUEUED.value
PROCESSING = JobState.PROCESSING.value
RETRY_WAIT = JobState.RETRY_WAIT.value
WAITING_PAYMENT = JobState.WAITING_PAYMENT.value
INTEGRATED = JobState.INTEGRATED.value
NEEDS_ATTENTION = JobState.NEEDS_ATTENTION.value
IGNORED = JobState.IGNORED.value
CANCELED = JobState.CANCELED.value


# -- the state in words and as a level -------------------------------------------------------------
#: Each state's level, the colour family a view paints it in: done ("ok"), a person must act
#: ("error"), it retries by itself ("warning"), under way ("info"), not started yet ("pending"),
#: up to the buyer ("waiting"), over without being integrated ("muted").
STATE_LEVELS = {
    QUEUED: "pending",
    PROCESSING: "info",
    RETRY_WAIT: "warning",
    WAITING_PAYMENT: "waiting",
    INTEGRATED: "ok",
    NEEDS_ATTENTION: "error",
    IGNORED: "muted",
    CANCELED: "muted",
}
LEVELS = ("ok", "info", "warning", "error", "pending", "waiting", "muted")


def state_level(state: str) -> str:
    """The level of ``state`` (a state a newer version wrote is "pending": nothing is claimed)."""
    return STATE_LEVELS.get(state, "pending")


def local_datetime(ts: float | None, lang: str) -> str:
    """A unix time as local date and time: ``31/12/2025 23:59`` (pt-BR), ``2025-12-31 23:59``."""
    moment = _local(ts)
    if moment is None:
        return ""
    return moment.strftime("%d/%m/%Y %H:%M" if lang == PT else "%Y-%m-%d %H:%M")


def local_clock(ts: float | None, lang: str) -> str:
    """``HH:MM`` for today (local time); the date too when it is another day."""
    moment = _local(ts)
    if moment is None:
        return ""
    if moment.date() == datetime.now().date():
        return moment.strftime("%H:%M")
    return moment.strftime("%d/%m %H:%M" if lang == PT else "%m-%d %H:%M")


def _local(ts: float | None) -> datetime | None:
    if ts is None:
        return None
    try:
        return datetime.fromtimestamp(ts)
    except (OverflowError, OSError, ValueError):  # a time no clock can show: shown as nothing
        return None


def state_text(job: Job, lang: str) -> str:
    """The state as the business names it; ``retry_wait`` with the time of the next attempt."""
    time_text = local_clock(job.next_attempt_at, lang) if job.state == RETRY_WAIT else ""
    return state_label(job.state, lang, time=time_text)


# -- why it is where it is -------------------------------------------------------------------------
#: Where a :class:`JobReason` comes from (see the module's docstring).
STORED, IGNORED_BY_PERSON, RETRYING, STATE = "stored", "ignored", "retrying", "state"

_IGNORED = Text("Ignorado pelo usuário", "Ignored by the user")
_REASON_GIVEN = Text("Motivo informado: {reason}", "Reason given: {reason}")
_BEFORE = Text("Antes: {title}", "Before: {title}")
_UNDO_IGNORE = {
    APP: Text("Use “Desfazer ignorar” para trazê-lo de volta à fila.",
              "Use “Undo ignore” to bring it back to the queue."),
    # the command line has no "undo ignore": the app's button does it
    TERMINAL: Text("Use “Desfazer ignorar” no aplicativo para trazê-lo de volta à fila.",
                   "Use “Undo ignore” in the app to bring it back to the queue."),
}
_TEMPORARY = Text("Falha temporária; uma nova tentativa é feita automaticamente.",
                  "A temporary failure; it is retried automatically.")


@dataclass(frozen=True)
class JobReason:
    """Why a job is where it is, as a person reads it."""

    title: str
    message: str  # "" when the title says it all
    hint: str  # what to do; "" when nothing is asked of anyone
    source: str  # STORED | IGNORED_BY_PERSON | RETRYING | STATE

    @property
    def explains(self) -> bool:
        """False when it is only the state's label (a view may then show no reason at all)."""
        return self.source != STATE


def reason(job: Job, lang: str, *, audience: str = APP, program: str = NAME) -> JobReason:
    """Why ``job`` is where it is, in ``lang`` (the rule: this module's docstring). ``audience``
    ``TERMINAL`` names commands (``{program} retry <id>``) where the app names buttons."""
    stored = stored_reason(job, lang, audience=audience, program=program)
    if job.state == IGNORED:
        message = _REASON_GIVEN(lang, reason=job.ignored_reason or "—")
        if stored is not None:
            message += "\n" + _BEFORE(lang, title=stored.title)
        return JobReason(_IGNORED(lang), message, _UNDO_IGNORE[_audience(audience)](lang), IGNORED_BY_PERSON)
    if job.state == RETRY_WAIT:
        message = _TEMPORARY(lang)
        if job.last_error:  # in words; the technical text stays for support
            message += " " + transient_words(job.last_error, lang)
        return JobReason(state_text(job, lang), message, "", RETRYING)
    if stored is not None and job.state in (NEEDS_ATTENTION, WAITING_PAYMENT):
        # a waiting order may carry why it waits (a status nobody documented)
        return JobReason(stored.title, stored.message, stored.hint, STORED)
    return JobReason(state_text(job, lang), "", "", STATE)


def stored_reason(job: Job, lang: str, *, audience: str = APP, program: str = NAME) -> Reason | None:
    """The reason stored on ``job`` in ``lang``, whatever its state: rendered from code + params
    when this version knows the code, else the pt-BR words stored with it; None without one."""
    if not job.reason_code and not job.reason_title:
        return None
    params = params_of(job)
    if job.reason_code in REASONS:
        return render(job.reason_code, params, lang, audience=_audience(audience), program=program, ref=job.key)
    return Reason(job.reason_code or "", job.reason_title or job.reason_code or "", job.reason_message or "",
                  job.reason_hint or "", params)


def params_of(job: Job) -> dict[str, Any]:
    """The params stored with the job's reason ({} when a damaged row's cannot be read: the
    reason still reads, with "?" for them)."""
    try:
        return job.params
    except ValueError:
        return {}


def _audience(audience: str) -> str:
    return TERMINAL if audience == TERMINAL else APP


# -- the timeline --------------------------------------------------------------------------------
def event_text(event: Event, lang: str) -> str:
    """A timeline line in ``lang``: stored in pt-BR, with the English in ``data["en"]``."""
    if lang != PT and event.data and isinstance(event.data.get("en"), str):
        return event.data["en"]
    return event.message


__all__ = [
    "ACTIONS", "APP", "IGNORE", "IGNORED_BY_PERSON", "LEVELS", "RETRY", "RETRYING", "STATE", "STATE_LEVELS",
    "STORED", "TERMINAL", "UNIGNORE", "JobReason", "JobState", "allowed_actions", "can_ignore", "can_retry",
    "can_unignore",
    "event_text", "local_clock", "local_datetime", "params_of", "reason", "state_level", "state_text", "stored_reason",
]
