"""The host rota section: share the hosting fairly, choose who takes part, swap two meetings' hosts."""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.apps.planning.announced import AnnouncedQuestion, outcome
from netvaerk_lib.apps.planning.parts import Page, choice, inline, labelled, set_options, set_value
from netvaerk_lib.apps.planning.state import PlanningState, meeting_options
from netvaerk_lib.model import FieldError, Meeting, Member, ValidationError
from netvaerk_lib.planning import service
from netvaerk_lib.texts import t, tn
from netvaerk_lib.ui import button, card, escape, html_block


class RotaSection:
    def __init__(self, page: Page):
        self.page = page
        self.rota_table = html_block()
        fair = button(t("planning.app.rota_apply"), kind="primary")
        fair.on_click(page.guarded(self.share_out))
        self.announced = AnnouncedQuestion(page, "rota", lambda: service.announced_changes(
            page.store, page.state.network.id), self.shared_out)
        self.swap_first = choice([], None, t("planning.app.swap_first"))
        self.swap_second = choice([], None, t("planning.app.swap_second"))
        labelled(self.swap_first, self.swap_second)
        swap = button(t("planning.app.swap"))
        swap.on_click(page.guarded(self.swap))
        self.in_rota = {member.id: widgets.Checkbox(value=member.in_host_rota, description=member.name, indent=False,
                                                    layout={"width": "100%"})
                        for member in page.state.members}
        for box in self.in_rota.values():
            box.add_class("nv-check")
        save_members = button(t("planning.app.save_rota_members"))
        save_members.on_click(page.guarded(self.save_members))
        self.widget = card([html_block(f"<p>{escape(t('planning.app.rota_intro'))}</p>"), fair, self.announced.widget,
                            self.rota_table,
                            html_block(f"<h3>{escape(t('planning.app.rota_members'))}</h3>"),
                            widgets.VBox(list(self.in_rota.values())), save_members,
                            html_block(f"<h3>{escape(t('planning.app.swap_title'))}</h3>"),
                            inline([self.swap_first, self.swap_second]), swap],
                           title=t("planning.app.rota_title"), css_class="nv-plan-rota")

    def render(self, state: PlanningState) -> None:
        set_value(self.rota_table, rota_html(state.members, state.meetings))
        self.announced.render(state)
        planned = meeting_options(state.planned)
        set_options(self.swap_first, planned)
        set_options(self.swap_second, planned)
        if len(planned) > 1 and self.swap_second.value == self.swap_first.value:
            self.swap_second.value = planned[1][1]

    def share_out(self, _button=None) -> None:
        """Share out the hosting fairly; first ask when that would change a meeting already announced."""
        self.announced.ask()

    def shared_out(self, change_announced: bool, asked: int) -> None:
        page = self.page
        result = service.apply_rota(page.store, page.state.network.id, change_announced=change_announced)
        notes = [t("planning.app.rota_done"), *outcome(change_announced, asked)]
        if result.unfixed:
            notes.append(t("planning.app.rota_unfixed", n=len(result.unfixed)))
        if result.without_host:
            notes.append(tn("planning.app.rota_without", len(result.without_host)))
        page.say(" ".join(notes), "warning" if result.unfixed or result.without_host else "success")
        page.reload()

    def save_members(self, _button=None) -> None:
        """Who takes part in the rota; then the rota is shared out again (hosts chosen by hand are kept)."""
        service.set_rota_members(self.page.store, self.page.state.network.id,
                                 {member_id: bool(box.value) for member_id, box in self.in_rota.items()})
        self.share_out()

    def swap(self, _button=None) -> None:
        page = self.page
        first = page.own_meeting(self.swap_first.value)
        second = page.own_meeting(self.swap_second.value)
        if first.id == second.id:
            raise ValidationError([FieldError("meeting", t("planning.app.swap_same"))])
        service.swap_hosts(page.store, first.id, second.id)
        page.say(t("planning.app.swapped"), "success")
        page.reload()


def rota_html(members: list[Member], meetings: list[Meeting]) -> str:
    counts = {member.id: 0 for member in members}
    for meeting in meetings:
        if meeting.host_member_id in counts and meeting.status != "cancelled":
            counts[meeting.host_member_id] += 1
    rows = "".join(
        f'<tr><th scope="row">{escape(member.name)}</th><td class="nv-num nv-narrow">{counts[member.id]}</td>'
        f'<td class="nv-narrow">{escape(t("common.yes") if member.in_host_rota else t("common.no"))}</td></tr>'
        for member in members)
    head = (f'<th scope="col">{escape(t("field.name"))}</th>'
            f'<th scope="col" class="nv-num nv-narrow">{escape(t("planning.app.hosts"))}</th>'
            f'<th scope="col" class="nv-narrow">{escape(t("planning.app.in_rota"))}</th>')
    return (f'<div class="nv-scroll"><table class="nv-table nv-rota"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")
