"""Benchmark: the grouping engine on classical and everyday instances, beside round-by-round greedy.

For each instance: repeated meetings, rounds before the first repeat, whether every round is a valid
partition within the bounds, the time, and the same for the greedy round-by-round baseline (what
Good-Enough Golfers does) measured in the same run, beside the best known number of repeats (0 where a
resolvable design or a published schedule exists; "-" where unknown). Last line:
``RESULT instances=N optimal=N valid=N total_s=X`` (optimal: repeats equal to the best known value).

    .venv/bin/python benchmarks/grouping.py [--time-limit 2.0] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from netvaerk_lib.grouping import greedy_rounds, plan_rounds, split_sizes  # noqa: E402


@dataclass
class Instance:
    name: str
    people: int
    rounds: int
    size_min: int
    size_max: int
    best_known: int | None
    absent_share: float = 0.0
    attributes: bool = False
    history_rounds: int = 0


INSTANCES = [
    Instance("pairs 10 x 9 (round robin)", 10, 9, 2, 2, 0),
    Instance("pairs 20 x 19 (round robin)", 20, 19, 2, 2, 0),
    Instance("triads 15 x 7 (Kirkman)", 15, 7, 3, 3, 0),
    Instance("triads 21 x 10 (KTS 21)", 21, 10, 3, 3, 0),
    Instance("fours 16 x 5 (AG(2,4))", 16, 5, 4, 4, 0),
    Instance("fours 28 x 9 (resolvable)", 28, 9, 4, 4, 0),
    Instance("fours 32 x 10 (golfers 8-4-10)", 32, 10, 4, 4, 0),
    Instance("fours 40 x 10 (resolvable 40/4)", 40, 10, 4, 4, 0),
    Instance("pairs/triads 13 x 6", 13, 6, 2, 3, None),
    Instance("3-4 of 14 x 4, diverse", 14, 4, 3, 4, None, attributes=True),
    Instance("pairs 12 x 5, 20% absent", 12, 5, 2, 3, None, absent_share=0.2),
    Instance("3-4 of 12 x 3 after 6 met rounds", 12, 3, 3, 4, None, history_rounds=6),
    Instance("one round of 40, diverse", 40, 1, 3, 4, 0, attributes=True),
]


def build(instance: Instance, seed: int):
    rng = random.Random(seed)
    people = [f"p{i}" for i in range(instance.people)]
    present = None
    if instance.absent_share:
        present = [[p for p in people if rng.random() >= instance.absent_share] for _ in range(instance.rounds)]
    attributes = None
    if instance.attributes:
        attributes = {p: {"practice_type": rng.choice(["dentist", "vet", "psychologist", "physiotherapist"]),
                          "region": rng.choice(["hovedstaden", "sjaelland", "syddanmark", "midtjylland"]),
                          "gender": rng.choice(["female", "male"]), "age": rng.randint(30, 65)} for p in people}
    history = None
    if instance.history_rounds:
        history = greedy_rounds(people, instance.history_rounds, instance.size_min, instance.size_max,
                                seed=seed + 1000)
    return people, present, attributes, history


def valid(schedule, people, present, size_min, size_max) -> bool:
    for number, groups in enumerate(schedule):
        here = sorted(present[number] if present else people)
        if sorted(p for g in groups for p in g) != here:
            return False
        sizes, warning = split_sizes(len(here), size_min, size_max)
        if sorted(len(g) for g in groups) != sorted(sizes):
            return False
        if warning is None and not all(size_min <= len(g) <= size_max for g in groups):
            return False
    return True


def max_meetings(schedule) -> int:
    counts: dict = {}
    for groups in schedule:
        for group in groups:
            for pair in combinations(sorted(group), 2):
                counts[pair] = counts.get(pair, 0) + 1
    return max(counts.values(), default=0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    header = (f"{'instance':<36} {'repeats':>7} {'first':>5} {'valid':>5} {'time_s':>7} {'max_met':>7} "
              f"{'greedy':>6} {'g_first':>7} {'g_time_s':>8} {'best':>4} {'method':<16}")
    print(header)
    print("-" * len(header))
    optimal = valid_count = 0
    total = 0.0
    for instance in INSTANCES:
        people, present, attributes, history = build(instance, args.seed)
        options = dict(present_by_round=present, attributes=attributes, history=history, seed=args.seed)
        start = time.perf_counter()
        ours = plan_rounds(people, instance.rounds, instance.size_min, instance.size_max,
                           time_limit=args.time_limit, **options)
        ours_s = time.perf_counter() - start
        total += ours_s
        start = time.perf_counter()
        greedy = greedy_rounds(people, instance.rounds, instance.size_min, instance.size_max, **options)
        greedy_s = time.perf_counter() - start
        ok = valid(ours, people, present, instance.size_min, instance.size_max)
        valid_count += ok
        explanation = ours.explanation
        optimal += instance.best_known is not None and explanation.repeats == instance.best_known
        best = "-" if instance.best_known is None else str(instance.best_known)
        print(f"{instance.name:<36} {explanation.repeats:>7} {explanation.rounds_before_first_repeat:>5} "
              f"{'yes' if ok else 'NO':>5} {ours_s:>7.3f} {max_meetings(ours):>7} "
              f"{greedy.explanation.repeats:>6} {greedy.explanation.rounds_before_first_repeat:>7} "
              f"{greedy_s:>8.3f} {best:>4} {explanation.construction:<16}")
    print(f"RESULT instances={len(INSTANCES)} optimal={optimal} valid={valid_count} total_s={total:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
