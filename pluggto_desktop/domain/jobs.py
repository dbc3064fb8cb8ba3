"""Jobs: their states (docs/business-rules.md §7), what a change in Plug.to does to a job in each
state, what a person may do with one, and the records the queue keeps and answers with.

A job is one order (keyed by its Plug.to id) or one product (keyed by its SKU) moving through
the queue. The transition rules live here, free of SQL, so they can be read and tested alone;
the records (:class:`Job`, :class:`Event`, :class:`OrderSummary`, :class:`IntakeResult`,
:class:`JobQuery`) are plain data, so the presentation module and the views read them without
importing the store that fills them (``pluggto_desktop.store``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from pluggto_desktop.domain import deadlines
from pluggto_desktop.domain.deadlines import Deadline
from pluggto_desktop.domain.mapping import original_order_id
from pluggto_desktop.domain.models import Order
from pluggto_desktop.domain.reasons import Reason
from pluggto_desktop.text import EN, PT, Text


class JobState(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    RETRY_WAIT = "retry_wait"
    WAITING_PAYMENT = "waiting_payment"
    INTEGRATED = "integrated"
    NEEDS_ATTENTION = "needs_attention"
    IGNORED = "ignored"
    CANCELED = "canceled"


class JobKind(StrEnum):
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


# -- the records the queue keeps ---------------------------------------------------------------------
#: Payload kinds kept per job (the three tabs of the detail view, plus status-back ones).
PAYLOAD_PLUGGTO = "pluggto"  # the order as Plug.to sent it
PAYLOAD_LINX_REQUEST = "linx_request"  # what we sent to Linx
PAYLOAD_LINX_RESPONSE = "linx_response"  # what Linx answered
PAYLOAD_PLUGGTO_REQUEST = "pluggto_request"  # what we last sent to Plug.to (status back/products)
PAYLOAD_PLUGGTO_RESPONSE = "pluggto_response"


@dataclass
class Job:
    """One row of ``jobs``; field names are the column names."""

    id: int
    account_id: int
    kind: str
    key: str
    state: str
    attempts: int
    next_attempt_at: float | None
    created_at: float
    updated_at: float
    revision: int
    needs_fetch: int
    settled_state: str | None
    reason_code: str | None
    reason_title: str | None
    reason_message: str | None
    reason_hint: str | None
    reason_params: str | None
    last_error: str | None
    logged_reason: str | None
    marketplace: str | None
    marketplace_order_id: str | None
    buyer_name: str | None
    pluggto_status: str | None
    pluggto_modified: str | None
    order_total: float | None
    order_created_at: float | None
    linx_order_id: str | None
    linx_order_number: str | None
    linx_status: str | None
    acked: int
    intermediary_cnpj: str | None
    intermediary_source: str | None
    ignored_reason: str | None
    ignored_from_state: str | None
    status_sent: str | None
    content_hash: str | None
    title: str | None
    linx_product_id: int | None = None
    stock_state: str | None = None  # products: JSON {sku: quantity} Plug.to last accepted
    sale_id: str | None = None  # orders: the sale's OriginalOrderID in Linx (a UUID)
    # orders: the deadline watch (domain/deadlines.py) — the order's clock, then its next deadline,
    # computed by the store whenever one of its inputs changes
    approved_at: float | None = None
    invoiced_at: float | None = None
    shipped_at: float | None = None
    expected_send_at: float | None = None
    deadline_step: str | None = None
    deadline_at: float | None = None
    deadline_warn_at: float | None = None
    deadline_by_marketplace: int = 0

    def deadline(self) -> Deadline | None:
        """The order's next deadline as last computed (None: not watched)."""
        if self.deadline_at is None or self.deadline_step is None:
            return None
        return Deadline(self.deadline_step, self.deadline_at, self.deadline_warn_at or self.deadline_at,
                        bool(self.deadline_by_marketplace))

    @property
    def params(self) -> dict[str, Any]:
        return json.loads(self.reason_params) if self.reason_params else {}

    @property
    def sent(self) -> dict[str, Any]:
        """What was already sent back to Plug.to (status-back bookkeeping)."""
        return json.loads(self.status_sent) if self.status_sent else {}


