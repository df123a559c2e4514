"""The grouping panel's rules in Python, as a widget event would reach them (no browser needed)."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import ipywidgets as widgets
import pytest

from netvaerk_lib.apps.interviews import InterviewsApp
from netvaerk_lib.apps.sparring import SparringApp
from netvaerk_lib.model import Attendance, Meeting, Member, Network
from netvaerk_lib.store import Store
from netvaerk_lib.ui.finder import find, find_all, visible
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


def press(panel, label: str) -> None:
    find(panel, widgets.Button, label).click()


def test_present_defaults_to_attendance_and_typed_names_are_escaped(store):
    app = InterviewsApp(store)
    panel = app.panel
    apart = find(panel, widgets.Checkbox, "konkurrenter", exact=False)
    present = {box.description for box in find_all(panel, widgets.Checkbox) if box.value and box is not apart}
    assert "Hans" not in present and len(present) == 7  # Hans cancelled
    assert find(panel, widgets.HTML, "7 til stede")
    press(panel, "Lav grupper")
    view = find(panel, widgets.HTML, "Gruppe 1", exact=False).value
    assert HOSTILE not in view
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;Eva" in view
    assert sorted(len(g) for g in groups_of(panel)) == [2, 2, 3]


def test_competitors_are_kept_apart(store):
    panel = InterviewsApp(store).panel
    press(panel, "Lav grupper")
    for group in groups_of(panel):
        kinds = [panel.members[m].practice_type for m in group]
        assert len(kinds) == len(set(kinds))  # same type, same region: never together


def test_swap_is_checked_again_in_python(store):
    app = InterviewsApp(store)
    panel = app.panel
    press(panel, "Byt")  # a disabled button can still be clicked by a browser
    assert "Lav grupper først" in app.messages.value
    press(panel, "Lav grupper")
    first_group = groups_of(panel)[0]
    first, second = find(panel, widgets.Dropdown, "Byt"), find(panel, widgets.Dropdown, "med")
    first.value, second.value = first_group[0], first_group[1]
    press(panel, "Byt")
    assert "allerede i samme gruppe" in app.messages.value
    first.value = second.value = first_group[0]
    press(panel, "Byt")
    assert "Vælg to personer" in app.messages.value
    hans = next(m for m in panel.members.values() if m.name == "Hans")
    first.options = [*first.options, ("Hans", hans.id)]
    first.value = hans.id  # not present: a forged value
    press(panel, "Byt")
    assert "Vælg to personer" in app.messages.value
    assert hans.id not in {m for g in groups_of(panel) for m in g}


def test_a_swap_moves_the_two_people_and_says_so(store):
    app = InterviewsApp(store)
    panel = app.panel
    press(panel, "Lav grupper")
    one, other = groups_of(panel)[0][0], groups_of(panel)[1][0]
    find(panel, widgets.Dropdown, "Byt").value = one
    find(panel, widgets.Dropdown, "med").value = other
    press(panel, "Byt")
    assert other in groups_of(panel)[0] and one in groups_of(panel)[1]
    assert "har byttet plads" in app.messages.value


def test_lock_then_generate_avoids_locked_pairs_and_unlock_forgets_them(store):
    app = InterviewsApp(store)
    panel = app.panel
    assert find(panel, widgets.Button, "Fjern den senest låste").disabled
    press(panel, "Lav grupper")
    press(panel, "Lås og gem")
    assert "Låst og gemt" in app.messages.value
    assert panel.locked and find(panel, widgets.Button, "Lås og gem").disabled
    assert find(panel, widgets.HTML, "Låst til dette møde: 1")
    press(panel, "Lås og gem")  # twice: refused, nothing saved twice
    assert "låst" in app.messages.value
    network = panel.network
    assert len(store.list_groupings(network.id)) == 1
    locked = {frozenset(p) for g in groups_of(panel) for p in combinations(g, 2)}
    press(panel, "Lav grupper")
    assert not panel.locked
    assert not locked & {frozenset(p) for g in groups_of(panel) for p in combinations(g, 2)}
    press(panel, "Fjern den senest låste")
    assert store.list_groupings(network.id) == []
    assert find(panel, widgets.Button, "Fjern den senest låste").disabled


def test_forged_round_count_and_size_are_refused(store):
    app = SparringApp(store)
    panel = app.panel
    rounds = find(panel, widgets.Dropdown, "Runder")
    rounds.options = [1, 2, 3, 4, 99]
    rounds.value = 99
    press(panel, "Lav grupper")
    assert "Antal runder" in app.messages.value
    assert panel.schedule is None


def test_no_meetings_says_so(tmp_path):
    with Store(tmp_path / "empty.sqlite") as store:
        network = store.add_network(Network(name="Tomt"))
        store.add_member(network.id, Member(name="Anna", practice_type="vet"))
        app = InterviewsApp(store)
        assert "ingen møder" in app.messages.value
        press(app.panel, "Lav grupper")
        assert "ingen møder" in app.messages.value


def test_panel_can_be_embedded_with_a_given_meeting_and_tells_of_changed_groups(store):
    network = store.default_network()
    meeting = store.list_meetings(network.id)[0]
    messages, changes = [], []
    panel = GroupingPanel(store, "sparring", network, say=lambda text, kind="info": messages.append(text),
                          guarded=lambda f: f, meeting_id=meeting.id, choose_meeting=False,
                          on_groups_changed=lambda shown: changes.append(shown.seating))
    assert not visible(find(panel, widgets.Dropdown, "Møde"))
    panel.generate()  # a public action: the dashboard's own doing, not reported back to it
    assert panel.seating and all(3 <= len(seats) <= 4 for seats in panel.seating[0])
    assert changes == []
    press(panel, "Andet forslag")  # the person's doing: the dashboard hears of it
    assert changes == [panel.seating]
    press(panel, "Lås og gem")
    assert len(changes) == 2 and panel.locked


def test_present_is_set_by_the_embedding_dashboard(store):
    network = store.default_network()
    panel = GroupingPanel(store, "interview", network, say=lambda text, kind="info": None, guarded=lambda f: f)
    chosen = [m.id for m in store.list_members(network.id)][:4]
    panel.set_present(chosen)
    assert find(panel, widgets.HTML, "4 til stede")
    ticked = {box.description for box in find_all(panel, widgets.Checkbox) if box.value}
    assert {panel.members[m].name for m in chosen} <= ticked
    panel.generate()
    assert panel.placed() == set(chosen)


def test_the_projector_view_is_a_toggle(store):
    panel = InterviewsApp(store).panel
    press(panel, "Vis stort på projektor")
    assert "nv-grouping-projector" in panel.widget._dom_classes
    press(panel, "Tilbage til redigering")
    assert "nv-grouping-projector" not in panel.widget._dom_classes


def test_the_panel_says_a_grouping_is_proven_optimal_and_another_proposal_differs(store):
    panel = InterviewsApp(store).panel
    press(panel, "Lav grupper")
    first = sorted(map(sorted, panel.schedule[0]))
    assert find(panel, widgets.HTML, "Bevist optimal", exact=False)
    press(panel, "Andet forslag")
    assert sorted(map(sorted, panel.schedule[0])) != first
    lines = find(panel, widgets.HTML, "Bevist optimal", exact=False).value
    assert any(phrase in lines for phrase in ("Et andet forslag, lige så godt som det forrige",
                                              "Der findes kun én optimal inddeling"))
