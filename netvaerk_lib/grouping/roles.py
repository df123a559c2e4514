"""Roles in the groups: who interviews whom and with which question, and who brings the case in sparring.

Interviews (the guide: pairs or triads, about 5 minutes each): the group's order is the rotation. In a
pair the first asks the second, then the other way round; in a triad the first asks the second, the second
asks the third, the third asks the first. Whoever has asked first least often so far goes first. Each
person is asked a question from the guide's bank that nobody has asked them before (if they have heard
them all, the one they heard least), different questions within a group where possible.

Sparring (the guide: groups of 3-4; one brings a challenge, one asks the questions, the others take notes
and reflect; more rounds if time allows): the groups are made once for the exercise and the case moves on
inside them from round to round, so each member has it at most once a meeting, and exactly once when there
are as many rounds as members in the group. Who has had it least often at earlier meetings goes first.
The Sparringsgrupper app, Kør mødet and the timer all show this one model (:func:`sparring_seating`).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence

from netvaerk_lib.model.grouping import CASE_GIVER, DONE, INTERVIEW_ROLES, NOTE_TAKER, QUESTIONER, Seat, Seating

INTERVIEW_BANK = tuple(f"guide.interview.{i}" for i in range(1, 10))
EXPECTATION_BANK = tuple(f"guide.expectation.{i}" for i in range(1, 4))

def interview_roles(
    schedule: Sequence[Sequence[Sequence[Hashable]]],
    *,
    asked: Mapping[Hashable, Iterable[str]] | None = None,
    asked_first: Mapping[Hashable, int] | None = None,
    bank: Sequence[str] = INTERVIEW_BANK,
    seed: int = 0,
) -> Seating:
    """Rotation order and questions for interview groups.

    ``asked`` maps a member to the question keys already put to them; ``asked_first`` to how often they
    have asked first before. Seat i has role ``interview_{i+1}``: the order in which people ask.
    """
    rng = random.Random(seed)
    heard: dict[Hashable, Counter] = {m: Counter(keys) for m, keys in (asked or {}).items()}
    first = Counter(asked_first or {})
    seating: Seating = []
    for groups in schedule:
        round_seats = []
        for group in groups:
            members = list(group)
            rng.shuffle(members)
            members.sort(key=lambda m: first[m])
            if members:
                first[members[0]] += 1
            used: Counter = Counter()
            seats = []
            for position, member in enumerate(members):
                question = _question(heard.setdefault(member, Counter()), used, bank, rng)
                if question is not None:
                    heard[member][question] += 1
                    used[question] += 1
                seats.append(Seat(member, INTERVIEW_ROLES[min(position, len(INTERVIEW_ROLES) - 1)], question))
            round_seats.append(seats)
        seating.append(round_seats)
    return seating


def _question(heard: Counter, used: Counter, bank: Sequence[str], rng: random.Random) -> str | None:
    if not bank:
        return None
    options = list(bank)
    rng.shuffle(options)
    return min(options, key=lambda key: (heard[key], used[key]))


def sparring_seating(groups: Sequence[Sequence[Hashable]], rounds: int, *,
                     chairs: Mapping[Hashable, int] | None = None, seed: int = 0) -> Seating:
    """The rounds of a sparring exercise: the same groups every round, the case moving on inside each group.

    Each group gets one order, the rotation: whoever has had the case least often before (``chairs``, counted
    over earlier meetings) goes first, ties drawn by ``seed``. In round r the r-th in the order brings the
    case and the next one asks the questions; the others take notes. Nobody has the case twice: a group with
    fewer members than rounds is done (:data:`DONE`) once all have had it, and when the rounds are at least
    the group's size everyone has had it once. There are never more rounds than members in the largest
    group. Seats are listed case-giver first, so round 1 lists the rotation order itself.
    """
    rng = random.Random(seed)
    chair = Counter(chairs or {})
    orders = []
    for group in groups:
        members = list(group)
        rng.shuffle(members)
        members.sort(key=lambda m: chair[m])
        orders.append(members)
    count = min(rounds, max((len(order) for order in orders), default=0))
    seating: Seating = []
    for r in range(count):
        round_seats = []
        for order in orders:
            if r >= len(order):
                round_seats.append([Seat(m, DONE) for m in order])
                continue
            turned = order[r:] + order[:r]
            roles = [CASE_GIVER, QUESTIONER] + [NOTE_TAKER] * (len(turned) - 2)
            round_seats.append([Seat(m, role) for m, role in zip(turned, roles[:len(turned)], strict=True)])
        seating.append(round_seats)
    return seating


def sparring_problems(seating: Seating) -> list[str]:
    """Catalogue keys of what breaks the sparring model: the groups change between rounds, a group has not
    exactly one case-giver and one questioner (or is done), or someone has the case twice."""
    problems = []
    groups = [frozenset(seat.member for seat in seats) for seats in seating[0]] if seating else []
    if any([frozenset(seat.member for seat in seats) for seats in round_groups] != groups
           for round_groups in seating):
        problems.append("grouping.error.sparring_groups")
    roles = [Counter(seat.role for seat in seats) for round_groups in seating for seats in round_groups]
    if any(not (set(count) == {DONE} or count[CASE_GIVER] == 1 and count[QUESTIONER] == 1) for count in roles):
        problems.append("grouping.error.sparring_roles")
    givers = [seat.member for round_groups in seating for seats in round_groups for seat in seats
              if seat.role == CASE_GIVER]
    if len(givers) != len(set(givers)):
        problems.append("grouping.error.sparring_twice")
    return problems


def members_of(seating: Seating) -> list[list[tuple]]:
    """The plain schedule (groups of member ids) behind a seating."""
    return [[tuple(seat.member for seat in seats) for seats in groups] for groups in seating]


def swap_people(schedule: Sequence[Sequence[Sequence[Hashable]]], round_index: int, first: Hashable,
                second: Hashable) -> list[list[tuple]]:
    """A copy of the schedule with two people of one round trading places (roles are then drawn again).

    Raises ValueError if they are the same person, in the same group, or not both placed in that round.
    """
    groups = [list(group) for group in schedule[round_index]]
    where = {member: g for g, group in enumerate(groups) for member in group}
    if first == second or first not in where or second not in where or where[first] == where[second]:
        raise ValueError("cannot swap these two")
    groups[where[first]][groups[where[first]].index(first)] = second
    groups[where[second]][groups[where[second]].index(second)] = first
    copy = [[tuple(group) for group in round_groups] for round_groups in schedule]
    copy[round_index] = [tuple(group) for group in groups]
    return copy
