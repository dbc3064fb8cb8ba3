"""The settings file: what the user configured, in one JSON file of the profile.

* Plain dataclasses, one per section (``pluggto``, ``linx``, ``channel``, ``engine``, ``ui``,
  ``network``), gathered in :class:`Settings`.
* The file is UTF-8, pretty-printed JSON, written atomically (temporary file + ``os.replace``) so
  a crash or a full disk never leaves half a file behind.
* ``schema_version`` says which layout the file uses; older layouts are migrated on load (see
  :data:`MIGRATIONS`). Keys this version does not know are kept and written back untouched, so a
  file saved by a newer version survives a round trip through an older one.
* **Secrets are never settings.** Passwords, the client secret and tokens live in the password
  vault (``secrets.py``). A file that carries one is refused with a message saying where it goes.
* Loading never crashes on bad content: it raises :class:`~pluggto_desktop.errors.ConfigError`
  listing every problem at once, each as ``"<section>.<field>: <what is wrong>"``, in pt-BR or
  English.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
import typing
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from pluggto_desktop import jsontext
from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.deadlines import DEFAULT_INVOICE_HOURS, DEFAULT_SHIPPING_HOURS, MAX_HOURS
from pluggto_desktop.domain.marketplaces import duplicate_keys
from pluggto_desktop.domain.status import DEFAULT_IMPORT_STATUSES, ORDER_STATUSES
from pluggto_desktop.errors import ConfigError
from pluggto_desktop.i18n import EN, PT, normalize_language
from pluggto_desktop.logs import register_secret

log = logging.getLogger(__name__)

#: Layout version written by this code. Bump it and add a step to MIGRATIONS when the layout changes.
SCHEMA_VERSION = 3

CHANNEL_STATES = ("installed", "configured", "active", "paused")
LANGUAGE_CHOICES = ("auto", PT, EN)
NOTIFICATION_MODES = ("all", "errors", "off")
PROXY_MODES = ("system", "manual", "none")
#: Linx SKU price fields a channel can read prices from (linx-contract.md, product JSON).
PRICE_FIELDS = ("ListPrice", "RetailPrice")

# Name of the dataclass field that keeps a section's unknown keys (never written as a key).
_UNKNOWN = "unknown_keys"


def _unknown_keys() -> Any:
    return field(default_factory=dict, repr=False, compare=False)


# --- Sections -------------------------------------------------------------------------------


@dataclass
class PluggtoSettings:
    """The Plug.to account (business-rules.md §2 step 1). Client secret and password: keyring."""

    api_url: str = "https://api.plugg.to"
    client_id: str = ""
    username: str = ""  # the seller's API user, not the panel login
    user_id: str | None = None  # learnt from the ``user_id`` of the first order read
    unknown_keys: dict[str, Any] = _unknown_keys()


@dataclass
class LinxSettings:
    """The Linx Commerce store (step 2). The password/key: keyring."""

    url_or_tenant: str = ""  # a tenant name ("minhaloja") or a full URL (simulator, proxies)
    user: str = ""
    homologation: bool = False
    unknown_keys: dict[str, Any] = _unknown_keys()


@dataclass
class ChannelSettings:
    """The sales channel (steps 3–4): what to import, the intermediary CNPJ, product rules."""

    website_id: int | None = None
    import_statuses: list[str] = field(default_factory=lambda: list(DEFAULT_IMPORT_STATUSES))
    order_queue_id: int | None = None
    product_queue_id: int | None = None
    fallback_cnpj: str | None = None  # stored normalised, bare: "03007331000141"
    marketplace_cnpjs: dict[str, str] = field(default_factory=dict)  # "MercadoLivre" -> CNPJ
    integrate_without_intermediary: bool = False
    # the deadline watch (domain/deadlines.py): hours from approval, the app's defaults, and
    # per-marketplace entries {"Shopee": {"invoice_hours": 24, "shipping_hours": 48}}
    deadline_invoice_hours: float = DEFAULT_INVOICE_HOURS
    deadline_shipping_hours: float = DEFAULT_SHIPPING_HOURS
    marketplace_deadlines: dict[str, dict[str, float]] = field(default_factory=dict)
    warehouse_id: int = 1
    stock_reserve: int = 0  # units held back from Plug.to
    price_field: str = "ListPrice"  # Plug.to "price"
    special_price_field: str = "RetailPrice"  # Plug.to "special_price" (the sale price)
    only_active_products: bool = True
    include_categories: list[str] = field(default_factory=list)
    exclude_categories: list[str] = field(default_factory=list)
    include_brands: list[str] = field(default_factory=list)
    exclude_brands: list[str] = field(default_factory=list)
    attribute_map: dict[str, str] = field(default_factory=dict)  # Linx property -> Plug.to code
    state: str = "installed"  # one of CHANNEL_STATES
    paused_until: str | None = None  # ISO-8601 datetime; None = paused until resumed
    unknown_keys: dict[str, Any] = _unknown_keys()

    def __post_init__(self) -> None:
        self.normalize_cnpjs()

    def normalize_cnpjs(self) -> None:
        """Store every CNPJ bare and upper-case ("12.abc.345/01de-35" -> "12ABC34501DE35")."""
        if isinstance(self.fallback_cnpj, str):
            self.fallback_cnpj = cnpj.normalize(self.fallback_cnpj) or None
        if isinstance(self.marketplace_cnpjs, dict):
            self.marketplace_cnpjs = {
                name: cnpj.normalize(value) if isinstance(value, str) else value
                for name, value in self.marketplace_cnpjs.items()
            }


@dataclass
class EngineSettings:
    """How the sync engine runs."""

    listener_enabled: bool = True
    listener_host: str = "127.0.0.1"
    listener_port: int = 8787
    # The secret last segment of the listener's path (/pluggto/notifications/<token>), made once
    # per profile (ensure_listener_token). It lives here and not in the password vault because
    # it is not a credential for anything: it is part of the address the merchant copies into
    # Plug.to, so the app, `status` and support must be able to show it, and whoever can read
    # this file can read the Plug.to panel's copy too. Leaking it allows forged notifications,
    # which only make the engine re-read an order from Plug.to. It is still kept out of logs
    # and diagnostics (registered with the log redactor, scrubbed from bundles).
    listener_token: str | None = None
    # The address Plug.to reaches the listener at, when something sits in front of it (an HTTPS
    # reverse proxy, a tunnel): "https://pedidos.minhaloja.com.br". Its host name is accepted in
    # the Host header and the URL to register is built on it.
    listener_public_url: str | None = None
    poll_interval_s: int = 60
    first_run_lookback_days: int = 7
    max_attempts: int = 8
    retry_base_s: float = 5.0
    auto_retry: bool = True
    concurrency: int = 4
    log_history_writeback: bool = True  # write reasons into Plug.to's log_history
    payload_retention_days: int = 30
    product_reconcile_hour: int = 3  # full product reconcile nightly at 03:00 local time
    product_sync_enabled: bool = True
    unknown_keys: dict[str, Any] = _unknown_keys()


@dataclass
class UiSettings:
    language: str = "auto"  # "auto" | "pt_BR" | "en"
    start_minimized: bool = False
    notifications: str = "errors"  # "all" | "errors" | "off"
    tray_hint_shown: bool = False
    muted_until: str | None = None  # ISO-8601 datetime
    #: the queue columns the person chose, left to right (None: the app's default set)
    order_columns: list[str] | None = None
    product_columns: list[str] | None = None
    unknown_keys: dict[str, Any] = _unknown_keys()

    def __post_init__(self) -> None:
        # Accept the usual spellings ("pt-BR", "pt", "en_US") and store the canonical one.
        if isinstance(self.language, str) and self.language not in LANGUAGE_CHOICES:
            lowered = self.language.strip().lower()
            if lowered.startswith("pt"):
                self.language = PT
            elif lowered.startswith("en"):
                self.language = EN


@dataclass
class NetworkSettings:
    proxy_mode: str = "system"  # "system" | "manual" | "none"
    proxy_url: str | None = None  # without user/password
    proxy_exclusions: list[str] = field(default_factory=list)
    extra_ca_file: str | None = None  # a PEM file trusted in addition to the system's store
    unknown_keys: dict[str, Any] = _unknown_keys()


#: The sections of the file, in the order they are written.
SECTIONS: dict[str, type] = {
    "pluggto": PluggtoSettings,
    "linx": LinxSettings,
    "channel": ChannelSettings,
    "engine": EngineSettings,
    "ui": UiSettings,
    "network": NetworkSettings,
}


@dataclass
class Settings:
    schema_version: int = SCHEMA_VERSION
    pluggto: PluggtoSettings = field(default_factory=PluggtoSettings)
    linx: LinxSettings = field(default_factory=LinxSettings)
    channel: ChannelSettings = field(default_factory=ChannelSettings)
    engine: EngineSettings = field(default_factory=EngineSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    network: NetworkSettings = field(default_factory=NetworkSettings)
    unknown_keys: dict[str, Any] = _unknown_keys()

    @property
    def channel_state(self) -> str:
        """The state shown to the user; see :func:`channel_state`."""
        return channel_state(self)

    @property
    def language(self) -> str:
        """The UI language actually in use ("auto" resolved against the system)."""
        return normalize_language(self.ui.language)


# --- Messages -------------------------------------------------------------------------------

_MESSAGES: dict[str, tuple[str, str]] = {
    # types
    "bool": ("deve ser verdadeiro ou falso (true/false)", "must be true or false"),
    "int": ("deve ser um número inteiro", "must be a whole number"),
    "float": ("deve ser um número", "must be a number"),
    "str": ("deve ser um texto", "must be text"),
    "list_str": ("deve ser uma lista de textos", "must be a list of texts"),
    "dict_str": (
        'deve ser um objeto {"nome": "texto"}',
        'must be an object {"name": "text"}',
    ),
    "deadline_table": (
        'deve ser um objeto {"Marketplace": {"invoice_hours": 24, "shipping_hours": 48}}',
        'must be an object {"Marketplace": {"invoice_hours": 24, "shipping_hours": 48}}',
    ),
    "deadline_hours": (
        "prazo em horas entre 1 e {high}",
        "a deadline in hours between 1 and {high}",
    ),
    "deadline_order": (
        "o prazo de envio ({shipping} h) não pode ser menor que o de faturamento ({invoice} h): "
        "a nota fiscal acompanha a mercadoria",
        "the shipping deadline ({shipping} h) cannot be shorter than the invoice deadline ({invoice} h): "
        "the invoice travels with the goods",
    ),
    "deadline_keys": (
        "use só invoice_hours e shipping_hours (não {keys})",
        "use only invoice_hours and shipping_hours (not {keys})",
    ),
    "or_null": ("{message} ou null", "{message} or null"),
    "section": ("deve ser um objeto {...}", "must be an object {...}"),
    # values
    "required": ("obrigatório", "required"),
    "url": (
        "endereço inválido: use http:// ou https:// seguido do servidor",
        "invalid address: use http:// or https:// followed by the server",
    ),
    "url_or_tenant": (
        "informe o nome da loja (tenant, ex.: minhaloja) ou o endereço completo (https://...)",
        "enter the store name (tenant, e.g. mystore) or the full address (https://...)",
    ),
    "positive": ("deve ser maior que zero", "must be greater than zero"),
    "not_negative": ("não pode ser negativo", "cannot be negative"),
    "range": ("deve estar entre {low} e {high}", "must be between {low} and {high}"),
    "choice": ("valor inválido {value!r}; use um de: {choices}", "invalid value {value!r}; use one of: {choices}"),
    "status": (
        "status do Plug.to desconhecido {value!r}; use um de: {choices}",
        "unknown Plug.to status {value!r}; use one of: {choices}",
    ),
    "statuses_empty": (
        "escolha ao menos um status para importar",
        "choose at least one status to import",
    ),
    "empty_text": ("não pode ser vazio", "cannot be empty"),
    "datetime": (
        "data e hora inválidas {value!r}; use o formato ISO, ex.: 2024-07-15T18:00:00-03:00",
        "invalid date and time {value!r}; use the ISO format, e.g. 2024-07-15T18:00:00-03:00",
    ),
    "proxy_url": (
        "endereço de proxy inválido: use http://, https:// ou socks5:// seguido do servidor e da porta",
        "invalid proxy address: use http://, https:// or socks5:// followed by host and port",
    ),
    "proxy_required": (
        "obrigatório quando o proxy é manual",
        "required when the proxy is set manually",
    ),
    "proxy_password": (
        "não coloque usuário e senha no endereço do proxy (este arquivo não guarda senhas)",
        "do not put a user and password in the proxy address (this file holds no passwords)",
    ),
    "proxy_socks": (
        "proxy SOCKS não é suportado nesta instalação; use o endereço HTTP do proxy (http://servidor:porta)",
        "SOCKS proxies are not supported by this installation; use the proxy's HTTP address (http://host:port)",
    ),
    "proxy_exclusion": (
        "exceção inválida {value!r}: use um nome (api.plugg.to), *.domínio, um IP ou uma rede (10.0.0.0/8)",
        "invalid exclusion {value!r}: use a host name (api.plugg.to), *.domain, an IP or a network (10.0.0.0/8)",
    ),
    "secret_in_file": (
        "senhas e tokens não ficam neste arquivo; apague esta linha e informe a senha no app "
        "(ou na variável de ambiente {env})",
        "passwords and tokens are not kept in this file; delete this line and enter the password "
        "in the app (or in the environment variable {env})",
    ),
    "schema_version": ("deve ser um número inteiro a partir de 1", "must be a whole number from 1 up"),
    "listener_token": (
        "deve ter ao menos 22 caracteres, só letras, números, - e _ (apague a linha para gerar um novo)",
        "must have at least 22 characters, only letters, digits, - and _ (delete the line to make a new one)",
    ),
    "listener_public_url": (
        "endereço inválido: use https:// seguido do servidor (e da porta, se houver), sem caminho, "
        "ex.: https://pedidos.minhaloja.com.br",
        "invalid address: use https:// followed by the server (and port, if any), without a path, "
        "e.g. https://orders.mystore.com",
    ),
    # CNPJ problems, by cnpj.describe_problem code
    "cnpj_empty": ("CNPJ vazio", "empty CNPJ"),
    "cnpj_length": (
        "CNPJ inválido (deve ter 14 caracteres, ex.: 03.007.331/0001-41)",
        "invalid CNPJ (must have 14 characters, e.g. 03.007.331/0001-41)",
    ),
    "cnpj_characters": (
        "CNPJ inválido (só letras A-Z e números na raiz, e números nos 2 dígitos finais)",
        "invalid CNPJ (only letters A-Z and digits in the base, and digits in the last 2)",
    ),
    "cnpj_repeated": (
        "CNPJ inválido (todos os caracteres iguais)",
        "invalid CNPJ (all characters are the same)",
    ),
    "cnpj_check_digits": (
        "CNPJ inválido (dígito verificador)",
        "invalid CNPJ (check digit)",
    ),
    "cnpj_marketplace": ("nome do marketplace vazio", "empty marketplace name"),
    "cnpj_marketplace_twice": (
        "\"{other}\" já está na tabela e é o mesmo marketplace; esta linha nunca seria usada",
        "\"{other}\" is already in the table and is the same marketplace; this row would never be used",
    ),
    # file-level
    "file_json": (
        "O arquivo de configurações {path} não é um JSON válido (linha {line}, coluna {column}): {error}",
        "The settings file {path} is not valid JSON (line {line}, column {column}): {error}",
    ),
    "file_encoding": (
        "O arquivo de configurações {path} não está em UTF-8",
        "The settings file {path} is not UTF-8 text",
    ),
    "file_read": (
        "Não foi possível ler o arquivo de configurações {path}: {error}",
        "Could not read the settings file {path}: {error}",
    ),
    "file_root": (
        "O arquivo de configurações {path} deve conter um objeto JSON {...}",
        "The settings file {path} must contain a JSON object {...}",
    ),
    "file_deep": (
        "O arquivo de configurações {path} está aninhado demais (mais de {limit} níveis); "
        "não parece um arquivo de configurações do Pluggto Desktop",
        "The settings file {path} is nested too deeply (more than {limit} levels); "
        "it does not look like a Pluggto Desktop settings file",
    ),
    "file_number": (
        "O arquivo de configurações {path} tem um número longo demais para ler",
        "The settings file {path} holds a number too long to read",
    ),
    "backup_missing": (
        "Não há cópia de segurança utilizável de {path}",
        "There is no usable backup of {path}",
    ),
    "file_invalid": (
        "Configurações inválidas em {path}: {problems}",
        "Invalid settings in {path}: {problems}",
    ),
    "invalid": ("Configurações inválidas: {problems}", "Invalid settings: {problems}"),
}


_PLACEHOLDER = re.compile(r"\{(\w+)(!r)?\}")


def _msg(lang: str, key: str, **params: Any) -> str:
    """The message ``key`` in ``lang`` with ``{name}`` (or ``{name!r}``, quoted) filled in.

    Not ``str.format``: the values are what the user typed, and a template may show braces of its
    own (``{"nome": "texto"}``); only a placeholder naming a given value is replaced, and what
    is put in is never read again.
    """
    pt, en = _MESSAGES[key]

    def fill(match: re.Match[str]) -> str:
        name, quoted = match.group(1), match.group(2)
        if name not in params:
            return match.group(0)
        return repr(params[name]) if quoted else str(params[name])

    return _PLACEHOLDER.sub(fill, pt if lang == PT else en)


def _choices(values: typing.Iterable[str]) -> str:
    return ", ".join(values)


@dataclass
class SettingsError(ConfigError):
    """A :class:`ConfigError` that also knows which file was being read or written.

    ``problems`` holds one self-contained line per problem; ``str()`` adds the file name.
    """

    path: Path | None = None
    lang: str = EN

    def __str__(self) -> str:
        joined = "; ".join(self.problems)
        if self.path is None:
            return _msg(self.lang, "invalid", problems=joined)
        if self.file_level:
            return self.problems[0]  # file-level message that already names the file
        return _msg(self.lang, "file_invalid", path=self.path, problems=joined)

    @property
    def file_level(self) -> bool:
        """The file as a whole could not be read (its one message names the file)."""
        return self.path is not None and len(self.problems) == 1 and str(self.path) in self.problems[0]

    def heading(self) -> str:
        """The line that introduces :attr:`problems` when they are listed one per line."""
        if self.file_level:
            return self.problems[0]
        return _msg(self.lang, "file_invalid", path=self.path or "settings.json", problems="").rstrip(": ") + ":"


# --- Migrations -----------------------------------------------------------------------------


def _rename(section: Any, old: str, new: str) -> None:
    if isinstance(section, dict) and old in section:
        value = section.pop(old)
        section.setdefault(new, value)


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 is the pre-release prototype's layout (files without ``schema_version``).

    It named a few keys differently and kept the listener as one ``"host:port"`` string.
    """
    _rename(data.get("pluggto"), "user", "username")
    linx = data.get("linx")
    _rename(linx, "url", "url_or_tenant")
    _rename(linx, "tenant", "url_or_tenant")
    _rename(data.get("channel"), "intermediary_cnpj", "fallback_cnpj")
    _rename(data.get("ui"), "lang", "language")
    engine = data.get("engine")
    if isinstance(engine, dict) and isinstance(engine.get("listen"), str):
        host, sep, port = engine["listen"].rpartition(":")
        if sep and host and port.isascii() and port.isdigit() and len(port) <= 5:
            engine.pop("listen")
            engine.setdefault("listener_host", host)
            engine.setdefault("listener_port", int(port))
    return data


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 serves notifications on a secret path: a profile set up before gets its token.

    (:func:`load_settings` writes the upgraded file back, so the token never changes again.)
    """
    engine = data.get("engine")
    if engine is None:
        engine = data["engine"] = {}
    if isinstance(engine, dict) and not engine.get("listener_token"):
        engine["listener_token"] = _new_listener_token()
    return data


#: ``MIGRATIONS[n]`` turns a version-n file (as a dict) into a version-(n+1) one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}


def _new_listener_token() -> str:
    from pluggto_desktop.engine.listener import new_token  # the token's rules live with the listener

    return new_token()


def ensure_listener_token(settings: Settings) -> str:
    """The profile's listener token, made now if it has none yet (setup; a file that lost it)."""
    if not settings.engine.listener_token:
        settings.engine.listener_token = _new_listener_token()
    register_secret(settings.engine.listener_token)
    return settings.engine.listener_token


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a raw settings dict up to :data:`SCHEMA_VERSION` (in place, also returned).

    A file without ``schema_version`` is version 1. A file from a *newer* version is left as it
    is: the keys we know are read, the others preserved.
    """
    version = data.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return data  # reported by the type check of schema_version
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
        log.info("settings migrated to schema version %d", version)
    return data


# --- Reading (types) ------------------------------------------------------------------------


def _type_problem(value: Any, hint: Any, lang: str) -> str | None:
    """None when ``value`` (from JSON) fits the field's annotation, else what is wrong."""
    args = typing.get_args(hint)
    if type(None) in args:  # "X | None"
        if value is None:
            return None
        inner = next(a for a in args if a is not type(None))
        problem = _type_problem(value, inner, lang)
        return None if problem is None else _msg(lang, "or_null", message=problem)
    if hint is bool:
        return None if isinstance(value, bool) else _msg(lang, "bool")
    if hint is int:
        return None if isinstance(value, int) and not isinstance(value, bool) else _msg(lang, "int")
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else _msg(lang, "float")
    if hint is str:
        return None if isinstance(value, str) else _msg(lang, "str")
    origin = typing.get_origin(hint)
    if origin is list:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else _msg(lang, "list_str")
    if origin is dict:
        inner = typing.get_args(hint)[1]
        if typing.get_origin(inner) is dict:  # {"Shopee": {"invoice_hours": 24, ...}}
            ok = isinstance(value, dict) and all(
                isinstance(v, dict) and all(_is_number(n) for n in v.values()) for v in value.values())
            return None if ok else _msg(lang, "deadline_table")
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        return None if ok else _msg(lang, "dict_str")
    return None  # pragma: no cover - every field type is handled above


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# Unknown keys that look like a secret: refused, with the environment variable to use instead.
_SECRET_KEY = re.compile(r"(?i)(^|_)(password|passwd|senha|secret)$|^(access_|refresh_)?token$")
_SECRET_ENV_HINT = {
    "pluggto": "PLUGGTO_PASSWORD / PLUGGTO_CLIENT_SECRET",
    "linx": "LINX_PASSWORD",
}


