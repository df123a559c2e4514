"""Planning on top of the store: the year's meetings, the rota, agendas, the calendar file and the documents.

These functions are what the app and the command line call; teammates read agendas with :func:`agenda_items`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from netvaerk_lib.model import FieldError, Meeting, Member, Network, ValidationError
from netvaerk_lib.model.planning import AgendaItem, CalendarStamp
from netvaerk_lib.planning import agenda as agenda_module
from netvaerk_lib.planning.agenda import TimeCheck, check_time
from netvaerk_lib.planning.contract import ContractView
from netvaerk_lib.planning.dates import ProposedDate
from netvaerk_lib.planning.frame import checkpoint_meeting_id
from netvaerk_lib.planning.ics import CalendarEntry, EventContent, build_calendar
from netvaerk_lib.planning.printing import AgendaView, agenda_html, contract_html
from netvaerk_lib.planning.rota import RotaMeeting, RotaResult, assign_hosts
from netvaerk_lib.planning.topics import topic_title
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import now


def new_uid() -> str:
    """A calendar UID that stays with the meeting for good (moves and changes keep it)."""
    return f"{secrets.token_hex(16)}@netvaerk"


def move_meeting(store: Store, meeting_id: int, starts_at: object, reason: str) -> Meeting:
    """Move one meeting by hand and record why."""
    if not isinstance(starts_at, dt.datetime):
        raise ValidationError([FieldError("starts_at", t("error.required", field=t("field.starts_at")))])
    return store.move_meeting(meeting_id, starts_at, reason)


def set_meeting_topic(store: Store, meeting_id: int, topic_id: int | None) -> None:
    """Give a meeting its theme: one of its own network's topics, or none."""
    if topic_id is not None:
        network_id = store.get_meeting(meeting_id).network_id
        if topic_id not in {topic.id for topic in store.list_topics(network_id)}:
            raise ValidationError([FieldError("topic", t("planning.error.topic_unknown"))])
    store.set_meeting_topic(meeting_id, topic_id)


def expected_members(store: Store, meeting: Meeting) -> int:
    """Members of the network who have not sent a cancellation for the meeting."""
    members = store.list_members(meeting.network_id)
    away = store.cancellations(meeting.network_id).get(meeting.id, set())
    return sum(1 for member in members if member.id not in away)


def theme_of(store: Store, meeting: Meeting) -> str:
    return topic_title(store.list_topics(meeting.network_id), meeting.topic_id)


def template_for(store: Store, meeting: Meeting) -> list[AgendaItem]:
    """The guide's template for this meeting, sized to the members expected and its theme."""
    return agenda_module.template(meeting.kind, expected_members(store, meeting), meeting.length_minutes,
                                  theme_of(store, meeting))


def agenda_items(store: Store, meeting_id: int) -> list[AgendaItem]:
    """The meeting's agenda items in order, each with ``exercise_type`` (presentation, interview, sparring, free,
    none) and ``minutes``. When nobody has saved an agenda yet, the guide's template (not saved, ids None)."""
    stored = store.stored_agenda(meeting_id)
    return stored if stored else template_for(store, store.get_meeting(meeting_id))


def save_year(store: Store, network: Network, proposals: list[ProposedDate]) -> list[Meeting]:
    """Save proposed dates as planned meetings. The network's very first meeting gets the first-meeting kind."""
    has_meetings = bool(store.list_meetings(network.id))
    meetings = [Meeting(network_id=network.id, starts_at=proposal.starts_at, length_minutes=network.length_minutes,
                        kind="first" if index == 0 and not has_meetings else "following",
                        location=network.venue_detail.strip() if network.venue_mode != "practice" else "")
                for index, proposal in enumerate(proposals)]
    return store.add_planned_meetings(meetings, [p.rule_date for p in proposals], [p.reason for p in proposals])


def location_for(network: Network, host: Member | None) -> str | None:
    """The meeting's location given its host: the host's practice address when meetings are held in members'
    practices ('' when the host has none, so that no earlier host's address is left standing), otherwise the
    network's room or link; None (keep the meeting's own location) when the network has none."""
    if network.venue_mode == "practice":
        return host.practice_address.strip() if host else ""
    return network.venue_detail.strip() or None


