"""The head of Kør mødet: the meeting chooser and projector switch, where the meeting is now (current item,
pace, time used), the button to the next item, and the agenda with each item's progress."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.parts import minutes, set_classes
from netvaerk_lib.apps.meeting.state import Context, Section
from netvaerk_lib.meeting.agenda import agenda_progress, meeting_choices, next_position
from netvaerk_lib.meeting.closing import theme
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import clock, long_date, t
from netvaerk_lib.timezone import moment
from netvaerk_lib.ui import FormField, button, escape, html_block

ROW_STATES = ("done", "current", "waiting")
ROW_CLASSES = {f"nv-run-state-{state}" for state in ROW_STATES}


class TopBar(Section):
    """The meeting chooser and the projector switch (which makes the whole page large: ``page``)."""

    def __init__(self, context: Context, page: widgets.Widget, choose_meeting: Callable[[object], None]):
        self.page, self.choose_meeting = page, choose_meeting
        self.shown_options: list | None = None
        super().__init__(context)

    def build(self) -> widgets.Widget:
        self.projector = widgets.ToggleButton(value=False, description=t("run.projector"),
                                              tooltip=t("run.projector_hint"))
        self.projector.add_class("nv-button")
        self.projector.observe(self.handler(self._on_projector), "value")
        box = widgets.HBox([self.projector])  # render puts the meeting chooser before it
        box.add_class("nv-run-top")
        return box

    def render(self) -> None:
        state = self.state
        options = [(t("run.meeting_option", date=long_date(m.starts_at), status=t(f"meeting_status.{m.status}")),
                    m.id) for m in meeting_choices(self.store, state.network.id)]
        if options != self.shown_options:
            self.shown_options = options
            self.widget.children = [self._meeting_field(options), self.projector]
        self.projector.value = state.projector
        if state.projector:
            self.page.add_class("nv-run-projector")
        else:
            self.page.remove_class("nv-run-projector")

    def _meeting_field(self, options) -> widgets.Widget:
        """A new chooser each time the meetings change: a browser shown new options on the same dropdown may keep
        showing the first one instead of the meeting chosen."""
        self.meeting_select = widgets.Dropdown(options=options, value=self.state.meeting.id)
        self.meeting_select.observe(self.handler(lambda change: self.choose_meeting(change["new"])), "value")
        return FormField("meeting", self.meeting_select, t("run.meeting")).box

    def _on_projector(self, change) -> None:
        if self.state.projector != (change["new"] is True):
            self.state.projector = change["new"] is True
            self.context.render("top")


class NowSection(Section):
    """Where the meeting is and what comes next; ``widget`` is the head card, ``agenda`` the agenda's items."""

    def __init__(self, context: Context, start_item: Callable[[object], None]):
        self.start_item = start_item
        super().__init__(context)

    def build(self) -> widgets.Widget:
        self.status = html_block("", "nv-run-status")
        self.next_button = button("", kind="primary")
        self.next_button.add_class("nv-run-next")
        self.next_button.on_click(self.handler(self._on_next_item))
        self.agenda = widgets.VBox()
        self.agenda.add_class("nv-run-agenda-items")
        return widgets.VBox([self.status, self.next_button])

    def render(self) -> None:
        progress = agenda_progress(self.store, self.state.meeting, moment())
        self._render_agenda(progress)  # first: the item just started is marked before the rest follows
        self.status.value = self._status_html(progress)
        following = next_position(progress)
        if following is None or self.state.meeting.status == "held":
            self.next_button.layout.display = "none"
        else:
            title = progress.rows[following].item.title
            key = "run.status.next" if progress.started else "run.status.begin"
            self.next_button.description = t(key, title=title)
            self.next_button.tooltip = t(key, title=title)
            self.next_button.layout.display = ""

    def _render_agenda(self, progress) -> None:
        if len(self.agenda.children) != len(progress.rows):
            self.agenda.children = [self._agenda_row(row.position) for row in progress.rows]
        for box, row in zip(self.agenda.children, progress.rows, strict=True):
            text, go = box.children
            text.value = agenda_row_html(row)
            go.tooltip = t("run.agenda.start_item", title=row.item.title)
            set_classes(box, {f"nv-run-state-{row.state}"}, ROW_CLASSES)

    def _agenda_row(self, position: int) -> widgets.Widget:
        go = button(t("run.agenda.start"))
        go.on_click(self.handler(lambda _b: self.start_item(position)))
        box = widgets.HBox([html_block(), go])
        box.add_class("nv-run-item")
        return box

    def _on_next_item(self, _button=None) -> None:
        following = next_position(agenda_progress(self.store, self.state.meeting, moment()))
        if following is None:
            raise ValidationError([FieldError("agenda", t("run.error.agenda_item"))])
        self.start_item(following)

    def _status_html(self, progress) -> str:
        meeting = self.state.meeting
        shown_theme = theme(self.store, meeting)
        heading = escape(t("run.status.meeting", date=long_date(meeting.starts_at), time=clock(meeting.starts_at)))
        theme_line = f'<div class="nv-run-muted">{escape(t("run.status.theme", theme=shown_theme))}</div>' \
            if shown_theme else ""
        if self.state.checkpoint:
            theme_line += f'<div class="nv-chip nv-checkpoint">{escape(t("run.checkpoint.status"))}</div>'
        held = meeting.status == "held" and progress.current is None
        if held:
            current = escape(t("run.status.held"))
        elif progress.current is not None:
            current = escape(progress.current.item.title)
        elif progress.started:
            current = escape(t("run.status.between"))
        else:
            current = escape(t("run.status.not_started"))
        pace, pace_class = ("", "") if held else pace_of(progress)
        figures = []
        if progress.current is not None:
            row = progress.current
            figures.append((t("run.status.item_time"), t("run.status.used_of", used=minutes(row.used_seconds),
                                                           planned=minutes(row.planned_seconds))))
        figures.append((t("run.status.meeting_time"), t("run.status.used_of", used=minutes(progress.used_seconds),
                                                          planned=minutes(progress.planned_minutes * 60))))
        figure_html = "".join(f'<div class="nv-run-figure">{escape(name)}<strong>{escape(value)}</strong></div>'
                              for name, value in figures)
        return (f'<div class="nv-run-now"><div><div>{heading}</div>{theme_line}'
                f'<div class="nv-run-current" role="status">{current}</div>'
                f'<div class="{pace_class or "nv-run-pace"}">{escape(pace)}</div></div>'
                f'<div class="nv-run-figures">{figure_html}</div></div>')


