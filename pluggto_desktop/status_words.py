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

from pluggto_desktop.i18n import pick

#: the colour of each level, wherever a state is painted (light and dark themes read them)
LEVEL_COLOURS = {"ok": "#1A7F37", "info": "#0969DA", "warning": "#9A6700", "error": "#CF222E"}

#: what the channel is (settings.channel_state)
CHANNEL_WORDS = {
    "installed": ("Não configurado", "Not configured"),
    "configured": ("Configurado, não ativo", "Configured, not active"),
    "active": ("Ativo", "Active"),
    "paused": ("Pausado", "Paused"),
}

#: what the sync engine is doing (EngineStatus.state)
ENGINE_WORDS = {
    "running": ("em execução", "running"),
    "paused": ("pausado", "paused"),
    "offline": ("sem conexão", "offline"),
    "credentials": ("credenciais inválidas", "invalid credentials"),
    "storage": ("parado: o banco de dados da fila não aceita gravações", "stopped: the queue database takes no writes"),
    "stopped": ("parado", "stopped"),
}


def channel_label(state: str, lang: str) -> str:
    pt, en = CHANNEL_WORDS.get(state, (state, state))
    return pick(lang, pt, en)


def engine_label(state: str, lang: str) -> str:
    pt, en = ENGINE_WORDS.get(state, (state, state))
    return pick(lang, pt, en)


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


def credential_words(credential: str | None, lang: str) -> str:
    words = {
        "client": ("O Plug.to recusou o Client ID ou o Client Secret.", "Plug.to refused the Client ID or Client Secret."),
        "user": ("O Plug.to recusou o usuário ou a senha da API.", "Plug.to refused the API user or password."),
        "token": ("O Plug.to recusou o token de acesso.", "Plug.to refused the access token."),
        "linx": ("A Linx Commerce recusou o usuário ou a senha de integração.",
                 "Linx Commerce refused the integration user or password."),
        "linx_permission": ("O usuário de integração da Linx não tem permissão para a API de pedidos.",
                            "The Linx integration user lacks permission for the orders API."),
    }
    pt, en = words.get(credential or "", ("As credenciais foram recusadas.", "The credentials were refused."))
    return pick(lang, pt, en)


def storage_words(problem: str | None, lang: str) -> tuple[str, str]:
    """Title and sentence for an engine stopped because its queue database takes no writes
    (``problem``: a ``store.db`` kind)."""
    words = {
        "disk_full": (("Disco cheio", "Disk full"),
                      ("Não há espaço para gravar a fila de pedidos. Libere espaço no disco: a sincronização volta "
                       "sozinha e nenhum pedido se perde.",
                       "There is no room left to write the order queue. Free some disk space: the sync resumes by "
                       "itself and no order is lost.")),
        "read_only": (("Fila de pedidos somente leitura", "Order queue is read-only"),
                      ("O Pluggto Desktop não consegue gravar na fila de pedidos. Dê ao seu usuário permissão de "
                       "escrita na pasta do perfil: a sincronização volta sozinha.",
                       "Pluggto Desktop cannot write to its order queue. Give your user write permission on the "
                       "profile folder: the sync resumes by itself.")),
        "locked": (("Fila de pedidos bloqueada por outro programa", "Order queue locked by another program"),
                   ("Feche o programa que está usando a fila de pedidos (um visualizador de banco de dados, um "
                    "antivírus, um backup): a sincronização volta sozinha.",
                    "Close the program holding the order queue (a database viewer, an antivirus, a backup): the "
                    "sync resumes by itself.")),
        "corrupt": (("Fila de pedidos danificada", "Order queue damaged"),
                    ("A fila de pedidos não pode ser lida. Os pedidos continuam no Plug.to: exporte o diagnóstico "
                     "(Suporte) e envie ao suporte.",
                     "The order queue cannot be read. The orders are still in Plug.to: export the diagnostics "
                     "(Support) and send them to support.")),
    }
    (title_pt, title_en), (text_pt, text_en) = words.get(problem or "", (
        ("Não é possível gravar a fila de pedidos", "Cannot write the order queue"),
        ("O disco falhou ao gravar a fila de pedidos; a sincronização tenta de novo sozinha.",
         "The disk failed while writing the order queue; the sync tries again by itself.")))
    return pick(lang, title_pt, title_en), pick(lang, text_pt, text_en)


