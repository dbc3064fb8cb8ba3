"""Qt tests run offscreen on one qasync loop; the core is wired to in-process simulators.

* ``qloop`` — the session's qasync loop (pytest-qt has no qasync support, so we bring our own,
  as qasync's own test suite does);
* ``arun(coro)`` — run a coroutine on it (the Qt event loop spins meanwhile, so widgets update);
* ``until(condition)`` — await, on that loop, until ``condition()`` is true (or fail after a timeout);
* ``sims`` — a Plug.to and a Linx simulator, in-process;
* ``service`` / ``controller`` — an active, configured profile talking to those simulators.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync

from pluggto_desktop.i18n import PT
from pluggto_desktop.profile import Profile
from pluggto_desktop.service import AppService, Transports
from pluggto_desktop.simulator.linx_sim import LinxSimulator
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator
from tests.support.settings import (  # noqa: F401 - used by the tests
    LINX_URL,
    PLUGGTO_URL,
    configured_settings,
    demo_secrets,
)


class TestQEventLoop(qasync.QEventLoop):
    """A qasync loop whose callbacks always see themselves as running on it.

    After ``run_until_complete`` returns, qasync processes Qt events once more with no asyncio
    loop set, and pytest-qt processes events between test phases: a running engine's timers then
    fire outside the loop ("no running event loop"). In the app the loop runs for its whole
    life, so every callback sees a running loop; this restores that for tests. (qasync routes
    call_soon/call_at and socket readiness through call_later.)
    """

    def call_later(self, delay, callback, *args, context=None):
        def as_if_running(*inner):
            if asyncio.events._get_running_loop() is not None:
                return callback(*inner)
            asyncio.events._set_running_loop(self)
            try:
                return callback(*inner)
            finally:
                asyncio.events._set_running_loop(None)

        return super().call_later(delay, as_if_running, *args, context=context)


@pytest.fixture(scope="session")
def qloop(qapp) -> Iterator[qasync.QEventLoop]:
    loop = TestQEventLoop(qapp)
    yield loop
    loop.close()


@pytest.fixture
def arun(qloop) -> Callable[[Coroutine[Any, Any, Any]], Any]:
    asyncio.set_event_loop(qloop)

    def run(coro: Coroutine[Any, Any, Any], timeout: float = 30.0) -> Any:
        return qloop.run_until_complete(asyncio.wait_for(coro, timeout))

    return run


async def until(condition: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


class Sims:
    def __init__(self) -> None:
        self.pluggto = PluggtoSimulator(seed=2)
        self.linx = LinxSimulator(seed=2)

    def transports(self) -> Transports:
        return Transports(pluggto=self.pluggto.transport(), linx=self.linx.transport())


@pytest.fixture
def sims() -> Sims:
    return Sims()


@pytest.fixture
def service(tmp_path: Path, sims: Sims, arun) -> Iterator[AppService]:
    profile = Profile(tmp_path / "profile").ensure()
    svc = AppService(profile, demo_secrets(profile), lang=PT, settings=configured_settings(),
                     transports=sims.transports())
    arun(svc.open())
    yield svc
    arun(svc.close())


@pytest.fixture
def controller(service: AppService, qapp):
    from pluggto_desktop.ui.controller import Controller

    ctl = Controller(service)
    yield ctl
    ctl.close()


@pytest.fixture
def portuguese(qapp):
    """The UI in pt-BR (Qt's translator installed) for the test, English again after it."""
    from pluggto_desktop.i18n import EN
    from pluggto_desktop.ui.i18n import install_language

    install_language(PT)
    yield
    install_language(EN)


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread():
    """As in the app (ui/gc_guard.py): no automatic cycle collection during a Qt test, where the
    store's and qasync's threads could otherwise destroy a Qt object off the GUI thread; cycles
    are collected here, on the GUI thread, between tests."""
    import gc

    gc.collect()
    gc.disable()
    yield
    gc.collect()
    gc.enable()
