"""Failures in words (issue 12, item 5): what a person reads, in pt-BR and English, with the
system's own text kept for support."""

from __future__ import annotations

import errno
import sqlite3

from pluggto_desktop.asgi_server import PortInUse
from pluggto_desktop.errors import ConfigError, CredentialError, TransientError
from pluggto_desktop.explain import (
    OPEN_SYNC_SETTINGS,
    explain_exception,
    listener_failure,
    listener_problem,
    transient_words,
)


def test_a_port_in_use_is_explained_with_where_to_change_it() -> None:
    exc = PortInUse(errno.EADDRINUSE, "127.0.0.1:8787 is already in use")
    assert listener_problem(exc) == "port_in_use"
    words = listener_failure("port_in_use", "127.0.0.1", 8787, str(exc), "pt_BR")
    assert words.message.startswith("Notificações desligadas: outro programa já usa a porta 8787 deste computador.")
    assert "Configurações → Sincronização" in words.hint and "8788" in words.hint
    assert words.action == OPEN_SYNC_SETTINGS and words.action_label == "Abrir Sincronização"
    assert "Errno" not in words.text and "in use" not in words.text and "already in use" in words.technical
    english = listener_failure("port_in_use", "127.0.0.1", 8787, str(exc), "en")
    assert english.message.startswith("Notifications are off: another program already uses port 8787")
    assert listener_problem(PermissionError(errno.EACCES, "denied")) == "permission"
    assert listener_problem(OSError(errno.EADDRNOTAVAIL, "x")) == "address"


def test_transient_failures_in_words() -> None:
    assert transient_words("timeout talking to Linx (ReadTimeout)", "pt_BR") == "Linx Commerce não respondeu a tempo."
    assert transient_words("network error talking to Plug.to (ConnectError)", "en") == "No connection to Plug.to."
    assert transient_words("Linx answered HTTP 503", "pt_BR") == \
        "Linx Commerce está com problemas no momento (HTTP 503)."
    assert transient_words("Plug.to answered HTTP 429", "en") == "Plug.to asked to wait a little."
    assert transient_words("something else", "pt_BR") == "Uma falha passageira de comunicação."


def test_exceptions_in_words_never_their_own_text() -> None:
    full = explain_exception(OSError(errno.ENOSPC, "No space left on device"), "pt_BR")
    assert full.text == "O disco está cheio. Libere espaço e tente de novo."
    assert full.technical == "OSError: [Errno 28] No space left on device"
    denied = explain_exception(PermissionError(errno.EACCES, "Permission denied", "/x/a.csv"), "pt_BR")
    assert denied.message == "Sem permissão para gravar em /x/a.csv." and "Permission" not in denied.text
    closed = explain_exception(sqlite3.ProgrammingError("Cannot operate on a closed database."), "en")
    assert "closed database" not in closed.text and "closed database" in closed.technical
    assert explain_exception(ConfigError(["linx.user: informe o usuário"]), "pt_BR").message == \
        "linx.user: informe o usuário"
    refused = explain_exception(CredentialError("401", credential="linx", remote="linx"), "pt_BR")
    assert refused.message == "Linx Commerce recusou as credenciais."
    assert explain_exception(TransientError("timeout talking to Plug.to (ReadTimeout)"), "en").message == \
        "Plug.to did not answer in time."
    odd = explain_exception(RuntimeError("boom"), "pt_BR")
    assert odd.message == "Algo inesperado aconteceu." and odd.technical == "RuntimeError: boom"
