"""Code slips to print: one slip per present member with their name, the QR code, the typed code and the form's
address, eight to an A4 page with cutting lines.

Handing slips out face down keeps each code to its member; showing every code on a projector lets anyone in
the room use anyone's code. The name is on the slip only so that the facilitator can hand it to the right
person: the stored answer carries neither.
"""

from __future__ import annotations

import functools
import io
import textwrap
from dataclasses import dataclass

import segno

from netvaerk_lib.evaluation import codes, sessions
from netvaerk_lib.texts import t

A4 = (8.27, 11.69)  # inches
COLUMNS, ROWS = 2, 4
HOW_WIDTH = 34  # characters a line beside the QR code


@dataclass(frozen=True)
class Slip:
    name: str
    code: str


def code_slips_pdf(slips: list[Slip], meeting: str, form_url: str) -> bytes:
    """The slips as a PDF (one page per eight slips), in the order given."""
    from matplotlib.backends.backend_pdf import PdfPages  # noqa: PLC0415 - matplotlib only when slips are printed
    from matplotlib.figure import Figure  # noqa: PLC0415 - matplotlib only when slips are printed

    buffer = io.BytesIO()
    per_page = COLUMNS * ROWS
    with PdfPages(buffer, metadata={"Title": t("evaluation.slips.title", meeting=meeting), "Creator": "netvaerk"}
                  ) as pdf:
        for start in range(0, max(len(slips), 1), per_page):
            figure = Figure(figsize=A4)  # not pyplot: nothing global to close afterwards
            _cutting_lines(figure)
            for index, slip in enumerate(slips[start:start + per_page]):
                _slip(figure, index, slip, meeting, form_url)
            pdf.savefig(figure)
    return buffer.getvalue()


def _cutting_lines(figure) -> None:
    from matplotlib.lines import Line2D  # noqa: PLC0415 - matplotlib only when slips are printed

    style = {"color": "#9aa5ad", "linestyle": (0, (4, 4)), "linewidth": 0.6, "transform": figure.transFigure}
    for column in range(1, COLUMNS):
        figure.add_artist(Line2D([column / COLUMNS] * 2, [0, 1], **style))
    for row in range(1, ROWS):
        figure.add_artist(Line2D([0, 1], [row / ROWS] * 2, **style))


def _slip(figure, index: int, slip: Slip, meeting: str, form_url: str) -> None:
    """One slip in its cell of the page."""

    write = functools.partial(figure.text, parse_math=False)  # a '$' in a name is a dollar sign, not maths
    column, row = index % COLUMNS, index // COLUMNS
    left, top = column / COLUMNS, 1 - row / ROWS
    width, height = 1 / COLUMNS, 1 / ROWS
    link = sessions.form_link(slip.code, form_url)
    modules = segno.make(link, error="m").matrix_iter(border=4)  # with the quiet zone scanners need
    axes = figure.add_axes((left + 0.015, top - height + 0.025, width * 0.42, height * 0.56))
    axes.imshow([[0 if dark else 1 for dark in line] for line in modules], cmap="gray", interpolation="nearest")
    axes.set_axis_off()
    x = left + 0.025
    write(x, top - 0.03, slip.name, fontsize=12, fontweight="bold", va="top")
    write(x, top - 0.055, t("evaluation.slips.meeting", meeting=meeting), fontsize=8, va="top", color="#444444")
    text_x = left + width * 0.48
    write(text_x, top - 0.095, t("evaluation.slips.your_code"), fontsize=8, va="top")
    write(text_x, top - 0.115, codes.display(slip.code), fontsize=17, family="monospace", fontweight="bold",
          va="top")
    how = textwrap.fill(t("evaluation.slips.how", url=form_url), HOW_WIDTH, break_long_words=True)
    write(text_x, top - 0.155, how, fontsize=7, va="top", color="#333333", linespacing=1.4)
    write(text_x, top - height + 0.03, t("evaluation.slips.anonymous"), fontsize=7, va="bottom", color="#0b6e4f")
