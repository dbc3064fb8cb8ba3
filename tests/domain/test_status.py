"""The order decision table of docs/business-rules.md §3.4."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pluggto_desktop.domain import reasons
from pluggto_desktop.domain.status import (
    AFTER_SALE_STATUSES,
    CANCELED_STATUSES,
    DEFAULT_IMPORT_STATUSES,
    KNOWN_STATUSES,
    PAID_STATUS,
    WAITING_STATUSES,
    Action,
    decide,
    is_known,
    needs_store_lookup,
    status_label,
)
from pluggto_desktop.i18n import EN, PT

JOB_STATES = {"queued", "processing", "retry_wait", "waiting_payment", "integrated",
              "needs_attention", "ignored", "canceled"}  # docs/business-rules.md §7

# (status, in_store) → (action, job_state), with the default import set.
TABLE = [
    ("pending", False, Action.WAIT_PAYMENT, "waiting_payment"),
    ("partial_payment", False, Action.WAIT_PAYMENT, "waiting_payment"),
    ("under_review", False, Action.WAIT_PAYMENT, "waiting_payment"),
    ("pending", True, Action.NOTHING, "integrated"),
    ("under_review", True, Action.NOTHING, "integrated"),
    ("approved", False, Action.CREATE, "processing"),
    ("waiting_invoice", False, Action.CREATE, "processing"),
    ("paid", False, Action.CREATE, "processing"),
    ("approved", True, Action.NOTHING, "integrated"),
    ("waiting_invoice", True, Action.NOTHING, "integrated"),
    ("paid", True, Action.NOTHING, "integrated"),
    ("canceled", False, Action.MARK_CANCELED, "canceled"),
    ("cancelled", False, Action.MARK_CANCELED, "canceled"),
    ("refunded", False, Action.MARK_CANCELED, "canceled"),
    ("canceled", True, Action.CANCEL_IN_STORE, "processing"),
    ("cancelled", True, Action.CANCEL_IN_STORE, "processing"),
    ("refunded", True, Action.CANCEL_IN_STORE, "processing"),
    ("invoiced", False, Action.NOT_IMPORTED, "needs_attention"),
    ("shipping_informed", False, Action.NOT_IMPORTED, "needs_attention"),
    ("shipped", False, Action.NOT_IMPORTED, "needs_attention"),
    ("delivered", False, Action.NOT_IMPORTED, "needs_attention"),
    ("invoice_error", False, Action.NOT_IMPORTED, "needs_attention"),
    ("shipping_error", False, Action.NOT_IMPORTED, "needs_attention"),
    ("in_separation", False, Action.NOT_IMPORTED, "needs_attention"),
    ("picking", False, Action.NOT_IMPORTED, "needs_attention"),
    ("partial_invoiced", False, Action.NOT_IMPORTED, "needs_attention"),
    ("partial_shipped", False, Action.NOT_IMPORTED, "needs_attention"),
    ("partial_delivered", False, Action.NOT_IMPORTED, "needs_attention"),
    ("partial_canceled", False, Action.NOT_IMPORTED, "needs_attention"),
    ("", False, Action.WAIT_UNKNOWN, "waiting_payment"),
    ("some_new_status", False, Action.WAIT_UNKNOWN, "waiting_payment"),
    ("picking", True, Action.NOTHING, "integrated"),
    ("partial_invoiced", True, Action.NOTHING, "integrated"),
    ("invoiced", True, Action.NOTHING, "integrated"),
    ("shipping_informed", True, Action.NOTHING, "integrated"),
    ("shipped", True, Action.NOTHING, "integrated"),
    ("delivered", True, Action.NOTHING, "integrated"),
    ("invoice_error", True, Action.NOTHING, "integrated"),
    ("some_new_status", True, Action.NOTHING, "integrated"),
]


@pytest.mark.parametrize(("status", "in_store", "action", "job_state"), TABLE)
def test_decision_table(status: str, in_store: bool, action: Action, job_state: str) -> None:
    decision = decide(status, in_store)
    assert (decision.action, decision.job_state) == (action, job_state)
    assert decision.job_state in JOB_STATES


def test_not_imported_carries_the_reason_with_the_status() -> None:
    decision = decide("Shipped", in_store=False)
    assert decision.reason_code == "status_not_imported"
    assert decision.reason_params() == {"status": "shipped"}
    rendered = reasons.render(decision.reason_code, decision.reason_params(), PT)
    assert '"shipped"' in rendered.message


def test_only_not_imported_and_unknown_have_a_reason() -> None:
    for status, in_store, action, _ in TABLE:
        decision = decide(status, in_store)
        assert (decision.reason_code is not None) == (action in (Action.NOT_IMPORTED, Action.WAIT_UNKNOWN))


def test_an_unknown_status_waits_with_a_reason_naming_it() -> None:
    decision = decide("Aguardando_Coleta", in_store=False)
    assert (decision.action, decision.reason_code) == (Action.WAIT_UNKNOWN, "status_unknown")
    rendered = reasons.render(decision.reason_code, decision.reason_params(), PT)
    assert '"aguardando_coleta"' in rendered.message


@pytest.mark.parametrize("status", ["APPROVED", " approved ", "Approved"])
def test_status_is_compared_case_insensitively(status: str) -> None:
    assert decide(status, in_store=False).action is Action.CREATE


def test_none_status_waits_for_a_change() -> None:
    assert decide(None, in_store=False).action is Action.WAIT_UNKNOWN


@pytest.mark.parametrize("status", AFTER_SALE_STATUSES)
def test_after_sale_statuses_are_recorded_never_acted_on(status: str) -> None:
    assert decide(status, in_store=False).action is Action.NOT_IMPORTED
    assert decide(status, in_store=True).action is Action.NOTHING
    assert status_label(status, PT) != status  # each has a name a person reads


def test_action_values_are_plain_strings() -> None:
    assert Action.CREATE == "create"
    assert decide("approved", False).action.value == "create"


# --- Configurable import set ------------------------------------------------------------------


def test_only_waiting_invoice_imported() -> None:
    imports = ("waiting_invoice",)
    assert decide("approved", False, imports).action is Action.NOT_IMPORTED
    assert decide("paid", False, imports).action is Action.NOT_IMPORTED  # paid follows approved
    assert decide("waiting_invoice", False, imports).action is Action.CREATE
    assert decide("approved", True, imports).action is Action.NOTHING


def test_importing_invoiced_orders_when_the_user_asks_for_it() -> None:
    imports = ("approved", "waiting_invoice", "invoiced")
    assert decide("invoiced", False, imports).action is Action.CREATE
    assert decide("shipped", False, imports).action is Action.NOT_IMPORTED


def test_import_set_is_case_insensitive_and_accepts_lists() -> None:
    assert decide("approved", False, ["Approved"]).action is Action.CREATE
    assert decide("paid", False, ["APPROVED"]).action is Action.CREATE


def test_a_waiting_status_in_the_import_set_is_created() -> None:
    assert decide("pending", False, ("approved", "pending")).action is Action.CREATE


def test_canceled_is_never_created_even_if_configured() -> None:
    assert decide("canceled", False, ("approved", "canceled")).action is Action.MARK_CANCELED
    assert decide("refunded", True, ("refunded",)).action is Action.CANCEL_IN_STORE


def test_empty_import_set_imports_nothing() -> None:
    assert decide("approved", False, ()).action is Action.NOT_IMPORTED
    assert decide("pending", False, ()).action is Action.WAIT_PAYMENT


def test_default_import_set() -> None:
    assert DEFAULT_IMPORT_STATUSES == ("approved", "waiting_invoice")


# --- Store lookup -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["pending", "partial_payment", "under_review", "PENDING"])
def test_waiting_statuses_need_no_store_lookup(status: str) -> None:
    assert not needs_store_lookup(status, DEFAULT_IMPORT_STATUSES)


@pytest.mark.parametrize("status", ["approved", "paid", "waiting_invoice", "canceled", "refunded",
                                    "invoiced", "shipped", "delivered", "whatever", ""])
def test_other_statuses_need_a_store_lookup(status: str) -> None:
    assert needs_store_lookup(status, DEFAULT_IMPORT_STATUSES)


def test_imported_waiting_status_needs_a_lookup() -> None:
    assert needs_store_lookup("pending", ("approved", "pending"))


statuses = st.one_of(st.sampled_from(KNOWN_STATUSES + ("paid", "cancelled", "refunded")),
                     st.text(max_size=12))
import_sets = st.lists(st.sampled_from(KNOWN_STATUSES + ("paid",)), max_size=5)


@given(statuses, import_sets)
def test_store_lookup_is_needed_exactly_when_the_answer_depends_on_it(
    status: str, imports: list[str]
) -> None:
    """When no lookup is needed, not-in-store must not trigger any work in Linx."""
    outside = decide(status, False, imports)
    inside = decide(status, True, imports)
    if not needs_store_lookup(status, imports):
        assert outside.action is Action.WAIT_PAYMENT
        assert inside.action is Action.NOTHING
    else:
        assert outside.action is not Action.WAIT_PAYMENT


@given(statuses, import_sets, st.booleans())
def test_only_create_and_cancel_leave_work_to_do(status: str, imports: list[str],
                                                 in_store: bool) -> None:
    decision = decide(status, in_store, imports)
    assert (decision.job_state == "processing") == (
        decision.action in (Action.CREATE, Action.CANCEL_IN_STORE)
    )
    # Nothing is ever created for an order that is already in the store.
    if in_store:
        assert decision.action is not Action.CREATE


# --- Labels -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "pt", "en"),
    [
        ("pending", "Pendente", "Pending"),
        ("partial_payment", "Pagamento parcial", "Partial payment"),
        ("under_review", "Sob análise", "Under review"),
        ("approved", "Aprovado", "Approved"),
        ("waiting_invoice", "Nota fiscal solicitada", "Invoice requested"),
        ("invoiced", "Faturado", "Invoiced"),
        ("invoice_error", "Erro ao gerar nota fiscal", "Invoice error"),
        ("shipping_informed", "Entrega informada", "Shipping informed"),
        ("shipping_error", "Erro ao enviar entrega", "Shipping error"),
        ("shipped", "Enviado", "Shipped"),
        ("delivered", "Entregue", "Delivered"),
        ("canceled", "Cancelado", "Canceled"),
        ("CANCELED", "Cancelado", "Canceled"),
    ],
)
def test_status_labels(status: str, pt: str, en: str) -> None:
    assert status_label(status, PT) == pt
    assert status_label(status, EN) == en


def test_unknown_status_label_is_the_raw_code() -> None:
    assert status_label("in_transit", PT) == "in_transit"
    assert status_label(None, EN) == ""


def test_every_known_status_has_a_label() -> None:
    for status in KNOWN_STATUSES:
        assert status_label(status, PT) != status
        assert status_label(status, EN) != status


def test_every_status_the_decision_table_names_has_words_in_both_languages() -> None:
    named = {*WAITING_STATUSES, *DEFAULT_IMPORT_STATUSES, *CANCELED_STATUSES, *AFTER_SALE_STATUSES, PAID_STATUS}
    for status in named:
        assert is_known(status), status
        pt, en = status_label(status, PT), status_label(status, EN)
        assert pt and en and status not in (pt, en), status
