"""Known repeat-free schedules from design theory, over the points ``0 .. v-1``.

A *resolvable design* splits v points into groups of k, round after round, so that no two points are ever
in the same group twice. Local search alone rarely finds these for the classical sizes, so they are built:

- pairs: the round robin (circle method), a 1-factorisation of the complete graph, for any even v;
- groups of 4 for 16 people: the affine plane AG(2, 4) over the field GF(4), one round per slope;
- Kirkman triple systems KTS(15) and KTS(21), the resolvable 2-(28, 4, 1) and 2-(40, 4, 1) designs, the
  nearly Kirkman triple system NKTS(18) and the 4-RGDD of type 3^8 (24 in fours for 7 rounds): *cyclic* designs.
  The points are ``Z_m x {levels}`` (plus fixed points "inf"); one base round is developed by adding
  ``0 .. m-1`` to every point, which gives m rounds. The base blocks are chosen so that every *difference
  class* (two points of the same level at distance d, two levels at offset d, or a fixed point and a level)
  occurs exactly once among them; then every pair of points meets exactly once. For KTS(21), three extra
  rounds are the orbits of three transversal blocks (one point per level) under ``Z_7``.

The base blocks below were found by search (exhaustive, or CP-SAT) over these difference conditions; ``verify`` checks
the resulting schedule, and the unit tests check every design.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

Point = tuple[int, int] | str  # (x, level) or "inf"
Round = list[tuple[int, ...]]


@dataclass(frozen=True)
class CyclicDesign:
    """Base blocks developed modulo ``modulus`` over ``levels`` copies of Z_m and the fixed point "inf"."""

    name: str
    modulus: int
    levels: int
    fixed_points: int
    base_round: tuple[tuple[Point, ...], ...]
    transversals: tuple[tuple[Point, ...], ...] = ()
    more_base_rounds: tuple[tuple[tuple[Point, ...], ...], ...] = ()  # each developed like the first

    @property
    def size(self) -> int:
        return self.modulus * self.levels + self.fixed_points

    def _index(self, point: Point, shift: int) -> int:
        if isinstance(point, str):  # "inf", or "inf0", "inf1", ... when there are several fixed points
            return self.modulus * self.levels + int(point[3:] or 0)
        x, level = point
        return level * self.modulus + (x + shift) % self.modulus

    def rounds(self) -> list[Round]:
        developed = [
            [tuple(sorted(self._index(p, shift) for p in block)) for block in base]
            for base in (self.base_round, *self.more_base_rounds) for shift in range(self.modulus)
        ]
        fixed = [
            [tuple(sorted(self._index(p, shift) for p in block)) for shift in range(self.modulus)]
            for block in self.transversals
        ]
        return developed + fixed


KIRKMAN_15 = CyclicDesign(
    "kirkman-15", 7, 2, 1,
    (((6, 0), (3, 1), "inf"), ((5, 0), (1, 1), (4, 1)), ((4, 0), (5, 1), (6, 1)), ((2, 0), (0, 1), (2, 1)),
     ((0, 0), (1, 0), (3, 0))),
)

KIRKMAN_21 = CyclicDesign(
    "kirkman-21", 7, 3, 0,
    (((2, 2), (4, 2), (5, 2)), ((3, 1), (5, 1), (6, 1)), ((6, 0), (2, 1), (0, 2)), ((5, 0), (4, 1), (1, 2)),
     ((4, 0), (1, 1), (3, 2)), ((2, 0), (0, 1), (6, 2)), ((0, 0), (1, 0), (3, 0))),
    transversals=(((0, 0), (0, 1), (0, 2)), ((0, 0), (1, 1), (2, 2)), ((0, 0), (2, 1), (5, 2))),
)

RESOLVABLE_28_4 = CyclicDesign(
    "resolvable-28-4", 9, 3, 1,
    (((1, 1), (4, 1), (8, 1), (6, 2)), ((7, 0), (2, 1), (3, 1), (3, 2)), ((6, 0), (7, 1), (1, 2), "inf"),
     ((5, 0), (4, 2), (7, 2), (8, 2)), ((4, 0), (8, 0), (6, 1), (5, 2)), ((2, 0), (5, 1), (0, 2), (2, 2)),
     ((0, 0), (1, 0), (3, 0), (0, 1))),
)

# The resolvable 2-(40, 4, 1) design (13 rounds of ten groups of 4). Its base round is also invariant under
# (x, level) -> (3x, level + 1), which cut the search to the block with "inf" and three orbits of three blocks.
RESOLVABLE_40_4 = CyclicDesign(
    "resolvable-40-4", 13, 3, 1,
    (("inf", (0, 0), (0, 1), (0, 2)), ((1, 0), (2, 0), (6, 0), (12, 2)), ((3, 1), (6, 1), (5, 1), (10, 0)),
     ((9, 2), (5, 2), (2, 2), (4, 1)), ((1, 1), (3, 0), (4, 2), (8, 1)), ((3, 2), (9, 1), (12, 0), (11, 2)),
     ((9, 0), (1, 2), (10, 1), (7, 0)), ((2, 1), (8, 2), (10, 2), (11, 1)), ((6, 2), (11, 0), (4, 0), (7, 2)),
     ((5, 0), (7, 1), (12, 1), (8, 0))),
)

# A nearly Kirkman triple system NKTS(18): 8 rounds of six triples; the 9 pairs that never meet are a perfect
# matching (pure difference 2 on each level and the two fixed points). Z_4 x 4 levels + 2 fixed points, two
# base rounds developed modulo 4. Every other difference class occurs once among the base blocks.
NEARLY_KIRKMAN_18 = CyclicDesign(
    "nearly-kirkman-18", 4, 4, 2,
    (((0, 0), (1, 1), (0, 3)), ((2, 1), (1, 2), "inf1"), ((3, 0), (3, 1), (0, 2)), ((3, 2), (1, 3), (2, 3)),
     ((1, 0), (3, 3), "inf0"), ((2, 0), (0, 1), (2, 2))),
    more_base_rounds=((((0, 0), (1, 0), (3, 2)), ((2, 1), (2, 2), "inf0"), ((0, 2), (1, 2), (1, 3)),
                       ((0, 1), (3, 1), (0, 3)), ((3, 0), (2, 3), "inf1"), ((2, 0), (1, 1), (3, 3))),),
)

# A resolvable group divisible design 4-RGDD of type 3^8: 24 people in fours for 7 rounds (the social golfer
# problem 6-4-7) with no repeat; the 8 "groups" that never meet are {(x, 0), (x, 1), (x, 2)} and the three
# fixed points. Z_7 x 3 levels + 3 fixed points, one base round (mixed difference 0 is the unused class).
RESOLVABLE_GDD_24 = CyclicDesign(
    "resolvable-gdd-24", 7, 3, 3,
    (((0, 0), (2, 0), (6, 0), (5, 2)), ((1, 0), (6, 1), (2, 2), "inf0"), ((3, 0), (0, 1), (4, 1), (5, 1)),
     ((5, 0), (1, 1), (0, 2), "inf1"), ((4, 0), (3, 1), (1, 2), "inf2"), ((2, 1), (3, 2), (4, 2), (6, 2))),
)

CYCLIC_DESIGNS = {(d.size, len(d.base_round[0])): d
                  for d in (KIRKMAN_15, KIRKMAN_21, RESOLVABLE_28_4, RESOLVABLE_40_4, NEARLY_KIRKMAN_18,
                            RESOLVABLE_GDD_24)}


def round_robin(v: int) -> list[Round]:
    """The circle method: v-1 rounds of v/2 pairs in which every pair meets once (v even)."""
    if v % 2:
        raise ValueError("round robin needs an even number of points")
    circle = list(range(1, v))
    rounds = []
    for _ in range(v - 1):
        line = [0] + circle
        rounds.append([tuple(sorted((line[i], line[v - 1 - i]))) for i in range(v // 2)])
        circle = circle[-1:] + circle[:-1]
    return rounds


def _gf4_mul(a: int, b: int) -> int:
    """Multiplication in GF(4) = {0, 1, w, w+1} coded 0..3 with w^2 = w + 1 (addition is XOR)."""
    product = 0
    for bit in range(2):
        if b >> bit & 1:
            product ^= a << bit
    if product & 4:
        product ^= 0b111
    return product


def affine_plane_4() -> list[Round]:
    """AG(2, 4): 16 points (x, y) over GF(4), 5 rounds: the lines of each slope and the vertical lines."""
    def index(x: int, y: int) -> int:
        return 4 * x + y

    rounds = []
    for slope in range(4):
        rounds.append([tuple(sorted(index(x, _gf4_mul(slope, x) ^ c) for x in range(4))) for c in range(4)])
    rounds.append([tuple(sorted(index(c, y) for y in range(4))) for c in range(4)])
    return rounds


# Nine pairwise disjoint lines of PG(4, 2), i.e. 2-dimensional subspaces {0, a, b, a^b} of GF(2)^5 (nine is the
# most there can be). The cosets of one subspace split the 32 vectors into 8 groups of 4, and two vectors x, y
# share a group exactly when x^y lies in that subspace; disjoint subspaces therefore never put a pair together
# twice. 32 people in fours for 10 rounds (the social golfer problem 8-4-10) needs a tenth round, which the
# search adds; a full repeat-free schedule for it exists but is not constructed here.
PARTIAL_SPREAD_32 = ((1, 2), (4, 8), (5, 10), (6, 16), (7, 18), (9, 17), (11, 20), (13, 19), (14, 23))


def partial_spread_32() -> list[Round]:
    rounds = []
    for a, b in PARTIAL_SPREAD_32:
        seen: set[int] = set()
        groups = []
        for x in range(32):
            if x not in seen:
                group = tuple(sorted({x, x ^ a, x ^ b, x ^ a ^ b}))
                seen.update(group)
                groups.append(group)
        rounds.append(groups)
    return rounds


def known_design(v: int, k: int) -> tuple[str, list[Round]] | None:
    """A repeat-free schedule of groups of k for v people, as many rounds as known here, or None."""
    if k == 2 and v >= 2 and v % 2 == 0:
        return "round-robin", round_robin(v)
    if (v, k) == (16, 4):
        return "affine-plane-16", affine_plane_4()
    if (v, k) == (32, 4):
        return "partial-spread-32", partial_spread_32()
    design = CYCLIC_DESIGNS.get((v, k))
    if design is not None:
        return design.name, design.rounds()
    return None


def verify(rounds: Sequence[Round], v: int, k: int) -> None:
    """Raise AssertionError unless every round partitions 0..v-1 into groups of k and no pair meets twice."""
    met: set[tuple[int, int]] = set()
    for number, groups in enumerate(rounds):
        placed = sorted(p for group in groups for p in group)
        assert placed == list(range(v)), f"round {number} is not a partition"
        assert all(len(group) == k for group in groups), f"round {number} has a group not of size {k}"
        for pair in (pair for group in groups for pair in combinations(sorted(group), 2)):
            assert pair not in met, f"pair {pair} meets again in round {number}"
            met.add(pair)
