"""A damaged or hand-edited settings file: always a clear ConfigError (or the settings), never a
crash; and a backup of the last good file to come back to."""

from __future__ import annotations

import copy
import json
import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pluggto_desktop.errors import ConfigError
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.settings import (
    SECTIONS,
    Settings,
    SettingsError,
    backup_path,
    load_settings,
    restore_backup,
    save_settings,
    settings_to_dict,
    usable_backup,
    validate,
)


def load_text(tmp_path: Path, text: str | bytes, lang: str = EN) -> Settings:
    path = tmp_path / "settings.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_settings(path, lang=lang)


# -- the reported crashes --------------------------------------------------------------------------
@pytest.mark.parametrize("lang, words", [(PT, 'deve ser um objeto {"nome": "texto"}'),
                                         (EN, 'must be an object {"name": "text"}')])
def test_a_number_in_the_marketplace_table_is_a_message_not_a_crash(tmp_path, lang, words) -> None:
    with pytest.raises(SettingsError) as info:
        load_text(tmp_path, json.dumps({"channel": {"marketplace_cnpjs": {"Amazon": 15436940000103}}}), lang)
    assert info.value.problems == [f"channel.marketplace_cnpjs: {words}"]


def test_user_text_with_braces_is_quoted_as_typed(tmp_path) -> None:
    with pytest.raises(SettingsError) as info:
        load_text(tmp_path, json.dumps({"channel": {"state": "{x} {0} {", "price_field": "}{"},
                                        "ui": {"muted_until": "{amanhã}"}}), PT)
    assert "channel.state: valor inválido '{x} {0} {'" in str(info.value)
    assert "channel.price_field: valor inválido '}{'" in str(info.value)
    assert "ui.muted_until: data e hora inválidas '{amanhã}'" in str(info.value)


def test_a_deeply_nested_file_is_a_message_not_a_recursion_error(tmp_path) -> None:
    deep = '{"a": ' * 100_000 + "1" + "}" * 100_000
    with pytest.raises(SettingsError) as info:
        load_text(tmp_path, deep, PT)
    assert "aninhado" in str(info.value) and "settings.json" in str(info.value)
    # deep enough to break a copy or a save later, though the parser copes: refused too
    with pytest.raises(SettingsError, match="nested too deeply"):
        load_text(tmp_path, json.dumps({"extra": json.loads("[" * 200 + "]" * 200)}), EN)


@pytest.mark.parametrize("content, words", [
    (b"", "not valid JSON"),
    (b"\x00\x01\x02", "not valid JSON"),
    (b"\xff\xfe{\x00}\x00", "not UTF-8"),
    (b'{"a": 1' + b"0" * 5000 + b"}", "number"),
    (b"null", "JSON object"),
    (b'"text"', "JSON object"),
    (b'{"ui": {"language": "en"}} trailing', "not valid JSON"),
])
def test_every_broken_file_names_the_file(tmp_path, content, words) -> None:
    with pytest.raises(SettingsError) as info:
        load_text(tmp_path, content)
    assert words in str(info.value) and str(tmp_path / "settings.json") in str(info.value)


def test_a_byte_order_mark_is_what_notepad_writes_and_is_read(tmp_path) -> None:
    settings = load_text(tmp_path, "\ufeff" + json.dumps({"linx": {"user": "integração"}}))
    assert settings.linx.user == "integração"


def test_a_lone_surrogate_in_the_file_is_read_and_saved_again(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"linx": {"user": "ana\\ud83d"}}', encoding="utf-8")
    settings = load_settings(path)
    save_settings(settings, path)  # a lone surrogate cannot be written as UTF-8: it was replaced
    assert load_settings(path).linx.user == "ana\ufffd"


# -- anything at all ----------------------------------------------------------------------------------
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FIELD_NAMES = sorted({f for cls in SECTIONS.values() for f in cls.__dataclass_fields__} - {"unknown_keys"})
SECTION = st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), JSON, max_size=6)
FILE = st.dictionaries(st.sampled_from([*SECTIONS, "schema_version"]) | st.text(max_size=8),
                       SECTION | JSON, max_size=7)


def _survives(path: Path, text: str | bytes, lang: str) -> None:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        settings = load_settings(path, lang=lang)
    except ConfigError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        str(exc)
        return
    # what the app then does with settings it loaded must not crash either
    settings.channel_state  # noqa: B018
    validate(settings, lang)
    copy.deepcopy(settings)
    json.dumps(settings_to_dict(settings), ensure_ascii=False).encode("utf-8")
    try:
        save_settings(settings, path.with_name("saved.json"), lang=lang)
    except ConfigError:
        pass


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FILE, lang=st.sampled_from([PT, EN]))
def test_any_json_gives_settings_or_a_config_error(tmp_path, data, lang) -> None:
    _survives(tmp_path / "settings.json", json.dumps(data), lang)


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=64) | st.text(max_size=64), lang=st.sampled_from([PT, EN]))
def test_any_bytes_give_settings_or_a_config_error(tmp_path, raw, lang) -> None:
    _survives(tmp_path / "settings.json", raw, lang)


# -- the last good copy ------------------------------------------------------------------------------
def test_each_save_keeps_a_backup_and_a_broken_file_can_be_restored_from_it(tmp_path) -> None:
    path = tmp_path / "settings.json"
    good = Settings()
    good.linx.user = "integracao"
    save_settings(good, path)
    assert backup_path(path).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    path.write_text('{"linx": {"user": "integracao",,}', encoding="utf-8")  # a hand edit gone wrong
    with pytest.raises(SettingsError):
        load_settings(path)
    damaged = restore_backup(path)
    assert load_settings(path).linx.user == "integracao"
    assert damaged is not None and damaged.read_text(encoding="utf-8") == '{"linx": {"user": "integracao",,}'


def test_a_backup_that_is_itself_broken_is_not_offered(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{", encoding="utf-8")
    assert usable_backup(path) is None  # no backup at all
    backup_path(path).write_text("[]", encoding="utf-8")
    assert usable_backup(path) is None  # a backup that would not load either
    with pytest.raises(SettingsError, match="no usable backup"):
        restore_backup(path, lang=EN)
    assert path.read_text(encoding="utf-8") == "{"  # nothing was touched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json", "settings.json.bak"]


@pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX permissions")
def test_settings_and_backup_are_private(tmp_path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(), path)
    for written in (path, backup_path(path)):
        assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
