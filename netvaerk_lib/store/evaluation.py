"""Anonymous evaluations: sessions, one-time codes, versioned question sets and the answers.

Two files. The database holds the sessions, the code rows (hash, member, spent flag; never when) and the
released answers (``evaluation_responses`` / ``evaluation_answers``: a random key and the meeting, no member,
code or time). While an evaluation is open its answers wait in the *inbox*, a second SQLite file beside the
database (``<name>-inbox.sqlite``) with a rollback journal that is deleted after each write and
``secure_delete``: one row per meeting holding all its waiting answers as one list, shuffled again at every
write. The answers arrive here *sealed* (``evaluation.sealing``: the store never sees them in clear while the
evaluation is open) and all of one length, so a copy of the files before and after an answer shows which
member's code was spent and that one sealed answer came, never what it says. Closing hands the sealed list to
the feature's opener, moves the answers into the database in one shuffled batch and wipes them from the inbox.

One order of locks: the inbox's write lock first, then the database's (:meth:`inbox_transaction`). Answering
and closing both keep to it, so neither waits for the other in a circle. docs/CONFIDENTIALITY.md has the threat
model.
"""

from __future__ import annotations

import json
import random
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from netvaerk_lib.model import Evaluation, Goal
from netvaerk_lib.model.evaluation import EvaluationCode, EvaluationSession, RatingSummary
from netvaerk_lib.store.db import copy_database
from netvaerk_lib.store.evaluation_questions import DEFAULT_QUESTION_SET
from netvaerk_lib.timezone import from_text, to_text

INBOX_BUSY_TIMEOUT_S = 30
CHECKPOINT_WAIT_MS = 500
_INBOX_SCHEMA = "CREATE TABLE IF NOT EXISTS pending (meeting_id INTEGER PRIMARY KEY, answers TEXT NOT NULL)"
_shuffler = random.SystemRandom()


def inbox_path(database: Path) -> Path:
    """The inbox file beside the database: ``netvaerk.sqlite`` -> ``netvaerk-inbox.sqlite``."""
    return database.with_name(f"{database.stem}-inbox{database.suffix or '.sqlite'}")


def _session(row) -> EvaluationSession:
    return EvaluationSession(row["meeting_id"], row["question_set_id"], row["status"], row["salt"],
                             from_text(row["closes_at"]), row["public_key"], row["key_id"])


def _code(row) -> EvaluationCode:
    return EvaluationCode(row["code_hash"], row["meeting_id"], row["member_id"], bool(row["spent"]))


