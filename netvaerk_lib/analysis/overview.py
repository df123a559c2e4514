"""The cross-network overview: one row per network, so a consultant sees at a glance which one drifts."""

from __future__ import annotations

import pandas as pd

from netvaerk_lib.analysis.attendance import (
    THRESHOLD,
    TREND_STEP,
    WINDOW,
    attendance_per_meeting,
    members_at_risk,
    warning_table,
)
from netvaerk_lib.analysis.data import AnalysisData, natural_key
from netvaerk_lib.analysis.progress import evaluation_trends, goal_follow_up, latest_scores
from netvaerk_lib.texts import t, tn

__all__ = ["AT_RISK_FOR_YELLOW", "LEVELS", "TREND_STEP", "overview"]

AT_RISK_FOR_YELLOW = 2
LEVELS = ("red", "yellow", "green", "none")


def _keyed(part: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """``network_id`` as an integer column (empty tables come back with other key types)."""
    frame = part.to_frame() if isinstance(part, pd.Series) else part
    if "network_id" not in frame.columns:
        frame = frame.rename_axis("network_id").reset_index()
    return frame.astype({"network_id": "int64"})


def overview(data: AnalysisData, threshold: float = THRESHOLD, window: int = WINDOW) -> pd.DataFrame:
    """One row per network: members, meetings, attendance rate, trend, members at risk, goal follow-up,
    the latest evaluation scores (``score_<question>``), the traffic light (``level``) and its reason.

    Red: the away rate of the last meetings is over the threshold. Yellow: it rose at each of the last
    meetings, or at least two members have been away several meetings in a row. Green otherwise; ``none``
    when no attendance is registered in the period.
    """
    per_meeting = attendance_per_meeting(data)
    table = data.networks[["network_id", "network"]].copy()
    active = data.members[~data.members["erased"]].groupby("network_id").size().rename("members")
    pooled = per_meeting.groupby("network_id").agg(meetings=("meeting_id", "size"), present=("present", "sum"),
                                                   registered=("registered", "sum"))
    pooled["attendance_rate"] = pooled["present"] / pooled["registered"]
    at_risk = members_at_risk(data).groupby("network_id").size().rename("at_risk")
    follow = goal_follow_up(data).groupby("network_id")[["followed_up", "due"]].sum()
    follow["follow_up_rate"] = (follow["followed_up"] / follow["due"]).where(follow["due"] > 0)
    parts = [active, pooled[["meetings", "attendance_rate"]], at_risk,
             follow[["follow_up_rate"]], latest_scores(evaluation_trends(data)),
             warning_table(per_meeting, threshold, window)]
    table = _keyed(table)
    for part in parts:
        table = table.merge(_keyed(part), on="network_id", how="left")
    for column in ("members", "meetings", "at_risk"):
        table[column] = table[column].fillna(0).astype(int)
    table["trend"] = table["trend"].fillna("unknown")
    yellow = (table["level"] == "green") & (table["at_risk"] >= AT_RISK_FOR_YELLOW)
    table.loc[yellow, "level"] = "yellow"
    table.loc[yellow, "reason"] = [tn("analysis.warning.at_risk", count) for count in table.loc[yellow, "at_risk"]]
    table["level"] = table["level"].fillna("none")
    table["reason"] = table["reason"].fillna(t("analysis.warning.no_data"))
    table["light"] = [t(f"analysis.level.{level}") for level in table["level"]]
    order = {level: rank for rank, level in enumerate(LEVELS)}
    table = table.assign(_rank=table["level"].map(order), _name=table["network"].map(natural_key))
    table = table.sort_values(["_rank", "_name"]).drop(columns=["_rank", "_name", "rising", "above"])
    return table.reset_index(drop=True)