def pace_of(progress) -> tuple[str, str]:
    """(text, css class) of how the meeting keeps to its plan."""
    behind = progress.behind_seconds
    if not progress.started or abs(behind) < 60:
        return t("run.status.on_plan"), ""
    if behind > 0:
        return t("run.status.behind", minutes=minutes(behind)), "nv-run-behind"
    return t("run.status.ahead", minutes=minutes(-behind)), "nv-run-ahead"


def agenda_row_html(row) -> str:
    used = ""
    if row.state != "waiting":
        over = row.used_seconds > row.planned_seconds + 59
        used = (f' · <span class="{"nv-run-over" if over else ""}">'
                f'{escape(t("run.agenda.used", minutes=minutes(row.used_seconds)))}</span>')
    marker = f' <span class="nv-chip">{escape(t("run.agenda.now"))}</span>' if row.state == "current" else ""
    done = f' <span class="nv-chip">{escape(t("run.agenda.done"))}</span>' if row.state == "done" else ""
    times = t("run.agenda.times", start=clock(row.planned_start), end=clock(row.planned_end),
              minutes=t("common.minutes", n=row.item.minutes))
    return (f'<div class="nv-run-item-title">{escape(row.item.title)}{marker}{done}</div>'
            f'<div class="nv-run-item-times">{escape(times)}{used}</div>')
