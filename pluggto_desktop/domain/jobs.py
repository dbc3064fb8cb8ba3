"""Job states (business-rules.md §7) and what a change in Plug.to does to a job in each state.

A job is one order (keyed by its Plug.to id) or one product (keyed by its SKU) moving through
the queue. The transition rules live here, free of SQL, so they can be read and tested alone.
"""

from __future__ import annotations

from enum import Enum
from typing import Protocol

from pluggto_desktop.text import PT, Text


class JobState(str, Enum):
    QUEUED = "queued"
    PROCESSING = "processing"
    RETRY_WAIT = "retry_wait"
    WAITING_PAYMENT = "waiting_payment"
    INTEGRATED = "integrated"
    NEEDS_ATTENTION = "needs_attention"
    IGNORED = "ignored"
    CANCELED = "canceled"


class JobKind(str, Enum):
    ORDER = "order"
    PRODUCT = "product"


ALL_STATES = tuple(s.value for s in JobState)
#: States a worker may pick up when their time has come.
DUE_STATES = (JobState.QUEUED.value, JobState.RETRY_WAIT.value)
#: States in which nothing more happens unless something changes (used for payload retention).
FINISHED_STATES = (
    JobState.INTEGRATED.value,
    JobState.CANCELED.value,
    JobState.IGNORED.value,
)

_LABELS = {
    "queued": Text("Na fila", "Queued"),
    "processing": Text("Processando", "Processing"),
    "retry_wait": Text("Nova tentativa às {time}", "Retrying at {time}"),
    "waiting_payment": Text("Aguardando pagamento", "Waiting for payment"),
    "integrated": Text("Integrado", "Integrated"),
    "needs_attention": Text("Precisa de atenção", "Needs attention"),
    "ignored": Text("Ignorado", "Ignored"),
    "canceled": Text("Cancelado", "Canceled"),
}
#: ``retry_wait`` when the time of the next attempt is not known
_RETRY_SCHEDULED = Text("Nova tentativa agendada", "Retry scheduled")


def state_label(state: str, lang: str = PT, *, time: str = "") -> str:
    """The label the user sees; ``retry_wait`` shows the time of the next attempt when given."""
    label = _LABELS.get(state)
    if label is None:  # a state a newer version wrote: its code, rather than nothing
        return state
    if state == JobState.RETRY_WAIT.value and not time:
        return _RETRY_SCHEDULED(lang)
    return label(lang, time=time)


def state_after_change(state: str, *, status_changed: bool | None) -> str | None:
    """The state a job moves to when Plug.to tells us its order changed.

    ``status_changed`` is True/False when we know whether the Plug.to status changed (a poll
    brings the order; a notification carries ``changes.status``), None when we do not know.
    Returns None when the job stays as it is.

    Why each rule:
    * a finished, integrated order only matters again if it may have been canceled, so a change
      that is known not to touch the status (e.g. the notification caused by our own ack) is
      ignored — this is what keeps our own updates from looping;
    * an order waiting for payment or needing attention is re-evaluated on any change (the
      merchant may have fixed the address in Plug.to);
    * ignored and canceled jobs stay put: the user decided, or the order is over;
    * queued/processing/retry_wait jobs keep their state; the caller marks them for a re-fetch.
    """
    if state == JobState.INTEGRATED.value:
        return JobState.QUEUED.value if status_changed is not False else None
    if state in (JobState.WAITING_PAYMENT.value, JobState.NEEDS_ATTENTION.value):
        return JobState.QUEUED.value
    return None


class _HasState(Protocol):
    state: str


# -- what a person may do --------------------------------------------------------------------------
#: The actions a person may take on a job, by the states that refuse each. A job being processed
#: belongs to the engine until it finishes (a change now would race the worker); an ignored job
#: comes back only through "undo ignore", which restores the state it had.
RETRY, IGNORE, UNIGNORE = "retry", "ignore", "unignore"
ACTIONS = (RETRY, IGNORE, UNIGNORE)


def can_retry(job: _HasState) -> bool:
    """"Reenviar" / ``retry``: queue it again now, with fresh attempts."""
    return job.state not in (JobState.PROCESSING.value, JobState.IGNORED.value)


def can_ignore(job: _HasState) -> bool:
    """"Ignorar": park it with the person's reason."""
    return job.state not in (JobState.PROCESSING.value, JobState.IGNORED.value)


def can_unignore(job: _HasState) -> bool:
    """"Desfazer ignorar": back to the state it had."""
    return job.state == JobState.IGNORED.value


def allowed_actions(job: _HasState) -> frozenset[str]:
    """Every action :data:`ACTIONS` names that ``job`` allows now."""
    checks = {RETRY: can_retry, IGNORE: can_ignore, UNIGNORE: can_unignore}
    return frozenset(action for action in ACTIONS if checks[action](job))
