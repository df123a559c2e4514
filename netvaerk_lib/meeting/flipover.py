"""The digital flip-over: points typed during the meeting, and the last meeting's points shown again."""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.meeting.checks import is_id, refuse
from netvaerk_lib.model import Meeting
from netvaerk_lib.model.meeting import FlipoverPoint
from netvaerk_lib.store import Store

MAX_POINT = 500
MAX_POINTS = 200


def add_point(store: Store, meeting: Meeting, text: object, at: dt.datetime) -> FlipoverPoint:
    """Add what the facilitator typed as a point on the meeting's flip-over (kept exactly, shown escaped)."""
    cleaned = text.strip() if isinstance(text, str) else ""
    if not cleaned:
        raise refuse("point", "run.error.point_empty")
    if len(cleaned) > MAX_POINT:
        raise refuse("point", "run.error.point_long", limit=MAX_POINT)
    if len(store.flipover_points(meeting.id)) >= MAX_POINTS:
        raise refuse("point", "run.error.points_full", limit=MAX_POINTS)
    return store.add_flipover_point(meeting.id, cleaned, at)


def remove_point(store: Store, meeting: Meeting, point_id: object) -> None:
    if not is_id(point_id) or not store.remove_flipover_point(meeting.id, point_id):
        raise refuse("point", "run.error.point_unknown")


def previous_flipover(store: Store, meeting: Meeting) -> tuple[Meeting, list[FlipoverPoint]] | None:
    """The flip-over of the latest earlier meeting that has one, to show again at this meeting."""
    earlier = [store.get_meeting(meeting_id) for meeting_id in store.flipover_meetings(meeting.network_id)
               if meeting_id != meeting.id]
    earlier = [m for m in earlier if (m.starts_at, m.id) < (meeting.starts_at, meeting.id)]
    if not earlier:
        return None
    latest = max(earlier, key=lambda m: (m.starts_at, m.id))
    return latest, store.flipover_points(latest.id)
