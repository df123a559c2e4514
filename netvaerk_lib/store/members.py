"""Members, their motivation history, and erasing a member's personal data."""

from __future__ import annotations

import datetime as dt

from netvaerk_lib import timezone
from netvaerk_lib.model import Member

_COLUMNS = [name for name in Member.EDITABLE_FIELDS] + ["expected_gain", "in_host_rota"]
_PERSONAL = [name for name in _COLUMNS if name != "in_host_rota"] + ["joined_on"]


def _member(row) -> Member:
    values = {name: row[name] for name in _COLUMNS}
    values["name"] = values["name"] or ""
    values["email"] = values["email"] or ""
    values["practice_address"] = values["practice_address"] or ""
    values["expected_gain"] = values["expected_gain"] or ""
    values["in_host_rota"] = bool(values["in_host_rota"])
    return Member(id=row["id"], network_id=row["network_id"], erased=row["erased_at"] is not None, **values)


class MembersRepository:
    def add_member(self, network_id: int, member: Member, joined_on: dt.date | None = None) -> Member:
        return self.add_members(network_id, [member], joined_on)[0]

    def add_members(self, network_id: int, members: list[Member], joined_on: dt.date | None = None) -> list[Member]:
        """Add all or nothing: one transaction for the whole list."""
        for member in members:
            member.validate()
        since = (joined_on or timezone.today()).isoformat()
        columns = ", ".join(_COLUMNS)
        marks = ", ".join("?" for _ in _COLUMNS)
        with self.transaction() as conn:
            for member in members:
                cursor = conn.execute(
                    f"INSERT INTO members (network_id, joined_on, {columns}) VALUES (?, ?, {marks})",
                    [network_id, since] + [getattr(member, name) for name in _COLUMNS])
                member.id, member.network_id = cursor.lastrowid, network_id
                if member.motivation:
                    conn.execute("INSERT INTO motivation_history (member_id, motivation, since) VALUES (?, ?, ?)",
                                 (member.id, member.motivation, since))
        return members

    def update_member(self, member: Member, today: dt.date | None = None) -> Member:
        """Save the member's fields; a changed motivation is added to the history."""
        member.validate()
        before = self.get_member(member.id)
        assignments = ", ".join(f"{name} = ?" for name in _COLUMNS)
        with self.transaction() as conn:
            conn.execute(f"UPDATE members SET {assignments} WHERE id = ? AND erased_at IS NULL",
                         [getattr(member, name) for name in _COLUMNS] + [member.id])
            if member.motivation and member.motivation != before.motivation:
                conn.execute("INSERT INTO motivation_history (member_id, motivation, since) VALUES (?, ?, ?)",
                             (member.id, member.motivation, (today or timezone.today()).isoformat()))
        return member

    def get_member(self, member_id: int) -> Member:
        row = self.query_one("SELECT * FROM members WHERE id = ?", (member_id,))
        if row is None:
            raise KeyError(member_id)
        return _member(row)

    def list_members(self, network_id: int, include_erased: bool = False) -> list[Member]:
        condition = "" if include_erased else "AND erased_at IS NULL"
        rows = self.query(f"SELECT * FROM members WHERE network_id = ? {condition} ORDER BY name COLLATE NOCASE, id",
                          (network_id,))
        return [_member(row) for row in rows]

    def motivation_history(self, member_id: int) -> list[tuple[str, dt.date]]:
        rows = self.query("SELECT motivation, since FROM motivation_history WHERE member_id = ? ORDER BY since, id",
                          (member_id,))
        return [(row["motivation"], dt.date.fromisoformat(row["since"])) for row in rows]

    def erase_member(self, member_id: int) -> None:
        """Remove a member: personal data, history and goals are deleted; the row stays as an anonymous
        placeholder so that the network's attendance counts stay right. Meetings they hosted keep their date
        but lose the place when it is the member's practice address (it would still point to them)."""
        blank = ", ".join(f"{name} = NULL" for name in _PERSONAL if name not in ("expected_gain",))
        with self.transaction() as conn:
            address = (conn.execute("SELECT practice_address FROM members WHERE id = ?", (member_id,)).fetchone()
                       or [None])[0]
            if address and address.strip():
                conn.execute("UPDATE meetings SET location = '' WHERE host_member_id = ? AND TRIM(location) = ?",
                             (member_id, address.strip()))
                conn.execute("UPDATE meeting_plans SET previous_location = NULL WHERE previous_host_member_id = ? "
                             "AND TRIM(previous_location) = ?", (member_id, address.strip()))
            conn.execute("UPDATE meeting_plans SET previous_host_member_id = NULL WHERE previous_host_member_id = ?",
                         (member_id,))
            conn.execute("DELETE FROM evaluation_shared_goals WHERE member_id = ?", (member_id,))
            conn.execute(f"UPDATE members SET {blank}, expected_gain = '', in_host_rota = 0, "
                         "erased_at = ? WHERE id = ?", (timezone.today().isoformat(), member_id))
            conn.execute("DELETE FROM motivation_history WHERE member_id = ?", (member_id,))
            conn.execute("DELETE FROM goals WHERE member_id = ?", (member_id,))
            conn.execute("UPDATE meetings SET host_member_id = NULL WHERE host_member_id = ?", (member_id,))
            conn.execute("UPDATE networks SET coordinator_member_id = NULL WHERE coordinator_member_id = ?",
                         (member_id,))
