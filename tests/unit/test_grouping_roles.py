"""Roles and questions in the groups, and locked groupings in a real SQLite store feeding the next grouping."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvaerk_lib.grouping import plan_rounds
from netvaerk_lib.grouping.locking import lock_grouping
from netvaerk_lib.grouping.roles import (
    INTERVIEW_BANK,
    interview_roles,
    members_of,
    sparring_problems,
    sparring_seating,
    swap_people,
)
from netvaerk_lib.model import Meeting, Member, Network, ValidationError
from netvaerk_lib.model.grouping import CASE_GIVER, DONE, NOTE_TAKER, QUESTIONER, Seat
from netvaerk_lib.store import Store


def test_pair_rotation_and_who_asks_first():
    seating = interview_roles([[("a", "b")], [("a", "b")]], asked_first={"a": 3, "b": 0})
    first, second = seating
    assert [s.member for s in first[0]] == ["b", "a"]  # b has asked first less often
    assert [s.role for s in first[0]] == ["interview_1", "interview_2"]
    assert [s.member for s in second[0]] == ["b", "a"]  # still fewer: 1 against 3


def test_triads_rotate_and_get_three_roles():
    seating = interview_roles([[("a", "b", "c")]], seed=2)
    assert sorted(s.role for s in seating[0][0]) == ["interview_1", "interview_2", "interview_3"]


def test_questions_are_new_to_each_member_and_differ_within_a_group():
    asked = {"a": list(INTERVIEW_BANK[:8])}
    seating = interview_roles([[("a", "b")]], asked=asked, seed=1)
    by_member = {s.member: s.question for s in seating[0][0]}
    assert by_member["a"] == INTERVIEW_BANK[8]  # the only one a has not been asked
    assert by_member["b"] != by_member["a"]
    assert all(q in INTERVIEW_BANK for q in by_member.values())


def test_questions_do_not_repeat_over_nine_rounds():
    schedule = [[("a", "b")]] * 9
    seating = interview_roles(schedule, seed=4)
    heard = [s.question for groups in seating for seats in groups for s in seats if s.member == "a"]
    assert sorted(heard) == sorted(INTERVIEW_BANK)


def givers_by_round(seating):
    return [[next((s.member for s in seats if s.role == CASE_GIVER), None) for seats in groups] for groups in seating]


def test_sparring_keeps_the_groups_and_the_case_moves_on_so_each_has_it_once():
    groups = [("a", "b", "c", "d"), ("e", "f", "g")]
    seating = sparring_seating(groups, 4, seed=3)
    assert len(seating) == 4
    for round_groups in seating:
        assert [set(s.member for s in seats) for seats in round_groups] == [set(g) for g in groups]
    givers = [m for round_givers in givers_by_round(seating) for m in round_givers if m is not None]
    assert sorted(givers) == list("abcdefg")  # everyone exactly once
    assert [s.role for s in seating[3][1]] == [DONE] * 3  # the triad is done in round 4
    for round_groups in seating[:3]:
        for seats in round_groups:
            assert Counter(s.role for s in seats)[CASE_GIVER] == 1
            assert Counter(s.role for s in seats)[QUESTIONER] == 1
    # the questioner is next in turn: round 1 lists the rotation, each round starts one further on
    order = [s.member for s in seating[0][0]]
    assert [s.member for s in seating[1][0]] == order[1:] + order[:1]
    assert sparring_problems(seating) == []


def test_fewer_rounds_than_members_the_case_goes_first_to_who_has_had_it_least():
    seating = sparring_seating([("a", "b", "c", "d")], 2, chairs={"a": 2, "b": 1, "c": 1})
    assert {m for (m,) in givers_by_round(seating)} == {"d", "b"} or {m for (m,) in givers_by_round(seating)} == {
        "d", "c"}
    assert givers_by_round(seating)[0] == ["d"]


def test_never_more_rounds_than_the_largest_group():
    assert len(sparring_seating([("a", "b", "c"), ("d", "e", "f")], 4)) == 3


def test_sparring_problems_find_changed_groups_and_a_second_case():
    seating = sparring_seating([("a", "b", "c"), ("d", "e", "f")], 2, seed=1)
    assert sparring_problems([seating[0], [list(reversed(seats)) for seats in seating[1]]]) == []  # seat order
    numbered = [seating[0], [seating[1][1], seating[1][0]]]
    assert sparring_problems(numbered) == ["grouping.error.sparring_groups"]  # group 1 stays group 1
    moved = [seating[0], [[Seat("a", CASE_GIVER), Seat("d", QUESTIONER), Seat("c", NOTE_TAKER)],
                          [Seat("b", CASE_GIVER), Seat("e", QUESTIONER), Seat("f", NOTE_TAKER)]]]
    assert "grouping.error.sparring_groups" in sparring_problems(moved)
    first = seating[0]
    twice = [first, first]
    assert sparring_problems(twice) == ["grouping.error.sparring_twice"]
    no_questioner = [[[Seat("a", CASE_GIVER), Seat("b", NOTE_TAKER), Seat("c", NOTE_TAKER)]]]
    assert sparring_problems(no_questioner) == ["grouping.error.sparring_roles"]


def test_swap_people_changes_only_that_round():
    schedule = [[("a", "b"), ("c", "d")], [("a", "c"), ("b", "d")]]
    swapped = swap_people(schedule, 0, "b", "c")
    assert swapped[0] == [("a", "c"), ("b", "d")]
    assert swapped[1] == schedule[1]
    with pytest.raises(ValueError):
        swap_people(schedule, 0, "a", "b")  # same group
    with pytest.raises(ValueError):
        swap_people(schedule, 0, "a", "x")


# --- the store ---------------------------------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "grouping.sqlite") as opened:
        yield opened


@pytest.fixture
def network(store):
    network = store.add_network(Network(name="Testnetværk"))
    names = ["Anna", "Bo", "Carl", "Dorte", "Eva", "Finn"]
    store.add_members(network.id, [Member(name=n, practice_type="dentist") for n in names])
    return network


def meeting(store, network, day):
    return store.add_meeting(Meeting(network_id=network.id, starts_at=dt.datetime(2026, 3, day, 17),
                                     length_minutes=180))


def test_locked_grouping_round_trips_and_feeds_history(store, network):
    members = [m.id for m in store.list_members(network.id)]
    first = meeting(store, network, 5)
    schedule = plan_rounds(members, 1, 2, 2, seed=1)
    seating = interview_roles(schedule)
    grouping_id = lock_grouping(store, first.id, "interview", seating)
    locked = store.list_groupings(network.id)
    assert [g.id for g in locked] == [grouping_id]
    assert locked[0].seating == seating
    assert store.grouping_history(network.id) == members_of(seating)
    asked = store.questions_asked(network.id)
    assert set(asked) == set(members)
    assert store.role_counts(network.id, "interview")[seating[0][0][0].member]["interview_1"] == 1

    second = plan_rounds(members, 1, 2, 2, history=store.grouping_history(network.id), seed=1)
    before = {frozenset(g) for g in schedule[0]}
    assert not before & {frozenset(g) for g in second[0]}


def test_sparring_chairs_are_counted_across_meetings(store, network):
    members = [m.id for m in store.list_members(network.id)]
    groups = [tuple(members[:3]), tuple(members[3:])]
    seating = sparring_seating(groups, 1)
    lock_grouping(store, meeting(store, network, 5).id, "sparring", seating)
    chairs = {m: c[CASE_GIVER] for m, c in store.role_counts(network.id, "sparring").items()}
    had = {m for m, n in chairs.items() if n}
    assert len(had) == 2
    later = sparring_seating(groups, 2, chairs=chairs)
    assert not had & {m for round_givers in givers_by_round(later) for m in round_givers}


def test_a_sparring_grouping_that_gives_someone_the_case_twice_is_refused(store, network):
    members = [m.id for m in store.list_members(network.id)]
    first = sparring_seating([tuple(members[:3]), tuple(members[3:])], 1)
    with pytest.raises(ValidationError) as error:
        lock_grouping(store, meeting(store, network, 5).id, "sparring", [first[0], first[0]])
    assert "to gange" in str(error.value)
    assert store.list_groupings(network.id) == []


def test_a_bad_grouping_is_refused_whole(store, network):
    members = [m.id for m in store.list_members(network.id)]
    day = meeting(store, network, 5)
    twice = [[[Seat(members[0], "interview_1"), Seat(members[1], "interview_2")],
              [Seat(members[0], "interview_1"), Seat(members[2], "interview_2")]]]
    with pytest.raises(ValidationError) as error:
        lock_grouping(store, day.id, "interview", twice)
    assert "Runde 1" in error.value.for_field("seating")[0]
    stranger = [[[Seat(members[0], "interview_1"), Seat(99999, "interview_2")]]]
    with pytest.raises(ValidationError):
        lock_grouping(store, day.id, "interview", stranger)
    wrong_role = [[[Seat(members[0], CASE_GIVER), Seat(members[1], "interview_2")]]]
    with pytest.raises(ValidationError):
        lock_grouping(store, day.id, "interview", wrong_role)
    with pytest.raises(ValidationError):
        lock_grouping(store, day.id, "party", [[[Seat(members[0], CASE_GIVER)]]])
    assert store.list_groupings(network.id) == []
    assert store.query("SELECT COUNT(*) AS n FROM grouping_seats")[0]["n"] == 0


def test_unlocking_removes_the_grouping_from_history(store, network):
    members = [m.id for m in store.list_members(network.id)]
    grouping_id = lock_grouping(store, meeting(store, network, 5).id, "interview",
                                      interview_roles([[tuple(members[:2]), tuple(members[2:4])]]))
    store.delete_grouping(grouping_id)
    assert store.grouping_history(network.id) == []


def test_history_counts_every_locked_pair_once_per_round(store, network):
    members = [m.id for m in store.list_members(network.id)]
    for day in (5, 12):
        schedule = plan_rounds(members, 2, 3, 3, history=store.grouping_history(network.id), seed=day)
        lock_grouping(store, meeting(store, network, day).id, "interview", interview_roles(schedule))
    met = Counter(frozenset(p) for groups in store.grouping_history(network.id) for g in groups
                  for p in combinations(g, 2))
    assert sum(met.values()) == 4 * 2 * 3  # 4 rounds, 2 triads, 3 pairs each


def test_the_rounds_of_one_sparring_exercise_are_one_meeting_in_the_history(store, network):
    members = [m.id for m in store.list_members(network.id)]
    groups = [tuple(members[:3]), tuple(members[3:])]
    lock_grouping(store, meeting(store, network, 5).id, "sparring", sparring_seating(groups, 3))
    assert [{frozenset(g) for g in round_groups} for round_groups in store.grouping_history(network.id)] == [
        {frozenset(g) for g in groups}]
    assert Counter(c[CASE_GIVER] for c in store.role_counts(network.id, "sparring").values()) == Counter({1: 6})


@settings(max_examples=200, deadline=None)
@given(sizes=st.lists(st.integers(min_value=3, max_value=5), min_size=1, max_size=5),
       rounds=st.integers(min_value=1, max_value=5), seed=st.integers(min_value=0, max_value=1000),
       chairs=st.lists(st.integers(min_value=0, max_value=3), min_size=25, max_size=25))
def test_sparring_seating_never_gives_the_case_twice_and_everyone_once_when_the_rounds_allow(sizes, rounds, seed,
                                                                                              chairs):
    people = iter(range(100))
    groups = [tuple(next(people) for _ in range(size)) for size in sizes]
    seating = sparring_seating(groups, rounds, chairs=dict(enumerate(chairs)), seed=seed)
    assert len(seating) == min(rounds, max(sizes))
    assert sparring_problems(seating) == []
    givers = Counter(s.member for groups_ in seating for seats in groups_ for s in seats if s.role == CASE_GIVER)
    for group in groups:
        had = [m for m in group if givers[m]]
        assert len(had) == min(len(group), len(seating))
        waiting = [chairs[m] for m in group if not givers[m]]
        assert not waiting or min(waiting) >= max(chairs[m] for m in had)  # who had it least goes first
