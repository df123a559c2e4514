"""The digital flip-over: the last meeting's points again, and today's points typed (kept exactly, shown escaped).
Today's points are one :class:`PointList`, drawn in the browser: a point added is one message."""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.state import Section
from netvaerk_lib.meeting.flipover import add_point, previous_flipover, remove_point
from netvaerk_lib.model import ValidationError
from netvaerk_lib.texts import long_date, t
from netvaerk_lib.timezone import moment
from netvaerk_lib.ui import FormField, button, card, escape, html_block
from netvaerk_lib.widgets.points import PointList


class FlipoverSection(Section):
    def build(self) -> widgets.Widget:
        self.previous = html_block()
        self.points = PointList(empty=t("run.flipover.empty"))
        self.points.on_remove(self.handler(self._on_remove_point))
        self.point_text = widgets.Textarea(rows=2)
        self.point_field = FormField("point", self.point_text, t("run.flipover.new_point"))
        add = button(t("run.flipover.add"), kind="primary")
        add.on_click(self.handler(self._on_add_point))
        return card([self.previous, self.points, self.point_field.box, add], title=t("run.section.flipover"),
                    css_class="nv-run-flipover")

    def render(self) -> None:
        meeting = self.state.meeting
        earlier = previous_flipover(self.store, meeting)
        if earlier is None:
            self.previous.value = ""
        else:
            held, points = earlier
            items = "".join(f"<li>{escape(point.text)}</li>" for point in points)
            self.previous.value = (f'<details class="nv-run-previous" open><summary>'
                                   f'{escape(t("run.flipover.previous", date=long_date(held.starts_at)))}'
                                   f"</summary><ul>{items}</ul></details>")
        self.points.points = [{"id": point.id, "text": point.text, "remove": t("run.flipover.remove"),
                               "tooltip": t("run.flipover.remove_point", text=point.text[:60])}
                              for point in self.store.flipover_points(meeting.id)]

    def _on_add_point(self, _button=None) -> None:
        self.point_field.show_error([])
        try:
            add_point(self.store, self.state.meeting, self.point_text.value, moment())
        except ValidationError as error:
            self.point_field.show_error([problem.message for problem in error.errors])
            return
        self.point_text.value = ""
        self.context.render("flipover")

    def _on_remove_point(self, point_id: object) -> None:
        remove_point(self.store, self.state.meeting, point_id)
        self.context.render("flipover")
