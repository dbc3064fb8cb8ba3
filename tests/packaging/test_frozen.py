"""Smoke test of the FROZEN app (PyInstaller, Linux): build it, then run the binary, not Python.

Building takes a while, so this module only runs when asked:

* ``PLUGGTO_BUILD_FROZEN=1`` — build ``dist/pluggto-desktop`` with scripts/build_linux.py (CI's
  .ci/run sets it), unless ``PLUGGTO_FROZEN_DIST`` names an existing build;
* ``PLUGGTO_FROZEN_DIST=dist/pluggto-desktop`` — test that build as it is
  (``scripts/build_linux.py --smoke`` does this).

Every command runs the frozen executable with a throw-away profile (``--home``), English
messages and, where secrets are involved, keyring's ``null`` backend, so no vault is needed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pluggto_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
APP = "pluggto-desktop"
SIZE_BUDGET = 150_000_000  # bytes; the measured size is in README.md, "Packaging"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.packaging,
    pytest.mark.xdist_group("frozen"),  # one worker builds dist/ once for the whole module
    pytest.mark.skipif(
        not (os.environ.get("PLUGGTO_BUILD_FROZEN") == "1" or os.environ.get("PLUGGTO_FROZEN_DIST")),
        reason="builds the frozen app with PyInstaller (about a minute): set PLUGGTO_BUILD_FROZEN=1 "
        "(.ci/run does), or PLUGGTO_FROZEN_DIST=<dist/pluggto-desktop> to test an existing build",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="the frozen-app smoke test covers the Linux bundle (CI checks the others with "
                       "--self-test)"),
    pytest.mark.timeout(900),
]


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The one-folder build: PLUGGTO_FROZEN_DIST, or a fresh build into dist/."""
    given = os.environ.get("PLUGGTO_FROZEN_DIST")
    if given:
        path = Path(given).resolve()
        assert (path / APP).is_file(), f"PLUGGTO_FROZEN_DIST={given}: no {APP} executable there"
        return path
    started = time.monotonic()
    build = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_linux.py"), "--no-archive"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    if build.returncode != 0:
        pytest.fail(f"the build failed ({build.returncode}):\n{build.stdout[-4000:]}\n{build.stderr[-6000:]}")
    print(f"\nbuilt the frozen app in {time.monotonic() - started:.0f} s")
    print("\n".join(line for line in build.stdout.splitlines() if line.startswith(("bundle:", "  "))))
    return ROOT / "dist" / APP


@pytest.fixture(scope="module")
def exe(bundle: Path) -> Path:
    return bundle / APP


def frozen_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A clean environment: nothing from the test process's Python (paths, keyring backend)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHON_KEYRING_BACKEND", "VIRTUAL_ENV")
           and not k.startswith(("PLUGGTO_CLIENT", "PLUGGTO_PASSWORD", "LINX_"))}
    # a profile folder of its own even where a command would fall back to the default one
    env.update(PLUGGTO_DESKTOP_HOME=str(tmp_path / "default-home"), QT_QPA_PLATFORM="offscreen", **extra)
    return env


def run(exe: Path, *args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    cwd = Path(env["PLUGGTO_DESKTOP_HOME"]).parent  # never the source checkout
    return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=cwd)


