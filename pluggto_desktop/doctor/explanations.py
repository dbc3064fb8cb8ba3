"""What each failure of the connection doctor means and what to do about it, in pt-BR and English.

Every function here turns what a probe saw (an exception, a status, a certificate) into a failure
code for programs (``dns_not_found``, ``tls_untrusted``…) and an explanation kept in both
languages (a :data:`~.report.Record`). The probes themselves are in :mod:`.probes`.
"""

from __future__ import annotations

import errno
import re
import socket
import ssl
from datetime import datetime
from typing import Any

import httpx

from pluggto_desktop.doctor.report import AUTH, READ, REMOTE_TITLES, Record, Step, as_is, record
from pluggto_desktop.errors import BusinessError, CredentialError, SyncError
from pluggto_desktop.i18n import PT
from pluggto_desktop.text import Text

# --- Name resolution (DNS) -----------------------------------------------------------------------

_DNS_PROXY = Text(
    "O nome do proxy {host} não foi encontrado: confira o endereço do proxy em Suporte → Rede "
    "(ou escolha “Sem proxy”) e verifique a internet.",
    "The proxy's name {host} was not found: check the proxy address under Support → Network "
    "(or choose “No proxy”) and the internet connection.")
_DNS_TIMEOUT = Text(
    "O servidor de DNS não respondeu sobre {host}: verifique a internet ou se o firewall bloqueia DNS.",
    "The DNS server did not answer about {host}: check the internet connection or whether a firewall "
    "blocks DNS.")
_DNS_NOT_FOUND = Text(
    "O nome {host} não foi encontrado: verifique a internet ou se o firewall bloqueia DNS; confira também "
    "se o endereço está escrito certo.",
    "The name {host} was not found: check the internet connection or whether a firewall blocks DNS; also "
    "check that the address is spelled right.")


def dns_explanation(exc: BaseException, host: str, proxy: bool) -> dict[str, Any]:
    temporary = isinstance(exc, TimeoutError) or getattr(exc, "errno", None) == socket.EAI_AGAIN
    if proxy:
        return {"code": "dns_proxy", "explanation": record(_DNS_PROXY, host=host)}
    if temporary:
        return {"code": "dns_timeout", "explanation": record(_DNS_TIMEOUT, host=host)}
    return {"code": "dns_not_found", "explanation": record(_DNS_NOT_FOUND, host=host)}


# --- TCP ---------------------------------------------------------------------------------------------

_PROXY_REFUSED = Text(
    "O proxy {where} recusou a conexão: confira o endereço e a porta do proxy em Suporte → Rede, "
    "ou escolha “Sem proxy” se esta rede não usa proxy.",
    "The proxy {where} refused the connection: check the proxy address and port under Support → "
    "Network, or choose “No proxy” if this network has none.")
_PROXY_UNREACHABLE = Text(
    "O proxy {where} não respondeu em {seconds} s: confira o endereço do proxy em Suporte → Rede "
    "e se ele está ligado.",
    "The proxy {where} did not answer within {seconds} s: check the proxy address under Support → "
    "Network and that it is running.")
_TCP_REFUSED = Text(
    "{where} recusou a conexão: nada atende nessa porta ou um firewall a rejeita. Confira o endereço e a "
    "porta; se estiverem certos, o serviço pode estar fora do ar.",
    "{where} refused the connection: nothing listens on that port or a firewall rejects it. Check the "
    "address and port; if they are right, the service may be down.")
_TCP_UNREACHABLE = Text(
    "Sem rota até {where}: o computador parece estar sem internet (ou a rede bloqueia esse destino).",
    "No route to {where}: the computer seems to be offline (or the network blocks that destination).")
_TCP_TIMEOUT = Text(
    "{where} não respondeu em {seconds} s: um firewall pode estar bloqueando a saída para essa porta, "
    "ou a internet está fora.",
    "{where} did not answer within {seconds} s: a firewall may be blocking outgoing connections to "
    "that port, or the internet is down.")


def tcp_explanation(exc: BaseException, where: str, via_proxy: bool, timeout: float) -> dict[str, Any]:
    seconds = f"{timeout:.0f}"
    number = getattr(exc, "errno", None)
    if via_proxy:
        if isinstance(exc, ConnectionRefusedError):
            return {"code": "proxy_refused", "explanation": record(_PROXY_REFUSED, where=where)}
        return {"code": "proxy_unreachable", "explanation": record(_PROXY_UNREACHABLE, where=where, seconds=seconds)}
    if isinstance(exc, ConnectionRefusedError):
        return {"code": "tcp_refused", "explanation": record(_TCP_REFUSED, where=where)}
    if number in (errno.ENETUNREACH, errno.EHOSTUNREACH, getattr(errno, "WSAENETUNREACH", -1)):
        return {"code": "tcp_unreachable", "explanation": record(_TCP_UNREACHABLE, where=where)}
    return {"code": "tcp_timeout", "explanation": record(_TCP_TIMEOUT, where=where, seconds=seconds)}


