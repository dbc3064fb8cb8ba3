"""The connection doctor: why can't this computer talk to Plug.to or to the Linx store?

For each remote (Plug.to's API URL, the Linx store URL) it walks the path a request takes, one
step at a time, timing each and stopping at the first that fails:

1. **dns** — name resolution (of the proxy, when one is used: the proxy resolves the target);
2. **tcp** — a TCP connection (to the proxy, when one is used);
3. **proxy** — only with a proxy: does it let us through (``CONNECT`` for https)? 407 = it wants
   a user and password;
4. **tls** — the TLS handshake, verified like every client of the app: the operating system's
   trust store plus the extra CA file (``net.ssl_context``). A certificate from an untrusted
   issuer means an antivirus or proxy is inspecting HTTPS; a certificate "not yet valid" or
   "expired" while the computer's clock is off means the clock is wrong. ``http://`` URLs (the
   simulators) skip this step, with a note;
5. **http** — an HTTP answer through the app's own client factory (``net.make_client``);
6. **auth** — the credentials: Plug.to's password grant, Linx's Basic auth on SearchOrderStatus;
7. **read** — one real read: Plug.to ``GET /orders?limit=1``, Linx SearchOrderStatus.

Every failure carries a plain explanation with what to do, in pt-BR and English. The result is a
:class:`DoctorReport` (``as_text(lang)`` for "Copiar relatório", ``to_dict()`` for JSON); the
latest one is kept in the profile (``cache/doctor.json``) for the diagnostics bundle.

Everything is asyncio: ``loop.getaddrinfo``, ``asyncio.open_connection`` and ``start_tls``, then
httpx — nothing blocks the event loop (the vault is read in a thread). No secret or token is
ever put in a report.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import email.utils
import errno
import json
import logging
import platform
import re
import socket
import ssl
import tempfile
import time
from collections.abc import Awaitable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

import httpx

from pluggto_desktop import __version__, net
from pluggto_desktop.errors import BusinessError, ConfigError, CredentialError, SyncError
from pluggto_desktop.i18n import EN, PT, normalize_language, plural
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD
from pluggto_desktop.settings import Settings, is_http_url, write_text_atomically

log = logging.getLogger(__name__)

REPORT_FILE = "doctor.json"
STEP_TIMEOUT = 10.0
#: A clock further than this from the server's is called wrong.
CLOCK_TOLERANCE_S = 10 * 60
#: No build of this app runs before this date: a computer showing an earlier one has a wrong clock.
EARLIEST_PLAUSIBLE = datetime(2025, 1, 1, tzinfo=timezone.utc)

CONFIG, DNS, TCP, PROXY, TLS, HTTP, AUTH, READ = "config", "dns", "tcp", "proxy", "tls", "http", "auth", "read"
STEP_TITLES: dict[str, tuple[str, str]] = {
    CONFIG: ("Configuração", "Settings"),
    DNS: ("Resolução de nome (DNS)", "Name resolution (DNS)"),
    TCP: ("Conexão TCP", "TCP connection"),
    PROXY: ("Proxy", "Proxy"),
    TLS: ("Certificado (TLS)", "Certificate (TLS)"),
    HTTP: ("Resposta HTTP", "HTTP response"),
    AUTH: ("Autenticação", "Authentication"),
    READ: ("Leitura de dados", "Reading data"),
}
REMOTE_TITLES = {"pluggto": "Plug.to", "linx": "Linx Commerce"}

Text = dict  # {"pt_BR": "...", "en": "..."}


def _t(pt: str, en: str | None = None) -> Text:
    return {PT: pt, EN: pt if en is None else en}


def _in(text: Mapping[str, str] | None, lang: str) -> str:
    if not text:
        return ""
    return text.get(lang) or text.get(EN) or text.get(PT) or ""


# =============================================================================================
# The report
# =============================================================================================


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
    detail: Text = field(default_factory=dict)
    explanation: Text = field(default_factory=dict)
    code: str = ""

    def title(self, lang: str = PT) -> str:
        pt, en = STEP_TITLES.get(self.name, (self.name, self.name))
        return pt if lang == PT else en

    def detail_in(self, lang: str = PT) -> str:
        return _in(self.detail, lang)

    def explanation_in(self, lang: str = PT) -> str:
        return _in(self.explanation, lang)


@dataclass
class RemoteReport:
    remote: str  # "pluggto" | "linx"
    url: str
    proxy: Text = field(default_factory=dict)  # which proxy was used, without credentials
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
    network: Text = field(default_factory=dict)  # the network settings in words
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
        pt = lang == PT
        lines = [
            ("Diagnóstico de conexão — " if pt else "Connection check — ") + _when(self.started_at),
            f"Pluggto Desktop {self.app_version} · {self.system}",
            ("Rede: " if pt else "Network: ") + _in(self.network, lang),
        ]
        if self.clock.get("skew_s") is not None:
            skew = float(self.clock["skew_s"])
            if abs(skew) > CLOCK_TOLERANCE_S:
                lines.append(f"Relógio: ERRADO, {skew:+.0f} s de diferença para o servidor" if pt
                             else f"Clock: WRONG, {skew:+.0f} s off the server's")
            else:
                lines.append(f"Relógio: certo ({skew:+.0f} s de diferença para o servidor)" if pt
                             else f"Clock: right ({skew:+.0f} s off the server's)")
        for remote in self.remotes:
            lines += ["", f"{remote.title} — {remote.url}", "Proxy: " + _in(remote.proxy, lang)]
            for step in remote.steps:
                mark = {True: "✓", False: "✗", None: "–"}[step.ok]
                ms = f"{step.ms:.0f} ms" if step.ms is not None else ""
                detail = step.detail_in(lang)
                lines.append(f"  {mark} {step.title(lang):<26} {ms:>8}  {detail}".rstrip())
                if step.ok is False and step.explanation_in(lang):
                    explanation = step.explanation_in(lang)
                    if terminal:
                        explanation = _for_terminal(explanation, terminal)
                    lines.append(f"      → {explanation}")
            failed = remote.failed_step
            if failed is None:
                lines.append("  " + ("Resultado: OK" if pt else "Result: OK"))
            else:
                lines.append("  " + (f"Resultado: falhou em “{failed.title(lang)}”" if pt
                                     else f"Result: failed at “{failed.title(lang)}”"))
        return "\n".join(lines) + "\n"


_SETTINGS_PLACE = re.compile(r"(Configurações|Settings) → (Plug\.to|Linx)")


def _for_terminal(text: str, setup: str) -> str:
    """"Configurações → Plug.to" is a place in the app: say so, and give the terminal's way."""
    def place(match: re.Match[str]) -> str:
        if match.group(1) == "Settings":
            return f"{match.group(0)} in the app (in a terminal: `{setup}`)"
        return f"{match.group(0)} do aplicativo (no terminal: `{setup}`)"

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


