"""What the planning page shows, in one place: the network's records as last read from the store, and what this
session holds that is not saved yet (proposed dates, a removal waiting for its confirmation, the agenda being
edited, the files made for download).

Every handler runs a rule, updates this state (usually by reading the store again with :func:`read`) and the app
renders it; no handler paints a widget of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netvaerk_lib.model import Meeting, Member, Network, Topic
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.planning import service
from netvaerk_lib.planning.dates import ProposedDate
from netvaerk_lib.planning.service import PlanRow
from netvaerk_lib.store import Store
from netvaerk_lib.texts import clock, short_date, t


@dataclass
class AgendaDraft:
    """The agenda being edited: its meeting, its items as last collected, and what the page says about it."""

    meeting_id: int | None = None
    items: list[AgendaItem] = field(default_factory=list)
    stored: bool = False  # False: the guide's template, not saved yet
    kind: str = ""
    expected: int = 0
    theme: str = ""
    link: str = ""  # the printable agenda made for download ('' until asked for)


@dataclass
class PlanningState:
    network: Network
    meetings: list[Meeting]
    members: list[Member]
    topics: list[Topic]
    plan: list[PlanRow]
    proposals: list[ProposedDate] = field(default_factory=list)
    pending_removal: int | None = None  # the meeting whose removal waits for "Ja, tag mødet ud"
    agenda: AgendaDraft = field(default_factory=AgendaDraft)
    links: dict[str, str] = field(default_factory=dict)  # 'ics' and 'contract': the files made for download

    @property
    def planned(self) -> list[Meeting]:
        return [meeting for meeting in self.meetings if meeting.status == "planned"]

    def meeting(self, meeting_id: int | None) -> Meeting | None:
        return next((meeting for meeting in self.meetings if meeting.id == meeting_id), None)


def read(store: Store, network_id: int, previous: PlanningState | None = None) -> PlanningState:
    """The network's records from the store; what the session holds is kept from ``previous``. The agenda being
    edited is kept while its meeting is still in the list, otherwise the agenda of the meeting chosen next."""
    state = PlanningState(store.get_network(network_id), store.list_meetings(network_id),
                          store.list_members(network_id), store.list_topics(network_id),
                          service.plan_rows(store, network_id))
    if previous is not None:
        state.proposals, state.pending_removal, state.links = (previous.proposals, previous.pending_removal,
                                                               previous.links)
        state.agenda = previous.agenda
    chosen = agenda_choice(state.agenda.meeting_id, state.meetings)
    if previous is None or chosen != state.agenda.meeting_id:
        state.agenda = load_agenda(store, state.meeting(chosen))
    return state


def agenda_choice(current: int | None, meetings: list[Meeting]) -> int | None:
    """The meeting the agenda shows: the one shown, while it exists; at first the next planned meeting."""
    ids = [meeting.id for meeting in meetings]
    if current in ids:
        return current
    upcoming = [meeting.id for meeting in meetings if meeting.status == "planned"]
    if current is None and upcoming:
        return upcoming[0]
    return ids[0] if ids else None


def load_agenda(store: Store, meeting: Meeting | None) -> AgendaDraft:
    """The meeting's saved agenda, or the guide's template for it when none is saved."""
    if meeting is None:
        return AgendaDraft()
    stored = store.stored_agenda(meeting.id)
    return AgendaDraft(meeting.id, stored or service.template_for(store, meeting), bool(stored), meeting.kind,
                       service.expected_members(store, meeting), service.theme_of(store, meeting))


def meeting_label(meeting: Meeting) -> str:
    status = "" if meeting.status == "planned" else f" ({t(f'meeting_status.{meeting.status}')})"
    return f"{short_date(meeting.starts_at)} {clock(meeting.starts_at)}{status}"


def meeting_options(meetings: list[Meeting]) -> list[tuple[str, int]]:
    return [(meeting_label(meeting), meeting.id) for meeting in meetings]
