"""Running the connection doctor: :func:`run_doctor` checks Plug.to and the Linx store at once.

For each remote: is it configured (the address; the required fields, as the settings' own rule
says — ``settings.missing_fields``), then the network path (:mod:`.probes`), then the
credentials (Plug.to's password grant, Linx's Basic auth on SearchOrderStatus) and one real read
(Plug.to ``GET /orders?limit=1``, Linx SearchOrderStatus). The vault is read in a thread; no
secret or token is ever put in a report.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import time
from collections.abc import Awaitable, Mapping
from datetime import datetime
from typing import Protocol

from pluggto_desktop import net
from pluggto_desktop.addresses import is_http_url
from pluggto_desktop.doctor import explanations as why
from pluggto_desktop.doctor.probes import config_step, ms_since, network_steps, skipped, timeout_of
from pluggto_desktop.doctor.report import (
    AUTH,
    READ,
    DoctorReport,
    Record,
    RemoteReport,
    Step,
    in_both,
    record,
    save_report,
)
from pluggto_desktop.i18n import EN, normalize_language
from pluggto_desktop.profile import Profile
from pluggto_desktop.secret_names import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD
from pluggto_desktop.settings import Settings, missing_fields
from pluggto_desktop.text import Text, plural

log = logging.getLogger("pluggto_desktop.doctor")

STEP_TIMEOUT = 10.0

_EMPTY = Text("(vazio)", "(empty)")
_BAD_PLUGGTO_URL = Text("Endereço da API do Plug.to inválido: {url}. Corrija em Configurações → Plug.to.",
                        "Invalid Plug.to API address: {url}. Fix it in Settings → Plug.to.")
_BAD_LINX_STORE = Text(
    "Loja Linx inválida ou vazia: {store}. Informe o nome do ambiente ou a URL em Configurações → Linx.",
    "Invalid or empty Linx store: {store}. Enter the tenant or the URL under Settings → Linx.")
_PLUGGTO_MISSING = Text("Falta preencher: {names}. Informe em Configurações → Plug.to.",
                        "Missing: {names}. Fill it in under Settings → Plug.to.")
_LINX_MISSING = Text("Falta preencher: {names} de integração da Linx. Informe em Configurações → Linx.",
                     "Missing: the Linx integration {names}. Fill it in under Settings → Linx.")
_TWO = Text("{first}, {second}", "{first} and {second}")
#: The required fields of each remote, as the doctor names them (its address is checked first).
_FIELD_NAMES = {
    "pluggto.client_id": Text("Client ID", "Client ID"),
    "pluggto.client_secret": Text("Client Secret", "Client Secret"),
    "pluggto.username": Text("usuário da API", "API user"),
    "pluggto.password": Text("senha da API", "API password"),
    "linx.user": Text("usuário", "user"),
    "linx.password": Text("senha", "password"),
}
_PLUGGTO_SIGNED_IN = Text("token obtido com as 4 credenciais{who}", "token obtained with the 4 credentials{who}")
_PLUGGTO_ORDERS = plural("GET /orders?limit=1: {n} pedido na conta", "GET /orders?limit=1: {n} pedidos na conta",
                         "GET /orders?limit=1: {n} order in the account",
                         "GET /orders?limit=1: {n} orders in the account")
_LINX_SIGNED_IN = Text("usuário {user} aceito (SearchOrderStatus)", "user {user} accepted (SearchOrderStatus)")
_LINX_STATUSES = plural("SearchOrderStatus: {n} status de pedido na loja",
                        "SearchOrderStatus: {n} status de pedido na loja",
                        "SearchOrderStatus: {n} order status in the store",
                        "SearchOrderStatus: {n} order statuses in the store")
_MANUAL_PROXY = Text("proxy manual {proxy}", "manual proxy {proxy}")
_NO_PROXY = Text("sem proxy", "no proxy")
_SYSTEM_PROXY = Text("proxy do sistema", "system proxy")
_EXCLUSIONS = Text("exceções: {exclusions}", "exclusions: {exclusions}")
_CERTIFICATES = Text("certificados: sistema", "certificates: system")
_CERTIFICATES_AND_FILE = Text("certificados: sistema + {path}", "certificates: system + {path}")


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
    from pluggto_desktop.engine.factory import network_options  # loaded when run: only this call needs the engine

    lang = normalize_language(lang or settings.language)
    network = network if network is not None else network_options(settings, lang)
    started = time.perf_counter()
    values = await asyncio.to_thread(_read_secrets, secrets)
    report = DoctorReport(
        started_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        system=f"{platform.system()} {platform.release()} · Python {platform.python_version()}",
        network=in_both(lambda words_lang: _network_in_words(network, words_lang)),
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


def _network_in_words(network: net.NetworkOptions, lang: str) -> str:
    if network.mode == "manual":
        parts = [_MANUAL_PROXY(lang, proxy=net.hide_credentials(network.proxy) or "?")]
    elif network.mode == "none":
        parts = [_NO_PROXY(lang)]
    else:
        parts = [_SYSTEM_PROXY(lang)]
    if network.exclusions and network.mode != "none":
        parts.append(_EXCLUSIONS(lang, exclusions=", ".join(network.exclusions)))
    if network.extra_ca_file:
        parts.append(_CERTIFICATES_AND_FILE(lang, path=network.extra_ca_file))
    else:
        parts.append(_CERTIFICATES(lang))
    return "; ".join(parts)


def _missing(settings: Settings, secrets: Mapping[str, str], section: str) -> list[str]:
    """The required fields of ``section`` still empty (the settings' rule), but its address."""
    return [path for path in missing_fields(settings, set(secrets))
            if path.startswith(section + ".") and path in _FIELD_NAMES]


def _names(paths: list[str], lang: str, *, pair: bool = False) -> str:
    """The fields in words: "Client ID, senha da API"; with ``pair`` two are joined as a pair
    ("usuário, senha" / "user and password")."""
    names = [_FIELD_NAMES[path](lang) for path in paths]
    if pair and len(names) == 2:
        return _TWO(lang, first=names[0], second=names[1])
    return ", ".join(names)


def _missing_step(words: Text, missing: list[str], *, pair: bool = False) -> Step:
    explanation: Record = in_both(lambda lang: words(lang, names=_names(missing, lang, pair=pair)))
    return Step(AUTH, False, code="config_missing", explanation=explanation)


async def _check_pluggto(settings: Settings, secrets: dict[str, str], network: net.NetworkOptions,
                         timeout: float, report: DoctorReport) -> RemoteReport:
    from pluggto_desktop.pluggto import MemoryTokenStore, PluggtoClient, PluggtoCredentials

    url = settings.pluggto.api_url.strip().rstrip("/")
    remote = RemoteReport("pluggto", url)
    if not is_http_url(url):
        remote.steps.append(config_step("config_url", in_both(
            lambda lang: _BAD_PLUGGTO_URL(lang, url=url or _EMPTY(lang)))))
        return remote
    if not await network_steps(remote, url, network, timeout, report):
        return remote
    missing = _missing(settings, secrets, "pluggto")
    if missing:
        remote.steps += [_missing_step(_PLUGGTO_MISSING, missing), skipped(READ)]
        return remote
    p = settings.pluggto
    credentials = PluggtoCredentials(p.client_id, secrets[PLUGGTO_CLIENT_SECRET], p.username, secrets[PLUGGTO_PASSWORD])
    client = PluggtoClient(url, credentials, MemoryTokenStore(), timeout=timeout_of(timeout), retry_attempts=1,
                           network=network)
    try:
        started = time.perf_counter()
        try:
            await client.authenticate()
        except Exception as exc:  # noqa: BLE001 - every failure is explained
            remote.steps += [why.auth_failure("pluggto", exc, ms_since(started)), skipped(READ)]
            return remote
        who = f" (user_id {client.user_id})" if client.user_id else ""
        remote.steps.append(Step(AUTH, True, ms_since(started), record(_PLUGGTO_SIGNED_IN, who=who)))
        started = time.perf_counter()
        try:
            page = await client.list_orders(limit=1)
        except Exception as exc:  # noqa: BLE001 - every failure is explained
            remote.steps.append(why.read_failure("pluggto", exc, ms_since(started)))
            return remote
        total = page.total if page.total is not None else len(page.orders)
        remote.steps.append(Step(READ, True, ms_since(started), in_both(lambda lang: _PLUGGTO_ORDERS(lang, total))))
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
        remote.steps.append(config_step("config_url", in_both(
            lambda lang: _BAD_LINX_STORE(lang, store=lx.url_or_tenant or _EMPTY(lang)))))
        return remote
    remote = RemoteReport("linx", url)
    if not await network_steps(remote, url, network, timeout, report):
        return remote
    missing = _missing(settings, secrets, "linx")
    if missing:
        remote.steps += [_missing_step(_LINX_MISSING, missing, pair=True), skipped(READ)]
        return remote
    client = LinxClient(url, lx.user, secrets[LINX_PASSWORD], timeout=timeout_of(timeout), retry_attempts=1,
                        network=network)
    try:
        started = time.perf_counter()
        try:
            await client.test_connection()  # SearchOrderStatus with Basic auth
        except Exception as exc:  # noqa: BLE001 - every failure is explained
            remote.steps += [why.auth_failure("linx", exc, ms_since(started)), skipped(READ)]
            return remote
        remote.steps.append(Step(AUTH, True, ms_since(started), record(_LINX_SIGNED_IN, user=lx.user)))
        started = time.perf_counter()
        try:
            page = await client.search_order_statuses(page_size=1)
        except Exception as exc:  # noqa: BLE001 - every failure is explained
            remote.steps.append(why.read_failure("linx", exc, ms_since(started)))
            return remote
        count = page.record_count or 0
        remote.steps.append(Step(READ, True, ms_since(started), in_both(lambda lang: _LINX_STATUSES(lang, count))))
    finally:
        await client.aclose()
    return remote


__all__ = ["STEP_TIMEOUT", "run_doctor"]
