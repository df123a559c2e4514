"""The grouping panel's controls: the widgets and their layout, nothing else (the panel decides what they show)."""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.texts import t
from netvaerk_lib.ui import button, escape, html_block
from netvaerk_lib.ui.grouping_view import nothing_yet_html

MAX_ROUNDS = 4


class GroupingControls:
    """Meeting, who is present, size, rounds, question bank, competitors apart, the network's pairs (the
    ``pairs`` editor's widget), generate, swap, lock, projector; the proposal and how it was made. ``widget``
    is the whole panel."""

    def __init__(self, kind: str, meeting_options: list[tuple[str, int]], pairs: widgets.Widget):
        self.meeting = widgets.Dropdown(description=t("grouping.meeting"), options=meeting_options)
        self.meeting.add_class("nv-grouping-meeting")
        self.present_count = html_block("")
        self.present = widgets.Box()
        self.present.add_class("nv-grouping-present")
        if kind == "interview":
            self.size = widgets.ToggleButtons(description=t("grouping.size"), options=[
                (t("grouping.size.pairs"), "pairs"), (t("grouping.size.triads"), "triads")], value="pairs")
            self.bank = widgets.Dropdown(description=t("grouping.question_bank"), options=[
                (t("grouping.bank.interview"), "interview"), (t("grouping.bank.expectation"), "expectation")])
        else:
            self.size = widgets.ToggleButtons(description=t("grouping.size"),
                                              options=[(t("grouping.size.sparring"), "sparring")], value="sparring")
            self.bank = None
        self.rounds = widgets.Dropdown(description=t("grouping.rounds"), options=list(range(1, MAX_ROUNDS + 1)),
                                       value=1)
        self.apart = widgets.Checkbox(description=t("grouping.apart"), value=True, indent=False)
        self.apart.add_class("nv-grouping-apart")
        self.generate_button = button(t("grouping.generate"), kind="primary")
        self.again_button = button(t("grouping.again"))
        self.swap_round = widgets.Dropdown(description=t("grouping.swap_round"), options=[1])
        self.swap_first = widgets.Dropdown(description=t("grouping.swap_first"), options=[])
        self.swap_second = widgets.Dropdown(description=t("grouping.swap_second"), options=[])
        self.swap_button = button(t("grouping.swap"))
        self.lock_button = button(t("grouping.lock"), kind="success")
        self.unlock_button = button(t("grouping.unlock_last"))
        self.projector_button = button(t("grouping.projector"))
        self.locked_info = html_block("")
        self.view = html_block(nothing_yet_html(), "nv-grouping-view")
        self.explanation = html_block("", "nv-grouping-explanation")

        choices = [self.size, self.rounds] + ([self.bank] if self.bank else [])
        controls = widgets.VBox([
            row([self.meeting]),
            html_block(f"<h2>{escape(t('grouping.present'))}</h2><p class='nv-sub'>"
                       f"{escape(t('grouping.present_help'))}</p>"),
            self.present_count, self.present,
            row(choices), self.apart, pairs,
            row([self.generate_button, self.again_button]),
        ])
        controls.add_class("nv-grouping-controls")
        swap_help = []
        if kind == "sparring":  # one set of groups for every round: a swap applies to all of them
            self.swap_round.layout.display = "none"
            swap_help = [html_block(f"<p class='nv-sub'>{escape(t('grouping.sparring.swap_help'))}</p>")]
        edit = widgets.VBox([
            html_block(f"<h2>{escape(t('grouping.swap_title'))}</h2>"), *swap_help,
            row([self.swap_round, self.swap_first, self.swap_second, self.swap_button]),
            row([self.lock_button, self.unlock_button]), self.locked_info,
        ])
        edit.add_class("nv-grouping-edit")
        self.widget = widgets.VBox([controls, row([self.projector_button]), self.view, self.explanation, edit])
        self.widget.add_class("nv-grouping-panel")
        self.widget.add_class(f"nv-grouping-{kind}")


def row(children) -> widgets.Box:
    """Controls side by side, their labels as wide as their text."""
    for child in children:
        if isinstance(child, widgets.Dropdown | widgets.ToggleButtons):
            child.style.description_width = "initial"
    box = widgets.HBox(children)
    box.add_class("nv-grouping-row")
    return box
