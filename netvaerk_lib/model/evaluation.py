"""Evaluation records: a meeting's evaluation session, a stored code, a rating summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class EvaluationSession:
    meeting_id: int
    question_set_id: int
    status: str  # "open" or "closed"
    salt: str
    closes_at: dt.datetime | None = None  # an open evaluation closes on its own then (None: only by hand)
    public_key: str | None = None  # seals the answers while the evaluation is open (hex, X25519)
    key_id: str | None = None  # names the private key's file until the close wipes it (None: no key file)

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"


@dataclass(frozen=True)
class EvaluationCode:
    """A stored code: its hash, the meeting, the member and whether it is spent (never when)."""

    code_hash: str
    meeting_id: int
    member_id: int
    spent: bool


@dataclass(frozen=True)
class RatingSummary:
    """Average and count of one rating question at one meeting."""

    meeting_id: int
    question_key: str
    average: float
    answers: int