# =============================================================================================
# Running it
# =============================================================================================


class _Secrets(Protocol):
    def get(self, name: str) -> str | None: ...


async def run_doctor(
    settings: Settings,
    secrets: _Secrets | Mapping[str, str],
    *,
    lang: str | None = None,
    network: net.NetworkOptions | None = None,
    timeout: float = STEP_TIMEOUT,
    profile: Profile | None = None,
    remotes: tuple[str, ...] = ("pluggto", "linx"),
) -> DoctorReport:
    """Check every remote; with ``profile`` the report is also kept as the profile's latest.

    ``secrets`` is the profile's SecretStore (read in a thread: a vault may block) or a plain
    mapping of secret name → value (values typed in a form). ``network`` defaults to the one
    the settings describe (``engine.factory.network_options``).
    """
    from pluggto_desktop.engine.factory import network_options

    lang = normalize_language(lang or settings.language)
    network = network if network is not None else network_options(settings, lang)
    started = time.perf_counter()
    values = await asyncio.to_thread(_read_secrets, secrets)
    report = DoctorReport(
        started_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        system=f"{platform.system()} {platform.release()} · Python {platform.python_version()}",
        network=_describe_network(network),
        clock={"local": datetime.now().astimezone().isoformat(timespec="seconds")},
    )
    checks: list[Awaitable[RemoteReport]] = []
    if "pluggto" in remotes:
        checks.append(_check_pluggto(settings, values, network, timeout, report))
    if "linx" in remotes:
        checks.append(_check_linx(settings, values, network, timeout, report))
    report.remotes = list(await asyncio.gather(*checks))
    report.duration_ms = (time.perf_counter() - started) * 1000
    for remote in report.remotes:
        failed = remote.failed_step
        log.info("connection doctor: %s %s (%s)", remote.title,
                 "OK" if failed is None else f"failed at {failed.name}: {failed.code}", remote.proxy.get(EN, ""))
    if profile is not None:
        try:
            await asyncio.to_thread(save_report, profile.ensure(), report)
        except OSError as exc:
            log.warning("could not keep the connection report: %s", exc)
    return report


