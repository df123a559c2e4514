"""Charts of the analysis (matplotlib, Agg): Danish labels and dates, the Okabe-Ito palette, titles that
state the finding.

Figures are made with :class:`matplotlib.figure.Figure`, not pyplot, so no global figure registry holds them:
:func:`png` renders a figure and clears it, and a dashboard that redraws on every filter change does not grow.
"""

from __future__ import annotations

import io
import math
import textwrap

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from netvaerk_lib.analysis.attendance import THRESHOLD, EarlyWarning, percent
from netvaerk_lib.analysis.data import CATEGORIES
from netvaerk_lib.texts import number, short_date, t

# Okabe & Ito (2008), safe for the common forms of colour blindness.
OKABE_ITO = {"orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000"}
CATEGORY_COLOURS = {"present": OKABE_ITO["bluish_green"], "cancelled": OKABE_ITO["sky_blue"],
                    "late": OKABE_ITO["orange"], "absent": OKABE_ITO["vermillion"]}
LEVEL_COLOURS = {"red": OKABE_ITO["vermillion"], "yellow": OKABE_ITO["orange"], "green": OKABE_ITO["bluish_green"],
                 "none": "#999999"}
QUESTION_COLOURS = [OKABE_ITO[name] for name in ("blue", "orange", "bluish_green", "reddish_purple", "vermillion",
                                                 "sky_blue", "black")]
WIDE = (10, 5.6)
MAX_DATE_LABELS = 12


def plain(text: object) -> str:
    """Text for a chart exactly as typed: a '$' would otherwise start matplotlib's maths mode."""
    return str(text).replace("$", r"\$")


def png(figure: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes; the figure is cleared afterwards so its memory is freed."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)
    figure.savefig(buffer, format="png", dpi=dpi)
    figure.clear()
    return buffer.getvalue()


def _figure(size=WIDE) -> Figure:
    figure = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _empty(figure: Figure, ax, message: str) -> Figure:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=13, wrap=True)
    return figure


def _date_axis(ax, dates: list, rotate: bool = True) -> None:
    """Meetings at positions 0..n-1, labelled with Danish short dates (at most a dozen labels)."""
    step = max(1, math.ceil(len(dates) / MAX_DATE_LABELS))
    positions = list(range(0, len(dates), step))
    ax.set_xticks(positions, [short_date(dates[i]) for i in positions], rotation=45 if rotate else 0,
                  ha="right" if rotate else "center")
    ax.set_xlim(-0.6, len(dates) - 0.4)


