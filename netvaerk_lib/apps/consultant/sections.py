"""The consultant's analysis sections as HTML: the overview of every network, the chosen network's warning,
attendance, evaluations, topics and goals. Every cell is escaped; charts are PNG images with a text alternative
(the chart's finding)."""

from __future__ import annotations

import base64

import pandas as pd

from netvaerk_lib.analysis import attendance_per_meeting
from netvaerk_lib.analysis.attendance import percent
from netvaerk_lib.analysis.data import AnalysisData
from netvaerk_lib.analysis.palette import LEVEL_COLOURS
from netvaerk_lib.analysis.report import NetworkAnalysis, for_export
from netvaerk_lib.texts import number, short_date, t
from netvaerk_lib.ui import escape

OVERVIEW_ROWS = 30
# A wide table scrolls inside its card (the stylesheet keeps it from widening the card on a phone).
SCROLL = "<div class='nv-scroll nv-analysis-scroll'>"
LIGHT_MARK = {"red": "●", "yellow": "▲", "green": "■", "none": "○"}


def _charts():
    """The charts; matplotlib loads with the first chart drawn, not with the page."""
    from netvaerk_lib.analysis import charts  # noqa: PLC0415 - matplotlib (0.5 s to load) only once a chart is drawn

    return charts


def image(png: bytes, alt: str, css_class: str = "nv-chart") -> str:
    """An <img> with a text alternative (``widgets.Image`` has none), as an inline data URL."""
    source = base64.b64encode(png).decode("ascii")
    return f'<img class="{css_class}" src="data:image/png;base64,{source}" alt="{escape(alt)}">'


def table_html(table: pd.DataFrame) -> str:
    """A table for the page: Danish headings and labels, shares as percentages, every cell escaped."""
    shown = table.copy()
    for column in shown.columns:
        if str(column).endswith(("_rate", "_share")) and pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = [_rate(value) for value in shown[column]]
    shown = for_export(shown)
    return f"{SCROLL}{shown.to_html(index=False, escape=True, na_rep='–', classes='nv-table')}</div>"


def _light(level: str) -> str:
    colour = LEVEL_COLOURS.get(level, "#999999")
    return (f'<span class="nv-light nv-light-{escape(level)}"><span aria-hidden="true" style="color:{colour}">'
            f'{LIGHT_MARK.get(level, "○")}</span> {escape(t(f"analysis.level.{level}"))}</span>')


def _rate(value) -> str:
    return "–" if value is None or pd.isna(value) else percent(float(value))


def period_text(data: AnalysisData) -> str:
    if data.start is None and data.end is None:
        return t("analysis.app.whole_period")
    start = short_date(data.start) if data.start else "…"
    end = short_date(data.end) if data.end else "…"
    return t("analysis.report.period", start=start, end=end)

def overview_html(table: pd.DataFrame, data: AnalysisData) -> str:
    """Every network in a row with its light (the small charts are :func:`multiples_html`, drawn on request)."""
    if table.empty:
        return f"<p>{escape(t('common.no_network'))}</p>"
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
    return (f"<p>{escape(summary)} {escape(period_text(data))}.</p>"
            f"{SCROLL}<table class='nv-table nv-overview'><thead><tr>{headers}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>{note}")


def multiples_html(table: pd.DataFrame, data: AnalysisData, threshold: float) -> str:
    """The away rate of every network as a small chart each, framed in its light."""
    if len(table) < 2:
        return ""
    charts = _charts()
    figure = charts.small_multiples(attendance_per_meeting(data), table, threshold=threshold)
    return image(charts.png(figure, dpi=80), charts.multiples_title(table), "nv-chart nv-chart-multiples")


def _no_network() -> str:
    return f"<p>{escape(t('common.no_network'))}</p>"

def warning_html(result: NetworkAnalysis | None, data: AnalysisData) -> str:
    if result is None:
        return _no_network()
    warning = result.warning
    kind = {"red": "error", "yellow": "warning"}.get(warning.level, "success")
    numbers = "".join(f"<tr><th scope='row'>{escape(label)}</th><td class='nv-num'>{escape(value)}</td></tr>"
                      for label, value in result.key_numbers())
    return (f"<h3>{escape(result.name)} · {escape(period_text(data))}</h3>"
            f"<div class='nv-message nv-{kind} nv-analysis-verdict' role='status'>{_light(warning.level)} "
            f"{escape(warning.text)}</div>"
            f"<table class='nv-table nv-key-numbers'><tbody>{numbers}</tbody></table>")

def attendance_html(result: NetworkAnalysis | None, threshold: float) -> str:
    if result is None:
        return _no_network()
    charts = _charts()
    parts = [
        _chart(charts.cancellation_chart(result.trend, result.warning, threshold), "nv-chart-cancellation",
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

def evaluation_html(result: NetworkAnalysis | None) -> str:
    if result is None:
        return _no_network()
    return _chart(_charts().evaluation_chart(result.evaluations), "nv-chart-evaluation",
                  t("analysis.chart.evaluation.none"))

def topics_html(result: NetworkAnalysis | None) -> str:
    if result is None:
        return _no_network()
    topics = result.topics
    rows = "".join(
        f"<tr><th scope='row'>{escape(row.title)}</th><td>{escape(t(f'analysis.source.{row.source}'))}</td>"
        f"<td class='nv-num'>{number(row.meetings)}</td>"
        f"<td>{escape(short_date(row.last_held)) if not pd.isna(row.last_held) else '–'}</td></tr>"
        for row in topics.itertuples())
    headers = "".join(f"<th scope='col'>{escape(t(f'analysis.column.{c}'))}</th>"
                      for c in ("title", "source", "meetings", "last_held"))
    goals = result.goals
    due = int(goals["due"].sum()) if not goals.empty else 0
    followed = int(goals["followed_up"].sum()) if not goals.empty else 0
    goal_text = (t("analysis.app.goals", set=int(goals["goals_set"].sum()), due=due, followed=followed,
                   rate=percent(followed / due)) if due else t("analysis.app.no_goals_due"))
    return (f"<p>{escape(goal_text)}</p>{SCROLL}<table class='nv-table nv-topics'>"
            f"<thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table></div>")


def _chart(figure, css_class: str, fallback: str) -> str:
    """The chart as an image whose text alternative is its title (the finding)."""
    title = figure.axes[0].get_title(loc="left") if figure.axes else ""
    texts = [text.get_text() for ax in figure.axes for text in ax.texts]
    alt = title or (texts[0] if texts else fallback)
    return image(_charts().png(figure), alt, f"nv-chart {css_class}")
