"""The editor of the network's own pairs, beside the groupings: pick two members, "Hold adskilt" or "Hold
sammen", and a list with a remove button per pair. The rules are in :mod:`netvaerk_lib.grouping.pairs`
(checked again for every event: a browser can send any value); the pairs are saved with the network at once.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from netvaerk_lib.grouping.pairs import add_pair, remove_pair
from netvaerk_lib.model.grouping import APART, TOGETHER, MemberPair
from netvaerk_lib.texts import t
from netvaerk_lib.ui import button, escape, html_block


class PairsEditor:
    """``name(member_id)`` gives a display name; ``on_change()`` is called after a pair is added or removed."""

    def __init__(self, store, network, members: dict, *, name: Callable[[int], str], say, guarded,
                 on_change: Callable[[], None] | None = None):
        self.store, self.network, self.name, self.say = store, network, name, say
        self.on_change = on_change
        people = sorted((m for m in members.values() if not m.erased), key=lambda m: name(m.id).casefold())
        options = [(name(m.id), m.id) for m in people]
        self.first = widgets.Dropdown(description=t("grouping.pairs.first"), options=options)
        self.second = widgets.Dropdown(description=t("grouping.pairs.second"), options=options)
        if len(options) > 1:
            self.second.value = options[1][1]
        for choice in (self.first, self.second):
            choice.style.description_width = "initial"
        self.apart_button = button(t("grouping.pairs.apart"))
        self.together_button = button(t("grouping.pairs.together"))
        self.apart_button.on_click(guarded(lambda _b: self.add(self.first.value, self.second.value, APART)))
        self.together_button.on_click(guarded(lambda _b: self.add(self.first.value, self.second.value, TOGETHER)))
        self._guarded = guarded
        self.listing = widgets.VBox()
        self.listing.add_class("nv-pairs-list")
        self._rows: dict[int, widgets.Widget] = {}
        choose = widgets.HBox([self.first, self.second, self.apart_button, self.together_button])
        choose.add_class("nv-grouping-row")
        self.widget = widgets.VBox([
            html_block(f"<h2>{escape(t('grouping.pairs.title'))}</h2>"
                       f"<p class='nv-sub'>{escape(t('grouping.pairs.help'))}</p>"),
            choose, self.listing])
        self.widget.add_class("nv-pairs")
        self.render()

    def pair_text(self, pair: MemberPair) -> str:
        return t(f"grouping.pairs.item.{pair.rule}", first=self.name(pair.first), second=self.name(pair.second))

    def add(self, first: object, second: object, rule: object) -> None:
        pair = add_pair(self.store, self.network.id, first, second, rule, self.name)
        self.render()
        self.say(t("grouping.pairs.added", pair=self.pair_text(pair)), "success")
        if self.on_change is not None:
            self.on_change()

    def remove(self, pair_id: object) -> None:
        pair = next((p for p in self.store.list_member_pairs(self.network.id) if p.id == pair_id), None)
        remove_pair(self.store, self.network.id, pair_id)
        self.render()
        self.say(t("grouping.pairs.removed", pair=self.pair_text(pair)), "success")
        if self.on_change is not None:
            self.on_change()

    def render(self) -> None:
        """The list of pairs; a row is made once per pair and kept while the pair is there."""
        pairs = self.store.list_member_pairs(self.network.id)
        rows = {pair.id: self._rows.get(pair.id) or self._row(pair) for pair in pairs}
        self._rows = rows
        empty = [] if pairs else [html_block(f"<p class='nv-sub'>{escape(t('grouping.pairs.none'))}</p>")]
        self.listing.children = [rows[pair.id] for pair in pairs] or empty

    def _row(self, pair: MemberPair) -> widgets.Widget:
        text = self.pair_text(pair)
        remove = button(t("grouping.pairs.remove"), tooltip=t("grouping.pairs.remove_label", pair=text))
        remove.on_click(self._guarded(lambda _b, pair_id=pair.id: self.remove(pair_id)))
        row = widgets.HBox([html_block(f"<span class='nv-pair nv-pair-{pair.rule}'>{escape(text)}</span>"), remove])
        row.add_class("nv-pairs-row")
        return row
