"""The diagnostics bundle: one zip a store owner sends to support ("Exportar diagnóstico…").

What goes in (see :func:`build_bundle`; :meth:`Bundle.preview` lists it before anything is saved):

* ``LEIA-ME.txt`` / ``README.txt`` — what each file is, and what was masked;
* ``system.json`` — app, Python, Qt (only when PySide6 is there; Qt is never imported here) and
  OS versions, the profile folder;
* ``password-vault.json`` — the keyring backend and its self-test (names only, never values);
* ``settings.json`` — the settings, with the Client ID and API user partly masked and any proxy
  credentials removed (secrets are never settings anyway), plus what validation says of them;
* ``queue.json`` — jobs per state (orders and products), last poll, engine state;
* ``attention.json`` — the last 100 jobs needing attention: reason (as present/jobs.py words it
  for the app), what to do, timeline;
* ``connection-check.txt`` / ``.json`` — the latest connection doctor report;
* ``logs/`` — the last 7 days of the technical log and of the activity log, redacted again;
* ``payloads/`` — only with ``include_payloads``: what Plug.to sent / what went to Linx / what
  Linx answered for those jobs, with every buyer field but the name masked.

Redaction is not optional: secret values the vault knows, tokens, CPF/CNPJ, e-mails, phones and
addresses are masked in every file (:func:`pluggto_desktop.logs.redact` on text, plus a
structured pass over payloads by key name). Buyers' names stay, so support can find the order.

Where things are: ``redaction`` (what is masked, and how), ``collect`` (reading each part: the
queue database, the system, the vault, the settings, the logs), ``bundle`` (the files, their
descriptions, the read-me and the zip writer), ``assemble`` (:func:`build_bundle`: the parts
gathered, redacted and described).
"""

from pluggto_desktop.diagnostics.assemble import build_bundle, build_bundle_async
from pluggto_desktop.diagnostics.bundle import Bundle, BundleFile, PreviewItem, size_text
from pluggto_desktop.diagnostics.collect import StoreExtract, read_store
from pluggto_desktop.diagnostics.redaction import is_sensitive_key, redact_payload

__all__ = [
    "Bundle",
    "BundleFile",
    "PreviewItem",
    "StoreExtract",
    "build_bundle",
    "build_bundle_async",
    "is_sensitive_key",
    "read_store",
    "redact_payload",
    "size_text",
]
