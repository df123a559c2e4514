"""The follow-up round on goals: each goal from earlier meetings marked done, continued or dropped, and the new
goals members set today. Goals passed over at a member's latest meeting are grouped apart as older goals."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.parts import ChoiceRow, follow_rows, muted
from netvaerk_lib.apps.meeting.state import Context, Section
from netvaerk_lib.meeting.follow_up import FOLLOW_UP_STATUSES, add_goal, follow_up, follow_up_rows, new_goals
from netvaerk_lib.model import ValidationError
from netvaerk_lib.texts import ago, long_date, short_date, t
from netvaerk_lib.ui import FormField, button, card, escape, html_block


class FollowUpSection(Section):
    """The round shows the goals from each member's latest meeting; older open goals wait folded under their
    own heading, each with its age, until the facilitator closes them or carries them on."""

    def __init__(self, context: Context):
        self.rows: list[ChoiceRow] = []
        self.older_rows: list[ChoiceRow] = []
        super().__init__(context)

    def build(self) -> widgets.Widget:
        self.row_box = widgets.VBox()
        self.none = html_block(muted(t("run.goals.none")))
        self.older_title = html_block()
        self.older_toggle = button("")
        self.older_toggle.on_click(self.handler(self._on_toggle_older))
        self.older_row_box = widgets.VBox()
        self.older_box = widgets.VBox([html_block(muted(t("run.goals.older_intro"))), self.older_row_box])
        self.older = widgets.VBox([self.older_title, self.older_toggle, self.older_box],
                                  _dom_classes=["nv-run-older-goals"])
        self.new_goal_list = html_block()
        self.goal_member = widgets.Dropdown(options=[])
        self.goal_text = widgets.Text()
        self.goal_form = [FormField("goal_member", self.goal_member, t("run.goals.member")),
                          FormField("goal", self.goal_text, t("run.goals.new_goal"))]
        add = button(t("run.goals.add"), kind="primary")
        add.on_click(self.handler(self._on_add_goal))
        intro = html_block(f'<p>{escape(t("run.goals.intro"))}</p>')
        new_title = html_block(f'<h3>{escape(t("run.goals.new_title"))}</h3>')
        return card([intro, self.row_box, self.older, new_title, self.new_goal_list]
                    + [f.box for f in self.goal_form] + [add], title=t("run.section.follow_up"),
                    css_class="nv-run-follow-up")

    def render(self) -> None:
        meeting = self.state.meeting
        rows = follow_up_rows(self.store, meeting)
        recent = [row for row in rows if not row.older]
        older = sorted((row for row in rows if row.older), key=lambda row: (_when(row), row.goal.id))
        self.rows = self._show_rows(self.rows, recent, self.row_box, [self.none], "run.goals.set_at")
        self.older_rows = self._show_rows(self.older_rows, older, self.older_row_box, [], "run.goals.age")
        self.older.layout.display = "" if older else "none"
        self.older_title.value = f'<h3>{escape(t("run.goals.older_title", n=len(older)))}</h3>'
        shown = self.state.older_goals_shown
        self.older_toggle.description = t("run.goals.hide_older") if shown else t("run.goals.show_older",
                                                                                   n=len(older))
        self.older_toggle.tooltip = self.older_toggle.description
        self.older_box.layout.display = "" if shown else "none"
        options = [(m.name, m.id) for m in self.store.list_members(meeting.network_id)]
        if list(self.goal_member.options) != options:
            self.goal_member.options = options
        items = "".join(f"<li><strong>{escape(member.name)}</strong>: {escape(goal.text)}</li>"
                        for goal, member in new_goals(self.store, meeting))
        self.new_goal_list.value = f"<ul>{items}</ul>" if items else muted(t("run.goals.no_new"))

    def _show_rows(self, shown: list[ChoiceRow], rows: list, box: widgets.Box, empty: list, when_key: str):
        """Show ``rows`` in ``box`` (``empty`` when there are none), updating the rows shown in place."""
        if len(shown) != len(rows) or not rows:
            shown = follow_rows(shown, len(rows), self._row)
            box.children = [row.widget for row in shown] or empty
        for row_widget, row in zip(shown, rows, strict=True):
            row_widget.show(row.goal.id, f'<span class="nv-run-name">{escape(row.member.name)}</span>: '
                            f'{escape(row.goal.text)} <span class="nv-run-muted">'
                            f'{escape(self._when_text(row, when_key))}</span>', row.member.name, row.status)
        return shown

    def _when_text(self, row, key: str) -> str:
        if row.set_at is None:
            return ""
        if key == "run.goals.age":
            return t(key, date=short_date(row.set_at.starts_at),
                     ago=ago(self.state.meeting.starts_at - row.set_at.starts_at))
        return t(key, date=long_date(row.set_at.starts_at))

    def _row(self) -> ChoiceRow:
        return ChoiceRow("goal_status", FOLLOW_UP_STATUSES, "run.goals.mark", "nv-run-goal-row", "nv-run-goal-text",
                         self._on_follow_up, self.context.guarded)

    def _on_toggle_older(self, _button=None) -> None:
        self.state.older_goals_shown = not self.state.older_goals_shown
        self.context.render("follow_up")

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


def _when(row) -> tuple:
    return (row.set_at.starts_at, row.set_at.id) if row.set_at else (dt.datetime.min, 0)
