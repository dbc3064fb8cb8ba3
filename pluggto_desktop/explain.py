"""What a failure means to a person, in their language — for every place an exception used to
reach a screen as raw system text ("Notificações desligadas ([Errno 98] 127.0.0.1:8787 is
already in use)").

The core decides the words (Qt-free, pt-BR and English); the desktop app and the command line
render them. Each :class:`Explanation` keeps the technical text for support (a tooltip, the
"details" of a dialog, the technical log), never as the headline.
"""

from __future__ import annotations

import errno
import re
import sqlite3
from dataclasses import dataclass

from pluggto_desktop.errors import BusinessError, ConfigError, CredentialError, SyncError, TransientError
from pluggto_desktop.text import Text

#: the settings tab that holds the listener's port, for the button an explanation offers
OPEN_SYNC_SETTINGS = "open_sync_settings"

REMOTE_NAMES = {"pluggto": "Plug.to", "plug.to": "Plug.to", "linx": "Linx Commerce"}


def remote_name(name: str | None) -> str:
    return REMOTE_NAMES.get((name or "").lower(), name or "Plug.to")


@dataclass(frozen=True)
class Explanation:
    message: str  # what happened, in plain words (the headline)
    hint: str = ""  # what to do
    technical: str = ""  # the system's own text, for support: a tooltip, a dialog's details, the log
    action: str | None = None  # something the screen can offer (e.g. OPEN_SYNC_SETTINGS)
    action_label: str = ""

    @property
    def text(self) -> str:
        """Message and hint as one paragraph."""
        return f"{self.message} {self.hint}".strip()


def technical_text(exc: BaseException) -> str:
    """``TypeName: message`` — what support needs to recognise the failure."""
    message = str(exc)
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


# -- the notification listener ------------------------------------------------------------------------
def listener_problem(exc: BaseException) -> str:
    """Why the listener could not start, as a code the words are chosen by:
    ``port_in_use``, ``permission``, ``address`` or ``other``."""
    number = getattr(exc, "errno", None)
    if number in (errno.EADDRINUSE, 10048) or getattr(exc, "winerror", None) == 10048 or \
            type(exc).__name__ == "PortInUse":
        return "port_in_use"
    if isinstance(exc, PermissionError) or number in (errno.EACCES, errno.EPERM, 10013):
        return "permission"
    if number in (errno.EADDRNOTAVAIL, 10049) or type(exc).__name__ == "gaierror":
        return "address"
    return "other"


_POLLING_GOES_ON = Text("Os pedidos continuam chegando pela consulta periódica ao Plug.to, só que mais devagar.",
                        "Orders still come in through the periodic check of Plug.to, only more slowly.")
#: why the listener is off, and what to do, by :func:`listener_problem`'s code; ``{where}`` is
#: the settings tab (:data:`_SYNC_SETTINGS`)
_LISTENER_WORDS = {
    "port_in_use": (
        Text("Notificações desligadas: outro programa já usa a porta {port} deste computador.",
             "Notifications are off: another program already uses port {port} on this computer."),
        Text("Escolha outra porta em {where} (por exemplo {other}) e salve.",
             "Choose another port in {where} (for example {other}) and save.")),
    "permission": (
        Text("Notificações desligadas: o sistema não deixa o app usar a porta {port}.",
             "Notifications are off: the system does not let the app use port {port}."),
        Text("Use uma porta acima de 1024 em {where}.", "Use a port above 1024 in {where}.")),
    "address": (
        Text("Notificações desligadas: o endereço {host} não pertence a este computador.",
             "Notifications are off: the address {host} does not belong to this computer."),
        Text("Use 127.0.0.1 (só este computador) ou 0.0.0.0 (toda a rede) em {where}.",
             "Use 127.0.0.1 (this computer only) or 0.0.0.0 (the whole network) in {where}.")),
    "other": (
        Text("Notificações desligadas: não foi possível receber avisos do Plug.to em {host}:{port}.",
             "Notifications are off: Plug.to's notices cannot be received at {host}:{port}."),
        Text("Confira o endereço e a porta em {where}.", "Check the address and port in {where}.")),
}
_SYNC_SETTINGS = Text("Configurações → Sincronização", "Settings → Sync")
_OPEN_SYNC_SETTINGS = Text("Abrir Sincronização", "Open Sync settings")


