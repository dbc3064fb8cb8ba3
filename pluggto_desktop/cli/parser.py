"""The command line's arguments, with the help in the person's language (``--lang``, else the
system's: the profile is not read yet when the help is printed)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from pluggto_desktop import __version__
from pluggto_desktop.i18n import normalize_language
from pluggto_desktop.text import Text

#: argparse's few words of its own
_USAGE = Text("uso: ", "usage: ")
_POSITIONALS = Text("argumentos", "positional arguments")
_OPTIONALS = Text("opções", "options")
_HELP = Text("mostra esta ajuda e sai", "show this help and exit")


class _Formatter(argparse.HelpFormatter):
    """argparse's layout, with its "usage:" in the user's language (set per language below)."""

    usage_prefix = "usage: "

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else self.usage_prefix)


def help_language(argv: list[str] | None) -> str:
    """The language of ``--help``: ``--lang`` when given, else the system's."""
    args = list(sys.argv[1:] if argv is None else argv)
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return normalize_language(args[index + 1])
        if arg.startswith("--lang="):
            return normalize_language(arg.split("=", 1)[1])
    return normalize_language(None)


#: Adds a subcommand: (its name, what it does) → its parser.
_AddCommand = Callable[[str, Text], argparse.ArgumentParser]
#: A help text in the parser's language.
_Help = Callable[[Text], str]


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    lang = lang or normalize_language(None)

    def h(text: Text) -> str:
        return text(lang)

    formatter: type[argparse.HelpFormatter] = type("Formatter", (_Formatter,), {"usage_prefix": h(_USAGE)})

    def parser_for(owner: Any, name: str | None = None, **kwargs: Any) -> argparse.ArgumentParser:
        make = argparse.ArgumentParser if owner is None else (lambda **kw: owner.add_parser(name, **kw))
        created = make(formatter_class=formatter, add_help=False, **kwargs)
        created._positionals.title = h(_POSITIONALS)
        created._optionals.title = h(_OPTIONALS)
        created.add_argument("-h", "--help", action="help", help=h(_HELP))
        return created

    parser = parser_for(None, prog="pluggto-desktop", description="Plug.to ⇄ Linx Commerce: " + h(Text(
        "pedidos dos marketplaces na sua loja.", "marketplace orders in your store.")))
    _add_global_options(parser, h)
    sub = parser.add_subparsers(dest="command", metavar=h(Text("COMANDO", "COMMAND")),
                                title=h(Text("comandos", "commands")))

    def add_command(name: str, does: Text) -> argparse.ArgumentParser:
        return parser_for(sub, name, help=h(does), description=h(does))

    for add in (_add_setup, _add_sync, _add_status, _add_simulate, _add_diagnose, _add_doctor, _add_retry,
                _add_audit, _add_forget_secrets):
        add(add_command, h)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, h: _Help) -> None:
    parser.add_argument("--version", action="version", version=f"pluggto-desktop {__version__}",
                        help=h(Text("mostra a versão e sai", "show the version and exit")))
    parser.add_argument("--home", metavar=h(Text("PASTA", "DIR")), help=h(Text(
        "pasta do perfil (padrão: $PLUGGTO_DESKTOP_HOME ou a pasta padrão do sistema)",
        "profile folder (default: $PLUGGTO_DESKTOP_HOME or the platform's standard folder)")))
    parser.add_argument("--demo", action="store_true", help=h(Text(
        "abre o aplicativo num perfil de demonstração, com os simuladores rodando dentro dele",
        "open the app on a demo profile with simulators running inside it")))
    parser.add_argument("--lang", choices=["pt_BR", "en"], help=h(Text(
        "idioma das mensagens (padrão: o das configurações, senão o do sistema)",
        "language of messages (default: settings/system)")))
    parser.add_argument("--verbose", "-v", action="store_true", help=h(Text(
        "mostra também o log técnico", "also print the technical log")))
    parser.add_argument("--minimized", action="store_true", help=h(Text(
        "inicia na bandeja, sem mostrar a janela (usado ao iniciar com o computador)",
        "start in the tray without showing the window (used when starting with the computer)")))
    # hidden: checks a (frozen) build from inside — see cli/self_test.py
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)


