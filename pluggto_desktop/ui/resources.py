"""Where the app's shipped files are: a source checkout, an installed wheel, or a frozen app."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QIcon


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    here = Path(__file__).resolve().parent.parent  # pluggto_desktop/
    candidates = [
        Path(getattr(sys, "_MEIPASS", "")) / "pluggto_desktop" / "resources",  # PyInstaller
        here / "resources",  # installed wheel (force-included there)
        here.parent / "resources",  # source checkout
    ]
    for candidate in candidates:
        if (candidate / "icons").is_dir():
            return candidate
    return candidates[-1]


def icon(name: str) -> QIcon:
    """``icon("app")`` or a tray state: ``icon("tray-paused")``."""
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def translations_dir() -> Path:
    return resources_dir() / "translations"
