"""Start at login on each platform, and one engine per profile."""

from __future__ import annotations

import asyncio
import plistlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pluggto_desktop.desktop import APP_LABEL, RUN_KEY, Autostart, launch_command
from pluggto_desktop.instance import ActivationServer, ProfileLock, activate_running, desktop_app_running
from pluggto_desktop.profile import Profile

ROOT = Path(__file__).resolve().parents[2]
COMMAND = ["C:\\Program Files\\Pluggto Desktop\\pluggto-desktop.exe", "--home", "D:\\perfil loja", "--minimized"]


class FakeRegistry:
    """Just enough of winreg for the Run key."""

    HKEY_CURRENT_USER = "HKCU"
    REG_SZ = 1

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    class _Key:
        def __init__(self, path: str) -> None:
            self.path = path

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def OpenKey(self, root, path):  # winreg's names
        return self._Key(path)

    CreateKey = OpenKey

    def QueryValueEx(self, key, name):
        if (key.path, name) not in self.values:
            raise FileNotFoundError(name)
        return self.values[(key.path, name)], self.REG_SZ

    def SetValueEx(self, key, name, _reserved, _kind, value):
        self.values[(key.path, name)] = value

    def DeleteValue(self, key, name):
        if self.values.pop((key.path, name), None) is None:
            raise FileNotFoundError(name)


def test_windows_run_key_round_trip_with_spaces_in_paths() -> None:
    registry = FakeRegistry()
    autostart = Autostart(platform="win32", registry=registry)
    assert not autostart.enabled()
    autostart.set(True, COMMAND)
    assert autostart.enabled()
    assert registry.values[(RUN_KEY, APP_LABEL)].startswith('"C:\\Program Files\\Pluggto Desktop\\')
    assert autostart.command() == COMMAND
    autostart.set(False, COMMAND)
    autostart.set(False, COMMAND)  # already gone: fine
    assert not autostart.enabled()


def test_macos_launch_agent(tmp_path: Path) -> None:
    autostart = Autostart(platform="darwin", home_dir=tmp_path)
    autostart.set(True, ["/Applications/Pluggto Desktop.app/Contents/MacOS/pluggto-desktop", "--minimized"])
    plist = plistlib.loads((tmp_path / "Library/LaunchAgents/to.plugg.pluggto-desktop.plist").read_bytes())
    assert plist["RunAtLoad"] is True and plist["ProgramArguments"][-1] == "--minimized"
    assert autostart.enabled() and autostart.command()[0].endswith("pluggto-desktop")
    autostart.set(False, [])
    assert not autostart.enabled()


def test_xdg_autostart_entry(tmp_path: Path) -> None:
    autostart = Autostart(platform="linux", home_dir=tmp_path, config_home=tmp_path / "cfg")
    command = ["/opt/pluggto desktop/pluggto-desktop", "--home", "/home/ana/loja", "--minimized"]
    autostart.set(True, command)
    text = (tmp_path / "cfg/autostart/pluggto-desktop.desktop").read_text(encoding="utf-8")
    assert "[Desktop Entry]" in text and "X-GNOME-Autostart-enabled=true" in text
    assert autostart.command() == command  # quoting survives the space
    autostart.set(False, command)
    assert not autostart.enabled()


def test_the_launch_command_runs_this_installation() -> None:
    command = launch_command("/tmp/perfil", minimized=True)
    assert command[:3] == [sys.executable, "-m", "pluggto_desktop"]
    assert command[3:] == ["--home", "/tmp/perfil", "--minimized"]
    assert launch_command(None, minimized=False) == [sys.executable, "-m", "pluggto_desktop"]


# -- one engine per profile ----------------------------------------------------------------------
def test_only_one_process_holds_a_profile_and_a_crash_releases_it(tmp_path: Path) -> None:
    profile = Profile(tmp_path).ensure()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from pluggto_desktop.instance import ProfileLock
        from pluggto_desktop.profile import Profile
        lock = ProfileLock(Profile(Path({str(tmp_path)!r})))
        assert lock.acquire()
        print("held", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert not ProfileLock(profile).acquire()  # taken by the other process
    finally:
        holder.kill()  # a crash, not a clean exit
        holder.wait()
        holder.stdout.close()
    lock = ProfileLock(profile)
    assert lock.acquire()  # the OS released it
    lock.release()


@pytest.mark.anyio
async def test_a_second_launch_brings_the_first_forward(tmp_path: Path) -> None:
    profile = Profile(tmp_path).ensure()
    shown: list[bool] = []
    server = ActivationServer(profile, on_activate=lambda: shown.append(True))
    await server.start()
    try:
        assert desktop_app_running(profile)
        assert await activate_running(profile)
        assert shown == [True]
        # a caller without the token is ignored
        info = (profile.root / "app.instance").read_text()
        port = __import__("json").loads(info)["port"]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"wrong show\n")
        await writer.drain()
        assert await reader.read() == b""
        writer.close()
        assert shown == [True]
    finally:
        await server.stop()
    assert not desktop_app_running(profile)
    assert not await activate_running(profile)  # nobody to activate any more
