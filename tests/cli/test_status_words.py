"""`status` and the app use one word table for the channel (issue 12, item 10): a profile that
does not exist is "Não configurado" in both, never "Installed"."""

from __future__ import annotations

from pathlib import Path

import pytest

from pluggto_desktop.cli import main
from pluggto_desktop.engine.engine import EngineStatus
from pluggto_desktop.status_words import describe


@pytest.mark.parametrize("lang, channel, engine", [("pt_BR", "Canal: Não configurado", "Sincronização: parado"),
                                                   ("en", "Channel: Not configured", "Sync engine: stopped")])
def test_status_of_a_profile_that_does_not_exist_says_what_the_app_says(tmp_path: Path, capsys, lang, channel,
                                                                        engine) -> None:
    assert main(["--lang", lang, "--home", str(tmp_path / "nowhere"), "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert channel in lines and engine in lines
    assert channel.split(": ", 1)[1] == describe(EngineStatus(), "installed", lang=lang).title
