"""The follow-up round on goals: each member's goals from earlier meetings, and new goals set today."""

from __future__ import annotations

from dataclasses import dataclass

from netvaerk_lib.meeting.checks import is_id, refuse
from netvaerk_lib.model import Goal, Meeting, Member
from netvaerk_lib.store import Store

FOLLOW_UP_STATUSES = ("done", "continued", "dropped")


@dataclass
class FollowUpRow:
    goal: Goal
    member: Member
    set_at: Meeting | None
    status: str | None  # the status given at this meeting, None while not followed up yet
    older: bool = False  # open since before the member's latest meeting: to be closed or carried on deliberately


def follow_up_rows(store: Store, meeting: Meeting) -> list[FollowUpRow]:
    """Each member's goals to follow up at this meeting: goals set at an earlier meeting that are still open
    or were continued at an earlier follow-up, and those already followed up at this meeting.

    A goal still open that was set (or last continued) before the latest earlier meeting its member attended
    is ``older``: it was passed over there, so it waits to be closed or carried on rather than piling up in
    the round. A member without an attended earlier meeting on record has no older goals."""
    members = {m.id: m for m in store.list_members(meeting.network_id)}
    meetings = {m.id: m for m in store.list_meetings(meeting.network_id)}
    last_seen = last_attended(store, meeting, meetings)
    rows = []
    for goal in store.list_goals(meeting.network_id):
        member = members.get(goal.member_id)
        set_at = meetings.get(goal.meeting_id)
        if member is None or goal.meeting_id == meeting.id:
            continue
        if set_at is not None and _order(set_at) > _order(meeting):
            continue
        if goal.followed_up_meeting_id == meeting.id:
            rows.append(FollowUpRow(goal, member, set_at, goal.status))
        elif goal.status in ("open", "continued"):
            since = meetings.get(goal.followed_up_meeting_id) if goal.status == "continued" else set_at
            seen = last_seen.get(member.id)
            older = since is not None and seen is not None and _order(since) < _order(seen)
            rows.append(FollowUpRow(goal, member, set_at, None, older))
    return sorted(rows, key=lambda row: ((row.member.name or "").casefold(), row.goal.id))


def last_attended(store: Store, meeting: Meeting, meetings: dict[int, Meeting]) -> dict[int, Meeting]:
    """Per member, the latest meeting before ``meeting`` they were present at."""
    latest: dict[int, Meeting] = {}
    for record in store.network_attendance(meeting.network_id):
        attended = meetings.get(record.meeting_id)
        if record.status != "present" or attended is None or _order(attended) >= _order(meeting):
            continue
        if record.member_id not in latest or _order(attended) > _order(latest[record.member_id]):
            latest[record.member_id] = attended
    return latest


def _order(meeting: Meeting) -> tuple:
    return meeting.starts_at, meeting.id


def follow_up(store: Store, meeting: Meeting, goal_id: object, status: object) -> Goal:
    """Mark a goal done, continued or dropped at this meeting (only goals that are up for follow-up here)."""
    if status not in FOLLOW_UP_STATUSES:
        raise refuse("goal_status", "run.error.goal_status")
    if not is_id(goal_id) or not any(row.goal.id == goal_id for row in follow_up_rows(store, meeting)):
        raise refuse("goal", "run.error.goal_unknown")
    return store.follow_up_goal(goal_id, status, meeting.id)


def new_goals(store: Store, meeting: Meeting) -> list[tuple[Goal, Member]]:
    """Goals set at this meeting, to be followed up at the next one."""
    members = {m.id: m for m in store.list_members(meeting.network_id)}
    return [(goal, members[goal.member_id]) for goal in store.list_goals(meeting.network_id)
            if goal.meeting_id == meeting.id and goal.member_id in members]


def add_goal(store: Store, meeting: Meeting, member_id: object, text: object) -> Goal:
    if not is_id(member_id) or member_id not in {m.id for m in store.list_members(meeting.network_id)}:
        raise refuse("goal_member", "run.error.not_member")
    goal = Goal(member_id=member_id, text=text.strip() if isinstance(text, str) else "", meeting_id=meeting.id)
    return store.add_goal(goal)
