"""Start at login: the Windows Run key, a macOS LaunchAgent, an XDG autostart entry on Linux.

The entry starts the app with ``--minimized`` (straight to the tray) and, when the profile is not
the default one, with its ``--home``. The truth is the entry itself, not a setting: the settings
page reads :func:`autostart_enabled` and writes with :func:`set_autostart`, so an entry removed by
the user (or by an uninstaller) is never shown as on.

Every platform writer takes its location as a parameter so tests run anywhere.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pluggto_desktop.settings import write_text_atomically

APP_LABEL = "Pluggto Desktop"
MAC_LABEL = "to.plugg.pluggto-desktop"  # the app bundle id (packaging/pluggto_desktop.spec)
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
DESKTOP_FILE = "pluggto-desktop.desktop"


def launch_command(home: str | None = None, *, minimized: bool = True) -> list[str]:
    """How to start this installation: the frozen executable, or this Python with ``-m``."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "pluggto_desktop"]
    if home:
        command += ["--home", str(home)]
    if minimized:
        command.append("--minimized")
    return command


@dataclass
class Autostart:
    """One platform's start-at-login entry."""

    platform: str = sys.platform
    home_dir: Path = field(default_factory=Path.home)  # read when used, not when imported
    config_home: Path | None = None  # XDG_CONFIG_HOME (Linux)
    registry: Any = None  # a winreg-like module (Windows); None = the real one

    # -- public -------------------------------------------------------------------------------------
    @property
    def supported(self) -> bool:
        return self.platform.startswith(("win", "darwin", "linux"))

    def enabled(self) -> bool:
        if self.platform.startswith("win"):
            return self._windows_read() is not None
        return self._path().exists()

    def command(self) -> list[str] | None:
        """The command the entry runs (None when there is none)."""
        if self.platform.startswith("win"):
            value = self._windows_read()
            return _split_windows(value) if value else None
        path = self._path()
        if not path.exists():
            return None
        if self.platform == "darwin":
            return list(plistlib.loads(path.read_bytes()).get("ProgramArguments", []))
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("Exec="):
                return shlex.split(line[len("Exec="):])
        return None

    def set(self, enabled: bool, command: list[str]) -> None:
        if self.platform.startswith("win"):
            self._windows_write(enabled, command)
        elif self.platform == "darwin":
            self._write_or_remove(enabled, _launch_agent(command).decode("utf-8"))
        else:
            self._write_or_remove(enabled, _desktop_entry(command))

    # -- files (macOS, Linux) -------------------------------------------------------------------------
    def _path(self) -> Path:
        if self.platform == "darwin":
            return self.home_dir / "Library" / "LaunchAgents" / f"{MAC_LABEL}.plist"
        base = self.config_home or Path(os.environ.get("XDG_CONFIG_HOME") or self.home_dir / ".config")
        return base / "autostart" / DESKTOP_FILE

    def _write_or_remove(self, enabled: bool, content: str) -> None:
        path = self._path()
        if enabled:
            write_text_atomically(path, content)
        else:
            path.unlink(missing_ok=True)

    # -- registry (Windows) ---------------------------------------------------------------------------
    def _winreg(self) -> Any:
        if self.registry is not None:
            return self.registry
        import winreg  # Windows only

        return winreg

    def _windows_read(self) -> str | None:
        reg = self._winreg()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _ = reg.QueryValueEx(key, APP_LABEL)
                return str(value)
        except OSError:
            return None

    def _windows_write(self, enabled: bool, command: list[str]) -> None:
        reg = self._winreg()
        with reg.CreateKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
            if enabled:
                reg.SetValueEx(key, APP_LABEL, 0, reg.REG_SZ, _join_windows(command))
            else:
                try:
                    reg.DeleteValue(key, APP_LABEL)
                except OSError:
                    pass  # already gone


def _desktop_entry(command: list[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_LABEL}",
        "Comment=Pedidos dos marketplaces do Plug.to na sua loja Linx Commerce",
        f"Exec={shlex.join(command)}",
        "Icon=pluggto-desktop",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


def _launch_agent(command: list[str]) -> bytes:
    return plistlib.dumps({
        "Label": MAC_LABEL,
        "ProgramArguments": command,
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    })


def _join_windows(command: list[str]) -> str:
    return " ".join(f'"{part}"' if " " in part or not part else part for part in command)


def _split_windows(value: str) -> list[str]:
    parts, current, quoted = [], "", False
    for char in value:
        if char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            if current:
                parts.append(current)
            current = ""
        else:
            current += char
    if current:
        parts.append(current)
    return parts
