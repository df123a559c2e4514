"""Time from request to usable page, in headless Chromium, for every app, beside a bare Voilà page.

Usable means the app's root (``.nv-app``) is visible, or for the bare page its one label. Every open starts a
new kernel, as a real page load does; the member form comes from the members' server (no kernel).
The bare page (one ipywidgets Label, same template and options) is the floor Voilà itself sets, measured in
the same run. Last line: ``RESULT <app>_s=X ... form_s=X baseline_s=X`` (medians).

    .venv/bin/python benchmarks/page_open.py [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from servers import CHROMIUM_ARGS, start_bare, start_netvaerk  # noqa: E402

from netvaerk_lib.apps.registry import APPS  # noqa: E402
from netvaerk_lib.commands.serve import stop_server  # noqa: E402


def time_open(browser, url: str, selector: str) -> float:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(180_000)  # Voilà runs the notebook before it sends the page
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(selector, state="visible", timeout=180_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="netvaerk-bench-"))
    running = start_netvaerk(folder / "netvaerk.sqlite")
    bare, bare_url = start_bare(folder)
    url, form_url, token = running.url, running.form_url, running.token
    targets = [(entry.notebook.removesuffix(".ipynb"), f"{url}/voila/render/{entry.notebook}?token={token}",
                ".nv-app") for entry in APPS if (ROOT / "notebooks" / entry.notebook).exists()
               and entry.audience != "member"]
    targets += [("start", f"{url}/voila/render/start.ipynb?token={token}", ".nv-app"),
                ("form", f"{form_url}/voila/render/evaluering.ipynb", ".nv-app"),
                ("baseline", f"{bare_url}/voila/render/bare.ipynb", ".bare")]
    medians: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            executable = shutil.which("chromium") or "/usr/bin/chromium"
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for _ in range(1):  # warm the disk cache and the browser once, unmeasured
                time_open(browser, f"{bare_url}/voila/render/bare.ipynb", ".bare")
            samples: dict[str, list[float]] = {name: [] for name, _, _ in targets}
            for _ in range(args.runs):  # interleaved, so that load on the machine hits every target alike
                for name, target, selector in targets:
                    samples[name].append(time_open(browser, target, selector))
            browser.close()
        medians = {name: statistics.median(values) for name, values in samples.items()}
    finally:
        for process in (running.process, bare):
            stop_server(process)
        shutil.rmtree(folder, ignore_errors=True)
    baseline = medians["baseline"]
    print(f"{'page':<24}{'median s':>10}{'x bare':>9}")
    for name, value in medians.items():
        print(f"{name:<24}{value:>10.2f}{value / baseline:>9.2f}")
    print(f"form (members' server) / bare Voilà = {medians['form'] / baseline:.2f} (target well below 1)")
    print("RESULT " + " ".join(f"{name}_s={value:.2f}" for name, value in medians.items() if name != "baseline")
          + f" baseline_s={baseline:.2f}")


if __name__ == "__main__":
    main()
