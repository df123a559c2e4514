"""The goals page of the report as rows of text: per meeting the goals set, still open, done, continued and
dropped, and the share of the due ones that were followed up, with a total row."""

from __future__ import annotations

import pandas as pd

from netvaerk_lib.analysis.attendance import percent
from netvaerk_lib.texts import number, short_date, t

COUNTS = ("goals_set", "open", "done", "continued", "dropped")


def _rate(followed: float, due: float) -> str:
    return percent(followed / due) if due else "–"


def _meeting(row, numbers: dict) -> str:
    if pd.isna(row["meeting_id"]):
        return t("analysis.report.goals_outside")
    label = short_date(row["starts_at"])
    meeting_number = numbers.get(row["meeting_id"])
    if meeting_number is None or pd.isna(meeting_number):
        return label
    return t("analysis.report.goals_meeting", number=int(meeting_number), date=label)


def goal_rows(goals: pd.DataFrame, meetings: pd.DataFrame) -> list[list[str]]:
    """Header, one row per meeting where goals were set (oldest first), and the totals; [] without goals."""
    if goals.empty:
        return []
    numbers = dict(zip(meetings["meeting_id"], meetings["number"], strict=True))
    header = [t("analysis.report.goals_at")] + [t(f"analysis.report.goals_column.{c}") for c in (*COUNTS, "rate")]
    rows = [header]
    for _, row in goals.iterrows():
        rows.append([_meeting(row, numbers), *(number(int(row[c])) for c in COUNTS),
                     _rate(row["followed_up"], row["due"])])
    totals = goals[[*COUNTS, "followed_up", "due"]].sum()
    rows.append([t("analysis.report.goals_total"), *(number(int(totals[c])) for c in COUNTS),
                 _rate(totals["followed_up"], totals["due"])])
    return rows
