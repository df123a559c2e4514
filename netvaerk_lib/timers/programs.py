"""Timer programs: the guide's exercises as lists of timed phases.

A program is a list of :class:`Phase` (label, planned seconds, who is speaking, an optional prompt and, when
several groups work at the same time, one line per group). The builders take plain lists of names or groups of
names, so they work without a store; :mod:`netvaerk_lib.timers.sources` builds them from a meeting.

The guide's timings: about 2 minutes each in the presentation round; mutual interviews two and two or three
and three, about 5 minutes each, then a swap; a sparring round of 15-20 minutes in groups of three or four,
most of it on questions, then inputs from the others, then closing the round and thanking each other.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import replace

from netvaerk_lib import texts
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.model.timers import Phase, Program
from netvaerk_lib.texts import t

PROGRAM_KINDS = ("presentation", "interview", "sparring", "free")
PHASE_KINDS = ("presentation", "interview", "wait", "collect", "case", "questions", "inputs", "closing", "free")

MIN_PHASE_SECONDS = 30
MAX_PHASE_SECONDS = 4 * 60 * 60
MAX_PHASES = 200
MAX_LABEL = 200
MAX_NAME = 100

PRESENTATION_MINUTES = 2
INTERVIEW_MINUTES = 5
INTERVIEW_GROUP_SIZES = (2, 3)
SPARRING_GROUP_SIZES = (3, 4)
# Five present cannot be split into groups of 3-4 (the only such number from three up): they spar as one group.
SPARRING_WHOLE_GROUP_SIZES = (3, 4, 5)
SPARRING_MINUTES = 18
SPARRING_MIN_TOTAL, SPARRING_MAX_TOTAL = 8, 60
# The guide: "Brug mest tid på spørgsmål" - so 18 minutes become 3 + 9 + 4 + 2.
SPARRING_WEIGHTS = {"case": 3, "questions": 9, "inputs": 4, "closing": 2}
SPARRING_PARTS = tuple(SPARRING_WEIGHTS)
SPARRING_QUESTION_KEYS = tuple(f"guide.sparring_question.{n}" for n in range(1, 8))
SPARRING_INPUT_KEYS = tuple(f"guide.sparring_input.{n}" for n in range(1, 3))
INTERVIEW_QUESTION_KEYS = tuple(f"guide.interview.{n}" for n in range(1, 10))
EXPECTATION_QUESTION_KEYS = tuple(f"guide.expectation.{n}" for n in range(1, 4))
QUESTION_KEYS = EXPECTATION_QUESTION_KEYS + INTERVIEW_QUESTION_KEYS


def _fail(field_name: str, key: str, /, **values: object) -> ValidationError:
    return ValidationError([FieldError(field_name, t(key, field=t(f"timers.field.{field_name}"), **values))])


def _seconds(name: str, minutes: object) -> int:
    """Minutes (whole or decimal) as whole seconds within the allowed range, else a Danish field error."""
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not math.isfinite(minutes):
        raise _minutes_error(name)
    seconds = round(minutes * 60)
    if not MIN_PHASE_SECONDS <= seconds <= MAX_PHASE_SECONDS:
        raise _minutes_error(name)
    return seconds


def _minutes_error(name: str, row: int | None = None) -> ValidationError:
    low, high = texts.number(MIN_PHASE_SECONDS / 60, 1), texts.number(MAX_PHASE_SECONDS // 60)
    if row is None:
        return _fail(name, "timers.error.minutes", low=low, high=high)
    return _fail(name, "timers.error.row_minutes", row=row, low=low, high=high)


def parse_minutes(text: str, field_name: str = "minutes") -> float:
    """Minutes as a person types them: '2', '2,5', '1.5', '18 min'. A Danish field error if unreadable."""
    cleaned = (text or "").strip().lower().removesuffix("min").removesuffix("minutter").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise _minutes_error(field_name) from None
    _seconds(field_name, value)
    return value


def _clean_names(names: Sequence[str], field_name: str = "names") -> list[str]:
    cleaned = []
    for position, name in enumerate(names, start=1):
        text = str(name).strip() if name is not None else ""
        if not text:
            raise _fail(field_name, "timers.error.empty_name", row=position)
        if len(text) > MAX_NAME:
            raise _fail(field_name, "timers.error.name_too_long", row=position, limit=MAX_NAME)
        cleaned.append(text)
    duplicates = sorted({name for name in cleaned if cleaned.count(name) > 1})
    if duplicates:
        raise _fail(field_name, "timers.error.duplicate_name", name=duplicates[0])
    return cleaned


def _sparring_sizes(groups: Sequence[Sequence]) -> tuple[int, ...]:
    return SPARRING_WHOLE_GROUP_SIZES if len(groups) == 1 else SPARRING_GROUP_SIZES


def _clean_groups(groups: Sequence[Sequence[str]], sizes: tuple[int, ...]) -> list[list[str]]:
    if not groups:
        raise _fail("groups", "timers.error.no_groups")
    cleaned = [list(group) for group in groups]
    everyone = _clean_names([name for group in cleaned for name in group], "groups")
    result, start = [], 0
    for number, group in enumerate(cleaned, start=1):
        if len(group) not in sizes:
            raise _fail("groups", "timers.error.group_size", group=number, size=len(group),
                        sizes=t("timers.or").join(str(size) for size in sizes))
        result.append(everyone[start:start + len(group)])
        start += len(group)
    return result


def _group_line(groups: list[list[str]], number: int, text: str) -> str:
    return t("timers.group_line", group=number, text=text) if len(groups) > 1 else text


def _joined(names: Sequence[str]) -> str:
    """'Anna', 'Anna og Bo', 'Anna, Bo og Carl'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])}{t('timers.and')}{names[-1]}"


