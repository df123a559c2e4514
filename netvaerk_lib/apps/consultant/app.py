"""The consultant's analysis as widgets ("Konsulentens analyse"), used by ``notebooks/konsulent.ipynb``.

The notebook shows one section per analysis step (filters, overview, warning, attendance, evaluation,
topics and goals, downloads); every section follows the filters. The data of all networks is read once; each
period's overview, each network's analysis in a period and each section's HTML (its charts) is computed once
and kept (:class:`Analyses`), so going back to a network or a period costs nothing. A section is drawn only
once it is shown (the charts once a browser shows them), and the overview's small charts of every network only
when the person asks for them.
The period fields are typed dates, read when the person leaves the field or presses Enter, not at every key.
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
from netvaerk_lib.analysis.attendance import percent
from netvaerk_lib.analysis.choice import Choice, Download, check_choice, report_pdf, tables_xlsx
from netvaerk_lib.analysis.data import AnalysisData, natural_key
from netvaerk_lib.analysis.report import NetworkAnalysis, analyse_network
from netvaerk_lib.apps.consultant.sections import (
    attendance_html,
    evaluation_html,
    multiples_html,
    overview_html,
    table_html,
    topics_html,
    warning_html,
)
from netvaerk_lib.model import ValidationError
from netvaerk_lib.texts import t
from netvaerk_lib.ui import App, Form, FormField, button, card, download_link, escape, html_block
from netvaerk_lib.widgets.shown_html import ShownHTML

SECTIONS = ("overview", "warning", "attendance", "evaluation", "topics")
# The sections of charts are drawn once a browser shows them: the page opens with the filters, the overview,
# the warning and the topics, and the charts follow (in JupyterLab as in Voilà).
CHARTED = ("attendance", "evaluation")
# How many periods and network analyses are kept: enough to go back and forth, bounded for a long session.
KEPT = 64
Period = tuple[dt.date | None, dt.date | None]


class Analyses:
    """Every overview (by period) and network analysis (by network and period) the app has needed, each
    computed once from the data read at the start."""

    def __init__(self, full: AnalysisData, threshold: float):
        self.full, self.threshold = full, threshold
        self.period = functools.lru_cache(maxsize=KEPT)(self._period)
        self.network = functools.lru_cache(maxsize=KEPT)(self._network)

    def _period(self, period: Period) -> tuple[AnalysisData, pd.DataFrame]:
        data = self.full.period(*period)
        return data, overview(data, threshold=self.threshold)

    def _network(self, network_id: int, period: Period) -> NetworkAnalysis:
        return analyse_network(self.period(period)[0], network_id, self.threshold)


@dataclass(frozen=True)
class ConsultantState:
    """The chosen network and period, their analysis, the refused filter values, and the file made."""

    choice: Choice
    data: AnalysisData  # every network, in the chosen period
    overview: pd.DataFrame  # one row per network
    result: NetworkAnalysis | None  # the chosen network
    errors: dict[str, list[str]] = field(default_factory=dict)
    download: Download | None = None
    multiples: bool = False  # the small charts of every network are shown

    @property
    def period(self) -> Period:
        return self.choice.start, self.choice.end


def choose(state: ConsultantState | None, analyses: Analyses, choice: Choice) -> ConsultantState:
    """The state for a new choice, from what ``analyses`` has kept or computes now."""
    period = (choice.start, choice.end)
    data, table = analyses.period(period)
    result = analyses.network(choice.network_id, period) if choice.network_id is not None else None
    return ConsultantState(choice, data, table, result, multiples=state.multiples if state else False)


class ConsultantApp(App):
    title_key = "apps.consultant.title"

    def __init__(self, store=None, threshold: float = THRESHOLD, as_of: dt.datetime | None = None):
        super().__init__(store)
        self.threshold = threshold
        self.full = load(self.store, as_of=as_of)
        self.analyses = Analyses(self.full, threshold)
        self._live: list[tuple[widgets.Output, Callable]] = []
        self._shown: set[str] = set()  # the sections the notebook shows: only these are drawn
        self._drawn: dict[str, object] = {}  # per section, the analysis its content was drawn from
        self.section_html = functools.lru_cache(maxsize=KEPT)(self._section_html)
        names = sorted(self.full.networks.itertuples(), key=lambda row: natural_key(row.network))
        options = [(str(row.network), int(row.network_id)) for row in names]
        default = self.store.default_network()
        value = default.id if default is not None and default.id in self.full.network_ids else (
            options[0][1] if options else None)
        self._build_widgets(options, value)
        if not options:
            self.say(t("common.no_network"), "info")
            for button_ in (self.pdf_button, self.xlsx_button):
                button_.disabled = True
        self.state = choose(None, self.analyses, check_choice(self.full.network_ids, value, None, None))
        self.render()

    def _build_widgets(self, options: list[tuple[str, int]], value: int | None) -> None:
        self.network_field = FormField("network", widgets.Dropdown(options=options, value=value),
                                       t("analysis.app.network"))
        self.start_field = FormField("start", self._date_input(), t("analysis.app.start"))
        self.end_field = FormField("end", self._date_input(), t("analysis.app.end"))
        self.form = Form([self.network_field, self.start_field, self.end_field])
        self.form.widget.add_class("nv-analysis-filters")
        for form_field in self.form.fields.values():
            form_field.widget.observe(self._handler(self._on_filter), names="value")
        self.hint = html_block(f"<p class='nv-sub'>{escape(t('analysis.app.period_hint'))}</p>")
        self.sections = {name: self._charted(name) if name in CHARTED else html_block("", f"nv-analysis-{name}")
                         for name in SECTIONS}
        self.multiples = html_block("", "nv-analysis-multiples")
        self.multiples_button = button(t("analysis.app.show_multiples"))
        self.multiples_button.on_click(self._handler(self._on_multiples))
        self.pdf_button = button(t("analysis.app.make_pdf"), kind="primary")
        self.xlsx_button = button(t("analysis.app.make_xlsx"))
        self.pdf_button.on_click(self._handler(self._on_pdf))
        self.xlsx_button.on_click(self._handler(self._on_xlsx))
        self.download = html_block("", "nv-analysis-download")
        self.body.children = [card([self.form.widget, self.hint], t("analysis.app.filters"))]

    def _charted(self, name: str) -> ShownHTML:
        block = ShownHTML(self.guarded(self.render_sections), placeholder=t("analysis.app.drawing"))
        block.add_class(f"nv-analysis-{name}")
        return block

    @staticmethod
    def _date_input() -> widgets.Text:
        """A typed date, sent when the person leaves the field or presses Enter (a date picker sends every
        keystroke of the year as a new date, and each would recompute every section)."""
        return widgets.Text(value="", placeholder=t("analysis.app.date_placeholder"), continuous_update=False)

    @property
    def result(self) -> NetworkAnalysis | None:
        """The analysis of the chosen network in the chosen period."""
        return self.state.result

    # -- showing ------------------------------------------------------------------------------------------

    def section(self, name: str) -> widgets.Widget:
        """One section of the analysis as a widget that follows the filters; drawn from now on."""
        text = t(f"analysis.app.intro.{name}", threshold=percent(self.threshold))
        intro = html_block(f"<p class='nv-sub'>{escape(text)}</p>")
        if name == "downloads":
            content = [intro, widgets.HBox([self.pdf_button, self.xlsx_button]), self.download]
        elif name == "overview":
            content = [intro, self.sections[name], self.multiples_button, self.multiples]
        else:
            content = [intro, self.sections[name]]
        self._shown.add(name)
        self.render_sections()
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
        self.state = choose(self.state, self.analyses, choice)

    def _on_multiples(self, _button) -> None:
        self.state = replace(self.state, multiples=not self.state.multiples)

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
        self.render_sections()
        self.render_download()

    def _section_html(self, name: str, network_id: int | None, period: Period) -> str:
        """One section's HTML (charts included) for a network and period; kept, so it is drawn once."""
        data, table = self.analyses.period(period)
        if name == "overview":
            return overview_html(table, data)
        if name == "multiples":
            return multiples_html(table, data, self.threshold)
        result = self.analyses.network(network_id, period) if network_id is not None else None
        draw = {"warning": lambda: warning_html(result, data),
                "attendance": lambda: attendance_html(result, self.threshold),
                "evaluation": lambda: evaluation_html(result), "topics": lambda: topics_html(result)}
        return draw[name]()

    def render_sections(self) -> None:
        """Redraw, in place, the shown sections whose network or period changed."""
        state = self.state
        network_id = state.choice.network_id
        wanted = {name: (None, state.period) if name == "overview" else (network_id, state.period)
                  for name in SECTIONS if name in self._shown and (name not in CHARTED or self.sections[name].shown)}
        if state.multiples:
            wanted["multiples"] = (None, state.period)
        for name, key in wanted.items():  # the texts first, then the charts
            if self._drawn.get(name) != key:
                block = self.multiples if name == "multiples" else self.sections[name]
                block.value = self.section_html(name, *key)
                self._drawn[name] = key
        if not state.multiples:
            self.multiples.value = ""
            self._drawn.pop("multiples", None)
        self.multiples_button.description = t(
            "analysis.app.hide_multiples" if state.multiples else "analysis.app.show_multiples")
        self.multiples_button.layout.display = "none" if len(state.overview) < 2 else None
        if self._drawn.get("live") != (network_id, state.period):
            for output, compute in self._live:
                self._render_live(output, compute)
            self._drawn["live"] = (network_id, state.period)

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
