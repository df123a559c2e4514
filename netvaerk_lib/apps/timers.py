"""Øvelsestimer: choose the meeting and the exercise (an agenda item or a free program), review the phases, run.

The timer itself is :class:`netvaerk_lib.widgets.timer.TimerWidget` and runs in the browser; each control it
reports is checked in Python and the phase log (planned against used) is saved with the meeting. The page shows
one :class:`TimerState`: every handler reads the widgets, runs the rule from ``timers.exercises`` and renders.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import ipywidgets as widgets

from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.model.timers import Program
from netvaerk_lib.texts import long_date, t
from netvaerk_lib.timers.exercises import (
    FROM_LOCK,
    KINDS,
    LOCKABLE,
    ORDERS,
    QUESTION_KEYS,
    SETTINGS_BY_KIND,
    clock_text,
    default_settings,
    exercise_items,
    exercise_locks,
    exercise_program,
    expected_names,
    split_from_total,
    timer_meetings,
)
from netvaerk_lib.timers.log import PhaseLog
from netvaerk_lib.timers.sources import StoreRecorder
from netvaerk_lib.ui import App, Form, FormField, button, card, escape, html_block
from netvaerk_lib.widgets.timer import TimerWidget

NO_MEETING = 0
CHOSEN = {"questions": QUESTION_KEYS[0], "order": ORDERS[0]}  # kept from one exercise to the next


@dataclass
class TimerState:
    """What the page shows: the meeting and exercise chosen, the settings as typed, the program built, the run."""

    meeting_id: int = NO_MEETING
    names: list[str] = field(default_factory=list)
    items: list = field(default_factory=list)  # the meeting's agenda items that are exercises
    exercise: str = "kind:presentation"  # "item:<index>" or "kind:<kind>"
    settings: dict[str, object] = field(default_factory=lambda: dict(CHOSEN))
    locked: list | None = None  # the meeting's locked grouping for this exercise
    use_locked: bool = True
    errors: dict[str, list[str]] = field(default_factory=dict)
    notice: str | None = None  # what is wrong with the settings as a whole, to show once ('' clears it)
    program: Program | None = None  # the last program that was built
    uses: list | None = None  # the saved phase log of the program's run, once it has started
    current: int | None = None  # the phase running now

    def choice(self) -> tuple[str, object | None]:
        """(kind, agenda item or None) for the chosen exercise."""
        source, _, rest = self.exercise.partition(":")
        if source == "item":
            item = self.items[int(rest)]
            return item.exercise_type, item
        return rest, None

    def from_lock(self) -> bool:
        return bool(self.locked) and self.use_locked

    def build(self) -> None:
        """Build the program from the settings; a refused value keeps the last program and goes to its field."""
        kind, item = self.choice()
        try:
            program = exercise_program(kind, item, self.settings, self.locked if self.from_lock() else None)
        except ValidationError as error:
            self.errors = {name: error.for_field(name) for name in self.settings if error.for_field(name)}
            rest = [problem.message for problem in error.errors if problem.field not in self.settings]
            self.notice = " ".join(rest) if rest else t("timers.app.fix_fields")
            return
        self.errors, self.notice = {}, ""
        self.program, self.uses, self.current = program, None, None


def exercise_options(items: list) -> list[tuple[str, str]]:
    options = [(t("timers.app.item_option", title=item.title, minutes=item.minutes,
                  kind=t(f"timers.app.kind.{item.exercise_type}")), f"item:{index}")
               for index, item in enumerate(items)]
    return options + [(t(f"timers.app.kind.{kind}"), f"kind:{kind}") for kind in KINDS]


def _text(value: str = "", rows: int = 0) -> widgets.Widget:
    return widgets.Textarea(value=value, rows=rows) if rows else widgets.Text(value=value)


class GuardedRecorder:
    """The store recorder as the timer calls it, each call through the app's guard: a failed save is logged and
    apologised for, and the timer runs on."""

    def __init__(self, recorder: StoreRecorder, guarded):
        self.begin = guarded(recorder.begin)
        self.record = guarded(recorder.record)
        self.end = guarded(recorder.end)


class TimerApp(App):
    title_key = "apps.timer.title"

    def __init__(self, store=None):
        super().__init__(store)
        self.network = self.store.default_network()
        self.timer: TimerWidget | None = None
        self.recorder: StoreRecorder | None = None
        self._rendering = False
        self._shown_program: Program | None = None
        self._build_widgets()
        if self.network is None:
            self.say(t("common.no_network"), "warning")
        self.state = TimerState(meeting_id=self.meeting.options[0][1])
        self._start_meeting()
        self.render()

    def _build_widgets(self) -> None:
        self.meeting = widgets.Dropdown(options=self._meeting_options())
        self.exercise = widgets.Dropdown(options=[])
        self.form = Form([
            FormField("meeting", self.meeting, t("timers.app.meeting")),
            FormField("exercise", self.exercise, t("timers.app.exercise")),
        ])
        self.settings = Form([
            FormField("names", _text(rows=8), t("timers.app.names"), required=True),
            FormField("groups", _text(rows=5), t("timers.app.groups"), required=True),
            FormField("questions", widgets.Dropdown(options=[(t(key), key) for key in QUESTION_KEYS]),
                      t("timers.field.questions")),
            FormField("minutes", _text(), t("timers.app.minutes_each")),
            FormField("order", widgets.Dropdown(options=[(t(f"timers.app.order_{order}"), order) for order in ORDERS]),
                      t("timers.app.order")),
            FormField("collect_minutes", _text("0"), t("timers.field.collect_minutes")),
            FormField("rounds", widgets.Dropdown(options=[(str(n), n) for n in range(1, 5)]),
                      t("timers.field.rounds")),
            FormField("total_minutes", _text(), t("timers.field.total_minutes")),
            FormField("split_case", _text(), t("timers.field.split_case")),
            FormField("split_questions", _text(), t("timers.field.split_questions")),
            FormField("split_inputs", _text(), t("timers.field.split_inputs")),
            FormField("split_closing", _text(), t("timers.field.split_closing")),
            FormField("parts", _text(rows=5), t("timers.app.parts"), required=True),
        ])
        self.use_locked = widgets.Checkbox(value=True, indent=False, layout={"width": "auto"})
        self.use_locked.add_class("nv-timers-use-locked")
        self.locked_summary = html_block("", "nv-timers-locked-summary")
        self.locked_box = widgets.VBox([self.use_locked, self.locked_summary])
        self.hints = html_block("", "nv-timers-hints")
        self.build_button = button(t("timers.app.build"), kind="primary")
        self.review = html_block("", "nv-timers-review")
        self.used = html_block("", "nv-timers-used")
        self.timer_box = widgets.VBox([html_block(f"<p>{escape(t('timers.app.no_program'))}</p>")])
        self.timer_box.add_class("nv-timers-box")
        self.body.children = [
            card([self.form.widget], title=t("timers.app.choose_title"), css_class="nv-timers-choose"),
            card([self.hints, self.locked_box, self.settings.widget, self.build_button],
                 title=t("timers.app.settings_title"), css_class="nv-timers-settings"),
            card([self.review], title=t("timers.app.review_title"), css_class="nv-timers-review-card"),
            card([self.timer_box], title=t("timers.app.run_title"), css_class="nv-timers-run"),
            card([self.used], title=t("timers.app.used_title"), css_class="nv-timers-used-card"),
        ]
        self.meeting.observe(self._handler(self._on_meeting), "value")
        self.exercise.observe(self._handler(self._on_exercise), "value")
        self.settings.fields["total_minutes"].widget.observe(self._handler(self._on_total), "value")
        self.use_locked.observe(self._handler(self._on_use_locked), "value")
        self.build_button.on_click(self._handler(self._on_build))

    def _handler(self, rule: Callable) -> Callable:
        """A widget callback: the settings as typed into the state, the rule, render; guarded. Nothing while
        render itself sets the widgets."""

        @functools.wraps(rule)
        def handle(event) -> None:
            if self._rendering:
                return
            self.state.settings = {name: f.widget.value for name, f in self.settings.fields.items()}
            rule(event)
            self.render()

        return self.guarded(handle)

    def _meeting_options(self) -> list[tuple[str, int]]:
        """The meeting of the day (or the next one) first, then a free run, then the other meetings, newest first."""
        none = (t("timers.app.no_meeting"), NO_MEETING)
        if self.network is None:
            return [none]
        upcoming, others = timer_meetings(self.store, self.network.id)
        options = [(t("timers.app.meeting_option", date=long_date(m.starts_at),
                      status=t(f"meeting_status.{m.status}")), m.id) for m in ([upcoming] if upcoming else []) + others]
        return options[:1] + [none] + options[1:] if upcoming else [none] + options

    # --- handlers: read the widgets, run the rule, render -----------------------------------------------------
    def _on_meeting(self, change) -> None:
        if change["new"] not in {value for _, value in self._meeting_options()}:  # a browser can send any value
            raise ValidationError([FieldError("meeting", t("timers.app.error.meeting"))])
        self.state.meeting_id = change["new"]
        self._start_meeting()

    def _on_exercise(self, change) -> None:
        if change["new"] not in {value for _, value in exercise_options(self.state.items)}:
            raise ValidationError([FieldError("exercise", t("timers.app.error.exercise"))])
        self.state.exercise = change["new"]
        self._start_exercise()

    def _on_use_locked(self, change) -> None:
        self.state.use_locked = change["new"] is True
        self.state.build()

    def _on_total(self, change) -> None:
        """The minutes per round only fill in the four parts in the guide's proportions; the parts are used."""
        try:
            self.state.settings.update(split_from_total(change["new"]))
        except ValidationError as error:
            self.state.errors["total_minutes"] = error.for_field("total_minutes")
        else:
            self.state.errors.pop("total_minutes", None)

    def _on_build(self, _button) -> None:
        self.state.build()

    def _on_timer_event(self, _event: str, log: PhaseLog) -> None:
        if self.recorder is None or self.recorder.run_id is None:
            return
        self.state.uses = self.store.get_timer_run(self.recorder.run_id).phases
        self.state.current = log.index if log.status != "done" else None
        self.render_used()

    def _start_meeting(self) -> None:
        """The people and the exercises of the chosen meeting; its first exercise."""
        state = self.state
        meeting_id = state.meeting_id or None
        state.names = expected_names(self.store, self.network.id if self.network else None, meeting_id)
        state.items = exercise_items(self.store, meeting_id)
        state.exercise = exercise_options(state.items)[0][1]
        self._start_exercise()

    def _start_exercise(self) -> None:
        """The settings from the exercise and the people expected, the meeting's lock for it, and the program."""
        state = self.state
        kind, item = state.choice()
        state.settings = {**state.settings, **default_settings(state.names, kind, item)}
        state.errors = {}
        state.locked = exercise_locks(self.store, state.meeting_id or None, kind)
        state.build()

    # --- render: the state onto the widgets, in place --------------------------------------------------------
    def render(self) -> None:
        self._rendering = True
        try:
            self.render_choice()
            self.render_settings()
            self.render_program()
            self.render_used()
        finally:
            self._rendering = False

    def render_choice(self) -> None:
        state = self.state
        self.meeting.value = state.meeting_id
        options = exercise_options(state.items)
        if [tuple(option) for option in self.exercise.options] != options:
            self.exercise.options = options
        self.exercise.value = state.exercise

    def render_settings(self) -> None:
        state = self.state
        kind, item = state.choice()
        for name, form_field in self.settings.fields.items():
            form_field.widget.value = state.settings[name]
            form_field.show_error(state.errors.get(name, []))
            shown = name in SETTINGS_BY_KIND[kind] and not (state.from_lock() and name in FROM_LOCK)
            form_field.box.layout.display = None if shown else "none"
        app = t("apps.interviews.title" if kind == "interview" else "apps.sparring.title")
        if state.locked:
            self.use_locked.description = t("timers.app.use_locked", app=app)
            self.locked_summary.value = "".join(f"<p>{escape(line)}</p>" for line in locked_lines(state, item, app))
        self.use_locked.value = state.use_locked
        self.locked_box.layout.display = None if state.locked else "none"
        hints = [t(f"timers.app.hint.{kind}")] + ([item.note] if item is not None and item.note else [])
        if kind in LOCKABLE and state.meeting_id and not state.locked:
            hints.append(t("timers.app.no_lock", app=app))
        self.hints.value = "".join(f"<p>{escape(hint)}</p>" for hint in hints)

    def render_program(self) -> None:
        """The message about the settings, and a newly built program onto the timer (with a new recorder)."""
        state = self.state
        if state.notice:
            self.say(state.notice, "error")
        elif state.notice == "":
            self.clear_message()
        state.notice = None
        if state.program is None or state.program is self._shown_program:
            return
        _, item = state.choice()
        self.recorder = StoreRecorder(self.store, state.program, meeting_id=state.meeting_id or None,
                                      agenda_item_id=getattr(item, "id", None))
        recorder = GuardedRecorder(self.recorder, self.guarded)
        if self.timer is None:
            self.timer = TimerWidget(state.program, recorder)
            self.timer.on_event(self.guarded(self._on_timer_event))
            self.timer_box.children = [self.timer]
        else:
            self.timer.load(state.program, recorder)
        self.review.value = review_html(state.program)
        self._shown_program = state.program

    def render_used(self) -> None:
        state = self.state
        if state.program is None:
            return
        if state.uses is None:
            self.used.value = f"<p>{escape(t('timers.app.nothing_used'))}</p>"
        else:
            self.used.value = used_html(state.uses, state.current)


