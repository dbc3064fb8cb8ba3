"""The engine's state in words for the banner, the dashboard, the tray and the settings page.

The words, levels and colours are the core's (:mod:`pluggto_desktop.status_words`), so the app
and ``pluggto-desktop status`` say the same; this only feeds it the service's state, in the
service's language.
"""

from __future__ import annotations

from pluggto_desktop.status_words import (  # noqa: F401 - re-exported for the views
    ATTENTION_LEVEL,
    LEVEL_COLOURS,
    StatusText,
    attention_words,
    credential_words,
    describe,
    storage_words,
)


def describe_service(service, attention: int = 0) -> StatusText:  # an AppService
    """:func:`describe` for the app's service: its engine, its channel and why it cannot start."""
    return describe(service.engine_status(), service.channel_state, attention, lang=service.lang,
                    config_problems=bool(service.config_problems))
