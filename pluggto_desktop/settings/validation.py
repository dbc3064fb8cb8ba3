"""What a settings value may be: :func:`validate` lists every value that is not allowed.

Types are checked when the file is read (:mod:`.reading`); here the values: ranges, choices,
addresses, CNPJs, the tables of marketplaces, the network. Missing values needed to *run* are
not problems here — a half-configured profile is valid; see :mod:`.readiness`.

Every problem is one line ``"<section>.<field>: <what is wrong>"`` in pt-BR or English (the
words are in :mod:`.messages`). The setup forms place each line next to the field it names.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from pluggto_desktop import network_rules
from pluggto_desktop.addresses import is_http_url, is_server_url
from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.deadlines import MAX_HOURS
from pluggto_desktop.domain.marketplaces import duplicate_keys
from pluggto_desktop.domain.status import ORDER_STATUSES
from pluggto_desktop.i18n import normalize_language
from pluggto_desktop.linx.address import STORE_EMPTY, linx_store_problem
from pluggto_desktop.settings import messages as m
from pluggto_desktop.settings.model import (
    CHANNEL_STATES,
    LANGUAGE_CHOICES,
    NOTIFICATION_MODES,
    PRICE_FIELDS,
    PROXY_MODES,
    ChannelSettings,
    NetworkSettings,
    Settings,
)
from pluggto_desktop.text import Text

#: The tables keyed by marketplace name: one row per marketplace, names compared as
#: ``domain/marketplaces.py`` compares them (loosely, and through each marketplace's aliases).
MARKETPLACE_TABLES = ("channel.marketplace_cnpjs", "channel.marketplace_deadlines")
ATTRIBUTE_TABLE = "channel.attribute_map"

Rows = Sequence[tuple[str, Any]]


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO-8601 datetime as an aware datetime (naive = local time); None if absent/invalid."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
        return moment.astimezone() if moment.tzinfo is None else moment
    except (TypeError, ValueError, OverflowError, OSError):  # OverflowError/OSError: year 1 or 9999 local
        return None


class _Problems:
    """The problems found so far, and the checks that add to them, in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lines: list[str] = []

    def add(self, path: str, message: Text, **values: Any) -> None:
        self.lines.append(m.problem_line(path, message, self.lang, **values))

    def in_range(self, path: str, value: Any, low: float, high: float) -> None:
        if not low <= value <= high:
            self.add(path, m.RANGE, low=low, high=high)

    def choice(self, path: str, value: Any, choices: Iterable[str]) -> None:
        if value not in choices:
            self.add(path, m.CHOICE, value=value, choices=", ".join(choices))

    def moment(self, path: str, value: str | None) -> None:
        if value is not None and parse_datetime(value) is None:
            self.add(path, m.DATETIME, value=value)

    def cnpj(self, path: str, value: str) -> None:
        code = cnpj.describe_problem(value)
        if code is not None:
            self.add(path, m.CNPJ_PROBLEMS[code])


def validate(settings: Settings, lang: str | None = None, *, strict_network: bool = True) -> list[str]:
    """Every value problem of ``settings`` (empty list = fine), as ``"path: problem"`` lines.

    Types are assumed right (they are checked when the file is read). Missing values needed to
    *run* are not problems here — a half-configured profile is valid; see
    :func:`~pluggto_desktop.settings.readiness.is_configured`.
    ``strict_network`` adds the network checks that go beyond the value's shape: the exclusion
    syntax, a proxy kind this installation speaks, an extra CA certificate file that holds a
    certificate (when the file exists).
    Loading the settings file skips them, so a certificate deleted later cannot keep the app from
    opening; starting the engine and the connection doctor report a missing certificate file.
    """
    return value_problems(settings, lang, strict_network=strict_network)


def value_problems(settings: Settings, lang: str | None = None, *, strict_network: bool = True,
                   rows: Mapping[str, Rows] | None = None, ca_file_chosen: bool = False) -> list[str]:
    """:func:`validate`, with what only a draft being edited has (see ``readiness.check_draft``):

    * ``rows`` — tables as the person typed them, by path (``"channel.marketplace_cnpjs"``…):
      a row repeated on screen is a problem, where the dict the settings keep would merge it;
    * ``ca_file_chosen`` — the extra CA file is being chosen now, so it must be there.
    """
    found = _Problems(normalize_language(lang) if lang else settings.language)
    tables = dict(rows or {})
    _check_pluggto(settings, found)
    _check_linx(settings, found)
    _check_channel(settings.channel, found, tables)
    _check_engine(settings, found)
    _check_ui(settings, found)
    _check_network(settings.network, found, strict_network, ca_file_chosen)
    return found.lines


# --- Sections ------------------------------------------------------------------------------------


