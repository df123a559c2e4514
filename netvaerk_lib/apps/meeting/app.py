"""Kør mødet: the facilitator's one screen for today's meeting, readable on a projector.

The agenda with live progress sits beside one part of the meeting at a time: check-in, the running exercise
(timer, groups with roles), the flip-over, the contract, the follow-up on goals, the evaluation and closing.
Starting an agenda item opens its part. The rules live in :mod:`netvaerk_lib.meeting`; this module only
shows and passes on, and every callback goes through ``self.guarded``. Embedded from the other areas: the
timer widget and its store recorder (timers), the evaluation access panel with codes, QR and live count
(evaluation), the agenda (planning).
"""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.evaluation import sessions
from netvaerk_lib.meeting import agenda as rules_agenda
from netvaerk_lib.meeting import checkin as rules_checkin
from netvaerk_lib.meeting import closing as rules_closing
from netvaerk_lib.meeting import contract as rules_contract
from netvaerk_lib.meeting import exercise as rules_exercise
from netvaerk_lib.meeting import flipover as rules_flipover
from netvaerk_lib.meeting import follow_up as rules_follow_up
from netvaerk_lib.model import FieldError, ValidationError, label
from netvaerk_lib.planning.frame import default_time
from netvaerk_lib.texts import clock, long_date, number, t
from netvaerk_lib.timers.sources import StoreRecorder, display_names
from netvaerk_lib.timezone import moment
from netvaerk_lib.ui import App, FormField, button, card, escape, html_block
from netvaerk_lib.ui.evaluation_panel import EvaluationAccessPanel
from netvaerk_lib.ui.grouping_panel import GroupingPanel
from netvaerk_lib.widgets.ticker import Ticker
from netvaerk_lib.widgets.timer import TimerWidget

REFRESH_SECONDS = 15
NEW_TOPIC = -1