def _read_section(cls: type, raw: Any, name: str, lang: str, problems: list[str]) -> Any:
    if raw is None:
        return cls()
    if not isinstance(raw, dict):
        problems.append(f"{name}: {_msg(lang, 'section')}")
        return cls()
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls) if f.name != _UNKNOWN}
    values: dict[str, Any] = {}
    unknown: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            if _SECRET_KEY.search(key):
                env = _SECRET_ENV_HINT.get(name, "PLUGGTO_PASSWORD / LINX_PASSWORD")
                problems.append(f"{name}.{key}: {_msg(lang, 'secret_in_file', env=env)}")
            else:
                unknown[key] = value
            continue
        problem = _type_problem(value, hints[key], lang)
        if problem:
            problems.append(f"{name}.{key}: {problem}")
        else:
            values[key] = float(value) if hints[key] is float else value
    section = cls(**values)
    section.unknown_keys = unknown
    return section


def settings_from_dict(data: dict[str, Any], *, lang: str | None = None) -> Settings:
    """Build :class:`Settings` from a raw dict (already parsed JSON); raises ConfigError.

    Migrates older layouts, checks types and values, and lists every problem at once.
    """
    lang = _pick_lang(lang, data)
    data = migrate(data)
    problems: list[str] = []
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.append(f"schema_version: {_msg(lang, 'schema_version')}")
        version = SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        log.warning(
            "settings file has schema version %d, newer than this app's %d: unknown keys are kept",
            version,
            SCHEMA_VERSION,
        )
    sections = {name: _read_section(cls, data.get(name), name, lang, problems) for name, cls in SECTIONS.items()}
    settings = Settings(schema_version=max(version, SCHEMA_VERSION), **sections)
    for key, value in data.items():
        if key in SECTIONS or key == "schema_version":
            continue
        if _SECRET_KEY.search(key):
            env = "PLUGGTO_CLIENT_SECRET / PLUGGTO_PASSWORD / LINX_PASSWORD"
            problems.append(f"{key}: {_msg(lang, 'secret_in_file', env=env)}")
        else:
            settings.unknown_keys[key] = value
    problems.extend(validate(settings, lang, strict_network=False))
    if problems:
        raise SettingsError(problems=problems, lang=lang)
    if settings.engine.listener_token:
        register_secret(settings.engine.listener_token)  # never in a log line of this process
    return settings


