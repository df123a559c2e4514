"""The facilitator's evaluation ("Evalueringsresultater"): open and close it, hand out codes, follow the count,
see the results once at least three have answered.

:class:`EvaluationAccessPanel` (open/close, codes with QR, live count) is self-contained so that the
facilitator dashboard can embed it: ``EvaluationAccessPanel(app, meeting_id).widget``.
"""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import parse_qs

import anywidget
import ipywidgets as widgets
import traitlets

from netvaerk_lib.apps.evaluation_form import request_query
from netvaerk_lib.evaluation import codes, results, sessions
from netvaerk_lib.evaluation.slips import Slip, code_slips_pdf
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import long_date, number, t
from netvaerk_lib.timezone import now
from netvaerk_lib.ui import App, button, card, download_link, escape, html_block

REFRESH_SECONDS = 5
STYLESHEET = Path(results.__file__).with_name("results.css")


def stylesheet() -> widgets.HTML:
    return widgets.HTML(f"<style>{STYLESHEET.read_text(encoding='utf-8')}</style>", layout={"display": "none"})


def chart(png: bytes, alt: str) -> widgets.HTML:
    """A chart as an image with a text alternative (``widgets.Image`` has no alt text, so an inline data URL)."""
    source = base64.b64encode(png).decode("ascii")
    return html_block(f'<img class="nv-eval-chart" src="data:image/png;base64,{source}" alt="{escape(alt)}">')


class Ticker(anywidget.AnyWidget):
    """Asks the kernel every few seconds to refresh (a browser timer: no thread touches the store)."""

    _esm = """
    export default {
      render({ model }) {
        const id = setInterval(() => model.send({ type: "tick" }), Math.max(1, model.get("seconds")) * 1000);
        return () => clearInterval(id);
      },
    };
    """
    seconds = traitlets.Int(REFRESH_SECONDS).tag(sync=True)

    def __init__(self, callback, **kwargs):
        super().__init__(**kwargs)
        self.layout.display = "none"
        self.on_msg(lambda _widget, content, _buffers: callback() if content == {"type": "tick"} else None)


