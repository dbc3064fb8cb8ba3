"""What to do with a Plug.to order given its status and whether it is already in the store.

This is the decision table of docs/business-rules.md §3.4, kept in one pure function so the engine,
the UI ("why is this order waiting?") and the tests all read the same rules:

| Plug.to status                          | not in the store            | already in the store |
|-----------------------------------------|-----------------------------|----------------------|
| pending, partial_payment, under_review  | wait (waiting_payment)      | nothing              |
| the import set (approved, waiting_invoice; "paid" = approved) | create | nothing           |
| canceled (cancelled, refunded)          | mark canceled, create nothing | cancel in Linx     |
| after-sale (invoiced, shipped, picking, partial_*…) | not imported (needs_attention) | nothing |
| a status nobody documented               | wait (waiting_payment, with the reason) | nothing |

After-sale statuses are the ones the *store* produces (§4): an order first seen that way was never
imported, so the merchant is told rather than the order created behind their back. A status no
public source names is recorded and waits for the next change; it never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pluggto_desktop.domain.jobs import JobState
from pluggto_desktop.text import PT, Text

DEFAULT_IMPORT_STATUSES: tuple[str, ...] = ("approved", "waiting_invoice")
WAITING_STATUSES: tuple[str, ...] = ("pending", "partial_payment", "under_review")
#: "canceled" is Plug.to's spelling; "cancelled" and "refunded" are treated the same (the official
#: Magento module cancels on "refunded").
CANCELED_STATUSES: tuple[str, ...] = ("canceled", "cancelled", "refunded")
#: Legacy synonym of "approved" (docs/pluggto-contract.md §2.8).
PAID_STATUS = "paid"
#: Statuses the store's side produces after the sale: picking ("Em separação"; Plug.to's Magento
#: module maps it, mageshopOrganization/pluggto Model/Order.php) and the partial_* family, besides
#: the invoice/shipping ones of docs/pluggto-contract.md §2.8. Recorded, never acted on.
AFTER_SALE_STATUSES: tuple[str, ...] = (
    "picking", "in_separation", "invoiced", "invoice_error", "partial_invoiced",
    "shipping_informed", "shipping_error", "shipped", "partial_shipped", "delivered", "partial_delivered",
    "partial_canceled",
)

# Job states (docs/business-rules.md §7) that a decision leads to.
JOB_PROCESSING = JobState.PROCESSING.value  # work remains to be done (create or cancel in Linx)
JOB_WAITING_PAYMENT = JobState.WAITING_PAYMENT.value
JOB_INTEGRATED = JobState.INTEGRATED.value
JOB_CANCELED = JobState.CANCELED.value
JOB_NEEDS_ATTENTION = JobState.NEEDS_ATTENTION.value

REASON_STATUS_NOT_IMPORTED = "status_not_imported"
REASON_STATUS_UNKNOWN = "status_unknown"


class Action(StrEnum):
    """What the worker does with the order."""

    WAIT_PAYMENT = "wait_payment"  # not payable yet: check again on the next change
    CREATE = "create"  # create the order in Linx
    NOTHING = "nothing"  # already in the store and nothing to change
    MARK_CANCELED = "mark_canceled"  # canceled before it reached the store: create nothing
    CANCEL_IN_STORE = "cancel_in_store"  # canceled after it reached the store: cancel in Linx
    NOT_IMPORTED = "not_imported"  # a status that is not imported, and not in the store
    WAIT_UNKNOWN = "wait_unknown"  # a status nobody documented: wait for the next change


@dataclass(frozen=True)
class Decision:
    """The action to take and the job state it leads to.

    ``job_state`` is ``"processing"`` for CREATE and CANCEL_IN_STORE, which still have to be done;
    ``reason_code`` is set when the job needs attention (render it with ``reason_params()``).
    """

    action: Action
    job_state: str
    status: str  # the normalised Plug.to status the decision was made on
    reason_code: str | None = None

    def reason_params(self) -> dict[str, str]:
        return {"status": self.status}


def normalize_status(status: str | None) -> str:
    """Plug.to statuses compared case-insensitively, without surrounding spaces."""
    return (status or "").strip().lower()


def is_importable(
    status: str | None, import_statuses: Iterable[str] = DEFAULT_IMPORT_STATUSES
) -> bool:
    """True when an order in ``status`` is created in the store. "paid" counts as "approved"."""
    code = normalize_status(status)
    if code in CANCELED_STATUSES:  # a canceled order is never created, whatever the settings say
        return False
    importable = {normalize_status(s) for s in import_statuses}
    if "approved" in importable:
        importable.add(PAID_STATUS)
    return code in importable


def decide(
    status: str | None,
    in_store: bool,
    import_statuses: Iterable[str] = DEFAULT_IMPORT_STATUSES,
) -> Decision:
    """Apply the decision table. The import set is checked before the waiting statuses, so a user
    who deliberately imports e.g. ``pending`` orders gets them created."""
    code = normalize_status(status)
    if code in CANCELED_STATUSES:
        if in_store:
            return Decision(Action.CANCEL_IN_STORE, JOB_PROCESSING, code)
        return Decision(Action.MARK_CANCELED, JOB_CANCELED, code)
    if in_store:
        # Whatever else Plug.to says, an order already in the store needs nothing from us here:
        # later statuses come *from* the store (docs/business-rules.md §4).
        return Decision(Action.NOTHING, JOB_INTEGRATED, code)
    if is_importable(code, import_statuses):
        return Decision(Action.CREATE, JOB_PROCESSING, code)
    if code in WAITING_STATUSES:
        return Decision(Action.WAIT_PAYMENT, JOB_WAITING_PAYMENT, code)
    if code in _LABELS:
        return Decision(Action.NOT_IMPORTED, JOB_NEEDS_ATTENTION, code, REASON_STATUS_NOT_IMPORTED)
    return Decision(Action.WAIT_UNKNOWN, JOB_WAITING_PAYMENT, code, REASON_STATUS_UNKNOWN)


def needs_store_lookup(
    status: str | None, import_statuses: Iterable[str] = DEFAULT_IMPORT_STATUSES
) -> bool:
    """True when the action depends on whether the order already exists in Linx.

    A waiting status (that is not imported) only ever means "wait", so the engine can spare the
    Linx search; every other status needs it.
    """
    code = normalize_status(status)
    return not (code in WAITING_STATUSES and not is_importable(code, import_statuses))


def is_known(status: str | None) -> bool:
    """True for a status Plug.to's documentation, SDK or modules name."""
    return normalize_status(status) in _LABELS


