"""The evaluation at the end of the meeting: the evaluation area's access panel (codes, QR, live count)."""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.state import Context, Section
from netvaerk_lib.evaluation import sessions
from netvaerk_lib.ui import App
from netvaerk_lib.ui.evaluation_panel import EvaluationAccessPanel


class EvaluationSection(Section):
    def __init__(self, context: Context, app: App, form_url: str | None):
        self.access = EvaluationAccessPanel(app, None, form_url or sessions.form_url())
        super().__init__(context)

    def build(self) -> widgets.Widget:
        box = widgets.VBox([self.access.widget])
        box.add_class("nv-run-evaluation")
        return box

    def render(self) -> None:
        """The meeting's codes and count; another meeting starts afresh (codes live only in the panel)."""
        if self.access.meeting_id != self.state.meeting.id:
            self.access.show_meeting(self.state.meeting.id)
        else:
            self.access.refresh()