def _pick_lang(lang: str | None, data: Any = None) -> str:
    """The language for messages: the caller's, else the file's ``ui.language``, else the system's."""
    if lang:
        return normalize_language(lang)
    ui = data.get("ui") if isinstance(data, dict) else None
    choice = ui.get("language") if isinstance(ui, dict) else None
    return normalize_language(choice if isinstance(choice, str) else None)


#: Deeper than any settings file is (the file is 3 levels deep; unknown keys a newer version
#: adds get room to spare). Refused when read, because a deeper value would break a copy of the
#: settings or their next save far from here.
MAX_DEPTH = 32


def _too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when ``value`` (decoded JSON) nests lists/objects more than ``limit`` levels (iterative)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def load_settings(path: str | os.PathLike[str], *, lang: str | None = None) -> Settings:
    """Read the settings file; a missing file gives the defaults.

    Raises :class:`SettingsError` (a :class:`ConfigError`) naming the file and, for broken
    JSON, the line and column; for wrong values, every problem found. ``lang`` chooses the
    language of the messages (default: the file's own ``ui.language``, else the system's).
    Whatever the file holds — any bytes, any JSON — the answer is the settings or that error.
    A UTF-8 byte order mark (Windows Notepad writes one) is accepted; a lone surrogate escape
    (``"\\ud83d"``) is read as U+FFFD so the settings can be saved again.
    """
    path = Path(path)

    def refuse(key: str, **params: Any) -> SettingsError:
        chosen = _pick_lang(lang)
        return SettingsError(problems=[_msg(chosen, key, path=path, **params)], path=path, lang=chosen)

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise refuse("file_read", error=exc.strerror or type(exc).__name__) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse("file_encoding") from None
    try:
        data = jsontext.loads(text)
    except jsontext.TooDeep:
        raise refuse("file_deep", limit=MAX_DEPTH) from None
    except json.JSONDecodeError as exc:
        raise refuse("file_json", line=exc.lineno, column=exc.colno, error=exc.msg) from None
    except ValueError:  # an integer beyond Python's digit limit
        raise refuse("file_number") from None
    if not isinstance(data, dict):
        raise refuse("file_root")
    if _too_deep(data):
        raise refuse("file_deep", limit=MAX_DEPTH)
    engine = data.get("engine")
    had_token = isinstance(engine, dict) and bool(engine.get("listener_token"))
    try:
        settings = settings_from_dict(data, lang=lang)
    except SettingsError as exc:
        exc.path = path
        raise
    if not had_token:
        ensure_listener_token(settings)
        if settings.schema_version <= SCHEMA_VERSION:  # (a newer app's file is left as it is)
            # an upgrade, or a file that lost its token: write it back at once, so the token
            # made now is the one for good — `status` must not show a new one on every run
            try:
                write_text_atomically(path, _settings_text(settings))
            except OSError as exc:
                log.warning("could not save the upgraded settings file %s: %s", path, exc.strerror or exc)
    return settings


