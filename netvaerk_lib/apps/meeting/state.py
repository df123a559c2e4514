"""What Kør mødet knows, in one place, and what every section is given to act on it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets

from netvaerk_lib.meeting.agenda import SECTIONS, section_for
from netvaerk_lib.meeting.exercise import exercise_kind
from netvaerk_lib.model import Meeting, Network
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.store import Store


@dataclass
class MeetingState:
    network: Network
    meeting: Meeting
    section: str = "checkin"  # the part of the meeting on screen
    item: AgendaItem | None = None  # the agenda item whose exercise is open
    started: int = 0  # counts item starts and meeting changes: each one gives the exercise a fresh timer
    question: str | None = None  # the interview question chosen for the timer; None: the groups' own
    projector: bool = False
    checkpoint: bool = False  # the trial period ends with this meeting: its model is evaluated here
    older_goals_shown: bool = False  # the follow-up round's older open goals unfolded

    def open_item(self, item: AgendaItem | None) -> None:
        """An agenda item (or none) is now the running one: its exercise gets a fresh timer and question."""
        self.item, self.question = item, None
        self.started += 1

    def sections(self) -> tuple[str, ...]:
        """The parts of this meeting: the model's evaluation only at the meeting that ends the trial period."""
        return tuple(name for name in SECTIONS if name != "checkpoint" or self.checkpoint)

    def part_of(self, item: AgendaItem) -> str | None:
        """The part of this meeting an agenda item opens (see ``section_for``)."""
        section = section_for(item)
        if section not in self.sections():
            return "exercise" if exercise_kind(item) else None
        return section

    def timer_beside(self, section: str) -> bool:
        """Whether the running item's timer is shown below ``section``: below its own part of the meeting (the
        follow-up round, the flip-over, the model's evaluation) as well as under the exercise."""
        if section == "exercise":
            return True
        return self.item is not None and exercise_kind(self.item) is not None and self.part_of(self.item) == section


@dataclass
class Context:
    """What a section is given: the store, the one state, and the app's guard, messages and render."""

    store: Store
    state: MeetingState
    guarded: Callable[[Callable], Callable]
    say: Callable[..., None]
    render: Callable[..., None]  # render(*parts): show the state in those parts (all, when none are named)


class Section:
    """One part of the dashboard: ``widget`` and a ``render()`` that shows the state in it, in place."""

    def __init__(self, context: Context):
        self.context = context
        self.widget = self.build()

    @property
    def store(self) -> Store:
        return self.context.store

    @property
    def state(self) -> MeetingState:
        return self.context.state

    def handler(self, callback: Callable) -> Callable:
        return self.context.guarded(callback)

    def build(self) -> widgets.Widget:
        raise NotImplementedError

    def render(self) -> None:
        raise NotImplementedError
