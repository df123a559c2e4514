"""The follow-up round on goals: each goal from earlier meetings marked done, continued or dropped, and the new
goals members set today."""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.parts import ChoiceRow, follow_rows, muted
from netvaerk_lib.apps.meeting.state import Context, Section
from netvaerk_lib.meeting.follow_up import FOLLOW_UP_STATUSES, add_goal, follow_up, follow_up_rows, new_goals
from netvaerk_lib.model import ValidationError
from netvaerk_lib.texts import long_date, t
from netvaerk_lib.ui import FormField, button, card, escape, html_block


class FollowUpSection(Section):
    def __init__(self, context: Context):
        self.rows: list[ChoiceRow] = []
        super().__init__(context)

    def build(self) -> widgets.Widget:
        self.row_box = widgets.VBox()
        self.none = html_block(muted(t("run.goals.none")))
        self.new_goal_list = html_block()
        self.goal_member = widgets.Dropdown(options=[])
        self.goal_text = widgets.Text()
        self.goal_form = [FormField("goal_member", self.goal_member, t("run.goals.member")),
                          FormField("goal", self.goal_text, t("run.goals.new_goal"))]
        add = button(t("run.goals.add"), kind="primary")
        add.on_click(self.handler(self._on_add_goal))
        intro = html_block(f'<p>{escape(t("run.goals.intro"))}</p>')
        new_title = html_block(f'<h3>{escape(t("run.goals.new_title"))}</h3>')
        return card([intro, self.row_box, new_title, self.new_goal_list] + [f.box for f in self.goal_form] + [add],
                    title=t("run.section.follow_up"), css_class="nv-run-follow-up")

    def render(self) -> None:
        meeting = self.state.meeting
        rows = follow_up_rows(self.store, meeting)
        if len(self.rows) != len(rows) or not rows:
            self.rows = follow_rows(self.rows, len(rows), self._row)
            self.row_box.children = [row.widget for row in self.rows] or [self.none]
        for shown, row in zip(self.rows, rows, strict=True):
            when = t("run.goals.set_at", date=long_date(row.set_at.starts_at)) if row.set_at else ""
            shown.show(row.goal.id, f'<span class="nv-run-name">{escape(row.member.name)}</span>: '
                       f'{escape(row.goal.text)} <span class="nv-run-muted">{escape(when)}</span>',
                       row.member.name, row.status)
        options = [(m.name, m.id) for m in self.store.list_members(meeting.network_id)]
        if list(self.goal_member.options) != options:
            self.goal_member.options = options
        items = "".join(f"<li><strong>{escape(member.name)}</strong>: {escape(goal.text)}</li>"
                        for goal, member in new_goals(self.store, meeting))
        self.new_goal_list.value = f"<ul>{items}</ul>" if items else muted(t("run.goals.no_new"))

    def _row(self) -> ChoiceRow:
        return ChoiceRow("goal_status", FOLLOW_UP_STATUSES, "run.goals.mark", "nv-run-goal-row", "nv-run-goal-text",
                         self._on_follow_up, self.context.guarded)

    def _on_follow_up(self, goal_id: object, status: str) -> None:
        follow_up(self.store, self.state.meeting, goal_id, status)
        self.context.render("follow_up")

    def _on_add_goal(self, _button=None) -> None:
        for form_field in self.goal_form:
            form_field.show_error([])
        try:
            add_goal(self.store, self.state.meeting, self.goal_member.value, self.goal_text.value)
        except ValidationError as error:
            for form_field in self.goal_form:
                form_field.show_error(error.for_field(form_field.name))
            return
        self.goal_text.value = ""
        self.context.render("follow_up")
