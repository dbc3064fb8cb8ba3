"""What the bundle masks, and how: buyers' personal data by key name in payloads, secrets the
vault knows wherever they appear, account names in part. Text goes through
:func:`pluggto_desktop.logs.redact` as well (documents, e-mails, phones, token shapes)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

from pluggto_desktop.logs import REDACTED, SECRET, redact

#: Key fragments (lower case, without ``_``/``-``) whose values are buyers' personal data or secrets.
_SENSITIVE_FRAGMENTS = (
    "cpf", "cnpj", "taxid", "document", "email", "mail", "phone", "fone", "celular", "mobile",
    "address", "street", "logradouro", "endereco", "zipcode", "postalcode", "neighborhood",
    "neighbourhood", "bairro", "landmark", "complement", "birth", "nascimento",
    "password", "passwd", "senha", "secret", "token", "authorization", "apikey", "cookie",
)
#: Whole key parts that are personal data on their own (``payer_ie``, ``rg``, ``cep``).
_SENSITIVE_PARTS = frozenset({"ie", "rg", "cep"})
#: Inside an address object these are personal too (Linx ``Addresses[].Number``…).
_ADDRESS_PARTS = frozenset({"number", "numero", "reference", "notes", "addressnotes", "complemento", "district"})
_ADDRESS_MARKERS = ("address", "street", "postalcode", "zipcode", "logradouro")


def _norm(key: str) -> str:
    return re.sub(r"[^a-z0-9]", "", key.lower())


def _parts(key: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key)  # camelCase → camel_Case
    return [p for p in re.split(r"[^a-z0-9]+", spaced.lower()) if p]


def is_sensitive_key(key: str) -> bool:
    """True for a key whose value is a buyer's personal data (other than the name) or a secret."""
    norm = _norm(key)
    if norm.endswith("type"):  # "AddressType": "Shipping", "document_type": "cpf" — kinds, not data
        return False
    return any(fragment in norm for fragment in _SENSITIVE_FRAGMENTS) or any(
        part in _SENSITIVE_PARTS for part in _parts(key))


def redact_payload(value: Any, *, keep: Iterable[str] = ()) -> Any:
    """A copy of a JSON value with buyers' data masked: by key (documents, e-mails, phones,
    addresses, secrets — names stay), then every remaining text through ``logs.redact``.
    ``keep`` lists identifiers to leave untouched in text (order numbers)."""
    keep = [k for k in keep if k]
    if isinstance(value, Mapping):
        address = any(any(m in _norm(str(k)) for m in _ADDRESS_MARKERS) for k in value)
        result: dict[str, Any] = {}
        for key, item in value.items():
            key_text = str(key)
            hide = is_sensitive_key(key_text) or (address and _norm(key_text) in _ADDRESS_PARTS)
            if isinstance(item, (Mapping, list, tuple)):
                hide = False  # "Addresses": [...] — look inside: the street goes, the city stays
            if hide and item not in (None, "", [], {}):
                result[key_text] = REDACTED
            else:
                result[key_text] = redact_payload(item, keep=keep)
        return result
    if isinstance(value, (list, tuple)):
        return [redact_payload(item, keep=keep) for item in value]
    if isinstance(value, str):
        return redact(value, keep=keep)
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) in (11, 14):
        return value if redact(str(value), keep=keep) == str(value) else REDACTED  # a CPF/CNPJ/phone as a number
    return value


class Scrubber:
    """Replaces every secret value the vault knows (and its URL/JSON-escaped forms) in a text.

    A last pass over every file, on top of ``logs.redact`` (which masks registered secrets and
    token shapes): even a value that slipped into an unexpected place never leaves the computer.
    """

    def __init__(self, values: Iterable[str]) -> None:
        forms = {form for value in values if isinstance(value, str) and len(value) >= 4
                 for form in (value, quote_plus(value), quote(value, safe=""), json.dumps(value)[1:-1])}
        ordered = sorted(forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def __call__(self, text: str) -> str:
        return self._pattern.sub(SECRET, text) if self._pattern is not None else text


def mask(value: str | None) -> str | None:
    """``5f3c9a…e1`` — enough for support to tell two accounts apart, not enough to use it."""
    if not value:
        return value
    value = str(value)
    if len(value) <= 6:
        return value[:1] + "…"
    return f"{value[:4]}…{value[-2:]}"


def drop_secret_keys(value: Any) -> Any:
    """Keys kept from a newer app's file that look like secrets never reach the bundle."""
    secret = re.compile(r"(?i)password|passwd|senha|secret|token|authorization|api.?key")
    if isinstance(value, dict):
        return {k: (REDACTED if secret.search(str(k)) and v else drop_secret_keys(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [drop_secret_keys(v) for v in value]
    return value


def keep_ids(job: Any) -> list[str]:
    """A job's own identifiers (Plug.to id, marketplace and Linx order numbers): left readable in
    its redacted text, so support can find the order (a number can look like a phone)."""
    return [v for v in (job.key, job.marketplace_order_id, job.linx_order_id, job.linx_order_number) if v]
