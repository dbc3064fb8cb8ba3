"""Small helpers of the queue views: numbers and money in the person's locale, a payload as
readable text, and whether a Qt object still exists."""

from __future__ import annotations

import json
from typing import Any

import shiboken6
from PySide6.QtCore import QLocale

from pluggto_desktop.i18n import PT


def alive(obj: Any) -> bool:
    return obj is not None and shiboken6.isValid(obj)


def _locale(lang: str) -> QLocale:
    if lang == PT:
        return QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def format_int(n: int, lang: str) -> str:
    return _locale(lang).toString(int(n))


def money(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    if lang == PT:
        return _locale(lang).toCurrencyString(float(value))
    return _locale(lang).toCurrencyString(float(value), "R$ ")


def pretty(payload: Any) -> str:
    if isinstance(payload, str):
        return payload
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str)
