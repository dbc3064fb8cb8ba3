"""``pluggto-desktop --self-test`` from the source checkout (fast; the frozen app is in test_frozen.py)."""

from __future__ import annotations

import json

import pytest

from pluggto_desktop import __version__
from pluggto_desktop.cli import main


def test_self_test_reports_keyring_qt_and_resources(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--self-test"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["ok"] and report["problems"] == []
    assert report["version"] == __version__ and report["frozen"] is False
    keyring = report["keyring"]
    # every backend keyring knows, usable here or not, with the reason when not
    assert "SecretService" in keyring["entry_points"]
    assert "keyring.backends.SecretService.Keyring" in keyring["backends"]
    assert all("usable" in info for info in keyring["backends"].values())
    assert keyring["native"] in keyring["backends"]
    assert report["qt"]["version"] and report["qt"]["qtbase_pt_BR"] and "svg" in report["qt"]["image_formats"]
    assert "app.svg" in report["resources"]["icons"] and report["resources"]["pt_BR_qm"]


def test_self_test_is_hidden_from_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "self-test" not in capsys.readouterr().out