def _read_secrets(secrets: _Secrets | Mapping[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in (PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, LINX_PASSWORD):
        try:
            value = secrets.get(name)
        except Exception:  # noqa: BLE001 - a broken vault is reported as a missing secret
            value = None
        if value:
            found[name] = value
    return found


def _describe_network(network: net.NetworkOptions) -> Text:
    if network.mode == "manual":
        proxy = net.hide_credentials(network.proxy) or "?"
        mode = _t(f"proxy manual {proxy}", f"manual proxy {proxy}")
    elif network.mode == "none":
        mode = _t("sem proxy", "no proxy")
    else:
        mode = _t("proxy do sistema", "system proxy")
    extra = ", ".join(network.exclusions)
    parts_pt, parts_en = [mode[PT]], [mode[EN]]
    if extra and network.mode != "none":
        parts_pt.append(f"exceções: {extra}")
        parts_en.append(f"exclusions: {extra}")
    parts_pt.append("certificados: sistema" + (f" + {network.extra_ca_file}" if network.extra_ca_file else ""))
    parts_en.append("certificates: system" + (f" + {network.extra_ca_file}" if network.extra_ca_file else ""))
    return _t("; ".join(parts_pt), "; ".join(parts_en))


# -- the two remotes ----------------------------------------------------------------------------


async def _check_pluggto(settings: Settings, secrets: dict[str, str], network: net.NetworkOptions,
                         timeout: float, report: DoctorReport) -> RemoteReport:
    from pluggto_desktop.pluggto import MemoryTokenStore, PluggtoClient, PluggtoCredentials

    url = settings.pluggto.api_url.strip().rstrip("/")
    remote = RemoteReport("pluggto", url)
    if not is_http_url(url):
        remote.steps.append(_config_step(
            "config_url", _t(f"Endereço da API do Plug.to inválido: {url or '(vazio)'}. Corrija em "
                             "Configurações → Plug.to.",
                             f"Invalid Plug.to API address: {url or '(empty)'}. Fix it in Settings → Plug.to.")))
        return remote
    if not await _network_steps(remote, url, network, timeout, report):
        return remote
    p = settings.pluggto
    missing = [label for label, value in (
        (("Client ID", "Client ID"), p.client_id),
        (("Client Secret", "Client Secret"), secrets.get(PLUGGTO_CLIENT_SECRET)),
        (("usuário da API", "API user"), p.username), (("senha da API", "API password"), secrets.get(PLUGGTO_PASSWORD)),
    ) if not value]
    if missing:
        names_pt, names_en = ", ".join(m[0] for m in missing), ", ".join(m[1] for m in missing)
        remote.steps.append(Step(AUTH, False, code="config_missing", explanation=_t(
            f"Falta preencher: {names_pt}. Informe em Configurações → Plug.to.",
            f"Missing: {names_en}. Fill it in under Settings → Plug.to.")))
        remote.steps.append(_skipped(READ))
        return remote
    credentials = PluggtoCredentials(p.client_id, secrets[PLUGGTO_CLIENT_SECRET], p.username, secrets[PLUGGTO_PASSWORD])
    client = PluggtoClient(url, credentials, MemoryTokenStore(), timeout=_timeout(timeout), retry_attempts=1,
                           network=network)
    try:
        started = time.perf_counter()
        try:
            await client.authenticate()
        except Exception as exc:  # noqa: BLE001 - every failure is explained
            remote.steps.append(_auth_failure("pluggto", exc, started))
            remote.steps.append(_skipped(READ))
            return remote
        who = f" (user_id {client.user_id})" if client.user_id else ""
        remote.steps.append(Step(AUTH, True, _ms(started), _t(f"token obtido com as 4 credenciais{who}",
                                                                f"token obtained with the 4 credentials{who}")))
        started = time.perf_counter()
        try:
            page = await client.list_orders(limit=1)
        except Exception as exc:  # noqa: BLE001
            remote.steps.append(_read_failure("pluggto", exc, started))
            return remote
        total = page.total if page.total is not None else len(page.orders)
        remote.steps.append(Step(READ, True, _ms(started), _t(
            "GET /orders?limit=1: " + plural(total, "{n} pedido na conta", "{n} pedidos na conta"),
            "GET /orders?limit=1: " + plural(total, "{n} order in the account", "{n} orders in the account"))))
    finally:
        await client.aclose()
    return remote


async def _check_linx(settings: Settings, secrets: dict[str, str], network: net.NetworkOptions,
                      timeout: float, report: DoctorReport) -> RemoteReport:
    from pluggto_desktop.linx.client import LinxClient, resolve_base_url

    lx = settings.linx
    try:
        url = resolve_base_url(lx.url_or_tenant, lx.homologation)
    except ValueError:
        remote = RemoteReport("linx", lx.url_or_tenant)
        remote.steps.append(_config_step("config_url", _t(
            f"Loja Linx inválida ou vazia: {lx.url_or_tenant or '(vazio)'}. Informe o nome do ambiente ou a URL em "
            "Configurações → Linx.",
            f"Invalid or empty Linx store: {lx.url_or_tenant or '(empty)'}. Enter the tenant or the URL under "
            "Settings → Linx.")))
        return remote
    remote = RemoteReport("linx", url)
    if not await _network_steps(remote, url, network, timeout, report):
        return remote
    if not lx.user or not secrets.get(LINX_PASSWORD):
        which = [name for name, value in ((("usuário", "user"), lx.user),
                                          (("senha", "password"), secrets.get(LINX_PASSWORD))) if not value]
        remote.steps.append(Step(AUTH, False, code="config_missing", explanation=_t(
            f"Falta preencher: {', '.join(w[0] for w in which)} de integração da Linx. Informe em "
            "Configurações → Linx.",
            f"Missing: the Linx integration {' and '.join(w[1] for w in which)}. Fill it in under Settings → Linx.")))
        remote.steps.append(_skipped(READ))
        return remote
    client = LinxClient(url, lx.user, secrets[LINX_PASSWORD], timeout=_timeout(timeout), retry_attempts=1,
                        network=network)
    try:
        started = time.perf_counter()
        try:
            await client.test_connection()  # SearchOrderStatus with Basic auth
        except Exception as exc:  # noqa: BLE001
            remote.steps.append(_auth_failure("linx", exc, started))
            remote.steps.append(_skipped(READ))
            return remote
        remote.steps.append(Step(AUTH, True, _ms(started), _t(f"usuário {lx.user} aceito (SearchOrderStatus)",
                                                                f"user {lx.user} accepted (SearchOrderStatus)")))
        started = time.perf_counter()
        try:
            page = await client.search_order_statuses(page_size=1)
        except Exception as exc:  # noqa: BLE001
            remote.steps.append(_read_failure("linx", exc, started))
            return remote
        remote.steps.append(Step(READ, True, _ms(started), _t(
            f"SearchOrderStatus: {page.record_count} status de pedido na loja",
            "SearchOrderStatus: " + plural(page.record_count or 0, "{n} order status in the store",
                                           "{n} order statuses in the store"))))
    finally:
        await client.aclose()
    return remote


def _timeout(seconds: float) -> httpx.Timeout:
    return httpx.Timeout(connect=seconds, read=seconds * 1.5, write=seconds, pool=seconds)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _skipped(name: str) -> Step:
    return Step(name, None, detail=_t("não testado (um passo anterior falhou)", "not tested (an earlier step failed)"))


def _config_step(code: str, explanation: Text) -> Step:
    return Step(CONFIG, False, code=code, explanation=explanation)


# -- network steps ------------------------------------------------------------------------------------


@dataclass
class _Route:
    host: str  # the remote's host
    port: int
    https: bool
    proxy: str | None  # the proxy URL (credentials included) or None
    connect_host: str  # where the TCP connection goes: the proxy or the host
    connect_port: int

    @property
    def via_proxy(self) -> bool:
        return self.proxy is not None


def _route(url: str, network: net.NetworkOptions) -> _Route:
    parts = urlsplit(url)
    https = parts.scheme == "https"
    host, port = parts.hostname or "", parts.port or (443 if https else 80)
    proxy = network.proxy_for(url)
    if proxy is None:
        return _Route(host, port, https, None, host, port)
    proxy_parts = urlsplit(proxy)
    proxy_port = proxy_parts.port or (443 if proxy_parts.scheme == "https" else 80)
    return _Route(host, port, https, proxy, proxy_parts.hostname or "", proxy_port)


async def _network_steps(remote: RemoteReport, url: str, network: net.NetworkOptions, timeout: float,
                         report: DoctorReport) -> bool:
    """DNS, TCP, proxy, TLS and HTTP; True when all passed (auth and read may follow)."""
    remote.proxy = _t(network.describe_proxy(url, PT), network.describe_proxy(url, EN))
    route = _route(url, network)
    if route.proxy is not None and urlsplit(route.proxy).scheme != "http":
        scheme = urlsplit(route.proxy).scheme
        remote.steps.append(_config_step("config_proxy", _t(
            f"O diagnóstico testa só proxies http:// (este é {scheme}://); os passos seguintes não foram feitos.",
            f"The check only tests http:// proxies (this one is {scheme}://); the next steps were not run.")))
        return False
    try:
        context = network.ssl_context()
    except ConfigError as exc:
        remote.steps.append(_config_step("config_ca", _t(
            "; ".join(exc.problems) + " — em Suporte → Rede.",
            "; ".join(exc.problems) + " — under Support → Network.")))
        return False
    names = [DNS, TCP] + ([PROXY] if route.via_proxy else []) + [TLS, HTTP, AUTH, READ]

    def stop_here() -> bool:
        done = {step.name for step in remote.steps}
        remote.steps.extend(_skipped(name) for name in names if name not in done)
        return False

    addresses = await _dns_step(remote, route, timeout)
    if addresses is None:
        return stop_here()
    connection = await _tcp_step(remote, route, addresses, timeout)
    if connection is None:
        return stop_here()
    reader, writer = connection
    try:
        if route.via_proxy and not await _proxy_step(remote, route, reader, writer, timeout):
            return stop_here()
        if not route.https:
            remote.steps.append(Step(TLS, None, detail=_t(
                "não se aplica: endereço http:// sem TLS (só os simuladores usam http://)",
                "does not apply: http:// address without TLS (only the simulators use http://)")))
        elif not await _tls_step(remote, route, network, context, writer, timeout, report):
            return stop_here()
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(writer.wait_closed(), 2)
    if not await _http_step(remote, url, network, timeout, report):
        return stop_here()
    return True


async def _dns_step(remote: RemoteReport, route: _Route, timeout: float) -> list[tuple] | None:
    host, proxy = route.connect_host, route.via_proxy
    started = time.perf_counter()
    if net._ip(host) is not None:  # noqa: SLF001
        remote.steps.append(Step(DNS, True, _ms(started), _t(f"{host}: endereço IP, sem consulta de DNS",
                                                              f"{host}: an IP address, no DNS lookup")))
        return [(socket.AF_INET6 if ":" in host else socket.AF_INET, (host, route.connect_port))]
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, route.connect_port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP), timeout)
    except (socket.gaierror, OSError, TimeoutError) as exc:
        remote.steps.append(Step(DNS, False, _ms(started), _t(_error_name(exc)), **_dns_explanation(exc, host, proxy)))
        return None
    found = list(dict.fromkeys((family, sockaddr[:2]) for family, _t1, _p, _c, sockaddr in infos))
    shown = ", ".join(addr[0] for _f, addr in found[:3]) + (" …" if len(found) > 3 else "")
    who_pt = f"proxy {host}" if proxy else host
    who_en = f"proxy {host}" if proxy else host
    note_pt = " (o proxy resolve o nome do servidor)" if proxy else ""
    note_en = " (the proxy resolves the server's name)" if proxy else ""
    remote.steps.append(Step(DNS, True, _ms(started),
                             _t(f"{who_pt} → {shown}{note_pt}", f"{who_en} → {shown}{note_en}")))
    return found


