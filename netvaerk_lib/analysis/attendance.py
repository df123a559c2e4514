"""Attendance: who came, who cancelled in good time or late, who stayed away without notice.

The guide's warning sign: "Mange afbud er et tegn på, at I er på vildspor." The early warning therefore
watches the share of members who were away (cancelled, late or without notice) at each meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from netvaerk_lib.analysis.data import CATEGORIES, AnalysisData
from netvaerk_lib.texts import number, t

THRESHOLD = 0.30
WINDOW = 3
AT_RISK_STREAK = 2
TREND_STEP = 0.05  # how much the away rate must move between two windows of meetings to be more or fewer away

_MEETING_COLUMNS = ["network_id", "meeting_id", "starts_at", "number", "trial_checkpoint"]


def percent(share: float) -> str:
    """'35 %' in Danish, '35 %' style kept in English too (the catalogue decides the wording around it)."""
    return t("analysis.percent", value=number(100 * share))


def attendance_per_meeting(data: AnalysisData) -> pd.DataFrame:
    """One row per meeting that took place with attendance registered.

    Columns: the four counts (present, cancelled, late, absent), ``registered`` (their sum), and the shares
    ``attendance_rate`` (present), ``cancellation_rate`` (cancelled + late), ``late_share`` (late among the
    cancellations) and ``away_rate`` (everyone not present).
    """
    counts = pd.crosstab(data.attendance["meeting_id"], data.attendance["category"], dropna=False)
    counts = counts.reindex(columns=list(CATEGORIES), fill_value=0)
    counts.columns = list(CATEGORIES)
    counts.index.name = None
    meetings = data.meetings[data.meetings["held"]][_MEETING_COLUMNS]
    table = meetings.merge(counts, left_on="meeting_id", right_index=True, how="inner")
    registered = table[list(CATEGORIES)].sum(axis=1)
    table["registered"] = registered
    table["attendance_rate"] = table["present"] / registered
    table["cancellation_rate"] = (table["cancelled"] + table["late"]) / registered
    cancellations = table["cancelled"] + table["late"]
    table["late_share"] = (table["late"] / cancellations).where(cancellations > 0, 0.0)
    table["away_rate"] = 1 - table["attendance_rate"]
    return table.sort_values(["network_id", "starts_at", "meeting_id"]).reset_index(drop=True)


def cancellation_trend(per_meeting: pd.DataFrame, window: int = WINDOW) -> pd.DataFrame:
    """The per-meeting rates with a rolling mean over the last ``window`` meetings of the same network."""
    table = per_meeting.copy()
    grouped = table.groupby("network_id")
    for column in ("away_rate", "cancellation_rate"):
        table[f"{column}_rolling"] = grouped[column].transform(lambda s: s.rolling(window, min_periods=1).mean())
    return table


@dataclass
class EarlyWarning:
    """The verdict on a network's attendance: ``level`` is green, yellow (rising) or red (over the threshold).

    ``trend`` compares the last meetings with the ones before (:func:`trend_of`); the texts never contradict it
    (no "not rising" beside "more away").
    """

    level: str
    rising: bool
    above: bool
    recent_rate: float | None
    recent_rates: list[float] = field(default_factory=list)
    threshold: float = THRESHOLD
    reasons: list[str] = field(default_factory=list)
    trend: str = "unknown"

    @property
    def fired(self) -> bool:
        return self.level != "green"

    @property
    def text(self) -> str:
        """The reasons in plain Danish, followed by the guide's words when the warning fires."""
        if not self.fired:
            if self.recent_rate is None:
                return t("analysis.warning.no_data")
            key = "analysis.warning.none_but_more" if self.trend == "up" else "analysis.warning.none"
            return t(key, threshold=percent(self.threshold), meetings=len(self.recent_rates))
        return " ".join(self.reasons + [t("guide.warning.cancellations")])

    @property
    def headline(self) -> str:
        """A title that states the finding."""
        if self.rising:
            return t("analysis.headline.rising", meetings=len(self.recent_rates))
        if self.above:
            return t("analysis.headline.above", threshold=percent(self.threshold))
        if self.recent_rate is None:
            return t("analysis.headline.no_data")
        key = "analysis.headline.below_but_more" if self.trend == "up" else "analysis.headline.below"
        return t(key, threshold=percent(self.threshold))


def _listing(values: Sequence[str]) -> str:
    if len(values) <= 1:
        return "".join(values)
    return t("analysis.list_and", first=", ".join(values[:-1]), last=values[-1])


def trend_of(rates: Sequence[float], window: int = WINDOW, rising: bool = False) -> str:
    """'up', 'down', 'flat' or 'unknown': the mean away rate of the last ``window`` meetings against the
    ``window`` before. A rate that rose at each of the last meetings (``rising``) is 'up' whatever the
    meetings before were, so the trend never says "stable" or "fewer away" beside a rising warning."""
    delta = trend_delta(rates, window)
    if rising:
        return "up"
    if delta is None:
        return "unknown"
    return "up" if delta >= TREND_STEP else "down" if delta <= -TREND_STEP else "flat"


def trend_delta(rates: Sequence[float], window: int = WINDOW) -> float | None:
    """The mean away rate of the last ``window`` meetings minus that of the ``window`` before (None: too few)."""
    if len(rates) < 2 * window:
        return None
    return sum(rates[-window:]) / window - sum(rates[-2 * window:-window]) / window


