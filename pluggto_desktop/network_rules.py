"""The rules of the network settings, in one place below both their users.

``settings`` validates what the person typed with them, ``net`` builds the HTTP clients with
them; neither imports the other for it (``net`` sits below ``settings``: it must not import it).

* :data:`PROXY_MODES` — how the app reaches the internet;
* :func:`exclusion_ok` — the syntax a proxy exclusion may have (what ``net.host_matches`` reads);
* the extra CA file — :func:`load_extra_ca` trusts it, :func:`ca_file_problem` says why a file
  cannot be it, :func:`ca_file_message` says so in words, and :func:`ca_file_problem_now` is the
  rule for a file chosen *now*: it must be there. (A file named in a settings file that is
  read is not refused for being absent — a network drive may not be mounted yet; the HTTP
  clients and the connection doctor say it where they need it.)
"""

from __future__ import annotations

import re
import ssl
from pathlib import Path

from pluggto_desktop.i18n import PT
from pluggto_desktop.text import Text

PROXY_MODES = ("system", "manual", "none")

#: ``*``, ``<local>``, a host name or pattern (``*.corp.local``, ``192.168.*``), an IP address
#: (``[::1]``) or a network (``10.0.0.0/8``); a scheme or a trailing slash typed with it is ignored.
_EXCLUSION = re.compile(r"^(?:<local>|\*|[\w.*?:\[\]%-]+(?:/\d{1,3})?)$")


def exclusion_ok(value: str) -> bool:
    """Whether ``value`` (not blank) is an exclusion the proxy choice understands."""
    return bool(_EXCLUSION.match(value.strip().split("://", 1)[-1].rstrip("/")))


# --- The extra CA file --------------------------------------------------------------------------

MISSING, UNREADABLE, INVALID = "missing", "unreadable", "invalid"

_CA_MESSAGES = {
    MISSING: Text("o arquivo de certificado {path} não foi encontrado; escolha o arquivo de novo ou "
                  "deixe o campo vazio",
                  "the certificate file {path} was not found; pick the file again or leave the field empty"),
    UNREADABLE: Text("não foi possível ler o arquivo de certificado {path}",
                     "could not read the certificate file {path}"),
    INVALID: Text("o arquivo {path} não contém um certificado válido; use o certificado raiz (.pem, .crt "
                  "ou .cer) exportado do antivírus ou do proxy",
                  "{path} holds no valid certificate; use the root certificate (.pem, .crt or .cer) "
                  "exported from the antivirus or proxy"),
}


def load_extra_ca(context: ssl.SSLContext, path: str) -> None:
    """Trust the certificates of ``path`` (PEM, or a single DER ``.cer``) in ``context``.

    Raises OSError when the file cannot be read and ``ssl.SSLError``/``ValueError`` when it holds
    no certificate.
    """
    data = Path(path).expanduser().read_bytes()
    if b"-----BEGIN CERTIFICATE-----" in data:
        context.load_verify_locations(cadata=data.decode("ascii", errors="replace"))
    else:
        context.load_verify_locations(cadata=data)  # DER: Windows "export certificate" default


def ca_file_problem(path: str) -> str | None:
    """Why ``path`` cannot be the extra CA file (``"missing"``, ``"unreadable"``, ``"invalid"``),
    or None when it holds at least one certificate."""
    file = Path(path).expanduser()
    if not file.exists():
        return MISSING
    if not file.is_file():
        return UNREADABLE
    try:
        load_extra_ca(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), str(file))
    except OSError as exc:
        return INVALID if isinstance(exc, ssl.SSLError) else UNREADABLE
    except (ValueError, UnicodeError):
        return INVALID
    return None


def ca_file_message(problem: str, path: str, lang: str = PT) -> str:
    """The user's words for a :func:`ca_file_problem` code."""
    return _CA_MESSAGES.get(problem, _CA_MESSAGES[INVALID])(lang, path=path)


def ca_file_problem_now(path: str | None, *, chosen_now: bool) -> str | None:
    """The :func:`ca_file_problem` that counts: every one for a file being chosen (``chosen_now``),
    all but ``"missing"`` for one named in a file that is read."""
    if not path or not path.strip():
        return None
    problem = ca_file_problem(path.strip())
    if problem == MISSING and not chosen_now:
        return None
    return problem


__all__ = [
    "INVALID",
    "MISSING",
    "PROXY_MODES",
    "UNREADABLE",
    "ca_file_message",
    "ca_file_problem",
    "ca_file_problem_now",
    "exclusion_ok",
    "load_extra_ca",
]
