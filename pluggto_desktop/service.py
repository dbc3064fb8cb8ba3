"""The application as a whole, without Qt: profile, settings, secrets, store and the engine's life.

The desktop app is a thin view over this object: it renders ``service`` state and calls its
methods. Everything that decides something — saving settings then restarting the engine,
keeping a pause across restarts, what "Ativo" means — happens here, where it can be tested
without a screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from pluggto_desktop.domain import deadlines
from pluggto_desktop.domain.jobs import JobKind
from pluggto_desktop.engine.audit import CURSOR_LAST_AUDIT, AuditReport
from pluggto_desktop.engine.bus import EngineBus, EngineEvent
from pluggto_desktop.engine.engine import Engine, EngineStatus, last_seen
from pluggto_desktop.engine.factory import Runtime, build_runtime, pluggto_client
from pluggto_desktop.engine.importing import FAILED, IMPORTED, SUGGEST, Candidate, ImportLookup, look_up
from pluggto_desktop.engine.listener import exposed_without_https
from pluggto_desktop.engine.products import PublishCounts
from pluggto_desktop.errors import ConfigError
from pluggto_desktop.i18n import PT
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import SecretStore
from pluggto_desktop.settings import Settings, is_configured, load_settings, save_settings
from pluggto_desktop.store import export
from pluggto_desktop.store.db import DatabaseProblem
from pluggto_desktop.store.jobs import (
    PAYLOAD_LINX_REQUEST,
    PAYLOAD_LINX_RESPONSE,
    PAYLOAD_PLUGGTO,
    PAYLOAD_PLUGGTO_REQUEST,
    PAYLOAD_PLUGGTO_RESPONSE,
    SORTABLE,
    AsyncStore,
    Event,
    Job,
    JobQuery,
)
from pluggto_desktop.text import Text

# The views reach the core through this module only (the import contract in pyproject.toml): the
# names they read are re-exported here — the queue's records and queries, the payload kinds of
# a job's details, the outcomes of "Importar pedido".
__all__ = [
    "AUDIT_NEEDS_ENGINE",
    "FAILED",
    "IMPORTED",
    "PAYLOAD_LINX_REQUEST",
    "PAYLOAD_LINX_RESPONSE",
    "PAYLOAD_PLUGGTO",
    "PAYLOAD_PLUGGTO_REQUEST",
    "PAYLOAD_PLUGGTO_RESPONSE",
    "RECONCILE_NEEDS_ENGINE",
    "SORTABLE",
    "SUGGEST",
    "AppService",
    "AsyncStore",
    "AuditReport",
    "Candidate",
    "EngineEvent",
    "Event",
    "ImportLookup",
    "Job",
    "JobQuery",
    "Transports",
]

log = logging.getLogger("pluggto_desktop.service")

AUDIT_NEEDS_ENGINE = Text("A Conferência lê o Plug.to e a loja: configure e ative o canal (Configurações) primeiro.",
                          "The audit reads Plug.to and the store: set up and activate the channel (Settings) first.")
RECONCILE_NEEDS_ENGINE = Text("Reconciliar o catálogo lê a loja e escreve no Plug.to: configure e ative o canal "
                              "(Configurações) primeiro.",
                              "Reconciling the catalogue reads the store and writes to Plug.to: set up and activate "
                              "the channel (Settings) first.")


@dataclass
class Transports:
    """In-process transports for tests (None = real network)."""

    pluggto: httpx.AsyncBaseTransport | None = None
    linx: httpx.AsyncBaseTransport | None = None


class AppService:
    def __init__(
        self,
        profile: Profile,
        secrets: SecretStore,
        *,
        lang: str = PT,
        settings: Settings | None = None,
        transports: Transports | None = None,
        engine_options: dict[str, Any] | None = None,
    ) -> None:
        self.profile = profile.ensure()
        self.secrets = secrets
        self.lang = lang
        self.settings = settings if settings is not None else load_settings(profile.settings_path, lang=lang)
        self.transports = transports or Transports()
        self.engine_options = engine_options or {}
        self.bus = EngineBus()  # one bus for the app's life: engines come and go, observers stay
        self.store: AsyncStore | None = None
        self.runtime: Runtime | None = None
        self.config_problems: list[str] = []
        #: the last connection test of this session per remote ("pluggto", "linx"): (what it was
        #: made with — a fingerprint, never a secret — and its outcome); the setup forms show it
        #: again, and trust it, while the values are the same
        self.connection_tests: dict[str, tuple[Any, Any]] = {}
        self._engine_state = "stopped"
        # what the dashboard shows when no engine runs (stopped, or it cannot start): still when
        # Plug.to was last read, from the store at start-up, then from the last engine
        self._stopped = EngineStatus(state="stopped")
        self.bus.subscribe(self._on_engine_event)

    # -- life ------------------------------------------------------------------------------------
    async def open(self) -> None:
        """Open the queue and, when the channel is active or paused, start the engine.

        Raises :class:`DatabaseProblem` (nothing left open) when the queue database cannot be
        used: damaged, read-only, locked by another program, written by a newer version."""
        path = self.profile.database_path
        try:
            self.store = await asyncio.to_thread(AsyncStore, path)  # opening may wait for a lock
            seen = await last_seen(self.store)
            self._stopped = EngineStatus(state="stopped", last_poll_at=seen["last_poll_at"],
                                         last_notification_at=seen["last_notification_at"])
        except Exception as exc:
            problem = DatabaseProblem.of(exc, path)
            if self.store is not None:
                store, self.store = self.store, None
                with contextlib.suppress(Exception):
                    await store.aclose()
            if problem is None:
                raise
            raise problem from exc
        await self.start_engine()

    async def close(self) -> None:
        await self.stop_engine()
        if self.store is not None:
            await self.store.aclose()
            self.store = None

    @property
    def engine(self) -> Engine | None:
        return self.runtime.engine if self.runtime else None

    @property
    def channel_state(self) -> str:
        return self.settings.channel_state

    def engine_status(self) -> EngineStatus:
        if self.engine:
            return self.engine.status
        return self._stopped

    async def start_engine(self) -> bool:
        """Start the engine for an active or paused channel; False (with ``config_problems``)
        when it cannot run yet."""
        await self.stop_engine()
        self.config_problems = []
        if self.channel_state not in ("active", "paused"):
            return False
        try:
            self.runtime = build_runtime(
                self.profile, self.settings, self.secrets, lang=self.lang, bus=self.bus, store=self.store,
                pluggto_transport=self.transports.pluggto, linx_transport=self.transports.linx,
                **self.engine_options,
            )
        except ConfigError as exc:
            self.config_problems = list(exc.problems)
            self.bus.publish("config_problems", self.config_problems)
            return False
        await self.runtime.start(self.settings)
        return True

    async def stop_engine(self) -> None:
        if self.runtime is not None:
            runtime, self.runtime = self.runtime, None
            status = runtime.engine.status
            self._stopped = EngineStatus(  # an engine that failed to start knows nothing newer
                state="stopped", last_poll_at=status.last_poll_at or self._stopped.last_poll_at,
                last_notification_at=status.last_notification_at or self._stopped.last_notification_at)
            await runtime.aclose()

    # -- settings --------------------------------------------------------------------------------
    def settings_copy(self) -> Settings:
        """A copy for a form to edit; nothing changes until :meth:`apply_settings`."""
        return copy.deepcopy(self.settings)

    async def apply_settings(self, settings: Settings, secrets: dict[str, str] | None = None) -> None:
        """Save (validating first: raises ConfigError and changes nothing), store the secrets,
        then restart the engine so every change takes effect."""
        save_settings(settings, self.profile.settings_path, lang=self.lang)
        for name, value in (secrets or {}).items():
            if value:
                self.secrets.set(name, value)
        self.settings = settings
        self.bus.publish("settings", settings)
        await self.start_engine()

    async def activate(self) -> None:
        """"Salvar e ativar": the channel becomes active (if configured) and the engine starts."""
        settings = self.settings_copy()
        if not is_configured(settings):
            raise ConfigError(["channel not configured"])
        settings.channel.state = "active"
        settings.channel.paused_until = None
        await self.apply_settings(settings)

    async def forget_secrets(self) -> list[str]:
        """Delete this profile's passwords and tokens from the vault; returns the names deleted.

        The engine stops first (it must not sign in again with a token it still holds) and is
        then restarted, which reports the missing passwords as the reason it cannot sync. The
        queue and the settings are kept.
        """
        await self.stop_engine()
        removed = await asyncio.to_thread(self.secrets.forget_all)  # a vault call may block
        log.info("secrets forgotten at the user's request: %s", ", ".join(removed) or "none stored")
        self.bus.publish("settings", self.settings)  # forms show the passwords as not stored
        await self.start_engine()
        return removed

    # -- engine actions ----------------------------------------------------------------------------
    def sync_now(self) -> None:
        if self.engine:
            self.engine.sync_now()

    def pause(self, minutes: float | None) -> None:
        """Pause for ``minutes`` (None = until resumed); survives an app restart."""
        if self.engine is None:
            return
        until = None if minutes is None else datetime.now(UTC).timestamp() + minutes * 60
        self.engine.pause(until)
        self._persist_pause(until)

    def resume(self) -> None:
        if self.engine is not None:
            self.engine.resume()
        self._persist_active()

    # A person's actions on jobs publish what the engine publishes when jobs change (the "job"
    # topic for each, "counts" for the totals), engine or not: the views follow the bus alone.
    async def retry(self, job_ids: list[int]) -> int:
        if self.engine:
            count = await self.engine.retry_jobs(job_ids)
        else:
            count = await self._queue().retry(job_ids)
        await self._announce(job_ids)
        return count

    async def ignore(self, job_id: int, reason: str) -> bool:
        if self.engine:
            done = await self.engine.ignore_job(job_id, reason)
        else:
            done = await self._queue().ignore(job_id, reason)
        if done:
            await self._announce([job_id])
        return bool(done)

    async def unignore(self, job_id: int) -> bool:
        if self.engine:
            done = await self.engine.unignore_job(job_id)
        else:
            done = await self._queue().unignore(job_id)
        if done:
            await self._announce([job_id])
        return bool(done)

    async def _announce(self, job_ids: list[int]) -> None:
        """Publish the jobs' new states; without an engine, the counts too (a running engine
        publishes them itself, coalesced, after every action of a person)."""
        store = self._queue()
        for job in await store.get_jobs(job_ids):
            self.bus.publish("job", {"job_id": job.id, "kind": job.kind, "key": job.key, "state": job.state})
        if self.engine is None:
            self.bus.publish("counts", {kind.value: await store.counts(kind.value) for kind in JobKind})

    def _queue(self) -> AsyncStore:
        if self.store is None:
            raise RuntimeError("the service is not open")
        return self.store

    def job_pages(self, query: JobQuery, *, page_size: int = 1000) -> AsyncIterator[list[Job]]:
        """Every job of a queue view, in its order, a page at a time (the CSV export): each page
        is one read on the store's thread, so the engine's own work goes on between pages."""
        return export.job_pages(self._queue(), query, page_size=page_size)

    async def import_order(self, text: str) -> ImportLookup:
        """Importar pedido pelo ID (see ``engine.importing``). With the engine stopped, Plug.to is
        still asked (a client just for this lookup), so nothing is queued that Plug.to lacks."""
        if self.engine:
            return await self.engine.import_order(text)
        try:
            pluggto = pluggto_client(self.settings, self.secrets, lang=self.lang, transport=self.transports.pluggto)
        except (ConfigError, ValueError) as exc:
            return ImportLookup(FAILED, text.strip(), problem=(str(exc), str(exc)))
        try:
            return await look_up(text, store=self._queue(), pluggto=pluggto)
        finally:
            await pluggto.aclose()

    # -- Conferência and the deadline watch -----------------------------------------------------------
    async def audit(self, start: datetime, end: datetime) -> AuditReport:
        """The Conferência of a period, through the running engine's clients (reads only). Raises
        :class:`ConfigError` when no engine runs: the audit needs both connections."""
        engine = self._engine_for(AUDIT_NEEDS_ENGINE)
        return await engine.audit(start, end)

    async def fix_audit(self, report: AuditReport, what: set[str]) -> dict[str, int]:
        """The repairs the person confirmed (``missing``, ``ack``, ``status``); each goes to the
        order's timeline and the activity log."""
        engine = self._engine_for(AUDIT_NEEDS_ENGINE)
        return await engine.fix_audit(report, what)

    async def last_audit(self) -> dict[str, Any] | None:
        """The last Conferência's summary ({"at", "from", "to", "counts", "automatic"}), or None."""
        if self.store is None:
            return None
        raw = await self.store.get_cursor(CURSOR_LAST_AUDIT)
        return json.loads(raw) if raw else None

    async def deadline_counts(self) -> dict[str, dict[str, int]]:
        """Orders near / past their deadlines now, per step (domain/deadlines.py)."""
        if self.store is None:
            return deadlines.empty_counts()
        return await self.store.deadline_counts()

    async def reconcile_products(self) -> PublishCounts:
        """"Reconciliar catálogo agora" (progress on the bus, topic ``reconcile``). Raises
        :class:`ConfigError` when no engine runs: it needs both connections."""
        engine = self._engine_for(RECONCILE_NEEDS_ENGINE)
        return await engine.reconcile_products()

    def listener_exposed_without_https(self) -> bool:
        """The notification listener, as set up, is reachable from other computers without
        HTTPS (the Painel warns; engine/listener.py's rule)."""
        engine = self.settings.engine
        return exposed_without_https(engine.listener_host, engine.listener_public_url)

    def _engine_for(self, why: Text) -> Engine:
        if self.engine is None:
            raise ConfigError([why(self.lang)])
        return self.engine

    # -- keeping the settings file in step with the engine -----------------------------------------
    def _on_engine_event(self, event: EngineEvent) -> None:
        if event.topic != "state":
            return
        previous, self._engine_state = self._engine_state, event.payload.state
        # a timed pause that ended by itself leaves the channel active again (an engine that is
        # merely starting also reports "running" before it is re-paused: not that case)
        if previous == "paused" and self._engine_state == "running":
            self._persist_active()

    def _persist_pause(self, until: float | None) -> None:
        self.settings.channel.state = "paused"
        self.settings.channel.paused_until = (
            datetime.fromtimestamp(until, UTC).isoformat() if until is not None else None
        )
        self._save_quietly()

    def _persist_active(self) -> None:
        if self.settings.channel.state != "paused":
            return
        self.settings.channel.state = "active"
        self.settings.channel.paused_until = None
        self._save_quietly()

    def save_current_settings(self) -> None:
        """Write the current settings (small UI flags such as "tray hint shown")."""
        self._save_quietly()

    def _save_quietly(self) -> None:
        try:
            save_settings(self.settings, self.profile.settings_path, lang=self.lang)
        except (ConfigError, OSError):
            log.exception("could not save the channel state")
        self.bus.publish("settings", self.settings)

