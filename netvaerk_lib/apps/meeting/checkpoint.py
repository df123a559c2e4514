"""The model's evaluation at the meeting that ends the trial period (the guide: try one model for three to four
meetings, then see how it works and adjust it): the model as it is, the guide's questions about it, and what the
network decides (keep it, or what changes), recorded with the meeting and shown again when the page is opened."""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.state import Section
from netvaerk_lib.model import ValidationError, label
from netvaerk_lib.model.planning import CHECKPOINT_OUTCOMES
from netvaerk_lib.planning import checkpoint
from netvaerk_lib.planning.frame import frame_summary
from netvaerk_lib.texts import long_date, t
from netvaerk_lib.ui import FormField, button, card, escape, html_block


class CheckpointSection(Section):
    def build(self) -> widgets.Widget:
        self.intro = html_block()
        self.model = html_block()
        questions = "".join(f"<li>{escape(question)}</li>" for question in checkpoint.questions())
        self.questions = html_block(f'<h3>{escape(t("run.checkpoint.questions"))}</h3>'
                                    f'<ul class="nv-run-questions">{questions}</ul>')
        self.outcome = widgets.RadioButtons(options=[(label("planning.checkpoint.outcome", code), code)
                                                     for code in CHECKPOINT_OUTCOMES], value=None)
        self.note = widgets.Textarea(rows=3)
        self.form = [FormField("outcome", self.outcome, t("run.checkpoint.outcome")),
                     FormField("note", self.note, t("run.checkpoint.note"))]
        save = button(t("run.checkpoint.save"), kind="primary")
        save.on_click(self.handler(self._on_save))
        self.recorded = html_block()
        return card([self.intro, self.model, self.questions, *[f.box for f in self.form], save, self.recorded],
                    title=t("run.section.checkpoint"), css_class="nv-run-checkpoint")

    def render(self) -> None:
        if not self.state.checkpoint:
            return
        network = self.store.get_network(self.state.network.id)
        self.intro.value = f'<p>{escape(t("run.checkpoint.intro", n=network.trial_meetings))}</p>'
        lines = "".join(f"<li><strong>{escape(name)}:</strong> {escape(value)}</li>"
                        for name, value in frame_summary(network))
        self.model.value = f'<h3>{escape(t("run.checkpoint.model"))}</h3><ul>{lines}</ul>'
        recorded = checkpoint.outcome_at(self.store, self.state.meeting.id)
        for form_field in self.form:
            form_field.show_error([])
        self.outcome.value = recorded.outcome if recorded else None
        self.note.value = recorded.note if recorded else ""
        self.recorded.value = f'<p role="status" class="nv-run-checkpoint-recorded">{recorded_text(recorded)}</p>'

    def _on_save(self, _button=None) -> None:
        for form_field in self.form:
            form_field.show_error([])
        try:
            checkpoint.record_outcome(self.store, self.state.meeting.id, self.outcome.value, self.note.value)
        except ValidationError as error:
            for form_field in self.form:
                form_field.show_error(error.for_field(form_field.name))
            rest = [problem.message for problem in error.errors if problem.field not in ("outcome", "note")]
            if rest:
                self.context.say(" ".join(rest), "error")
            return
        self.context.say(t("run.checkpoint.saved"), "success")
        self.context.render("checkpoint")


def recorded_text(recorded) -> str:
    """What was decided, as escaped HTML: the outcome and date, and the note on its own line."""
    if recorded is None:
        return escape(t("run.checkpoint.not_recorded"))
    decided = t("run.checkpoint.recorded", date=long_date(recorded.recorded_at),
                outcome=label("planning.checkpoint.outcome", recorded.outcome))
    note = f'<br>{escape(t("run.checkpoint.recorded_note", note=recorded.note))}' if recorded.note else ""
    return f"<strong>{escape(decided)}</strong>{note}"
