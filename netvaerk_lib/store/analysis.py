"""Bulk reads for the consultant's analysis, and a bulk writer for synthetic data sets.

The analysis looks at many networks at once (a consultant may follow 200), so these methods read whole
tables for a set of networks in one query each and return plain dicts; ``netvaerk_lib.analysis`` turns them
into DataFrames. Ratings are averaged per meeting and question in SQL: the analysis never needs single
answers, and an evaluation stays anonymous (no response key leaves the store).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# Tables and columns the bulk writer may fill, in the order the rows give them.
BULK_TABLES: dict[str, tuple[str, ...]] = {
    "networks": ("id", "name", "purpose", "created_at", "frequency_months", "length_minutes", "trial_meetings",
                 "facilitator"),
    "members": ("id", "network_id", "name", "email", "practice_type", "years_in_profession", "years_as_leader",
                "practice_size", "region", "gender", "birth_year", "motivation", "joined_on", "erased_at"),
    "topics": ("id", "network_id", "title", "source"),
    "meetings": ("id", "network_id", "starts_at", "length_minutes", "kind", "status", "topic_id"),
    "attendance": ("meeting_id", "member_id", "status", "cancelled_at"),
    "goals": ("id", "member_id", "meeting_id", "text", "status", "followed_up_meeting_id"),
    "evaluation_responses": ("id", "meeting_id"),
    "evaluation_answers": ("response_id", "question_key", "rating", "text"),
}


# Answers count only once released: never those of an evaluation still open (they normally wait in the inbox).
_RELEASED = ("NOT EXISTS (SELECT 1 FROM evaluation_sessions s WHERE s.meeting_id = r.meeting_id "
             "AND s.status = 'open')")


def _in(column: str, ids: Sequence[int] | None) -> tuple[str, list[int]]:
    """A ``column IN (...)`` condition for the given ids, or an always-true one for all networks."""
    if ids is None:
        return "1 = 1", []
    ids = [int(value) for value in ids]
    return f"{column} IN ({', '.join('?' for _ in ids)})" if ids else "0 = 1", ids


def _dicts(rows) -> list[dict]:
    return [dict(row) for row in rows]


class AnalysisRepository:
    def analysis_networks(self, network_ids: Sequence[int] | None = None) -> list[dict]:
        condition, params = _in("id", network_ids)
        return _dicts(self.query(f"SELECT id, name, trial_meetings, frequency_months, late_cancellation_hours "
                                 f"FROM networks "
                                 f"WHERE {condition} ORDER BY name", tuple(params)))

    def analysis_members(self, network_ids: Sequence[int] | None = None) -> list[dict]:
        """Every member, erased ones included (as placeholders without a name) so that counts stay right."""
        condition, params = _in("network_id", network_ids)
        return _dicts(self.query(
            f"SELECT id, network_id, name, joined_on, erased_at IS NOT NULL AS erased FROM members "
            f"WHERE {condition} ORDER BY network_id, name COLLATE NOCASE, id", tuple(params)))

    def analysis_meetings(self, network_ids: Sequence[int] | None = None) -> list[dict]:
        condition, params = _in("m.network_id", network_ids)
        return _dicts(self.query(
            f"SELECT m.id, m.network_id, m.starts_at, m.kind, m.status, m.topic_id, "
            f"(SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id) AS registered "
            f"FROM meetings m WHERE {condition} ORDER BY m.network_id, m.starts_at, m.id", tuple(params)))

    def analysis_attendance(self, network_ids: Sequence[int] | None = None) -> list[dict]:
        condition, params = _in("m.network_id", network_ids)
        return _dicts(self.query(
            f"SELECT a.meeting_id, a.member_id, a.status, a.cancelled_at, a.notice FROM attendance a "
            f"JOIN meetings m ON m.id = a.meeting_id WHERE {condition} "
            f"ORDER BY m.network_id, m.starts_at, a.member_id", tuple(params)))

    def analysis_ratings(self, network_ids: Sequence[int] | None = None) -> list[dict]:
        """Per meeting and rating question: the number of answers and their mean."""
        select = ("SELECT r.meeting_id, a.question_key, COUNT(a.rating) AS answers, AVG(a.rating) AS mean ")
        group = f"AND a.rating IS NOT NULL AND {_RELEASED} GROUP BY r.meeting_id, a.question_key"
        if network_ids is None:  # every answer: one pass over the answers is quickest
            return _dicts(self.query(f"{select} FROM evaluation_answers a JOIN evaluation_responses r "
                                     f"ON r.id = a.response_id WHERE 1 = 1 {group}"))
        condition, params = _in("m.network_id", network_ids)
        return _dicts(self.query(
            f"{select} FROM meetings m JOIN evaluation_responses r ON r.meeting_id = m.id "
            f"JOIN evaluation_answers a ON a.response_id = r.id WHERE {condition} {group}", tuple(params)))

    def analysis_responses(self, network_ids: Sequence[int] | None = None) -> list[dict]:
        """Per meeting: how many evaluations were handed in."""
        condition, params = _in("m.network_id", network_ids)
        return _dicts(self.query(
            f"SELECT r.meeting_id, COUNT(*) AS responses FROM meetings m "
            f"JOIN evaluation_responses r ON r.meeting_id = m.id WHERE {condition} AND {_RELEASED} "
            f"GROUP BY r.meeting_id",
            tuple(params)))

    def analysis_goals(self, network_ids: Sequence[int] | None = None) -> list[dict]:
        condition, params = _in("p.network_id", network_ids)
        return _dicts(self.query(
            f"SELECT g.id, p.network_id, g.member_id, g.meeting_id, g.status, g.followed_up_meeting_id "
            f"FROM goals g JOIN members p ON p.id = g.member_id WHERE {condition} ORDER BY g.id", tuple(params)))

    def analysis_topics(self, network_ids: Sequence[int] | None = None) -> list[dict]:
        condition, params = _in("network_id", network_ids)
        return _dicts(self.query(f"SELECT id, network_id, title, source FROM topics WHERE {condition} "
                                 f"ORDER BY network_id, source = 'own', id", tuple(params)))

    def next_ids(self) -> dict[str, int]:
        """The first free id of every bulk table with an integer key (for writers that number rows up front)."""
        tables = [name for name, columns in BULK_TABLES.items()
                  if columns[0] == "id" and name != "evaluation_responses"]
        return {name: self.query_one(f"SELECT COALESCE(MAX(id), 0) + 1 AS n FROM {name}")["n"] for name in tables}

    def bulk_insert(self, tables: dict[str, Iterable[Sequence]]) -> dict[str, int]:
        """Insert many rows into several tables in one transaction (all or nothing), with ``executemany``.

        ``tables`` maps a table name of :data:`BULK_TABLES` to rows giving its columns in that order; the
        tables are written in the order of :data:`BULK_TABLES` so that references resolve. Returns the number
        of rows written per table. Meant for generated data sets, which are valid by construction.
        """
        unknown = set(tables) - set(BULK_TABLES)
        if unknown:
            raise ValueError(f"bulk_insert cannot write to {sorted(unknown)}")
        written: dict[str, int] = {}
        with self.transaction() as conn:
            for name, columns in BULK_TABLES.items():
                if name not in tables:
                    continue
                rows = [tuple(row) for row in tables[name]]
                if any(len(row) != len(columns) for row in rows):
                    raise ValueError(f"rows for {name} must give {len(columns)} values: {', '.join(columns)}")
                conn.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES "
                                 f"({', '.join('?' for _ in columns)})", rows)
                written[name] = len(rows)
        return written