def test_version(exe: Path, tmp_path: Path) -> None:
    result = run(exe, "--version", env=frozen_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pluggto-desktop {__version__}"


def test_self_test_finds_keyring_backends_qt_plugins_and_resources(exe: Path, bundle: Path, tmp_path: Path) -> None:
    result = run(exe, "--self-test", env=frozen_env(tmp_path))
    report = json.loads(result.stdout)
    print(json.dumps({k: report[k] for k in ("version", "python", "qt", "problems")}, indent=1))
    assert result.returncode == 0 and report["ok"], report["problems"]
    assert report["frozen"] is True and report["version"] == __version__
    # keyring found its backends through the entry points in the bundled metadata, SecretService
    # among them, with secretstorage and jeepney inside (here it may be unusable only because no
    # D-Bus session / Secret Service daemon runs).
    keyring = report["keyring"]
    assert {"SecretService", "chainer"} <= set(keyring["entry_points"])
    secret_service = keyring["backends"]["keyring.backends.SecretService.Keyring"]
    assert "SecretStorage required" not in secret_service.get("reason", ""), secret_service
    # Qt: the plugins the app needs load from the bundle; Qt's own pt-BR buttons are there
    qt = report["qt"]
    assert {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"} <= set(qt["platform_plugins"])
    assert "libqeglfs.so" not in qt["platform_plugins"]  # the allow-list is applied
    assert {"svg", "ico"} <= set(qt["image_formats"]) and qt["qtbase_pt_BR"]
    # the app's resources are found under sys._MEIPASS, not in the source checkout
    resources = report["resources"]
    assert Path(resources["dir"]).resolve() == (bundle / "_internal" / "pluggto_desktop" / "resources").resolve()
    assert resources["pt_BR_qm"]
    assert {"app.svg", "tray-running.svg", "tray-attention.svg"} <= set(resources["icons"])


def test_bundle_holds_only_what_the_app_uses(bundle: Path) -> None:
    internal = bundle / "_internal"
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    assert not [n for n in names if n.endswith(".ts") or "/catalog/" in n], "translation sources were bundled"
    qt_translations = sorted(n for n in names if n.startswith("PySide6/Qt/translations/"))
    assert qt_translations == ["PySide6/Qt/translations/qtbase_pt_BR.qm"]
    unwanted = re.compile(r"libQt6(Qml|Quick|Network|Pdf|Designer|WebEngine|Multimedia|Sql|Test|3D|Charts)")
    assert not [n for n in names if unwanted.search(n)]
    # scripts/build_linux.py adds the desktop entry and the icon theme files
    assert (bundle / "share" / "applications" / "pluggto-desktop.desktop").is_file()
    assert (bundle / "share" / "icons" / "hicolor" / "256x256" / "apps" / "pluggto-desktop.png").is_file()


def test_no_bundled_library_misses_a_qt_library(bundle: Path) -> None:
    """Pruning Qt libraries must never leave a kept library or plugin without one it links to."""
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    missing: dict[str, set[str]] = {}
    for path in internal.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for name in re.findall(r"^\s*(\S+) => not found", out, re.MULTILINE):
            missing.setdefault(name, set()).add(path.relative_to(internal).as_posix())
    ours = {name: users for name, users in missing.items()
            if re.match(r"lib(Qt6|icu|pyside6|shiboken6|python3)", name)}
    assert not ours, f"bundled libraries need libraries that were left out: {ours}"
    if missing:
        print(f"\nsystem libraries not on this machine (fine if optional): {sorted(missing)}")


def test_bundle_size(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    groups: dict[str, int] = {}
    for p in files:
        parts = p.relative_to(bundle).parts
        key = "/".join(parts[:3] if parts[:2] == ("_internal", "PySide6") else parts[:2])
        groups[key] = groups.get(key, 0) + p.stat().st_size
    top = sorted(groups.items(), key=lambda item: -item[1])[:10]
    report = "\n".join(f"  {n / 1e6:7.1f} MB  {name}" for name, n in top)
    print(f"\nbundle size: {size / 1e6:.1f} MB ({len(files)} files)\n{report}")
    if shutil.which("strip") is None:
        pytest.skip(f"bundle {size / 1e6:.1f} MB: without `strip` (binutils) it keeps debug symbols; "
                    "the budget applies to stripped builds")
    assert size < SIZE_BUDGET, f"bundle is {size / 1e6:.1f} MB, budget {SIZE_BUDGET / 1e6:.0f} MB:\n{report}"


def test_status_json_on_a_brand_new_profile(exe: Path, tmp_path: Path) -> None:
    home = tmp_path / "new-profile"
    result = run(exe, "--home", str(home), "status", "--json",
                 env=frozen_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["channel_state"] == "installed"
    assert data["engine"] == "stopped" and sum(data["jobs"]["orders"].values()) == 0


@pytest.fixture
def frozen_simulators(exe: Path, tmp_path: Path) -> Iterator[dict[str, object]]:
    """``pluggto-desktop simulate`` served by the frozen binary; yields its printed output."""
    env = frozen_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    proc = subprocess.Popen([str(exe), "--lang", "en", "simulate", "--pluggto-port", "0", "--linx-port", "0",
                             "--orders", "60"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, cwd=tmp_path)
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if "orders created" in line:
                break
        output = "\n".join(lines)
        assert "orders created" in output, f"simulate did not start:\n{output}"
        urls = re.findall(r"simulator:\s+(http://\S+)", output)
        setup = next(line.strip() for line in lines if " setup " in line)
        yield {"pluggto_url": urls[0], "linx_url": urls[1], "setup": setup, "env": env}
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            assert proc.wait(timeout=30) == 0, "the frozen simulator did not stop cleanly on SIGINT"
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()


def test_setup_and_sync_once_against_the_frozen_simulators(exe: Path, tmp_path: Path,
                                                          frozen_simulators: dict) -> None:
    # The printed command: "PLUGGTO_CLIENT_SECRET=… PLUGGTO_PASSWORD=… LINX_PASSWORD=… pluggto-desktop setup …"
    words = shlex.split(frozen_simulators["setup"])
    secrets = dict(word.split("=", 1) for word in words if re.match(r"^[A-Z_]+=", word))
    assert set(secrets) == {"PLUGGTO_CLIENT_SECRET", "PLUGGTO_PASSWORD", "LINX_PASSWORD"}
    options = words[words.index("setup") + 1:]
    env = {**frozen_simulators["env"], **secrets}
    home = tmp_path / "profile"

    setup = run(exe, "--lang", "en", "--home", str(home), "setup", *options, env=env)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert "Plug.to: connection OK" in setup.stdout and "Channel: Active" in setup.stdout

    sync = run(exe, "--lang", "en", "--home", str(home), "sync", "--once", env=env, timeout=300)
    print(f"\nsync --once exit {sync.returncode}:\n{sync.stdout}{sync.stderr}")
    # 1 = some orders need attention (the simulator makes a few fail the way real ones do)
    assert sync.returncode in (0, 1), sync.stdout + sync.stderr

    linx = frozen_simulators["linx_url"]
    created = httpx.get(f"{linx}/_sim/orders", timeout=30).json()
    duplicates = httpx.get(f"{linx}/_sim/duplicates", timeout=30).json()
    status = json.loads(run(exe, "--home", str(home), "status", "--json", env=env).stdout)
    integrated = status["jobs"]["orders"]["integrated"]
    assert len(created) > 0, "no order reached the Linx simulator"
    assert len(created) == integrated  # each integrated order is in the store …
    assert not duplicates  # … exactly once
    assert status["channel_state"] == "active" and status["last_poll"]

    # what the Windows uninstaller runs when the user removes their data
    forget = run(exe, "--lang", "en", "--home", str(home), "forget-secrets", env=env)
    assert forget.returncode == 0, forget.stdout + forget.stderr
    assert re.search(r"Deleted from the password vault|No password of this profile|No password vault", forget.stdout)


def test_gui_starts_offscreen_and_quits_cleanly(exe: Path, tmp_path: Path) -> None:
    env = frozen_env(tmp_path, PLUGGTO_DESKTOP_QUIT_AFTER="5")
    started = time.monotonic()
    result = run(exe, "--demo", "--home", str(tmp_path / "gui"), env=env, timeout=120)
    elapsed = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "could not load the Qt platform plugin" not in output.lower(), output
    assert elapsed >= 4, "the app ended before its timer: did the window open at all?"
    log = (tmp_path / "gui" / "logs" / "pluggto-desktop.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
