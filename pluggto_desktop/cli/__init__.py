"""The command line: the desktop app, ``setup``, ``sync``, ``status``, ``simulate``, ``diagnose``
(the support zip), ``doctor`` (the connection check), ``retry``, ``audit`` and
``forget-secrets``. :func:`main` is the ``pluggto-desktop`` console script.

Messages follow the user's language (``--lang``, else the profile's setting, else the system's):
pt-BR first.

Exit codes of ``sync --once``, first match wins: 2 configuration or credential problem (or a
queue database that cannot be used: damaged, read-only, locked, a full disk); 1 some jobs need
attention; 3 some jobs wait for a later retry (run again); 0 everything done. Other commands exit
2 on a configuration or database problem and 0 on success; ``doctor`` exits 1 when a step of the
connection check failed, ``audit`` exits 1 when differences are left, ``retry`` exits 2 when no
order it was given could be sent back (unknown, ignored or being processed), and ``diagnose``
exits 2 when the zip cannot be written there.

Where things are: ``parser`` (the arguments and their help), ``output`` (exit codes, printing,
reading the settings, the sentences several commands say), then one module per group of
commands — ``setup``, ``sync``, ``status``, ``support`` (doctor, diagnose), ``orders`` (retry,
audit), ``forget``, ``simulate`` — and ``self_test`` (the hidden ``--self-test``).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable

from pluggto_desktop.cli.forget import cmd_forget_secrets
from pluggto_desktop.cli.orders import cmd_audit, cmd_retry
from pluggto_desktop.cli.output import EXIT_CONFIG, EXIT_OK, err
from pluggto_desktop.cli.parser import build_parser, help_language
from pluggto_desktop.cli.setup import cmd_setup
from pluggto_desktop.cli.simulate import cmd_simulate
from pluggto_desktop.cli.status import cmd_status
from pluggto_desktop.cli.support import cmd_diagnose, cmd_doctor
from pluggto_desktop.cli.sync import cmd_sync
from pluggto_desktop.i18n import normalize_language
from pluggto_desktop.profile import Profile, resolve_profile
from pluggto_desktop.text import Text

_COMMANDS: dict[str, Callable[[argparse.Namespace, Profile], int]] = {
    "setup": cmd_setup,
    "sync": cmd_sync,
    "status": cmd_status,
    "simulate": cmd_simulate,
    "diagnose": cmd_diagnose,
    "doctor": cmd_doctor,
    "forget-secrets": cmd_forget_secrets,
    "retry": cmd_retry,
    "audit": cmd_audit,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser(help_language(argv)).parse_args(argv)
    # Technical messages go to the log file (set up per command), never to the user's terminal
    # unless --verbose asks: the NullHandler keeps Python from printing stray warnings.
    logging.getLogger("pluggto_desktop").addHandler(logging.NullHandler())
    if args.self_test:
        from pluggto_desktop.cli.self_test import self_test

        return self_test()
    if args.command is None:
        return _open_app(args)
    profile = resolve_profile(args.home)
    try:
        return _COMMANDS[args.command](args, profile)
    except KeyboardInterrupt:
        return EXIT_OK


_NO_APP = Text("Não foi possível abrir o aplicativo: {error}", "Could not open the app: {error}")


def _open_app(args: argparse.Namespace) -> int:
    try:
        from pluggto_desktop.ui.app import run_app
    except ImportError as exc:  # PySide6 missing or broken: say so instead of a traceback
        err(_NO_APP(normalize_language(args.lang), error=exc))
        return EXIT_CONFIG
    return run_app(home=args.home, demo=args.demo, lang=args.lang, verbose=args.verbose, minimized=args.minimized)


__all__ = ["build_parser", "main"]
