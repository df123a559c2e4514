"""N members open the evaluation form at the same moment in headless Chromium, answer and send.

For each form: the time from opening the page (with the personal code in the link) to the confirmation on
screen, on the members' server (no kernels). Beside it, in the same run and with the same concurrency: N opens
of a static HTML page of the same size served by the same server (the floor: the least a page can cost), and
N opens of a bare Voilà page with a single label, served as the form was before (preheated pool, same
options): what it was. Afterwards the database is asked how many answers were stored; kernels started under
the members' server are counted while the forms run, and its memory is read before and after. The last line is
machine-readable:

    RESULT sent=N stored=N p50_s=X p95_s=X static_p50_s=X voila_p50_s=X kernels_started=K server_mb_per_form=M

    .venv/bin/python benchmarks/evaluation_load.py [--n 30] [--pool 4]

The run uses a database of its own in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import math
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from servers import CHROMIUM_ARGS, start_bare, start_members_with_floor  # noqa: E402

from netvaerk_lib.commands.serve import stop_server  # noqa: E402
from netvaerk_lib.evaluation import sessions  # noqa: E402
from netvaerk_lib.log_masking import mask_query_strings  # noqa: E402
from netvaerk_lib.members.networks import create_network  # noqa: E402
from netvaerk_lib.model import Attendance, Meeting, Member  # noqa: E402
from netvaerk_lib.store import open_store  # noqa: E402

PAGE_TIMEOUT_S = 900
RATINGS = (4, 5, 3, 4, 5)


def is_kernel(process: psutil.Process) -> bool:
    try:
        return "ipykernel_launcher" in " ".join(process.cmdline())
    except psutil.Error:  # gone, or a zombie not yet reaped
        return False


def kernels_under(pid: int) -> int:
    try:
        return sum(map(is_kernel, psutil.Process(pid).children(recursive=True)))
    except psutil.Error:
        return 0


def settle(bare: subprocess.Popen, pool: int, quiet_s: float = 30) -> None:
    """Until the bare Voilà's preheated pool is full again and, for up to ``quiet_s``, the machine is quiet:
    how a real evening starts. (Voilà refills a pool as soon as a page takes a kernel.)"""
    deadline = time.monotonic() + 600
    while kernels_under(bare.pid) < pool and time.monotonic() < deadline:
        time.sleep(1)
    quiet_until = time.monotonic() + quiet_s
    while psutil.cpu_percent(interval=2) >= 25 and time.monotonic() < quiet_until:
        pass


class KernelWatch:
    """The most kernels seen at once under a process, looked at twice a second while the forms run."""

    def __init__(self, pid: int):
        self.pid, self.most, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            self.most = max(self.most, kernels_under(self.pid))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()


def rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 2**20


def kernel_cap(n: int, pool: int) -> int:
    """Room for every bare page at once (the servers' default cap is 40 live kernels)."""
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


async def answer_form(context, url: str, start_signal: asyncio.Event, timeout_ms: int
                      ) -> tuple[float | None, bool, float | None]:
    """Open the form by its link, answer, send, wait for the confirmation: (seconds or None, sent, seconds
    until the questions were on screen)."""
    page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    await start_signal.wait()
    started = time.perf_counter()
    sent = False
    try:
        await page.goto(url)
        groups = page.locator("fieldset.nv-eval-question")
        await groups.first.wait_for(state="visible")
        ready = time.perf_counter() - started
        for index, value in enumerate(RATINGS):
            await groups.nth(index).locator("label.nv-eval-option").nth(value - 1).click()
        await page.locator("textarea").first.fill("Godt møde – tak for i dag.")
        await page.locator("button.nv-eval-submit").click()
        sent = True
        await page.locator(".nv-eval-done").wait_for(state="visible")
        return time.perf_counter() - started, sent, ready
    except Exception as error:  # noqa: BLE001 - a failed form is counted, not fatal
        print(f"  form failed: {type(error).__name__}: {mask_query_strings(str(error).splitlines()[0])}",
              file=sys.stderr)
        return None, sent, None
    finally:
        await page.close()


async def open_bare(context, url: str, start_signal: asyncio.Event, timeout_ms: int) -> tuple[float | None, bool]:
    """Open a page and wait for its one ``.bare`` element: the static floor page or the bare Voilà label."""
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


async def measure(n: int, members: subprocess.Popen, members_url: str, bare_url: str, codes: list[str],
                  timeout_ms: int, settle_now):
    from playwright.async_api import async_playwright

    form = f"{members_url}/voila/render/evaluering.ipynb"
    floor = f"{members_url}/voila/render/floor.html"
    bare = f"{bare_url}/voila/render/bare.ipynb"
    async with async_playwright() as playwright:
        executable = shutil.which("chromium") or "/usr/bin/chromium"
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        # Warm the browser, the disk cache and each server once, unmeasured (one form answered and sent).
        await run_all(browser, open_bare, [floor], timeout_ms)
        await run_all(browser, open_bare, [bare], timeout_ms)
        await run_all(browser, answer_form, [f"{form}?code={codes[-1]}"], timeout_ms)
        await asyncio.to_thread(settle_now)
        print(f"  {n} static pages at once ...", flush=True)
        static = await run_all(browser, open_bare, [floor] * n, timeout_ms)
        await asyncio.to_thread(settle_now)
        print(f"  {n} bare Voilà pages at once ...", flush=True)
        voila = await run_all(browser, open_bare, [bare] * n, timeout_ms)
        await asyncio.to_thread(settle_now)
        print(f"  {n} evaluation forms at once ...", flush=True)
        before_mb = rss_mb(members.pid)
        with KernelWatch(members.pid) as kernels:
            forms = await run_all(browser, answer_form, [f"{form}?code={code}" for code in codes[:n]], timeout_ms)
        after_mb = rss_mb(members.pid)
        await browser.close()
    return forms, static, voila, kernels.most, (after_mb - before_mb) / n


def p50(times: list[float]) -> float:
    return statistics.median(times) if times else math.nan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="forms opened at the same moment (default 30)")
    parser.add_argument("--pool", type=int, default=4, help="preheated kernels of the bare Voilà (default 4, as "
                        "the form's server had)")
    parser.add_argument("--timeout", type=float, default=PAGE_TIMEOUT_S,
                        help=f"seconds a page may take before it counts as failed (default {PAGE_TIMEOUT_S})")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    if args.n < 1:
        parser.error("--n must be at least 1")

    folder = Path(tempfile.mkdtemp(prefix="netvaerk-bench-eval-"))
    database = folder / "netvaerk.sqlite"
    processes = []
    try:
        _, meeting_id, codes = prepare(database, args.n + 1)  # one more, for the unmeasured warm-up
        # The floor page is as big as the form's page with a code in the link (measured on a first start).
        members, members_url = start_members_with_floor(database, floor_bytes=0)
        processes.append(members)
        with urllib.request.urlopen(f"{members_url}/voila/render/evaluering.ipynb?code={codes[0]}") as page:
            form_bytes = len(page.read())
        stop_server(members)
        members, members_url = start_members_with_floor(database, floor_bytes=form_bytes)
        processes[0] = members
        bare_process, bare_url = start_bare(folder, args.pool, kernel_cap(args.n, args.pool))
        processes.append(bare_process)
        print(f"evaluation load: {args.n} forms at once on the members' server, beside {args.n} static pages of "
              f"{form_bytes} bytes from the same server and {args.n} bare Voilà pages (pool {args.pool})", flush=True)
        forms, static, voila, kernels, mb_per_form = asyncio.run(measure(
            args.n, members, members_url, bare_url, codes, int(args.timeout * 1000),
            lambda: settle(bare_process, args.pool)))
        with open_store(database) as store:
            stored = store.evaluation_count(meeting_id) - 1  # the warm-up's answer
        stopped = [process.args[:4] for process in processes if process.poll() is not None]
        if stopped:
            print(f"  a server stopped during the run: {stopped}", file=sys.stderr)
    finally:
        for process in processes:
            stop_server(process)
        shutil.rmtree(folder, ignore_errors=True)

    sent = sum(1 for _, was_sent, _ in forms if was_sent)
    form_times = [seconds for seconds, _, _ in forms if seconds is not None]
    ready_times = [ready for _, _, ready in forms if ready is not None]
    static_times = [seconds for seconds, _ in static if seconds is not None]
    voila_times = [seconds for seconds, _ in voila if seconds is not None]
    rows = [("evaluation form: open -> confirmation", form_times), ("  of which open -> questions shown", ready_times),
            ("static page, same server: open", static_times),
            ("bare Voilà label: open -> visible", voila_times)]
    print(f"{'':<40}{'done':>6}{'p50 s':>9}{'p95 s':>9}{'max s':>9}")
    for name, times in rows:
        print(f"{name:<40}{len(times):>3}/{args.n:<2}{p50(times):>9.2f}{percentile(times, 0.95):>9.2f}"
              f"{max(times, default=math.nan):>9.2f}")
    print(f"stored/sent: {stored}/{sent}; form/static p50 = {p50(form_times) / p50(static_times):.2f} (target "
          f"<= 1.5), questions shown/static = {p50(ready_times) / p50(static_times):.2f};\n"
          f"form/Voilà p50 = {p50(form_times) / p50(voila_times):.2f}; kernels started: {kernels}; "
          f"members' server memory: {mb_per_form:+.2f} MB per form")
    print(f"RESULT sent={sent} stored={stored} p50_s={p50(form_times):.2f} p95_s={percentile(form_times, 0.95):.2f} "
          f"static_p50_s={p50(static_times):.2f} voila_p50_s={p50(voila_times):.2f} kernels_started={kernels} "
          f"server_mb_per_form={mb_per_form:.2f}")
    fast = p50(form_times) <= 1.5 * p50(static_times)
    print(f"targets: {stored}/{args.n} stored, {kernels} kernels, {mb_per_form:.2f} MB per form (< 1): "
          f"{'met' if stored == args.n and kernels == 0 and mb_per_form < 1 else 'NOT met'}; "
          f"p50 within 1.5x the static page: {'met' if fast else 'NOT met'}")
    # The exit status says whether every form was stored without a kernel; the timing ratio is reported above
    # (on a shared machine it says more about the machine than a pass or fail would).
    return 0 if stored == sent == args.n and kernels == 0 and mb_per_form < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
