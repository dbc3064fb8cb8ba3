"""The diagnostics bundle after a real run: it holds what it promises and nothing it must not.

A full simulated run — the engine against both simulators served on loopback, through the app's
own HTTP clients, with orders that integrate and orders that need attention (unknown SKU), the
secrets in the vault, tokens issued and a refresh token stored, the connection doctor run — and
then the bundle is written, unzipped and searched: no secret, no token and no buyer's CPF/CNPJ,
e-mail, phone or street may appear in any file, with and without the order payloads.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

from pluggto_desktop import logs
from pluggto_desktop.asgi_server import RunningServer
from pluggto_desktop.diagnostics import build_bundle, build_bundle_async, is_sensitive_key, redact_payload
from pluggto_desktop.doctor import run_doctor
from pluggto_desktop.engine.factory import build_runtime
from pluggto_desktop.engine.listener import new_token
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import (
    LINX_PASSWORD,
    PLUGGTO_CLIENT_SECRET,
    PLUGGTO_PASSWORD,
    PLUGGTO_REFRESH_TOKEN,
    SecretStore,
)
from pluggto_desktop.settings import Settings
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.catalogue import UNKNOWN_SKU
from pluggto_desktop.simulator.linx_sim import LinxSimulator
from pluggto_desktop.simulator.orders_gen import generate_order, generate_orders
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator
from pluggto_desktop.store.jobs import AsyncStore

CLIENT_SECRET = "cs-Diag+Secret/77=xyz"
API_PASSWORD = "api-Pw-Diag#2026&segredo"
LINX_PW = "linx-Senha-Diag!9031"
CLIENT_ID = "ab12cd34ef56ab78cd90ef12ab34cd56"


@dataclass
class Scenario:
    profile: Profile
    settings: Settings
    secrets: SecretStore
    pluggto: PluggtoSimulator
    tokens: list[str] = field(default_factory=list)
    attention: int = 0

    def forbidden(self) -> dict[str, str]:
        """Every value that must not leave the computer, by what it is."""
        values: dict[str, str] = {}
        for name, secret in ((PLUGGTO_CLIENT_SECRET, CLIENT_SECRET), (PLUGGTO_PASSWORD, API_PASSWORD),
                             (LINX_PASSWORD, LINX_PW)):
            values[secret] = name
            values[quote_plus(secret)] = f"{name} (URL-encoded)"
        for token in self.tokens:
            values[token] = "token"
        refresh = self.secrets.get(PLUGGTO_REFRESH_TOKEN)
        assert refresh, "the run stored a refresh token"
        values[refresh] = "stored refresh token"
        values[self.settings.engine.listener_token] = "listener token (the secret path segment)"
        for order in self.pluggto.orders.values():
            for key in ("payer_cpf", "receiver_cpf", "payer_cnpj", "payer_tax_id", "payer_email", "receiver_email",
                        "payer_address", "receiver_address", "payer_zipcode", "receiver_zipcode"):
                if order.get(key):
                    values[str(order[key])] = key
            for who in ("payer", "receiver"):
                phone, area = str(order.get(f"{who}_phone") or ""), str(order.get(f"{who}_phone_area") or "")
                if phone:
                    values[phone] = f"{who}_phone"
                    values[f"{area}{phone}"] = f"{who}_phone with area code"
        return values


@pytest.fixture
async def scenario(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_logging) -> Scenario:
    issued: list[str] = []
    make_token = pluggto_sim._hex40

    def recording() -> str:
        issued.append(make_token())
        return issued[-1]

    monkeypatch.setattr(pluggto_sim, "_hex40", recording)
    pluggto = PluggtoSimulator(seed=8, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, password=API_PASSWORD)
    linx = LinxSimulator(seed=8, password=LINX_PW)
    now = datetime.now(UTC)
    orders = generate_orders(30, seed=8, start=now - timedelta(hours=3), interval=timedelta(minutes=5),
                             status_weights={"approved": 1.0}, unknown_sku_share=0.1)
    orders.append(generate_order(seed=8, index=99, start=now - timedelta(minutes=20), status="approved",
                                 skus=[UNKNOWN_SKU]))
    pluggto.add_orders(orders, touch=True)
    assert any(o.get("payer_cnpj") for o in pluggto.orders.values()), "some buyer is a company"

    profile = Profile(tmp_path / "profile").ensure()
    logs.setup_logging(profile, level="DEBUG")
    secrets = SecretStore(profile.profile_id)  # the (in-memory) system vault
    assert secrets.persistent
    for name, value in ((PLUGGTO_CLIENT_SECRET, CLIENT_SECRET), (PLUGGTO_PASSWORD, API_PASSWORD),
                        (LINX_PASSWORD, LINX_PW)):
        secrets.set(name, value)

    async with RunningServer(pluggto) as pluggto_server, RunningServer(linx) as linx_server:
        settings = Settings()
        settings.pluggto.api_url = pluggto_server.url
        settings.pluggto.client_id = CLIENT_ID
        settings.pluggto.username = pluggto_sim.DEMO_USERNAME
        settings.linx.url_or_tenant = linx_server.url
        settings.linx.user = linx_sim.DEMO_USER
        settings.channel.website_id = 1
        settings.channel.order_queue_id = linx_sim.DEFAULT_ORDER_QUEUE_ID
        settings.channel.product_queue_id = linx_sim.DEFAULT_PRODUCT_QUEUE_ID
        settings.channel.fallback_cnpj = "12ABC34501DE35"
        settings.channel.state = "active"
        settings.engine.listener_enabled = False
        settings.engine.listener_token = new_token()  # made at setup; `status` shows its path
        settings.ui.language = "pt_BR"

        runtime = build_runtime(profile, settings, secrets)
        try:
            summary = await runtime.engine.run_once()
        finally:
            await runtime.aclose()
        assert summary.credential_error is None and summary.poll_error is None
        report = await run_doctor(settings, secrets, profile=profile)
        assert report.ok, report.as_text("en")

    # A careless line that reached the files around the redacting filter: the bundle redacts again.
    buyer = next(o for o in pluggto.orders.values() if o.get("payer_cpf"))
    stamp = datetime.now().astimezone().isoformat(timespec="milliseconds")
    with open(logs.log_file_path(profile), "a", encoding="utf-8") as handle:
        handle.write(f"{stamp} ERROR   test.leak: client_secret={CLIENT_SECRET} password: {API_PASSWORD} "
                     f"Authorization: Bearer {issued[0]} cpf {buyer['payer_cpf']} mail {buyer['payer_email']} "
                     f"fone ({buyer['payer_phone_area']}) {buyer['payer_phone'][:5]}-{buyer['payer_phone'][5:]} "
                     f"POST /pluggto/notifications/{settings.engine.listener_token}\n")
        handle.write(f"2001-01-01T00:00:00.000+00:00 INFO    test.old: a line from long ago {LINX_PW}\n")
    with open(profile.logs_dir / logs.ACTIVITY_FILE_NAME, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"at": datetime.now(UTC).isoformat(), "level": "error", "code": "leak",
                                 "message_pt": f"comprador {buyer['payer_email']} cpf {buyer['payer_cpf']}",
                                 "message_en": f"buyer {buyer['payer_email']}", "refs": {}}) + "\n")
    return Scenario(profile, settings, secrets, pluggto, issued, summary.counts.get("needs_attention", 0))


def unzip(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name.split("/", 1)[1]: archive.read(name).decode("utf-8") for name in archive.namelist()}


def assert_clean(files: dict[str, str], forbidden: dict[str, str]) -> None:
    leaks = [f"{what} in {name}" for name, text in files.items() for value, what in forbidden.items()
             if value and value in text]
    assert leaks == []


@pytest.mark.anyio
@pytest.mark.parametrize("include_payloads", [False, True])
async def test_bundle_after_a_full_run_holds_no_secret_token_or_buyer_data(
        scenario: Scenario, tmp_path: Path, include_payloads: bool) -> None:
    assert scenario.attention >= 1 and len(scenario.tokens) >= 4
    store = AsyncStore(scenario.profile.database_path)
    try:
        bundle = await build_bundle_async(scenario.profile, scenario.settings, scenario.secrets, store,
                                          include_payloads=include_payloads, lang="pt_BR")
    finally:
        await store.aclose()
    written = bundle.write_zip(tmp_path / "diagnostico.zip")
    files = unzip(written)
    assert_clean(files, scenario.forbidden())

    # -- what it promises ---------------------------------------------------------------------
    assert {"LEIA-ME.txt", "system.json", "password-vault.json", "settings.json", "queue.json", "attention.json",
            "connection-check.txt", "connection-check.json", "logs/pluggto-desktop.log",
            "logs/activity.jsonl"} <= set(files)
    preview = {item.name: item for item in bundle.preview("pt_BR")}
    assert set(preview) == set(files)
    assert all(preview[name].size == len(files[name].encode("utf-8")) and preview[name].description
               for name in files)

    queue = json.loads(files["queue.json"])
    assert queue["jobs"]["orders"]["needs_attention"] == scenario.attention
    assert queue["jobs"]["orders"]["integrated"] >= 20 and queue["last_poll"]

    attention = json.loads(files["attention.json"])
    assert len(attention) == scenario.attention
    unknown = [job for job in attention if job["reason"]["code"] == "unknown_sku"]
    assert unknown and all(UNKNOWN_SKU in job["reason"]["message"] + json.dumps(job["reason"]["params"])
                           for job in unknown)
    assert all(job["reason"]["what_to_do"] and job["timeline"] and job["buyer_name"] for job in attention)

    system = json.loads(files["system.json"])
    assert system["app"]["version"] and system["python"]["version"] and system["os"]["system"]
    assert system["qt"] is None or system["qt"]["pyside6"]
    vault = json.loads(files["password-vault.json"])
    assert vault["backend"].endswith("MemoryKeyring") and vault["round_trip"] == "ok"
    assert set(vault["stored"]) >= {PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, LINX_PASSWORD}  # names only

    settings = json.loads(files["settings.json"])["settings"]
    assert settings["pluggto"]["client_id"] == "ab12…56" and CLIENT_ID not in "".join(files.values())
    assert settings["linx"]["url_or_tenant"] == scenario.settings.linx.url_or_tenant

    assert "Plug.to" in files["connection-check.txt"] and "✓ Autenticação" in files["connection-check.txt"]
    assert json.loads(files["connection-check.json"])["ok"] is True

    log_text = files["logs/pluggto-desktop.log"]
    assert "HTTP client for" in log_text and "test.leak" in log_text
    assert "[secret]" in log_text and "[token]" in log_text and "[cpf]" in log_text and "[email]" in log_text
    assert "a line from long ago" not in log_text  # older than 7 days
    activity = [json.loads(line) for line in files["logs/activity.jsonl"].splitlines()]
    assert any(entry["code"] == "leak" and "[email]" in entry["message_pt"] for entry in activity)
    assert any(entry["level"] == "error" for entry in activity if entry["code"] != "leak")

    payload_files = sorted(name for name in files if name.startswith("payloads/"))
    if not include_payloads:
        assert payload_files == [] and "não incluídos" in files["LEIA-ME.txt"]
        return
    assert len(payload_files) == scenario.attention
    sample = json.loads(files[payload_files[0]])["payloads"]
    order = sample["pluggto"]
    assert order["payer_email"] == order["payer_cpf"] or order["payer_cpf"] in (None, "[redacted]")
    assert order["payer_email"] == "[redacted]" and order["receiver_address"] == "[redacted]"
    assert order["payer_name"] and order["payer_name"] != "[redacted]"  # names are fine
    assert order["items"] and order["channel"]
    sent = sample.get("linx_request") or {}
    if sent:
        assert sent["CustomerEmail"] == sent["CustomerPhone"] == "[redacted]"
        assert sent["CustomerCPF"] in (None, "[redacted]") and sent["CustomerCNPJ"] in (None, "[redacted]")
        assert sent["CustomerName"] != "[redacted]"
        assert all(a["ContactPhone"] in (None, "[redacted]") and a["PostalCode"] == "[redacted]"
                   for a in sent["Addresses"])
        assert all(a["AddressLine"] == "[redacted]" and a["Number"] == "[redacted]" and a["City"]
                   and a["AddressType"] != "[redacted]" for a in sent["Addresses"])


def test_bundle_without_a_database_or_readable_settings_still_says_why(profile: Profile, tmp_path: Path) -> None:
    bundle = build_bundle(profile, None, None, settings_problems=["pluggto.api_url: endereço inválido"], lang="en")
    files = unzip(bundle.write_zip(tmp_path / "d.zip"))
    assert json.loads(files["settings.json"]) == {"loaded": False, "problems": ["pluggto.api_url: endereço inválido"]}
    assert json.loads(files["attention.json"]) == []
    assert "No connection check was run yet" in files["README.txt"]


def test_write_zip_refuses_a_missing_folder(profile: Profile, tmp_path: Path) -> None:
    bundle = build_bundle(profile, Settings(), None, lang="en")
    with pytest.raises(OSError):
        bundle.write_zip(tmp_path / "no-such-folder" / "d.zip")
    with pytest.raises(OSError):
        bundle.write_zip(tmp_path)
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_structured_payload_redaction_keeps_names_and_ids() -> None:
    payload: dict[str, Any] = {
        "id": "66a1b2c3d4e5f6a7b8c9d0e1", "original_id": "20000012345678", "payer_name": "Maria",
        "payer_cpf": "52998224725", "payer_tax_id": "529.982.247-25", "payer_ie": "123", "payer_email": "m@x.com.br",
        "receiver_phone": "991122111", "receiver_phone_area": "11", "receiver_city": "São Paulo",
        "payer_cnpj": "11222333000181", "sale_intermediary": "03007331000141",
        "Customer": {"Name": "Maria Silva", "CPF": "52998224725", "Phone": "11991122111"},
        "Addresses": [{"Name": "Maria", "AddressLine": "Rua das Flores", "Number": "123", "City": "Recife",
                       "PostalCode": "50000000", "Neighbourhood": "Boa Vista"}],
        "note": "ligar para (11) 99112-2111 ou m@x.com.br", "total_paid": 52998224725,
    }
    clean = redact_payload(payload, keep=["20000012345678"])
    assert clean["payer_name"] == "Maria" and clean["Customer"]["Name"] == "Maria Silva"
    assert clean["original_id"] == "20000012345678" and clean["id"] == payload["id"]
    assert clean["receiver_city"] == "São Paulo" and clean["Addresses"][0]["City"] == "Recife"
    for key in ("payer_cpf", "payer_tax_id", "payer_ie", "payer_email", "receiver_phone", "receiver_phone_area",
                "payer_cnpj"):
        assert clean[key] == "[redacted]", key
    assert clean["Customer"]["CPF"] == clean["Customer"]["Phone"] == "[redacted]"
    assert {k: v for k, v in clean["Addresses"][0].items() if k not in ("Name", "City")} == {
        "AddressLine": "[redacted]", "Number": "[redacted]", "PostalCode": "[redacted]", "Neighbourhood": "[redacted]"}
    assert clean["note"] == "ligar para [phone] ou [email]"
    assert clean["total_paid"] == "[redacted]"  # an 11-digit CPF sent as a number
    assert not is_sensitive_key("shipping_company") and not is_sensitive_key("payer_name")
    assert re.search(r"\d{11}", json.dumps(clean["Customer"])) is None
