"""The hard classics and the weak spots of the search: new designs, diversity as a requirement, history."""

from __future__ import annotations

import random
import time
from collections import Counter
from itertools import combinations

import pytest

from netvaerk_lib.grouping import known_design, plan_rounds
from netvaerk_lib.grouping.completion import design_labels
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


def test_a_kirkman_system_begun_at_earlier_meetings_is_completed_without_a_repeat():
    """21 in triples after four rounds of KTS(21), relabelled: six repeat-free rounds remain, and are found."""
    rng = random.Random(5)
    people = [f"m{i}" for i in range(21)]
    _, design = known_design(21, 3)
    names = people[:]
    rng.shuffle(names)
    history = [[tuple(names[p] for p in group) for group in groups] for groups in rng.sample(design, 4)]
    schedule = plan_rounds(people, 6, 3, 3, history=history, seed=1, time_limit=5.0)
    assert max(meetings(schedule, history).values()) == 1
    assert schedule.explanation.repeats == 0 and schedule.proven_optimal


def test_design_labels_gives_up_on_history_that_is_not_part_of_the_design():
    _, design = known_design(15, 3)
    earlier = [[[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11], [12, 13, 14]],
               [[0, 1, 3], [2, 4, 5], [6, 7, 9], [8, 10, 11], [12, 13, 14]]]  # 0-1 and 12-13-14 meet twice
    assert design_labels(earlier, design, 15, time.perf_counter() + 2.0) is None


def test_practice_types_are_kept_apart_when_the_counts_allow_it():
    """32 members of 8 practice types (4 each) in fours for 8 rounds: no repeat and four types in every group."""
    people = [f"m{i}" for i in range(32)]
    kinds = ["tandlæge", "dyrlæge", "psykolog", "fysioterapeut", "kiropraktor", "læge", "jordemoder", "optiker"]
    attributes = {p: {"practice_type": kinds[i % 8]} for i, p in enumerate(people)}
    schedule = plan_rounds(people, 8, 4, 4, attributes=attributes, seed=3, time_limit=5.0)
    assert max(meetings(schedule).values()) == 1
    for groups in schedule:
        for group in groups:
            assert len({attributes[p]["practice_type"] for p in group}) == 4
    assert schedule.explanation.diversity == 1.0 and schedule.proven_optimal


def test_another_seed_gives_another_plan_with_types_kept_apart():
    people = [f"m{i}" for i in range(16)]
    attributes = {p: {"practice_type": "tandlæge" if i < 4 else f"type{i % 4}"} for i, p in enumerate(people)}
    plans = {str(sorted(map(sorted, plan_rounds(people, 2, 4, 4, attributes=attributes, seed=seed)[0])))
             for seed in range(3)}
    assert len(plans) > 1
