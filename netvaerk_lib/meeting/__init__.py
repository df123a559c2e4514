"""Running a meeting ("Kør mødet"): the plain-Python rules behind the facilitator's dashboard.

Which meeting is run, the agenda's live progress (planned against used time), check-in, the exercise of an
agenda item (a timer program and, for interviews and sparring, groups with roles), the digital flip-over, the
contract on screen, the follow-up round on goals and closing with the next meeting's date and theme.

Every function checks its input again, because the dashboard passes on what a browser sent: a member of
another network, a goal that is not up for follow-up or a position outside the agenda is refused with a
Danish message naming the field. The functions work on a :class:`~netvaerk_lib.store.Store` and use the
planning, timers and (when it exists) grouping areas through their public functions.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from netvaerk_lib.evaluation import sessions
from netvaerk_lib.grouping import plan_rounds
from netvaerk_lib.members.attendance import register_attendance
from netvaerk_lib.model import (
    Attendance,
    FieldError,
    Goal,
    Meeting,
    Member,
    Topic,
    ValidationError,
)
from netvaerk_lib.model.meeting import FlipoverPoint
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.model.timers import Program
from netvaerk_lib.planning import service
from netvaerk_lib.planning.agenda import schedule
from netvaerk_lib.planning.dates import parse_time
from netvaerk_lib.planning.service import agenda_items, theme_of
from netvaerk_lib.store import Store
from netvaerk_lib.texts import catalogue, long_date, t
from netvaerk_lib.timers import programs
from netvaerk_lib.timers.sources import display_names, split_groups

SECTIONS = ("checkin", "exercise", "flipover", "contract", "follow_up", "evaluation", "closing")
EXERCISE_KINDS = ("presentation", "interview", "sparring", "free")
FOLLOW_UP_STATUSES = ("done", "continued", "dropped")
MAX_POINT = 500
MAX_POINTS = 200
SPARRING_ROUND_MINUTES = 20
GROUP_SIZES = {"interview": (2, 3), "sparring": (3, 4)}
EVALUATION_CLOSES_AT = dt.time(8, 0)
log = logging.getLogger("netvaerk")


def _is_id(value: object) -> bool:
    """A row id as the rules accept it: a whole number, not a bool, float or text that happens to compare equal."""
    return isinstance(value, int) and not isinstance(value, bool)


def _fail(field_name: str, key: str, /, **values: object) -> ValidationError:
    return ValidationError([FieldError(field_name, t(key, **values))])


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
        if _is_id(meeting_id) and meeting.id == meeting_id:
            return meeting
    raise _fail("meeting", "run.error.meeting")


# --- the agenda and its progress -------------------------------------------------------------------------------

_SECTION_WORD_KEYS = {section: f"run.section_words.{section}" for section in
                      ("follow_up", "flipover", "contract", "evaluation", "closing")}


def section_for(item: AgendaItem) -> str | None:
    """Which part of the dashboard an agenda item belongs to: found from words in its title (the guide's
    template titles and what a facilitator would write), else its exercise; the first item is the welcome,
    when people check in. None: the item has no part of its own (a break)."""
    title = item.title.casefold()
    for section, key in _SECTION_WORD_KEYS.items():
        if section != "follow_up" and item.exercise_type in ("presentation", "interview", "sparring"):
            return "exercise"
        words = set()
        for lang in ("da", "en"):
            words |= {w.strip().casefold() for w in catalogue(lang).get(key, "").split("|") if w.strip()}
        if any(word in title for word in words):
            return section
    if exercise_kind(item):
        return "exercise"
    return "checkin" if item.position == 0 else None


def exercise_kind(item: AgendaItem) -> str | None:
    """The timer program an agenda item opens: its exercise type, or None for an item without time or exercise."""
    return item.exercise_type if item.exercise_type in EXERCISE_KINDS and item.minutes > 0 else None


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
    if not _is_id(position) or not 0 <= position < len(items):
        raise _fail("agenda", "run.error.agenda_item")
    return items[position]


def start_item(store: Store, meeting: Meeting, position: object, at: dt.datetime) -> AgendaItem:
    """Make an agenda item the running one; the one that ran keeps its used time."""
    item = agenda_item(store, meeting, position)
    store.start_agenda_item(meeting.id, item.position, item.title, item.minutes, at)
    return item


# --- check-in --------------------------------------------------------------------------------------------------

@dataclass
class CheckInRow:
    member: Member
    status: str | None  # None: not checked in yet
    notice: str | None = None  # for an afbud: when it came ('in_time', 'late', 'same_day'), if known


def check_in_rows(store: Store, meeting: Meeting) -> list[CheckInRow]:
    attendance = store.attendance(meeting.id)
    return [CheckInRow(member, attendance[member.id].status, attendance[member.id].notice)
            if member.id in attendance else CheckInRow(member, None)
            for member in store.list_members(meeting.network_id)]


def check_in(store: Store, meeting: Meeting, member_id: object, status: object, notice: object = None,
             at: dt.datetime | None = None) -> Attendance:
    """Record a member as present, cancelled (afbud: ``notice`` 'in_time', 'late' or 'same_day') or absent.

    Only current members of the meeting's network; a cancellation keeps what was known of when it came. Codes
    follow attendance: a member marked as not present loses an unused evaluation code."""
    members = {m.id: m for m in store.list_members(meeting.network_id)}
    if not _is_id(member_id) or member_id not in members:
        raise _fail("attendance", "run.error.not_member")
    record = register_attendance(store, meeting, member_id, status, notice=notice, at=at)
    sessions.follow_attendance(store, meeting.id, member_id, record.status)
    return record


def expected_members(store: Store, meeting: Meeting) -> list[Member]:
    """Who takes part in the exercises: the members checked in as present; before anyone is checked in,
    everyone without a cancellation or absence."""
    attendance = store.attendance(meeting.id)
    members = store.list_members(meeting.network_id)
    if any(record.status == "present" for record in attendance.values()):
        return [m for m in members if m.id in attendance and attendance[m.id].status == "present"]
    return [m for m in members if m.id not in attendance or attendance[m.id].status == "present"]


# --- exercises: groups, roles and timer programs ---------------------------------------------------------------

def propose_groups(members: list[Member], kind: str, seed: int = 0,
                   history: list[list[tuple[int, ...]]] | None = None) -> list[list[Member]]:
    """Pairs or triads (interviews) or groups of 3-4 (sparring) of the members present, from the grouping
    engine: diverse groups, and no pair that met in ``history`` (earlier locked groupings) while a fresh one
    exists. Fewer people than the smallest group are split evenly, as they are."""
    if kind not in GROUP_SIZES:
        raise _fail("exercise", "run.error.exercise")
    if not members:
        return []
    size_min, size_max = GROUP_SIZES[kind]
    if len(members) >= size_min:
        by_id = {m.id: m for m in members}
        attributes = {m.id: {"practice_type": m.practice_type or "", "region": m.region or "",
                             "gender": m.gender or "", "years_as_leader": m.years_as_leader or 0}
                      for m in members}
        planned = plan_rounds(list(by_id), 1, size_min, size_max, history=history or None,
                              attributes=attributes, seed=seed)
        return [[by_id[member_id] for member_id in group] for group in planned[0]]
    shift = seed % len(members)
    ordered = members[shift:] + members[:shift]
    names = display_names(ordered)
    index = dict(zip(names, ordered, strict=True))
    return [[index[name] for name in group] for group in split_groups(names, kind)]


@dataclass
class GroupRoles:
    number: int
    names: list[str]
    lines: list[str] = field(default_factory=list)


def group_roles(groups: list[list[str]], kind: str) -> list[GroupRoles]:
    """Who does what in each group, as the guide describes it.

    Interviews: each member interviews the next one in the group (a pair swaps, a triad goes round).
    Sparring, first round: the first member brings the challenge, the next one asks the questions, the others
    take notes and reflect (the timer rotates the roles in later rounds)."""
    result = []
    for number, group in enumerate(groups, start=1):
        lines = []
        if kind == "interview":
            for turn, name in enumerate(group):
                lines.append(t("run.roles.interviews", interviewer=name, interviewee=group[(turn + 1) % len(group)]))
        elif kind == "sparring" and group:
            lines.append(t("run.roles.case_giver", name=group[0]))
            if len(group) > 1:
                lines.append(t("run.roles.questioner", name=group[1]))
            if len(group) > 2:
                lines.append(t("run.roles.note_takers", names=t("run.and").join(group[2:])))
        result.append(GroupRoles(number, list(group), lines))
    return result


def question_keys(meeting: Meeting) -> tuple[str, ...]:
    """Interview questions: about expectations at the first meeting, the guide's bank of nine otherwise."""
    if meeting.kind == "first":
        return programs.EXPECTATION_QUESTION_KEYS + programs.INTERVIEW_QUESTION_KEYS
    return programs.INTERVIEW_QUESTION_KEYS + programs.EXPECTATION_QUESTION_KEYS


