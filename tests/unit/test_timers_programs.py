"""Building timer programs from the guide's exercises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netvaerk_lib.model import ValidationError
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.texts import t
from netvaerk_lib.timers import (
    free_program,
    interview_set,
    parse_free_lines,
    presentation_round,
    sparring_rounds,
    sparring_split,
)
from netvaerk_lib.timers.exercises import default_settings, exercise_program
from netvaerk_lib.timers.programs import SPARRING_INPUT_KEYS, SPARRING_QUESTION_KEYS

ELEVEN = ["Anna", "Bo", "Carl", "Dorte", "Eva", "Finn", "Gitte", "Hans", "Ida", "Jens", "Karen"]


def test_eleven_present_members_give_eleven_presentation_phases_of_two_minutes():
    program = presentation_round(ELEVEN)
    assert program.kind == "presentation"
    assert len(program.phases) == 11
    assert {phase.seconds for phase in program.phases} == {120}
    assert [phase.speaker for phase in program.phases] == ELEVEN
    assert program.total_seconds == 22 * 60
    assert program.phases[0].label == "Præsentation 1 af 11"
    assert "praksis" in program.phases[0].prompt


def test_shuffled_presentation_is_a_repeatable_permutation():
    first = presentation_round(ELEVEN, shuffle=True, seed=7)
    again = presentation_round(ELEVEN, shuffle=True, seed=7)
    assert [p.speaker for p in first.phases] == [p.speaker for p in again.phases]
    assert sorted(first.order) == sorted(ELEVEN)
    assert list(first.order) != ELEVEN
    assert list(first.order) == [p.speaker for p in first.phases]


def test_presentation_refuses_empty_and_duplicate_names_naming_the_field():
    with pytest.raises(ValidationError) as empty:
        presentation_round(["Anna", "  "])
    assert empty.value.errors[0].field == "names"
    assert "Deltagere" in str(empty.value) and "nr. 2" in str(empty.value)
    with pytest.raises(ValidationError) as twice:
        presentation_round(["Anna", "Anna"])
    assert "'Anna'" in str(twice.value)
    with pytest.raises(ValidationError):
        presentation_round([])
    with pytest.raises(ValidationError) as minutes:
        presentation_round(["Anna"], minutes=0)
    assert minutes.value.errors[0].field == "minutes"


def test_a_triads_interview_set_gives_three_phases_per_round_going_round_the_group():
    program = interview_set([["Anna", "Bo", "Carl"]], questions=["guide.expectation.1", "guide.interview.3"])
    assert len(program.phases) == 6
    assert program.rounds == 2
    first_round = program.phases[:3]
    assert [p.speaker for p in first_round] == ["Anna interviewer Bo", "Bo interviewer Carl", "Carl interviewer Anna"]
    assert {p.seconds for p in program.phases} == {300}
    assert {p.prompt for p in first_round} == {t("guide.expectation.1")}
    assert {p.prompt for p in program.phases[3:]} == {"Hvad er din drøm?"}
    assert program.phases[0].label == "Interview 1 af 3 · runde 1 af 2"


def test_a_pair_swaps_once_and_mixed_pairs_and_triads_share_three_turns():
    pair = interview_set([["Anna", "Bo"]])
    assert [p.speaker for p in pair.phases] == ["Anna interviewer Bo", "Bo interviewer Anna"]
    mixed = interview_set([["Anna", "Bo"], ["Carl", "Dorte", "Eva"]], minutes=4, collect_minutes=10)
    assert len(mixed.phases) == 4
    assert mixed.phases[2].lines == ("Gruppe 1: I er færdige – forbered opsamlingen",
                                     "Gruppe 2: Eva interviewer Carl")
    assert mixed.phases[2].people == ("", "Eva")
    assert mixed.phases[-1].kind == "collect" and mixed.phases[-1].seconds == 600
    assert mixed.total_seconds == 3 * 240 + 600


def test_interview_groups_must_be_pairs_or_triads_with_known_questions():
    with pytest.raises(ValidationError) as four:
        interview_set([["A", "B"], ["C", "D", "E", "F"]])
    assert four.value.errors[0].field == "groups"
    assert "gruppe 2 har 4" in str(four.value)
    with pytest.raises(ValidationError) as unknown:
        interview_set([["A", "B"]], questions=["guide.topic.1"])
    assert unknown.value.errors[0].field == "questions"
    with pytest.raises(ValidationError):
        interview_set([["A", "B"]], questions=[])
    with pytest.raises(ValidationError) as twice:
        interview_set([["A", "B"], ["B", "C"]])
    assert "'B'" in str(twice.value)


def test_sparring_for_four_groups_of_three_and_four_rotates_the_case_giver():
    groups = [["Anna", "Bo", "Carl", "Dorte"], ["Eva", "Finn", "Gitte"], ["Hans", "Ida", "Jens", "Karen"],
              ["Lars", "Mette", "Niels"]]
    program = sparring_rounds(groups, rounds=3)
    assert len(program.phases) == 12
    assert [p.kind for p in program.phases[:4]] == ["case", "questions", "inputs", "closing"]
    case_phases = [p for p in program.phases if p.kind == "case"]
    for group_number, group in enumerate(groups):
        givers = [phase.people[group_number] for phase in case_phases]
        assert givers == group[:3]
        assert len(set(givers)) == 3
    # the questioner is the next one in the group, the others give input
    assert program.phases[1].lines[0] == "Gruppe 1: Bo spørger Anna"
    assert program.phases[2].lines[1] == "Gruppe 2: Finn og Gitte byder ind til Eva"
    assert program.phases[5].lines[1] == "Gruppe 2: Gitte spørger Finn"
    # every round is the guide's 15-20 minutes, most of it questions
    for start in range(0, 12, 4):
        round_phases = program.phases[start:start + 4]
        assert sum(p.seconds for p in round_phases) == 18 * 60
        assert max(round_phases, key=lambda p: p.seconds).kind == "questions"
    assert program.phases[1].prompt.splitlines() == [t(key) for key in SPARRING_QUESTION_KEYS]
    assert program.phases[2].prompt.splitlines() == [t(key) for key in SPARRING_INPUT_KEYS]
    assert program.phases[4].label == "Udfordringen fremlægges · runde 2 af 3"


def test_four_rounds_a_group_of_three_is_done_after_three_nobody_has_the_case_twice():
    program = sparring_rounds([["A", "B", "C"], ["D", "E", "F", "G"]], rounds=4)
    givers = [p.people for p in program.phases if p.kind == "case"]
    assert givers == [("A", "D"), ("B", "E"), ("C", "F"), ("", "G")]
    assert program.phases[12].lines[0] == "Gruppe 1: færdig – alle har haft deres udfordring"
    assert program.phases[13].lines[1] == "Gruppe 2: D spørger G"
    with pytest.raises(ValidationError) as too_many:
        sparring_rounds([["A", "B", "C"]], rounds=4)
    assert too_many.value.errors[0].field == "rounds"


def test_single_group_sparring_names_the_speaker():
    program = sparring_rounds([["Anna", "Bo", "Carl"]])
    assert [p.speaker for p in program.phases] == ["Anna fremlægger", "Bo spørger Anna",
                                                   "Bo og Carl byder ind til Anna", "Tak til Anna"]
    assert all(not p.lines for p in program.phases)


@given(st.integers(min_value=8, max_value=60))
def test_sparring_split_adds_up_and_gives_questions_the_most(total):
    split = sparring_split(total)
    assert sum(split.values()) == total
    assert min(split.values()) >= 1
    assert split["questions"] == max(split.values())


def test_sparring_split_is_adjustable_and_checked():
    assert sparring_split(15) == {"case": 2, "questions": 8, "inputs": 3, "closing": 2}
    assert sparring_split(20) == {"case": 3, "questions": 10, "inputs": 5, "closing": 2}
    program = sparring_rounds([["A", "B", "C"]], split={"case": 2, "questions": 12, "inputs": 4.5, "closing": 1.5})
    assert [p.seconds for p in program.phases] == [120, 720, 270, 90]
    program = sparring_rounds([["A", "B", "C"]], total_minutes=15)
    assert program.total_seconds == 15 * 60
    with pytest.raises(ValidationError) as total:
        sparring_rounds([["A", "B", "C"]], total_minutes=3)
    assert "15-20" in str(total.value)
    with pytest.raises(ValidationError) as part:
        sparring_rounds([["A", "B", "C"]], split={"case": 2, "questions": 0, "inputs": 4, "closing": 1})
    assert part.value.errors[0].field == "split_questions"
    with pytest.raises(ValidationError) as size:
        sparring_rounds([["A", "B"], ["C", "D", "E"]])
    assert "gruppe 1 har 2" in str(size.value)
    # Five present spar as one group (there is no split into 3-4); beside other groups five is too many.
    assert sparring_rounds([list("ABCDE")], rounds=5).rounds == 5
    with pytest.raises(ValidationError) as five:
        sparring_rounds([list("ABCDE"), list("FGH")])
    assert "gruppe 1 har 5" in str(five.value) and "3 eller 4" in str(five.value)
    with pytest.raises(ValidationError):
        sparring_rounds([list("ABCDEF")])


def test_free_program_from_typed_lines():
    parts = parse_free_lines("Kaffepause; 10\n\n  7,5 \nOpsamling;2 min")
    assert parts == [("Kaffepause", 10.0), ("", 7.5), ("Opsamling", 2.0)]
    program = free_program(parts, title=" Eftermiddag ")
    assert [p.label for p in program.phases] == ["Kaffepause", "Fase 2", "Opsamling"]
    assert [p.seconds for p in program.phases] == [600, 450, 120]
    assert program.title == "Eftermiddag"
    assert free_program([("", 5)]).title == "Fri timer"


def test_free_program_errors_name_the_line():
    with pytest.raises(ValidationError) as unreadable:
        parse_free_lines("Kaffepause; 10\nFrokost; en halv time")
    assert "linje 2" in str(unreadable.value) and "'en halv time'" in str(unreadable.value)
    assert unreadable.value.errors[0].field == "parts" and str(unreadable.value).startswith("Faser, linje 2")
    with pytest.raises(ValidationError) as too_long:
        free_program([("Kaffe", 10), ("x" * 201, 5)])
    assert too_long.value.errors[0].field == "parts" and "linje 2" in str(too_long.value)
    with pytest.raises(ValidationError) as zero:
        free_program([("Kaffe", 10), ("Frokost", 0)])
    assert "linje 2" in str(zero.value)
    with pytest.raises(ValidationError):
        free_program([])
    with pytest.raises(ValidationError):
        free_program([("Kaffe", float("nan"))])


def test_program_json_for_the_browser():
    data = sparring_rounds([["A", "B", "C"], ["D", "E", "F"]]).to_json()
    assert data["kind"] == "sparring"
    assert data["phases"][0]["lines"] == ["Gruppe 1: A fremlægger", "Gruppe 2: D fremlægger"]
    assert set(data["phases"][0]) == {"label", "seconds", "kind", "speaker", "prompt", "lines", "people", "round"}


def test_the_timer_app_times_the_follow_up_round_with_its_own_labels():
    names = ["Anna", "Bo", "Carl"]
    item = AgendaItem("Opfølgning på mål og cases", 15, exercise_type="presentation")
    program = exercise_program("presentation", item, {**default_settings(names, "presentation", item),
                                                      "order": "given"})
    assert [phase.label for phase in program.phases] == ["Opfølgning 1 af 3", "Opfølgning 2 af 3",
                                                         "Opfølgning 3 af 3"]
    assert all("Hvad hedder du" not in phase.prompt for phase in program.phases)
    presentation = exercise_program("presentation", AgendaItem("Præsentationsrunde", 15,
                                                               exercise_type="presentation"),
                                    {**default_settings(names, "presentation"), "order": "given"})
    assert presentation.phases[0].label.startswith("Præsentation")
