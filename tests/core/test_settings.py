"""The settings file: round trip, atomic write, migration, validation messages, no secrets."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from pluggto_desktop.errors import ConfigError
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.settings import (
    SCHEMA_VERSION,
    Settings,
    channel_state,
    is_configured,
    load_settings,
    save_settings,
    validate,
)
from pluggto_desktop.settings import storage as settings_storage


def configured() -> Settings:
    s = Settings()
    s.pluggto.client_id = "0123456789abcdef0123456789abcdef"
    s.pluggto.username = "1624640222434"
    s.linx.url_or_tenant = "minhaloja"
    s.linx.user = "integracao"
    s.channel.website_id = 1
    return s


def write(path, data) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


# --- defaults and round trip ----------------------------------------------------------------


def test_missing_file_gives_defaults(tmp_path):
    s = load_settings(tmp_path / "settings.json")
    assert s == Settings()
    assert s.pluggto.api_url == "https://api.plugg.to"
    assert s.channel.import_statuses == ["approved", "waiting_invoice"]
    assert s.channel.warehouse_id == 1 and s.channel.stock_reserve == 0
    assert (s.channel.price_field, s.channel.special_price_field) == ("ListPrice", "RetailPrice")
    assert (s.engine.listener_host, s.engine.listener_port) == ("127.0.0.1", 8787)
    assert s.engine.product_reconcile_hour == 3
    assert s.ui.notifications == "errors"
    assert s.network.proxy_mode == "system"
    assert s.channel_state == "installed"
    assert not is_configured(s)


def test_round_trip_keeps_every_value(tmp_path):
    path = tmp_path / "sub" / "settings.json"
    s = configured()
    s.pluggto.user_id = "129"
    s.linx.homologation = True
    s.channel.import_statuses = ["approved"]
    s.channel.order_queue_id = 7
    s.channel.product_queue_id = 8
    s.channel.fallback_cnpj = "03.007.331/0001-41"
    s.channel.marketplace_cnpjs = {"MercadoLivre": "03.007.331/0001-41", "Shopee": "12.abc.345/01de-35"}
    s.channel.integrate_without_intermediary = True
    s.channel.warehouse_id = 2
    s.channel.stock_reserve = 3
    s.channel.only_active_products = False
    s.channel.include_categories = ["Moda > Camisetas"]
    s.channel.exclude_brands = ["Marca Única"]
    s.channel.attribute_map = {"Tamanho": "size", "Cor": "color"}
    s.channel.state = "paused"
    s.channel.paused_until = "2030-01-01T08:00:00-03:00"
    s.engine.listener_port = 9000
    s.engine.retry_base_s = 2.5
    s.engine.concurrency = 2
    s.ui.language = PT
    s.ui.notifications = "all"
    s.ui.muted_until = "2030-01-01T00:00:00+00:00"
    s.network.proxy_mode = "manual"
    s.network.proxy_url = "http://proxy.local:3128"
    s.network.proxy_exclusions = ["localhost", "*.local"]
    s.network.extra_ca_file = "C:/certs/antivirus.pem"

    save_settings(s, path)
    loaded = load_settings(path)

    assert loaded == s
    assert loaded.channel.fallback_cnpj == "03007331000141"
    assert loaded.channel.marketplace_cnpjs["Shopee"] == "12ABC34501DE35"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("{\n  ")  # pretty-printed
    assert "Marca Única" in text  # UTF-8, not \u escapes
    assert json.loads(text)["schema_version"] == SCHEMA_VERSION


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    save_settings(configured(), path)
    before = path.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json", "settings.json.bak"]

    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(settings_storage.os, "replace", crash)
    changed = configured()
    changed.linx.user = "outro"
    with pytest.raises(OSError):
        save_settings(changed, path)
    assert path.read_bytes() == before  # the old file is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json", "settings.json.bak"]  # no temp file


def test_save_refuses_invalid_settings_and_writes_nothing(tmp_path):
    path = tmp_path / "settings.json"
    s = configured()
    s.channel.fallback_cnpj = "22211221000121"
    with pytest.raises(ConfigError) as info:
        save_settings(s, path, lang=EN)
    assert info.value.problems == ["channel.fallback_cnpj: invalid CNPJ (check digit)"]
    assert not path.exists()


# --- migration and forward compatibility ----------------------------------------------------


def test_migrates_the_version_1_layout(tmp_path):
    path = tmp_path / "settings.json"
    write(
        path,
        {
            "pluggto": {"client_id": "abc", "user": "1624640222434"},
            "linx": {"url": "https://loja.layer.core.dcg.com.br", "user": "integracao"},
            "channel": {"website_id": 3, "intermediary_cnpj": "03.007.331/0001-41"},
            "engine": {"listen": "0.0.0.0:9999"},
            "ui": {"lang": "en"},
        },
    )
    s = load_settings(path)
    assert s.schema_version == SCHEMA_VERSION
    assert s.pluggto.username == "1624640222434"
    assert s.linx.url_or_tenant == "https://loja.layer.core.dcg.com.br"
    assert s.channel.fallback_cnpj == "03007331000141"
    assert (s.engine.listener_host, s.engine.listener_port) == ("0.0.0.0", 9999)
    assert s.ui.language == EN
    assert s.pluggto.unknown_keys == {} and s.engine.unknown_keys == {}

    save_settings(s, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION
    assert "user" not in saved["pluggto"] and "listen" not in saved["engine"]


def test_unknown_keys_are_tolerated_and_preserved(tmp_path):
    path = tmp_path / "settings.json"
    write(
        path,
        {
            "schema_version": SCHEMA_VERSION,
            "future_section": {"x": 1},
            "linx": {"user": "integracao", "region": "sa-east"},
            "channel": {"website_id": 1, "new_toggle": True},
        },
    )
    s = load_settings(path)
    assert s.linx.user == "integracao"
    save_settings(s, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["future_section"] == {"x": 1}
    assert saved["linx"]["region"] == "sa-east"
    assert saved["channel"]["new_toggle"] is True


def test_a_newer_schema_version_is_read_and_kept(tmp_path):
    path = tmp_path / "settings.json"
    write(path, {"schema_version": SCHEMA_VERSION + 5, "ui": {"language": "en", "theme": "dark"}})
    s = load_settings(path)
    assert s.schema_version == SCHEMA_VERSION + 5
    save_settings(s, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION + 5
    assert saved["ui"]["theme"] == "dark"


def test_a_profile_set_up_before_gets_its_listener_token_on_upgrade(tmp_path):
    """Version 2 files have no listener token: the upgrade makes one and writes it back at once,
    so the address registered in Plug.to never changes afterwards."""
    path = tmp_path / "settings.json"
    before = {"schema_version": 2, "pluggto": {"client_id": "abc", "username": "1624640222434"},
              "linx": {"url_or_tenant": "minhaloja", "user": "integracao"},
              "channel": {"website_id": 3, "state": "active"},
              "engine": {"listener_port": 9001, "poll_interval_s": 120}}
    write(path, before)
    s = load_settings(path)
    token = s.engine.listener_token
    assert token and len(token) >= 22 and re.fullmatch(r"[A-Za-z0-9_-]+", token)  # ≥ 128 bits, URL-safe
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION == 3
    assert saved["engine"]["listener_token"] == token
    assert (saved["engine"]["listener_port"], saved["engine"]["poll_interval_s"]) == (9001, 120)
    assert saved["channel"]["state"] == "active" and saved["linx"]["url_or_tenant"] == "minhaloja"
    assert load_settings(path).engine.listener_token == token  # for good
    assert load_settings(tmp_path / "other.json").engine.listener_token is None  # no file: no profile yet


def test_a_profile_gets_its_listener_token_when_first_saved_and_keeps_it(tmp_path):
    path = tmp_path / "settings.json"
    s = configured()
    assert s.engine.listener_token is None
    save_settings(s, path)
    token = s.engine.listener_token
    assert token and load_settings(path).engine.listener_token == token
    other = configured()
    save_settings(other, tmp_path / "other.json")
    assert other.engine.listener_token != token  # one per profile
    s.engine.poll_interval_s = 300
    save_settings(s, path)
    assert load_settings(path).engine.listener_token == token
    # a file that lost it (edited by hand) gets a new one, saved at once
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["engine"]["listener_token"]
    write(path, data)
    again = load_settings(path).engine.listener_token
    assert again and again != token and load_settings(path).engine.listener_token == again


def test_the_listener_token_is_masked_in_logs_once_read(tmp_path):
    from pluggto_desktop import logs

    path = tmp_path / "settings.json"
    save_settings(configured(), path)
    token = load_settings(path).engine.listener_token
    assert token not in logs.redact(f"POST /pluggto/notifications/{token} refused")


@pytest.mark.parametrize("token", ["short", "a" * 21, "a" * 30 + "/x", "a" * 30 + " b", "ação" * 8])
def test_a_bad_listener_token_is_refused(tmp_path, token):
    path = tmp_path / "settings.json"
    write(path, {"schema_version": SCHEMA_VERSION, "engine": {"listener_token": token}})
    with pytest.raises(ConfigError) as info:
        load_settings(path, lang=EN)
    assert "engine.listener_token" in str(info.value)


@pytest.mark.parametrize("url,ok", [
    ("https://pedidos.minhaloja.com.br", True), ("https://pedidos.minhaloja.com.br:8443/", True),
    ("http://10.0.0.5:8080", True), ("https://x.com/prefix", False), ("ftp://x.com", False),
    ("https://x.com/?a=1", False), ("https://user@x.com", False), ("pedidos.minhaloja.com.br", False),
])
def test_the_listener_public_url_is_a_server_address(url, ok):
    s = configured()
    s.engine.listener_public_url = url
    problems = [p for p in validate(s, EN) if p.startswith("engine.listener_public_url")]
    assert (problems == []) == ok, problems


# --- messages -------------------------------------------------------------------------------


def test_invalid_json_names_the_file_and_line(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{\n  "linx": {"user": "a"},\n  "ui": {"language": "en",}\n}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as pt:
        load_settings(path, lang=PT)
    message = str(pt.value)
    assert str(path) in message and "linha 3" in message and "JSON válido" in message
    with pytest.raises(ConfigError) as en:
        load_settings(path, lang=EN)
    assert str(path) in str(en.value) and "line 3" in str(en.value)


def test_not_utf8_or_not_an_object_is_a_clear_error(tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"linx": {"user": "Jo\xe3o"}}')
    with pytest.raises(ConfigError, match="UTF-8"):
        load_settings(path, lang=EN)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ConfigError, match="JSON object"):
        load_settings(path, lang=EN)


BROKEN = {
    "schema_version": SCHEMA_VERSION,
    "pluggto": {"api_url": "api.plugg.to", "client_id": 123},
    "linx": {"url_or_tenant": "minha loja!", "homologation": "sim"},
    "channel": {
        "website_id": 0,
        "import_statuses": ["approved", "aprovado"],
        "fallback_cnpj": "22.211.221/0001-21",
        "marketplace_cnpjs": {"MercadoLivre": "123"},
        "stock_reserve": -1,
        "price_field": "Preco",
        "state": "running",
        "paused_until": "amanhã",
    },
    "engine": {"listener_port": 70000, "concurrency": "4"},
    "ui": {"notifications": "some"},
    "network": {"proxy_mode": "manual"},
}

EXPECTED_PT = [
    "pluggto.client_id: deve ser um texto",
    "linx.homologation: deve ser verdadeiro ou falso (true/false)",
    "engine.concurrency: deve ser um número inteiro",
    "pluggto.api_url: endereço inválido: use http:// ou https:// seguido do servidor",
    "linx.url_or_tenant: informe o nome da loja (tenant, ex.: minhaloja) ou o endereço completo (https://...)",
    "channel.website_id: deve ser maior que zero",
    "channel.import_statuses: status do Plug.to desconhecido 'aprovado'",
    "channel.fallback_cnpj: CNPJ inválido (dígito verificador)",
    "channel.marketplace_cnpjs.MercadoLivre: CNPJ inválido (deve ter 14 caracteres",
    "channel.stock_reserve: não pode ser negativo",
    "channel.price_field: valor inválido 'Preco'",
    "channel.state: valor inválido 'running'",
    "channel.paused_until: data e hora inválidas 'amanhã'",
    "engine.listener_port: deve estar entre 1 e 65535",
    "ui.notifications: valor inválido 'some'",
    "network.proxy_url: obrigatório quando o proxy é manual",
]

EXPECTED_EN = [
    "pluggto.client_id: must be text",
    "linx.homologation: must be true or false",
    "engine.concurrency: must be a whole number",
    "pluggto.api_url: invalid address",
    "linx.url_or_tenant: enter the store name",
    "channel.website_id: must be greater than zero",
    "channel.import_statuses: unknown Plug.to status 'aprovado'",
    "channel.fallback_cnpj: invalid CNPJ (check digit)",
    "channel.marketplace_cnpjs.MercadoLivre: invalid CNPJ (must have 14 characters",
    "channel.stock_reserve: cannot be negative",
    "channel.price_field: invalid value 'Preco'",
    "channel.state: invalid value 'running'",
    "channel.paused_until: invalid date and time 'amanhã'",
    "engine.listener_port: must be between 1 and 65535",
    "ui.notifications: invalid value 'some'",
    "network.proxy_url: required when the proxy is set manually",
]


@pytest.mark.parametrize(("lang", "expected"), [(PT, EXPECTED_PT), (EN, EXPECTED_EN)])
def test_every_problem_is_listed_at_once(tmp_path, lang, expected):
    path = tmp_path / "settings.json"
    write(path, BROKEN)
    with pytest.raises(ConfigError) as info:
        load_settings(path, lang=lang)
    problems = info.value.problems
    assert len(problems) == len(expected), problems
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert str(path) in str(info.value)


def test_messages_follow_the_file_language_by_default(tmp_path):
    path = tmp_path / "settings.json"
    write(path, {"ui": {"language": "pt_BR"}, "channel": {"stock_reserve": -1}})
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert info.value.problems == ["channel.stock_reserve: não pode ser negativo"]


def test_a_section_that_is_not_an_object(tmp_path):
    path = tmp_path / "settings.json"
    write(path, {"channel": [1, 2], "engine": None})
    with pytest.raises(ConfigError) as info:
        load_settings(path, lang=EN)
    assert info.value.problems == ["channel: must be an object {...}"]


# --- CNPJ -----------------------------------------------------------------------------------


def test_alphanumeric_fallback_cnpj_is_accepted_and_stored_normalised(tmp_path):
    path = tmp_path / "settings.json"
    write(path, {"channel": {"fallback_cnpj": "12.abc.345/01de-35"}})
    s = load_settings(path)
    assert s.channel.fallback_cnpj == "12ABC34501DE35"
    save_settings(s, path)
    assert json.loads(path.read_text(encoding="utf-8"))["channel"]["fallback_cnpj"] == "12ABC34501DE35"


@pytest.mark.parametrize(
    ("value", "pt", "en"),
    [
        ("22.211.221/0001-21", "CNPJ inválido (dígito verificador)", "invalid CNPJ (check digit)"),
        ("0300733100014", "CNPJ inválido (deve ter 14 caracteres", "invalid CNPJ (must have 14 characters"),
        ("00000000000000", "CNPJ inválido (todos os caracteres iguais)", "invalid CNPJ (all characters"),
        ("12ABC34501DEAB", "CNPJ inválido (só letras A-Z", "invalid CNPJ (only letters A-Z"),
    ],
)
def test_invalid_cnpj_is_rejected_with_a_clear_message(value, pt, en):
    s = Settings()
    s.channel.fallback_cnpj = value
    assert validate(s, PT)[0].startswith(f"channel.fallback_cnpj: {pt}")
    assert validate(s, EN)[0].startswith(f"channel.fallback_cnpj: {en}")


def test_empty_fallback_cnpj_means_none():
    s = Settings()
    s.channel.fallback_cnpj = ""
    s.channel.normalize_cnpjs()
    assert s.channel.fallback_cnpj is None
    assert validate(s, EN) == []


# --- secrets --------------------------------------------------------------------------------


def test_secrets_never_reach_the_settings_file(tmp_path, profile):
    store = SecretStore(profile.profile_id)
    values = {
        PLUGGTO_CLIENT_SECRET: "client-secret-value-7f3a",
        PLUGGTO_PASSWORD: "Api-Password-99!",
        LINX_PASSWORD: "linx-pass-Ç-42",
    }
    for name, value in values.items():
        store.set(name, value)
    save_settings(configured(), profile.settings_path)
    text = profile.settings_path.read_text(encoding="utf-8")
    for value in values.values():
        assert value not in text
    field_names = {f for section in json.loads(text).values() if isinstance(section, dict) for f in section}
    assert not any("password" in f or "secret" in f for f in field_names)


def test_a_password_typed_into_the_file_is_refused_with_directions(tmp_path):
    path = tmp_path / "settings.json"
    write(path, {"linx": {"user": "integracao", "password": "hunter2"}})
    with pytest.raises(ConfigError) as info:
        load_settings(path, lang=PT)
    (problem,) = info.value.problems
    assert problem.startswith("linx.password: senhas e tokens não ficam neste arquivo")
    assert "LINX_PASSWORD" in problem and "hunter2" not in problem


def test_a_secret_at_the_top_level_is_refused_too(tmp_path):
    path = tmp_path / "settings.json"
    write(path, {"refresh_token": "abc", "token_endpoint": "https://x"})
    with pytest.raises(ConfigError) as info:
        load_settings(path, lang=EN)
    (problem,) = info.value.problems
    assert problem.startswith("refresh_token: passwords and tokens are not kept in this file")


def test_language_spellings_are_normalised(tmp_path):
    path = tmp_path / "settings.json"
    write(path, {"ui": {"language": "pt-BR"}})
    assert load_settings(path).ui.language == PT
    write(path, {"ui": {"language": "en_US"}})
    assert load_settings(path).ui.language == EN
    write(path, {"ui": {"language": "fr"}})
    with pytest.raises(ConfigError, match=r"ui\.language"):
        load_settings(path)


def test_proxy_credentials_are_refused():
    s = Settings()
    s.network.proxy_mode = "manual"
    s.network.proxy_url = "http://joao:segredo@proxy.local:3128"
    (problem,) = validate(s, EN)
    assert problem.startswith("network.proxy_url: do not put a user and password")
    assert "segredo" not in problem


# --- configured / channel state -------------------------------------------------------------


def test_is_configured_needs_pluggto_linx_and_website():
    s = configured()
    assert is_configured(s)
    for section, name, empty in [
        ("pluggto", "api_url", ""),
        ("pluggto", "client_id", ""),
        ("pluggto", "username", " "),
        ("linx", "url_or_tenant", ""),
        ("linx", "user", ""),
        ("channel", "website_id", None),
    ]:
        broken = configured()
        setattr(getattr(broken, section), name, empty)
        assert not is_configured(broken), name


def test_channel_state():
    now = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
    s = Settings()
    s.channel.state = "active"
    assert channel_state(s, now) == "installed"  # nothing configured yet
    s = configured()
    assert channel_state(s, now) == "configured"
    s.channel.state = "configured"
    assert channel_state(s, now) == "configured"
    s.channel.state = "active"
    assert channel_state(s, now) == "active"
    s.channel.state = "paused"
    assert channel_state(s, now) == "paused"
    s.channel.paused_until = (now + timedelta(hours=1)).isoformat()
    assert channel_state(s, now) == "paused"
    s.channel.paused_until = (now - timedelta(minutes=1)).isoformat()
    assert channel_state(s, now) == "active"  # the pause has ended
    s.channel.paused_until = "2000-01-01T00:00:00+00:00"
    assert s.channel_state == "active"  # the property uses the real clock


def test_deadlines_default_to_the_app_s_hours_and_refuse_what_makes_no_sense() -> None:
    from pluggto_desktop.settings import Settings, settings_from_dict, validate

    fresh = Settings()
    assert (fresh.channel.deadline_invoice_hours, fresh.channel.deadline_shipping_hours) == (24.0, 48.0)
    assert validate(fresh, PT) == []
    fresh.channel.marketplace_deadlines = {"Shopee": {"invoice_hours": 24, "shipping_hours": 12},
                                           "B2W": {"invoice_hours": 0}, "Americanas": {"hours": 1}}
    fresh.channel.deadline_shipping_hours = 10
    problems = validate(fresh, PT)
    assert "channel.deadline_shipping_hours: o prazo de envio (10 h) não pode ser menor que o de faturamento " \
           "(24 h): a nota fiscal acompanha a mercadoria" in problems
    assert any(p.startswith("channel.marketplace_deadlines.Shopee: o prazo de envio (12 h)") for p in problems)
    assert "channel.marketplace_deadlines.B2W.invoice_hours: prazo em horas entre 1 e 720" in problems
    assert "channel.marketplace_deadlines.Americanas: use só invoice_hours e shipping_hours (não hours)" in problems
    assert any(p.startswith("channel.marketplace_deadlines.Americanas: \"B2W\" já está na tabela") for p in problems)
    with pytest.raises(ConfigError) as info:
        settings_from_dict({"channel": {"marketplace_deadlines": {"Shopee": 24}}}, lang=EN)
    assert 'must be an object {"Marketplace": {"invoice_hours": 24, "shipping_hours": 48}}' in str(info.value)
    read = settings_from_dict({"channel": {"marketplace_deadlines": {"Shopee": {"invoice_hours": 12.5}}}})
    assert read.channel.marketplace_deadlines == {"Shopee": {"invoice_hours": 12.5}}
