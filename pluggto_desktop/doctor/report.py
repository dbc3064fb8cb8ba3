"""What the connection doctor found: :class:`DoctorReport` → :class:`RemoteReport` → :class:`Step`.

Each text of a report is kept in both languages (a :data:`Record`, ``{"pt_BR": …, "en": …}``):
the report is saved as JSON (``cache/doctor.json``, the diagnostics bundle, ``doctor --json``)
and read again in whichever language the person uses then. :meth:`DoctorReport.as_text` is the
plain text of "Copiar relatório" and of the terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pluggto_desktop import __version__
from pluggto_desktop.i18n import EN, PT, normalize_language
from pluggto_desktop.profile import Profile
from pluggto_desktop.settings import write_text_atomically
from pluggto_desktop.text import Text

REPORT_FILE = "doctor.json"
#: A clock further than this from the server's is called wrong.
CLOCK_TOLERANCE_S = 10 * 60

CONFIG, DNS, TCP, PROXY, TLS, HTTP, AUTH, READ = "config", "dns", "tcp", "proxy", "tls", "http", "auth", "read"
STEP_TITLES: dict[str, Text] = {
    CONFIG: Text("Configuração", "Settings"),
    DNS: Text("Resolução de nome (DNS)", "Name resolution (DNS)"),
    TCP: Text("Conexão TCP", "TCP connection"),
    PROXY: Text("Proxy", "Proxy"),
    TLS: Text("Certificado (TLS)", "Certificate (TLS)"),
    HTTP: Text("Resposta HTTP", "HTTP response"),
    AUTH: Text("Autenticação", "Authentication"),
    READ: Text("Leitura de dados", "Reading data"),
}
REMOTE_TITLES = {"pluggto": "Plug.to", "linx": "Linx Commerce"}
#: A step's mark by its ``ok``: passed, failed, not run (the report's text and the Suporte page)
STEP_MARKS = {True: "✓", False: "✗", None: "–"}

#: A text kept in both languages: ``{"pt_BR": "...", "en": "..."}``.
Record = dict


def record(text: Text, **values: Any) -> Record:
    """``text`` in both languages, as the report keeps it."""
    pt, en = text.both(**values)
    return {PT: pt, EN: en}


def in_both(words: Callable[[str], str]) -> Record:
    """``words(lang)`` for each language: for a text put together from several :class:`Text`."""
    return {PT: words(PT), EN: words(EN)}


def as_is(text: str) -> Record:
    """A technical text that reads the same in both languages (an error's name, a server's words)."""
    return {PT: text, EN: text}


def read_record(text: Mapping[str, str] | None, lang: str) -> str:
    """A :data:`Record` in ``lang`` (the other language when it lacks that one)."""
    if not text:
        return ""
    return text.get(lang) or text.get(EN) or text.get(PT) or ""


_TITLE = Text("Diagnóstico de conexão — {when}", "Connection check — {when}")
_NETWORK = Text("Rede: {network}", "Network: {network}")
_CLOCK_WRONG = Text("Relógio: ERRADO, {skew} s de diferença para o servidor", "Clock: WRONG, {skew} s off the server's")
_CLOCK_RIGHT = Text("Relógio: certo ({skew} s de diferença para o servidor)",
                    "Clock: right ({skew} s off the server's)")
_RESULT_OK = Text("Resultado: OK", "Result: OK")
_RESULT_FAILED = Text("Resultado: falhou em “{step}”", "Result: failed at “{step}”")
_IN_THE_APP = Text("{place} do aplicativo (no terminal: `{command}`)",
                   "{place} in the app (in a terminal: `{command}`)")


@dataclass
class Step:
    """One step of the path to a remote.

    ``ok`` is True (passed), False (failed) or None (not run: skipped, or not applicable);
    ``code`` names the failure for programs (``dns_not_found``, ``tls_untrusted``,
    ``auth_user``…); ``detail`` is what was seen, ``explanation`` what it means and what to do.
    """

    name: str
    ok: bool | None
    ms: float | None = None
    detail: Record = field(default_factory=dict)
    explanation: Record = field(default_factory=dict)
    code: str = ""

    def title(self, lang: str = PT) -> str:
        title = STEP_TITLES.get(self.name)
        return title(lang) if title else self.name

    def detail_in(self, lang: str = PT) -> str:
        return read_record(self.detail, lang)

    def explanation_in(self, lang: str = PT) -> str:
        return read_record(self.explanation, lang)


@dataclass
class RemoteReport:
    remote: str  # "pluggto" | "linx"
    url: str
    proxy: Record = field(default_factory=dict)  # which proxy was used, without credentials
    steps: list[Step] = field(default_factory=list)

    @property
    def title(self) -> str:
        return REMOTE_TITLES.get(self.remote, self.remote)

    @property
    def ok(self) -> bool:
        return bool(self.steps) and not any(step.ok is False for step in self.steps)

    @property
    def failed_step(self) -> Step | None:
        return next((step for step in self.steps if step.ok is False), None)

    def step(self, name: str) -> Step | None:
        return next((step for step in self.steps if step.name == name), None)


@dataclass
class DoctorReport:
    started_at: str  # ISO-8601, local time with offset
    duration_ms: float = 0.0
    app_version: str = __version__
    system: str = ""
    network: Record = field(default_factory=dict)  # the network settings in words
    clock: dict[str, Any] = field(default_factory=dict)  # local time, skew seen, if any
    remotes: list[RemoteReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.remotes) and all(remote.ok for remote in self.remotes)

    @property
    def config_problem(self) -> bool:
        """True when a step failed because something is not configured (CLI exit code 2)."""
        return any(step.code.startswith("config") for remote in self.remotes for step in remote.steps
                   if step.ok is False)

    def remote(self, name: str) -> RemoteReport | None:
        return next((r for r in self.remotes if r.remote == name), None)

    # -- serialisation ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DoctorReport:
        remotes = []
        for raw in data.get("remotes") or []:
            steps = [Step(name=str(s.get("name", "")), ok=s.get("ok"), ms=s.get("ms"),
                          detail=dict(s.get("detail") or {}), explanation=dict(s.get("explanation") or {}),
                          code=str(s.get("code") or ""))
                     for s in raw.get("steps") or []]
            remotes.append(RemoteReport(remote=str(raw.get("remote", "")), url=str(raw.get("url", "")),
                                        proxy=dict(raw.get("proxy") or {}), steps=steps))
        return cls(started_at=str(data.get("started_at", "")), duration_ms=float(data.get("duration_ms") or 0),
                   app_version=str(data.get("app_version", "")), system=str(data.get("system", "")),
                   network=dict(data.get("network") or {}), clock=dict(data.get("clock") or {}),
                   remotes=remotes)

    def as_text(self, lang: str = PT, *, terminal: str | None = None) -> str:
        """The report as plain text, for "Copiar relatório" and the terminal. With ``terminal``
        (the command that runs ``setup``), "Configurações → Plug.to" says it is the app's and
        names the command a terminal user has instead."""
        lang = normalize_language(lang)
        lines = [
            _TITLE(lang, when=_when(self.started_at)),
            f"Pluggto Desktop {self.app_version} · {self.system}",
            _NETWORK(lang, network=read_record(self.network, lang)),
        ]
        if self.clock.get("skew_s") is not None:
            skew = float(self.clock["skew_s"])
            words = _CLOCK_WRONG if abs(skew) > CLOCK_TOLERANCE_S else _CLOCK_RIGHT
            lines.append(words(lang, skew=f"{skew:+.0f}"))
        for remote in self.remotes:
            lines += ["", f"{remote.title} — {remote.url}", "Proxy: " + read_record(remote.proxy, lang)]
            for step in remote.steps:
                mark = STEP_MARKS[step.ok]
                ms = f"{step.ms:.0f} ms" if step.ms is not None else ""
                detail = step.detail_in(lang)
                lines.append(f"  {mark} {step.title(lang):<26} {ms:>8}  {detail}".rstrip())
                if step.ok is False and step.explanation_in(lang):
                    explanation = step.explanation_in(lang)
                    if terminal:
                        explanation = _for_terminal(explanation, terminal)
                    lines.append(f"      → {explanation}")
            failed = remote.failed_step
            result = _RESULT_OK(lang) if failed is None else _RESULT_FAILED(lang, step=failed.title(lang))
            lines.append("  " + result)
        return "\n".join(lines) + "\n"


_SETTINGS_PLACE = re.compile(r"(Configurações|Settings) → (Plug\.to|Linx)")


def _for_terminal(text: str, setup: str) -> str:
    """"Configurações → Plug.to" is a place in the app: say so, and give the terminal's way."""
    def place(match: re.Match[str]) -> str:
        lang = EN if match.group(1) == "Settings" else PT
        return _IN_THE_APP(lang, place=match.group(0), command=setup)

    return _SETTINGS_PLACE.sub(place, text)


def _when(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    offset = moment.strftime("%z")
    return moment.strftime("%d/%m/%Y %H:%M:%S") + (f" (UTC{offset[:3]}:{offset[3:]})" if offset else "")


def save_report(profile: Profile, report: DoctorReport) -> Path:
    """Keep ``report`` as the profile's latest (``cache/doctor.json``, written atomically)."""
    path = profile.cache_dir / REPORT_FILE
    write_text_atomically(path, json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    return path


def load_report(profile: Profile) -> DoctorReport | None:
    """The latest report kept in the profile, or None (never ran, or the file is damaged)."""
    try:
        data = json.loads((profile.cache_dir / REPORT_FILE).read_text(encoding="utf-8"))
        return DoctorReport.from_dict(data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError, AttributeError):
        return None
