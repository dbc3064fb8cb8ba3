"""Where a profile's files live: --home > $PLUGGTO_DESKTOP_HOME > platformdirs; demo separate."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import platformdirs
import pytest

from pluggto_desktop.profile import DEMO_FOLDER, HOME_ENV, Profile, resolve_profile


def standard_root() -> Path:
    return Path(platformdirs.user_data_dir("pluggto-desktop", appauthor=False)).resolve()


def test_file_layout_lives_under_the_root(tmp_path):
    profile = Profile(tmp_path)
    assert profile.settings_path == tmp_path / "settings.json"
    assert profile.database_path == tmp_path / "pluggto.db"
    assert profile.logs_dir == tmp_path / "logs"
    assert profile.cache_dir.parent == tmp_path


def test_ensure_creates_the_folders(tmp_path):
    profile = Profile(tmp_path / "new" / "profile")
    assert profile.ensure() is profile
    assert profile.root.is_dir() and profile.logs_dir.is_dir() and profile.cache_dir.is_dir()
    profile.ensure()  # a second call is harmless


def test_explicit_home_wins_over_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "from-env"))
    profile = resolve_profile(str(tmp_path / "from-option"))
    assert profile.root == (tmp_path / "from-option").resolve()


def test_environment_wins_over_platform_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "from-env"))
    assert resolve_profile().root == (tmp_path / "from-env").resolve()


def test_platform_folder_is_the_default():
    profile = resolve_profile()
    assert profile.root == standard_root()
    assert profile.logs_dir == standard_root() / "logs"  # logs under the same root
    assert not profile.demo


def test_relative_home_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    profile = resolve_profile("relative-profile")
    assert profile.root == (tmp_path / "relative-profile").resolve()
    assert profile.root.is_absolute()


def test_demo_without_home_gets_its_own_folder():
    demo = resolve_profile(demo=True)
    assert demo.demo
    assert demo.root == standard_root() / DEMO_FOLDER
    assert demo.root != resolve_profile().root
    assert demo.profile_id != resolve_profile().profile_id


def test_demo_with_home_uses_the_home(tmp_path, monkeypatch):
    assert resolve_profile(str(tmp_path), demo=True).root == tmp_path.resolve()
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "env"))
    assert resolve_profile(demo=True).root == (tmp_path / "env").resolve()


def test_profile_id_is_short_stable_and_distinct(tmp_path):
    a1 = resolve_profile(str(tmp_path / "a"))
    a2 = resolve_profile(str(tmp_path / "b" / ".." / "a"))
    b = resolve_profile(str(tmp_path / "b"))
    assert a1.profile_id == a2.profile_id
    assert a1.profile_id != b.profile_id
    assert len(a1.profile_id) == 12 and int(a1.profile_id, 16) >= 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_existing_home_and_its_files_become_private(tmp_path, restore_logging):
    from pluggto_desktop.logs import ActivityLog, log_file_path, setup_logging

    old_umask = os.umask(0o022)
    try:
        home = tmp_path / "loja"
        (home / "logs").mkdir(parents=True, mode=0o755)
        home.chmod(0o755)
        old_log = home / "logs" / "pluggto-desktop.log.1"
        old_log.write_text("rotated by an older version\n", encoding="utf-8")
        old_log.chmod(0o644)
        profile = Profile(home).ensure()
        for folder in (profile.root, profile.logs_dir, profile.cache_dir):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        setup_logging(profile)
        logging.getLogger("pluggto_desktop.test").warning("hello")
        ActivityLog.for_profile(profile).add("test", "olá", "hello")
        files = [log_file_path(profile), old_log, *profile.logs_dir.glob("activity*")]
        assert len(files) >= 3
        for file in files:
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    finally:
        os.umask(old_umask)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_shared_folder_named_as_home_is_left_open(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    Profile(shared).ensure()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "logs").stat().st_mode) == 0o700