class EvaluationAccessPanel:
    """Open/close the meeting's evaluation, issue and show the personal codes (text + QR), the live count.

    Codes exist in clear only in this panel's memory (the store keeps hashes): after a reload, "new codes"
    makes fresh ones for everyone who has not answered; the old ones stop working.
    """

    def __init__(self, app: App, meeting_id: int | None = None, form_url: str | None = None):
        self.app, self.store = app, app.store
        self.meeting_id = meeting_id
        self.form_url = form_url or sessions.form_url()
        self.codes: dict[int, str] = {}
        self.status = html_block("", "nv-eval-status")
        self.open_button = button(t("evaluation.access.open"), kind="primary")
        self.close_button = button(t("evaluation.access.close"))
        self.renew_button = button(t("evaluation.access.renew_all"))
        self.slips_button = button(t("evaluation.access.slips"))
        self.slips = html_block("", "nv-eval-slips")
        self.open_button.on_click(app.guarded(self._on_open))
        self.slips_button.on_click(app.guarded(self._on_slips))
        self.close_button.on_click(app.guarded(self._on_close))
        self.renew_button.on_click(app.guarded(self._on_renew_all))
        self.big = widgets.VBox()
        self.big.add_class("nv-eval-big")
        self.rows = widgets.VBox()
        self.rows.add_class("nv-eval-codes")
        self.ticker = Ticker(app.guarded(self.refresh_count))
        self.on_count_change = None  # callable(answered) for the embedding app
        self._answered: int | None = None
        buttons = widgets.HBox([self.open_button, self.close_button, self.renew_button, self.slips_button])
        buttons.add_class("nv-row")
        self.widget = card([stylesheet(), self.status, buttons, self.slips, self.big, self.rows, self.ticker],
                           title=t("evaluation.access.title"), css_class="nv-eval-access")
        if meeting_id is not None:
            self.show_meeting(meeting_id)

    # -- reading ---------------------------------------------------------------------------------------------

    def show_meeting(self, meeting_id: int) -> None:
        self.meeting_id, self.codes, self._answered = meeting_id, {}, None
        self.big.children = []
        self.slips.value = ""
        self.refresh()

    def refresh(self) -> None:
        self.refresh_count()
        self._paint_rows()

    def refresh_count(self) -> None:
        if self.meeting_id is None:
            return
        state = sessions.progress(self.store, self.meeting_id)
        key = "evaluation.access.is_open" if state.is_open else (
            "evaluation.access.is_closed" if self.store.evaluation_session(self.meeting_id) else
            "evaluation.access.not_opened")
        count = results.progress_text(state.answered, state.present)
        self.status.value = (f'<p class="nv-eval-state" role="status" aria-live="polite">'
                             f'<strong>{escape(t(key))}</strong> · <span class="nv-eval-count">{escape(count)}</span>'
                             f'</p>')
        self.open_button.layout.display = "none" if state.is_open else ""
        self.close_button.layout.display = "" if state.is_open else "none"
        self.renew_button.layout.display = "" if state.is_open else "none"
        self.slips_button.layout.display = "" if state.is_open else "none"
        if state.answered != self._answered:
            changed = self._answered is not None
            self._answered = state.answered
            if changed and self.on_count_change:
                self.on_count_change(state.answered)

    def _paint_rows(self) -> None:
        present = sessions.present_member_ids(self.store, self.meeting_id)
        if not present:
            self.rows.children = [html_block(f"<p>{escape(t('evaluation.access.no_present'))}</p>")]
            return
        session = self.store.evaluation_session(self.meeting_id)
        issued = {code.member_id for code in self.store.evaluation_codes(self.meeting_id)}
        names = self._member_names()
        self.rows.children = [self._row(names[member_id], member_id, session is not None and session.is_open,
                                        member_id in issued)
                              for member_id in sorted(present, key=lambda m: names[m].casefold())]

    def _member_names(self) -> dict[int, str]:
        """Every member of the meeting's network by id; an erased member has a placeholder name."""
        network_id = self.store.get_meeting(self.meeting_id).network_id
        return {member.id: member.name or t("common.erased_member")
                for member in self.store.list_members(network_id, include_erased=True)}

    def _answered_members(self) -> set[int]:
        """The members whose code is spent (an answer is stored, unlinked from them)."""
        return {code.member_id for code in self.store.evaluation_codes(self.meeting_id) if code.spent}

    def _row(self, name: str, member_id: int, is_open: bool, issued: bool) -> widgets.Widget:
        code = self.codes.get(member_id)
        if code:
            link = sessions.form_link(code, self.form_url)
            qr_label = escape(t("evaluation.access.qr_for", name=name))
            info = (f'<div class="nv-eval-code-row"><div class="nv-eval-qr-small" role="img" aria-label="{qr_label}">'
                    f'{sessions.qr_svg(link)}</div>'
                    f'<div><strong>{escape(name)}</strong><br><span class="nv-eval-code-text">'
                    f'{escape(codes.display(code))}</span></div></div>')
        else:
            state = "evaluation.access.code_handed_out" if issued else "evaluation.access.no_code"
            info = (f'<div class="nv-eval-code-row"><div><strong>{escape(name)}</strong><br>'
                    f'<span class="nv-eval-muted">{escape(t(state))}</span></div></div>')
        actions = []
        if is_open and code:
            show = button(t("evaluation.access.show_big"), tooltip=t("evaluation.access.show_big_for", name=name))
            show.on_click(self.app.guarded(lambda _b, m=member_id, n=name: self._show_big(m, n)))
            actions.append(show)
        if is_open:
            renew = button(t("evaluation.access.renew"), tooltip=t("evaluation.access.renew_for", name=name))
            renew.on_click(self.app.guarded(lambda _b, m=member_id: self._renew([m])))
            actions.append(renew)
        buttons = widgets.HBox(actions)
        buttons.add_class("nv-row")
        row = widgets.HBox([html_block(info), buttons])
        row.add_class("nv-row")
        row.add_class("nv-eval-member")
        return row

    def _show_big(self, member_id: int, name: str) -> None:
        code = self.codes.get(member_id)
        if code is None:
            raise ValidationError([FieldError("code", t("evaluation.access.no_code"))])
        link = sessions.form_link(code, self.form_url)
        hide = button(t("evaluation.access.hide_big"))
        hide.on_click(self.app.guarded(lambda _b: setattr(self.big, "children", [])))
        qr_label = escape(t("evaluation.access.qr_for", name=name))
        self.big.children = [html_block(
            f'<div class="nv-eval-big-card"><h3>{escape(name)}</h3>'
            f'<div class="nv-eval-qr-big" role="img" aria-label="{qr_label}">{sessions.qr_svg(link)}</div>'
            f'<p class="nv-eval-big-code">{escape(codes.display(code))}</p>'
            f'<p class="nv-eval-link">{escape(t("evaluation.access.or_open", url=self.form_url))}</p></div>'), hide]

    # -- acting ------------------------------------------------------------------------------------------------

    def _require_meeting(self) -> None:
        if self.meeting_id is None:  # an embedding page that has not chosen a meeting yet
            raise ValidationError([FieldError("meeting", t("evaluation.results.bad_meeting"))])

    def _require_open(self) -> None:
        self._require_meeting()
        session = self.store.evaluation_session(self.meeting_id)
        if session is None or not session.is_open:  # the button may be stale in the browser
            raise ValidationError([FieldError("code", t("evaluation.code.closed"))])

    def _on_open(self, _button=None) -> None:
        self._require_meeting()
        sessions.open_evaluation(self.store, self.meeting_id)
        self.codes.update(sessions.issue_codes(self.store, self.meeting_id))
        self.app.say(t("evaluation.access.opened"), "success")
        self.refresh()

    def _on_close(self, _button=None) -> None:
        self._require_meeting()
        sessions.close_evaluation(self.store, self.meeting_id)
        self.codes = {}
        self.big.children = []
        self.slips.value = ""
        self.app.say(t("evaluation.access.closed"), "info")
        self.refresh()
        if self.on_count_change:
            self.on_count_change(self._answered)

    def _on_slips(self, _button=None) -> None:
        """A PDF with a slip for every present member whose code this page still holds (codes made here)."""
        self._require_open()
        names, answered = self._member_names(), self._answered_members()
        present = set(sessions.present_member_ids(self.store, self.meeting_id))
        chosen = [Slip(names[m], code) for m, code in self.codes.items() if m in present and m not in answered]
        if not chosen:
            raise ValidationError([FieldError("code", t("evaluation.access.slips_none"))])
        chosen.sort(key=lambda slip: slip.name.casefold())
        meeting = self.store.get_meeting(self.meeting_id)
        data = code_slips_pdf(chosen, long_date(meeting.starts_at), self.form_url)
        name = f"kodesedler-{meeting.starts_at:%Y-%m-%d}.pdf"
        self.slips.value = download_link(data, name, "application/pdf",
                                         t("evaluation.access.slips_ready", count=len(chosen)))

    def _on_renew_all(self, _button=None) -> None:
        self._require_meeting()
        answered = self._answered_members()
        self._renew([m for m in sessions.present_member_ids(self.store, self.meeting_id) if m not in answered])

    def _renew(self, member_ids: list[int]) -> None:
        self._require_open()
        present = set(sessions.present_member_ids(self.store, self.meeting_id))
        issued = sessions.issue_codes(self.store, self.meeting_id, [m for m in member_ids if m in present])
        self.codes.update(issued)
        self.slips.value = ""  # slips printed before hold codes that no longer work
        skipped = len(member_ids) - len(issued)
        self.app.say(t("evaluation.access.renewed", count=len(issued)) +
                     (" " + t("evaluation.access.renew_skipped") if skipped else ""), "info")
        self.refresh()


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
        self.access = EvaluationAccessPanel(self, self.selector.value, form_url)
        self.access.on_count_change = lambda _answered: self.new_answers.add_class("nv-eval-has-news")
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
            note = t("evaluation.results.too_few", minimum=results.MIN_ANSWERS, answered=outcome.answered)
            self.results.children = [summary, html_block(f'<p class="nv-eval-too-few">{escape(note)}</p>')]
            return
        from netvaerk_lib.evaluation import charts  # matplotlib only here, never in the member form

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
