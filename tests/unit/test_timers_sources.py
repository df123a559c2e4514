"""Timer programs from the store: locked groupings, first group proposals, typed groups; and the app's checks."""

from __future__ import annotations

import pytest

from netvaerk_lib.demo import create_demo
from netvaerk_lib.grouping.locking import lock_grouping
from netvaerk_lib.model import ValidationError
from netvaerk_lib.model.grouping import Seat
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.timers import programs
from netvaerk_lib.timers.sources import (
    format_groups,
    locked_program,
    locked_rounds,
    parse_groups,
    present_members,
    split_groups,
)
from netvaerk_lib.timezone import now


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("timers") / "netvaerk.sqlite") as store:
        network = create_demo(store)
        meeting = store.next_meeting(network.id, now())
        yield store, meeting


@pytest.mark.parametrize("count", range(3, 16))
def test_first_proposal_of_sparring_groups_is_three_or_four(count):
    groups = split_groups([f"P{n}" for n in range(count)], "sparring")
    assert sum(len(g) for g in groups) == count
    if count != 5:
        assert all(len(g) in (3, 4) for g in groups)
        programs.sparring_rounds(groups)  # a valid program


@pytest.mark.parametrize("count", range(2, 16))
def test_first_proposal_of_interview_groups_is_pairs_and_one_triad(count):
    groups = split_groups([f"P{n}" for n in range(count)], "interview")
    assert sorted(len(g) for g in groups).count(3) == count % 2
    assert all(len(g) in (2, 3) for g in groups)
    programs.interview_set(groups)


def test_typed_groups_round_trip():
    text = "Anna, Bo ,Carl\n\n Dorte,Eva,, Finn \n"
    groups = parse_groups(text)
    assert groups == [["Anna", "Bo", "Carl"], ["Dorte", "Eva", "Finn"]]
    assert parse_groups(format_groups(groups)) == groups


def test_locked_sparring_grouping_gives_its_roles_round_by_round(demo):
    store, meeting = demo
    members = present_members(store, meeting.id)[:7]
    a, b = members[:4], members[4:]
    seating = [
        [[Seat(a[0].id, "case_giver"), Seat(a[1].id, "questioner"), Seat(a[2].id, "note_taker"),
          Seat(a[3].id, "note_taker")],
         [Seat(b[0].id, "note_taker"), Seat(b[1].id, "case_giver"), Seat(b[2].id, "questioner")]],
        [[Seat(a[2].id, "case_giver"), Seat(a[3].id, "questioner"), Seat(a[0].id, "note_taker"),
          Seat(a[1].id, "note_taker")],
         [Seat(b[2].id, "case_giver"), Seat(b[0].id, "questioner"), Seat(b[1].id, "note_taker")]],
    ]
    lock_grouping(store, meeting.id, "sparring", seating)
    rounds = locked_rounds(store, meeting.id, "sparring")
    program = locked_program(rounds, "sparring", total_minutes=16)
    assert len(program.phases) == 8 and program.rounds == 2
    assert [p.people for p in program.phases if p.kind == "case"] == [(a[0].name, b[1].name), (a[2].name, b[2].name)]
    assert program.phases[1].lines[1] == f"Gruppe 2: {b[2].name} spørger {b[1].name}"
    assert sum(p.seconds for p in program.phases[:4]) == 16 * 60
    assert locked_rounds(store, meeting.id, "interview") is None


def test_locked_interviews_show_each_persons_question(demo):
    store, meeting = demo
    members = present_members(store, meeting.id)[:5]
    seating = [[[Seat(members[0].id, "interview_1", "guide.interview.3"),
                 Seat(members[1].id, "interview_2", "guide.interview.5")],
                [Seat(members[2].id, "interview_1", "guide.interview.1"),
                 Seat(members[3].id, "interview_2", "guide.interview.2"),
                 Seat(members[4].id, "interview_3", "guide.interview.8")]]]
    lock_grouping(store, meeting.id, "interview", seating)
    program = locked_program(locked_rounds(store, meeting.id, "interview"), "interview", minutes=4)
    assert len(program.phases) == 3 and {p.seconds for p in program.phases} == {240}
    first = program.phases[0]
    assert first.prompt == ""  # the questions differ, so each line carries its own
    assert first.lines == (f"Gruppe 1: {members[0].name} interviewer {members[1].name}: {t('guide.interview.5')}",
                           f"Gruppe 2: {members[2].name} interviewer {members[3].name}: {t('guide.interview.2')}")
    assert program.phases[2].lines[0] == "Gruppe 1: I er færdige – forbered opsamlingen"
    assert program.phases[2].lines[1].endswith(t("guide.interview.1"))


def test_a_lock_with_a_group_without_case_giver_is_refused():
    with pytest.raises(ValidationError) as refused:
        programs.sparring_from_roles([[[("A", "questioner"), ("B", "note_taker"), ("C", "note_taker")]]])
    assert refused.value.errors[0].field == "groups" and "gruppe 1" in str(refused.value)
    with pytest.raises(ValidationError):
        programs.interview_rounds([[[("A", "guide.topic.1"), ("B", "guide.interview.1")]]])


def test_a_locked_sparring_round_where_a_group_is_done_says_so():
    done = [("A", "done"), ("B", "done"), ("C", "done")]
    four = [("G", "case_giver"), ("D", "questioner"), ("E", "note_taker"), ("F", "note_taker")]
    program = programs.sparring_from_roles([[done, four]])
    assert program.phases[0].people == ("", "G")
    assert program.phases[0].lines[0] == "Gruppe 1: færdig – alle har haft deres udfordring"
