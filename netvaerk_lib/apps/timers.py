"""Øvelsestimer: choose the meeting and the exercise (an agenda item or a free program), review the phases, run.

The timer itself is :class:`netvaerk_lib.widgets.timer.TimerWidget` and runs in the browser; each control it
reports is checked in Python and the phase log (planned against used) is saved with the meeting.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets

from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.model.timers import Program
from netvaerk_lib.texts import long_date, t
from netvaerk_lib.timers import programs
from netvaerk_lib.timers.log import PhaseLog
from netvaerk_lib.timers.sources import (
    StoreRecorder,
    format_groups,
    locked_program,
    locked_rounds,
    meeting_agenda,
    parse_groups,
    parse_names,
    present_names,
    split_groups,
)
from netvaerk_lib.timezone import now
from netvaerk_lib.ui import App, Form, FormField, button, card, escape, html_block
from netvaerk_lib.widgets.timer import TimerWidget

NO_MEETING = 0
KINDS = ("presentation", "interview", "sparring", "free")
EXERCISE_KINDS = set(KINDS)
LOCKABLE = ("interview", "sparring")
SPARRING_ROUND_MINUTES = 20
QUESTION_KEYS = programs.EXPECTATION_QUESTION_KEYS + programs.INTERVIEW_QUESTION_KEYS
FIELDS_BY_KIND = {
    "presentation": ("names", "minutes", "order"),
    "interview": ("groups", "questions", "minutes", "collect_minutes"),
    "sparring": ("groups", "rounds", "total_minutes", "split_case", "split_questions", "split_inputs",
                 "split_closing"),
    "free": ("parts",),
}


def clock_text(seconds: float) -> str:
    """'2:05', '1:02:03' for a number of seconds (rounded)."""
    total = round(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"-{text}" if seconds < 0 and total else text


def _text(value: str = "", rows: int = 0) -> widgets.Widget:
    return widgets.Textarea(value=value, rows=rows) if rows else widgets.Text(value=value)


class TimerApp(App):
    title_key = "apps.timer.title"

    def __init__(self, store=None):
        super().__init__(store)
        self.timer: TimerWidget | None = None
        self.recorder: StoreRecorder | None = None
        self.network = self.store.default_network()
        self.items: list = []
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
            FormField("order", widgets.Dropdown(options=[(t("timers.app.order_given"), "given"),
                                                         (t("timers.app.order_shuffled"), "shuffled")]),
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
        self.locked: list | None = None
        self.use_locked = widgets.Checkbox(value=True, indent=False, layout={"width": "auto"})
        self.use_locked.add_class("nt-use-locked")
        self.locked_summary = html_block("", "nt-locked-summary")
        self.locked_box = widgets.VBox([self.use_locked, self.locked_summary])
        self.hints = html_block("", "nt-app-hints")
        self.build_button = button(t("timers.app.build"), kind="primary")
        self.review = html_block("", "nt-review")
        self.used = html_block("", "nt-used")
        self.timer_box = widgets.VBox([html_block(f"<p>{escape(t('timers.app.no_program'))}</p>")])
        self.timer_box.add_class("nt-timer-box")
        self.body.children = [
            card([self.form.widget], title=t("timers.app.choose_title"), css_class="nt-choose"),
            card([self.hints, self.locked_box, self.settings.widget, self.build_button],
                 title=t("timers.app.settings_title"),
                 css_class="nt-settings"),
            card([self.review], title=t("timers.app.review_title"), css_class="nt-review-card"),
            card([self.timer_box], title=t("timers.app.run_title"), css_class="nt-run"),
            card([self.used], title=t("timers.app.used_title"), css_class="nt-used-card"),
        ]
        self.meeting.observe(self.guarded(self._on_meeting), "value")
        self.exercise.observe(self.guarded(self._on_exercise), "value")
        self.settings.fields["total_minutes"].widget.observe(self.guarded(self._on_total), "value")
        self.use_locked.observe(self.guarded(self._on_use_locked), "value")
        self.build_button.on_click(self.guarded(self._on_build))
        if self.network is None:
            self.say(t("common.no_network"), "warning")
        self._load_meeting()

    # --- choosing ----------------------------------------------------------------------------------------------
    def _meeting_options(self) -> list[tuple[str, int]]:
        """The meeting of the day (or the next one) first, then a free run, then the other meetings, newest first."""
        none = (t("timers.app.no_meeting"), NO_MEETING)
        if self.network is None:
            return [none]
        meetings = [m for m in self.store.list_meetings(self.network.id) if m.status != "cancelled"]
        upcoming = self.store.next_meeting(self.network.id, now())
        ordered = ([upcoming] if upcoming else []) + [m for m in reversed(meetings) if upcoming is None
                                                       or m.id != upcoming.id]
        options = [(t("timers.app.meeting_option", date=long_date(m.starts_at),
                      status=t(f"meeting_status.{m.status}")), m.id) for m in ordered]
        return options[:1] + [none] + options[1:] if upcoming else [none] + options

    def _meeting_id(self) -> int | None:
        value = self.meeting.value
        valid = {option[1] for option in self._meeting_options()}
        if value not in valid:  # a browser can send any value
            raise ValidationError([FieldError("meeting", t("timers.app.error.meeting"))])
        return value or None

    def _exercise_options(self) -> list[tuple[str, str]]:
        options = []
        for index, item in enumerate(self.items):
            options.append((t("timers.app.item_option", title=item.title, minutes=item.minutes,
                              kind=t(f"timers.app.kind.{item.exercise_type}")), f"item:{index}"))
        options += [(t(f"timers.app.kind.{kind}"), f"kind:{kind}") for kind in KINDS]
        return options

    def _choice(self) -> tuple[str, object | None]:
        """(kind, agenda item or None) for the chosen exercise, checked against the options offered."""
        value = self.exercise.value
        if value not in {option[1] for option in self._exercise_options()}:
            raise ValidationError([FieldError("exercise", t("timers.app.error.exercise"))])
        source, _, rest = value.partition(":")
        if source == "item":
            item = self.items[int(rest)]
            return item.exercise_type, item
        return rest, None

    def _on_meeting(self, _change) -> None:
        self._load_meeting()

    def _load_meeting(self) -> None:
        meeting_id = self._meeting_id()
        self.names = present_names(self.store, meeting_id) if meeting_id else (
            [m.name for m in self.store.list_members(self.network.id)] if self.network else [])
        self.items = [item for item in meeting_agenda(self.store, meeting_id) if item.exercise_type in EXERCISE_KINDS
                      and item.minutes > 0] if meeting_id else []
        self.exercise.unobserve_all("value")
        self.exercise.options = self._exercise_options()
        self.exercise.index = 0
        self.exercise.observe(self.guarded(self._on_exercise), "value")
        self._load_exercise()

    def _on_exercise(self, _change) -> None:
        self._load_exercise()

    def _load_exercise(self) -> None:
        """Fill the settings from the exercise and the people expected, show only the fields it uses, build."""
        kind, item = self._choice()
        fields = self.settings.fields
        self.settings.clear_errors()
        fields["names"].widget.value = "\n".join(self.names)
        fields["groups"].widget.value = format_groups(split_groups(self.names, kind))
        fields["minutes"].widget.value = str(programs.INTERVIEW_MINUTES if kind == "interview"
                                             else programs.PRESENTATION_MINUTES)
        fields["collect_minutes"].widget.value = "0"
        rounds, total = 1, programs.SPARRING_MINUTES
        if kind == "sparring" and item is not None:
            largest = max((len(group) for group in split_groups(self.names, kind)), default=1)
            rounds = max(1, min(largest, 4, item.minutes // SPARRING_ROUND_MINUTES))
            total = max(programs.SPARRING_MIN_TOTAL, min(SPARRING_ROUND_MINUTES, item.minutes // rounds))
        fields["rounds"].widget.value = rounds
        fields["total_minutes"].widget.value = str(total)
        self._fill_split(total)
        fields["parts"].widget.value = (f"{item.title}; {item.minutes}" if item is not None and kind == "free"
                                        else t("timers.app.parts_example"))
        meeting_id = self._meeting_id()
        self.locked = locked_rounds(self.store, meeting_id, kind) if meeting_id and kind in LOCKABLE else None
        if self.locked:
            app = t("apps.interviews.title" if kind == "interview" else "apps.sparring.title")
            self.use_locked.description = t("timers.app.use_locked", app=app)
            self.locked_summary.value = "<p>{}</p>".format(escape(t(
                "timers.app.locked_summary", rounds=len(self.locked), groups=len(self.locked[0]))))
        self.locked_box.layout.display = None if self.locked else "none"
        self._show_fields(kind)
        hint = t(f"timers.app.hint.{kind}")
        if item is not None and item.note:
            hint = f"{hint} {item.note}"
        self.hints.value = f"<p>{escape(hint)}</p>"
        self._build()

    def _show_fields(self, kind: str) -> None:
        """Only the fields this exercise uses; groups, rounds and questions come from a lock when it is used."""
        from_lock = bool(self.locked) and self.use_locked.value
        for name, field in self.settings.fields.items():
            shown = name in FIELDS_BY_KIND[kind] and not (from_lock and name in ("groups", "rounds", "questions"))
            field.box.layout.display = None if shown else "none"

    def _on_use_locked(self, _change) -> None:
        kind, _ = self._choice()
        self._show_fields(kind)
        self._build()

    def _fill_split(self, total: int) -> None:
        for part, minutes in programs.sparring_split(total).items():
            self.settings.fields[f"split_{part}"].widget.value = str(minutes)

    def _on_total(self, change) -> None:
        """The minutes per round only fill in the four parts in the guide's proportions; the parts are used."""
        field = self.settings.fields["total_minutes"]
        try:
            self._fill_split(round(programs.parse_minutes(change["new"], "total_minutes")))
        except ValidationError as error:
            field.show_error(error.for_field("total_minutes"))
        else:
            field.show_error([])

    # --- building ----------------------------------------------------------------------------------------------
    def _on_build(self, _button) -> None:
        self._build()

    def program(self) -> Program:
        """The program from the settings as they stand (named after the agenda item, if one is chosen)."""
        kind, item = self._choice()
        program = self._program(kind, item)
        return replace(program, title=item.title) if item is not None else program

    def _program(self, kind: str, item) -> Program:
        """Every field is checked again here: a browser can send any value."""
        value = {name: field.widget.value for name, field in self.settings.fields.items()}
        minutes = programs.parse_minutes
        if kind == "presentation":
            if value["order"] not in ("given", "shuffled"):
                raise ValidationError([FieldError("order", t("timers.app.error.exercise"))])
            return programs.presentation_round(parse_names(value["names"]), minutes=minutes(value["minutes"]),
                                               shuffle=value["order"] == "shuffled")
        from_lock = bool(self.locked) and self.use_locked.value is True and kind in LOCKABLE
        if kind == "interview":
            if from_lock:
                return locked_program(self.locked, kind, minutes=minutes(value["minutes"]),
                                      collect_minutes=self._optional_minutes(value["collect_minutes"]))
            return programs.interview_set(parse_groups(value["groups"]), questions=[value["questions"]],
                                          minutes=minutes(value["minutes"]),
                                          collect_minutes=self._optional_minutes(value["collect_minutes"]))
        if kind == "sparring":
            split = {part: minutes(value[f"split_{part}"], f"split_{part}") for part in programs.SPARRING_PARTS}
            if from_lock:
                return locked_program(self.locked, kind, split=split)
            return programs.sparring_rounds(parse_groups(value["groups"]), rounds=value["rounds"], split=split)
        return programs.free_program(programs.parse_free_lines(value["parts"]))

    @staticmethod
    def _optional_minutes(text: str) -> float:
        cleaned = (text or "").strip()
        return 0 if cleaned in ("", "0") else programs.parse_minutes(cleaned, "collect_minutes")

    def _build(self) -> None:
        self.clear_message()
        self.settings.clear_errors()
        try:
            program = self.program()
        except ValidationError as error:
            rest = self.settings.show_errors(error)
            self.say(" ".join(rest) if rest else t("timers.app.fix_fields"), "error")
            return
        kind, item = self._choice()
        self.recorder = StoreRecorder(self.store, program, meeting_id=self._meeting_id(),
                                      agenda_item_id=getattr(item, "id", None))
        for name in ("begin", "record", "end"):
            setattr(self.recorder, name, self.guarded(getattr(self.recorder, name)))
        if self.timer is None:
            self.timer = TimerWidget(program, self.recorder)
            self.timer.on_event(self.guarded(self._on_timer_event))
            self.timer_box.children = [self.timer]
        else:
            self.timer.load(program, self.recorder)
        self.review.value = review_html(program)
        self.used.value = f"<p>{escape(t('timers.app.nothing_used'))}</p>"

    # --- running -----------------------------------------------------------------------------------------------
    def _on_timer_event(self, _event: str, log: PhaseLog) -> None:
        if self.recorder is None or self.recorder.run_id is None:
            return
        run = self.store.get_timer_run(self.recorder.run_id)
        self.used.value = used_html(run.phases, log.index if log.status != "done" else None)


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
