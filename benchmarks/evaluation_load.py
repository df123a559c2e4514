"""N members open the evaluation form at the same moment in headless Chromium, answer and send.

For each form: the time from opening the page (with the personal code in the link) to the confirmation on
screen. Afterwards the database is asked how many answers were stored. Beside it, in the same run and with
the same concurrency, N opens of a bare Voilà page with a single label, served the same way as the member
form (same template, options and preheated pool): the floor that Voilà itself sets. Each burst starts with the
preheated pools full and the machine quiet, as a real evening would. The last line is machine-readable:

    RESULT sent=N stored=N p50_s=X p95_s=X baseline_p50_s=X baseline_p95_s=X

    .venv/bin/python benchmarks/evaluation_load.py [--n 30] [--url FORM_SERVER_URL --db DATABASE] [--pool 4]

Without ``--url`` it starts ``netvaerk serve`` on a fresh demo database. With ``--url`` (the member server,
e.g. http://127.0.0.1:8867) it needs that server's database (``--db`` or ``NETVAERK_DB``) to issue the codes.
Either way the run uses a network of its own ("Benchmark ..."), deleted at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import math
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from servers import CHROMIUM_ARGS, start_bare, start_netvaerk  # noqa: E402

from netvaerk_lib.commands.serve import stop_server  # noqa: E402
from netvaerk_lib.evaluation import sessions  # noqa: E402
from netvaerk_lib.log_masking import mask_query_strings  # noqa: E402
from netvaerk_lib.model import Attendance, Meeting, Member  # noqa: E402
from netvaerk_lib.networks import create_network  # noqa: E402
from netvaerk_lib.store import open_store  # noqa: E402

PAGE_TIMEOUT_S = 900
RATINGS = (4, 5, 3, 4, 5)


def wait_for_pools(processes: list[subprocess.Popen], size: int, timeout: float = 900) -> None:
    """Until every server has its preheated pool full and the machine is quiet: how a real evening starts.

    Voilà refills a pool as soon as a page takes a kernel, so this also waits out the refill after a phase."""
    import psutil

    def is_kernel(child: psutil.Process) -> bool:
        try:
            return "ipykernel_launcher" in child.cmdline()
        except psutil.Error:  # gone, or a zombie not yet reaped
            return False

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        machine_busy = psutil.cpu_percent(interval=2)
        kernels = [sum(map(is_kernel, psutil.Process(process.pid).children(recursive=True))) for process in processes]
        if min(kernels) >= size and machine_busy < 25:
            return
    raise SystemExit(f"the pools of {size} kernels were not ready and quiet within {timeout:.0f} s")


def kernel_cap(n: int, pool: int) -> int:
    """Room for every form at once (the servers' default cap is 40 live kernels)."""
    return max(40, n + pool + 4)


def prepare(database: Path, n: int) -> tuple[int, int, list[str]]:
    """A network of its own with n members present at today's meeting, its evaluation open, n codes."""
    with open_store(database) as store:
        network = create_network(store, f"Benchmark {secrets.token_hex(3)}")
        members = store.add_members(network.id, [Member(name=f"Deltager {k + 1}", practice_type="other")
                                                 for k in range(n)])
        meeting = store.add_meeting(Meeting(network.id, dt.datetime.combine(dt.date.today(), dt.time(17)), 180,
                                            status="held"))
        for member in members:
            store.set_attendance(Attendance(meeting.id, member.id, "present"))
        sessions.open_evaluation(store, meeting.id)
        return network.id, meeting.id, list(sessions.issue_codes(store, meeting.id).values())


async def answer_form(context, url: str, start_signal: asyncio.Event, timeout_ms: int) -> tuple[float | None, bool]:
    """Open the form by its link, answer, send, wait for the confirmation: (seconds or None, sent)."""
    page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    await start_signal.wait()
    started = time.perf_counter()
    sent = False
    try:
        await page.goto(url)
        groups = page.locator("fieldset.nv-eval-question")
        await groups.first.wait_for(state="visible")
        for index, value in enumerate(RATINGS):
            await groups.nth(index).locator("label.nv-eval-option").nth(value - 1).click()
        await page.locator("textarea").first.fill("Godt møde – tak for i dag.")
        await page.locator("button.nv-eval-submit").click()
        sent = True
        await page.locator(".nv-eval-done").wait_for(state="visible")
        return time.perf_counter() - started, sent
    except Exception as error:  # noqa: BLE001 - a failed form is counted, not fatal
        print(f"  form failed: {type(error).__name__}: {mask_query_strings(str(error).splitlines()[0])}",
              file=sys.stderr)
        return None, sent
    finally:
        await page.close()


async def open_bare(context, url: str, start_signal: asyncio.Event, timeout_ms: int) -> tuple[float | None, bool]:
    page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    await start_signal.wait()
    started = time.perf_counter()
    try:
        await page.goto(url)
        await page.locator(".bare").wait_for(state="visible")
        return time.perf_counter() - started, True
    except Exception as error:  # noqa: BLE001
        print(f"  bare page failed: {type(error).__name__}: {mask_query_strings(str(error).splitlines()[0])}",
              file=sys.stderr)
        return None, False
    finally:
        await page.close()


async def run_all(browser, job, urls: list[str], timeout_ms: int) -> list[tuple[float | None, bool]]:
    """Every page in its own browser context (like separate phones), all started at the same moment."""
    contexts = [await browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                          locale="da-DK") for _ in urls]
    start_signal = asyncio.Event()
    tasks = [asyncio.create_task(job(context, url, start_signal, timeout_ms))
             for context, url in zip(contexts, urls, strict=True)]
    await asyncio.sleep(0.5)  # every page exists before the signal
    start_signal.set()
    outcomes = await asyncio.gather(*tasks)
    for context in contexts:
        await context.close()
    return outcomes


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 30 values is the 29th smallest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def measure(n: int, form_url: str, bare_url: str, codes: list[str], timeout_ms: int,
                  settle: Callable[[], None]):
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        executable = shutil.which("chromium") or "/usr/bin/chromium"
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        # Warm the browser and the disk cache once on each server, unmeasured.
        await run_all(browser, open_bare, [f"{bare_url}/voila/render/bare.ipynb"], timeout_ms)
        await asyncio.to_thread(settle)
        print(f"  {n} bare pages at once ...", flush=True)
        bare = await run_all(browser, open_bare, [f"{bare_url}/voila/render/bare.ipynb"] * n, timeout_ms)
        await asyncio.to_thread(settle)
        print(f"  {n} evaluation forms at once ...", flush=True)
        forms = await run_all(browser, answer_form,
                              [f"{form_url}/voila/render/evaluering.ipynb?code={code}" for code in codes], timeout_ms)
        await browser.close()
    return forms, bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="forms opened at the same moment (default 30)")
    parser.add_argument("--url", help="a running member server (default: start netvaerk serve on a demo database)")
    parser.add_argument("--db", help="with --url: that server's database (default $NETVAERK_DB)")
    parser.add_argument("--pool", type=int, default=4, help="preheated kernels per server (default 4, as serve)")
    parser.add_argument("--timeout", type=float, default=PAGE_TIMEOUT_S,
                        help=f"seconds a page may take before it counts as failed (default {PAGE_TIMEOUT_S})")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    if args.n < 1:
        parser.error("--n must be at least 1")

    folder = Path(tempfile.mkdtemp(prefix="netvaerk-bench-eval-"))
    processes = []
    network_id = None
    try:
        if args.url:
            database = Path(args.db or os.environ.get("NETVAERK_DB") or parser.error("--url needs --db or NETVAERK_DB"))
            form_url = args.url.rstrip("/")
        else:
            database = folder / "netvaerk.sqlite"
            running = start_netvaerk(database, args.pool, kernel_cap(args.n, args.pool))
            processes.append(running.process)
            form_url = running.form_url
        bare_process, bare_url = start_bare(folder, args.pool, kernel_cap(args.n, args.pool))
        processes.append(bare_process)
        network_id, meeting_id, codes = prepare(database, args.n)
        print(f"evaluation load: {args.n} forms at once against {form_url} (pool {args.pool}), "
              f"beside a bare Voilà label page", flush=True)
        def settle() -> None:
            wait_for_pools(processes, args.pool)

        forms, bare = asyncio.run(measure(args.n, form_url, bare_url, codes, int(args.timeout * 1000), settle))
        with open_store(database) as store:
            stored = store.evaluation_count(meeting_id)
        stopped = [process.args[:4] for process in processes if process.poll() is not None]
        if stopped:
            print(f"  a server stopped during the run: {stopped}", file=sys.stderr)
    finally:
        if network_id is not None:
            with open_store(database) as store:
                store.delete_network(network_id)
        for process in processes:
            stop_server(process)
        shutil.rmtree(folder, ignore_errors=True)

    sent = sum(1 for _, was_sent in forms if was_sent)
    form_times = [seconds for seconds, _ in forms if seconds is not None]
    bare_times = [seconds for seconds, _ in bare if seconds is not None]
    rows = [("evaluation form: open -> confirmation", form_times), ("bare Voilà label: open -> visible", bare_times)]
    print(f"{'':<40}{'done':>6}{'p50 s':>9}{'p95 s':>9}{'max s':>9}")
    for name, times in rows:
        print(f"{name:<40}{len(times):>3}/{args.n:<2}{statistics.median(times) if times else math.nan:>9.2f}"
              f"{percentile(times, 0.95):>9.2f}{max(times, default=math.nan):>9.2f}")
    p50, p95 = statistics.median(form_times) if form_times else math.nan, percentile(form_times, 0.95)
    base50, base95 = statistics.median(bare_times) if bare_times else math.nan, percentile(bare_times, 0.95)
    print(f"stored/sent: {stored}/{sent}; form/bare p50 = {p50 / base50:.2f}, p95 = {p95 / base95:.2f}")
    print(f"RESULT sent={sent} stored={stored} p50_s={p50:.2f} p95_s={p95:.2f} baseline_p50_s={base50:.2f} "
          f"baseline_p95_s={base95:.2f}")
    return 0 if stored == sent == args.n else 1


if __name__ == "__main__":
    sys.exit(main())
