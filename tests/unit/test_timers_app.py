"""The Øvelsestimer app's Python side on a real demo database: choices, checks at the fields, escaping, locks."""

from __future__ import annotations

import pytest

from netvaerk_lib.apps.timers import TimerApp, clock_text
from netvaerk_lib.demo import create_demo
from netvaerk_lib.grouping.locking import lock_grouping
from netvaerk_lib.model.grouping import Seat
from netvaerk_lib.store import Store
from netvaerk_lib.timers.sources import present_members
from netvaerk_lib.timezone import now


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "netvaerk.sqlite") as opened:
        create_demo(opened)
        yield opened


def choose(app, fragment: str) -> None:
    app.exercise.value = next(value for label, value in app.exercise.options if fragment in label)


def test_opens_on_the_next_meeting_with_its_first_exercise(store):
    app = TimerApp(store)
    upcoming = store.next_meeting(store.default_network().id, now())
    assert app.meeting.value == upcoming.id
    assert app.timer is not None and app.timer.program["kind"] == "presentation"
    assert len(app.timer.program["phases"]) == len(present_members(store, upcoming.id))
    choose(app, "Dagsorden: Sparringsøvelse")
    assert app.timer.program["kind"] == "sparring" and len(app.timer.program["phases"]) == 8


def test_bad_values_are_shown_at_their_field_and_the_timer_keeps_its_program(store):
    app = TimerApp(store)
    before = app.timer.program
    fields = app.settings.fields
    fields["minutes"].widget.value = "to"
    app._build()
    assert "Minutter" in fields["minutes"].error.value and "nv-error" in app.messages.value
    assert app.timer.program == before
    fields["minutes"].widget.value = "1,5"
    fields["names"].widget.value = "Anna\n<b>Bo</b>\nAnna"
    app._build()
    assert "&#x27;Anna&#x27; står der mere end én gang" in fields["names"].error.value
    fields["names"].widget.value = "Anna\n<b>Bo</b>"
    app._build()
    assert app.timer.program["phases"][1]["seconds"] == 90
    assert "&lt;b&gt;Bo&lt;/b&gt;" in app.review.value and "<b>Bo</b>" not in app.review.value


def test_a_locked_grouping_is_offered_and_used(store):
    app = TimerApp(store)
    meeting_id = app.meeting.value
    members = present_members(store, meeting_id)
    seating = [[[Seat(m.id, role) for m, role in zip(members[i:i + 3], ("case_giver", "questioner", "note_taker"),
                                                       strict=True)] for i in (0, 3, 6)]]
    lock_grouping(store, meeting_id, "sparring", seating)
    choose(app, "Præsentationsrunde")
    choose(app, "Dagsorden: Sparringsøvelse")
    assert app.locked_box.layout.display is None and app.use_locked.value is True
    assert app.settings.fields["groups"].box.layout.display == "none"
    assert len(app.timer.program["phases"]) == 4  # the lock has one round of three groups
    assert app.timer.program["phases"][0]["people"] == [members[0].name, members[3].name, members[6].name]
    app.use_locked.value = False
    assert app.settings.fields["groups"].box.layout.display is None
    assert len(app.timer.program["phases"]) == 8  # back to the typed groups: two rounds


def test_free_use_without_a_meeting_is_saved_without_one(store):
    app = TimerApp(store)
    app.meeting.value = 0
    choose(app, "Fri timer")
    app.settings.fields["parts"].widget.value = "Kaffe; 1"
    app._build()
    timer = app.timer
    timer._on_message(timer, {"event": "start", "index": 0, "used_ms": 0, "added_ms": 0}, [])
    timer._on_message(timer, {"event": "finish", "index": 0, "used_ms": 61_500, "added_ms": 0}, [])
    [run] = store.timer_runs(None)
    assert run.phases[0].label == "Kaffe" and run.phases[0].used_seconds == 61.5
    assert "1:02" in app.used.value and "+0:02" in app.used.value


def test_clock_text():
    assert [clock_text(s) for s in (0, 59.6, 125, 3723, -5)] == ["0:00", "1:00", "2:05", "1:02:03", "-0:05"]
