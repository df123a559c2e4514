"""Plan rounds of groups so that people meet new people, groups are mixed, and hard rules hold.

The objective, in this order: hard rules (``apart`` pairs never together, ``together`` pairs always);
fewest repeated meetings (a pair that has met c times costs (c-1)^2, so unavoidable repeats spread out;
meeting again someone from a recent earlier round costs up to a quarter repeat more than someone met long
ago); most diversity (fewest pairs in a group that share a category, widest spread of numeric attributes).
All three are sums over the pairs in each group, so one integer cost with the three levels scaled apart
covers them, and swapping two people changes only the pairs of their two groups.

How a plan is made:
1. split each round's present people into group sizes within the bounds (:func:`split_sizes`);
2. start from a known repeat-free design when one fits (:mod:`.designs`). The first start uses the
   design's structure: earlier rounds that are rounds of the design are found in it and the design's other
   rounds continue them (:mod:`.completion`), or a spare round of the design keeps each practice type in
   one of its groups, so types never share a group elsewhere. Then labels are swapped while that lowers
   the cost; without a design, round by round greedily (the baseline, :func:`greedy_rounds`);
3. tabu search: swap a person in a repeated pair (or breaking a rule) with someone in another group of
   the same round; the swapped people are tabu for a few iterations; a worse best move is taken now and
   then; best plan kept; a run that stalls starts again from a fresh start (step 2 with the next random
   numbers); stop at zero repeats without diversity to improve, on stagnation, or at the time limit;
4. up to 16 present, the CP-SAT model of :mod:`.exact` starts from that plan and improves it, proving it
   optimal where it can within the time left. Every plan gets a lower bound (the solver's, or the cost of
   the rules and earlier meetings alone), so ``proven_optimal`` and ``gap`` are known at any size.
Everything random comes from ``random.Random(seed)`` and the solver's fixed seed on one worker, and the
time limit only ends the search early, so a given seed gives the same plan whenever the search finishes
before the limit.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from netvaerk_lib.grouping import exact
from netvaerk_lib.grouping.completion import design_labels
from netvaerk_lib.grouping.designs import known_design
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import t

HARD = 10**9
REPEAT = 100_000
RECENT = REPEAT // 4  # extra cost of meeting again someone met in the latest earlier round (less further back)
SIMILARITY_SCALE = 100
STAGNATION = 3  # diversity-only moves tried per person before stopping
UPHILL = 0.08  # chance of taking the best move when it makes the plan worse
STALL = 5000  # iterations without a better plan before the search starts again from a fresh start
CHECK_EVERY = 32
SEARCH_SHARE = 0.2  # share of the time limit the search gets before the exact solver, where it runs,
SEARCH_MOST_S = 0.5  # but no more than this: its plan is only the solver's starting point
COMPLETION_SHARE = 0.5  # share of the time limit for fitting earlier meetings into a design (first start)

Person = Hashable
Groups = list[tuple]


@dataclass(frozen=True)
class Notice:
    """A warning for the person running the grouping: a catalogue key and its values (text on demand)."""

    key: str
    values: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return t(self.key, **self.values)


@dataclass
class Explanation:
    """Why the plan looks as it does, in numbers; :func:`explanation_lines` says it in words."""

    repeats: int  # meetings in the plan between two people who had already met (before or earlier in the plan)
    repeated_pairs: list[tuple[Person, Person, int]]  # pairs meeting again in the plan, with their total count
    rounds_before_first_repeat: int
    rounds: int
    diversity: float | None  # 0..1, share of attribute differences among grouped pairs; None without attributes
    hard_violations: int
    construction: str  # "round-robin", "kirkman-15", ..., "exact" or "search"
    warnings: list[Notice] = field(default_factory=list)
    elapsed_s: float = 0.0
    proven_optimal: bool = False  # no plan with these sizes has a lower cost (rules, repeats, mix, in that order)
    gap: int | None = None  # at most this many repeat units above the best possible plan; None when unknown
    alternative: Alternative | None = None  # made instead of another plan (``instead_of``): how the two compare


@dataclass(frozen=True)
class Alternative:
    """How a plan made instead of an earlier proposal ("Andet forslag") compares with it."""

    compared: str  # "better", "as_good" or "worse"; "same" when no other plan exists (the earlier one is kept)
    previous_only_optimum: bool  # proven: every other plan is worse than the earlier proposal
    next_best: bool  # proven: no plan other than the earlier proposal is better than this one
    repeats_more: int  # repeats in this plan minus those in the earlier proposal
    less_mixed: bool  # the mix (share of differences in groups) is poorer than the earlier proposal's


class Schedule(list):
    """One list of groups (tuples of ids) per round, with the :class:`Explanation` as ``.explanation``."""

    explanation: Explanation

    @property
    def proven_optimal(self) -> bool:
        return self.explanation.proven_optimal

    @property
    def gap(self) -> int | None:
        return self.explanation.gap


def split_sizes(n: int, size_min: int, size_max: int) -> tuple[list[int], Notice | None]:
    """Group sizes for n people: as many groups as the bounds allow, sizes as equal as possible.

    When no split fits the bounds, the closest one (a group too large is preferred to one too small) and a
    warning. Pairs with an odd number of people therefore give one triad.
    """
    if n <= 0:
        return [], None
    fitting = [g for g in range(math.ceil(n / size_max), n // size_min + 1) if g >= 1]
    if fitting:
        return _even(n, max(fitting)), None
    def distance(g: int) -> tuple[int, int]:
        sizes = _even(n, g)
        return sum(2 * max(0, size_min - s) + max(0, s - size_max) for s in sizes), -g
    sizes = _even(n, min(range(1, n + 1), key=distance))
    bounds = str(size_min) if size_min == size_max else f"{size_min}-{size_max}"
    return sizes, Notice("grouping.warning.split", {"n": n, "bounds": bounds,
                                                     "sizes": " + ".join(str(s) for s in sizes)})


def _even(n: int, g: int) -> list[int]:
    quotient, remainder = divmod(n, g)
    return [quotient + 1] * remainder + [quotient] * (g - remainder)


class _Problem:
    """Indexed people, pair costs and the meeting counts that the search updates in place."""

    def __init__(self, people, rounds, present, history, attributes, apart, together, weights):
        self.people = list(people)
        self.index = {person: i for i, person in enumerate(self.people)}
        n = len(self.people)
        self.present = [[self.index[p] for p in round_present] for round_present in present]
        self.rounds = rounds
        self.history = [[0] * n for _ in range(n)]
        recency = [[0] * n for _ in range(n)]
        history = list(history or ())
        self.history_rounds = [[[self.index[p] for p in group if p in self.index] for group in groups]
                               for groups in history]
        for number, groups in enumerate(history, start=1):
            for group in groups:
                known = [self.index[p] for p in group if p in self.index]
                for a, b in combinations(known, 2):
                    self.history[a][b] += 1
                    self.history[b][a] += 1
                    recency[a][b] = recency[b][a] = round(RECENT * number / len(history))
        self.has_attributes = bool(attributes)
        self.categories = _categories(self.people, attributes or {}, weights or {})
        self.similarity = _similarity_matrix(self.people, attributes or {}, weights or {})
        self.rule = [[0] * n for _ in range(n)]
        self.apart = {(self.index[a], self.index[b]) for a, b in apart if a in self.index and b in self.index}
        self.together = {(self.index[a], self.index[b]) for a, b in together if a in self.index and b in self.index}
        for a, b in self.apart:
            self.rule[a][b] = self.rule[b][a] = HARD
        for a, b in self.together:
            self.rule[a][b] = self.rule[b][a] = -HARD
        self.weight = [[self.rule[a][b] + self.similarity[a][b] + recency[a][b] for b in range(n)]
                       for a in range(n)]


def _categories(people, attributes, weights) -> list[list]:
    """Each categorical attribute's value per person, practice type first, then by weight and name."""
    names = sorted({name for person in people for name in (attributes.get(person) or {})})
    out = []
    for name in sorted(names, key=lambda n: (n != "practice_type", -weights.get(n, 1.0), n)):
        values = [(attributes.get(person) or {}).get(name) for person in people]
        if weights.get(name, 1.0) > 0 and not any(isinstance(v, int | float) for v in values):
            out.append([v if v not in (None, "") else None for v in values])
    return out


