"""The exercise of the running agenda item: its groups (the grouping panel, for interviews and sparring), the
interview question and the timer, whose phase log goes to the store.

Groups follow check-in until they are locked; a timer not yet started follows the groups, a running one keeps
its people and groups until it is reset."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.state import Context, Section
from netvaerk_lib.grouping.pairs import rule_pairs
from netvaerk_lib.meeting.checkin import expected_members
from netvaerk_lib.meeting.exercise import (
    GROUP_SIZES,
    exercise_kind,
    exercise_program,
    propose_groups,
    question_keys,
    sparring_plan,
)
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.model.timers import PhaseUse
from netvaerk_lib.texts import t
from netvaerk_lib.timers.sources import StoreRecorder, display_names
from netvaerk_lib.ui import FormField, card, escape, html_block
from netvaerk_lib.ui.grouping_panel import GroupingPanel
from netvaerk_lib.widgets.timer import TimerWidget

GROUP_KINDS = ("interview", "sparring")


@dataclass
class GuardedRecorder:
    """Passes the timer's checked phase log on to the store; a failure is shown to the facilitator (through
    ``guarded``) and the timer goes on."""

    recorder: StoreRecorder
    guarded: Callable[[Callable], Callable]

    def begin(self, uses: list[PhaseUse]) -> None:
        self.guarded(self.recorder.begin)(uses)

    def record(self, use: PhaseUse) -> None:
        self.guarded(self.recorder.record)(use)

    def end(self) -> None:
        self.guarded(self.recorder.end)()


class ExerciseSection(Section):
    """``timer_event(event)`` is called after each checked event of the timer."""

    def __init__(self, context: Context, timer_event: Callable[[str], None]):
        self.timer_event = timer_event
        self.panels: dict[str, GroupingPanel] = {}
        self.followed: dict[str, tuple] = {}  # per panel: the start, meeting and people its groups were made for
        self.timer: TimerWidget | None = None
        self.timer_start: int | None = None  # the state's ``started`` the timer was loaded for
        self.timer_program: dict | None = None
        self._filling = False
        super().__init__(context)

    def build(self) -> widgets.Widget:
        self.head = html_block()
        self.groups_box = widgets.VBox()
        self.question = widgets.Dropdown(options=[])
        self.question_field = FormField("question", self.question, t("run.exercise.question"))
        self.question.observe(self.handler(self._on_question), "value")
        self.timer_box = widgets.VBox()
        self.no_timer = html_block(f'<p>{escape(t("run.exercise.none"))}</p>')
        return card([self.head, self.groups_box, self.question_field.box, self.timer_box],
                    title=t("run.section.exercise"), css_class="nv-run-exercise")

    def running(self) -> bool:
        """Whether the running item's timer has been started (and not reset)."""
        return self.timer is not None and self.timer.status != "idle" and self.timer_start == self.state.started

    def render(self) -> None:
        if self.running():
            return  # a running timer keeps its people and groups until it is reset
        item = self.state.item
        kind = exercise_kind(item) if item is not None else None
        self.question_field.box.layout.display = "" if kind == "interview" else "none"
        if item is None:
            self.head.value = f'<p>{escape(t("run.exercise.choose"))}</p>'
            self.groups_box.children, self.timer_box.children = [], []
            return
        note = f'<p class="nv-run-muted">{escape(item.note)}</p>' if item.note else ""
        self.head.value = f"<h3>{escape(item.title)}</h3>{note}"
        if kind is None:
            self.groups_box.children = []
            self.timer_box.children = [self.no_timer]
            return
        members = expected_members(self.store, self.state.meeting)
        panel = self._panel(kind, {m.id for m in members}) if kind in GROUP_KINDS else None
        self.groups_box.children = [panel.widget] if panel is not None else []
        question = self._show_question(panel) if kind == "interview" else None
        self._show_timer(kind, members, panel, question)

    # --- groups -----------------------------------------------------------------------------------------------

    def _panel(self, kind: str, expected: set[int]) -> GroupingPanel:
        """The grouping panel of this kind, with groups made for those present (not over groups already locked)."""
        state = self.state
        panel = self.panels.get(kind)
        if panel is None:
            panel = GroupingPanel(self.store, kind, state.network, say=self.context.say, guarded=self.context.guarded,
                                  meeting_id=state.meeting.id, choose_meeting=False,
                                  on_groups_changed=self.handler(self._on_groups_changed))
            self.panels[kind] = panel
        followed = (state.started, state.meeting.id, frozenset(expected))
        if self.followed.get(kind) == followed:
            return panel  # nothing changed since: the groups are as the facilitator left them
        self.followed[kind] = followed
        if panel.state.meeting_id != state.meeting.id:
            panel.show_meeting(state.meeting.id)
        panel.set_present(expected)
        if kind == "sparring" and state.item is not None and not panel.locked:
            panel.set_rounds(sparring_plan(state.item.minutes, max(GROUP_SIZES["sparring"]))[0])  # as the timer
        if len(expected) >= 2 and (panel.schedule is None or panel.placed() != expected and not panel.locked):
            self.context.guarded(panel.generate)()
        return panel

    def _on_groups_changed(self, _panel: GroupingPanel) -> None:
        if self.state.item is None or exercise_kind(self.state.item) not in GROUP_KINDS:
            return
        if self.running():
            self.context.say(t("run.exercise.timer_keeps_groups"), "info")
            return
        self.context.render("exercise")

    # --- the interview question -------------------------------------------------------------------------------

    def _show_question(self, panel: GroupingPanel) -> str:
        """Fill the question chooser; the question is the one chosen, else the one the groups ask most."""
        keys = question_keys(self.state.meeting)
        chosen = self.state.question if self.state.question in keys else panel_question(panel, keys) or keys[0]
        options = [(t(key), key) for key in keys]
        self._filling = True
        try:
            if list(self.question.options) != options:
                self.question.options = options
            self.question.value = chosen
        finally:
            self._filling = False
        return chosen

    def _on_question(self, change) -> None:
        if self._filling:
            return
        if self.running():
            raise ValidationError([FieldError("question", t("run.error.groups_running"))])
        if change["new"] not in question_keys(self.state.meeting):  # a browser can send any value
            raise ValidationError([FieldError("question", t("run.error.question"))])
        self.state.question = change["new"]
        self.context.render("exercise")

    # --- the timer --------------------------------------------------------------------------------------------

    def _show_timer(self, kind: str, members, panel: GroupingPanel | None, question: str | None) -> None:
        state, item = self.state, self.state.item
        names = display_names(members)
        groups: list[list[str]] = []
        if panel is not None:
            by_id = dict(zip([m.id for m in members], names, strict=True))
            if panel.seating:  # the first round, each group in its seat order (the timer's roles follow it)
                groups = [[by_id.get(seat.member, str(seat.member)) for seat in seats] for seats in panel.seating[0]]
            else:
                history = self.store.grouping_history(state.network.id)
                apart, together = rule_pairs(self.store, state.network.id, [m.id for m in members])
                groups = [[by_id[m.id] for m in group]
                          for group in propose_groups(members, kind, 0, history, apart=apart, together=together)]
        try:
            program = exercise_program(item, names, groups, question)
        except ValidationError as error:
            self.timer_box.children = [html_block(f'<div class="nv-message nv-warning" role="alert">'
                                                  f'{escape(str(error))}</div>')]
            return
        shown = program.to_json()
        if self.timer is None or self.timer_start != state.started or self.timer_program != shown:
            recorder = GuardedRecorder(StoreRecorder(self.store, program, meeting_id=state.meeting.id,
                                                     agenda_item_id=item.id), self.context.guarded)
            if self.timer is None:
                self.timer = TimerWidget(program, recorder)
                self.timer.on_event(self.handler(lambda event, _log: self.timer_event(event)))
            else:
                self.timer.load(program, recorder)
            self.timer_start, self.timer_program = state.started, shown
        self.timer_box.children = [self.timer]


def panel_question(panel: GroupingPanel, keys: tuple[str, ...]) -> str | None:
    """The question the panel gave most often in its first round, for the timer's prompt."""
    if not panel.seating:
        return None
    asked = [seat.question for seats in panel.seating[0] for seat in seats if seat.question in keys]
    return max(asked, key=asked.count) if asked else None
