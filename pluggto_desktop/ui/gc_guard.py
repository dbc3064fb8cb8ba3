"""Python's cycle collector runs on the GUI thread only.

The app has threads (the store's, qasync's executor, the listener's): left automatic, the cycle
collector runs in whichever thread happens to allocate, and a cycle holding a Qt wrapper is then
destroyed off the GUI thread — Qt objects must die on their own thread, or the app may crash
later, far from the cause. So automatic collection is turned off and a timer collects on the GUI
thread (the same remedy pyqtgraph ships as ``util/garbage_collector.py``).

The timer looks every 10 s (0.1 wake-ups/s: the idle budget is 2/s) and collects only the
generations whose thresholds were passed, as the automatic collector would.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 10_000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self, interval=INTERVAL_MS, timeout=self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the generations past their thresholds; returns the objects found unreachable."""
        counts = gc.get_count()
        found = 0
        for generation in (2, 1, 0):  # the oldest due generation includes the younger ones
            if counts[generation] > self.thresholds[generation]:
                found = gc.collect(generation)
                break
        return found

    def stop(self) -> None:
        """Back to automatic collection (the loop is ending: no GUI thread to wait for)."""
        self.timer.stop()
        gc.collect()
        gc.enable()
