"""The Pedidos/Produtos queue for people, Qt-free: what each column, tooltip, detail field and
message about a job says, and which case applies — decided here, rendered by ``ui/queue/``.

The queue's chrome (button names, field titles, "O que fazer: …") is the view's, translated by
Qt; what it says about a job — the reason, the values, which intermediary case, whether a
payload is gone for good, how an import ended — is decided here from the job, its timeline and
``present/jobs.py``'s rules (the state's level, the reason, the allowed actions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.jobs import FINISHED_STATES, JobState, state_label
from pluggto_desktop.domain.reasons import Reason, render
from pluggto_desktop.domain.status import status_label
from pluggto_desktop.engine.importing import (
    IMPORTED,
    SUGGEST,
    looks_like_pluggto_id,
)
from pluggto_desktop.present import deadlines as present_deadlines
from pluggto_desktop.present.jobs import (
    IGNORED,
    QUEUED,
    RETRY_WAIT,
    STORED,
    can_ignore,
    can_retry,
    can_unignore,
    event_text,
    local_clock,
    local_datetime,
    reason,
    state_level,
    state_text,
    stored_reason,
)
from pluggto_desktop.text import PT

if TYPE_CHECKING:  # pragma: no cover
    from pluggto_desktop.engine.importing import Candidate, ImportLookup
    from pluggto_desktop.present.jobs import Event, Job  # the records' types, where present/jobs.py finds them

#: Every state, in the order the state filter lists them.
STATES: tuple[str, ...] = tuple(state.value for state in JobState)
#: A common reason the Motivo column is sized to show whole.
REASON_MIN_CODE = "intermediary_cnpj_missing"


# -- the table --------------------------------------------------------------------------------------
def reason_column(job: Job, lang: str) -> str:
    """The "Motivo" column: the person's own words for an ignored job, else the stored reason's
    title ("" without one)."""
    if job.state == IGNORED and job.ignored_reason:
        return job.ignored_reason
    stored = stored_reason(job, lang)
    return stored.title if stored else ""


def pluggto_status_text(job: Job, lang: str) -> str:
    return status_label(job.pluggto_status, lang) if job.pluggto_status else ""


def emphasised(state: str) -> bool:
    """Drawn in the state's colour in the table: a person acts, it retries, or it is over."""
    return state_level(state) in ("error", "warning", "muted")


def bold(state: str) -> bool:
    """Drawn in bold: a person must act."""
    return state_level(state) == "error"


def states_label(states: Iterable[str], lang: str) -> str:
    """Several states as one filter's name ("Precisa de atenção + Nova tentativa às …")."""
    return " + ".join(state_label(state, lang) for state in states)


def reason_width_sample(lang: str) -> str:
    return render(REASON_MIN_CODE, {}, lang).title


def period_start(key: str | None, now: datetime) -> float | None:
    """Where a period of the filter starts (local time): "today", "7d", "30d"; None = any date."""
    if key == "today":
        return now.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
    if key == "7d":
        return (now - timedelta(days=7)).timestamp()
    if key == "30d":
        return (now - timedelta(days=30)).timestamp()
    return None


@dataclass(frozen=True)
class JobTip:
    """What a row's tooltip tells (the view words its labels)."""

    ignored_reason: str | None  # set for an ignored job ("—" when none was given)
    reason: Reason | None
    next_attempt: str | None  # the time of the next attempt, for a job waiting to retry
    last_error: str | None  # the technical error of a job waiting to retry


def job_tip(job: Job, lang: str) -> JobTip:
    retrying = job.state == RETRY_WAIT
    return JobTip(
        ignored_reason=(job.ignored_reason or "—") if job.state == IGNORED else None,
        reason=stored_reason(job, lang),
        next_attempt=(local_clock(job.next_attempt_at, lang) or "?") if retrying else None,
        last_error=job.last_error if retrying and job.last_error else None,
    )


