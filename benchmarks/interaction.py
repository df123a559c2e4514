"""Time from a facilitator's click to the change on screen, in headless Chromium, beside a bare ipywidgets round trip.

The five commonest actions in Kør mødet and the grouping apps: check in a member, start the next agenda item, add a
flip-over point, make groups (another proposal), mark a goal. Each is clicked ``--runs`` times; the time runs from
the click to the moment the page shows its result. The button is waited for before the click (a tab opened just
before shows its part after its own round trip), and a typed point is let reach the kernel before "Tilføj punkt".
The baseline is a bare notebook (one button that writes a counter into one label) on a Voilà server with the
facilitator's own options, measured in the same run and interleaved with the actions, so that load on the
machine hits both alike.

Target (issue 16): each action within 2x the bare round trip. Last line:
``RESULT checkin_s=X start_item_s=X flipover_s=X groups_s=X goal_s=X baseline_s=X worst_ratio=X`` (medians).

    .venv/bin/python benchmarks/interaction.py [--runs 5]
"""

from __future__ import annotations

import argparse
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from servers import CHROMIUM_ARGS, free_port, start_netvaerk, wait_for  # noqa: E402

from netvaerk_lib.commands.serve import FACILITATOR_IDLE_CULL_S, common_options, environment, stop_server  # noqa: E402

CHOSEN = re.compile("nv-run-chosen")
# A person clicks "Tilføj punkt" a moment after typing; fill() types at once, and the text's own message to the
# kernel would otherwise be counted as part of the click.
TYPING_PAUSE_MS = 300
BARE_CELL = """import ipywidgets as w
count = w.Label("0", _dom_classes=["bare-count"])
press = w.Button(description="Tryk", _dom_classes=["bare"])
press.on_click(lambda _b: setattr(count, "value", str(int(count.value) + 1)))
w.VBox([press, count])"""


