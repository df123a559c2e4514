"""The question asked before the rota changes a meeting already announced: which meetings would get another host
or place, and "Ja, skift" / "Nej, behold". Planning never changes what the network has been told without asking.

A section makes one :class:`AnnouncedQuestion` with what to work out (the changes its action would make) and
what to do once answered (``proceed(change_announced, asked)``, ``asked`` the number of meetings listed); the
question waits in the state as a :class:`~netvaerk_lib.apps.planning.state.PendingChange` until answered.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from netvaerk_lib.apps.planning.parts import Page, row, set_value
from netvaerk_lib.apps.planning.state import PendingChange, PlanningState
from netvaerk_lib.planning.service import AnnouncedChange, describe_change, member_names
from netvaerk_lib.texts import t, tn
from netvaerk_lib.ui import button, escape, html_block


class AnnouncedQuestion:
    def __init__(self, page: Page, origin: str, changes: Callable[[], list[AnnouncedChange]],
                 proceed: Callable[[bool, int], None]):
        self.page, self.origin, self.changes, self.proceed = page, origin, changes, proceed
        self.text = html_block()
        yes = button(t("planning.announced.yes"), kind="danger")
        yes.on_click(page.guarded(lambda _b: self.answer(True)))
        no = button(t("planning.announced.no"), kind="primary")
        no.on_click(page.guarded(lambda _b: self.answer(False)))
        self.question = [self.text, row([yes, no])]
        self.widget = widgets.VBox()
        self.widget.add_class("nv-announced")

    def ask(self) -> None:
        """Go on at once when nothing announced would change; otherwise show what would, and wait."""
        changes = self.changes()
        if not changes:
            self.proceed(False, 0)
            return
        self.page.state.pending_change = PendingChange(self.origin, changes)
        self.page.render()

    def answer(self, change: bool) -> None:
        state = self.page.state
        pending = state.pending_change
        if pending is None or pending.origin != self.origin:
            return  # nothing asked here (a browser can click a hidden button)
        if change:
            now = self.changes()
            if _signature(now) != _signature(pending.changes):  # the plan changed since the question was put
                state.pending_change = PendingChange(self.origin, now) if now else None
                self.page.say(t("planning.announced.again"), "warning")
                self.page.render()
                return
        state.pending_change = None
        self.proceed(change, len(pending.changes))

    def render(self, state: PlanningState) -> None:
        pending = state.pending_change if state.pending_change and state.pending_change.origin == self.origin \
            else None
        if pending is not None:
            names = member_names(self.page.store, state.network.id)
            lines = "".join(f"<li>{escape(describe_change(change, names))}</li>" for change in pending.changes)
            set_value(self.text, f'<div class="nv-message nv-warning" role="alert">'
                                 f"<p>{escape(tn('planning.announced.question', len(pending.changes)))}</p>"
                                 f"<ul>{lines}</ul><p>{escape(t('planning.announced.ask'))}</p></div>")
        children = self.question if pending is not None else []
        if list(self.widget.children) != children:
            self.widget.children = children


def _signature(changes: list[AnnouncedChange]) -> list[tuple]:
    return [(c.meeting.id, c.meeting.host_member_id, c.meeting.location, c.host_id, c.location) for c in changes]


def outcome(change: bool, asked: int) -> list[str]:
    """What the page says after the answer (nothing when nothing was asked)."""
    if not asked:
        return []
    return [tn("planning.announced.changed", asked) if change else t("planning.announced.kept")]
