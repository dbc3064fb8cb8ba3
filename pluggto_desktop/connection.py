""""Testar conexão": one real call to each remote, with a message naming what is wrong.

Used by ``setup`` and the setup wizard. Each test builds a short-lived client with the values
being typed (not the saved ones) and never stores anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from pluggto_desktop.errors import BusinessError, ConfigError, CredentialError, SyncError, TransientError
from pluggto_desktop.i18n import pick
from pluggto_desktop.linx.client import LinxClient, resolve_base_url
from pluggto_desktop.pluggto import MemoryTokenStore, PluggtoClient, PluggtoCredentials
from pluggto_desktop.settings import Settings

TEST_TIMEOUT = httpx.Timeout(connect=8.0, read=15.0, write=15.0, pool=15.0)


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
    empty = [name for name, value in (("client_id", p.client_id), ("client_secret", client_secret),
                                      ("username", p.username), ("password", password)) if not value]
    if empty:
        return TestOutcome(False, pick(lang, "Preencha todos os campos da conta Plug.to.",
                                       "Fill in every field of the Plug.to account."), empty)
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
            return TestOutcome(False, pick(
                lang, "O Plug.to recusou o Client ID ou o Client Secret (são o ID e a senha do aplicativo, "
                      "fornecidos pelo Plug.to).",
                "Plug.to refused the Client ID or Client Secret (the app's id and password, given by Plug.to)."),
                ["client_id", "client_secret"])
        return TestOutcome(False, pick(
            lang, "O Plug.to recusou o usuário ou a senha da API. Use a chave e a senha de API do vendedor, "
                  "não o login do painel.",
            "Plug.to refused the API user or password. Use the seller's API key and password, not the panel "
            "login."), ["username", "password"])
    except (TransientError, SyncError) as exc:
        return TestOutcome(False, pick(
            lang, f"Não foi possível falar com o Plug.to em {p.api_url}: {exc}. Verifique o endereço e a internet.",
            f"Could not reach Plug.to at {p.api_url}: {exc}. Check the address and the internet connection."),
            ["api_url"])
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError):
        return TestOutcome(False, pick(lang, f"Endereço da API inválido: {p.api_url}",
                                       f"Invalid API address: {p.api_url}"), ["api_url"])
    finally:
        await client.aclose()
    who = client.user_id
    return TestOutcome(True, pick(lang, "Plug.to: conexão OK.", "Plug.to: connection OK."), user_id=who)


async def test_linx(
    settings: Settings,
    password: str,
    lang: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> TestOutcome:
    """A real ``SearchOrderStatus`` call with the store's integration user."""
    lx = settings.linx
    empty = [name for name, value in (("url_or_tenant", lx.url_or_tenant), ("user", lx.user),
                                      ("password", password)) if not value]
    if empty:
        return TestOutcome(False, pick(lang, "Preencha a loja, o usuário e a senha da Linx Commerce.",
                                       "Fill in the Linx Commerce store, user and password."), empty)
    try:
        url = resolve_base_url(lx.url_or_tenant, lx.homologation)
    except ValueError:
        return TestOutcome(False, pick(
            lang, f"Loja inválida: {lx.url_or_tenant!r}. Informe o nome do ambiente (ex.: minhaloja) ou a URL "
                  "completa começando com https://.",
            f"Invalid store: {lx.url_or_tenant!r}. Type the tenant name (e.g. mystore) or a full URL starting "
            "with https://."), ["url_or_tenant"])
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
            return TestOutcome(False, pick(
                lang, "O usuário de integração existe, mas não tem permissão para a API de pedidos da Linx.",
                "The integration user exists but may not use the Linx orders API."), ["user"])
        return TestOutcome(False, pick(lang, "A Linx Commerce recusou o usuário ou a senha de integração.",
                                       "Linx Commerce refused the integration user or password."),
                           ["user", "password"])
    except BusinessError as exc:
        return TestOutcome(False, pick(lang, f"A Linx Commerce respondeu com erro: {exc.message}",
                                       f"Linx Commerce answered with an error: {exc.message}"), [])
    except SyncError as exc:
        return TestOutcome(False, pick(
            lang, f"Não foi possível falar com a Linx Commerce em {url}: {exc}. Verifique o endereço e a internet.",
            f"Could not reach Linx Commerce at {url}: {exc}. Check the address and the internet connection."),
            ["url_or_tenant"])
    finally:
        await client.aclose()
    return TestOutcome(True, pick(lang, "Linx Commerce: conexão OK.", "Linx Commerce: connection OK."))
