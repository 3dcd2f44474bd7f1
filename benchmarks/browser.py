"""Benchmark in one headless Chromium session: click-to-feedback latency and time to interactive.

The latency of one of our practice items is set against a plain ipywidgets ToggleButtons whose
observer updates a label; the time is from opening a module to its first widget being interactive.

Run: .venv/bin/python benchmarks/browser.py [--clicks 15]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

BASELINE = """import ipywidgets as w
pick = w.ToggleButtons(options=["a", "b", "c", "d"], value=None, description="Pick")
label = w.Label("")
pick.observe(lambda change: setattr(label, "value", f"chose {change.new}"), names="value")
w.VBox([pick, label])"""


def run_all(page) -> None:
    """Menu Run > Run All Cells."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile("^Run All Cells")).click()


def accept_kernel(page) -> None:
    """Accept the first-open kernel dialog if it shows."""
    try:
        page.get_by_role("button", name="Select", exact=True).click(timeout=8_000)
    except Exception:
        pass


def main() -> None:
    """Open both notebooks, click repeatedly, print medians and their ratio."""
    from lab import CHROMIUM, CHROMIUM_ARGS, jupyter_lab
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=15)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="cpsw-browser-")) / "home"
    shutil.copytree(REPO / "release" / "being_present", root / "being_present")
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "baseline",
                     "metadata": {}, "outputs": [], "source": BASELINE}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                      "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    (root / "baseline.ipynb").write_text(json.dumps(nb))
    with jupyter_lab(root, root.parent / "lab.log") as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.perf_counter()
        page.goto(f"{base}/lab/tree/being_present/being_present.ipynb?token={token}")
        accept_kernel(page)
        run_all(page)
        item = page.locator(".cps-best-response").first
        item.get_by_role("radio").first.wait_for(state="visible", timeout=120_000)
        open_to_interactive = time.perf_counter() - started
        item.scroll_into_view_if_needed()
        ours = []
        for n in range(args.clicks):
            option = "abcd"[n % 4]
            t0 = time.perf_counter()
            item.get_by_role("radio", name=re.compile(rf"^\({option}\)")).click()
            item.get_by_text(re.compile(rf"^\({option}\) .*\(your choice\)")).wait_for()
            ours.append(time.perf_counter() - t0)
        page.goto(f"{base}/lab/tree/baseline.ipynb")
        accept_kernel(page)
        run_all(page)
        buttons = page.get_by_role("button", name=re.compile("^[abcd]$"))
        buttons.first.wait_for(timeout=120_000)
        plain = []
        for n in range(args.clicks):
            option = "abcd"[n % 4]
            t0 = time.perf_counter()
            page.get_by_role("button", name=option, exact=True).click()
            page.get_by_text(f"chose {option}", exact=True).wait_for()
            plain.append(time.perf_counter() - t0)
        browser.close()
    ours_ms, plain_ms = statistics.median(ours) * 1000, statistics.median(plain) * 1000
    print(f"clicks per widget: {args.clicks}")
    print(f"our practice item, median click-to-feedback: {ours_ms:.0f} ms")
    print(f"plain ToggleButtons + observer, median:      {plain_ms:.0f} ms")
    print(f"ratio (ours / plain): {ours_ms / plain_ms:.2f}x (target at most 1.2x)")
    print(f"opening the module to its first widget being interactive: {open_to_interactive:.1f} s")
    shutil.rmtree(root.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