# --- Validation (values) --------------------------------------------------------------------


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO-8601 datetime as an aware datetime (naive = local time); None if absent/invalid."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
        return moment.astimezone() if moment.tzinfo is None else moment
    except (TypeError, ValueError, OverflowError, OSError):  # OverflowError/OSError: year 1 or 9999 local
        return None


def is_http_url(value: str) -> bool:
    """True for an http(s) URL with a host and a valid port (the API addresses)."""
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


_TENANT = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def _listener_token_ok(token: str) -> bool:
    from pluggto_desktop.engine.listener import is_valid_token

    return is_valid_token(token)


def _public_url_ok(value: str) -> bool:
    """An http(s) address of a server, without path, query or user (the listener's path is
    appended to it)."""
    if not is_http_url(value):
        return False
    parts = urlsplit(value.strip())
    return parts.path in ("", "/") and not (parts.query or parts.fragment or parts.username)


def _cnpj_problem(value: str, lang: str) -> str | None:
    code = cnpj.describe_problem(value)
    return None if code is None else _msg(lang, f"cnpj_{code}")


def _validate_deadlines(c: ChannelSettings, bad: Callable[..., None]) -> None:
    """Hours between 1 and MAX_HOURS, shipping never before invoicing, one entry per marketplace."""
    def hours(path: str, invoice: Any, shipping: Any) -> None:
        fine = True
        for name, value in (("invoice_hours", invoice), ("shipping_hours", shipping)):
            if not 1 <= value <= MAX_HOURS:
                bad(f"{path}.{name}" if path.startswith("channel.marketplace_deadlines") else
                    f"channel.deadline_{name}", "deadline_hours", high=f"{MAX_HOURS:g}")
                fine = False
        if fine and shipping < invoice:
            bad(path, "deadline_order", shipping=f"{shipping:g}", invoice=f"{invoice:g}")

    hours("channel.deadline_shipping_hours", c.deadline_invoice_hours, c.deadline_shipping_hours)
    for marketplace, entry in c.marketplace_deadlines.items():
        path = f"channel.marketplace_deadlines.{marketplace}"
        if not marketplace.strip():
            bad("channel.marketplace_deadlines", "cnpj_marketplace")
            continue
        extra = set(entry) - {"invoice_hours", "shipping_hours"}
        if extra:
            bad(path, "deadline_keys", keys=", ".join(sorted(extra)))
            continue
        hours(path, entry.get("invoice_hours", c.deadline_invoice_hours),
              entry.get("shipping_hours", c.deadline_shipping_hours))
    for first, again in duplicate_keys(c.marketplace_deadlines):
        bad(f"channel.marketplace_deadlines.{again}", "cnpj_marketplace_twice", other=first)


