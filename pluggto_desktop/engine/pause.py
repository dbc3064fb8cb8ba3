"""When the engine may work: "Sincronizar agora", pausing and resuming, and the stop while the
credentials are refused."""

from __future__ import annotations

import logging
from datetime import datetime

from pluggto_desktop.engine.health import EngineHealth
from pluggto_desktop.errors import CredentialError
from pluggto_desktop.text import Text

log = logging.getLogger("pluggto_desktop.engine")

PAUSED = Text("Sincronização pausada até ser retomada", "Sync paused until resumed")
PAUSED_UNTIL = Text("Sincronização pausada até {time}", "Sync paused until {time}")
RESUMED = Text("Sincronização retomada", "Sync resumed")
CREDENTIALS_REFUSED = Text("Credenciais recusadas: a sincronização está parada até serem corrigidas",
                           "Credentials refused: sync is stopped until they are fixed")


class Pausing(EngineHealth):
    """Sync now, pause, resume; and the wait every loop makes while work may not go on."""

    def sync_now(self) -> None:
        """Poll now and look at due jobs now (also "Tentar agora" when offline)."""
        self._poll_failures = 0
        self._storage_retry_now.set()
        if self.status.state == "credentials":
            self._set_status(state="running", credential=None, detail="")
            self._resumed.set()
        self._poll_now.set()
        self._wake.set()
        self._products_wake.set()

    def pause(self, until: float | None = None) -> None:
        """Stop taking new work (in-flight calls finish); ``until`` is a unix time or None."""
        self._resumed.clear()
        self._set_status(state="paused", paused_until=until, retry_at=None)
        self._activity("info", "engine_paused", *_pause_words(until))

    def resume(self) -> None:
        if self.status.state != "paused":
            return
        self._set_status(state="running", paused_until=None)
        self._resumed.set()
        self._poll_now.set()
        self._wake.set()
        self._products_wake.set()
        self._activity("info", "engine_resumed", *RESUMED.both())

    async def _may_work(self) -> bool:
        """Wait while paused or blocked on credentials; True when work may go on."""
        paused_until = self.status.paused_until if self.status.state == "paused" else None
        if paused_until is not None and self.clock() >= paused_until:
            self.resume()
        if self.status.state in ("paused", "credentials", "storage"):
            timeout = None
            if self.status.state == "paused" and self.status.paused_until is not None:
                timeout = max(0.05, self.status.paused_until - self.clock())
            await self._sleep_or(self._resumed, timeout if timeout is not None else 3600)
            return False
        return not self._stopping

    def _credentials_failed(self, exc: CredentialError) -> None:
        self._credential_error = exc
        if self.status.state != "credentials":
            log.error("credentials refused by %s (%s): engine paused", exc.remote or "remote", exc.credential)
            self._activity("error", "credentials_invalid", *CREDENTIALS_REFUSED.both())
        self._resumed.clear()
        self._set_status(state="credentials", credential=exc.credential, detail=str(exc))


def _pause_words(until: float | None) -> tuple[str, str]:
    """The activity line of a pause, (pt-BR, English): until when, in local time."""
    if until is None:
        return PAUSED.both()
    return PAUSED_UNTIL.both(time=datetime.fromtimestamp(until).strftime("%H:%M"))
