"""Benchmark: the grouping engine on classical, everyday and hard instances, beside round-by-round greedy.

For each instance: repeated meetings and the best known number (0 where a resolvable design, a published
schedule or a construction exists; "-" where unknown), for the typed instances the same-type pairs and
their best known number, whether the plan is proven optimal (small instances, <= 16 present, are solved
with CP-SAT; a plan at its lower bound is proven at any size), the gap to the bound in repeats, whether
every round is a valid partition within the bounds, the time, and the round-by-round greedy baseline
measured in the same run. That baseline is Good-Enough Golfers' published behaviour
(github.com/islemaster/good-enough-golfers, README "What does the conflict score indicate?"): each round
is chosen given the rounds locked before it, a pair costing the square of how often it has met, and
earlier rounds are never revisited; like GEG it proves nothing. Classes of instances:

- classics with a design: round robin, Kirkman 15 and 21, AG(2, 4), resolvable 28/4 and 40/4, 32 in fours;
- hard classics without a textbook design in the engine before: 18 in triples for 8 rounds (NKTS(18)),
  24 in fours for 7 rounds (4-RGDD of type 3^8, golfers 6-4-7);
- history: 21 in triples after four rounds of KTS(21) (relabelled at random): six repeat-free rounds exist;
- diversity as a requirement: 32 members of 8 practice types (4 each) in fours for 8 rounds: a schedule
  with no repeat and four types in every group exists (nine disjoint spreads of GF(2)^5, one used as types);
- a real network (<= 16 present): absences, history, keep-apart pairs, practice types.

Each instance is also planned once more with the first plan as ``instead_of`` ("Andet forslag"): column
``again`` says how that plan compares (as_good, better, worse, with "+N" repeats, and "only" where the
first plan is proven the only optimal one); ``valid`` covers both plans.

Last line: ``RESULT instances=N optimal=N valid=N small=N proven_small=N total_s=X load=A-B`` (optimal: repeats
and same-type pairs equal to the best known values; proven_small: small instances proven optimal; load: the
machine's one-minute load average before and after, as the solver stops at the time limit on a busy machine).

    .venv/bin/python benchmarks/grouping.py [--time-limit 5.0] [--seed 1] [--only "14 x 4"]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from netvaerk_lib.grouping import greedy_rounds, known_design, plan_rounds, split_sizes  # noqa: E402
from netvaerk_lib.grouping.exact import MAX_PRESENT  # noqa: E402

KINDS_8 = ["tandlæge", "dyrlæge", "psykolog", "fysioterapeut", "kiropraktor", "læge", "jordemoder", "optiker"]


@dataclass
class Instance:
    name: str
    people: int
    rounds: int
    size_min: int
    size_max: int
    best_known: int | None
    absent_share: float = 0.0
    attributes: str = ""  # "" none, "mixed": type, region, gender, age; "types": practice type only; "types8"
    history_rounds: int = 0
    history_design: bool = False  # history = that many rounds of the known design, relabelled at random
    apart_pairs: int = 0
    best_same_type: int | None = None


INSTANCES = [
    Instance("pairs 10 x 9 (round robin)", 10, 9, 2, 2, 0),
    Instance("pairs 20 x 19 (round robin)", 20, 19, 2, 2, 0),
    Instance("triads 15 x 7 (Kirkman)", 15, 7, 3, 3, 0),
    Instance("triads 21 x 10 (KTS 21)", 21, 10, 3, 3, 0),
    Instance("fours 16 x 5 (AG(2,4))", 16, 5, 4, 4, 0),
    Instance("fours 28 x 9 (resolvable)", 28, 9, 4, 4, 0),
    Instance("fours 32 x 10 (golfers 8-4-10)", 32, 10, 4, 4, 0),
    Instance("fours 40 x 10 (resolvable 40/4)", 40, 10, 4, 4, 0),
    Instance("triads 18 x 8 (NKTS 18)", 18, 8, 3, 3, 0),
    Instance("fours 24 x 7 (golfers 6-4-7)", 24, 7, 4, 4, 0),
    Instance("triads 21 x 6 after 4 KTS rounds", 21, 6, 3, 3, 0, history_rounds=4, history_design=True),
    Instance("fours 32 x 8, 8 types kept apart", 32, 8, 4, 4, 0, attributes="types8", best_same_type=0),
    Instance("pairs/triads 13 x 6", 13, 6, 2, 3, None),
    Instance("3-4 of 14 x 4, diverse", 14, 4, 3, 4, None, attributes="mixed"),
    Instance("pairs 12 x 5, 20% absent", 12, 5, 2, 3, None, absent_share=0.2),
    Instance("3-4 of 12 x 3 after 6 met rounds", 12, 3, 3, 4, None, history_rounds=6),
    Instance("interviews 12 x 3, 4 met, apart, types", 12, 3, 2, 3, None, absent_share=0.1, attributes="types",
             history_rounds=4, apart_pairs=3),
    Instance("sparring 16 x 2, 5 met, apart, types", 16, 2, 3, 4, None, absent_share=0.1, attributes="types",
             history_rounds=5, apart_pairs=4),
    Instance("one round of 40, diverse", 40, 1, 3, 4, 0, attributes="mixed"),
]


def build(instance: Instance, seed: int):
    rng = random.Random(seed)
    people = [f"p{i}" for i in range(instance.people)]
    present = None
    if instance.absent_share:
        present = [[p for p in people if rng.random() >= instance.absent_share] for _ in range(instance.rounds)]
    attributes = None
    if instance.attributes == "mixed":
        attributes = {p: {"practice_type": rng.choice(["dentist", "vet", "psychologist", "physiotherapist"]),
                          "region": rng.choice(["hovedstaden", "sjaelland", "syddanmark", "midtjylland"]),
                          "gender": rng.choice(["female", "male"]), "age": rng.randint(30, 65)} for p in people}
    elif instance.attributes == "types":
        attributes = {p: {"practice_type": rng.choice(KINDS_8[:4])} for p in people}
    elif instance.attributes == "types8":
        attributes = {p: {"practice_type": KINDS_8[i % 8]} for i, p in enumerate(people)}
    history = None
    if instance.history_design:
        _, design = known_design(instance.people, instance.size_min)
        names = people[:]
        rng.shuffle(names)
        history = [[tuple(names[p] for p in group) for group in groups]
                   for groups in rng.sample(design, instance.history_rounds)]
    elif instance.history_rounds:
        history = greedy_rounds(people, instance.history_rounds, instance.size_min, instance.size_max,
                                seed=seed + 1000)
    apart = rng.sample([tuple(pair) for pair in combinations(people, 2)], instance.apart_pairs)
    return people, present, attributes, history, apart


def same_type_pairs(schedule, attributes) -> int | None:
    if not attributes:
        return None
    kind = {p: values.get("practice_type") for p, values in attributes.items()}
    return sum(1 for groups in schedule for group in groups for a, b in combinations(group, 2) if kind[a] == kind[b])


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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default="", help="run the instances whose name contains this text")
    args = parser.parse_args(argv)

    header = (f"{'instance':<40} {'n':>3} {'repeats':>7} {'best':>4} {'same':>4} {'s_best':>6} {'proven':>6} "
              f"{'gap':>3} {'valid':>5} {'time_s':>6} {'greedy':>6} {'g_same':>6} {'g_time_s':>8} {'method':<18}")
    print(header)
    print("-" * len(header))
    optimal = valid_count = small = proven_small = 0
    total = 0.0
    load_before = os.getloadavg()[0]
    chosen = [instance for instance in INSTANCES if args.only in instance.name]
    for instance in chosen:
        people, present, attributes, history, apart = build(instance, args.seed)
        options = dict(present_by_round=present, attributes=attributes, history=history, apart=apart,
                       seed=args.seed)
        start = time.perf_counter()
        ours = plan_rounds(people, instance.rounds, instance.size_min, instance.size_max,
                           time_limit=args.time_limit, **options)
        ours_s = time.perf_counter() - start
        total += ours_s
        start = time.perf_counter()
        greedy = greedy_rounds(people, instance.rounds, instance.size_min, instance.size_max, **options)
        greedy_s = time.perf_counter() - start
        start = time.perf_counter()
        again = plan_rounds(people, instance.rounds, instance.size_min, instance.size_max,
                            time_limit=args.time_limit, instead_of=ours, **{**options, "seed": args.seed + 1})
        again_s = time.perf_counter() - start
        ok = valid(ours, people, present, instance.size_min, instance.size_max) \
            and valid(again, people, present, instance.size_min, instance.size_max)
        valid_count += ok
        explanation = ours.explanation
        same, greedy_same = same_type_pairs(ours, attributes), same_type_pairs(greedy, attributes)
        optimal += (instance.best_known is not None and explanation.repeats == instance.best_known
                    and (instance.best_same_type is None or same == instance.best_same_type))
        is_small = max(len(here) for here in (present or [people])) <= MAX_PRESENT
        small += is_small
        proven_small += is_small and ours.proven_optimal
        print(f"{instance.name:<40} {instance.people:>3} {explanation.repeats:>7} {_dash(instance.best_known):>4} "
              f"{_dash(same):>4} {_dash(instance.best_same_type):>6} {'yes' if ours.proven_optimal else 'no':>6} "
              f"{_dash(ours.gap):>3} {'yes' if ok else 'NO':>5} {ours_s:>6.2f} {greedy.explanation.repeats:>6} "
              f"{_dash(greedy_same):>6} {greedy_s:>8.3f} {explanation.construction:<18} "
              f"{_another(again.explanation.alternative):<14} {again_s:>8.2f}")
    print(f"RESULT instances={len(chosen)} optimal={optimal} valid={valid_count} small={small} "
          f"proven_small={proven_small} total_s={total:.2f} load={load_before:.1f}-{os.getloadavg()[0]:.1f}")
    return 0


def _another(alternative) -> str:
    """"Andet forslag" in short: as_good, better, worse (+N repeats), "only" when the first plan is proven
    the only optimum."""
    text = alternative.compared
    if alternative.compared == "worse" and alternative.repeats_more > 0:
        text += f"+{alternative.repeats_more}"
    return text + (" only" if alternative.previous_only_optimum else "")


def _dash(value) -> str:
    return "-" if value is None else str(value)


if __name__ == "__main__":
    sys.exit(main())
