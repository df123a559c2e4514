"""A network's own rule pairs: two members that every grouping keeps apart (they work together, compete, or
are close) or keeps together (one interprets for the other, they share a practice that wants one report).

The rules here are checked when a pair is added (a browser can send any value) and again before each
grouping, for the members present and the group sizes of that exercise: a chain of together pairs can make
a group larger than the exercise allows, and a together chain can hold an apart pair; both are explained
instead of handed to the engine as an impossible task.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.model.grouping import APART, PAIR_RULES, TOGETHER, MemberPair
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t

MAX_GROUP = 4  # the largest group any grouping makes (sparring: groups of 3-4)

Pair = tuple[int, int]


def _refuse(field_name: str, key: str, **values: object) -> ValidationError:
    return ValidationError([FieldError(field_name, t(key, **values))])


def together_groups(together: Iterable[Pair]) -> list[set[int]]:
    """The members that together pairs bind into one group (chains joined: a-b and b-c make a, b, c)."""
    groups: list[set[int]] = []
    for a, b in together:
        joined = {a, b}
        for group in [g for g in groups if g & joined]:
            joined |= group
            groups.remove(group)
        groups.append(joined)
    return groups


def add_pair(store: Store, network_id: int, first: object, second: object, rule: object,
             name: Callable[[int], str]) -> MemberPair:
    """Check and save a rule pair: two different current members, not already a pair, and not a pair that
    would make groups impossible. ``name`` gives a member's display name for the messages."""
    if rule not in PAIR_RULES:
        raise _refuse("pair", "grouping.pairs.error.rule")
    members = {m.id for m in store.list_members(network_id) if not m.erased}
    if first not in members or second not in members or isinstance(first, bool) or isinstance(second, bool):
        raise _refuse("pair", "grouping.pairs.error.member")
    if first == second:
        raise _refuse("pair", "grouping.pairs.error.same")
    a, b = sorted((first, second))
    pairs = store.list_member_pairs(network_id)
    existing = next((p for p in pairs if (p.first, p.second) == (a, b)), None)
    if existing is not None:
        key = "grouping.pairs.error.exists" if existing.rule == rule else "grouping.pairs.error.both"
        raise _refuse("pair", key, first=name(a), second=name(b))
    apart = [(p.first, p.second) for p in pairs if p.rule == APART] + ([(a, b)] if rule == APART else [])
    together = [(p.first, p.second) for p in pairs if p.rule == TOGETHER] + ([(a, b)] if rule == TOGETHER else [])
    errors = pair_problems(apart, together, MAX_GROUP, name)
    if errors:
        raise ValidationError(errors)
    return store.add_member_pair(MemberPair(None, network_id, a, b, rule))


def remove_pair(store: Store, network_id: int, pair_id: object) -> None:
    if pair_id not in {p.id for p in store.list_member_pairs(network_id)}:
        raise _refuse("pair", "grouping.pairs.error.unknown")
    store.delete_member_pair(network_id, pair_id)


def pair_problems(apart: Iterable[Pair], together: Iterable[Pair], size_max: int,
                  name: Callable[[int], str]) -> list[FieldError]:
    """Why these pairs cannot all hold in groups of at most ``size_max``: a together chain too large for one
    group, or an apart pair inside a together chain."""
    errors = []
    groups = together_groups(together)
    for group in groups:
        if len(group) > size_max:
            errors.append(FieldError("pair", t("grouping.pairs.error.too_many", names=_names(group, name),
                                               n=len(group), size=size_max)))
    for a, b in apart:
        if any(a in group and b in group for group in groups):
            errors.append(FieldError("pair", t("grouping.pairs.error.chain", first=name(a), second=name(b))))
    return errors


def broken_pairs(schedule, apart: Iterable[Pair], together: Iterable[Pair]) -> list[tuple[int, int, str]]:
    """The pairs a schedule (rounds of groups) breaks: an apart pair in one group, a together pair split."""
    broken = []
    for groups in schedule:
        where = {member: number for number, group in enumerate(groups) for member in group}
        broken += [(a, b, APART) for a, b in apart if a in where and b in where and where[a] == where[b]]
        broken += [(a, b, TOGETHER) for a, b in together if a in where and b in where and where[a] != where[b]]
    return list(dict.fromkeys(broken))


def rule_pairs(store: Store, network_id: int, present: Iterable[int]) -> tuple[list[Pair], list[Pair]]:
    """(apart, together): the network's pairs of which both members are present."""
    here = set(present)
    pairs = [p for p in store.list_member_pairs(network_id) if p.first in here and p.second in here]
    return ([(p.first, p.second) for p in pairs if p.rule == APART],
            [(p.first, p.second) for p in pairs if p.rule == TOGETHER])


def _names(group: set[int], name: Callable[[int], str]) -> str:
    names = sorted((name(m) for m in group), key=str.casefold)
    return f"{', '.join(names[:-1])}{t('grouping.pairs.and')}{names[-1]}"
