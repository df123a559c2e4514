"""Records of a meeting being run: flip-over points and the agenda's live progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class FlipoverPoint:
    id: int
    meeting_id: int
    position: int
    text: str
    created_at: dt.datetime


@dataclass
class ItemProgress:
    """How far one agenda item has come: used seconds of earlier stretches, and since when it runs now."""

    meeting_id: int
    position: int
    title: str
    planned_minutes: int
    first_started_at: dt.datetime
    used_seconds: float = 0.0
    running_since: dt.datetime | None = None

    def used_at(self, moment: dt.datetime) -> float:
        """Seconds used by ``moment``, counting the stretch running now."""
        running = (moment - self.running_since).total_seconds() if self.running_since else 0.0
        return self.used_seconds + max(running, 0.0)


