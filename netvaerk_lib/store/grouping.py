"""Locked groupings: who sat with whom at which meeting, in which role, asked which question; and a network's
rule pairs (members kept apart or together in every grouping)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from netvaerk_lib.model.grouping import LockedGrouping, MemberPair, Seat, Seating
from netvaerk_lib.timezone import now, to_text


class GroupingRepository:
    def save_grouping(self, meeting_id: int, kind: str, seating: Seating, at: dt.datetime | None = None) -> int:
        """Lock a grouping for a meeting (checked by ``grouping.locking.lock_grouping``); all rows or none.
        Returns its id."""
        with self.transaction() as conn:
            cursor = conn.execute("INSERT INTO groupings (meeting_id, kind, locked_at) VALUES (?, ?, ?)",
                                  (meeting_id, kind, to_text(at or now())))
            grouping_id = cursor.lastrowid
            conn.executemany(
                "INSERT INTO grouping_seats (grouping_id, round, group_number, position, member_id, role, question) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(grouping_id, r, g, p, seat.member, seat.role, seat.question)
                 for r, groups in enumerate(seating, start=1)
                 for g, seats in enumerate(groups, start=1)
                 for p, seat in enumerate(seats, start=1)])
        return grouping_id

    def delete_grouping(self, grouping_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM grouping_seats WHERE grouping_id = ?", (grouping_id,))
            conn.execute("DELETE FROM groupings WHERE id = ?", (grouping_id,))

    def list_groupings(self, network_id: int, meeting_id: int | None = None,
                       kind: str | None = None) -> list[LockedGrouping]:
        """Locked groupings of a network (optionally one meeting or one kind), oldest first."""
        sql = ("SELECT g.* FROM groupings g JOIN meetings m ON m.id = g.meeting_id WHERE m.network_id = ?"
               + (" AND g.meeting_id = ?" if meeting_id is not None else "")
               + (" AND g.kind = ?" if kind is not None else "")
               + " ORDER BY m.starts_at, g.locked_at, g.id")
        params = [network_id] + [v for v in (meeting_id, kind) if v is not None]
        heads = self.query(sql, tuple(params))
        seats = defaultdict(list)
        if heads:
            marks = ", ".join("?" for _ in heads)
            for row in self.query(f"SELECT * FROM grouping_seats WHERE grouping_id IN ({marks}) "
                                  "ORDER BY grouping_id, round, group_number, position", tuple(h["id"] for h in heads)):
                seats[row["grouping_id"]].append(row)
        result = []
        for head in heads:
            rounds: dict[int, dict[int, list[Seat]]] = defaultdict(lambda: defaultdict(list))
            for row in seats[head["id"]]:
                rounds[row["round"]][row["group_number"]].append(Seat(row["member_id"], row["role"], row["question"]))
            seating = [[rounds[r][g] for g in sorted(rounds[r])] for r in sorted(rounds)]
            result.append(LockedGrouping(head["id"], head["meeting_id"], head["kind"], head["locked_at"], seating))
        return result

    def grouping_history(self, network_id: int) -> list[list[tuple[int, ...]]]:
        """Every locked round of the network as groups of member ids: the pairs that have met.

        Rounds of one grouping with the same groups as the round before (the rounds of a sparring exercise,
        where the case moves on inside the groups) are one meeting of those people, so they count once."""
        history = []
        for locked in self.list_groupings(network_id):
            previous = None
            for groups in locked.seating:
                round_groups = [tuple(seat.member for seat in seats) for seats in groups]
                same = {frozenset(group) for group in round_groups}
                if same != previous:
                    history.append(round_groups)
                previous = same
        return history

    def role_counts(self, network_id: int, kind: str) -> dict[int, Counter]:
        """member id -> how often they have had each role in locked groupings of this kind."""
        rows = self.query("SELECT s.member_id, s.role, COUNT(*) AS n FROM grouping_seats s "
                          "JOIN groupings g ON g.id = s.grouping_id JOIN meetings m ON m.id = g.meeting_id "
                          "WHERE m.network_id = ? AND g.kind = ? GROUP BY s.member_id, s.role", (network_id, kind))
        counts: dict[int, Counter] = defaultdict(Counter)
        for row in rows:
            counts[row["member_id"]][row["role"]] = row["n"]
        return dict(counts)

    def questions_asked(self, network_id: int) -> dict[int, list[str]]:
        """member id -> the interview question keys put to them in locked groupings, oldest first."""
        rows = self.query("SELECT s.member_id, s.question FROM grouping_seats s "
                          "JOIN groupings g ON g.id = s.grouping_id JOIN meetings m ON m.id = g.meeting_id "
                          "WHERE m.network_id = ? AND s.question IS NOT NULL "
                          "ORDER BY m.starts_at, g.id, s.round", (network_id,))
        asked: dict[int, list[str]] = defaultdict(list)
        for row in rows:
            asked[row["member_id"]].append(row["question"])
        return dict(asked)

    def list_member_pairs(self, network_id: int) -> list[MemberPair]:
        """The network's rule pairs, in the order they were added."""
        return [MemberPair(row["id"], row["network_id"], row["first_member"], row["second_member"], row["rule"])
                for row in self.query("SELECT * FROM grouping_pairs WHERE network_id = ? ORDER BY id", (network_id,))]

    def add_member_pair(self, pair: MemberPair) -> MemberPair:
        """Save a rule pair (checked by ``grouping.pairs.add_pair``); returns it with its id."""
        with self.transaction() as conn:
            cursor = conn.execute("INSERT INTO grouping_pairs (network_id, first_member, second_member, rule) "
                                  "VALUES (?, ?, ?, ?)", (pair.network_id, pair.first, pair.second, pair.rule))
        return MemberPair(cursor.lastrowid, pair.network_id, pair.first, pair.second, pair.rule)

    def delete_member_pair(self, network_id: int, pair_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM grouping_pairs WHERE id = ? AND network_id = ?", (pair_id, network_id))
