"""What the consultant hands over: the tables as CSV and XLSX, and a PDF report per network.

The PDF is made with matplotlib's PDF backend (``PdfPages``): a front page with the key numbers and the
warning if any, then the charts, then a short text to discuss in the network.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from ..model import visible_controls
from ..texts import has, number, short_date, t
from . import charts
from .attendance import (
    THRESHOLD,
    EarlyWarning,
    attendance_per_meeting,
    attendance_per_member,
    cancellation_trend,
    early_warning,
    member_summary,
    members_at_risk,
    percent,
)
from .data import AnalysisData
from .overview import overview
from .progress import evaluation_trends, follow_up_rate, goal_follow_up, topic_coverage

A4 = (8.27, 11.69)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_VALUE_LABELS = {"category": "analysis.category", "last_category": "analysis.category", "trend": "analysis.trend",
                 "source": "analysis.source", "level": "analysis.level"}


@dataclass
class NetworkAnalysis:
    """Every table and the verdict for one network, computed once for the charts, the exports and the report."""

    data: AnalysisData
    network_id: int
    per_meeting: pd.DataFrame
    trend: pd.DataFrame
    warning: EarlyWarning
    per_member: pd.DataFrame
    members: pd.DataFrame
    at_risk: pd.DataFrame
    evaluations: pd.DataFrame
    topics: pd.DataFrame
    goals: pd.DataFrame

    @property
    def name(self) -> str:
        return self.data.network_name(self.network_id)

    def key_numbers(self) -> list[tuple[str, str]]:
        """(label, value) pairs for the front page and the app."""
        table = self.per_meeting
        registered = table["registered"].sum()
        cancellations = table["cancelled"].sum() + table["late"].sum()
        rate = follow_up_rate(self.goals)
        active = int((~self.members["erased"]).sum()) if not self.members.empty else 0
        values = [
            ("members", number(active)),
            ("meetings", number(len(table))),
            ("attendance_rate", percent(table["present"].sum() / registered) if registered else "–"),
            ("cancellation_rate", percent(cancellations / registered) if registered else "–"),
            ("late_share", percent(table["late"].sum() / cancellations) if cancellations else "–"),
            ("at_risk", number(len(self.at_risk))),
            ("follow_up_rate", percent(rate) if rate is not None else "–"),
        ]
        numbers = [(t(f"analysis.key.{key}"), value) for key, value in values]
        if not self.evaluations.empty:
            latest = self.evaluations[self.evaluations["starts_at"] == self.evaluations["starts_at"].max()]
            for _, row in latest.sort_values("position").iterrows():
                numbers.append((row["label"], t("analysis.key.score", score=number(row["mean"], 1),
                                                answers=int(row["answers"]))))
        return numbers

    def figures(self) -> list[Figure]:
        return [
            charts.cancellation_chart(self.trend, self.warning, self.warning.threshold),
            charts.attendance_bars(self.per_meeting),
            charts.attendance_heatmap(self.per_member, len(self.at_risk)),
            charts.evaluation_chart(self.evaluations),
        ]

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables behind the charts, with Danish column names, keyed by a short Danish sheet name."""
        members = self.members.drop(columns=["network_id", "erased"])
        return {
            t("analysis.sheet.meetings"): self.trend.drop(columns=["network_id"]),
            t("analysis.sheet.members"): members,
            t("analysis.sheet.attendance"): self.per_member.drop(columns=["network_id", "erased"]),
            t("analysis.sheet.at_risk"): self.at_risk.drop(columns=["network_id"]),
            t("analysis.sheet.evaluations"): self.evaluations.drop(columns=["network_id", "position"]),
            t("analysis.sheet.topics"): self.topics.drop(columns=["network_id"]),
            t("analysis.sheet.goals"): self.goals.drop(columns=["network_id"]),
        }


def analyse_network(data: AnalysisData, network_id: int, threshold: float = THRESHOLD) -> NetworkAnalysis:
    one = data.only(network_id)
    per_meeting = attendance_per_meeting(one)
    return NetworkAnalysis(
        data=one, network_id=network_id, per_meeting=per_meeting, trend=cancellation_trend(per_meeting),
        warning=early_warning(per_meeting, threshold=threshold), per_member=attendance_per_member(one),
        members=member_summary(one), at_risk=members_at_risk(one), evaluations=evaluation_trends(one),
        topics=topic_coverage(one), goals=goal_follow_up(one))


