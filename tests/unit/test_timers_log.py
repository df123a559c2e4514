"""The phase log: browser events checked in Python, saved with the meeting as planned against used time."""

from __future__ import annotations

import datetime as dt

import pytest

from netvaerk_lib.model import Attendance, Meeting, Member, Network
from netvaerk_lib.store import Store
from netvaerk_lib.texts import catalogue
from netvaerk_lib.timers import BadEvent, PhaseLog, presentation_round, sparring_rounds
from netvaerk_lib.timers.sources import StoreRecorder, present_names
from netvaerk_lib.widgets.timer import TEXT_KEYS, TimerWidget, widget_texts

MINUTE = 60_000


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "netvaerk.sqlite") as opened:
        yield opened


@pytest.fixture
def meeting(store):
    network = store.add_network(Network(name="Netværk Fyn"))
    names = ["Anna Holm", "Bo Lund", "Carl Dam", "Dorte Krog", "Eva Berg", "Finn Juul", "Gitte Bech", "Hans Ravn",
             "Ida Skov", "Jens Friis", "Karen Lind", "Lone Bak", "Mads Kjær"]
    members = store.add_members(network.id, [Member(name=name, practice_type="dentist") for name in names])
    held = store.add_meeting(Meeting(network_id=network.id, starts_at=dt.datetime(2026, 3, 5, 17), length_minutes=180))
    for member in members[11:]:
        store.set_attendance(Attendance(held.id, member.id, "cancelled", dt.datetime(2026, 3, 1, 9)))
    return held, members


def event(name, index, used_ms=0, added_ms=0):
    return {"event": name, "index": index, "used_ms": used_ms, "added_ms": added_ms}


def test_eleven_of_thirteen_present_give_eleven_presentation_phases(store, meeting):
    held, members = meeting
    names = present_names(store, held.id)
    assert len(names) == 11
    assert "Lone Bak" not in names and "Mads Kjær" not in names
    program = presentation_round(names)
    assert len(program.phases) == 11 and {p.seconds for p in program.phases} == {120}
    # once attendance is taken, only those registered present count
    for member in members[:5]:
        store.set_attendance(Attendance(held.id, member.id, "present"))
    assert present_names(store, held.id) == sorted(m.name for m in members[:5])


def test_a_run_is_saved_with_the_meeting_planned_against_used(store, meeting):
    held, _ = meeting
    program = sparring_rounds([["Anna", "Bo", "Carl"], ["Dorte", "Eva", "Finn", "Gitte"]])
    log = PhaseLog(program, StoreRecorder(store, program, meeting_id=held.id))
    log.apply(event("start", 0))
    log.apply(event("next", 0, used_ms=200_400))                  # case: 3:20 of 3:00
    log.apply(event("pause", 1, used_ms=120_000))
    log.apply(event("resume", 1, used_ms=120_000))
    log.apply(event("extend", 1, used_ms=300_000, added_ms=MINUTE))
    log.apply(event("next", 1, used_ms=600_000, added_ms=MINUTE))  # questions: 10:00 of 9:00 + 1
    log.apply(event("previous", 2, used_ms=5_000))
    log.apply(event("next", 1, used_ms=610_000, added_ms=MINUTE))
    log.apply(event("next", 2, used_ms=245_000))
    log.apply(event("finish", 3, used_ms=100_000))
    assert log.status == "done"

    [run] = store.timer_runs(held.id)
    assert run.kind == "sparring" and run.title == "Sparringsøvelse" and run.ended_at is not None
    assert [(u.label, u.planned_seconds, u.added_seconds, u.used_seconds) for u in run.phases] == [
        ("Udfordringen fremlægges", 180, 0, 200.4),
        ("Spørgsmål", 540, 60, 610.0),
        ("Input fra de andre", 240, 0, 245.0),
        ("Afrunding og tak", 120, 0, 100.0),
    ]
    assert run.phases[0].overtime_seconds == pytest.approx(20.4)
    assert run.phases[1].overtime_seconds == pytest.approx(10.0)
    assert run.phases[3].overtime_seconds == 0
    assert run.planned_seconds == 18 * 60 and run.used_seconds == pytest.approx(1155.4)
    assert store.timer_runs(None) == []
    # no names in the log: a member's erasure leaves nothing behind here
    rows = store.query("SELECT * FROM timer_phase_log")
    assert not any("Anna" in str(value) for row in rows for value in tuple(row))