def _dns_explanation(exc: BaseException, host: str, proxy: bool) -> dict[str, Any]:
    temporary = isinstance(exc, TimeoutError) or getattr(exc, "errno", None) == socket.EAI_AGAIN
    if proxy:
        return {"code": "dns_proxy", "explanation": _t(
            f"O nome do proxy {host} não foi encontrado: confira o endereço do proxy em Suporte → Rede "
            "(ou escolha “Sem proxy”) e verifique a internet.",
            f"The proxy's name {host} was not found: check the proxy address under Support → Network "
            "(or choose “No proxy”) and the internet connection.")}
    if temporary:
        return {"code": "dns_timeout", "explanation": _t(
            f"O servidor de DNS não respondeu sobre {host}: verifique a internet ou se o firewall bloqueia DNS.",
            f"The DNS server did not answer about {host}: check the internet connection or whether a firewall "
            "blocks DNS.")}
    return {"code": "dns_not_found", "explanation": _t(
        f"O nome {host} não foi encontrado: verifique a internet ou se o firewall bloqueia DNS; confira também "
        "se o endereço está escrito certo.",
        f"The name {host} was not found: check the internet connection or whether a firewall blocks DNS; also "
        "check that the address is spelled right.")}


async def _tcp_step(remote: RemoteReport, route: _Route, addresses: list[tuple],
                    timeout: float) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
    started = time.perf_counter()
    failure: BaseException | None = None
    for _family, (address, port) in addresses:
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(address, port), timeout)
        except (OSError, TimeoutError) as exc:
            failure = exc
            continue
        shown = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
        prefix = "proxy " if route.via_proxy else ""
        remote.steps.append(Step(TCP, True, _ms(started),
                                 _t(f"{prefix}{shown} conectado", f"{prefix}{shown} connected")))
        return reader, writer
    assert failure is not None
    remote.steps.append(Step(TCP, False, _ms(started), _t(_error_name(failure)),
                             **_tcp_explanation(failure, route, timeout)))
    return None


