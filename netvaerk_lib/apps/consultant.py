"""The consultant's analysis as widgets ("Konsulentens analyse"), used by ``notebooks/konsulent.ipynb``.

The notebook shows one section per analysis step (filters, overview, warning, attendance, evaluation,
topics and goals, downloads), each with Danish text around it; every section follows the filters. The data
of all networks is read once; a filter change only cuts and recomputes in memory. Charts are PNG images with
a text alternative (the chart's finding), redrawn in place.
"""

from __future__ import annotations

import base64
import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from netvaerk_lib.analysis import THRESHOLD, attendance_per_meeting, charts, load, overview
from netvaerk_lib.analysis.attendance import percent
from netvaerk_lib.analysis.report import (
    NetworkAnalysis,
    analyse_network,
    for_export,
    safe_file_name,
    write_pdf,
    write_xlsx,
)
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import number, short_date, t
from netvaerk_lib.ui import App, Form, FormField, button, card, download_link, escape, html_block

OVERVIEW_ROWS = 30
# A wide table scrolls inside its card; the viewport bound keeps it from widening the card on a phone.
SCROLL = "<div class='nv-scroll' style='max-width:calc(100vw - 64px)'>"
LIGHT_MARK = {"red": "●", "yellow": "▲", "green": "■", "none": "○"}


def image(png: bytes, alt: str, css_class: str = "nv-chart") -> str:
    """An <img> with a text alternative (``widgets.Image`` has none), as an inline data URL."""
    source = base64.b64encode(png).decode("ascii")
    return (f'<img class="{css_class}" src="data:image/png;base64,{source}" alt="{escape(alt)}" '
            f'style="max-width:100%;height:auto">')


def table_html(table: pd.DataFrame) -> str:
    """A table for the page: Danish headings and labels, shares as percentages, every cell escaped."""
    shown = table.copy()
    for column in shown.columns:
        if str(column).endswith(("_rate", "_share")) and pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = [_rate(value) for value in shown[column]]
    shown = for_export(shown)
    return f"{SCROLL}{shown.to_html(index=False, escape=True, na_rep='–', classes='nv-table')}</div>"


def _light(level: str) -> str:
    colour = charts.LEVEL_COLOURS.get(level, "#999999")
    return (f'<span class="nv-light nv-light-{escape(level)}"><span aria-hidden="true" style="color:{colour}">'
            f'{LIGHT_MARK.get(level, "○")}</span> {escape(t(f"analysis.level.{level}"))}</span>')


def _rate(value) -> str:
    return "–" if value is None or pd.isna(value) else percent(float(value))