def validate(settings: Settings, lang: str | None = None, *, strict_network: bool = True) -> list[str]:
    """Every value problem of ``settings`` (empty list = fine), as ``"path: problem"`` lines.

    Types are assumed right (they are checked when the file is read). Missing values needed to
    *run* are not problems here — a half-configured profile is valid; see :func:`is_configured`.
    ``strict_network`` adds the network checks that go beyond the value's shape: the exclusion
    syntax, a proxy kind this installation speaks, an extra CA certificate file that holds a
    certificate (when the file exists).
    Loading the settings file skips them, so a certificate deleted later cannot keep the app from
    opening; starting the engine and the connection doctor report a missing certificate file.
    """
    lang = normalize_language(lang) if lang else settings.language
    problems: list[str] = []

    def bad(path: str, key: str, **params: Any) -> None:
        problems.append(f"{path}: {_msg(lang, key, **params)}")

    def in_range(path: str, value: Any, low: int | float, high: int | float) -> None:
        if not low <= value <= high:
            bad(path, "range", low=low, high=high)

    def choice(path: str, value: Any, choices: tuple[str, ...]) -> None:
        if value not in choices:
            bad(path, "choice", value=value, choices=_choices(choices))

    def moment(path: str, value: str | None) -> None:
        if value is not None and parse_datetime(value) is None:
            bad(path, "datetime", value=value)

    p = settings.pluggto
    if not p.api_url.strip():
        bad("pluggto.api_url", "required")
    elif not is_http_url(p.api_url):
        bad("pluggto.api_url", "url")
    if p.user_id is not None and not p.user_id.strip():
        bad("pluggto.user_id", "empty_text")

    x = settings.linx
    target = x.url_or_tenant.strip()
    if target:
        looks_like_url = "://" in target
        if (looks_like_url and not is_http_url(target)) or (not looks_like_url and not _TENANT.match(target)):
            bad("linx.url_or_tenant", "url_or_tenant")

    c = settings.channel
    for name in ("website_id", "order_queue_id", "product_queue_id"):
        value = getattr(c, name)
        if value is not None and value <= 0:
            bad(f"channel.{name}", "positive")
    if not c.import_statuses:
        bad("channel.import_statuses", "statuses_empty")
    for status in c.import_statuses:
        if status not in ORDER_STATUSES:
            bad("channel.import_statuses", "status", value=status, choices=_choices(ORDER_STATUSES))
    if c.fallback_cnpj is not None:
        problem = _cnpj_problem(c.fallback_cnpj, lang)
        if problem:
            problems.append(f"channel.fallback_cnpj: {problem}")
    for marketplace, value in c.marketplace_cnpjs.items():
        if not marketplace.strip():
            bad("channel.marketplace_cnpjs", "cnpj_marketplace")
            continue
        problem = _cnpj_problem(value, lang)
        if problem:
            problems.append(f"channel.marketplace_cnpjs.{marketplace}: {problem}")
    for first, again in duplicate_keys(c.marketplace_cnpjs):
        bad(f"channel.marketplace_cnpjs.{again}", "cnpj_marketplace_twice", other=first)
    _validate_deadlines(c, bad)
    if c.warehouse_id <= 0:
        bad("channel.warehouse_id", "positive")
    if c.stock_reserve < 0:
        bad("channel.stock_reserve", "not_negative")
    choice("channel.price_field", c.price_field, PRICE_FIELDS)
    choice("channel.special_price_field", c.special_price_field, PRICE_FIELDS)
    for name in ("include_categories", "exclude_categories", "include_brands", "exclude_brands"):
        if any(not item.strip() for item in getattr(c, name)):
            bad(f"channel.{name}", "empty_text")
    for prop, code in c.attribute_map.items():
        if not prop.strip() or not code.strip():
            bad(f"channel.attribute_map.{prop}", "empty_text")
    choice("channel.state", c.state, CHANNEL_STATES)
    moment("channel.paused_until", c.paused_until)

    e = settings.engine
    if not e.listener_host.strip():
        bad("engine.listener_host", "required")
    if e.listener_token is not None and not _listener_token_ok(e.listener_token):
        bad("engine.listener_token", "listener_token")
    if e.listener_public_url is not None and not _public_url_ok(e.listener_public_url):
        bad("engine.listener_public_url", "listener_public_url")
    in_range("engine.listener_port", e.listener_port, 1, 65535)
    in_range("engine.poll_interval_s", e.poll_interval_s, 10, 86400)
    in_range("engine.first_run_lookback_days", e.first_run_lookback_days, 0, 90)
    in_range("engine.max_attempts", e.max_attempts, 1, 100)
    in_range("engine.retry_base_s", e.retry_base_s, 0.1, 3600)
    in_range("engine.concurrency", e.concurrency, 1, 16)
    in_range("engine.payload_retention_days", e.payload_retention_days, 1, 3650)
    in_range("engine.product_reconcile_hour", e.product_reconcile_hour, 0, 23)

    u = settings.ui
    choice("ui.language", u.language, LANGUAGE_CHOICES)
    choice("ui.notifications", u.notifications, NOTIFICATION_MODES)
    moment("ui.muted_until", u.muted_until)

    n = settings.network
    choice("network.proxy_mode", n.proxy_mode, PROXY_MODES)
    if n.proxy_url:
        try:
            proxy = urlsplit(n.proxy_url.strip())
            proxy.port  # noqa: B018 - raises ValueError on a bad port
            valid = proxy.scheme in ("http", "https", "socks5", "socks5h") and bool(proxy.hostname)
        except ValueError:
            proxy, valid = None, False
        if not valid:
            bad("network.proxy_url", "proxy_url")
        elif proxy is not None and proxy.password:
            bad("network.proxy_url", "proxy_password")
    elif n.proxy_mode == "manual":
        bad("network.proxy_url", "proxy_required")
    if any(not item.strip() for item in n.proxy_exclusions):
        bad("network.proxy_exclusions", "empty_text")
    if n.extra_ca_file is not None and not n.extra_ca_file.strip():
        bad("network.extra_ca_file", "empty_text")
    problems.extend(_network_problems(n, lang, strict_network))
    return problems


