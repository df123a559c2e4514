"""Check-in: who is present, who sent a cancellation (afbud, and when it came) and who is absent, and so who
takes part in the exercises. Codes follow attendance: a member marked as not present loses an unused code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netvaerk_lib.evaluation import sessions
from netvaerk_lib.meeting.checks import is_id, refuse
from netvaerk_lib.members.attendance import register_attendance
from netvaerk_lib.model import Attendance, Meeting, Member
from netvaerk_lib.store import Store


@dataclass
class CheckInRow:
    member: Member
    status: str | None  # None: not checked in yet
    notice: str | None = None  # for an afbud: when it came ('in_time', 'late', 'same_day'), if known


def check_in_rows(store: Store, meeting: Meeting) -> list[CheckInRow]:
    attendance = store.attendance(meeting.id)
    return [CheckInRow(member, attendance[member.id].status, attendance[member.id].notice)
            if member.id in attendance else CheckInRow(member, None)
            for member in store.list_members(meeting.network_id)]


def check_in(store: Store, meeting: Meeting, member_id: object, status: object, notice: object = None,
             at: dt.datetime | None = None) -> Attendance:
    """Record a member as present, cancelled (afbud: ``notice`` 'in_time', 'late' or 'same_day') or absent.

    Only current members of the meeting's network; a cancellation keeps what was known of when it came. Codes
    follow attendance: a member marked as not present loses an unused evaluation code."""
    members = {m.id: m for m in store.list_members(meeting.network_id)}
    if not is_id(member_id) or member_id not in members:
        raise refuse("attendance", "run.error.not_member")
    record = register_attendance(store, meeting, member_id, status, notice=notice, at=at)
    sessions.follow_attendance(store, meeting.id, member_id, record.status)
    return record


def expected_members(store: Store, meeting: Meeting) -> list[Member]:
    """Who takes part in the exercises: the members checked in as present; before anyone is checked in,
    everyone without a cancellation or absence."""
    attendance = store.attendance(meeting.id)
    members = store.list_members(meeting.network_id)
    if any(record.status == "present" for record in attendance.values()):
        return [m for m in members if m.id in attendance and attendance[m.id].status == "present"]
    return [m for m in members if m.id not in attendance or attendance[m.id].status == "present"]
