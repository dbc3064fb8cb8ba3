"""What the app does while nobody looks: no timer runs for a hidden page or an idle tray, and
the Painel's clock ticks only when a text it shows changes (bench/idle.py measures the rest)."""

from __future__ import annotations

import time
from dataclasses import replace

from pluggto_desktop.ui.dashboard import DashboardPage, ago, next_change
from pluggto_desktop.ui.tray import Tray


def refreshes_in_a_minute_after_a_poll(step: float = 0.0) -> int:
    """Follow :func:`next_change` through the minute after a poll (a fake clock, nothing timed)."""
    polled, now, refreshes = 1_000.0, 1_000.0 + step, 0
    while now < polled + 60:
        now += next_change(polled, now)
        refreshes += 1
    return refreshes


def test_the_time_since_the_last_poll_changes_a_few_times_a_minute_not_every_second() -> None:
    assert [ago(1_000.0, 1_000.0 + s) for s in (0, 3, 9.9, 10, 19.5, 20, 59, 60, 61, 119, 120)] == [
        "0 s ago", "3 s ago", "9 s ago", "10 s ago", "10 s ago", "20 s ago", "50 s ago", "1 min ago", "1 min ago",
        "1 min ago", "2 min ago"]
    assert refreshes_in_a_minute_after_a_poll() == 15  # 1 … 9 s, 10 … 50 s, 1 min (was 60)
    for now in (1_000.0, 1_004.2, 1_013.0, 1_075.0, 1_000.0 - 3.5):  # each lands on a change
        wait = next_change(1_000.0, now)
        assert ago(1_000.0, now + wait) != ago(1_000.0, now)
        assert ago(1_000.0, now + wait - 0.01) == ago(1_000.0, now)
    assert next_change(1_000.0, 1_000.0 + 7200) is None and next_change(None, 1_000.0) is None


def test_the_dashboard_clock_runs_only_while_shown_and_waits_for_the_next_change(controller, qtbot) -> None:
    service = controller.service
    service.engine.status = replace(service.engine.status, state="running", last_poll_at=time.time() - 13.0,
                                    last_notification_at=None)
    page = DashboardPage(controller)
    qtbot.addWidget(page)
    assert not page._clock.isActive() and not page._chart_timer.isActive()  # never shown: nothing runs
    page.show()
    qtbot.waitExposed(page)
    assert page._clock.isActive() and page._clock.isSingleShot()
    assert 6_000 <= page._clock.remainingTime() <= 7_100  # "10 s ago" until 20 s: one refresh in ~7 s
    assert page._chart_timer.isActive()
    service.engine.status = replace(service.engine.status, state="offline", retry_at=time.time() + 30)
    page.refresh_state()
    assert page._clock.remainingTime() <= 1_100  # the countdown to the next try: every second
    page.hide()
    assert not page._clock.isActive() and not page._chart_timer.isActive()
    page.refresh_state()  # an engine event while hidden does not start it again
    assert not page._clock.isActive()


def test_the_tray_ticks_only_while_offline_or_muted_for_a_while(controller, qtbot) -> None:
    service = controller.service
    tray = Tray(controller)
    assert service.engine.status.state == "running"
    assert not tray._tick.isActive()  # running: the engine's events are enough
    service.engine.status = replace(service.engine.status, state="offline", retry_at=time.time() + 30)
    tray.refresh()
    assert tray._tick.isActive()  # the countdown and the delayed "no connection" notice
    service.engine.status = replace(service.engine.status, state="running", retry_at=None)
    tray.refresh()
    assert not tray._tick.isActive()
    tray._mute(3600)
    assert tray._tick.isActive() and tray._tick.remainingTime() > 3_500_000  # once, when the hour ends
    tray._mute(None)  # until turned back on: nothing to wait for
    assert not tray._tick.isActive()
    tray.icon.hide()
    tray.deleteLater()


def test_a_queue_page_never_shown_reads_nothing_on_live_changes_until_shown(controller, arun, qapp) -> None:
    """The app builds Pedidos and Produtos at start-up, hidden: engine events must not make
    them query the store until someone looks (then the changes seen meanwhile apply)."""
    import asyncio

    from pluggto_desktop.ui.queue.page import QueuePage

    from .conftest import until

    page = QueuePage(controller, "order")
    page.resize(1200, 800)
    model = page.model

    async def scenario() -> None:
        await until(lambda: model.total is not None and not model.loading, what="the first page")
        await controller.store.upsert_job("order", "e" * 24, state="needs_attention", buyer_name="Cliente Novo")
        controller.counts_changed.emit({"order": await controller.store.counts("order")})
        assert not model._timer.isActive()  # hidden: no refresh armed
        await asyncio.sleep(0.05)
        assert model.row_of((await controller.store.find("order", "e" * 24)).id) == -1
        page.show()
        await until(lambda: model.job(0) is not None and model.job(0).key == "e" * 24, what="the change applied")

    quit_on_close = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    try:
        arun(scenario())
    finally:
        page.close()
        page.deleteLater()
        arun(controller.tasks.wait_idle())
        qapp.setQuitOnLastWindowClosed(quit_on_close)
