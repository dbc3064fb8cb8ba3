"""The command line as scripts and support agents use it: messages, exit codes, files."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import pytest

from pluggto_desktop import __version__
from pluggto_desktop.cli import main
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.settings import load_settings
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.catalogue import UNKNOWN_SKU
from pluggto_desktop.simulator.orders_gen import generate_order
from tests.support import keyring_backends
from tests.support.served import served_simulators


@pytest.fixture
def sims():
    with served_simulators() as served:
        yield served


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    keyring_backends.reset()
    for name in ("PLUGGTO_CLIENT_SECRET", "PLUGGTO_PASSWORD", "LINX_PASSWORD", "PLUGGTO_DESKTOP_HOME"):
        monkeypatch.delenv(name, raising=False)


def secrets_env(monkeypatch, *, client_secret=pluggto_sim.DEMO_CLIENT_SECRET, password=pluggto_sim.DEMO_PASSWORD,
                linx_password=linx_sim.DEMO_PASSWORD) -> None:
    monkeypatch.setenv("PLUGGTO_CLIENT_SECRET", client_secret)
    monkeypatch.setenv("PLUGGTO_PASSWORD", password)
    monkeypatch.setenv("LINX_PASSWORD", linx_password)


def setup_args(home: Path, sims, *extra: str, cnpj: str = "12.ABC.345/01DE-35") -> list[str]:
    creds = sims.sims.credentials
    return ["--home", str(home), "--lang", "pt_BR", "setup", "--pluggto-url", creds.pluggto_url,
            "--client-id", creds.client_id, "--username", creds.username, "--linx-url", creds.linx_url,
            "--linx-user", creds.linx_user, "--website-id", "1", "--order-queue-id", "7",
            "--product-queue-id", "8", "--fallback-cnpj", cnpj, *extra]


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and __version__ in capsys.readouterr().out


def test_status_json_on_a_new_profile_creates_nothing(tmp_path: Path, capsys) -> None:
    assert main(["--home", str(tmp_path / "new"), "status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["channel_state"] == "installed" and data["engine"] == "stopped"
    assert data["last_poll"] is None
    assert set(data["jobs"]) == {"orders", "products"} and data["jobs"]["orders"]["integrated"] == 0
    assert not (tmp_path / "new").exists()


def test_setup_refuses_an_invalid_cnpj_and_saves_nothing(tmp_path: Path, sims, monkeypatch, capsys) -> None:
    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims, cnpj="22.211.221/0001-21")) == 2
    err = capsys.readouterr().err
    assert "dígito verificador" in err and "Nada foi salvo" in err
    assert not Profile(tmp_path).settings_path.exists()


@pytest.mark.parametrize(
    "override, words",
    [
        ({"client_secret": "0" * 32}, "Client ID ou o Client Secret"),
        ({"password": "senha-errada"}, "usuário ou a senha da API"),
        ({"linx_password": "errada"}, "Linx Commerce recusou o usuário ou a senha"),
    ],
)
def test_setup_names_the_credential_that_failed(tmp_path: Path, sims, monkeypatch, capsys, override, words) -> None:
    secrets_env(monkeypatch, **override)
    assert main(setup_args(tmp_path, sims)) == 2
    assert words in capsys.readouterr().err
    assert not Profile(tmp_path).settings_path.exists()


def test_setup_saves_settings_and_secrets_apart_then_sync_once_exit_codes(
        tmp_path: Path, sims, monkeypatch, capsys) -> None:
    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims, "--activate", "--stock-reserve", "2")) == 0
    profile = Profile(tmp_path)
    settings = load_settings(profile.settings_path)
    assert settings.channel.state == "active" and settings.channel.fallback_cnpj == "12ABC34501DE35"
    assert settings.channel.stock_reserve == 2
    text = profile.settings_path.read_text()
    for secret in (pluggto_sim.DEMO_CLIENT_SECRET, pluggto_sim.DEMO_PASSWORD, linx_sim.DEMO_PASSWORD):
        assert secret not in text
    for name in ("PLUGGTO_CLIENT_SECRET", "PLUGGTO_PASSWORD", "LINX_PASSWORD"):
        monkeypatch.delenv(name)  # from now on, secrets come from the keyring only
    stored = SecretStore(profile.profile_id)
    assert stored.get(PLUGGTO_CLIENT_SECRET) == pluggto_sim.DEMO_CLIENT_SECRET
    assert stored.get(LINX_PASSWORD) == linx_sim.DEMO_PASSWORD and stored.get(PLUGGTO_PASSWORD)

    home = ["--home", str(tmp_path), "--lang", "pt_BR"]
    # nothing to do yet → 0
    assert main([*home, "sync", "--once"]) == 0
    # an order with an unknown SKU → 1, with the reason on the console
    order = generate_order(seed=1, status="approved", skus=[UNKNOWN_SKU])
    sims.do(sims.sims.pluggto.add_order, order, touch=True)
    capsys.readouterr()
    assert main([*home, "sync", "--once"]) == 1
    out = capsys.readouterr().out
    assert UNKNOWN_SKU in out and "precisa de atenção: 1" in out
    # Linx failing → the next order waits for a retry → 3
    sims.do(sims.sims.linx.set_faults, fail_rate=1.0, only_ops=["SaveOrder"])
    sims.do(sims.sims.pluggto.add_order, generate_order(seed=2, index=1, status="approved",
                                                         skus=["CAM-AZUL-M"]), touch=True)
    sims.do(sims.sims.pluggto.set_status, sims.do(lambda: next(iter(sims.sims.pluggto.orders))), "canceled")
    assert main([*home, "sync", "--once"]) == 3
    # status reflects the queue
    capsys.readouterr()
    assert main([*home, "status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["channel_state"] == "active" and data["jobs"]["orders"]["retry_wait"] == 1
    assert data["last_poll"] is not None


def test_sync_refuses_an_inactive_channel_and_bad_listen(tmp_path: Path, sims, monkeypatch, capsys) -> None:
    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims)) == 0  # saved, not activated
    assert main(["--home", str(tmp_path), "--lang", "en", "sync", "--once"]) == 2
    assert "not active" in capsys.readouterr().err
    assert main(["--home", str(tmp_path), "--lang", "en", "sync", "--listen", "localhost:http"]) == 2
    assert "HOST:PORT" in capsys.readouterr().err


def test_sync_once_with_credentials_revoked_exits_2(tmp_path: Path, sims, monkeypatch, capsys) -> None:
    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims, "--activate")) == 0
    monkeypatch.setenv("LINX_PASSWORD", "changed")
    sims.do(sims.sims.pluggto.add_order, generate_order(seed=3, status="approved", skus=["CAM-AZUL-M"]), touch=True)
    assert main(["--home", str(tmp_path), "--lang", "pt_BR", "sync", "--once"]) == 2
    assert "Linx" in capsys.readouterr().err


def test_invalid_settings_file_is_reported_with_its_line(tmp_path: Path, capsys) -> None:
    profile = Profile(tmp_path).ensure()
    profile.settings_path.write_text('{"channel": {"website_id": 1,}}', encoding="utf-8")
    assert main(["--home", str(tmp_path), "--lang", "pt_BR", "status"]) == 2
    err = capsys.readouterr().err
    assert "settings.json" in err and "linha 1" in err


BROKEN_SETTINGS = {
    "wrong type in a table": (json.dumps({"channel": {"marketplace_cnpjs": {"Amazon": 15436940000103}}}).encode(),
                              'channel.marketplace_cnpjs: deve ser um objeto {"nome": "texto"}'),
    "nested": (b'{"a": ' * 50_000 + b"1" + b"}" * 50_000, "aninhado demais"),
    "bad JSON": (b'{"channel": {"website_id": 1,}}', "linha 1"),
    "not an object": (b"[]", "deve conter um objeto JSON"),
    "not UTF-8": (b'{"linx": {"user": "Jo\xe3o"}}', "não está em UTF-8"),
    "a section of the wrong type": (b'{"engine": "fast"}', "engine: deve ser um objeto {...}"),
    "a huge number": (b'{"engine": {"concurrency": 1' + b"0" * 5000 + b"}}", "número longo demais"),
}


@pytest.mark.parametrize("case", list(BROKEN_SETTINGS))
@pytest.mark.parametrize("command", [["status"], ["status", "--json"], ["sync", "--once"], ["setup", "--no-test"],
                                     ["doctor"]])
def test_every_command_says_what_is_wrong_with_a_damaged_settings_file(tmp_path: Path, capsys, case, command) -> None:
    content, words = BROKEN_SETTINGS[case]
    profile = Profile(tmp_path).ensure()
    profile.settings_path.write_bytes(content)
    assert main(["--home", str(tmp_path), "--lang", "pt_BR", *command]) == 2
    captured = capsys.readouterr()
    assert words in captured.err and "settings.json" in captured.err
    assert captured.out == ""
    assert profile.settings_path.read_bytes() == content  # nothing lost


def test_the_reported_settings_file_exits_2_with_a_message_and_no_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    profile = Profile(tmp_path).ensure()
    profile.settings_path.write_text('{"channel": {"marketplace_cnpjs": {"Amazon": 15436940000103}}}', encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "pluggto_desktop", "--home", str(tmp_path), "--lang", "en",
                             "status"], capture_output=True, text=True, timeout=60, cwd=root,
                            env={**__import__("os").environ, "PYTHONPATH": str(root)})
    assert result.returncode == 2
    assert 'channel.marketplace_cnpjs: must be an object {"name": "text"}' in result.stderr
    assert "Traceback" not in result.stderr


def test_sync_refuses_a_profile_another_engine_holds(tmp_path: Path, sims, monkeypatch, capsys) -> None:
    from pluggto_desktop.instance import ProfileLock

    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims, "--activate")) == 0
    capsys.readouterr()
    lock = ProfileLock(Profile(tmp_path))
    assert lock.acquire()  # as if `sync` (or the app) were running on it
    try:
        assert main(["--home", str(tmp_path), "--lang", "en", "sync", "--once"]) == 2
        assert "already running on this profile" in capsys.readouterr().err
    finally:
        lock.release()
    assert main(["--home", str(tmp_path), "--lang", "en", "sync", "--once"]) in (0, 1, 3)


def test_forget_secrets_deletes_only_this_profiles_entries(tmp_path: Path, monkeypatch, capsys) -> None:
    from pluggto_desktop.secrets import PLUGGTO_REFRESH_TOKEN
    from tests.support import keyring_backends

    mine, other = Profile(tmp_path / "loja"), Profile(tmp_path / "outra")
    for profile in (mine, other):
        store = SecretStore(profile.profile_id)
        for name in (PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, LINX_PASSWORD, PLUGGTO_REFRESH_TOKEN):
            store.set(name, f"{profile.root.name}-{name}")
    # a secret given in the environment is not the vault's: it neither stops nor fakes the deletion
    monkeypatch.setenv("LINX_PASSWORD", "do-ambiente")

    assert main(["--home", str(mine.root), "--lang", "pt_BR", "forget-secrets"]) == 0
    out = capsys.readouterr().out
    assert "Apagado do cofre de senhas" in out and "senha da Linx" in out and "Token de acesso do Plug.to" in out
    assert "loja-" not in out  # names only, never values
    left = {user for (_service, user) in keyring_backends.entries()}
    assert not any(user.startswith(mine.profile_id + ":") for user in left)
    assert sum(user.startswith(other.profile_id + ":") for user in left) == 4

    assert main(["--home", str(mine.root), "--lang", "en", "forget-secrets"]) == 0
    assert "No password of this profile" in capsys.readouterr().out


def test_forget_secrets_without_a_vault_says_so(tmp_path: Path, capsys) -> None:
    import keyring
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        assert main(["--home", str(tmp_path), "--lang", "pt_BR", "forget-secrets"]) == 0
    finally:
        keyring.set_keyring(previous)
    assert "Nenhum cofre de senhas disponível" in capsys.readouterr().out


def test_forget_secrets_reports_a_vault_that_fails_midway(tmp_path: Path, capsys) -> None:
    from tests.support.keyring_backends import LockedKeyring, using_keyring

    with using_keyring(LockedKeyring()):
        SecretStore(Profile(tmp_path).profile_id).set(LINX_PASSWORD, "senha")
        assert main(["--home", str(tmp_path), "--lang", "pt_BR", "forget-secrets"]) == 2
    captured = capsys.readouterr()
    assert "podem não ter sido apagadas" in captured.err and "Apagado do cofre" not in captured.out


def test_status_text_reads_times_as_people_do() -> None:
    from datetime import datetime, timedelta

    from pluggto_desktop.cli.status import when_text as _when_text

    now = datetime(2026, 11, 27, 15, 40, tzinfo=UTC).astimezone()
    iso = lambda delta: (now - delta).astimezone(UTC).isoformat()  # noqa: E731 - as the store writes it
    local = (now - timedelta(minutes=7)).strftime("%d/%m/%Y %H:%M:%S")
    assert _when_text(iso(timedelta(minutes=7)), "pt_BR", now) == f"{local} (há 7 min)"
    assert _when_text(iso(timedelta(seconds=5)), "en", now).endswith("(5 s ago)")
    assert _when_text(iso(timedelta(days=1, hours=2)), "pt_BR", now).endswith("(há 1 dia)")
    assert _when_text(iso(timedelta(days=3)), "en", now).endswith("(3 days ago)")
    assert _when_text(None, "pt_BR", now) == "nunca"
    assert _when_text("não é data", "en", now) == "não é data"  # shown as stored rather than lost


def test_forget_secrets_refuses_while_an_engine_holds_the_profile(tmp_path: Path, capsys) -> None:
    from pluggto_desktop.instance import ProfileLock

    profile = Profile(tmp_path).ensure()
    SecretStore(profile.profile_id).set(LINX_PASSWORD, "senha")
    running = ProfileLock(profile)  # what the app and `sync` hold while they run
    assert running.acquire()
    try:
        assert main(["--home", str(tmp_path), "--lang", "pt_BR", "forget-secrets"]) == 2
    finally:
        running.release()
    assert "feche-o antes de apagar" in capsys.readouterr().err
    assert SecretStore(profile.profile_id).get_stored(LINX_PASSWORD) == "senha"  # nothing deleted
    assert main(["--home", str(tmp_path), "--lang", "pt_BR", "forget-secrets"]) == 0  # closed: it works


# -- a terminal names commands, not buttons; what it prints can be pasted ---------------------------
def test_attention_hints_name_the_retry_command_which_resends(tmp_path: Path, sims, monkeypatch, capsys) -> None:
    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims, "--activate")) == 0
    order = sims.do(sims.sims.pluggto.add_order, generate_order(seed=4, status="approved", skus=[UNKNOWN_SKU]),
                    touch=True)
    home = ["--home", str(tmp_path), "--lang", "pt_BR"]
    capsys.readouterr()
    assert main([*home, "sync", "--once"]) == 1
    out = capsys.readouterr().out
    assert "clique em Reenviar" not in out  # there is no button in a terminal
    assert f"retry {order['id']}`" in out  # the command that does it, for this order
    # the store learns the SKU; `retry` with the marketplace number sends the order again
    sims.do(sims.sims.linx.add_sku, UNKNOWN_SKU, name="Camiseta Verde XG")
    assert main([*home, "retry", order["original_id"]]) == 0
    assert "1 pedido de volta à fila" in capsys.readouterr().out
    assert main([*home, "sync", "--once"]) == 0
    assert main([*home, "retry", "nao-existe"]) == 2
    assert "Nenhum pedido nao-existe" in capsys.readouterr().err
    assert main([*home, "retry"]) == 2  # say which, or --all


def test_sync_with_an_empty_vault_says_how_to_give_the_passwords(tmp_path: Path, sims, monkeypatch, capsys) -> None:
    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims, "--activate")) == 0
    keyring_backends.reset()  # the vault lost them (another computer, a cleaned keychain…)
    for name in ("PLUGGTO_CLIENT_SECRET", "PLUGGTO_PASSWORD", "LINX_PASSWORD"):
        monkeypatch.delenv(name)
    capsys.readouterr()
    assert main(["--home", str(tmp_path), "--lang", "pt_BR", "sync", "--once"]) == 2
    err = capsys.readouterr().err
    assert "faltam no cofre de senhas" in err
    assert "PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD e LINX_PASSWORD" in err and " setup" in err


def test_doctor_in_a_terminal_says_settings_are_the_apps(tmp_path: Path, capsys) -> None:
    profile = Profile(tmp_path)
    profile.ensure()
    (profile.settings_path).write_text('{"pluggto": {"api_url": "http://127.0.0.1:9"}, "linx": {"url_or_tenant": ""}}',
                                       encoding="utf-8")
    main(["--home", str(tmp_path), "--lang", "pt_BR", "doctor"])
    out = capsys.readouterr().out
    assert "Configurações → Linx do aplicativo (no terminal: `" in out and " setup`)" in out


def test_help_speaks_the_systems_language(monkeypatch, capsys) -> None:
    monkeypatch.setenv("LC_ALL", "pt_BR.UTF-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("uso: ") and "mostra esta ajuda e sai" in out and "opções:" in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "sync", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: ") and "one full pass" in out


# -- audit (the Conferência) ------------------------------------------------------------------------
def test_audit_finds_the_injected_differences_fixes_them_and_then_all_is_ok(tmp_path: Path, sims, monkeypatch,
                                                                             capsys) -> None:
    """As a support agent would try it: a synced profile, differences made through the
    simulators' admin routes (over HTTP, as ``curl`` would), then ``audit`` and ``audit --fix``."""
    from datetime import datetime, timedelta

    import httpx

    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims, "--activate")) == 0
    home = ["--home", str(tmp_path), "--lang", "pt_BR"]
    plug, linx = sims.sims.credentials.pluggto_url, sims.sims.credentials.linx_url
    now = datetime.now(UTC)
    orders = [generate_order(seed=8, index=i, status="approved", skus=["CAM-AZUL-M"], created=now - timedelta(hours=3))
              for i in range(6)]
    ids = httpx.post(f"{plug}/_sim/orders", json={"orders": orders}).json()["ids"]
    assert main([*home, "sync", "--once"]) == 0
    capsys.readouterr()
    assert main([*home, "audit", "--json"]) == 0
    clean = json.loads(capsys.readouterr().out)
    assert clean["ok"] is True and clean["counts"]["ok"] == 6 and clean["findings"] == []

    def store_order(pluggto_id: str) -> str:
        rows = httpx.get(f"{linx}/_sim/orders").json()
        return next(o["OrderID"] for o in rows if {"Name": "PluggtoOrderID", "Value": pluggto_id} in o["Properties"])

    # one difference of each class
    httpx.post(f"{plug}/_sim/orders/{ids[0]}/forget-ack").raise_for_status()  # not_acked
    httpx.delete(f"{linx}/_sim/orders/{store_order(ids[1])}").raise_for_status()  # missing (acked without order)
    httpx.post(f"{linx}/_sim/orders/{store_order(ids[2])}/invoice", json={}).raise_for_status()
    httpx.post(f"{linx}/_sim/queue/drop").raise_for_status()  # status_behind: the feed item never read
    twin = httpx.post(f"{linx}/_sim/orders/{store_order(ids[3])}/duplicate").json()["OrderID"]  # duplicated
    foreign = httpx.post(f"{linx}/_sim/orders", json={"brand": "MercadoLivre", "website_id": 1}).json()["OrderID"]
    assert main([*home, "audit", "--since", "7d", "--json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {(f["class"], f["pluggto_id"]) for f in found["findings"]} == {
        ("not_acked", ids[0]), ("missing", ids[1]), ("status_behind", ids[2]), ("duplicated", ids[3]),
        ("only_in_store", None)}
    by_class = {f["class"]: f for f in found["findings"]}
    assert by_class["missing"]["note"] == "acked_without_order" and by_class["status_behind"]["lacking"] == "invoice"
    assert len(by_class["duplicated"]["linx_order_ids"]) == 2 and twin in by_class["duplicated"]["linx_order_ids"]
    assert by_class["only_in_store"]["linx_order_ids"] == [foreign]
    assert found["counts"]["ok"] == 2 and found["read"]["pluggto_calls"] >= 1
    # the text form says what differs and how to repair it
    assert main([*home, "audit"]) == 1
    out = capsys.readouterr().out
    assert "Sem confirmação no Plug.to" in out and "nota fiscal" in out
    assert "audit --fix missing,ack,status" in out and "UTC" not in out
    # repair what can be repaired; the duplicate and the store-only order are the merchant's to decide
    assert main([*home, "audit", "--fix", "missing,ack,status", "--json"]) == 1
    repaired = json.loads(capsys.readouterr().out)
    assert repaired["fixed"] == {"missing": 1, "ack": 1, "status": 1}
    assert main([*home, "sync", "--once"]) == 0  # the queued order is created in the store
    capsys.readouterr()
    assert main([*home, "audit", "--json"]) == 1
    left = json.loads(capsys.readouterr().out)
    assert {f["class"] for f in left["findings"]} == {"duplicated", "only_in_store"}
    assert len(httpx.get(f"{linx}/_sim/orders").json()) == 8  # 6 + the twin + the foreign: nothing deleted
    httpx.delete(f"{linx}/_sim/orders/{twin}").raise_for_status()
    httpx.delete(f"{linx}/_sim/orders/{foreign}").raise_for_status()
    assert main([*home, "audit"]) == 0
    assert "Tudo confere" in capsys.readouterr().out
    assert main([*home, "status", "--json"]) == 0
    last = json.loads(capsys.readouterr().out)["last_audit"]
    assert last["counts"]["ok"] == 6 and last["automatic"] is False and last["at"]


def test_audit_refuses_bad_periods_and_fixes_in_words(tmp_path: Path, sims, monkeypatch, capsys) -> None:
    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims, "--activate")) == 0
    home = ["--home", str(tmp_path), "--lang", "en"]
    assert main([*home, "audit", "--since", "week"]) == 2
    assert "--since" in capsys.readouterr().err
    assert main([*home, "audit", "--from", "2026-12-10", "--to", "2026-12-01"]) == 2
    assert main([*home, "audit", "--fix", "delete"]) == 2
    assert "--fix takes" in capsys.readouterr().err