def sparring_plan(item_minutes: int, largest_group: int) -> tuple[int, int]:
    """(rounds, minutes per round) that fit the agenda item: rounds of about 20 minutes, at most one per
    member of the largest group, each 8-20 minutes."""
    rounds = max(1, min(largest_group, item_minutes // SPARRING_ROUND_MINUTES))
    minutes = max(programs.SPARRING_MIN_TOTAL, min(SPARRING_ROUND_MINUTES, item_minutes // rounds))
    return rounds, minutes


def exercise_program(item: AgendaItem, names: list[str], groups: list[list[str]],
                     question_key: str | None = None) -> Program:
    """The timer program of an agenda item, built by the timers area from the people present."""
    kind = exercise_kind(item)
    if kind == "presentation":
        program = programs.presentation_round(names)
    elif kind == "interview":
        program = programs.interview_set(groups, questions=[question_key or programs.EXPECTATION_QUESTION_KEYS[2]])
    elif kind == "sparring":
        rounds, minutes = sparring_plan(item.minutes, max((len(g) for g in groups), default=1))
        program = programs.sparring_rounds(groups, rounds=rounds, total_minutes=minutes)
    elif kind == "free":
        program = programs.free_program([(item.title, item.minutes)], title=item.title)
    else:
        raise _fail("exercise", "run.error.no_exercise")
    return Program(program.kind, item.title, program.phases, program.rounds, program.order)


# --- the flip-over ---------------------------------------------------------------------------------------------

def add_point(store: Store, meeting: Meeting, text: object, at: dt.datetime) -> FlipoverPoint:
    """Add what the facilitator typed as a point on the meeting's flip-over (kept exactly, shown escaped)."""
    cleaned = text.strip() if isinstance(text, str) else ""
    if not cleaned:
        raise _fail("point", "run.error.point_empty")
    if len(cleaned) > MAX_POINT:
        raise _fail("point", "run.error.point_long", limit=MAX_POINT)
    if len(store.flipover_points(meeting.id)) >= MAX_POINTS:
        raise _fail("point", "run.error.points_full", limit=MAX_POINTS)
    return store.add_flipover_point(meeting.id, cleaned, at)


def remove_point(store: Store, meeting: Meeting, point_id: object) -> None:
    if not _is_id(point_id) or not store.remove_flipover_point(meeting.id, point_id):
        raise _fail("point", "run.error.point_unknown")


def previous_flipover(store: Store, meeting: Meeting) -> tuple[Meeting, list[FlipoverPoint]] | None:
    """The flip-over of the latest earlier meeting that has one, to show again at this meeting."""
    earlier = [store.get_meeting(meeting_id) for meeting_id in store.flipover_meetings(meeting.network_id)
               if meeting_id != meeting.id]
    earlier = [m for m in earlier if (m.starts_at, m.id) < (meeting.starts_at, meeting.id)]
    if not earlier:
        return None
    latest = max(earlier, key=lambda m: (m.starts_at, m.id))
    return latest, store.flipover_points(latest.id)


# --- the contract on screen ------------------------------------------------------------------------------------

@dataclass
class ContractScreen:
    purpose: str
    rules: list[str]
    confidentiality: str


def contract_screen(store: Store, network_id: int) -> ContractScreen:
    network = store.get_network(network_id)
    return ContractScreen(network.purpose.strip(), [rule.text for rule in store.list_ground_rules(network_id)],
                          store.get_contract(network_id).confidentiality.strip())


# --- the follow-up round on goals ------------------------------------------------------------------------------

@dataclass
class FollowUpRow:
    goal: Goal
    member: Member
    set_at: Meeting | None
    status: str | None  # the status given at this meeting, None while not followed up yet


def follow_up_rows(store: Store, meeting: Meeting) -> list[FollowUpRow]:
    """Each member's goals to follow up at this meeting: goals set at an earlier meeting that are still open
    or were continued at an earlier follow-up, and those already followed up at this meeting."""
    members = {m.id: m for m in store.list_members(meeting.network_id)}
    meetings = {m.id: m for m in store.list_meetings(meeting.network_id)}
    rows = []
    for goal in store.list_goals(meeting.network_id):
        member = members.get(goal.member_id)
        set_at = meetings.get(goal.meeting_id)
        if member is None or goal.meeting_id == meeting.id:
            continue
        if set_at is not None and (set_at.starts_at, set_at.id) > (meeting.starts_at, meeting.id):
            continue
        if goal.followed_up_meeting_id == meeting.id:
            rows.append(FollowUpRow(goal, member, set_at, goal.status))
        elif goal.status in ("open", "continued"):
            rows.append(FollowUpRow(goal, member, set_at, None))
    return sorted(rows, key=lambda row: ((row.member.name or "").casefold(), row.goal.id))


def follow_up(store: Store, meeting: Meeting, goal_id: object, status: object) -> Goal:
    """Mark a goal done, continued or dropped at this meeting (only goals that are up for follow-up here)."""
    if status not in FOLLOW_UP_STATUSES:
        raise _fail("goal_status", "run.error.goal_status")
    if not _is_id(goal_id) or not any(row.goal.id == goal_id for row in follow_up_rows(store, meeting)):
        raise _fail("goal", "run.error.goal_unknown")
    return store.follow_up_goal(goal_id, status, meeting.id)


def new_goals(store: Store, meeting: Meeting) -> list[tuple[Goal, Member]]:
    """Goals set at this meeting, to be followed up at the next one."""
    members = {m.id: m for m in store.list_members(meeting.network_id)}
    return [(goal, members[goal.member_id]) for goal in store.list_goals(meeting.network_id)
            if goal.meeting_id == meeting.id and goal.member_id in members]


def add_goal(store: Store, meeting: Meeting, member_id: object, text: object) -> Goal:
    if not _is_id(member_id) or member_id not in {m.id for m in store.list_members(meeting.network_id)}:
        raise _fail("goal_member", "run.error.not_member")
    goal = Goal(member_id=member_id, text=text.strip() if isinstance(text, str) else "", meeting_id=meeting.id)
    return store.add_goal(goal)


# --- closing: the next meeting ---------------------------------------------------------------------------------

def following_meeting(store: Store, meeting: Meeting) -> Meeting | None:
    """The first planned meeting after this one (the one the group agrees on at closing), if planned already."""
    later = [m for m in store.list_meetings(meeting.network_id)
             if m.status == "planned" and (m.starts_at, m.id) > (meeting.starts_at, meeting.id)]
    return later[0] if later else None


def agree_next_meeting(store: Store, meeting: Meeting, day: object, time_text: object, topic_id: object = None,
                       new_topic: str = "") -> Meeting:
    """Write the agreed date and theme of the next meeting to the plan, in one transaction.

    The first planned meeting after this one is moved to the agreed date (the plan records why); when none is
    planned, a new meeting is added with the network's length. The theme is one of the network's topics, or a
    new topic the group names."""
    errors: list[FieldError] = []
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        errors.append(FieldError("next_date", t("run.error.next_date")))
    elif day <= meeting.starts_at.date():
        errors.append(FieldError("next_date", t("run.error.next_date_after", date=long_date(meeting.starts_at))))
    try:
        at = parse_time(str(time_text or ""))
    except ValidationError:
        errors.append(FieldError("next_time", t("run.error.next_time", value=time_text)))
    topics = {topic.id: topic for topic in store.list_topics(meeting.network_id)}
    title = new_topic.strip() if isinstance(new_topic, str) else ""
    if len(title) > 200:
        errors.append(FieldError("next_topic", t("run.error.topic_long", limit=200)))
    elif not title and topic_id is not None and (not _is_id(topic_id) or topic_id not in topics):
        errors.append(FieldError("next_topic", t("run.error.topic_unknown")))
    if errors:
        raise ValidationError(errors)
    starts_at = dt.datetime.combine(day, at)
    reason = t("run.next.reason", date=long_date(meeting.starts_at))
    with store.transaction():
        if title:
            same = [topic for topic in topics.values() if topic.title.casefold() == title.casefold()]
            topic_id = same[0].id if same else store.add_topic(Topic(meeting.network_id, title)).id
        planned = following_meeting(store, meeting)
        if planned is None:
            network = store.get_network(meeting.network_id)
            planned = store.add_planned_meetings(
                [Meeting(meeting.network_id, starts_at, network.length_minutes, kind="following")], [None],
                [reason])[0]
        elif planned.starts_at != starts_at:
            planned = service.move_meeting(store, planned.id, starts_at, reason)
        service.set_meeting_topic(store, planned.id, topic_id)
    return store.get_meeting(planned.id)


def evaluation_closes_at(at: dt.datetime) -> dt.datetime:
    """When an evaluation left open at the end of a meeting closes on its own: the next morning."""
    return dt.datetime.combine(at.date() + dt.timedelta(days=1), EVALUATION_CLOSES_AT)


def finish_meeting(store: Store, meeting: Meeting, at: dt.datetime) -> Meeting:
    """The meeting is over: nothing runs any more and the meeting counts as held.

    A meeting that has not begun cannot be held yet. An evaluation still open closes on its own the next
    morning (the app offers to close it at once)."""
    if meeting.starts_at > at:
        raise _fail("meeting", "run.error.not_begun", date=long_date(meeting.starts_at))
    with store.transaction():
        store.stop_agenda(meeting.id, at)
        meeting = store.get_meeting(meeting.id)
        meeting.status = "held"
        store.update_meeting(meeting)
        session = store.evaluation_session(meeting.id)
        if session is not None and session.is_open and session.closes_at is None:
            sessions.close_after(store, meeting.id, evaluation_closes_at(at))
    return meeting


def theme(store: Store, meeting: Meeting) -> str:
    return theme_of(store, meeting)
