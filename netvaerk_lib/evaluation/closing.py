"""Opening and closing a meeting's evaluation, by hand or on its own at a set time.

Opening makes the key pair that seals the answers (:mod:`netvaerk_lib.evaluation.sealing`). Closing opens the
sealed answers with the private key and releases them (``store.release_evaluations``): they leave the inbox in
one shuffled batch, and only then may results be shown; then the key file is wiped. A close without the key is
refused (:class:`~netvaerk_lib.evaluation.sealing.SealProblem`) and changes nothing. A closed evaluation never
opens again. This module imports nothing heavy, so the member form can close an overdue evaluation before it
checks a code.
"""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.evaluation import sealing
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
    public_key, key_id = sealing.new_key(store.path)
    try:
        session = store.set_evaluation_status(meeting_id, "open", question_set_id, public_key=public_key,
                                              key_id=key_id)
    except BaseException:
        sealing.wipe_key(key_id)
        raise
    if session.key_id != key_id:  # another kernel opened it meanwhile, with a key of its own
        sealing.wipe_key(key_id)
    return session


def close_evaluation(store: Store, meeting_id: int) -> EvaluationSession:
    """Close the evaluation: its codes stop working and its answers are opened and released, shuffled, in one
    batch; then the key file is wiped and the write-ahead log emptied.

    Without a readable key (:class:`~netvaerk_lib.evaluation.sealing.SealProblem`, a Danish message) nothing
    changes: the evaluation stays open and its answers sealed, so that a key put back can still release them.
    Each step is safe to stop after: the key is wiped only once the answers are committed in the database, and
    a later close (or :func:`close_due`) finishes the wiping."""
    session = store.evaluation_session(meeting_id)
    if session is None:
        session = open_evaluation(store, meeting_id)
    if session.is_open:
        store.release_evaluations(meeting_id, sealing.opener(session))
        sealing.forget_keys(store)
        store.forget_write_history()
    return store.evaluation_session(meeting_id)


def close_after(store: Store, meeting_id: int, at: dt.datetime) -> None:
    """The open evaluation closes on its own at ``at`` (e.g. the morning after the meeting)."""
    store.set_evaluation_closes_at(meeting_id, at)


def is_due(store: Store, meeting_id: int, at: dt.datetime | None = None) -> bool:
    """Has the open evaluation's time to close come (closed or not: a close without its key waits)?"""
    return meeting_id in store.evaluations_due_to_close(at or now())


def close_due(store: Store, at: dt.datetime | None = None) -> list[int]:
    """Close every open evaluation whose time has come; the meetings closed now. One that cannot be closed (its
    key is missing) stays open and the others close; then its :class:`~netvaerk_lib.evaluation.sealing.SealProblem`
    is raised. Finishes wiping the keys of evaluations closed before (should a close have stopped half-way)."""
    closed, problem = [], None
    for meeting_id in store.evaluations_due_to_close(at or now()):
        try:
            close_evaluation(store, meeting_id)
        except sealing.SealProblem as refused:
            problem = problem or refused
        else:
            closed.append(meeting_id)
    sealing.forget_keys(store)
    if problem is not None:
        raise problem
    return closed
