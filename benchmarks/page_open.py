"""Time from request to usable page, in headless Chromium, for every app, beside a bare Voilà page.

Usable means the app's root (``.nv-app``) is visible, or for the bare page its one label. Every open starts a
new kernel, as a real page load does; the member form comes from the members' server (no kernel).
The bare page (one ipywidgets Label, same template and options) is the floor Voilà itself sets, measured in
the same run. The consultant's charts are drawn once the browser shows the page; ``konsulent_charts`` is the
time until the last of them is there. The consultant's page is also opened on a second server whose database
holds 30 synthetic networks (``konsulent_30``), and there the time to switch network is measured (from
choosing another network in the list to its warning shown; target under 1 s). Last line:
``RESULT <app>_s=X ... form_s=X baseline_s=X`` (medians).

    .venv/bin/python benchmarks/page_open.py [--runs 3] [--only konsulent konsulent_30 baseline]
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

from netvaerk_lib.analysis.synthetic import generate  # noqa: E402
from netvaerk_lib.apps.registry import APPS  # noqa: E402
from netvaerk_lib.commands.serve import stop_server  # noqa: E402
from netvaerk_lib.store import Store  # noqa: E402

MANY_NETWORKS = 30
SWITCH_TARGET_S = 1.0
CHARTS_DRAWN = "img.nv-chart-evaluation"  # the consultant's last chart


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


def time_switch(browser, url: str) -> float:
    """Open the consultant's page and let its charts be drawn, then time choosing the next network until its
    warning heading shows it."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(180_000)
    page.goto(url)
    page.wait_for_selector(CHARTS_DRAWN, state="attached", timeout=180_000)  # the kernel is done with the open
    select = page.locator(".nv-analysis-filters select").first
    labels = select.locator("option").evaluate_all("options => options.map(o => o.label)")
    current = page.locator(".nv-analysis-warning h3").inner_text()
    label = next(label for label in labels if not current.startswith(f"{label.replace(chr(160), ' ')} ·"))
    target = label.replace(chr(160), " ")  # ipywidgets writes the options' spaces as no-break spaces
    start = time.perf_counter()
    select.select_option(label=label)
    page.wait_for_function("name => document.querySelector('.nv-analysis-warning h3').textContent"
                           ".startsWith(name + ' ·')", arg=target, timeout=180_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="measure only these pages (the baseline always)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="netvaerk-bench-"))
    running = start_netvaerk(folder / "netvaerk.sqlite")
    many_db = folder / "many" / "netvaerk.sqlite"
    many_db.parent.mkdir()
    with Store(many_db) as store:
        generate(store, networks=MANY_NETWORKS, years=3, seed=1)
    many = start_netvaerk(many_db)
    bare, bare_url = start_bare(folder)
    url, form_url, token = running.url, running.form_url, running.token
    many_url = f"{many.url}/voila/render/konsulent.ipynb?token={many.token}"
    targets = [(entry.notebook.removesuffix(".ipynb"), f"{url}/voila/render/{entry.notebook}?token={token}",
                ".nv-app") for entry in APPS if (ROOT / "notebooks" / entry.notebook).exists()
               and entry.audience != "member"]
    targets += [("start", f"{url}/voila/render/start.ipynb?token={token}", ".nv-app"),
                ("form", f"{form_url}/voila/render/evaluering.ipynb", ".nv-app"),
                (f"konsulent_{MANY_NETWORKS}", many_url, ".nv-app"),
                # the consultant's charts follow the page (drawn once the browser shows them): until the last one
                ("konsulent_charts", f"{url}/voila/render/konsulent.ipynb?token={token}", CHARTS_DRAWN),
                (f"konsulent_{MANY_NETWORKS}_charts", many_url, CHARTS_DRAWN),
                ("baseline", f"{bare_url}/voila/render/bare.ipynb", ".bare")]
    if args.only:
        targets = [target for target in targets if target[0].removesuffix("_charts") in {*args.only, "baseline"}]
    medians: dict[str, float] = {}
    switches: list[float] = []
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
                    print(f"  {name}: {samples[name][-1]:.2f} s", file=sys.stderr, flush=True)
                if not args.only or f"konsulent_{MANY_NETWORKS}" in args.only:
                    switches.append(time_switch(browser, many_url))
            browser.close()
        medians = {name: statistics.median(values) for name, values in samples.items()}
    finally:
        for process in (running.process, many.process, bare):
            stop_server(process)
        shutil.rmtree(folder, ignore_errors=True)
    baseline = medians["baseline"]
    print(f"{'page':<24}{'median s':>10}{'x bare':>9}")
    for name, value in medians.items():
        print(f"{name:<24}{value:>10.2f}{value / baseline:>9.2f}")
    if "form" in medians:
        print(f"form (members' server) / bare Voilà = {medians['form'] / baseline:.2f} (target well below 1)")
    if switches:
        switch = statistics.median(switches)
        medians[f"konsulent_{MANY_NETWORKS}_switch"] = switch
        print(f"konsulent_{MANY_NETWORKS}: switching network {switch:.2f} s (median of {len(switches)}; "
              f"target under {SWITCH_TARGET_S:.0f} s)")
    print("RESULT " + " ".join(f"{name}_s={value:.2f}" for name, value in medians.items() if name != "baseline")
          + f" baseline_s={baseline:.2f}")


if __name__ == "__main__":
    main()
