"""Build the Linux app: PyInstaller one-folder bundle, desktop entry and icons, a .tar.gz.

    python3 scripts/build_linux.py              # build dist/pluggto-desktop + the .tar.gz
    python3 scripts/build_linux.py --smoke      # … then run the frozen-app smoke test on it
    python3 scripts/build_linux.py --no-archive # just the folder (what tests/packaging uses)
    python3 scripts/build_linux.py --skip-build --smoke   # smoke-test an existing dist/

Works with any Python that can run uv (``python3 -m uv``, or ``uv`` on PATH, or inside
``uv run``): PyInstaller comes from the ``packaging`` dependency group of uv.lock, installed on
demand by ``uv run --group packaging``.

The result, ``dist/pluggto-desktop-<version>-linux-<arch>.tar.gz``, unpacks to one folder:

    pluggto-desktop/pluggto-desktop          the app and its command line
    pluggto-desktop/_internal/               Python, Qt and the app's files
    pluggto-desktop/share/applications/      pluggto-desktop.desktop
    pluggto-desktop/share/icons/hicolor/     the icon in 16…512 px and SVG

(README.md, "Packaging", says how to install it for one user or system-wide.)
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "pluggto-desktop"
SPEC = ROOT / "packaging" / "pluggto_desktop.spec"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the hicolor theme's sizes (1024 is for macOS)


def version() -> str:
    text = (ROOT / "pluggto_desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE).group(1)


def uv_command() -> list[str]:
    """How to call uv from here: ``uv run`` exports $UV; else uv on PATH; else ``python3 -m uv``."""
    if os.environ.get("UV") and Path(os.environ["UV"]).is_file():
        return [os.environ["UV"]]
    if shutil.which("uv"):
        return [shutil.which("uv")]
    for python in (sys.executable, shutil.which("python3")):
        if python and subprocess.run([python, "-m", "uv", "--version"], capture_output=True).returncode == 0:
            return [python, "-m", "uv"]
    raise SystemExit("uv not found: python3 -m pip install uv")


def tree_size(path: Path) -> int:
    """Bytes of the files under ``path`` (symlinks count as links, as in the archive)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def biggest(path: Path, count: int = 12) -> list[tuple[int, str]]:
    """The largest entries one and two levels down (what to look at when the bundle grows)."""
    entries = []
    for child in path.iterdir():
        entries.append((tree_size(child) if child.is_dir() else child.lstat().st_size, child.name))
    inner = path / "_internal"
    if inner.is_dir():
        for child in inner.iterdir():
            size = tree_size(child) if child.is_dir() and not child.is_symlink() else child.lstat().st_size
            entries.append((size, f"_internal/{child.name}"))
    return sorted(entries, reverse=True)[:count]


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def build(distpath: Path, workpath: Path) -> Path:
    command = [*uv_command(), "run", "--group", "packaging", "pyinstaller", str(SPEC), "--noconfirm",
               "--distpath", str(distpath), "--workpath", str(workpath)]
    print("$", " ".join(command), flush=True)
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True)
    bundle = distpath / APP
    if not (bundle / APP).is_file():
        raise SystemExit(f"PyInstaller did not produce {bundle / APP}")
    print(f"PyInstaller: {time.monotonic() - started:.0f} s", flush=True)
    return bundle


def add_desktop_files(bundle: Path) -> None:
    """The XDG desktop entry and the hicolor icons, ready to copy into ~/.local/share or /usr/share."""
    share = bundle / "share"
    applications = share / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "resources" / f"{APP}.desktop", applications / f"{APP}.desktop")
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "resources" / "icons" / "png" / f"app-{size}.png", target / f"{APP}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "resources" / "icons" / "app.svg", scalable / f"{APP}.svg")


def archive(bundle: Path) -> Path:
    machine = platform.machine().lower() or "unknown"
    target = bundle.parent / f"{APP}-{version()}-linux-{machine}.tar.gz"
    started = time.monotonic()
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=APP)  # symlinks are stored as symlinks
    print(f"archive: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} "
          f"({mb(target.stat().st_size)}, {time.monotonic() - started:.0f} s)", flush=True)
    return target


def smoke(bundle: Path) -> int:
    """tests/packaging/test_frozen.py against this bundle."""
    env = {**os.environ, "PLUGGTO_BUILD_FROZEN": "1", "PLUGGTO_FROZEN_DIST": str(bundle)}
    command = [*uv_command(), "run", "pytest", "tests/packaging", "-m", "packaging", "-v", "-s"]
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, cwd=ROOT, env=env).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Linux bundle of Pluggto Desktop.")
    parser.add_argument("--smoke", action="store_true", help="run the frozen-app smoke test afterwards")
    parser.add_argument("--no-archive", action="store_true", help="do not write the .tar.gz")
    parser.add_argument("--skip-build", action="store_true", help="reuse the existing dist/pluggto-desktop")
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist")
    parser.add_argument("--workpath", type=Path, default=ROOT / "build" / "pyinstaller")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("note: this script makes the Linux bundle; see README.md, Packaging, for Windows and macOS")
    distpath, workpath = args.distpath.resolve(), args.workpath.resolve()
    bundle = distpath / APP if args.skip_build else build(distpath, workpath)
    if not (bundle / APP).is_file():
        raise SystemExit(f"no bundle at {bundle}")
    add_desktop_files(bundle)
    size = tree_size(bundle)
    print(f"bundle: {bundle} — {mb(size)}")
    for entry_size, name in biggest(bundle):
        print(f"  {mb(entry_size):>9}  {name}")
    if not args.no_archive:
        archive(bundle)
    return smoke(bundle) if args.smoke else 0


if __name__ == "__main__":
    raise SystemExit(main())