def _similarity_matrix(people, attributes, weights) -> list[list[int]]:
    """Pairwise similarity 0..SIMILARITY_SCALE: weighted share of equal categories and close numbers."""
    n = len(people)
    matrix = [[0] * n for _ in range(n)]
    names = sorted({name for person in people for name in (attributes.get(person) or {})})
    names = [name for name in names if weights.get(name, 1.0) > 0]
    if not names:
        return matrix
    total_weight = sum(weights.get(name, 1.0) for name in names)
    for name in names:
        values = [(attributes.get(person) or {}).get(name) for person in people]
        is_number = [isinstance(v, int | float) and not isinstance(v, bool) for v in values]
        numbers = [v for v, number in zip(values, is_number, strict=True) if number]
        spread = (max(numbers) - min(numbers)) if numbers else 0
        share = weights.get(name, 1.0) / total_weight
        for a in range(n):
            for b in range(a + 1, n):
                va, vb = values[a], values[b]
                if va is None or vb is None or va == "" or vb == "":
                    continue
                if is_number[a] and is_number[b]:
                    close = 1.0 - abs(va - vb) / spread if spread else 1.0
                else:
                    close = 1.0 if va == vb else 0.0
                value = round(SIMILARITY_SCALE * share * close)
                matrix[a][b] += value
                matrix[b][a] += value
    return matrix


def _added(count: int) -> int:
    """Change in repeat cost when a pair that has met ``count`` times meets once more."""
    return REPEAT * (2 * count - 1) if count >= 1 else 0


