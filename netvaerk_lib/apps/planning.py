"""Mødeplanlægning: the frame, the year's dates, the host rota, themes, each meeting's agenda, the contract,
and the calendar file and printable agenda to download.

Every callback re-reads what it acts on from the store and checks it belongs to this network, because a browser
can send any value; rules live in ``netvaerk_lib.planning`` and are checked there again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import ipywidgets as widgets

from netvaerk_lib.model import (
    COST_MODELS,
    FREQUENCIES,
    TIMES_OF_DAY,
    VENUE_MODES,
    FieldError,
    GroundRule,
    Topic,
    ValidationError,
)
from netvaerk_lib.model.planning import EXERCISE_TYPES, MAX_ITEM_MINUTES, AgendaItem, exercise_label
from netvaerk_lib.planning import agenda as agenda_rules
from netvaerk_lib.planning import service
from netvaerk_lib.planning.agenda import check_time
from netvaerk_lib.planning.contract import guide_rule_texts, purpose_warning, save_contract
from netvaerk_lib.planning.dates import ProposedDate, check_day, move_reason, parse_time, propose_dates
from netvaerk_lib.planning.frame import default_time, default_weekday, fee_split
from netvaerk_lib.planning.topics import coverage, ensure_guide_topics, suggest_uncovered
from netvaerk_lib.texts import clock, long_date, short_date, t
from netvaerk_lib.ui import App, Form, FormField, button, card, download_link, escape, html_block

WEEKDAYS = range(7)
MAX_OWN_RULES = 20


def _choice(options: list[tuple[str, object]], value: object, label: str) -> widgets.Dropdown:
    return widgets.Dropdown(options=options, value=value, description=label)


def _row(children: list[widgets.Widget]) -> widgets.HBox:
    """Buttons side by side, wrapping on a narrow screen (spacing from the shared .nv-row style)."""
    box = widgets.HBox(children)
    box.add_class("nv-row")
    return box


def _inline(children: list[widgets.Widget]) -> widgets.Box:
    box = widgets.Box(children)
    box.add_class("nv-plan-inline")
    return box


def _weekday_name(number: int) -> str:
    return long_date(dt.date(2024, 1, 1) + dt.timedelta(days=number)).split(" ")[0].capitalize()


class PlanningApp(App):
    title_key = "apps.planning.title"

    def __init__(self, store=None):
        super().__init__(store)
        self.network = self.open_network()
        if self.network is None:
            return
        ensure_guide_topics(self.store, self.network.id)
        self.proposals: list[ProposedDate] = []
        self.items: list[AgendaItem] = []
        self._build_frame()
        self._build_dates()
        self._build_rota()
        self._build_themes()
        self._build_agenda()
        self._build_contract()
        self._build_exports()
        intro = html_block(f'<p class="nv-lead">{escape(t("planning.app.intro", network=self.network.name))}</p>')
        self.body.children = [intro, self.frame_card, self.dates_card, self.rota_card, self.themes_card,
                              self.agenda_card, self.contract_card, self.export_card]
        self.refresh()

    # --- helpers -------------------------------------------------------------------------------------------------
    def _meetings(self):
        return self.store.list_meetings(self.network.id)

    def _meeting_options(self, planned_only: bool = False) -> list[tuple[str, int]]:
        return [(self._meeting_label(m), m.id) for m in self._meetings() if not planned_only or m.status == "planned"]

    def _meeting_label(self, meeting) -> str:
        status = "" if meeting.status == "planned" else f" ({t(f'meeting_status.{meeting.status}')})"
        return f"{short_date(meeting.starts_at)} {clock(meeting.starts_at)}{status}"

    def _own_meeting(self, meeting_id, planned: bool = True):
        """The meeting if it belongs to this network (and is planned, when asked), else a clear refusal."""
        try:
            meeting = self.store.get_meeting(int(meeting_id))
        except (KeyError, TypeError, ValueError):
            meeting = None
        if meeting is None or meeting.network_id != self.network.id or (planned and meeting.status != "planned"):
            raise ValidationError([FieldError("meeting", t("planning.app.choose_meeting"))])
        return meeting

    def _set_options(self, dropdown: widgets.Dropdown, options, keep: bool = True) -> None:
        current = dropdown.value
        dropdown.options = options
        values = [value for _, value in options]
        if keep and current in values:
            dropdown.value = current
        elif values:
            dropdown.value = values[0]

    def refresh(self) -> None:
        self.network = self.store.get_network(self.network.id)
        meetings = self._meetings()
        split = fee_split(self.network, len(self.store.list_members(self.network.id)))
        self.fee.value = f"<p>{escape(split.describe())}</p>"
        self.plan_table.value = self._plan_html()
        planned = self._meeting_options(planned_only=True)
        for dropdown in (self.move_meeting, self.swap_first, self.swap_second, self.theme_meeting):
            self._set_options(dropdown, planned)
        if len(planned) > 1 and self.swap_second.value == self.swap_first.value:
            self.swap_second.value = planned[1][1]
        first_agenda = self.agenda_meeting.value is None
        self._set_options(self.agenda_meeting, self._meeting_options())
        upcoming = [m.id for m in meetings if m.status == "planned"]
        if first_agenda and upcoming:
            self.agenda_meeting.value = upcoming[0]
        topics = self.store.list_topics(self.network.id)
        self._set_options(self.theme_topic, [(t("planning.app.no_theme"), 0)] + [(topic.title, topic.id)
                                                                                 for topic in topics])
        self.coverage.value = self._coverage_html(topics, meetings)
        self.rota_table.value = self._rota_html()

    # --- frame ---------------------------------------------------------------------------------------------------
    def _build_frame(self) -> None:
        n = self.network
        fields = [
            FormField("frequency_months", _choice([(t(f"frequency_months.{f}"), f) for f in FREQUENCIES],
                                                  n.frequency_months, ""), t("field.frequency_months")),
            FormField("length_minutes", widgets.Text(str(n.length_minutes)), t("field.length_minutes")),
            FormField("time_of_day", _choice([(t(f"time_of_day.{c}"), c) for c in TIMES_OF_DAY], n.time_of_day, ""),
                      t("field.time_of_day")),
            FormField("venue_mode", _choice([(t(f"venue_mode.{c}"), c) for c in VENUE_MODES], n.venue_mode, ""),
                      t("field.venue_mode")),
            FormField("venue_detail", widgets.Text(n.venue_detail), t("field.venue_detail")),
            FormField("cost_model", _choice([(t(f"cost_model.{c}"), c) for c in COST_MODELS], n.cost_model, ""),
                      t("field.cost_model")),
            FormField("facilitator_fee_kr", widgets.Text(str(n.facilitator_fee_kr)), t("field.facilitator_fee_kr")),
            FormField("facilitator", widgets.Text(n.facilitator), t("field.facilitator")),
            FormField("trial_meetings", _choice([(t("planning.app.trial", n=k), k) for k in (3, 4)],
                                                n.trial_meetings, ""), t("field.trial_meetings")),
        ]
        self.frame_form = Form(fields)
        self.frame_form.widget.add_class("nv-grid-form")
        self.fee = html_block()
        save = button(t("planning.app.save_frame"), kind="primary")
        save.on_click(self.guarded(self._on_save_frame))
        self.frame_card = card([html_block(f"<p>{escape(t('planning.app.frame_intro'))}</p>"), self.frame_form.widget,
                                self.fee, save], title=t("planning.app.frame_title"), css_class="nv-plan-frame")

    def _on_save_frame(self, _button=None) -> None:
        values = self.frame_form.raw_values()
        errors = []
        numbers = {}
        for name in ("length_minutes", "facilitator_fee_kr"):
            text = values[name].strip().replace(".", "").replace(" ", "")
            try:
                numbers[name] = int(text)
            except ValueError:
                errors.append(FieldError(name, t("error.not_a_number", field=t(f"field.{name}"), value=values[name])))
        if errors:
            raise_at = ValidationError(errors)
            self.frame_form.show_errors(raise_at)
            self.say(t("planning.app.fix_fields"), "error")
            return
        changed = replace(self.network, frequency_months=int(self.frame_form.fields["frequency_months"].value),
                          time_of_day=self.frame_form.fields["time_of_day"].value,
                          venue_mode=self.frame_form.fields["venue_mode"].value,
                          venue_detail=values["venue_detail"].strip(),
                          cost_model=self.frame_form.fields["cost_model"].value,
                          facilitator=values["facilitator"].strip(),
                          trial_meetings=int(self.frame_form.fields["trial_meetings"].value), **numbers)
        try:
            self.store.update_network(changed)
        except ValidationError as error:
            rest = self.frame_form.show_errors(error)
            self.say("\n".join([t("planning.app.fix_fields")] + rest), "error")
            return
        self.frame_form.clear_errors()
        self.every.value = changed.frequency_months
        self.say(t("planning.app.frame_saved"), "success")
        self.refresh()

    # --- dates ---------------------------------------------------------------------------------------------------
    def _build_dates(self) -> None:
        n = self.network
        last = max((m.starts_at.date() for m in self._meetings()), default=dt.date.today())
        start = max(last + dt.timedelta(days=1), dt.date.today())
        self.start = widgets.DatePicker(value=start, description=t("planning.field.start"))
        self.count = widgets.BoundedIntText(value=12 // n.frequency_months, min=1, max=60,
                                            description=t("planning.field.count"))
        self.every = _choice([(t(f"frequency_months.{f}"), f) for f in FREQUENCIES], n.frequency_months,
                             t("planning.field.every_months"))
        self.weekday = _choice([(_weekday_name(d), d) for d in WEEKDAYS], default_weekday(n),
                               t("planning.field.weekday"))
        self.time = widgets.Text(default_time(n).strftime("%H:%M"), description=t("planning.field.time"))
        self.school = widgets.Checkbox(value=False, description=t("planning.app.avoid_school"), indent=False,
                                       layout={"width": "100%"})
        self.school.add_class("nv-check")
        for widget in (self.start, self.count, self.every, self.weekday, self.time):
            widget.style.description_width = "initial"
            widget.add_class("nv-input")
        propose = button(t("planning.app.propose"), kind="primary")
        propose.on_click(self.guarded(self._on_propose))
        self.save_dates = button(t("planning.app.save_dates"), kind="success")
        self.save_dates.on_click(self.guarded(self._on_save_dates))
        self.save_dates.layout.display = "none"
        self.proposal_view = html_block()
        self.plan_table = html_block()
        self.move_meeting = _choice([], None, t("planning.app.meeting"))
        self.move_date = widgets.DatePicker(description=t("planning.field.new_date"))
        self.move_time = widgets.Text("", description=t("planning.field.new_time"), placeholder="17:00")
        self.move_note = widgets.Text("", description=t("planning.app.move_note"))
        for widget in (self.move_meeting, self.move_date, self.move_time, self.move_note):
            widget.style.description_width = "initial"
            widget.add_class("nv-input")
        move = button(t("planning.app.move"))
        move.on_click(self.guarded(self._on_move))
        remove = button(t("planning.app.remove_meeting"), kind="danger")
        remove.on_click(self.guarded(self._on_remove_meeting))
        self.pending_removal: int | None = None
        self.remove_confirm = widgets.VBox()
        self.dates_card = card([
            html_block(f"<p>{escape(t('planning.app.dates_intro'))}</p>"),
            _inline([self.start, self.count, self.every, self.weekday, self.time]),
            self.school, _row([propose, self.save_dates]),
            self.proposal_view,
            html_block(f"<h3>{escape(t('planning.app.plan_title'))}</h3>"), self.plan_table,
            html_block(f"<h3>{escape(t('planning.app.move_title'))}</h3>"),
            _inline([self.move_meeting, self.move_date, self.move_time, self.move_note]),
            _row([move, remove]), self.remove_confirm,
        ], title=t("planning.app.dates_title"), css_class="nv-plan-dates")

    def _on_propose(self, _button=None) -> None:
        if self.start.value is None:
            raise ValidationError([FieldError("start", t("error.required", field=t("planning.field.start")))])
        self.proposals = propose_dates(self.start.value, int(self.count.value), int(self.every.value),
                                       int(self.weekday.value), self.time.value,
                                       avoid_school_holidays=bool(self.school.value),
                                       busy_days={m.starts_at.date() for m in self._meetings()
                                                  if m.status != "cancelled"})
        rows = "".join(
            f"<tr><td>{escape(p.starts_at.date().isoformat())}</td><td>{escape(long_date(p.starts_at))} "
            f"{escape(t('common.at_time'))} {escape(clock(p.starts_at))}</td>"
            f'<td class="nv-reason">{escape(p.reason)}</td></tr>' for p in self.proposals)
        head = "".join(f'<th scope="col">{escape(t(key))}</th>'
                       for key in ("planning.app.date", "planning.app.when", "planning.app.reason"))
        self.proposal_view.value = (
            f'<div class="nv-proposals"><p>{escape(t("planning.app.proposed", n=len(self.proposals)))}</p>'
            f'<div class="nv-scroll"><table class="nv-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>'
            "</table></div></div>")
        self.save_dates.layout.display = None
        self.clear_message()

    def _on_save_dates(self, _button=None) -> None:
        if not self.proposals:
            return
        saved = service.save_year(self.store, self.network, self.proposals)
        service.apply_rota(self.store, self.network.id)
        self.proposals = []
        self.proposal_view.value = ""
        self.save_dates.layout.display = "none"
        self.refresh()
        self.say(t("planning.app.dates_saved", n=len(saved)), "success")

    def _on_move(self, _button=None) -> None:
        meeting = self._own_meeting(self.move_meeting.value)
        if self.move_date.value is None:
            raise ValidationError([FieldError("new_date", t("error.required", field=t("planning.field.new_date")))])
        time = parse_time(self.move_time.value) if self.move_time.value.strip() else meeting.starts_at.time()
        old = meeting.starts_at.date()
        moved = service.move_meeting(self.store, meeting.id, dt.datetime.combine(self.move_date.value, time),
                                        move_reason(old, self.move_date.value, self.move_note.value[:300]))
        warning = check_day(moved.starts_at.date())
        self.say(" ".join(filter(None, [t("planning.app.moved", date=long_date(moved.starts_at)), warning])),
                 "warning" if warning else "success")
        self.move_note.value = ""
        self.refresh()

    def _on_remove_meeting(self, _button=None) -> None:
        meeting = self._own_meeting(self.move_meeting.value)
        self.pending_removal = meeting.id
        confirm = button(t("planning.app.confirm_remove_meeting"), kind="danger")
        keep = button(t("common.cancel"))
        confirm.on_click(self.guarded(self._on_confirm_remove_meeting))
        keep.on_click(self.guarded(self._on_keep_meeting))
        warning = html_block(f'<div class="nv-message nv-warning" role="alert">'
                             f'{escape(t("planning.app.remove_meeting_warning", date=long_date(meeting.starts_at)))}'
                             "</div>")
        self.remove_confirm.children = [warning, _row([confirm, keep])]

    def _on_keep_meeting(self, _button=None) -> None:
        self.pending_removal = None
        self.remove_confirm.children = []

    def _on_confirm_remove_meeting(self, _button=None) -> None:
        meeting = self._own_meeting(self.move_meeting.value)
        if meeting.id != self.pending_removal:
            return  # only the meeting whose removal was asked for, and only once
        self._on_keep_meeting()
        result = service.remove_meeting(self.store, meeting.id)
        self.refresh()
        self.say(t(f"planning.app.meeting_{result}", date=long_date(meeting.starts_at)), "success")

    def _plan_html(self) -> str:
        rows = service.plan_rows(self.store, self.network.id)
        if not rows:
            return f"<p>{escape(t('planning.app.no_meetings'))}</p>"
        body = []
        for row in rows:
            m = row.meeting
            badges = []
            if row.checkpoint:
                badges.append(f'<span class="nv-chip nv-checkpoint">{escape(t("planning.checkpoint.short"))}</span>')
            if m.status != "planned":
                badges.append(f'<span class="nv-chip">{escape(t(f"meeting_status.{m.status}"))}</span>')
            fixed = f' <span class="nv-chip">{escape(t("planning.app.host_fixed"))}</span>' if row.host_fixed else ""
            check = row.time_check
            fit = escape(t("planning.app.over", n=check.over)) if check.over else ""
            body.append(
                f'<tr><td class="nv-num">{row.number}</td><th scope="row"><span class="nv-date">'
                f'{escape(m.starts_at.date().isoformat())}</span>'
                f'<div class="nv-sub">{escape(long_date(m.starts_at))} {escape(clock(m.starts_at))}</div>'
                f'{"".join(badges)}</th><td>{escape(row.theme or "–")}</td>'
                f'<td>{escape(row.host or "–")}{fixed}<div class="nv-sub">{escape(m.location)}</div></td>'
                f'<td>{escape(row.move_reason)}'
                f'{"<div class=nv-over>" + fit + "</div>" if fit else ""}</td></tr>')
        head = "".join(f'<th scope="col">{escape(t(k))}</th>' for k in (
            "planning.app.theme", "planning.app.host"))
        return (f'<div class="nv-scroll"><table class="nv-table nv-plan"><thead><tr><th scope="col">#</th>'
                f'<th scope="col">{escape(t("planning.app.date"))}</th>{head}'
                f'<th scope="col">{escape(t("planning.app.notes"))}</th></tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table></div>')

    # --- rota ----------------------------------------------------------------------------------------------------
    def _build_rota(self) -> None:
        self.rota_table = html_block()
        fair = button(t("planning.app.rota_apply"), kind="primary")
        fair.on_click(self.guarded(self._on_rota))
        self.swap_first = _choice([], None, t("planning.app.swap_first"))
        self.swap_second = _choice([], None, t("planning.app.swap_second"))
        for widget in (self.swap_first, self.swap_second):
            widget.style.description_width = "initial"
            widget.add_class("nv-input")
        swap = button(t("planning.app.swap"))
        swap.on_click(self.guarded(self._on_swap))
        self.in_rota = {member.id: widgets.Checkbox(value=member.in_host_rota, description=member.name, indent=False,
                                                    layout={"width": "100%"})
                        for member in self.store.list_members(self.network.id)}
        for box in self.in_rota.values():
            box.add_class("nv-check")
        save_rota = button(t("planning.app.save_rota_members"))
        save_rota.on_click(self.guarded(self._on_rota_members))
        self.rota_card = card([html_block(f"<p>{escape(t('planning.app.rota_intro'))}</p>"), fair, self.rota_table,
                               html_block(f"<h3>{escape(t('planning.app.rota_members'))}</h3>"),
                               widgets.VBox(list(self.in_rota.values())), save_rota,
                               html_block(f"<h3>{escape(t('planning.app.swap_title'))}</h3>"),
                               _inline([self.swap_first, self.swap_second]), swap],
                              title=t("planning.app.rota_title"), css_class="nv-plan-rota")

    def _rota_html(self) -> str:
        members = self.store.list_members(self.network.id)
        meetings = self._meetings()
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

    def _on_rota(self, _button=None) -> None:
        result = service.apply_rota(self.store, self.network.id)
        notes = [t("planning.app.rota_done")]
        if result.unfixed:
            notes.append(t("planning.app.rota_unfixed", n=len(result.unfixed)))
        if result.without_host:
            notes.append(t("planning.app.rota_without", n=len(result.without_host)))
        self.say(" ".join(notes), "warning" if len(notes) > 1 else "success")
        self.refresh()

    def _on_rota_members(self, _button=None) -> None:
        """Who takes part in the rota; then the rota is shared out again (hosts chosen by hand are kept)."""
        members = {member.id: member for member in self.store.list_members(self.network.id)}
        for member_id, box in self.in_rota.items():
            member = members.get(member_id)
            if member is not None and member.in_host_rota != bool(box.value):
                member.in_host_rota = bool(box.value)
                self.store.update_member(member)
        self._on_rota()

    def _on_swap(self, _button=None) -> None:
        first = self._own_meeting(self.swap_first.value)
        second = self._own_meeting(self.swap_second.value)
        if first.id == second.id:
            raise ValidationError([FieldError("meeting", t("planning.app.swap_same"))])
        service.swap_hosts(self.store, first.id, second.id)
        self.say(t("planning.app.swapped"), "success")
        self.refresh()

    # --- themes --------------------------------------------------------------------------------------------------
    def _build_themes(self) -> None:
        self.theme_meeting = _choice([], None, t("planning.app.meeting"))
        self.theme_topic = _choice([], None, t("planning.app.theme"))
        self.own_topic = widgets.Text("", description=t("planning.app.own_topic"))
        for widget in (self.theme_meeting, self.theme_topic, self.own_topic):
            widget.style.description_width = "initial"
            widget.add_class("nv-input")
        self.theme_topic.layout.width = "100%"
        set_theme = button(t("planning.app.set_theme"), kind="primary")
        set_theme.on_click(self.guarded(self._on_set_theme))
        add_topic = button(t("planning.app.add_topic"))
        add_topic.on_click(self.guarded(self._on_add_topic))
        self.coverage = html_block()
        self.themes_card = card([
            html_block(f"<p>{escape(t('planning.app.themes_intro'))}</p>"), self.theme_meeting, self.theme_topic,
            set_theme, self.coverage, self.own_topic, add_topic,
        ], title=t("planning.app.themes_title"), css_class="nv-plan-themes")

    def _coverage_html(self, topics: list[Topic], meetings) -> str:
        dates = {m.id: short_date(m.starts_at) for m in meetings}
        items = "".join(
            f'<li class="{"nv-covered" if entry.covered else "nv-uncovered"}">{escape(entry.topic.title)}'
            f' <span class="nv-sub">'
            f'{escape(", ".join(dates[i] for i in entry.meeting_ids) or t("planning.app.not_yet"))}</span></li>'
            for entry in coverage(topics, meetings))
        suggestions = suggest_uncovered(topics, meetings)
        suggest = (f'<p><strong>{escape(t("planning.app.suggest"))}</strong> '
                   f'{escape(" · ".join(topic.title for topic in suggestions))}</p>') if suggestions else ""
        return f'<h3>{escape(t("planning.app.coverage"))}</h3>{suggest}<ul class="nv-coverage">{items}</ul>'

    def _on_set_theme(self, _button=None) -> None:
        meeting = self._own_meeting(self.theme_meeting.value)
        topic_id = int(self.theme_topic.value or 0) or None
        service.set_meeting_topic(self.store, meeting.id, topic_id)  # checks the topic belongs to this network
        self.say(t("planning.app.theme_set", date=long_date(meeting.starts_at)), "success")
        self.refresh()
        if self.agenda_meeting.value == meeting.id:
            self._load_agenda()

    def _on_add_topic(self, _button=None) -> None:
        title = self.own_topic.value.strip()
        if title.casefold() in {topic.title.casefold() for topic in self.store.list_topics(self.network.id)}:
            raise ValidationError([FieldError("topic", t("planning.app.topic_exists"))])
        topic = self.store.add_topic(Topic(network_id=self.network.id, title=title, source="own"))
        self.own_topic.value = ""
        self.say(t("planning.app.topic_added", title=topic.title), "success")
        self.refresh()

    # --- agenda --------------------------------------------------------------------------------------------------
    def _build_agenda(self) -> None:
        self.agenda_meeting = _choice([], None, t("planning.app.meeting"))
        self.agenda_meeting.style.description_width = "initial"
        self.agenda_meeting.add_class("nv-input")
        self.agenda_meeting.observe(self.guarded(lambda _change: self._load_agenda()), "value")
        self.agenda_info = html_block()
        self.item_rows = widgets.VBox()
        self.item_rows.add_class("nv-agenda-items")
        self.time_check = html_block()
        add = button(t("planning.app.add_item"))
        add.on_click(self.guarded(self._on_add_item))
        template = button(t("planning.app.use_template"))
        template.on_click(self.guarded(self._on_template))
        save = button(t("planning.app.save_agenda"), kind="primary")
        save.on_click(self.guarded(self._on_save_agenda))
        print_agenda = button(t("planning.app.make_agenda"))
        print_agenda.on_click(self.guarded(self._on_agenda_download))
        self.agenda_link = html_block()
        self.agenda_card = card([
            html_block(f"<p>{escape(t('planning.app.agenda_intro'))}</p>"), self.agenda_meeting, self.agenda_info,
            self.item_rows, self.time_check,
            _row([add, template, save, print_agenda]),
            self.agenda_link,
        ], title=t("planning.app.agenda_title"), css_class="nv-plan-agenda")

    def _load_agenda(self) -> None:
        self.agenda_link.value = ""
        if self.agenda_meeting.value is None:
            self.items = []
            self.agenda_info.value = f"<p>{escape(t('planning.app.no_meetings'))}</p>"
            self._paint_items()
            return
        meeting = self._own_meeting(self.agenda_meeting.value, planned=False)
        stored = self.store.stored_agenda(meeting.id)
        self.items = stored or service.template_for(self.store, meeting)
        expected = service.expected_members(self.store, meeting)
        key = "planning.app.agenda_stored" if stored else "planning.app.agenda_template"
        theme = service.theme_of(self.store, meeting) or t("planning.theme.none")
        self.agenda_info.value = (f"<p>{escape(t(key, kind=t(f'meeting_kind.{meeting.kind}'), n=expected))}<br>"
                                  f"{escape(t('planning.ics.theme', theme=theme))}</p>")
        self._paint_items()

    def _paint_items(self) -> None:
        rows = []
        last = len(self.items) - 1
        for index, item in enumerate(self.items):
            number = index + 1
            title = widgets.Text(item.title, description=t("planning.app.item_title", n=number))
            minutes = widgets.BoundedIntText(item.minutes, min=0, max=MAX_ITEM_MINUTES,
                                             description=t("planning.app.item_minutes"))
            kind = widgets.Dropdown(options=[(exercise_label(c), c) for c in EXERCISE_TYPES],
                                    value=item.exercise_type if item.exercise_type in EXERCISE_TYPES else "none",
                                    description=t("planning.app.item_type"))
            for widget in (title, minutes, kind):
                widget.style.description_width = "initial"
                widget.add_class("nv-input")
            title.layout.width = "100%"
            minutes.observe(self.guarded(lambda _c: self._collect_and_check()), "value")
            up, down, remove = (button(t("planning.app.up"), tooltip=t("planning.app.up_n", n=number)),
                                button(t("planning.app.down"), tooltip=t("planning.app.down_n", n=number)),
                                button(t("planning.app.remove"), tooltip=t("planning.app.remove_n", n=number)))
            up.disabled, down.disabled = index == 0, index == last
            up.on_click(self.guarded(lambda _b, i=index: self._on_move_item(i, -1)))
            down.on_click(self.guarded(lambda _b, i=index: self._on_move_item(i, 1)))
            remove.on_click(self.guarded(lambda _b, i=index: self._on_remove_item(i)))
            note = html_block(f'<div class="nv-sub">{escape(item.note)}</div>' if item.note else "")
            minutes.add_class("nv-num-input")
            moves = _row([up, down, remove])
            moves.add_class("nv-item-buttons")
            controls = _inline([minutes, kind, moves])
            row = widgets.VBox([title, controls, note])
            row.add_class("nv-agenda-item")
            row.inputs = (title, minutes, kind)
            rows.append(row)
        self.item_rows.children = rows
        self._show_time_check()

    def _collect(self) -> list[AgendaItem]:
        """The items as the widgets show them now (validated only when saved)."""
        collected = []
        for item, row in zip(self.items, self.item_rows.children, strict=False):
            title, minutes, kind = row.inputs
            collected.append(replace(item, title=title.value, minutes=int(minutes.value or 0),
                                     exercise_type=kind.value))
        return collected

    def _collect_and_check(self) -> None:
        self.items = self._collect()
        self._show_time_check()

    def _show_time_check(self) -> None:
        if self.agenda_meeting.value is None:
            self.time_check.value = ""
            return
        meeting = self.store.get_meeting(self.agenda_meeting.value)
        check = check_time(self.items, meeting.length_minutes)
        kind = "warning" if check.over else "info"
        self.time_check.value = (f'<div class="nv-message nv-{kind} nv-time-check" role="status">'
                                 f"{escape(check.message())}</div>")

    def _on_move_item(self, index: int, delta: int) -> None:
        self.items = agenda_rules.move_item(self._collect(), index, delta)
        self._paint_items()

    def _on_remove_item(self, index: int) -> None:
        self.items = agenda_rules.remove_item(self._collect(), index)
        self._paint_items()

    def _on_add_item(self, _button=None) -> None:
        self.items = agenda_rules.add_item(self._collect(), AgendaItem(t("planning.app.new_item"), 10, "free"))
        self._paint_items()

    def _on_template(self, _button=None) -> None:
        meeting = self._own_meeting(self.agenda_meeting.value, planned=False)
        self.items = service.template_for(self.store, meeting)
        self._paint_items()
        self.say(t("planning.app.template_loaded"), "info")

    def _on_save_agenda(self, _button=None) -> None:
        meeting = self._own_meeting(self.agenda_meeting.value, planned=False)
        items = self._collect()
        agenda_rules.save_agenda(self.store, meeting.id, items)  # validates every row; nothing saved on an error
        self.items = self.store.stored_agenda(meeting.id)
        self._paint_items()
        check = check_time(self.items, meeting.length_minutes)
        self.say(" ".join([t("planning.app.agenda_saved"), check.message() if check.over else ""]).strip(),
                 "warning" if check.over else "success")

    def _on_agenda_download(self, _button=None) -> None:
        meeting = self._own_meeting(self.agenda_meeting.value, planned=False)
        document = service.agenda_document(self.store, meeting.id)
        name = f"dagsorden-{meeting.starts_at.date().isoformat()}.html"
        link = download_link(document.encode("utf-8"), name, "text/html", t("planning.app.download_agenda", name=name),
                             "nv-button-link")
        self.agenda_link.value = f'<p class="nv-row">{link}</p>'

    # --- contract ------------------------------------------------------------------------------------------------
    def _build_contract(self) -> None:
        n = self.network
        contract = self.store.get_contract(n.id)
        rules = self.store.list_ground_rules(n.id)
        chosen = {rule.text for rule in rules}
        self.purpose = widgets.Textarea(n.purpose, description=t("field.purpose"))
        self.purpose_warning = html_block()
        self.purpose.observe(self.guarded(lambda _c: self._show_purpose_warning()), "value")
        self.guide_rules = [widgets.Checkbox(value=text in chosen, description=text, indent=False,
                                             layout={"width": "100%"}) for text in guide_rule_texts()]
        for box in self.guide_rules:
            box.add_class("nv-check")
        own = [rule.text for rule in rules if rule.source == "own"]
        self.own_rules = widgets.Textarea("\n".join(own), description=t("planning.app.own_rules"))
        agreement = contract.confidentiality or t("planning.contract.confidentiality_default")
        self.confidentiality = widgets.Textarea(agreement, description=t("planning.contract.confidentiality"))
        self.gains = {member.id: widgets.Textarea(member.expected_gain, description=member.name)
                      for member in self.store.list_members(n.id)}
        for box in self.gains.values():
            box.add_class("nv-gain")
        for widget in [self.purpose, self.own_rules, self.confidentiality, *self.gains.values()]:
            widget.style.description_width = "initial"
            widget.layout.width = "100%"
            widget.add_class("nv-input")
        save = button(t("planning.app.save_contract"), kind="primary")
        save.on_click(self.guarded(self._on_save_contract))
        make = button(t("planning.app.make_contract"))
        make.on_click(self.guarded(self._on_contract_download))
        self.contract_link = html_block()
        self.contract_card = card([
            html_block(f"<p>{escape(t('planning.app.contract_intro'))}</p>"), self.purpose, self.purpose_warning,
            html_block(f"<h3>{escape(t('planning.contract.rules'))}</h3>"
                       f"<p>{escape(t('planning.app.rules_intro'))}</p>"), *self.guide_rules, self.own_rules,
            self.confidentiality,
            html_block(f"<h3>{escape(t('planning.contract.gains'))}</h3>"), *self.gains.values(),
            _row([save, make]), self.contract_link,
        ], title=t("planning.app.contract_title"), css_class="nv-plan-contract")
        self._show_purpose_warning()

    def _show_purpose_warning(self) -> None:
        warning = purpose_warning(self.purpose.value)
        self.purpose_warning.value = (f'<div class="nv-message nv-warning" role="status">{escape(warning)}</div>'
                                      if warning else "")

    def _on_save_contract(self, _button=None) -> None:
        own = [line.strip() for line in self.own_rules.value.splitlines() if line.strip()]
        if len(own) > MAX_OWN_RULES:
            raise ValidationError([FieldError("ground_rule", t("planning.app.too_many_rules", n=MAX_OWN_RULES))])
        guide = [box.description for box in self.guide_rules if box.value and box.description in guide_rule_texts()]
        rules = ([GroundRule(self.network.id, text, "guide") for text in guide]
                 + [GroundRule(self.network.id, text, "own") for text in own])
        members = {member.id for member in self.store.list_members(self.network.id)}
        gains = {member_id: box.value for member_id, box in self.gains.items() if member_id in members}
        save_contract(self.store, self.network.id, self.purpose.value, rules, self.confidentiality.value, gains,
                                 dt.date.today())
        warning = purpose_warning(self.purpose.value)
        self.say(" ".join(filter(None, [t("planning.app.contract_saved"), warning])),
                 "warning" if warning else "success")

    def _on_contract_download(self, _button=None) -> None:
        document = service.contract_document(self.store, self.network.id)
        link = download_link(document.encode("utf-8"), "kontrakt.html", "text/html",
                             t("planning.app.download_contract"), "nv-button-link")
        self.contract_link.value = f'<p class="nv-row">{link}</p>'

    # --- exports -------------------------------------------------------------------------------------------------
    def _build_exports(self) -> None:
        make = button(t("planning.app.make_ics"), kind="primary")
        make.on_click(self.guarded(self._on_ics))
        self.ics_link = html_block()
        self.export_card = card([html_block(f"<p>{escape(t('planning.app.ics_intro'))}</p>"), make, self.ics_link],
                                title=t("planning.app.export_title"), css_class="nv-plan-export")

    def _on_ics(self, _button=None) -> None:
        data = service.export_ics(self.store, self.network.id)
        name = "netvaerk-moeder.ics"
        count = len(self._meetings())
        link = download_link(data, name, "text/calendar", t("planning.app.download_ics", n=count), "nv-button-link")
        self.ics_link.value = f'<p class="nv-row">{link}</p>'
