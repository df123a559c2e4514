"""The facilitator's evaluation ("Evalueringsresultater"): open and close it, hand out codes, follow the count,
see the results once the evaluation is closed with at least three answers (released, never streamed).

:class:`EvaluationAccessPanel` (open/close, codes with QR, live count) is self-contained so that the
facilitator dashboard can embed it: ``EvaluationAccessPanel(app, meeting_id).widget``.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import ipywidgets as widgets

from netvaerk_lib.evaluation import charts, results
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import long_date, number, t
from netvaerk_lib.timezone import now
from netvaerk_lib.ui import App, button, card, escape, html_block, request_query
from netvaerk_lib.ui.evaluation_panel import EvaluationAccessPanel, chart


class EvaluationResultsApp(App):
    title_key = "apps.evaluation_results.title"

    def __init__(self, store=None, query: str | None = None, form_url: str | None = None):
        super().__init__(store)
        self.network = self.open_network()
        if self.network is None:
            return
        self.meetings = [m for m in self.store.list_meetings(self.network.id) if m.status != "cancelled"]
        if not self.meetings:
            self.say(t("evaluation.results.no_meetings"), "warning")
            return
        self.selector = widgets.Dropdown(options=[(self._meeting_label(m), m.id) for m in reversed(self.meetings)],
                                         value=self._initial_meeting(query), layout={"width": "100%"},
                                         description=t("evaluation.results.meeting"),
                                         style={"description_width": "initial"})
        self.selector.add_class("nv-input")
        self.access = EvaluationAccessPanel(self, self.selector.value, form_url,
                                            on_count_change=lambda _answered: self.new_answers.add_class(
                                                "nv-eval-has-news"),
                                            on_close=self.show_results)
        self.results = widgets.VBox()
        self.results.add_class("nv-eval-results")
        self.refresh_button = button(t("evaluation.results.refresh"), kind="primary")
        self.refresh_button.on_click(self.guarded(lambda _b: self.show_results()))
        self.new_answers = html_block(f'<span class="nv-eval-news">{escape(t("evaluation.results.news"))}</span>')
        header = widgets.HBox([self.refresh_button, self.new_answers])
        header.add_class("nv-row")
        self.selector.observe(self.guarded(self._on_meeting), "value")
        self.widget.add_class("nv-evaluation-results")
        self.body.children = [card([self.selector]), self.access.widget,
                              card([header, self.results], title=t("evaluation.results.title"))]
        self.show_results()

    def _meeting_label(self, meeting) -> str:
        return t("evaluation.results.meeting_option", date=long_date(meeting.starts_at),
                 status=t(f"meeting_status.{meeting.status}"))

    def _initial_meeting(self, query: str | None) -> int:
        """``?meeting=ID`` if it is one of the network's meetings; else the open evaluation; else today's or the
        latest meeting that has begun; else the first one."""
        ids = {m.id for m in self.meetings}
        wanted = (parse_qs(request_query() if query is None else query).get("meeting") or [""])[0]
        if wanted.isdigit() and int(wanted) in ids:
            return int(wanted)
        for meeting in reversed(self.meetings):
            session = self.store.evaluation_session(meeting.id)
            if session and session.is_open:
                return meeting.id
        started = [m for m in self.meetings if m.starts_at.date() <= now().date()]
        return (started or self.meetings)[-1].id

    def _on_meeting(self, change) -> None:
        if change["new"] not in {m.id for m in self.meetings}:  # a browser can send any value
            raise ValidationError([FieldError("meeting", t("evaluation.results.bad_meeting"))])
        self.access.show_meeting(change["new"])
        self.show_results()

    def show_results(self) -> None:
        self.access.refresh_count()  # take in any news first, so that the notice below is not stale
        self.new_answers.remove_class("nv-eval-has-news")
        outcome = results.meeting_results(self.store, self.selector.value)
        progress = results.progress_text(outcome.answered, outcome.present)
        summary = html_block(f'<p class="nv-eval-progress">{escape(progress)}</p>')
        if not outcome.shown:
            if outcome.is_open:
                note = t("evaluation.results.while_open")
            elif outcome.released and outcome.state == "closed":
                note = t("evaluation.results.too_few", minimum=results.MIN_ANSWERS, answered=outcome.answers)
            else:
                note = t("evaluation.results.not_opened")
            self.results.children = [summary, html_block(f'<p class="nv-eval-too-few">{escape(note)}</p>')]
            return
        today = t("evaluation.results.today")
        cards = []
        for rating in outcome.ratings:
            average = t("evaluation.results.average_line", average=results.average_text(rating.average),
                        answers=rating.answers)
            parts = [html_block(f"<h3>{escape(rating.question.label())}</h3>"),
                     chart(charts.distribution_png(rating), self._distribution_alt(rating)),
                     html_block(f'<p>{escape(average)}</p>'
                                f'<p>{escape(results.comparison_text(rating))}</p>'
                                f'<details><summary>{escape(t("evaluation.results.numbers"))}</summary>'
                                f'{results.distribution_table_html(rating)}</details>')]
            if rating.earlier and rating.average is not None:
                parts.append(chart(charts.trend_png(rating, today), self._trend_alt(rating, today)))
            box = widgets.VBox(parts)
            box.add_class("nv-eval-rating")
            cards.append(box)
        grid = widgets.Box(cards)
        grid.add_class("nv-eval-grid")
        texts = html_block("".join(results.free_texts_html(text) for text in outcome.texts), "nv-eval-free-texts")
        note = html_block(f'<p class="nv-eval-muted">{escape(t("evaluation.results.texts_note"))}</p>')
        self.results.children = [summary, grid, html_block(f"<h3>{escape(t('evaluation.results.texts_title'))}</h3>"),
                                 note, texts]

    @staticmethod
    def _distribution_alt(rating) -> str:
        counts = ", ".join(f"{value}: {count}" for value, count in rating.distribution.items())
        return t("evaluation.results.chart_alt", question=rating.question.label(), counts=counts)

    @staticmethod
    def _trend_alt(rating, today: str) -> str:
        points = [f"{results.earlier_label(m)}: {number(avg, 1)}" for m, avg in rating.earlier]
        points.append(f"{today}: {results.average_text(rating.average)}")
        return t("evaluation.results.trend_alt", question=rating.question.label(), points=", ".join(points))