def attendance_bars(per_meeting: pd.DataFrame) -> Figure:
    """Stacked bars per meeting: present, cancelled in good time, late cancellation, absent without notice."""
    figure = _figure()
    ax = figure.add_subplot()
    if per_meeting.empty:
        return _empty(figure, ax, t("analysis.headline.no_data"))
    bottom = pd.Series(0, index=per_meeting.index, dtype=float)
    positions = list(range(len(per_meeting)))
    for category in CATEGORIES:
        ax.bar(positions, per_meeting[category], bottom=bottom, color=CATEGORY_COLOURS[category],
               label=t(f"analysis.category.{category}"), edgecolor="white", linewidth=0.5)
        bottom = bottom + per_meeting[category]
    rate = per_meeting["present"].sum() / per_meeting["registered"].sum()
    ax.set_title(t("analysis.chart.attendance.title", rate=percent(rate)), loc="left", fontweight="bold")
    ax.set_ylabel(t("analysis.chart.members"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _date_axis(ax, per_meeting["starts_at"].tolist())
    figure.legend(loc="outside right upper", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def attendance_heatmap(per_member: pd.DataFrame, at_risk: int = 0) -> Figure:
    """Members (rows) by meetings (columns), coloured by how each member attended; blank = not registered."""
    members = per_member.drop_duplicates("member_id")[["member_id", "name"]]
    meetings = per_member.drop_duplicates("meeting_id").sort_values("starts_at")[["meeting_id", "starts_at"]]
    height = min(12, max(3.5, 1.5 + 0.32 * len(members)))
    figure = _figure((10, height))
    ax = figure.add_subplot()
    if per_member.empty:
        return _empty(figure, ax, t("analysis.headline.no_data"))
    codes = per_member.assign(code=per_member["category"].cat.codes).pivot_table(
        index="member_id", columns="meeting_id", values="code", aggfunc="first")
    codes = codes.reindex(index=members["member_id"], columns=meetings["meeting_id"])
    colours = ListedColormap([CATEGORY_COLOURS[c] for c in CATEGORIES]).with_extremes(bad="#F2F2F2")
    ax.imshow(codes.to_numpy(dtype=float), aspect="auto", cmap=colours, vmin=-0.5, vmax=len(CATEGORIES) - 0.5,
              interpolation="nearest")
    ax.set_yticks(range(len(members)), [plain(name) for name in members["name"]])
    _date_axis(ax, meetings["starts_at"].tolist())
    title = (t("analysis.chart.heatmap.at_risk", count=at_risk) if at_risk > 1
             else t("analysis.chart.heatmap.at_risk_one") if at_risk == 1 else t("analysis.chart.heatmap.none_at_risk"))
    ax.set_title(title, loc="left", fontweight="bold")
    handles = [Patch(color=CATEGORY_COLOURS[c], label=t(f"analysis.category.{c}")) for c in CATEGORIES]
    figure.legend(handles=handles, loc="outside right upper", frameon=False)
    return figure


def cancellation_chart(trend: pd.DataFrame, warning: EarlyWarning, threshold: float = THRESHOLD) -> Figure:
    """The share away per meeting, its rolling mean and the warning threshold; the title is the verdict."""
    figure = _figure()
    ax = figure.add_subplot()
    if trend.empty:
        return _empty(figure, ax, t("analysis.headline.no_data"))
    positions = list(range(len(trend)))
    ax.plot(positions, trend["away_rate"], "o", color=OKABE_ITO["blue"], label=t("analysis.chart.away_rate"))
    ax.plot(positions, trend["cancellation_rate"], "s", color=OKABE_ITO["sky_blue"], markersize=4,
            label=t("analysis.chart.cancellation_rate"))
    ax.plot(positions, trend["away_rate_rolling"], "-", color=OKABE_ITO["blue"], linewidth=2.5,
            label=t("analysis.chart.rolling"))
    ax.axhline(threshold, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.5,
               label=t("analysis.chart.threshold", threshold=percent(threshold)))
    ax.set_ylim(0, max(1.0, float(trend["away_rate"].max())) * 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylabel(t("analysis.chart.share_of_members"))
    _date_axis(ax, trend["starts_at"].tolist())
    colour = LEVEL_COLOURS[warning.level] if warning.fired else "black"
    ax.set_title(warning.headline, loc="left", fontweight="bold", color=colour)
    figure.legend(loc="outside right upper", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def evaluation_headline(trends: pd.DataFrame) -> str:
    """Compare the mean of all rating questions at the latest evaluated meeting with the first."""
    per_meeting = trends.groupby("starts_at")["mean"].mean().sort_index()
    if len(per_meeting) < 2:
        return t("analysis.chart.evaluation.few")
    first, last = per_meeting.iloc[0], per_meeting.iloc[-1]
    key = "up" if last - first >= 0.2 else "down" if first - last >= 0.2 else "flat"
    return t(f"analysis.chart.evaluation.{key}", first=number(first, 1), last=number(last, 1))


def _checkpoint_position(meetings: pd.DataFrame) -> float | None:
    """Where the trial period ends among the evaluated meetings (positions 0..n-1, oldest first): at the
    checkpoint meeting, or between the meetings around it when that one has too few answers to be shown."""
    numbers = meetings["number"].astype(float).tolist()
    trial = meetings["trial_meetings"].iloc[0] if "trial_meetings" in meetings and len(meetings) else None
    if trial is None or pd.isna(trial) or not numbers or not numbers[0] <= trial <= numbers[-1]:
        return None
    for index, value in enumerate(numbers):
        if value == trial:
            return float(index)
        if value > trial:
            return index - 0.5
    return None


def evaluation_chart(trends: pd.DataFrame) -> Figure:
    """Mean score per question over the meetings, the number of answers as bars, the trial checkpoint marked."""
    figure = _figure()
    ax = figure.add_subplot()
    if trends.empty:
        return _empty(figure, ax, t("analysis.chart.evaluation.none"))
    meetings = trends.drop_duplicates("meeting_id").sort_values("starts_at")
    position = {meeting: i for i, meeting in enumerate(meetings["meeting_id"])}
    counts = ax.twinx()
    counts.bar(range(len(meetings)), meetings["responses"], color="#DDDDDD", width=0.6,
               label=t("analysis.chart.responses"))
    counts.set_ylabel(t("analysis.chart.responses"))
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    counts.set_ylim(0, max(1, int(meetings["responses"].max())) * 3)
    ax.set_zorder(counts.get_zorder() + 1)
    ax.patch.set_visible(False)
    questions = trends.drop_duplicates("question").sort_values("position")
    for colour, (_, question) in zip(QUESTION_COLOURS * 3, questions.iterrows(), strict=False):
        rows = trends[trends["question"] == question["question"]].sort_values("starts_at")
        ax.plot([position[m] for m in rows["meeting_id"]], rows["mean"], "o-", color=colour,
                label=plain(question["label"]))
    x = _checkpoint_position(meetings)
    if x is not None:
        ax.axvline(x, color=OKABE_ITO["black"], linestyle=":", linewidth=1.5)
        ax.annotate(t("analysis.chart.trial_checkpoint", number=int(meetings["trial_meetings"].iloc[0])),
                    (x, 5.15), ha="center", fontsize=9, annotation_clip=False)
    ax.set_ylim(1, 5.4)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_ylabel(t("analysis.chart.score"))
    _date_axis(ax, meetings["starts_at"].tolist())
    ax.set_title(evaluation_headline(trends), loc="left", fontweight="bold", pad=18)
    lines, labels = ax.get_legend_handles_labels()
    bars, bar_labels = counts.get_legend_handles_labels()
    figure.legend(lines + bars, [textwrap.fill(label, 34) for label in labels + bar_labels],
                  loc="outside right upper", frameon=False, fontsize=8)
    return figure


def small_multiples(per_meeting: pd.DataFrame, overview: pd.DataFrame, columns: int = 5,
                    limit: int = 30, threshold: float = THRESHOLD) -> Figure:
    """One small away-rate chart per network (in the overview's order: red first), framed in its light."""
    shown = overview.head(limit)
    columns = max(1, min(columns, len(shown)))
    rows = max(1, math.ceil(len(shown) / columns))
    figure = _figure((2.4 * columns, 1.9 * rows + 0.8))
    if shown.empty:
        return _empty(figure, figure.add_subplot(), t("analysis.chart.no_networks"))
    red = int((overview["level"] == "red").sum())
    yellow = int((overview["level"] == "yellow").sum())
    figure.suptitle(t("analysis.chart.multiples.title", red=red, yellow=yellow, total=len(overview)),
                    x=0.01, ha="left", fontweight="bold")
    axes = figure.subplots(rows, columns, sharey=True, squeeze=False).ravel()
    series = {key: table for key, table in per_meeting.groupby("network_id")}
    for ax, (_, network) in zip(axes, shown.iterrows(), strict=False):
        table = series.get(network["network_id"])
        if table is not None:
            ax.plot(range(len(table)), table["away_rate"], color=OKABE_ITO["blue"], linewidth=1)
        ax.axhline(threshold, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=0.8)
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xticks([])
        ax.set_title(plain(network["network"])[:28], fontsize=8)
        for spine in ax.spines.values():
            spine.set_color(LEVEL_COLOURS[network["level"]])
            spine.set_linewidth(2.5 if network["level"] in ("red", "yellow") else 1)
    for ax in axes[len(shown):]:
        ax.set_axis_off()
    return figure
