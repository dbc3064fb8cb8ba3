"""Network settings reach every HTTP client: proxy modes and exclusions, the OS trust store + extra CA."""

from __future__ import annotations

import ast
import logging
import ssl
from pathlib import Path

import httpx
import pytest

from pluggto_desktop import connection, net
from pluggto_desktop.asgi_server import RunningServer
from pluggto_desktop.engine.factory import build_runtime, network_options
from pluggto_desktop.errors import ConfigError, TransientError
from pluggto_desktop.linx.client import LinxClient
from pluggto_desktop.net import NetworkOptions, host_matches, make_client
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.settings import Settings, validate
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.linx_sim import LinxSimulator
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator
from tests.support.fake_proxy import refusing_proxy
from tests.support.tls import https_server, make_pki

PACKAGE = Path(__file__).resolve().parents[2] / "pluggto_desktop"


# -- exclusions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("host", "pattern", "expected"), [
    ("api.plugg.to", "api.plugg.to", True),
    ("API.Plugg.To.", "api.plugg.to", True),  # case and a trailing dot do not matter
    ("x.api.plugg.to", "api.plugg.to", True),  # a host name covers its subdomains (as NO_PROXY)
    ("notapi.plugg.to", "api.plugg.to", False),
    ("a.corp.local", "*.corp.local", True),
    ("corp.local", "*.corp.local", True),
    ("corp.local.evil.com", "*.corp.local", False),
    ("b.corp.local", ".corp.local", True),
    ("10.1.2.3", "10.0.0.0/8", True),
    ("11.1.2.3", "10.0.0.0/8", False),
    ("192.168.0.7", "192.168.*", True),  # Windows bypass-list wildcard
    ("192.168.0.7", "192.168.0.7", True),
    ("192.168.0.8", "192.168.0.7", False),
    ("fd00::1", "fd00::/8", True),
    ("intranet", "<local>", True),  # Windows: names without a dot
    ("intranet.corp", "<local>", False),
    ("store.example", "https://store.example:8443/", True),  # scheme, port and path are ignored
    ("anything.example", "*", True),
    ("api.plugg.to", "", False),
])
def test_exclusion_patterns(host: str, pattern: str, expected: bool) -> None:
    assert host_matches(host, pattern) is expected


def test_manual_proxy_is_used_except_for_loopback_and_the_listed_hosts() -> None:
    options = NetworkOptions(mode="manual", proxy="http://proxy.corp:3128", exclusions=("*.corp.local", "10.0.0.0/8"))
    assert options.proxy_for("https://api.plugg.to/orders") == "http://proxy.corp:3128"
    assert options.proxy_for("https://minhaloja.layer.core.dcg.com.br") == "http://proxy.corp:3128"
    for direct in ("https://erp.corp.local", "http://10.20.30.40:8080", "http://127.0.0.1:8101",
                   "http://localhost:8787", "http://[::1]:9000", "http://app.localhost"):
        assert options.proxy_for(direct) is None, direct


def test_no_proxy_mode_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://env-proxy:8080")
    assert NetworkOptions(mode="none").proxy_for("https://api.plugg.to") is None
    assert NetworkOptions(mode="manual", proxy=None).proxy_for("https://api.plugg.to") is None


