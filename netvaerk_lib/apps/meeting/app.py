"""Kør mødet: the facilitator's one screen for today's meeting, readable on a projector.

The agenda with live progress sits beside one part of the meeting at a time: check-in, the running exercise
(timer, groups with roles), the flip-over, the contract, the follow-up on goals, the evaluation and closing.
Starting an agenda item opens its part. The rules live in :mod:`netvaerk_lib.meeting`; the sections here only
show and pass on. What the dashboard knows is one :class:`MeetingState`; each section shows it with
``render()``, and a handler, after its rule has run, asks :meth:`MeetingApp.render` for the parts it changed.
Every callback goes through ``self.guarded``.
"""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.checkin import CheckInSection
from netvaerk_lib.apps.meeting.checkpoint import CheckpointSection
from netvaerk_lib.apps.meeting.closing import ClosingSection
from netvaerk_lib.apps.meeting.contract import ContractSection
from netvaerk_lib.apps.meeting.evaluation import EvaluationSection
from netvaerk_lib.apps.meeting.exercise import ExerciseSection
from netvaerk_lib.apps.meeting.flipover import FlipoverSection
from netvaerk_lib.apps.meeting.follow_up import FollowUpSection
from netvaerk_lib.apps.meeting.now import NowSection, TopBar
from netvaerk_lib.apps.meeting.parts import set_classes
from netvaerk_lib.apps.meeting.state import Context, MeetingState
from netvaerk_lib.meeting import agenda
from netvaerk_lib.meeting.agenda import SECTIONS, agenda_progress, default_meeting, meeting_of_network
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.planning import checkpoint
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import moment
from netvaerk_lib.ui import App, button, card
from netvaerk_lib.widgets.ticker import Ticker

REFRESH_SECONDS = 15
# The order parts are shown in by a full render; the tabs' "nav" last, as it shows what the others hold.
PARTS = ("top", "now", "checkin", "exercise", "flipover", "contract", "follow_up", "checkpoint", "evaluation",
         "closing", "nav")


class MeetingApp(App):
    title_key = "apps.run_meeting.title"

    def __init__(self, store=None, form_url: str | None = None):
        super().__init__(store)
        self.widget.add_class("nv-run")
        network = self.open_network()
        if network is None:
            return
        meeting = default_meeting(self.store, network.id, moment())
        if meeting is None:
            self.say(t("run.no_meeting"), "warning")
            return
        self.state = MeetingState(network, meeting)
        context = Context(self.store, self.state, self.guarded, self.say, self.render)
        self.top = TopBar(context, self.widget, self.choose_meeting)
        self.now = NowSection(context, self.start_item)
        self.sections = {
            "checkin": CheckInSection(context, self._attendance_changed), "flipover": FlipoverSection(context),
            "exercise": ExerciseSection(context, self._timer_event), "contract": ContractSection(context),
            "follow_up": FollowUpSection(context), "checkpoint": CheckpointSection(context),
            "evaluation": EvaluationSection(context, self, form_url), "closing": ClosingSection(context),
        }
        self._build()
        self.load_meeting(meeting)

    def _build(self) -> None:
        self.tabs = {}
        for section in SECTIONS:
            tab = button(t(f"run.section.{section}"))
            tab.on_click(self.guarded(lambda _b, s=section: self.show_section(s)))
            self.tabs[section] = tab
        nav = widgets.HBox(list(self.tabs.values()))
        nav.add_class("nv-run-nav")
        # The exercise card comes last: below the follow-up round or the flip-over it shows the item's timer.
        order = [name for name in SECTIONS if name != "exercise"] + ["exercise"]
        main = widgets.VBox([nav] + [self.sections[name].widget for name in order])
        main.add_class("nv-run-main")
        agenda_card = card([self.now.agenda], title=t("run.agenda.title"), css_class="nv-run-agenda")
        layout = widgets.Box([agenda_card, main])
        layout.add_class("nv-run-layout")
        self.ticker = Ticker(self.guarded(lambda: self.render("now")), seconds=REFRESH_SECONDS)
        head = card([self.top.widget, self.now.widget])
        self.body.children = [head, layout, self.ticker]

    # --- showing the state ---------------------------------------------------------------------------------------
    def render(self, *parts: str) -> None:
        """Show the state in the parts named (every part when none are), each updating its widgets in place."""
        for name in PARTS if not parts else [p for p in PARTS if p in parts]:
            if name == "nav":
                self._render_nav()
            else:
                self._part(name).render()

    def _part(self, name: str):
        return {"top": self.top, "now": self.now}.get(name) or self.sections[name]

    def _render_nav(self) -> None:
        """Only the chosen part of the meeting is shown; the running item's timer stays at hand below its own
        part (the exercise card is never moved, so a running timer keeps going)."""
        chosen = self.state.section
        for name, section in self.sections.items():
            shown = name == chosen or name == "exercise" and self.state.timer_beside(chosen)
            section.widget.layout.display = "" if shown else "none"
        offered = self.state.sections()
        for name, tab in self.tabs.items():
            tab.layout.display = "" if name in offered else "none"
            set_classes(tab, {"nv-run-tab-on"} if name == chosen else set(), {"nv-run-tab-on"})

    # --- actions -------------------------------------------------------------------------------------------------
    def choose_meeting(self, meeting_id: object) -> None:
        self.load_meeting(meeting_of_network(self.store, self.state.network.id, meeting_id))

    def load_meeting(self, meeting) -> None:
        """Show another meeting everywhere, on the part of the item that runs (else check-in)."""
        self.state.meeting = meeting
        self.state.checkpoint = checkpoint.is_checkpoint(self.store, meeting.id)
        self.clear_message()
        progress = agenda_progress(self.store, meeting, moment())
        self.state.open_item(progress.current.item if progress.current is not None else None)
        self.state.section = (self.state.part_of(progress.current.item) if progress.current else None) or "checkin"
        self.render()

    def show_section(self, section: str) -> None:
        if section not in self.state.sections():
            raise ValidationError([FieldError("section", t("run.error.section"))])
        self.state.section = section
        self.render("nav")

    def start_item(self, position: object) -> None:
        """Make an agenda item the running one and open its part of the meeting."""
        item = agenda.start_item(self.store, self.state.meeting, position, moment())
        section = self.state.part_of(item)
        self.state.open_item(item)
        self.state.section = section or self.state.section
        self.render("now", "exercise", "nav", *(["follow_up"] if section == "follow_up" else []))

    def _attendance_changed(self) -> None:
        self.render("checkin", "evaluation", "exercise")

    def _timer_event(self, event: str) -> None:
        self.render("now", *(["exercise"] if event == "reset" else []))
