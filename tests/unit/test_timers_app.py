"""The Øvelsestimer app's Python side on a real demo database: choices, checks at the fields, escaping, locks.

Widgets are found by role and label (``netvaerk_lib.ui.finder``) and driven as the browser drives them: a value
set, a button clicked, the timer's own message sent through its comm."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from netvaerk_lib.apps.timers import TimerApp
from netvaerk_lib.demo import create_demo
from netvaerk_lib.grouping.locking import lock_grouping
from netvaerk_lib.grouping.roles import sparring_seating
from netvaerk_lib.model.grouping import Seat
from netvaerk_lib.store import Store
from netvaerk_lib.timers.exercises import clock_text
from netvaerk_lib.timers.sources import present_members
from netvaerk_lib.timezone import now
from netvaerk_lib.ui.finder import find, find_all, visible
from netvaerk_lib.widgets.timer import TimerWidget

MINUTES = "Minutter pr. person"
NAMES = "Deltagere, én pr. linje i den rækkefølge, de skal tale *"
GROUPS = "Grupper, én pr. linje, navne adskilt af komma *"
PARTS = "Faser, én pr. linje: navn; minutter *"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "netvaerk.sqlite") as opened:
        create_demo(opened)
        yield opened


def choose(app, label: str, fragment: str) -> None:
    dropdown = find(app, widgets.Dropdown, label)
    dropdown.value = next(value for text, value in dropdown.options if fragment in text)


def program(app) -> dict:
    return find(app, TimerWidget).program


def build(app) -> None:
    find(app, widgets.Button, "Vis faserne").click()


def field_box(app, label: str) -> widgets.VBox:
    """The field around the input labelled ``label``: the input and its error line."""
    widget = find(app, widgets.Widget, label)
    return next(box for box in find_all(app, widgets.VBox) if widget in box.children)


def error_at(app, label: str) -> str:
    return find(field_box(app, label), widgets.HTML).value


def review(app) -> str:
    return find(app, widgets.HTML, "faser, i alt", exact=False).value


def browser_sends(timer: TimerWidget, content: dict) -> None:
    """A message from the timer in the browser (``model.send``), through the widget's comm."""
    timer.comm.handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": []})


def test_opens_on_the_next_meeting_with_its_first_exercise(store):
    app = TimerApp(store)
    upcoming = store.next_meeting(store.default_network().id, now())
    assert find(app, widgets.Dropdown, "Møde").value == upcoming.id
    assert program(app)["kind"] == "presentation"
    assert len(program(app)["phases"]) == len(present_members(store, upcoming.id))
    choose(app, "Øvelse", "Dagsorden: Sparringsøvelse")
    assert program(app)["kind"] == "sparring" and len(program(app)["phases"]) == 8


def test_bad_values_are_shown_at_their_field_and_the_timer_keeps_its_program(store):
    app = TimerApp(store)
    before = program(app)
    find(app, widgets.Text, MINUTES).value = "to"
    build(app)
    assert "Minutter" in error_at(app, MINUTES) and "nv-error" in app.messages.value
    assert program(app) == before
    find(app, widgets.Text, MINUTES).value = "1,5"
    find(app, widgets.Textarea, NAMES).value = "Anna\n<b>Bo</b>\nAnna"
    build(app)
    assert "&#x27;Anna&#x27; står der mere end én gang" in error_at(app, NAMES)
    find(app, widgets.Textarea, NAMES).value = "Anna\n<b>Bo</b>"
    build(app)
    assert program(app)["phases"][1]["seconds"] == 90
    assert error_at(app, NAMES) == "" and error_at(app, MINUTES) == "" and app.messages.value == ""
    assert "&lt;b&gt;Bo&lt;/b&gt;" in review(app) and "<b>Bo</b>" not in review(app)


def test_a_locked_grouping_is_offered_and_used(store):
    app = TimerApp(store)
    meeting_id = find(app, widgets.Dropdown, "Møde").value
    members = present_members(store, meeting_id)
    seating = [[[Seat(m.id, role) for m, role in zip(members[i:i + 3], ("case_giver", "questioner", "note_taker"),
                                                       strict=True)] for i in (0, 3, 6)]]
    lock_grouping(store, meeting_id, "sparring", seating)
    choose(app, "Øvelse", "Præsentationsrunde")
    choose(app, "Øvelse", "Dagsorden: Sparringsøvelse")
    use_locked = find(app, widgets.Checkbox, "Brug de låste grupper fra Sparringsgrupper")
    assert visible(next(box for box in find_all(app, widgets.VBox) if use_locked in box.children))
    assert use_locked.value is True
    assert not visible(field_box(app, GROUPS))
    assert len(program(app)["phases"]) == 4  # the lock has one round of three groups
    assert program(app)["phases"][0]["people"] == [members[0].name, members[3].name, members[6].name]
    use_locked.value = False
    assert visible(field_box(app, GROUPS))
    assert len(program(app)["phases"]) == 8  # back to the typed groups: two rounds


