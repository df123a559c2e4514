"""Agendas from the guide's templates for the first and the following meetings.

Time boxes grow with the number of members expected (a presentation round is about 2 minutes each, the mutual
interviews about 5 minutes per person in pairs or triads), and the sum is checked against the meeting's length.
Each item carries an exercise type that the timer and grouping apps read through :func:`agenda_items`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from netvaerk_lib.model import ValidationError
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.planning import checkpoint as checkpoint_rules
from netvaerk_lib.store import Store
from netvaerk_lib.texts import clock, t

BREAK_FROM_MINUTES = 150  # meetings this long or longer get a coffee break
SPARRING_ROUND_MINUTES = 20
TOPIC_MINUTES = 45


def validate_items(items: list[AgendaItem]) -> list[AgendaItem]:
    errors = [error for row, item in enumerate(items, start=1) for error in item.problems(row)]
    if errors:
        raise ValidationError(errors)
    return items


def save_agenda(store: Store, meeting_id: int, items: list[AgendaItem]) -> list[AgendaItem]:
    """Replace a meeting's agenda with ``items``: every row checked first, nothing saved on an error."""
    validate_items(items)
    return store.save_agenda(meeting_id, items)


def _interview_group(members: int) -> int:
    """Pairs when the group is even, otherwise (at least one) triad: the round lasts as long as the triads."""
    return 2 if members % 2 == 0 else 3


def first_meeting_template(members: int, length_minutes: int, theme: str = "") -> list[AgendaItem]:
    """The guide's first meeting: presentation, interviews about expectations, flip-over, ground rules and
    confidentiality, a sparring exercise if time allows, agreeing the next meeting and its theme."""
    members = max(members, 2)
    items = [
        AgendaItem(t("planning.agenda.welcome"), 10, "none", t("planning.agenda.welcome.note")),
        AgendaItem(t("planning.agenda.presentation"), 2 * members, "presentation",
                   t("planning.agenda.presentation.note")),
        AgendaItem(t("planning.agenda.interviews"), 5 * _interview_group(members) + 5, "interview",
                   t("planning.agenda.interviews.note")),
        AgendaItem(t("planning.agenda.flipover"), 10 + members, "free", t("planning.agenda.flipover.note")),
        AgendaItem(t("planning.agenda.ground_rules"), 20, "free", t("planning.agenda.ground_rules.note")),
    ]
    if length_minutes >= BREAK_FROM_MINUTES:
        items.append(AgendaItem(t("planning.agenda.break"), 15, "none"))
    items += [
        AgendaItem(t("planning.agenda.sparring_if_time"), SPARRING_ROUND_MINUTES, "sparring",
                   t("planning.agenda.sparring.note"), optional=True),
        AgendaItem(t("planning.agenda.next_meeting_first"), 10, "free",
                   t("planning.agenda.next_meeting_first.note", theme=theme) if theme else ""),
    ]
    return _numbered(items)


def following_meeting_template(members: int, length_minutes: int, theme: str = "",
                               checkpoint: bool = False) -> list[AgendaItem]:
    """The guide's following meetings: follow-up on cases and goals, the chosen topic, sparring rounds if time
    allows, a short evaluation. The trial period's last meeting (``checkpoint``) also evaluates the model, with
    the time taken from the topic so that the meeting keeps its length."""
    members = max(members, 2)
    long_meeting = length_minutes >= BREAK_FROM_MINUTES
    topic = t("planning.agenda.topic", theme=theme) if theme else t("planning.agenda.topic_open")
    topic_minutes = TOPIC_MINUTES - (checkpoint_rules.EVALUATION_MINUTES if checkpoint else 0)
    items = [
        AgendaItem(t("planning.agenda.welcome_short"), 5, "none"),
        AgendaItem(t("planning.agenda.follow_up"), max(10, 2 * members), "presentation",
                   t("planning.agenda.follow_up.note")),
        AgendaItem(topic, topic_minutes, "free", t("planning.agenda.topic.note")),
    ]
    if long_meeting:
        items.append(AgendaItem(t("planning.agenda.break"), 15, "none"))
    items += [
        AgendaItem(t("planning.agenda.sparring"), SPARRING_ROUND_MINUTES * (2 if long_meeting else 1), "sparring",
                   t("planning.agenda.sparring.note"), optional=True),
        *([checkpoint_rules.evaluation_item()] if checkpoint else []),
        AgendaItem(t("planning.agenda.evaluation"), 10, "free", t("planning.agenda.evaluation.note")),
        AgendaItem(t("planning.agenda.next_meeting"), 5, "free"),
    ]
    return _numbered(items)


def template(kind: str, members: int, length_minutes: int, theme: str = "",
             checkpoint: bool = False) -> list[AgendaItem]:
    if kind == "first":
        return first_meeting_template(members, length_minutes, theme)
    return following_meeting_template(members, length_minutes, theme, checkpoint)


def _numbered(items: list[AgendaItem]) -> list[AgendaItem]:
    for position, item in enumerate(items):
        item.position = position
    return items


@dataclass(frozen=True)
class TimeCheck:
    total: int
    length: int

    @property
    def over(self) -> int:
        return max(self.total - self.length, 0)

    @property
    def spare(self) -> int:
        return max(self.length - self.total, 0)

    @property
    def fits(self) -> bool:
        return self.total <= self.length

    def message(self) -> str:
        if self.over:
            return t("planning.time.over", total=self.total, length=self.length, over=self.over)
        if self.spare >= SPARRING_ROUND_MINUTES:
            return t("planning.time.spare_sparring", total=self.total, length=self.length, spare=self.spare)
        if self.spare:
            return t("planning.time.spare", total=self.total, length=self.length, spare=self.spare)
        return t("planning.time.exact", total=self.total)


def check_time(items: list[AgendaItem], length_minutes: int) -> TimeCheck:
    return TimeCheck(sum(item.minutes for item in items), length_minutes)


def schedule(items: list[AgendaItem], starts_at: dt.datetime) -> list[tuple[dt.datetime, dt.datetime, AgendaItem]]:
    """Each item with its clock times, one after the other from the meeting's start."""
    rows, moment = [], starts_at
    for item in items:
        end = moment + dt.timedelta(minutes=item.minutes)
        rows.append((moment, end, item))
        moment = end
    return rows


def summary_lines(items: list[AgendaItem], starts_at: dt.datetime) -> list[str]:
    """'17:00-17:10 Velkomst (10 min.)' lines for the calendar invitation."""
    return [f"{clock(start)}-{clock(end)} {item.title} ({t('common.minutes', n=item.minutes)})"
            for start, end, item in schedule(items, starts_at)]


# Editing: small pure operations on a list; the app saves the result with Store.save_agenda.

def move_item(items: list[AgendaItem], index: int, delta: int) -> list[AgendaItem]:
    target = index + delta
    if not (0 <= index < len(items) and 0 <= target < len(items)):
        return list(items)
    moved = list(items)
    moved[index], moved[target] = moved[target], moved[index]
    return _numbered([replace(item) for item in moved])


def remove_item(items: list[AgendaItem], index: int) -> list[AgendaItem]:
    return _numbered([replace(item) for position, item in enumerate(items) if position != index])


def add_item(items: list[AgendaItem], item: AgendaItem, index: int | None = None) -> list[AgendaItem]:
    result = [replace(existing) for existing in items]
    result.insert(len(result) if index is None else index, item)
    return _numbered(result)
