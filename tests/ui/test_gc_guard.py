"""Cycle collection only on the GUI thread (ui/gc_guard.py)."""

from __future__ import annotations

import gc
import weakref

import pytest

pytestmark = pytest.mark.qt


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cycle collector frees it


def test_the_collector_turns_automatic_collection_off_and_collects_due_generations(qapp) -> None:
    from pluggto_desktop.ui.gc_guard import GuiThreadCollector

    gc.enable()
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled() and collector.timer.isActive() and collector.timer.interval() == 10_000
        node = Node()
        ref = weakref.ref(node)
        del node
        gc.collect()  # a clean slate for the counts
        gen0 = gc.get_threshold()[0]
        cycles = [Node() for _ in range(gen0 + 10)]  # past generation 0's threshold
        del cycles
        node = Node()
        ref = weakref.ref(node)
        del node
        assert ref() is not None  # nothing collects by itself any more
        assert collector.collect() > 0 and ref() is None
    finally:
        collector.stop()
    assert gc.isenabled() and not collector.timer.isActive()
