"""Choosing an exercise to time: the meetings to offer, the agenda items that are exercises, the settings an
exercise starts from, and the program built from the settings as typed (every value checked again here:
a browser can send any value)."""

from __future__ import annotations

from dataclasses import replace

from netvaerk_lib.model import FieldError, Meeting, ValidationError
from netvaerk_lib.model.timers import Program
from netvaerk_lib.planning.titles import is_follow_up_round
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.timers import programs
from netvaerk_lib.timers.sources import (
    format_groups,
    locked_program,
    locked_rounds,
    meeting_agenda,
    parse_groups,
    parse_names,
    present_names,
    split_groups,
)
from netvaerk_lib.timezone import now

KINDS = ("presentation", "interview", "sparring", "free")
LOCKABLE = ("interview", "sparring")
SPARRING_ROUND_MINUTES = 20
QUESTION_KEYS = programs.EXPECTATION_QUESTION_KEYS + programs.INTERVIEW_QUESTION_KEYS
ORDERS = ("given", "shuffled")
# The settings each exercise uses; groups, rounds and questions come from a locked grouping when it is used.
SETTINGS_BY_KIND = {
    "presentation": ("names", "minutes", "order"),
    "interview": ("groups", "questions", "minutes", "collect_minutes"),
    "sparring": ("groups", "rounds", "total_minutes", "split_case", "split_questions", "split_inputs",
                 "split_closing"),
    "free": ("parts",),
}
FROM_LOCK = ("groups", "rounds", "questions")


def clock_text(seconds: float) -> str:
    """'2:05', '1:02:03' for a number of seconds (rounded)."""
    total = round(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"-{text}" if seconds < 0 and total else text


def timer_meetings(store: Store, network_id: int) -> tuple[Meeting | None, list[Meeting]]:
    """The meeting of the day (or the next one), and the other meetings not cancelled, newest first."""
    meetings = [m for m in store.list_meetings(network_id) if m.status != "cancelled"]
    upcoming = store.next_meeting(network_id, now())
    others = [m for m in reversed(meetings) if upcoming is None or m.id != upcoming.id]
    return upcoming, others


def expected_names(store: Store, network_id: int | None, meeting_id: int | None) -> list[str]:
    """Who is expected: those present at the meeting, or, for a free run, every member of the network."""
    if meeting_id:
        return present_names(store, meeting_id)
    return [m.name for m in store.list_members(network_id)] if network_id else []


def exercise_items(store: Store, meeting_id: int | None) -> list:
    """The meeting's agenda items that are timed exercises."""
    if not meeting_id:
        return []
    return [item for item in meeting_agenda(store, meeting_id) if item.exercise_type in KINDS and item.minutes > 0]


def exercise_locks(store: Store, meeting_id: int | None, kind: str) -> list | None:
    """The meeting's locked grouping for the exercise, if it is one that is grouped and one is locked."""
    return locked_rounds(store, meeting_id, kind) if meeting_id and kind in LOCKABLE else None


def default_settings(names: list[str], kind: str, item=None) -> dict[str, object]:
    """The settings an exercise starts from: the people expected, the guide's minutes, or the agenda item's.
    The question and the order are left as they were chosen."""
    rounds, total = 1, programs.SPARRING_MINUTES
    if kind == "sparring" and item is not None:
        largest = max((len(group) for group in split_groups(names, kind)), default=1)
        rounds = max(1, min(largest, 4, item.minutes // SPARRING_ROUND_MINUTES))
        total = max(programs.SPARRING_MIN_TOTAL, min(SPARRING_ROUND_MINUTES, item.minutes // rounds))
    return {
        "names": "\n".join(names),
        "groups": format_groups(split_groups(names, kind)),
        "minutes": str(programs.INTERVIEW_MINUTES if kind == "interview" else programs.PRESENTATION_MINUTES),
        "collect_minutes": "0",
        "rounds": rounds,
        "total_minutes": str(total),
        **split_settings(total),
        "parts": (f"{item.title}; {item.minutes}" if item is not None and kind == "free"
                  else t("timers.app.parts_example")),
    }


def split_settings(total: int) -> dict[str, str]:
    """The four parts of a sparring round in the guide's proportions, as settings."""
    return {f"split_{part}": str(minutes) for part, minutes in programs.sparring_split(total).items()}


def split_from_total(text: str) -> dict[str, str]:
    """The parts for a typed number of minutes per round; the parts themselves are what the program uses."""
    return split_settings(round(programs.parse_minutes(text, "total_minutes")))


def exercise_program(kind: str, item, settings: dict[str, object], locked: list | None = None) -> Program:
    """The program from the settings as typed (named after the agenda item, if there is one); ``locked`` is the
    grouping to use instead of the typed groups; the follow-up round (an agenda item titled so) has its own labels.
    Raises ValidationError with the fields at fault."""
    if item is not None and kind == "presentation" and is_follow_up_round(item):
        program = programs.follow_up_round(parse_names(settings["names"]),
                                           minutes=programs.parse_minutes(settings["minutes"]))
    else:
        program = _program(kind, settings, locked if kind in LOCKABLE else None)
    return replace(program, title=item.title) if item is not None else program


def _program(kind: str, value: dict[str, object], locked: list | None) -> Program:
    minutes = programs.parse_minutes
    if kind == "presentation":
        if value["order"] not in ORDERS:
            raise ValidationError([FieldError("order", t("timers.app.error.exercise"))])
        return programs.presentation_round(parse_names(value["names"]), minutes=minutes(value["minutes"]),
                                           shuffle=value["order"] == "shuffled")
    if kind == "interview":
        collect = _optional_minutes(value["collect_minutes"])
        if locked:
            return locked_program(locked, kind, minutes=minutes(value["minutes"]), collect_minutes=collect)
        return programs.interview_set(parse_groups(value["groups"]), questions=[value["questions"]],
                                      minutes=minutes(value["minutes"]), collect_minutes=collect)
    if kind == "sparring":
        split = {part: minutes(value[f"split_{part}"], f"split_{part}") for part in programs.SPARRING_PARTS}
        if locked:
            return locked_program(locked, kind, split=split)
        return programs.sparring_rounds(parse_groups(value["groups"]), rounds=value["rounds"], split=split)
    return programs.free_program(programs.parse_free_lines(value["parts"]))


def _optional_minutes(text: str) -> float:
    cleaned = (text or "").strip()
    return 0 if cleaned in ("", "0") else programs.parse_minutes(cleaned, "collect_minutes")