def presentation_round(names: Sequence[str], *, minutes: float = PRESENTATION_MINUTES, shuffle: bool = False,
                       seed: int | None = None) -> Program:
    """One phase per member present, in the given order or shuffled (``seed`` makes the shuffle repeatable)."""
    order = _clean_names(names)
    if not order:
        raise _fail("names", "timers.error.no_names")
    seconds = _seconds("minutes", minutes)
    if shuffle:
        random.Random(seed).shuffle(order)
    prompt = t("timers.presentation.prompt")
    phases = tuple(
        Phase(label=t("timers.presentation.label", n=n, total=len(order)), seconds=seconds, kind="presentation",
              speaker=name, prompt=prompt, people=(name,))
        for n, name in enumerate(order, start=1))
    return Program("presentation", t("timers.presentation.title"), phases, order=tuple(order))


def follow_up_round(names: Sequence[str], *, minutes: float = PRESENTATION_MINUTES) -> Program:
    """The following meetings' opening round: a turn each on the goals and cases from last time (the guide: a
    short follow-up, to follow each other and hold each other to what you set out to do). One phase per member
    present, as the presentation round, with the follow-up's own labels and questions."""
    round_ = presentation_round(names, minutes=minutes)
    prompt = t("timers.follow_up.prompt")
    phases = tuple(replace(phase, label=t("timers.follow_up.label", n=n, total=len(round_.phases)), prompt=prompt)
                   for n, phase in enumerate(round_.phases, start=1))
    return Program("presentation", t("timers.follow_up.title"), phases, order=round_.order)


def interview_set(groups: Sequence[Sequence[str]], *, questions: Sequence[str] = ("guide.expectation.3",),
                  minutes: float = INTERVIEW_MINUTES, collect_minutes: float = 0) -> Program:
    """Mutual interviews in pairs and triads, all groups at the same time.

    One round per question (catalogue keys ``guide.interview.*`` / ``guide.expectation.*``). In a round each
    member interviews the next one in the group: a pair swaps once (A interviews B, B interviews A), a triad
    goes round (A-B, B-C, C-A). With pairs and triads together a round has three turns; the pairs are done
    after two. ``collect_minutes`` adds the guide's shared collection of the points at the end.
    """
    cleaned = _clean_groups(groups, INTERVIEW_GROUP_SIZES)
    if not questions:
        raise _fail("questions", "timers.error.no_questions")
    _check_questions(questions)
    rounds = [[[(name, key) for name in group] for group in cleaned] for key in questions]
    return _interview_program(rounds, minutes, collect_minutes)


def interview_rounds(rounds: Sequence[Sequence[Sequence[tuple[str, str]]]], *, minutes: float = INTERVIEW_MINUTES,
                     collect_minutes: float = 0) -> Program:
    """Interviews from a locked grouping: per round, groups of (name, the question key this person is asked),
    in the order in which they ask. The groups may change from round to round."""
    if not rounds:
        raise _fail("groups", "timers.error.no_groups")
    for groups in rounds:
        _clean_groups([[name for name, _ in group] for group in groups], INTERVIEW_GROUP_SIZES)
        _check_questions([key for group in groups for _, key in group])
    return _interview_program(rounds, minutes, collect_minutes)


def _check_questions(keys: Sequence[str]) -> None:
    for key in keys:
        if key not in QUESTION_KEYS:
            raise _fail("questions", "timers.error.unknown_question", value=key)


