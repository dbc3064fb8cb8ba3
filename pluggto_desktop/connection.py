""""Testar conexão": one real call to each remote, with a message naming what is wrong.

Used by ``setup`` and the setup wizard. Each test builds a short-lived client with the values
being typed (not the saved ones) and never stores anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from pluggto_desktop.errors import BusinessError, ConfigError, CredentialError, SyncError, TransientError
from pluggto_desktop.linx.client import LinxClient, resolve_base_url
from pluggto_desktop.pluggto import MemoryTokenStore, PluggtoClient, PluggtoCredentials
from pluggto_desktop.secret_names import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD
from pluggto_desktop.settings import Settings, missing_fields
from pluggto_desktop.text import Text

TEST_TIMEOUT = httpx.Timeout(connect=8.0, read=15.0, write=15.0, pool=15.0)

_PLUGGTO_INCOMPLETE = Text("Preencha todos os campos da conta Plug.to.", "Fill in every field of the Plug.to account.")
_PLUGGTO_CLIENT_REFUSED = Text(
    "O Plug.to recusou o Client ID ou o Client Secret (são o ID e a senha do aplicativo, fornecidos pelo Plug.to).",
    "Plug.to refused the Client ID or Client Secret (the app's id and password, given by Plug.to).")
_PLUGGTO_USER_REFUSED = Text(
    "O Plug.to recusou o usuário ou a senha da API. Use a chave e a senha de API do vendedor, não o login do painel.",
    "Plug.to refused the API user or password. Use the seller's API key and password, not the panel login.")
_PLUGGTO_UNREACHABLE = Text(
    "Não foi possível falar com o Plug.to em {url}: {error}. Verifique o endereço e a internet.",
    "Could not reach Plug.to at {url}: {error}. Check the address and the internet connection.")
_PLUGGTO_BAD_URL = Text("Endereço da API inválido: {url}", "Invalid API address: {url}")
_PLUGGTO_OK = Text("Plug.to: conexão OK.", "Plug.to: connection OK.")
_LINX_INCOMPLETE = Text("Preencha a loja, o usuário e a senha da Linx Commerce.",
                        "Fill in the Linx Commerce store, user and password.")
_LINX_BAD_STORE = Text(
    "Loja inválida: {store!r}. Informe o nome do ambiente (ex.: minhaloja) ou a URL completa começando com https://.",
    "Invalid store: {store!r}. Type the tenant name (e.g. mystore) or a full URL starting with https://.")
_LINX_NOT_ALLOWED = Text("O usuário de integração existe, mas não tem permissão para a API de pedidos da Linx.",
                         "The integration user exists but may not use the Linx orders API.")
_LINX_REFUSED = Text("A Linx Commerce recusou o usuário ou a senha de integração.",
                     "Linx Commerce refused the integration user or password.")
_LINX_ERROR = Text("A Linx Commerce respondeu com erro: {message}", "Linx Commerce answered with an error: {message}")
_LINX_UNREACHABLE = Text(
    "Não foi possível falar com a Linx Commerce em {url}: {error}. Verifique o endereço e a internet.",
    "Could not reach Linx Commerce at {url}: {error}. Check the address and the internet connection.")
_LINX_OK = Text("Linx Commerce: conexão OK.", "Linx Commerce: connection OK.")


def _empty_fields(settings: Settings, section: str, secrets: dict[str, str]) -> list[str]:
    """The fields of ``section`` a test needs that are empty, by name (``"client_id"``): the
    settings' own rule of required fields (``settings.missing_fields``)."""
    present = {name for name, value in secrets.items() if value}
    return [path.split(".", 1)[1] for path in missing_fields(settings, present)
            if path.startswith(section + ".") and path != "pluggto.api_url"]


@dataclass
class TestOutcome:
    ok: bool
    message: str
    #: the form fields to highlight when it failed (e.g. ["client_id", "client_secret"])
    fields: list[str] = field(default_factory=list)
    user_id: str | None = None

    __test__ = False  # not a pytest test class


async def test_pluggto(
    settings: Settings,
    client_secret: str,
    password: str,
    lang: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> TestOutcome:
    """A real password-grant token request: proves all four credentials at once."""
    p = settings.pluggto
    empty = _empty_fields(settings, "pluggto", {PLUGGTO_CLIENT_SECRET: client_secret, PLUGGTO_PASSWORD: password})
    if empty:
        return TestOutcome(False, _PLUGGTO_INCOMPLETE(lang), empty)
    from pluggto_desktop.engine.factory import network_options

    try:  # the same client factory, proxy and certificates as the engine (net.make_client)
        client = PluggtoClient(
            p.api_url, PluggtoCredentials(p.client_id, client_secret, p.username, password), MemoryTokenStore(),
            transport=transport, timeout=TEST_TIMEOUT, retry_attempts=1, network=network_options(settings, lang),
        )
    except ConfigError as exc:
        return TestOutcome(False, "; ".join(exc.problems), ["extra_ca_file"])
    try:
        await client.authenticate()
    except CredentialError as exc:
        if exc.credential == "client":
            return TestOutcome(False, _PLUGGTO_CLIENT_REFUSED(lang), ["client_id", "client_secret"])
        return TestOutcome(False, _PLUGGTO_USER_REFUSED(lang), ["username", "password"])
    except (TransientError, SyncError) as exc:
        return TestOutcome(False, _PLUGGTO_UNREACHABLE(lang, url=p.api_url, error=exc), ["api_url"])
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError):
        return TestOutcome(False, _PLUGGTO_BAD_URL(lang, url=p.api_url), ["api_url"])
    finally:
        await client.aclose()
    return TestOutcome(True, _PLUGGTO_OK(lang), user_id=client.user_id)


async def test_linx(
    settings: Settings,
    password: str,
    lang: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> TestOutcome:
    """A real ``SearchOrderStatus`` call with the store's integration user."""
    lx = settings.linx
    empty = _empty_fields(settings, "linx", {LINX_PASSWORD: password})
    if empty:
        return TestOutcome(False, _LINX_INCOMPLETE(lang), empty)
    try:
        url = resolve_base_url(lx.url_or_tenant, lx.homologation)
    except ValueError:
        return TestOutcome(False, _LINX_BAD_STORE(lang, store=lx.url_or_tenant), ["url_or_tenant"])
    from pluggto_desktop.engine.factory import network_options

    try:
        client = LinxClient(url, lx.user, password, transport=transport, timeout=TEST_TIMEOUT, retry_attempts=1,
                            network=network_options(settings, lang))
    except ConfigError as exc:
        return TestOutcome(False, "; ".join(exc.problems), ["extra_ca_file"])
    try:
        await client.test_connection()
    except CredentialError as exc:
        if exc.credential == "linx_permission":
            return TestOutcome(False, _LINX_NOT_ALLOWED(lang), ["user"])
        return TestOutcome(False, _LINX_REFUSED(lang), ["user", "password"])
    except BusinessError as exc:
        return TestOutcome(False, _LINX_ERROR(lang, message=exc.message), [])
    except SyncError as exc:
        return TestOutcome(False, _LINX_UNREACHABLE(lang, url=url, error=exc), ["url_or_tenant"])
    finally:
        await client.aclose()
    return TestOutcome(True, _LINX_OK(lang))
