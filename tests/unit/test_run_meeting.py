"""Kør mødet's rules on a real SQLite file with the demo network: which meeting, agenda progress, check-in,
groups and programs, the flip-over, goal follow-up and agreeing the next meeting."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvaerk_lib.demo import create_demo
from netvaerk_lib.meeting import agenda, checkin, closing, contract, exercise, flipover, follow_up
from netvaerk_lib.model import Attendance, Goal, Meeting, Member, Network, ValidationError
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.planning import checkpoint
from netvaerk_lib.planning.agenda import first_meeting_template
from netvaerk_lib.store import Store

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "run.sqlite") as opened:
        create_demo(opened, today=TODAY)
        yield opened


@pytest.fixture
def network(store):
    return store.default_network()


@pytest.fixture
def meeting(store, network):
    return store.next_meeting(network.id, dt.datetime.combine(TODAY, dt.time(12)))


def other_network(store):
    network = store.add_network(Network(name="Et andet netværk"))
    stranger = store.add_member(network.id, Member(name="Fremmed Person", practice_type="vet"))
    return network, stranger


def messages(error: ValidationError) -> str:
    return " ".join(e.message for e in error.errors)


# --- which meeting ---------------------------------------------------------------------------------------------

def test_the_default_is_the_next_planned_meeting_and_a_meeting_today_wins(store, network, meeting):
    assert meeting.status == "planned"
    assert agenda.default_meeting(store, network.id, dt.datetime.combine(TODAY, dt.time(12))).id == meeting.id
    held = store.list_meetings(network.id)[3]
    on_its_day = dt.datetime.combine(held.starts_at.date(), dt.time(21))
    assert agenda.default_meeting(store, network.id, on_its_day).id == held.id


def test_a_meeting_of_another_network_is_refused(store, network, meeting):
    other, _ = other_network(store)
    foreign = store.add_meeting(Meeting(other.id, dt.datetime(2027, 1, 5, 17), 120))
    assert agenda.meeting_of_network(store, network.id, meeting.id).id == meeting.id
    for value in (foreign.id, None, True, "8", 99999):
        with pytest.raises(ValidationError, match="Møde"):
            agenda.meeting_of_network(store, network.id, value)


# --- agenda progress -------------------------------------------------------------------------------------------

def test_progress_counts_used_time_per_item_and_how_far_behind_the_plan(store, meeting):
    start = meeting.starts_at
    rows = agenda.agenda_progress(store, meeting, start).rows
    welcome, goals_item = rows[0].item, rows[1].item
    assert not agenda.agenda_progress(store, meeting, start).started
    agenda.start_item(store, meeting, 0, start)
    agenda.start_item(store, meeting, 1, start + dt.timedelta(minutes=7))  # welcome took 7 of 5 minutes
    progress = agenda.agenda_progress(store, meeting, start + dt.timedelta(minutes=10))
    assert [row.state for row in progress.rows[:3]] == ["done", "current", "waiting"]
    assert progress.rows[0].used_seconds == 7 * 60 and progress.rows[0].planned_seconds == welcome.minutes * 60
    assert progress.current.item.title == goals_item.title and progress.current.used_seconds == 3 * 60
    assert progress.behind_seconds == 2 * 60  # running within its own time adds nothing
    late = agenda.agenda_progress(store, meeting, start + dt.timedelta(minutes=7 + goals_item.minutes + 4))
    assert late.behind_seconds == 2 * 60 + 4 * 60
    # back to the welcome: its time adds up, the follow-up keeps what it used
    agenda.start_item(store, meeting, 0, start + dt.timedelta(minutes=12))
    again = agenda.agenda_progress(store, meeting, start + dt.timedelta(minutes=13))
    assert again.rows[0].used_seconds == 8 * 60 and again.rows[1].used_seconds == 5 * 60
    assert again.used_seconds == 13 * 60


@pytest.mark.parametrize("position", [-1, 7, 99, True, "1", None, 1.0])
def test_a_position_outside_the_agenda_is_refused_and_nothing_starts(store, meeting, position):
    with pytest.raises(ValidationError, match="Dagsorden"):
        agenda.start_item(store, meeting, position, meeting.starts_at)
    assert store.agenda_progress(meeting.id) == {}


def test_agenda_items_open_their_part_of_the_meeting(store, meeting):
    sections = {row.item.title: row.section for row in agenda.agenda_progress(store, meeting, meeting.starts_at).rows}
    assert sections == {
        "Velkomst": "checkin", "Opfølgning på cases og mål fra sidste møde": "follow_up",
        next(title for title in sections if title.startswith("Dagens emne")): "exercise", "Pause": None,
        "Sparringsøvelse": "exercise", "Kort evaluering": "evaluation", "Næste møde: dato, tema og vært": "closing"}
    first = {item.title: agenda.section_for(item) for item in first_meeting_template(10, 180)}
    assert first["Præsentationsrunde"] == "exercise"
    assert first["Gensidige interviews om forventninger"] == "exercise"
    assert first["Opsamling i fællesskab"] == "flipover"
    assert first["Spilleregler og aftale om fortrolighed"] == "contract"
    assert first["Aftaler om næste møde og tema"] == "closing"


def test_finishing_stops_the_clock_and_marks_the_meeting_held(store, meeting):
    agenda.start_item(store, meeting, 2, meeting.starts_at)
    held = closing.finish_meeting(store, meeting, meeting.starts_at + dt.timedelta(minutes=30))
    assert held.status == "held" and store.get_meeting(meeting.id).status == "held"
    later = agenda.agenda_progress(store, held, meeting.starts_at + dt.timedelta(hours=5))
    assert later.current is None and later.rows[2].used_seconds == 30 * 60


# --- check-in --------------------------------------------------------------------------------------------------

def test_check_in_writes_attendance_and_refuses_strangers_and_bad_statuses(store, network, meeting):
    _, stranger = other_network(store)
    members = store.list_members(network.id)
    checkin.check_in(store, meeting, members[0].id, "present")
    checkin.check_in(store, meeting, members[1].id, "absent")
    assert store.attendance(meeting.id)[members[0].id].status == "present"
    with pytest.raises(ValidationError, match="ikke medlem af dette netværk"):
        checkin.check_in(store, meeting, stranger.id, "present")
    store.erase_member(members[2].id)
    for member_id, status in ((members[2].id, "present"), (True, "present"), (float(members[3].id), "present"),
                              (str(members[3].id), "present"), (members[3].id, "late"), (members[3].id, None)):
        with pytest.raises(ValidationError):
            checkin.check_in(store, meeting, member_id, status)
    assert set(store.attendance(meeting.id)) == {members[0].id, members[1].id}
    rows = {row.member.id: row.status for row in checkin.check_in_rows(store, meeting)}
    assert rows[members[0].id] == "present" and rows[members[1].id] == "absent" and rows[members[3].id] is None
    assert stranger.id not in rows and members[2].id not in rows


def test_a_cancellation_keeps_the_time_it_was_sent(store, network, meeting):
    member = store.list_members(network.id)[4]
    sent = meeting.starts_at - dt.timedelta(days=3)
    store.set_attendance(Attendance(meeting.id, member.id, "cancelled", sent))
    checkin.check_in(store, meeting, member.id, "cancelled")
    assert store.attendance(meeting.id)[member.id].cancelled_at == sent
    checkin.check_in(store, meeting, member.id, "present")
    assert store.attendance(meeting.id)[member.id].cancelled_at is None


def test_exercises_use_those_checked_in_and_before_that_everyone_without_afbud(store, network, meeting):
    members = store.list_members(network.id)
    store.set_attendance(Attendance(meeting.id, members[0].id, "cancelled"))
    assert [m.id for m in checkin.expected_members(store, meeting)] == [m.id for m in members[1:]]
    for member in members[1:4]:
        checkin.check_in(store, meeting, member.id, "present")
    assert [m.id for m in checkin.expected_members(store, meeting)] == [m.id for m in members[1:4]]


# --- groups, roles, programs -----------------------------------------------------------------------------------

def people(count: int) -> list[Member]:
    return [Member(name=f"Leder {number}", practice_type="dentist", id=number) for number in range(1, count + 1)]


@settings(max_examples=40, deadline=None)
@given(kind=st.sampled_from(["interview", "sparring"]), count=st.integers(3, 24), seed=st.integers(0, 50))
def test_groups_place_everyone_once_within_the_sizes(kind, count, seed):
    members = people(count)
    groups = exercise.propose_groups(members, kind, seed)
    placed = [member.id for group in groups for member in group]
    assert sorted(placed) == [m.id for m in members]
    low, high = exercise.GROUP_SIZES[kind]
    if kind == "sparring" and count == 5:  # five cannot be split into groups of 3-4: one group
        assert [len(group) for group in groups] == [5]
    else:
        assert all(low <= len(group) <= high for group in groups)


def test_five_present_spar_as_one_group_with_a_timer():
    members = people(5)
    groups = [[m.name for m in group] for group in exercise.propose_groups(members, "sparring")]
    item = AgendaItem("Sparringsøvelse", 40, exercise_type="sparring")
    program = exercise.exercise_program(item, [m.name for m in members], groups)
    assert program.rounds == 2 and len(program.phases) == 8
    assert sorted(name for group in groups for name in group) == sorted(m.name for m in members)


def test_new_groups_differ_and_only_interviews_and_sparring_have_groups():
    members = people(8)
    first, second = exercise.propose_groups(members, "interview", 0), exercise.propose_groups(members, "interview", 1)
    pairs = {frozenset(m.id for m in g) for g in first}
    assert pairs != {frozenset(m.id for m in g) for g in second}
    with pytest.raises(ValidationError, match="Øvelse"):
        exercise.propose_groups(members, "presentation")


def test_roles_follow_the_guide():
    interview = exercise.group_roles([["Anna", "Bo"], ["Carl", "Dorte", "Erik"]], "interview")
    assert interview[0].lines == ["Anna interviewer Bo", "Bo interviewer Anna"]
    assert interview[1].lines == ["Carl interviewer Dorte", "Dorte interviewer Erik", "Erik interviewer Carl"]
    sparring = exercise.group_roles([["Anna", "Bo", "Carl", "Dorte"]], "sparring")[0]
    assert sparring.lines == ["Anna fremlægger en aktuel udfordring", "Bo stiller spørgsmålene",
                              "Carl og Dorte tager noter og reflekterer"]


def test_programs_come_from_the_agenda_item_and_the_people_present():
    names = [f"Leder {n}" for n in range(1, 12)]
    presentation = exercise.exercise_program(AgendaItem("Præsentationsrunde", 22, "presentation"), names, [])
    assert len(presentation.phases) == 11 and {p.seconds for p in presentation.phases} == {120}
    assert presentation.title == "Præsentationsrunde"
    groups = [names[0:4], names[4:8], names[8:11]]
    sparring = exercise.exercise_program(AgendaItem("Sparringsøvelse", 40, "sparring"), names, groups)
    assert sparring.rounds == 2 and len(sparring.phases) == 8 and sparring.total_seconds == 40 * 60
    pairs = [names[0:2], names[2:4], names[4:7]]
    interview = exercise.exercise_program(AgendaItem("Interviews", 20, "interview"), names, pairs, "guide.interview.3")
    assert len(interview.phases) == 3 and interview.phases[0].prompt == "Hvad er din drøm?"
    free = exercise.exercise_program(AgendaItem("Dagens emne", 45, "free"), names, [])
    assert free.total_seconds == 45 * 60
    with pytest.raises(ValidationError):
        exercise.exercise_program(AgendaItem("Pause", 15, "none"), names, [])


def test_the_follow_up_round_has_its_own_labels_and_the_guides_questions():
    names = ["Anna", "Bo", "Carl"]
    item = AgendaItem("Opfølgning på cases og mål fra sidste møde", 10, "presentation")
    program = exercise.exercise_program(item, names, [])
    assert [phase.label for phase in program.phases] == ["Opfølgning 1 af 3", "Opfølgning 2 af 3",
                                                        "Opfølgning 3 af 3"]
    assert [phase.speaker for phase in program.phases] == names
    assert "Hvordan er det gået med dit mål" in program.phases[0].prompt and "næste skridt" in program.phases[0].prompt
    assert not any("Præsentation" in phase.label or "Hvad hedder du" in phase.prompt for phase in program.phases)
    presentation = exercise.exercise_program(AgendaItem("Præsentationsrunde", 6, "presentation"), names, [])
    assert presentation.phases[0].label == "Præsentation 1 af 3"


def test_the_model_evaluation_is_a_part_of_its_own():
    item = checkpoint.evaluation_item()
    assert agenda.section_for(item) == "checkpoint"
    assert agenda.section_for(AgendaItem("Kort evaluering", 10, "free")) == "evaluation"


# --- the flip-over ---------------------------------------------------------------------------------------------

def test_points_are_kept_exactly_and_bad_ones_refused(store, meeting):
    at = meeting.starts_at
    typed = '  Tryghed <script>alert(1)</script> & "fortrolighed"  '
    point = flipover.add_point(store, meeting, typed, at)
    flipover.add_point(store, meeting, "Konkrete værktøjer", at)
    assert [p.text for p in store.flipover_points(meeting.id)] == [typed.strip(), "Konkrete værktøjer"]
    for bad, words in (("   ", "skriv punktet"), ("x" * 501, "højst 500"), (None, "skriv punktet")):
        with pytest.raises(ValidationError, match=words):
            flipover.add_point(store, meeting, bad, at)
    assert len(store.flipover_points(meeting.id)) == 2
    flipover.remove_point(store, meeting, point.id)
    assert [p.text for p in store.flipover_points(meeting.id)] == ["Konkrete værktøjer"]


def test_a_point_of_another_meeting_cannot_be_removed_from_this_one(store, network, meeting):
    earlier = store.list_meetings(network.id)[5]
    other_point = flipover.add_point(store, earlier, "Fra et andet møde", earlier.starts_at)
    for value in (other_point.id, 123456, "1", True):
        with pytest.raises(ValidationError, match="Punkt"):
            flipover.remove_point(store, meeting, value)
    assert [p.text for p in store.flipover_points(earlier.id)] == ["Fra et andet møde"]


def test_the_last_flip_over_is_shown_again_at_the_next_meeting(store, network, meeting):
    meetings = store.list_meetings(network.id)
    assert flipover.previous_flipover(store, meeting) is None
    flipover.add_point(store, meetings[4], "Gammelt punkt", meetings[4].starts_at)
    flipover.add_point(store, meetings[6], "Forventning: sparring på konkrete cases", meetings[6].starts_at)
    flipover.add_point(store, meeting, "Dagens punkt", meeting.starts_at)
    shown, points = flipover.previous_flipover(store, meeting)
    assert shown.id == meetings[6].id and [p.text for p in points] == ["Forventning: sparring på konkrete cases"]
    shown, _ = flipover.previous_flipover(store, meetings[6])
    assert shown.id == meetings[4].id  # never a later meeting's flip-over


def test_a_network_with_flip_over_points_and_progress_can_still_be_deleted(store, network, meeting):
    flipover.add_point(store, meeting, "Punkt", meeting.starts_at)
    agenda.start_item(store, meeting, 0, meeting.starts_at)
    store.delete_network(network.id)
    assert store.query("SELECT count(*) AS n FROM flipover_points")[0]["n"] == 0
    assert store.query("SELECT count(*) AS n FROM agenda_progress")[0]["n"] == 0


# --- contract --------------------------------------------------------------------------------------------------

def test_the_contract_on_screen_has_purpose_and_ground_rules(store, network):
    screen = contract.contract_screen(store, network.id)
    assert screen.purpose == network.purpose.strip()
    assert "Fortrolighed" in screen.rules and len(screen.rules) == 7


# --- goals -----------------------------------------------------------------------------------------------------

def test_the_follow_up_round_lists_open_goals_and_marks_them(store, network, meeting):
    rows = follow_up.follow_up_rows(store, meeting)
    last_held = store.list_meetings(network.id)[6]
    assert rows and all(row.status is None for row in rows)
    assert any(row.set_at.id == last_held.id for row in rows)
    assert all(row.goal.status in ("open", "continued") for row in rows)
    first, second = rows[0], rows[1]
    follow_up.follow_up(store, meeting, first.goal.id, "done")
    follow_up.follow_up(store, meeting, second.goal.id, "continued")
    after = {row.goal.id: row.status for row in follow_up.follow_up_rows(store, meeting)}
    assert after[first.goal.id] == "done" and after[second.goal.id] == "continued"
    assert store.get_goal(first.goal.id).followed_up_meeting_id == meeting.id
    # a continued goal comes up again at the next meeting; a done one does not
    following = closing.agree_next_meeting(store, meeting, dt.date(2027, 3, 4), "17:00")
    later = {row.goal.id for row in follow_up.follow_up_rows(store, following)}
    assert second.goal.id in later and first.goal.id not in later


def test_goals_passed_over_at_the_members_latest_meeting_are_older_and_nothing_is_dropped(store, network, meeting):
    meetings = store.list_meetings(network.id)
    members = store.list_members(network.id)
    member = next(m for m in members if store.attendance(meetings[6].id)[m.id].status == "present")
    old = store.add_goal(Goal(member_id=member.id, text="Et mål fra sidste år", meeting_id=meetings[1].id))
    continued = store.add_goal(Goal(member_id=member.id, text="Fortsat ved tredje møde", meeting_id=meetings[1].id))
    store.follow_up_goal(continued.id, "continued", meetings[2].id)
    recent = store.add_goal(Goal(member_id=member.id, text="Sat sidste gang", meeting_id=meetings[6].id))
    away = next(m for m in members if store.attendance(meetings[6].id)[m.id].status != "present")
    last_seen = max((m for m in meetings[:7] if store.attendance(m.id).get(away.id)
                     and store.attendance(m.id)[away.id].status == "present"), key=lambda m: m.starts_at)
    theirs = store.add_goal(Goal(member_id=away.id, text="Fra det seneste møde, de var med til",
                                 meeting_id=last_seen.id))
    rows = {row.goal.id: row for row in follow_up.follow_up_rows(store, meeting)}
    assert rows[old.id].older and rows[continued.id].older  # passed over at the member's meetings since
    assert not rows[recent.id].older and not rows[theirs.id].older  # from the latest meeting each was at
    follow_up.follow_up(store, meeting, old.id, "dropped")  # closed deliberately, and kept
    follow_up.follow_up(store, meeting, continued.id, "continued")  # carried on: up in the round next time
    rows = {row.goal.id: row for row in follow_up.follow_up_rows(store, meeting)}
    assert (rows[old.id].status, rows[old.id].older) == ("dropped", False)
    assert store.get_goal(old.id).status == "dropped"
    following = closing.agree_next_meeting(store, meeting, dt.date(2027, 3, 4), "17:00")
    checkin.check_in(store, meeting, member.id, "present")
    later = {row.goal.id: row for row in follow_up.follow_up_rows(store, following)}
    assert old.id not in later and not later[continued.id].older


def test_without_attendance_on_record_no_goal_is_older(store, network, meeting):
    other, stranger = other_network(store)
    held = store.add_meeting(Meeting(network_id=other.id, starts_at=dt.datetime(2026, 1, 8, 17), length_minutes=120,
                                     status="held"))
    store.add_goal(Goal(member_id=stranger.id, text="Uden fremmøde", meeting_id=held.id))
    later = store.add_meeting(Meeting(network_id=other.id, starts_at=dt.datetime(2026, 9, 3, 17), length_minutes=120))
    rows = follow_up.follow_up_rows(store, later)
    assert [row.goal.text for row in rows] == ["Uden fremmøde"] and not rows[0].older


def test_a_goal_not_up_for_follow_up_and_a_bad_status_are_refused(store, network, meeting):
    done_earlier = next(g for g in store.list_goals(network.id) if g.status == "done")
    row = follow_up.follow_up_rows(store, meeting)[0]
    _, stranger = other_network(store)
    stranger_goal = store.add_goal(Goal(member_id=stranger.id, text="Fremmed mål"))
    for goal_id, status, words in ((done_earlier.id, "done", "Mål"), (stranger_goal.id, "done", "Mål"),
                                   (row.goal.id, "open", "Status"), (row.goal.id, "<b>", "Status"),
                                   (True, "done", "Mål"), (float(row.goal.id), "done", "Mål")):
        with pytest.raises(ValidationError, match=words):
            follow_up.follow_up(store, meeting, goal_id, status)
    assert store.get_goal(row.goal.id).status == row.goal.status


def test_new_goals_are_set_at_this_meeting_for_members_of_the_network(store, network, meeting):
    member = store.list_members(network.id)[0]
    follow_up.add_goal(store, meeting, member.id, "  Holde en fast ledelsestime om ugen ")
    assert [(g.text, m.id) for g, m in follow_up.new_goals(store, meeting)] == [("Holde en fast ledelsestime om ugen",
                                                                          member.id)]
    _, stranger = other_network(store)
    with pytest.raises(ValidationError, match="ikke medlem"):
        follow_up.add_goal(store, meeting, stranger.id, "Mål")
    with pytest.raises(ValidationError):
        follow_up.add_goal(store, meeting, member.id, "   ")
    assert len(follow_up.new_goals(store, meeting)) == 1


# --- closing: the next meeting ---------------------------------------------------------------------------------

def test_agreeing_the_next_meeting_adds_it_to_the_plan_with_a_new_theme(store, network, meeting):
    before = len(store.list_meetings(network.id))
    agreed = closing.agree_next_meeting(store, meeting, dt.date(2027, 3, 11), "17.30", None, "Rekruttering")
    assert len(store.list_meetings(network.id)) == before + 1
    assert agreed.starts_at == dt.datetime(2027, 3, 11, 17, 30) and agreed.status == "planned"
    assert agreed.length_minutes == network.length_minutes and agreed.kind == "following"
    assert closing.theme(store, agreed) == "Rekruttering"
    assert "Aftalt på mødet" in store.meeting_plan(agreed.id).move_reason
    # agreeing again moves that meeting (no second one) and may pick one of the network's topics
    topic = store.list_topics(network.id)[5]
    moved = closing.agree_next_meeting(store, meeting, dt.date(2027, 3, 18), "16:00", topic.id)
    assert moved.id == agreed.id and moved.starts_at == dt.datetime(2027, 3, 18, 16)
    assert moved.topic_id == topic.id and len(store.list_meetings(network.id)) == before + 1


def test_a_bad_next_meeting_names_its_fields_and_changes_nothing(store, network, meeting):
    topics_before = len(store.list_topics(network.id))
    meetings_before = [(m.id, m.starts_at, m.topic_id) for m in store.list_meetings(network.id)]
    other, _ = other_network(store)
    foreign_topic = store.list_topics(other.id)
    cases = [
        (dict(day=meeting.starts_at.date(), time_text="17:00"), "next_date", "efter dette møde"),
        (dict(day=None, time_text="17:00"), "next_date", "vælg en dato"),
        (dict(day="2027-03-11", time_text="17:00"), "next_date", "vælg en dato"),
        (dict(day=dt.date(2027, 3, 11), time_text="kl. fem", new_topic="Nyt emne"), "next_time", "kl. fem"),
        (dict(day=dt.date(2027, 3, 11), time_text="25:00"), "next_time", "25:00"),
        (dict(day=dt.date(2027, 3, 11), time_text="17:00", topic_id=99999), "next_topic", "Tema"),
        (dict(day=dt.date(2027, 3, 11), time_text="17:00", new_topic="x" * 201), "next_topic", "højst 200"),
    ]
    if foreign_topic:
        cases.append((dict(day=dt.date(2027, 3, 11), time_text="17:00", topic_id=foreign_topic[0].id),
                      "next_topic", "Tema"))
    for values, field_name, words in cases:
        with pytest.raises(ValidationError) as caught:
            closing.agree_next_meeting(store, meeting, **values)
        assert caught.value.for_field(field_name), (values, caught.value.errors)
        assert words in messages(caught.value)
    assert len(store.list_topics(network.id)) == topics_before
    assert [(m.id, m.starts_at, m.topic_id) for m in store.list_meetings(network.id)] == meetings_before


def test_the_next_item_follows_the_running_one_or_is_the_first_not_started(store, meeting):
    start = meeting.starts_at
    assert agenda.next_position(agenda.agenda_progress(store, meeting, start)) == 0
    agenda.start_item(store, meeting, 2, start)
    assert agenda.next_position(agenda.agenda_progress(store, meeting, start)) == 3
    agenda.start_item(store, meeting, 6, start)  # the last item
    assert agenda.next_position(agenda.agenda_progress(store, meeting, start)) is None
    store.stop_agenda(meeting.id, start)
    assert agenda.next_position(agenda.agenda_progress(store, meeting, start)) == 0


@settings(max_examples=25, deadline=None)
@given(steps=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 1800)), min_size=1, max_size=12),
       tail=st.integers(0, 3600))
def test_used_time_adds_up_to_the_time_since_the_first_start(tmp_path_factory, steps, tail):
    """However the facilitator jumps between items, the used times add up to the time since the meeting
    began (something always runs), and restarting the running item changes nothing."""
    with Store(tmp_path_factory.mktemp("progress") / "run.sqlite") as store:
        create_demo(store, today=TODAY)
        meeting = store.next_meeting(store.default_network().id, dt.datetime.combine(TODAY, dt.time(12)))
        at = meeting.starts_at
        for position, seconds in steps:
            agenda.start_item(store, meeting, position, at)
            at += dt.timedelta(seconds=seconds)
        agenda.start_item(store, meeting, steps[-1][0], at)  # the running item again: still one stretch
        end = at + dt.timedelta(seconds=tail)
        progress = agenda.agenda_progress(store, meeting, end)
        assert progress.used_seconds == pytest.approx((end - meeting.starts_at).total_seconds())
        assert progress.current.position == steps[-1][0]
        assert sum(row.state == "current" for row in progress.rows) == 1


def test_groups_before_the_panel_keep_the_networks_pairs_apart_and_together():
    members = people(12)
    for seed in range(6):
        groups = [{m.id for m in group} for group in exercise.propose_groups(
            members, "sparring", seed, apart=[(1, 2), (3, 4)], together=[(5, 6)])]
        assert not any({1, 2} <= group or {3, 4} <= group for group in groups)
        assert any({5, 6} <= group for group in groups)
