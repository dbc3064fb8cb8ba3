"""The installer scripts cannot be run here (Inno Setup needs Windows), so their ties to the rest of
the code are checked statically: the files they take exist, the programs they call are the ones the
PyInstaller spec makes, with arguments the command line accepts."""

from __future__ import annotations

import re
from pathlib import Path

from pluggto_desktop import APP_NAME
from pluggto_desktop.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "pluggto-desktop.iss"


def _defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', text, flags=re.MULTILINE))


def test_inno_setup_files_exist_and_programs_are_the_specs() -> None:
    text = ISS.read_text(encoding="utf-8")
    defines = _defines(text)
    # the spec builds APP_NAME (windowed) and APP_NAME-cli (console)
    assert defines["AppExe"] == f"{APP_NAME}.exe" and defines["CliExe"] == f"{APP_NAME}-cli.exe"
    taken = re.findall(r"=\.\.\\\.\.\\([^\s\"]+\.ico)", text)
    assert taken == ["resources\\icons\\app.ico"]
    for relative in taken:
        assert (ROOT / relative.replace("\\", "/")).is_file(), relative


def test_uninstaller_forgets_secrets_with_a_command_the_cli_knows() -> None:
    text = ISS.read_text(encoding="utf-8")
    calls = re.findall(r"Exec\(ExpandConstant\('\{app\}\\\{#CliExe\}'\), '([^']*)'", text)
    assert calls == ["forget-secrets"]
    args = build_parser().parse_args(calls[0].split())
    assert args.command == "forget-secrets"
    # only when the user chose to remove the data, never on a silent (update) uninstall
    body = text[text.index("procedure CurUninstallStepChanged"):]
    assert "if RemoveUserData then\n      ForgetSecrets();" in body
    assert "(not UninstallSilent())" in body
