"""Screenshots of each main screen, in pt-BR and English, taken from the running demo.

    uv run python scripts/screenshots.py [--out docs/screenshots] [--lang pt_BR] [--only orders]

Each language runs the real app (``--demo``) offscreen in its own process, lets orders flow for
a few seconds, then visits every view and saves ``<out>/<lang>/<view>.png`` (1280×800, for the
README). The screens people use most are shot again at the small sizes real screens have —
``<view>-1024x700.png`` and ``<view>-1366x768.png`` — to check that nothing is cut, overlaps or
needs horizontal scrolling. The setup wizard is shot on a fresh, unconfigured profile. Run it
again after UI changes, and look at the pictures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ["dashboard", "orders", "products", "audit", "activity", "log", "settings", "support", "demo"]
README_SIZE = (1280, 800)
#: small real screens (a 1366×768 laptop; 1024×700 is what is left of a 1024×768 one)
SMALL_SIZES = [(1024, 700), (1366, 768)]
SMALL_VIEWS = ["dashboard", "orders", "audit", "settings", "support"]


def worker(lang: str, out: Path, only: list[str] | None = None) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from pluggto_desktop.ui import app as app_module

    out.mkdir(parents=True, exist_ok=True)
    original = app_module.DesktopApp._build_ui

    def build_ui(self, *, show: bool = True) -> None:
        original(self, show=show)
        self.window.resize(*README_SIZE)
        self.controller.run(capture(self), what="screenshots")

    async def capture(desktop) -> None:
        window = desktop.window
        await asyncio.sleep(9)  # let the demo's orders flow (and some fail)
        desktop.demo.make_audit_differences()  # something for the Conferência to find
        for view in VIEWS:
            if only and view not in only:
                continue
            await shoot(window, view, README_SIZE, out / f"{view}.png")
        for width, height in SMALL_SIZES:
            for view in SMALL_VIEWS:
                if only and view not in only:
                    continue
                await shoot(window, view, (width, height), out / f"{view}-{width}x{height}.png")
        window.resize(*README_SIZE)
        if not only or "wizard" in only:
            await wizard_shot(desktop, out)
        desktop.request_quit()

    async def shoot(window, view: str, size: tuple[int, int], path: Path) -> None:
        window.resize(*size)
        window.go(view)
        page = window.pages[view]
        if view == "orders":
            page.apply_filters({"states": ["needs_attention"]})
            await asyncio.sleep(1.0)
            page.table.selectRow(0)
        if view == "settings":
            page.show_tab("channel")
        if view == "audit" and page.report is None:
            page.start()
            await asyncio.sleep(4)
        if view == "support" and page.check.report is None:
            page.check.test_button.click()  # show a connection check, not an empty page
            await asyncio.sleep(3)
        await asyncio.sleep(1.2)
        window.grab().save(str(path))

    app_module.DesktopApp._build_ui = build_ui
    code = app_module.run_app(home=tempfile.mkdtemp(), demo=True, lang=lang)
    raise SystemExit(code)


async def wizard_shot(desktop, out: Path) -> None:
    from pluggto_desktop.profile import Profile
    from pluggto_desktop.secrets import SecretStore
    from pluggto_desktop.service import AppService
    from pluggto_desktop.settings import Settings
    from pluggto_desktop.ui.controller import Controller
    from pluggto_desktop.ui.setup_wizard import SetupWizard

    profile = Profile(Path(tempfile.mkdtemp())).ensure()
    service = AppService(profile, SecretStore.in_memory(profile.profile_id), lang=desktop.service.lang,
                         settings=Settings())
    await service.open()
    wizard = SetupWizard(Controller(service))
    wizard.resize(1070, 760)
    wizard.show()
    await asyncio.sleep(0.5)
    wizard.grab().save(str(out / "wizard.png"))
    wizard.close()
    await service.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", action="append", choices=["pt_BR", "en"], help="only this language")
    parser.add_argument("--only", action="append", help="only this view (dashboard, orders, …, wizard)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Path(args.out), args.only)
        return
    for lang in args.lang or ["pt_BR", "en"]:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
        target = Path(args.out) / lang
        only = [arg for view in args.only or [] for arg in ("--only", view)]
        subprocess.run([sys.executable, __file__, "--worker", lang, "--out", str(target), *only], env=env,
                       check=True, timeout=300)
        print(f"saved {len(list(target.glob('*.png')))} screenshots in {target}")


if __name__ == "__main__":
    main()