def rota_members(store: Store, network_id: int) -> list[Member]:
    return [member for member in store.list_members(network_id) if member.in_host_rota]


def set_rota_members(store: Store, network_id: int, chosen: dict[int, bool]) -> None:
    """Who of the network's members takes part in the host rota (ids of other networks' members are ignored)."""
    for member in store.list_members(network_id):
        if member.id in chosen and member.in_host_rota != chosen[member.id]:
            member.in_host_rota = chosen[member.id]
            store.update_member(member)


def network_meeting(store: Store, network_id: int, meeting_id: object, planned: bool = True) -> Meeting:
    """The meeting if it belongs to the network (and is planned, when asked): a browser can send any id."""
    try:
        meeting = store.get_meeting(int(meeting_id))
    except (KeyError, TypeError, ValueError):
        meeting = None
    if meeting is None or meeting.network_id != network_id or (planned and meeting.status != "planned"):
        raise ValidationError([FieldError("meeting", t("planning.app.choose_meeting"))])
    return meeting


def apply_rota(store: Store, network_id: int) -> RotaResult:
    """Compute the fair rota for the network's meetings and save hosts (and locations) of planned meetings."""
    network = store.get_network(network_id)
    meetings = store.list_meetings(network_id)
    plans = store.meeting_plans(network_id)
    rota = rota_members(store, network_id)
    slots = [RotaMeeting(m.id, m.starts_at, m.host_member_id,
                         fixed=plans[m.id].host_fixed if m.id in plans else False,
                         held=m.status == "held", cancelled=m.status == "cancelled") for m in meetings]
    result = assign_hosts(slots, [member.id for member in rota], store.cancellations(network_id))
    members = {member.id: member for member in store.list_members(network_id)}
    updates = {}
    for meeting in meetings:
        if meeting.status != "planned":
            continue
        host = result.hosts.get(meeting.id)
        updates[meeting.id] = (host, location_for(network, members.get(host)))
    store.save_rota(updates, result.unfixed)
    return result


def swap_hosts(store: Store, first_id: int, second_id: int) -> None:
    """Exchange two meetings' hosts (and, in members' practices, their locations); the rota then keeps both."""
    network = store.get_network(store.get_meeting(first_id).network_id)
    first, second = store.get_meeting(first_id), store.get_meeting(second_id)
    members = {member.id: member for member in store.list_members(network.id)}
    store.swap_hosts(first_id, second_id, (location_for(network, members.get(second.host_member_id)),
                                           location_for(network, members.get(first.host_member_id))))


def remove_meeting(store: Store, meeting_id: int) -> str:
    """Take a planned meeting out of the plan. A meeting that has been in a calendar file, or that anything
    refers to (cancellations, goals), is marked cancelled so that a re-export cancels it in people's calendars;
    otherwise it is deleted. Returns 'cancelled' or 'deleted'."""
    meeting = store.get_meeting(meeting_id)
    if meeting.status != "planned":
        raise ValidationError([FieldError("meeting", t("planning.app.choose_meeting"))])
    if store.meeting_plan(meeting_id).uid is None and store.delete_planned_meeting(meeting_id):
        return "deleted"
    meeting.status = "cancelled"
    store.update_meeting(meeting)
    return "cancelled"


@dataclass
class PlanRow:
    number: int
    meeting: Meeting
    theme: str
    host: str
    move_reason: str
    checkpoint: bool
    expected: int
    time_check: TimeCheck
    host_fixed: bool


