"""The network's report as a PDF to hand to the network (fpdf2): A4 portrait on every page, each page headed
with the network and the period and numbered in its foot, each chart followed by a one-line reading.

Pages: the front page (key figures and the warning), attendance and absence, the members' attendance, the
evaluations, the goals by meeting, and a page to discuss in the network. Charts are drawn by
:mod:`.charts` at the width of the text, so their type prints at the size it was drawn.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from matplotlib.figure import Figure

from netvaerk_lib.analysis import readings
from netvaerk_lib.analysis.chart_style import LEVEL_COLOURS, png
from netvaerk_lib.analysis.goals_table import goal_rows
from netvaerk_lib.analysis.network import NetworkAnalysis
from netvaerk_lib.texts import short_date, t, tn
from netvaerk_lib.timezone import today as current_day

MARGIN = 18
TEXT_WIDTH = 210 - 2 * MARGIN
CHART_DPI = 160
BOTTOM = 20
READING_SPACE = 14
FONT = "DejaVu"
GREY = (90, 90, 90)
TOTAL = FontFace(emphasis="BOLD")
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def period_text(result: NetworkAnalysis) -> str:
    data, meetings = result.data, result.per_meeting
    start = data.start or (meetings["starts_at"].min() if not meetings.empty else None)
    end = data.end or (meetings["starts_at"].max() if not meetings.empty else None)
    if start is None or end is None:
        return t("analysis.report.no_period")
    return t("analysis.report.period", start=short_date(start), end=short_date(end))


class ReportDocument(FPDF):
    """A4 pages with the network and period at the top and the page number at the foot."""

    def __init__(self, network: str, period: str, made: dt.date):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.network, self.period, self.made = network, period, made
        fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        for style, name in _FONT_FILES.items():
            self.add_font(FONT, style, str(fonts / name))
        self.set_margins(MARGIN, 22, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_title(t("analysis.report.title", network=network))
        self.set_creator(t("app.name"))
        self.set_lang(t("analysis.report.language"))

    def header(self) -> None:
        self.set_font(FONT, "B", 9)
        self.set_text_color(*GREY)
        self.set_xy(MARGIN, 10)
        self.cell(TEXT_WIDTH / 2, 5, self.fitted(self.network, TEXT_WIDTH / 2 - 2))
        self.set_font(FONT, "", 9)
        self.cell(TEXT_WIDTH / 2, 5, self.period, align="R")
        self.line(MARGIN, 16, 210 - MARGIN, 16)
        self.set_text_color(0, 0, 0)
        self.set_xy(MARGIN, 22)

    def fitted(self, text: str, width: float) -> str:
        """The text, cut with '…' where it would run into the period beside it (a long network name)."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 9)
        self.set_text_color(*GREY)
        self.cell(TEXT_WIDTH / 2, 5, t("analysis.report.made", date=short_date(self.made)))
        self.cell(TEXT_WIDTH / 2, 5, t("analysis.report.page", page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float = 15, colour: tuple[int, int, int] = (0, 0, 0)) -> None:
        self.set_font(FONT, "B", size)
        self.set_text_color(*colour)
        self.multi_cell(TEXT_WIDTH, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def paragraph(self, text: str, size: float = 11, style: str = "") -> None:
        self.set_font(FONT, style, size)
        self.multi_cell(TEXT_WIDTH, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def room(self) -> float:
        """The height left on the page for a chart, keeping space for its reading."""
        return self.h - BOTTOM - self.get_y() - READING_SPACE

    def chart(self, figure: Figure, reading: str) -> None:
        """The chart at the width of the text (smaller if the page cannot hold it), the reading below it."""
        width_in, height_in = figure.get_size_inches()
        image = io.BytesIO(png(figure, dpi=CHART_DPI))
        width = min(TEXT_WIDTH, self.room() * width_in / height_in)
        if width < TEXT_WIDTH * 0.6:
            self.add_page()
            width = min(TEXT_WIDTH, self.room() * width_in / height_in)
        self.image(image, x=MARGIN + (TEXT_WIDTH - width) / 2, w=width)
        self.ln(1)
        self.paragraph(reading, size=10.5, style="I")
        self.ln(3)


def _front_page(document: ReportDocument, result: NetworkAnalysis) -> None:
    document.add_page()
    document.ln(6)
    document.heading(t("analysis.report.title", network=result.name), size=22)
    document.paragraph(document.period, size=12)
    document.ln(4)
    document.heading(t("analysis.report.key_numbers"))
    document.set_font(FONT, "", 11)
    with document.table(col_widths=(3, 1), text_align=("LEFT", "RIGHT"), first_row_as_headings=False,
                        borders_layout="HORIZONTAL_LINES", line_height=7) as table:
        for label, value in result.key_numbers():
            row = table.row()
            row.cell(label)
            row.cell(value)
    document.ln(8)
    warning = result.warning
    colour = _rgb(LEVEL_COLOURS[warning.level])
    document.heading(t("analysis.report.warning") if warning.fired else t("analysis.report.no_warning"),
                     colour=colour)
    document.set_draw_color(*colour)
    document.set_line_width(0.8)
    document.set_font(FONT, "", 11)
    document.multi_cell(TEXT_WIDTH, 6, warning.text, border=1, padding=4, align="L", new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT)
    document.set_draw_color(0, 0, 0)
    document.set_line_width(0.2)


def _goals_page(document: ReportDocument, result: NetworkAnalysis) -> None:
    document.add_page()
    document.heading(t("analysis.report.goals"))
    document.paragraph(readings.goals_reading(result.goals), style="I")
    rows = goal_rows(result.goals, result.data.meetings)
    if not rows:
        return
    document.set_font(FONT, "", 10)
    with document.table(col_widths=(2.4, 0.7, 0.7, 1.4, 1.4, 1.15, 1.35), line_height=6.5,
                        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
                        borders_layout="HORIZONTAL_LINES") as table:
        for index, values in enumerate(rows):
            row = table.row()
            for value in values:
                row.cell(value, style=TOTAL if index == len(rows) - 1 else None)
    document.ln(4)
    document.paragraph(t("analysis.report.goals_explained"), size=9.5)


def _discussion_page(document: ReportDocument, result: NetworkAnalysis) -> None:
    """A short text for the network: what the numbers say and the guide's questions to talk about."""
    document.add_page()
    document.heading(t("analysis.report.discussion"))
    document.paragraph(t("analysis.report.discussion_intro"))
    if not result.at_risk.empty:
        document.paragraph(tn("analysis.report.at_risk_text", len(result.at_risk)))
    topics = result.topics
    uncovered = topics[~topics["covered"]]["title"].tolist() if not topics.empty else []
    if uncovered:
        document.paragraph(t("analysis.report.uncovered") + "\n" + "\n".join(f"• {title}" for title in uncovered))
    document.paragraph(t("analysis.report.questions") + "\n" + "\n".join(
        f"• {t(f'analysis.report.question.{n}')}" for n in range(1, 5)))


def build(result: NetworkAnalysis, made: dt.date) -> ReportDocument:
    document = ReportDocument(result.name, period_text(result), made)
    _front_page(document, result)
    cancellations, attendance, heatmap, evaluations = result.figures()
    document.add_page()
    document.heading(t("analysis.report.section.attendance"))
    document.chart(cancellations, readings.away_reading(result.warning))
    document.chart(attendance, readings.attendance_reading(result.per_meeting))
    document.add_page()
    document.heading(t("analysis.report.section.members"))
    document.chart(heatmap, readings.heatmap_reading(result.per_meeting))
    document.add_page()
    document.heading(t("analysis.report.section.evaluation"))
    document.chart(evaluations, readings.evaluation_reading(result.evaluations))
    _goals_page(document, result)
    _discussion_page(document, result)
    return document


def write_pdf(result: NetworkAnalysis, path: str | Path, today: dt.date | None = None) -> Path:
    """The network's report as a PDF (see the module docstring for its pages)."""
    path = Path(path)
    build(result, today or current_day()).output(str(path))
    return path
