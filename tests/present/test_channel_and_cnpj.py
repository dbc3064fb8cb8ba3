"""present/cnpj.py and present/channel.py: the states and checks the setup screens render."""

from __future__ import annotations

import pytest

from pluggto_desktop.present import channel, cnpj
from pluggto_desktop.present.linx import store_address
from pluggto_desktop.settings import ChannelSettings


@pytest.mark.parametrize(("text", "optional", "state", "mark"), [
    ("03.007.331/0001-41", False, cnpj.VALID, cnpj.OK),
    ("12.abc.345/01de-35", True, cnpj.VALID_ALPHANUMERIC, cnpj.OK),
    ("", True, cnpj.OPTIONAL_EMPTY, cnpj.NEUTRAL),
    ("", False, cnpj.EMPTY, cnpj.BAD),
    ("03.007", True, cnpj.INCOMPLETE, cnpj.BAD),
    ("030073310001411", True, cnpj.TOO_LONG, cnpj.BAD),
    ("03007331000AB1", True, cnpj.CHARACTERS, cnpj.BAD),
    ("11111111111111", True, cnpj.REPEATED, cnpj.BAD),
    ("03007331000142", True, cnpj.CHECK_DIGITS, cnpj.BAD),
])
def test_cnpj_field_state(text: str, optional: bool, state: str, mark: str) -> None:
    found = cnpj.field_state(text, optional=optional)
    assert (found.state, found.mark) == (state, mark)
    assert found.valid == (state in (cnpj.VALID, cnpj.VALID_ALPHANUMERIC))
    assert found.acceptable == (found.valid or state == cnpj.OPTIONAL_EMPTY)
    assert found.length == len(cnpj.normalize(text))


def test_status_choices_keep_a_saved_status_plug_to_is_not_known_to_send() -> None:
    choices = channel.status_choices(["approved", "in_transit"])
    assert choices[:len(channel.KNOWN_STATUSES)] == list(channel.KNOWN_STATUSES)
    assert choices[len(channel.KNOWN_STATUSES):] == ["in_transit"]


def test_channel_warnings() -> None:
    c = ChannelSettings()
    c.fallback_cnpj, c.integrate_without_intermediary, c.order_queue_id = None, False, None
    assert channel.channel_warnings(c) == [channel.NO_FALLBACK_CNPJ, channel.NO_ORDER_QUEUE]
    c.integrate_without_intermediary, c.order_queue_id = True, 7
    assert channel.channel_warnings(c) == [channel.WITHOUT_INTERMEDIARY]
    c.integrate_without_intermediary, c.fallback_cnpj = False, "03007331000141"
    assert channel.channel_warnings(c) == []


def test_store_address() -> None:
    assert store_address(" minhaloja ", False) == "https://minhaloja.layer.core.dcg.com.br"
    assert store_address("http://127.0.0.1:8080/", True) == "http://127.0.0.1:8080"
    assert store_address("", False) is None
    assert store_address("not a store!", False) is None


@pytest.mark.parametrize(("state", "running", "expected"), [
    ("active", False, True), ("paused", False, True), ("active", True, False), ("paused", True, False),
    ("configured", False, False), ("installed", False, False),
])
def test_sync_did_not_start(state: str, running: bool, expected: bool) -> None:
    assert channel.sync_did_not_start(state, running) is expected
