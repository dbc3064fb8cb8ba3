"""The command a person is told to type runs this program the way it runs now."""

from __future__ import annotations

from pathlib import Path

from pluggto_desktop import invocation


def test_under_uv_run_it_is_uv_run_with_the_project(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    env = {"UV_RUN_RECURSION_DEPTH": "1", "VIRTUAL_ENV": str(tmp_path / ".venv")}
    text = invocation.program(environ=env, argv0=str(tmp_path / ".venv/bin/pluggto-desktop"))
    assert text.endswith(f"run --project {tmp_path} pluggto-desktop")


def test_a_module_run_names_this_interpreter(tmp_path: Path) -> None:
    text = invocation.program(environ={}, argv0=str(tmp_path / "pluggto_desktop" / "__main__.py"))
    assert text.endswith(" -m pluggto_desktop") and "python" in text


def test_a_console_script_off_the_path_is_named_by_its_path(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "pluggto-desktop"
    assert invocation.program(environ={}, argv0=str(script)) == str(script.resolve())


def test_values_with_spaces_are_quoted_for_the_shell() -> None:
    assert invocation.env_assignments({"A": "x y"}) == "A='x y' "
    assert "--home '/tmp/perfil com espaço' setup" in invocation.command("setup", home="/tmp/perfil com espaço")
