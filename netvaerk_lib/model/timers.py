"""Timer records: a program of timed phases, a run of it and the time each phase used."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Phase:
    """One timed step.

    ``speaker`` is the headline of who has the floor (when one group works), ``lines`` say it per group when
    several groups work at the same time, and ``people`` is the person in focus in each group: the presenter,
    the interviewer, the round's case-giver.
    """

    label: str
    seconds: int
    kind: str = "free"
    speaker: str = ""
    prompt: str = ""
    lines: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    round: int = 1

    @property
    def minutes(self) -> float:
        return self.seconds / 60


@dataclass(frozen=True)
class Program:
    kind: str
    title: str
    phases: tuple[Phase, ...]
    rounds: int = 1
    order: tuple[str, ...] = field(default=())  # the speaking order used, e.g. after a shuffle

    @property
    def total_seconds(self) -> int:
        return sum(phase.seconds for phase in self.phases)

    def to_json(self) -> dict:
        """What the browser widget needs: title and phases as plain JSON values."""
        return {
            "kind": self.kind,
            "title": self.title,
            "phases": [{**asdict(phase), "lines": list(phase.lines), "people": list(phase.people)}
                       for phase in self.phases],
        }


@dataclass
class PhaseUse:
    position: int
    label: str
    kind: str
    planned_seconds: int
    added_seconds: int = 0
    used_seconds: float = 0.0

    @property
    def overtime_seconds(self) -> float:
        return max(0.0, self.used_seconds - self.planned_seconds - self.added_seconds)


@dataclass
class TimerRun:
    id: int
    kind: str
    title: str
    started_at: dt.datetime
    ended_at: dt.datetime | None = None
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    phases: list[PhaseUse] = field(default_factory=list)

    @property
    def planned_seconds(self) -> int:
        return sum(use.planned_seconds for use in self.phases)

    @property
    def used_seconds(self) -> float:
        return sum(use.used_seconds for use in self.phases)


