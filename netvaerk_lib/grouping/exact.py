"""The grouping as an integer program, solved to a proven optimum with OR-Tools CP-SAT where it is small.

Set partitioning: every possible group of every round is a boolean (who is in it is fixed, so its cost is a
constant: the pair weights for rules, mix and how recently its pairs met), each person present is in exactly
one chosen group per round, and the chosen groups have the round's sizes. How often a pair meets is then a
sum of those booleans, and the convex repeat cost ``REPEAT * (met - 1)^2`` (the search's cost, see
:class:`.engine._State`) is a sum of increments over "met at least j times" booleans. This formulation is
much tighter than "person p in group g" (whose relaxation puts everyone a fraction in every group), which is
what lets the solver prove the optimum for a real network (up to 16 present in groups of up to 4) in
seconds. Rounds with the same people and sizes are interchangeable, so they are ordered by the group of
their first person.

One worker and a fixed seed, with a deterministic work limit next to the wall-clock one, so that the same
input gives the same plan whenever the solver stops on the work limit or at the optimum.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the solver itself loads when a grouping is solved (see solve)
    from ortools.sat.python import cp_model


MAX_PRESENT = 16  # the largest round solved exactly: a real network meeting
NO_PLAN = 2**62  # the bound when no plan is possible
MAX_GROUPS = 30_000  # possible groups over all rounds; beyond this the model is too large to solve in seconds


@dataclass
class ExactResult:
    plan: list[list[list[int]]] | None  # groups of person indices per round; None when nothing was found
    cost: int | None
    bound: int  # no plan costs less than this
    proven: bool


def small_enough(problem, sizes: list[list[int]]) -> bool:
    """Up to 16 present in every round, and not too many possible groups to write them all down."""
    if any(len(present) > MAX_PRESENT for present in problem.present):
        return False
    return sum(math.comb(len(present), size) for present, round_sizes in zip(problem.present, sizes, strict=True)
               for size in set(round_sizes)) <= MAX_GROUPS


def solve(problem, sizes: list[list[int]], repeat: int, *, time_limit: float, seed: int = 0,
          hint: list[list[list[int]]] | None = None, exclude: list[list[list[list[int]]]] = ()) -> ExactResult:
    """The cheapest plan for ``problem`` with the given group sizes per round, within ``time_limit`` seconds.

    ``exclude``: plans the result must differ from (another proposal); each is excluded in the round order
    the model allows (see :func:`_order_alike_rounds`), so the caller checks that the result is not one of
    them in another order of alike rounds (possible when the first person's group ties). Building the model
    counts towards the time limit (on a busy machine it takes a good part of a second).
    """
    stop = time.perf_counter() + time_limit
    from ortools.sat.python import cp_model  # noqa: PLC0415 - OR-Tools (0.3 s to load) only once a grouping is solved

    model = cp_model.CpModel()
    weight = problem.weight
    chosen: list[dict[tuple[int, ...], cp_model.IntVar]] = []
    meets: dict[tuple[int, int], list] = {}
    objective = []
    for r, present in enumerate(problem.present):
        groups = {group: model.NewBoolVar("") for size in sorted(set(sizes[r]))
                  for group in combinations(present, size)}
        chosen.append(groups)
        by_person: dict[int, list] = {p: [] for p in present}
        by_size: dict[int, list] = {size: [] for size in sizes[r]}
        for group, var in groups.items():
            by_size[len(group)].append(var)
            for p in group:
                by_person[p].append(var)
            cost = sum(weight[a][b] for a, b in combinations(group, 2))
            if cost:
                objective.append(cost * var)
            for pair in combinations(group, 2):
                meets.setdefault(pair, []).append(var)
        for vars_ in by_person.values():
            model.AddExactlyOne(vars_)
        for size, count in Counter(sizes[r]).items():
            model.Add(sum(by_size[size]) == count)
    _order_alike_rounds(model, problem.present, sizes, chosen)
    rounds = len(problem.present)
    levels = {}
    for (a, b), vars_ in meets.items():
        levels[a, b], terms = _repeat_terms(model, vars_, problem.history[a][b], repeat, rounds)
        objective += terms
    people = range(len(problem.people))
    met_before = sum(_repeat_cost(problem.history[a][b], repeat) for a in people for b in people if a < b)
    model.Minimize(sum(objective) + met_before)  # the search's cost counts repeats before the plan, too
    for plan in exclude:
        _exclude(model, _in_round_order(problem.present, sizes, chosen, plan), chosen)
    if hint:
        _hint(model, _in_round_order(problem.present, sizes, chosen, hint), chosen, levels)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(stop - time.perf_counter(), 0.05)
    solver.parameters.max_deterministic_time = max(time_limit, 0.05)
    # Measured on the benchmark's meetings and 14 random ones (work to a proof, the same plans): the whole
    # model in the LP, but no cuts and no probing, which cost more here than they save: 5x less work
    solver.parameters.linearization_level = 2
    solver.parameters.cut_level = 0
    solver.parameters.cp_model_probing_level = 0
    status = solver.Solve(model)
    if status == cp_model.INFEASIBLE:  # every plan is excluded: there is no other
        return ExactResult(None, None, NO_PLAN, True)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ExactResult(None, None, _ceil(solver.BestObjectiveBound()), False)
    plan = [[list(group) for group, var in chosen[r].items() if solver.Value(var)] for r in range(rounds)]
    cost = round(solver.ObjectiveValue())
    bound = cost if status == cp_model.OPTIMAL else _ceil(solver.BestObjectiveBound())
    return ExactResult(plan, cost, bound, status == cp_model.OPTIMAL)


def _alike(present, sizes, r: int) -> bool:
    """Round r can trade places with round r - 1 without changing the cost."""
    return bool(present[r]) and present[r] == present[r - 1] and sorted(sizes[r]) == sorted(sizes[r - 1])


def _first_group_number(present, chosen, r: int, groups=None):
    """The number of the group round r's first person is in: of the chosen booleans, or of a given plan."""
    first = present[r][0]
    numbers = {group: i for i, group in enumerate(chosen[r]) if first in group}
    if groups is None:
        return sum(i * chosen[r][group] for group, i in numbers.items())
    return next(numbers[tuple(sorted(g))] for g in groups if first in g)


def _order_alike_rounds(model: cp_model.CpModel, present, sizes, chosen) -> None:
    """Rounds with the same people and sizes can be swapped without changing the cost: order them by the
    number of the group their first person is in (the same group twice in a row is allowed)."""
    for r in range(1, len(present)):
        if _alike(present, sizes, r):
            model.Add(_first_group_number(present, chosen, r - 1) <= _first_group_number(present, chosen, r))


def _in_round_order(present, sizes, chosen, plan):
    """The plan with each run of alike rounds sorted as :func:`_order_alike_rounds` wants them."""
    plan, start = list(plan), 0
    for r in range(1, len(plan) + 1):
        if r == len(plan) or not _alike(present, sizes, r):
            if r - start > 1:
                    plan[start:r] = sorted(plan[start:r], key=lambda groups, s=start: _first_group_number(
                    present, chosen, s, groups))
            start = r
    return plan


def _ceil(value: float) -> int:
    """The solver's bound as an integer bound (it reports a float; none yet reads as minus infinity)."""
    if not math.isfinite(value):
        return -(2**62)
    rounded = round(value)
    return rounded if abs(value - rounded) < 1e-6 else math.ceil(value)


def _repeat_terms(model: cp_model.CpModel, groups: list, history: int, repeat: int, rounds: int) -> list:
    """``repeat * (history + met - 1)^2`` minus its value at met = 0, as increments on "met >= j".

    ``met`` is the number of chosen groups holding the pair (at most one per round). The increments grow
    with j (the cost is convex), so the cheapest assignment sets "at least j" for the smallest j first, and
    the booleans need no ordering constraint.
    """
    if rounds + history < 2:
        return [], []
    levels = [model.NewBoolVar("") for _ in range(rounds)]
    model.Add(sum(levels) == sum(groups))
    terms = []
    for j, level in enumerate(levels, start=1):
        increment = _repeat_cost(history + j, repeat) - _repeat_cost(history + j - 1, repeat)
        if increment:
            terms.append(increment * level)
    return levels, terms


def _exclude(model: cp_model.CpModel, plan, chosen) -> None:
    """Not all of the plan's groups in their rounds (a "no-good")."""
    groups = [chosen[r][tuple(sorted(group))] for r, round_groups in enumerate(plan) for group in round_groups]
    model.Add(sum(groups) <= len(groups) - 1)


def _hint(model: cp_model.CpModel, plan, chosen, levels) -> None:
    """Start from a known plan: its groups, and for every pair "met at least j times" (the solver finds
    no solution to improve on within seconds when the counts are left for it to complete)."""
    met: Counter = Counter()
    for r, groups in enumerate(plan):
        picked = {tuple(sorted(group)) for group in groups}
        for group, var in chosen[r].items():
            model.AddHint(var, group in picked)
        met.update(pair for group in picked for pair in combinations(group, 2))
    for pair, pair_levels in levels.items():
        for j, level in enumerate(pair_levels, start=1):
            model.AddHint(level, met[pair] >= j)


def _repeat_cost(count: int, repeat: int) -> int:
    return repeat * (count - 1) ** 2 if count >= 2 else 0

