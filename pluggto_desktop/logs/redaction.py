"""Redaction: the safety net that masks secrets and buyers' personal data in every log line.

Code should not log them in the first place; :func:`redact` is applied to every record on every
handler (:class:`RedactingFilter`) and to every activity entry: tokens, passwords, CPFs, CNPJs,
e-mails, phones and the values of personal-data keys in JSON/dict payloads are masked, as is every
exact secret value registered with :func:`register_secret`.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote, quote_plus

from pluggto_desktop.domain import cnpj

#: Replacement tokens. Ordinary words, so a support agent reading a log sees what was there.
TOKEN = "[token]"
SECRET = "[secret]"
REDACTED = "[redacted]"
CPF = "[cpf]"
CNPJ = "[cnpj]"
EMAIL = "[email]"
PHONE = "[phone]"

# Key names whose values are secrets (any key *containing* one of these words). Quantifiers are
# bounded (key names are short) so a huge single word cannot make matching quadratic.
_SECRET_KEY = r"[\w.-]{0,40}?(?:password|passwd|senha|secret|token|authorization|api[_-]?key|cookie)[\w.-]{0,40}"
# Key names whose values are buyers' personal data.
_PII_KEY = (
    r"[\w-]{0,40}_(?:cpf|cnpj|tax_id|email|phone\w{0,20}|address\w{0,20}|zipcode|document\w{0,20})"
    r"|(?:receiver|payer|buyer|customer)_(?:name|lastname|razao_social|company_name)"
    r"|cpf|cnpj|email|phone|phones|addressline|addressnotes|landmark|postalcode|contactphone"
)
_SENSITIVE_KEY = rf"(?:{_SECRET_KEY}|{_PII_KEY})"

# "key": "value" in JSON, 'key': 'value' in Python reprs; numbers and booleans too (not null).
_KEY_VALUE = re.compile(
    rf"""(?P<head>(?P<q>["'])(?:{_SENSITIVE_KEY})(?P=q)\s*:\s*)
         (?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d[\d.eE+-]*|true|false|True|False)""",
    re.IGNORECASE | re.VERBOSE,
)
# key=value in query strings and form bodies.
_FORM = re.compile(
    rf"(?P<head>(?<![\w.-])(?:{_SENSITIVE_KEY}|pluggtocode)=)(?P<value>[^&\s\"'<>;,)]+)",
    re.IGNORECASE,
)
# HTTP header lines.
_AUTH_HEADER = re.compile(
    r"(?P<head>\b(?:(?:proxy-)?authorization|x-api-key|api-key|x-auth-token)\s*:\s*"
    r"(?:(?:bearer|basic|digest|token)\s+)?)"
    r"(?P<value>[^\s\"',;}]+)",
    re.IGNORECASE,
)
_COOKIE_HEADER = re.compile(r"(?P<head>\b(?:set-)?cookie\s*:\s*)(?P<value>[^\r\n\"']+)", re.IGNORECASE)
_BEARER = re.compile(r"(?P<head>\bbearer\s+)(?P<value>[A-Za-z0-9\-._~+/]{8,}=*)", re.IGNORECASE)
_URL_USERINFO = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]+@", re.IGNORECASE)
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
_HEX_TOKEN = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])")
# Bounded like the RFC limits (64-character local part), which also keeps matching linear.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}")
_CPF_MASKED = re.compile(r"(?<![\d.])\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d)")
_CNPJ_MASKED = re.compile(r"(?<![0-9A-Za-z.])[0-9A-Za-z]{2}\.[0-9A-Za-z]{3}\.[0-9A-Za-z]{3}/[0-9A-Za-z]{4}-\d{2}(?!\d)")
_PHONE = re.compile(
    r"""
      (?:\+\s?55[\s.-]?)?\(\s?\d{2}\s?\)[\s.-]?9?\d{4}[\s.-]?\d{4}(?!\d)    # (11) 99112-2111
    | \+\s?55[\s.-]?\d{2}[\s.-]?9?\d{4}[\s.-]?\d{4}(?!\d)                   # +55 11 99112-2111
    | (?<![\w.-])\d{2}[\s.]9?\d{4}-\d{4}(?![\w-])                            # 11 99112-2111
    | (?<![\w.-])9\d{4}-\d{4}(?![\w-])                                       # 99112-2111
    """,
    re.VERBOSE,
)
# 14 characters, 12 base (digits or letters) + 2 digits: a bare CNPJ (alphanumeric ones only
# when their check digits are right, so SKUs such as "CAMISETAAZUL12" survive).
_CNPJ_BARE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{12}\d{2}(?![0-9A-Za-z])")
# Exactly 11 digits: a CPF or a phone with area code. Longer numbers (marketplace order ids of
# 16 digits, EANs of 13) are left alone.
_ELEVEN_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{11}(?![0-9A-Za-z])")

_secrets_lock = threading.Lock()
_pinned_secrets: dict[str, None] = {}  # passwords, client secret: kept for the whole run
_rotating_secrets: dict[str, None] = {}  # tokens, oldest first; only the latest are kept
_secret_pattern: re.Pattern[str] | None = None
#: Secrets shorter than this are not registered: masking every "abc" would wreck the log.
MIN_SECRET_LENGTH = 4
#: How many rotating secrets (refresh tokens) are remembered. They change every hour and would
#: otherwise pile up and slow every log line down; long-dead ones are forgotten first.
MAX_ROTATING_SECRETS = 32


def register_secret(value: str | None, *, rotating: bool = False) -> None:
    """Mask this exact value (and its URL/JSON-escaped forms) wherever it appears from now on.

    ``rotating=True`` for values replaced regularly (refresh tokens): only the latest
    :data:`MAX_ROTATING_SECRETS` are kept. Other secrets are kept until :func:`forget_secrets`.
    """
    global _secret_pattern
    if not isinstance(value, str) or len(value) < MIN_SECRET_LENGTH:
        return
    with _secrets_lock:
        if value in _pinned_secrets or (rotating and value in _rotating_secrets):
            return
        if rotating:
            _rotating_secrets[value] = None
            while len(_rotating_secrets) > MAX_ROTATING_SECRETS:
                del _rotating_secrets[next(iter(_rotating_secrets))]
        else:
            _rotating_secrets.pop(value, None)
            _pinned_secrets[value] = None
        forms = {
            form
            for secret in (*_pinned_secrets, *_rotating_secrets)
            for form in (secret, quote_plus(secret), quote(secret, safe=""), json.dumps(secret)[1:-1])
        }
        ordered = sorted(forms, key=len, reverse=True)  # longest first
        _secret_pattern = re.compile("|".join(re.escape(v) for v in ordered))


def forget_secrets() -> None:
    """Drop every registered secret (tests; a profile switch)."""
    global _secret_pattern
    with _secrets_lock:
        _pinned_secrets.clear()
        _rotating_secrets.clear()
        _secret_pattern = None


def _is_cpf(digits: str) -> bool:
    if len(digits) != 11 or len(set(digits)) == 1:
        return False
    numbers = [int(d) for d in digits]
    for size in (9, 10):
        total = sum(n * w for n, w in zip(numbers[:size], range(size + 1, 1, -1), strict=True))
        check = (total * 10) % 11 % 10
        if check != numbers[size]:
            return False
    return True


def _eleven_digits(match: re.Match[str]) -> str:
    digits = match.group(0)
    if _is_cpf(digits):
        return CPF
    if digits[0] != "0" and digits[2] == "9":  # area code + mobile number
        return PHONE
    return REDACTED


def _bare_cnpj(match: re.Match[str]) -> str:
    text = match.group(0)
    if text.isdigit() or cnpj.is_valid(text):
        return CNPJ
    return text


def _key_value(match: re.Match[str]) -> str:
    value = match.group("value")
    quote_char = value[0] if value[0] in "\"'" else '"'
    return f"{match.group('head')}{quote_char}{REDACTED}{quote_char}"


def _keep_head(replacement: str) -> Callable[[re.Match[str]], str]:
    return lambda match: f"{match.group('head')}{replacement}"


# (pattern, replacement) in the order they run. Structured forms first (they know what the value
# is), then shapes of values anywhere in free text.
_RULES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (_KEY_VALUE, _key_value),
    (_FORM, _keep_head(REDACTED)),
    (_AUTH_HEADER, _keep_head(TOKEN)),
    (_COOKIE_HEADER, _keep_head(REDACTED)),
    (_BEARER, _keep_head(TOKEN)),
    (_URL_USERINFO, _keep_head(f"{REDACTED}@")),
    (_JWT, TOKEN),
    (_HEX_TOKEN, TOKEN),
    (_EMAIL, EMAIL),
    (_CPF_MASKED, CPF),
    (_CNPJ_MASKED, CNPJ),
    (_PHONE, PHONE),
    (_CNPJ_BARE, _bare_cnpj),
    (_ELEVEN_DIGITS, _eleven_digits),
)

_KEEP_BASE = 0xE000  # kept strings become one private-use character each: no rule matches them


def redact(text: Any, *, keep: Iterable[str] = ()) -> str:
    """``text`` with secrets and personal data masked. Never raises.

    ``keep`` lists exact strings to leave untouched (e.g. the order numbers an activity message
    is about, which may happen to be 11 or 14 digits long). Registered secrets are masked even
    when listed in ``keep``.
    """
    try:
        text = text if isinstance(text, str) else str(text)
        pattern = _secret_pattern
        if pattern is not None:
            text = pattern.sub(SECRET, text)
        kept = sorted({k for k in keep if isinstance(k, str) and k}, key=len, reverse=True)[:1000]
        if kept:
            # Only whole tokens are kept, so a kept "2000001" cannot hide part of a longer number.
            whole = re.compile(
                r"(?<![0-9A-Za-z])(?:" + "|".join(map(re.escape, kept)) + r")(?![0-9A-Za-z])"
            )
            text = whole.sub(lambda m: chr(_KEEP_BASE + kept.index(m.group(0))), text)
        for rule, replacement in _RULES:
            text = rule.sub(replacement, text)
        for index, value in enumerate(kept):
            text = text.replace(chr(_KEEP_BASE + index), value)
        return text
    except Exception:  # noqa: BLE001 - the safety net must never break logging
        return "[redaction failed: message withheld]"


class RedactingFilter(logging.Filter):
    """Redacts the fully formatted message (arguments included), the traceback and stack info.

    Put it on every handler. The record is rewritten in place (``msg`` becomes the redacted text,
    ``args`` is cleared), so every handler after the first sees the redacted version.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_pluggto_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - bad %-formatting must not lose the record
            message = f"{record.msg!r} % {record.args!r} (arguments could not be formatted)"
        # identifiers a caller vouched for (e.g. a 14-digit marketplace order number, which
        # would otherwise look like a CNPJ) pass through: ``extra={"redact_keep": [...]}``
        record.msg = redact(message, keep=getattr(record, "redact_keep", ()))
        record.args = None
        if record.exc_info:
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(text)
            record.exc_info = None  # the redacted text is what every formatter prints
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record._pluggto_redacted = True
        return True
