"""The explanation of a plan in plain words, for the facilitator (Danish by default, via the catalogue)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from netvaerk_lib.grouping.engine import Explanation
from netvaerk_lib.texts import number, t, tn

MAX_PAIRS_SHOWN = 6


def explanation_lines(explanation: Explanation, name: Callable[[Hashable], str] = str) -> list[str]:
    """Short sentences: repeats, when the first repeat comes, how mixed the groups are, and any warnings.

    ``name`` turns an id into a display name; the caller escapes the result before showing it as HTML.
    """
    lines = []
    alternative = alternative_line(explanation)
    if alternative:
        lines.append(alternative)
    rounds = explanation.rounds
    if explanation.repeats == 0:
        lines.append(t("grouping.explain.no_repeats_one") if rounds == 1
                     else t("grouping.explain.no_repeats", rounds=rounds))
    else:
        unavoidable = explanation.proven_optimal or explanation.gap == 0  # no plan has fewer repeats
        lines.append(t("grouping.explain.repeats" if unavoidable else "grouping.explain.repeats_plain",
                       n=explanation.repeats))
        if rounds > 1:
            lines.append(t("grouping.explain.first_repeat", rounds=explanation.rounds_before_first_repeat,
                           round=explanation.rounds_before_first_repeat + 1))
        shown = [t("grouping.explain.pair", first=name(a), second=name(b), times=times)
                 for a, b, times in explanation.repeated_pairs[:MAX_PAIRS_SHOWN]]
        more = len(explanation.repeated_pairs) - len(shown)
        if more > 0:
            shown.append(t("grouping.explain.more_pairs", n=more))
        lines.append(t("grouping.explain.pairs", pairs=", ".join(shown)))
    if explanation.diversity is not None:
        lines.append(t("grouping.explain.diversity", percent=number(100 * explanation.diversity)))
    if explanation.construction not in ("search", "greedy", "exact") and rounds > 1:
        lines.append(t("grouping.explain.design"))
    optimality = optimality_line(explanation)
    if optimality:
        lines.append(optimality)
    lines += [str(warning) for warning in explanation.warnings]
    return lines


def optimality_line(explanation: Explanation) -> str | None:
    """"Bevist optimal", or how far from the best possible plan this one can be; None when not known
    (a plan changed by hand, or one with a broken rule, where the distance in repeats says little)."""
    if explanation.proven_optimal:
        return t("grouping.explain.proven_optimal")
    if explanation.gap is None or explanation.hard_violations:
        return None
    if explanation.gap == 0:
        return t("grouping.explain.fewest_repeats")
    return t("grouping.explain.gap", n=explanation.gap)


def alternative_line(explanation: Explanation) -> str | None:
    """For another proposal ("Andet forslag"): as good as the one before, better, or how much worse, and
    whether the one before is the only optimal plan; None for a first proposal."""
    alternative = explanation.alternative
    if alternative is None:
        return None
    if alternative.compared in ("better", "as_good"):
        return t(f"grouping.alternative.{alternative.compared}")
    if alternative.compared == "same":
        return t("grouping.alternative.only_plan")
    if alternative.repeats_more > 0:
        how = tn("grouping.alternative.more_repeats", alternative.repeats_more)
    elif alternative.less_mixed:
        how = t("grouping.alternative.less_mixed")
    else:
        how = t("grouping.alternative.spread")
    if alternative.previous_only_optimum:
        return t("grouping.alternative.next_best" if alternative.next_best else "grouping.alternative.only_optimum",
                 how=how)
    return t("grouping.alternative.worse", how=how)
