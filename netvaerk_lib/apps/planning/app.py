"""Mødeplanlægning: the frame, the year's dates, the host rota, themes, each meeting's agenda, the contract,
and the calendar file and printable agenda to download.

The page keeps what it shows in one :class:`~netvaerk_lib.apps.planning.state.PlanningState`; each section is a
module of its own with a ``render(state)``. A handler reads its widgets, runs the rule (in
``netvaerk_lib.planning``, which checks it again: a browser can send any value), updates the state and calls
:meth:`PlanningApp.render`, usually through :meth:`PlanningApp.reload` when the rule changed the store.
"""

from __future__ import annotations

from netvaerk_lib.apps.planning.agenda import AgendaSection
from netvaerk_lib.apps.planning.cancellations import CancellationsSection
from netvaerk_lib.apps.planning.contract import ContractSection, ExportSection
from netvaerk_lib.apps.planning.dates import DatesSection
from netvaerk_lib.apps.planning.frame import FrameSection
from netvaerk_lib.apps.planning.rota import RotaSection
from netvaerk_lib.apps.planning.state import PlanningState, read
from netvaerk_lib.apps.planning.themes import ThemesSection
from netvaerk_lib.model import Meeting
from netvaerk_lib.planning.service import network_meeting
from netvaerk_lib.planning.topics import ensure_guide_topics
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.ui import App, escape, html_block


class PlanningApp(App):
    title_key = "apps.planning.title"

    def __init__(self, store: Store | None = None):
        super().__init__(store)
        self.network = self.open_network()
        if self.network is None:
            return
        ensure_guide_topics(self.store, self.network.id)
        self.state: PlanningState = read(self.store, self.network.id)
        self.dates = DatesSection(self)
        self.frame = FrameSection(self, on_saved=self.dates.follow_frame)
        self.rota = RotaSection(self)
        self.agenda = AgendaSection(self)
        self.themes = ThemesSection(self, on_theme_set=self.agenda.meeting_changed)
        self.contract = ContractSection(self)
        self.export = ExportSection(self)
        self.cancellations = CancellationsSection(self)
        self.sections = [self.frame, self.dates, self.rota, self.themes, self.agenda, self.cancellations,
                         self.contract, self.export]
        intro = html_block(f'<p class="nv-lead">{escape(t("planning.app.intro", network=self.network.name))}</p>')
        self.body.children = [intro, *(section.widget for section in self.sections)]
        self.render()

    def render(self) -> None:
        for section in self.sections:
            section.render(self.state)

    def reload(self) -> None:
        self.state = read(self.store, self.network.id, self.state)
        self.network = self.state.network
        self.render()

    def own_meeting(self, meeting_id: object, planned: bool = True) -> Meeting:
        return network_meeting(self.store, self.network.id, meeting_id, planned)
