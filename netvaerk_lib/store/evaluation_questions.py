"""The evaluation form's questions and its versioned question sets (a network may change its form; meetings
evaluated with an earlier version keep showing their own)."""

from __future__ import annotations

from collections.abc import Sequence

from netvaerk_lib.model import EvaluationQuestion

DEFAULT_QUESTION_SET = 1


def _question(row) -> EvaluationQuestion:
    return EvaluationQuestion(key=row["key"], kind=row["kind"], label_da=row["label_da"], label_en=row["label_en"],
                              position=row["position"], required=bool(row["required"]), active=bool(row["active"]))


class EvaluationQuestionsRepository:
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
