"""A job for people (present/jobs.py): one rule for why it is where it is, one table of what a
person may do with it — and the store enforcing that same table."""

from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path

import pytest

from pluggto_desktop.domain.jobs import ALL_STATES
from pluggto_desktop.domain.reasons import render
from pluggto_desktop.invocation import program
from pluggto_desktop.present import jobs as present
from pluggto_desktop.store.jobs import Event, Job, JobQuery, Store
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


# -- one rendering, wherever a job is shown -----------------------------------------------------------
def _stuck_jobs(store: Store) -> None:
    """Jobs needing attention with each kind of reason: known, unknown to this version, none."""
    known = store.upsert_job("order", "64f0c0ffee", state="queued", marketplace="MercadoLivre",
                             marketplace_order_id="2000123").job_id
    store.apply(known, state="needs_attention", reason=render("unknown_sku", {"sku": "CAM-AZ-M"}))
    store.upsert_job("order", "64f0beef", state="needs_attention", marketplace="Shopee", marketplace_order_id="SH-9",
                     reason_code="from_a_newer_version", reason_title="Algo novo", reason_message="Uma mensagem nova.",
                     reason_hint="Faça algo novo.", reason_params="{}")
    store.upsert_job("order", "64f0cafe", state="needs_attention", marketplace="Amazon", marketplace_order_id="AMZ-1")


@pytest.mark.anyio
@pytest.mark.parametrize("lang", [PT, EN])
async def test_the_cli_and_the_bundle_word_a_job_as_present_jobs_does(tmp_path: Path, capsys, lang: str) -> None:
    from pluggto_desktop.cli.sync import _print_attention
    from pluggto_desktop.diagnostics import read_store
    from pluggto_desktop.store.jobs import AsyncStore

    path = tmp_path / "q.db"
    store = Store(path)
    _stuck_jobs(store)
    described = {job.key: entry["reason"] for entry, job in read_store(store, lang, include_payloads=False).attention}
    jobs = {job.key: job for job in store.list_jobs(JobQuery(states=["needs_attention"]))}
    store.close()
    async_store = AsyncStore(path)
    try:
        await _print_attention(async_store, lang)
    finally:
        await async_store.aclose()
    printed = capsys.readouterr().out.splitlines()

    assert set(described) == set(jobs) == {"64f0c0ffee", "64f0beef", "64f0cafe"}
    for key, job in jobs.items():
        app = present.reason(job, lang)
        terminal = present.reason(job, lang, audience=present.TERMINAL, program=program())
        # the bundle: the app's words (support reads what the merchant saw)
        assert (described[key]["title"], described[key]["message"], described[key]["what_to_do"]) == \
            (app.title, app.message, app.hint)
        # the terminal: the same title and message, a hint that names commands
        line = next(text for text in printed if f"({job.marketplace})" in text)
        assert line == "  • " + f"{job.marketplace_order_id} ({job.marketplace}): " + " — ".join(
            part for part in (terminal.title, " ".join(t for t in (terminal.message, terminal.hint) if t)) if part)
        assert (terminal.title, terminal.message) == (app.title, app.message)
    # the fallbacks, the same in both: stored words for an unknown code, the state without a reason
    assert described["64f0beef"]["title"] == "Algo novo"
    assert described["64f0cafe"]["title"] == present.state_text(jobs["64f0cafe"], lang)
    assert described["64f0cafe"]["what_to_do"] == "" and all("?" not in text for text in printed)


#: Names a module may define only in their one home: a second definition is a second rule (the
#: allowed actions are the job states' rule, in domain/jobs.py below the store and present/).
ONE_HOME = {"can_retry": "domain/jobs.py", "can_ignore": "domain/jobs.py", "can_unignore": "domain/jobs.py",
            "event_text": "present/jobs.py", "state_text": "present/jobs.py", "stored_reason": "present/jobs.py"}
#: The stored reason's columns: written and read back by the store, worded only by present/jobs.py.
REASON_COLUMNS = ("reason_title", "reason_message", "reason_hint")


def test_a_job_is_worded_in_one_place() -> None:
    """Nothing outside present/jobs.py renders a job's stored reason (render(job.reason_code …)),
    reads its stored words, puts its last error into words, or defines the allowed actions or
    the state and timeline words again — the CLI, the bundle and the views ask present/jobs."""
    package = Path(present.__file__).resolve().parents[1]
    problems = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).parts
        if parts[0] in ("simulator",):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = "/".join(parts)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and ONE_HOME.get(node.name, name) != name:
                problems.append(f"{name}:{node.lineno}: defines {node.name}")
            if name == "present/jobs.py":
                continue  # the one place that words a job
            words = isinstance(node, ast.Call) and _called(node) in ("render", "transient_words")
            if words and (_mentions(node, "reason_code") or _mentions(node, "last_error")):
                problems.append(f"{name}:{node.lineno}: {_called(node)}() of a job's own field")
            if (isinstance(node, ast.Attribute) and node.attr in REASON_COLUMNS and parts[0] != "store"
                    and not (isinstance(node.value, ast.Name) and node.value.id == "self")):
                problems.append(f"{name}:{node.lineno}: reads {node.attr}")
    assert problems == []


def _called(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _mentions(call: ast.Call, attr: str) -> bool:
    """Whether an argument reads ``attr`` of a job (``job.reason_code``; the engine's decisions
    carry reason codes of their own, which it renders to store)."""
    return any(isinstance(node, ast.Attribute) and node.attr == attr and isinstance(node.value, ast.Name)
               and node.value.id.endswith("job")
               for arg in [*call.args, *(k.value for k in call.keywords)] for node in ast.walk(arg))
