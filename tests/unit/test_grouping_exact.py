"""The exact solver: its cost is the search's cost, its optimum is the true optimum, and it never loses."""

from __future__ import annotations

import random
from itertools import combinations, product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netvaerk_lib.grouping import exact as exact_solver
from netvaerk_lib.grouping import plan_rounds, split_sizes
from netvaerk_lib.grouping.engine import REPEAT, Explanation, _Problem, _State
from netvaerk_lib.grouping.wording import explanation_lines, optimality_line
from netvaerk_lib.texts import set_language

KINDS = ("tandlæge", "dyrlæge", "psykolog", "fysioterapeut")


def problem_of(people, rounds, present, history, attributes, apart, together):
    return _Problem(people, rounds, present, history, attributes, apart, together, None)


def cost(schedule, people, present, history=None, attributes=None, apart=(), together=()):
    """The engine's own cost of a schedule (rules, then repeats, then the mix)."""
    problem = problem_of(people, len(schedule), present, history, attributes, apart, together)
    plan = [[[problem.index[p] for p in group] for group in groups] for groups in schedule]
    return _State(problem, plan).cost


def partitions(people, sizes):
    """Every split of ``people`` into groups of the given sizes (groups unordered)."""
    if not sizes:
        yield []
        return
    first, rest = people[0], people[1:]
    for size in sorted(set(sizes), reverse=True):
        others = list(sizes)
        others.remove(size)
        for mates in combinations(rest, size - 1):
            left = [p for p in rest if p not in mates]
            for tail in partitions(left, others):
                yield [(first, *mates), *tail]


def brute_force_optimum(people, rounds, size_min, size_max, present, history, attributes, apart, together):
    splits = [list(partitions(here, split_sizes(len(here), size_min, size_max)[0])) for here in present]
    return min(cost(list(plan), people, present, history, attributes, apart, together) for plan in product(*splits))


@st.composite
def networks(draw, least=6, most=16):
    """A network meeting: 6-16 present with absences, history, keep-apart and keep-together pairs, attributes."""
    n = draw(st.integers(least, most))
    people = list(range(n))
    rounds = draw(st.integers(1, 3))
    size_min, size_max = draw(st.sampled_from([(2, 2), (2, 3), (3, 3), (3, 4)]))
    present = [sorted(draw(st.sets(st.sampled_from(people), min_size=max(2, n - 3)))) for _ in range(rounds)]
    rng = random.Random(draw(st.integers(0, 10**6)))
    history = [[tuple(rng.sample(people, 3)) for _ in range(rng.randint(0, 3))] for _ in range(rng.randint(0, 3))]
    pairs = list(combinations(people, 2))
    chosen = rng.sample(pairs, rng.randint(0, 3))
    apart = chosen[::2]
    together = chosen[1::2]
    attributes = None
    if draw(st.booleans()):
        attributes = {p: {"practice_type": rng.choice(KINDS), "gender": rng.choice("fm")} for p in people}
    return people, rounds, size_min, size_max, present, history, attributes, apart, together


def assert_valid(schedule, present, size_min, size_max):
    for groups, here in zip(schedule, present, strict=True):
        assert sorted(p for group in groups for p in group) == sorted(here)
        assert sorted(len(group) for group in groups) == sorted(split_sizes(len(here), size_min, size_max)[0])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.integers(0, 3))
def test_never_worse_than_the_search_alone_and_optimal_where_proven(network, seed):
    people, rounds, size_min, size_max, present, history, attributes, apart, together = network
    options = dict(present_by_round=present, history=history, attributes=attributes, apart=apart,
                   together=together, seed=seed)
    ours = plan_rounds(people, rounds, size_min, size_max, time_limit=10.0, **options)  # ends at the proof
    search = plan_rounds(people, rounds, size_min, size_max, exact_solver=False, time_limit=0.5, **options)
    assert_valid(ours, present, size_min, size_max)
    ours_cost = cost(ours, people, present, history, attributes, apart, together)
    assert ours_cost <= cost(search, people, present, history, attributes, apart, together)
    explanation = ours.explanation
    assert explanation.gap is not None and explanation.gap >= 0
    if explanation.proven_optimal:
        assert explanation.gap == 0
        problem = problem_of(people, rounds, present, history, attributes, apart, together)
        sizes = [split_sizes(len(here), size_min, size_max)[0] for here in present]
        again = exact_solver.solve(problem, sizes, REPEAT, time_limit=5.0, seed=seed + 1)
        if again.proven:  # an independent solve from no start proves the same optimum
            assert again.cost == ours_cost


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(least=4, most=7), st.integers(0, 3))
def test_the_proven_optimum_is_the_true_optimum(network, seed):
    """Tiny networks, every plan tried: the solver's proven plan costs exactly the cheapest of them all."""
    people, rounds, size_min, size_max, present, history, attributes, apart, together = network
    rounds = min(rounds, 2)
    present = present[:rounds]
    schedule = plan_rounds(people, rounds, size_min, size_max, present_by_round=present, history=history,
                           attributes=attributes, apart=apart, together=together, seed=seed, time_limit=2.0)
    assert schedule.proven_optimal
    assert cost(schedule, people, present, history, attributes, apart, together) == brute_force_optimum(
        people, rounds, size_min, size_max, present, history, attributes, apart, together)