@dataclass
class Event:
    """One entry of a job's timeline. ``data`` must never hold personal data."""

    type: str
    message: str = ""
    level: str = "info"
    data: dict[str, Any] | None = None
    at: float | None = None
    id: int | None = None
    job_id: int | None = None

    @classmethod
    def said(cls, event_type: str, text: Text, *, level: str = "info", data: dict[str, Any] | None = None,
             **values: Any) -> Event:
        """An entry saying ``text``: the message in pt-BR, its English in ``data["en"]`` (what
        ``present.jobs.event_text`` shows an English reader)."""
        pt, en = text.both(**values)
        return cls(event_type, pt, level=level, data={**(data or {}), "en": en})


#: a reason as one timeline line: its title, then what happened
_TITLED = Text("{title}: {message}", "{title}: {message}")


def attention_event(reason: Reason) -> Event:
    """The timeline entry of a job that needs attention, in pt-BR with its English."""
    english = reason.english()
    en = _TITLED(EN, title=english.title, message=english.message)
    return Event("needs_attention", _TITLED(PT, title=reason.title, message=reason.message), level="error",
                 data={"code": reason.code, "en": en})


@dataclass
class OrderSummary:
    """What the queue shows of an order, taken from Plug.to's data."""

    key: str  # Plug.to order id
    status: str | None = None
    modified: str | None = None
    marketplace: str | None = None
    marketplace_order_id: str | None = None
    buyer_name: str | None = None
    total: float | None = None
    created_at: float | None = None
    sale_id: str | None = None  # the sale's OriginalOrderID in Linx
    # the deadline watch's moments as Plug.to shows them (domain/deadlines.py)
    approved_at: float | None = None
    expected_send_at: float | None = None
    invoiced_at: float | None = None
    shipped_at: float | None = None

    @classmethod
    def of(cls, order: Order) -> OrderSummary:
        return cls(
            key=order.id,
            status=order.status,
            modified=order.modified_raw,
            marketplace=order.channel,
            marketplace_order_id=order.original_id,
            buyer_name=order.buyer_name() or None,
            total=order.total,
            created_at=order.created.timestamp() if order.created else None,
            sale_id=original_order_id(order),
            approved_at=deadlines.approved_at(order.raw),
            expected_send_at=deadlines.expected_send_at(order.raw),
            **deadlines.pluggto_progress(order.raw),
        )

    def columns(self) -> dict[str, Any]:
        return {
            "pluggto_status": self.status,
            "pluggto_modified": self.modified,
            "marketplace": self.marketplace,
            "marketplace_order_id": self.marketplace_order_id,
            "buyer_name": self.buyer_name,
            "order_total": self.total,
            "order_created_at": self.created_at,
            "sale_id": self.sale_id,
            "approved_at": self.approved_at,
            "expected_send_at": self.expected_send_at,
            "invoiced_at": self.invoiced_at,
            "shipped_at": self.shipped_at,
        }


@dataclass
class IntakeResult:
    """What recording a notification or a polled order did."""

    job_id: int
    created: bool
    state: str
    changed: bool  # False when it was a repeat of something already known


# -- a queue view's question ---------------------------------------------------------------------------
@dataclass
class JobQuery:
    """Filters, search and ordering of a queue view."""

    kind: str = "order"
    states: Sequence[str] | None = None
    marketplace: str | None = None
    date_from: float | None = None  # on updated_at
    date_to: float | None = None
    search: str | None = None
    order_by: str = "updated_at"
    descending: bool = True
    #: orders near/late (``"near"``, ``"late"``, or ``"watch"`` for both) at ``now`` (the store's
    #: clock when None)
    deadline: str | None = None
    now: float | None = None


#: Columns a queue view may sort on (anything else is refused: they go into SQL text).
SORTABLE = frozenset(
    {
        "updated_at",
        "created_at",
        "order_created_at",
        "state",
        "attempts",
        "next_attempt_at",
        "marketplace",
        "marketplace_order_id",
        "buyer_name",
        "order_total",
        "linx_order_number",
        "pluggto_status",
        "key",
        "title",
    }
)
