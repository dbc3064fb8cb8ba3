"""The Linx Commerce store's address: a tenant name (``minhaloja``) or a full URL.

One rule, used by the settings' validation and by the Linx client (``linx/client.py``): a value
the settings accept is one the client can reach, and the words saying why a value is refused
are the same in both places — in pt-BR and English.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pluggto_desktop.i18n import EN
from pluggto_desktop.linx import contract
from pluggto_desktop.text import Text

#: A Linx environment name: the first label of ``<tenant>.layer.core.dcg.com.br`` (a DNS label:
#: letters, digits and inner hyphens, up to 63 characters). Case does not matter.
TENANT = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")

STORE_EMPTY = Text("endereço da Linx Commerce vazio: informe o nome do ambiente (tenant) ou a URL completa",
                   "Linx Commerce address is empty: type the tenant name or the full URL")
STORE_INVALID = Text("informe o nome da loja (tenant, ex.: minhaloja) ou o endereço completo (https://...)",
                     "enter the store name (tenant, e.g. mystore) or the full address (https://...)")
STORE_URL_EXTRAS = Text(
    "o endereço da loja não pode ter consulta (?…), fragmento (#…) nem usuário: use https:// seguido do "
    "servidor (e do caminho, se houver)",
    "the store address must not carry a query (?…), a fragment (#…) or a user name: use https:// followed "
    "by the server (and the path, if any)")
_REFUSED = Text("{value}: {reason}", "{value}: {reason}")


def linx_store_problem(text: str | None) -> Text | None:
    """Why ``text`` is not a Linx store the client can reach (None when it is one)."""
    value = (text or "").strip()
    if not value:
        return STORE_EMPTY
    if "://" not in value:
        return None if TENANT.match(value.lower()) else STORE_INVALID
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError:
        return STORE_INVALID
    if parts.scheme not in ("http", "https") or not parts.hostname or any(ch.isspace() for ch in value):
        return STORE_INVALID
    if parts.query or parts.fragment or parts.username or parts.password:
        return STORE_URL_EXTRAS
    return None


class StoreAddressError(ValueError):
    """A Linx store address the client cannot use; ``str()`` is English, :meth:`message` either."""

    def __init__(self, value: str, reason: Text) -> None:
        self.value = value
        self.reason = reason
        super().__init__(self.message(EN))

    def message(self, lang: str) -> str:
        if not self.value.strip():
            return self.reason(lang)
        return _REFUSED(lang, value=repr(self.value), reason=self.reason(lang))


def resolve_base_url(text: str, homologation: bool = False) -> str:
    """The API root for what the user typed: a tenant name or a full URL.

    ``"minhaloja"`` → ``https://minhaloja.layer.core.dcg.com.br`` (homologation:
    ``...core-hlg...``); a full ``http(s)://`` URL with any host and port is used as is, without
    its trailing slash (that is how the simulator is reached). Raises :class:`StoreAddressError`
    (a ``ValueError``) otherwise.
    """
    value = (text or "").strip()
    problem = linx_store_problem(value)
    if problem is not None:
        raise StoreAddressError(value, problem)
    if "://" in value:
        return value.rstrip("/")
    template = contract.HOMOLOG_BASE_URL_TEMPLATE if homologation else contract.BASE_URL_TEMPLATE
    return template.format(tenant=value.lower())


__all__ = [
    "STORE_EMPTY",
    "STORE_INVALID",
    "STORE_URL_EXTRAS",
    "TENANT",
    "StoreAddressError",
    "linx_store_problem",
    "resolve_base_url",
]