class ConsultantApp(App):
    title_key = "apps.consultant.title"

    def __init__(self, store=None, threshold: float = THRESHOLD, as_of: dt.datetime | None = None):
        super().__init__(store)
        self.threshold = threshold
        self.full = load(self.store, as_of=as_of)
        self.data = self.full
        self.result: NetworkAnalysis | None = None
        self.table: pd.DataFrame = pd.DataFrame()
        self._overview_period: tuple | None = None
        self._live: list[tuple[widgets.Output, Callable]] = []

        names = self.full.networks.sort_values("network")
        options = [(str(row.network), int(row.network_id)) for row in names.itertuples()]
        default = self.store.default_network()
        value = default.id if default is not None and default.id in self.full.network_ids else (
            options[0][1] if options else None)
        self.network_field = FormField("network", widgets.Dropdown(options=options, value=value),
                                       t("analysis.app.network"))
        self.start_field = FormField("start", widgets.DatePicker(value=None), t("analysis.app.start"))
        self.end_field = FormField("end", widgets.DatePicker(value=None), t("analysis.app.end"))
        self.form = Form([self.network_field, self.start_field, self.end_field])
        self.form.widget.add_class("nv-analysis-filters")
        for field in (self.network_field, self.start_field, self.end_field):
            field.widget.observe(self.guarded(self._on_filter), names="value")

        self.sections = {name: html_block("", f"nv-analysis-{name}") for name in (
            "overview", "warning", "attendance", "evaluation", "topics")}
        self.pdf_button = button(t("analysis.app.make_pdf"), kind="primary")
        self.xlsx_button = button(t("analysis.app.make_xlsx"))
        self.pdf_button.on_click(self.guarded(self._on_pdf))
        self.xlsx_button.on_click(self.guarded(self._on_xlsx))
        self.download = html_block("", "nv-analysis-download")
        self.body.children = [card([self.form.widget], t("analysis.app.filters"))]
        if not options:
            self.say(t("common.no_network"), "info")
            for button_ in (self.pdf_button, self.xlsx_button):
                button_.disabled = True
        self.refresh()

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

    # -- reacting -----------------------------------------------------------------------------------------

    def _checked_filters(self) -> tuple[int | None, dt.date | None, dt.date | None]:
        """The filter values, checked again here: a browser can send anything."""
        self.form.clear_errors()
        errors = []
        network_id = self.network_field.value
        if network_id is not None and network_id not in self.full.network_ids:
            errors.append(FieldError("network", t("analysis.app.unknown_network")))
        start, end = self.start_field.value, self.end_field.value
        for name, value in (("start", start), ("end", end)):
            if value is not None and not isinstance(value, dt.date):
                errors.append(FieldError(name, t("analysis.app.bad_date")))
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            errors.append(FieldError("end", t("analysis.app.end_before_start")))
        if errors:
            raise ValidationError(errors)
        return network_id, start, end

    def _on_filter(self, _change=None) -> None:
        try:
            self._checked_filters()
        except ValidationError as error:
            self.form.show_errors(error)
            return
        self.clear_message()
        self.download.value = ""
        self.refresh()

    def refresh(self) -> None:
        network_id, start, end = self._checked_filters()
        self.data = self.full.period(start, end)
        if self._overview_period != (start, end):
            self.table = overview(self.data, threshold=self.threshold)
            self._overview_period = (start, end)
        self.result = (analyse_network(self.data, network_id, self.threshold) if network_id is not None else None)
        self.sections["overview"].value = self._overview_html()
        self.sections["warning"].value = self._warning_html()
        self.sections["attendance"].value = self._attendance_html()
        self.sections["evaluation"].value = self._evaluation_html()
        self.sections["topics"].value = self._topics_html()
        for output, compute in self._live:
            self._render_live(output, compute)

    def _render_live(self, output: widgets.Output, compute: Callable) -> None:
        with output:
            output.clear_output(wait=True)
            if self.result is None:
                display(widgets.HTML(escape(t("common.no_network"))))
                return
            shown = compute(self.result)
            display(widgets.HTML(table_html(shown)) if isinstance(shown, pd.DataFrame) else shown)

    def _on_pdf(self, _button=None) -> None:
        self._checked_filters()
        if self.result is None:
            raise ValidationError([FieldError("network", t("common.no_network"))])
        with tempfile.TemporaryDirectory() as folder:
            path = write_pdf(self.result, Path(folder) / "rapport.pdf")
            data = path.read_bytes()
        name = t("analysis.app.pdf_name", network=_file_part(self.result.name))
        self.download.value = download_link(data, name, "application/pdf", t("analysis.app.download_pdf", name=name))

    def _on_xlsx(self, _button=None) -> None:
        self._checked_filters()
        if self.result is None:
            raise ValidationError([FieldError("network", t("common.no_network"))])
        with tempfile.TemporaryDirectory() as folder:
            data = write_xlsx(self.result.tables(), Path(folder) / "tal.xlsx").read_bytes()
        name = t("analysis.app.xlsx_name", network=_file_part(self.result.name))
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        self.download.value = download_link(data, name, mime, t("analysis.app.download_xlsx", name=name))

    # -- the sections' HTML -------------------------------------------------------------------------------

    def _period_text(self) -> str:
        if self.data.start is None and self.data.end is None:
            return t("analysis.app.whole_period")
        start = short_date(self.data.start) if self.data.start else "…"
        end = short_date(self.data.end) if self.data.end else "…"
        return t("analysis.report.period", start=start, end=end)

    def _overview_html(self) -> str:
        table = self.table
        if table.empty:
            return f"<p>{escape(t('common.no_network'))}</p>"
        per_meeting = None
        if len(table) > 1:
            per_meeting = attendance_per_meeting(self.data)
        rows = []
        for row in table.head(OVERVIEW_ROWS).itertuples():
            energy = getattr(row, "score_energy", None)
            rows.append(
                f"<tr><th scope='row'>{escape(row.network)}</th><td>{_light(row.level)}</td>"
                f"<td class='nv-num'>{_rate(row.attendance_rate)}</td>"
                f"<td>{escape(t(f'analysis.trend.{row.trend}'))}</td>"
                f"<td class='nv-num'>{number(row.at_risk)}</td>"
                f"<td class='nv-num'>{_rate(row.follow_up_rate)}</td>"
                f"<td class='nv-num'>{'–' if energy is None or pd.isna(energy) else number(energy, 1)}</td>"
                f"<td>{escape(row.reason)}</td></tr>")
        headers = "".join(f"<th scope='col'>{escape(t(f'analysis.column.{c}'))}</th>" for c in (
            "network", "light", "attendance_rate", "trend", "at_risk", "follow_up_rate"))
        headers += f"<th scope='col'>{escape(t('analysis.app.energy'))}</th>"
        headers += f"<th scope='col'>{escape(t('analysis.column.reason'))}</th>"
        note = ""
        if len(table) > OVERVIEW_ROWS:
            more = t("analysis.app.more_networks", shown=OVERVIEW_ROWS, total=len(table))
            note = f"<p class='nv-sub'>{escape(more)}</p>"
        counts = table["level"].value_counts()
        summary = t("analysis.app.overview_summary", total=len(table), red=int(counts.get("red", 0)),
                    yellow=int(counts.get("yellow", 0)), green=int(counts.get("green", 0)))
        html = (f"<p>{escape(summary)} {escape(self._period_text())}.</p>"
                f"{SCROLL}<table class='nv-table nv-overview'><thead><tr>{headers}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table></div>{note}")
        if per_meeting is not None:
            figure = charts.small_multiples(per_meeting, table, threshold=self.threshold)
            title = t("analysis.chart.multiples.title", red=int(counts.get("red", 0)),
                      yellow=int(counts.get("yellow", 0)), total=len(table))
            html += image(charts.png(figure, dpi=80), title, "nv-chart nv-chart-multiples")
        return html

    def _no_network(self) -> str:
        return f"<p>{escape(t('common.no_network'))}</p>"

    def _warning_html(self) -> str:
        if self.result is None:
            return self._no_network()
        warning = self.result.warning
        kind = {"red": "error", "yellow": "warning"}.get(warning.level, "success")
        numbers = "".join(f"<tr><th scope='row'>{escape(label)}</th><td class='nv-num'>{escape(value)}</td></tr>"
                          for label, value in self.result.key_numbers())
        return (f"<h3>{escape(self.result.name)} · {escape(self._period_text())}</h3>"
                f"<div class='nv-message nv-{kind} nv-analysis-verdict' role='status'>{_light(warning.level)} "
                f"{escape(warning.text)}</div>"
                f"<table class='nv-table nv-key-numbers'><tbody>{numbers}</tbody></table>")

    def _attendance_html(self) -> str:
        if self.result is None:
            return self._no_network()
        result = self.result
        parts = [
            _chart(charts.cancellation_chart(result.trend, result.warning, self.threshold), "nv-chart-cancellation",
                   result.warning.headline),
            _chart(charts.attendance_bars(result.per_meeting), "nv-chart-attendance", t("apps.consultant.title")),
            _chart(charts.attendance_heatmap(result.per_member, len(result.at_risk)), "nv-chart-heatmap",
                   t("apps.consultant.title")),
        ]
        if result.at_risk.empty:
            parts.append(f"<p>{escape(t('analysis.chart.heatmap.none_at_risk'))}.</p>")
        else:
            rows = "".join(
                f"<tr><th scope='row'>{escape(row.name)}</th><td class='nv-num'>{number(row.streak)}</td>"
                f"<td>{escape(short_date(row.last_present) if not pd.isna(row.last_present) else '–')}</td>"
                f"<td>{escape(t(f'analysis.category.{row.last_category}'))}</td></tr>"
                for row in result.at_risk.itertuples())
            headers = "".join(f"<th scope='col'>{escape(t(f'analysis.column.{c}'))}</th>"
                              for c in ("name", "streak", "last_present", "last_category"))
            parts.append(f"<h3>{escape(t('analysis.app.at_risk'))}</h3><table class='nv-table nv-at-risk'>"
                         f"<thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table>")
        return "".join(parts)

    def _evaluation_html(self) -> str:
        if self.result is None:
            return self._no_network()
        return _chart(charts.evaluation_chart(self.result.evaluations), "nv-chart-evaluation",
                      t("analysis.chart.evaluation.none"))

    def _topics_html(self) -> str:
        if self.result is None:
            return self._no_network()
        topics = self.result.topics
        rows = "".join(
            f"<tr><th scope='row'>{escape(row.title)}</th><td>{escape(t(f'analysis.source.{row.source}'))}</td>"
            f"<td class='nv-num'>{number(row.meetings)}</td>"
            f"<td>{escape(short_date(row.last_held)) if not pd.isna(row.last_held) else '–'}</td></tr>"
            for row in topics.itertuples())
        headers = "".join(f"<th scope='col'>{escape(t(f'analysis.column.{c}'))}</th>"
                          for c in ("title", "source", "meetings", "last_held"))
        goals = self.result.goals
        due = int(goals["due"].sum()) if not goals.empty else 0
        followed = int(goals["followed_up"].sum()) if not goals.empty else 0
        goal_text = (t("analysis.app.goals", set=int(goals["goals_set"].sum()), due=due, followed=followed,
                       rate=percent(followed / due)) if due else t("analysis.app.no_goals_due"))
        return (f"<p>{escape(goal_text)}</p>{SCROLL}<table class='nv-table nv-topics'>"
                f"<thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table></div>")


def _file_part(name: str) -> str:
    return safe_file_name(name) or "netvaerk"


def _chart(figure, css_class: str, fallback: str) -> str:
    """The chart as an image whose text alternative is its title (the finding)."""
    title = figure.axes[0].get_title(loc="left") if figure.axes else ""
    texts = [text.get_text() for ax in figure.axes for text in ax.texts]
    alt = title or (texts[0] if texts else fallback)
    return image(charts.png(figure), alt, f"nv-chart {css_class}")
