"""Charts of the analysis (matplotlib, Agg): Danish labels and dates, the Okabe-Ito palette, titles that
state the finding, axes fitted to the data and one thing per chart (see :mod:`.chart_style` for the look).

The evaluation chart is a set of small multiples, one panel per question (:mod:`.evaluation_chart`).
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap

import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.dates import AutoDateLocator, YearLocator
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from netvaerk_lib.analysis.attendance import THRESHOLD, EarlyWarning, percent
from netvaerk_lib.analysis.chart_style import (
    CATEGORY_COLOURS,
    LEVEL_COLOURS,
    OKABE_ITO,
    WIDE,
    date_axis,
    empty,
    new_figure,
    plain,
    png,
    share_axis,
    styled,
)
from netvaerk_lib.analysis.data import CATEGORIES
from netvaerk_lib.analysis.evaluation_chart import evaluation_chart, evaluation_headline
from netvaerk_lib.texts import short_date, t

__all__ = ["CATEGORY_COLOURS", "LEVEL_COLOURS", "OKABE_ITO", "WIDE", "attendance_bars", "attendance_heatmap",
           "cancellation_chart", "evaluation_chart", "evaluation_headline", "multiples_title", "plain", "png",
           "small_multiples"]


@styled
def attendance_bars(per_meeting: pd.DataFrame) -> Figure:
    """Stacked bars per meeting: present, cancelled in good time, late cancellation, absent without notice."""
    figure = new_figure()
    ax = figure.add_subplot()
    if per_meeting.empty:
        return empty(figure, ax, t("analysis.headline.no_data"))
    bottom = pd.Series(0, index=per_meeting.index, dtype=float)
    positions = list(range(len(per_meeting)))
    for category in CATEGORIES:
        ax.bar(positions, per_meeting[category], bottom=bottom, color=CATEGORY_COLOURS[category], width=0.7,
               label=t(f"analysis.category.{category}"), edgecolor="white", linewidth=0.5)
        bottom = bottom + per_meeting[category]
    rate = per_meeting["present"].sum() / per_meeting["registered"].sum()
    ax.set_title(t("analysis.chart.attendance.title", rate=percent(rate)))
    ax.set_ylabel(t("analysis.chart.members"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    date_axis(ax, per_meeting["starts_at"].tolist())
    figure.legend(loc="outside lower center", ncols=2, frameon=False)
    return figure


@styled
def attendance_heatmap(per_member: pd.DataFrame, at_risk: int = 0, max_height: float = 9.0) -> Figure:
    """Members (rows) by meetings (columns), coloured by how each member attended; blank = not registered."""
    members = per_member.drop_duplicates("member_id")[["member_id", "name"]]
    meetings = per_member.drop_duplicates("meeting_id").sort_values("starts_at")[["meeting_id", "starts_at"]]
    figure = new_figure((WIDE[0], min(max_height, max(3.2, 2.0 + 0.3 * len(members)))))
    ax = figure.add_subplot()
    if per_member.empty:
        return empty(figure, ax, t("analysis.headline.no_data"))
    codes = per_member.assign(code=per_member["category"].cat.codes).pivot_table(
        index="member_id", columns="meeting_id", values="code", aggfunc="first")
    codes = codes.reindex(index=members["member_id"], columns=meetings["meeting_id"])
    colours = ListedColormap([CATEGORY_COLOURS[c] for c in CATEGORIES]).with_extremes(bad="#F2F2F2")
    ax.imshow(codes.to_numpy(dtype=float), aspect="auto", cmap=colours, vmin=-0.5, vmax=len(CATEGORIES) - 0.5,
              interpolation="nearest")
    ax.set_yticks(range(len(members)), [plain(name) for name in members["name"]])
    ax.grid(False)
    date_axis(ax, meetings["starts_at"].tolist())
    title = (t("analysis.chart.heatmap.at_risk", count=at_risk) if at_risk > 1
             else t("analysis.chart.heatmap.at_risk_one") if at_risk == 1 else t("analysis.chart.heatmap.none_at_risk"))
    ax.set_title(title)
    handles = [Patch(color=CATEGORY_COLOURS[c], label=t(f"analysis.category.{c}")) for c in CATEGORIES]
    figure.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    return figure


@styled
def cancellation_chart(trend: pd.DataFrame, warning: EarlyWarning, threshold: float = THRESHOLD) -> Figure:
    """The share away per meeting as bars, its rolling mean as one line and the warning threshold; the title
    is the verdict (how the away were away is the attendance chart's job)."""
    figure = new_figure()
    ax = figure.add_subplot()
    if trend.empty:
        return empty(figure, ax, t("analysis.headline.no_data"))
    positions = list(range(len(trend)))
    ax.bar(positions, trend["away_rate"], width=0.7, color=OKABE_ITO["sky_blue"], label=t("analysis.chart.away_rate"))
    ax.plot(positions, trend["away_rate_rolling"], "-", color=OKABE_ITO["blue"], linewidth=2.5,
            label=t("analysis.chart.rolling"))
    ax.axhline(threshold, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.5,
               label=t("analysis.chart.threshold", threshold=percent(threshold)))
    share_axis(ax, float(trend["away_rate"].max()), floor=threshold)
    ax.set_ylabel(t("analysis.chart.share_of_members"))
    date_axis(ax, trend["starts_at"].tolist())
    colour = LEVEL_COLOURS[warning.level] if warning.fired else "black"
    ax.set_title(warning.headline, color=colour)
    figure.legend(loc="outside lower center", ncols=2, frameon=False)
    return figure


def _time_axis(ax, first: dt.datetime, last: dt.datetime) -> None:
    """A time axis for a small panel: the years when the span is long, else the first and the last day."""
    if (last - first).days > 550:
        ax.xaxis.set_major_locator(YearLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: str(_year(value))))
    else:
        ax.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=3))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: short_date(_day(value))))


