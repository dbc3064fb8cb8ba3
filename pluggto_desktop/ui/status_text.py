"""The engine's state in words: one place for the banner, the dashboard and the tray tooltip."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from pluggto_desktop.engine.engine import EngineStatus


# lupdate finds strings only in literal translate("Context", "text") calls: keep them literal.
translate = QCoreApplication.translate


@dataclass(frozen=True)
class StatusText:
    title: str  # "Ativo", "Pausado até 14:30", …
    detail: str  # one plain sentence
    level: str  # "ok" | "info" | "warning" | "error"
    icon: str  # tray icon name
    action: str | None = None  # "resume" | "retry" | "fix_credentials" | "fix_settings" | "setup" | "activate"
    action_label: str = ""


def hhmm(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%H:%M")


def credential_words(credential: str | None) -> str:
    return {
        "client": translate("Status", "Plug.to refused the Client ID or Client Secret."),
        "user": translate("Status", "Plug.to refused the API user or password."),
        "token": translate("Status", "Plug.to refused the access token."),
        "linx": translate("Status", "Linx Commerce refused the integration user or password."),
        "linx_permission": translate("Status", "The Linx integration user lacks permission for the orders API."),
    }.get(credential or "", translate("Status", "The credentials were refused."))


def storage_words(problem: str | None) -> tuple[str, str]:
    """Title and sentence for an engine stopped because its queue database takes no writes
    (``problem``: a ``store.db`` kind)."""
    if problem == "disk_full":
        return (translate("Status", "Disk full"),
                translate("Status", "There is no room left to write the order queue. Free some disk space: the sync "
                                    "resumes by itself and no order is lost."))
    if problem == "read_only":
        return (translate("Status", "Order queue is read-only"),
                translate("Status", "Pluggto Desktop cannot write to its order queue. Give your user write permission "
                                    "on the profile folder: the sync resumes by itself."))
    if problem == "locked":
        return (translate("Status", "Order queue locked by another program"),
                translate("Status", "Close the program holding the order queue (a database viewer, an antivirus, a "
                                    "backup): the sync resumes by itself."))
    if problem == "corrupt":
        return (translate("Status", "Order queue damaged"),
                translate("Status", "The order queue cannot be read. The orders are still in Plug.to: export the "
                                    "diagnostics (Support) and send them to support."))
    return (translate("Status", "Cannot write the order queue"),
            translate("Status", "The disk failed while writing the order queue; the sync tries again by itself."))


def attention_words(n: int) -> str:
    # explicit singular/plural: lupdate's Python parser misses plurals whose count is a variable
    if n == 1:
        return translate("Status", "1 order needs attention.")
    return translate("Status", "%1 orders need attention.").replace("%1", str(n))


def describe(status: EngineStatus, channel_state: str, attention: int = 0, *, now: float | None = None,
             config_problems: bool = False) -> StatusText:
    """Words for the current state; ``attention`` is the number of orders needing attention and
    ``config_problems`` says the engine could not start because of the settings or passwords."""
    now = time.time() if now is None else now
    if channel_state == "installed":
        return StatusText(translate("Status", "Not configured"), translate("Status", "Connect your Plug.to account and your Linx Commerce store."),
                          "info", "stopped", "setup", translate("Status", "Set up"))
    if channel_state == "configured":
        return StatusText(translate("Status", "Configured, not active"), translate("Status", "The channel is saved but not active: no order is synced."),
                          "info", "stopped", "activate", translate("Status", "Activate"))
    if status.state == "credentials":
        return StatusText(translate("Status", "Invalid credentials"), credential_words(status.credential) + " "
                          + translate("Status", "Sync is stopped until they are fixed."), "error", "attention",
                          "fix_credentials", translate("Status", "Fix"))
    if status.state == "paused":
        if status.paused_until:
            title = translate("Status", "Paused until %1").replace("%1", hhmm(status.paused_until))
        else:
            title = translate("Status", "Paused")
        return StatusText(title, translate("Status", "No new order is synced while paused; notifications are still recorded."),
                          "warning", "paused", "resume", translate("Status", "Resume"))
    if status.state == "storage":
        title, detail = storage_words(status.storage_problem)
        return StatusText(title, detail, "error", "attention", "retry", translate("Status", "Try now"))
    if status.state == "offline":
        seconds = max(0, int(round((status.retry_at or now) - now)))
        title = translate("Status", "No connection — retrying in %1 s").replace("%1", str(seconds))
        return StatusText(title, translate("Status", "Plug.to could not be reached. Orders are not lost: they are picked up as "
                                     "soon as the connection is back."), "warning", "offline", "retry",
                          translate("Status", "Try now"))
    if status.state == "stopped" and config_problems:
        return StatusText(translate("Status", "Cannot sync"),
                          translate("Status", "Something the sync needs is missing or invalid in the settings; orders "
                                              "wait in Plug.to until it is fixed."), "error", "attention",
                          "fix_settings", translate("Status", "Fix"))
    if status.state == "stopped":
        return StatusText(translate("Status", "Stopped"), translate("Status", "The sync engine is not running."), "warning", "stopped")
    if attention:
        return StatusText(translate("Status", "Active"), attention_words(attention), "error", "attention")
    return StatusText(translate("Status", "Active"), translate("Status", "Orders are flowing from Plug.to into your store."), "ok", "running")


def describe_service(service, attention: int = 0) -> StatusText:  # noqa: ANN001 - an AppService
    """:func:`describe` for the app's service: its engine, its channel and why it cannot start."""
    return describe(service.engine_status(), service.channel_state, attention,
                    config_problems=bool(service.config_problems))