def _tcp_explanation(exc: BaseException, route: _Route, timeout: float) -> dict[str, Any]:
    where = f"{route.connect_host}:{route.connect_port}"
    number = getattr(exc, "errno", None)
    if route.via_proxy:
        if isinstance(exc, ConnectionRefusedError):
            return {"code": "proxy_refused", "explanation": _t(
                f"O proxy {where} recusou a conexão: confira o endereço e a porta do proxy em Suporte → Rede, "
                "ou escolha “Sem proxy” se esta rede não usa proxy.",
                f"The proxy {where} refused the connection: check the proxy address and port under Support → "
                "Network, or choose “No proxy” if this network has none.")}
        return {"code": "proxy_unreachable", "explanation": _t(
            f"O proxy {where} não respondeu em {timeout:.0f} s: confira o endereço do proxy em Suporte → Rede "
            "e se ele está ligado.",
            f"The proxy {where} did not answer within {timeout:.0f} s: check the proxy address under Support → "
            "Network and that it is running.")}
    if isinstance(exc, ConnectionRefusedError):
        return {"code": "tcp_refused", "explanation": _t(
            f"{where} recusou a conexão: nada atende nessa porta ou um firewall a rejeita. Confira o endereço e a "
            "porta; se estiverem certos, o serviço pode estar fora do ar.",
            f"{where} refused the connection: nothing listens on that port or a firewall rejects it. Check the "
            "address and port; if they are right, the service may be down.")}
    if number in (errno.ENETUNREACH, errno.EHOSTUNREACH, getattr(errno, "WSAENETUNREACH", -1)):
        return {"code": "tcp_unreachable", "explanation": _t(
            f"Sem rota até {where}: o computador parece estar sem internet (ou a rede bloqueia esse destino).",
            f"No route to {where}: the computer seems to be offline (or the network blocks that destination).")}
    return {"code": "tcp_timeout", "explanation": _t(
        f"{where} não respondeu em {timeout:.0f} s: um firewall pode estar bloqueando a saída para essa porta, "
        "ou a internet está fora.",
        f"{where} did not answer within {timeout:.0f} s: a firewall may be blocking outgoing connections to "
        "that port, or the internet is down.")}


def _proxy_headers(proxy: str) -> str:
    parts = urlsplit(proxy)
    if parts.username is None:
        return ""
    token = base64.b64encode(f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()).decode()
    return f"Proxy-Authorization: Basic {token}\r\n"


async def _read_head(reader: asyncio.StreamReader, timeout: float) -> tuple[int, dict[str, str]]:
    """Status code and headers of an HTTP/1.x answer (raises ValueError on a garbled one)."""
    raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    lines = raw.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise ValueError(f"not an HTTP answer: {lines[0][:40]!r}")
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return int(parts[1]), headers


