"""The grouping panel: present members, the network's pairs, generate, swap, lock, history and projector view,
for interviews and sparring (the proposal itself is made by :mod:`netvaerk_lib.grouping.proposal`). The
interviews and sparring apps show it on a page of their own; Kør mødet shows it inside the exercise.

What the panel knows sits in one :class:`GroupingState`; :meth:`GroupingPanel.render` shows it. The public
actions (:meth:`~GroupingPanel.show_meeting`, :meth:`~GroupingPanel.set_present`,
:meth:`~GroupingPanel.generate`, :meth:`~GroupingPanel.again`, :meth:`~GroupingPanel.swap`,
:meth:`~GroupingPanel.lock`, :meth:`~GroupingPanel.unlock_last`, :meth:`~GroupingPanel.toggle_projector`)
check their input again (a browser can send any value), update the state and render. The panel's own buttons
call them and then ``on_groups_changed(panel)``, so a dashboard around the panel can follow the groups a
person makes without pressing the panel's buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import ipywidgets as widgets

from netvaerk_lib.grouping.locking import lock_grouping
from netvaerk_lib.grouping.pairs import broken_pairs
from netvaerk_lib.grouping.proposal import Proposal, plan_exercise, revised, summary_lines
from netvaerk_lib.grouping.roles import swap_people
from netvaerk_lib.meeting.checkin import expected_members
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import long_date, t
from netvaerk_lib.timezone import now
from netvaerk_lib.ui import App, escape
from netvaerk_lib.ui.grouping_controls import MAX_ROUNDS, GroupingControls
from netvaerk_lib.ui.grouping_pairs import PairsEditor
from netvaerk_lib.ui.grouping_view import explanation_html, member_label, nothing_yet_html, rounds_html

TIME_LIMIT_S = 5.0  # the engine proves a real network's grouping optimal well within this (benchmarks/grouping.py)


def _refuse(field_name: str, key: str) -> ValidationError:
    return ValidationError([FieldError(field_name, t(key))])


@dataclass
class GroupingState:
    """The panel's one source of truth: which meeting, who is present, the proposal and whether it is locked."""

    meeting_id: int | None = None
    present: list[int] = field(default_factory=list)
    seed: int = 0
    proposal: Proposal | None = None  # the groups with their roles, and how they were made
    locked_id: int | None = None  # the proposal shown is this locked grouping
    locked_count: int = 0  # groupings locked for the meeting
    projector: bool = False


