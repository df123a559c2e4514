"""Timer programs from the store: who is present at a meeting, and the recorder that saves the phase log."""

from __future__ import annotations

from netvaerk_lib.model import Member
from netvaerk_lib.model.timers import PhaseUse, Program
from netvaerk_lib.planning.service import agenda_items
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.timers import programs


def present_members(store: Store, meeting_id: int) -> list[Member]:
    """The members expected in the room: those registered present, or, before attendance is taken,
    every current member without a cancellation (afbud) or an absence noted."""
    meeting = store.get_meeting(meeting_id)
    members = store.list_members(meeting.network_id)
    attendance = store.attendance(meeting_id)
    if any(record.status == "present" for record in attendance.values()):
        return [m for m in members if m.id in attendance and attendance[m.id].status == "present"]
    return [m for m in members if m.id not in attendance or attendance[m.id].status == "present"]


def display_names(members: list[Member]) -> list[str]:
    """Members' names, made unique ('Anne Jensen (2)') so two members with one name both get their turn."""
    seen: dict[str, int] = {}
    names = []
    for member in members:
        name = member.name.strip()
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def present_names(store: Store, meeting_id: int) -> list[str]:
    return display_names(present_members(store, meeting_id))


class StoreRecorder:
    """Saves a running timer's phase log: a new run at the start, the phase's totals at each change."""

    def __init__(self, store, program: Program, *, meeting_id: int | None = None,
                 agenda_item_id: int | None = None):
        self.store, self.program = store, program
        self.meeting_id, self.agenda_item_id = meeting_id, agenda_item_id
        self.run_id: int | None = None

    def begin(self, uses: list[PhaseUse]) -> None:
        self.run_id = self.store.start_timer_run(self.program, meeting_id=self.meeting_id,
                                                 agenda_item_id=self.agenda_item_id)

    def record(self, use: PhaseUse) -> None:
        if self.run_id is not None:
            self.store.record_phase_use(self.run_id, use)

    def end(self) -> None:
        if self.run_id is not None:
            self.store.finish_timer_run(self.run_id)


def split_groups(names: list[str], kind: str) -> list[list[str]]:
    """A first proposal of groups in the given order, for when no grouping is locked: groups of 4 and 3 for
    sparring (as even as possible), pairs and one triad (when the number is odd) for interviews."""
    count = len(names)
    if kind == "sparring":
        if count < 3:
            return [list(names)] if names else []
        groups = max(1, round(count / 3.5))
        while count > 4 * groups:
            groups += 1
        while count < 3 * groups and groups > 1:
            groups -= 1
    else:
        if count < 2:
            return [list(names)] if names else []
        groups = count // 2
    sizes = [count // groups + (1 if index < count % groups else 0) for index in range(groups)]
    result, start = [], 0
    for size in sizes:
        result.append(list(names[start:start + size]))
        start += size
    return result


def parse_groups(text: str) -> list[list[str]]:
    """Groups typed one a line, names separated by commas: 'Anna, Bo, Carl'."""
    return [[name.strip() for name in line.split(",") if name.strip()]
            for line in (text or "").splitlines() if line.strip()]


def format_groups(groups: list[list[str]]) -> str:
    return "\n".join(", ".join(group) for group in groups)


def parse_names(text: str) -> list[str]:
    """Names typed one a line (blank lines skipped)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def meeting_agenda(store: Store, meeting_id: int) -> list:
    """The meeting's agenda items (title, minutes, exercise_type, note, id) from the planning area."""
    return agenda_items(store, meeting_id)


def locked_rounds(store: Store, meeting_id: int, kind: str) -> list[list[list[tuple[str, str]]]] | None:
    """The meeting's latest locked grouping of ``kind`` ('interview' or 'sparring') from the grouping apps, as
    rounds of groups of (name, question key) for interviews or (name, role) for sparring; None if none."""
    meeting = store.get_meeting(meeting_id)
    groupings = store.list_groupings(meeting.network_id, meeting_id=meeting_id, kind=kind)
    if not groupings:
        return None
    members = store.list_members(meeting.network_id)
    names = dict(zip((m.id for m in members), display_names(members), strict=True))
    fallback = programs.EXPECTATION_QUESTION_KEYS[2]

    def seat_value(seat) -> str:
        return seat.role if kind == "sparring" else (seat.question or fallback)

    return [[[(names.get(seat.member, t("common.erased_member")), seat_value(seat)) for seat in seats]
             for seats in groups] for groups in groupings[-1].seating]


def locked_program(rounds, kind: str, **options) -> Program:
    """The timer program of a locked grouping (see :func:`locked_rounds`)."""
    if kind == "sparring":
        return programs.sparring_from_roles(rounds, **options)
    return programs.interview_rounds(rounds, **options)