def _removed(count: int) -> int:
    """Change in repeat cost when a pair that has met ``count`` times meets once less."""
    return -REPEAT * (2 * count - 3) if count >= 2 else 0


class _State:
    """A full plan under search: groups per round, where everyone is, and how often each pair meets."""

    def __init__(self, problem: _Problem, plan: list[list[list[int]]]):
        self.problem = problem
        self.plan = plan
        n = len(problem.people)
        self.count = [row[:] for row in problem.history]
        self.where: list[dict[int, int]] = []
        for groups in plan:
            self.where.append({p: g for g, group in enumerate(groups) for p in group})
            for group in groups:
                for a, b in combinations(group, 2):
                    self.count[a][b] += 1
                    self.count[b][a] += 1
        most = max((max(row) for row in problem.history), default=0) + problem.rounds + 2
        self.added = [_added(c) for c in range(most + 1)]
        self.removed = [_removed(c) for c in range(most + 1)]
        self.cost = self._full_cost(n)
        self.floor = self._floor(n)
        history = problem.history
        self.repeated = {(a, b) for a in range(n) for b in range(a + 1, n)
                         if self.count[a][b] >= 2 and self.count[a][b] > history[a][b]}

    def _recheck(self, a: int, b: int) -> None:
        """Keep ``repeated`` (pairs that meet in the plan after having met before) up to date for one pair."""
        pair = (a, b) if a < b else (b, a)
        if self.count[a][b] >= 2 and self.count[a][b] > self.problem.history[a][b]:
            self.repeated.add(pair)
        else:
            self.repeated.discard(pair)

    def _floor(self, n: int) -> int:
        """The cost of a plan with no broken rule and no repeat (reached only without attributes)."""
        history = self.problem.history
        floor = sum(REPEAT * (history[a][b] - 1) ** 2 for a in range(n) for b in range(a + 1, n)
                    if history[a][b] >= 2)
        for present in self.problem.present:
            here = set(present)
            floor -= HARD * sum(1 for a, b in self.problem.together if a in here and b in here)
        return floor

    def _full_cost(self, n: int) -> int:
        weight = self.problem.weight
        cost = sum(weight[a][b] for groups in self.plan for group in groups for a, b in combinations(group, 2))
        for a in range(n):
            for b in range(a + 1, n):
                if self.count[a][b] >= 2:
                    cost += REPEAT * (self.count[a][b] - 1) ** 2
        return cost

    def swap_delta(self, r: int, a: int, b: int) -> int:
        groups, where = self.plan[r], self.where[r]
        weight, added, removed = self.problem.weight, self.added, self.removed
        count_a, count_b, weight_a, weight_b = self.count[a], self.count[b], weight[a], weight[b]
        delta = 0
        for x in groups[where[a]]:
            if x != a:
                delta += weight_b[x] - weight_a[x] + added[count_b[x]] + removed[count_a[x]]
        for y in groups[where[b]]:
            if y != b:
                delta += weight_a[y] - weight_b[y] + added[count_a[y]] + removed[count_b[y]]
        return delta

    def swap(self, r: int, a: int, b: int, delta: int) -> None:
        groups, where, count = self.plan[r], self.where[r], self.count
        ga, gb = where[a], where[b]
        for x in groups[ga]:
            if x != a:
                count[a][x] -= 1
                count[x][a] -= 1
                count[b][x] += 1
                count[x][b] += 1
        for y in groups[gb]:
            if y != b:
                count[b][y] -= 1
                count[y][b] -= 1
                count[a][y] += 1
                count[y][a] += 1
        for x in groups[ga]:
            if x != a:
                self._recheck(a, x)
                self._recheck(b, x)
        for y in groups[gb]:
            if y != b:
                self._recheck(a, y)
                self._recheck(b, y)
        groups[ga][groups[ga].index(a)] = b
        groups[gb][groups[gb].index(b)] = a
        where[a], where[b] = gb, ga
        self.cost += delta

    def conflicts(self, r: int) -> list[tuple[int, int]]:
        """Pairs of round r that meet again, break an apart rule, or are a together pair kept apart."""
        count, rule = self.count, self.problem.rule
        out = [(a, b) for group in self.plan[r] for a, b in combinations(group, 2)
               if count[a][b] >= 2 or rule[a][b] > 0]
        where = self.where[r]
        out += [(a, b) for a, b in self.problem.together if a in where and b in where and where[a] != where[b]]
        return out

    def snapshot(self) -> list[list[list[int]]]:
        return [[group[:] for group in groups] for groups in self.plan]


def _greedy_round(problem: _Problem, count, present: list[int], sizes: list[int], rng: random.Random,
                  polish: bool) -> list[list[int]]:
    """One round: fill groups one by one with whoever adds the least cost, then (if polish) improve by swaps."""
    weight = problem.weight
    unplaced = present[:]
    rng.shuffle(unplaced)
    groups: list[list[int]] = []
    for size in sizes:
        group = [unplaced.pop(0)]
        while len(group) < size and unplaced:
            best = min(unplaced, key=lambda p: sum(weight[p][x] + _added(count[p][x]) for x in group))
            unplaced.remove(best)
            group.append(best)
        groups.append(group)
    if polish:
        _polish_round(problem, count, groups)
    for group in groups:
        for a, b in combinations(group, 2):
            count[a][b] += 1
            count[b][a] += 1
    return groups