def plan_rows(store: Store, network_id: int) -> list[PlanRow]:
    """The year's plan as shown in the app: each meeting with theme, host, why it moved, the checkpoint."""
    network = store.get_network(network_id)
    meetings = store.list_meetings(network_id)
    plans = store.meeting_plans(network_id)
    topics = store.list_topics(network_id)
    names = {member.id: member.name for member in store.list_members(network_id, include_erased=True)}
    checkpoint = checkpoint_meeting_id(network, meetings)
    rows = []
    for number, meeting in enumerate(meetings, start=1):
        plan = plans.get(meeting.id)
        host = names.get(meeting.host_member_id) or ("" if meeting.host_member_id is None
                                                     else t("common.erased_member"))
        rows.append(PlanRow(number, meeting, topic_title(topics, meeting.topic_id), host or "",
                            plan.move_reason if plan else "", meeting.id == checkpoint,
                            expected_members(store, meeting),
                            check_time(agenda_items(store, meeting.id), meeting.length_minutes),
                            bool(plan and plan.host_fixed)))
    return rows


def _event_content(store: Store, network: Network, meeting: Meeting, host: str, checkpoint: bool) -> EventContent:
    theme = theme_of(store, meeting)
    summary = t("planning.ics.summary", network=network.name, theme=theme) if theme \
        else t("planning.ics.summary_no_theme", network=network.name)
    lines = [t("planning.ics.theme", theme=theme or t("planning.theme.none")),
             t(f"meeting_kind.{meeting.kind}")]
    if host:
        lines.append(t("planning.ics.host", host=host))
    if checkpoint:
        lines.append(t("planning.checkpoint.text"))
    lines += ["", t("planning.ics.agenda")]
    lines += agenda_module.summary_lines(agenda_items(store, meeting.id), meeting.starts_at)
    return EventContent(meeting.starts_at, meeting.ends_at, summary, meeting.location.strip(), "\n".join(lines),
                        cancelled=meeting.status == "cancelled")


def export_ics(store: Store, network_id: int, at: dt.datetime | None = None) -> bytes:
    """The network's calendar. Each meeting keeps its UID; an event whose content changed since the last export
    gets SEQUENCE + 1 and a new DTSTAMP, every other event is written exactly as before."""
    at = at or now()
    network = store.get_network(network_id)
    meetings = store.list_meetings(network_id)
    plans = store.meeting_plans(network_id)
    names = {member.id: member.name for member in store.list_members(network_id, include_erased=True)}
    checkpoint = checkpoint_meeting_id(network, meetings)
    entries, stamps = [], []
    for meeting in meetings:
        content = _event_content(store, network, meeting, names.get(meeting.host_member_id) or "",
                                 meeting.id == checkpoint)
        plan = plans.get(meeting.id)
        fingerprint = content.fingerprint()
        if plan is None or plan.uid is None:
            stamp = CalendarStamp(meeting.id, new_uid(), 0, fingerprint, at)
        elif plan.fingerprint != fingerprint:
            stamp = CalendarStamp(meeting.id, plan.uid, plan.sequence + 1, fingerprint, at)
        else:
            stamp = CalendarStamp(meeting.id, plan.uid, plan.sequence, fingerprint, plan.revised_at or at)
        stamps.append(stamp)
        entries.append(CalendarEntry(stamp.uid, stamp.sequence, stamp.revised_at, content))
    store.stamp_calendar(stamps)
    return build_calendar(network.name, t("planning.ics.calendar_description", network=network.name), entries)


def agenda_document(store: Store, meeting_id: int) -> str:
    meeting = store.get_meeting(meeting_id)
    network = store.get_network(meeting.network_id)
    names = {member.id: member.name for member in store.list_members(network.id, include_erased=True)}
    checkpoint = checkpoint_meeting_id(network, store.list_meetings(network.id)) == meeting_id
    view = AgendaView(network.name, theme_of(store, meeting), meeting.starts_at, meeting.length_minutes,
                      meeting.kind, agenda_items(store, meeting_id), names.get(meeting.host_member_id) or "",
                      meeting.location.strip(), checkpoint, meeting.note.strip())
    return agenda_html(view)


def contract_view(store: Store, network_id: int) -> ContractView:
    contract = store.get_contract(network_id)
    return ContractView(store.get_network(network_id), store.list_ground_rules(network_id),
                        contract.confidentiality, store.list_members(network_id))


def contract_document(store: Store, network_id: int) -> str:
    return contract_html(contract_view(store, network_id), store.get_contract(network_id).agreed_on)
