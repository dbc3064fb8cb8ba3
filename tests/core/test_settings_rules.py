"""Rules that once had two homes and now have one (issue 13): each is asked of the core by every
place that applies it, so the places cannot disagree."""

from __future__ import annotations

from pathlib import Path

import pytest

from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.linx.address import StoreAddressError, linx_store_problem, resolve_base_url
from pluggto_desktop.secret_names import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD
from pluggto_desktop.settings import (
    REQUIRED_FIELDS,
    Settings,
    check_draft,
    is_configured,
    load_settings,
    missing_fields,
    save_settings,
    validate,
)

QUERY_URL = "https://loja.example.com/?a=1"


def store(value: str) -> Settings:
    settings = Settings()
    settings.linx.url_or_tenant = value
    return settings


# --- the Linx store's address -------------------------------------------------------------------


def test_a_store_url_with_a_query_is_refused_in_the_settings_as_by_the_client() -> None:
    assert validate(store(QUERY_URL), PT) == [
        "linx.url_or_tenant: o endereço da loja não pode ter consulta (?…), fragmento (#…) nem usuário: use "
        "https:// seguido do servidor (e do caminho, se houver)"]
    assert validate(store(QUERY_URL), EN) == [
        "linx.url_or_tenant: the store address must not carry a query (?…), a fragment (#…) or a user name: "
        "use https:// followed by the server (and the path, if any)"]
    with pytest.raises(StoreAddressError) as refused:
        resolve_base_url(QUERY_URL)
    assert isinstance(refused.value, ValueError)
    assert refused.value.message(PT) == f"'{QUERY_URL}': " + validate(store(QUERY_URL), PT)[0].split(": ", 1)[1]
    assert str(refused.value) == refused.value.message(EN)


@pytest.mark.parametrize("text", [
    "minhaloja", "MinhaLoja", "minha-loja", "a", "x" * 63, "x" * 64, "minha loja", "loja_1", "-loja", "loja-",
    "loja.com.br", "127.0.0.1:8123", "http://127.0.0.1:8123", "https://proxy.example/linx/", "http://[::1]:9000",
    "ftp://host", "http://", "http://host:99999", "http://host:abc", "https://user:pw@host", QUERY_URL,
    "https://loja.example.com/#topo", "https://lo ja.example.com", "https://user@loja.example.com",
])
def test_the_settings_accept_a_store_exactly_when_the_client_can_reach_it(text: str) -> None:
    try:
        resolve_base_url(text)
        reachable = True
    except ValueError:
        reachable = False
    assert (validate(store(text), EN) == []) == reachable, text
    assert (linx_store_problem(text) is None) == reachable


def test_an_empty_store_is_not_configured_yet_rather_than_wrong() -> None:
    assert validate(store("  "), EN) == []
    assert "linx.url_or_tenant" in missing_fields(store("  "))
    with pytest.raises(ValueError, match="empty"):
        resolve_base_url("  ")


# --- the extra certificate file -----------------------------------------------------------------


def test_a_missing_certificate_file_is_refused_while_it_is_chosen_not_when_a_file_is_read(tmp_path: Path) -> None:
    settings = Settings()
    missing = tmp_path / "sumiu.pem"
    settings.network.extra_ca_file = str(missing)
    # read from a file (a network drive not mounted yet): the app still opens
    assert validate(settings, EN) == []
    save_settings(settings, tmp_path / "settings.json")
    assert load_settings(tmp_path / "settings.json").network.extra_ca_file == str(missing)
    # being chosen now: the file must be there
    check = check_draft(settings, PT, ca_file_chosen=True)
    assert check.problems_under("network") == [
        f"network.extra_ca_file: o arquivo de certificado {missing} não foi encontrado; escolha o arquivo de novo "
        "ou deixe o campo vazio"]
    assert check_draft(settings, EN).problems_under("network") == []


# --- the required fields ------------------------------------------------------------------------


def filled() -> Settings:
    s = Settings()
    s.pluggto.client_id = "0123456789abcdef0123456789abcdef"
    s.pluggto.username = "1624640222434"
    s.linx.url_or_tenant = "minhaloja"
    s.linx.user = "integracao"
    s.channel.website_id = 1
    return s


ALL_SECRETS = {PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, LINX_PASSWORD}


def test_the_required_fields_are_decided_in_one_place() -> None:
    assert check_draft(filled(), EN, secrets=ALL_SECRETS).missing == ()
    assert is_configured(filled())
    empty = check_draft(Settings(), EN, secrets=set())
    assert empty.missing == tuple(path for path in REQUIRED_FIELDS if path != "pluggto.api_url")
    assert empty.missing_under("linx") == ["linx.url_or_tenant", "linx.user", "linx.password"]
    # without a vault to ask, only the settings' own fields count (is_configured's view)
    assert missing_fields(Settings()) == ["pluggto.client_id", "pluggto.username", "linx.url_or_tenant",
                                          "linx.user", "channel.website_id"]
    for path in [p for p in REQUIRED_FIELDS if p not in ("pluggto.client_secret", "pluggto.password", "linx.password")]:
        settings = filled()
        section, name = path.split(".")
        setattr(getattr(settings, section), name, None if name == "website_id" else " ")
        assert not is_configured(settings), path


def test_a_required_field_that_is_also_wrong_is_said_once() -> None:
    settings = filled()
    settings.pluggto.api_url = ""
    check = check_draft(settings, EN, secrets=ALL_SECRETS)
    assert check.problems == ("pluggto.api_url: required",) and check.missing == ()
    assert not is_configured(settings)


# --- the tables of marketplaces -----------------------------------------------------------------


def test_a_marketplace_typed_twice_is_refused_even_when_the_names_are_identical() -> None:
    """A dict would merge two identical rows without a word; the rows as typed are checked."""
    rows = [("Mercado Livre", "03007331000141"), ("Mercado Livre", "03007331000141")]
    check = check_draft(filled(), EN, rows={"channel.marketplace_cnpjs": rows})
    assert check.problems == ('channel.marketplace_cnpjs.Mercado Livre: "Mercado Livre" is already in the table '
                              "and is the same marketplace; this row would never be used",)
    hours = {"invoice_hours": 24, "shipping_hours": 48}
    check = check_draft(filled(), PT, rows={"channel.marketplace_deadlines": [("Americanas", hours), ("B2W", hours)]})
    assert check.problems == ('channel.marketplace_deadlines.B2W: "Americanas" já está na tabela e é o mesmo '
                              "marketplace; esta linha nunca seria usada",)


def test_the_settings_and_a_draft_compare_marketplace_names_alike() -> None:
    settings = filled()
    settings.channel.marketplace_cnpjs = {"MercadoLivre": "03007331000141", "mercado-livre": "03007331000141"}
    rows = list(settings.channel.marketplace_cnpjs.items())
    assert validate(settings, EN) == list(check_draft(settings, EN, rows={"channel.marketplace_cnpjs": rows}).problems)
    assert len(validate(settings, EN)) == 1


def test_a_setup_saved_part_way_keeps_a_running_channel_and_says_how_complete_it_is() -> None:
    from pluggto_desktop.settings import Settings, is_configured, state_to_save

    settings = Settings()
    assert not is_configured(settings)
    assert state_to_save(settings) == "installed"
    for running in ("active", "paused"):
        settings.channel.state = running
        assert state_to_save(settings) == running
    from tests.support.settings import configured_settings

    complete = configured_settings(state="installed")
    assert is_configured(complete) and state_to_save(complete) == "configured"
