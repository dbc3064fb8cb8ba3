"""A job for people (present/jobs.py): one rule for why it is where it is, one table of what a
person may do with it — and the store enforcing that same table."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from pluggto_desktop.domain.jobs import ALL_STATES
from pluggto_desktop.domain.reasons import render
from pluggto_desktop.present import jobs as present
from pluggto_desktop.store.jobs import Event, Job, Store
from pluggto_desktop.text import EN, PT


def job(**values) -> Job:
    """A Job with every column empty but the ones given."""
    empty = {f.name: (0 if f.type in ("int", int) else None) for f in dataclasses.fields(Job)}
    base = {**empty, "id": 1, "account_id": 1, "kind": "order", "key": "64f0c0ffee", "state": "queued",
            "attempts": 0, "created_at": 0.0, "updated_at": 0.0, "revision": 0, "needs_fetch": 0, "acked": 0}
    return Job(**{**base, **values})


def with_reason(code: str, params: dict, **values) -> Job:
    stored = render(code, params)  # as the engine stores it: pt-BR words, code and params
    return job(reason_code=code, reason_title=stored.title, reason_message=stored.message, reason_hint=stored.hint,
               reason_params=json.dumps(params), **values)


# -- what a person may do ----------------------------------------------------------------------------
#: The whole table, written out: a change to it is a decision, made here on purpose.
ALLOWED = {
    "queued": {"retry", "ignore"},
    "processing": set(),
    "retry_wait": {"retry", "ignore"},
    "waiting_payment": {"retry", "ignore"},
    "integrated": {"retry", "ignore"},
    "needs_attention": {"retry", "ignore"},
    "ignored": {"unignore"},
    "canceled": {"retry", "ignore"},
}


def test_the_allowed_actions_table() -> None:
    assert set(ALLOWED) == set(ALL_STATES)
    for state, actions in ALLOWED.items():
        assert present.allowed_actions(job(state=state)) == actions, state


@pytest.mark.parametrize("state", ALL_STATES)
def test_the_store_refuses_exactly_what_the_table_refuses(tmp_path: Path, state: str) -> None:
    store = Store(tmp_path / "q.db")
    try:
        ids = [store.upsert_job("order", f"k-{action}", state=state).job_id for action in ("retry", "ignore", "un")]
        done = {"retry": store.retry([ids[0]]) == 1, "ignore": store.ignore(ids[1], "teste"),
                "unignore": store.unignore(ids[2])}
    finally:
        store.close()
    assert {action for action, happened in done.items() if happened} == ALLOWED[state]


# -- why it is where it is -----------------------------------------------------------------------------
def test_a_stored_reason_is_rendered_in_the_readers_language_with_its_params() -> None:
    stuck = with_reason("unknown_sku", {"sku": "CAM-AZ-M"}, state="needs_attention")
    pt, en = present.reason(stuck, PT), present.reason(stuck, EN)
    assert (pt.title, pt.source) == ("SKU não cadastrado na Linx", present.STORED)
    assert en.message == "SKU CAM-AZ-M does not exist in Linx Commerce." and en.hint.endswith("then click Resend.")
    terminal = present.reason(stuck, EN, audience=present.TERMINAL, program="pluggto-desktop")
    assert terminal.hint.endswith("then run `pluggto-desktop retry 64f0c0ffee`.")


def test_a_code_this_version_does_not_know_shows_the_words_stored_with_it() -> None:
    future = job(state="needs_attention", reason_code="from_a_newer_version", reason_title="Algo novo",
                 reason_message="Uma mensagem nova.", reason_hint="Faça algo novo.", reason_params="{}")
    assert present.reason(future, EN) == present.JobReason("Algo novo", "Uma mensagem nova.", "Faça algo novo.",
                                                           present.STORED)


def test_without_a_reason_there_is_only_the_state_never_an_invented_refusal() -> None:
    bare = present.reason(job(state="needs_attention"), PT)
    assert bare == present.JobReason("Precisa de atenção", "", "", present.STATE) and not bare.explains
    # an integrated order keeps an old reason in its row: it is not why it is integrated
    done = present.reason(with_reason("unknown_sku", {"sku": "A"}, state="integrated"), EN)
    assert (done.title, done.source) == ("Integrated", present.STATE)


def test_a_retry_wait_says_the_failure_in_words_and_when_it_tries_again() -> None:
    waiting = job(state="retry_wait", next_attempt_at=None, last_error="timeout talking to Linx (ReadTimeout)")
    words = present.reason(waiting, PT)
    assert words.title == "Nova tentativa agendada" and words.source == present.RETRYING and words.hint == ""
    assert words.message == ("Falha temporária; uma nova tentativa é feita automaticamente. "
                             "Linx Commerce não respondeu a tempo.")
    assert "ReadTimeout" not in words.message


def test_an_ignored_job_shows_the_persons_words_and_what_it_was_before() -> None:
    ignored = with_reason("unknown_sku", {"sku": "A"}, state="ignored", ignored_reason="pedido de teste")
    words = present.reason(ignored, PT)
    assert words.title == "Ignorado pelo usuário" and words.source == present.IGNORED_BY_PERSON
    assert words.message == "Motivo informado: pedido de teste\nAntes: SKU não cadastrado na Linx"
    assert "Desfazer ignorar" in words.hint


def test_damaged_params_still_give_a_reason() -> None:
    broken = with_reason("unknown_sku", {"sku": "A"}, state="needs_attention")
    broken = dataclasses.replace(broken, reason_params="{not json")
    assert present.reason(broken, PT).message == "O SKU ? não existe na Linx Commerce."


# -- state words, levels, the timeline ---------------------------------------------------------------
def test_every_state_has_words_and_a_level() -> None:
    for state in ALL_STATES:
        assert present.state_level(state) in present.LEVELS
        assert present.state_text(job(state=state), EN) and present.state_text(job(state=state), PT) != state
    assert present.state_level("needs_attention") == "error" and present.state_level("integrated") == "ok"


def test_a_timeline_line_reads_in_english_when_it_was_kept_in_english() -> None:
    event = Event("ignored", "Ignorado pelo usuário", data={"en": "Ignored by the user"})
    assert present.event_text(event, EN) == "Ignored by the user" and present.event_text(event, PT) == event.message
    assert present.event_text(Event("polled", "Pedido lido"), EN) == "Pedido lido"
