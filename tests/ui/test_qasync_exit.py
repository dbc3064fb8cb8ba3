"""PySide6 + qasync must exit cleanly after heavy concurrent socket use on the qasync loop.

Measured on this project: PySide6-Essentials 6.12.0 with qasync 0.28 aborts at interpreter exit
("bool_dealloc/none_dealloc: refcount error") once ~20 sockets were used concurrently on the
qasync loop; 6.11.3 and 6.10.3 exit cleanly. pyproject pins PySide6 < 6.12; this test proves any
upgrade first: it runs the scenario in a fresh interpreter and asserts exit code 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.qt

SCENARIO = textwrap.dedent(
    """
    import asyncio, sys
    from PySide6.QtWidgets import QApplication
    import httpx, qasync
    sys.path.insert(0, ROOT)
    from pluggto_desktop.asgi_server import RunningServer
    from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator

    async def main():
        sim = PluggtoSimulator(seed=1)
        sim.set_faults(latency_ms=20)
        async with RunningServer(sim) as server:
            limits = httpx.Limits(max_connections=40)
            async with httpx.AsyncClient(base_url=server.url, limits=limits) as client:
                answers = await asyncio.gather(*[client.get("/orders/%024x" % i) for i in range(40)])
        assert all(a.status_code == 401 for a in answers), [a.status_code for a in answers]
        print("ok", len(answers), flush=True)

    app = QApplication(sys.argv)
    qasync.run(main())
    """
)


def test_many_concurrent_sockets_on_the_qasync_loop_then_a_clean_exit() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", f"ROOT = {str(ROOT)!r}\n" + SCENARIO],
                            capture_output=True, text=True, timeout=120, env=env)
    assert "ok 40" in result.stdout, result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
