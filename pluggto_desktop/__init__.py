"""Pluggto Desktop: brings marketplace orders from Plug.to into a Linx Commerce store.

The package is split so that everything except ``ui/`` is pure asyncio with no Qt import:
``domain`` (rules, no I/O), ``pluggto`` and ``linx`` (HTTP clients), ``store`` (SQLite),
``engine`` (the sync workers), ``simulator`` (fake APIs for tests and the demo) and ``cli``.
"""

__version__ = "0.1.0"
APP_NAME = "pluggto-desktop"