def minutes(seconds: float) -> str:
    return t("common.minutes", n=number(int(max(seconds, 0) // 60)))


class MeetingApp(App):
    title_key = "apps.run_meeting.title"

    def __init__(self, store=None, form_url: str | None = None):
        super().__init__(store)
        self.widget.add_class("nv-run")
        self.network = self.open_network()
        if self.network is None:
            return
        self.meeting = rules_agenda.default_meeting(self.store, self.network.id, moment())
        if self.meeting is None:
            self.say(t("run.no_meeting"), "warning")
            return
        self.form_url = form_url
        self.section = "checkin"
        self.item = None  # the agenda item whose exercise is open
        self.group_seed = 0
        self.timer: TimerWidget | None = None
        self.groups_pending = False
        self.recorder: StoreRecorder | None = None
        self._build()
        self.load_meeting(self.meeting)

    # --- layout --------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.projector = widgets.ToggleButton(value=False, description=t("run.projector"),
                                              tooltip=t("run.projector_hint"))
        self.projector.add_class("nv-button")
        self.projector.observe(self.guarded(self._on_projector), "value")
        self.top = widgets.HBox([self._meeting_field(), self.projector])
        self.top.add_class("nv-run-top")
        self.status = html_block("", "nv-run-status")
        self.next_button = button("", kind="primary")
        self.next_button.add_class("nv-run-next")
        self.next_button.on_click(self.guarded(self._on_next_item))
        self.agenda = widgets.VBox()
        self.agenda.add_class("nv-run-agenda-items")
        self.tabs = {}
        for section in rules_agenda.SECTIONS:
            tab = button(t(f"run.section.{section}"))
            tab.on_click(self.guarded(lambda _b, s=section: self.show_section(s)))
            self.tabs[section] = tab
        nav = widgets.HBox(list(self.tabs.values()))
        nav.add_class("nv-run-nav")
        self.views = {
            "checkin": self._checkin_view(), "exercise": self._exercise_view(), "flipover": self._flipover_view(),
            "contract": self._contract_view(), "follow_up": self._follow_up_view(),
            "evaluation": self._evaluation_view(), "closing": self._closing_view(),
        }
        # The exercise card comes last: below the follow-up round or the flip-over it shows the item's timer.
        order = [name for name in rules_agenda.SECTIONS if name != "exercise"] + ["exercise"]
        self.main = widgets.VBox([nav] + [self.views[name] for name in order])
        self.main.add_class("nv-run-main")
        agenda_card = card([self.agenda], title=t("run.agenda.title"), css_class="nv-run-agenda")
        layout = widgets.Box([agenda_card, self.main])
        layout.add_class("nv-run-layout")
        self.ticker = Ticker(self.guarded(self.refresh_progress), seconds=REFRESH_SECONDS)
        head = card([self.top, self.status, self.next_button])
        self.body.children = [head, layout, self.ticker]

    def _meeting_field(self) -> widgets.Widget:
        """The meeting chooser. A new widget each time the meetings change: a browser shown new options on the
        same dropdown may keep showing the first one instead of the meeting chosen."""
        self.meeting_select = widgets.Dropdown(options=self._meeting_options(), value=self.meeting.id)
        self.meeting_select.observe(self.guarded(self._on_meeting), "value")
        return FormField("meeting", self.meeting_select, t("run.meeting")).box

    def _meeting_options(self) -> list[tuple[str, int]]:
        return [(t("run.meeting_option", date=long_date(m.starts_at), status=t(f"meeting_status.{m.status}")), m.id)
                for m in rules_agenda.meeting_choices(self.store, self.network.id)]

    def _on_projector(self, change) -> None:
        if change["new"] is True:
            self.widget.add_class("nv-run-projector")
        else:
            self.widget.remove_class("nv-run-projector")

    def _on_meeting(self, change) -> None:
        self.load_meeting(rules_agenda.meeting_of_network(self.store, self.network.id, change["new"]))

    def load_meeting(self, meeting) -> None:
        self.meeting = meeting
        self.item, self.group_seed = None, 0
        self.clear_message()
        progress = rules_agenda.agenda_progress(self.store, meeting, moment())
        if progress.current is not None:
            self.item = progress.current.item
        self.access.show_meeting(meeting.id)
        self._paint_all()
        self._paint_exercise()
        current_section = progress.current.section if progress.current else None
        self.show_section(current_section or "checkin")

    def _paint_all(self) -> None:
        self.refresh_progress()
        self._paint_checkin()
        self._paint_flipover()
        self._paint_contract()
        self._paint_follow_up()
        self._paint_closing()

    def show_section(self, section: str) -> None:
        if section not in rules_agenda.SECTIONS:
            raise ValidationError([FieldError("section", t("run.error.section"))])
        self.section = section
        for name, view in self.views.items():
            view.layout.display = "" if name == section else "none"
        for name, tab in self.tabs.items():
            if name == section:
                tab.add_class("nv-run-tab-on")
            else:
                tab.remove_class("nv-run-tab-on")
        # The running item's timer stays at hand below its own part of the meeting (the follow-up round, the
        # flip-over): the exercise card is shown there too. It is never moved, so a running timer keeps going.
        show_timer = self.item is not None and rules_exercise.exercise_kind(self.item) is not None \
            and rules_agenda.section_for(self.item) == section
        self.views["exercise"].layout.display = "" if section == "exercise" or show_timer else "none"

    # --- agenda and progress -------------------------------------------------------------------------------------
    def refresh_progress(self) -> None:
        progress = rules_agenda.agenda_progress(self.store, self.meeting, moment())
        self.status.value = self._status_html(progress)
        following = rules_agenda.next_position(progress)
        if following is None or self.meeting.status == "held":
            self.next_button.layout.display = "none"
        else:
            title = progress.rows[following].item.title
            key = "run.status.next" if progress.started else "run.status.begin"
            self.next_button.description = t(key, title=title)
            self.next_button.tooltip = t(key, title=title)
            self.next_button.layout.display = ""
        if len(self.agenda.children) != len(progress.rows):
            self.agenda.children = [self._agenda_row(row) for row in progress.rows]
        for box, row in zip(self.agenda.children, progress.rows, strict=True):
            box.children[0].value = self._agenda_row_html(row)
            for state in ("done", "current", "waiting"):
                box.remove_class(f"nv-run-state-{state}")
            box.add_class(f"nv-run-state-{row.state}")

    def _status_html(self, progress) -> str:
        meeting = self.meeting
        theme = rules_closing.theme(self.store, meeting)
        heading = escape(t("run.status.meeting", date=long_date(meeting.starts_at), time=clock(meeting.starts_at)))
        theme_line = f'<div class="nv-run-muted">{escape(t("run.status.theme", theme=theme))}</div>' if theme else ""
        if meeting.status == "held" and progress.current is None:
            current = escape(t("run.status.held"))
        elif progress.current is not None:
            current = escape(progress.current.item.title)
        elif progress.started:
            current = escape(t("run.status.between"))
        else:
            current = escape(t("run.status.not_started"))
        behind = progress.behind_seconds
        if meeting.status == "held" and progress.current is None:
            pace, pace_class = "", ""
        elif not progress.started or abs(behind) < 60:
            pace, pace_class = t("run.status.on_plan"), ""
        elif behind > 0:
            pace, pace_class = t("run.status.behind", minutes=minutes(behind)), "nv-run-behind"
        else:
            pace, pace_class = t("run.status.ahead", minutes=minutes(-behind)), "nv-run-ahead"
        figures = []
        if progress.current is not None:
            row = progress.current
            figures.append((t("run.status.item_time"), t("run.status.used_of", used=minutes(row.used_seconds),
                                                           planned=minutes(row.planned_seconds))))
        figures.append((t("run.status.meeting_time"), t("run.status.used_of", used=minutes(progress.used_seconds),
                                                          planned=minutes(progress.planned_minutes * 60))))
        figure_html = "".join(f'<div class="nv-run-figure">{escape(name)}<strong>{escape(value)}</strong></div>'
                              for name, value in figures)
        return (f'<div class="nv-run-now"><div><div>{heading}</div>{theme_line}'
                f'<div class="nv-run-current" role="status">{current}</div>'
                f'<div class="{pace_class or "nv-run-pace"}">{escape(pace)}</div></div>'
                f'<div class="nv-run-figures">{figure_html}</div></div>')

    def _agenda_row(self, row) -> widgets.Widget:
        go = button(t("run.agenda.start"), tooltip=t("run.agenda.start_item", title=row.item.title))
        go.on_click(self.guarded(lambda _b, position=row.position: self.start_item(position)))
        box = widgets.HBox([html_block(), go])
        box.add_class("nv-run-item")
        return box

    def _agenda_row_html(self, row) -> str:
        used = ""
        if row.state != "waiting":
            over = row.used_seconds > row.planned_seconds + 59
            used = (f' · <span class="{"nv-run-over" if over else ""}">'
                    f'{escape(t("run.agenda.used", minutes=minutes(row.used_seconds)))}</span>')
        marker = f' <span class="nv-chip">{escape(t("run.agenda.now"))}</span>' if row.state == "current" else ""
        done = f' <span class="nv-chip">{escape(t("run.agenda.done"))}</span>' if row.state == "done" else ""
        times = t("run.agenda.times", start=clock(row.planned_start), end=clock(row.planned_end),
                  minutes=t("common.minutes", n=row.item.minutes))
        return (f'<div class="nv-run-item-title">{escape(row.item.title)}{marker}{done}</div>'
                f'<div class="nv-run-item-times">{escape(times)}{used}</div>')

    def _on_next_item(self, _button=None) -> None:
        following = rules_agenda.next_position(rules_agenda.agenda_progress(self.store, self.meeting, moment()))
        if following is None:
            raise ValidationError([FieldError("agenda", t("run.error.agenda_item"))])
        self.start_item(following)

    def start_item(self, position: object) -> None:
        self.item = rules_agenda.start_item(self.store, self.meeting, position, moment())
        self.group_seed = 0
        self.refresh_progress()
        self._paint_exercise()
        section = rules_agenda.section_for(self.item)
        if section == "follow_up":
            self._paint_follow_up()
        self.show_section(section or self.section)

    # --- check-in ------------------------------------------------------------------------------------------------
    def _checkin_view(self) -> widgets.Widget:
        self.checkin_rows = widgets.VBox()
        self.checkin_summary = html_block()
        everyone = button(t("run.checkin.all_present"), kind="primary")
        everyone.on_click(self.guarded(self._on_all_present))
        intro = html_block(f'<p>{escape(t("run.checkin.intro"))}</p>')
        return card([intro, everyone, self.checkin_summary, self.checkin_rows], title=t("run.section.checkin"),
                    css_class="nv-run-checkin")

    def _paint_checkin(self) -> None:
        rows = rules_checkin.check_in_rows(self.store, self.meeting)
        boxes = []
        for row in rows:
            name = html_block(f'<span class="nv-run-name">{escape(row.member.name)}</span>')
            name.add_class("nv-run-name")
            boxes.append(self._choice_row(
                name, "attendance", ("present", "cancelled", "absent"), row.status, row.member.name,
                "run.checkin.mark", lambda s, m=row.member.id: self._on_check_in(m, s), "nv-run-checkin-row"))
        self.checkin_rows.children = boxes
        counts = {status: sum(1 for row in rows if row.status == status) for status in ("present", "cancelled",
                                                                                        "absent")}
        waiting = sum(1 for row in rows if row.status is None)
        self.checkin_summary.value = (f'<p role="status">{escape(t("run.checkin.summary", waiting=waiting, **counts))}'
                                      f'</p>')

    def _choice_row(self, lead: widgets.Widget, kind: str, statuses, chosen, name: str, tooltip_key: str,
                    choose, css_class: str) -> widgets.HBox:
        """A person's row with one button per status (the chosen one marked); a click calls ``choose(status)``."""
        buttons = []
        for status in statuses:
            choice = button(label(kind, status), tooltip=t(tooltip_key, name=name, status=label(kind, status)))
            mark(choice, status, chosen == status)
            choice.on_click(self.guarded(lambda _b, s=status: choose(s)))
            buttons.append(choice)
        box = widgets.HBox([lead] + buttons)
        box.add_class("nv-run-row")
        box.add_class(css_class)
        return box

    def _on_check_in(self, member_id: int, status: str) -> None:
        rules_checkin.check_in(self.store, self.meeting, member_id, status)
        self._after_attendance()

    def _on_all_present(self, _button=None) -> None:
        for row in rules_checkin.check_in_rows(self.store, self.meeting):
            if row.status is None:
                rules_checkin.check_in(self.store, self.meeting, row.member.id, "present")
        self._after_attendance()

    def _after_attendance(self) -> None:
        self._paint_checkin()
        self.access.refresh()
        if self.item is not None and rules_exercise.exercise_kind(self.item) and (self.timer is None or
                                                                       self.timer.status == "idle"):
            self._paint_exercise()  # people changed: a timer not yet started is rebuilt for those present

    # --- the exercise of the running item ------------------------------------------------------------------------
    def _exercise_view(self) -> widgets.Widget:
        self.exercise_head = html_block()
        self.groups_html = html_block()
        self.groups_box = widgets.VBox()
        self.panels: dict = {}  # the grouping area's panel per kind, when that area is installed
        self.new_groups = button(t("run.exercise.new_groups"))
        self.new_groups.on_click(self.guarded(self._on_new_groups))
        self.question = widgets.Dropdown(options=[])
        self.question_field = FormField("question", self.question, t("run.exercise.question"))
        self.question.observe(self.guarded(self._on_question), "value")
        self.timer_box = widgets.VBox()
        return card([self.exercise_head, self.groups_box, self.question_field.box, self.timer_box],
                    title=t("run.section.exercise"), css_class="nv-run-exercise")

    def _paint_exercise(self) -> None:
        """Show the running item's exercise: its groups (interviews, sparring) and its timer."""
        item = self.item
        kind = rules_exercise.exercise_kind(item) if item is not None else None
        self.question_field.box.layout.display = "" if kind == "interview" else "none"
        self.groups_box.children = []
        if item is None:
            self.exercise_head.value = f'<p>{escape(t("run.exercise.choose"))}</p>'
            self.timer_box.children = []
            return
        note = f'<p class="nv-run-muted">{escape(item.note)}</p>' if item.note else ""
        self.exercise_head.value = f"<h3>{escape(item.title)}</h3>{note}"
        if kind is None:
            self.timer_box.children = [html_block(f'<p>{escape(t("run.exercise.none"))}</p>')]
            return
        if kind in ("interview", "sparring"):
            panel = self._grouping_panel(kind)
            self.groups_box.children = [panel.widget] if panel is not None else [self.groups_html, self.new_groups]
        if kind == "interview":
            keys = rules_exercise.question_keys(self.meeting)
            options = [(t(key), key) for key in keys]
            self.question.unobserve_all("value")
            if list(self.question.options) != options:
                self.question.options = options
            self.question.value = self._panel_question(keys) or keys[0]
            self.question.observe(self.guarded(self._on_question), "value")
        self._build_timer()

    def _grouping_panel(self, kind: str):
        """The grouping area's panel (present members, generate, swap, lock, history, projector) for this
        meeting, with groups made for those present."""
        panel = self.panels.get(kind)
        if panel is None:
            panel = GroupingPanel(self.store, kind, self.network, say=self.say, guarded=self.guarded,
                                  meeting_id=self.meeting.id, choose_meeting=False,
                                  on_groups_changed=self.guarded(self._on_groups_changed))
            self.panels[kind] = panel
        elif panel.state.meeting_id != self.meeting.id:
            panel.show_meeting(self.meeting.id)
        expected = {member.id for member in rules_checkin.expected_members(self.store, self.meeting)}
        panel.set_present(expected)
        timer_idle = self.timer is None or self.timer.status == "idle"
        if len(expected) >= 2 and (panel.schedule is None
                                   or panel.placed() != expected and not panel.locked and timer_idle):
            self.guarded(panel.generate)()  # new groups for those present (not over groups already locked)
        return panel

    def _panel_groups(self, kind: str, names: dict[int, str]) -> list[list[str]] | None:
        """The first round of the panel's groups, each in its seat order (the timer's roles follow it)."""
        panel = self.panels.get(kind)
        if panel is None or not panel.seating:
            return None
        return [[names.get(seat.member, str(seat.member)) for seat in seats] for seats in panel.seating[0]]

    def _panel_question(self, keys: tuple[str, ...]) -> str | None:
        """The question the panel gave most often in its first round, for the timer's prompt."""
        panel = self.panels.get("interview")
        if panel is None or not panel.seating:
            return None
        asked = [seat.question for seats in panel.seating[0] for seat in seats if seat.question in keys]
        return max(asked, key=asked.count) if asked else None

    def _build_timer(self) -> None:
        item = self.item
        kind = rules_exercise.exercise_kind(item)
        members = rules_checkin.expected_members(self.store, self.meeting)
        names = display_names(members)
        groups: list[list[str]] = []
        if kind in ("interview", "sparring"):
            by_id = dict(zip([m.id for m in members], names, strict=True))
            panel_groups = self._panel_groups(kind, by_id)
            if panel_groups is not None:
                groups = panel_groups
            else:
                history = self.store.grouping_history(self.network.id)
                proposed = rules_exercise.propose_groups(members, kind, self.group_seed, history)
                groups = [[by_id[m.id] for m in group] for group in proposed]
                self.groups_html.value = groups_html(rules_exercise.group_roles(groups, kind))
        try:
            question = self._question_key() if kind == "interview" else None
            program = rules_exercise.exercise_program(item, names, groups, question)
        except ValidationError as error:
            self.timer_box.children = [html_block(f'<div class="nv-message nv-warning" role="alert">'
                                                  f'{escape(str(error))}</div>')]
            return
        self.recorder = StoreRecorder(self.store, program, meeting_id=self.meeting.id, agenda_item_id=item.id)
        for name in ("begin", "record", "end"):
            setattr(self.recorder, name, self.guarded(getattr(self.recorder, name)))
        if self.timer is None:
            self.timer = TimerWidget(program, self.recorder)
            self.timer.on_event(self.guarded(self._on_timer_event))
        else:
            self.timer.load(program, self.recorder)
        self.groups_pending = False
        self.timer_box.children = [self.timer]

    def _on_groups_changed(self, _change) -> None:
        """New, swapped or locked groups in the panel: a timer not yet started follows them; a running one
        keeps its groups until it is reset."""
        if self.item is None or rules_exercise.exercise_kind(self.item) not in ("interview", "sparring"):
            return
        if self.timer is not None and self.timer.status != "idle":
            self.groups_pending = True
            self.say(t("run.exercise.timer_keeps_groups"), "info")
            return
        self._build_timer()

    def _on_timer_event(self, event: str, _log) -> None:
        if event == "reset" and self.groups_pending and self.item is not None:
            self._build_timer()
        self.refresh_progress()

    def _question_key(self) -> str:
        keys = rules_exercise.question_keys(self.meeting)
        if self.question.value not in keys:  # a browser can send any value
            raise ValidationError([FieldError("question", t("run.error.question"))])
        return self.question.value

    def _on_question(self, _change) -> None:
        if self.timer is not None and self.timer.status != "idle":
            raise ValidationError([FieldError("question", t("run.error.groups_running"))])
        self._build_timer()

    def _on_new_groups(self, _button=None) -> None:
        if self.timer is not None and self.timer.status != "idle":
            raise ValidationError([FieldError("groups", t("run.error.groups_running"))])
        self.group_seed += 1
        self._build_timer()

    # --- flip-over -----------------------------------------------------------------------------------------------
    def _flipover_view(self) -> widgets.Widget:
        self.previous = html_block()
        self.points = widgets.VBox()
        self.points.add_class("nv-run-points")
        self.point_text = widgets.Textarea(rows=2)
        self.point_field = FormField("point", self.point_text, t("run.flipover.new_point"))
        add = button(t("run.flipover.add"), kind="primary")
        add.on_click(self.guarded(self._on_add_point))
        return card([self.previous, self.points, self.point_field.box, add], title=t("run.section.flipover"),
                    css_class="nv-run-flipover")

    def _paint_flipover(self) -> None:
        earlier = rules_flipover.previous_flipover(self.store, self.meeting)
        if earlier is None:
            self.previous.value = ""
        else:
            meeting, points = earlier
            items = "".join(f"<li>{escape(point.text)}</li>" for point in points)
            self.previous.value = (f'<details class="nv-run-previous" open><summary>'
                                   f'{escape(t("run.flipover.previous", date=long_date(meeting.starts_at)))}'
                                   f"</summary><ul>{items}</ul></details>")
        rows = []
        for point in self.store.flipover_points(self.meeting.id):
            remove = button(t("run.flipover.remove"), tooltip=t("run.flipover.remove_point", text=point.text[:60]))
            remove.on_click(self.guarded(lambda _b, p=point.id: self._on_remove_point(p)))
            row = widgets.HBox([html_block(f'<span class="nv-run-point">• {escape(point.text)}</span>'), remove])
            row.add_class("nv-run-row")
            row.add_class("nv-run-point-row")
            rows.append(row)
        self.points.children = rows or [html_block(f'<p class="nv-run-muted">{escape(t("run.flipover.empty"))}</p>')]

    def _on_add_point(self, _button=None) -> None:
        self.point_field.show_error([])
        try:
            rules_flipover.add_point(self.store, self.meeting, self.point_text.value, moment())
        except ValidationError as error:
            self.point_field.show_error([problem.message for problem in error.errors])
            return
        self.point_text.value = ""
        self._paint_flipover()

    def _on_remove_point(self, point_id: int) -> None:
        rules_flipover.remove_point(self.store, self.meeting, point_id)
        self._paint_flipover()

    # --- contract ------------------------------------------------------------------------------------------------
    def _contract_view(self) -> widgets.Widget:
        self.contract = html_block()
        return card([self.contract], title=t("run.section.contract"), css_class="nv-run-contract")

    def _paint_contract(self) -> None:
        screen = rules_contract.contract_screen(self.store, self.network.id)
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

    # --- follow-up on goals --------------------------------------------------------------------------------------
    def _follow_up_view(self) -> widgets.Widget:
        self.goal_rows = widgets.VBox()
        self.new_goal_list = html_block()
        self.goal_member = widgets.Dropdown(options=[])
        self.goal_text = widgets.Text()
        self.goal_form = [FormField("goal_member", self.goal_member, t("run.goals.member")),
                          FormField("goal", self.goal_text, t("run.goals.new_goal"))]
        add = button(t("run.goals.add"), kind="primary")
        add.on_click(self.guarded(self._on_add_goal))
        intro = html_block(f'<p>{escape(t("run.goals.intro"))}</p>')
        new_title = html_block(f'<h3>{escape(t("run.goals.new_title"))}</h3>')
        return card([intro, self.goal_rows, new_title, self.new_goal_list] + [f.box for f in self.goal_form] + [add],
                    title=t("run.section.follow_up"), css_class="nv-run-follow-up")

    def _paint_follow_up(self) -> None:
        rows = rules_follow_up.follow_up_rows(self.store, self.meeting)
        boxes = []
        for row in rows:
            when = t("run.goals.set_at", date=long_date(row.set_at.starts_at)) if row.set_at else ""
            text = html_block(f'<span class="nv-run-name">{escape(row.member.name)}</span>: '
                              f'{escape(row.goal.text)} <span class="nv-run-muted">{escape(when)}</span>')
            text.add_class("nv-run-goal-text")
            boxes.append(self._choice_row(
                text, "goal_status", rules_follow_up.FOLLOW_UP_STATUSES, row.status, row.member.name, "run.goals.mark",
                lambda s, g=row.goal.id: self._on_follow_up(g, s), "nv-run-goal-row"))
        self.goal_rows.children = boxes or [html_block(f'<p class="nv-run-muted">{escape(t("run.goals.none"))}</p>')]
        members = self.store.list_members(self.network.id)
        options = [(m.name, m.id) for m in members]
        if list(self.goal_member.options) != options:
            self.goal_member.options = options
        added = rules_follow_up.new_goals(self.store, self.meeting)
        items = "".join(f"<li><strong>{escape(member.name)}</strong>: {escape(goal.text)}</li>"
                        for goal, member in added)
        self.new_goal_list.value = f"<ul>{items}</ul>" if items else \
            f'<p class="nv-run-muted">{escape(t("run.goals.no_new"))}</p>'

    def _on_follow_up(self, goal_id: int, status: str) -> None:
        rules_follow_up.follow_up(self.store, self.meeting, goal_id, status)
        self._paint_follow_up()

    def _on_add_goal(self, _button=None) -> None:
        for form_field in self.goal_form:
            form_field.show_error([])
        try:
            rules_follow_up.add_goal(self.store, self.meeting, self.goal_member.value, self.goal_text.value)
        except ValidationError as error:
            for form_field in self.goal_form:
                form_field.show_error(error.for_field(form_field.name))
            return
        self.goal_text.value = ""
        self._paint_follow_up()

    # --- evaluation ----------------------------------------------------------------------------------------------
    def _evaluation_view(self) -> widgets.Widget:
        self.access = EvaluationAccessPanel(self, None, self.form_url or sessions.form_url())
        box = widgets.VBox([self.access.widget])
        box.add_class("nv-run-evaluation")
        return box

    # --- closing -------------------------------------------------------------------------------------------------
    def _closing_view(self) -> widgets.Widget:
        self.next_info = html_block()
        self.next_date = widgets.DatePicker()
        self.next_time = widgets.Text()
        self.next_topic = widgets.Dropdown(options=[])
        self.next_new_topic = widgets.Text()
        self.closing_form = [FormField("next_date", self.next_date, t("run.closing.date"), required=True),
                             FormField("next_time", self.next_time, t("run.closing.time"), required=True),
                             FormField("next_topic", self.next_topic, t("run.closing.topic")),
                             FormField("next_new_topic", self.next_new_topic, t("run.closing.new_topic"))]
        agree = button(t("run.closing.agree"), kind="primary")
        agree.on_click(self.guarded(self._on_agree))
        self.finish_button = finish = button(t("run.closing.finish"))
        finish.on_click(self.guarded(self._on_finish))
        self.finish_info = html_block()
        return card([self.next_info] + [f.box for f in self.closing_form]
                    + [agree, html_block(f"<h3>{escape(t('run.closing.finish_title'))}</h3>"), self.finish_info,
                       finish], title=t("run.section.closing"), css_class="nv-run-closing")

    def _paint_closing(self) -> None:
        planned = rules_closing.following_meeting(self.store, self.meeting)
        if planned is None:
            self.next_info.value = f'<p>{escape(t("run.closing.none_planned"))}</p>'
        else:
            theme = rules_closing.theme(self.store, planned) or t("run.closing.no_theme")
            text = t("run.closing.planned", date=long_date(planned.starts_at), time=clock(planned.starts_at),
                     theme=theme)
            self.next_info.value = f'<p role="status">{escape(text)}</p>'
        self.next_date.value = planned.starts_at.date() if planned else None
        self.next_time.value = clock(planned.starts_at if planned else default_time(self.network))
        topics = self.store.list_topics(self.network.id)
        self.next_topic.options = [(t("run.closing.choose_topic"), None)] + [(topic.title, topic.id)
                                                                              for topic in topics]
        self.next_topic.value = planned.topic_id if planned and planned.topic_id in {x.id for x in topics} else None
        self.next_new_topic.value = ""
        state = t(f"meeting_status.{self.meeting.status}")
        self.finish_info.value = f'<p>{escape(t("run.closing.status", status=state))}</p>'
        self.finish_button.layout.display = "none" if self.meeting.status == "held" else ""

    def _on_agree(self, _button=None) -> None:
        for form_field in self.closing_form:
            form_field.show_error([])
        try:
            planned = rules_closing.agree_next_meeting(self.store, self.meeting, self.next_date.value,
                                                       self.next_time.value, self.next_topic.value,
                                                       self.next_new_topic.value)
        except ValidationError as error:
            for form_field in self.closing_form:
                form_field.show_error(error.for_field(form_field.name))
            self.say(t("run.closing.fix"), "error")
            return
        theme = rules_closing.theme(self.store, planned) or t("run.closing.no_theme")
        self.say(t("run.closing.agreed", date=long_date(planned.starts_at), time=clock(planned.starts_at),
                   theme=theme), "success")
        self._paint_closing()
        self._refresh_meeting_options()

    def _on_finish(self, _button=None) -> None:
        self.meeting = rules_closing.finish_meeting(self.store, self.meeting, moment())
        self.say(t("run.closing.finished"), "success")
        self.refresh_progress()
        self._paint_closing()
        self._refresh_meeting_options()

    def _refresh_meeting_options(self) -> None:
        self.top.children = [self._meeting_field(), self.projector]


def mark(choice: widgets.Button, status: str, chosen: bool) -> None:
    """Show which status is chosen in a row of buttons, in colours with enough contrast for a projector."""
    if chosen:
        choice.add_class("nv-run-chosen")
        choice.add_class(f"nv-run-chosen-{status}")


def groups_html(groups) -> str:
    """The groups with their roles, big enough for a projector."""
    cards = []
    for group in groups:
        lines = "".join(f"<li>{escape(line)}</li>" for line in group.lines)
        names = escape(", ".join(group.names))
        cards.append(f'<section class="nv-run-group"><h3>{escape(t("run.exercise.group", n=group.number))}</h3>'
                     f"<p><strong>{names}</strong></p><ul>{lines}</ul></section>")
    return f'<div class="nv-run-groups">{"".join(cards)}</div>'