def _safe(value: object) -> object:
    """Text a spreadsheet would run as a formula ('=HYPERLINK(...)' typed as a name) is kept as text; control
    characters, which an Excel file cannot hold, are shown as their pictures."""
    if not isinstance(value, str):
        return value
    value = visible_controls(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def for_export(table: pd.DataFrame) -> pd.DataFrame:
    """Danish column names, categories as their labels, text that cannot turn into formulas."""
    out = table.copy()
    for column, prefix in _VALUE_LABELS.items():
        if column in out.columns:
            out[column] = [t(f"{prefix}.{value}") if has(f"{prefix}.{value}") else value
                           for value in out[column].astype(str)]
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map({True: t("common.yes"), False: t("common.no")})
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_safe)
        if isinstance(out[column].dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d %H:%M")
    out.columns = [t(f"analysis.column.{c}") if has(f"analysis.column.{c}") else str(c) for c in out.columns]
    return out


def write_csv(tables: dict[str, pd.DataFrame], directory: str | Path) -> list[Path]:
    """One CSV per table, the way Danish Excel opens it (semicolons, decimal comma, UTF-8 with BOM)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in tables.items():
        path = directory / f"{safe_file_name(name)}.csv"
        for_export(table).to_csv(path, sep=";", decimal=",", index=False, encoding="utf-8-sig")
        paths.append(path)
    return paths


def write_xlsx(tables: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """All tables in one workbook, one sheet each."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")  # a failure leaves no half workbook under the real name
    try:
        with pd.ExcelWriter(partial, engine="openpyxl") as writer:
            for name, table in tables.items():
                for_export(table).to_excel(writer, sheet_name=name[:31], index=False)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def safe_file_name(name: str) -> str:
    """A file name part without spaces or Danish letters: 'Møder' -> 'moeder'."""
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", " ": "_"})
    return "".join(c for c in name.translate(table) if c.isalnum() or c in "_-").lower()


def _period(data: AnalysisData, per_meeting: pd.DataFrame) -> str:
    start = data.start or (per_meeting["starts_at"].min() if not per_meeting.empty else None)
    end = data.end or (per_meeting["starts_at"].max() if not per_meeting.empty else None)
    if start is None or end is None:
        return t("analysis.report.no_period")
    return t("analysis.report.period", start=short_date(start), end=short_date(end))


def _wrapped(text: str, width: int = 80) -> str:
    return "\n".join(textwrap.fill(part, width) for part in text.split("\n"))


def front_page(result: NetworkAnalysis, today: dt.date) -> Figure:
    figure = Figure(figsize=A4)
    title = textwrap.wrap(charts.plain(t("analysis.report.title", network=result.name)), 42)[:3]
    figure.text(0.08, 0.93, "\n".join(title), fontsize=20, fontweight="bold", va="top", linespacing=1.3)
    y = 0.93 - 0.035 * len(title) - 0.015
    figure.text(0.08, y, _period(result.data, result.per_meeting), fontsize=11, va="top")
    figure.text(0.08, y - 0.025, t("analysis.report.made", date=short_date(today)), fontsize=9, color="#555555",
                va="top")
    y -= 0.08
    figure.text(0.08, y, t("analysis.report.key_numbers"), fontsize=14, fontweight="bold", va="top")
    y -= 0.04
    for label, value in result.key_numbers():
        lines = textwrap.wrap(charts.plain(label), 60)
        figure.text(0.08, y, "\n".join(lines), fontsize=10.5, va="top")
        figure.text(0.92, y, value, fontsize=10.5, va="top", ha="right", fontweight="bold")
        y -= 0.028 * len(lines)
    y -= 0.03
    warning = result.warning
    heading = t("analysis.report.warning") if warning.fired else t("analysis.report.no_warning")
    colour = charts.LEVEL_COLOURS[warning.level]
    figure.text(0.08, y, heading, fontsize=14, fontweight="bold", va="top", color=colour)
    figure.text(0.08, y - 0.04, _wrapped(warning.text, 85), fontsize=10.5, va="top",
                bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": colour, "linewidth": 2})
    return figure


def discussion_page(result: NetworkAnalysis) -> Figure:
    """A short text for the network: what the numbers say and the guide's questions to talk about."""
    figure = Figure(figsize=A4)
    figure.text(0.08, 0.93, t("analysis.report.discussion"), fontsize=16, fontweight="bold", va="top")
    paragraphs = [t("analysis.report.discussion_intro")]
    if not result.at_risk.empty:
        paragraphs.append(t("analysis.report.at_risk_text", count=len(result.at_risk)))
    uncovered = result.topics[~result.topics["covered"]]["title"].tolist() if not result.topics.empty else []
    if uncovered:
        paragraphs.append(t("analysis.report.uncovered") + "\n" + "\n".join(f"• {title}" for title in uncovered))
    paragraphs.append(t("analysis.report.questions") + "\n" + "\n".join(
        f"• {t(f'analysis.report.question.{n}')}" for n in range(1, 5)))
    figure.text(0.08, 0.87, charts.plain(_wrapped("\n\n".join(paragraphs), 80)), fontsize=11, va="top",
                linespacing=1.5)
    return figure


def write_pdf(result: NetworkAnalysis, path: str | Path, today: dt.date | None = None) -> Path:
    """The network's report as a PDF: front page, the four charts, the discussion page."""
    path = Path(path)
    today = today or dt.date.today()
    with PdfPages(path, metadata={"Title": t("analysis.report.title", network=result.name),
                                  "Creator": t("app.name")}) as pdf:
        for figure in [front_page(result, today), *result.figures(), discussion_page(result)]:
            pdf.savefig(figure)
            figure.clear()
    return path


def overview_tables(data: AnalysisData) -> dict[str, pd.DataFrame]:
    """The cross-network overview as an exportable table."""
    return {t("analysis.sheet.overview"): overview(data)}