def _day(value: float) -> dt.date:
    return (dt.datetime(1970, 1, 1) + dt.timedelta(days=value)).date()


def _year(value: float) -> int:
    return _day(value + 1).year  # a tick at 1 January must never show the year before


def multiples_title(overview: pd.DataFrame) -> str:
    """How many networks have many away (red) and at how many more are away than before (the trend column),
    so the title never calls cancellations rising where the table says 'stable'."""
    return t("analysis.chart.multiples.title", red=int((overview["level"] == "red").sum()),
             up=int((overview["trend"] == "up").sum()), total=len(overview))


@styled
def small_multiples(per_meeting: pd.DataFrame, overview: pd.DataFrame, columns: int = 5,
                    limit: int = 30, threshold: float = THRESHOLD) -> Figure:
    """One small away-rate chart per network (in the overview's order: red first), framed in its light, on
    one shared time axis and one shared share axis fitted to the highest rate shown."""
    shown = overview.head(limit)
    columns = max(1, min(columns, len(shown)))
    rows = max(1, math.ceil(len(shown) / columns))
    figure = new_figure((2.6 * columns, 2.0 * rows + 0.8))
    if shown.empty:
        return empty(figure, figure.add_subplot(), t("analysis.chart.no_networks"))
    title = multiples_title(overview)
    # about eight characters of 13 pt bold per inch: a title over two panels wraps instead of being cut
    figure.suptitle(textwrap.fill(title, int(figure.get_figwidth() * 8)), x=0.01, ha="left", fontweight="bold",
                    fontsize=13)
    axes = figure.subplots(rows, columns, sharex=True, sharey=True, squeeze=False).ravel()
    series = {key: table for key, table in per_meeting.groupby("network_id")}
    shown_rates = per_meeting[per_meeting["network_id"].isin(shown["network_id"])]["away_rate"]
    for ax, (_, network) in zip(axes, shown.iterrows(), strict=False):
        table = series.get(network["network_id"])
        if table is not None:
            ax.plot(table["starts_at"], table["away_rate"], color=OKABE_ITO["blue"], linewidth=1.3)
        ax.axhline(threshold, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=0.9)
        ax.set_title(plain(network["network"])[:28], fontsize=10, fontweight="normal")
        ax.tick_params(labelsize=9, labelbottom=True)
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(True)
            spine.set_color(LEVEL_COLOURS[network["level"]])
            spine.set_linewidth(2.5 if network["level"] in ("red", "yellow") else 1)
    share_axis(axes[0], float(shown_rates.max()) if len(shown_rates) else 0.0, floor=threshold)
    axes[0].yaxis.set_major_locator(MaxNLocator(3))  # three labels are enough for a small panel
    if not per_meeting.empty:
        _time_axis(axes[0], per_meeting["starts_at"].min(), per_meeting["starts_at"].max())
    for ax in axes[len(shown):]:
        ax.set_axis_off()
    return figure
