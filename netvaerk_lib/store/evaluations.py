"""Anonymous evaluations: stored with a random key and the meeting only."""

from __future__ import annotations

import secrets

from ..model import Evaluation, EvaluationQuestion


class EvaluationsRepository:
    def evaluation_questions(self, include_inactive: bool = False) -> list[EvaluationQuestion]:
        condition = "" if include_inactive else "WHERE active = 1"
        rows = self.query(f"SELECT * FROM evaluation_questions {condition} ORDER BY position")
        return [EvaluationQuestion(key=r["key"], kind=r["kind"], label_da=r["label_da"], label_en=r["label_en"],
                                   position=r["position"], required=bool(r["required"]), active=bool(r["active"]))
                for r in rows]

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
