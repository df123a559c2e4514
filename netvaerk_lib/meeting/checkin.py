"""Check-in: who is present, who sent a cancellation (afbud) and who is absent, and so who takes part in the
exercises."""

from __future__ import annotations

from dataclasses import dataclass

from netvaerk_lib.meeting.checks import is_id, refuse
from netvaerk_lib.model import ATTENDANCE_STATUSES, Attendance, Meeting, Member
from netvaerk_lib.store import Store


@dataclass
class CheckInRow:
    member: Member
    status: str | None  # None: not checked in yet


def check_in_rows(store: Store, meeting: Meeting) -> list[CheckInRow]:
    attendance = store.attendance(meeting.id)
    return [CheckInRow(member, attendance[member.id].status if member.id in attendance else None)
            for member in store.list_members(meeting.network_id)]


def check_in(store: Store, meeting: Meeting, member_id: object, status: object) -> Attendance:
    """Record a member as present, cancelled (afbud) or absent at the meeting.

    Only current members of the meeting's network; a cancellation keeps the time it was sent, if known."""
    members = {m.id: m for m in store.list_members(meeting.network_id)}
    if not is_id(member_id) or member_id not in members:
        raise refuse("attendance", "run.error.not_member")
    if status not in ATTENDANCE_STATUSES:
        raise refuse("attendance", "run.error.status")
    earlier = store.attendance(meeting.id).get(member_id)
    cancelled_at = earlier.cancelled_at if earlier and earlier.status == "cancelled" and status == "cancelled" \
        else None
    return store.set_attendance(Attendance(meeting.id, member_id, status, cancelled_at))


def expected_members(store: Store, meeting: Meeting) -> list[Member]:
    """Who takes part in the exercises: the members checked in as present; before anyone is checked in,
    everyone without a cancellation or absence."""
    attendance = store.attendance(meeting.id)
    members = store.list_members(meeting.network_id)
    if any(record.status == "present" for record in attendance.values()):
        return [m for m in members if m.id in attendance and attendance[m.id].status == "present"]
    return [m for m in members if m.id not in attendance or attendance[m.id].status == "present"]
