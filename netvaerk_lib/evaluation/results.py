"""The facilitator's results: answers so far, distributions, averages against earlier meetings, free texts.

Results are released, never streamed: nothing is shown while the evaluation is open (two looks a single
answer apart would show that answer), and nothing for a meeting with fewer than :data:`MIN_ANSWERS` answers
(in a small group an answer could be recognised); earlier meetings below that line are left out of
comparisons too. Free texts
come in a fresh random order each time, without times. Every text a member wrote is escaped before it
becomes HTML.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field

from netvaerk_lib.evaluation.sealing import SealProblem
from netvaerk_lib.evaluation.sessions import close_due, progress
from netvaerk_lib.model import EvaluationQuestion, Meeting
from netvaerk_lib.store import Store
from netvaerk_lib.texts import number, short_date, t

MIN_ANSWERS = 3


@dataclass
class RatingResult:
    question: EvaluationQuestion
    distribution: dict[int, int]  # rating 1-5 -> how many gave it
    answers: int
    average: float | None
    earlier: list[tuple[Meeting, float]] = field(default_factory=list)  # older meetings, oldest first


@dataclass
class TextResult:
    question: EvaluationQuestion
    texts: list[str]  # in random order


@dataclass
class MeetingResults:
    meeting: Meeting
    answered: int  # as in "N af M til stede har svaret" (sessions.progress)
    present: int
    answers: int  # answers stored (released ones once closed)
    state: str  # 'not_opened', 'open' or 'closed' (sessions.Progress)
    released: bool  # closed (or answers from before the app ran evaluations), so results may show
    ratings: list[RatingResult] = field(default_factory=list)
    texts: list[TextResult] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def shown(self) -> bool:
        return self.released and self.answers >= MIN_ANSWERS


def is_released(store: Store, meeting_id: int) -> bool:
    """May the answers of this meeting be shown at all: its evaluation is closed, or it never had one (answers
    that came in otherwise, e.g. the demo). An open evaluation shows nothing but its count."""
    session = store.evaluation_session(meeting_id)
    return session is None or session.is_closed


def questions_for(store: Store, meeting: Meeting) -> list[EvaluationQuestion]:
    """The form the meeting was evaluated with (its session's version), else the network's current form."""
    session = store.evaluation_session(meeting.id)
    set_id = session.question_set_id if session else store.current_question_set_id(meeting.network_id)
    return store.question_set(set_id)


def meeting_results(store: Store, meeting_id: int, rng: random.Random | None = None) -> MeetingResults:
    meeting = store.get_meeting(meeting_id)
    try:
        close_due(store)
    except SealProblem:
        pass  # it stays open, so nothing is shown; the evaluation panel tells the facilitator why
    state = progress(store, meeting_id)
    released = is_released(store, meeting_id)
    answers = store.evaluation_count(meeting_id) if released else state.answered
    result = MeetingResults(meeting, state.answered, state.present, answers, state.state, released)
    if not result.shown:
        return result
    rng = rng or random.SystemRandom()
    evaluations = store.evaluations(meeting_id)
    earlier = _earlier_averages(store, meeting)
    for question in questions_for(store, meeting):
        if question.kind == "rating":
            given = [e.ratings[question.key] for e in evaluations if question.key in e.ratings]
            distribution = {rating: given.count(rating) for rating in range(1, 6)}
            average = sum(given) / len(given) if given else None
            result.ratings.append(RatingResult(question, distribution, len(given), average,
                                               earlier.get(question.key, [])))
        else:
            texts = [e.texts[question.key] for e in evaluations if e.texts.get(question.key)]
            rng.shuffle(texts)
            result.texts.append(TextResult(question, texts))
    return result


def _earlier_averages(store: Store, meeting: Meeting) -> dict[str, list[tuple[Meeting, float]]]:
    """Question key -> (meeting, average) for the network's earlier meetings with enough answers."""
    counts = store.evaluation_counts(meeting.network_id)
    earlier = {m.id: m for m in store.list_meetings(meeting.network_id)
               if m.starts_at < meeting.starts_at and counts.get(m.id, 0) >= MIN_ANSWERS
               and is_released(store, m.id)}
    averages: dict[str, list[tuple[Meeting, float]]] = {}
    for summary in store.rating_summaries(meeting.network_id):
        if summary.meeting_id in earlier:
            averages.setdefault(summary.question_key, []).append((earlier[summary.meeting_id], summary.average))
    for series in averages.values():
        series.sort(key=lambda pair: pair[0].starts_at)
    return averages


def progress_text(answered: int, present: int) -> str:
    """'5 af 9 til stede har svaret'."""
    return t("evaluation.results.progress", answered=answered, present=present)


def average_text(value: float | None) -> str:
    return t("common.none") if value is None else number(value, 1)


def comparison_text(rating: RatingResult) -> str:
    """One line comparing today's average with the mean of the earlier meetings' averages."""
    if rating.average is None or not rating.earlier:
        return t("evaluation.results.no_earlier")
    before = sum(average for _, average in rating.earlier) / len(rating.earlier)
    return t("evaluation.results.compared", today=number(rating.average, 1), earlier=number(before, 1),
             meetings=len(rating.earlier))


def distribution_table_html(rating: RatingResult) -> str:
    """The distribution as an accessible table (the chart's text alternative)."""
    head = "".join(f"<th scope='col'>{value}</th>" for value in rating.distribution)
    cells = "".join(f"<td>{count}</td>" for count in rating.distribution.values())
    caption = html.escape(rating.question.label())
    return (f"<table class='evaluation-distribution'><caption>{caption}</caption>"
            f"<tr><th scope='row'>{html.escape(t('evaluation.results.rating'))}</th>{head}</tr>"
            f"<tr><th scope='row'>{html.escape(t('evaluation.results.count'))}</th>{cells}</tr></table>")


def free_texts_html(result: TextResult) -> str:
    """A question and its answers as a list; every answer escaped, so it is shown as the text it is."""
    title = f"<h3>{html.escape(result.question.label())}</h3>"
    if not result.texts:
        return title + f"<p>{html.escape(t('evaluation.results.no_texts'))}</p>"
    items = "".join(f"<li>{html.escape(text)}</li>" for text in result.texts)
    return f"{title}<ul class='evaluation-texts'>{items}</ul>"


def earlier_label(meeting: Meeting) -> str:
    return short_date(meeting.starts_at)