class GroupingPanel:
    """Make, adjust and lock the groups of one exercise (``kind`` "interview" or "sparring") for a meeting.

    ``choose_meeting=False`` hides the meeting chooser (an embedding dashboard chooses the meeting with
    :meth:`show_meeting`)."""

    def __init__(self, store, kind: str, network, *, say, guarded, meeting_id: int | None = None,
                 on_groups_changed: Callable[[GroupingPanel], None] | None = None, choose_meeting: bool = True):
        if kind not in ("interview", "sparring"):
            raise ValueError(kind)
        self.store, self.kind, self.network = store, kind, network
        self.say, self.guarded = say, guarded
        self.on_groups_changed = on_groups_changed
        self.state = GroupingState()
        self.members = {m.id: m for m in store.list_members(network.id)}
        self.meetings = store.list_meetings(network.id)
        self.pairs = PairsEditor(store, network, self.members, name=self._name, say=say, guarded=guarded)
        self.controls = GroupingControls(kind, self._meeting_options(), self.pairs.widget)
        self.widget = self.controls.widget
        self.boxes: dict[int, widgets.Checkbox] = {}  # who is present, per member
        self._wire()
        if not choose_meeting:
            self.controls.meeting.layout.display = "none"
        self._filling = False  # True while render fills the controls: their observers must not act on it
        self._shown = None  # the proposal whose HTML is shown (seating, explanation, locked id)
        wanted = meeting_id if meeting_id in {m.id for m in self.meetings} else self._default_meeting()
        if not self.meetings:
            self.say(t("grouping.no_meetings"), "warning")
        else:
            self.show_meeting(wanted)

    # --- layout ---------------------------------------------------------------------------------------------

    def _wire(self) -> None:
        c = self.controls
        c.meeting.observe(self.guarded(self._on_meeting), names="value")
        c.generate_button.on_click(self.guarded(self._on_generate))
        c.again_button.on_click(self.guarded(self._on_again))
        c.swap_round.observe(self.guarded(self._on_swap_round), names="value")
        c.swap_button.on_click(self.guarded(self._on_swap))
        c.lock_button.on_click(self.guarded(self._on_lock))
        c.unlock_button.on_click(self.guarded(self._on_unlock))
        c.projector_button.on_click(self.guarded(self._on_projector))

    def _meeting_options(self) -> list[tuple[str, int]]:
        topics = {topic.id: topic.title for topic in self.store.list_topics(self.network.id)}
        return [(t("grouping.meeting_option", date=long_date(m.starts_at), topic=topics.get(m.topic_id, ""))
                 .rstrip(" –"), m.id) for m in self.meetings]

    def _default_meeting(self) -> int | None:
        upcoming = self.store.next_meeting(self.network.id, now())
        if upcoming is not None:
            return upcoming.id
        return self.meetings[-1].id if self.meetings else None

    # --- reading the state ------------------------------------------------------------------------------------

    @property
    def seating(self):
        """The proposal shown: rounds of groups of seats (member, role, question), or None."""
        return self.state.proposal.seating if self.state.proposal else None

    @property
    def schedule(self) -> list[list[tuple]] | None:
        """The groups of the proposal shown as rounds of groups of member ids (sparring: one round, the
        groups of every round), or None."""
        return self.state.proposal.schedule if self.state.proposal else None

    @property
    def locked(self) -> bool:
        """Whether the proposal shown is locked (saved with the meeting)."""
        return self.state.locked_id is not None

    def placed(self) -> set[int]:
        """Who has a seat in the first round."""
        return {seat.member for seats in self.seating[0] for seat in seats} if self.seating else set()

    def _meeting(self):
        found = next((m for m in self.meetings if m.id == self.state.meeting_id), None)
        if found is None:
            raise _refuse("meeting", "grouping.no_meetings")
        return found

    # --- actions ----------------------------------------------------------------------------------------------

    def show_meeting(self, meeting_id: object) -> None:
        """Work on another meeting: present from its attendance, its question bank, no proposal yet."""
        meeting = next((m for m in self.meetings if m.id == meeting_id), None)
        if meeting is None:
            raise _refuse("meeting", "grouping.no_meetings")
        expected = {m.id for m in expected_members(self.store, meeting)}
        self.state = GroupingState(meeting_id=meeting.id, present=[m for m in self.members if m in expected],
                                   projector=self.state.projector, locked_count=self._locked_count(meeting.id))
        self.boxes = {}
        for member in self.members.values():
            box = widgets.Checkbox(description=member_label(member), value=member.id in expected, indent=False)
            box.observe(self.guarded(self._on_present), names="value")
            self.boxes[member.id] = box
        self.controls.present.children = list(self.boxes.values())
        if self.controls.bank is not None:
            self.controls.bank.value = "expectation" if meeting.kind == "first" else "interview"
        self.render()

    def set_present(self, member_ids) -> None:
        """Tick who is present (the others are not)."""
        wanted = set(member_ids)
        self.state.present = [m for m in self.members if m in wanted]
        self.render()

    def set_rounds(self, rounds: int) -> None:
        """The number of rounds the next proposal plans (an embedding dashboard sets it from the agenda item)."""
        self.controls.rounds.value = max(1, min(MAX_ROUNDS, rounds))

    def generate(self) -> None:
        """A fresh proposal for those present, with the chosen size and rounds, the network's pairs and whether
        to keep competitors apart."""
        self.state.seed = 0
        self._plan()

    def again(self) -> None:
        """Another proposal for the same people: never the one shown, and said so when that was the only optimum."""
        previous = self.state.proposal.schedule if self.state.proposal and self.state.locked_id is None else None
        self.state.seed += 1
        self._plan(instead_of=previous)

    def swap(self, round_number: object, first: object, second: object) -> None:
        """Swap two people of different groups in one round of the proposal (not once it is locked)."""
        schedule = self._unlocked_proposal()
        if isinstance(round_number, bool) or not isinstance(round_number, int) \
                or not 1 <= round_number <= len(schedule):
            raise _refuse("swap_round", "grouping.error.swap_unknown")
        placed = {p for group in schedule[round_number - 1] for p in group}
        if first not in placed or second not in placed or first == second:
            raise _refuse("swap", "grouping.error.swap_unknown")
        try:
            swapped = swap_people(schedule, round_number - 1, first, second)
        except ValueError:
            raise _refuse("swap", "grouping.error.swap_same_group") from None
        broken = broken_pairs(swapped, *self.state.proposal.options["own"])
        if broken:
            a, b, rule = broken[0]
            pair = t(f"grouping.pairs.item.{rule}", first=self._name(a), second=self._name(b))
            raise ValidationError([FieldError("swap", t("grouping.pairs.error.swap", pair=pair))])
        self.state.proposal = revised(self.store, self.network.id, self.state.proposal, swapped,
                                      self._bank(), self.state.seed)
        self.render()
        self.say(t("grouping.swapped", first=member_label(self.members[first]),
                   second=member_label(self.members[second])), "success")

    def lock(self) -> None:
        """Save the proposal with the meeting, so that the next grouping knows who has met whom."""
        self._unlocked_proposal()
        meeting = self._meeting()
        self.state.locked_id = lock_grouping(self.store, meeting.id, self.kind, self.seating)
        self.state.locked_count = self._locked_count(meeting.id)
        self.render()
        self.say(t("grouping.locked"), "success")

    def unlock_last(self) -> None:
        """Forget the grouping locked last for the meeting."""
        meeting = self._meeting()
        locked = self.store.list_groupings(self.network.id, meeting_id=meeting.id, kind=self.kind)
        if not locked:
            raise _refuse("groups", "grouping.error.nothing_locked")
        self.store.delete_grouping(locked[-1].id)
        if self.state.locked_id == locked[-1].id:
            self.state.locked_id = None
        self.state.locked_count = self._locked_count(meeting.id)
        self.render()
        self.say(t("grouping.unlocked"), "success")

    def toggle_projector(self) -> None:
        """Show the groups large for the room, without the controls (or back to editing)."""
        self.state.projector = not self.state.projector
        self.render()

    # --- the rules behind the actions -------------------------------------------------------------------------

    def _locked_count(self, meeting_id: int) -> int:
        return len(self.store.list_groupings(self.network.id, meeting_id=meeting_id, kind=self.kind))

    def _unlocked_proposal(self) -> list[list[tuple]]:
        if self.state.proposal is None:
            raise _refuse("groups", "grouping.error.generate_first")
        if self.state.locked_id is not None:
            raise _refuse("groups", "grouping.error.locked")
        return self.state.proposal.schedule

    def _present_ids(self) -> list[int]:
        return [m for m in self.state.present if m in self.members and not self.members[m].erased]

    def _size(self) -> str:
        allowed = ("pairs", "triads") if self.kind == "interview" else ("sparring",)
        if self.controls.size.value not in allowed:
            raise _refuse("size", "grouping.error.size")
        return self.controls.size.value

    def _rounds(self) -> int:
        value = self.controls.rounds.value
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ROUNDS:
            raise _refuse("rounds", "grouping.error.rounds")
        return value

    def _bank(self) -> str | None:
        return self.controls.bank.value if self.controls.bank is not None else None

    def _plan(self, instead_of=None) -> None:
        self._meeting()
        ids = self._present_ids()
        if len(ids) < 2:
            raise _refuse("present", "grouping.error.too_few")
        size = self._size()
        self.state.proposal = plan_exercise(
            self.store, self.network.id, self.kind, self.members, ids, size=size, rounds=self._rounds(),
            keep_competitors_apart=self.controls.apart.value is True, bank=self._bank(), seed=self.state.seed,
            time_limit=TIME_LIMIT_S, name=self._name, instead_of=instead_of)
        self.state.locked_id = None
        self.render()
        self.say(t("grouping.generated"), "success")

    # --- handlers: read the controls, run the action, tell the dashboard --------------------------------------

    def _changed(self) -> None:
        if self.on_groups_changed is not None:
            self.on_groups_changed(self)

    def _on_meeting(self, change) -> None:
        if not self._filling:
            self.show_meeting(change["new"])
            self._changed()

    def _on_present(self, _change=None) -> None:
        if not self._filling:
            self.set_present(member_id for member_id, box in self.boxes.items() if box.value is True)

    def _on_generate(self, _button=None) -> None:
        self.generate()
        self._changed()

    def _on_again(self, _button=None) -> None:
        self.again()
        self._changed()

    def _on_swap_round(self, _change=None) -> None:
        if not self._filling:
            self._fill_swap_people()

    def _on_swap(self, _button=None) -> None:
        self.swap(self.controls.swap_round.value, self.controls.swap_first.value, self.controls.swap_second.value)
        self._changed()

    def _on_lock(self, _button=None) -> None:
        self.lock()
        self._changed()

    def _on_unlock(self, _button=None) -> None:
        self.unlock_last()
        self._changed()

    def _on_projector(self, _button=None) -> None:
        self.toggle_projector()

    # --- showing ----------------------------------------------------------------------------------------------

    def _name(self, member_id) -> str:
        member = self.members.get(member_id)
        return member_label(member) if member else str(member_id)

    def render(self) -> None:
        """Show the state; widgets are updated in place (values, options), never rebuilt."""
        filling, self._filling = self._filling, True
        try:
            self._render(self.state)
        finally:
            self._filling = filling

    def _render(self, state: GroupingState) -> None:
        c = self.controls
        c.meeting.value = state.meeting_id
        present = set(state.present)
        for member_id, box in self.boxes.items():
            box.value = member_id in present
        c.present_count.value = f"<p><strong>{escape(t('grouping.present_count', n=len(present)))}</strong></p>"
        has = state.proposal is not None
        c.swap_button.disabled = c.lock_button.disabled = not has or state.locked_id is not None
        c.again_button.disabled = not has
        c.locked_info.value = f"<p>{escape(t('grouping.locked_count', n=state.locked_count))}</p>"
        c.unlock_button.disabled = state.locked_count == 0
        if state.projector:
            self.widget.add_class("nv-grouping-projector")
        else:
            self.widget.remove_class("nv-grouping-projector")
        c.projector_button.description = t("grouping.projector_off" if state.projector else "grouping.projector")
        shown = self._shown
        if shown is not None and shown[0] is state.proposal and shown[1] == state.locked_id:
            return  # the same proposal: its HTML and the swap choices stay as they are
        self._shown = (state.proposal, state.locked_id)
        rounds = list(range(1, len(state.proposal.schedule) + 1)) if has else [1]
        if list(c.swap_round.options) != rounds:
            c.swap_round.options = rounds
        self._fill_swap_people()
        c.view.value = rounds_html(self.kind, state.proposal.seating, self._name, state.locked_id is not None) \
            if has else nothing_yet_html()
        c.explanation.value = explanation_html(state.proposal.explanation, self._name,
                                               summary_lines(state.proposal, self._name)) if has else ""

    def _fill_swap_people(self) -> None:
        c, schedule = self.controls, self.schedule
        if schedule is None:
            c.swap_first.options = c.swap_second.options = []
            return
        number = c.swap_round.value if c.swap_round.value in range(1, len(schedule) + 1) else 1
        people = sorted((p for group in schedule[number - 1] for p in group), key=lambda p: self._name(p).casefold())
        options = [(self._name(p), p) for p in people]
        c.swap_first.options = options
        c.swap_second.options = options
        if len(options) > 1:
            c.swap_first.value, c.swap_second.value = options[0][1], options[1][1]


class GroupingApp(App):
    """An app page around one :class:`GroupingPanel` for the default network."""

    kind = "interview"

    def __init__(self, store=None, network_id: int | None = None, meeting_id: int | None = None):
        super().__init__(store)
        network = self.store.get_network(network_id) if network_id else self.store.default_network()
        self.panel = None
        if network is None:
            self.say(t("common.no_network"), "warning")
            return
        self.panel = GroupingPanel(self.store, self.kind, network, say=self.say, guarded=self.guarded,
                                   meeting_id=meeting_id)
        self.body.children = [self.panel.widget]
