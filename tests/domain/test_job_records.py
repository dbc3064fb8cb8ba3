"""The job records (pluggto_desktop/domain/jobs.py): a timeline line keeps both languages."""

from __future__ import annotations

from pluggto_desktop.domain.jobs import Event, attention_event
from pluggto_desktop.domain.reasons import render
from pluggto_desktop.present.jobs import event_text
from pluggto_desktop.text import EN, PT, Text


def test_an_event_said_in_a_text_keeps_the_english_beside_its_data() -> None:
    event = Event.said("ignored", Text("Ignorado por {who}", "Ignored by {who}"), data={"reason": "teste"},
                       who="Ana {x}")
    assert event.message == "Ignorado por Ana {x}" and event.level == "info"
    assert event.data == {"reason": "teste", "en": "Ignored by Ana {x}"}
    assert (event_text(event, PT), event_text(event, EN)) == ("Ignorado por Ana {x}", "Ignored by Ana {x}")


def test_a_job_needing_attention_says_why_in_both_languages() -> None:
    reason = render("unknown_sku", {"sku": "AB-1"})
    event = attention_event(reason)
    english = reason.english()
    assert (event.type, event.level) == ("needs_attention", "error")
    assert event.message == f"{reason.title}: {reason.message}"
    assert event.data == {"code": "unknown_sku", "en": f"{english.title}: {english.message}"}
    assert "AB-1" in event.message and "AB-1" in event_text(event, EN)
