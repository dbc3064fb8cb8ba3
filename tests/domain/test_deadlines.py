"""The deadline watch's rules at their boundaries (domain/deadlines.py)."""

from __future__ import annotations

import pytest

from pluggto_desktop.domain import deadlines as d
from pluggto_desktop.domain.deadlines import Moments, Rule, Rules

H = 3600.0
T = 1_800_000_000.0  # approval


def test_the_invoice_deadline_turns_near_in_its_last_quarter_and_late_at_its_hour() -> None:
    deadline = d.next_deadline(Moments(approved_at=T), Rule(invoice_hours=24, shipping_hours=48))
    assert deadline.step == d.INVOICE and deadline.due_at == T + 24 * H and deadline.warn_at == T + 18 * H
    assert deadline.state(T + 18 * H - 1) is None
    assert deadline.state(T + 18 * H) == d.NEAR
    assert deadline.state(T + 24 * H - 1) == d.NEAR
    assert deadline.state(T + 24 * H) == d.LATE
    assert deadline.state(T + 240 * H) == d.LATE
    assert deadline.next_change(T) == T + 18 * H and deadline.next_change(T + 20 * H) == T + 24 * H
    assert deadline.next_change(T + 24 * H) is None


def test_once_invoiced_the_shipping_deadline_counts_from_approval_too() -> None:
    deadline = d.next_deadline(Moments(approved_at=T, invoiced_at=T + 2 * H), Rule(24, 48))
    assert deadline.step == d.SHIPPING and deadline.due_at == T + 48 * H and deadline.warn_at == T + 36 * H
    assert not deadline.by_marketplace
    assert d.next_deadline(Moments(approved_at=T, invoiced_at=T + H, shipped_at=T + 5 * H), Rule()) is None
    # shipped without an invoice seen (it travels with the goods): nothing left to watch
    assert d.next_deadline(Moments(approved_at=T, shipped_at=T + 5 * H), Rule()) is None


def test_the_marketplace_s_ship_by_date_wins_when_it_is_earlier() -> None:
    earlier = d.next_deadline(Moments(approved_at=T, invoiced_at=T + H, expected_send_at=T + 30 * H), Rule(24, 48))
    assert earlier.due_at == T + 30 * H and earlier.by_marketplace and earlier.warn_at == T + 30 * H - 7.5 * H
    later = d.next_deadline(Moments(approved_at=T, invoiced_at=T + H, expected_send_at=T + 72 * H), Rule(24, 48))
    assert later.due_at == T + 48 * H and not later.by_marketplace


@pytest.mark.parametrize("moments", [
    Moments(approved_at=None),
    Moments(approved_at=T, integrated=False),
    Moments(approved_at=T, cancelled=True),
])
def test_orders_not_in_the_store_cancelled_or_never_approved_are_not_watched(moments: Moments) -> None:
    assert d.next_deadline(moments, Rule()) is None


def test_a_table_entry_applies_to_every_name_of_its_marketplace() -> None:
    rules = Rules.from_settings(24, 48, {"Americanas": {"invoice_hours": 12, "shipping_hours": 36},
                                         "Mercado Livre": {"shipping_hours": 24}})
    assert rules.for_marketplace("B2W") == Rule(12, 36)
    assert rules.for_marketplace("LOJASAMERICANAS") == Rule(12, 36)
    assert rules.for_marketplace("MercadoLivre") == Rule(24, 24)  # the missing hour is the default's
    assert rules.for_marketplace("Shopee") == Rule(24, 48)
    assert rules.for_marketplace(None) == Rule(24, 48)


def test_approval_comes_from_approved_date_then_the_history_then_the_creation() -> None:
    assert d.approved_at({"approved_date": "2025-04-27T12:30:39.691Z", "created": "2025-04-27T10:00:00Z",
                          "status": "approved"}) == pytest.approx(1745757039.691)
    history = [{"status": "pending", "date": "2025-04-27T10:00:00Z"},
               {"status": "approved", "date": "2025-04-27T11:00:00Z"}]
    assert d.approved_at({"status_history": history, "status": "invoiced"}) == 1745751600.0
    assert d.approved_at({"created": "2025-04-27T10:00:00Z", "status": "approved"}) == 1745748000.0
    assert d.approved_at({"created": "2025-04-27T10:00:00Z", "status": "pending"}) is None
    assert d.approved_at({"created": "2025-04-27T10:00:00Z", "status": "canceled"}) is None


def test_a_bare_ship_by_date_means_the_whole_day_in_brasilia() -> None:
    assert d.expected_send_at({"expected_send_date": "2025-04-29T12:30:39.000Z"}) == 1745929839.0
    # 2025-04-29 23:59:59 at UTC−3 is 2025-04-30 02:59:59 UTC
    assert d.expected_send_at({"expected_send_date": "2025-04-29"}) == 1745981999.0
    assert d.expected_send_at({}) is None


def test_plug_to_s_own_progress_uses_the_shipment_dates_or_the_last_change() -> None:
    shipped = {"status": "shipped", "modified": "2025-05-01T00:00:00Z",
               "shipments": [{"nfe_key": "1" * 44, "nfe_date": "2025-04-28T05:07:48Z", "date_shipped": None}]}
    assert d.pluggto_progress(shipped) == {"invoiced_at": 1745816868.0, "shipped_at": 1746057600.0}
    assert d.pluggto_progress({"status": "approved", "shipments": [{}]}) == {"invoiced_at": None, "shipped_at": None}


def test_the_words_in_both_languages() -> None:
    counts = d.empty_counts()
    assert d.summary_text(counts) == ""
    counts[d.INVOICE][d.LATE] = 2
    counts[d.SHIPPING][d.NEAR] = 1
    assert d.summary_text(counts, "pt_BR") == "2 pedidos atrasados para faturar; 1 pedido perto do prazo para enviar"
    assert d.summary_text(counts, "en") == "2 orders late to invoice; 1 order close to the deadline to ship"
    late = d.Deadline(d.INVOICE, T, T - 6 * H)
    assert d.describe(late, T + 1, "pt_BR").startswith("Atrasado para faturar")
    assert d.describe(late, T - H, "en").startswith("Close to the deadline to invoice")
    assert d.total(counts) == 3 and d.total(counts, (d.LATE,)) == 2