def _polish_round(problem: _Problem, count, groups: list[list[int]]) -> None:
    """Hill-climb one round (its pairs not yet counted) by best-improving swaps between its groups."""
    weight = problem.weight

    def member_cost(p: int, group: list[int], skip: int) -> int:
        return sum(weight[p][x] + _added(count[p][x]) for x in group if x != skip and x != p)

    improved = True
    while improved:
        improved = False
        for g, h in combinations(range(len(groups)), 2):
            for i, a in enumerate(groups[g]):
                for j, b in enumerate(groups[h]):
                    before = member_cost(a, groups[g], a) + member_cost(b, groups[h], b)
                    after = member_cost(b, groups[g], a) + member_cost(a, groups[h], b)
                    if after < before:
                        groups[g][i], groups[h][j] = b, a
                        a = b
                        improved = True


def _check(people, rounds, size_min, size_max, present_by_round, apart, together) -> list[list]:
    errors = []
    ids = list(people)
    if len(set(ids)) != len(ids):
        errors.append(FieldError("people", t("grouping.error.duplicate_people")))
    if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 0:
        errors.append(FieldError("rounds", t("grouping.error.rounds")))
    sizes_ok = True
    for name, value in (("size_min", size_min), ("size_max", size_max)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            errors.append(FieldError(name, t("grouping.error.size")))
            sizes_ok = False
    if sizes_ok and size_min > size_max:
        errors.append(FieldError("size_max", t("grouping.error.size_order")))
    known = set(ids)
    present: list[list] = []
    if not errors:
        if present_by_round is None:
            present = [ids[:] for _ in range(rounds)]
        elif len(present_by_round) != rounds:
            errors.append(FieldError("present_by_round", t("grouping.error.present_rounds", rounds=rounds)))
        else:
            for number, round_present in enumerate(present_by_round, start=1):
                listed = list(round_present)
                unknown = [p for p in listed if p not in known]
                if unknown or len(set(listed)) != len(listed):
                    errors.append(FieldError("present_by_round", t("grouping.error.present_unknown", round=number)))
                present.append([p for p in ids if p in set(listed)])
    for name, pairs in (("apart", apart), ("together", together)):
        for pair in pairs:
            if len(tuple(pair)) != 2 or pair[0] == pair[1]:
                errors.append(FieldError(name, t("grouping.error.pair")))
    if set(map(frozenset, apart)) & set(map(frozenset, together)):
        errors.append(FieldError("together", t("grouping.error.apart_and_together")))
    if errors:
        raise ValidationError(errors)
    return present


def plan_rounds(
    people: Iterable[Person],
    rounds: int,
    size_min: int,
    size_max: int,
    *,
    present_by_round: Sequence[Iterable[Person]] | None = None,
    history: Iterable[Iterable[Iterable[Person]]] | None = None,
    attributes: dict[Person, dict[str, object]] | None = None,
    apart: Iterable[tuple[Person, Person]] = (),
    together: Iterable[tuple[Person, Person]] = (),
    weights: dict[str, float] | None = None,
    seed: int = 0,
    time_limit: float = 2.0,
    progress: Callable[[float, int], None] | None = None,
    exact_solver: bool = True,
    instead_of: Sequence[Sequence[Sequence[Person]]] | None = None,
) -> Schedule:
    """Plan ``rounds`` rounds of groups of ``size_min``..``size_max`` people.

    ``present_by_round`` lists who is present in each round (default: everyone), ``history`` earlier rounds
    (lists of groups) whose pairs count as met, ``attributes`` maps an id to categorical or numeric values
    for diversity, with ``weights`` per attribute name (default 1). ``apart`` pairs are never grouped
    together, ``together`` pairs always. ``progress(fraction_of_time, repeats)`` is called during long
    searches. Returns a :class:`Schedule` (a list of rounds, each a list of tuples) with ``.explanation``.
    Raises ``ValidationError`` with Danish messages for impossible arguments.

    Up to 16 present (:func:`.exact.small_enough`), the search's plan is handed to the CP-SAT solver, which
    improves it and proves it optimal within the time limit where it can (``exact_solver=False``: search
    only, the engine as it was before, for comparison). ``.proven_optimal`` and ``.gap`` (repeat units
    above a lower bound) say how good the result is; :func:`.wording.optimality_line` says it in words.

    ``instead_of``: an earlier proposal for the same people and sizes ("Andet forslag"). The plan returned
    is another one, the best found; ``.explanation.alternative`` says whether it is as good, and whether the
    earlier one is proven to be the only optimal plan (then this one is the next best, and says how much
    worse). An earlier proposal that does not fit (other people or sizes) is ignored.
    """
    started = time.perf_counter()
    people = list(people)
    apart, together = [tuple(p) for p in apart], [tuple(p) for p in together]
    present = _check(people, rounds, size_min, size_max, present_by_round, apart, together)
    problem = _Problem(people, rounds, present, list(history or ()), attributes, apart, together, weights)
    rng = random.Random(seed)
    warnings: list[Notice] = []
    sizes = []
    for round_present in problem.present:
        round_sizes, notice = split_sizes(len(round_present), size_min, size_max)
        sizes.append(round_sizes)
        if notice and notice not in warnings:
            warnings.append(notice)
    time_limit = max(time_limit, 0.0)
    deadline = started + time_limit
    exact_too = exact_solver and problem.rounds > 0 and exact.small_enough(problem, sizes)
    search_deadline = started + (min(SEARCH_SHARE * time_limit, SEARCH_MOST_S) if exact_too else time_limit)

    best, best_cost, construction = None, None, "search"
    first = True
    while True:  # restart from a fresh start when a run stalls, while time is left
        plan, name = _design_start(problem, sizes, rng, time.perf_counter() + 0.25 * time_limit,
                                   COMPLETION_SHARE * time_limit if first else 0.0)
        first = False
        if plan is None:
            plan, name = greedy_plan(problem, sizes, rng), "search"
        run, cost = _tabu(_State(problem, plan), rng, search_deadline, started, progress)
        if best_cost is None or cost < best_cost:
            best, best_cost, construction = run, cost, name
        if time.perf_counter() >= search_deadline or not _conflicted(problem, best):
            break
    floor = _State(problem, best).floor
    previous = _fitting_plan(problem, sizes, instead_of)
    if previous is not None and _same_plan(best, previous):
        best, construction = _nearby(problem, previous), "search"
        best_cost = None if best is None else _State(problem, best).cost
    others_bound, next_best = floor, False  # a lower bound on every plan other than ``previous``
    if best is None:  # nothing to swap: the earlier proposal is the only plan
        others_bound, best, best_cost = exact.NO_PLAN, previous, _State(problem, previous).cost
    elif exact_too and not (best_cost <= floor and not problem.has_attributes):
        excluded = [] if previous is None else [previous]
        while True:
            solved = exact.solve(problem, sizes, REPEAT, time_limit=deadline - time.perf_counter(), seed=seed,
                                 hint=best, exclude=excluded)
            if solved.plan is None or previous is None or not _same_plan(solved.plan, previous) \
                    or time.perf_counter() >= deadline:
                break
            excluded.append(solved.plan)  # the earlier proposal with alike rounds in another order
        if solved.plan is not None and not (previous and _same_plan(solved.plan, previous)):
            next_best = solved.proven
            if solved.cost < best_cost:
                best, best_cost, construction = solved.plan, _State(problem, solved.plan).cost, "exact"
        others_bound = max(others_bound, solved.bound)
    bound = others_bound if previous is None else min(others_bound, _State(problem, previous).cost)
    best = _repeats_last(problem, best)
    schedule = Schedule([[tuple(problem.people[p] for p in group) for group in groups] for groups in best])
    schedule.explanation = explain(schedule, history=history, attributes=attributes, apart=apart,
                                   together=together, weights=weights, construction=construction,
                                   warnings=warnings, present_by_round=present)
    schedule.explanation.elapsed_s = time.perf_counter() - started
    schedule.explanation.proven_optimal = best_cost <= bound
    schedule.explanation.gap = max(0, (best_cost - floor) // REPEAT - (bound - floor) // REPEAT)
    if previous is not None:
        schedule.explanation.alternative = _compare(problem, best, best_cost, previous, others_bound, next_best,
                                                    schedule.explanation, instead_of,
                                                    dict(history=history, attributes=attributes, weights=weights))
    return schedule


def _fitting_plan(problem: _Problem, sizes, plan) -> list[list[list[int]]] | None:
    """An earlier proposal in the problem's indices, when it has its rounds, people and group sizes."""
    if plan is None or len(plan) != problem.rounds:
        return None
    out = []
    for groups, present, round_sizes in zip(plan, problem.present, sizes, strict=True):
        indexed = [[problem.index.get(p) for p in group] for group in groups]
        placed = [p for group in indexed for p in group]
        if None in placed or sorted(placed) != sorted(present) \
                or sorted(len(group) for group in indexed) != sorted(round_sizes):
            return None
        out.append(indexed)
    return out


def _same_plan(first, second) -> bool:
    """The same groups in every round, whatever the order of the groups and of alike rounds."""
    def canonical(plan):
        return sorted(sorted(tuple(sorted(group)) for group in groups) for groups in plan)
    return canonical(first) == canonical(second)


def _nearby(problem: _Problem, plan) -> list[list[list[int]]] | None:
    """The plan with the one swap of two people that costs least; None when no round has two groups."""
    state = _State(problem, [[group[:] for group in groups] for groups in plan])
    moves = [(state.swap_delta(r, a, b), r, a, b) for r, groups in enumerate(plan)
             for g, h in combinations(range(len(groups)), 2) for a in groups[g] for b in groups[h]]
    if not moves:
        return None
    delta, r, a, b = min(moves)
    state.swap(r, a, b, delta)
    return state.plan


def _compare(problem: _Problem, plan, cost: int, previous, others_bound: int, next_best: bool,
             explanation: Explanation, previous_schedule, options) -> Alternative:
    """How ``plan`` compares with the earlier proposal it replaces."""
    previous_cost = _State(problem, previous).cost
    before = explain(previous_schedule, **options)
    if _same_plan(plan, previous):
        compared = "same"
    else:
        compared = "better" if cost < previous_cost else "as_good" if cost == previous_cost else "worse"
    less_mixed = (explanation.diversity is not None and before.diversity is not None
                  and explanation.diversity < before.diversity - 1e-9)
    return Alternative(compared=compared, previous_only_optimum=others_bound > previous_cost,
                       next_best=next_best or others_bound >= cost,
                       repeats_more=explanation.repeats - before.repeats, less_mixed=less_mixed)


def _repeats_last(problem: _Problem, plan: list[list[list[int]]]) -> list[list[list[int]]]:
    """Order the rounds so that as many as possible come before the first repeat.

    Only when everyone present is the same in every round (otherwise a round belongs to its attendance).
    The order does not change how often each pair meets, only when.
    """
    if len({tuple(sorted(p)) for p in problem.present}) > 1:
        return plan
    met = {(a, b) for a, row in enumerate(problem.history) for b, c in enumerate(row) if c}
    remaining, ordered = list(range(len(plan))), []
    while remaining:
        chosen = min(remaining, key=lambda r, met=met: sum(
            1 for group in plan[r] for a, b in combinations(group, 2) if (a, b) in met))
        remaining.remove(chosen)
        ordered.append(plan[chosen])
        met |= {(a, b) for group in plan[chosen] for x, y in combinations(group, 2) for a, b in ((x, y), (y, x))}
    return ordered


def greedy_plan(problem: _Problem, sizes: list[list[int]], rng: random.Random) -> list[list[list[int]]]:
    count = [row[:] for row in problem.history]
    return [_greedy_round(problem, count, problem.present[r], sizes[r], rng, polish=True)
            for r in range(problem.rounds)]


def greedy_rounds(people, rounds, size_min, size_max, *, present_by_round=None, history=None, attributes=None,
                  apart=(), together=(), weights=None, seed=0) -> Schedule:
    """The round-by-round baseline (what Good-Enough Golfers does): each round the best it can given the
    rounds before it, never revisiting them. Used by the benchmark to compare with :func:`plan_rounds`."""
    started = time.perf_counter()
    people = list(people)
    apart, together = [tuple(p) for p in apart], [tuple(p) for p in together]
    present = _check(people, rounds, size_min, size_max, present_by_round, apart, together)
    problem = _Problem(people, rounds, present, list(history or ()), attributes, apart, together, weights)
    sizes = [split_sizes(len(p), size_min, size_max)[0] for p in problem.present]
    plan = greedy_plan(problem, sizes, random.Random(seed))
    schedule = Schedule([[tuple(problem.people[p] for p in group) for group in groups] for groups in plan])
    schedule.explanation = explain(schedule, history=history, attributes=attributes, apart=apart,
                                   together=together, weights=weights, construction="greedy",
                                   present_by_round=present)
    schedule.explanation.elapsed_s = time.perf_counter() - started
    return schedule


def _design_start(problem: _Problem, sizes, rng: random.Random, deadline: float, embed_time: float = 0.0):
    """A known design relabelled onto the people, when everyone is present in every round and sizes are equal.

    The first start (``embed_time`` > 0) uses the design's structure. When earlier rounds are rounds of
    the design under some relabelling, it finds that relabelling (:func:`.completion.design_labels`) and
    continues with the design's unused rounds: no repeat. Otherwise, when the design has a
    round to spare, it puts each practice type (or the first other category that fits) inside one group of
    the spare round: two people who share a group there never meet in any other round of the design, so no
    group of the plan has two of a kind.
    """
    n = len(problem.people)
    if problem.rounds == 0 or n == 0 or any(len(p) != n for p in problem.present):
        return None, None
    k = sizes[0][0]
    if any(s != k for round_sizes in sizes for s in round_sizes):
        return None, None
    found = known_design(n, k)
    if found is None:
        return None, None
    name, design = found
    used, labels = design[:problem.rounds], None
    earlier = [groups for groups in problem.history_rounds
               if sorted(p for group in groups for p in group) == list(range(n))
               and all(len(group) == k for group in groups)]
    if embed_time > 0 and earlier:
        found = design_labels(earlier, design, n, time.perf_counter() + embed_time)
        if found is not None:
            labels, rest = found
            used = [design[r] for r in rest][:problem.rounds]
    if labels is None and embed_time > 0 and len(design) > problem.rounds:
        labels = _kinds_apart(problem, design[-1], rng)
    if labels is None:
        labels = list(range(n))
        rng.shuffle(labels)
    labels = _relabel(problem, used, labels, rng, deadline)
    plan = [[[labels[p] for p in group] for group in groups] for groups in used]
    if len(used) < problem.rounds:  # more rounds than the design has: the rest round by round
        count = [row[:] for row in problem.history]
        for groups in plan:
            for group in groups:
                for a, b in combinations(group, 2):
                    count[a][b] += 1
                    count[b][a] += 1
        for r in range(len(used), problem.rounds):
            plan.append(_greedy_round(problem, count, problem.present[r], sizes[r], rng, polish=True))
    return plan, name


def _kinds_apart(problem: _Problem, spare: list[tuple], rng: random.Random) -> list[int] | None:
    """Labels that put every kind of a category inside one group of the spare round (largest kinds first,
    each into the group with most room), people without a value in what is left; None if no category fits
    or none has two of a kind. Ties and the order within a kind follow ``rng``, so each seed differs."""
    for values in problem.categories:
        kinds: dict = {}
        for person, value in enumerate(values):
            kinds.setdefault(value, []).append(person)
        loose = kinds.pop(None, [])
        if all(len(members) < 2 for members in kinds.values()):
            continue
        room = [list(group) for group in spare]
        rng.shuffle(room)
        for members in (*kinds.values(), loose):
            rng.shuffle(members)
        labels = [0] * len(problem.people)
        for members in sorted(kinds.values(), key=len, reverse=True):
            group = max(room, key=len)
            if len(members) > len(group):
                break
            for person in members:
                labels[group.pop()] = person
        else:
            points = [point for group in room for point in group]
            for point, person in zip(points, loose, strict=True):
                labels[point] = person
            return labels
    return None


def _relabel(problem: _Problem, design, labels: list[int], rng: random.Random, deadline: float) -> list[int]:
    """Choose which person takes which design point: swap two labels while the cost falls.

    Every pair of points meets at most once in the design, so relabelling cannot add repeats inside the
    plan; it decides which pairs meet (when fewer rounds than the design has), when pairs met before meet
    (late rather than early), and how mixed the groups are.
    """
    weight, history = problem.weight, problem.history
    if not problem.has_attributes and not problem.apart and not problem.together \
            and not any(any(row) for row in history):
        return labels
    rounds = len(design)
    meets: list[list[tuple[int, int]]] = [[] for _ in labels]
    for r, groups in enumerate(design):
        for group in groups:
            for a, b in combinations(group, 2):
                meets[a].append((b, r))
                meets[b].append((a, r))

    def pair_cost(u: int, v: int, r: int) -> int:
        met = history[u][v]
        cost = weight[u][v]
        if met:
            cost += REPEAT * (2 * met - 1) + (REPEAT // 2) * (rounds - r) // rounds
        return cost

    def point_cost(p: int, skip: int) -> int:
        return sum(pair_cost(labels[p], labels[q], r) for q, r in meets[p] if q != skip)

    points = len(labels)
    stale = 0
    while stale < 20 * points and time.perf_counter() < deadline:
        p, q = rng.sample(range(points), 2)
        before = point_cost(p, q) + point_cost(q, p)
        labels[p], labels[q] = labels[q], labels[p]
        after = point_cost(p, q) + point_cost(q, p)
        if after < before:
            stale = 0
        else:
            labels[p], labels[q] = labels[q], labels[p]
            stale += 1
    return labels


def _tabu(state: _State, rng: random.Random, deadline: float, started: float, progress) -> list[list[list[int]]]:
    """Tabu search over swaps within a round; returns the best plan seen.

    While some round has a repeated pair or a broken rule, the move is the best swap of a person in such a
    pair with anyone in another group of that round (best over all of them; a tabu move only if it beats
    the best plan). When no conflict is left, single people are tried for diversity until improvement stalls.
    After ``STALL`` iterations without a better plan the run ends, and :func:`plan_rounds` starts again from
    a fresh start (another relabelling or greedy plan from the same random stream) while time is left.
    """
    problem = state.problem
    rounds = [r for r in range(problem.rounds) if len(state.plan[r]) > 1]
    best_cost, best_plan = state.cost, state.snapshot()
    if not rounds:
        return best_plan, best_cost
    tabu: dict[tuple[int, int], int] = {}
    iteration = calm = stall = 0
    total = max(deadline - started, 1e-9)
    while not (best_cost <= state.floor and not problem.has_attributes):
        iteration += 1
        if iteration % CHECK_EVERY == 0:
            now = time.perf_counter()
            if now >= deadline:
                break
            if progress is not None:
                progress(min(1.0, (now - started) / total), _repeat_units(best_cost - state.floor))
        r, pairs = _pick_conflict(state, rounds, rng)
        if pairs:
            candidates = list(rng.choice(pairs))
            calm = 0
        else:
            calm += 1
            if calm > STAGNATION * len(problem.people):
                break
            r = rng.choice(rounds)
            candidates = [rng.choice([p for group in state.plan[r] for p in group])]
        stall += 1
        if stall > STALL:
            break
        move = _best_swap(state, r, candidates, tabu, iteration, best_cost, rng)
        if move is None:
            continue
        delta, a, b = move
        if delta > 0 and rng.random() >= UPHILL:
            continue
        state.swap(r, a, b, delta)
        tabu[(r, a)] = tabu[(r, b)] = iteration + 3 + rng.randrange(5)
        if state.cost < best_cost:
            best_cost, best_plan, stall = state.cost, state.snapshot(), 0
    return best_plan, best_cost


def _conflicted(problem: _Problem, plan) -> bool:
    return any(_State(problem, [[g[:] for g in groups] for groups in plan]).conflicts(r) for r in range(len(plan)))


def _pick_conflict(state: _State, rounds: list[int], rng: random.Random) -> tuple[int, list | None]:
    """A round with a conflict and its conflicting pairs; fast path through the repeated pairs without rules."""
    problem = state.problem
    if problem.apart or problem.together or not state.repeated:
        if not problem.apart and not problem.together:
            return rounds[0], None
        rng.shuffle(rounds)
        return next(((r, c) for r in rounds if (c := state.conflicts(r))), (rounds[0], None))
    a, b = rng.choice(sorted(state.repeated))
    together = [r for r in rounds if (g := state.where[r].get(a)) is not None and g == state.where[r].get(b)]
    if not together:  # the repeat sits only in rounds where nobody can move (e.g. two people, one pair)
        return rounds[0], None
    return rng.choice(together), [(a, b)]


def _best_swap(state: _State, r: int, candidates: list[int], tabu, iteration: int, best_cost: int,
               rng: random.Random) -> tuple[int, int, int] | None:
    where, move, ties = state.where[r], None, 0
    for a in candidates:
        for group in state.plan[r]:
            if where[a] == where[group[0]]:
                continue
            for b in group:
                delta = state.swap_delta(r, a, b)
                if (tabu.get((r, a), 0) > iteration or tabu.get((r, b), 0) > iteration) \
                        and state.cost + delta >= best_cost:
                    continue
                if move is None or delta < move[0]:
                    move, ties = (delta, a, b), 1
                elif delta == move[0]:
                    ties += 1
                    if rng.randrange(ties) == 0:
                        move = (delta, a, b)
    return move


def _repeat_units(cost: int) -> int:
    return max(0, cost % HARD) // REPEAT


def explain(schedule: Sequence[Sequence[Sequence[Person]]], *, history=None, attributes=None, apart=(),
            together=(), weights=None, construction: str = "search", warnings: list[Notice] | None = None,
            present_by_round=None) -> Explanation:
    """Count repeats, rounds before the first repeat, diversity and broken rules of any schedule."""
    met: dict[frozenset, int] = {}
    for groups in history or ():
        for group in groups:
            for a, b in combinations(list(group), 2):
                key = frozenset((a, b))
                met[key] = met.get(key, 0) + 1
    repeats, first_repeat, again = 0, None, {}
    for number, groups in enumerate(schedule):
        for group in groups:
            for a, b in combinations(list(group), 2):
                key = frozenset((a, b))
                if met.get(key, 0) >= 1:
                    repeats += 1
                    again[key] = True
                    if first_repeat is None:
                        first_repeat = number
                met[key] = met.get(key, 0) + 1
    repeated_pairs = sorted(((*sorted(key, key=str), met[key]) for key in again), key=lambda x: (-x[2], str(x)))
    apart_set = {frozenset(p) for p in apart}
    violations = 0
    for groups in schedule:
        together_in = {frozenset(p) for group in groups for p in combinations(list(group), 2)}
        violations += len(apart_set & together_in)
        placed = {p for group in groups for p in group}
        violations += sum(1 for a, b in together
                          if a in placed and b in placed and frozenset((a, b)) not in together_in)
    diversity = _diversity(schedule, attributes, weights)
    notices = list(warnings or [])
    if violations:
        notices.append(Notice("grouping.warning.rules", {"n": violations}))
    return Explanation(repeats=repeats, repeated_pairs=repeated_pairs,
                       rounds_before_first_repeat=len(schedule) if first_repeat is None else first_repeat,
                       rounds=len(schedule), diversity=diversity, hard_violations=violations,
                       construction=construction, warnings=notices)


def _diversity(schedule, attributes, weights) -> float | None:
    if not attributes:
        return None
    people = sorted({p for groups in schedule for group in groups for p in group}, key=str)
    if not people:
        return None
    similarity = _similarity_matrix(people, attributes, weights or {})
    index = {p: i for i, p in enumerate(people)}
    pairs = [(index[a], index[b]) for groups in schedule for group in groups for a, b in combinations(group, 2)]
    if not pairs:
        return None
    return 1.0 - sum(similarity[a][b] for a, b in pairs) / (SIMILARITY_SCALE * len(pairs))