def test_retry_asks_the_allowed_actions_and_says_what_it_cannot_resend(tmp_path: Path, capsys) -> None:
    from pluggto_desktop.store.jobs import Store

    profile = Profile(tmp_path).ensure()
    store = Store(profile.database_path)
    try:
        ignored = store.upsert_job("order", "64f0c0ffee", state="needs_attention",
                                   marketplace_order_id="2000123").job_id
        assert store.ignore(ignored, "pedido de teste")
        store.upsert_job("order", "64f0beef", state="needs_attention", marketplace_order_id="2000456")
    finally:
        store.close()
    home = ["--home", str(tmp_path), "--lang", "pt_BR"]
    assert main([*home, "retry", "2000123"]) == 2  # only an ignored order was named: nothing was done
    captured = capsys.readouterr()
    assert "O pedido 2000123 não pode ser reenviado agora (ignorado)." in captured.err
    assert "0 pedidos de volta à fila" in captured.out
    assert main([*home, "retry", "2000123", "2000456"]) == 0
    assert "1 pedido de volta à fila" in capsys.readouterr().out


def test_sync_once_respects_a_paused_channel(tmp_path: Path, sims, monkeypatch, capsys) -> None:
    """A pause made in the app holds for a scheduled `sync --once` too: nothing is synced, exit 3
    (run again later), and the message says until when and how to resume."""
    from datetime import datetime, timedelta

    from pluggto_desktop.settings import save_settings

    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims, "--activate")) == 0
    sims.do(sims.sims.pluggto.add_order, generate_order(seed=8, index=0, status="approved", skus=["CAM-AZUL-M"]),
            touch=True)
    profile = Profile(tmp_path)
    settings = load_settings(profile.settings_path)
    settings.channel.state = "paused"
    settings.channel.paused_until = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    save_settings(settings, profile.settings_path)
    capsys.readouterr()
    assert main(["--home", str(tmp_path), "--lang", "pt_BR", "sync", "--once"]) == 3
    err = capsys.readouterr().err
    assert "O canal está pausado até" in err and "nada foi sincronizado" in err
    assert sims.do(sims.sims.linx.orders) == []
    settings.channel.paused_until = None
    save_settings(settings, profile.settings_path)
    assert main(["--home", str(tmp_path), "--lang", "en", "sync", "--once"]) == 3
    assert "paused until it is resumed" in capsys.readouterr().err
    settings.channel.state = "active"
    save_settings(settings, profile.settings_path)
    assert main(["--home", str(tmp_path), "sync", "--once"]) == 0
    assert len(sims.do(sims.sims.linx.orders)) == 1