def test_the_solver_reports_the_cost_the_search_counts():
    rng = random.Random(4)
    people = list(range(12))
    attributes = {p: {"practice_type": rng.choice(KINDS), "age": rng.randint(30, 65)} for p in people}
    history = [[tuple(people[i:i + 3]) for i in range(0, 12, 3)], [(0, 4, 8), (1, 5, 9)]]
    problem = problem_of(people, 2, [people, people[:10]], history, attributes, [(0, 1)], [(2, 3)])
    sizes = [[3, 3, 3, 3], [4, 3, 3]]
    solved = exact_solver.solve(problem, sizes, REPEAT, time_limit=5.0)
    assert solved.plan is not None
    assert solved.cost == _State(problem, solved.plan).cost
    assert solved.bound <= solved.cost


def test_a_real_meeting_is_proven_optimal_with_history_rules_and_mix():
    """14 present in sparring groups of 3-4 for 2 rounds, after three meetings, with rules and practice types."""
    rng = random.Random(2)
    people = [f"m{i}" for i in range(14)]
    history = [[tuple(group) for group in plan_rounds(people, 1, 3, 4, seed=s)[0]] for s in range(3)]
    attributes = {p: {"practice_type": KINDS[i % 4]} for i, p in enumerate(people)}
    apart, together = [("m0", "m4")], [("m1", "m2")]
    present = [rng.sample(people, 13), people]
    schedule = plan_rounds(people, 2, 3, 4, present_by_round=present, history=history, attributes=attributes,
                           apart=apart, together=together, seed=1, time_limit=30.0)  # ends at the proof
    assert schedule.proven_optimal and schedule.gap == 0
    assert schedule.explanation.hard_violations == 0
    set_language("da")
    assert "Bevist optimal" in " ".join(explanation_lines(schedule.explanation))
    set_language("en")
    assert optimality_line(schedule.explanation).startswith("Proven optimal")


def test_the_gap_is_said_in_repeats_and_unknown_says_nothing():
    def explanation(**values):
        base = dict(repeats=3, repeated_pairs=[], rounds_before_first_repeat=1, rounds=2, diversity=None,
                    hard_violations=0, construction="search")
        return Explanation(**{**base, **values})

    set_language("da")
    assert optimality_line(explanation(gap=2)) == "Højst 2 fra det bedst mulige, talt i gentagelser."
    assert optimality_line(explanation(gap=0)).startswith("Ingen plan har færre gentagelser")
    assert optimality_line(explanation()) is None  # a plan changed by hand: nothing is known
    assert optimality_line(explanation(gap=4, hard_violations=1)) is None


def test_large_meetings_are_searched_not_solved_and_still_get_a_bound():
    people = list(range(24))
    schedule = plan_rounds(people, 2, 4, 4, seed=1, time_limit=1.0)
    assert schedule.explanation.construction != "exact"
    assert schedule.proven_optimal  # two repeat-free rounds: the cost reaches its floor, a proof by itself
    assert schedule.gap == 0


@pytest.mark.parametrize("seed", [0, 1])
def test_the_same_input_gives_the_same_plan(seed):
    rng = random.Random(9)
    people = list(range(12))
    attributes = {p: {"practice_type": rng.choice(KINDS), "age": rng.randint(30, 65)} for p in people}
    first = plan_rounds(people, 3, 3, 4, attributes=attributes, seed=seed, time_limit=30.0)
    assert first.proven_optimal  # finished before the limit, so nothing depended on the clock
    assert plan_rounds(people, 3, 3, 4, attributes=attributes, seed=seed, time_limit=30.0) == first


def canonical(schedule):
    """A plan as its groups per round, whatever the order of the groups and of alike rounds."""
    return sorted(sorted(tuple(sorted(group)) for group in groups) for groups in schedule)


ALL_CROSS_PAIRS_MET = [[(0, 3), (1, 4), (2, 5)], [(0, 4), (1, 5), (2, 3)], [(0, 5), (1, 3), (2, 4)]]


