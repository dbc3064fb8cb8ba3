"""The channel's and the engine's state in words — one table for the banner, the Painel, the
tray, Configurações and ``pluggto-desktop status``, so they never disagree ("Canal: Ativo" in
green beside a banner saying "Credenciais inválidas"; ``status`` saying "Installed" where the app
says "Não configurado").

Two things are kept apart on purpose: the *state* (is it syncing?) and the *problems* (orders
that need attention). "Ativo" stays "Ativo" — in the colour of a working state — when four
orders need attention; those are said beside it, in their own colour.

Qt-free: levels are named here ("ok", "info", "warning", "error") with their colours, and the
UI paints them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from pluggto_desktop.text import Text, plural

#: the colour of each level, wherever a state is painted (light and dark themes read them)
LEVEL_COLOURS = {"ok": "#1A7F37", "info": "#0969DA", "warning": "#9A6700", "error": "#CF222E"}

#: what the channel is (settings.channel_state)
CHANNEL_WORDS = {
    "installed": Text("Não configurado", "Not configured"),
    "configured": Text("Configurado, não ativo", "Configured, not active"),
    "active": Text("Ativo", "Active"),
    "paused": Text("Pausado", "Paused"),
}

#: what the sync engine is doing (EngineStatus.state)
ENGINE_WORDS = {
    "running": Text("em execução", "running"),
    "paused": Text("pausado", "paused"),
    "offline": Text("sem conexão", "offline"),
    "credentials": Text("credenciais inválidas", "invalid credentials"),
    "storage": Text("parado: o banco de dados da fila não aceita gravações",
                    "stopped: the queue database takes no writes"),
    "stopped": Text("parado", "stopped"),
}


def channel_label(state: str, lang: str) -> str:
    words = CHANNEL_WORDS.get(state)
    return words(lang) if words else state


def engine_label(state: str, lang: str) -> str:
    words = ENGINE_WORDS.get(state)
    return words(lang) if words else state


@dataclass(frozen=True)
class StatusText:
    title: str  # "Ativo", "Pausado até 14:30", …
    detail: str  # one plain sentence about the state
    level: str  # the state's level: "ok" | "info" | "warning" | "error"
    icon: str  # tray icon name
    action: str | None = None  # "resume" | "retry" | "fix_credentials" | "fix_settings" | "setup" | "activate"
    action_label: str = ""
    attention: str = ""  # "4 pedidos precisam de atenção." — the problems, beside the state ("" if none)

    @property
    def colour(self) -> str:
        return LEVEL_COLOURS[self.level]


#: the level (and colour) of orders needing attention, shown beside the state
ATTENTION_LEVEL = "error"


def hhmm(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%H:%M")


#: which credential a remote refused (EngineStatus.credential)
_CREDENTIAL_WORDS = {
    "client": Text("O Plug.to recusou o Client ID ou o Client Secret.",
                   "Plug.to refused the Client ID or Client Secret."),
    "user": Text("O Plug.to recusou o usuário ou a senha da API.", "Plug.to refused the API user or password."),
    "token": Text("O Plug.to recusou o token de acesso.", "Plug.to refused the access token."),
    "linx": Text("A Linx Commerce recusou o usuário ou a senha de integração.",
                 "Linx Commerce refused the integration user or password."),
    "linx_permission": Text("O usuário de integração da Linx não tem permissão para a API de pedidos.",
                            "The Linx integration user lacks permission for the orders API."),
}
_CREDENTIALS_REFUSED = Text("As credenciais foram recusadas.", "The credentials were refused.")


def credential_words(credential: str | None, lang: str) -> str:
    return _CREDENTIAL_WORDS.get(credential or "", _CREDENTIALS_REFUSED)(lang)


#: (title, sentence) of a queue database that takes no writes, by its ``store.db`` kind
_STORAGE_WORDS = {
    "disk_full": (Text("Disco cheio", "Disk full"),
                  Text("Não há espaço para gravar a fila de pedidos. Libere espaço no disco: a sincronização "
                       "volta sozinha e nenhum pedido se perde.",
                       "There is no room left to write the order queue. Free some disk space: the sync resumes by "
                       "itself and no order is lost.")),
    "read_only": (Text("Fila de pedidos somente leitura", "Order queue is read-only"),
                  Text("O Pluggto Desktop não consegue gravar na fila de pedidos. Dê ao seu usuário permissão de "
                       "escrita na pasta do perfil: a sincronização volta sozinha.",
                       "Pluggto Desktop cannot write to its order queue. Give your user write permission on the "
                       "profile folder: the sync resumes by itself.")),
    "locked": (Text("Fila de pedidos bloqueada por outro programa", "Order queue locked by another program"),
               Text("Feche o programa que está usando a fila de pedidos (um visualizador de banco de dados, um "
                    "antivírus, um backup): a sincronização volta sozinha.",
                    "Close the program holding the order queue (a database viewer, an antivirus, a backup): the "
                    "sync resumes by itself.")),
    "corrupt": (Text("Fila de pedidos danificada", "Order queue damaged"),
                Text("A fila de pedidos não pode ser lida. Os pedidos continuam no Plug.to: exporte o diagnóstico "
                     "(Suporte) e envie ao suporte.",
                     "The order queue cannot be read. The orders are still in Plug.to: export the diagnostics "
                     "(Support) and send them to support.")),
}
_STORAGE_FAILED = (Text("Não é possível gravar a fila de pedidos", "Cannot write the order queue"),
                   Text("O disco falhou ao gravar a fila de pedidos; a sincronização tenta de novo sozinha.",
                        "The disk failed while writing the order queue; the sync tries again by itself."))


def storage_words(problem: str | None, lang: str) -> tuple[str, str]:
    """Title and sentence for an engine stopped because its queue database takes no writes
    (``problem``: a ``store.db`` kind)."""
    title, text = _STORAGE_WORDS.get(problem or "", _STORAGE_FAILED)
    return title(lang), text(lang)


_ATTENTION = plural("{n} pedido precisa de atenção.", "{n} pedidos precisam de atenção.",
                    "{n} order needs attention.", "{n} orders need attention.")


def attention_words(n: int, lang: str) -> str:
    return _ATTENTION(lang, n)


#: the words of each state :func:`describe` tells apart: (title, detail), and the action's label
_NOT_CONFIGURED = Text("Conecte sua conta Plug.to e sua loja Linx Commerce.",
                       "Connect your Plug.to account and your Linx Commerce store.")
_NOT_ACTIVE = Text("O canal está salvo, mas não está ativo: nenhum pedido é sincronizado.",
                   "The channel is saved but not active: no order is synced.")
_INVALID_CREDENTIALS = Text("Credenciais inválidas", "Invalid credentials")
_STOPPED_UNTIL_FIXED = Text("A sincronização fica parada até que sejam corrigidas.",
                            "Sync is stopped until they are fixed.")
_PAUSED_UNTIL = Text("Pausado até {time}", "Paused until {time}")
_PAUSED = Text("Nenhum pedido novo é sincronizado enquanto estiver pausado; as notificações continuam sendo "
               "registradas.", "No new order is synced while paused; notifications are still recorded.")
_OFFLINE = Text("Sem conexão — nova tentativa em {seconds} s", "No connection — retrying in {seconds} s")
_OFFLINE_DETAIL = Text("Não foi possível falar com o Plug.to. Nenhum pedido se perde: eles são buscados assim "
                       "que a conexão voltar.",
                       "Plug.to could not be reached. Orders are not lost: they are picked up as soon as the "
                       "connection is back.")
_CANNOT_SYNC = (Text("Não é possível sincronizar", "Cannot sync"),
                Text("Algo de que a sincronização precisa está faltando ou inválido nas configurações; os "
                     "pedidos esperam no Plug.to até a correção.",
                     "Something the sync needs is missing or invalid in the settings; orders wait in Plug.to until "
                     "it is fixed."))
_STOPPED = (Text("Parado", "Stopped"),
            Text("A sincronização não está em execução.", "The sync engine is not running."))
_RUNNING = Text("Os pedidos estão chegando do Plug.to à sua loja.",
                "Orders are flowing from Plug.to into your store.")
_ACTIONS = {
    "setup": Text("Configurar", "Set up"),
    "activate": Text("Ativar", "Activate"),
    "fix": Text("Corrigir", "Fix"),
    "resume": Text("Retomar", "Resume"),
    "retry": Text("Tentar agora", "Try now"),
}


def describe(status, channel_state: str, attention: int = 0, *, lang: str,  # an EngineStatus
             now: float | None = None, config_problems: bool = False) -> StatusText:
    """Words for the current state; ``attention`` is the number of orders needing attention and
    ``config_problems`` says the engine could not start because of the settings or passwords."""
    now = time.time() if now is None else now
    problems = attention_words(attention, lang) if attention else ""
    if channel_state == "installed":
        return StatusText(channel_label("installed", lang), _NOT_CONFIGURED(lang),
                          "info", "stopped", "setup", _ACTIONS["setup"](lang))
    if channel_state == "configured":
        return StatusText(channel_label("configured", lang), _NOT_ACTIVE(lang),
                          "info", "stopped", "activate", _ACTIONS["activate"](lang), problems)
    if status.state == "credentials":
        return StatusText(_INVALID_CREDENTIALS(lang),
                          credential_words(status.credential, lang) + " " + _STOPPED_UNTIL_FIXED(lang),
                          "error", "attention", "fix_credentials", _ACTIONS["fix"](lang), problems)
    if status.state == "paused":
        if status.paused_until:
            title = _PAUSED_UNTIL(lang, time=hhmm(status.paused_until))
        else:
            title = channel_label("paused", lang)
        return StatusText(title, _PAUSED(lang), "warning", "paused", "resume", _ACTIONS["resume"](lang), problems)
    if status.state == "storage":
        title, detail = storage_words(status.storage_problem, lang)
        return StatusText(title, detail, "error", "attention", "retry", _ACTIONS["retry"](lang), problems)
    if status.state == "offline":
        seconds = max(0, round((status.retry_at or now) - now))
        return StatusText(_OFFLINE(lang, seconds=seconds), _OFFLINE_DETAIL(lang),
                          "warning", "offline", "retry", _ACTIONS["retry"](lang), problems)
    if status.state == "stopped" and config_problems:
        cannot_title, cannot_detail = _CANNOT_SYNC
        return StatusText(cannot_title(lang), cannot_detail(lang), "error", "attention", "fix_settings",
                          _ACTIONS["fix"](lang), problems)
    if status.state == "stopped":
        stopped_title, stopped_detail = _STOPPED
        return StatusText(stopped_title(lang), stopped_detail(lang), "warning", "stopped", attention=problems)
    # running: the state is fine even when orders need attention — those are said beside it
    return StatusText(channel_label("active", lang), _RUNNING(lang),
                      "ok", "attention" if attention else "running", attention=problems)