def _add_setup(add_command: _AddCommand, h: _Help) -> None:
    setup = add_command("setup", Text(
        "configura sem o aplicativo (senhas pelas variáveis de ambiente ou perguntadas)",
        "configure without the GUI (secrets from environment/prompt)"))
    setup.add_argument("--pluggto-url", help=h(Text("endereço da API do Plug.to (padrão https://api.plugg.to)",
                                                    "Plug.to API URL (default https://api.plugg.to)")))
    setup.add_argument("--client-id", help="Client ID")
    setup.add_argument("--username", help=h(Text("usuário da API do Plug.to (não o login do painel)",
                                                 "Plug.to API user (not the panel login)")))
    setup.add_argument("--linx-url", help=h(Text("nome do ambiente Linx ou a URL completa",
                                                 "Linx tenant name or full URL")))
    setup.add_argument("--linx-user", help=h(Text("usuário de integração da Linx", "Linx integration user")))
    setup.add_argument("--website-id", type=int, help=h(Text("id do site do canal na Linx",
                                                             "the channel's Linx website id")))
    setup.add_argument("--order-queue-id", type=int, help=h(Text("id da fila de pedidos da Linx",
                                                                 "Linx order feed queue id")))
    setup.add_argument("--product-queue-id", type=int, help=h(Text("id da fila de produtos da Linx",
                                                                   "Linx product feed queue id")))
    setup.add_argument("--fallback-cnpj", help=h(Text("CNPJ do intermediador padrão (numérico ou alfanumérico)",
                                                      "fallback intermediary CNPJ (numeric or alphanumeric)")))
    setup.add_argument("--warehouse-id", type=int, help=h(Text("depósito que dá o estoque (padrão 1)",
                                                               "warehouse whose stock is sent (default 1)")))
    setup.add_argument("--stock-reserve", type=int, help=h(Text("unidades retidas do Plug.to",
                                                                "units held back from Plug.to")))
    setup.add_argument("--pluggto-user-id", help=h(Text("seu id de usuário no Plug.to (senão, aprendido dos pedidos)",
                                                        "your Plug.to user id (otherwise learnt from orders)")))
    setup.add_argument("--activate", action="store_true", help=h(Text("ativa o canal depois de salvar",
                                                                      "activate the channel after saving")))
    setup.add_argument("--no-test", action="store_true", help=h(Text("salva sem testar as conexões",
                                                                     "save without testing the connections")))


def _add_sync(add_command: _AddCommand, h: _Help) -> None:
    sync = add_command("sync", Text("roda a sincronização (até ser interrompida, ou uma passada)",
                                    "run the sync engine (until interrupted, or one pass)"))
    sync.add_argument("--once", action="store_true", help=h(Text(
        "uma passada completa e sai (veja os códigos de saída)", "one full pass, then exit (see exit codes)")))
    sync.add_argument("--listen", metavar=h(Text("HOST:PORTA", "HOST:PORT")), help=h(Text(
        "recebe as notificações do Plug.to nesta execução", "serve the notification listener for this run")))


def _add_status(add_command: _AddCommand, h: _Help) -> None:
    status = add_command("status", Text("mostra o canal, a sincronização e a fila",
                                        "show the channel, the engine and the queue"))
    status.add_argument("--json", action="store_true", help=h(Text("imprime um objeto JSON", "print one JSON object")))


def _add_simulate(add_command: _AddCommand, h: _Help) -> None:
    simulate = add_command("simulate", Text("serve os simuladores do Plug.to e da Linx nesta máquina",
                                            "serve the Plug.to and Linx simulators on loopback"))
    simulate.add_argument("--host", default="127.0.0.1", help=h(Text("endereço (padrão 127.0.0.1)",
                                                                     "address (default 127.0.0.1)")))
    simulate.add_argument("--pluggto-port", type=int, default=8101, help=h(Text("porta do Plug.to", "Plug.to port")))
    simulate.add_argument("--linx-port", type=int, default=8102, help=h(Text("porta da Linx", "Linx port")))
    simulate.add_argument("--orders", type=int, default=50, help=h(Text("pedidos criados no início",
                                                                        "orders to create at start")))
    simulate.add_argument("--latency-ms", type=float, default=0.0, help=h(Text("atraso de cada resposta (ms)",
                                                                               "delay of each answer (ms)")))
    simulate.add_argument("--fail-rate", type=float, default=0.0, help=h(Text(
        "fração das chamadas respondidas com 500/503", "share of calls answered 500/503")))
    simulate.add_argument("--notify-url", help=h(Text("envia as notificações do Plug.to a este endereço",
                                                      "send Plug.to notifications to this listener URL")))
    simulate.add_argument("--seed", type=int, default=1, help=h(Text("semente dos dados gerados",
                                                                     "seed of the generated data")))


