"""Small pieces the sections of Kør mødet share: minutes as text, muted lines and a person's row of choices."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets

from netvaerk_lib.model import label
from netvaerk_lib.texts import number, t
from netvaerk_lib.ui import button, escape, html_block


def minutes(seconds: float) -> str:
    return t("common.minutes", n=number(int(max(seconds, 0) // 60)))


def muted(text: str) -> str:
    return f'<p class="nv-run-muted">{escape(text)}</p>'


class ChoiceRow:
    """A row of one person (or goal) with one button per status, the chosen one marked in colours with enough
    contrast for a projector; a click calls ``choose(key, status)`` with the key the row shows now. ``show``
    updates the row in place."""

    def __init__(self, kind: str, statuses: Sequence[str], tooltip_key: str, css_class: str, lead_class: str,
                 choose: Callable[[object, str], None], guarded: Callable):
        self.kind, self.statuses, self.tooltip_key = kind, tuple(statuses), tooltip_key
        self.key: object = None
        self.lead = html_block(css_class=lead_class)
        self.buttons = {status: button(label(kind, status)) for status in self.statuses}
        for status, choice in self.buttons.items():
            choice.on_click(guarded(lambda _b, s=status: choose(self.key, s)))
        self.widget = widgets.HBox([self.lead, *self.buttons.values()])
        self.widget.add_class("nv-run-row")
        self.widget.add_class(css_class)

    def show(self, key: object, lead_html: str, name: str, chosen: str | None) -> None:
        self.key = key
        self.lead.value = lead_html
        for status, choice in self.buttons.items():
            choice.tooltip = t(self.tooltip_key, name=name, status=label(self.kind, status))
            marks = {"nv-run-chosen", f"nv-run-chosen-{status}"}
            set_classes(choice, marks if chosen == status else set(), marks)


def set_classes(widget: widgets.DOMWidget, wanted: set[str], managed: set[str]) -> None:
    """Give ``widget`` the classes ``wanted`` out of those ``managed`` here, in one message and only when they
    change (``add_class``/``remove_class`` send one message each, also for a class taken off and put back)."""
    classes = [name for name in widget._dom_classes if name not in managed] + sorted(wanted)
    if classes != list(widget._dom_classes):
        widget._dom_classes = classes


def follow_rows(rows: list[ChoiceRow], count: int, make: Callable[[], ChoiceRow]) -> list[ChoiceRow]:
    """``rows`` grown or shrunk to ``count`` rows, keeping the ones there are (so a click updates in place)."""
    return rows[:count] + [make() for _ in range(count - len(rows))]
