"""The start page: what netvaerk is, the network at a glance, and a tile for every app.

The page shows one :class:`StartState` (it has no controls: render runs once)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netvaerk_lib.apps.registry import APPS, AppEntry
from netvaerk_lib.members.networks import NetworkSummary, network_summary
from netvaerk_lib.store.db import PROJECT_ROOT
from netvaerk_lib.texts import date_time, t
from netvaerk_lib.ui import App, card, escape, html_block

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
AUDIENCES = ("facilitator", "member", "consultant")


def available_apps(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[AppEntry]:
    return [entry for entry in APPS if (notebooks_dir / entry.notebook).exists()]


@dataclass(frozen=True)
class StartState:
    summary: NetworkSummary | None  # None: no network yet
    apps: list[AppEntry]


class StartApp(App):
    title_key = "start.title"
    home_link = False

    def __init__(self, store=None):
        super().__init__(store)
        self.state = StartState(network_summary(self.store), available_apps())
        self.render()

    def render(self) -> None:
        self.body.children = [html_block(f'<p class="nv-lead">{escape(t("start.intro"))}</p>'),
                              self._network_card(), *self._tiles()]

    def _network_card(self):
        summary = self.state.summary
        if summary is None:
            return card([html_block(f"<p>{escape(t('common.no_network'))}</p>")])
        lines = [t("start.network_summary", members=summary.members, held=summary.held),
                 t("start.next_meeting", when=date_time(summary.upcoming.starts_at)) if summary.upcoming
                 else t("start.no_next_meeting")]
        paragraphs = "".join(f"<p>{escape(line)}</p>" for line in lines)
        quote = f'<p class="nv-quote">{escape(t("start.quote"))}</p>'
        return card([html_block(paragraphs + quote)], title=summary.network.name)

    def _tiles(self):
        blocks = []
        for audience in AUDIENCES:
            entries = [entry for entry in self.state.apps if entry.audience == audience]
            if not entries:
                continue
            tiles = "".join(
                f'<a class="nv-tile" href="{escape(entry.notebook)}"><strong>{escape(t(entry.title_key))}</strong>'
                f"{escape(t(entry.description_key))}</a>" for entry in entries)
            heading = escape(t("start.for_" + audience))
            blocks.append(html_block(f'<h2>{heading}</h2><nav class="nv-tiles">{tiles}</nav>'))
        return blocks