async def _proxy_step(remote: RemoteReport, route: _Route, reader: asyncio.StreamReader,
                      writer: asyncio.StreamWriter, timeout: float) -> bool:
    assert route.proxy is not None
    started = time.perf_counter()
    target = f"{route.host}:{route.port}" if ":" not in route.host else f"[{route.host}]:{route.port}"
    auth = _proxy_headers(route.proxy)
    if route.https:
        request = f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n{auth}\r\n"
    else:
        request = (f"HEAD http://{target}/ HTTP/1.1\r\nHost: {target}\r\n{auth}"
                   f"User-Agent: {net.USER_AGENT}\r\nConnection: close\r\n\r\n")
    where = net.hide_credentials(route.proxy)
    try:
        writer.write(request.encode("latin-1"))
        await writer.drain()
        status, _headers = await _read_head(reader, timeout)
    except (OSError, ValueError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
        remote.steps.append(Step(PROXY, False, _ms(started), _t(_error_name(exc)), code="proxy_garbled", explanation=_t(
            f"O proxy {where} fechou a conexão ou não respondeu como um proxy HTTP: confira o endereço em "
            "Suporte → Rede.",
            f"The proxy {where} closed the connection or did not answer as an HTTP proxy: check the address under "
            "Support → Network.")))
        return False
    detail = _t(f"{where}: HTTP {status}" + (" (túnel aberto)" if route.https and status == 200 else ""),
                f"{where}: HTTP {status}" + (" (tunnel open)" if route.https and status == 200 else ""))
    ok = status == 200 if route.https else status != 407 and status < 500
    if ok:
        remote.steps.append(Step(PROXY, True, _ms(started), detail))
        return True
    remote.steps.append(Step(PROXY, False, _ms(started), detail,
                             **_proxy_status_explanation(status, where, route.host)))
    return False


def _proxy_status_explanation(status: int, where: str, host: str) -> dict[str, Any]:
    if status == 407:
        return {"code": "proxy_auth", "explanation": _t(
            f"O proxy {where} pede usuário e senha (HTTP 407). Peça à TI para liberar {host} no proxy sem "
            "autenticação para este computador, ou use o proxy do sistema já autenticado.",
            f"The proxy {where} asks for a user and password (HTTP 407). Ask IT to allow {host} through the proxy "
            "without authentication for this computer, or use the system's (already authenticated) proxy.")}
    if status in (502, 503, 504):
        return {"code": "proxy_upstream", "explanation": _t(
            f"O proxy {where} não conseguiu chegar a {host} (HTTP {status}): a saída do proxy para a internet pode "
            "estar com problema, ou o nome não existe.",
            f"The proxy {where} could not reach {host} (HTTP {status}): the proxy's own internet access may be "
            "failing, or the name does not exist.")}
    return {"code": "proxy_blocked", "explanation": _t(
        f"O proxy {where} bloqueou o acesso a {host} (HTTP {status}): peça à TI para liberar {host} no proxy.",
        f"The proxy {where} blocked access to {host} (HTTP {status}): ask IT to allow {host} through the proxy.")}


async def _tls_step(remote: RemoteReport, route: _Route, network: net.NetworkOptions, context: ssl.SSLContext,
                    writer: asyncio.StreamWriter, timeout: float, report: DoctorReport) -> bool:
    started = time.perf_counter()
    try:
        await writer.start_tls(context, server_hostname=route.host, ssl_handshake_timeout=timeout)
    except (ssl.SSLError, ssl.CertificateError, OSError, TimeoutError, asyncio.IncompleteReadError) as exc:
        elapsed = _ms(started)
        probe = await _probe_certificate(route, timeout) if _is_certificate_error(exc) else {}
        skew = probe.get("skew_s")
        if skew is not None:
            report.clock["skew_s"] = skew
        code, explanation = _tls_explanation(exc, route.host, route.port, probe)
        detail_pt, detail_en = _cert_detail(probe, PT), _cert_detail(probe, EN)
        reason = _error_name(exc)
        remote.steps.append(Step(TLS, False, elapsed, _t(f"{reason}{detail_pt}", f"{reason}{detail_en}"),
                                 explanation, code))
        return False
    ssl_object = writer.get_extra_info("ssl_object")
    version = ssl_object.version() if ssl_object is not None else "TLS"
    cert = ssl_object.getpeercert() if ssl_object is not None else {}
    issuer = _name_of(cert.get("issuer", ())) if cert else ""
    trust_pt = "sistema" + (" + certificado extra" if network.extra_ca_file else "")
    trust_en = "system" + (" + extra certificate" if network.extra_ca_file else "")
    remote.steps.append(Step(TLS, True, _ms(started), _t(
        f"{version}, certificado confiável ({trust_pt}); emitido por {issuer or '?'}",
        f"{version}, trusted certificate ({trust_en}); issued by {issuer or '?'}")))
    return True


def _is_certificate_error(exc: BaseException) -> bool:
    return isinstance(exc, (ssl.SSLCertVerificationError, ssl.CertificateError))


def _tls_explanation(exc: BaseException, host: str, port: int, probe: dict[str, Any]) -> tuple[str, Text]:
    issuer = probe.get("issuer") or "?"
    if _is_certificate_error(exc):
        verify_code = getattr(exc, "verify_code", None)
        message = (getattr(exc, "verify_message", "") or str(exc)).lower()
        dated = verify_code in (9, 10) or any(w in message for w in ("expired", "not yet valid", "validity"))
        if dated:
            if probe.get("clock_wrong"):
                local = datetime.now().astimezone().strftime("%d/%m/%Y %H:%M")
                server = probe.get("server_time") or "?"
                return "tls_clock", _t(
                    f"O relógio deste computador parece errado (aqui: {local}; servidor: {server}), por isso o "
                    "certificado parece “vencido” ou “ainda não válido”. Acerte a data e a hora (ative o ajuste "
                    "automático do relógio) e teste de novo.",
                    f"This computer's clock looks wrong (here: {local}; server: {server}), which makes the "
                    "certificate look “expired” or “not yet valid”. Set the date and time (turn on automatic "
                    "time) and test again.")
            return "tls_validity", _t(
                f"O certificado apresentado para {host} está fora da validade (emitido por {issuer}). Se a data e a "
                "hora deste computador estão certas, um antivírus ou proxy que inspeciona o HTTPS pode estar com um "
                "certificado vencido, ou o servidor está com problema: avise o suporte.",
                f"The certificate presented for {host} is outside its validity (issued by {issuer}). If this "
                "computer's date and time are right, an antivirus or proxy inspecting HTTPS may be using an expired "
                "certificate, or the server has a problem: tell support.")
        if verify_code == 62 or any(w in message for w in ("hostname", "match", "not valid for", "ip address")):
            subject = probe.get("subject") or "?"
            return "tls_hostname", _t(
                f"O certificado recebido não é de {host} (é de {subject}, emitido por {issuer}): um proxy, antivírus "
                "ou rede Wi-Fi com página de login está interceptando a conexão, ou o endereço está errado.",
                f"The certificate received is not for {host} (it is for {subject}, issued by {issuer}): a proxy, "
                "antivirus or Wi-Fi login page is intercepting the connection, or the address is wrong.")
        return "tls_untrusted", _t(
            f"O certificado apresentado para {host} foi emitido por “{issuer}”, que este computador não considera "
            f"confiável: um antivírus ou proxy está inspecionando o HTTPS. Adicione o certificado raiz dele em "
            f"Suporte → Rede (certificado extra) ou desative a inspeção para {host}.",
            f"The certificate presented for {host} was issued by “{issuer}”, which this computer does not trust: "
            f"an antivirus or proxy is inspecting HTTPS. Add its root certificate under Support → Network (extra "
            f"certificate) or turn inspection off for {host}.")
    if isinstance(exc, TimeoutError):
        return "tls_timeout", _t(
            f"O servidor {host} não completou o TLS a tempo: a conexão pode estar sendo filtrada por um firewall.",
            f"The server {host} did not complete TLS in time: a firewall may be filtering the connection.")
    reason = (getattr(exc, "reason", "") or str(exc)).upper()
    if isinstance(exc, ssl.SSLError) and any(w in reason for w in ("WRONG_VERSION", "UNKNOWN_PROTOCOL",
                                                                   "RECORD_LAYER", "PACKET_LENGTH", "HTTP_REQUEST")):
        return "tls_not_tls", _t(
            f"{host}:{port} não respondeu em HTTPS: confira se o endereço deve começar com https:// e se a porta "
            "está certa.",
            f"{host}:{port} did not answer in HTTPS: check whether the address should start with https:// and "
            "that the port is right.")
    return "tls_reset", _t(
        f"A conexão com {host} foi cortada durante o TLS: um firewall, proxy ou antivírus pode estar bloqueando "
        f"{host}.",
        f"The connection to {host} was cut during TLS: a firewall, proxy or antivirus may be blocking {host}.")


def _cert_detail(probe: dict[str, Any], lang: str) -> str:
    if not probe.get("issuer"):
        return ""
    if lang == PT:
        text = f"; emitido por {probe['issuer']} para {probe.get('subject') or '?'}"
        if probe.get("not_before") and probe.get("not_after"):
            text += f", válido de {_br_date(probe['not_before'])} a {_br_date(probe['not_after'])}"
        return text
    text = f"; issued by {probe['issuer']} to {probe.get('subject') or '?'}"
    if probe.get("not_before") and probe.get("not_after"):
        text += f", valid {probe['not_before'][:10]} to {probe['not_after'][:10]}"
    return text


def _br_date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso[:10]


async def _probe_certificate(route: _Route, timeout: float) -> dict[str, Any]:
    """After a verification failure: look at the certificate *without* trusting it, and ask the
    server for its clock (``Date``), to tell an inspecting antivirus from a wrong clock."""
    found: dict[str, Any] = {}
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    writer: asyncio.StreamWriter | None = None
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(route.connect_host, route.connect_port), timeout)
        if route.via_proxy:
            assert route.proxy is not None
            target = f"{route.host}:{route.port}"
            writer.write(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n{_proxy_headers(route.proxy)}\r\n"
                         .encode("latin-1"))
            await writer.drain()
            status, _ = await _read_head(reader, timeout)
            if status != 200:
                return found
        await writer.start_tls(context, server_hostname=route.host, ssl_handshake_timeout=timeout)
        ssl_object = writer.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        if der:
            found.update(_decode_certificate(der))
        writer.write(f"HEAD / HTTP/1.1\r\nHost: {route.host}\r\nUser-Agent: {net.USER_AGENT}\r\n"
                     "Connection: close\r\n\r\n".encode("latin-1"))
        await writer.drain()
        _status, headers = await _read_head(reader, timeout)
        server_date = email.utils.parsedate_to_datetime(headers["date"]) if headers.get("date") else None
        if server_date is not None:
            skew = datetime.now(timezone.utc).timestamp() - server_date.timestamp()
            found["server_time"] = server_date.astimezone().strftime("%d/%m/%Y %H:%M")
            found["skew_s"] = round(skew, 1)
    except Exception:  # noqa: BLE001, S110 - the probe only adds detail; its failure changes nothing
        pass
    finally:
        if writer is not None:
            writer.close()
    found["clock_wrong"] = _clock_looks_wrong(found)
    return found


