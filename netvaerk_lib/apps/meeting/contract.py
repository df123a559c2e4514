"""The network's contract on screen: purpose, ground rules and confidentiality, large enough for the room."""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.state import Section
from netvaerk_lib.meeting.contract import contract_screen
from netvaerk_lib.texts import t
from netvaerk_lib.ui import card, escape, html_block


class ContractSection(Section):
    def build(self) -> widgets.Widget:
        self.contract = html_block()
        return card([self.contract], title=t("run.section.contract"), css_class="nv-run-contract")

    def render(self) -> None:
        screen = contract_screen(self.store, self.state.network.id)
        parts = []
        if screen.purpose:
            parts.append(f'<h3>{escape(t("run.contract.purpose"))}</h3><p class="nv-run-rules">'
                         f"{escape(screen.purpose)}</p>")
        if screen.rules:
            rules = "".join(f"<li>{escape(rule)}</li>" for rule in screen.rules)
            parts.append(f'<h3>{escape(t("run.contract.rules"))}</h3><ul class="nv-run-rules">{rules}</ul>')
        if screen.confidentiality:
            parts.append(f'<h3>{escape(t("run.contract.confidentiality"))}</h3>'
                         f"<p>{escape(screen.confidentiality)}</p>")
        if not parts:
            parts.append(f"<p>{escape(t('run.contract.missing'))}</p>")
        self.contract.value = "".join(parts)
