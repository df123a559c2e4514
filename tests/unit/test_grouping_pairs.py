"""The network's own pairs (keep apart, keep together): checked when added, stored per network, honoured by
every grouping the panel makes, and explained when they cannot hold."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import ipywidgets as widgets
import pytest

from netvaerk_lib.apps.interviews import InterviewsApp
from netvaerk_lib.apps.sparring import SparringApp
from netvaerk_lib.grouping.pairs import add_pair, broken_pairs, remove_pair, rule_pairs, together_groups
from netvaerk_lib.model import Meeting, Member, Network, ValidationError
from netvaerk_lib.model.grouping import APART, CASE_GIVER, TOGETHER
from netvaerk_lib.store import Store
from netvaerk_lib.ui.finder import find

NAMES = ["Anna", "Bo", "Carl", "Dorte", "Eva", "Finn", "Gry", "Hans", "Ida", "Jens", "Karen", "Lars"]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pairs.sqlite") as opened:
        network = opened.add_network(Network(name="Parnetværk"))
        opened.add_members(network.id, [Member(name=n, practice_type="vet" if i % 2 else "dentist",
                                               region=("hovedstaden", "midtjylland", "syddanmark")[i % 3])
                                        for i, n in enumerate(NAMES)])
        opened.add_meeting(Meeting(network_id=network.id, starts_at=dt.datetime(2030, 3, 7, 17), length_minutes=180))
        yield opened


def ids(store) -> dict[str, int]:
    return {m.name: m.id for m in store.list_members(store.default_network().id)}


def name_of(store):
    names = {m.id: m.name for m in store.list_members(store.default_network().id)}
    return lambda member_id: names[member_id]


def test_pairs_are_checked_when_added_and_stored_per_network(store):
    network, who, name = store.default_network(), ids(store), name_of(store)
    pair = add_pair(store, network.id, who["Bo"], who["Anna"], APART, name)
    assert (pair.first, pair.second, pair.rule) == (who["Anna"], who["Bo"], APART)  # stored in order
    cases = [
        ((who["Anna"], who["Anna"], APART), "to forskellige"),
        ((who["Anna"], who["Bo"], APART), "allerede på listen"),
        ((who["Bo"], who["Anna"], TOGETHER), "både holdes adskilt og sammen"),
        ((who["Anna"], 99999, APART), "to medlemmer af netværket"),
        ((who["Anna"], who["Carl"], "party"), "adskilt eller hold sammen"),
        ((True, who["Carl"], APART), "to medlemmer af netværket"),
    ]
    for (first, second, rule), message in cases:
        with pytest.raises(ValidationError) as refused:
            add_pair(store, network.id, first, second, rule, name)
        assert message in str(refused.value)
    assert store.list_member_pairs(network.id) == [pair]
    other = store.add_network(Network(name="Andet"))
    assert store.list_member_pairs(other.id) == []
    remove_pair(store, network.id, pair.id)
    assert store.list_member_pairs(network.id) == []
    with pytest.raises(ValidationError):
        remove_pair(store, network.id, pair.id)


def test_together_pairs_that_would_make_groups_impossible_are_explained(store):
    network, who, name = store.default_network(), ids(store), name_of(store)
    for a, b in (("Anna", "Bo"), ("Bo", "Carl"), ("Carl", "Dorte")):
        add_pair(store, network.id, who[a], who[b], TOGETHER, name)
    with pytest.raises(ValidationError) as too_many:
        add_pair(store, network.id, who["Dorte"], who["Eva"], TOGETHER, name)
    assert "Så skal Anna, Bo, Carl, Dorte og Eva være i samme gruppe: 5 personer, men en gruppe har højst 4." \
        in str(too_many.value)
    with pytest.raises(ValidationError) as chain:
        add_pair(store, network.id, who["Anna"], who["Dorte"], APART, name)
    assert "Anna og Dorte skal holdes adskilt" in str(chain.value)
    assert together_groups([(1, 2), (3, 4), (2, 3)]) == [{1, 2, 3, 4}]


def test_rule_pairs_are_those_present_and_broken_pairs_are_found():
    assert broken_pairs([[(1, 2), (3, 4)]], [(1, 2)], [(3, 4)]) == [(1, 2, APART)]
    assert broken_pairs([[(1, 3), (2, 4)]], [(1, 2)], [(3, 4)]) == [(3, 4, TOGETHER)]


def test_the_panel_honours_the_pairs_in_every_round_and_says_so(store):
    app = InterviewsApp(store)
    panel = app.panel
    who = ids(store)
    find(panel, widgets.Dropdown, "Medlem").value = who["Anna"]
    find(panel, widgets.Dropdown, "og medlem").value = who["Carl"]
    find(panel, widgets.Button, "Hold adskilt").click()
    assert "Gemt: Anna og Carl holdes adskilt" in app.messages.value
    find(panel, widgets.Dropdown, "og medlem").value = who["Bo"]
    find(panel, widgets.Button, "Hold sammen").click()
    assert rule_pairs(store, panel.network.id, who.values()) == ([(who["Anna"], who["Carl"])],
                                                                 [(who["Anna"], who["Bo"])])
    find(panel, widgets.Dropdown, "Runder").value = 4
    find(panel, widgets.ToggleButtons, "Gruppestørrelse").value = "triads"
    for _ in range(3):
        find(panel, widgets.Button, "Lav grupper" if _ == 0 else "Andet forslag").click()
        for groups in panel.schedule:
            where = {m: g for g, group in enumerate(groups) for m in group}
            assert where[who["Anna"]] != where[who["Carl"]]
            assert where[who["Anna"]] == where[who["Bo"]]
        assert "Netværkets par er overholdt" in panel.controls.explanation.value
    # a swap that breaks a pair is refused
    groups = panel.schedule[0]
    bo_group = next(g for g in groups if who["Bo"] in g)
    other = next(m for g in groups if who["Bo"] not in g for m in g)
    find(panel, widgets.Dropdown, "Byt").value = who["Bo"]
    find(panel, widgets.Dropdown, "med").value = other
    find(panel, widgets.Button, "Byt").click()
    assert "Det bytte går ikke: Anna og Bo holdes sammen" in app.messages.value
    assert who["Bo"] in next(g for g in panel.schedule[0] if set(g) == set(bo_group))


def test_a_together_chain_larger_than_the_groups_of_the_exercise_is_explained(store):
    network, who, name = store.default_network(), ids(store), name_of(store)
    for a, b in (("Anna", "Bo"), ("Bo", "Carl")):
        add_pair(store, network.id, who[a], who[b], TOGETHER, name)
    app = InterviewsApp(store)  # pairs: groups of at most three, so three together still fit ...
    find(app.panel, widgets.Button, "Lav grupper").click()
    assert app.panel.schedule is not None
    add_pair(store, network.id, who["Carl"], who["Dorte"], TOGETHER, name)
    find(app.panel, widgets.Button, "Lav grupper").click()  # ... four do not
    assert "kan ikke overholdes med dem, der er her" in app.messages.value
    assert "Anna, Bo, Carl og Dorte" in app.messages.value


def test_sparring_for_twelve_in_four_rounds_gives_each_the_case_once(store):
    app = SparringApp(store)
    panel = app.panel
    find(panel, widgets.Dropdown, "Runder").value = 4
    find(panel, widgets.Button, "Lav grupper").click()
    assert len(panel.seating) == 4 and [len(g) for g in panel.schedule[0]] == [4, 4, 4]
    givers = Counter(s.member for groups in panel.seating for seats in groups for s in seats if s.role == CASE_GIVER)
    assert set(givers.values()) == {1} and len(givers) == 12
    assert "Alle 12 har udfordringen én gang" in panel.controls.explanation.value
    find(panel, widgets.Dropdown, "Runder").value = 2
    find(panel, widgets.Button, "Lav grupper").click()
    assert "6 af 12 har udfordringen i dag" in panel.controls.explanation.value \
        or "8 af 12" in panel.controls.explanation.value
    find(panel, widgets.Button, "Lås og gem").click()
    had = {s.member for groups in panel.seating for seats in groups for s in seats if s.role == CASE_GIVER}
    find(panel, widgets.Button, "Lav grupper").click()  # next time, in each group who has not had it goes first
    for seats in panel.seating[0]:
        fresh = {s.member for s in seats} - had
        giver = next(s.member for s in seats if s.role == CASE_GIVER)
        assert giver in fresh or not fresh


def test_eleven_in_four_rounds_the_triad_is_done_in_the_last_round_and_the_view_says_so(store):
    panel = SparringApp(store).panel
    panel.set_present(list(ids(store).values())[:11])
    find(panel, widgets.Dropdown, "Runder").value = 4
    find(panel, widgets.Button, "Lav grupper").click()
    assert sorted(len(g) for g in panel.schedule[0]) == [3, 4, 4]
    triad = next(n for n, g in enumerate(panel.schedule[0]) if len(g) == 3)
    assert {s.role for s in panel.seating[3][triad]} == {"done"}
    view = panel.controls.view.value
    assert view.count("Gruppen er færdig: alle har haft deres udfordring.") == 1
    assert "Alle 11 har udfordringen én gang" in panel.controls.explanation.value
