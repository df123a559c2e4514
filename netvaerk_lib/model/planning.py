"""Planning records: agenda items, each meeting's planning notes and calendar identity, the contract."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netvaerk_lib.model import FieldError
from netvaerk_lib.texts import t

EXERCISE_TYPES = ("presentation", "interview", "sparring", "free", "none")
MAX_TITLE = 200
MAX_ITEM_MINUTES = 600

@dataclass
class AgendaItem:
    title: str
    minutes: int
    exercise_type: str = "none"
    note: str = ""
    optional: bool = False
    id: int | None = None
    meeting_id: int | None = None
    position: int = 0

    def problems(self, row: int) -> list[FieldError]:
        """Everything wrong with this item, each message naming the row (1-based) and the field."""
        errors = []
        if not isinstance(self.title, str) or not self.title.strip():
            errors.append(FieldError("title", t("planning.error.item_title", row=row)))
        elif len(self.title) > MAX_TITLE:
            errors.append(FieldError("title", t("planning.error.item_title_long", row=row, limit=MAX_TITLE)))
        if isinstance(self.minutes, bool) or not isinstance(self.minutes, int) \
                or not 0 <= self.minutes <= MAX_ITEM_MINUTES:
            errors.append(FieldError("minutes", t("planning.error.item_minutes", row=row, high=MAX_ITEM_MINUTES)))
        if self.exercise_type not in EXERCISE_TYPES:
            options = ", ".join(exercise_label(code) for code in EXERCISE_TYPES)
            errors.append(FieldError("exercise_type", t("planning.error.item_type", row=row,
                                                        value=self.exercise_type, options=options)))
        if not isinstance(self.note, str) or len(self.note) > 1000:
            errors.append(FieldError("note", t("planning.error.item_note", row=row, limit=1000)))
        return errors


def exercise_label(code: str) -> str:
    return t(f"planning.exercise.{code}")


@dataclass
class MeetingPlan:
    """Planning notes of one meeting (defaults when the meeting has none yet)."""

    meeting_id: int
    uid: str | None = None
    sequence: int = 0
    fingerprint: str | None = None
    revised_at: dt.datetime | None = None
    rule_date: dt.date | None = None
    move_reason: str = ""
    host_fixed: bool = False
    previous_host_id: int | None = None  # host and place before the person agreed to change them ("Ja, skift")
    previous_location: str = ""
    changed_at: dt.datetime | None = None


@dataclass
class CalendarStamp:
    meeting_id: int
    uid: str
    sequence: int
    fingerprint: str
    revised_at: dt.datetime


CHECKPOINT_OUTCOMES = ("keep", "change")
MAX_CHECKPOINT_NOTE = 1000


@dataclass
class TrialCheckpoint:
    """What the network decided about its model at the end of the trial period: keep it or change it."""

    meeting_id: int
    outcome: str
    note: str = ""
    recorded_at: dt.datetime | None = None

    def problems(self) -> list[FieldError]:
        errors = []
        if self.outcome not in CHECKPOINT_OUTCOMES:
            errors.append(FieldError("outcome", t("planning.checkpoint.error.outcome")))
        if not isinstance(self.note, str) or len(self.note) > MAX_CHECKPOINT_NOTE:
            errors.append(FieldError("note", t("planning.checkpoint.error.note", limit=MAX_CHECKPOINT_NOTE)))
        return errors


@dataclass
class Contract:
    network_id: int
    confidentiality: str = ""
    agreed_on: dt.date | None = None


