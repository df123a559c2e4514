"""The look shared by every chart of the analysis: the Okabe-Ito palette, type that stays readable on a
projector and on an A4 page, Danish date axes, and figures that are freed once rendered.

Figures are made with :class:`matplotlib.figure.Figure`, not pyplot, so no global figure registry holds them:
:func:`png` renders a figure and clears it, and a dashboard that redraws on every filter change does not grow.
A chart is drawn inside :func:`styled`, so its type sizes do not depend on the caller's rcParams.
"""

from __future__ import annotations

import functools
import io
import math

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MultipleLocator, PercentFormatter

from netvaerk_lib.analysis.palette import CATEGORY_COLOURS, LEVEL_COLOURS, OKABE_ITO
from netvaerk_lib.texts import short_date

__all__ = ["CATEGORY_COLOURS", "LEVEL_COLOURS", "OKABE_ITO", "WIDE", "date_axis", "empty", "new_figure", "plain",
           "png", "share_axis", "styled"]

# A chart is as wide as the text of an A4 page (174 mm), so 11 pt in the figure is 11 pt on paper.
WIDE = (6.9, 3.9)
MAX_DATE_LABELS = 10
STYLE = {"font.size": 11, "axes.titlesize": 12.5, "axes.labelsize": 11, "xtick.labelsize": 10,
         "ytick.labelsize": 10, "legend.fontsize": 10, "axes.spines.top": False, "axes.spines.right": False,
         "axes.grid": True, "axes.grid.axis": "y", "grid.color": "#E3E3E3", "grid.linewidth": 0.8,
         "axes.axisbelow": True, "axes.titlelocation": "left", "axes.titleweight": "bold"}


def styled(draw):
    """Draw the chart under the house style (type sizes, light grid, no top or right frame)."""
    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)
    return wrapper


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


def new_figure(size=WIDE) -> Figure:
    figure = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def empty(figure: Figure, ax, message: str) -> Figure:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=13, wrap=True)
    return figure


def date_axis(ax, dates: list) -> None:
    """Meetings at positions 0..n-1, labelled with Danish short dates (at most ten labels, the latest always)."""
    step = max(1, math.ceil(len(dates) / MAX_DATE_LABELS))
    positions = list(range(len(dates) - 1, -1, -step))[::-1]
    ax.set_xticks(positions, [short_date(dates[i]) for i in positions], rotation=45 if len(dates) > 3 else 0,
                  ha="right" if len(dates) > 3 else "center")
    ax.set_xlim(-0.6, len(dates) - 0.4)


def share_axis(ax, highest: float, floor: float = 0.0) -> None:
    """A 0 %-based share axis that ends just above the data (or ``floor``), in steps of 10 or 20 points."""
    top = min(1.0, math.ceil((max(highest, floor) + 0.05) * 10) / 10)
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(MultipleLocator(0.1 if top <= 0.6 else 0.2))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
