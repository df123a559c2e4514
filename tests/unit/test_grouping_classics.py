"""The hard classics and the weak spots of the search: new designs, diversity as a requirement, history."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest

from netvaerk_lib.grouping import known_design, plan_rounds
from netvaerk_lib.grouping.designs import verify


def meetings(schedule, history=()):
    return Counter(frozenset(p) for groups in [*history, *schedule] for group in groups
                   for p in combinations(group, 2))


@pytest.mark.parametrize(("v", "k", "rounds", "name"), [(18, 3, 8, "nearly-kirkman-18"),
                                                         (24, 4, 7, "resolvable-gdd-24")])
def test_the_hard_classics_have_a_design_and_no_repeat(v, k, rounds, name):
    found, design = known_design(v, k)
    assert (found, len(design)) == (name, rounds)
    verify(design, v, k)
    people = [f"p{i}" for i in range(v)]
    schedule = plan_rounds(people, rounds, k, k, seed=2, time_limit=2.0)
    assert max(meetings(schedule).values()) == 1
    assert schedule.explanation.repeats == 0 and schedule.proven_optimal


def test_the_nearly_kirkman_system_leaves_out_a_perfect_matching():
    """NKTS(18): the 9 pairs that never meet cover each of the 18 people once."""
    _, design = known_design(18, 3)
    met = meetings(design)
    unmet = [pair for pair in map(frozenset, combinations(range(18), 2)) if pair not in met]
    assert len(unmet) == 9
    assert sorted(p for pair in unmet for p in pair) == list(range(18))