def _check_pluggto(settings: Settings, found: _Problems) -> None:
    p = settings.pluggto
    if not p.api_url.strip():
        found.add("pluggto.api_url", m.REQUIRED)
    elif not is_http_url(p.api_url):
        found.add("pluggto.api_url", m.URL)
    if p.user_id is not None and not p.user_id.strip():
        found.add("pluggto.user_id", m.EMPTY_TEXT)


def _check_linx(settings: Settings, found: _Problems) -> None:
    # the Linx client's own rule (linx/address.py): what is accepted here, the client can reach
    problem = linx_store_problem(settings.linx.url_or_tenant)
    if problem is not None and problem is not STORE_EMPTY:  # empty: not configured yet, not wrong
        found.add("linx.url_or_tenant", problem)


def _check_channel(c: ChannelSettings, found: _Problems, tables: Mapping[str, Rows]) -> None:
    for name in ("website_id", "order_queue_id", "product_queue_id"):
        value = getattr(c, name)
        if value is not None and value <= 0:
            found.add(f"channel.{name}", m.POSITIVE)
    if not c.import_statuses:
        found.add("channel.import_statuses", m.STATUSES_EMPTY)
    for status in c.import_statuses:
        if status not in ORDER_STATUSES:
            found.add("channel.import_statuses", m.STATUS, value=status, choices=", ".join(ORDER_STATUSES))
    if c.fallback_cnpj is not None:
        found.cnpj("channel.fallback_cnpj", c.fallback_cnpj)
    _check_cnpj_table(tables.get("channel.marketplace_cnpjs", list(c.marketplace_cnpjs.items())), found)
    _check_deadlines(c, tables.get("channel.marketplace_deadlines", list(c.marketplace_deadlines.items())), found)
    if c.warehouse_id <= 0:
        found.add("channel.warehouse_id", m.POSITIVE)
    if c.stock_reserve < 0:
        found.add("channel.stock_reserve", m.NOT_NEGATIVE)
    found.choice("channel.price_field", c.price_field, PRICE_FIELDS)
    found.choice("channel.special_price_field", c.special_price_field, PRICE_FIELDS)
    for name in ("include_categories", "exclude_categories", "include_brands", "exclude_brands"):
        if any(not item.strip() for item in getattr(c, name)):
            found.add(f"channel.{name}", m.EMPTY_TEXT)
    _check_attribute_table(tables.get(ATTRIBUTE_TABLE), c.attribute_map, found)
    found.choice("channel.state", c.state, CHANNEL_STATES)
    found.moment("channel.paused_until", c.paused_until)


def _check_cnpj_table(rows: Rows, found: _Problems) -> None:
    path = "channel.marketplace_cnpjs"
    for marketplace, value in rows:
        if not marketplace.strip():
            found.add(path, m.MARKETPLACE_EMPTY)
            continue
        found.cnpj(f"{path}.{marketplace}", value)
    _check_repeated_marketplaces(path, rows, found)


def _check_repeated_marketplaces(path: str, rows: Rows, found: _Problems) -> None:
    """Each marketplace once: a later row naming it again (``"Mercado Livre"`` after
    ``"MercadoLivre"``, ``"B2W"`` after ``"Americanas"``) would never be used."""
    for first, again in duplicate_keys(name for name, _value in rows):
        found.add(f"{path}.{again}", m.MARKETPLACE_TWICE, other=first)


def _check_deadlines(c: ChannelSettings, rows: Rows, found: _Problems) -> None:
    """Hours between 1 and MAX_HOURS, shipping never before invoicing, one entry per marketplace."""
    def hours(path: str, invoice: Any, shipping: Any) -> None:
        fine = True
        for name, value in (("invoice_hours", invoice), ("shipping_hours", shipping)):
            if not 1 <= value <= MAX_HOURS:
                field = f"{path}.{name}" if path.startswith(table) else f"channel.deadline_{name}"
                found.add(field, m.DEADLINE_HOURS, high=f"{MAX_HOURS:g}")
                fine = False
        if fine and shipping < invoice:
            found.add(path, m.DEADLINE_ORDER, shipping=f"{shipping:g}", invoice=f"{invoice:g}")

    table = "channel.marketplace_deadlines"
    hours("channel.deadline_shipping_hours", c.deadline_invoice_hours, c.deadline_shipping_hours)
    for marketplace, entry in rows:
        path = f"{table}.{marketplace}"
        if not marketplace.strip():
            found.add(table, m.MARKETPLACE_EMPTY)
            continue
        extra = set(entry) - {"invoice_hours", "shipping_hours"}
        if extra:
            found.add(path, m.DEADLINE_KEYS, keys=", ".join(sorted(extra)))
            continue
        hours(path, entry.get("invoice_hours", c.deadline_invoice_hours),
              entry.get("shipping_hours", c.deadline_shipping_hours))
    _check_repeated_marketplaces(table, rows, found)


