"""Brazilian address facts: the 27 federative units and the CEP (postal code).

Real Plug.to orders do not always carry what a Brazilian form would (docs/business-rules.md §3.1):

* the state may be the UF (``"SP"``) or the state's full name, as a marketplace wrote it — a
  recorded Mercado Livre order has ``"receiver_state": "São Paulo"`` (a TypeScript fixture of
  Plug.to orders, see docs/linx-contract.md §Sources), and Plug.to's own Magento module converts
  full names back to UFs (``convertToStateShortName`` in mageshopOrganization/pluggto,
  ``app/code/community/Thirdlevel/Pluggto/Model/Order.php``);
* the CEP may have lost its leading zero on the way through a number: Plug.to's create-order
  example carries ``"receiver_zipcode": "4457-115"`` for 04457-115.

:func:`uf_of` and :func:`normalize_cep` turn those into what Linx takes; anything they cannot
make sense of is left for the order's checks to report, naming the value that came.
"""

from __future__ import annotations

import unicodedata

#: UF → the state's name, as people write it.
STATES: dict[str, str] = {
    "AC": "Acre",
    "AL": "Alagoas",
    "AP": "Amapá",
    "AM": "Amazonas",
    "BA": "Bahia",
    "CE": "Ceará",
    "DF": "Distrito Federal",
    "ES": "Espírito Santo",
    "GO": "Goiás",
    "MA": "Maranhão",
    "MT": "Mato Grosso",
    "MS": "Mato Grosso do Sul",
    "MG": "Minas Gerais",
    "PA": "Pará",
    "PB": "Paraíba",
    "PR": "Paraná",
    "PE": "Pernambuco",
    "PI": "Piauí",
    "RJ": "Rio de Janeiro",
    "RN": "Rio Grande do Norte",
    "RS": "Rio Grande do Sul",
    "RO": "Rondônia",
    "RR": "Roraima",
    "SC": "Santa Catarina",
    "SP": "São Paulo",
    "SE": "Sergipe",
    "TO": "Tocantins",
}

UFS = frozenset(STATES)


def _key(text: str) -> str:
    """Accents, case, dots, hyphens and spaces removed: "S.P." → "sp", "SÃO  PAULO" → "saopaulo"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in plain.casefold() if c.isalnum())


_BY_KEY: dict[str, str] = {_key(uf): uf for uf in STATES}
_BY_KEY.update({_key(name): uf for uf, name in STATES.items()})
# Spellings seen in the wild that the normalisation above does not reach.
_BY_KEY.update({"brasilia": "DF", "distritofederalbrasilia": "DF"})


def uf_of(text: str | None) -> str | None:
    """The UF for a state written as a UF or a full name (any case, accents, dots, spaces); None
    when it is none of the 27."""
    if not text:
        return None
    return _BY_KEY.get(_key(text))


def normalize_cep(value: object) -> str:
    """The CEP's digits, with the leading zero restored when exactly one was lost (7 digits →
    8). Any other length is returned as its digits, for the order's checks to report."""
    text = "" if value is None or isinstance(value, bool) else str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    digits = "".join(c for c in text if c in "0123456789")
    return digits.zfill(8) if len(digits) == 7 else digits


__all__ = ["STATES", "UFS", "normalize_cep", "uf_of"]
