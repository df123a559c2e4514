"""Grouping records: a seat in a group (member, role, question), a seating plan, a locked grouping, and a
network's own rule pairs (keep apart, keep together)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

INTERVIEW_ROLES = ("interview_1", "interview_2", "interview_3", "interview_4")
CASE_GIVER, QUESTIONER, NOTE_TAKER = "case_giver", "questioner", "note_taker"
# A sparring group whose members have all had the case sits the remaining rounds out (nobody has it twice).
DONE = "done"
SPARRING_ROLES = (CASE_GIVER, QUESTIONER, NOTE_TAKER, DONE)
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


APART, TOGETHER = "apart", "together"
PAIR_RULES = (APART, TOGETHER)


@dataclass(frozen=True)
class MemberPair:
    """Two members of a network that every grouping keeps apart or together (``first`` < ``second``)."""

    id: int | None
    network_id: int
    first: int
    second: int
    rule: str