# --- The proxy ---------------------------------------------------------------------------------------

PROXY_GARBLED = Text(
    "O proxy {where} fechou a conexão ou não respondeu como um proxy HTTP: confira o endereço em "
    "Suporte → Rede.",
    "The proxy {where} closed the connection or did not answer as an HTTP proxy: check the address under "
    "Support → Network.")
_PROXY_AUTH = Text(
    "O proxy {where} pede usuário e senha (HTTP 407). Peça à TI para liberar {host} no proxy sem "
    "autenticação para este computador, ou use o proxy do sistema já autenticado.",
    "The proxy {where} asks for a user and password (HTTP 407). Ask IT to allow {host} through the proxy "
    "without authentication for this computer, or use the system's (already authenticated) proxy.")
_PROXY_UPSTREAM = Text(
    "O proxy {where} não conseguiu chegar a {host} (HTTP {status}): a saída do proxy para a internet pode "
    "estar com problema, ou o nome não existe.",
    "The proxy {where} could not reach {host} (HTTP {status}): the proxy's own internet access may be "
    "failing, or the name does not exist.")
_PROXY_BLOCKED = Text(
    "O proxy {where} bloqueou o acesso a {host} (HTTP {status}): peça à TI para liberar {host} no proxy.",
    "The proxy {where} blocked access to {host} (HTTP {status}): ask IT to allow {host} through the proxy.")


def proxy_status_explanation(status: int, where: str, host: str) -> dict[str, Any]:
    if status == 407:
        return {"code": "proxy_auth", "explanation": record(_PROXY_AUTH, where=where, host=host)}
    if status in (502, 503, 504):
        return {"code": "proxy_upstream", "explanation": record(_PROXY_UPSTREAM, where=where, host=host, status=status)}
    return {"code": "proxy_blocked", "explanation": record(_PROXY_BLOCKED, where=where, host=host, status=status)}


# --- TLS ---------------------------------------------------------------------------------------------

_TLS_CLOCK = Text(
    "O relógio deste computador parece errado (aqui: {local}; servidor: {server}), por isso o "
    "certificado parece “vencido” ou “ainda não válido”. Acerte a data e a hora (ative o ajuste "
    "automático do relógio) e teste de novo.",
    "This computer's clock looks wrong (here: {local}; server: {server}), which makes the "
    "certificate look “expired” or “not yet valid”. Set the date and time (turn on automatic "
    "time) and test again.")
_TLS_VALIDITY = Text(
    "O certificado apresentado para {host} está fora da validade (emitido por {issuer}). Se a data e a "
    "hora deste computador estão certas, um antivírus ou proxy que inspeciona o HTTPS pode estar com um "
    "certificado vencido, ou o servidor está com problema: avise o suporte.",
    "The certificate presented for {host} is outside its validity (issued by {issuer}). If this "
    "computer's date and time are right, an antivirus or proxy inspecting HTTPS may be using an expired "
    "certificate, or the server has a problem: tell support.")
_TLS_HOSTNAME = Text(
    "O certificado recebido não é de {host} (é de {subject}, emitido por {issuer}): um proxy, antivírus "
    "ou rede Wi-Fi com página de login está interceptando a conexão, ou o endereço está errado.",
    "The certificate received is not for {host} (it is for {subject}, issued by {issuer}): a proxy, "
    "antivirus or Wi-Fi login page is intercepting the connection, or the address is wrong.")
_TLS_UNTRUSTED = Text(
    "O certificado apresentado para {host} foi emitido por “{issuer}”, que este computador não considera "
    "confiável: um antivírus ou proxy está inspecionando o HTTPS. Adicione o certificado raiz dele em "
    "Suporte → Rede (certificado extra) ou desative a inspeção para {host}.",
    "The certificate presented for {host} was issued by “{issuer}”, which this computer does not trust: "
    "an antivirus or proxy is inspecting HTTPS. Add its root certificate under Support → Network (extra "
    "certificate) or turn inspection off for {host}.")
_TLS_TIMEOUT = Text(
    "O servidor {host} não completou o TLS a tempo: a conexão pode estar sendo filtrada por um firewall.",
    "The server {host} did not complete TLS in time: a firewall may be filtering the connection.")
_TLS_NOT_TLS = Text(
    "{host}:{port} não respondeu em HTTPS: confira se o endereço deve começar com https:// e se a porta "
    "está certa.",
    "{host}:{port} did not answer in HTTPS: check whether the address should start with https:// and "
    "that the port is right.")
