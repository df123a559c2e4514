"""The agenda section: each meeting's agenda from the guide's template, edited row by row against the clock."""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets

from netvaerk_lib.apps.planning.parts import Page, choice, inline, labelled, row, set_options, set_value
from netvaerk_lib.apps.planning.state import PlanningState, load_agenda, meeting_options
from netvaerk_lib.model.planning import EXERCISE_TYPES, MAX_ITEM_MINUTES, AgendaItem, exercise_label
from netvaerk_lib.planning import agenda as agenda_rules
from netvaerk_lib.planning import service
from netvaerk_lib.planning.agenda import check_time
from netvaerk_lib.texts import t
from netvaerk_lib.ui import button, card, download_link, escape, html_block


class ItemRow:
    """The inputs of the agenda's n-th item; made once and filled in by every render."""

    def __init__(self, section: AgendaSection, index: int):
        number = index + 1
        guarded = section.page.guarded
        self.title = widgets.Text(description=t("planning.app.item_title", n=number))
        self.minutes = widgets.BoundedIntText(0, min=0, max=MAX_ITEM_MINUTES,
                                              description=t("planning.app.item_minutes"))
        self.kind = widgets.Dropdown(options=[(exercise_label(c), c) for c in EXERCISE_TYPES], value="none",
                                     description=t("planning.app.item_type"))
        labelled(self.title, self.minutes, self.kind)
        self.title.layout.width = "100%"
        for edited in (self.title, self.minutes, self.kind):
            edited.observe(guarded(section.edited), "value")  # the state holds what is typed, not yet saved
        self.up = button(t("planning.app.up"), tooltip=t("planning.app.up_n", n=number))
        self.down = button(t("planning.app.down"), tooltip=t("planning.app.down_n", n=number))
        remove = button(t("planning.app.remove"), tooltip=t("planning.app.remove_n", n=number))
        self.up.on_click(guarded(lambda _b: section.move_item(index, -1)))
        self.down.on_click(guarded(lambda _b: section.move_item(index, 1)))
        remove.on_click(guarded(lambda _b: section.remove_item(index)))
        self.note = html_block()
        self.minutes.add_class("nv-num-input")
        moves = row([self.up, self.down, remove])
        moves.add_class("nv-item-buttons")
        self.widget = widgets.VBox([self.title, inline([self.minutes, self.kind, moves]), self.note])
        self.widget.add_class("nv-agenda-item")

    def show(self, item: AgendaItem, first: bool, last: bool) -> None:
        set_value(self.title, item.title)
        set_value(self.minutes, min(max(item.minutes, 0), MAX_ITEM_MINUTES))
        set_value(self.kind, item.exercise_type if item.exercise_type in EXERCISE_TYPES else "none")
        set_value(self.note, f'<div class="nv-sub">{escape(item.note)}</div>' if item.note else "")
        self.up.disabled, self.down.disabled = first, last

    def read(self, item: AgendaItem) -> AgendaItem:
        return replace(item, title=self.title.value, minutes=int(self.minutes.value or 0),
                       exercise_type=self.kind.value)


