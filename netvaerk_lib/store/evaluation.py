"""Anonymous evaluations: sessions, one-time codes, versioned question sets and the answers.

The answers (``evaluation_responses`` / ``evaluation_answers``) are stored with a random key and the meeting
only: no member, no code, no time. A code row (``evaluation_codes``) holds the hash of the code, the member
and a spent flag, and nothing that tells when it was spent. See migration 0600.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence

from netvaerk_lib.model import Evaluation, EvaluationQuestion
from netvaerk_lib.model.evaluation import EvaluationCode, EvaluationSession, RatingSummary

DEFAULT_QUESTION_SET = 1


def _question(row) -> EvaluationQuestion:
    return EvaluationQuestion(key=row["key"], kind=row["kind"], label_da=row["label_da"], label_en=row["label_en"],
                              position=row["position"], required=bool(row["required"]), active=bool(row["active"]))


def _session(row) -> EvaluationSession:
    return EvaluationSession(row["meeting_id"], row["question_set_id"], row["status"], row["salt"])


def _code(row) -> EvaluationCode:
    return EvaluationCode(row["code_hash"], row["meeting_id"], row["member_id"], bool(row["spent"]))


class EvaluationRepository:
    # -- questions and question sets -------------------------------------------------------------------------

    def evaluation_questions(self, include_inactive: bool = False) -> list[EvaluationQuestion]:
        condition = "" if include_inactive else "WHERE active = 1"
        rows = self.query(f"SELECT * FROM evaluation_questions {condition} ORDER BY position")
        return [_question(row) for row in rows]

    def add_evaluation_question(self, question: EvaluationQuestion) -> EvaluationQuestion:
        """A new question. Questions are never reworded: new wording is a new key, so old answers keep
        meaning what they meant."""
        with self.transaction() as conn:
            conn.execute("INSERT INTO evaluation_questions (key, kind, label_da, label_en, position, required, "
                         "active) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (question.key, question.kind, question.label_da, question.label_en, question.position,
                          int(question.required), int(question.active)))
        return question

    def question_set(self, set_id: int) -> list[EvaluationQuestion]:
        """The questions of one version of a form, in its order, with its required flags."""
        rows = self.query(
            "SELECT q.key, q.kind, q.label_da, q.label_en, i.position, i.required, q.active "
            "FROM evaluation_question_set_items i JOIN evaluation_questions q ON q.key = i.question_key "
            "WHERE i.set_id = ? ORDER BY i.position, q.key", (set_id,))
        return [_question(row) for row in rows]

    def current_question_set_id(self, network_id: int | None) -> int:
        """The newest version of the network's own form, else the newest default form."""
        row = self.query_one("SELECT id FROM evaluation_question_sets WHERE network_id = ? "
                             "ORDER BY version DESC LIMIT 1", (network_id,))
        row = row or self.query_one("SELECT id FROM evaluation_question_sets WHERE network_id IS NULL "
                                    "ORDER BY version DESC LIMIT 1")
        return row["id"] if row else DEFAULT_QUESTION_SET

    def save_question_set(self, network_id: int, items: Sequence[tuple[str, bool]]) -> int:
        """Store a new version of a network's form: ``items`` is (question key, required) in form order.
        Earlier versions stay as they are, so meetings evaluated with them still show their own form."""
        with self.transaction() as conn:
            version = conn.execute("SELECT ifnull(max(version), 0) + 1 FROM evaluation_question_sets "
                                   "WHERE network_id = ?", (network_id,)).fetchone()[0]
            set_id = conn.execute("INSERT INTO evaluation_question_sets (network_id, version) VALUES (?, ?)",
                                  (network_id, version)).lastrowid
            conn.executemany("INSERT INTO evaluation_question_set_items (set_id, question_key, position, required) "
                             "VALUES (?, ?, ?, ?)",
                             [(set_id, key, position, int(required))
                              for position, (key, required) in enumerate(items, start=1)])
        return set_id

    # -- sessions and codes ------------------------------------------------------------------------------------

    def evaluation_session(self, meeting_id: int) -> EvaluationSession | None:
        row = self.query_one("SELECT * FROM evaluation_sessions WHERE meeting_id = ?", (meeting_id,))
        return _session(row) if row else None

    def evaluation_sessions(self) -> list[EvaluationSession]:
        """Every session, open ones first (a typed code is looked up in all of them)."""
        rows = self.query("SELECT * FROM evaluation_sessions ORDER BY status = 'closed', meeting_id DESC")
        return [_session(row) for row in rows]

    def set_evaluation_status(self, meeting_id: int, status: str, question_set_id: int | None = None
                              ) -> EvaluationSession:
        """Open or close a meeting's evaluation; the first opening fixes its question set and salt."""
        with self.transaction() as conn:
            existing = conn.execute("SELECT 1 FROM evaluation_sessions WHERE meeting_id = ?",
                                    (meeting_id,)).fetchone()
            if existing:
                conn.execute("UPDATE evaluation_sessions SET status = ? WHERE meeting_id = ?", (status, meeting_id))
            else:
                conn.execute("INSERT INTO evaluation_sessions (meeting_id, question_set_id, status, salt) "
                             "VALUES (?, ?, ?, ?)",
                             (meeting_id, question_set_id or DEFAULT_QUESTION_SET, status, secrets.token_hex(16)))
        return self.evaluation_session(meeting_id)

    def replace_evaluation_codes(self, meeting_id: int, hashes: dict[int, str]) -> None:
        """Store one code hash per member (member id -> hash), replacing an unspent earlier code.
        A spent code is never replaced: that member has answered."""
        with self.transaction() as conn:
            for member_id, code_hash in hashes.items():
                spent = conn.execute("SELECT spent FROM evaluation_codes WHERE meeting_id = ? AND member_id = ?",
                                     (meeting_id, member_id)).fetchone()
                if spent and spent["spent"]:
                    raise ValueError(f"member {member_id} has already spent the code for meeting {meeting_id}")
                conn.execute("DELETE FROM evaluation_codes WHERE meeting_id = ? AND member_id = ?",
                             (meeting_id, member_id))
                conn.execute("INSERT INTO evaluation_codes (code_hash, meeting_id, member_id) VALUES (?, ?, ?)",
                             (code_hash, meeting_id, member_id))

    def evaluation_codes(self, meeting_id: int) -> list[EvaluationCode]:
        rows = self.query("SELECT * FROM evaluation_codes WHERE meeting_id = ? ORDER BY member_id", (meeting_id,))
        return [_code(row) for row in rows]

    def find_evaluation_codes(self, hashes: Iterable[str]) -> list[EvaluationCode]:
        """The stored codes whose hash is one of ``hashes`` (a typed code hashed with each session's salt)."""
        hashes = list(hashes)
        if not hashes:
            return []
        marks = ", ".join("?" for _ in hashes)
        return [_code(row) for row in self.query(f"SELECT * FROM evaluation_codes WHERE code_hash IN ({marks})",
                                                 hashes)]

    def mark_code_spent(self, code_hash: str) -> bool:
        """Spend a code; False if it was already spent (or is unknown). Use inside the answer's transaction."""
        with self.transaction() as conn:
            cursor = conn.execute("UPDATE evaluation_codes SET spent = 1 WHERE code_hash = ? AND spent = 0",
                                  (code_hash,))
        return cursor.rowcount == 1

    def forget_write_history(self) -> bool:
        """Fold the write-ahead log into the database file and empty it (``wal_checkpoint(TRUNCATE)``).

        Spending a code and storing its answer is one transaction, so until the log is emptied its frames
        show which code row and which answer changed together. Called when an evaluation closes. False if
        another connection kept the log from being emptied completely (it is then emptied at a later close).
        """
        busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return busy == 0

    # -- answers ---------------------------------------------------------------------------------------------

    def add_evaluation(self, evaluation: Evaluation) -> None:
        """Store one evaluation; inside a caller's transaction (e.g. spending a code) it joins that one."""
        with self.transaction() as conn:
            response_id = secrets.token_hex(16)
            conn.execute("INSERT INTO evaluation_responses (id, meeting_id) VALUES (?, ?)",
                         (response_id, evaluation.meeting_id))
            for key, rating in evaluation.ratings.items():
                conn.execute("INSERT INTO evaluation_answers (response_id, question_key, rating) VALUES (?, ?, ?)",
                             (response_id, key, rating))
            for key, text in evaluation.texts.items():
                if text.strip():
                    conn.execute("INSERT INTO evaluation_answers (response_id, question_key, text) VALUES (?, ?, ?)",
                                 (response_id, key, text.strip()))

    def evaluations(self, meeting_id: int) -> list[Evaluation]:
        """All evaluations of a meeting, in the random order of their keys."""
        rows = self.query(
            "SELECT r.id, a.question_key, a.rating, a.text FROM evaluation_responses r "
            "LEFT JOIN evaluation_answers a ON a.response_id = r.id WHERE r.meeting_id = ? ORDER BY r.id",
            (meeting_id,))
        result: dict[str, Evaluation] = {}
        for row in rows:
            evaluation = result.setdefault(row["id"], Evaluation(meeting_id=meeting_id))
            if row["rating"] is not None:
                evaluation.ratings[row["question_key"]] = row["rating"]
            elif row["text"] is not None:
                evaluation.texts[row["question_key"]] = row["text"]
        return list(result.values())

    def evaluation_count(self, meeting_id: int) -> int:
        return self.query_one("SELECT COUNT(*) AS n FROM evaluation_responses WHERE meeting_id = ?",
                              (meeting_id,))["n"]

    def evaluation_counts(self, network_id: int) -> dict[int, int]:
        """Meeting id -> number of evaluations, for every meeting of the network that has any."""
        rows = self.query("SELECT r.meeting_id, COUNT(*) AS n FROM evaluation_responses r "
                          "JOIN meetings m ON m.id = r.meeting_id WHERE m.network_id = ? GROUP BY r.meeting_id",
                          (network_id,))
        return {row["meeting_id"]: row["n"] for row in rows}

    def rating_summaries(self, network_id: int) -> list[RatingSummary]:
        """Average and count per meeting and rating question, for every meeting of the network."""
        rows = self.query(
            "SELECT r.meeting_id, a.question_key, AVG(a.rating) AS average, COUNT(a.rating) AS answers "
            "FROM evaluation_answers a JOIN evaluation_responses r ON r.id = a.response_id "
            "JOIN meetings m ON m.id = r.meeting_id "
            "WHERE m.network_id = ? AND a.rating IS NOT NULL GROUP BY r.meeting_id, a.question_key",
            (network_id,))
        return [RatingSummary(row["meeting_id"], row["question_key"], row["average"], row["answers"])
                for row in rows]