def listener_failure(problem: str | None, host: str, port: int, technical: str, lang: str) -> Explanation:
    """Notifications are off because the listener could not start: why, and where to fix it."""
    message, hint = _LISTENER_WORDS.get(problem or "other", _LISTENER_WORDS["other"])
    values = {"host": host, "port": port, "other": other_port(port), "where": _SYNC_SETTINGS(lang)}
    return Explanation(f"{message(lang, **values)} {_POLLING_GOES_ON(lang)}", hint(lang, **values), technical,
                       OPEN_SYNC_SETTINGS, _OPEN_SYNC_SETTINGS(lang))


def other_port(port: int) -> int:
    """A port to suggest instead of a taken one."""
    return 8788 if port != 8788 else 8789


# -- transient failures (a job waiting for an automatic retry) ------------------------------------------
_TIMEOUT = re.compile(r"timeout talking to (?P<remote>[\w.]+)", re.I)
_NETWORK = re.compile(r"network error talking to (?P<remote>[\w.]+)", re.I)
_HTTP = re.compile(r"(?P<remote>Plug\.to|Linx|pluggto|linx)\b.*?(?:answered )?HTTP (?P<status>\d{3})", re.I)
_SLOW_DOWN = re.compile(r"(?P<remote>[\w.]+) asked us to slow down", re.I)


_ASKED_TO_WAIT = Text("{remote} pediu para esperar um pouco.", "{remote} asked to wait a little.")
#: a temporary failure's words, by the pattern that recognises its technical text
_TRANSIENT_WORDS = (
    (_TIMEOUT, Text("{remote} não respondeu a tempo.", "{remote} did not answer in time.")),
    (_NETWORK, Text("Sem conexão com {remote}.", "No connection to {remote}.")),
    (_SLOW_DOWN, _ASKED_TO_WAIT),
)
_REMOTE_TROUBLE = Text("{remote} está com problemas no momento (HTTP {status}).",
                       "{remote} is having trouble right now (HTTP {status}).")
_PASSING_FAILURE = Text("Uma falha passageira de comunicação.", "A passing communication failure.")


def transient_words(text: str | None, lang: str) -> str:
    """A temporary failure (the technical ``last_error`` of a job) in plain words."""
    text = text or ""
    for pattern, words in _TRANSIENT_WORDS:
        found = pattern.search(text)
        if found:
            return words(lang, remote=remote_name(found["remote"]))
    found = _HTTP.search(text)
    if found:
        remote, status = remote_name(found["remote"]), found["status"]
        if status == "429":  # "too many requests": the remote asks to slow down
            return _ASKED_TO_WAIT(lang, remote=remote)
        return _REMOTE_TROUBLE(lang, remote=remote, status=status)
    return _PASSING_FAILURE(lang)


# -- any exception a background action raised ----------------------------------------------------------
_REFUSED_CREDENTIALS = Text("{remote} recusou as credenciais.", "{remote} refused the credentials.")
_CHECK_SETTINGS = Text("Confira-as em Configurações.", "Check them in Settings.")
_TRY_AGAIN_SOON = Text("Tente de novo em instantes.", "Try again in a moment.")
_DATABASE_BUSY = (
    Text("O banco de dados dos pedidos não pôde ser lido agora (ele pode estar fechando ou ocupado).",
         "The orders database could not be read just now (it may be closing or busy)."),
    Text("Tente de novo; se continuar, reinicie o app.", "Try again; if it goes on, restart the app."))