def _add_diagnose(add_command: _AddCommand, h: _Help) -> None:
    diagnose = add_command("diagnose", Text(
        "grava um zip de diagnóstico para o suporte (senhas e dados dos compradores mascarados)",
        "write a diagnostics zip for support (secrets and buyers' data masked)"))
    diagnose.add_argument("--output", "-o", required=True, metavar=h(Text("ARQUIVO.zip", "FILE.zip")),
                          help=h(Text("onde gravar o zip", "where to write the zip")))
    diagnose.add_argument("--include-payloads", action="store_true", help=h(Text(
        "inclui também os dados dos pedidos que precisam de atenção (documentos, contatos e endereços mascarados)",
        "also the data of the orders needing attention (buyers' documents, contacts and addresses masked)")))
    diagnose.add_argument("--doctor", action="store_true", help=h(Text(
        "roda antes o teste de conexão e o inclui", "run the connection check first and include it")))


def _add_doctor(add_command: _AddCommand, h: _Help) -> None:
    doctor = add_command("doctor", Text("testa as conexões com o Plug.to e a Linx passo a passo",
                                        "check the connections to Plug.to and Linx step by step"))
    doctor.add_argument("--json", action="store_true", help=h(Text("imprime o relatório como um objeto JSON",
                                                                   "print the report as one JSON object")))


def _add_retry(add_command: _AddCommand, h: _Help) -> None:
    retry = add_command("retry", Text(
        "devolve pedidos à fila (o Reenviar do terminal): pelo ID do Plug.to, número do pedido no marketplace ou "
        "na Linx",
        "send orders back to the queue (the terminal's Resend): by Plug.to id, marketplace order number or Linx "
        "order number"))
    retry.add_argument("refs", nargs="*", metavar=h(Text("PEDIDO", "ORDER")), help=h(Text(
        "ID do Plug.to, número do pedido no marketplace ou na Linx",
        "a Plug.to id, marketplace or Linx order number")))
    retry.add_argument("--all", action="store_true", help=h(Text("todos os pedidos que precisam de atenção",
                                                                 "every order that needs attention")))


def _add_audit(add_command: _AddCommand, h: _Help) -> None:
    audit = add_command("audit", Text(
        "Conferência: compara o Plug.to e a loja num período (só leitura, a não ser com --fix)",
        "audit: compare Plug.to and the store over a period (reads only, unless --fix)"))
    audit.add_argument("--since", metavar=h(Text("DIAS", "DAYS")), help=h(Text(
        "os últimos N dias, ex.: 7d (padrão 7d)", "the last N days, e.g. 7d (default 7d)")))
    audit.add_argument("--from", dest="date_from", metavar=h(Text("DATA", "DATE")), help=h(Text(
        "início (AAAA-MM-DD ou data e hora ISO)", "start (YYYY-MM-DD or an ISO date-time)")))
    audit.add_argument("--to", dest="date_to", metavar=h(Text("DATA", "DATE")), help=h(Text(
        "fim (padrão: agora; uma data sozinha vale o dia inteiro)",
        "end (default: now; a date alone means the whole day)")))
    audit.add_argument("--json", action="store_true", help=h(Text("imprime um objeto JSON (docs/audit.md)",
                                                                  "print one JSON object (docs/audit.md)")))
    audit.add_argument("--fix", metavar="missing,ack,status", help=h(Text(
        "corrige estas classes: missing (enfileira), ack (confirma no Plug.to), status (reenvia o status)",
        "repair these classes: missing (queue), ack (acknowledge in Plug.to), status (send the status again)")))


def _add_forget_secrets(add_command: _AddCommand, h: _Help) -> None:
    add_command("forget-secrets", Text(
        "apaga as senhas e tokens deste perfil do cofre de senhas do sistema (ao remover o aplicativo ou passar o "
        "computador adiante)",
        "delete this profile's passwords and tokens from the system's password vault (when removing the app or "
        "handing the computer over)"))