def attention_words(n: int, lang: str) -> str:
    if n == 1:
        return pick(lang, "1 pedido precisa de atenção.", "1 order needs attention.")
    return pick(lang, f"{n} pedidos precisam de atenção.", f"{n} orders need attention.")


def describe(status, channel_state: str, attention: int = 0, *, lang: str,  # noqa: ANN001 - an EngineStatus
             now: float | None = None, config_problems: bool = False) -> StatusText:
    """Words for the current state; ``attention`` is the number of orders needing attention and
    ``config_problems`` says the engine could not start because of the settings or passwords."""
    now = time.time() if now is None else now
    problems = attention_words(attention, lang) if attention else ""
    if channel_state == "installed":
        return StatusText(channel_label("installed", lang),
                          pick(lang, "Conecte sua conta Plug.to e sua loja Linx Commerce.",
                               "Connect your Plug.to account and your Linx Commerce store."),
                          "info", "stopped", "setup", pick(lang, "Configurar", "Set up"))
    if channel_state == "configured":
        return StatusText(channel_label("configured", lang),
                          pick(lang, "O canal está salvo, mas não está ativo: nenhum pedido é sincronizado.",
                               "The channel is saved but not active: no order is synced."),
                          "info", "stopped", "activate", pick(lang, "Ativar", "Activate"), problems)
    if status.state == "credentials":
        return StatusText(pick(lang, "Credenciais inválidas", "Invalid credentials"),
                          credential_words(status.credential, lang) + " "
                          + pick(lang, "A sincronização fica parada até que sejam corrigidas.", "Sync is stopped until they are fixed."),
                          "error", "attention", "fix_credentials", pick(lang, "Corrigir", "Fix"), problems)
    if status.state == "paused":
        if status.paused_until:
            title = pick(lang, f"Pausado até {hhmm(status.paused_until)}", f"Paused until {hhmm(status.paused_until)}")
        else:
            title = channel_label("paused", lang)
        return StatusText(title, pick(lang, "Nenhum pedido novo é sincronizado enquanto estiver pausado; as "
                                            "notificações continuam sendo registradas.",
                                      "No new order is synced while paused; notifications are still recorded."),
                          "warning", "paused", "resume", pick(lang, "Retomar", "Resume"), problems)
    if status.state == "storage":
        title, detail = storage_words(status.storage_problem, lang)
        return StatusText(title, detail, "error", "attention", "retry", pick(lang, "Tentar agora", "Try now"), problems)
    if status.state == "offline":
        seconds = max(0, int(round((status.retry_at or now) - now)))
        return StatusText(pick(lang, f"Sem conexão — nova tentativa em {seconds} s",
                               f"No connection — retrying in {seconds} s"),
                          pick(lang, "Não foi possível falar com o Plug.to. Nenhum pedido se perde: eles são "
                                     "buscados assim que a conexão voltar.",
                               "Plug.to could not be reached. Orders are not lost: they are picked up as soon as "
                               "the connection is back."),
                          "warning", "offline", "retry", pick(lang, "Tentar agora", "Try now"), problems)
    if status.state == "stopped" and config_problems:
        return StatusText(pick(lang, "Não é possível sincronizar", "Cannot sync"),
                          pick(lang, "Algo de que a sincronização precisa está faltando ou inválido nas "
                                     "configurações; os pedidos esperam no Plug.to até a correção.",
                               "Something the sync needs is missing or invalid in the settings; orders wait in "
                               "Plug.to until it is fixed."),
                          "error", "attention", "fix_settings", pick(lang, "Corrigir", "Fix"), problems)
    if status.state == "stopped":
        return StatusText(pick(lang, "Parado", "Stopped"),
                          pick(lang, "A sincronização não está em execução.", "The sync engine is not running."),
                          "warning", "stopped", attention=problems)
    # running: the state is fine even when orders need attention — those are said beside it
    return StatusText(channel_label("active", lang),
                      pick(lang, "Os pedidos estão chegando do Plug.to à sua loja.",
                           "Orders are flowing from Plug.to into your store."),
                      "ok", "attention" if attention else "running", attention=problems)
