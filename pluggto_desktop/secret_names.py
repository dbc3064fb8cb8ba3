"""The names of the secrets the app keeps, and what each is called for people.

Apart from :mod:`pluggto_desktop.secrets` (the password vault) so that the settings can say
which fields are secrets without loading the vault library (``keyring`` takes a tenth of a
second to import).
"""

from __future__ import annotations

from pluggto_desktop.text import Text

PLUGGTO_CLIENT_SECRET = "PLUGGTO_CLIENT_SECRET"
PLUGGTO_PASSWORD = "PLUGGTO_PASSWORD"
LINX_PASSWORD = "LINX_PASSWORD"
PLUGGTO_REFRESH_TOKEN = "PLUGGTO_REFRESH_TOKEN"

#: Every secret the app keeps.
SECRET_NAMES = (PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, LINX_PASSWORD, PLUGGTO_REFRESH_TOKEN)
#: Secrets that may come from environment variables of the same name (``setup``, scripted runs).
ENV_SECRET_NAMES = (PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, LINX_PASSWORD)

#: What each secret is called for the user, in messages of the core and the CLI.
LABELS = {
    PLUGGTO_CLIENT_SECRET: Text("Client Secret do Plug.to", "Plug.to Client Secret"),
    PLUGGTO_PASSWORD: Text("senha da API do Plug.to", "Plug.to API password"),
    LINX_PASSWORD: Text("senha da Linx", "Linx password"),
    PLUGGTO_REFRESH_TOKEN: Text("Token de acesso do Plug.to", "Plug.to access token"),
}

__all__ = [
    "ENV_SECRET_NAMES",
    "LABELS",
    "LINX_PASSWORD",
    "PLUGGTO_CLIENT_SECRET",
    "PLUGGTO_PASSWORD",
    "PLUGGTO_REFRESH_TOKEN",
    "SECRET_NAMES",
]
