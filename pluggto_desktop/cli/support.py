"""What support asks for: ``doctor`` (the connections tested step by step) and ``diagnose`` (the
diagnostics zip, with secrets and buyers' data masked) — the Suporte page's two buttons."""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

from pluggto_desktop.cli.output import (
    EXIT_ATTENTION,
    EXIT_CONFIG,
    EXIT_OK,
    err,
    load,
    quiet_logging,
    read_settings,
)
from pluggto_desktop.invocation import command
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import SecretStore
from pluggto_desktop.text import Text


def cmd_doctor(args: argparse.Namespace, profile: Profile) -> int:
    from pluggto_desktop.doctor import run_doctor

    loaded = load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    settings, lang = loaded
    quiet_logging(args.verbose)
    report = asyncio.run(run_doctor(settings, SecretStore(profile.profile_id), lang=lang,
                                    profile=profile if profile.root.exists() else None))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(report.as_text(lang, terminal=command("setup", home=profile.root)), end="")
    if report.config_problem:
        return EXIT_CONFIG
    return EXIT_OK if report.ok else EXIT_ATTENTION


_NOWHERE_TO_WRITE = Text(
    "Não é possível gravar em {output}: a pasta {folder} não existe ou o caminho é uma pasta. Informe um arquivo "
    ".zip numa pasta existente.",
    "Cannot write {output}: the folder {folder} does not exist or the path is a folder. Give a .zip file in an "
    "existing folder.")
_CHECK_SKIPPED = Text("Diagnóstico de conexão não feito: as configurações são inválidas.",
                      "Connection check skipped: the settings are invalid.")
_CHECK_OK = Text("Diagnóstico de conexão: OK", "Connection check: OK")
_CHECK_FAILED = Text("Diagnóstico de conexão: com falhas (veja connection-check.txt)",
                     "Connection check: with failures (see connection-check.txt)")
_DATABASE_WARNING = Text("Atenção: {problem}", "Warning: {problem}")
_COULD_NOT_WRITE = Text("Não foi possível gravar {output}: {why}", "Could not write {output}: {why}")
_WRITTEN = Text("Diagnóstico salvo em {path} ({files} arquivos, {size} compactado):",
                "Diagnostics written to {path} ({files} files, {size} compressed):")


def cmd_diagnose(args: argparse.Namespace, profile: Profile) -> int:
    from pluggto_desktop.diagnostics import build_bundle, size_text

    quiet_logging(args.verbose)
    # a broken profile is when support needs the bundle most: its problems go in the bundle
    settings, problems, lang = read_settings(args, profile)
    output = Path(args.output).expanduser()
    if output.is_dir() or not output.parent.is_dir():
        err(_NOWHERE_TO_WRITE(lang, output=output, folder=output.parent))
        return EXIT_CONFIG
    secrets = SecretStore(profile.profile_id)
    report = None
    if args.doctor:
        if settings is None:
            err(_CHECK_SKIPPED(lang))
        else:
            from pluggto_desktop.doctor import run_doctor

            report = asyncio.run(run_doctor(settings, secrets, lang=lang, profile=profile))
            print((_CHECK_OK if report.ok else _CHECK_FAILED)(lang))
    bundle = build_bundle(profile, settings, secrets, include_payloads=args.include_payloads,
                          doctor_report=report, lang=lang, settings_problems=problems or None)
    if bundle.database_problem:
        err(_DATABASE_WARNING(lang, problem=bundle.database_problem))
    try:
        written = bundle.write_zip(output)
    except OSError as exc:
        err(_COULD_NOT_WRITE(lang, output=output, why=exc.strerror or exc))
        return EXIT_CONFIG
    print(_WRITTEN(lang, path=written, files=len(bundle.files), size=size_text(written.stat().st_size, lang)))
    for item in bundle.preview(lang):
        print(f"  {item.name:<32} {size_text(item.size, lang):>9}  {item.description}")
    return EXIT_OK
