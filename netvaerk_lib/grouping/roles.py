"""Roles in the groups: who interviews whom and with which question, and who brings the case in sparring.

Interviews (the guide: pairs or triads, about 5 minutes each): the group's order is the rotation. In a
pair the first asks the second, then the other way round; in a triad the first asks the second, the second
asks the third, the third asks the first. Whoever has asked first least often so far goes first. Each
person is asked a question from the guide's bank that nobody has asked them before (if they have heard
them all, the one they heard least), different questions within a group where possible.

Sparring (the guide: groups of 3-4; one brings a challenge, one asks the questions, the others take notes
and reflect): the case-giver is the one who has had the chair least often (across meetings), the
questioner the one who has asked least often, the rest take notes. Counts include earlier rounds of the
same plan, so roles rotate from round to round.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence

from netvaerk_lib.model.grouping import CASE_GIVER, INTERVIEW_ROLES, NOTE_TAKER, QUESTIONER, Seat, Seating

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


def sparring_roles(
    schedule: Sequence[Sequence[Sequence[Hashable]]],
    *,
    chairs: Mapping[Hashable, int] | None = None,
    questions_led: Mapping[Hashable, int] | None = None,
    seed: int = 0,
) -> Seating:
    """Case-giver, questioner and note-takers for each sparring group, rotating over rounds.

    ``chairs`` maps a member to how often they have been case-giver before (at earlier meetings),
    ``questions_led`` how often they have been the questioner. Round by round the case goes to whoever has
    had it least; then, where that left someone with the case more often than another who could have had
    it, the case-givers are moved along a chain of groups (:func:`_even_out`), and the questioners follow.
    """
    rng = random.Random(seed)
    chair, led = Counter(chairs or {}), Counter(questions_led or {})
    orders: list[list[list]] = []
    givers: list[list] = []
    for groups in schedule:
        round_orders, round_givers = [], []
        for group in groups:
            members = list(group)
            rng.shuffle(members)
            round_orders.append(members)
            giver = min(members, key=lambda m: (chair[m], -led[m])) if members else None
            if giver is not None:
                chair[giver] += 1
                rest = [m for m in members if m != giver]
                if rest:
                    led[min(rest, key=lambda m: (led[m], chair[m]))] += 1
            round_givers.append(giver)
        orders.append(round_orders)
        givers.append(round_givers)
    _even_out(orders, givers, chair)
    chair, led = Counter(chairs or {}), Counter(questions_led or {})
    seating: Seating = []
    for round_orders, round_givers in zip(orders, givers, strict=True):
        round_seats = []
        for members, giver in zip(round_orders, round_givers, strict=True):
            seats = []
            if giver is not None:
                chair[giver] += 1
                seats.append(Seat(giver, CASE_GIVER))
                rest = [m for m in members if m != giver]
                if rest:
                    questioner = min(rest, key=lambda m: (led[m], chair[m]))
                    led[questioner] += 1
                    seats.append(Seat(questioner, QUESTIONER))
                    seats += [Seat(m, NOTE_TAKER) for m in rest if m != questioner]
            round_seats.append(seats)
        seating.append(round_seats)
    return seating


def _even_out(orders: list[list[list]], givers: list[list], chair: Counter) -> None:
    """Move the case along chains of groups while that evens out who has had it (``chair``: the totals).

    Round by round, a group can only give the case to one of its own; when a group's members have all
    had it already in this plan, its case-giver has it twice while someone elsewhere has not. Then a chain
    helps: the group gives it to a member m instead, one of m's groups gives it to another of its members,
    and so on, until it reaches someone who has had the case at least two times fewer. Each chain lowers
    the sum of squared totals, so this ends.
    """
    improved = True
    while improved:
        improved = False
        for r, round_givers in enumerate(givers):
            for g, giver in enumerate(round_givers):
                if giver is not None and _chain(orders, givers, chair, (r, g)):
                    improved = True


def _chain(orders, givers, chair: Counter, start: tuple[int, int]) -> bool:
    """Breadth-first over groups from ``start``: find a member with at least two fewer cases, and shift."""
    source = givers[start[0]][start[1]]
    came_from = {start: None}
    queue = [start]
    for r, g in queue:
        for member in orders[r][g]:
            if member == givers[r][g]:
                continue
            if chair[member] <= chair[source] - 2:
                node, taker = (r, g), member
                while node is not None:
                    givers[node[0]][node[1]], taker = taker, givers[node[0]][node[1]]
                    node = came_from[node]
                chair[source] -= 1
                chair[member] += 1
                return True
            for rr, round_givers in enumerate(givers):
                for gg, giver in enumerate(round_givers):
                    if giver == member and (rr, gg) not in came_from:
                        came_from[rr, gg] = (r, g)
                        queue.append((rr, gg))
    return False


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
