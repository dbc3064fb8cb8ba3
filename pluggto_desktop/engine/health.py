"""The engine's health: its state changing (and who hears of it), the heartbeat other processes
read, and the queue database failing.

The store failing is never a job's fault and never kills a loop: whichever loop meets it puts the
engine in ``storage``; a watch tries a write with back-off, puts back in the queue every job whose
outcome could not be written, and resumes the engine when writes work again.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import replace
from typing import Any

from pluggto_desktop.engine import listener as listener_rules
from pluggto_desktop.engine.core import EngineCore
from pluggto_desktop.engine.state import CURSOR_ENGINE_STATUS, HEARTBEAT_S
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.store.db import IO_ERROR, DatabaseProblem, problem_kind
from pluggto_desktop.text import Text

log = logging.getLogger("pluggto_desktop.engine")

#: After an outage at least this long the Conferência runs (the poll's window may have missed sales).
AUDIT_AFTER_OUTAGE_S = 3600.0

STORAGE_RECOVERED = Text("O banco de dados da fila voltou a gravar: a sincronização continua",
                         "The queue database takes writes again: sync resumes")


class EngineHealth(EngineCore):
    """State changes, the heartbeat, and the watch over a failing store."""

    def _set_status(self, **changes: Any) -> None:
        new = replace(self.status, **changes)
        if new != self.status:
            state_changed = new.state != self.status.state
            self._note_outage(self.status.state, new.state)
            self.status = new
            self.bus.publish("state", new)
            if state_changed and self._tasks:  # let `status` in another process see it at once
                self._spawn(self._heartbeat_now(), "heartbeat-now")

    def _note_outage(self, old: str, new: str) -> None:
        """A long outage may have hidden sales from the poll's window: audit once it is over."""
        if old in ("running", "stopped") and new in ("offline", "credentials", "storage"):
            self._outage_since = self._outage_since or self.clock()
        elif new == "running" and self._outage_since is not None:
            if self.clock() - self._outage_since >= AUDIT_AFTER_OUTAGE_S:
                self._audit_soon = True
            self._outage_since = None

    async def _heartbeat_loop(self) -> None:
        """Tells other processes (``status``) how the engine is; also the canary that finds a
        disk filled up while no order flows."""
        while not self._stopping:
            if self.status.state != "storage":  # the watch writes then
                await self._heartbeat_now()
            await self._sleep(HEARTBEAT_S)

    async def _heartbeat_now(self) -> None:
        try:
            await self._write_heartbeat()
        except Exception as exc:
            if problem_kind(exc) is not None:
                if not self._stopping:
                    self._storage_failed(exc)
            else:
                log.exception("heartbeat failed")

    async def _write_heartbeat(self) -> None:
        status = self.status
        await self.store.set_cursor(CURSOR_ENGINE_STATUS, json.dumps({
            "state": status.state, "paused_until": status.paused_until, "credential": status.credential,
            "retry_at": status.retry_at, "storage_problem": status.storage_problem, "at": self.clock(),
            "pid": os.getpid(),
            # where the running listener really is (``sync --listen`` may differ from the settings)
            "listener_url": status.listener_url,
            "listener_exposed": bool(status.listener_url) and listener_rules.exposed_without_https(
                self.config.listener_host, self.config.listener_public_url),
        }))

    def _storage_failed(self, exc: BaseException, job_ids: Any = ()) -> None:
        """The store takes no writes (a full disk; a read-only, locked or damaged file): stop
        taking work, say why, and let the watch retry. ``job_ids``: jobs left "processing"
        because their outcome could not be written; they go back to the queue later."""
        self._unwritten.update(job_ids)
        kind = problem_kind(exc) or IO_ERROR
        if self.status.state != "storage":
            # a pause or a credential stop outlives the problem: the state to return to
            self._before_storage = self.status if self.status.state in ("paused", "credentials") else None
            log.error("the queue database takes no writes (%s: %s): work stops until it does", kind, exc)
            message = DatabaseProblem(kind, self.store.path)
            self._activity("error", "storage_problem", message.message(PT), message.message(EN))
        self._resumed.clear()
        self._set_status(state="storage", storage_problem=kind, detail=_short_text(exc), retry_at=None)
        self._watch_storage()

    def _watch_storage(self) -> None:
        if self._storage_watch is None or self._storage_watch.done():
            self._storage_retry_now.clear()
            self._storage_watch = self._spawn(self._storage_watch_loop(), "storage-watch")

    async def _storage_watch_loop(self) -> None:
        """Try a write now and then (2 s, doubling up to a minute; "Tentar agora" at once); when
        it works, put back in the queue what could not be written and resume."""
        failures = 0
        while not self._stopping and (self.status.state == "storage" or self._unwritten or self._recover_all):
            failures += 1
            delay = self._storage_backoff.delay(failures)
            if self.status.state == "storage":
                self._set_status(retry_at=self.clock() + delay)
            await self._sleep_or(self._storage_retry_now, delay)
            self._storage_retry_now.clear()
            if self._stopping:
                return
            if self._batches:  # their outcomes are being written (or not) right now: after them
                continue
            try:
                if self._recover_all:
                    await self.store.recover_interrupted()
                    self._recover_all = False
                    self._unwritten.clear()
                ids = set(self._unwritten)
                if ids:
                    await self.store.requeue(sorted(ids))
                    self._unwritten -= ids
                await self._write_heartbeat()
            except Exception as exc:
                if problem_kind(exc) is None:
                    log.exception("the queue database still fails")
                self._set_status(detail=_short_text(exc))
                continue
            if self.status.state == "storage":
                log.info("the queue database takes writes again: sync resumes")
                self._activity("info", "storage_recovered", *STORAGE_RECOVERED.both())
                before, self._before_storage = self._before_storage, None
                if before is not None:  # still paused, or still waiting for valid credentials
                    self._set_status(state=before.state, paused_until=before.paused_until,
                                     credential=before.credential, storage_problem=None, retry_at=None,
                                     detail=before.detail)
                else:
                    self._set_status(state="running", storage_problem=None, retry_at=None, detail="")
                    self._resumed.set()
                    self._poll_now.set()
                    self._wake.set()
                self._publish_counts()
            return

    async def _requeue(self, job_ids: set[int], *, delay: float = 0.0) -> None:
        """Put jobs this engine holds back in the queue; when the store cannot take even that,
        they wait for the storage watch."""
        if not job_ids:
            return
        try:
            await self.store.requeue(sorted(job_ids), delay=delay)
        except Exception as exc:  # nothing may escape: the jobs must not be lost
            if problem_kind(exc) is None:
                log.exception("could not put %d orders back in the queue", len(job_ids))
            self._storage_failed(exc if problem_kind(exc) else DatabaseProblem(IO_ERROR, detail=str(exc)), job_ids)


def _short_text(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
