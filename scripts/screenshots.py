"""Screenshots of each main screen, in pt-BR and English, taken from the running demo.

    uv run python scripts/screenshots.py [--out docs/screenshots]

Each language runs the real app (``--demo``) offscreen in its own process, lets orders flow for
a few seconds, then visits every view and saves ``<out>/<lang>/<view>.png``. The setup wizard is
shot on a fresh, unconfigured profile. Used for the README; run it again after UI changes.
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
VIEWS = ["dashboard", "orders", "products", "activity", "log", "settings", "support", "demo"]


def worker(lang: str, out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from pluggto_desktop.ui import app as app_module

    out.mkdir(parents=True, exist_ok=True)
    original = app_module.DesktopApp._build_ui

    def build_ui(self, *, show: bool = True) -> None:
        original(self, show=show)
        self.window.resize(1280, 800)
        self.controller.run(capture(self), what="screenshots")

    async def capture(desktop) -> None:
        window = desktop.window
        await asyncio.sleep(9)  # let the demo's orders flow (and some fail)
        for view in VIEWS:
            window.go(view)
            page = window.pages[view]
            if view == "orders":
                page.apply_filters({"states": ["needs_attention"]})
                await asyncio.sleep(1.0)
                page.table.selectRow(0)
            if view == "settings":
                page.show_tab("channel")
            if view == "support":
                page.test_button.click()  # show a connection check, not an empty page
                await asyncio.sleep(3)
            await asyncio.sleep(1.2)
            window.grab().save(str(out / f"{view}.png"))
        await wizard_shot(desktop, out)
        desktop.request_quit()

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
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Path(args.out))
        return
    for lang in ("pt_BR", "en"):
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
        target = Path(args.out) / lang
        subprocess.run([sys.executable, __file__, "--worker", lang, "--out", str(target)], env=env, check=True,
                       timeout=180)
        print(f"saved {len(list(target.glob('*.png')))} screenshots in {target}")


if __name__ == "__main__":
    main()
