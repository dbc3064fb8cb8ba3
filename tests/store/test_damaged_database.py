"""A queue database that cannot be used is said so — never reported as an empty queue, never a
traceback, never exit 1 ("orders need attention"): corrupt, read-only, locked (issue 11, item 5).

Read-only is a real ``chmod``; when the tests run as root (who ignores file modes) the commands
run without the capability that lets root write anyway, so the file mode really counts.
"""

from __future__ import annotations

import ctypes
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pluggto_desktop.diagnostics import build_bundle
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.profile import Profile
from pluggto_desktop.settings import Settings, save_settings
from pluggto_desktop.status import snapshot
from pluggto_desktop.store.db import CORRUPT, LOCKED, READ_ONLY, DatabaseProblem, connect, problem_kind
from pluggto_desktop.store.jobs import OrderSummary, Store

ROOT = Path(__file__).resolve().parents[2]
POSIX = os.name == "posix"


def filled_profile(root: Path) -> Profile:
    """An active, configured profile (remotes nobody calls) with a queue of 20 orders."""
    profile = Profile(root).ensure()
    settings = Settings()
    settings.pluggto.api_url = "http://127.0.0.1:9"
    settings.pluggto.client_id = "client"
    settings.pluggto.username = "user"
    settings.linx.url_or_tenant = "http://127.0.0.1:9"
    settings.linx.user = "linx"
    settings.channel.website_id = 1
    settings.channel.state = "active"
    settings.engine.listener_enabled = False
    save_settings(settings, profile.settings_path)
    store = Store(profile.database_path)
    for i in range(20):
        job_id = store.record_polled_order(OrderSummary(key=f"{i:024x}", status="approved", modified="m",
                                                        buyer_name="Ana"), {"id": i, "notes": "x" * 2000}).job_id
        store.apply(job_id, state="integrated" if i % 2 else "needs_attention")
    store.close()
    return profile


