"""Where a profile's files live.

A *profile* is one folder holding everything the app writes for one store: the settings file, the
queue database, the logs and a cache. Secrets are not files of the profile: they live in the
operating system's password vault (see ``secrets.py``), namespaced by :attr:`Profile.profile_id` so
two profiles never share them.

Which folder, first match wins (docs/interfaces.md, "Command line"):

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
import stat
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

        The folders are made readable by the current user only (:func:`make_private`), also
        when ``--home`` names a folder that already existed, because the database and the logs
        hold buyers' personal data.
        """
        self.root.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        make_private(self.root)
        for folder in (self.logs_dir, self.cache_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
            make_private(folder)
        return self

    def __str__(self) -> str:
        return str(self.root)


#: Modes of the profile's folders and of the files holding personal data (POSIX).
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def make_private(path: str | os.PathLike[str]) -> None:
    """Let only the current user read ``path``: 0700 for a folder, 0600 for a file (POSIX; on
    Windows the folders under the user's profile already are the user's).

    Best effort: a file that is not ours or a file system without modes is left as it is. A
    shared folder — one with the sticky bit such as ``/tmp``, the user's home, the root — is
    never narrowed, even if ``--home`` names it: the profile's own files still are.
    """
    if os.name != "posix":
        return
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            if info.st_mode & stat.S_ISVTX or path.resolve() in (Path.home().resolve(), Path("/")):
                return
            wanted = PRIVATE_DIR
        else:
            wanted = PRIVATE_FILE
        if stat.S_IMODE(info.st_mode) != wanted:
            os.chmod(path, wanted)
    except OSError:
        pass


def create_private_file(path: str | os.PathLike[str]) -> None:
    """Make sure ``path`` exists and only the current user can read it, before anything writes
    to it (a file created by ``open`` would get the umask's 0644 for a moment, or for good)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
    except OSError:
        return  # whoever writes it next reports the problem in their own words
    os.close(fd)
    make_private(path)


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
