"""The contract section (purpose, ground rules, confidentiality, each member's gain) and the calendar export."""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.apps.planning.parts import Page, row, set_value
from netvaerk_lib.apps.planning.state import PlanningState
from netvaerk_lib.planning import service
from netvaerk_lib.planning.contract import contract_rules, guide_rule_texts, purpose_warning, save_contract
from netvaerk_lib.texts import t, tn
from netvaerk_lib.timezone import today
from netvaerk_lib.ui import button, card, download_link, escape, html_block


class ContractSection:
    def __init__(self, page: Page):
        self.page = page
        n = page.state.network
        contract = page.store.get_contract(n.id)
        rules = page.store.list_ground_rules(n.id)
        chosen = {rule.text for rule in rules}
        self.purpose = widgets.Textarea(n.purpose, description=t("field.purpose"))
        self.purpose_warning = html_block()
        self.purpose.observe(page.guarded(lambda _change: page.render()), "value")
        self.guide_rules = [widgets.Checkbox(value=text in chosen, description=text, indent=False,
                                             layout={"width": "100%"}) for text in guide_rule_texts()]
        for box in self.guide_rules:
            box.add_class("nv-check")
        own = [rule.text for rule in rules if rule.source == "own"]
        self.own_rules = widgets.Textarea("\n".join(own), description=t("planning.app.own_rules"))
        agreement = contract.confidentiality or t("planning.contract.confidentiality_default")
        self.confidentiality = widgets.Textarea(agreement, description=t("planning.contract.confidentiality"))
        self.gains = {member.id: widgets.Textarea(member.expected_gain, description=member.name)
                      for member in page.state.members}
        for box in self.gains.values():
            box.add_class("nv-gain")
        for widget in [self.purpose, self.own_rules, self.confidentiality, *self.gains.values()]:
            widget.style.description_width = "initial"
            widget.layout.width = "100%"
            widget.add_class("nv-input")
        save = button(t("planning.app.save_contract"), kind="primary")
        save.on_click(page.guarded(self.save))
        make = button(t("planning.app.make_contract"))
        make.on_click(page.guarded(self.download))
        self.contract_link = html_block()
        self.widget = card([
            html_block(f"<p>{escape(t('planning.app.contract_intro'))}</p>"), self.purpose, self.purpose_warning,
            html_block(f"<h3>{escape(t('planning.contract.rules'))}</h3>"
                       f"<p>{escape(t('planning.app.rules_intro'))}</p>"), *self.guide_rules, self.own_rules,
            self.confidentiality,
            html_block(f"<h3>{escape(t('planning.contract.gains'))}</h3>"), *self.gains.values(),
            row([save, make]), self.contract_link,
        ], title=t("planning.app.contract_title"), css_class="nv-plan-contract")

    def render(self, state: PlanningState) -> None:
        """The warning follows the purpose as it is typed; the link shows the contract last made."""
        warning = purpose_warning(self.purpose.value)
        set_value(self.purpose_warning,
                  f'<div class="nv-message nv-warning" role="status">{escape(warning)}</div>' if warning else "")
        set_value(self.contract_link, state.links.get("contract", ""))

    def save(self, _button=None) -> None:
        page = self.page
        network_id = page.state.network.id
        rules = contract_rules(network_id, [box.description for box in self.guide_rules if box.value],
                               self.own_rules.value)
        members = {member.id for member in page.store.list_members(network_id)}
        gains = {member_id: box.value for member_id, box in self.gains.items() if member_id in members}
        save_contract(page.store, network_id, self.purpose.value, rules, self.confidentiality.value, gains, today())
        warning = purpose_warning(self.purpose.value)
        page.say(" ".join(filter(None, [t("planning.app.contract_saved"), warning])),
                 "warning" if warning else "success")
        page.reload()

    def download(self, _button=None) -> None:
        document = service.contract_document(self.page.store, self.page.state.network.id)
        link = download_link(document.encode("utf-8"), "kontrakt.html", "text/html",
                             t("planning.app.download_contract"), "nv-button-link")
        self.page.state.links["contract"] = f'<p class="nv-row">{link}</p>'
        self.page.render()


class ExportSection:
    def __init__(self, page: Page):
        self.page = page
        make = button(t("planning.app.make_ics"), kind="primary")
        make.on_click(page.guarded(self.make_calendar))
        self.ics_link = html_block()
        self.widget = card([html_block(f"<p>{escape(t('planning.app.ics_intro'))}</p>"), make, self.ics_link],
                           title=t("planning.app.export_title"), css_class="nv-plan-export")

    def render(self, state: PlanningState) -> None:
        set_value(self.ics_link, state.links.get("ics", ""))

    def make_calendar(self, _button=None) -> None:
        page = self.page
        data = service.export_ics(page.store, page.state.network.id)
        count = len(page.store.list_meetings(page.state.network.id))
        link = download_link(data, "netvaerk-moeder.ics", "text/calendar", tn("planning.app.download_ics", count),
                             "nv-button-link")
        page.state.links["ics"] = f'<p class="nv-row">{link}</p>'
        page.render()
