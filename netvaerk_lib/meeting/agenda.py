"""Which meeting is run, and its agenda's live progress: planned against used time, which part of the dashboard
an item opens, the item to start next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netvaerk_lib.meeting.checks import is_id, refuse
from netvaerk_lib.meeting.exercise import exercise_kind
from netvaerk_lib.model import Meeting
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.planning.agenda import schedule
from netvaerk_lib.planning.service import agenda_items
from netvaerk_lib.planning.titles import titled_section
from netvaerk_lib.store import Store

SECTIONS = ("checkin", "exercise", "flipover", "contract", "follow_up", "checkpoint", "evaluation", "closing")


# --- which meeting ---------------------------------------------------------------------------------------------

def meeting_choices(store: Store, network_id: int) -> list[Meeting]:
    """The network's meetings that can be run (not cancelled), latest first."""
    return [m for m in reversed(store.list_meetings(network_id)) if m.status != "cancelled"]


def default_meeting(store: Store, network_id: int, at: dt.datetime) -> Meeting | None:
    """Today's meeting if there is one (also when already marked held), else the next planned one, else the
    latest one."""
    meetings = meeting_choices(store, network_id)
    today = [m for m in meetings if m.starts_at.date() == at.date()]
    if today:
        return today[0]
    return store.next_meeting(network_id, at) or (meetings[0] if meetings else None)


def meeting_of_network(store: Store, network_id: int, meeting_id: object) -> Meeting:
    """The meeting, if it is one of the network's meetings that can be run; a Danish error otherwise."""
    for meeting in meeting_choices(store, network_id):
        if is_id(meeting_id) and meeting.id == meeting_id:
            return meeting
    raise refuse("meeting", "run.error.meeting")


# --- the agenda and its progress -------------------------------------------------------------------------------

def section_for(item: AgendaItem) -> str | None:
    """Which part of the dashboard an agenda item belongs to: found from words in its title (the guide's
    template titles and what a facilitator would write; the follow-up round by its title whatever its timer),
    else its exercise; the first item is the welcome, when people check in. None: the item has no part of its
    own (a break). "checkpoint" (the trial's model evaluation) is only a part at the checkpoint meeting."""
    named = titled_section(item.title)
    if named != "follow_up" and item.exercise_type in ("presentation", "interview", "sparring"):
        return "exercise"
    if named:
        return named
    if exercise_kind(item):
        return "exercise"
    return "checkin" if item.position == 0 else None


@dataclass
class AgendaRow:
    position: int
    item: AgendaItem
    planned_start: dt.datetime
    planned_end: dt.datetime
    used_seconds: float
    state: str  # "done", "current" or "waiting"
    section: str | None

    @property
    def planned_seconds(self) -> int:
        return self.item.minutes * 60


@dataclass
class AgendaProgress:
    rows: list[AgendaRow]
    current: AgendaRow | None
    planned_minutes: int
    used_seconds: float
    behind_seconds: float  # positive: behind the plan; negative: ahead

    @property
    def started(self) -> bool:
        return any(row.state != "waiting" for row in self.rows)


def agenda_progress(store: Store, meeting: Meeting, at: dt.datetime) -> AgendaProgress:
    """The agenda with each item's planned times and the time used so far, and how far behind the plan we are.

    Behind the plan counts what finished items took beyond (or short of) their plan, and how far the running
    item has gone over its own time (running within its time is on plan)."""
    items = agenda_items(store, meeting.id)
    progress = store.agenda_progress(meeting.id)
    rows, behind, current = [], 0.0, None
    for start, end, item in schedule(items, meeting.starts_at):
        record = progress.get(item.position)
        used = record.used_at(at) if record else 0.0
        state = "waiting" if record is None else "current" if record.running_since else "done"
        row = AgendaRow(item.position, item, start, end, used, state, section_for(item))
        if state == "done":
            behind += used - row.planned_seconds
        elif state == "current":
            behind += max(used - row.planned_seconds, 0.0)
            current = row
        rows.append(row)
    return AgendaProgress(rows, current, sum(item.minutes for item in items), sum(r.used_seconds for r in rows),
                          behind)


def next_position(progress: AgendaProgress) -> int | None:
    """The item to start next: the one after the running item, else the first not yet started."""
    if progress.current is not None:
        following = progress.current.position + 1
        return following if following < len(progress.rows) else None
    waiting = [row.position for row in progress.rows if row.state == "waiting"]
    return waiting[0] if waiting else None


def agenda_item(store: Store, meeting: Meeting, position: object) -> AgendaItem:
    """The agenda item at ``position`` (as sent by the browser), checked against the meeting's agenda."""
    items = agenda_items(store, meeting.id)
    if not is_id(position) or not 0 <= position < len(items):
        raise refuse("agenda", "run.error.agenda_item")
    return items[position]


def start_item(store: Store, meeting: Meeting, position: object, at: dt.datetime) -> AgendaItem:
    """Make an agenda item the running one; the one that ran keeps its used time."""
    item = agenda_item(store, meeting, position)
    store.start_agenda_item(meeting.id, item.position, item.title, item.minutes, at)
    return item
