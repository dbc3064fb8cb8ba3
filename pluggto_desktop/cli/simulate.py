"""``simulate``: serve the Plug.to and Linx simulators on this computer, and print the ``setup``
line that points a profile at them."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from pluggto_desktop.cli.output import EXIT_CONFIG, EXIT_OK, err
from pluggto_desktop.i18n import normalize_language
from pluggto_desktop.invocation import command, env_assignments
from pluggto_desktop.profile import Profile
from pluggto_desktop.text import Text, plural

_PORT_IN_USE = Text("Porta ocupada: {detail}. Escolha outra com --pluggto-port/--linx-port.",
                    "Port in use: {detail}. Pick another with --pluggto-port/--linx-port.")
_TO_CONFIGURE = Text("Para configurar um perfil com estes simuladores (cole em outro terminal):",
                     "To configure a profile with these simulators (paste it in another terminal):")
_THEN_SYNC = Text("Depois, para sincronizar: {command}", "Then, to sync: {command}")
_CREATED = plural("{n} pedido criado. Ctrl+C para parar.", "{n} pedidos criados. Ctrl+C para parar.",
                  "{n} order created. Ctrl+C to stop.", "{n} orders created. Ctrl+C to stop.")


def cmd_simulate(args: argparse.Namespace, profile: Profile) -> int:
    lang = normalize_language(args.lang)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    return asyncio.run(_simulate(args, profile, lang))


async def _simulate(args: argparse.Namespace, profile: Profile, lang: str) -> int:
    from pluggto_desktop.asgi_server import PortInUse
    from pluggto_desktop.simulator.serve import SimulatorSet

    try:
        sims = await SimulatorSet.start(
            host=args.host, pluggto_port=args.pluggto_port, linx_port=args.linx_port, orders=args.orders,
            latency_ms=args.latency_ms, fail_rate=args.fail_rate, seed=args.seed, notify_url=args.notify_url,
        )
    except PortInUse as exc:
        err(_PORT_IN_USE(lang, detail=exc))
        return EXIT_CONFIG
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows: no add_signal_handler
            loop.add_signal_handler(sig, stop.set)
    creds = sims.credentials
    print(creds.describe())
    print()
    print(_TO_CONFIGURE(lang))
    print("  " + env_assignments(creds.setup_secrets()) + command("setup", *creds.setup_args(), home=profile.root))
    print(_THEN_SYNC(lang, command=command("sync", home=profile.root)))
    print(_CREATED(lang, args.orders), flush=True)
    try:
        await stop.wait()
    finally:
        await sims.stop()
    return EXIT_OK
