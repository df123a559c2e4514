"""The cancellations section: a member's afbud registered when it comes, so that it keeps its time.

The time is the moment it is registered here; whether it came in good time or late follows from the network's
own limit (``members.attendance``), and the consultant's late-cancellation share uses it.
"""

from __future__ import annotations

from netvaerk_lib.apps.planning.parts import Page, choice, labelled, set_options, set_value
from netvaerk_lib.apps.planning.state import PlanningState, meeting_options
from netvaerk_lib.members.attendance import register_attendance
from netvaerk_lib.model import FieldError, ValidationError, label
from netvaerk_lib.texts import clock, long_date, short_date, t
from netvaerk_lib.timezone import now
from netvaerk_lib.ui import button, card, escape, html_block


class CancellationsSection:
    def __init__(self, page: Page):
        self.page = page
        self.meeting = choice([], None, t("planning.app.meeting"))
        self.member = choice([], None, t("planning.cancel.member"))
        labelled(self.meeting, self.member)
        register = button(t("planning.cancel.register"), kind="primary")
        register.on_click(page.guarded(self.register))
        self.meeting.observe(page.guarded(lambda _change: self.render(page.state)), "value")
        self.listing = html_block()
        self.intro = html_block()
        self.widget = card([self.intro, self.meeting, self.member, register, self.listing],
                           title=t("planning.cancel.title"), css_class="nv-plan-cancellations")

    def render(self, state: PlanningState) -> None:
        set_value(self.intro, f"<p>{escape(t('planning.cancel.intro', hours=state.network.late_cancellation_hours))}"
                              f"</p>")
        set_options(self.meeting, meeting_options(state.planned))
        set_options(self.member, [(member.name, member.id) for member in state.members])
        set_value(self.listing, self._listing(state))

    def _listing(self, state: PlanningState) -> str:
        meeting = state.meeting(self.meeting.value)
        if meeting is None:
            return ""
        names = {member.id: member.name for member in state.members}
        records = [record for record in self.page.store.attendance(meeting.id).values()
                   if record.status == "cancelled" and record.member_id in names]
        if not records:
            return f"<p>{escape(t('planning.cancel.none', date=short_date(meeting.starts_at)))}</p>"
        items = "".join(
            f"<li>{escape(names[r.member_id])}: {escape(label('notice', r.notice) if r.notice else '–')}"
            f"{escape(' · ' + short_date(r.cancelled_at) + ' ' + clock(r.cancelled_at) if r.cancelled_at else '')}"
            f"</li>" for r in sorted(records, key=lambda r: names[r.member_id].casefold()))
        return f'<ul class="nv-plan-cancelled">{items}</ul>'

    def register(self, _button=None) -> None:
        page = self.page
        meeting = page.own_meeting(self.meeting.value)
        members = {member.id: member for member in page.state.members}
        if self.member.value not in members:  # a browser can send any value
            raise ValidationError([FieldError("member", t("run.error.not_member"))])
        record = register_attendance(page.store, meeting, self.member.value, "cancelled", cancelled_at=now())
        page.say(t("planning.cancel.registered", name=members[record.member_id].name,
                   date=long_date(meeting.starts_at), notice=label("notice", record.notice)), "success")
        page.reload()
