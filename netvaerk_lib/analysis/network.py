"""One network's analysis for the consultant: every table and the verdict, computed once for the app, the
exports and the PDF report, and cut to the report's period.

The period is the meetings that took place: a meeting dated after the report (planned, or moved later) or
called off brings no evaluation and no goal into the figures, even when someone evaluated it early.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from netvaerk_lib.analysis.attendance import (
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
from netvaerk_lib.analysis.data import AnalysisData
from netvaerk_lib.analysis.progress import evaluation_trends, follow_up_rate, goal_follow_up, topic_coverage
from netvaerk_lib.texts import has, number, t

if TYPE_CHECKING:
    from matplotlib.figure import Figure


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
                numbers.append((row["theme"], t("analysis.key.score", score=number(row["mean"], 1),
                                                answers=int(row["answers"]))))
        return numbers

    def figures(self) -> list[Figure]:
        from netvaerk_lib.analysis import charts  # noqa: PLC0415 - matplotlib (0.5 s to load) only once a chart is drawn

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


def held_only(data: AnalysisData) -> AnalysisData:
    """The evaluations and goals of the meetings that took place (goals set outside a meeting stay)."""
    held = data.meetings.loc[data.meetings["held"], "meeting_id"]
    goals = data.goals[data.goals["meeting_id"].isna() | data.goals["meeting_id"].isin(held)]
    return replace(data, ratings=data.ratings[data.ratings["meeting_id"].isin(held)].reset_index(drop=True),
                   responses=data.responses[data.responses["meeting_id"].isin(held)].reset_index(drop=True),
                   goals=goals.reset_index(drop=True))


def with_themes(evaluations: pd.DataFrame) -> pd.DataFrame:
    """A short theme per question ('Personligt udbytte'), so that no past meeting is read as 'i dag'; a
    question of the network's own keeps its label."""
    themes = [t(f"analysis.theme.{key}") if has(f"analysis.theme.{key}") else label
              for key, label in zip(evaluations["question"], evaluations["label"], strict=True)]
    return evaluations.assign(theme=pd.Series(themes, index=evaluations.index, dtype=object))


def analyse_network(data: AnalysisData, network_id: int, threshold: float = THRESHOLD) -> NetworkAnalysis:
    one = held_only(data.only(network_id))
    per_meeting = attendance_per_meeting(one)
    return NetworkAnalysis(
        data=one, network_id=network_id, per_meeting=per_meeting, trend=cancellation_trend(per_meeting),
        warning=early_warning(per_meeting, threshold=threshold), per_member=attendance_per_member(one),
        members=member_summary(one), at_risk=members_at_risk(one), evaluations=with_themes(evaluation_trends(one)),
        topics=topic_coverage(one), goals=goal_follow_up(one))