# -- the details -----------------------------------------------------------------------------------
FIELD_KEYS = {
    "product": ("key", "title", "state", "attempts", "next_attempt", "received", "updated"),
    "order": ("marketplace", "order_no", "pluggto_id", "linx_order", "sale_id", "buyer", "total", "pluggto_status",
              "state", "deadline", "attempts", "next_attempt", "order_date", "received", "updated"),
}


def field_keys(kind: str) -> tuple[str, ...]:
    return FIELD_KEYS["product" if kind == "product" else "order"]


def summary_values(job: Job, kind: str, lang: str, now: float, *, money: Callable[[float | None], str],
                   linx_with_id: Callable[[str, str], str]) -> dict[str, str]:
    """The detail fields' values ("" when unknown). ``money`` formats the total and
    ``linx_with_id`` words the store's order number with its id (the view's locale and words)."""
    linx = job.linx_order_number or ""
    if job.linx_order_id:
        linx = linx_with_id(linx or "?", job.linx_order_id)
    next_attempt = ""
    if job.next_attempt_at is not None and job.state in (RETRY_WAIT, QUEUED):
        next_attempt = local_datetime(job.next_attempt_at, lang)
    values = {
        "marketplace": job.marketplace or "",
        "order_no": job.marketplace_order_id or "",
        "pluggto_id": job.key,
        "linx_order": linx,
        # the OriginalOrderID the store searches by: a support agent compares it in the Linx admin
        "sale_id": job.sale_id or "",
        "buyer": job.buyer_name or "",
        "total": money(job.order_total),
        "pluggto_status": pluggto_status_text(job, lang),
        "state": state_text(job, lang),
        "deadline": present_deadlines.job_line(job.deadline(), now, lang) or "",
        "attempts": str(job.attempts),
        "next_attempt": next_attempt,
        "order_date": local_datetime(job.order_created_at, lang),
        "received": local_datetime(job.created_at, lang),
        "updated": local_datetime(job.updated_at, lang),
        "key": job.key,
        "title": job.title or "",
    }
    return {key: values[key] for key in field_keys(kind)}


def headline_name(job: Job, kind: str) -> tuple[str, str | None]:
    """What the headline names: (the product's title or the order's number, its marketplace)."""
    if kind == "product":
        return job.title or job.key, None
    return job.marketplace_order_id or job.key, job.marketplace or None


@dataclass(frozen=True)
class ReasonLines:
    title: str
    message: str
    hint: str
    advice: bool  # the hint is what to do about a stored reason (the view says "O que fazer: …")


def reason_lines(job: Job, lang: str) -> ReasonLines | None:
    """What the merchant should know about why the job is where it is, or None when there is
    only the state to say (present/jobs.py's rule)."""
    why = reason(job, lang)
    if not why.explains:
        return None
    return ReasonLines(why.title, why.message, why.hint, bool(why.hint) and why.source == STORED)


def last_error(job: Job) -> str | None:
    """The technical error worth quoting: only while the job waits to retry."""
    return job.last_error if job.state == RETRY_WAIT and job.last_error else None


#: The intermediary CNPJ's cases (``Intermediary.case``).
DECIDED, NOT_NEEDED, NONE_FOUND, UNDECIDED = "decided", "not_needed", "none_found", "undecided"


@dataclass(frozen=True)
class Intermediary:
    """The intermediary CNPJ decision of an order: which case, the CNPJ formatted, where it came
    from (``order``, ``marketplace_table``, ``channel`` or a newer source's own name), and the
    timeline's explanation ("" when there is none)."""

    case: str
    cnpj: str
    source: str
    explanation: str


def intermediary(job: Job, events: Sequence[Event], lang: str) -> Intermediary:
    explanation = ""
    for event in reversed(events):
        if event.type == "intermediary":
            explanation = event_text(event, lang)
            break
    if job.intermediary_cnpj:
        return Intermediary(DECIDED, cnpj.format(job.intermediary_cnpj), job.intermediary_source or "", explanation)
    if job.intermediary_source == "none" and job.reason_code != "intermediary_cnpj_missing":
        return Intermediary(NOT_NEEDED, "", "", explanation)
    if explanation or job.intermediary_source == "none":
        return Intermediary(NONE_FOUND, "", "", explanation)
    return Intermediary(UNDECIDED, "", "", explanation)


