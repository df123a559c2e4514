"""Who comes to a meeting, and when a cancellation came: the one rule for registering attendance.

Check-in at the meeting, the plan before it and (later) a member's own cancellation all register attendance
here. A cancellation keeps when it came: the notice the facilitator gives ('in_time' "i god tid", 'late'
"sent", 'same_day' "i dag"), or the exact time when it is known (a member's own cancellation). "Sent" means
within the network's own limit before the start (``Network.late_cancellation_hours``, default 48 hours).
The consultant's late-cancellation share and early warning read it (``analysis.data.classify``).
"""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.model import (
    ATTENDANCE_STATUSES,
    CANCELLATION_NOTICES,
    Attendance,
    FieldError,
    Meeting,
    ValidationError,
)
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t


def notice_for(meeting: Meeting, cancelled_at: dt.datetime, late_hours: int) -> str:
    """The notice a cancellation at ``cancelled_at`` gave: the same day, late (within the limit) or in time."""
    if cancelled_at.date() >= meeting.starts_at.date():
        return "same_day"
    if meeting.starts_at - cancelled_at < dt.timedelta(hours=late_hours):
        return "late"
    return "in_time"


def register_attendance(store: Store, meeting: Meeting, member_id: int, status: object, *,
                        notice: object = None, cancelled_at: dt.datetime | None = None,
                        at: dt.datetime | None = None) -> Attendance:
    """Record a member as present, cancelled (afbud) or absent (udeblevet) at the meeting.

    For a cancellation: ``notice`` as the facilitator says it, or ``cancelled_at`` when the exact time is known
    (the notice is then worked out from it). 'same_day' given at ``at`` on the meeting's day records that
    moment too. Re-marking a cancellation without saying anything new keeps what was known about it."""
    if status not in ATTENDANCE_STATUSES:
        raise ValidationError([FieldError("attendance", t("run.error.status"))])
    if notice is not None and notice not in CANCELLATION_NOTICES:
        raise ValidationError([FieldError("notice", t("attendance.error.notice"))])
    if status != "cancelled":
        return store.set_attendance(Attendance(meeting.id, member_id, status))
    earlier = store.attendance(meeting.id).get(member_id)
    if notice is None and cancelled_at is None and earlier is not None and earlier.status == "cancelled":
        return store.set_attendance(Attendance(meeting.id, member_id, status, earlier.cancelled_at, earlier.notice))
    late_hours = store.get_network(meeting.network_id).late_cancellation_hours
    if cancelled_at is not None and notice is None:
        notice = notice_for(meeting, cancelled_at, late_hours)
    if notice == "same_day" and cancelled_at is None and at is not None and at.date() == meeting.starts_at.date():
        cancelled_at = min(at, meeting.starts_at).replace(second=0, microsecond=0)
    return store.set_attendance(Attendance(meeting.id, member_id, status, cancelled_at, notice))
