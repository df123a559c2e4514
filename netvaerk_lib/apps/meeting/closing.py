"""Closing: the next meeting's date, time and theme agreed and written to the plan, and the meeting marked held."""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.state import Section
from netvaerk_lib.evaluation import sessions
from netvaerk_lib.evaluation.results import progress_text
from netvaerk_lib.evaluation.sessions import close_evaluation
from netvaerk_lib.meeting.closing import agree_next_meeting, finish_meeting, following_meeting, theme
from netvaerk_lib.model import ValidationError
from netvaerk_lib.planning.frame import default_time
from netvaerk_lib.texts import clock, long_date, t
from netvaerk_lib.timezone import moment
from netvaerk_lib.ui import FormField, button, card, escape, html_block


class ClosingSection(Section):
    def build(self) -> widgets.Widget:
        self.next_info = html_block()
        self.next_date = widgets.DatePicker()
        self.next_time = widgets.Text()
        self.next_topic = widgets.Dropdown(options=[])
        self.next_new_topic = widgets.Text()
        self.form = [FormField("next_date", self.next_date, t("run.closing.date"), required=True),
                     FormField("next_time", self.next_time, t("run.closing.time"), required=True),
                     FormField("next_topic", self.next_topic, t("run.closing.topic")),
                     FormField("next_new_topic", self.next_new_topic, t("run.closing.new_topic"))]
        agree = button(t("run.closing.agree"), kind="primary")
        agree.on_click(self.handler(self._on_agree))
        self.finish_button = button(t("run.closing.finish"))
        self.finish_button.on_click(self.handler(self._on_finish))
        self.finish_info = html_block()
        self.evaluation_info = html_block()
        self.close_evaluation_button = button(t("run.closing.close_evaluation"), kind="primary")
        self.close_evaluation_button.on_click(self.handler(self._on_close_evaluation))
        return card([self.next_info] + [f.box for f in self.form]
                    + [agree, html_block(f"<h3>{escape(t('run.closing.finish_title'))}</h3>"), self.finish_info,
                       self.finish_button, self.evaluation_info, self.close_evaluation_button],
                    title=t("run.section.closing"), css_class="nv-run-closing")

    def render(self) -> None:
        meeting, network = self.state.meeting, self.state.network
        planned = following_meeting(self.store, meeting)
        if planned is None:
            self.next_info.value = f'<p>{escape(t("run.closing.none_planned"))}</p>'
        else:
            text = t("run.closing.planned", date=long_date(planned.starts_at), time=clock(planned.starts_at),
                     theme=theme(self.store, planned) or t("run.closing.no_theme"))
            self.next_info.value = f'<p role="status">{escape(text)}</p>'
        self.next_date.value = planned.starts_at.date() if planned else None
        self.next_time.value = clock(planned.starts_at if planned else default_time(network))
        topics = self.store.list_topics(network.id)
        options = [(t("run.closing.choose_topic"), None)] + [(topic.title, topic.id) for topic in topics]
        if list(self.next_topic.options) != options:
            self.next_topic.options = options
        self.next_topic.value = planned.topic_id if planned and planned.topic_id in {x.id for x in topics} else None
        self.next_new_topic.value = ""
        status = t(f"meeting_status.{meeting.status}")
        self.finish_info.value = f'<p>{escape(t("run.closing.status", status=status))}</p>'
        self.finish_button.layout.display = "none" if meeting.status == "held" else ""
        self._render_evaluation_end()

    def _render_evaluation_end(self) -> None:
        """Once the meeting is finished, an evaluation still open is offered to be closed now."""
        meeting = self.state.meeting
        session = self.store.evaluation_session(meeting.id)
        waiting = meeting.status == "held" and session is not None and session.is_open
        self.close_evaluation_button.layout.display = "" if waiting else "none"
        if not waiting:
            self.evaluation_info.value = ""
            return
        progress = sessions.progress(self.store, meeting.id)
        when = f"{long_date(session.closes_at)} {clock(session.closes_at)}" if session.closes_at else "–"
        text = t("run.closing.evaluation_open", count=progress_text(progress.answered, progress.present), when=when)
        self.evaluation_info.value = f'<p role="status" class="nv-run-evaluation-open">{escape(text)}</p>'

    def _on_agree(self, _button=None) -> None:
        for form_field in self.form:
            form_field.show_error([])
        try:
            planned = agree_next_meeting(self.store, self.state.meeting, self.next_date.value, self.next_time.value,
                                         self.next_topic.value, self.next_new_topic.value)
        except ValidationError as error:
            for form_field in self.form:
                form_field.show_error(error.for_field(form_field.name))
            self.context.say(t("run.closing.fix"), "error")
            return
        shown_theme = theme(self.store, planned) or t("run.closing.no_theme")
        self.context.say(t("run.closing.agreed", date=long_date(planned.starts_at), time=clock(planned.starts_at),
                           theme=shown_theme), "success")
        self.context.render("closing", "top")

    def _on_finish(self, _button=None) -> None:
        self.state.meeting = finish_meeting(self.store, self.state.meeting, moment())
        self.context.say(t("run.closing.finished"), "success")
        self.context.render("now", "closing", "evaluation", "top")

    def _on_close_evaluation(self, _button=None) -> None:
        close_evaluation(self.store, self.state.meeting.id)
        self.context.say(t("evaluation.access.closed"), "info")
        self.context.render("closing", "evaluation")
