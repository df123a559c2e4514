"""The dates section: propose a year of dates around holidays, save them, see the plan, move or take out one."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets

from netvaerk_lib.apps.planning.announced import AnnouncedQuestion, outcome
from netvaerk_lib.apps.planning.parts import (
    WEEKDAYS,
    Page,
    choice,
    inline,
    labelled,
    row,
    set_options,
    set_value,
    show,
    weekday_name,
)
from netvaerk_lib.apps.planning.state import PlanningState, meeting_options
from netvaerk_lib.model import FREQUENCIES, FieldError, Network, ValidationError
from netvaerk_lib.planning import service
from netvaerk_lib.planning.dates import ProposedDate, check_day, move_reason, parse_time, propose_dates
from netvaerk_lib.planning.frame import default_time, default_weekday
from netvaerk_lib.planning.service import PlanRow
from netvaerk_lib.texts import clock, long_date, t, tn
from netvaerk_lib.timezone import today
from netvaerk_lib.ui import button, card, escape, html_block


class DatesSection:
    def __init__(self, page: Page):
        self.page = page
        n = page.state.network
        last = max((m.starts_at.date() for m in page.state.meetings), default=today())
        self.start = widgets.DatePicker(value=max(last + dt.timedelta(days=1), today()),
                                        description=t("planning.field.start"))
        self.count = widgets.BoundedIntText(value=12 // n.frequency_months, min=1, max=60,
                                            description=t("planning.field.count"))
        self.every = choice([(t(f"frequency_months.{f}"), f) for f in FREQUENCIES], n.frequency_months,
                            t("planning.field.every_months"))
        self.weekday = choice([(weekday_name(d), d) for d in WEEKDAYS], default_weekday(n), t("planning.field.weekday"))
        self.time = widgets.Text(default_time(n).strftime("%H:%M"), description=t("planning.field.time"))
        self.school = widgets.Checkbox(value=False, description=t("planning.app.avoid_school"), indent=False,
                                       layout={"width": "100%"})
        self.school.add_class("nv-check")
        labelled(self.start, self.count, self.every, self.weekday, self.time)
        propose = button(t("planning.app.propose"), kind="primary")
        propose.on_click(page.guarded(self.propose))
        self.save_dates = button(t("planning.app.save_dates"), kind="success")
        self.save_dates.on_click(page.guarded(self.save))
        self.proposal_view = html_block()
        self.announced = AnnouncedQuestion(page, "dates", self.changes, self.save_answered)
        self.plan_table = html_block()
        self.move_meeting = choice([], None, t("planning.app.meeting"))
        self.move_date = widgets.DatePicker(description=t("planning.field.new_date"))
        self.move_time = widgets.Text("", description=t("planning.field.new_time"), placeholder="17:00")
        self.move_note = widgets.Text("", description=t("planning.app.move_note"))
        labelled(self.move_meeting, self.move_date, self.move_time, self.move_note)
        move = button(t("planning.app.move"))
        move.on_click(page.guarded(self.move))
        remove = button(t("planning.app.remove_meeting"), kind="danger")
        remove.on_click(page.guarded(self.ask_removal))
        self.removal_warning = html_block()
        confirm = button(t("planning.app.confirm_remove_meeting"), kind="danger")
        confirm.on_click(page.guarded(self.remove))
        keep = button(t("common.cancel"))
        keep.on_click(page.guarded(self.keep))
        self.removal_question = [self.removal_warning, row([confirm, keep])]
        self.remove_confirm = widgets.VBox()
        self.widget = card([
            html_block(f"<p>{escape(t('planning.app.dates_intro'))}</p>"),
            inline([self.start, self.count, self.every, self.weekday, self.time]),
            self.school, row([propose, self.save_dates]), self.announced.widget,
            self.proposal_view,
            html_block(f"<h3>{escape(t('planning.app.plan_title'))}</h3>"), self.plan_table,
            html_block(f"<h3>{escape(t('planning.app.move_title'))}</h3>"),
            inline([self.move_meeting, self.move_date, self.move_time, self.move_note]),
            row([move, remove]), self.remove_confirm,
        ], title=t("planning.app.dates_title"), css_class="nv-plan-dates")

    # --- render --------------------------------------------------------------------------------------------------
    def render(self, state: PlanningState) -> None:
        set_value(self.proposal_view, proposals_html(state.proposals) if state.proposals else "")
        show(self.save_dates, bool(state.proposals))
        self.announced.render(state)
        set_value(self.plan_table, plan_html(state.plan))
        set_options(self.move_meeting, meeting_options(state.planned))
        pending = state.meeting(state.pending_removal)
        if pending is not None:
            set_value(self.removal_warning, '<div class="nv-message nv-warning" role="alert">'
                      f'{escape(t("planning.app.remove_meeting_warning", date=long_date(pending.starts_at)))}</div>')
        children = self.removal_question if pending is not None else []
        if list(self.remove_confirm.children) != children:
            self.remove_confirm.children = children

    def follow_frame(self, network: Network) -> None:
        """The frame's frequency becomes the one to propose dates at."""
        self.every.value = network.frequency_months

    # --- handlers ------------------------------------------------------------------------------------------------
    def propose(self, _button=None) -> None:
        page, state = self.page, self.page.state
        if self.start.value is None:
            raise ValidationError([FieldError("start", t("error.required", field=t("planning.field.start")))])
        state.proposals = propose_dates(self.start.value, int(self.count.value), int(self.every.value),
                                        int(self.weekday.value), self.time.value,
                                        avoid_school_holidays=bool(self.school.value),
                                        busy_days={m.starts_at.date() for m in page.store.list_meetings(
                                            state.network.id) if m.status != "cancelled"})
        state.pending_change = None  # new dates: a question about the old ones no longer holds
        page.render()
        page.clear_message()

    def save(self, _button=None) -> None:
        """Save the proposed dates; first ask when the rota would change a meeting already announced."""
        if self.page.state.proposals:
            self.announced.ask()

    def changes(self) -> list[service.AnnouncedChange]:
        state = self.page.state
        return service.announced_changes(self.page.store, state.network.id, [p.starts_at for p in state.proposals])

    def save_answered(self, change_announced: bool, asked: int) -> None:
        page, state = self.page, self.page.state
        if not state.proposals:
            return
        saved = service.save_year(page.store, state.network, state.proposals)
        service.apply_rota(page.store, state.network.id, change_announced=change_announced)
        state.proposals = []
        page.reload()
        page.say(" ".join([tn("planning.app.dates_saved", len(saved)), *outcome(change_announced, asked)]),
                 "success")

    def move(self, _button=None) -> None:
        page = self.page
        meeting = page.own_meeting(self.move_meeting.value)
        if self.move_date.value is None:
            raise ValidationError([FieldError("new_date", t("error.required", field=t("planning.field.new_date")))])
        time = parse_time(self.move_time.value) if self.move_time.value.strip() else meeting.starts_at.time()
        moved = service.move_meeting(page.store, meeting.id, dt.datetime.combine(self.move_date.value, time),
                                     move_reason(meeting.starts_at.date(), self.move_date.value,
                                                 self.move_note.value[:300]))
        warning = check_day(moved.starts_at.date())
        page.say(" ".join(filter(None, [t("planning.app.moved", date=long_date(moved.starts_at)), warning])),
                 "warning" if warning else "success")
        self.move_note.value = ""
        page.reload()

    def ask_removal(self, _button=None) -> None:
        self.page.state.pending_removal = self.page.own_meeting(self.move_meeting.value).id
        self.page.render()

    def keep(self, _button=None) -> None:
        self.page.state.pending_removal = None
        self.page.render()

    def remove(self, _button=None) -> None:
        page = self.page
        meeting = page.own_meeting(self.move_meeting.value)
        if meeting.id != page.state.pending_removal:
            return  # only the meeting whose removal was asked for, and only once
        page.state.pending_removal = None
        result = service.remove_meeting(page.store, meeting.id)
        page.reload()
        page.say(t(f"planning.app.meeting_{result}", date=long_date(meeting.starts_at)), "success")


