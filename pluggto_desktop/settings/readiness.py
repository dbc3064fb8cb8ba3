"""Whether the settings are enough to run, and what a draft being edited still lacks.

* :data:`REQUIRED_FIELDS` — the values the engine cannot run without, in the order the setup asks
  for them; three of them are secrets, kept in the password vault (:data:`SECRET_FIELDS`).
* :func:`is_configured` / :func:`channel_state` — what the app shows and starts from.
* :func:`check_draft` — for the setup forms, the settings page and the network settings: every
  problem of the values typed and every required field still empty, by field path. The forms
  render its answer; they do not decide it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from pluggto_desktop.secret_names import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD
from pluggto_desktop.settings.model import Settings
from pluggto_desktop.settings.validation import Rows, parse_datetime, value_problems

REQUIRED_FIELDS = (
    "pluggto.api_url",
    "pluggto.client_id",
    "pluggto.client_secret",
    "pluggto.username",
    "pluggto.password",
    "linx.url_or_tenant",
    "linx.user",
    "linx.password",
    "channel.website_id",
)
#: Required fields that are secrets: field path → the secret's name in the vault.
SECRET_FIELDS = {
    "pluggto.client_secret": PLUGGTO_CLIENT_SECRET,
    "pluggto.password": PLUGGTO_PASSWORD,
    "linx.password": LINX_PASSWORD,
}


def _is_empty(settings: Settings, path: str) -> bool:
    section, name = path.split(".", 1)
    value = getattr(getattr(settings, section), name)
    return value is None or (isinstance(value, str) and not value.strip())


def missing_fields(settings: Settings, secrets: Collection[str] | None = None) -> list[str]:
    """The :data:`REQUIRED_FIELDS` still empty, by path.

    ``secrets`` holds the names of the secrets at hand (typed now or already stored); None leaves
    the secret fields out, for a caller that does not know the vault (secrets are no settings).
    """
    missing = []
    for path in REQUIRED_FIELDS:
        if path in SECRET_FIELDS:
            if secrets is not None and SECRET_FIELDS[path] not in secrets:
                missing.append(path)
        elif _is_empty(settings, path):
            missing.append(path)
    return missing


def is_configured(settings: Settings) -> bool:
    """True when there is enough to run the engine (secrets aside, which live in keyring).

    Plug.to URL + client id + API user, Linx URL/tenant + user, and the channel's website id.
    """
    return not missing_fields(settings)


def channel_state(settings: Settings, now: datetime | None = None) -> str:
    """What the channel is, for the user: ``installed``, ``configured``, ``active`` or ``paused``.

    The saved ``channel.state`` is authoritative, with two corrections: a channel that lacks a
    required value can only be *installed*, and a pause whose ``paused_until`` has passed is
    *active* again.
    """
    if not is_configured(settings):
        return "installed"
    state = settings.channel.state
    if state == "paused":
        until = parse_datetime(settings.channel.paused_until)
        current = now or datetime.now(UTC)
        return "active" if until is not None and until <= current else "paused"
    if state == "active":
        return "active"
    return "configured"


def state_to_save(settings: Settings) -> str:
    """The channel state a setup saved part-way keeps: a running channel (active or paused) stays
    so; otherwise *configured* when every required value is there, else *installed*."""
    state = settings.channel.state
    if state in ("active", "paused"):
        return state
    return "configured" if is_configured(settings) else "installed"


@dataclass(frozen=True)
class DraftCheck:
    """What :func:`check_draft` found: ``problems`` as ``"path: message"`` lines, ``missing`` as
    the paths of the required fields still empty (a field both empty and wrong is a problem)."""

    problems: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.missing

    def problems_under(self, *sections: str) -> list[str]:
        """The problems of the fields under ``sections`` (``"network"``, ``"channel.attribute_map"``)."""
        return [line for line in self.problems if _under(line.partition(": ")[0], sections)]

    def missing_under(self, *sections: str) -> list[str]:
        return [path for path in self.missing if _under(path, sections)]


def _under(path: str, sections: tuple[str, ...]) -> bool:
    return any(path == s or path.startswith(s + ".") for s in sections)


def check_draft(settings: Settings, lang: str | None = None, *, secrets: Collection[str] | None = None,
                rows: Mapping[str, Rows] | None = None, ca_file_chosen: bool = False) -> DraftCheck:
    """Everything a person editing ``settings`` must fix or fill in, by field path.

    The problems are :func:`~.validation.validate`'s, plus what only a draft has:

    * ``rows`` — the tables as typed, by path (``"channel.marketplace_cnpjs"``,
      ``"channel.marketplace_deadlines"``, ``"channel.attribute_map"``): a row that repeats
      another is refused, where the dict the settings keep would silently merge the two;
    * ``ca_file_chosen`` — the extra CA file is being chosen now, so it must exist (a settings
      file that names an absent one still loads: see :mod:`pluggto_desktop.network_rules`).

    ``secrets``: the names of the secrets at hand, as for :func:`missing_fields`.
    """
    problems = value_problems(settings, lang, rows=rows, ca_file_chosen=ca_file_chosen)
    wrong = {line.partition(": ")[0] for line in problems}
    missing = [path for path in missing_fields(settings, secrets) if path not in wrong]
    return DraftCheck(tuple(problems), tuple(missing))


__all__ = [
    "REQUIRED_FIELDS",
    "SECRET_FIELDS",
    "DraftCheck",
    "channel_state",
    "check_draft",
    "is_configured",
    "missing_fields",
    "state_to_save",
]
