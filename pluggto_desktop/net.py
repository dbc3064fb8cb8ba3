"""HTTP plumbing shared by the Plug.to and Linx clients: client factory, back-off, retries.

One ``httpx.AsyncClient`` per remote, with explicit timeouts and a bounded connection pool, made
by :func:`make_client` — the only place the app creates HTTP clients (the simulators' notifier
aside). :class:`NetworkOptions` carries the user's network settings into it: the proxy (system,
manual or none; exclusion lists applied here, since httpx ignores the Windows/macOS bypass lists)
and TLS verified against the operating system's trust store via ``truststore`` plus an optional
extra CA file (the root of an antivirus or corporate proxy that inspects HTTPS).
Transient failures of *idempotent* calls are retried here a few times with exponential back-off
and jitter on top of ``Retry-After``; longer waits are the engine's business (job
``retry_wait``), so a call never blocks a worker for minutes. A 429/503 pauses every call to that
remote at once (:class:`RemoteGate`, one per client).

Why this module is long (about 570 lines): it is the one place every HTTP call of the app is
shaped — route, trust, retry, pause — and a call that misbehaves is understood by reading those
together; its parts have no other user. The rules it shares with the settings (proxy modes,
exclusion syntax, the extra CA file) already live apart, in ``network_rules.py``.
"""

from __future__ import annotations

import asyncio
import email.utils
import fnmatch
import ipaddress
import logging
import random
import re
import ssl
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
import truststore

from pluggto_desktop import __version__, jsontext
from pluggto_desktop.errors import ConfigError, TransientError
from pluggto_desktop.i18n import EN, PT

# the network settings' rules live below both this module and the settings (network_rules.py);
# they stay importable from here, where callers have always found them
from pluggto_desktop.network_rules import (  # noqa: F401 - re-exported
    PROXY_MODES,
    ca_file_message,
    ca_file_problem,
    load_extra_ca,
)
from pluggto_desktop.text import Text

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=30.0)
USER_AGENT = f"pluggto-desktop/{__version__}"


def make_client(
    base_url: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: httpx.Timeout | float | None = None,
    max_connections: int = 8,
    headers: dict[str, str] | None = None,
    auth: httpx.Auth | None = None,
    network: NetworkOptions | None = None,
) -> httpx.AsyncClient:
    """The one ``AsyncClient`` for a remote — every HTTP client the app creates comes from here.

    ``transport`` lets tests plug a simulator in-process (``httpx.ASGITransport``); otherwise
    ``network`` (default: :class:`NetworkOptions` with the system proxy) decides the proxy per
    request and the TLS trust (the operating system's store plus the optional extra CA file).
    The proxy chosen is logged (without credentials). Raises ConfigError when the extra CA file
    cannot be loaded.
    """
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    if transport is None:
        network = network if network is not None else NetworkOptions()
        transport = network.transport(limits=limits)
        log.info("HTTP client for %s: %s; TLS checked against %s", base_url,
                 network.describe_proxy(base_url, EN), network.describe_trust(EN))
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
        limits=limits,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
        auth=auth,
        follow_redirects=False,
        # the transport already carries the proxy and the TLS context; with trust_env httpx would
        # also read .netrc and the proxy variables on its own
        trust_env=False,
        transport=transport,
    )


# =============================================================================================
# Network options: proxy (system / manual / none, with exclusions) and TLS trust
# =============================================================================================



def _host_of(url: str) -> tuple[str, str]:
    """``(scheme, host)`` of a URL, lower-case, host without brackets or trailing dot."""
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        host = parts.hostname or ""
    except ValueError:
        return "", ""
    return parts.scheme.lower(), host.lower().rstrip(".")


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]").split("%")[0])
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    host = host.lower().rstrip(".").strip("[]")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    address = _ip(host)
    return address is not None and address.is_loopback


def _clean_pattern(pattern: str) -> str:
    """An exclusion as typed ("https://*.corp.local:8443/", " 10.0.0.0/8 ") in comparable form."""
    p = pattern.strip().lower()
    if "://" in p:
        p = p.split("://", 1)[1]
    if p.startswith("["):  # [::1]:8080
        return p[1:p.index("]")] if "]" in p else p[1:]
    if "/" in p:
        head, _, tail = p.partition("/")
        p = p if tail.isdigit() else head  # keep a CIDR suffix, drop a path
    if p.count(":") == 1:  # host:port (an IPv6 address has several colons)
        p = p.split(":", 1)[0]
    return p.rstrip(".")


