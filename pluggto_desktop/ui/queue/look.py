"""The queue's colours and state dots, by level (``present/jobs.py`` gives each state its level;
here each level gets a colour that reads on light and dark themes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from pluggto_desktop.present.jobs import state_level


def _is_dark() -> bool:
    app = QGuiApplication.instance()
    palette = app.palette() if app is not None else QPalette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


#: (light theme, dark theme) colours per level: muted tones that read on both.
_LEVEL_COLOURS: dict[str, tuple[str, str]] = {
    "pending": ("#5c6b7a", "#a9b6c3"),
    "info": ("#1f6fb2", "#8cc4f2"),
    "warning": ("#9a6200", "#f0c674"),
    "waiting": ("#6a5acd", "#b8adf0"),
    "ok": ("#2e7d32", "#8fd19e"),
    "error": ("#b3261e", "#f2a7a0"),
    "muted": ("#7a7a7a", "#9a9a9a"),
}
#: levels drawn as a ring: nothing is asked of anyone (not started yet, or over)
_RINGS = ("pending", "muted")


def level_colour(level: str) -> QColor:
    light, dark = _LEVEL_COLOURS.get(level, _LEVEL_COLOURS["pending"])
    return QColor(dark if _is_dark() else light)


def state_colour(state: str) -> QColor:
    return level_colour(state_level(state))


_ICONS: dict[tuple[str, bool], QIcon] = {}


def level_icon(level: str) -> QIcon:
    """A small dot in the level's colour (a ring for levels that need nothing from anyone)."""
    key = (level, _is_dark())
    icon = _ICONS.get(key)
    if icon is None:
        icon = QIcon()
        colour = level_colour(level)
        for size in (12, 16, 24):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            margin = size * 0.15
            if level in _RINGS:
                pen = painter.pen()
                pen.setColor(colour)
                pen.setWidthF(max(1.2, size / 8))
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
            painter.drawEllipse(int(margin), int(margin), int(size - 2 * margin), int(size - 2 * margin))
            painter.end()
            icon.addPixmap(pixmap)
        _ICONS[key] = icon
    return icon


def state_icon(state: str) -> QIcon:
    return level_icon(state_level(state))
