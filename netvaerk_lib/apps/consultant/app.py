"""The consultant's analysis as widgets ("Konsulentens analyse"), used by ``notebooks/konsulent.ipynb``.

The notebook shows one section per analysis step (filters, overview, warning, attendance, evaluation,
topics and goals, downloads), each with Danish text around it; every section follows the filters. The data
of all networks is read once; a filter change only cuts and recomputes in memory (:func:`choose`), and render
redraws in place only the sections whose analysis changed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from netvaerk_lib.analysis import THRESHOLD, load, overview
from netvaerk_lib.analysis.choice import Choice, Download, check_choice, report_pdf, tables_xlsx
from netvaerk_lib.analysis.data import AnalysisData
from netvaerk_lib.analysis.report import NetworkAnalysis, analyse_network
from netvaerk_lib.apps.consultant.sections import (
    attendance_html,
    evaluation_html,
    overview_html,
    table_html,
    topics_html,
    warning_html,
)
from netvaerk_lib.model import ValidationError
from netvaerk_lib.texts import t
from netvaerk_lib.ui import App, Form, FormField, button, card, download_link, escape, html_block

SECTIONS = ("overview", "warning", "attendance", "evaluation", "topics")


@dataclass(frozen=True)
class ConsultantState:
    """The chosen network and period, their analysis, the refused filter values, and the file made."""

    choice: Choice
    data: AnalysisData  # every network, in the chosen period
    overview: pd.DataFrame  # one row per network
    result: NetworkAnalysis | None  # the chosen network
    errors: dict[str, list[str]] = field(default_factory=dict)
    download: Download | None = None


def choose(state: ConsultantState | None, full: AnalysisData, choice: Choice, threshold: float) -> ConsultantState:
    """The state for a new choice; the overview of every network is only recomputed when the period changes."""
    data = full.period(choice.start, choice.end)
    same_period = state is not None and (state.choice.start, state.choice.end) == (choice.start, choice.end)
    table = state.overview if same_period else overview(data, threshold=threshold)
    result = analyse_network(data, choice.network_id, threshold) if choice.network_id is not None else None
    return ConsultantState(choice, data, table, result)


class ConsultantApp(App):
    title_key = "apps.consultant.title"

    def __init__(self, store=None, threshold: float = THRESHOLD, as_of: dt.datetime | None = None):
        super().__init__(store)
        self.threshold = threshold
        self.full = load(self.store, as_of=as_of)
        self._live: list[tuple[widgets.Output, Callable]] = []
        self._shown: tuple = (None, None)  # the overview and the analysis the sections show
        names = self.full.networks.sort_values("network")
        options = [(str(row.network), int(row.network_id)) for row in names.itertuples()]
        default = self.store.default_network()
        value = default.id if default is not None and default.id in self.full.network_ids else (
            options[0][1] if options else None)
        self._build_widgets(options, value)
        if not options:
            self.say(t("common.no_network"), "info")
            for button_ in (self.pdf_button, self.xlsx_button):
                button_.disabled = True
        self.state = choose(None, self.full, check_choice(self.full.network_ids, value, None, None), threshold)
        self.render()

    def _build_widgets(self, options: list[tuple[str, int]], value: int | None) -> None:
        self.network_field = FormField("network", widgets.Dropdown(options=options, value=value),
                                       t("analysis.app.network"))
        self.start_field = FormField("start", widgets.DatePicker(value=None), t("analysis.app.start"))
        self.end_field = FormField("end", widgets.DatePicker(value=None), t("analysis.app.end"))
        self.form = Form([self.network_field, self.start_field, self.end_field])
        self.form.widget.add_class("nv-analysis-filters")
        for form_field in self.form.fields.values():
            form_field.widget.observe(self._handler(self._on_filter), names="value")
        self.sections = {name: html_block("", f"nv-analysis-{name}") for name in SECTIONS}
        self.pdf_button = button(t("analysis.app.make_pdf"), kind="primary")
        self.xlsx_button = button(t("analysis.app.make_xlsx"))
        self.pdf_button.on_click(self._handler(self._on_pdf))
        self.xlsx_button.on_click(self._handler(self._on_xlsx))
        self.download = html_block("", "nv-analysis-download")
        self.body.children = [card([self.form.widget], t("analysis.app.filters"))]

    @property
    def result(self) -> NetworkAnalysis | None:
        """The analysis of the chosen network in the chosen period."""
        return self.state.result

    # -- showing ------------------------------------------------------------------------------------------

    def section(self, name: str) -> widgets.Widget:
        """One section of the analysis as a widget that follows the filters."""
        if name == "downloads":
            content = [widgets.HBox([self.pdf_button, self.xlsx_button]), self.download]
        else:
            content = [self.sections[name]]
        box = card(content, t(f"analysis.app.section.{name}"))
        wrapper = widgets.VBox([box])
        wrapper.add_class("nv-app")
        wrapper.add_class("nv-analysis-section")
        return wrapper

    def show_section(self, name: str) -> None:
        display(self.section(name))

    def live(self, compute: Callable[[NetworkAnalysis], object], title: str = "") -> widgets.Widget:
        """An output that shows ``compute(app.result)`` for the chosen network and period, redone on every
        filter change: the notebook's own analyses (a consultant may change ``compute``)."""
        output = widgets.Output()
        self._live.append((output, compute))
        self._render_live(output, compute)
        box = card([output], title) if title else widgets.VBox([output])
        wrapper = widgets.VBox([box])
        wrapper.add_class("nv-app")
        return wrapper

    # -- reacting: read the filters, check them, choose, render ---------------------------------------------

    def _handler(self, rule: Callable) -> Callable:
        @functools.wraps(rule)
        def handle(event) -> None:
            rule(event)
            self.render()

        return self.guarded(handle)

    def _checked_choice(self) -> Choice:
        """The filters as they stand, checked again here: a browser can send anything."""
        return check_choice(self.full.network_ids, self.network_field.value, self.start_field.value,
                            self.end_field.value)

    def _on_filter(self, _change) -> None:
        try:
            choice = self._checked_choice()
        except ValidationError as error:  # the last good choice stays shown
            self.state = replace(self.state, errors={name: error.for_field(name) for name in self.form.fields})
            return
        self.clear_message()
        self.state = choose(self.state, self.full, choice, self.threshold)

    def _on_pdf(self, _button) -> None:
        self._checked_choice()
        self.state = replace(self.state, download=report_pdf(self.state.result))

    def _on_xlsx(self, _button) -> None:
        self._checked_choice()
        self.state = replace(self.state, download=tables_xlsx(self.state.result))

    # -- render ---------------------------------------------------------------------------------------------

    def render(self) -> None:
        state = self.state
        for name, form_field in self.form.fields.items():
            form_field.show_error(state.errors.get(name, []))
        if self._shown[0] is not state.overview or self._shown[1] is not state.result:
            self.render_sections()
            self._shown = (state.overview, state.result)
        self.render_download()

    def render_sections(self) -> None:
        state = self.state
        if self._shown[0] is not state.overview:
            self.sections["overview"].value = overview_html(state.overview, state.data, self.threshold)
        self.sections["warning"].value = warning_html(state.result, state.data)
        self.sections["attendance"].value = attendance_html(state.result, self.threshold)
        self.sections["evaluation"].value = evaluation_html(state.result)
        self.sections["topics"].value = topics_html(state.result)
        for output, compute in self._live:
            self._render_live(output, compute)

    def render_download(self) -> None:
        made = self.state.download
        if made is None:
            self.download.value = ""
            return
        key = "analysis.app.download_pdf" if made.mime == "application/pdf" else "analysis.app.download_xlsx"
        self.download.value = download_link(made.data, made.name, made.mime, t(key, name=made.name))

    def _render_live(self, output: widgets.Output, compute: Callable) -> None:
        with output:
            output.clear_output(wait=True)
            if self.state.result is None:
                display(widgets.HTML(escape(t("common.no_network"))))
                return
            shown = compute(self.state.result)
            display(widgets.HTML(table_html(shown)) if isinstance(shown, pd.DataFrame) else shown)