def host_matches(host: str, pattern: str) -> bool:
    """Whether ``host`` is covered by one exclusion ``pattern``.

    Patterns: ``*`` (everything), ``<local>`` (names without a dot, as in Windows), a host name
    (itself and its subdomains, as ``NO_PROXY`` does), ``*.domain`` or ``.domain`` (the domain and
    its subdomains), wildcards (``192.168.*``, ``*corp*``), an IP address or a network
    (``10.0.0.0/8``). A port or a scheme typed with the pattern is ignored.
    """
    host = host.lower().rstrip(".").strip("[]")
    p = _clean_pattern(pattern)
    if not p or not host:
        return False
    if p == "*":
        return True
    address = _ip(host)
    if p == "<local>":
        return address is None and "." not in host
    if "/" in p:
        try:
            network = ipaddress.ip_network(p, strict=False)
        except ValueError:
            return False
        return address is not None and address.version == network.version and address in network
    pattern_ip = _ip(p)
    if pattern_ip is not None:
        return address is not None and address == pattern_ip
    if p.startswith("*.") and "*" not in p[2:]:
        domain = p[2:]
        return host == domain or host.endswith("." + domain)
    if p.startswith(".") and "*" not in p:
        domain = p[1:]
        return host == domain or host.endswith("." + domain)
    if "*" in p or "?" in p:
        return fnmatch.fnmatchcase(host, p)
    return host == p or host.endswith("." + p)


def _with_scheme(proxy: str) -> str:
    proxy = proxy.strip()
    return proxy if "://" in proxy else f"http://{proxy}"


def hide_credentials(url: str | None) -> str:
    """A proxy URL fit for a log line or a report: ``http://user:pw@host:3128`` → ``http://host:3128``."""
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(invalid proxy address)"
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}{port}"


def system_proxy_settings() -> tuple[dict[str, str], list[str]]:
    """The operating system's proxies and bypass list, without any DNS lookup.

    Proxies come from the environment (``HTTPS_PROXY`` …) or, when it names none, from the
    Windows registry / macOS network settings (``urllib.request.getproxies``). The bypass list
    comes from ``NO_PROXY`` and from the registry's ``ProxyOverride`` / macOS "Bypass proxy
    settings" — which httpx itself ignores (encode/httpx#1536), so the caller applies it.
    """
    try:
        raw = dict(urllib.request.getproxies())
    except Exception:  # a broken registry entry must not stop the app
        log.warning("could not read the system proxy settings", exc_info=True)
        raw = {}
    exclusions = [item for item in re.split(r"[,;\s]+", raw.pop("no", "") or "") if item]
    proxies = {scheme: _with_scheme(value) for scheme, value in raw.items() if value}
    if sys.platform == "win32":
        exclusions += _windows_proxy_override()
    elif sys.platform == "darwin":
        exclusions += _macos_proxy_exceptions()
    return proxies, exclusions


def _windows_proxy_override() -> list[str]:  # pragma: no cover - Windows only
    if sys.platform != "win32":  # also tells the type checker winreg exists here
        return []
    try:
        import winreg

        with winreg.OpenKey(winreg.HKEY_CURRENT_USER,
                            r"Software\Microsoft\Windows\CurrentVersion\Internet Settings") as key:
            enabled = winreg.QueryValueEx(key, "ProxyEnable")[0]
            override = winreg.QueryValueEx(key, "ProxyOverride")[0] if enabled else ""
    except OSError:
        return []
    return [item.strip() for item in str(override or "").split(";") if item.strip()]


def _macos_proxy_exceptions() -> list[str]:  # pragma: no cover - macOS only
    if sys.platform != "darwin":
        return []
    try:
        from _scproxy import _get_proxy_settings

        settings = _get_proxy_settings()
    except Exception:  # noqa: BLE001 - no macOS proxy settings readable: no exceptions to add
        return []
    found = [str(item) for item in settings.get("exceptions", ()) if item]
    if settings.get("exclude_simple"):
        found.append("<local>")
    return found


