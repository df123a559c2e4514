"""What the grouping panel shows: the rounds of groups with who asks whom (interviews) or who has which role
(sparring), the guide's help beside them and how the groups were made. Pure functions from seating to HTML;
names are escaped here, because a member's name is what a person typed."""

from __future__ import annotations

from collections.abc import Callable

from netvaerk_lib.grouping.wording import explanation_lines
from netvaerk_lib.model import Member
from netvaerk_lib.model.grouping import CASE_GIVER, DONE
from netvaerk_lib.texts import t
from netvaerk_lib.ui import escape

SPARRING_QUESTIONS = tuple(f"guide.sparring_question.{i}" for i in range(1, 8))
SPARRING_INPUTS = ("guide.sparring_input.1", "guide.sparring_input.2")


def member_label(member: Member) -> str:
    return member.name or t("common.erased_member")


def nothing_yet_html() -> str:
    return f"<p>{escape(t('grouping.nothing_yet'))}</p>"


def rounds_html(kind: str, seating, name: Callable[[int], str], locked: bool) -> str:
    """Every round of the seating; ``data-members`` and ``data-locked`` let the browser tests read them back."""
    rounds = [round_html(kind, number, groups, name, len(seating) > 1)
              for number, groups in enumerate(seating, start=1)]
    state = " data-locked='yes'" if locked else ""
    return f"<div class='nv-grouping-rounds' data-kind='{kind}'{state}>{''.join(rounds)}</div>"


def round_html(kind: str, number: int, groups, name: Callable[[int], str], numbered: bool) -> str:
    cards = [group_html(kind, g, seats, name) for g, seats in enumerate(groups, start=1)]
    heading = f"<h3>{escape(t('grouping.round', n=number))}</h3>" if numbered else ""
    guide = guide_html(kind) if number == 1 else ""
    return (f"<section class='nv-grouping-round' data-round='{number}'>{heading}"
            f"<div class='nv-grouping-groups'>{''.join(cards)}</div>{guide}</section>")


def group_html(kind: str, number: int, seats, name: Callable[[int], str]) -> str:
    members = ",".join(str(seat.member) for seat in seats)
    title = f"<h4>{escape(t('grouping.group', n=number))}</h4>"
    if kind == "interview":
        items = []
        for i, seat in enumerate(seats):
            answerer = seats[(i + 1) % len(seats)]
            if answerer is seat:
                items.append(f"<li><span class='nv-grouping-name'>{escape(name(seat.member))}</span></li>")
                continue
            question = f"<span class='nv-grouping-question'>{escape(t(answerer.question))}</span>" \
                if answerer.question else ""
            asks = t("grouping.asks", asker=name(seat.member), answerer=name(answerer.member))
            items.append(f"<li><span class='nv-grouping-name'>{escape(asks)}</span>{question}</li>")
        body = f"<ol>{''.join(items)}</ol>"
    elif seats and all(seat.role == DONE for seat in seats):
        names = ", ".join(name(seat.member) for seat in seats)
        body = (f"<p class='nv-grouping-done'>{escape(t('grouping.sparring.done_group'))}</p>"
                f"<p class='nv-sub'>{escape(names)}</p>")
    else:
        items = [f"<li><span class='nv-grouping-name'>{escape(name(seat.member))}</span> "
                 f"<span class='nv-grouping-role'>{escape(t('grouping.role.' + seat.role))}</span></li>"
                 for seat in seats]
        body = f"<ul>{''.join(items)}</ul>"
    giver = next((f" data-case-giver='{seat.member}'" for seat in seats if seat.role == CASE_GIVER), "")
    return (f"<article class='nv-grouping-group' data-group='{number}' data-members='{members}'{giver}>"
            f"{title}{body}</article>")


def guide_html(kind: str) -> str:
    if kind == "interview":
        return f"<p class='nv-grouping-guide nv-sub'>{escape(t('grouping.interview_help'))}</p>"
    questions = "".join(f"<li>{escape(t(key))}</li>" for key in SPARRING_QUESTIONS)
    inputs = "".join(f"<li>{escape(t(key))}</li>" for key in SPARRING_INPUTS)
    return (f"<div class='nv-grouping-guide'><p class='nv-sub'>{escape(t('grouping.sparring_help'))}</p>"
            f"<strong>{escape(t('grouping.sparring_questions'))}</strong><ol>{questions}</ol>"
            f"<strong>{escape(t('grouping.sparring_inputs'))}</strong><ul>{inputs}</ul></div>")


def explanation_html(explanation, name: Callable[[int], str], more: list[str] = ()) -> str:
    """How the groups were made (the engine's explanation), then ``more`` lines (pairs kept, the case's turns)."""
    lines = explanation_lines(explanation, name) + list(more)
    return (f"<h2>{escape(t('grouping.explanation'))}</h2><ul>"
            + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
