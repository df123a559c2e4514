"""Roles and questions in the groups, and locked groupings in a real SQLite store feeding the next grouping."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import combinations

import pytest

from netvaerk_lib.grouping import plan_rounds
from netvaerk_lib.grouping.locking import lock_grouping
from netvaerk_lib.grouping.roles import INTERVIEW_BANK, interview_roles, members_of, sparring_roles, swap_people
from netvaerk_lib.model import Meeting, Member, Network, ValidationError
from netvaerk_lib.model.grouping import CASE_GIVER, NOTE_TAKER, QUESTIONER, Seat
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


def test_sparring_chair_goes_to_who_has_not_had_it_and_rotates():
    schedule = [[("a", "b", "c", "d")]] * 4
    seating = sparring_roles(schedule, chairs={"a": 2, "b": 1})
    givers = [next(s.member for s in seats if s.role == CASE_GIVER) for groups in seating for seats in groups]
    assert set(givers[:2]) == {"c", "d"}
    assert givers[2] == "b" and givers[3] in {"a", "b", "c", "d"}
    for groups in seating:
        roles = Counter(s.role for s in groups[0])
        assert roles == Counter({CASE_GIVER: 1, QUESTIONER: 1, NOTE_TAKER: 2})


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
    seating = sparring_roles([groups])
    lock_grouping(store, meeting(store, network, 5).id, "sparring", seating)
    chairs = {m: c[CASE_GIVER] for m, c in store.role_counts(network.id, "sparring").items()}
    had = {m for m, n in chairs.items() if n}
    assert len(had) == 2
    later = sparring_roles([groups], chairs=chairs)
    assert not had & {seats[0].member for seats in later[0]}


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
        lock_grouping(store, meeting(store, network, day).id, "sparring", sparring_roles(schedule))
    met = Counter(frozenset(p) for groups in store.grouping_history(network.id) for g in groups
                  for p in combinations(g, 2))
    assert sum(met.values()) == 4 * 2 * 3  # 4 rounds, 2 triads, 3 pairs each


def test_the_case_moves_along_groups_so_nobody_has_it_twice_while_others_wait():
    """Round 2 groups a and d, who both had the case in round 1 (greedy, they lead most): one of round 1's
    cases moves to someone else, so four people bring a case."""
    schedule = [[("a", "b", "c"), ("d", "e", "f")], [("a", "d"), ("b", "c", "e", "f")]]
    seating = sparring_roles(schedule, questions_led={"a": 5, "d": 5})
    givers = [next(s.member for s in seats if s.role == CASE_GIVER) for groups in seating for seats in groups]
    assert len(set(givers)) == 4
    for groups in seating:
        for seats in groups:
            assert Counter(s.role for s in seats)[CASE_GIVER] == 1
            assert Counter(s.role for s in seats)[QUESTIONER] == 1