def test_reset_ends_the_run_and_the_next_start_begins_another(store, meeting):
    held, _ = meeting
    program = presentation_round(["Anna", "Bo"])
    log = PhaseLog(program, StoreRecorder(store, program, meeting_id=held.id))
    log.apply(event("start", 0))
    log.apply(event("reset", 0, used_ms=30_000))
    assert (log.status, log.index) == ("idle", 0)
    log.apply(event("start", 0))
    log.apply(event("next", 0, used_ms=125_000))
    first, second = store.timer_runs(held.id)
    assert first.ended_at is not None and first.phases[0].used_seconds == 30
    assert second.ended_at is None and second.phases[0].used_seconds == 125 and second.phases[1].used_seconds == 0
    assert store.get_timer_run(second.id) == second
    with pytest.raises(KeyError):
        store.get_timer_run(9999)


@pytest.mark.parametrize("bad", [
    "not a dict",
    {"event": "explode", "index": 0, "used_ms": 0, "added_ms": 0},
    event("pause", 7),
    event("pause", -1),
    {"event": "pause", "index": True, "used_ms": 0, "added_ms": 0},
    event("pause", 0, used_ms=-5),
    event("pause", 0, used_ms=float("nan")),
    event("pause", 0, used_ms="12"),
    event("pause", 0, used_ms=10**12),
    event("pause", 0, added_ms=30_000),
    event("previous", 0),
    event("next", 2),
    event("finish", 1),
    event("start", 0),
    event("resume", 0),
    event("reopen", 2),
])
def test_the_browser_cannot_break_the_rules(bad):
    program = presentation_round(["Anna", "Bo", "Carl"])
    log = PhaseLog(program)
    log.apply(event("start", 0))
    before = [(u.used_seconds, u.added_seconds) for u in log.uses], log.status, log.index
    with pytest.raises(BadEvent):
        log.apply(bad)
    assert ([(u.used_seconds, u.added_seconds) for u in log.uses], log.status, log.index) == before


def test_moves_before_the_start_log_nothing_and_done_is_final_until_reopened():
    program = presentation_round(["Anna", "Bo"])
    log = PhaseLog(program)
    log.apply(event("next", 0))
    log.apply(event("extend", 1, added_ms=MINUTE))
    assert (log.status, log.index, log.runs) == ("idle", 1, 0)
    with pytest.raises(BadEvent):
        log.apply(event("pause", 1))
    log.apply(event("start", 1))
    log.apply(event("finish", 1, used_ms=90_000, added_ms=MINUTE))
    assert log.uses[1].added_seconds == 60 and log.uses[1].used_seconds == 90
    with pytest.raises(BadEvent):
        log.apply(event("next", 1))
    log.apply(event("reopen", 1, used_ms=90_000, added_ms=MINUTE))
    assert log.status == "paused"
    log.apply(event("resume", 1, used_ms=90_000, added_ms=MINUTE))
    log.apply(event("finish", 1, used_ms=95_000, added_ms=MINUTE))
    log.apply(event("reset", 1, used_ms=95_000, added_ms=MINUTE))
    assert (log.status, log.index) == ("idle", 0)


def test_the_widget_checks_events_and_tells_listeners(store, meeting):
    held, _ = meeting
    program = presentation_round(["Anna", "Bo"])
    widget = TimerWidget(program, StoreRecorder(store, program, meeting_id=held.id))
    seen = []
    widget.on_event(lambda name, log: seen.append((name, log.index)))
    assert widget.program["phases"][0]["speaker"] == "Anna"
    widget._on_message(widget, event("start", 0), [])
    widget._on_message(widget, event("next", 0, used_ms=121_000), [])
    widget._on_message(widget, {"event": "next", "index": 5}, [])
    assert seen == [("start", 0), ("next", 1)]
    assert (widget.status, widget.phase_index, widget.refused) == ("running", 1, 1)
    [run] = store.timer_runs(held.id)
    assert run.phases[0].used_seconds == 121
    serial = widget.program["serial"]
    widget.load(presentation_round(["Carl"]))
    assert widget.program["serial"] == serial + 1 and widget.status == "idle"
    [ended] = store.timer_runs(held.id)
    assert ended.ended_at is not None  # another program ends the run that was going


def test_widget_texts_come_from_both_catalogues():
    for lang in ("da", "en"):
        assert all(catalogue(lang).get(f"timers.widget.{key}") for key in TEXT_KEYS)
    texts = widget_texts()
    assert texts["enable_sound"] == "Tryk for at slå lyd til"
    assert "{next}" in texts["overtime_hint"]


def test_timers_po_pair_has_the_same_keys():
    from babel.messages.pofile import read_po

    from netvaerk_lib.texts import LOCALE_DIR as locale

    keys = {}
    for lang in ("da", "en"):
        with (locale / lang / "timers.po").open("rb") as handle:
            keys[lang] = {m.id for m in read_po(handle) if m.id}
    assert keys["da"] == keys["en"]
    assert all(key.startswith("timers.") for key in keys["da"])
