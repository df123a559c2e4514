"""Complete a schedule that earlier meetings began from a design: find the design inside the history.

When earlier rounds split everyone into groups of the design's size and are rounds of the design under
some relabelling (as netvaerk plans them when everyone comes), the rest of the design is a repeat-free
continuation. Finding the relabelling is a small isomorphism search: earlier round h is design round
``rho(h)``, and person p sits on point ``phi(p)`` so that every earlier group lands on a group of its round.
Depth-first, always taking the most constrained step: a person whose earlier group-mate is already placed
can only sit on the free points of that mate's design group (at most k - 1 choices); only when no such
person is left does it choose the next round's image. The local search alone left 5 repeats on 21 people
in triples after four Kirkman rounds; this finds the six rounds without repeats in milliseconds.
"""

from __future__ import annotations

import time

Round = list[tuple[int, ...]]
CHECK_EVERY = 256


def design_labels(earlier: list[list[list[int]]], design: list[Round], n: int,
                  deadline: float) -> tuple[list[int], list[int]] | None:
    """(labels: point -> person, the design rounds not used by ``earlier``), or None if not found in time.

    ``earlier`` holds only full rounds: groups of person indices 0..n-1 of the design's group size.
    """
    if not earlier or len(earlier) > len(design):
        return None
    search = _Search(earlier, design, n, deadline)
    try:
        found = search.run()
    except TimeoutError:
        return None
    if not found:
        return None
    labels = [0] * n
    for person, point in search.phi.items():
        labels[point] = person
    used = set(search.rho.values())
    return labels, [r for r in range(len(design)) if r not in used]


class _Search:
    def __init__(self, earlier, design, n, deadline):
        self.earlier, self.design, self.n, self.deadline = earlier, design, n, deadline
        self.group_of = [{p: tuple(group) for group in groups for p in group} for groups in earlier]
        self.block_of = [{q: block for block in blocks for q in block} for blocks in design]
        self.phi: dict[int, int] = {}
        self.person_at: dict[int, int] = {}
        self.rho: dict[int, int] = {}
        self.nodes = 0

    def run(self) -> bool:
        for r in range(len(self.design)):  # earlier round 0 as each design round, person 0 on each point
            self.rho[0] = r
            for q in range(self.n):
                if self._place(0, q):
                    if self._extend():
                        return True
                    self._unplace(0)
        self.rho.clear()
        return False

    def _tick(self) -> None:
        self.nodes += 1
        if self.nodes % CHECK_EVERY == 0 and time.perf_counter() > self.deadline:
            raise TimeoutError

    def _fits(self, p: int, q: int) -> bool:
        """Person p on free point q agrees with every round whose image is chosen."""
        for h, r in self.rho.items():
            group, block = self.group_of[h][p], self.block_of[r][q]
            for m in group:
                if m != p and m in self.phi and self.phi[m] not in block:
                    return False
            for point in block:
                other = self.person_at.get(point)
                if other is not None and other not in group:
                    return False
        return True

    def _place(self, p: int, q: int) -> bool:
        if q in self.person_at or not self._fits(p, q):
            return False
        self.phi[p], self.person_at[q] = q, p
        return True

    def _unplace(self, p: int) -> None:
        del self.person_at[self.phi.pop(p)]

    def _round_fits(self, h: int, r: int) -> bool:
        """Round r as the image of earlier round h agrees with everyone placed."""
        for group in self.earlier[h]:
            placed = [self.phi[m] for m in group if m in self.phi]
            if not placed:
                continue
            block = self.block_of[r][placed[0]]
            if any(q not in block for q in placed):
                return False
            if any((other := self.person_at.get(q)) is not None and other not in group for q in block):
                return False
        return True

    def _extend(self) -> bool:
        self._tick()
        step = self._most_constrained()
        if step is None:
            if len(self.phi) == self.n and len(self.rho) == len(self.earlier):
                return True
            return self._choose_round() if len(self.rho) < len(self.earlier) else self._place_anyone()
        person, points = step
        for q in points:
            if self._place(person, q):
                if self._extend():
                    return True
                self._unplace(person)
        return False

    def _most_constrained(self) -> tuple[int, list[int]] | None:
        """The unplaced person with fewest free points forced by a placed group-mate, and those points."""
        best = None
        for h, r in self.rho.items():
            for p, q in list(self.phi.items()):
                free = [point for point in self.block_of[r][q] if point not in self.person_at]
                for m in self.group_of[h][p]:
                    if m not in self.phi and (best is None or len(free) < len(best[1])):
                        best = (m, free)
                        if len(free) <= 1:
                            return best
        return best

    def _choose_round(self) -> bool:
        h = next(h for h in range(len(self.earlier)) if h not in self.rho)
        taken = set(self.rho.values())
        for r in range(len(self.design)):
            if r not in taken and self._round_fits(h, r):
                self.rho[h] = r
                if self._extend():
                    return True
                del self.rho[h]
        return False

    def _place_anyone(self) -> bool:
        p = next(p for p in range(self.n) if p not in self.phi)
        for q in range(self.n):
            if self._place(p, q):
                if self._extend():
                    return True
                self._unplace(p)
        return False
