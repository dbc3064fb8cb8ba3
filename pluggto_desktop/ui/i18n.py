"""Installing Qt translators: pt-BR when the system (or the user's choice) is Portuguese.

The UI's source strings are English; ``pluggto_desktop_pt_BR.qm`` holds the Portuguese, and
Qt's own ``qtbase_pt_BR.qm`` translates Qt's dialogs and standard buttons (the file dialog's
"Procurar em:", "Arquivos do tipo:", OK, Cancelar, Salvar…).

Where ``qtbase_pt_BR.qm`` is depends on how Qt got here: the PySide6 wheels ship it inside the
package (``PySide6/Qt/translations`` on Linux and macOS, ``PySide6/translations`` on Windows),
the frozen app keeps it in the bundled package, and ``QLibraryInfo``'s translations path may
point elsewhere (a ``qt.conf``, a system Qt), so every candidate is tried.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.ui.resources import translations_dir

log = logging.getLogger("pluggto_desktop.ui")
_installed: list[QTranslator] = []

#: Qt's own strings that ``qtbase_pt_BR.qm`` lacks (Qt 6.10's file dialog added the mnemonics, so
#: its labels no longer match the catalogue's "Look in:"): our catalogue translates them in Qt's
#: context, and a translator answers for any context.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def install_language(lang: str) -> bool:
    """Switch the application's language; True when a pt-BR catalogue was loaded.

    English is the source language; its catalogue holds only the plural forms ("1 order",
    "2 orders" for the source "%n order(s)")."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != PT:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        plurals = QTranslator(app)
        if plurals.load("pluggto_desktop_en", str(translations_dir())):
            app.installTranslator(plurals)
            _installed.append(plurals)
        else:
            log.warning("English plural forms not found in %s", translations_dir())
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
    folder = qt_translations_dir()
    if folder is not None and qt.load("qtbase_pt_BR", str(folder)):
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        log.warning("Qt's own pt-BR translation (qtbase_pt_BR.qm) not found in %s: Qt's dialogs stay in English",
                    ", ".join(str(p) for p in qt_translation_candidates()))
    return loaded


def current_lang() -> str:
    """The language the UI speaks now (install_language sets Qt's default locale with it)."""
    return PT if QLocale().language() == QLocale.Language.Portuguese else EN


def qt_translation_candidates() -> list[Path]:
    """Where Qt's own translations may be, most likely first."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    candidates = [package / "Qt" / "translations", package / "translations",
                  Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    unique: list[Path] = []
    for candidate in candidates:
        if candidate not in unique:
            unique.append(candidate)
    return unique


def qt_translations_dir() -> Path | None:
    """The folder that holds ``qtbase_pt_BR.qm``, or None."""
    return next((p for p in qt_translation_candidates() if (p / "qtbase_pt_BR.qm").is_file()), None)