_EXCLUSION = re.compile(r"^(?:<local>|\*|[\w.*?:\[\]%-]+(?:/\d{1,3})?)$")


def _network_problems(n: NetworkSettings, lang: str, strict_network: bool) -> list[str]:
    """Exclusion syntax, a proxy scheme this installation speaks, a readable CA certificate."""
    problems: list[str] = []
    if not strict_network:
        return problems
    for item in n.proxy_exclusions:
        value = item.strip()
        if value and not _EXCLUSION.match(value.split("://", 1)[-1].rstrip("/")):
            problems.append(f"network.proxy_exclusions: {_msg(lang, 'proxy_exclusion', value=value)}")
    if n.proxy_url and n.proxy_url.strip().lower().startswith("socks"):
        import importlib.util

        if importlib.util.find_spec("socksio") is None:  # httpx speaks SOCKS only with it
            problems.append(f"network.proxy_url: {_msg(lang, 'proxy_socks')}")
    if n.extra_ca_file and n.extra_ca_file.strip():
        from pluggto_desktop import net  # imported here: settings stays light to load

        problem = net.ca_file_problem(n.extra_ca_file.strip())
        # A file that is not there (yet: a network drive, a profile copied from another machine)
        # is said where it is used — the HTTP clients and the connection doctor refuse to start;
        # one that is there but holds no certificate is refused now.
        if problem is not None and problem != "missing":
            problems.append(f"network.extra_ca_file: {net.ca_file_message(problem, n.extra_ca_file.strip(), lang)}")
    return problems