#: Plug.to's panel labels (docs/pluggto-contract.md §2.8) and English equivalents.
_LABELS: dict[str, Text] = {
    "pending": Text("Pendente", "Pending"),
    "partial_payment": Text("Pagamento parcial", "Partial payment"),
    "under_review": Text("Sob análise", "Under review"),
    "approved": Text("Aprovado", "Approved"),
    "paid": Text("Pago", "Paid"),
    "picking": Text("Em separação", "Picking"),
    "in_separation": Text("Em separação", "Picking"),
    "waiting_invoice": Text("Nota fiscal solicitada", "Invoice requested"),
    "invoiced": Text("Faturado", "Invoiced"),
    "invoice_error": Text("Erro ao gerar nota fiscal", "Invoice error"),
    "shipping_informed": Text("Entrega informada", "Shipping informed"),
    "shipping_error": Text("Erro ao enviar entrega", "Shipping error"),
    "shipped": Text("Enviado", "Shipped"),
    "delivered": Text("Entregue", "Delivered"),
    "partial_invoiced": Text("Faturado parcialmente", "Partially invoiced"),
    "partial_shipped": Text("Enviado parcialmente", "Partially shipped"),
    "partial_delivered": Text("Entregue parcialmente", "Partially delivered"),
    "partial_canceled": Text("Cancelado parcialmente", "Partially canceled"),
    "canceled": Text("Cancelado", "Canceled"),
    "cancelled": Text("Cancelado", "Canceled"),
    "refunded": Text("Reembolsado", "Refunded"),
}

#: Every Plug.to order status (docs/pluggto-contract.md §2.8) a channel may choose to import; "cancelled"
#: is only a spelling Plug.to may send, never a choice.
ORDER_STATUSES: tuple[str, ...] = tuple(code for code in _LABELS if code != "cancelled")

#: Statuses the settings screen offers for "Statuses to import", in the order of the sale's life.
KNOWN_STATUSES: tuple[str, ...] = (
    "pending",
    "partial_payment",
    "under_review",
    "approved",
    "waiting_invoice",
    "invoiced",
    "invoice_error",
    "shipping_informed",
    "shipping_error",
    "shipped",
    "delivered",
    "canceled",
)


def status_label(status: str | None, lang: str = PT) -> str:
    """The status as Plug.to's panel names it (pt-BR) or in English; an unknown status is shown
    as the code Plug.to sent, so nothing is hidden from the user."""
    label = _LABELS.get(normalize_status(status))
    if label is None:
        return (status or "").strip()
    return label(lang)


__all__ = [
    "AFTER_SALE_STATUSES",
    "CANCELED_STATUSES",
    "DEFAULT_IMPORT_STATUSES",
    "KNOWN_STATUSES",
    "PAID_STATUS",
    "WAITING_STATUSES",
    "Action",
    "Decision",
    "decide",
    "is_importable",
    "is_known",
    "needs_store_lookup",
    "normalize_status",
    "status_label",
]
