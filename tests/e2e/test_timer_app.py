"""Øvelsestimer in a real Voilà and Chromium, with the page clock under the test's control.

``page.clock.install()`` goes before the page is opened; the clock then runs on its own and the tests jump it
forward (``fast_forward`` fires due timers once, ``run_for`` fires every tick on the way), so no test waits
real minutes.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from harness import ARTIFACTS

from netvaerk_lib.timezone import now

SECOND = 1000
MINUTE = 60 * SECOND
CLOCK = re.compile(r"^(\+?)(?:(\d+):)?(\d+):(\d\d)$")


def clock_seconds(text: str) -> int:
    """'2:00' -> 120, '+0:05' -> -5 (overtime counts below zero), '1:02:03' -> 3723."""
    match = CLOCK.match(text.strip())
    assert match, f"not a clock: {text!r}"
    sign, hours, minutes, seconds = match.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return -total if sign else total


class Timer:
    """The timer widget on a page, read through what a person sees and the data attributes on its root."""

    def __init__(self, page):
        self.page = page
        self.root = page.locator(".nt-timer")

    def data(self, name: str) -> str:
        return self.root.get_attribute(f"data-{name}")

    def text(self, part: str) -> str:
        return self.root.locator(f".nt-{part}").inner_text()

    def seconds(self) -> int:
        return clock_seconds(self.text("clock"))

    def button(self, name: str):
        return self.root.get_by_role("button", name=name, exact=True)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def forward(self, ms: int) -> None:
        self.page.clock.fast_forward(ms - 300)
        self.page.clock.run_for(300)  # the last stretch tick by tick, so the display shows the new time

    def wait_status(self, status: str) -> None:
        self.page.locator(f'.nt-timer[data-status="{status}"]').wait_for()


def pause_clock(page) -> None:
    """Jump the page clock one second on and stop it there: from then on only the test moves time."""
    page.clock.pause_at(dt.datetime.fromtimestamp(page.evaluate("Date.now()") / 1000 + 1))


def open_timer(page, open_app):
    page.clock.install()
    open_app(page, "oevelsestimer")
    page.locator(".nt-timer").wait_for()
    page.locator(".nv-timers-review table").wait_for()
    return Timer(page)


def choose(page, which: int, fragment: str) -> str:
    """Choose the first option of the ``which``-th select of the choice card whose label contains ``fragment``
    (ipywidgets shows spaces as no-break spaces); returns the label with plain spaces."""
    select = page.locator(".nv-timers-choose select").nth(which)
    labels = select.locator("option").all_inner_texts()
    label = next((text for text in labels if fragment in text.replace("\xa0", " ")), None)
    assert label, f"no option like {fragment!r} in {labels}"
    select.select_option(label=label)
    return label.replace("\xa0", " ")


def choose_exercise(page, fragment: str) -> str:
    return choose(page, 1, fragment)


def choose_no_meeting(page) -> None:
    choose(page, 0, "Intet møde")
    exercises = page.locator(".nv-timers-choose select").nth(1)
    exercises.locator("option", has_text="Dagsorden").first.wait_for(state="detached")


def upcoming_meeting(server):
    with server.store() as store:
        return store.next_meeting(store.default_network().id, now())


def runs_of(server, meeting_id):
    with server.store() as store:
        return store.timer_runs(meeting_id)


def test_a_whole_sparring_item_with_chimes_overtime_pause_and_keys(page, open_app, server, shoot):
    meeting = upcoming_meeting(server)
    runs_before = len(runs_of(server, meeting.id))
    timer = open_timer(page, open_app)
    label = choose_exercise(page, "Dagsorden: Sparringsøvelse")
    item_title = re.match(r"Dagsorden: (.*) – \d+ min", label).group(1)
    page.locator(".nt-timer .nt-title", has_text=item_title).wait_for()
    review = page.locator(".nv-timers-review").inner_text()
    assert "8 faser, i alt 40:00" in review  # the 40-minute item: two rounds of 20 minutes
    assert timer.text("label") == "Udfordringen fremlægges · runde 1 af 2"
    assert timer.seconds() == 3 * 60 and timer.data("status") == "idle"
    first_round_lines = timer.text("lines")
    assert "Gruppe 1:" in first_round_lines and "fremlægger" in first_round_lines

    timer.button("Start").click()
    timer.wait_status("running")
    pause_clock(page)  # one second on, then only the test moves time: the log can be checked to the second
    started = int(timer.data("deadline")) - 3 * MINUTE
    expected_used = {0: (page.evaluate("Date.now()") - started) / 1000}

    # phase 1: the case, 3 minutes; the last minute changes colour, then the chime and overtime
    normal_background = timer.root.locator(".nt-main").evaluate("e => getComputedStyle(e).backgroundColor")
    timer.forward(2 * MINUTE + 30 * SECOND)
    assert timer.data("zone") == "last-minute"
    assert 28 <= timer.seconds() <= 30
    assert timer.root.locator(".nt-main").evaluate("e => getComputedStyle(e).backgroundColor") != normal_background
    assert timer.data("chimes") == "0"
    timer.forward(40 * SECOND)
    assert timer.data("zone") == "overtime" and timer.data("status") == "running"
    assert timer.data("chimes") == "1" and timer.data("chimes-played") == "1"
    assert -12 <= timer.seconds() <= -10 and timer.text("clock").startswith("+")
    assert "Tiden er gået – tryk → for at gå videre til: Spørgsmål · runde 1 af 2" in timer.text("hint")
    timer.forward(20 * SECOND)
    assert timer.data("chimes") == "1"  # one chime per phase end, overtime keeps counting
    assert -32 <= timer.seconds() <= -30
    expected_used[0] += 3 * 60 + 30
    timer.press("ArrowRight")

    # phase 2: questions, 10 minutes; a pause holds, +1 minute adds a minute
    assert timer.text("label") == "Spørgsmål · runde 1 af 2"
    assert "Hvad er problemet?" in timer.text("prompt")
    timer.press("f")  # the projector with the most text: three groups and the seven questions
    page.locator('.nt-timer[data-projector="on"]').wait_for()
    controls = timer.root.locator(".nt-controls").bounding_box()
    assert controls["y"] + controls["height"] <= 900
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "timer-projector-sparring.png"))
    timer.press("Escape")
    page.locator('.nt-timer[data-projector="off"]').wait_for()
    timer.forward(MINUTE)
    timer.press("Space")
    timer.wait_status("paused")
    held = timer.seconds()
    assert 538 <= held <= 540
    timer.forward(5 * MINUTE)
    assert timer.seconds() == held and timer.data("status") == "paused" and timer.data("chimes") == "1"
    assert timer.text("state") == "PAUSE"
    timer.press("Space")
    timer.wait_status("running")
    timer.press("+")
    assert held + 59 <= timer.seconds() <= held + 60
    timer.forward(held * SECOND + MINUTE + 5 * SECOND)
    assert timer.data("chimes") == "2" and timer.data("zone") == "overtime"
    expected_used[1] = 60 + held + 60 + 5
    timer.press("ArrowRight")

    # phase 3: inputs, 5 minutes; back and forth keeps each phase's time
    assert timer.text("label") == "Input fra de andre · runde 1 af 2"
    timer.press("ArrowLeft")
    assert timer.text("label") == "Spørgsmål · runde 1 af 2"
    assert timer.seconds() <= -5 and timer.data("chimes") == "2"  # already rung for this phase
    timer.press("ArrowRight")
    assert 298 <= timer.seconds() <= 300
    timer.forward(5 * MINUTE + 5 * SECOND)
    assert timer.data("chimes") == "3"
    expected_used[2] = 5 * 60 + 5
    timer.button("Næste fase →").click()

    # phase 4: closing and thanks, 2 minutes
    assert timer.text("label") == "Afrunding og tak · runde 1 af 2"
    assert "Luk runden af, og sig tak til hinanden." in timer.text("prompt")
    timer.forward(2 * MINUTE + 2 * SECOND)
    assert timer.data("chimes") == "4"
    expected_used[3] = 2 * 60 + 2
    timer.press("ArrowRight")

    # round 2: the next member of each group presents
    assert timer.text("label") == "Udfordringen fremlægges · runde 2 af 2"
    second_round_lines = timer.text("lines")
    assert second_round_lines != first_round_lines and "fremlægger" in second_round_lines
    for index, minutes in enumerate((3, 10, 5, 2), start=4):
        assert timer.text("counter") == f"Fase {index + 1} af 8"
        timer.forward(minutes * MINUTE + 3 * SECOND)
        assert timer.data("chimes") == str(index + 1)
        expected_used[index] = minutes * 60 + 3
        if index < 7:
            timer.press("ArrowRight")
    assert timer.button("Afslut").is_visible()
    shoot(page, "timer-sparring-last-phase")
    timer.button("Afslut").click()
    timer.wait_status("done")
    assert timer.data("zone") == "done" and timer.text("state") == "FÆRDIG – TAK FOR I DAG"
    assert timer.data("chimes") == "8" and timer.data("chimes-played") == "8"
    page.clock.resume()

    # the saved phase log: planned against used, as done
    used_table = page.locator(".nv-timers-used table")
    used_table.get_by_text("Afrunding og tak · runde 2 af 2").wait_for()
    page.locator(".nv-timers-used .nv-chip").wait_for(state="detached")
    runs = runs_of(server, meeting.id)
    assert len(runs) == runs_before + 1
    run = runs[-1]
    assert run.title == item_title and run.kind == "sparring" and run.ended_at is not None
    assert [use.planned_seconds for use in run.phases] == [180, 600, 300, 120] * 2
    assert [use.added_seconds for use in run.phases] == [0, 60, 0, 0, 0, 0, 0, 0]
    for position, seconds in expected_used.items():
        assert run.phases[position].used_seconds == pytest.approx(seconds, abs=0.5), position

    # start over: back to the first phase, ready, nothing running
    timer.button("Forfra").click()
    timer.wait_status("idle")
    assert timer.text("label") == "Udfordringen fremlægges · runde 1 af 2"
    assert timer.text("clock") == "3:00" and timer.data("zone") == "normal" and timer.text("state") == "KLAR"
    assert timer.button("Start").is_visible()


def test_the_display_never_drifts_from_the_deadline_over_twenty_minutes(page, open_app, server):
    timer = open_timer(page, open_app)
    choose_no_meeting(page)
    choose_exercise(page, "Fri timer")
    parts = page.locator(".nv-timers-settings textarea").last
    parts.fill("Første del; 7\nAnden del; 8\nTredje del; 5")
    page.get_by_role("button", name="Vis faserne").click()
    page.locator(".nv-timers-review", has_text="3 faser, i alt 20:00").wait_for()
    runs_before = len(runs_of(server, None))
    timer.button("Start").click()
    timer.wait_status("running")
    pause_clock(page)  # from here only the test moves the clock, and every timer fires on time
    worst, samples, phase_ends = 0.0, 0, 0
    elapsed = 0
    while elapsed < 21 * MINUTE:
        page.clock.run_for(7_777)
        elapsed += 7_777
        shown, now_ms, deadline = page.evaluate(
            "() => { const root = document.querySelector('.nt-timer');"
            " return [root.querySelector('.nt-clock').textContent, Date.now(), Number(root.dataset.deadline)]; }")
        drift = abs(clock_seconds(shown) - (deadline - now_ms) / 1000)
        worst = max(worst, drift)
        samples += 1
        if deadline - now_ms < -3 * SECOND and timer.data("index") != "2":
            phase_ends += 1
            timer.press("ArrowRight")
    assert samples > 150 and phase_ends == 2
    assert worst <= 1.0, f"the display drifted {worst:.3f} s from the deadline"
    assert timer.data("zone") == "overtime" and timer.data("chimes") == "3"
    page.clock.resume()
    timer.press("ArrowRight")
    timer.wait_status("done")
    page.locator(".nv-timers-used table", has_text="Tredje del").wait_for()
    page.locator(".nv-timers-used .nv-chip").wait_for(state="detached")
    runs = runs_of(server, None)
    assert len(runs) == runs_before + 1
    used = [use.used_seconds for use in runs[-1].phases]
    assert sum(used) == pytest.approx(21 * 60, abs=10)
    assert all(use.used_seconds >= use.planned_seconds for use in runs[-1].phases), runs[-1].phases


def test_views_normal_last_minute_overtime_and_projector(page, open_app, shoot, axe):
    """Screenshots to look at; the projector one is of the screen, as the room sees it."""
    timer = open_timer(page, open_app)
    assert timer.text("label") == "Opfølgning 1 af 12"  # the next meeting opens on its follow-up round
    timer.button("Start").click()
    timer.wait_status("running")
    timer.forward(20 * SECOND)
    timer.root.scroll_into_view_if_needed()
    shoot(page, "timer-normal")
    axe(page)
    timer.forward(70 * SECOND)
    assert timer.data("zone") == "last-minute"
    shoot(page, "timer-last-minute")
    timer.forward(45 * SECOND)
    assert timer.data("zone") == "overtime"
    shoot(page, "timer-overtime")
    axe(page)
    timer.press("f")
    page.locator('.nt-timer[data-projector="on"]').wait_for()
    box = timer.root.bounding_box()
    assert box["width"] >= 1300 and box["height"] >= 850  # the whole screen
    font = timer.root.locator(".nt-clock").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert font >= 200  # readable from the back of a room
    controls = timer.root.locator(".nt-controls").bounding_box()
    assert controls["y"] + controls["height"] <= 900  # the controls stay on the screen
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "timer-projector.png"))
    axe(page)
    timer.press("Escape")
    page.locator('.nt-timer[data-projector="off"]').wait_for()


def test_phone_view(phone, open_app, shoot):
    timer = open_timer(phone, open_app)
    timer.root.scroll_into_view_if_needed()
    timer.button("Start").click()
    timer.wait_status("running")
    timer.forward(65 * SECOND)
    assert timer.data("zone") == "last-minute"
    shoot(phone, "timer-phone")
    overflow = timer.root.evaluate("e => e.scrollWidth - e.clientWidth")
    assert overflow <= 1, f"the timer is {overflow} px too wide for a phone"


# Headless Chromium lets every page play sound, whatever --autoplay-policy says. A browser that waits for a
# gesture hands out AudioContexts in the "suspended" state; this puts each real AudioContext in that state
# with its own suspend(), so the page meets what a laptop's browser does.
SUSPENDED_AUDIO = """
(() => {
  const Real = window.AudioContext;
  window.AudioContext = class extends Real {
    constructor(...args) { super(...args); this.suspend(); }
  };
})();
"""


def test_tap_to_enable_sound_where_the_browser_requires_a_gesture(page, open_app, axe):
    page.add_init_script(SUSPENDED_AUDIO)
    timer = open_timer(page, open_app)
    page.locator('.nt-timer[data-sound="blocked"]').wait_for()
    enable = timer.button("Tryk for at slå lyd til")
    assert enable.is_visible()
    axe(page)
    enable.click()
    page.locator('.nt-timer[data-sound="on"]').wait_for()
    assert not enable.is_visible()
    timer.button("Slå lyd fra").click()
    page.locator('.nt-timer[data-sound="off"]').wait_for()
    timer.button("Start").click()
    timer.forward(2 * MINUTE + SECOND)
    assert timer.data("chimes") == "1" and timer.data("chimes-played") == "0"  # muted: counted, not played
    timer.button("Slå lyd til").click()
    timer.press("ArrowRight")
    timer.forward(2 * MINUTE + SECOND)
    assert timer.data("chimes") == "2" and timer.data("chimes-played") == "1"


def test_a_bad_free_program_is_refused_at_the_field_and_typed_text_is_escaped(page, open_app):
    timer = open_timer(page, open_app)
    choose_no_meeting(page)
    choose_exercise(page, "Fri timer")
    parts = page.locator(".nv-timers-settings textarea").last
    parts.fill("Kaffe; 10\nFrokost; en halv time")
    page.get_by_role("button", name="Vis faserne").click()
    error = page.locator(".nv-timers-settings .nv-field-error", has_text="linje 2")
    error.wait_for()
    assert "'en halv time'" in error.inner_text()
    assert timer.text("title") == "Fri timer"  # the timer keeps its program
    parts.fill('<img src=x onerror="window.__pwned=1">Kaffe; 10')
    page.get_by_role("button", name="Vis faserne").click()
    page.locator(".nv-timers-review", has_text='<img src=x onerror="window.__pwned=1">Kaffe').wait_for()
    assert timer.text("label") == '<img src=x onerror="window.__pwned=1">Kaffe'
    assert page.evaluate("window.__pwned") is None
