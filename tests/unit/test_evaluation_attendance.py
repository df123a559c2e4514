"""Codes follow attendance and the meeting; the count "N af M til stede" is the same everywhere; when a
cancellation came is recorded and the consultant counts a late one as late."""

from __future__ import annotations

import datetime as dt

import pytest

from netvaerk_lib import analysis
from netvaerk_lib.evaluation import results, sessions, submission
from netvaerk_lib.evaluation.submission import CodeProblem
from netvaerk_lib.meeting.checkin import check_in
from netvaerk_lib.meeting.closing import finish_meeting
from netvaerk_lib.members.attendance import notice_for, register_attendance
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Meeting, Member, ValidationError
from netvaerk_lib.store import open_store
from netvaerk_lib.timezone import today

ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}
STARTS = dt.datetime(2026, 3, 5, 17)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "netvaerk.sqlite") as opened:
        yield opened


@pytest.fixture
def meeting(store):
    network = create_network(store, "Dyrlæger Syd")
    store.add_members(network.id, [Member(name=f"Medlem {n}", practice_type="vet") for n in range(6)])
    return store.add_meeting(Meeting(network.id, STARTS, 180))


def members(store, meeting):
    return [m.id for m in store.list_members(meeting.network_id)]


def check_in_everyone(store, meeting, count=5):
    for member_id in members(store, meeting)[:count]:
        check_in(store, meeting, member_id, "present")


def counted(store, meeting) -> str:
    state = sessions.progress(store, meeting.id)
    outcome = results.meeting_results(store, meeting.id)
    assert (outcome.answered, outcome.present) == (state.answered, state.present)  # every view, the same
    return results.progress_text(state.answered, state.present)


def test_only_present_members_get_codes(store, meeting):
    check_in_everyone(store, meeting, 3)
    ids = members(store, meeting)
    check_in(store, meeting, ids[3], "cancelled", "late")
    sessions.open_evaluation(store, meeting.id)
    issued = sessions.issue_codes(store, meeting.id)
    assert sorted(issued) == ids[:3]
    assert sessions.issue_codes(store, meeting.id, [ids[3], ids[4]]) == {}  # not present: no code


def test_re_marked_afbud_or_udeblevet_voids_the_unused_code(store, meeting):
    check_in_everyone(store, meeting)
    ids = members(store, meeting)
    sessions.open_evaluation(store, meeting.id)
    issued = sessions.issue_codes(store, meeting.id)
    check_in(store, meeting, ids[0], "cancelled", "same_day", at=STARTS + dt.timedelta(minutes=20))
    check_in(store, meeting, ids[1], "absent")
    for member_id in ids[:2]:
        with pytest.raises(CodeProblem) as problem:
            submission.submit(store, issued[member_id], ANSWERS, {})
        assert problem.value.reason == "unknown"
    check_in(store, meeting, ids[0], "present")  # back again: a new code, the old one stays void
    with pytest.raises(CodeProblem):
        submission.check_code(store, issued[ids[0]])
    fresh = sessions.issue_codes(store, meeting.id, [ids[0]])
    assert submission.check_code(store, fresh[ids[0]]).member_id == ids[0]


def test_the_count_is_n_of_m_present_after_every_change(store, meeting):
    check_in_everyone(store, meeting)
    ids = members(store, meeting)
    assert counted(store, meeting) == "0 af 5 til stede har svaret"
    sessions.open_evaluation(store, meeting.id)
    issued = sessions.issue_codes(store, meeting.id)
    submission.submit(store, issued[ids[0]], ANSWERS, {})
    assert counted(store, meeting) == "1 af 5 til stede har svaret"
    check_in(store, meeting, ids[4], "cancelled", "late")
    assert counted(store, meeting) == "1 af 4 til stede har svaret"
    check_in(store, meeting, ids[0], "cancelled", "same_day")  # answered, then re-marked: still counted
    assert counted(store, meeting) == "1 af 3 til stede har svaret"
    for member_id in ids[1:4]:
        submission.submit(store, issued[member_id], ANSWERS, {})
    assert counted(store, meeting) == "3 af 3 til stede har svaret"  # never "4 af 3"
    sessions.close_evaluation(store, meeting.id)
    assert counted(store, meeting) == "3 af 3 til stede har svaret"
    assert results.meeting_results(store, meeting.id).answers == 4


