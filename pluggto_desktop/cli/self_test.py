"""``pluggto-desktop --self-test`` (hidden): what a packaged build needs, checked from inside it.

Prints one JSON object — version, Python, Qt (version, Qt's pt-BR translation, the platform and
image-format plugins that load), the keyring backends keyring discovers through its entry points
(with whether each is usable here) and the one it picks, and whether the app's icons and pt-BR
catalogue are found — and exits 1 when something is missing. It reads no profile and never reads
or writes a vault's contents. Used by tests/packaging and the build workflow. Its report is for
the build, not for a person: English, technical.
"""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path
from typing import Any

from pluggto_desktop import __version__
from pluggto_desktop.cli.output import EXIT_ATTENTION, EXIT_OK

#: the vault each system's build must find
_NATIVE_BACKENDS = {"linux": "keyring.backends.SecretService.Keyring",
                    "win32": "keyring.backends.Windows.WinVaultKeyring",
                    "darwin": "keyring.backends.macOS.Keyring"}


def self_test() -> int:
    problems: list[str] = []
    report: dict[str, Any] = {"version": __version__, "python": platform.python_version(),
                              "platform": sys.platform, "frozen": bool(getattr(sys, "frozen", False)),
                              "executable": sys.executable}
    report["keyring"] = _keyring_report()
    native = report["keyring"]["native"]
    if native and native not in report["keyring"]["backends"]:
        problems.append(f"keyring backend {native} not discovered")
    problems += _qt_report(report)
    report["problems"] = problems
    report["ok"] = not problems
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return EXIT_OK if not problems else EXIT_ATTENTION


def _keyring_report() -> dict[str, Any]:
    """Every backend keyring knows (usable here or not, with why not), the one it picks, and the
    one this system should have."""
    import importlib.metadata
    import inspect

    import keyring
    import keyring.backend

    from pluggto_desktop.secrets import backend_label

    entry_points = sorted(ep.name for ep in importlib.metadata.entry_points(group="keyring.backends"))
    viable = {backend_label(b) for b in keyring.backend.get_all_keyring()}  # also loads the entry points
    classes, pending = {}, list(keyring.backend.KeyringBackend.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if not inspect.isabstract(cls):
            classes[f"{cls.__module__}.{cls.__name__}"] = cls
    backends: dict[str, Any] = {}
    for label, cls in sorted(classes.items()):
        try:
            backends[label] = {"usable": label in viable, "priority": cls.priority}
        except Exception as exc:  # noqa: BLE001 - why it cannot be used here (no D-Bus, wrong OS…)
            backends[label] = {"usable": False, "reason": f"{type(exc).__name__}: {exc}"[:200]}
    try:
        selected = backend_label(keyring.get_keyring())
    except Exception as exc:  # noqa: BLE001 - a broken keyring setup is what this report is for
        selected = f"error: {type(exc).__name__}"
    native = _NATIVE_BACKENDS.get("linux" if sys.platform.startswith("linux") else sys.platform)
    return {"entry_points": entry_points, "backends": backends, "selected": selected, "native": native}


def _qt_report(report: dict[str, Any]) -> list[str]:
    """Adds Qt's and the app resources' parts to ``report``; returns what is missing."""
    # Only ui/ imports Qt (tests/test_architecture.py): the ui layer loads it and this reads the
    # modules it loaded, as diagnostics does. (The GUI smoke run shows the icons really render.)
    try:
        from pluggto_desktop.ui.resources import resources_dir, translations_dir
    except ImportError as exc:  # PySide6 missing or broken
        return [f"Qt: {type(exc).__name__}: {exc}"]
    qt_core, qt_gui = sys.modules["PySide6.QtCore"], sys.modules["PySide6.QtGui"]
    info = qt_core.QLibraryInfo
    plugins = Path(info.path(info.LibraryPath.PluginsPath))
    qt_translations = Path(info.path(info.LibraryPath.TranslationsPath))
    resources = resources_dir()
    icons = sorted(p.name for p in (resources / "icons").glob("*.svg"))
    report["qt"] = {
        "version": qt_core.qVersion(), "pyside6": sys.modules["PySide6"].__version__,
        "platform_plugins": sorted(p.name for p in (plugins / "platforms").glob("*")),
        "image_formats": sorted(bytes(f).decode() for f in qt_gui.QImageReader.supportedImageFormats()),
        "qtbase_pt_BR": (qt_translations / "qtbase_pt_BR.qm").is_file(),
    }
    report["resources"] = {"dir": str(resources), "icons": icons,
                           "pt_BR_qm": (translations_dir() / "pluggto_desktop_pt_BR.qm").is_file()}
    checks = [("resources/icons/app.svg", "app.svg" in icons),
              ("pluggto_desktop_pt_BR.qm", report["resources"]["pt_BR_qm"]),
              ("Qt's SVG image plugin", "svg" in report["qt"]["image_formats"]),
              ("Qt's qtbase_pt_BR.qm", report["qt"]["qtbase_pt_BR"])]
    return [f"missing: {name}" for name, ok in checks if not ok]
