"""The phase log: planned against used time per phase, built from the events the browser timer reports.

The browser keeps the time (a deadline, so it stays exact while the kernel is busy) and reports each control
it acts on with the phase's running total of used milliseconds. A browser can send anything, so
:meth:`PhaseLog.apply` checks every event again here before it counts: known event, phase in range, a move
only to the neighbouring phase, used time a finite number within a day, added time whole minutes.
"""

from __future__ import annotations

import math
from typing import Protocol

from netvaerk_lib.model.timers import PhaseUse, Program

EVENTS = ("start", "pause", "resume", "next", "previous", "extend", "finish", "reopen", "reset")
MAX_USED_MS = 24 * 60 * 60 * 1000
MAX_ADDED_MS = 4 * 60 * 60 * 1000
MINUTE_MS = 60_000


class Recorder(Protocol):
    """Where a run's log goes (the store, in the app). Every method is called with checked values only."""

    def begin(self, uses: list[PhaseUse]) -> None: ...

    def record(self, use: PhaseUse) -> None: ...

    def end(self) -> None: ...


class BadEvent(ValueError):
    """An event from the browser that breaks a rule; it is ignored and changes nothing."""


def _number(content: dict, name: str, high: int) -> float:
    value = content.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadEvent(f"{name} is not a number")
    if not 0 <= value <= high:
        raise BadEvent(f"{name} out of range")
    return float(value)


class PhaseLog:
    """The checked state of one run of a program: where it is, and each phase's used and added time."""

    def __init__(self, program: Program, recorder: Recorder | None = None):
        self.program = program
        self.recorder = recorder
        self.status = "idle"
        self.index = 0
        self.runs = 0
        self.uses = self._fresh()

    def _fresh(self) -> list[PhaseUse]:
        return [PhaseUse(position, phase.label, phase.kind, phase.seconds)
                for position, phase in enumerate(self.program.phases)]

    @property
    def last(self) -> int:
        return len(self.program.phases) - 1

    def apply(self, content: object) -> str:
        """Check one browser event and update the log; returns the event name. Raises BadEvent if refused."""
        if not isinstance(content, dict):
            raise BadEvent("not an object")
        event = content.get("event")
        if event not in EVENTS:
            raise BadEvent("unknown event")
        index = content.get("index")
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= self.last:
            raise BadEvent("phase out of range")
        used_ms = _number(content, "used_ms", MAX_USED_MS)
        added_ms = _number(content, "added_ms", MAX_ADDED_MS)
        if added_ms % MINUTE_MS:
            raise BadEvent("added time is not whole minutes")
        if event == "next" and index >= self.last or event == "previous" and index == 0:
            raise BadEvent("no such neighbour")
        if event in ("finish", "reopen") and index != self.last:
            raise BadEvent("finish and reopen belong to the last phase")
        allowed = {"start": ("idle",), "pause": ("running",), "resume": ("paused",), "finish": ("running", "paused"),
                   "reopen": ("done",)}.get(event)
        if allowed and self.status not in allowed:
            raise BadEvent(f"{event} is not possible when {self.status}")
        if self.status == "done" and event != "reset" and event != "reopen":
            raise BadEvent("the run is done")
        self._update(event, index, used_ms, added_ms)
        return event

    def _update(self, event: str, index: int, used_ms: float, added_ms: float) -> None:
        if self.status == "idle":
            if event == "start":
                self.uses = self._fresh()
                self.runs += 1
                self.status = "running"
                self.index = index
                if self.recorder:
                    self.recorder.begin(self.uses)
            else:  # moving before the start: nothing is logged yet
                self.index = 0 if event == "reset" else index + {"next": 1, "previous": -1}.get(event, 0)
            return
        if event == "reset" and self.status == "done":
            self.status, self.index = "idle", 0
            return
        use = self.uses[index]
        use.used_seconds = round(used_ms / 1000, 1)
        use.added_seconds = int(added_ms // 1000)
        if self.recorder:
            self.recorder.record(use)
        if event in ("next", "previous"):
            self.index = index + (1 if event == "next" else -1)
        elif event in ("pause", "reopen"):
            self.status = "paused"
        elif event == "resume":
            self.status = "running"
        elif event in ("finish", "reset"):
            self.status, self.index = ("done", index) if event == "finish" else ("idle", 0)
            if self.recorder:
                self.recorder.end()