def _check_attribute_table(rows: Rows | None, table: Mapping[str, str], found: _Problems) -> None:
    """Both sides of every mapping filled in. Typed rows (a draft) also may not name a Linx
    property twice, whatever its case: the second row would silently replace or shadow the first."""
    for prop, code in (rows if rows is not None else list(table.items())):
        if not prop.strip() or not code.strip():
            found.add(f"{ATTRIBUTE_TABLE}.{prop}", m.EMPTY_TEXT)
    if rows is None:
        return
    seen: set[str] = set()
    for prop, _code in rows:
        key = prop.casefold()
        if prop and key in seen:
            found.add(f"{ATTRIBUTE_TABLE}.{prop}", m.NAME_TWICE)
        seen.add(key)


def _listener_token_ok(token: str) -> bool:
    from pluggto_desktop.engine.listener import is_valid_token  # the token's rules live with the listener

    return is_valid_token(token)


def _check_engine(settings: Settings, found: _Problems) -> None:
    e = settings.engine
    if not e.listener_host.strip():
        found.add("engine.listener_host", m.REQUIRED)
    if e.listener_token is not None and not _listener_token_ok(e.listener_token):
        found.add("engine.listener_token", m.LISTENER_TOKEN)
    if e.listener_public_url is not None and not is_server_url(e.listener_public_url):
        found.add("engine.listener_public_url", m.LISTENER_PUBLIC_URL)
    found.in_range("engine.listener_port", e.listener_port, 1, 65535)
    found.in_range("engine.poll_interval_s", e.poll_interval_s, 10, 86400)
    found.in_range("engine.first_run_lookback_days", e.first_run_lookback_days, 0, 90)
    found.in_range("engine.max_attempts", e.max_attempts, 1, 100)
    found.in_range("engine.retry_base_s", e.retry_base_s, 0.1, 3600)
    found.in_range("engine.concurrency", e.concurrency, 1, 16)
    found.in_range("engine.payload_retention_days", e.payload_retention_days, 1, 3650)
    found.in_range("engine.product_reconcile_hour", e.product_reconcile_hour, 0, 23)


def _check_ui(settings: Settings, found: _Problems) -> None:
    u = settings.ui
    found.choice("ui.language", u.language, LANGUAGE_CHOICES)
    found.choice("ui.notifications", u.notifications, NOTIFICATION_MODES)
    found.moment("ui.muted_until", u.muted_until)


def _check_network(n: NetworkSettings, found: _Problems, strict: bool, ca_file_chosen: bool) -> None:
    found.choice("network.proxy_mode", n.proxy_mode, PROXY_MODES)
    if n.proxy_url:
        try:
            proxy = urlsplit(n.proxy_url.strip())
            proxy.port  # noqa: B018 - raises ValueError on a bad port
            valid = proxy.scheme in ("http", "https", "socks5", "socks5h") and bool(proxy.hostname)
        except ValueError:
            proxy, valid = None, False
        if not valid:
            found.add("network.proxy_url", m.PROXY_URL)
        elif proxy is not None and proxy.password:
            found.add("network.proxy_url", m.PROXY_PASSWORD)
    elif n.proxy_mode == "manual":
        found.add("network.proxy_url", m.PROXY_REQUIRED)
    if any(not item.strip() for item in n.proxy_exclusions):
        found.add("network.proxy_exclusions", m.EMPTY_TEXT)
    if n.extra_ca_file is not None and not n.extra_ca_file.strip():
        found.add("network.extra_ca_file", m.EMPTY_TEXT)
    if strict:
        _check_network_deeply(n, found, ca_file_chosen)


def _check_network_deeply(n: NetworkSettings, found: _Problems, ca_file_chosen: bool) -> None:
    """Exclusion syntax, a proxy scheme this installation speaks, a readable CA certificate."""
    for item in n.proxy_exclusions:
        if item.strip() and not network_rules.exclusion_ok(item):
            found.add("network.proxy_exclusions", m.PROXY_EXCLUSION, value=item.strip())
    socks = (n.proxy_url or "").strip().lower().startswith("socks")
    if socks and importlib.util.find_spec("socksio") is None:  # httpx speaks SOCKS only with it
        found.add("network.proxy_url", m.PROXY_SOCKS)
    # A file that is not there (yet: a network drive, a profile copied from another machine) is
    # said where it is used — the HTTP clients and the connection doctor refuse to start — unless
    # it is being chosen now; one that is there but holds no certificate is refused always.
    problem = network_rules.ca_file_problem_now(n.extra_ca_file, chosen_now=ca_file_chosen)
    if problem is not None:
        path = (n.extra_ca_file or "").strip()
        found.lines.append(f"network.extra_ca_file: {network_rules.ca_file_message(problem, path, found.lang)}")


__all__ = [
    "ATTRIBUTE_TABLE",
    "MARKETPLACE_TABLES",
    "is_http_url",
    "parse_datetime",
    "validate",
    "value_problems",
]