_TLS_RESET = Text(
    "A conexão com {host} foi cortada durante o TLS: um firewall, proxy ou antivírus pode estar bloqueando "
    "{host}.",
    "The connection to {host} was cut during TLS: a firewall, proxy or antivirus may be blocking {host}.")
_CERT_ISSUED = Text("; emitido por {issuer} para {subject}", "; issued by {issuer} to {subject}")
_CERT_VALID = Text(", válido de {start} a {end}", ", valid {start} to {end}")


def is_certificate_error(exc: BaseException) -> bool:
    return isinstance(exc, (ssl.SSLCertVerificationError, ssl.CertificateError))


def tls_explanation(exc: BaseException, host: str, port: int, probe: dict[str, Any]) -> tuple[str, Record]:
    issuer = probe.get("issuer") or "?"
    if is_certificate_error(exc):
        verify_code = getattr(exc, "verify_code", None)
        message = (getattr(exc, "verify_message", "") or str(exc)).lower()
        dated = verify_code in (9, 10) or any(w in message for w in ("expired", "not yet valid", "validity"))
        if dated:
            if probe.get("clock_wrong"):
                local = datetime.now().astimezone().strftime("%d/%m/%Y %H:%M")
                return "tls_clock", record(_TLS_CLOCK, local=local, server=probe.get("server_time") or "?")
            return "tls_validity", record(_TLS_VALIDITY, host=host, issuer=issuer)
        if verify_code == 62 or any(w in message for w in ("hostname", "match", "not valid for", "ip address")):
            return "tls_hostname", record(_TLS_HOSTNAME, host=host, subject=probe.get("subject") or "?", issuer=issuer)
        return "tls_untrusted", record(_TLS_UNTRUSTED, host=host, issuer=issuer)
    if isinstance(exc, TimeoutError):
        return "tls_timeout", record(_TLS_TIMEOUT, host=host)
    reason = (getattr(exc, "reason", "") or str(exc)).upper()
    if isinstance(exc, ssl.SSLError) and any(w in reason for w in ("WRONG_VERSION", "UNKNOWN_PROTOCOL",
                                                                   "RECORD_LAYER", "PACKET_LENGTH", "HTTP_REQUEST")):
        return "tls_not_tls", record(_TLS_NOT_TLS, host=host, port=port)
    return "tls_reset", record(_TLS_RESET, host=host)


def cert_detail(probe: dict[str, Any], lang: str) -> str:
    """Who issued the certificate seen, to whom, and (when known) for when — dates as each
    language writes them."""
    if not probe.get("issuer"):
        return ""
    text = _CERT_ISSUED(lang, issuer=probe["issuer"], subject=probe.get("subject") or "?")
    if probe.get("not_before") and probe.get("not_after"):
        start, end = probe["not_before"], probe["not_after"]
        if lang == PT:
            start, end = _br_date(start), _br_date(end)
        else:
            start, end = start[:10], end[:10]
        text += _CERT_VALID(lang, start=start, end=end)
    return text


def _br_date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso[:10]


# --- HTTP --------------------------------------------------------------------------------------------

HTTP_UNAVAILABLE = Text(
    "O servidor respondeu “indisponível” (HTTP {status}): o serviço pode estar fora do ar; tente de novo "
    "em alguns minutos.",
    "The server answered “unavailable” (HTTP {status}): the service may be down; try again in a few "
    "minutes.")
_HTTP_PROXY_REFUSED = Text("O proxy recusou a requisição: confira o proxy em Suporte → Rede.",
                           "The proxy refused the request: check the proxy under Support → Network.")
_HTTP_TIMEOUT = Text(
    "{url} não respondeu a tempo: o serviço pode estar lento ou a conexão está sendo filtrada.",
    "{url} did not answer in time: the service may be slow or the connection is being filtered.")
_HTTP_FAILED = Text(
    "A requisição HTTP a {url} falhou ({error}): tente de novo; se persistir, envie este "
    "relatório ao suporte.",
    "The HTTP request to {url} failed ({error}): try again; if it persists, send this report to "
    "support.")


def http_explanation(exc: httpx.HTTPError, url: str) -> dict[str, Any]:
    if isinstance(exc, httpx.ProxyError):
        return {"code": "proxy_refused", "explanation": record(_HTTP_PROXY_REFUSED)}
    if isinstance(exc, httpx.TimeoutException):
        return {"code": "http_timeout", "explanation": record(_HTTP_TIMEOUT, url=url)}
    return {"code": "http_failed", "explanation": record(_HTTP_FAILED, url=url, error=type(exc).__name__)}


# --- Signing in and reading --------------------------------------------------------------------------

