"""Meeting planning: agendas, each meeting's calendar identity and planning notes, hosts, the contract."""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.model import GroundRule, Meeting
from netvaerk_lib.model.planning import AgendaItem, CalendarStamp, Contract, MeetingPlan, TrialCheckpoint
from netvaerk_lib.timezone import to_text


def _plan(row) -> MeetingPlan:
    return MeetingPlan(
        meeting_id=row["meeting_id"], uid=row["uid"], sequence=row["sequence"], fingerprint=row["fingerprint"],
        revised_at=dt.datetime.fromisoformat(row["revised_at"]) if row["revised_at"] else None,
        rule_date=dt.date.fromisoformat(row["rule_date"]) if row["rule_date"] else None,
        move_reason=row["move_reason"], host_fixed=bool(row["host_fixed"]),
        previous_host_id=row["previous_host_member_id"], previous_location=row["previous_location"] or "",
        changed_at=dt.datetime.fromisoformat(row["changed_at"]) if row["changed_at"] else None)


_ENSURE_PLAN = "INSERT INTO meeting_plans (meeting_id) VALUES (?) ON CONFLICT (meeting_id) DO NOTHING"


class PlanningRepository:
    # --- agendas -------------------------------------------------------------------------------------------
    def save_agenda(self, meeting_id: int, items: list[AgendaItem]) -> list[AgendaItem]:
        """Replace a meeting's agenda with ``items`` (checked by ``planning.agenda.save_agenda``); all or nothing."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM agenda_items WHERE meeting_id = ?", (meeting_id,))
            for position, item in enumerate(items):
                cursor = conn.execute(
                    "INSERT INTO agenda_items (meeting_id, position, title, minutes, exercise_type, note, optional) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (meeting_id, position, item.title.strip(), item.minutes, item.exercise_type, item.note.strip(),
                     int(bool(item.optional))))
                item.id, item.meeting_id, item.position = cursor.lastrowid, meeting_id, position
        return items

    def stored_agenda(self, meeting_id: int) -> list[AgendaItem]:
        rows = self.query("SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", (meeting_id,))
        return [AgendaItem(title=r["title"], minutes=r["minutes"], exercise_type=r["exercise_type"], note=r["note"],
                           optional=bool(r["optional"]), id=r["id"], meeting_id=r["meeting_id"],
                           position=r["position"]) for r in rows]

    # --- meeting plans -------------------------------------------------------------------------------------
    def meeting_plan(self, meeting_id: int) -> MeetingPlan:
        row = self.query_one("SELECT * FROM meeting_plans WHERE meeting_id = ?", (meeting_id,))
        return _plan(row) if row else MeetingPlan(meeting_id)

    def meeting_plans(self, network_id: int) -> dict[int, MeetingPlan]:
        rows = self.query("SELECT p.* FROM meeting_plans p JOIN meetings m ON m.id = p.meeting_id "
                          "WHERE m.network_id = ?", (network_id,))
        return {row["meeting_id"]: _plan(row) for row in rows}

    def add_planned_meetings(self, meetings: list[Meeting], rule_dates: list[dt.date | None],
                             reasons: list[str]) -> list[Meeting]:
        """Add a series of meetings with the date the rule gave and why each was moved, in one transaction."""
        for meeting in meetings:
            meeting.validate()
        with self.transaction():
            for meeting, rule_date, reason in zip(meetings, rule_dates, reasons, strict=True):
                self.add_meeting(meeting)
                self.conn.execute(
                    "INSERT INTO meeting_plans (meeting_id, rule_date, move_reason) VALUES (?, ?, ?)",
                    (meeting.id, rule_date.isoformat() if rule_date else None, reason))
        return meetings

    def move_meeting(self, meeting_id: int, starts_at: dt.datetime, reason: str) -> Meeting:
        """Move one meeting by hand and record why."""
        meeting = self.get_meeting(meeting_id)
        meeting.starts_at = starts_at.replace(second=0, microsecond=0, tzinfo=None)
        with self.transaction() as conn:
            self.update_meeting(meeting)
            conn.execute(_ENSURE_PLAN, (meeting_id,))
            conn.execute("UPDATE meeting_plans SET move_reason = ? WHERE meeting_id = ?", (reason, meeting_id))
        return meeting

    def delete_planned_meeting(self, meeting_id: int) -> bool:
        """Remove a planned meeting that nothing refers to yet (no attendance, goals or evaluations).
        Returns False, and removes nothing, otherwise."""
        meeting = self.get_meeting(meeting_id)
        in_use = self.query_one(
            "SELECT 1 FROM attendance WHERE meeting_id = :id UNION ALL SELECT 1 FROM goals WHERE meeting_id = :id "
            "OR followed_up_meeting_id = :id UNION ALL SELECT 1 FROM evaluation_responses WHERE meeting_id = :id "
            "UNION ALL SELECT 1 FROM trial_checkpoints WHERE meeting_id = :id",
            {"id": meeting_id})
        if meeting.status != "planned" or in_use:
            return False
        with self.transaction() as conn:
            conn.execute("DELETE FROM agenda_items WHERE meeting_id = ?", (meeting_id,))
            conn.execute("DELETE FROM meeting_plans WHERE meeting_id = ?", (meeting_id,))
            conn.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))
        return True

    # --- hosts and themes ----------------------------------------------------------------------------------
    def set_host(self, meeting_id: int, member_id: int | None, location: str | None = None,
                 fixed: bool = True) -> None:
        """Choose a meeting's host (by hand unless ``fixed`` is False); ``location`` replaces the location."""
        with self.transaction() as conn:
            conn.execute("UPDATE meetings SET host_member_id = ? WHERE id = ?", (member_id, meeting_id))
            if location is not None:
                conn.execute("UPDATE meetings SET location = ? WHERE id = ?", (location, meeting_id))
            conn.execute(_ENSURE_PLAN, (meeting_id,))
            conn.execute("UPDATE meeting_plans SET host_fixed = ? WHERE meeting_id = ?", (int(fixed), meeting_id))

    def save_rota(self, hosts: dict[int, tuple[int | None, str | None]], unfix: list[int] = (),
                  changed: list[int] = (), at: dt.datetime | None = None) -> None:
        """Write a computed rota: meeting -> (host, location or None to keep); ``unfix`` lists meetings whose
        hand-picked host no longer holds (a cancellation); ``changed`` the announced meetings whose host or place
        the person agreed to change: their host and place until now are kept beside them, with the time ``at``."""
        with self.transaction() as conn:
            for meeting_id in changed:
                conn.execute(_ENSURE_PLAN, (meeting_id,))
                conn.execute("UPDATE meeting_plans SET previous_host_member_id = m.host_member_id, "
                             "previous_location = m.location, changed_at = ? FROM meetings m "
                             "WHERE m.id = meeting_plans.meeting_id AND meeting_plans.meeting_id = ?",
                             (to_text(at), meeting_id))
            for meeting_id, (host, location) in hosts.items():
                conn.execute("UPDATE meetings SET host_member_id = ? WHERE id = ?", (host, meeting_id))
                if location is not None:
                    conn.execute("UPDATE meetings SET location = ? WHERE id = ?", (location, meeting_id))
            for meeting_id in unfix:
                conn.execute("UPDATE meeting_plans SET host_fixed = 0 WHERE meeting_id = ?", (meeting_id,))

    def swap_hosts(self, first_id: int, second_id: int, locations: tuple[str | None, str | None] = (None, None)):
        """Exchange the hosts of two meetings; both are then kept by the rota."""
        first, second = self.get_meeting(first_id), self.get_meeting(second_id)
        with self.transaction():
            self.set_host(first_id, second.host_member_id, locations[0])
            self.set_host(second_id, first.host_member_id, locations[1])

    def set_meeting_topic(self, meeting_id: int, topic_id: int | None) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE meetings SET topic_id = ? WHERE id = ?", (topic_id, meeting_id))

    def has_guide_topics(self, network_id: int) -> bool:
        return self.query_one("SELECT 1 FROM topics WHERE network_id = ? AND source = 'guide'",
                              (network_id,)) is not None

    def add_guide_topics(self, network_id: int, titles: list[str]) -> None:
        """Add the guide's topics (titles as given) in one transaction; a title the network has is kept."""
        with self.transaction() as conn:
            for title in titles:
                conn.execute("INSERT INTO topics (network_id, title, source) VALUES (?, ?, 'guide') "
                             "ON CONFLICT (network_id, title) DO NOTHING", (network_id, title))

    def cancellations(self, network_id: int) -> dict[int, set[int]]:
        """Meeting id -> members who sent a cancellation (afbud) for it."""
        rows = self.query("SELECT a.meeting_id, a.member_id FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
                          "WHERE m.network_id = ? AND a.status = 'cancelled'", (network_id,))
        result: dict[int, set[int]] = {}
        for row in rows:
            result.setdefault(row["meeting_id"], set()).add(row["member_id"])
        return result

    # --- calendar ------------------------------------------------------------------------------------------
    def stamp_calendar(self, stamps: list[CalendarStamp]) -> None:
        with self.transaction() as conn:
            for stamp in stamps:
                conn.execute(_ENSURE_PLAN, (stamp.meeting_id,))
                conn.execute("UPDATE meeting_plans SET uid = ?, sequence = ?, fingerprint = ?, revised_at = ? "
                             "WHERE meeting_id = ?", (stamp.uid, stamp.sequence, stamp.fingerprint,
                                                      to_text(stamp.revised_at), stamp.meeting_id))

    # --- trial checkpoint ---------------------------------------------------------------------------------
    def save_checkpoint(self, checkpoint: TrialCheckpoint) -> TrialCheckpoint:
        """Record (or record again) what was decided about the model at a meeting (checked by
        ``planning.checkpoint.record_outcome``)."""
        with self.transaction() as conn:
            conn.execute("INSERT INTO trial_checkpoints (meeting_id, outcome, note, recorded_at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (meeting_id) DO UPDATE SET outcome = excluded.outcome, note = excluded.note, "
                         "recorded_at = excluded.recorded_at",
                         (checkpoint.meeting_id, checkpoint.outcome, checkpoint.note.strip(),
                          to_text(checkpoint.recorded_at)))
        return checkpoint

    def checkpoints(self, network_id: int) -> list[TrialCheckpoint]:
        """The network's recorded checkpoint outcomes, in the order of their meetings."""
        rows = self.query("SELECT c.* FROM trial_checkpoints c JOIN meetings m ON m.id = c.meeting_id "
                          "WHERE m.network_id = ? ORDER BY m.starts_at, m.id", (network_id,))
        return [TrialCheckpoint(row["meeting_id"], row["outcome"], row["note"],
                                dt.datetime.fromisoformat(row["recorded_at"])) for row in rows]

    # --- contract ------------------------------------------------------------------------------------------
    def get_contract(self, network_id: int) -> Contract:
        row = self.query_one("SELECT * FROM contracts WHERE network_id = ?", (network_id,))
        if row is None:
            return Contract(network_id)
        return Contract(network_id, row["confidentiality"],
                        dt.date.fromisoformat(row["agreed_on"]) if row["agreed_on"] else None)

    def save_contract(self, network_id: int, purpose: str, rules: list[GroundRule], confidentiality: str,
                      gains: dict[int, str], agreed_on: dt.date | None = None) -> None:
        """The whole contract in one transaction: purpose, ground rules (in order), confidentiality agreement,
        and each member's expected personal gain (checked by ``planning.contract.save_contract``)."""
        with self.transaction() as conn:
            conn.execute("UPDATE networks SET purpose = ? WHERE id = ?", (purpose.strip(), network_id))
            conn.execute("DELETE FROM ground_rules WHERE network_id = ?", (network_id,))
            for position, rule in enumerate(rules):
                conn.execute("INSERT INTO ground_rules (network_id, text, source, position) VALUES (?, ?, ?, ?)",
                             (network_id, rule.text.strip(), rule.source, position))
            conn.execute("INSERT INTO contracts (network_id, confidentiality, agreed_on) VALUES (?, ?, ?) "
                         "ON CONFLICT (network_id) DO UPDATE SET confidentiality = excluded.confidentiality, "
                         "agreed_on = excluded.agreed_on",
                         (network_id, confidentiality.strip(), agreed_on.isoformat() if agreed_on else None))
            for member_id, gain in gains.items():
                conn.execute("UPDATE members SET expected_gain = ? WHERE id = ? AND network_id = ? "
                             "AND erased_at IS NULL", (gain.strip(), member_id, network_id))