def locked_lines(state: TimerState, item, app: str) -> list[str]:
    """What the locked grouping gives the timer, and whether its rounds fit the agenda item."""
    lines = [t("timers.app.locked_summary", rounds=len(state.locked), groups=len(state.locked[0]))]
    if state.from_lock() and item is not None and state.program is not None \
            and state.program.total_seconds > item.minutes * 60:
        lines.append(t("timers.app.locked_too_long", total=round(state.program.total_seconds / 60),
                       minutes=item.minutes, app=app))
    return lines


def review_html(program: Program) -> str:
    rows = []
    for phase in program.phases:
        who = "".join(f"<div>{escape(line)}</div>" for line in (phase.lines or ((phase.speaker,) if phase.speaker
                                                                                 else ())))
        rows.append(f'<tr><th scope="row">{escape(phase.label)}</th>'
                    f'<td>{who}</td><td class="nv-num">{escape(clock_text(phase.seconds))}</td></tr>')
    total = escape(t("timers.app.total", phases=len(program.phases), time=clock_text(program.total_seconds)))
    return (f"<p><strong>{escape(program.title)}</strong> · {total}</p>"
            f'<div class="nv-scroll"><table class="nv-table"><thead><tr>'
            f'<th scope="col">{escape(t("timers.app.col.phase"))}</th>'
            f'<th scope="col">{escape(t("timers.app.col.who"))}</th>'
            f'<th scope="col">{escape(t("timers.app.col.planned"))}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def used_html(uses, current: int | None) -> str:
    rows = []
    for use in uses:
        planned = use.planned_seconds + use.added_seconds
        difference = use.used_seconds - planned if use.used_seconds else 0
        marker = f' <span class="nv-chip">{escape(t("timers.app.now"))}</span>' if use.position == current else ""
        sign = "+" if difference > 0 else ""
        rows.append(f'<tr><th scope="row">{escape(use.label)}{marker}</th>'
                    f'<td class="nv-num">{escape(clock_text(planned))}</td>'
                    f'<td class="nv-num">{escape(clock_text(use.used_seconds))}</td>'
                    f'<td class="nv-num">{escape(sign + clock_text(difference)) if use.used_seconds else ""}</td></tr>')
    return (f'<div class="nv-scroll"><table class="nv-table"><thead><tr>'
            f'<th scope="col">{escape(t("timers.app.col.phase"))}</th>'
            f'<th scope="col">{escape(t("timers.app.col.planned"))}</th>'
            f'<th scope="col">{escape(t("timers.app.col.used"))}</th>'
            f'<th scope="col">{escape(t("timers.app.col.difference"))}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")
