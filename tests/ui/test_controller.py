"""The controller forwards engine events as Qt signals and runs actions in the background."""

from __future__ import annotations

import pytest

from pluggto_desktop.simulator.orders_gen import generate_order

pytestmark = pytest.mark.qt


def test_engine_events_arrive_as_signals_and_actions_reach_the_engine(controller, sims, arun, qtbot) -> None:
    seen: list[str] = []
    controller.job_changed.connect(lambda p: seen.append(p["state"]))
    order = sims.pluggto.add_order(generate_order(seed=1, status="approved", skus=["CAM-AZUL-M"]), touch=True)
    controller.service.sync_now()

    async def until_integrated() -> None:
        import asyncio
        while "integrated" not in seen:
            await asyncio.sleep(0.05)

    arun(until_integrated())
    job = arun(controller.store.find("order", order["id"]))
    assert job.state == "integrated"


def test_a_failing_background_action_is_reported(controller, arun, qtbot) -> None:
    async def broken() -> None:
        raise RuntimeError("disco cheio")

    with qtbot.waitSignal(controller.failed, timeout=5000) as signal:
        controller.run(broken(), what="salvar")
        arun(controller.tasks.wait_idle())
    what, message, technical = signal.args
    assert what == "salvar" and technical == "RuntimeError: disco cheio"
    assert message.startswith("Algo inesperado aconteceu.")  # the service is in pt-BR: words, not the exception


def test_a_failure_is_explained_in_words_with_the_system_text_for_support(controller, arun, qtbot) -> None:
    """Issue 12, item 5: an exception's own text is never the headline of what a person reads."""
    import errno

    from pluggto_desktop.ui.main_window import MainWindow

    window = MainWindow(controller)
    qtbot.addWidget(window)

    async def full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with qtbot.waitSignal(controller.failed, timeout=5000):
        controller.run(full(), what="exportar o CSV")
        arun(controller.tasks.wait_idle())
    box = window._failure_box
    assert box.informativeText() == "O disco está cheio. Libere espaço e tente de novo."
    assert "No space left on device" in box.detailedText() and "No space" not in box.informativeText()
    box.close()


def test_pause_survives_a_restart(controller, arun) -> None:
    from pluggto_desktop.settings import load_settings

    service = controller.service

    async def scenario() -> None:  # slots run inside the loop, so the test does too
        service.pause(30)
        assert service.engine.status.state == "paused"
        assert service.settings.channel.state == "paused" and service.settings.channel.paused_until
        assert load_settings(service.profile.settings_path).channel.state == "paused"
        await service.start_engine()  # as after an app restart
        assert service.engine.status.state == "paused" and service.engine.status.paused_until
        service.resume()
        assert service.engine.status.state == "running"
        assert load_settings(service.profile.settings_path).channel.state == "active"

    arun(scenario())


def test_nothing_new_starts_once_quitting_began(controller, arun, qtbot) -> None:
    """At quit the service closes while Qt timers may still fire (a queue's live refresh): their
    work must not start against a store that is going away (it used to log a Traceback)."""
    ran: list[str] = []

    async def touch_the_store() -> None:
        ran.append("ran")
        await controller.store.counts("order")

    arun(controller.tasks.cancel_all())
    task = controller.run(touch_the_store(), what="queue: live refresh")
    with qtbot.assertNotEmitted(controller.failed):
        arun(controller.tasks.wait_idle())
    assert task.cancelled() and ran == []