_AUTH = {
    "client": ("auth_client", Text(
        "O Plug.to recusou o Client ID ou o Client Secret (o ID e a senha do aplicativo, fornecidos pelo "
        "Plug.to): confira os dois em Configurações → Plug.to.",
        "Plug.to refused the Client ID or the Client Secret (the app's id and password, given by Plug.to): "
        "check both under Settings → Plug.to.")),
    "user": ("auth_user", Text(
        "O Plug.to recusou o usuário ou a senha da API: use a chave e a senha de API do vendedor (não o "
        "login do painel), em Configurações → Plug.to.",
        "Plug.to refused the API user or the API password: use the seller's API key and password (not the "
        "panel login), under Settings → Plug.to.")),
    "linx_permission": ("auth_permission", Text(
        "O usuário de integração da Linx existe, mas não tem permissão para a API de pedidos: peça ao "
        "administrador da loja para liberar.",
        "The Linx integration user exists but may not use the orders API: ask the store's administrator to "
        "grant it.")),
    "linx": ("auth_linx", Text(
        "A Linx Commerce recusou o usuário ou a senha de integração: confira os dois em Configurações → Linx.",
        "Linx Commerce refused the integration user or password: check both under Settings → Linx.")),
}
_READ_REFUSED = Text(
    "A conta entrou, mas a leitura foi recusada: as credenciais não dão acesso aos pedidos. Confira as "
    "permissões da conta de API.",
    "Sign-in worked but the read was refused: the credentials do not give access to orders. Check the API "
    "account's permissions.")
_REJECTED = Text("O {remote} respondeu com um erro: {message}. Envie este relatório ao suporte.",
                 "{remote} answered with an error: {message}. Send this report to support.")
_UNAVAILABLE = Text("O {remote} não respondeu direito agora ({message}): tente de novo em alguns minutos.",
                    "{remote} did not answer properly just now ({message}): try again in a few minutes.")
_UNEXPECTED = Text("Falha inesperada ({error}): envie este relatório ao suporte.",
                   "Unexpected failure ({error}): send this report to support.")
_REFUSED_BY_SERVER = Text("recusado pelo servidor (HTTP {status}{code})", "refused by the server (HTTP {status}{code})")
_NO_VALID_ANSWER = Text("sem resposta válida ({error})", "no valid answer ({error})")


def auth_failure(remote: str, exc: BaseException, elapsed: float) -> Step:
    detail = failure_detail(exc)
    if isinstance(exc, CredentialError) and exc.credential in _AUTH:
        code, words = _AUTH[exc.credential]
        return Step(AUTH, False, elapsed, detail, code=code, explanation=record(words))
    return _call_failure(AUTH, remote, exc, elapsed, detail)


def read_failure(remote: str, exc: BaseException, elapsed: float) -> Step:
    detail = failure_detail(exc)
    if isinstance(exc, CredentialError):
        return Step(READ, False, elapsed, detail, code="read_refused", explanation=record(_READ_REFUSED))
    return _call_failure(READ, remote, exc, elapsed, detail)


def _call_failure(name: str, remote: str, exc: BaseException, elapsed: float, detail: Record) -> Step:
    title = REMOTE_TITLES.get(remote, remote)
    if isinstance(exc, BusinessError):
        return Step(name, False, elapsed, detail, code=f"{name}_rejected",
                    explanation=record(_REJECTED, remote=title, message=exc.message))
    if isinstance(exc, SyncError):
        return Step(name, False, elapsed, detail, code=f"{name}_unavailable",
                    explanation=record(_UNAVAILABLE, remote=title, message=exc.message))
    return Step(name, False, elapsed, detail, code=f"{name}_failed",
                explanation=record(_UNEXPECTED, error=type(exc).__name__))


def failure_detail(exc: BaseException) -> Record:
    """What the server said, for the report: the client's (English) message, and in pt-BR the
    status and error code it carried."""
    english = _safe_message(exc)
    status = getattr(exc, "status", None)
    code = re.search(r"\b(invalid_\w+|unauthorized_client|unsupported_grant_type)\b", english)
    if status:
        portuguese = _REFUSED_BY_SERVER(PT, status=status, code=f", {code.group(1)}" if code else "")
    else:
        portuguese = _NO_VALID_ANSWER(PT, error=type(exc).__name__)
    return {**as_is(english), PT: portuguese}


def _safe_message(exc: BaseException) -> str:
    """An error's text for a report: our clients keep secrets out of messages; redact anyway."""
    from pluggto_desktop.logs import redact

    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return redact(text)[:300]


def error_name(exc: BaseException) -> str:
    """A short technical name for a low-level failure (``ConnectionRefusedError``, ``[Errno -2] …``)."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"SSLCertVerificationError: {exc.verify_message or exc.reason or exc}"[:200]
    if isinstance(exc, ssl.SSLError):
        return f"SSLError: {exc.reason or exc}"[:200]
    if isinstance(exc, TimeoutError):
        return "timeout"
    text = str(exc)
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__
