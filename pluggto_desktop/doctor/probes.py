"""The connection doctor's probes: the path a request takes to a remote, one step at a time.

DNS → TCP → (proxy) → TLS → HTTP, each timed, stopping at the first that fails; the steps
after it are marked "not tested". Everything is asyncio (``loop.getaddrinfo``,
``asyncio.open_connection``, ``start_tls``, then httpx): nothing blocks the event loop. What a
failure means is said by :mod:`.explanations`.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import email.utils
import socket
import ssl
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from pluggto_desktop import net
from pluggto_desktop.doctor import explanations as why
from pluggto_desktop.doctor.report import (
    AUTH,
    CLOCK_TOLERANCE_S,
    CONFIG,
    DNS,
    HTTP,
    PROXY,
    READ,
    TCP,
    TLS,
    DoctorReport,
    Record,
    RemoteReport,
    Step,
    as_is,
    in_both,
    record,
)
from pluggto_desktop.errors import ConfigError
from pluggto_desktop.i18n import PT
from pluggto_desktop.text import Text

#: No build of this app runs before this date: a computer showing an earlier one has a wrong clock.
EARLIEST_PLAUSIBLE = datetime(2025, 1, 1, tzinfo=UTC)

_NOT_TESTED = Text("não testado (um passo anterior falhou)", "not tested (an earlier step failed)")
_ONLY_HTTP_PROXIES = Text(
    "O diagnóstico testa só proxies http:// (este é {scheme}://); os passos seguintes não foram feitos.",
    "The check only tests http:// proxies (this one is {scheme}://); the next steps were not run.")
_CA_PROBLEMS = Text("{problems} — em Suporte → Rede.", "{problems} — under Support → Network.")
_NO_TLS = Text("não se aplica: endereço http:// sem TLS (só os simuladores usam http://)",
               "does not apply: http:// address without TLS (only the simulators use http://)")
_DNS_IP = Text("{host}: endereço IP, sem consulta de DNS", "{host}: an IP address, no DNS lookup")
_DNS_FOUND = Text("{host} → {addresses}", "{host} → {addresses}")
_DNS_FOUND_FOR_PROXY = Text("proxy {host} → {addresses} (o proxy resolve o nome do servidor)",
                            "proxy {host} → {addresses} (the proxy resolves the server's name)")
_TCP_CONNECTED = Text("{prefix}{address} conectado", "{prefix}{address} connected")
_PROXY_ANSWER = Text("{where}: HTTP {status}", "{where}: HTTP {status}")
_PROXY_TUNNEL = Text("{where}: HTTP {status} (túnel aberto)", "{where}: HTTP {status} (tunnel open)")
_TLS_OK = Text("{version}, certificado confiável ({trust}); emitido por {issuer}",
               "{version}, trusted certificate ({trust}); issued by {issuer}")
_TRUST_SYSTEM = Text("sistema", "system")
_TRUST_SYSTEM_AND_FILE = Text("sistema + certificado extra", "system + extra certificate")
_HTTP_ANSWER = Text("GET / → HTTP {status}{clock}", "GET / → HTTP {status}{clock}")
_CLOCK_OFF = Text("; o relógio deste computador difere {minutes} min do servidor",
                  "; this computer's clock is {minutes} min off the server's")


def timeout_of(seconds: float) -> httpx.Timeout:
    return httpx.Timeout(connect=seconds, read=seconds * 1.5, write=seconds, pool=seconds)


def ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def skipped(name: str) -> Step:
    return Step(name, None, detail=record(_NOT_TESTED))


def config_step(code: str, explanation: Record) -> Step:
    return Step(CONFIG, False, code=code, explanation=explanation)


@dataclass
class Route:
    host: str  # the remote's host
    port: int
    https: bool
    proxy: str | None  # the proxy URL (credentials included) or None
    connect_host: str  # where the TCP connection goes: the proxy or the host
    connect_port: int

    @property
    def via_proxy(self) -> bool:
        return self.proxy is not None


def route_to(url: str, network: net.NetworkOptions) -> Route:
    parts = urlsplit(url)
    https = parts.scheme == "https"
    host, port = parts.hostname or "", parts.port or (443 if https else 80)
    proxy = network.proxy_for(url)
    if proxy is None:
        return Route(host, port, https, None, host, port)
    proxy_parts = urlsplit(proxy)
    proxy_port = proxy_parts.port or (443 if proxy_parts.scheme == "https" else 80)
    return Route(host, port, https, proxy, proxy_parts.hostname or "", proxy_port)


async def network_steps(remote: RemoteReport, url: str, network: net.NetworkOptions, timeout: float,
                        report: DoctorReport) -> bool:
    """DNS, TCP, proxy, TLS and HTTP; True when all passed (auth and read may follow)."""
    remote.proxy = in_both(lambda lang: network.describe_proxy(url, lang))
    route = route_to(url, network)
    if route.proxy is not None and urlsplit(route.proxy).scheme != "http":
        scheme = urlsplit(route.proxy).scheme
        remote.steps.append(config_step("config_proxy", record(_ONLY_HTTP_PROXIES, scheme=scheme)))
        return False
    try:
        context = network.ssl_context()
    except ConfigError as exc:
        remote.steps.append(config_step("config_ca", record(_CA_PROBLEMS, problems="; ".join(exc.problems))))
        return False
    names = [DNS, TCP] + ([PROXY] if route.via_proxy else []) + [TLS, HTTP, AUTH, READ]

    def stop_here() -> bool:
        done = {step.name for step in remote.steps}
        remote.steps.extend(skipped(name) for name in names if name not in done)
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
            remote.steps.append(Step(TLS, None, detail=record(_NO_TLS)))
        elif not await _tls_step(remote, route, network, context, writer, timeout, report):
            return stop_here()
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(writer.wait_closed(), 2)
    if not await _http_step(remote, url, network, timeout, report):
        return stop_here()
    return True


async def _dns_step(remote: RemoteReport, route: Route, timeout: float) -> list[tuple] | None:
    host, proxy = route.connect_host, route.via_proxy
    started = time.perf_counter()
    if net._ip(host) is not None:  # net's own reading of an IP address, not a copy of it
        remote.steps.append(Step(DNS, True, ms_since(started), record(_DNS_IP, host=host)))
        return [(socket.AF_INET6 if ":" in host else socket.AF_INET, (host, route.connect_port))]
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, route.connect_port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP), timeout)
    except (socket.gaierror, OSError, TimeoutError) as exc:
        remote.steps.append(Step(DNS, False, ms_since(started), as_is(why.error_name(exc)),
                                 **why.dns_explanation(exc, host, proxy)))
        return None
    found = list(dict.fromkeys((family, sockaddr[:2]) for family, _t1, _p, _c, sockaddr in infos))
    shown = ", ".join(str(addr[0]) for _f, addr in found[:3]) + (" …" if len(found) > 3 else "")
    words = _DNS_FOUND_FOR_PROXY if proxy else _DNS_FOUND
    remote.steps.append(Step(DNS, True, ms_since(started), record(words, host=host, addresses=shown)))
    return found


async def _tcp_step(remote: RemoteReport, route: Route, addresses: list[tuple],
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
        remote.steps.append(Step(TCP, True, ms_since(started), record(_TCP_CONNECTED, prefix=prefix, address=shown)))
        return reader, writer
    assert failure is not None
    where = f"{route.connect_host}:{route.connect_port}"
    remote.steps.append(Step(TCP, False, ms_since(started), as_is(why.error_name(failure)),
                             **why.tcp_explanation(failure, where, route.via_proxy, timeout)))
    return None


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


async def _proxy_step(remote: RemoteReport, route: Route, reader: asyncio.StreamReader,
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
        remote.steps.append(Step(PROXY, False, ms_since(started), as_is(why.error_name(exc)), code="proxy_garbled",
                                 explanation=record(why.PROXY_GARBLED, where=where)))
        return False
    tunnel = route.https and status == 200
    detail = record(_PROXY_TUNNEL if tunnel else _PROXY_ANSWER, where=where, status=status)
    ok = status == 200 if route.https else status != 407 and status < 500
    if ok:
        remote.steps.append(Step(PROXY, True, ms_since(started), detail))
        return True
    remote.steps.append(Step(PROXY, False, ms_since(started), detail,
                             **why.proxy_status_explanation(status, where, route.host)))
    return False


async def _tls_step(remote: RemoteReport, route: Route, network: net.NetworkOptions, context: ssl.SSLContext,
                    writer: asyncio.StreamWriter, timeout: float, report: DoctorReport) -> bool:
    started = time.perf_counter()
    try:
        await writer.start_tls(context, server_hostname=route.host, ssl_handshake_timeout=timeout)
    except (ssl.SSLError, ssl.CertificateError, OSError, TimeoutError, asyncio.IncompleteReadError) as exc:
        elapsed = ms_since(started)
        probe = await probe_certificate(route, timeout) if why.is_certificate_error(exc) else {}
        skew = probe.get("skew_s")
        if skew is not None:
            report.clock["skew_s"] = skew
        code, explanation = why.tls_explanation(exc, route.host, route.port, probe)
        reason = why.error_name(exc)
        detail = in_both(lambda lang: reason + why.cert_detail(probe, lang))
        remote.steps.append(Step(TLS, False, elapsed, detail, explanation, code))
        return False
    ssl_object = writer.get_extra_info("ssl_object")
    version = ssl_object.version() if ssl_object is not None else "TLS"
    cert = ssl_object.getpeercert() if ssl_object is not None else {}
    issuer = _name_of(cert.get("issuer", ())) if cert else ""
    trust = _TRUST_SYSTEM_AND_FILE if network.extra_ca_file else _TRUST_SYSTEM
    remote.steps.append(Step(TLS, True, ms_since(started), in_both(
        lambda lang: _TLS_OK(lang, version=version, trust=trust(lang), issuer=issuer or "?"))))
    return True


async def probe_certificate(route: Route, timeout: float) -> dict[str, Any]:
    """After a verification failure: look at the certificate *without* trusting it, and ask the
    server for its clock (``Date``), to tell an inspecting antivirus from a wrong clock."""
    found: dict[str, Any] = {}
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    opened: asyncio.StreamWriter | None = None
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(route.connect_host, route.connect_port), timeout)
        opened = writer
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
            skew = datetime.now(UTC).timestamp() - server_date.timestamp()
            found["server_time"] = server_date.astimezone().strftime("%d/%m/%Y %H:%M")
            found["skew_s"] = round(skew, 1)
    except Exception:  # noqa: BLE001 - the probe only adds detail; its failure changes nothing
        pass
    finally:
        if opened is not None:
            opened.close()
    found["clock_wrong"] = clock_looks_wrong(found)
    return found


def clock_looks_wrong(probe: dict[str, Any]) -> bool:
    if probe.get("skew_s") is not None:
        return abs(probe["skew_s"]) > CLOCK_TOLERANCE_S
    now = datetime.now(UTC)
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
            decoded = ssl._ssl._test_decode_cert(str(path))  # type: ignore[attr-defined]
        return {"issuer": _name_of(decoded.get("issuer")), "subject": _name_of(decoded.get("subject")),
                "not_before": _cert_time(decoded.get("notBefore")), "not_after": _cert_time(decoded.get("notAfter"))}
    except Exception:  # noqa: BLE001 - a certificate the private decoder cannot read adds no detail
        return {}


def _cert_time(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(ssl.cert_time_to_seconds(value), UTC).isoformat()
    except ValueError:
        return None


async def _http_step(remote: RemoteReport, url: str, network: net.NetworkOptions, timeout: float,
                     report: DoctorReport) -> bool:
    started = time.perf_counter()
    try:
        client = net.make_client(url, network=network, timeout=timeout_of(timeout), max_connections=1)
    except ConfigError as exc:
        remote.steps.append(Step(HTTP, False, ms_since(started), code="config_ca",
                                 explanation=as_is("; ".join(exc.problems))))
        return False
    try:
        response = await client.get("/")
    except httpx.HTTPError as exc:
        remote.steps.append(Step(HTTP, False, ms_since(started), as_is(why.error_name(exc)),
                                 **why.http_explanation(exc, url)))
        return False
    finally:
        await client.aclose()
    status = response.status_code
    clock: Text | None = None
    minutes = ""
    server_date = response.headers.get("date")
    if server_date:
        with contextlib.suppress(TypeError, ValueError):
            skew = time.time() - email.utils.parsedate_to_datetime(server_date).timestamp()
            report.clock["skew_s"] = round(skew, 1)
            if abs(skew) > CLOCK_TOLERANCE_S:
                clock, minutes = _CLOCK_OFF, f"{abs(skew) / 60:.0f}"
    def answer(lang: str) -> str:
        return _HTTP_ANSWER(lang, status=status, clock=clock(lang, minutes=minutes) if clock else "")

    detail = in_both(answer)
    if status == 407:
        remote.steps.append(Step(HTTP, False, ms_since(started), detail, **why.proxy_status_explanation(
            407, remote.proxy.get(PT, "proxy"), urlsplit(url).hostname or url)))
        return False
    if status in (502, 503, 504):
        remote.steps.append(Step(HTTP, False, ms_since(started), detail, code="http_unavailable",
                                 explanation=record(why.HTTP_UNAVAILABLE, status=status)))
        return False
    remote.steps.append(Step(HTTP, True, ms_since(started), detail))
    return True
