"""Meetings, attendance and goals."""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.model import Attendance, Goal, Meeting
from netvaerk_lib.timezone import from_text, to_text

_MEETING_COLUMNS = ("network_id", "starts_at", "length_minutes", "kind", "status", "topic_id", "location",
                    "host_member_id", "note")


def _meeting(row) -> Meeting:
    values = {name: row[name] for name in _MEETING_COLUMNS}
    values["starts_at"] = from_text(values["starts_at"])
    return Meeting(id=row["id"], **values)


def _attendance(row) -> Attendance:
    return Attendance(row["meeting_id"], row["member_id"], row["status"], from_text(row["cancelled_at"]),
                      row["notice"])


def _goal(row) -> Goal:
    return Goal(id=row["id"], member_id=row["member_id"], meeting_id=row["meeting_id"], text=row["text"],
                status=row["status"], followed_up_meeting_id=row["followed_up_meeting_id"])


class MeetingsRepository:
    def add_meeting(self, meeting: Meeting) -> Meeting:
        meeting.validate()
        values = [getattr(meeting, name) for name in _MEETING_COLUMNS]
        values[1] = to_text(meeting.starts_at)
        with self.transaction() as conn:
            cursor = conn.execute(
                f"INSERT INTO meetings ({', '.join(_MEETING_COLUMNS)}) VALUES ({', '.join('?' * len(values))})",
                values)
        meeting.id = cursor.lastrowid
        return meeting

    def update_meeting(self, meeting: Meeting) -> Meeting:
        meeting.validate()
        values = [getattr(meeting, name) for name in _MEETING_COLUMNS]
        values[1] = to_text(meeting.starts_at)
        assignments = ", ".join(f"{name} = ?" for name in _MEETING_COLUMNS)
        with self.transaction() as conn:
            conn.execute(f"UPDATE meetings SET {assignments} WHERE id = ?", values + [meeting.id])
        return meeting

    def get_meeting(self, meeting_id: int) -> Meeting:
        row = self.query_one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        if row is None:
            raise KeyError(meeting_id)
        return _meeting(row)

    def list_meetings(self, network_id: int) -> list[Meeting]:
        rows = self.query("SELECT * FROM meetings WHERE network_id = ? ORDER BY starts_at, id", (network_id,))
        return [_meeting(row) for row in rows]

    def next_meeting(self, network_id: int, after: dt.datetime) -> Meeting | None:
        """The first planned meeting that has not ended before ``after``."""
        for meeting in self.list_meetings(network_id):
            if meeting.status == "planned" and meeting.ends_at >= after:
                return meeting
        return None

    def set_attendance(self, record: Attendance) -> Attendance:
        record.validate()
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO attendance (meeting_id, member_id, status, cancelled_at, notice) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = excluded.status, "
                "cancelled_at = excluded.cancelled_at, notice = excluded.notice",
                (record.meeting_id, record.member_id, record.status, to_text(record.cancelled_at), record.notice))
        return record

    def attendance(self, meeting_id: int) -> dict[int, Attendance]:
        rows = self.query("SELECT * FROM attendance WHERE meeting_id = ?", (meeting_id,))
        return {row["member_id"]: _attendance(row) for row in rows}

    def network_attendance(self, network_id: int) -> list[Attendance]:
        rows = self.query("SELECT a.* FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
                          "WHERE m.network_id = ? ORDER BY m.starts_at, a.member_id", (network_id,))
        return [_attendance(row) for row in rows]

    def add_goal(self, goal: Goal) -> Goal:
        goal.validate()
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO goals (member_id, meeting_id, text, status, followed_up_meeting_id) "
                "VALUES (?, ?, ?, ?, ?)",
                (goal.member_id, goal.meeting_id, goal.text.strip(), goal.status, goal.followed_up_meeting_id))
        goal.id = cursor.lastrowid
        return goal

    def follow_up_goal(self, goal_id: int, status: str, meeting_id: int) -> Goal:
        """Mark a goal done / continued / dropped at a meeting's follow-up round."""
        goal = self.get_goal(goal_id)
        goal.status, goal.followed_up_meeting_id = status, meeting_id
        goal.validate()
        with self.transaction() as conn:
            conn.execute("UPDATE goals SET status = ?, followed_up_meeting_id = ? WHERE id = ?",
                         (status, meeting_id, goal_id))
        return goal

    def get_goal(self, goal_id: int) -> Goal:
        row = self.query_one("SELECT * FROM goals WHERE id = ?", (goal_id,))
        if row is None:
            raise KeyError(goal_id)
        return _goal(row)

    def list_goals(self, network_id: int) -> list[Goal]:
        rows = self.query("SELECT g.* FROM goals g JOIN members p ON p.id = g.member_id WHERE p.network_id = ? "
                          "ORDER BY g.id", (network_id,))
        return [_goal(row) for row in rows]
