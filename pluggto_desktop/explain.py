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
from pluggto_desktop.i18n import pick

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


def listener_failure(problem: str | None, host: str, port: int, technical: str, lang: str) -> Explanation:
    """Notifications are off because the listener could not start: why, and where to fix it."""
    polling = pick(lang, "Os pedidos continuam chegando pela consulta periódica ao Plug.to, só que mais devagar.",
                   "Orders still come in through the periodic check of Plug.to, only more slowly.")
    where = pick(lang, "Configurações → Sincronização", "Settings → Sync")
    if problem == "port_in_use":
        message = pick(lang, f"Notificações desligadas: outro programa já usa a porta {port} deste computador.",
                       f"Notifications are off: another program already uses port {port} on this computer.")
        hint = pick(lang, f"Escolha outra porta em {where} (por exemplo {other_port(port)}) e salve.",
                    f"Choose another port in {where} (for example {other_port(port)}) and save.")
    elif problem == "permission":
        message = pick(lang, f"Notificações desligadas: o sistema não deixa o app usar a porta {port}.",
                       f"Notifications are off: the system does not let the app use port {port}.")
        hint = pick(lang, f"Use uma porta acima de 1024 em {where}.", f"Use a port above 1024 in {where}.")
    elif problem == "address":
        message = pick(lang, f"Notificações desligadas: o endereço {host} não pertence a este computador.",
                       f"Notifications are off: the address {host} does not belong to this computer.")
        hint = pick(lang, f"Use 127.0.0.1 (só este computador) ou 0.0.0.0 (toda a rede) em {where}.",
                    f"Use 127.0.0.1 (this computer only) or 0.0.0.0 (the whole network) in {where}.")
    else:
        message = pick(lang, f"Notificações desligadas: não foi possível receber avisos do Plug.to em {host}:{port}.",
                       f"Notifications are off: Plug.to's notices cannot be received at {host}:{port}.")
        hint = pick(lang, f"Confira o endereço e a porta em {where}.", f"Check the address and port in {where}.")
    return Explanation(f"{message} {polling}", hint, technical, OPEN_SYNC_SETTINGS,
                       pick(lang, "Abrir Sincronização", "Open Sync settings"))


def other_port(port: int) -> int:
    """A port to suggest instead of a taken one."""
    return 8788 if port != 8788 else 8789


# -- transient failures (a job waiting for an automatic retry) ------------------------------------------
_TIMEOUT = re.compile(r"timeout talking to (?P<remote>[\w.]+)", re.I)
_NETWORK = re.compile(r"network error talking to (?P<remote>[\w.]+)", re.I)
_HTTP = re.compile(r"(?P<remote>Plug\.to|Linx|pluggto|linx)\b.*?(?:answered )?HTTP (?P<status>\d{3})", re.I)
_SLOW_DOWN = re.compile(r"(?P<remote>[\w.]+) asked us to slow down", re.I)


def transient_words(text: str | None, lang: str) -> str:
    """A temporary failure (the technical ``last_error`` of a job) in plain words."""
    text = text or ""
    for pattern, pt, en in (
        (_TIMEOUT, "{remote} não respondeu a tempo.", "{remote} did not answer in time."),
        (_NETWORK, "Sem conexão com {remote}.", "No connection to {remote}."),
        (_SLOW_DOWN, "{remote} pediu para esperar um pouco.", "{remote} asked to wait a little."),
    ):
        found = pattern.search(text)
        if found:
            return pick(lang, pt, en).format(remote=remote_name(found["remote"]))
    found = _HTTP.search(text)
    if found:
        remote, status = remote_name(found["remote"]), found["status"]
        if status == "429":
            return pick(lang, f"{remote} pediu para esperar um pouco.", f"{remote} asked to wait a little.")
        return pick(lang, f"{remote} está com problemas no momento (HTTP {status}).",
                    f"{remote} is having trouble right now (HTTP {status}).")
    return pick(lang, "Uma falha passageira de comunicação.", "A passing communication failure.")


# -- any exception a background action raised ----------------------------------------------------------
def explain_exception(exc: BaseException, lang: str) -> Explanation:
    """The words for a failure a person meets (a dialog, a message bar, a status line)."""
    technical = technical_text(exc)
    if isinstance(exc, ConfigError):
        return Explanation("; ".join(exc.problems), "", technical)
    if isinstance(exc, CredentialError):
        remote = remote_name(exc.remote)
        return Explanation(pick(lang, f"{remote} recusou as credenciais.", f"{remote} refused the credentials."),
                           pick(lang, "Confira-as em Configurações.", "Check them in Settings."), technical)
    if isinstance(exc, BusinessError):
        from pluggto_desktop.domain.reasons import render

        reason = render(exc.code, exc.params, lang)
        return Explanation(reason.title + (": " + reason.message if reason.message else ""), reason.hint, technical)
    if isinstance(exc, (TransientError, SyncError)):
        return Explanation(transient_words(str(exc), lang),
                           pick(lang, "Tente de novo em instantes.", "Try again in a moment."), technical)
    if type(exc).__name__ == "VaultError":  # secrets.py words its own failures for people
        return Explanation(str(exc), "", technical)
    if isinstance(exc, OSError):
        return _os_error(exc, lang, technical)
    if isinstance(exc, sqlite3.Error):
        return Explanation(pick(lang, "O banco de dados dos pedidos não pôde ser lido agora (ele pode estar "
                                      "fechando ou ocupado).",
                                "The orders database could not be read just now (it may be closing or busy)."),
                           pick(lang, "Tente de novo; se continuar, reinicie o app.",
                                "Try again; if it goes on, restart the app."), technical)
    return Explanation(pick(lang, "Algo inesperado aconteceu.", "Something unexpected happened."),
                       pick(lang, "A sincronização continua; os detalhes estão no log técnico.",
                            "The sync goes on; the details are in the technical log."), technical)


def _os_error(exc: OSError, lang: str, technical: str) -> Explanation:
    name = exc.filename or ""
    if exc.errno == errno.ENOSPC:
        return Explanation(pick(lang, "O disco está cheio.", "The disk is full."),
                           pick(lang, "Libere espaço e tente de novo.", "Free some space and try again."), technical)
    if isinstance(exc, PermissionError):
        return Explanation(pick(lang, f"Sem permissão para gravar em {name}." if name else
                                "O sistema não deu permissão para isso.",
                                f"No permission to write to {name}." if name else
                                "The system did not allow it."),
                           pick(lang, "Escolha outra pasta ou peça acesso ao administrador do computador.",
                                "Choose another folder or ask the computer's administrator for access."), technical)
    if isinstance(exc, FileNotFoundError):
        return Explanation(pick(lang, f"O arquivo ou a pasta {name} não existe." if name else
                                "Um arquivo necessário não foi encontrado.",
                                f"The file or folder {name} does not exist." if name else
                                "A file that is needed was not found."),
                           pick(lang, "Confira o caminho e tente de novo.", "Check the path and try again."), technical)
    if listener_problem(exc) == "port_in_use":
        return Explanation(pick(lang, "Outro programa já usa essa porta.", "Another program already uses that port."),
                           pick(lang, "Escolha outra porta.", "Choose another port."), technical)
    return Explanation(pick(lang, "O sistema operacional recusou a operação.", "The operating system refused it."),
                       pick(lang, "Tente de novo; os detalhes estão no log técnico.",
                            "Try again; the details are in the technical log."), technical)
