"""Language choice for the Qt-free core (CLI messages, reasons, activity lines).

The desktop UI translates its own strings with Qt's translation system; what the core produces
(a reason stored on a job, a CLI error) is written in both languages here, pt-BR first.
"""

from __future__ import annotations

import locale
import os

PT = "pt_BR"
EN = "en"
LANGUAGES = (PT, EN)


def system_language() -> str:
    """pt-BR when the system locale is Portuguese, English otherwise."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return PT if value.lower().startswith("pt") else EN
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:  # an unparsable locale string must not stop the app
        code = ""
    return PT if code.lower().startswith("pt") else EN


def normalize_language(value: str | None) -> str:
    """Map user/settings input ("pt", "pt-BR", "en_US", "auto", None) to one of LANGUAGES."""
    if not value or value == "auto":
        return system_language()
    return PT if value.lower().replace("-", "_").startswith("pt") else EN


def pick(lang: str, pt: str, en: str) -> str:
    """Choose the pt-BR or English text."""
    return pt if lang == PT else en


def plural(n: int, one: str, many: str) -> str:
    """``n`` with its word: ``one`` for exactly 1, else ``many`` ("0 pedidos", "1 pedido", "2
    pedidos" — in both languages only 1 is singular). Forms that are templates (either holds
    ``{n}``: "1 pedido" / "{n} pedidos") are used as they are; plain words get the number first
    ("3 pedidos")."""
    word = one if n == 1 else many
    if "{n}" in one or "{n}" in many:
        return word.replace("{n}", str(n))
    return f"{n} {word}"


def choice_hint(choice: str | None) -> str:
    """What choosing a language in the settings does, written in the language it leads to (as
    language names are written in their own language): whoever picks Português reads Portuguese
    at once, before saving."""
    if not choice or choice == "auto":
        return pick(system_language(), "Automático: segue o idioma do computador (agora, português).",
                    "Automatic: follows the computer's language (now English).")
    return pick(normalize_language(choice), "O aplicativo fala português, qualquer que seja o idioma do computador.",
                "The app speaks English, whatever the computer's language.")
