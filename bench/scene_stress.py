"""Stress presenter mode with fast scene changes; count Streamlit's "Cached ForwardMsg MISS" dialogs.

    .venv/bin/python bench/scene_stress.py --rounds 20

Two app servers in one run: the app as configured (``.streamlit/config.toml``) and the **baseline**, the
same app with Streamlit's default ``global.maxCachedMessageAge`` (2 script runs). For each of ``--rounds``
fresh pages per server: open the layout page in presenter mode, press 40 scene keys (PageDown, PageUp,
End, Home — what a clicker and a hurried presenter send) 20–250 ms apart, wait 2 s, and count the round if
Streamlit's "Connection error" dialog is shown. The key sequence is seeded by the round, so both servers
get the same presses. Prints rounds and dialogs per server and the ratio; exits non-zero if the configured
app showed any dialog.

Why: a fragment rerun started from a callback reuses the list of cached messages the browser sent with the
request before it; the browser meanwhile drops messages older than ``maxCachedMessageAge`` runs, so after a
burst of fragment runs the server can reference a message the browser no longer has.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import CHROMIUM_ARGS, chromium_path, server  # noqa: E402

APP = ["-m", "sti_app.serve"]
BASELINE = [*APP, "--global.maxCachedMessageAge", "2"]  # Streamlit's default
KEYS = ["PageDown", "PageDown", "PageUp", "End", "Home"]
PAUSES_MS = [20, 60, 120, 250]
PRESSES = 40
DIALOG = "Cached ForwardMsg MISS"


def hurry(page, seed: int) -> None:
    """One round's scene keys, seeded: what a clicker and a hurried presenter send."""
    rnd = random.Random(seed)
    for _ in range(PRESSES):
        page.keyboard.press(rnd.choice(KEYS))
        page.wait_for_timeout(rnd.choice(PAUSES_MS))


def dialogs(browser, base: str, rounds: int) -> int:
    """Rounds (of ``rounds``) after which the page shows Streamlit's connection error dialog."""
    shown = 0
    for r in range(rounds):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{base}/layout?present=1")
        page.locator("iframe[title*='streamlit_folium']").wait_for(timeout=30000)
        page.locator('[data-test-script-state="notRunning"]').wait_for(state="attached", timeout=30000)
        page.wait_for_timeout(1500)
        hurry(page, r)
        page.wait_for_timeout(2000)
        if DIALOG in page.inner_text("body"):
            shown += 1
        page.close()
    return shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    from playwright.sync_api import sync_playwright

    counts = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, cmd in (("app", APP), ("baseline", BASELINE)):
            with server(cmd) as (base, _started, _proc):
                counts[name] = dialogs(browser, base, args.rounds)
        browser.close()
    ratio = counts["app"] / counts["baseline"] if counts["baseline"] else float("nan")
    print(f"rounds per server: {args.rounds} x {PRESSES} scene keys")
    print(f"rounds with the connection error dialog: app {counts['app']}, baseline {counts['baseline']}, "
          f"ratio {ratio:.2f}")
    return 1 if counts["app"] else 0


if __name__ == "__main__":
    sys.exit(main())
