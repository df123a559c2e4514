"""A proposal for one exercise at a meeting: the groups from the engine, with the network's history, the
members' attributes, competitors and the network's own pairs, and the roles in them.

Interviews: ``rounds`` rounds, new groups each round (people meet new people), who asks whom and which
question. Sparring: the groups are made once for the exercise and the case moves on inside them for
``rounds`` rounds (:func:`.roles.sparring_seating`), so the schedule has one round and the seating has the
rounds. Every grouping the apps make goes through :func:`plan_exercise`, so every grouping honours the pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from netvaerk_lib.grouping.engine import Explanation, Notice, explain, plan_rounds, split_sizes
from netvaerk_lib.grouping.pairs import pair_problems, rule_pairs, together_groups
from netvaerk_lib.grouping.roles import EXPECTATION_BANK, INTERVIEW_BANK, interview_roles, sparring_seating
from netvaerk_lib.model import FieldError, Member, ValidationError
from netvaerk_lib.model.grouping import CASE_GIVER, Seating
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import now

SIZES = {"pairs": (2, 3), "triads": (3, 3), "sparring": (3, 4)}
BANKS = {"interview": INTERVIEW_BANK, "expectation": EXPECTATION_BANK}


@dataclass
class Proposal:
    """The groups (``schedule``: rounds of groups of member ids; one round for sparring), the ``seating``
    with roles, how the engine did (``explanation``) and what it was given (``options``)."""

    kind: str
    rounds: int
    schedule: list[list[tuple]]
    seating: Seating
    explanation: Explanation
    options: dict = field(default_factory=dict)
    warnings: list[Notice] = field(default_factory=list)


def sparring_bounds(count: int, rounds: int) -> tuple[int, int]:
    """Group sizes for sparring: groups of 3-4, and groups of 4 when there are four rounds and the people
    present divide into fours, so that every round has a case in every group."""
    if rounds >= 4:
        _, notice = split_sizes(count, 4, 4)
        if notice is None:
            return 4, 4
    return SIZES["sparring"]


def attributes(members: dict[int, Member], ids: list[int]) -> dict[int, dict]:
    """What the engine mixes: practice type, region, gender, age and years as leader."""
    year = now().year
    return {member_id: {"practice_type": m.practice_type, "region": m.region, "gender": m.gender,
                        "age": year - m.birth_year if m.birth_year else None, "years_as_leader": m.years_as_leader}
            for member_id, m in ((i, members[i]) for i in ids)}


def competitors(members: dict[int, Member], ids: list[int]) -> list[tuple[int, int]]:
    """Same practice type in the same region: kept apart when the facilitator asks for it."""
    pairs = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            ma, mb = members[a], members[b]
            if ma.practice_type and ma.region and (ma.practice_type, ma.region) == (mb.practice_type, mb.region):
                pairs.append((a, b))
    return pairs


def engine_pairs(store: Store, network_id: int, members: dict[int, Member], ids: list[int], size_max: int,
                 keep_competitors_apart: bool, name: Callable[[int], str]):
    """(apart, together, network pairs) for the people present. The network's own pairs first: if they
    cannot hold in groups of at most ``size_max``, a ValidationError says why; competitors are kept apart
    only where no together pair binds them into one group."""
    apart, together = rule_pairs(store, network_id, ids)
    problems = pair_problems(apart, together, size_max, name)
    if problems:
        raise ValidationError([FieldError("pair", t("grouping.pairs.error.present", reason=problem.message))
                               for problem in problems])
    bound = together_groups(together)
    rivals = [(a, b) for a, b in competitors(members, ids) if keep_competitors_apart
              and not any(a in group and b in group for group in bound) and (a, b) not in apart]
    return apart + rivals, together, (apart, together)


def plan_exercise(store: Store, network_id: int, kind: str, members: dict[int, Member], ids: list[int], *,
                  size: str, rounds: int, keep_competitors_apart: bool, bank: str | None, seed: int,
                  time_limit: float, name: Callable[[int], str], instead_of=None) -> Proposal:
    """A proposal for those present (``ids``), checked by the engine and the pair rules; ``instead_of`` an earlier
    proposal's schedule that this one must differ from ("Andet forslag")."""
    size_min, size_max = sparring_bounds(len(ids), rounds) if kind == "sparring" else SIZES[size]
    apart, together, own = engine_pairs(store, network_id, members, ids, size_max, keep_competitors_apart, name)
    options = {"history": store.grouping_history(network_id), "attributes": attributes(members, ids),
               "apart": apart, "together": together}
    planned = plan_rounds(ids, 1 if kind == "sparring" else rounds, size_min, size_max, seed=seed,
                          time_limit=time_limit, instead_of=instead_of, **options)
    schedule = [list(groups) for groups in planned]
    seating = seat(store, network_id, kind, schedule, rounds, bank, seed)
    return Proposal(kind, rounds, schedule, seating, planned.explanation, {**options, "own": own},
                    planned.explanation.warnings)


def seat(store: Store, network_id: int, kind: str, schedule, rounds: int, bank: str | None, seed: int) -> Seating:
    """The roles in the groups, from who has had which role (and question) at earlier meetings."""
    counts = store.role_counts(network_id, kind)
    if kind == "interview":
        return interview_roles(schedule, asked=store.questions_asked(network_id),
                               asked_first={m: c["interview_1"] for m, c in counts.items()},
                               bank=BANKS.get(bank, INTERVIEW_BANK), seed=seed)
    return sparring_seating(schedule[0], rounds, chairs={m: c[CASE_GIVER] for m, c in counts.items()}, seed=seed)


def revised(store: Store, network_id: int, proposal: Proposal, schedule, bank: str | None, seed: int) -> Proposal:
    """The proposal after a change by hand (a swap): roles drawn again, the plan explained again."""
    options = {key: value for key, value in proposal.options.items() if key != "own"}
    explanation = explain(schedule, construction="search", warnings=list(proposal.warnings), **options)
    seating = seat(store, network_id, proposal.kind, schedule, proposal.rounds, bank, seed)
    return Proposal(proposal.kind, proposal.rounds, schedule, seating, explanation, proposal.options,
                    proposal.warnings)


def summary_lines(proposal: Proposal, name: Callable[[int], str]) -> list[str]:
    """What the proposal does beyond the engine's explanation: the network's pairs kept, and for sparring
    who brings the challenge over the rounds."""
    lines = []
    apart, together = proposal.options.get("own", ([], []))
    if (apart or together) and not proposal.explanation.hard_violations:
        kept = [t("grouping.pairs.item.apart", first=name(a), second=name(b)) for a, b in apart]
        kept += [t("grouping.pairs.item.together", first=name(a), second=name(b)) for a, b in together]
        lines.append(t("grouping.pairs.kept", pairs="; ".join(kept)))
    if proposal.kind == "sparring" and proposal.seating:
        largest = max(len(group) for group in proposal.schedule[0])
        if proposal.rounds > largest:
            lines.append(t("grouping.sparring.rounds_capped", n=largest))
        total = sum(len(group) for group in proposal.schedule[0])
        givers = {seat.member for groups in proposal.seating for seats in groups for seat in seats
                  if seat.role == CASE_GIVER}
        lines.append(t("grouping.sparring.everyone_once", n=total) if len(givers) == total
                     else t("grouping.sparring.some_wait", n=len(givers), total=total))
    return lines
