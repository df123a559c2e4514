"""The frame section: how often, how long, when, where, what it costs, and how many meetings to try first."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from netvaerk_lib.apps.planning.parts import Page, choice, set_value
from netvaerk_lib.apps.planning.state import PlanningState
from netvaerk_lib.model import COST_MODELS, FREQUENCIES, TIMES_OF_DAY, VENUE_MODES, Network, ValidationError
from netvaerk_lib.planning.frame import fee_split, frame_from_form
from netvaerk_lib.texts import t
from netvaerk_lib.ui import Form, FormField, button, card, escape, html_block


class FrameSection:
    def __init__(self, page: Page, on_saved: Callable[[Network], None]):
        """``on_saved`` hears of the saved frame (the dates section then proposes at its frequency)."""
        self.page, self.on_saved = page, on_saved
        n = page.state.network
        self.form = Form([
            FormField("frequency_months", choice([(t(f"frequency_months.{f}"), f) for f in FREQUENCIES],
                                                 n.frequency_months, ""), t("field.frequency_months")),
            FormField("length_minutes", widgets.Text(str(n.length_minutes)), t("field.length_minutes")),
            FormField("time_of_day", choice([(t(f"time_of_day.{c}"), c) for c in TIMES_OF_DAY], n.time_of_day, ""),
                      t("field.time_of_day")),
            FormField("venue_mode", choice([(t(f"venue_mode.{c}"), c) for c in VENUE_MODES], n.venue_mode, ""),
                      t("field.venue_mode")),
            FormField("venue_detail", widgets.Text(n.venue_detail), t("field.venue_detail")),
            FormField("cost_model", choice([(t(f"cost_model.{c}"), c) for c in COST_MODELS], n.cost_model, ""),
                      t("field.cost_model")),
            FormField("facilitator_fee_kr", widgets.Text(str(n.facilitator_fee_kr)), t("field.facilitator_fee_kr")),
            FormField("facilitator", widgets.Text(n.facilitator), t("field.facilitator")),
            FormField("trial_meetings", choice([(t("planning.app.trial", n=k), k) for k in (3, 4)],
                                               n.trial_meetings, ""), t("field.trial_meetings")),
            FormField("late_cancellation_hours", widgets.Text(str(n.late_cancellation_hours)),
                      t("field.late_cancellation_hours")),
        ])
        self.form.widget.add_class("nv-grid-form")
        self.fee = html_block()
        save = button(t("planning.app.save_frame"), kind="primary")
        save.on_click(page.guarded(self.save))
        self.widget = card([html_block(f"<p>{escape(t('planning.app.frame_intro'))}</p>"), self.form.widget,
                            self.fee, save], title=t("planning.app.frame_title"), css_class="nv-plan-frame")

    def render(self, state: PlanningState) -> None:
        set_value(self.fee, f"<p>{escape(fee_split(state.network, len(state.members)).describe())}</p>")

    def save(self, _button=None) -> None:
        page = self.page
        try:
            changed = frame_from_form(page.state.network, {name: f.value for name, f in self.form.fields.items()})
            page.store.update_network(changed)
        except ValidationError as error:
            rest = self.form.show_errors(error)
            page.say("\n".join([t("planning.app.fix_fields")] + rest), "error")
            return
        self.form.clear_errors()
        self.on_saved(changed)
        page.say(t("planning.app.frame_saved"), "success")
        page.reload()