def corrupt(path: Path, *, keep_header: bool) -> None:
    """Overwrite the file with garbage: all of it, or all but the first page (header intact)."""
    data = bytearray(path.read_bytes())
    start = 4096 if keep_header else 0
    data[start:] = (b"\xde\xad\xbe\xef" * (len(data) // 4 + 1))[: len(data) - start]
    path.write_bytes(bytes(data))


def env_for(profile: Profile) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
            "PLUGGTO_CLIENT_SECRET": "s", "PLUGGTO_PASSWORD": "p", "LINX_PASSWORD": "l"}


def _without_root_override() -> None:  # pragma: no cover - runs in the child before exec
    """Drop CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH from the bounding set: the exec'd command,
    even as root, then obeys file modes like any user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP


def run(profile: Profile, *args: str, lang: str = PT, as_user: bool = False) -> subprocess.CompletedProcess:
    extra = {"preexec_fn": _without_root_override} if as_user and POSIX and os.geteuid() == 0 else {}
    return subprocess.run([sys.executable, "-m", "pluggto_desktop", "--home", str(profile.root), "--lang", lang,
                           *args], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env_for(profile),
                          **extra)


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    return filled_profile(tmp_path / "profile")


@pytest.fixture
def locked(profile: Profile) -> Iterator[sqlite3.Connection]:
    """Another program holding the database with an exclusive lock (readers and writers out)."""
    holder = sqlite3.connect(profile.database_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO cursors (name, value, updated_at) VALUES ('x', 'y', 0)")
    yield holder
    holder.execute("ROLLBACK")
    holder.close()


# -- the store --------------------------------------------------------------------------------------
@pytest.mark.parametrize("keep_header", [False, True])
def test_a_corrupt_file_is_a_database_problem_not_an_empty_queue(profile: Profile, keep_header: bool) -> None:
    corrupt(profile.database_path, keep_header=keep_header)
    with pytest.raises(DatabaseProblem) as info:
        snapshot(profile, Settings())
    assert info.value.kind == CORRUPT
    assert "danificado" in info.value.message(PT) and str(profile.database_path) in info.value.message(PT)
    if not keep_header:
        with pytest.raises(DatabaseProblem, match="corrupt"):
            Store(profile.database_path)


def test_a_locked_file_is_said_within_seconds(profile: Profile, locked) -> None:
    for read_only in (True, False):
        with pytest.raises(DatabaseProblem) as info:
            connect(profile.database_path, read_only=read_only)
        assert info.value.kind == LOCKED and "bloqueado por outro programa" in info.value.message(PT)


def test_errors_are_told_apart_by_what_they_say_about_the_file() -> None:
    assert problem_kind(sqlite3.OperationalError("database or disk is full")) == "disk_full"
    assert problem_kind(sqlite3.OperationalError("attempt to write a readonly database")) == READ_ONLY
    assert problem_kind(sqlite3.DatabaseError("database disk image is malformed")) == CORRUPT
    assert problem_kind(OSError(28, "No space left on device")) == "disk_full"
    assert problem_kind(sqlite3.OperationalError("no such column: x")) is None  # a bug, not the file
    assert problem_kind(ValueError("x")) is None


# -- the command line ------------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("case", ["corrupt", "corrupt pages", "read-only", "locked"])
def test_status_and_sync_say_what_is_wrong_with_the_database_and_exit_2(request, profile: Profile, case: str) -> None:
    words = {"corrupt": ("danificado", "damaged"), "corrupt pages": ("danificado", "damaged"),
             "read-only": ("somente leitura", "read-only"), "locked": ("bloqueado", "locked")}[case]
    if case.startswith("corrupt"):
        corrupt(profile.database_path, keep_header=case == "corrupt pages")
    elif case == "read-only":
        if not POSIX:
            pytest.skip("POSIX permissions")
        profile.database_path.chmod(0o444)
    else:
        request.getfixturevalue("locked")
    before = profile.database_path.read_bytes() if case != "locked" else None
    runs = [(("status",), PT), (("status", "--json"), EN), (("sync", "--once"), PT), (("sync", "--once"), EN)]
    if case == "read-only":  # reading a read-only queue works: status shows the real counts
        runs = runs[2:]
        result = run(profile, "status", "--json", as_user=True)
        assert result.returncode == 0 and json.loads(result.stdout)["jobs"]["orders"]["integrated"] == 10
    for command, lang in runs:
        result = run(profile, *command, lang=lang, as_user=True)
        text = words[0] if lang == PT else words[1]
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert text in result.stderr and str(profile.database_path) in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
    if before is not None:
        assert profile.database_path.read_bytes() == before  # nothing "repaired" behind the user's back


@pytest.mark.slow
def test_diagnose_puts_the_database_problem_in_the_bundle(profile: Profile, tmp_path: Path) -> None:
    corrupt(profile.database_path, keep_header=False)
    out = tmp_path / "diag.zip"
    result = run(profile, "diagnose", "--output", str(out))
    assert result.returncode == 0 and "danificado" in result.stderr
    with zipfile.ZipFile(out) as archive:
        names = {Path(n).name: n for n in archive.namelist()}
        queue = json.loads(archive.read(names["queue.json"]))
        readme = archive.read(names["LEIA-ME.txt"]).decode()
    assert queue["jobs"] is None and "danificado" in queue["database_problem"]  # never zeros
    assert "BANCO DE DADOS DA FILA" in readme and "danificado" in readme


def test_the_bundle_of_a_locked_queue_says_so(profile: Profile, locked) -> None:
    bundle = build_bundle(profile, Settings(), None, lang=EN, vault_round_trip=False)
    queue = json.loads(bundle.file("queue.json").text)
    assert queue["jobs"] is None and "locked by another program" in queue["database_problem"]
    assert bundle.database_problem and "QUEUE DATABASE" in bundle.files[0].text
