"""``pluggto-desktop diagnose`` and ``pluggto-desktop doctor``: output and exit codes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from pluggto_desktop.cli import main
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.settings import Settings, save_settings
from tests.support.served import served_simulators


@pytest.fixture
def served():
    with served_simulators(orders=3) as served:
        yield served


def configure(home: Path, served, *, linx_password: str | None = None) -> Profile:
    creds = served.sims.credentials
    profile = Profile(home.resolve()).ensure()
    settings = Settings()
    settings.pluggto.api_url = creds.pluggto_url
    settings.pluggto.client_id = creds.client_id
    settings.pluggto.username = creds.username
    settings.linx.url_or_tenant = creds.linx_url
    settings.linx.user = creds.linx_user
    settings.channel.website_id = 1
    settings.ui.language = "pt_BR"
    save_settings(settings, profile.settings_path)
    secrets = SecretStore(profile.profile_id)
    secrets.set(PLUGGTO_CLIENT_SECRET, creds.client_secret)
    secrets.set(PLUGGTO_PASSWORD, creds.password)
    secrets.set(LINX_PASSWORD, linx_password or creds.linx_password)
    return profile


def test_doctor_prints_the_report_and_exits_0_when_everything_works(tmp_path, served, capsys) -> None:
    profile = configure(tmp_path / "home", served)
    assert main(["--home", str(profile.root), "doctor"]) == 0
    out = capsys.readouterr().out
    assert "Diagnóstico de conexão" in out and out.count("Resultado: OK") == 2
    assert (profile.cache_dir / "doctor.json").exists()  # kept for the diagnostics bundle

    assert main(["--home", str(profile.root), "--lang", "en", "doctor", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and [r["remote"] for r in data["remotes"]] == ["pluggto", "linx"]


def test_doctor_exits_1_when_a_step_fails(tmp_path, served, capsys) -> None:
    profile = configure(tmp_path / "home", served, linx_password="errada")
    assert main(["--home", str(profile.root), "doctor"]) == 1
    out = capsys.readouterr().out
    assert "✗ Autenticação" in out and "usuário ou a senha de integração" in out and "errada" not in out


def test_doctor_exits_2_on_a_configuration_problem(tmp_path, capsys) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text("{broken", encoding="utf-8")
    assert main(["--home", str(home), "doctor"]) == 2
    assert "settings.json" in capsys.readouterr().err

    other = tmp_path / "empty"  # nothing configured: no credentials to test
    assert main(["--home", str(other), "--lang", "en", "doctor"]) == 2


def test_diagnose_writes_the_zip_and_says_what_is_in_it(tmp_path, served, capsys) -> None:
    profile = configure(tmp_path / "home", served)
    output = tmp_path / "suporte.zip"
    assert main(["--home", str(profile.root), "diagnose", "--output", str(output), "--doctor",
                 "--include-payloads"]) == 0
    out = capsys.readouterr().out
    assert f"Diagnóstico salvo em {output}" in out
    for name in ("LEIA-ME.txt", "settings.json", "attention.json", "connection-check.txt", "logs/activity.jsonl"):
        assert name in out
    with zipfile.ZipFile(output) as archive:
        names = [n.split("/", 1)[1] for n in archive.namelist()]
        text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "connection-check.txt" in names and "queue.json" in names
    creds = served.sims.credentials
    for secret in (creds.client_secret, creds.password, creds.linx_password):
        assert secret not in text


def test_diagnose_exits_2_on_a_bad_path(tmp_path, capsys) -> None:
    assert main(["--home", str(tmp_path / "home"), "--lang", "en", "diagnose", "--output",
                 str(tmp_path / "missing-folder" / "d.zip")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["--home", str(tmp_path / "home"), "diagnose", "--output", str(tmp_path)]) == 2


def test_diagnose_works_even_when_the_settings_are_broken(tmp_path, capsys) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"pluggto": {"api_url": 5}}', encoding="utf-8")
    output = tmp_path / "d.zip"
    assert main(["--home", str(home), "--lang", "en", "diagnose", "-o", str(output)]) == 0
    with zipfile.ZipFile(output) as archive:
        settings = json.loads(next(archive.read(n) for n in archive.namelist() if n.endswith("settings.json")))
    assert settings["loaded"] is False and "pluggto.api_url" in settings["problems"][0]
