"""Grouping records: a seat in a group (member, role, question), a seating plan, a locked grouping."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

INTERVIEW_ROLES = ("interview_1", "interview_2", "interview_3", "interview_4")
CASE_GIVER, QUESTIONER, NOTE_TAKER = "case_giver", "questioner", "note_taker"
SPARRING_ROLES = (CASE_GIVER, QUESTIONER, NOTE_TAKER)
ROLES = {"interview": INTERVIEW_ROLES, "sparring": SPARRING_ROLES}
KINDS = tuple(ROLES)


@dataclass(frozen=True)
class Seat:
    """One person's place in a group: the role, and (interviews) the catalogue key of the question they get."""

    member: Hashable
    role: str
    question: str | None = None


Seating = list[list[list[Seat]]]  # rounds -> groups -> seats in rotation order



@dataclass
class LockedGrouping:
    id: int
    meeting_id: int
    kind: str
    locked_at: str
    seating: Seating


