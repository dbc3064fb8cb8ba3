"""The settings' words: every problem a value or the file can have, in pt-BR and English, and
:class:`SettingsError`, the error that carries them.

A problem with a value is one line ``"<section>.<field>: <what is wrong>"``; the part after the
path is one of the :class:`~pluggto_desktop.text.Text` below. A brace the person must read
(``{"nome": "texto"}``) is doubled in the template, as ``str.format`` wants.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pluggto_desktop.errors import ConfigError
from pluggto_desktop.i18n import EN, normalize_language
from pluggto_desktop.text import Text

# --- A value of the wrong type (reading the file) ---------------------------------------------------

BOOL = Text("deve ser verdadeiro ou falso (true/false)", "must be true or false")
INT = Text("deve ser um número inteiro", "must be a whole number")
FLOAT = Text("deve ser um número", "must be a number")
STR = Text("deve ser um texto", "must be text")
LIST_STR = Text("deve ser uma lista de textos", "must be a list of texts")
DICT_STR = Text('deve ser um objeto {{"nome": "texto"}}', 'must be an object {{"name": "text"}}')
DEADLINE_TABLE = Text(
    'deve ser um objeto {{"Marketplace": {{"invoice_hours": 24, "shipping_hours": 48}}}}',
    'must be an object {{"Marketplace": {{"invoice_hours": 24, "shipping_hours": 48}}}}')
OR_NULL = Text("{message} ou null", "{message} or null")
SECTION = Text("deve ser um objeto {{...}}", "must be an object {{...}}")
SCHEMA_VERSION = Text("deve ser um número inteiro a partir de 1", "must be a whole number from 1 up")
SECRET_IN_FILE = Text(
    "senhas e tokens não ficam neste arquivo; apague esta linha e informe a senha no app "
    "(ou na variável de ambiente {env})",
    "passwords and tokens are not kept in this file; delete this line and enter the password "
    "in the app (or in the environment variable {env})")

# --- A value that is not allowed -----------------------------------------------------------------

REQUIRED = Text("obrigatório", "required")
URL = Text("endereço inválido: use http:// ou https:// seguido do servidor",
           "invalid address: use http:// or https:// followed by the server")
POSITIVE = Text("deve ser maior que zero", "must be greater than zero")
NOT_NEGATIVE = Text("não pode ser negativo", "cannot be negative")
RANGE = Text("deve estar entre {low} e {high}", "must be between {low} and {high}")
CHOICE = Text("valor inválido {value!r}; use um de: {choices}", "invalid value {value!r}; use one of: {choices}")
STATUS = Text("status do Plug.to desconhecido {value!r}; use um de: {choices}",
              "unknown Plug.to status {value!r}; use one of: {choices}")
STATUSES_EMPTY = Text("escolha ao menos um status para importar", "choose at least one status to import")
EMPTY_TEXT = Text("não pode ser vazio", "cannot be empty")
DATETIME = Text("data e hora inválidas {value!r}; use o formato ISO, ex.: 2024-07-15T18:00:00-03:00",
                "invalid date and time {value!r}; use the ISO format, e.g. 2024-07-15T18:00:00-03:00")
LISTENER_TOKEN = Text(
    "deve ter ao menos 22 caracteres, só letras, números, - e _ (apague a linha para gerar um novo)",
    "must have at least 22 characters, only letters, digits, - and _ (delete the line to make a new one)")
LISTENER_PUBLIC_URL = Text(
    "endereço inválido: use https:// seguido do servidor (e da porta, se houver), sem caminho, "
    "ex.: https://pedidos.minhaloja.com.br",
    "invalid address: use https:// followed by the server (and port, if any), without a path, "
    "e.g. https://orders.mystore.com")

# the network section
PROXY_URL = Text(
    "endereço de proxy inválido: use http://, https:// ou socks5:// seguido do servidor e da porta",
    "invalid proxy address: use http://, https:// or socks5:// followed by host and port")
PROXY_REQUIRED = Text("obrigatório quando o proxy é manual", "required when the proxy is set manually")
PROXY_PASSWORD = Text(
    "não coloque usuário e senha no endereço do proxy (este arquivo não guarda senhas)",
    "do not put a user and password in the proxy address (this file holds no passwords)")
PROXY_SOCKS = Text(
    "proxy SOCKS não é suportado nesta instalação; use o endereço HTTP do proxy (http://servidor:porta)",
    "SOCKS proxies are not supported by this installation; use the proxy's HTTP address (http://host:port)")
PROXY_EXCLUSION = Text(
    "exceção inválida {value!r}: use um nome (api.plugg.to), *.domínio, um IP ou uma rede (10.0.0.0/8)",
    "invalid exclusion {value!r}: use a host name (api.plugg.to), *.domain, an IP or a network (10.0.0.0/8)")

# the deadline watch
DEADLINE_HOURS = Text("prazo em horas entre 1 e {high}", "a deadline in hours between 1 and {high}")
DEADLINE_ORDER = Text(
    "o prazo de envio ({shipping} h) não pode ser menor que o de faturamento ({invoice} h): "
    "a nota fiscal acompanha a mercadoria",
    "the shipping deadline ({shipping} h) cannot be shorter than the invoice deadline ({invoice} h): "
    "the invoice travels with the goods")
DEADLINE_KEYS = Text("use só invoice_hours e shipping_hours (não {keys})",
                     "use only invoice_hours and shipping_hours (not {keys})")

# CNPJs, by the code of cnpj.describe_problem
CNPJ_PROBLEMS = {
    "empty": Text("CNPJ vazio", "empty CNPJ"),
    "length": Text("CNPJ inválido (deve ter 14 caracteres, ex.: 03.007.331/0001-41)",
                   "invalid CNPJ (must have 14 characters, e.g. 03.007.331/0001-41)"),
    "characters": Text("CNPJ inválido (só letras A-Z e números na raiz, e números nos 2 dígitos finais)",
                       "invalid CNPJ (only letters A-Z and digits in the base, and digits in the last 2)"),
    "repeated": Text("CNPJ inválido (todos os caracteres iguais)", "invalid CNPJ (all characters are the same)"),
    "check_digits": Text("CNPJ inválido (dígito verificador)", "invalid CNPJ (check digit)"),
}

# the tables of names (marketplaces, attributes)
MARKETPLACE_EMPTY = Text("nome do marketplace vazio", "empty marketplace name")
MARKETPLACE_TWICE = Text(
    "\"{other}\" já está na tabela e é o mesmo marketplace; esta linha nunca seria usada",
    "\"{other}\" is already in the table and is the same marketplace; this row would never be used")
NAME_TWICE = Text("aparece mais de uma vez", "appears more than once")

# --- The file as a whole ---------------------------------------------------------------------------

FILE_JSON = Text(
    "O arquivo de configurações {path} não é um JSON válido (linha {line}, coluna {column}): {error}",
    "The settings file {path} is not valid JSON (line {line}, column {column}): {error}")
FILE_ENCODING = Text("O arquivo de configurações {path} não está em UTF-8",
                     "The settings file {path} is not UTF-8 text")
FILE_READ = Text("Não foi possível ler o arquivo de configurações {path}: {error}",
                 "Could not read the settings file {path}: {error}")
FILE_ROOT = Text("O arquivo de configurações {path} deve conter um objeto JSON {{...}}",
                 "The settings file {path} must contain a JSON object {{...}}")
FILE_DEEP = Text(
    "O arquivo de configurações {path} está aninhado demais (mais de {limit} níveis); "
    "não parece um arquivo de configurações do Pluggto Desktop",
    "The settings file {path} is nested too deeply (more than {limit} levels); "
    "it does not look like a Pluggto Desktop settings file")
FILE_NUMBER = Text("O arquivo de configurações {path} tem um número longo demais para ler",
                   "The settings file {path} holds a number too long to read")
BACKUP_MISSING = Text("Não há cópia de segurança utilizável de {path}", "There is no usable backup of {path}")
FILE_INVALID = Text("Configurações inválidas em {path}: {problems}", "Invalid settings in {path}: {problems}")
INVALID = Text("Configurações inválidas: {problems}", "Invalid settings: {problems}")


def problem_line(path: str, message: Text, lang: str, **values: Any) -> str:
    """``"<path>: <message>"``, the shape of every value problem."""
    return f"{path}: {message(lang, **values)}"


def message_language(lang: str | None, data: Any = None) -> str:
    """The language for messages: the caller's, else the file's ``ui.language``, else the system's."""
    if lang:
        return normalize_language(lang)
    ui = data.get("ui") if isinstance(data, dict) else None
    choice = ui.get("language") if isinstance(ui, dict) else None
    return normalize_language(choice if isinstance(choice, str) else None)


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
            return INVALID(self.lang, problems=joined)
        if self.file_level:
            return self.problems[0]  # file-level message that already names the file
        return FILE_INVALID(self.lang, path=self.path, problems=joined)

    @property
    def file_level(self) -> bool:
        """The file as a whole could not be read (its one message names the file)."""
        return self.path is not None and len(self.problems) == 1 and str(self.path) in self.problems[0]

    def heading(self) -> str:
        """The line that introduces :attr:`problems` when they are listed one per line."""
        if self.file_level:
            return self.problems[0]
        return FILE_INVALID(self.lang, path=self.path or "settings.json", problems="").rstrip(": ") + ":"

    @classmethod
    def about_file(cls, path: Path, message: Text, lang: str | None, **values: Any) -> SettingsError:
        """The error for a file that cannot be used as a whole (``message`` names ``{path}``)."""
        chosen = message_language(lang)
        return cls(problems=[message(chosen, path=path, **values)], path=path, lang=chosen)