def _interview_program(rounds, minutes: float, collect_minutes: float) -> Program:
    seconds = _seconds("minutes", minutes)
    phases = []
    for round_number, groups in enumerate(rounds, start=1):
        groups = [[(str(name).strip(), key) for name, key in group] for group in groups]
        turns = max(len(group) for group in groups)
        questions = {key for group in groups for _, key in group}
        shared = t(questions.pop()) if len(questions) == 1 else ""
        for turn in range(turns):
            lines, people = [], []
            for number, group in enumerate(groups, start=1):
                people.append(group[turn][0] if turn < len(group) else "")
                if turn < len(group):
                    interviewee, key = group[(turn + 1) % len(group)]
                    text = t("timers.interview.pair", interviewer=group[turn][0], interviewee=interviewee)
                    if not shared:
                        text = t("timers.interview.pair_question", pair=text, question=t(key))
                else:
                    text = t("timers.interview.done")
                lines.append(_group_line(groups, number, text))
            label = t("timers.interview.label", n=turn + 1, total=turns)
            if len(rounds) > 1:
                label = t("timers.round_label", label=label, round=round_number, rounds=len(rounds))
            phases.append(Phase(label=label, seconds=seconds, kind="interview",
                                speaker=lines[0] if len(groups) == 1 else "", prompt=shared,
                                lines=tuple(lines) if len(groups) > 1 else (), people=tuple(people),
                                round=round_number))
    if collect_minutes:
        phases.append(Phase(label=t("timers.interview.collect"), seconds=_seconds("collect_minutes", collect_minutes),
                            kind="collect", prompt=t("timers.interview.collect_prompt"), round=len(rounds)))
    return Program("interview", t("timers.interview.title"), tuple(phases), rounds=len(rounds))


def sparring_split(total_minutes: int = SPARRING_MINUTES) -> dict[str, int]:
    """Whole minutes per part of a sparring round, in the guide's proportions, adding up to ``total_minutes``.

    Largest remainders get the spare minutes, ties going to the part with the most weight (questions first).
    """
    if isinstance(total_minutes, bool) or not isinstance(total_minutes, int) or not (
            SPARRING_MIN_TOTAL <= total_minutes <= SPARRING_MAX_TOTAL):
        raise _fail("total_minutes", "timers.error.sparring_total", low=SPARRING_MIN_TOTAL, high=SPARRING_MAX_TOTAL)
    weight_sum = sum(SPARRING_WEIGHTS.values())
    exact = {part: total_minutes * weight / weight_sum for part, weight in SPARRING_WEIGHTS.items()}
    split = {part: max(1, int(value)) for part, value in exact.items()}
    by_remainder = sorted(SPARRING_PARTS, key=lambda part: (-(exact[part] - int(exact[part])),
                                                            -SPARRING_WEIGHTS[part]))
    index = 0
    while sum(split.values()) < total_minutes:
        split[by_remainder[index % len(by_remainder)]] += 1
        index += 1
    return split


def sparring_rounds(groups: Sequence[Sequence[str]], *, rounds: int = 1, total_minutes: int = SPARRING_MINUTES,
                    split: dict[str, float] | None = None) -> Program:
    """Sparring rounds for groups of 3 or 4 working at the same time.

    In round r the case-giver of each group is its member r and the next member asks the questions while the
    others take notes; a group with fewer members than rounds is done once all have had the case (nobody has
    it twice: the one model of :func:`netvaerk_lib.grouping.roles.sparring_seating`). Each round has four
    phases: the case is presented, questions, inputs from the others, closing and thanks.
    ``split`` (minutes per part) overrides the guide's proportions of ``total_minutes``.
    """
    cleaned = _clean_groups(groups, _sparring_sizes(groups))
    largest = max(len(group) for group in cleaned)
    if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= largest:
        raise _fail("rounds", "timers.error.rounds", high=largest)
    seats = [[(group[r], group[(r + 1) % len(group)], group) if r < len(group) else (None, None, group)
              for group in cleaned] for r in range(rounds)]
    return _sparring_program(seats, _sparring_seconds(total_minutes, split))