def test_system_mode_honours_the_environment_and_applies_both_bypass_lists(monkeypatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://env-proxy:8080")
    monkeypatch.setenv("HTTP_PROXY", "env-proxy:8081")  # no scheme: http is assumed
    monkeypatch.setenv("NO_PROXY", "intranet.example,.internal")
    options = NetworkOptions(mode="system", exclusions=("linx.corp",))
    assert options.proxy_for("https://api.plugg.to") == "http://env-proxy:8080"
    assert options.proxy_for("http://api.plugg.to") == "http://env-proxy:8081"
    assert options.proxy_for("https://intranet.example") is None  # the system's list (NO_PROXY)
    assert options.proxy_for("https://db.internal") is None
    assert options.proxy_for("https://shop.linx.corp") is None  # the user's list, in system mode too
    assert options.proxy_for("http://127.0.0.1:8101") is None


def test_system_bypass_lists_httpx_ignores_are_applied_here() -> None:
    """The Windows registry / macOS lists (encode/httpx#1536), as the OS reader hands them over."""
    options = NetworkOptions(mode="system", system_proxies={"https": "http://wpad.corp:8080"},
                             system_exclusions=("*.intranet", "<local>", "172.16.*"))
    assert options.proxy_for("https://api.plugg.to") == "http://wpad.corp:8080"
    assert options.proxy_for("https://loja.intranet") is None
    assert options.proxy_for("https://fileserver") is None
    assert options.proxy_for("https://172.16.4.2") is None


def test_network_options_follow_the_settings() -> None:
    settings = Settings()
    settings.network.proxy_mode = "manual"
    settings.network.proxy_url = " http://proxy.corp:3128 "
    settings.network.proxy_exclusions = ["erp.local", " "]
    settings.network.extra_ca_file = "/certs/root.pem"
    options = network_options(settings)
    assert (options.mode, options.proxy, options.exclusions, options.extra_ca_file) == (
        "manual", "http://proxy.corp:3128", ("erp.local",), "/certs/root.pem")


# -- requests really go where the options say -----------------------------------------------------


@pytest.mark.anyio
async def test_requests_go_through_the_proxy_unless_excluded() -> None:
    async with refusing_proxy() as proxy:
        options = NetworkOptions(mode="manual", proxy=proxy.url)
        async with make_client("http://pluggto.example", network=options) as client:
            response = await client.get("/orders")
        assert response.status_code == 407
        assert proxy.requests == ["GET http://pluggto.example/orders HTTP/1.1"]

        excluded = NetworkOptions(mode="manual", proxy=proxy.url, exclusions=("pluggto.example",))
        async with make_client("http://pluggto.example", network=excluded) as client:
            with pytest.raises(httpx.ConnectError):  # went direct: the name does not resolve
                await client.get("/orders")
        assert len(proxy.requests) == 1  # the proxy saw nothing more

        sim = PluggtoSimulator(seed=1)
        async with RunningServer(sim) as server, make_client(server.url, network=options) as client:
            response = await client.get("/orders")  # loopback: always direct
        assert response.status_code == 401  # the simulator answered (no token), not the proxy
        assert len(proxy.requests) == 1


def test_each_client_logs_its_proxy_without_credentials(caplog: pytest.LogCaptureFixture) -> None:
    options = NetworkOptions(mode="manual", proxy="http://joao:Senha-Do-Proxy-9@proxy.corp:3128")
    with caplog.at_level(logging.INFO, logger="pluggto_desktop.net"):
        make_client("https://api.plugg.to", network=options)
        make_client("http://127.0.0.1:9", network=options)
    assert "https://api.plugg.to: proxy http://proxy.corp:3128 (manual)" in caplog.text
    assert "http://127.0.0.1:9: direct connection (address in the proxy exclusions)" in caplog.text
    assert "Senha-Do-Proxy-9" not in caplog.text and "joao" not in caplog.text


def test_every_client_is_made_by_make_client() -> None:
    """No module but net.py builds an httpx client (the simulators' notifier is exempt)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in ("net.py", "simulator/notifier.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "AsyncClient", "Client", "AsyncHTTPTransport", "HTTPTransport"):
                offenders.append(f"{relative}:{node.lineno}")
    assert offenders == []


@pytest.mark.anyio
async def test_engine_connection_test_and_doctor_clients_all_get_the_settings_network(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[NetworkOptions | None] = []
    original = net.make_client

    def spy(base_url, **kwargs):
        seen.append(kwargs.get("network"))
        return original(base_url, **kwargs)

    monkeypatch.setattr(net, "make_client", spy)
    from pluggto_desktop.doctor import run_doctor

    async with RunningServer(PluggtoSimulator(seed=1)) as pluggto, RunningServer(LinxSimulator(seed=1)) as linx:
        settings = _configured(pluggto.url, linx.url)
        settings.network.proxy_mode = "manual"
        settings.network.proxy_url = "http://proxy.corp:3128"
        settings.network.proxy_exclusions = ["erp.corp"]
        profile = Profile(tmp_path / "p")
        runtime = build_runtime(profile, settings, _secrets(profile))
        await runtime.aclose()
        assert len(seen) == 2  # the engine's Plug.to and Linx clients
        assert (await connection.test_pluggto(settings, pluggto_sim.DEMO_CLIENT_SECRET, pluggto_sim.DEMO_PASSWORD,
                                              "en")).ok
        assert (await connection.test_linx(settings, linx_sim.DEMO_PASSWORD, "en")).ok
        assert len(seen) == 4
        report = await run_doctor(settings, _secrets(profile), timeout=5)
        assert report.ok, report.as_text("en")
    assert len(seen) == 8  # the doctor: an HTTP check and an API client per remote
    assert all(o is not None and (o.mode, o.proxy, o.exclusions) == ("manual", "http://proxy.corp:3128", ("erp.corp",))
               for o in seen)


# -- TLS: the system's store, plus the extra CA file ------------------------------------------------


def test_tls_context_is_the_operating_systems_trust_store() -> None:
    import truststore

    assert isinstance(NetworkOptions().ssl_context(), truststore.SSLContext)


def test_extra_ca_file_is_checked_in_settings_and_by_the_client_factory(tmp_path: Path) -> None:
    pki = make_pki(tmp_path / "pki")
    settings = Settings()
    settings.network.extra_ca_file = str(pki.ca_file)
    assert validate(settings, "en") == []
    der = tmp_path / "root.cer"  # Windows' "export certificate" default format
    der.write_bytes(ssl.PEM_cert_to_DER_cert(pki.ca_file.read_text()))
    settings.network.extra_ca_file = str(der)
    assert validate(settings, "en") == []

    garbage = tmp_path / "not-a-cert.pem"
    garbage.write_text("this is not a certificate\n")
    settings.network.extra_ca_file = str(garbage)
    assert validate(settings, "pt_BR") == [
        f"network.extra_ca_file: o arquivo {garbage} não contém um certificado válido; use o certificado raiz "
        "(.pem, .crt ou .cer) exportado do antivírus ou do proxy"]
    assert validate(settings, "en")[0].startswith(f"network.extra_ca_file: {garbage} holds no valid certificate")
    with pytest.raises(ConfigError) as error:
        make_client("https://api.plugg.to", network=network_options(settings, "en"))
    assert "holds no valid certificate" in str(error.value)

    missing = tmp_path / "gone.pem"  # not refused when saved (a drive not mounted yet) …
    settings.network.extra_ca_file = str(missing)
    assert validate(settings, "en") == []
    with pytest.raises(ConfigError) as error:  # … but no client starts without it
        make_client("https://api.plugg.to", network=network_options(settings, "pt_BR"))
    assert f"o arquivo de certificado {missing} não foi encontrado" in str(error.value)
    _fill(settings)
    profile = Profile(tmp_path / "profile")
    with pytest.raises(ConfigError) as error:  # the engine says so: service.config_problems / `sync`
        build_runtime(profile, settings, _secrets(profile), lang="en")
    assert error.value.problems == [f"network.extra_ca_file: the certificate file {missing} was not found; pick "
                                    "the file again or leave the field empty"]


@pytest.mark.anyio
async def test_engine_clients_verify_against_the_extra_ca(tmp_path: Path) -> None:
    """The TLS server plays an antivirus inspecting HTTPS: its root is unknown to the system."""
    pki = make_pki(tmp_path / "pki")
    async with https_server(PluggtoSimulator(seed=1), pki) as pluggto_url, \
            https_server(LinxSimulator(seed=1), pki) as linx_url:
        settings = _configured(pluggto_url, linx_url)
        profile = Profile(tmp_path / "profile")

        runtime = build_runtime(profile, settings, _secrets(profile))
        try:
            with pytest.raises(TransientError):
                await runtime.pluggto.authenticate()
            with pytest.raises(TransientError):
                await runtime.linx.test_connection()
        finally:
            await runtime.aclose()

        settings.network.extra_ca_file = str(pki.ca_file)
        runtime = build_runtime(profile, settings, _secrets(profile))
        try:
            await runtime.pluggto.authenticate()
            await runtime.linx.test_connection()
        finally:
            await runtime.aclose()

        assert (await connection.test_pluggto(settings, pluggto_sim.DEMO_CLIENT_SECRET, pluggto_sim.DEMO_PASSWORD,
                                              "en")).ok
        assert (await connection.test_linx(settings, linx_sim.DEMO_PASSWORD, "en")).ok


@pytest.mark.anyio
async def test_a_client_without_settings_still_uses_the_system_store(tmp_path: Path) -> None:
    pki = make_pki(tmp_path / "pki")
    async with https_server(LinxSimulator(seed=1), pki) as url:
        client = LinxClient(url, linx_sim.DEMO_USER, linx_sim.DEMO_PASSWORD, retry_attempts=1)
        try:
            with pytest.raises(TransientError):  # certifi would not know the root either; truststore does not
                await client.test_connection()
        finally:
            await client.aclose()


# -- helpers ------------------------------------------------------------------------------------------


def _configured(pluggto_url: str, linx_url: str) -> Settings:
    settings = Settings()
    _fill(settings)
    settings.pluggto.api_url = pluggto_url
    settings.linx.url_or_tenant = linx_url
    return settings


def _fill(settings: Settings) -> None:
    settings.pluggto.api_url = "https://api.plugg.to"
    settings.pluggto.client_id = pluggto_sim.DEMO_CLIENT_ID
    settings.pluggto.username = pluggto_sim.DEMO_USERNAME
    settings.linx.url_or_tenant = "minhaloja"
    settings.linx.user = linx_sim.DEMO_USER
    settings.channel.website_id = 1
    settings.channel.fallback_cnpj = "12ABC34501DE35"
    settings.channel.state = "active"
    settings.engine.listener_enabled = False
    settings.ui.language = "en"


def _secrets(profile: Profile) -> SecretStore:
    secrets = SecretStore.in_memory(profile.profile_id)
    secrets.set(PLUGGTO_CLIENT_SECRET, pluggto_sim.DEMO_CLIENT_SECRET)
    secrets.set(PLUGGTO_PASSWORD, pluggto_sim.DEMO_PASSWORD)
    secrets.set(LINX_PASSWORD, linx_sim.DEMO_PASSWORD)
    return secrets