_UNEXPECTED = (
    Text("Algo inesperado aconteceu.", "Something unexpected happened."),
    Text("A sincronização continua; os detalhes estão no log técnico.",
         "The sync goes on; the details are in the technical log."))


def explain_exception(exc: BaseException, lang: str) -> Explanation:
    """The words for a failure a person meets (a dialog, a message bar, a status line)."""
    technical = technical_text(exc)
    if isinstance(exc, ConfigError):
        return Explanation("; ".join(exc.problems), "", technical)
    if isinstance(exc, CredentialError):
        return Explanation(_REFUSED_CREDENTIALS(lang, remote=remote_name(exc.remote)), _CHECK_SETTINGS(lang),
                           technical)
    if isinstance(exc, BusinessError):
        from pluggto_desktop.domain.reasons import render

        reason = render(exc.code, exc.params, lang)
        return Explanation(reason.title + (": " + reason.message if reason.message else ""), reason.hint, technical)
    if isinstance(exc, (TransientError, SyncError)):
        return Explanation(transient_words(str(exc), lang), _TRY_AGAIN_SOON(lang), technical)
    if type(exc).__name__ == "VaultError":  # secrets.py words its own failures for people
        return Explanation(str(exc), "", technical)
    if isinstance(exc, OSError):
        return _os_error(exc, lang, technical)
    if isinstance(exc, sqlite3.Error):
        return _explanation(_DATABASE_BUSY, lang, technical)
    return _explanation(_UNEXPECTED, lang, technical)


#: an OSError's words (message, hint); the ``_NAMED`` ones when the error names its file
_DISK_FULL = (Text("O disco está cheio.", "The disk is full."),
              Text("Libere espaço e tente de novo.", "Free some space and try again."))
_NO_PERMISSION = Text("O sistema não deu permissão para isso.", "The system did not allow it.")
_NO_PERMISSION_NAMED = Text("Sem permissão para gravar em {name}.", "No permission to write to {name}.")
_NO_PERMISSION_HINT = Text("Escolha outra pasta ou peça acesso ao administrador do computador.",
                           "Choose another folder or ask the computer's administrator for access.")
_NOT_FOUND = Text("Um arquivo necessário não foi encontrado.", "A file that is needed was not found.")
_NOT_FOUND_NAMED = Text("O arquivo ou a pasta {name} não existe.", "The file or folder {name} does not exist.")
_NOT_FOUND_HINT = Text("Confira o caminho e tente de novo.", "Check the path and try again.")
_PORT_TAKEN = (Text("Outro programa já usa essa porta.", "Another program already uses that port."),
               Text("Escolha outra porta.", "Choose another port."))
_OS_REFUSED = (Text("O sistema operacional recusou a operação.", "The operating system refused it."),
               Text("Tente de novo; os detalhes estão no log técnico.",
                    "Try again; the details are in the technical log."))


def _os_error(exc: OSError, lang: str, technical: str) -> Explanation:
    name = exc.filename or ""
    if exc.errno == errno.ENOSPC:
        return _explanation(_DISK_FULL, lang, technical)
    if isinstance(exc, PermissionError):
        message = _NO_PERMISSION_NAMED(lang, name=name) if name else _NO_PERMISSION(lang)
        return Explanation(message, _NO_PERMISSION_HINT(lang), technical)
    if isinstance(exc, FileNotFoundError):
        message = _NOT_FOUND_NAMED(lang, name=name) if name else _NOT_FOUND(lang)
        return Explanation(message, _NOT_FOUND_HINT(lang), technical)
    if listener_problem(exc) == "port_in_use":
        return _explanation(_PORT_TAKEN, lang, technical)
    return _explanation(_OS_REFUSED, lang, technical)


def _explanation(words: tuple[Text, Text], lang: str, technical: str) -> Explanation:
    message, hint = words
    return Explanation(message(lang), hint(lang), technical)