class EvaluationRepository:
    _held_inbox: sqlite3.Connection | None = None  # the inbox transaction :meth:`inbox_transaction` holds

    # -- sessions and codes ------------------------------------------------------------------------------------

    def evaluation_session(self, meeting_id: int) -> EvaluationSession | None:
        row = self.query_one("SELECT * FROM evaluation_sessions WHERE meeting_id = ?", (meeting_id,))
        return _session(row) if row else None

    def evaluation_sessions(self) -> list[EvaluationSession]:
        """Every session, open ones first (a typed code is looked up in all of them)."""
        rows = self.query("SELECT * FROM evaluation_sessions ORDER BY status = 'closed', meeting_id DESC")
        return [_session(row) for row in rows]

    def set_evaluation_status(self, meeting_id: int, status: str, question_set_id: int | None = None, *,
                              public_key: str | None = None, key_id: str | None = None) -> EvaluationSession:
        """Open or close a meeting's evaluation; the first opening fixes its question set, salt and sealing key
        (another kernel's first opening wins: the caller compares the key id it gets back)."""
        with self.transaction() as conn:
            existing = conn.execute("SELECT 1 FROM evaluation_sessions WHERE meeting_id = ?",
                                    (meeting_id,)).fetchone()
            if existing:
                conn.execute("UPDATE evaluation_sessions SET status = ?, closes_at = NULL WHERE meeting_id = ?",
                             (status, meeting_id))
            else:
                conn.execute("INSERT INTO evaluation_sessions (meeting_id, question_set_id, status, salt, public_key, "
                             "key_id) VALUES (?, ?, ?, ?, ?, ?)",
                             (meeting_id, question_set_id or DEFAULT_QUESTION_SET, status, secrets.token_hex(16),
                              public_key, key_id))
        return self.evaluation_session(meeting_id)

    def set_evaluation_key(self, meeting_id: int, public_key: str, key_id: str) -> bool:
        """Give an open evaluation that has none (opened before answers were sealed) its sealing key; False if
        it has one already (another kernel was first)."""
        with self.transaction() as conn:
            cursor = conn.execute("UPDATE evaluation_sessions SET public_key = ?, key_id = ? WHERE meeting_id = ? "
                                  "AND status = 'open' AND public_key IS NULL", (public_key, key_id, meeting_id))
        return cursor.rowcount == 1

    def keys_to_forget(self) -> list[tuple[int, str]]:
        """(meeting, key id) of the closed evaluations whose private key file may still exist."""
        rows = self.query("SELECT meeting_id, key_id FROM evaluation_sessions WHERE status = 'closed' "
                          "AND key_id IS NOT NULL")
        return [(row["meeting_id"], row["key_id"]) for row in rows]

    def forget_evaluation_key(self, meeting_id: int) -> None:
        """The closed evaluation's key file is wiped: forget its name."""
        with self.transaction() as conn:
            conn.execute("UPDATE evaluation_sessions SET key_id = NULL WHERE meeting_id = ? AND status = 'closed'",
                         (meeting_id,))

    def set_evaluation_closes_at(self, meeting_id: int, at) -> None:
        """When the open evaluation closes on its own (None: only by hand)."""
        with self.transaction() as conn:
            conn.execute("UPDATE evaluation_sessions SET closes_at = ? WHERE meeting_id = ? AND status = 'open'",
                         (to_text(at), meeting_id))

    def evaluations_due_to_close(self, at) -> list[int]:
        """The meetings whose open evaluation should have closed on its own by ``at``."""
        rows = self.query("SELECT meeting_id FROM evaluation_sessions WHERE status = 'open' AND closes_at IS NOT NULL "
                          "AND closes_at <= ?", (to_text(at),))
        return [row["meeting_id"] for row in rows]

    def replace_evaluation_codes(self, meeting_id: int, hashes: dict[int, str]) -> None:
        """Store one code hash per member (member id -> hash), replacing the member's earlier code.

        A member who has answered keeps a spent code: the new hash is stored spent too, so the new code tells
        the member, on the form, that their code is used, and the facilitator is told nothing."""
        with self.transaction() as conn:
            for member_id, code_hash in hashes.items():
                row = conn.execute("SELECT spent FROM evaluation_codes WHERE meeting_id = ? AND member_id = ?",
                                   (meeting_id, member_id)).fetchone()
                conn.execute("DELETE FROM evaluation_codes WHERE meeting_id = ? AND member_id = ?",
                             (meeting_id, member_id))
                conn.execute("INSERT INTO evaluation_codes (code_hash, meeting_id, member_id, spent) "
                             "VALUES (?, ?, ?, ?)", (code_hash, meeting_id, member_id, int(bool(row and row["spent"]))))

    def void_evaluation_code(self, meeting_id: int, member_id: int) -> None:
        """The member's unused code stops working (a spent one stays: it records that the member answered)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM evaluation_codes WHERE meeting_id = ? AND member_id = ? AND spent = 0",
                         (meeting_id, member_id))

    def add_shared_goal(self, goal: Goal) -> str:
        """Keep a goal shared on the form until the evaluation closes (random key: no arrival order). Returns the
        key, for :meth:`undo_spend`."""
        goal.validate()
        key = secrets.token_hex(16)
        with self.transaction() as conn:
            conn.execute("INSERT INTO evaluation_shared_goals (key, meeting_id, member_id, text) VALUES (?, ?, ?, ?)",
                         (key, goal.meeting_id, goal.member_id, goal.text.strip()))
        return key

    def spent_code_count(self, meeting_id: int) -> int:
        return self.query_one("SELECT COUNT(*) AS n FROM evaluation_codes WHERE meeting_id = ? AND spent = 1",
                              (meeting_id,))["n"]

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
        """Spend a code; False if it was already spent (or is unknown)."""
        with self.transaction() as conn:
            cursor = conn.execute("UPDATE evaluation_codes SET spent = 1 WHERE code_hash = ? AND spent = 0",
                                  (code_hash,))
        return cursor.rowcount == 1

    def undo_spend(self, code_hash: str, goal_key: str | None = None) -> None:
        """The answer of a committed spend could not be stored: the code works again, the shared goal goes."""
        with self.transaction() as conn:
            conn.execute("UPDATE evaluation_codes SET spent = 0 WHERE code_hash = ?", (code_hash,))
            if goal_key is not None:
                conn.execute("DELETE FROM evaluation_shared_goals WHERE key = ?", (goal_key,))

    def forget_write_history(self) -> bool:
        """Fold the write-ahead log into the database file and empty it (``wal_checkpoint(TRUNCATE)``).

        The log never holds a spend and its answer together (answers wait in the inbox); emptying it after a
        close takes the released batch's frames out too. False if another connection kept the log from being
        emptied completely (SQLite empties it at a later checkpoint).
        """
        # A reader elsewhere would make the checkpoint wait the whole busy timeout: try briefly instead.
        timeout = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        self.conn.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
        try:
            busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {timeout}")
        return busy == 0

    # -- the inbox: answers of open evaluations -----------------------------------------------------------------

    @property
    def inbox_path(self) -> Path:
        return inbox_path(self.path)

    @contextmanager
    def _inbox(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction on the inbox (a write one unless ``write`` is False), on a connection of its own,
        opened and closed each time; inside :meth:`inbox_transaction` it is that one."""
        if self._held_inbox is not None:
            yield self._held_inbox
            return
        conn = sqlite3.connect(self.inbox_path, timeout=INBOX_BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {INBOX_BUSY_TIMEOUT_S * 1000}")
            conn.execute("PRAGMA journal_mode = DELETE")  # no log that outlives a write
            conn.execute("PRAGMA secure_delete = ON")  # what is replaced or deleted is overwritten with zeros
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                if write:
                    conn.execute(_INBOX_SCHEMA)
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    @contextmanager
    def inbox_transaction(self) -> Iterator[None]:
        """Hold the inbox's write lock for the block; inbox writes inside it join it and commit at its end.

        The lock comes before the database's: a database transaction may run inside this block, never this block
        inside a database transaction (that order would let an answer and a close wait for each other)."""
        if self._depth:
            raise RuntimeError("the inbox's lock is taken before the database's, never inside its transaction")
        with self._inbox() as conn:
            self._held_inbox = conn
            try:
                yield
            finally:
                self._held_inbox = None

    @staticmethod
    def _pool(conn: sqlite3.Connection, meeting_id: int) -> list:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'pending'").fetchone():
            return []
        row = conn.execute("SELECT answers FROM pending WHERE meeting_id = ?", (meeting_id,)).fetchone()
        return json.loads(row[0]) if row else []

    @staticmethod
    def _write_pool(conn: sqlite3.Connection, meeting_id: int, pool: list) -> None:
        _shuffler.shuffle(pool)
        conn.execute("INSERT INTO pending (meeting_id, answers) VALUES (?, ?) ON CONFLICT (meeting_id) "
                     "DO UPDATE SET answers = excluded.answers",
                     (meeting_id, json.dumps(pool, ensure_ascii=False, sort_keys=True, separators=(",", ":"))))

    def add_pending_evaluation(self, meeting_id: int, sealed: str) -> None:
        """Put one sealed answer among the meeting's waiting answers (the whole list rewritten, shuffled)."""
        with self._inbox() as conn:
            pool = self._pool(conn, meeting_id)
            pool.append(sealed)
            self._write_pool(conn, meeting_id, pool)

    def pending_count(self, meeting_id: int) -> int:
        if not self.inbox_path.exists():
            return 0
        with self._inbox(write=False) as conn:
            return len(self._pool(conn, meeting_id))

    def release_evaluations(self, meeting_id: int, open_all: Callable[[list], list[Evaluation]]) -> int:
        """Close the evaluation and move its waiting answers into the database in one shuffled batch, and the
        goals shared on the form into the goals, shuffled, in the same transaction; then wipe the answers from
        the inbox and tidy it (VACUUM: no free list, no old layout).

        ``open_all`` turns the sealed list into the answers; should it fail (no key), nothing has changed and
        the answers stay sealed in the inbox. The inbox is locked first, so an answer being written is either
        in the list or waits for the close (and then finds the evaluation closed). Should the process stop
        after the database's commit, the inbox still holds the sealed list, which :meth:`tidy_inbox` drops.
        Returns the number of answers released."""
        with self.inbox_transaction(), self._inbox() as inbox:
            with self.transaction() as conn:
                evaluations = open_all(self._pool(inbox, meeting_id))
                conn.execute("UPDATE evaluation_sessions SET status = 'closed', closes_at = NULL "
                             "WHERE meeting_id = ?", (meeting_id,))
                _shuffler.shuffle(evaluations)
                for evaluation in evaluations:
                    self.add_evaluation(evaluation)
                goals = [Goal(member_id=row["member_id"], text=row["text"], meeting_id=meeting_id)
                         for row in conn.execute("SELECT member_id, text FROM evaluation_shared_goals "
                                                 "WHERE meeting_id = ?", (meeting_id,))]
                _shuffler.shuffle(goals)
                for goal in goals:
                    self.add_goal(goal)
                conn.execute("DELETE FROM evaluation_shared_goals WHERE meeting_id = ?", (meeting_id,))
            if inbox.execute("SELECT 1 FROM sqlite_master WHERE name = 'pending'").fetchone():
                inbox.execute("DELETE FROM pending WHERE meeting_id = ?", (meeting_id,))
        self.tidy_inbox()
        return len(evaluations)

    def backup_inbox(self, target: Path) -> Path:
        """A copy of the inbox in ``target`` (a new file), written beside it first and renamed at the end. Its
        answers are sealed: without the key file nobody can read them. Taken inside :meth:`inbox_transaction`
        (which makes the inbox if there is none yet), no answer is half written meanwhile."""
        source = sqlite3.connect(self.inbox_path, timeout=INBOX_BUSY_TIMEOUT_S, isolation_level=None)
        try:
            return copy_database(source, target)
        finally:
            source.close()

    def tidy_inbox(self) -> None:
        """Drop what the inbox still holds for closed evaluations (released already), then VACUUM it."""
        if not self.inbox_path.exists():
            return
        closed = [row["meeting_id"] for row in self.query("SELECT meeting_id FROM evaluation_sessions "
                                                           "WHERE status = 'closed'")]
        with self._inbox() as conn:
            conn.executemany("DELETE FROM pending WHERE meeting_id = ?", [(m,) for m in closed])
        vacuum = sqlite3.connect(self.inbox_path, timeout=INBOX_BUSY_TIMEOUT_S, isolation_level=None)
        try:
            vacuum.execute("PRAGMA secure_delete = ON")
            vacuum.execute("VACUUM")
        finally:
            vacuum.close()

    # -- answers ---------------------------------------------------------------------------------------------

    def add_evaluation(self, evaluation: Evaluation) -> None:
        """Store one released evaluation (the close's batch, the demo); inside a caller's transaction it joins
        that one. Answers of an open evaluation go to :meth:`add_pending_evaluation`, never here."""
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
        """The released evaluations of a meeting, in the random order of their keys."""
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
        """Every stored answer of the meeting: released ones and, while it is open, those in the inbox."""
        released = self.query_one("SELECT COUNT(*) AS n FROM evaluation_responses WHERE meeting_id = ?",
                                  (meeting_id,))["n"]
        session = self.evaluation_session(meeting_id)
        return released + (self.pending_count(meeting_id) if session and session.is_open else 0)

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