def proposals_html(proposals: list[ProposedDate]) -> str:
    rows = "".join(
        f"<tr><td>{escape(p.starts_at.date().isoformat())}</td><td>{escape(long_date(p.starts_at))} "
        f"{escape(t('common.at_time'))} {escape(clock(p.starts_at))}</td>"
        f'<td class="nv-reason">{escape(p.reason)}</td></tr>' for p in proposals)
    head = "".join(f'<th scope="col">{escape(t(key))}</th>'
                   for key in ("planning.app.date", "planning.app.when", "planning.app.reason"))
    return (f'<div class="nv-proposals"><p>{escape(t("planning.app.proposed", n=len(proposals)))}</p>'
            f'<div class="nv-scroll"><table class="nv-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>'
            "</table></div></div>")


def plan_html(rows: list[PlanRow]) -> str:
    if not rows:
        return f"<p>{escape(t('planning.app.no_meetings'))}</p>"
    head = "".join(f'<th scope="col">{escape(t(k))}</th>' for k in ("planning.app.theme", "planning.app.host"))
    return (f'<div class="nv-scroll"><table class="nv-table nv-plan"><thead><tr><th scope="col">#</th>'
            f'<th scope="col">{escape(t("planning.app.date"))}</th>{head}'
            f'<th scope="col">{escape(t("planning.app.notes"))}</th></tr></thead>'
            f'<tbody>{"".join(_plan_row(entry) for entry in rows)}</tbody></table></div>')


def _plan_row(entry: PlanRow) -> str:
    m = entry.meeting
    badges = []
    if entry.checkpoint:
        badges.append(f'<span class="nv-chip nv-checkpoint">{escape(t("planning.checkpoint.short"))}</span>')
    if entry.model_outcome:
        badges.append(f'<span class="nv-chip">{escape(entry.model_outcome)}</span>')
    if m.status != "planned":
        badges.append(f'<span class="nv-chip">{escape(t(f"meeting_status.{m.status}"))}</span>')
    fixed = f' <span class="nv-chip">{escape(t("planning.app.host_fixed"))}</span>' if entry.host_fixed else ""
    check = entry.time_check
    fit = escape(t("planning.app.over", n=check.over)) if check.over else ""
    return (f'<tr><td class="nv-num">{entry.number}</td><th scope="row"><span class="nv-date">'
            f'{escape(m.starts_at.date().isoformat())}</span>'
            f'<div class="nv-sub">{escape(long_date(m.starts_at))} {escape(clock(m.starts_at))}</div>'
            f'{"".join(badges)}</th><td>{escape(entry.theme or "–")}</td>'
            f'<td>{escape(entry.host or "–")}{fixed}<div class="nv-sub">{escape(m.location)}</div></td>'
            f'<td>{escape(entry.move_reason)}{_change_html(entry.change)}'
            f'{"<div class=nv-over>" + fit + "</div>" if fit else ""}</td></tr>')


def _change_html(change: str) -> str:
    """What host and place were before the person said "Ja, skift"."""
    if not change:
        return ""
    return (f'<div class="nv-changed"><span class="nv-chip">{escape(t("planning.announced.chip"))}</span> '
            f'<span class="nv-sub">{escape(change)}</span></div>')