def test_another_proposal_says_when_the_earlier_one_is_the_only_optimum():
    """Six people in two triads, everyone has met everyone except within {0, 1, 2} and {3, 4, 5}: only one
    grouping has no repeat, so another proposal is the next best and says how much worse it is."""
    people = list(range(6))
    first = plan_rounds(people, 1, 3, 3, history=ALL_CROSS_PAIRS_MET, time_limit=5.0)
    assert canonical(first) == [[(0, 1, 2), (3, 4, 5)]] and first.proven_optimal
    second = plan_rounds(people, 1, 3, 3, history=ALL_CROSS_PAIRS_MET, time_limit=5.0, seed=1, instead_of=first)
    assert canonical(second) != canonical(first)
    alternative = second.explanation.alternative
    assert alternative.compared == "worse" and alternative.previous_only_optimum and alternative.next_best
    assert alternative.repeats_more == second.explanation.repeats == 4  # the best other split: 4 pairs again
    assert not second.proven_optimal and second.gap == 4
    set_language("da")
    lines = explanation_lines(second.explanation)
    assert lines[0] == "Der findes kun én optimal inddeling, det forrige forslag. Dette er det næstbedste: " \
                       "4 gentagelser mere."
    assert "kan ikke undgås" not in " ".join(lines)  # the earlier proposal avoided them
    set_language("en")
    assert explanation_lines(second.explanation)[0].startswith("There is only one optimal grouping")


def test_another_proposal_is_as_good_when_there_are_several_optima():
    people = list(range(12))
    first = plan_rounds(people, 2, 3, 3, time_limit=5.0)
    second = plan_rounds(people, 2, 3, 3, time_limit=5.0, instead_of=first)
    assert canonical(second) != canonical(first)
    assert second.proven_optimal and second.explanation.alternative.compared == "as_good"
    set_language("da")
    assert explanation_lines(second.explanation)[0] == "Et andet forslag, lige så godt som det forrige."
    assert first.explanation.alternative is None
    assert all(not line.startswith("Et andet forslag") for line in explanation_lines(first.explanation))


def test_another_proposal_of_the_only_possible_grouping_keeps_it_and_says_so():
    schedule = plan_rounds(["a", "b", "c"], 1, 3, 3, instead_of=[[("c", "a", "b")]])
    assert canonical(schedule) == [[("a", "b", "c")]]
    assert schedule.explanation.alternative.compared == "same"
    set_language("da")
    assert explanation_lines(schedule.explanation)[0] == "Der findes kun denne inddeling."


def test_an_earlier_proposal_for_other_people_is_ignored():
    people = list(range(8))
    earlier = [[(0, 1), (2, 3), (4, 5), (6, 7)]]
    schedule = plan_rounds(people[:6], 1, 2, 2, instead_of=earlier)
    assert schedule.explanation.alternative is None
    assert_valid(schedule, [people[:6]], 2, 2)


def all_plans(people, rounds, size_min, size_max, present):
    splits = [list(partitions(here, split_sizes(len(here), size_min, size_max)[0])) for here in present]
    return [list(plan) for plan in product(*splits)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(least=4, most=7), st.integers(0, 3))
def test_another_proposal_is_the_best_other_plan_and_knows_a_unique_optimum(network, seed):
    """Tiny networks, every plan tried: another proposal is never the same plan (unless no other exists), it
    costs the least of all other plans when the solver proves it, and a unique optimum is said only when true."""
    people, rounds, size_min, size_max, present, history, attributes, apart, together = network
    rounds = min(rounds, 2)
    present = present[:rounds]
    options = dict(present_by_round=present, history=history, attributes=attributes, apart=apart,
                   together=together)
    first = plan_rounds(people, rounds, size_min, size_max, seed=seed, time_limit=2.0, **options)
    second = plan_rounds(people, rounds, size_min, size_max, seed=seed, time_limit=2.0, instead_of=first, **options)
    assert_valid(second, present, size_min, size_max)
    costs = {}
    for plan in all_plans(people, rounds, size_min, size_max, present):
        key = str(canonical(plan))
        costs[key] = cost(plan, people, present, history, attributes, apart, together)
    first_key, second_key = str(canonical(first)), str(canonical(second))
    alternative = second.explanation.alternative
    others = [c for key, c in costs.items() if key != first_key]
    if alternative.compared == "same":
        assert not others
        return
    assert second_key != first_key
    if alternative.previous_only_optimum:
        assert min(others) > costs[first_key]
    if alternative.next_best:  # proven: then a unique optimum is never missed either
        assert costs[second_key] == min(others)
        assert alternative.previous_only_optimum == (min(others) > costs[first_key])
    if second.proven_optimal:
        assert costs[second_key] == min(costs.values())