def test_setup_refuses_a_wrong_fallback_cnpj_in_the_settings_words_and_saves_nothing(
        tmp_path: Path, sims, monkeypatch, capsys) -> None:
    secrets_env(monkeypatch)
    assert main(setup_args(tmp_path, sims, "--no-test", cnpj="12.ABC.345/01DE-36")) == 2
    err = capsys.readouterr().err
    assert "--fallback-cnpj '12.ABC.345/01DE-36': CNPJ inválido (dígito verificador)" in err
    assert not Profile(tmp_path).settings_path.exists()
    english = ["en" if arg == "pt_BR" else arg for arg in setup_args(tmp_path, sims, "--no-test", cnpj="0300733100014")]
    assert main(english) == 2
    assert "invalid CNPJ (must have 14 characters" in capsys.readouterr().err


def test_a_partial_setup_is_saved_as_not_configured_and_names_the_options_still_missing(
        tmp_path: Path, monkeypatch, capsys) -> None:
    secrets_env(monkeypatch)
    assert main(["--home", str(tmp_path), "--lang", "en", "setup", "--no-test", "--client-id", "X"]) == 0
    out = capsys.readouterr().out
    assert "Channel: Not configured." in out
    assert "Still missing before the channel can be activated: --username, --linx-url, --linx-user, --website-id" in out
    assert load_settings(Profile(tmp_path).settings_path).channel.state == "installed"


def test_every_required_setting_has_a_setup_option() -> None:
    from pluggto_desktop.cli.setup import _OPTION_OF
    from pluggto_desktop.settings.readiness import REQUIRED_FIELDS, SECRET_FIELDS

    assert set(REQUIRED_FIELDS) - set(SECRET_FIELDS) == set(_OPTION_OF)


def test_activating_a_channel_set_up_part_way_is_refused_and_saves_nothing(
        tmp_path: Path, monkeypatch, capsys) -> None:
    secrets_env(monkeypatch)
    args = ["--home", str(tmp_path), "--lang", "pt_BR", "setup", "--no-test", "--client-id", "X", "--activate"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "--activate: o canal só pode ser ativado com --username, --linx-url, --linx-user, --website-id" in err
    assert not Profile(tmp_path).settings_path.exists()
