"""Every message the Qt-free core shows people, in one shape: :class:`Text` — pt-BR and English
side by side, with named placeholders.

The desktop UI translates its own strings with Qt Linguist (English in the code, Portuguese in
``resources/translations``); everything the core produces — a CLI line, a reason stored on a job,
an activity entry, a settings problem, a doctor explanation — is a :class:`Text`:

    NOT_FOUND = Text("Pedido {number} não encontrado no Plug.to.", "Order {number} not found in Plug.to.")
    print(NOT_FOUND(lang, number="LU-123"))
    pt, en = NOT_FOUND.both(number="LU-123")   # records kept in both languages (the activity log)

Rules, checked when a Text is made (so importing a module proves its messages) and by
``tests/core/test_text.py`` over the whole core:

* both languages are given and non-empty;
* both use the same placeholders (a Portuguese line cannot lose the order number the English one
  shows);
* the arguments are literals, never f-strings: values go in through placeholders, so what a
  person typed is never read as a template (``{`` in a buyer's name stays ``{``).

Plurals: :class:`Plural` holds the singular and plural Texts; in both languages only 1 is singular
("0 pedidos").
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

PT = "pt_BR"
EN = "en"

def placeholders(template: str) -> frozenset[str]:
    """The names a template fills (``{name}``, ``{name!r}``, ``{n:g}``); ``{{`` is a brace."""
    names = set()
    for _literal, field, _spec, _conversion in string.Formatter().parse(template):
        if field is not None:
            if not field or not field.isidentifier():
                raise ValueError(f"placeholder {{{field}}} in {template!r}: use a name, e.g. {{number}}")
            names.add(field)
    return frozenset(names)


class _Values(dict[str, object]):
    """Fills a template; a missing value shows as its placeholder instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Text:
    """One message in pt-BR and English."""

    pt: str
    en: str

    def __post_init__(self) -> None:
        if not self.pt.strip() or not self.en.strip():
            raise ValueError(f"a message lacks a language: {self.pt!r} / {self.en!r}")
        if placeholders(self.pt) != placeholders(self.en):
            raise ValueError(f"the languages fill different placeholders: {self.pt!r} / {self.en!r}")

    def __call__(self, lang: str, **values: Any) -> str:
        """The message in ``lang`` (pt-BR for ``"pt_BR"``, English otherwise), values filled in."""
        template = self.pt if lang == PT else self.en
        return template.format_map(_Values(values)) if values or "{" in template else template

    def both(self, **values: Any) -> tuple[str, str]:
        """``(pt, en)``: for records kept in both languages."""
        return self(PT, **values), self(EN, **values)


@dataclass(frozen=True)
class Plural:
    """A count and its word, in both languages: ``one`` for exactly 1, ``many`` otherwise.
    Both hold ``{n}`` where the number goes."""

    one: Text
    many: Text

    def __call__(self, lang: str, n: int, **values: Any) -> str:
        return (self.one if n == 1 else self.many)(lang, n=n, **values)

    def both(self, n: int, **values: Any) -> tuple[str, str]:
        return self(PT, n, **values), self(EN, n, **values)


def plural(pt_one: str, pt_many: str, en_one: str, en_many: str) -> Plural:
    """``plural("{n} pedido", "{n} pedidos", "{n} order", "{n} orders")``."""
    return Plural(Text(pt_one, en_one), Text(pt_many, en_many))


__all__ = ["EN", "PT", "Plural", "Text", "placeholders", "plural"]
