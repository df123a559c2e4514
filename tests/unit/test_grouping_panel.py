"""The grouping panel's rules in Python, as a widget event would reach them (no browser needed)."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest

from netvaerk_lib.apps.interviews import InterviewsApp
from netvaerk_lib.apps.sparring import SparringApp
from netvaerk_lib.model import Attendance, Meeting, Member, Network
from netvaerk_lib.store import Store
from netvaerk_lib.ui.grouping_panel import GroupingPanel

HOSTILE = '<img src=x onerror="window.__pwned=1">Eva'


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "panel.sqlite") as opened:
        network = opened.add_network(Network(name="Panelnetværk"))
        names = ["Anna", "Bo", "Carl", "Dorte", "Finn", "Gry", "Hans", HOSTILE]
        kinds = ["dentist", "vet", "psychologist", "dentist", "vet", "psychologist", "dentist", "vet"]
        opened.add_members(network.id, [Member(name=n, practice_type=k, region="hovedstaden")
                                        for n, k in zip(names, kinds, strict=True)])
        meeting = opened.add_meeting(Meeting(network_id=network.id, starts_at=dt.datetime(2030, 3, 7, 17),
                                             length_minutes=180))
        hans = next(m for m in opened.list_members(network.id) if m.name == "Hans")
        opened.set_attendance(Attendance(meeting.id, hans.id, "cancelled", dt.datetime(2030, 3, 1, 9)))
        yield opened


def groups_of(panel):
    return [tuple(group) for group in panel.schedule[0]]


def test_present_defaults_to_attendance_and_typed_names_are_escaped(store):
    app = InterviewsApp(store)
    panel = app.panel
    present = {panel.members[i].name for i in panel._present_ids()}
    assert "Hans" not in present and len(present) == 7  # Hans cancelled
    panel.generate_button.click()
    assert HOSTILE not in panel.view.value
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;Eva" in panel.view.value
    assert sorted(len(g) for g in groups_of(panel)) == [2, 2, 3]


def test_competitors_are_kept_apart(store):
    panel = InterviewsApp(store).panel
    panel.generate_button.click()
    for group in groups_of(panel):
        kinds = [panel.members[m].practice_type for m in group]
        assert len(kinds) == len(set(kinds))  # same type, same region: never together


def test_swap_is_checked_again_in_python(store):
    app = InterviewsApp(store)
    panel = app.panel
    panel.swap_button.click()  # a disabled button can still be clicked by a browser
    assert "Lav grupper først" in app.messages.value
    panel.generate_button.click()
    first_group = groups_of(panel)[0]
    panel.swap_first.value, panel.swap_second.value = first_group[0], first_group[1]
    panel.swap_button.click()
    assert "allerede i samme gruppe" in app.messages.value
    panel.swap_first.value = panel.swap_second.value = first_group[0]
    panel.swap_button.click()
    assert "Vælg to personer" in app.messages.value
    hans = next(m for m in panel.members.values() if m.name == "Hans")
    panel.swap_first.options = [*panel.swap_first.options, ("Hans", hans.id)]
    panel.swap_first.value = hans.id  # not present: a forged value
    panel.swap_button.click()
    assert "Vælg to personer" in app.messages.value
    assert hans.id not in {m for g in groups_of(panel) for m in g}


def test_lock_then_generate_avoids_locked_pairs_and_unlock_forgets_them(store):
    app = InterviewsApp(store)
    panel = app.panel
    panel.generate_button.click()
    panel.lock_button.click()
    assert "Låst og gemt" in app.messages.value
    panel.lock_button.click()  # twice: refused, nothing saved twice
    assert "låst" in app.messages.value
    network = panel.network
    assert len(store.list_groupings(network.id)) == 1
    locked = {frozenset(p) for g in groups_of(panel) for p in combinations(g, 2)}
    panel.generate_button.click()
    assert not locked & {frozenset(p) for g in groups_of(panel) for p in combinations(g, 2)}
    panel.unlock_button.click()
    assert store.list_groupings(network.id) == []


def test_forged_round_count_and_size_are_refused(store):
    app = SparringApp(store)
    panel = app.panel
    panel.rounds.options = [1, 2, 3, 4, 99]
    panel.rounds.value = 99
    panel.generate_button.click()
    assert "Antal runder" in app.messages.value
    assert panel.schedule is None


def test_no_meetings_says_so(tmp_path):
    with Store(tmp_path / "empty.sqlite") as store:
        network = store.add_network(Network(name="Tomt"))
        store.add_member(network.id, Member(name="Anna", practice_type="vet"))
        app = InterviewsApp(store)
        assert "ingen møder" in app.messages.value
        app.panel.generate_button.click()
        assert "ingen møder" in app.messages.value


def test_panel_can_be_embedded_with_a_given_meeting(store):
    network = store.default_network()
    meeting = store.list_meetings(network.id)[0]
    messages = []
    panel = GroupingPanel(store, "sparring", network, say=lambda text, kind="info": messages.append(text),
                          guarded=lambda f: f, meeting_id=meeting.id)
    panel.generate_button.click()
    assert panel.seating and all(3 <= len(seats) <= 4 for seats in panel.seating[0])