def start_bare_facilitator(folder: Path) -> tuple[subprocess.Popen, str]:
    """Voilà with the facilitator's options (token, template, culling), holding the bare notebook."""
    bare = folder / "bare"
    bare.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(BARE_CELL)]
    nbformat.write(notebook, bare / "bare.ipynb")
    port, token = free_port(), secrets.token_urlsafe(12)
    command = [sys.executable, "-m", "voila", str(bare), f"--token={token}",
               *common_options(port, "127.0.0.1", FACILITATOR_IDLE_CULL_S)]
    process = subprocess.Popen(command, cwd=bare, env=environment(""), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/voila/render/bare.ipynb?token={token}"
    wait_for(url)
    return process, url


def timed(page, click, done, target=None) -> float:
    """Seconds from ``click()`` until ``done()`` (a Playwright expectation) holds. ``target``, the element
    clicked, is waited for first: a tab opened just before shows its part only after its own round trip, which
    belongs to the tab, not to the action timed."""
    if target is not None:
        target.wait_for(state="visible")
    start = time.perf_counter()
    click()
    done()
    return time.perf_counter() - start


class Actions:
    """The five actions on one open Kør mødet page and one open Interviews page, each repeatable."""

    def __init__(self, meeting_page, interviews_page, members: list[str]):
        self.meeting, self.interviews, self.members = meeting_page, interviews_page, members
        self.round = 0

    def _tab(self, name: str):
        self.meeting.locator(".nv-run-nav").get_by_role("button", name=name, exact=True).click()

    def checkin(self, expect) -> float:
        self._tab("Tjek ind")
        row = self.meeting.locator(".nv-run-checkin-row", has_text=self.members[self.round % len(self.members)])
        choice = ("Til stede", "Afbud")[self.round % 2]
        button = row.get_by_role("button", name=choice, exact=True)
        if "nv-run-chosen" in (button.get_attribute("class") or ""):
            choice = "Afbud" if choice == "Til stede" else "Til stede"
            button = row.get_by_role("button", name=choice, exact=True)
        return timed(self.meeting, button.click, lambda: expect(button).to_have_class(CHOSEN), button)

    def start_item(self, expect) -> float:
        items = self.meeting.locator(".nv-run-item")
        item = items.nth(self.round % items.count())
        start = item.get_by_role("button", name="Start")
        return timed(self.meeting, start.click, lambda: expect(item).to_contain_text("nu"), start)

    def flipover(self, expect) -> float:
        self._tab("Flipover")
        text = f"Punkt {self.round} {secrets.token_hex(3)}"
        view = self.meeting.locator(".nv-run-flipover")
        view.get_by_label("Nyt punkt på flipoveren").fill(text)
        self.meeting.wait_for_timeout(TYPING_PAUSE_MS)  # the typed text reaches the kernel, as it does while one types
        return timed(self.meeting, lambda: view.get_by_role("button", name="Tilføj punkt").click(),
                     lambda: expect(view).to_contain_text(text))

    def groups(self, expect) -> float:
        groups = self.interviews.locator(".nv-grouping-group")
        before = [groups.nth(i).get_attribute("data-members") for i in range(groups.count())]

        def changed():
            deadline = time.perf_counter() + 60
            while time.perf_counter() < deadline:
                now = [groups.nth(i).get_attribute("data-members") for i in range(groups.count())]
                if now and now != before:
                    return
                self.interviews.wait_for_timeout(5)
            raise AssertionError("the groups did not change")

        return timed(self.interviews, lambda: self.interviews.get_by_role("button", name="Andet forslag").click(),
                     changed)

    def goal(self, expect) -> float:
        self._tab("Opfølgning på mål")
        row = self.meeting.locator(".nv-run-follow-up .nv-run-goal-row").first
        choice = ("Gennemført", "Fortsætter")[self.round % 2]
        button = row.get_by_role("button", name=choice, exact=True)
        return timed(self.meeting, button.click, lambda: expect(button).to_have_class(CHOSEN), button)


def bare_round_trip(page, expect, presses: int) -> float:
    count = page.locator(".bare-count")
    return timed(page, lambda: page.locator(".bare").click(), lambda: expect(count).to_have_text(str(presses)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import expect, sync_playwright

    from netvaerk_lib.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="netvaerk-bench-"))
    database = folder / "interaction.sqlite"
    running = start_netvaerk(database)
    bare, bare_url = start_bare_facilitator(folder)
    with open_store(database) as store:
        members = [m.name for m in store.list_members(store.default_network().id)]
    names = ("checkin", "start_item", "flipover", "groups", "goal")
    samples: dict[str, list[float]] = {name: [] for name in (*names, "baseline")}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            pages = []
            for path in ("koer_moedet", "interviews", None):
                page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
                page.set_default_timeout(180_000)
                page.goto(bare_url if path is None else
                          f"{running.url}/voila/render/{path}.ipynb?token={running.token}")
                page.wait_for_selector(".bare" if path is None else ".nv-app", state="visible", timeout=180_000)
                pages.append(page)
            meeting, interviews, bare_page = pages
            interviews.get_by_role("button", name="Lav grupper").click()
            interviews.wait_for_selector(".nv-grouping-group")
            actions = Actions(meeting, interviews, members)
            presses = 0
            for run in range(args.runs + 1):  # the first round warms every path up, unmeasured
                actions.round = run
                measured = {name: getattr(actions, name)(expect) for name in names}
                presses += 1
                measured["baseline"] = bare_round_trip(bare_page, expect, presses)
                if run:
                    for name, value in measured.items():
                        samples[name].append(value)
            browser.close()
    finally:
        for process in (running.process, bare):
            stop_server(process)
        shutil.rmtree(folder, ignore_errors=True)
    medians = {name: statistics.median(values) for name, values in samples.items()}
    baseline = medians["baseline"]
    print(f"{'action':<14}{'median s':>10}{'x bare':>9}{'target':>9}")
    for name in names:
        ratio = medians[name] / baseline
        print(f"{name:<14}{medians[name]:>10.3f}{ratio:>9.2f}{'<= 2':>9}{'' if ratio <= 2 else '  MISSED'}")
    print(f"{'baseline':<14}{baseline:>10.3f}{1:>9.2f}")
    worst = max(medians[name] / baseline for name in names)
    print("RESULT " + " ".join(f"{name}_s={medians[name]:.3f}" for name in names)
          + f" baseline_s={baseline:.3f} worst_ratio={worst:.2f}")


if __name__ == "__main__":
    main()