class AgendaSection:
    def __init__(self, page: Page):
        self.page = page
        self.rendering = False  # values set by render are not a person's edits
        self.agenda_meeting = choice([], None, t("planning.app.meeting"))
        labelled(self.agenda_meeting)
        self.agenda_meeting.observe(page.guarded(self.choose_meeting), "value")
        self.agenda_info = html_block()
        self.rows: list[ItemRow] = []
        self.item_rows = widgets.VBox()
        self.item_rows.add_class("nv-agenda-items")
        self.time_check = html_block()
        buttons = row([self._button("planning.app.add_item", self.add_item),
                       self._button("planning.app.use_template", self.template),
                       self._button("planning.app.save_agenda", self.save, kind="primary"),
                       self._button("planning.app.make_agenda", self.download)])
        self.agenda_link = html_block()
        self.widget = card([
            html_block(f"<p>{escape(t('planning.app.agenda_intro'))}</p>"), self.agenda_meeting, self.agenda_info,
            self.item_rows, self.time_check, buttons, self.agenda_link,
        ], title=t("planning.app.agenda_title"), css_class="nv-plan-agenda")

    def _button(self, key: str, action, kind: str = "") -> widgets.Button:
        widget = button(t(key), kind=kind)
        widget.on_click(self.page.guarded(action))
        return widget

    # --- render --------------------------------------------------------------------------------------------------
    def render(self, state: PlanningState) -> None:
        draft = state.agenda
        self.rendering = True
        try:
            set_options(self.agenda_meeting, meeting_options(state.meetings), draft.meeting_id)
            self._render_items(draft.items)
        finally:
            self.rendering = False
        meeting = state.meeting(draft.meeting_id)
        if meeting is None:
            set_value(self.agenda_info, f"<p>{escape(t('planning.app.no_meetings'))}</p>")
            set_value(self.time_check, "")
        else:
            key = "planning.app.agenda_stored" if draft.stored else "planning.app.agenda_template"
            theme = draft.theme or t("planning.theme.none")
            set_value(self.agenda_info, f"<p>{escape(t(key, kind=t(f'meeting_kind.{draft.kind}'), n=draft.expected))}"
                                        f"<br>{escape(t('planning.ics.theme', theme=theme))}</p>")
            check = check_time(draft.items, meeting.length_minutes)
            kind = "warning" if check.over else "info"
            set_value(self.time_check, f'<div class="nv-message nv-{kind} nv-time-check" role="status">'
                                       f"{escape(check.message())}</div>")
        set_value(self.agenda_link, draft.link)

    def _render_items(self, items: list[AgendaItem]) -> None:
        while len(self.rows) < len(items):
            self.rows.append(ItemRow(self, len(self.rows)))
        for index, item in enumerate(items):
            self.rows[index].show(item, index == 0, index == len(items) - 1)
        shown = [item_row.widget for item_row in self.rows[:len(items)]]
        if list(self.item_rows.children) != shown:
            self.item_rows.children = shown

    def meeting_changed(self, meeting_id: int) -> None:
        """Read the meeting's agenda again (or its template, now with a new theme) when the agenda shows it."""
        if self.page.state.agenda.meeting_id == meeting_id:
            self.page.state.agenda = load_agenda(self.page.store, self.page.own_meeting(meeting_id, planned=False))

    # --- handlers ------------------------------------------------------------------------------------------------
    def collect(self) -> list[AgendaItem]:
        """The items as the widgets show them now (validated only when saved)."""
        return [item_row.read(item) for item, item_row in zip(self.page.state.agenda.items, self.rows, strict=False)]

    def _edit(self, items: list[AgendaItem]) -> None:
        self.page.state.agenda = replace(self.page.state.agenda, items=items)
        self.page.render()

    def choose_meeting(self, _change=None) -> None:
        if self.rendering:
            return
        meeting = self.page.own_meeting(self.agenda_meeting.value, planned=False)
        self.page.state.agenda = load_agenda(self.page.store, meeting)
        self.page.render()

    def edited(self, _change=None) -> None:
        if not self.rendering:
            self._edit(self.collect())

    def move_item(self, index: int, delta: int) -> None:
        self._edit(agenda_rules.move_item(self.collect(), index, delta))

    def remove_item(self, index: int) -> None:
        self._edit(agenda_rules.remove_item(self.collect(), index))

    def add_item(self, _button=None) -> None:
        self._edit(agenda_rules.add_item(self.collect(), AgendaItem(t("planning.app.new_item"), 10, "free")))

    def template(self, _button=None) -> None:
        meeting = self.page.own_meeting(self.agenda_meeting.value, planned=False)
        self._edit(service.template_for(self.page.store, meeting))
        self.page.say(t("planning.app.template_loaded"), "info")

    def save(self, _button=None) -> None:
        page = self.page
        meeting = page.own_meeting(self.agenda_meeting.value, planned=False)
        agenda_rules.save_agenda(page.store, meeting.id, self.collect())  # checks every row; nothing saved on an error
        page.state.agenda = replace(page.state.agenda, items=page.store.stored_agenda(meeting.id), stored=True)
        page.reload()
        check = check_time(page.state.agenda.items, meeting.length_minutes)
        page.say(" ".join([t("planning.app.agenda_saved"), check.message() if check.over else ""]).strip(),
                 "warning" if check.over else "success")

    def download(self, _button=None) -> None:
        meeting = self.page.own_meeting(self.agenda_meeting.value, planned=False)
        name = f"dagsorden-{meeting.starts_at.date().isoformat()}.html"
        document = service.agenda_document(self.page.store, meeting.id)
        link = download_link(document.encode("utf-8"), name, "text/html", t("planning.app.download_agenda", name=name),
                             "nv-button-link")
        self.page.state.agenda = replace(self.page.state.agenda, link=f'<p class="nv-row">{link}</p>')
        self.page.render()