def is_configured(settings: Settings) -> bool:
    """True when there is enough to run the engine (secrets aside, which live in keyring).

    Plug.to URL + client id + API user, Linx URL/tenant + user, and the channel's website id.
    """
    p, x = settings.pluggto, settings.linx
    texts = (p.api_url, p.client_id, p.username, x.url_or_tenant, x.user)
    return all(t.strip() for t in texts) and settings.channel.website_id is not None


def channel_state(settings: Settings, now: datetime | None = None) -> str:
    """What the channel is, for the user: ``installed``, ``configured``, ``active`` or ``paused``.

    The saved ``channel.state`` is authoritative, with two corrections: a channel that lacks a
    required value can only be *installed*, and a pause whose ``paused_until`` has passed is
    *active* again.
    """
    if not is_configured(settings):
        return "installed"
    state = settings.channel.state
    if state == "paused":
        until = parse_datetime(settings.channel.paused_until)
        current = now or datetime.now(timezone.utc)
        return "active" if until is not None and until <= current else "paused"
    if state == "active":
        return "active"
    return "configured"


# --- Writing --------------------------------------------------------------------------------


def _section_to_dict(section: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for f in fields(section):
        if f.name == _UNKNOWN:
            continue
        value = getattr(section, f.name)
        data[f.name] = list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value
    for key, value in section.unknown_keys.items():
        data.setdefault(key, value)
    return data


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The JSON-ready dict written to the file (unknown keys included, CNPJs normalised)."""
    settings.channel.normalize_cnpjs()
    data: dict[str, Any] = {"schema_version": max(settings.schema_version, SCHEMA_VERSION)}
    for name in SECTIONS:
        data[name] = _section_to_dict(getattr(settings, name))
    for key, value in settings.unknown_keys.items():
        data.setdefault(key, value)
    return data


def save_settings(settings: Settings, path: str | os.PathLike[str], *, lang: str | None = None) -> None:
    """Validate, then write ``settings`` to ``path`` atomically, and the same text to the backup
    (:func:`backup_path`): the last good settings, to come back to if the file gets damaged.

    Raises :class:`SettingsError` (nothing written) when :func:`validate` finds problems.
    The previous file stays intact until the new one is complete on disk.
    """
    path = Path(path)
    problems = validate(settings, lang)
    if problems:
        raise SettingsError(problems=problems, path=path, lang=_pick_lang(lang or settings.ui.language))
    ensure_listener_token(settings)  # a profile gets its listener token when it is first saved (setup)
    text = _settings_text(settings)
    write_text_atomically(path, text)
    _write_backup(path, text)


def _settings_text(settings: Settings) -> str:
    return json.dumps(settings_to_dict(settings), ensure_ascii=False, indent=2) + "\n"


# --- The backup -----------------------------------------------------------------------------


def backup_path(path: str | os.PathLike[str]) -> Path:
    """``settings.json.bak`` next to ``settings.json``: the settings as last saved (or last read
    fine by the app)."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


def _write_backup(path: Path, text: str) -> None:
    try:
        write_text_atomically(backup_path(path), text)
    except OSError as exc:  # the settings themselves are saved: a missing backup is no reason to fail
        log.warning("could not write the settings backup %s: %s", backup_path(path), exc.strerror or exc)


def keep_backup(path: str | os.PathLike[str]) -> None:
    """Copy a settings file that just loaded fine to its backup, when the backup differs (a
    profile older than backups, or a file edited by hand since). The app calls it at start."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
        if backup_path(path).exists() and backup_path(path).read_bytes().decode("utf-8-sig") == text:
            return
    except (OSError, UnicodeDecodeError):
        return
    _write_backup(path, text)


def usable_backup(path: str | os.PathLike[str], *, lang: str | None = None) -> Settings | None:
    """The settings in the backup of ``path``, or None when there is none or it does not load."""
    try:
        return load_settings(backup_path(path), lang=lang) if backup_path(path).is_file() else None
    except ConfigError:
        return None


def restore_backup(path: str | os.PathLike[str], *, lang: str | None = None) -> Path | None:
    """Put the backup back in place of a damaged settings file. The damaged file is kept next to
    it (``settings.json.damaged-<date>``: a hand edit is not lost) and its new name returned
    (None when there was no file). Raises :class:`SettingsError` when the backup is missing or
    does not load itself; then nothing is touched."""
    path = Path(path)
    if usable_backup(path, lang=lang) is None:
        chosen = _pick_lang(lang)
        raise SettingsError(problems=[_msg(chosen, "backup_missing", path=path)], path=path, lang=chosen)
    text = backup_path(path).read_bytes().decode("utf-8-sig")
    aside = None
    if path.exists():
        aside = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
        os.replace(path, aside)
    write_text_atomically(path, text)
    log.warning("settings restored from %s (the damaged file is kept as %s)", backup_path(path), aside)
    return aside


def write_text_atomically(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to a temporary file next to ``path``, flush it to disk, rename it over.

    ``os.replace`` is atomic on the same file system; on Windows it can fail for a moment while
    an antivirus or indexer holds the old file, so that case is retried briefly.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        for attempt in range(5):
            try:
                os.replace(tmp, path)
                break
            except PermissionError:
                if attempt == 4:
                    raise
                time.sleep(0.05 * (attempt + 1))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