def ssl_context(extra_ca_file: str | None = None, lang: str = PT) -> ssl.SSLContext:
    """TLS context verifying against the operating system's trust store (``truststore``) plus,
    when given, the extra CA file. Raises ConfigError (in ``lang``) for a bad CA file."""
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if extra_ca_file:
        try:
            load_extra_ca(context, extra_ca_file)
        except (OSError, ValueError, UnicodeError):
            problem = ca_file_problem(extra_ca_file) or "invalid"
            raise ConfigError([f"network.extra_ca_file: {ca_file_message(problem, extra_ca_file, lang)}"]) from None
    return context


_DIRECT_EXCLUDED = Text("conexão direta (endereço nas exceções do proxy)",
                        "direct connection (address in the proxy exclusions)")
_DIRECT = Text("conexão direta (sem proxy)", "direct connection (no proxy)")
_SYSTEM_PROXY = Text("proxy {proxy} (do sistema)", "proxy {proxy} (from the system)")
_MANUAL_PROXY = Text("proxy {proxy} (manual)", "proxy {proxy} (manual)")
_TRUST_WITH_FILE = Text("o repositório de certificados do sistema + {path}", "the system's certificate store + {path}")
_TRUST = Text("o repositório de certificados do sistema", "the system's certificate store")


@dataclass
class NetworkOptions:
    """How the app reaches the internet; filled from settings by ``engine.factory.network_options``.

    * ``mode`` ``"system"``: the proxies of the environment / operating system, with their bypass
      list *and* ``exclusions`` applied here; ``"manual"``: ``proxy`` for http and https, except
      for ``exclusions``; ``"none"``: always direct. Loopback addresses are always direct.
    * TLS is verified against the operating system's trust store (not certifi), plus
      ``extra_ca_file`` (e.g. the root certificate of an antivirus that inspects HTTPS).

    ``system_proxies`` / ``system_exclusions`` replace what the OS says (tests); None = ask it.
    """

    mode: str = "system"
    proxy: str | None = None
    exclusions: tuple[str, ...] = ()
    extra_ca_file: str | None = None
    system_proxies: dict[str, str] | None = None
    system_exclusions: tuple[str, ...] | None = None
    lang: str = PT  # language of the ConfigError raised for a bad extra CA file
    _system: tuple[dict[str, str], list[str]] | None = field(default=None, init=False, repr=False, compare=False)
    _context: ssl.SSLContext | None = field(default=None, init=False, repr=False, compare=False)

    # -- proxy ---------------------------------------------------------------------------------
    def _system_settings(self) -> tuple[dict[str, str], list[str]]:
        if self._system is None:
            proxies, exclusions = system_proxy_settings()
            if self.system_proxies is not None:
                proxies = {k: _with_scheme(v) for k, v in self.system_proxies.items() if v}
            if self.system_exclusions is not None:
                exclusions = list(self.system_exclusions)
            self._system = (proxies, exclusions)
        return self._system

    def all_exclusions(self) -> list[str]:
        """The user's list, then (system mode) the operating system's list."""
        found = list(self.exclusions)
        if self.mode == "system":
            found += self._system_settings()[1]
        return found

    def bypasses(self, url: str) -> bool:
        """True when ``url`` is reached directly although a proxy is configured; this computer
        (the simulators, the listener) always is."""
        _scheme, host = _host_of(url)
        return is_loopback(host) or any(host_matches(host, p) for p in self.all_exclusions())

    def proxy_for(self, url: str) -> str | None:
        """The proxy URL (credentials included, if the OS gave some) for ``url``; None = direct."""
        scheme, _host = _host_of(url)
        if self.mode == "manual":
            candidate = _with_scheme(self.proxy) if self.proxy and self.proxy.strip() else None
        elif self.mode == "system":
            proxies = self._system_settings()[0]
            candidate = proxies.get(scheme) or proxies.get("all")
        else:
            candidate = None
        if candidate is None or self.bypasses(url):
            return None
        return candidate

    def describe_proxy(self, url: str, lang: str = PT) -> str:
        """Which proxy ``url`` goes through, in words and without credentials."""
        proxy = self.proxy_for(url)
        if proxy is None:
            if self.mode != "none" and self._has_proxy() and self.bypasses(url):
                return _DIRECT_EXCLUDED(lang)
            return _DIRECT(lang)
        words = _SYSTEM_PROXY if self.mode == "system" else _MANUAL_PROXY
        return words(lang, proxy=hide_credentials(proxy))

    def _has_proxy(self) -> bool:
        if self.mode == "manual":
            return bool(self.proxy and self.proxy.strip())
        return self.mode == "system" and bool(self._system_settings()[0])

    # -- TLS -----------------------------------------------------------------------------------
    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context shared by every connection made with these options (built once)."""
        if self._context is None:
            self._context = ssl_context(self.extra_ca_file, self.lang)
        return self._context

    def describe_trust(self, lang: str = PT) -> str:
        if self.extra_ca_file:
            return _TRUST_WITH_FILE(lang, path=self.extra_ca_file)
        return _TRUST(lang)

    # -- transport -------------------------------------------------------------------------------
    def transport(self, *, limits: httpx.Limits | None = None) -> httpx.AsyncBaseTransport:
        """A transport that picks, per request, the proxy (or none) and verifies TLS with
        :meth:`ssl_context`."""
        return RoutingTransport(self, limits=limits or httpx.Limits())


class RoutingTransport(httpx.AsyncBaseTransport):
    """Sends each request directly or through the proxy :meth:`NetworkOptions.proxy_for` names.

    httpx's own ``mounts`` cannot express ``10.0.0.0/8`` or the Windows bypass syntax, so the
    choice is made here; one connection pool per route.
    """

    def __init__(self, options: NetworkOptions, *, limits: httpx.Limits) -> None:
        self.options = options
        self._limits = limits
        self._context = options.ssl_context()  # fail now (ConfigError) on a bad extra CA file
        self._routes: dict[str | None, httpx.AsyncHTTPTransport] = {}
        # the proxy depends only on scheme and host: decided once per origin, not per request
        # (matching exclusions costs far more than the request itself)
        self._proxy_of: dict[tuple[str, str], str | None] = {}

    def route(self, url: httpx.URL) -> httpx.AsyncHTTPTransport:
        origin = (url.scheme, url.host)
        if origin not in self._proxy_of:
            self._proxy_of[origin] = self.options.proxy_for(str(url))
        proxy = self._proxy_of[origin]
        transport = self._routes.get(proxy)
        if transport is None:
            transport = httpx.AsyncHTTPTransport(verify=self._context, limits=self._limits,
                                                 proxy=httpx.Proxy(proxy) if proxy else None)
            self._routes[proxy] = transport
        return transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.route(request.url).handle_async_request(request)

    async def aclose(self) -> None:
        routes, self._routes = list(self._routes.values()), {}
        for transport in routes:
            await transport.aclose()


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


@dataclass
class Backoff:
    """Exponential back-off with half jitter, on top of the server's ``Retry-After``.

    ``delay(n)`` for the n-th retry (1-based) is uniform in ``[base·2^(n-1)/2, base·2^(n-1)]``,
    capped at ``cap``. Half-jitter keeps retries spread out (no thundering herd after an outage)
    while guaranteeing real growth between attempts. With ``retry_after`` the jitter comes *on
    top* of it: callers told "30 s" all at once would otherwise come back all at once at 30 s.
    """

    base: float = 1.0
    cap: float = 900.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, retry: int, retry_after: float | None = None) -> float:
        ceiling = min(self.cap, self.base * (2 ** max(0, retry - 1)))
        wait = self.rng.uniform(ceiling / 2, ceiling)
        if retry_after is not None:
            wait = min(self.cap, max(0.0, retry_after) + wait)
        return wait


#: The longest a call waits in place — for a closed :class:`RemoteGate` or between in-call
#: retries (:func:`retrying`); a server asking for more is left to the engine, which parks the job.
IN_CALL_MAX_WAIT_S = 10.0
#: A 429/503 pauses the remote at least this long, even with ``Retry-After: 0`` or none: an
#: overloaded server answering "now" must not get a call per worker per millisecond.
RATE_LIMIT_FLOOR_S = 3.0

gate_log = logging.getLogger("pluggto_desktop.net.gate")  # rate-limited: see logs.FLOOD_LOGGERS


class RemoteGate:
    """One per HTTP client: a 429 or 503 from the remote pauses *every* call to it.

    Each request awaits :meth:`wait` before it goes out and hands its answer to :meth:`observe`.
    A 429/503 closes the gate for ``max(Retry-After, floor)`` plus jitter (up to 20 %, at least
    1 s): the calls of every worker, the poll and the status updates then wait together, instead
    of each finding out on its own with a call of its own. A call that would wait longer than
    ``max_wait`` does not: it fails at once with a :class:`TransientError` carrying the time
    left (``retry_after``), and the engine parks the job until then.

    ``clock`` and ``sleep`` go together (tests pass a fake pair): a waiter sleeps once for the
    time left and then goes, so a fake ``sleep`` never makes it spin.
    """

    def __init__(
        self,
        remote: str,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        floor: float = RATE_LIMIT_FLOOR_S,
        max_wait: float = IN_CALL_MAX_WAIT_S,
        cap: float = 900.0,
    ) -> None:
        self.remote = remote
        self.clock = clock
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.floor = floor
        self.max_wait = max_wait
        self.cap = cap
        self._open_at = 0.0

    def closed_for(self) -> float:
        """Seconds until calls may go again (0 when open)."""
        return max(0.0, self._open_at - self.clock())

    async def wait(self) -> None:
        """Let a call through now, after a short pause, or refuse it (TransientError)."""
        left = self.closed_for()
        if left <= 0:
            return
        if left > self.max_wait:
            raise TransientError(f"{self.remote} asked us to slow down: calls paused for another {left:.0f} s",
                                 remote=self.remote, retry_after=left)
        await self.sleep(left)

    def observe(self, response: httpx.Response) -> None:
        """Close the gate when ``response`` is a 429 or 503."""
        if response.status_code in (429, 503):
            self.close(response.status_code, parse_retry_after(response.headers.get("Retry-After")))

    def close(self, status: int, retry_after: float | None) -> float:
        """Pause every call for ``max(retry_after, floor)`` + jitter; returns the pause."""
        pause = max(self.floor, retry_after or 0.0)
        pause = min(self.cap, pause + self.rng.uniform(0, max(1.0, pause * 0.2)))
        open_at = self.clock() + pause
        if open_at > self._open_at:
            self._open_at = open_at
            gate_log.warning("%s answered HTTP %d (Retry-After %s): every call to it waits %.1f s",
                             self.remote, status, "none" if retry_after is None else f"{retry_after:g}", pause)
        return pause


def json_or_none(response: httpx.Response) -> Any:
    """The decoded JSON body (lone surrogates replaced, see :mod:`jsontext`), or None when it is
    not JSON (or not even text, or nested too deeply to read)."""
    try:
        return jsontext.loads(response.content)
    except ValueError:  # JSONDecodeError, UnicodeDecodeError and jsontext.TooDeep are ValueErrors
        return None


def transport_error(exc: Exception, remote: str) -> TransientError:
    """Turn an httpx transport failure into a TransientError with a message free of secrets."""
    if isinstance(exc, httpx.TimeoutException):
        text = f"timeout talking to {remote} ({type(exc).__name__})"
    else:
        text = f"network error talking to {remote} ({type(exc).__name__})"
    return TransientError(text, remote=remote)


def status_error(response: httpx.Response, remote: str) -> TransientError:
    """A 5xx/429 answer as a TransientError carrying ``Retry-After``."""
    return TransientError(
        f"{remote} answered HTTP {response.status_code}",
        remote=remote,
        status=response.status_code,
        retry_after=parse_retry_after(response.headers.get("Retry-After")),
    )


def is_transient_status(status: int) -> bool:
    return status == 429 or status == 408 or status >= 500


async def retrying(
    call: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    backoff: Backoff | None = None,
    max_wait: float = IN_CALL_MAX_WAIT_S,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Run an idempotent ``call``, retrying TransientError up to ``attempts`` times in all.

    A server asking to wait longer than ``max_wait`` is not waited for here: the error goes up
    so the engine can park the job (``retry_wait``) instead of holding a worker.
    """
    backoff = backoff or Backoff(base=0.5, cap=max_wait)
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except TransientError as exc:
            if attempt >= attempts:
                raise
            if exc.retry_after is not None and exc.retry_after > max_wait:
                raise  # the server wants a long pause: the engine parks the job instead
            await sleep(min(backoff.delay(attempt, exc.retry_after), max_wait))
    raise AssertionError("unreachable")  # pragma: no cover