def payloads_purged(job: Job, payloads: dict[str, object]) -> bool:
    """A finished job without any payload: its data was deleted after the retention period."""
    return not payloads and job.state in FINISHED_STATES


def event_moment(ts: float | None, lang: str) -> str:
    """A timeline entry's time, to the second."""
    if ts is None:
        return ""
    return datetime.fromtimestamp(ts).strftime("%d/%m/%Y %H:%M:%S" if lang == PT else "%Y-%m-%d %H:%M:%S")


def event_level(event: Event) -> str:
    """The level a timeline entry is drawn in: its own error/warning, else information."""
    return event.level if event.level in ("error", "warning") else "info"


def timeline_line(event: Event, lang: str) -> str:
    """A timeline entry as "Copiar detalhes" writes it."""
    when = local_datetime(event.at, lang) if event.at is not None else ""
    return f"{when}  [{event.level}] {event_text(event, lang) or event.type}"


# -- the actions -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EnabledActions:
    """Which of the queue's actions the current row and the selection allow."""

    retry: bool  # Reenviar: the current job
    retry_selected: bool  # Reenviar selecionados: any selected job
    ignore: bool
    unignore: bool
    copy: bool  # Copiar detalhes: there is a current job


def enabled_actions(current: Job | None, selected: Sequence[Job]) -> EnabledActions:
    return EnabledActions(
        retry=current is not None and can_retry(current),
        retry_selected=any(can_retry(job) for job in selected),
        ignore=any(can_ignore(job) for job in selected),
        unignore=any(can_unignore(job) for job in selected),
        copy=current is not None,
    )


# -- importing an order by its id ----------------------------------------------------------------------
def lookup_level(lookup: ImportLookup) -> str:
    """The level of an import's first answer: being imported (info), a suggestion (warning),
    nothing found or a failure (error)."""
    return {IMPORTED: "info", SUGGEST: "warning"}.get(lookup.outcome, "error")


def lookup_offer(lookup: ImportLookup) -> Candidate | None:
    """The one order a suggestion offers with a button (none when several match)."""
    return lookup.candidates[0] if lookup.outcome == SUGGEST and len(lookup.candidates) == 1 else None


#: How an order imported by id ended, by the state it reached: the level of the message (a state
#: not listed — queued, processing — is still on its way).
IMPORT_OUTCOMES = {
    JobState.INTEGRATED.value: "info",
    JobState.NEEDS_ATTENTION.value: "error",
    JobState.WAITING_PAYMENT.value: "info",
    JobState.CANCELED.value: "info",
    JobState.RETRY_WAIT.value: "warning",
}


def import_outcome(state: str | None) -> str | None:
    """The level of the message an imported order's ``state`` ends its import with, or None."""
    return IMPORT_OUTCOMES.get(state or "")


__all__ = [
    "DECIDED", "FIELD_KEYS", "IMPORT_OUTCOMES", "NONE_FOUND", "NOT_NEEDED", "REASON_MIN_CODE", "STATES", "UNDECIDED",
    "EnabledActions", "Intermediary", "JobTip", "ReasonLines", "bold", "can_ignore", "can_retry", "can_unignore",
    "emphasised", "enabled_actions", "event_level", "event_moment", "field_keys", "headline_name", "import_outcome",
    "intermediary", "job_tip", "last_error", "looks_like_pluggto_id", "lookup_level", "lookup_offer",
    "payloads_purged", "period_start", "pluggto_status_text", "reason_column", "reason_lines", "reason_width_sample",
    "state_label", "states_label", "summary_values", "timeline_line",
]