def assess(rates: Sequence[float], threshold: float = THRESHOLD, window: int = WINDOW) -> EarlyWarning:
    """The early warning for a series of per-meeting away rates, oldest first.

    Red when the mean of the last ``window`` meetings reaches ``threshold``; yellow when the rate rose at each
    of the last ``window`` meetings (every one higher than the one before); green otherwise.
    """
    rates = [float(rate) for rate in rates]
    recent = rates[-window:]
    if not recent:
        return EarlyWarning("green", False, False, None, [], threshold)
    mean = sum(recent) / len(recent)
    above = mean >= threshold
    rising = len(recent) == window and all(later > earlier for earlier, later in zip(recent, recent[1:], strict=False))
    reasons = []
    if rising:
        reasons.append(t("analysis.warning.rising", meetings=len(recent),
                         rates=_listing([percent(rate) for rate in recent])))
    if above:
        reasons.append(t("analysis.warning.above", meetings=len(recent), rate=percent(mean),
                         threshold=percent(threshold)))
    level = "red" if above else "yellow" if rising else "green"
    return EarlyWarning(level, rising, above, mean, recent, threshold, reasons, trend_of(rates, window, rising))


def early_warning(per_meeting: pd.DataFrame, network_id: int | None = None, threshold: float = THRESHOLD,
                  window: int = WINDOW) -> EarlyWarning:
    """The warning for one network (the only one in the table if ``network_id`` is not given)."""
    table = per_meeting if network_id is None else per_meeting[per_meeting["network_id"] == network_id]
    return assess(table.sort_values("starts_at")["away_rate"].tolist(), threshold, window)


def warning_table(per_meeting: pd.DataFrame, threshold: float = THRESHOLD, window: int = WINDOW) -> pd.DataFrame:
    """One row per network: level, rising, above, recent rate, trend and the reason in plain Danish."""
    columns = ["network_id", "level", "rising", "above", "recent_away_rate", "trend_delta", "trend", "reason"]
    rows = []
    for network_id, table in per_meeting.groupby("network_id", sort=True):
        rates = table.sort_values("starts_at")["away_rate"].tolist()
        verdict = assess(rates, threshold, window)
        rows.append({"network_id": network_id, "level": verdict.level, "rising": verdict.rising,
                     "above": verdict.above, "recent_away_rate": verdict.recent_rate,
                     "trend_delta": trend_delta(rates, window), "trend": verdict.trend, "reason": verdict.text})
    return pd.DataFrame(rows, columns=columns)


def attendance_per_member(data: AnalysisData) -> pd.DataFrame:
    """Tidy: one row per member and meeting with the category (for the heat map and the exports)."""
    table = data.attendance.merge(data.members[["member_id", "name", "erased"]], on="member_id", how="left")
    table = table.merge(data.meetings[["meeting_id", "number"]], on="meeting_id", how="left")
    columns = ["network_id", "member_id", "name", "erased", "meeting_id", "number", "starts_at", "category"]
    return table[columns].sort_values(["network_id", "name", "member_id", "starts_at"]).reset_index(drop=True)


def member_summary(data: AnalysisData) -> pd.DataFrame:
    """One row per member: counts per category and their attendance rate over the period."""
    counts = pd.crosstab(data.attendance["member_id"], data.attendance["category"], dropna=False)
    counts = counts.reindex(columns=list(CATEGORIES), fill_value=0)
    counts.columns = list(CATEGORIES)
    counts.index.name = None
    table = data.members.merge(counts, left_on="member_id", right_index=True, how="left")
    table[list(CATEGORIES)] = table[list(CATEGORIES)].fillna(0).astype(int)
    table["registered"] = table[list(CATEGORIES)].sum(axis=1)
    table["attendance_rate"] = (table["present"] / table["registered"]).where(table["registered"] > 0)
    columns = ["network_id", "member_id", "name", "erased", *CATEGORIES, "registered", "attendance_rate"]
    return table[columns].reset_index(drop=True)


def members_at_risk(data: AnalysisData, streak: int = AT_RISK_STREAK) -> pd.DataFrame:
    """Current members whose latest ``streak`` (or more) registrations were all away.

    Columns: network_id, member_id, name, streak (meetings away in a row up to now), last_present (the date
    of the last meeting they came to, NaT if never) and last_category (how they were away last time).
    """
    attendance = data.attendance.sort_values(["member_id", "starts_at"])
    present = attendance[attendance["category"] == "present"]
    last_present = present.groupby("member_id")["starts_at"].max().rename("last_present")
    table = attendance.merge(last_present, left_on="member_id", right_index=True, how="left")
    since = table[table["last_present"].isna() | (table["starts_at"] > table["last_present"])]
    runs = since.groupby("member_id").agg(streak=("meeting_id", "size"), last_category=("category", "last"))
    runs = runs.join(last_present)
    runs = runs[runs["streak"] >= streak]
    members = data.members[~data.members["erased"]][["network_id", "member_id", "name"]]
    table = members.merge(runs, left_on="member_id", right_index=True, how="inner")
    table["last_category"] = table["last_category"].astype(str)
    return table.sort_values(["network_id", "streak", "name"], ascending=[True, False, True]).reset_index(drop=True)
