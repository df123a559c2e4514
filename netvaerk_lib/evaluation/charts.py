"""Charts of the results as PNG bytes (for ``widgets.Image``).

Built on ``matplotlib.figure.Figure`` directly, not pyplot: no global figure registry, so nothing stays open
in a long-running kernel, and no GUI backend is involved.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from netvaerk_lib.evaluation.results import RatingResult, earlier_label
from netvaerk_lib.texts import t

BAR_COLOUR = "#2f6f73"
EARLIER_COLOUR = "#9bb7b9"


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    figure.clear()
    return buffer.getvalue()


def distribution_png(rating: RatingResult) -> bytes:
    """Bars: how many gave each rating 1-5."""
    figure = Figure(figsize=(3.6, 2.2))
    axes = figure.add_subplot()
    values = list(rating.distribution)
    axes.bar([str(v) for v in values], [rating.distribution[v] for v in values], color=BAR_COLOUR)
    axes.set_xlabel(t("evaluation.results.rating"))
    axes.set_ylabel(t("evaluation.results.count"))
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def trend_png(rating: RatingResult, today_label: str) -> bytes:
    """Average per meeting: the earlier meetings, then today."""
    labels = [earlier_label(meeting) for meeting, _ in rating.earlier] + [today_label]
    averages = [average for _, average in rating.earlier] + [rating.average or 0]
    figure = Figure(figsize=(3.6, 2.2))
    axes = figure.add_subplot()
    colours = [EARLIER_COLOUR] * len(rating.earlier) + [BAR_COLOUR]
    axes.bar(range(len(labels)), averages, color=colours)
    axes.set_xticks(range(len(labels)), labels, rotation=30, ha="right", fontsize=8)
    axes.set_ylim(0, 5)
    axes.set_ylabel(t("evaluation.results.average"))
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)