def _clock_looks_wrong(probe: dict[str, Any]) -> bool:
    if probe.get("skew_s") is not None:
        return abs(probe["skew_s"]) > CLOCK_TOLERANCE_S
    now = datetime.now(timezone.utc)
    if now < EARLIEST_PLAUSIBLE:
        return True
    not_before = probe.get("not_before")
    if not_before:  # a certificate issued more than a day in "our future": our clock is behind
        with contextlib.suppress(ValueError):
            return (datetime.fromisoformat(not_before) - now).total_seconds() > 86400
    return False


def _name_of(name: Any) -> str:
    """``CN=…, O=…`` from ``getpeercert()``'s nested tuples (the parts that say who it is)."""
    parts: dict[str, str] = {}
    for rdn in name or ():
        for key, value in rdn:
            parts.setdefault(key, value)
    shown = [f"CN={parts['commonName']}"] if parts.get("commonName") else []
    if parts.get("organizationName"):
        shown.append(f"O={parts['organizationName']}")
    return ", ".join(shown)


def _decode_certificate(der: bytes) -> dict[str, Any]:
    """Issuer, subject and validity of a DER certificate (without trusting it)."""
    try:  # ``cryptography`` when installed (it is on Linux, with SecretStorage)
        from cryptography import x509
        from cryptography.x509.oid import NameOID

        cert = x509.load_der_x509_certificate(der)

        def name(value: Any) -> str:
            cn = value.get_attributes_for_oid(NameOID.COMMON_NAME)
            org = value.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
            return ", ".join([f"CN={cn[0].value}"] * bool(cn) + [f"O={org[0].value}"] * bool(org))

        return {"issuer": name(cert.issuer), "subject": name(cert.subject),
                "not_before": cert.not_valid_before_utc.isoformat(),
                "not_after": cert.not_valid_after_utc.isoformat()}
    except Exception:  # noqa: BLE001 - not installed, or a certificate it cannot read
        pass
    try:  # the standard library's own decoder (undocumented, stable for years)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "peer.pem"
            path.write_text(ssl.DER_cert_to_PEM_cert(der), encoding="ascii")
            decoded = ssl._ssl._test_decode_cert(str(path))  # type: ignore[attr-defined]  # noqa: SLF001
        return {"issuer": _name_of(decoded.get("issuer")), "subject": _name_of(decoded.get("subject")),
                "not_before": _cert_time(decoded.get("notBefore")), "not_after": _cert_time(decoded.get("notAfter"))}
    except Exception:  # noqa: BLE001
        return {}


