"""The exercise of an agenda item: groups with roles for interviews and sparring, and its timer program."""

from __future__ import annotations

from dataclasses import dataclass, field

from netvaerk_lib.grouping import plan_rounds
from netvaerk_lib.meeting.checks import refuse
from netvaerk_lib.model import Meeting, Member
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.model.timers import Program
from netvaerk_lib.planning.titles import is_follow_up_round
from netvaerk_lib.texts import t
from netvaerk_lib.timers import programs
from netvaerk_lib.timers.sources import display_names, split_groups

EXERCISE_KINDS = ("presentation", "interview", "sparring", "free")
SPARRING_ROUND_MINUTES = 20
GROUP_SIZES = {"interview": (2, 3), "sparring": (3, 4)}


def exercise_kind(item: AgendaItem) -> str | None:
    """The timer program an agenda item opens: its exercise type, or None for an item without time or exercise."""
    return item.exercise_type if item.exercise_type in EXERCISE_KINDS and item.minutes > 0 else None


def propose_groups(members: list[Member], kind: str, seed: int = 0,
                   history: list[list[tuple[int, ...]]] | None = None, *, apart=(), together=()
                   ) -> list[list[Member]]:
    """Pairs or triads (interviews) or groups of 3-4 (sparring) of the members present, from the grouping
    engine: the network's keep-apart and keep-together pairs, diverse groups, and no pair that met in
    ``history`` (earlier locked groupings) while a fresh one exists. Fewer people than the smallest group are
    split evenly, as they are."""
    if kind not in GROUP_SIZES:
        raise refuse("exercise", "run.error.exercise")
    if not members:
        return []
    size_min, size_max = GROUP_SIZES[kind]
    if len(members) >= size_min:
        by_id = {m.id: m for m in members}
        attributes = {m.id: {"practice_type": m.practice_type or "", "region": m.region or "",
                             "gender": m.gender or "", "years_as_leader": m.years_as_leader or 0}
                      for m in members}
        planned = plan_rounds(list(by_id), 1, size_min, size_max, history=history or None,
                              attributes=attributes, apart=apart, together=together, seed=seed)
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
    """The timer program of an agenda item, built by the timers area from the people present; a round of one
    turn each titled as the follow-up round is the follow-up round, with its own labels and questions."""
    kind = exercise_kind(item)
    if kind == "presentation" and is_follow_up_round(item):
        program = programs.follow_up_round(names)
    elif kind == "presentation":
        program = programs.presentation_round(names)
    elif kind == "interview":
        program = programs.interview_set(groups, questions=[question_key or programs.EXPECTATION_QUESTION_KEYS[2]])
    elif kind == "sparring":
        rounds, minutes = sparring_plan(item.minutes, max((len(g) for g in groups), default=1))
        program = programs.sparring_rounds(groups, rounds=rounds, total_minutes=minutes)
    elif kind == "free":
        program = programs.free_program([(item.title, item.minutes)], title=item.title)
    else:
        raise refuse("exercise", "run.error.no_exercise")
    return Program(program.kind, item.title, program.phases, program.rounds, program.order)
