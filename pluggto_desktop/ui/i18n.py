"""Installing Qt translators: pt-BR when the system (or the user's choice) is Portuguese.

The UI's source strings are English; ``pluggto_desktop_pt_BR.qm`` holds the Portuguese, and
Qt's own ``qtbase_pt_BR.qm`` translates the standard buttons (OK, Cancelar, Salvar…).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pluggto_desktop.i18n import PT
from pluggto_desktop.ui.resources import translations_dir

log = logging.getLogger("pluggto_desktop.ui")
_installed: list[QTranslator] = []


def install_language(lang: str) -> bool:
    """Switch the application's language; True when a pt-BR catalogue was loaded."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != PT:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return False
    QLocale.setDefault(QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil))
    ours = QTranslator(app)
    loaded = ours.load("pluggto_desktop_pt_BR", str(translations_dir()))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("pt-BR translation not found in %s", translations_dir())
    qt = QTranslator(app)
    if qt.load("qtbase_pt_BR", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return loaded
