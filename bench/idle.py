"""What the app costs while there is nothing to do: CPU and wake-ups per second, idle.

    uv run python bench/idle.py [--seconds 60] [--orders 20] [--no-listener]

People keep the app running all day on a laptop, so its idle cost is battery. Three processes
run side by side in the same minute, each on a profile of its own pointing at the same Plug.to
and Linx simulators (their own processes, on loopback, bench/engine.py):

* ``sync``   — ``pluggto-desktop sync`` (headless);
* ``tray``   — the desktop app with its window hidden in the tray (``--minimized``);
* ``window`` — the desktop app with its main window shown (the Painel, as it opens).

The apps run offscreen (``QT_QPA_PLATFORM=offscreen``). The offscreen platform has no system
tray, so the app processes here are started through this file (``--app``), which tells the app
a tray exists; everything else is the app's own start-up (``ui.app.run_app``). The profiles use
the default settings a merchant gets — poll every 60 s, the notification listener on (a free
loopback port) unless ``--no-listener``.

First the simulators get ``--orders`` orders and every process syncs them; once each queue has
settled (nothing queued, processing or waiting for a retry, a poll and the first catalogue
reconcile done) and ``--grace`` seconds passed, the measurement window opens for ``--seconds``
seconds. For each process:

* CPU% — user + system CPU time over the window / wall time (all threads);
* wake-ups/s — voluntary context switches of all its threads over the window, summed from
  ``/proc/<pid>/task/*/status``: every time a thread blocks (sleeps, waits for I/O or a lock)
  and is woken again counts one; being preempted by another process (involuntary switches,
  which depend on the machine's load) does not. Threads that end inside the window are not
  counted. Linux only.

Targets: tray ≤ 0.1% CPU and ≤ 2 wake-ups/s; window shown ≤ 0.3% CPU. The busiest threads of
each process are listed (thread names as the OS knows them) so a regression shows where.
Machines here are noisy: the three columns are measured in the same minute, compare them.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGETS = {"tray": (0.1, 2.0), "window": (0.3, None)}  # (CPU %, wake-ups/s); None: no target
KINDS = ("sync", "tray", "window")


# -- the app, started as this bench's child (the tray that offscreen lacks) ------------------------
def run_app_worker(home: str, hidden: bool) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pluggto_desktop.ui import app as app_module

    app_module.Tray.available = staticmethod(lambda: True)  # offscreen has no tray; pretend one
    return app_module.run_app(home=home, minimized=hidden)


# -- profiles ----------------------------------------------------------------------------------------
def write_profile(home: Path, pluggto_url: str, linx_url: str, *, listener: bool) -> None:
    from pluggto_desktop.demo import free_port
    from pluggto_desktop.profile import Profile
    from pluggto_desktop.settings import Settings, save_settings
    from pluggto_desktop.simulator import linx_sim, pluggto_sim

    settings = Settings()
    settings.pluggto.api_url, settings.pluggto.client_id = pluggto_url, pluggto_sim.DEMO_CLIENT_ID
    settings.pluggto.username = pluggto_sim.DEMO_USERNAME
    settings.linx.url_or_tenant, settings.linx.user = linx_url, linx_sim.DEMO_USER
    settings.channel.website_id, settings.channel.fallback_cnpj = 1, "12ABC34501DE35"
    settings.channel.state = "active"
    settings.engine.listener_enabled = listener
    settings.engine.listener_port = free_port()
    profile = Profile(home).ensure()
    save_settings(settings, profile.settings_path)


def child_env() -> dict[str, str]:
    from pluggto_desktop.simulator import linx_sim, pluggto_sim

    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",  # secrets from the environment
        "PLUGGTO_CLIENT_SECRET": pluggto_sim.DEMO_CLIENT_SECRET,
        "PLUGGTO_PASSWORD": pluggto_sim.DEMO_PASSWORD,
        "LINX_PASSWORD": linx_sim.DEMO_PASSWORD,
    }


def settled(home: Path) -> bool:
    """Nothing left to do in the profile's queue (orders and products), Plug.to was polled and
    the catalogue reconciled once."""
    db = home / "pluggto.db"
    if not db.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            busy = conn.execute("SELECT COALESCE(SUM(n), 0) FROM job_counts WHERE state IN "
                                "('queued', 'processing', 'retry_wait')").fetchone()[0]
            integrated = conn.execute("SELECT COALESCE(SUM(n), 0) FROM job_counts WHERE kind = 'order' "
                                      "AND state = 'integrated'").fetchone()[0]
            cursors = {name for (name,) in conn.execute("SELECT name FROM cursors")}
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    # polled, and the catalogue published (the first reconcile runs a few seconds after start)
    return busy == 0 and integrated > 0 and {"orders.last_poll_at", "products.last_reconcile"} <= cursors


# -- /proc sampling ------------------------------------------------------------------------------------
def thread_switches(pid: int) -> dict[int, tuple[str, int, float]]:
    """Per thread: (name, voluntary context switches so far, CPU seconds so far)."""
    result: dict[int, tuple[str, int, float]] = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return result
    for tid in tids:
        try:
            text = Path(f"/proc/{pid}/task/{tid}/status").read_text()
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended
        fields = dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)
        switches = int(fields.get("voluntary_ctxt_switches", 0))  # it slept, and something woke it
        cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
        result[int(tid)] = (fields.get("Name", "?").strip(), switches, cpu)
    return result


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime, all threads


def measure(procs: dict[str, subprocess.Popen], seconds: float) -> dict[str, dict]:
    before = {k: (cpu_seconds(p.pid), thread_switches(p.pid)) for k, p in procs.items()}
    t0 = time.monotonic()
    time.sleep(seconds)
    wall = time.monotonic() - t0
    results = {}
    for kind, proc in procs.items():
        cpu0, threads0 = before[kind]
        threads1 = thread_switches(proc.pid)
        per_thread = {}
        for tid, (name, n1, c1) in threads1.items():
            _, n0, c0 = threads0.get(tid, (name, 0, 0.0))
            label = f"{name}[{tid}]" if tid != proc.pid else f"{name}[main]"
            per_thread[label] = ((n1 - n0) / wall, (c1 - c0) / wall * 100)
        results[kind] = {
            "cpu_pct": (cpu_seconds(proc.pid) - cpu0) / wall * 100,
            "wakeups": sum(rate for rate, _ in per_thread.values()),
            "threads": sorted(per_thread.items(), key=lambda kv: -kv[1][0]),
        }
    return results


def report(results: dict[str, dict], seconds: float, listener: bool) -> None:
    print(f"\nidle over {seconds:.0f} s after the queue settled (listener {'on' if listener else 'off'}):\n")
    print(f"{'':22s}" + "".join(f"{k:>12s}" for k in KINDS))
    print(f"{'CPU %':22s}" + "".join(f"{results[k]['cpu_pct']:12.2f}" for k in KINDS))
    print(f"{'wake-ups/s':22s}" + "".join(f"{results[k]['wakeups']:12.1f}" for k in KINDS))
    line = "".join(f"{'≤ ' + str(TARGETS[k][0]) if k in TARGETS else '—':>12s}" for k in KINDS)
    print(f"{'target CPU %':22s}" + line)
    line = "".join(f"{'≤ ' + str(TARGETS[k][1]) if TARGETS.get(k, (0, None))[1] else '—':>12s}" for k in KINDS)
    print(f"{'target wake-ups/s':22s}" + line)
    for kind, (cpu_target, wake_target) in TARGETS.items():
        r = results[kind]
        ok = r["cpu_pct"] <= cpu_target and (wake_target is None or r["wakeups"] <= wake_target)
        print(f"  {kind}: {'OK' if ok else 'MISSED'}")
    print("\nbusiest threads (wake-ups/s, CPU %):")
    for kind in KINDS:
        top = ", ".join(f"{name} {rate:.1f}/{cpu:.2f}%" for name, (rate, cpu) in results[kind]["threads"][:4]
                        if rate >= 0.05)
        print(f"  {kind:8s} {top or '—'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--orders", type=int, default=20)
    parser.add_argument("--no-listener", action="store_true", help="profiles with the listener off")
    parser.add_argument("--settle-timeout", type=float, default=180.0)
    parser.add_argument("--grace", type=float, default=15.0, help="seconds after settling before measuring")
    parser.add_argument("--app", choices=("hidden", "shown"), help=argparse.SUPPRESS)  # worker mode
    parser.add_argument("--home", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.app:
        sys.exit(run_app_worker(args.home, args.app == "hidden"))
    if not sys.platform.startswith("linux"):
        sys.exit("bench/idle.py reads /proc: Linux only")

    from engine import Simulators  # bench/engine.py

    listener = not args.no_listener
    sims = Simulators(0)
    procs: dict[str, subprocess.Popen] = {}
    logs = []
    try:
        sims.add_orders(args.orders)
        base = Path(tempfile.mkdtemp(prefix="idle-bench-"))
        homes = {kind: base / kind for kind in KINDS}
        env = child_env()
        commands = {
            "sync": [sys.executable, "-m", "pluggto_desktop", "--home", str(homes["sync"]), "sync"],
            "tray": [sys.executable, __file__, "--app", "hidden", "--home", str(homes["tray"])],
            "window": [sys.executable, __file__, "--app", "shown", "--home", str(homes["window"])],
        }
        for kind in KINDS:
            write_profile(homes[kind], sims.pluggto_url, sims.linx_url, listener=listener)
            log = open(base / f"{kind}.out", "w")  # noqa: SIM115 - closed after the run, with the others
            logs.append(log)
            procs[kind] = subprocess.Popen(commands[kind], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        print(f"# idle benchmark: profiles in {base}; waiting for the queues to settle…", flush=True)
        deadline = time.monotonic() + args.settle_timeout
        while not all(settled(home) for home in homes.values()):
            for kind, proc in procs.items():
                if proc.poll() is not None:
                    raise RuntimeError(f"{kind} exited ({proc.returncode}); see {base / (kind + '.out')}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the queues did not settle; see {base}")
            time.sleep(0.5)
        time.sleep(args.grace)
        print(f"settled; measuring for {args.seconds:.0f} s", flush=True)
        results = measure(procs, args.seconds)
        report(results, args.seconds, listener)
        print(json.dumps({k: {"cpu_pct": round(v["cpu_pct"], 3), "wakeups": round(v["wakeups"], 2)}
                          for k, v in results.items()}))
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in logs:
            log.close()
        sims.stop()


if __name__ == "__main__":
    main()
