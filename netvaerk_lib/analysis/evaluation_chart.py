"""The evaluations over time as small multiples: one panel per question on the same 1-5 scale and the same
meetings, the number of evaluations in a panel of its own below, the end of the trial period marked.

Five lines in one chart cross each other; a panel each lets a client read every question at a glance.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from netvaerk_lib.analysis.chart_style import OKABE_ITO, WIDE, date_axis, empty, new_figure, plain, styled
from netvaerk_lib.texts import number, t

PANEL_HEIGHT = 1.2
CHANGE = 0.2


def evaluation_headline(trends: pd.DataFrame) -> str:
    """Compare the mean of all rating questions at the latest evaluated meeting with the first."""
    per_meeting = trends.groupby("starts_at")["mean"].mean().sort_index()
    if len(per_meeting) < 2:
        return t("analysis.chart.evaluation.few")
    first, last = per_meeting.iloc[0], per_meeting.iloc[-1]
    key = "up" if last - first >= CHANGE else "down" if first - last >= CHANGE else "flat"
    return t(f"analysis.chart.evaluation.{key}", first=number(first, 1), last=number(last, 1))


def checkpoint_position(meetings: pd.DataFrame) -> float | None:
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


def question_name(row) -> str:
    """The short theme of a question when the analysis gave one ('Energi'), else its label as typed."""
    theme = row.get("theme") if hasattr(row, "get") else None
    return plain(theme if isinstance(theme, str) and theme else row["label"])


def _question_panel(ax, rows: pd.DataFrame, position: dict, name: str) -> None:
    x = [position[m] for m in rows["meeting_id"]]
    ax.plot(x, rows["mean"], "o-", color=OKABE_ITO["blue"], linewidth=2, markersize=5)
    ax.annotate(number(rows["mean"].iloc[-1], 1), (x[-1], rows["mean"].iloc[-1]), xytext=(6, 0),
                textcoords="offset points", va="center", fontsize=10, color=OKABE_ITO["blue"])
    ax.set_ylim(0.8, 5.4)
    ax.set_yticks([1, 3, 5])
    ax.set_title(name, fontsize=11)


def _answers_panel(ax, meetings: pd.DataFrame) -> None:
    counts = meetings["responses"].astype(int).tolist()
    ax.bar(range(len(counts)), counts, color="#C8C8C8", width=0.6)
    for x, count in enumerate(counts):
        ax.annotate(str(count), (x, count), xytext=(0, 2), textcoords="offset points", ha="center", fontsize=9)
    ax.set_ylim(0, max(counts) * 1.35)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_title(t("analysis.chart.responses"), fontsize=11)


def _mark_checkpoint(axes, meetings: pd.DataFrame) -> None:
    x = checkpoint_position(meetings)
    if x is None:
        return
    for ax in axes:
        ax.axvline(x, color=OKABE_ITO["black"], linestyle=":", linewidth=1.3)
    axes[0].annotate(t("analysis.chart.trial_checkpoint", number=int(meetings["trial_meetings"].iloc[0])),
                     (x, 1.0), xytext=(4, 0), textcoords="offset points", fontsize=9, va="bottom",
                     annotation_clip=False)


@styled
def evaluation_chart(trends: pd.DataFrame) -> Figure:
    """One panel per rating question (mean score per meeting, 1-5), a panel with the number of evaluations,
    the trial checkpoint as a dotted line through all; the figure's title compares first and latest."""
    questions = trends.drop_duplicates("question").sort_values("position")
    figure = new_figure((WIDE[0], 1.4 + PANEL_HEIGHT * (len(questions) + 1)))
    if trends.empty:
        return empty(figure, figure.add_subplot(), t("analysis.chart.evaluation.none"))
    meetings = trends.drop_duplicates("meeting_id").sort_values("starts_at")
    position = {meeting: i for i, meeting in enumerate(meetings["meeting_id"])}
    axes = figure.subplots(len(questions) + 1, 1, sharex=True, squeeze=False,
                           height_ratios=[1] * len(questions) + [0.7]).ravel()
    for ax, (_, question) in zip(axes, questions.iterrows(), strict=False):
        rows = trends[trends["question"] == question["question"]].sort_values("starts_at")
        _question_panel(ax, rows, position, question_name(question))
    _answers_panel(axes[-1], meetings)
    _mark_checkpoint(list(axes), meetings)
    date_axis(axes[-1], meetings["starts_at"].tolist())
    figure.suptitle(evaluation_headline(trends), x=0.01, ha="left", fontweight="bold", fontsize=12.5)
    return figure
