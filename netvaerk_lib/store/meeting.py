"""Running a meeting: the digital flip-over and the agenda's live progress (planned against used time)."""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.model.meeting import FlipoverPoint, ItemProgress
from netvaerk_lib.timezone import from_text


def _text(moment: dt.datetime) -> str:
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


def _point(row) -> FlipoverPoint:
    return FlipoverPoint(row["id"], row["meeting_id"], row["position"], row["text"], from_text(row["created_at"]))


def _progress(row) -> ItemProgress:
    return ItemProgress(row["meeting_id"], row["position"], row["title"], row["planned_minutes"],
                        from_text(row["first_started_at"]), row["used_seconds"], from_text(row["running_since"]))


class MeetingRepository:
    # --- flip-over -----------------------------------------------------------------------------------------
    def add_flipover_point(self, meeting_id: int, text: str, at: dt.datetime) -> FlipoverPoint:
        """Append a point (already checked by the caller) at the end of the meeting's flip-over."""
        with self.transaction() as conn:
            row = conn.execute("SELECT coalesce(max(position) + 1, 0) AS next FROM flipover_points "
                               "WHERE meeting_id = ?", (meeting_id,)).fetchone()
            cursor = conn.execute("INSERT INTO flipover_points (meeting_id, position, text, created_at) "
                                  "VALUES (?, ?, ?, ?)", (meeting_id, row["next"], text, _text(at)))
        return FlipoverPoint(cursor.lastrowid, meeting_id, row["next"], text, at)

    def remove_flipover_point(self, meeting_id: int, point_id: int) -> bool:
        """Remove one point of this meeting; False (and nothing removed) when it is not this meeting's."""
        with self.transaction() as conn:
            cursor = conn.execute("DELETE FROM flipover_points WHERE id = ? AND meeting_id = ?",
                                  (point_id, meeting_id))
        return cursor.rowcount == 1

    def flipover_points(self, meeting_id: int) -> list[FlipoverPoint]:
        rows = self.query("SELECT * FROM flipover_points WHERE meeting_id = ? ORDER BY position, id", (meeting_id,))
        return [_point(row) for row in rows]

    def flipover_meetings(self, network_id: int) -> list[int]:
        """The network's meetings that have flip-over points, earliest first."""
        rows = self.query("SELECT m.id FROM meetings m WHERE m.network_id = ? AND EXISTS "
                          "(SELECT 1 FROM flipover_points f WHERE f.meeting_id = m.id) ORDER BY m.starts_at, m.id",
                          (network_id,))
        return [row["id"] for row in rows]

    # --- agenda progress -----------------------------------------------------------------------------------
    def start_agenda_item(self, meeting_id: int, position: int, title: str, planned_minutes: int,
                          at: dt.datetime) -> None:
        """Make one item the running one: the running item (if another) stops and keeps its used time."""
        with self.transaction() as conn:
            self._stop_running(conn, meeting_id, at, except_position=position)
            conn.execute(
                "INSERT INTO agenda_progress (meeting_id, position, title, planned_minutes, first_started_at, "
                "running_since) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (meeting_id, position) DO UPDATE SET "
                "title = excluded.title, planned_minutes = excluded.planned_minutes, "
                "running_since = coalesce(agenda_progress.running_since, excluded.running_since)",
                (meeting_id, position, title, planned_minutes, _text(at), _text(at)))

    def stop_agenda(self, meeting_id: int, at: dt.datetime) -> None:
        """Nothing runs any more (the meeting is over, or paused)."""
        with self.transaction() as conn:
            self._stop_running(conn, meeting_id, at)

    @staticmethod
    def _stop_running(conn, meeting_id: int, at: dt.datetime, except_position: int | None = None) -> None:
        rows = conn.execute("SELECT position, used_seconds, running_since FROM agenda_progress "
                            "WHERE meeting_id = ? AND running_since IS NOT NULL", (meeting_id,)).fetchall()
        for row in rows:
            if row["position"] == except_position:
                continue
            stretch = max((at - from_text(row["running_since"])).total_seconds(), 0.0)
            conn.execute("UPDATE agenda_progress SET used_seconds = ?, running_since = NULL "
                         "WHERE meeting_id = ? AND position = ?",
                         (row["used_seconds"] + stretch, meeting_id, row["position"]))

    def agenda_progress(self, meeting_id: int) -> dict[int, ItemProgress]:
        rows = self.query("SELECT * FROM agenda_progress WHERE meeting_id = ? ORDER BY position", (meeting_id,))
        return {row["position"]: _progress(row) for row in rows}
