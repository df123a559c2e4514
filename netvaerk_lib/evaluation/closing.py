"""Opening and closing a meeting's evaluation, by hand or on its own at a set time.

Closing releases the answers (``store.release_evaluations``): they leave the inbox in one shuffled batch, and
only then may results be shown. A closed evaluation never opens again. This module imports nothing heavy, so
the member form can close an overdue evaluation before it checks a code.
"""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.model.evaluation import EvaluationSession
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import now


def fail(field: str, key: str) -> ValidationError:
    return ValidationError([FieldError(field, t(key))])


def open_evaluation(store: Store, meeting_id: int) -> EvaluationSession:
    """Open the evaluation; the first opening fixes the network's current question set.

    A closed evaluation never opens again: its results may have been shown, and old codes must not work."""
    session = store.evaluation_session(meeting_id)
    if session is not None and session.is_closed:
        raise fail("evaluation", "evaluation.access.cannot_reopen")
    if session is not None:
        return session
    question_set_id = store.current_question_set_id(store.get_meeting(meeting_id).network_id)
    return store.set_evaluation_status(meeting_id, "open", question_set_id)


def close_evaluation(store: Store, meeting_id: int) -> EvaluationSession:
    """Close the evaluation: its codes stop working and its answers are released, shuffled, in one batch.
    The write-ahead log is emptied afterwards."""
    session = store.evaluation_session(meeting_id)
    if session is None:
        session = open_evaluation(store, meeting_id)
    if session.is_open:
        store.release_evaluations(meeting_id)
        store.forget_write_history()
    return store.evaluation_session(meeting_id)


def close_after(store: Store, meeting_id: int, at: dt.datetime) -> None:
    """The open evaluation closes on its own at ``at`` (e.g. the morning after the meeting)."""
    store.set_evaluation_closes_at(meeting_id, at)


def close_due(store: Store, at: dt.datetime | None = None) -> list[int]:
    """Close every open evaluation whose time has come; the meetings closed now."""
    due = store.evaluations_due_to_close(at or now())
    for meeting_id in due:
        close_evaluation(store, meeting_id)
    return due
