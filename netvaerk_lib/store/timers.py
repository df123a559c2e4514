"""Exercise timer runs and their phase log (planned against used time per phase)."""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.model.timers import PhaseUse, Program, TimerRun
from netvaerk_lib.timezone import from_text, now, to_text


class TimersRepository:
    def start_timer_run(self, program: Program, *, meeting_id: int | None = None,
                        agenda_item_id: int | None = None, started_at: dt.datetime | None = None) -> int:
        """A new run with one row per phase (nothing used yet); returns the run's id."""
        moment = started_at or now()
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO timer_runs (meeting_id, agenda_item_id, kind, title, started_at) VALUES (?, ?, ?, ?, ?)",
                (meeting_id, agenda_item_id, program.kind, program.title, to_text(moment)))
            run_id = cursor.lastrowid
            conn.executemany(
                "INSERT INTO timer_phase_log (run_id, position, label, kind, planned_seconds) VALUES (?, ?, ?, ?, ?)",
                [(run_id, position, phase.label, phase.kind, phase.seconds)
                 for position, phase in enumerate(program.phases)])
        return run_id

    def record_phase_use(self, run_id: int, use: PhaseUse) -> None:
        """Save a phase's running totals (used and added time); the browser reports totals, not deltas."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "UPDATE timer_phase_log SET used_seconds = ?, added_seconds = ? WHERE run_id = ? AND position = ?",
                (use.used_seconds, use.added_seconds, run_id, use.position))
            if cursor.rowcount != 1:
                raise KeyError((run_id, use.position))

    def finish_timer_run(self, run_id: int, ended_at: dt.datetime | None = None) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE timer_runs SET ended_at = ? WHERE id = ?", (to_text(ended_at or now()), run_id))

    def get_timer_run(self, run_id: int) -> TimerRun:
        row = self.query_one("SELECT * FROM timer_runs WHERE id = ?", (run_id,))
        if row is None:
            raise KeyError(run_id)
        return self._timer_run(row)

    def timer_runs(self, meeting_id: int | None) -> list[TimerRun]:
        """The runs of a meeting (``None``: free runs not tied to a meeting), oldest first."""
        rows = self.query("SELECT * FROM timer_runs WHERE meeting_id IS ? ORDER BY started_at, id", (meeting_id,))
        return [self._timer_run(row) for row in rows]

    def _timer_run(self, row) -> TimerRun:
        phases = [PhaseUse(r["position"], r["label"], r["kind"], r["planned_seconds"], r["added_seconds"],
                           r["used_seconds"])
                  for r in self.query("SELECT * FROM timer_phase_log WHERE run_id = ? ORDER BY position", (row["id"],))]
        return TimerRun(id=row["id"], kind=row["kind"], title=row["title"], started_at=from_text(row["started_at"]),
                        ended_at=from_text(row["ended_at"]), meeting_id=row["meeting_id"],
                        agenda_item_id=row["agenda_item_id"], phases=phases)
