"""The connection doctor names the step that fails, and says in plain words what to do."""

from __future__ import annotations

import json
import ssl
from datetime import UTC
from pathlib import Path

import pytest

from pluggto_desktop.asgi_server import RunningServer
from pluggto_desktop.doctor import (
    AUTH,
    DNS,
    HTTP,
    PROXY,
    READ,
    TCP,
    TLS,
    DoctorReport,
    load_report,
    run_doctor,
)
from pluggto_desktop.doctor.explanations import tls_explanation
from pluggto_desktop.doctor.probes import clock_looks_wrong
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD
from pluggto_desktop.settings import Settings
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.linx_sim import LinxSimulator
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator
from tests.support.fake_proxy import refusing_proxy
from tests.support.settings import configured_settings
from tests.support.tls import https_server, make_pki

pytestmark = pytest.mark.anyio

SECRETS = {PLUGGTO_CLIENT_SECRET: pluggto_sim.DEMO_CLIENT_SECRET, PLUGGTO_PASSWORD: pluggto_sim.DEMO_PASSWORD,
           LINX_PASSWORD: linx_sim.DEMO_PASSWORD}


def configured(pluggto_url: str = "http://127.0.0.1:9", linx_url: str = "http://127.0.0.1:9") -> Settings:
    settings = configured_settings()
    settings.pluggto.api_url = pluggto_url
    settings.linx.url_or_tenant = linx_url
    return settings


def names(remote) -> list[tuple[str, bool | None]]:
    return [(step.name, step.ok) for step in remote.steps]


@pytest.fixture
async def servers():
    async with RunningServer(PluggtoSimulator(seed=4)) as pluggto, RunningServer(LinxSimulator(seed=4)) as linx:
        yield pluggto, linx


async def test_everything_passes_against_the_simulators_and_the_report_is_kept(servers, profile: Profile) -> None:
    pluggto, linx = servers
    report = await run_doctor(configured(pluggto.url, linx.url), SECRETS, profile=profile)
    assert report.ok, report.as_text("en")
    for remote in report.remotes:
        assert names(remote) == [(DNS, True), (TCP, True), (TLS, None), (HTTP, True), (AUTH, True), (READ, True)]
        assert all(step.ms is not None for step in remote.steps if step.ok)
        assert "http://" in remote.step(TLS).detail_in("pt_BR")  # skipped with a note, not failed
        assert remote.proxy["pt_BR"].startswith("conexão direta")

    text = report.as_text("pt_BR")
    assert "✓ Autenticação" in text and "Leitura de dados" in text and "Resultado: OK" in text
    assert "Plug.to — " + pluggto.url in text and "Linx Commerce — " + linx.url in text
    assert "✓ Authentication" in report.as_text("en")
    for secret in SECRETS.values():
        assert secret not in text and secret not in json.dumps(report.to_dict())

    kept = load_report(profile)
    assert kept is not None and kept.as_text("en") == report.as_text("en")
    assert DoctorReport.from_dict(json.loads(json.dumps(report.to_dict()))).to_dict() == report.to_dict()


async def test_nothing_listening_fails_the_tcp_step() -> None:
    report = await run_doctor(configured(), SECRETS, remotes=("linx",))
    linx = report.remote("linx")
    assert linx.failed_step.name == TCP and linx.failed_step.code == "tcp_refused"
    assert "127.0.0.1:9 recusou a conexão" in linx.failed_step.explanation_in("pt_BR")
    assert names(linx)[2:] == [(TLS, None), (HTTP, None), (AUTH, None), (READ, None)]  # not tested
    assert not report.ok


async def test_a_name_that_does_not_resolve_fails_the_dns_step() -> None:
    report = await run_doctor(configured("https://nao-existe.invalid"), SECRETS, remotes=("pluggto",))
    step = report.remote("pluggto").failed_step
    assert step.name == DNS and step.code in ("dns_not_found", "dns_timeout")
    assert "verifique a internet ou se o firewall bloqueia DNS" in step.explanation_in("pt_BR")
    assert "firewall blocks DNS" in step.explanation_in("en")


async def test_an_untrusted_certificate_is_explained_as_https_inspection(tmp_path: Path) -> None:
    pki = make_pki(tmp_path / "pki")
    async with https_server(PluggtoSimulator(seed=1), pki) as url:
        settings = configured(url)
        report = await run_doctor(settings, SECRETS, remotes=("pluggto",))
        step = report.remote("pluggto").failed_step
        assert step.name == TLS and step.code == "tls_untrusted"
        explanation = step.explanation_in("pt_BR")
        assert "um antivírus ou proxy está inspecionando o HTTPS" in explanation
        assert "Suporte → Rede" in explanation and "Inspecao HTTPS de Teste Root CA" in explanation
        assert "Inspecao HTTPS de Teste Root CA" in step.detail_in("en")  # the issuer seen, for support

        settings.network.extra_ca_file = str(pki.ca_file)  # the user adds the antivirus' root
        report = await run_doctor(settings, SECRETS, remotes=("pluggto",))
        remote = report.remote("pluggto")
        assert report.ok, report.as_text("en")
        assert "certificado extra" in remote.step(TLS).detail_in("pt_BR")