def _cert_time(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(ssl.cert_time_to_seconds(value), timezone.utc).isoformat()
    except ValueError:
        return None


async def _http_step(remote: RemoteReport, url: str, network: net.NetworkOptions, timeout: float,
                     report: DoctorReport) -> bool:
    started = time.perf_counter()
    try:
        client = net.make_client(url, network=network, timeout=_timeout(timeout), max_connections=1)
    except ConfigError as exc:
        remote.steps.append(Step(HTTP, False, _ms(started), code="config_ca", explanation=_t("; ".join(exc.problems))))
        return False
    try:
        response = await client.get("/")
    except httpx.HTTPError as exc:
        remote.steps.append(Step(HTTP, False, _ms(started), _t(_error_name(exc)), **_http_explanation(exc, url)))
        return False
    finally:
        await client.aclose()
    status = response.status_code
    skew_pt = skew_en = ""
    server_date = response.headers.get("date")
    if server_date:
        with contextlib.suppress(TypeError, ValueError):
            skew = time.time() - email.utils.parsedate_to_datetime(server_date).timestamp()
            report.clock["skew_s"] = round(skew, 1)
            if abs(skew) > CLOCK_TOLERANCE_S:
                skew_pt = f"; o relógio deste computador difere {abs(skew) / 60:.0f} min do servidor"
                skew_en = f"; this computer's clock is {abs(skew) / 60:.0f} min off the server's"
    detail = _t(f"GET / → HTTP {status}{skew_pt}", f"GET / → HTTP {status}{skew_en}")
    if status == 407:
        remote.steps.append(Step(HTTP, False, _ms(started), detail, **_proxy_status_explanation(
            407, remote.proxy.get(PT, "proxy"), urlsplit(url).hostname or url)))
        return False
    if status in (502, 503, 504):
        remote.steps.append(Step(HTTP, False, _ms(started), detail, code="http_unavailable", explanation=_t(
            f"O servidor respondeu “indisponível” (HTTP {status}): o serviço pode estar fora do ar; tente de novo "
            "em alguns minutos.",
            f"The server answered “unavailable” (HTTP {status}): the service may be down; try again in a few "
            "minutes.")))
        return False
    remote.steps.append(Step(HTTP, True, _ms(started), detail))
    return True


def _http_explanation(exc: httpx.HTTPError, url: str) -> dict[str, Any]:
    if isinstance(exc, httpx.ProxyError):
        return {"code": "proxy_refused", "explanation": _t(
            "O proxy recusou a requisição: confira o proxy em Suporte → Rede.",
            "The proxy refused the request: check the proxy under Support → Network.")}
    if isinstance(exc, httpx.TimeoutException):
        return {"code": "http_timeout", "explanation": _t(
            f"{url} não respondeu a tempo: o serviço pode estar lento ou a conexão está sendo filtrada.",
            f"{url} did not answer in time: the service may be slow or the connection is being filtered.")}
    return {"code": "http_failed", "explanation": _t(
        f"A requisição HTTP a {url} falhou ({type(exc).__name__}): tente de novo; se persistir, envie este "
        "relatório ao suporte.",
        f"The HTTP request to {url} failed ({type(exc).__name__}): try again; if it persists, send this report to "
        "support.")}


# -- auth and read ----------------------------------------------------------------------------------


def _auth_failure(remote: str, exc: BaseException, started: float) -> Step:
    elapsed = _ms(started)
    detail = _failure_detail(exc)
    if isinstance(exc, CredentialError):
        if exc.credential == "client":
            return Step(AUTH, False, elapsed, detail, code="auth_client", explanation=_t(
                "O Plug.to recusou o Client ID ou o Client Secret (o ID e a senha do aplicativo, fornecidos pelo "
                "Plug.to): confira os dois em Configurações → Plug.to.",
                "Plug.to refused the Client ID or the Client Secret (the app's id and password, given by Plug.to): "
                "check both under Settings → Plug.to."))
        if exc.credential == "user":
            return Step(AUTH, False, elapsed, detail, code="auth_user", explanation=_t(
                "O Plug.to recusou o usuário ou a senha da API: use a chave e a senha de API do vendedor (não o "
                "login do painel), em Configurações → Plug.to.",
                "Plug.to refused the API user or the API password: use the seller's API key and password (not the "
                "panel login), under Settings → Plug.to."))
        if exc.credential == "linx_permission":
            return Step(AUTH, False, elapsed, detail, code="auth_permission", explanation=_t(
                "O usuário de integração da Linx existe, mas não tem permissão para a API de pedidos: peça ao "
                "administrador da loja para liberar.",
                "The Linx integration user exists but may not use the orders API: ask the store's administrator to "
                "grant it."))
        if exc.credential == "linx":
            return Step(AUTH, False, elapsed, detail, code="auth_linx", explanation=_t(
                "A Linx Commerce recusou o usuário ou a senha de integração: confira os dois em Configurações → Linx.",
                "Linx Commerce refused the integration user or password: check both under Settings → Linx."))
    return _call_failure(AUTH, remote, exc, elapsed, detail)


def _read_failure(remote: str, exc: BaseException, started: float) -> Step:
    elapsed = _ms(started)
    detail = _failure_detail(exc)
    if isinstance(exc, CredentialError):
        return Step(READ, False, elapsed, detail, code="read_refused", explanation=_t(
            "A conta entrou, mas a leitura foi recusada: as credenciais não dão acesso aos pedidos. Confira as "
            "permissões da conta de API.",
            "Sign-in worked but the read was refused: the credentials do not give access to orders. Check the API "
            "account's permissions."))
    return _call_failure(READ, remote, exc, elapsed, detail)


def _call_failure(name: str, remote: str, exc: BaseException, elapsed: float, detail: Text) -> Step:
    title = REMOTE_TITLES.get(remote, remote)
    if isinstance(exc, BusinessError):
        return Step(name, False, elapsed, detail, code=f"{name}_rejected", explanation=_t(
            f"O {title} respondeu com um erro: {exc.message}. Envie este relatório ao suporte.",
            f"{title} answered with an error: {exc.message}. Send this report to support."))
    if isinstance(exc, SyncError):
        return Step(name, False, elapsed, detail, code=f"{name}_unavailable", explanation=_t(
            f"O {title} não respondeu direito agora ({exc.message}): tente de novo em alguns minutos.",
            f"{title} did not answer properly just now ({exc.message}): try again in a few minutes."))
    return Step(name, False, elapsed, detail, code=f"{name}_failed", explanation=_t(
        f"Falha inesperada ({type(exc).__name__}): envie este relatório ao suporte.",
        f"Unexpected failure ({type(exc).__name__}): send this report to support."))


def _failure_detail(exc: BaseException) -> Text:
    """What the server said, for the report: the client's (English) message, and in pt-BR the
    status and error code it carried."""
    english = _safe_message(exc)
    status = getattr(exc, "status", None)
    code = re.search(r"\b(invalid_\w+|unauthorized_client|unsupported_grant_type)\b", english)
    if status:
        extra = f", {code.group(1)}" if code else ""
        return _t(f"recusado pelo servidor (HTTP {status}{extra})", english)
    return _t(f"sem resposta válida ({type(exc).__name__})", english)


def _safe_message(exc: BaseException) -> str:
    """An error's text for a report: our clients keep secrets out of messages; redact anyway."""
    from pluggto_desktop.logs import redact

    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return redact(text)[:300]


def _error_name(exc: BaseException) -> str:
    """A short technical name for a low-level failure (``ConnectionRefusedError``, ``[Errno -2] …``)."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"SSLCertVerificationError: {exc.verify_message or exc.reason or exc}"[:200]
    if isinstance(exc, ssl.SSLError):
        return f"SSLError: {exc.reason or exc}"[:200]
    if isinstance(exc, TimeoutError):
        return "timeout"
    text = str(exc)
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__


__all__ = [
    "DoctorReport",
    "RemoteReport",
    "Step",
    "load_report",
    "run_doctor",
    "save_report",
]