def sparring_from_roles(rounds: Sequence[Sequence[Sequence[tuple[str, str]]]], *,
                        total_minutes: int = SPARRING_MINUTES, split: dict[str, float] | None = None) -> Program:
    """Sparring from a locked grouping: per round, groups of (name, role) with the roles ``case_giver``,
    ``questioner`` and ``note_taker``, or ``done`` for everyone in a group whose members have all had the case."""
    if not rounds:
        raise _fail("groups", "timers.error.no_groups")
    seats = []
    for groups in rounds:
        cleaned = _clean_groups([[name for name, _ in group] for group in groups], _sparring_sizes(groups))
        round_seats = []
        for number, (group, names) in enumerate(zip(groups, cleaned, strict=True), start=1):
            roles = [role for _, role in group]
            if set(roles) == {"done"}:
                round_seats.append((None, None, names))
                continue
            if roles.count("case_giver") != 1 or roles.count("questioner") != 1:
                raise _fail("groups", "timers.error.roles", group=number)
            round_seats.append((names[roles.index("case_giver")], names[roles.index("questioner")], names))
        seats.append(round_seats)
    return _sparring_program(seats, _sparring_seconds(total_minutes, split))


def _sparring_seconds(total_minutes: int, split: dict[str, float] | None) -> dict[str, int]:
    if split is None:
        return {part: minutes * 60 for part, minutes in sparring_split(total_minutes).items()}
    missing = [part for part in SPARRING_PARTS if part not in split]
    if missing:
        raise _minutes_error(f"split_{missing[0]}")
    return {part: _seconds(f"split_{part}", split[part]) for part in SPARRING_PARTS}


def _sparring_program(seats, seconds: dict[str, int]) -> Program:
    """``seats``: per round, per group (case-giver, questioner, everyone in the group); no case-giver: done."""
    prompts = {
        "case": t("timers.sparring.case_prompt"),
        "questions": "\n".join(t(key) for key in SPARRING_QUESTION_KEYS),
        "inputs": "\n".join(t(key) for key in SPARRING_INPUT_KEYS),
        "closing": t("timers.sparring.closing_prompt"),
    }
    rounds = len(seats)
    phases = []
    for round_index, groups in enumerate(seats):
        for part in SPARRING_PARTS:
            lines = []
            for number, (case_giver, questioner, group) in enumerate(groups, start=1):
                others = [name for name in group if name != case_giver]
                text = t("timers.sparring.line.done") if case_giver is None else t(
                    f"timers.sparring.line.{part}", case_giver=case_giver, questioner=questioner,
                    others=_joined(others))
                lines.append(_group_line(groups, number, text))
            label = t(f"timers.sparring.{part}")
            if rounds > 1:
                label = t("timers.round_label", label=label, round=round_index + 1, rounds=rounds)
            phases.append(Phase(label=label, seconds=seconds[part], kind=part,
                                speaker=lines[0] if len(groups) == 1 else "", prompt=prompts[part],
                                lines=tuple(lines) if len(groups) > 1 else (),
                                people=tuple(case_giver or "" for case_giver, _, _ in groups),
                                round=round_index + 1))
    return Program("sparring", t("timers.sparring.title"), tuple(phases), rounds=rounds)


def free_program(parts: Sequence[tuple[str, float]], *, title: str = "") -> Program:
    """A free timer: any labelled steps, e.g. ``[("Kaffepause", 10)]``. Labels are what a person typed."""
    if not parts:
        raise _fail("parts", "timers.error.no_parts")
    if len(parts) > MAX_PHASES:
        raise _fail("parts", "timers.error.too_many_parts", limit=MAX_PHASES)
    phases = []
    for row, (label, minutes) in enumerate(parts, start=1):
        text = str(label or "").strip() or t("timers.free.default_label", n=row)
        if len(text) > MAX_LABEL:
            raise _fail("parts", "timers.error.label_too_long", row=row, limit=MAX_LABEL)
        try:
            seconds = _seconds("minutes", minutes)
        except ValidationError:
            raise _minutes_error("parts", row) from None
        phases.append(Phase(label=text, seconds=seconds, kind="free"))
    title = (title or "").strip()[:MAX_LABEL] or t("timers.free.title")
    return Program("free", title, tuple(phases))


def parse_free_lines(text: str) -> list[tuple[str, float]]:
    """Parse a typed free program, one step a line: 'Kaffepause; 10' or just '10' (minutes, comma decimals).

    Raises a ValidationError naming the line when a line has no readable number of minutes.
    """
    parts: list[tuple[str, float]] = []
    for row, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        label, _, minutes_text = line.rpartition(";") if ";" in line else ("", "", line)
        try:
            minutes = float(minutes_text.strip().replace(",", ".").removesuffix("min").strip())
        except ValueError:
            raise _fail("parts", "timers.error.row_not_minutes", row=row, value=minutes_text.strip()) from None
        parts.append((label.strip(), minutes))
    return parts