async def test_a_certificate_outside_its_dates_with_a_right_clock_is_not_blamed_on_the_clock(tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    pki = make_pki(tmp_path / "pki", not_before=datetime.now(UTC) + timedelta(days=3))
    async with https_server(PluggtoSimulator(seed=1), pki) as url:
        settings = configured(url)
        settings.network.extra_ca_file = str(pki.ca_file)
        report = await run_doctor(settings, SECRETS, remotes=("pluggto",))
    step = report.remote("pluggto").failed_step
    assert step.name == TLS and step.code == "tls_validity"
    assert abs(report.clock["skew_s"]) < 60  # the server's Date header says our clock is right


def test_a_wrong_clock_is_named_when_the_certificate_dates_fail() -> None:
    error = ssl.SSLCertVerificationError(1, "certificate verify failed: certificate has expired")
    error.verify_code = 10
    error.verify_message = "certificate has expired"
    code, text = tls_explanation(error, "api.plugg.to", 443, {"clock_wrong": True, "server_time": "01/02/2026 10:00"})
    assert code == "tls_clock"
    assert "relógio deste computador parece errado" in text["pt_BR"] and "01/02/2026 10:00" in text["pt_BR"]
    assert clock_looks_wrong({"skew_s": 3 * 86400}) is True
    assert clock_looks_wrong({"skew_s": 12.0}) is False


@pytest.mark.parametrize(("secret", "code", "named"), [
    (PLUGGTO_PASSWORD, "auth_user", "senha da API"),
    (PLUGGTO_CLIENT_SECRET, "auth_client", "Client Secret"),
])
async def test_wrong_plugto_credentials_fail_the_auth_step_naming_them(servers, secret, code, named) -> None:
    pluggto, linx = servers
    report = await run_doctor(configured(pluggto.url, linx.url), {**SECRETS, secret: "errada-123"})
    remote = report.remote("pluggto")
    assert remote.failed_step.name == AUTH and remote.failed_step.code == code
    assert named in remote.failed_step.explanation_in("pt_BR")
    assert remote.step(READ).ok is None
    assert report.remote("linx").ok  # the other remote is checked all the same
    assert "errada-123" not in report.as_text("pt_BR")


async def test_wrong_linx_password_fails_the_auth_step(servers) -> None:
    pluggto, linx = servers
    report = await run_doctor(configured(pluggto.url, linx.url), {**SECRETS, LINX_PASSWORD: "errada-456"},
                              remotes=("linx",))
    step = report.remote("linx").failed_step
    assert step.name == AUTH and step.code == "auth_linx"
    assert "usuário ou a senha de integração" in step.explanation_in("pt_BR")


async def test_missing_credentials_are_a_config_problem(servers) -> None:
    pluggto, linx = servers
    report = await run_doctor(configured(pluggto.url, linx.url), {}, remotes=("pluggto",))
    step = report.remote("pluggto").failed_step
    assert step.name == AUTH and step.code == "config_missing" and report.config_problem
    assert "Client Secret" in step.explanation_in("pt_BR") and "senha da API" in step.explanation_in("pt_BR")


@pytest.mark.parametrize("target", ["http://pluggto.example", "https://api.plugg.to"])
async def test_a_proxy_asking_for_a_password_fails_the_proxy_step(target: str) -> None:
    async with refusing_proxy() as proxy:
        settings = configured(target)
        settings.network.proxy_mode = "manual"
        settings.network.proxy_url = proxy.url
        report = await run_doctor(settings, SECRETS, remotes=("pluggto",))
    remote = report.remote("pluggto")
    assert names(remote)[:3] == [(DNS, True), (TCP, True), (PROXY, False)]
    step = remote.failed_step
    assert step.code == "proxy_auth" and "HTTP 407" in step.detail_in("pt_BR")
    assert "O proxy" in step.explanation_in("pt_BR") and "usuário e senha" in step.explanation_in("pt_BR")
    assert remote.proxy["en"] == f"proxy {proxy.url} (manual)"
    expected = ("CONNECT api.plugg.to:443 HTTP/1.1" if target.startswith("https")
                else "HEAD http://pluggto.example:80/ HTTP/1.1")
    assert proxy.requests == [expected]


async def test_a_proxy_on_a_closed_port_fails_the_tcp_step_naming_the_proxy() -> None:
    settings = configured("https://api.plugg.to")
    settings.network.proxy_mode = "manual"
    settings.network.proxy_url = "http://127.0.0.1:9"
    report = await run_doctor(settings, SECRETS, remotes=("pluggto",))
    step = report.remote("pluggto").failed_step
    assert step.name == TCP and step.code == "proxy_refused"
    assert "O proxy 127.0.0.1:9 recusou a conexão" in step.explanation_in("pt_BR")
    assert "The proxy 127.0.0.1:9 refused the connection" in step.explanation_in("en")


async def test_a_bad_extra_ca_file_is_a_config_problem(tmp_path: Path) -> None:
    settings = configured("https://api.plugg.to")
    settings.network.extra_ca_file = str(tmp_path / "nao-existe.pem")
    report = await run_doctor(settings, SECRETS, remotes=("pluggto",))
    step = report.remote("pluggto").failed_step
    assert step.code == "config_ca" and report.config_problem
    assert "não foi encontrado" in step.explanation_in("pt_BR")


async def test_invalid_addresses_are_config_problems() -> None:
    settings = configured("not a url", "")
    report = await run_doctor(settings, SECRETS)
    assert [r.failed_step.code for r in report.remotes] == ["config_url", "config_url"]
    assert "Configurações → Plug.to" in report.remote("pluggto").failed_step.explanation_in("pt_BR")
