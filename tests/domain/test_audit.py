"""The Conferência's classes at their boundaries (domain/audit.py; the end-to-end runs are in
tests/engine/test_audit.py)."""

from __future__ import annotations

import pytest

from pluggto_desktop.domain import audit as rules
from pluggto_desktop.domain.audit import AuditBook, PluggtoSale
from pluggto_desktop.linx import contract as c
from tests.domain.builders import order_dict

T0, T1 = 1_800_000_000.0, 1_800_000_000.0 + 7 * 86400
INSIDE, BEFORE = "2027-01-16T12:00:00.000Z", "2027-01-10T12:00:00.000Z"  # T0 is 2027-01-15T08:00Z


def plug(ident: str, *, status: str = "approved", created: str = INSIDE, ack: bool = True, number: str = "1") -> dict:
    return order_dict(id=ident, status=status, created=created, ack=ack, external="L" if ack else None,
                      original_id=number)


def store(raw: dict, *, order_id: str = "0f8b3c52-3c1e-4f8e-9a51-6f0d2b7c9a10", created: str = INSIDE,
          **fields) -> dict:
    sale = PluggtoSale.of(raw)
    return {c.ORDER_ID: order_id, c.ORDER_NUMBER: "100", c.FIELD_ORIGINAL_ORDER_ID: sale.sale[0],
            c.FIELD_MARKETPLACE_BRAND: sale.sale[1], c.ORDER_CREATED_DATE: created,
            c.ORDER_PROPERTIES: [{"Name": c.PROP_PLUGGTO_ORDER_ID, "Value": raw["id"]}], **fields}


def classes(book: AuditBook) -> dict[str, str]:
    return {f.pluggto_id or f.store_ids[0]: f.cls for f in book.findings()}


def test_each_class_and_its_priority() -> None:
    book = AuditBook((T0, T1), ("approved",))
    raws = {name: plug(name * 24, number=name, ack=name != "n") for name in "aodnb"}
    for raw in raws.values():
        book.add_pluggto(raw)
    book.add_store(store(raws["o"]))
    book.add_store(store(raws["d"]))  # twice in the store, and …
    book.add_store(store(raws["d"], order_id="1f8b3c52-3c1e-4f8e-9a51-6f0d2b7c9a10"))
    book.add_store(store(raws["n"]))  # … not acked
    book.add_store(store(raws["b"], **{c.ORDER_INVOICE: {c.INVOICE_IS_ISSUED: True, c.INVOICE_CODE: "1" * 44}}))
    assert classes(book) == {"a" * 24: rules.MISSING, "o" * 24: rules.OK, "d" * 24: rules.DUPLICATED,
                             "n" * 24: rules.NOT_ACKED, "b" * 24: rules.STATUS_BEHIND}


@pytest.mark.parametrize("status", ["pending", "canceled", "under_review"])
def test_a_sale_that_should_not_be_in_the_store_is_not_missing(status: str) -> None:
    book = AuditBook((T0, T1), ("approved",))
    book.add_pluggto(plug("a" * 24, status=status))
    assert book.findings() == []


def test_orders_of_the_margin_help_matching_but_are_not_judged() -> None:
    book = AuditBook((T0, T1), ("approved",))
    early = plug("e" * 24, created=BEFORE)
    book.add_pluggto(early)  # read from the margin: not missing …
    assert book.findings() == []
    book.add_store(store(early, created=INSIDE))  # … but its store order is of the period
    assert classes(book) == {"e" * 24: rules.OK}


def test_a_bad_nfe_key_is_status_behind_with_a_note() -> None:
    book = AuditBook((T0, T1), ("approved",))
    raw = plug("k" * 24)
    book.add_pluggto(raw)
    book.add_store(store(raw, **{c.ORDER_INVOICE: {c.INVOICE_IS_ISSUED: True, c.INVOICE_CODE: "123"}}))
    [finding] = book.findings()
    assert (finding.cls, finding.note) == (rules.STATUS_BEHIND, "invalid_nfe_key")
    assert "44 dígitos" in finding.what_differs("pt_BR")


def test_a_store_order_nobody_owns_is_only_in_the_store() -> None:
    book = AuditBook((T0, T1), ("approved",))
    book.add_store({c.ORDER_ID: "2f8b3c52-3c1e-4f8e-9a51-6f0d2b7c9a10", c.ORDER_NUMBER: "9",
                    c.FIELD_ORIGINAL_ORDER_ID: "3f8b3c52-3c1e-4f8e-9a51-6f0d2b7c9a10", c.FIELD_MARKETPLACE_BRAND: "X",
                    c.ORDER_CREATED_DATE: INSIDE})
    [finding] = book.findings()
    assert finding.cls == rules.ONLY_IN_STORE and "Plug.to não conhece" in finding.what_differs("pt_BR")
    assert rules.summary_text(rules.counts([finding]), "en") == "Only in the store: 1"


def test_the_repairs_asked_for_follow_what_was_found_and_speak_both_languages() -> None:
    found = {rules.OK: 5, rules.MISSING: 0, rules.NOT_ACKED: 2, rules.DUPLICATED: 1, rules.STATUS_BEHIND: 1}
    assert rules.fixes_for(found) == ["ack", "status"]  # nothing for the duplicate: the merchant decides
    assert rules.fixes_for({rules.OK: 3, rules.DUPLICATED: 1, rules.ONLY_IN_STORE: 2}) == []
    assert rules.fixed_text({"missing": 1, "status": 2}, "pt_BR") == "1 pedido enviado para a fila; 2 status reenviados"
    assert rules.fixed_text({"missing": 1, "status": 2}, "en") == "1 order queued; 2 statuses sent again"


def test_a_missing_order_says_what_the_queue_knows_in_the_reader_s_language() -> None:
    finding = rules.Finding(rules.MISSING, "p" * 24, "Shopee", "2439", queue_state="needs_attention",
                            queue_reason=("unknown_sku", {"sku": "CAM-VERDE-XG"}))
    assert "SKU não cadastrado" in finding.what_differs("pt_BR")
    english = finding.what_differs("en")
    assert "The app knows: SKU not registered" in english and "não" not in english
    unknown_reason = rules.Finding(rules.MISSING, "q" * 24, queue_state="queued")
    assert unknown_reason.queue_knowledge("en") and unknown_reason.queue_knowledge("en") != \
        unknown_reason.queue_knowledge("pt_BR")


def test_a_missing_order_the_app_had_created_says_the_store_lost_it() -> None:
    finding = rules.Finding(rules.MISSING, "p" * 24, "Shopee", "2439", queue_state="integrated",
                            note="acked_without_order")
    assert finding.what_differs("en") == ("Approved in Plug.to and not in the store. Plug.to shows it as acknowledged, "
                                          "but the store does not have it. The app created it in the store, which no "
                                          "longer has it (deleted, or the store went back to a backup).")
