"""Small pieces the planning sections share: the page they work on, and widget helpers that update in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

import ipywidgets as widgets

from netvaerk_lib.apps.planning.state import PlanningState
from netvaerk_lib.model import Meeting
from netvaerk_lib.store import Store
from netvaerk_lib.texts import long_date

WEEKDAYS = range(7)


class Page(Protocol):
    """What a section may use of the app: the store, the one state, and the app's actions."""

    store: Store
    state: PlanningState

    def guarded(self, callback: Callable) -> Callable: ...

    def say(self, text: str, kind: str = "info") -> None: ...

    def clear_message(self) -> None: ...

    def render(self) -> None:
        """Show the state: every section updates its widgets from it."""

    def reload(self) -> None:
        """Read the network's records from the store again (a rule has changed them), then render."""

    def own_meeting(self, meeting_id: object, planned: bool = True) -> Meeting:
        """The meeting if it belongs to this network (and is planned, when asked), else a ValidationError."""


def choice(options: list[tuple[str, object]], value: object, label: str) -> widgets.Dropdown:
    return widgets.Dropdown(options=options, value=value, description=label)


def row(children: list[widgets.Widget]) -> widgets.HBox:
    """Buttons side by side, wrapping on a narrow screen (spacing from the shared .nv-row style)."""
    box = widgets.HBox(children)
    box.add_class("nv-row")
    return box


def inline(children: list[widgets.Widget]) -> widgets.Box:
    box = widgets.Box(children)
    box.add_class("nv-plan-inline")
    return box


def labelled(*inputs: widgets.Widget) -> None:
    """Inputs with their label above them (the shared .nv-input style)."""
    for widget in inputs:
        widget.style.description_width = "initial"
        widget.add_class("nv-input")


def weekday_name(number: int) -> str:
    return long_date(dt.date(2024, 1, 1) + dt.timedelta(days=number)).split(" ")[0].capitalize()


def set_options(dropdown: widgets.Dropdown, options: list[tuple[str, object]], value: object = None) -> None:
    """Show ``options`` with ``value`` chosen (the one chosen now while it is there, else the first), touching the
    widget only where something changed."""
    options = [tuple(option) for option in options]
    values = [option_value for _, option_value in options]
    wanted = value if value in values else dropdown.value if dropdown.value in values else (
        values[0] if values else None)
    if list(dropdown.options) != options:
        dropdown.options = options
    if dropdown.value != wanted:
        dropdown.value = wanted


def set_value(widget: widgets.Widget, value: object) -> None:
    if widget.value != value:
        widget.value = value


def show(widget: widgets.Widget, shown: bool) -> None:
    display = None if shown else "none"
    if widget.layout.display != display:
        widget.layout.display = display
