"""The trial checkpoint. The guide: choose a model and try it for three to four meetings, then see how it works
and adjust it if need be. The checkpoint meeting (the 3rd or 4th that is not cancelled, as the frame says) gets an
agenda item with the guide's questions about the model, and what the network decides is recorded here.

Kør mødet asks at the checkpoint meeting::

    if checkpoint.is_checkpoint(store, meeting.id):
        show checkpoint.questions(), then
        checkpoint.record_outcome(store, meeting.id, "keep" or "change", note)  # ValidationError at the field
        checkpoint.outcome_at(store, meeting.id)  # what was recorded there, when the page is opened again
"""

from __future__ import annotations

from netvaerk_lib.model import FieldError, Meeting, ValidationError
from netvaerk_lib.model.planning import AgendaItem, TrialCheckpoint
from netvaerk_lib.planning.frame import checkpoint_meeting_id
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import now

EVALUATION_MINUTES = 15
QUESTIONS = ("frequency", "length", "place", "roles")


def questions() -> list[str]:
    """The guide's questions about the model: how often, how long, where, who does what."""
    return [t(f"planning.checkpoint.question.{name}") for name in QUESTIONS]


def evaluation_item() -> AgendaItem:
    """The checkpoint meeting's agenda item: evaluate the model with the guide's questions."""
    return AgendaItem(t("planning.agenda.model_evaluation"), EVALUATION_MINUTES, "free",
                      " ".join([t("planning.agenda.model_evaluation.note"), *questions()]))


def checkpoint_meeting(store: Store, network_id: int) -> Meeting | None:
    meeting_id = checkpoint_meeting_id(store.get_network(network_id), store.list_meetings(network_id))
    return store.get_meeting(meeting_id) if meeting_id is not None else None


def is_checkpoint(store: Store, meeting_id: int) -> bool:
    """Whether the trial period ends with this meeting."""
    meeting = store.get_meeting(meeting_id)
    checkpoint = checkpoint_meeting(store, meeting.network_id)
    return checkpoint is not None and checkpoint.id == meeting_id


def record_outcome(store: Store, meeting_id: int, outcome: str, note: str = "") -> TrialCheckpoint:
    """Record that the network keeps or changes its model, at the checkpoint meeting or a later one (an
    evaluation put off is still made); refused before the trial period is over or at a cancelled meeting."""
    try:
        meeting = store.get_meeting(int(meeting_id))
    except (KeyError, TypeError, ValueError):
        meeting = None
    if meeting is None or meeting.status == "cancelled":
        raise ValidationError([FieldError("meeting", t("planning.app.choose_meeting"))])
    network = store.get_network(meeting.network_id)
    checkpoint = checkpoint_meeting(store, network.id)
    if checkpoint is None or (meeting.starts_at, meeting.id) < (checkpoint.starts_at, checkpoint.id):
        raise ValidationError([FieldError("meeting", t("planning.checkpoint.error.early", n=network.trial_meetings))])
    record = TrialCheckpoint(meeting.id, outcome, note.strip() if isinstance(note, str) else note, now())
    errors = record.problems()
    if errors:
        raise ValidationError(errors)
    return store.save_checkpoint(record)


def outcome_at(store: Store, meeting_id: int) -> TrialCheckpoint | None:
    """What the network decided about its model at this meeting, if it has been recorded there."""
    meeting = store.get_meeting(meeting_id)
    return next((c for c in store.checkpoints(meeting.network_id) if c.meeting_id == meeting_id), None)


def latest_outcome(store: Store, network_id: int) -> TrialCheckpoint | None:
    """What the network decided last about its model (None until it has been evaluated)."""
    recorded = store.checkpoints(network_id)
    return recorded[-1] if recorded else None
