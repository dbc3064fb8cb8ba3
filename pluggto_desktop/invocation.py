"""How to run this program again, typed exactly as it was started now.

A command the app prints for a person to paste (``simulate`` prints a ``setup`` line, hints name
``retry``/``diagnose``) must work where they paste it: the packaged executable by its path; a
source checkout run through ``uv run`` as ``uv run --project <folder> pluggto-desktop`` (a bare
``pluggto-desktop`` is only on the PATH inside ``uv run``); the console script when the shell
finds that very script; otherwise this interpreter with ``-m pluggto_desktop``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

NAME = "pluggto-desktop"


def program(*, environ: dict[str, str] | None = None, argv0: str | None = None) -> str:
    """The command prefix (shell-quoted) that runs this program the way it runs now."""
    env = os.environ if environ is None else environ
    argv0 = sys.argv[0] if argv0 is None else argv0
    if getattr(sys, "frozen", False):
        exe = _quote(sys.executable)
        return f"& {exe}" if os.name == "nt" and exe.startswith('"') else exe
    project = _uv_project(env)
    if project is not None:
        uv = "uv" if shutil.which("uv") else f"{_quote(env.get('UV_INTERNAL__PARENT_INTERPRETER') or 'python3')} -m uv"
        return f"{uv} run --project {_quote(str(project))} {NAME}"
    if Path(argv0).name.startswith(NAME):
        found = shutil.which(NAME)
        if found and Path(found).resolve() == Path(argv0).resolve():
            return NAME
        return _quote(str(Path(argv0).resolve()))
    return f"{_quote(sys.executable)} -m pluggto_desktop"


def command(*words: str, home: str | os.PathLike[str] | None = None) -> str:
    """``program`` followed by ``--home HOME`` (when given) and ``words`` (quoted)."""
    parts = [program()]
    if home is not None:
        parts.append(f"--home {_quote(str(home))}")
    parts += [_quote(w) for w in words]
    return " ".join(parts)


def env_assignments(values: dict[str, str]) -> str:
    """Environment variables set for one command, in this system's shell (POSIX ``A=1 B=2 cmd``;
    PowerShell ``$env:A="1"; $env:B="2"; cmd``)."""
    if os.name == "nt":
        return "; ".join(f'$env:{k}="{v}"' for k, v in values.items()) + "; "
    return " ".join(f"{k}={_quote(v)}" for k, v in values.items()) + " "


def _uv_project(env: dict[str, str] | os._Environ[str]) -> Path | None:
    """The project folder when running under ``uv run`` (it sets UV_RUN_RECURSION_DEPTH)."""
    if not env.get("UV_RUN_RECURSION_DEPTH"):
        return None
    venv = env.get("VIRTUAL_ENV")
    if not venv:
        return None
    folder = Path(venv).resolve().parent
    return folder if (folder / "pyproject.toml").is_file() else None


def _quote(text: str) -> str:
    if os.name == "nt":  # PowerShell: quote what has spaces
        return f'"{text}"' if " " in text else text
    return shlex.quote(text)


__all__ = ["NAME", "command", "env_assignments", "program"]