def test_no_lock_no_offer(store):
    app = TimerApp(store)
    choose(app, "Øvelse", "Dagsorden: Sparringsøvelse")
    use_locked = find(app, widgets.Checkbox)
    assert not visible(next(box for box in find_all(app, widgets.VBox) if use_locked in box.children))
    assert visible(field_box(app, GROUPS)) and not visible(field_box(app, NAMES))
    assert find(app, widgets.HTML, "Lås grupperne i Sparringsgrupper", exact=False)


def test_the_timer_gives_the_case_to_the_same_member_per_round_as_the_lock(store):
    app = TimerApp(store)
    meeting_id = find(app, widgets.Dropdown, "Møde").value
    members = present_members(store, meeting_id)[:11]
    groups = [tuple(m.id for m in members[i:i + size]) for i, size in ((0, 4), (4, 4), (8, 3))]
    seating = sparring_seating(groups, 4, seed=2)
    lock_grouping(store, meeting_id, "sparring", seating)
    choose(app, "Øvelse", "Præsentationsrunde")
    choose(app, "Øvelse", "Dagsorden: Sparringsøvelse")
    names = {m.id: m.name for m in members}
    cases = [phase["people"] for phase in program(app)["phases"] if phase["kind"] == "case"]
    assert cases == [[names[next(s.member for s in seats if s.role == "case_giver")] if seats[0].role != "done"
                      else "" for seats in round_groups] for round_groups in seating]
    assert cases[3][2] == ""  # the triad is done after three rounds
    # four rounds of 20 minutes do not fit the 40 minutes of the agenda item: said where the lock is offered
    assert find(app, widgets.HTML, "Runderne tager i alt 80 min., men punktet på dagsordenen har 40 min.",
                exact=False)


def test_minutes_per_round_fill_in_the_parts_and_a_bad_number_is_refused_there(store):
    app = TimerApp(store)
    choose(app, "Øvelse", "Dagsorden: Sparringsøvelse")
    total = find(app, widgets.Text, "Minutter pr. runde")
    total.value = "36"
    assert [find(app, widgets.Text, label).value for label in (
        "Minutter til at fremlægge udfordringen", "Minutter til spørgsmål", "Minutter til input fra de andre",
        "Minutter til afrunding og tak")] == ["6", "18", "8", "4"]
    total.value = "mange"
    assert "Minutter pr. runde" in error_at(app, "Minutter pr. runde")
    total.value = "18"
    assert error_at(app, "Minutter pr. runde") == ""


def test_free_use_without_a_meeting_is_saved_without_one(store):
    app = TimerApp(store)
    find(app, widgets.Dropdown, "Møde").value = 0
    choose(app, "Øvelse", "Fri timer")
    find(app, widgets.Textarea, PARTS).value = "Kaffe; 1"
    build(app)
    timer = find(app, TimerWidget)
    browser_sends(timer, {"event": "start", "index": 0, "used_ms": 0, "added_ms": 0})
    browser_sends(timer, {"event": "finish", "index": 0, "used_ms": 61_500, "added_ms": 0})
    [run] = store.timer_runs(None)
    assert run.phases[0].label == "Kaffe" and run.phases[0].used_seconds == 61.5
    used = find(app, widgets.HTML, "Brugt Forskel", exact=False)
    assert "1:02" in used.value and "+0:02" in used.value


def test_a_forged_exercise_is_refused_and_changes_nothing(store):
    app = TimerApp(store)
    before = program(app)
    exercise = find(app, widgets.Dropdown, "Øvelse")
    exercise.options = [*exercise.options, ("Falsk", "item:99")]
    exercise.value = "item:99"
    assert "Vælg en øvelse fra listen" in app.messages.value
    assert program(app) == before


def test_clock_text():
    assert [clock_text(s) for s in (0, 59.6, 125, 3723, -5)] == ["0:00", "1:00", "2:05", "1:02:03", "-0:05"]