def test_a_new_code_answers_alike_for_a_member_who_has_answered_and_one_who_has_not(store, meeting):
    check_in_everyone(store, meeting)
    ids = members(store, meeting)
    sessions.open_evaluation(store, meeting.id)
    issued = sessions.issue_codes(store, meeting.id)
    submission.submit(store, issued[ids[0]], ANSWERS, {})
    answered, waiting = (sessions.issue_codes(store, meeting.id, [member_id]) for member_id in ids[:2])
    assert list(answered) == [ids[0]] and list(waiting) == [ids[1]]
    assert len(answered[ids[0]]) == len(waiting[ids[1]]) == 6
    with pytest.raises(CodeProblem) as problem:
        submission.check_code(store, answered[ids[0]])
    assert problem.value.reason == "spent" and "allerede brugt" in problem.value.message
    assert submission.check_code(store, waiting[ids[1]]).member_id == ids[1]
    assert store.evaluation_count(meeting.id) == 1


def test_finishing_the_meeting_closes_the_evaluation_the_next_morning(store, meeting):
    tonight = dt.datetime.combine(today(), dt.time(17))  # the form checks the real clock
    meeting.starts_at = tonight
    meeting = store.update_meeting(meeting)
    check_in_everyone(store, meeting)
    sessions.open_evaluation(store, meeting.id)
    issued = list(sessions.issue_codes(store, meeting.id).values())
    for code in issued[:3]:
        submission.submit(store, code, ANSWERS, {})
    finish_meeting(store, meeting, tonight + dt.timedelta(hours=3))
    session = store.evaluation_session(meeting.id)
    tomorrow = dt.datetime.combine(today() + dt.timedelta(days=1), dt.time(8))
    assert session.is_open and session.closes_at == tomorrow
    assert sessions.close_due(store, tomorrow - dt.timedelta(minutes=1)) == []
    submission.submit(store, issued[3], ANSWERS, {})  # a late answer the same evening still counts
    assert not results.meeting_results(store, meeting.id).shown
    assert sessions.close_due(store, tomorrow) == [meeting.id]
    assert store.evaluation_session(meeting.id).is_closed
    with pytest.raises(CodeProblem, match="lukket"):
        submission.submit(store, issued[4], ANSWERS, {})
    shown = results.meeting_results(store, meeting.id)
    assert shown.shown and shown.answers == 4


def test_an_overdue_evaluation_closes_when_the_form_is_next_used(store, meeting):
    check_in_everyone(store, meeting)
    sessions.open_evaluation(store, meeting.id)
    code = next(iter(sessions.issue_codes(store, meeting.id).values()))
    sessions.close_after(store, meeting.id, dt.datetime(2020, 1, 1, 8, 0))  # long past
    with pytest.raises(CodeProblem, match="lukket"):
        submission.check_code(store, code)
    assert store.evaluation_session(meeting.id).is_closed


def test_a_meeting_in_the_future_cannot_be_finished_as_held(store, meeting):
    with pytest.raises(ValidationError, match="begynder først"):
        finish_meeting(store, meeting, STARTS - dt.timedelta(days=2))
    assert store.get_meeting(meeting.id).status == "planned"


def test_when_a_cancellation_came_is_recorded_with_the_networks_own_limit(store, meeting):
    ids = members(store, meeting)
    check_in(store, meeting, ids[0], "cancelled", "in_time")
    check_in(store, meeting, ids[1], "cancelled", "late")
    check_in(store, meeting, ids[2], "cancelled", "same_day", at=STARTS - dt.timedelta(hours=2))
    check_in(store, meeting, ids[2], "cancelled")  # re-marked without news: what was known stays
    recorded = store.attendance(meeting.id)
    assert [recorded[m].notice for m in ids[:3]] == ["in_time", "late", "same_day"]
    assert recorded[ids[2]].cancelled_at == STARTS - dt.timedelta(hours=2)
    with pytest.raises(ValidationError, match="i god tid, sent eller i dag"):
        check_in(store, meeting, ids[3], "cancelled", "yesterday")
    # A member's own cancellation (later) gives the exact time; the network's limit decides.
    network = store.get_network(meeting.network_id)
    network.late_cancellation_hours = 72
    store.update_network(network)
    own = register_attendance(store, meeting, ids[3], "cancelled", cancelled_at=STARTS - dt.timedelta(hours=60))
    assert own.notice == "late"
    assert notice_for(meeting, STARTS - dt.timedelta(hours=80), 72) == "in_time"


def test_the_consultant_counts_a_late_cancellation_at_check_in_as_late(store, meeting):
    ids = members(store, meeting)
    for member_id in ids[:4]:
        check_in(store, meeting, member_id, "present")
    check_in(store, meeting, ids[4], "cancelled", "late")
    check_in(store, meeting, ids[5], "cancelled", "in_time")
    finish_meeting(store, store.get_meeting(meeting.id), STARTS + dt.timedelta(hours=3))
    table = analysis.attendance_per_meeting(analysis.load(store, as_of=STARTS + dt.timedelta(days=1)))
    row = table.iloc[0]
    assert (row["present"], row["cancelled"], row["late"], row["late_share"]) == (4, 1, 1, 0.5)
