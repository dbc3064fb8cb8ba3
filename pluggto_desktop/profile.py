"""Where a profile's files live.

A *profile* is one folder holding everything the app writes for one store: the settings file, the
queue database, the logs and a cache. Secrets are not files of the profile: they live in the
operating system's password vault (see ``secrets.py``), namespaced by :attr:`Profile.profile_id` so
two profiles never share them.

Which folder, first match wins (interfaces.md, "Command line"):

1. ``--home DIR`` given on the command line;
2. the environment variable ``PLUGGTO_DESKTOP_HOME`` (the same thing for scripted installs);
3. the platform's standard data folder (platformdirs), e.g.
   ``%LOCALAPPDATA%\\pluggto-desktop`` on Windows or
   ``~/Library/Application Support/pluggto-desktop`` on macOS.

``--demo`` without a home uses a separate ``demo`` folder inside the standard one, so trying the
demo never touches the real store's settings or queue. With a home (option or environment variable)
the home wins, because "every file of the profile lives under DIR" is a promise to the user.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from pluggto_desktop import APP_NAME

#: Environment variable that plays the role of ``--home``.
HOME_ENV = "PLUGGTO_DESKTOP_HOME"

#: Name of the demo profile's folder inside the standard data folder.
DEMO_FOLDER = "demo"


@dataclass(frozen=True)
class Profile:
    """The folder of one profile and the fixed names of the files inside it.

    Nothing is created on construction; call :meth:`ensure` before writing.
    """

    root: Path
    demo: bool = False

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.json"

    @property
    def database_path(self) -> Path:
        return self.root / "pluggto.db"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    @property
    def profile_id(self) -> str:
        """A short, stable id of this profile: the first 12 hex digits of a hash of its folder.

        Used to namespace keyring entries (``"<profile_id>:LINX_PASSWORD"``). The same folder
        always gives the same id; two folders give different ids. On Windows the path is
        compared case-insensitively, as the file system does.
        """
        text = os.path.normcase(str(self.root))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    def ensure(self) -> Profile:
        """Create the profile's folders if they are missing; returns ``self`` for chaining.

        The root is created readable by the current user only (on systems where that means
        anything), because the database holds buyers' personal data.
        """
        if not self.root.exists():
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        for folder in (self.logs_dir, self.cache_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    def __str__(self) -> str:
        return str(self.root)


def resolve_profile(home: str | os.PathLike[str] | None = None, *, demo: bool = False) -> Profile:
    """Find the profile folder: ``home`` > ``$PLUGGTO_DESKTOP_HOME`` > the platform's folder.

    ``demo`` only changes the answer when no home was given at all: the demo then gets its own
    folder (``<standard folder>/demo``). The returned path is absolute and resolved, so the
    :attr:`Profile.profile_id` does not depend on the current directory.
    """
    chosen = home if home not in (None, "") else os.environ.get(HOME_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser()
    else:
        root = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        if demo:
            root = root / DEMO_FOLDER
    return Profile(root=root.resolve(), demo=demo)
