"""One line in plain Danish under each chart of the report, computed from the same tables as the chart:
"Fremmødet er faldet fra 100 % til 25 % i perioden (første og seneste møde)."
"""

from __future__ import annotations

import pandas as pd

from netvaerk_lib.analysis.attendance import WINDOW, EarlyWarning, percent
from netvaerk_lib.analysis.evaluation_chart import CHANGE
from netvaerk_lib.evaluation.results import MIN_ANSWERS
from netvaerk_lib.texts import number, short_date, t

FLAT = 0.05


def attendance_reading(per_meeting: pd.DataFrame) -> str:
    """How attendance moved over the period: first and latest meeting, or the first and last three when
    there are enough meetings for a single one not to decide."""
    rates = per_meeting.sort_values("starts_at")["attendance_rate"].tolist()
    if not rates:
        return t("analysis.headline.no_data")
    if len(rates) == 1:
        return t("analysis.reading.attendance.one", rate=percent(rates[0]))
    if len(rates) >= 2 * WINDOW:
        first, last = sum(rates[:WINDOW]) / WINDOW, sum(rates[-WINDOW:]) / WINDOW
        basis = t("analysis.reading.basis.window", meetings=WINDOW)
    else:
        first, last, basis = rates[0], rates[-1], t("analysis.reading.basis.ends")
    key = "up" if last - first >= FLAT else "down" if first - last >= FLAT else "flat"
    return t(f"analysis.reading.attendance.{key}", first=percent(first), last=percent(last), basis=basis)


def away_reading(warning: EarlyWarning) -> str:
    if warning.recent_rate is None:
        return t("analysis.headline.no_data")
    return t("analysis.reading.away", meetings=len(warning.recent_rates), rate=percent(warning.recent_rate),
             threshold=percent(warning.threshold))


def heatmap_reading(per_meeting: pd.DataFrame) -> str:
    """The meeting most were away from (the latest of equals), or that everyone came to every meeting."""
    if per_meeting.empty:
        return t("analysis.headline.no_data")
    away = per_meeting["registered"] - per_meeting["present"]
    if away.max() == 0:
        return t("analysis.reading.heatmap.all_present")
    worst = per_meeting.assign(away=away).sort_values(["away", "starts_at"]).iloc[-1]
    return t("analysis.reading.heatmap.most_away", date=short_date(worst["starts_at"]), away=int(worst["away"]),
             registered=int(worst["registered"]))


def evaluation_reading(evaluations: pd.DataFrame) -> str:
    """The question that moved most between its first and its latest evaluated meeting."""
    meetings = evaluations["meeting_id"].nunique() if not evaluations.empty else 0
    if meetings == 0:
        return t("analysis.reading.evaluation.none", minimum=MIN_ANSWERS)
    if meetings == 1:
        return t("analysis.reading.evaluation.one", minimum=MIN_ANSWERS)
    changes = []
    for _, rows in evaluations.sort_values("starts_at").groupby("question", sort=False):
        if len(rows) >= 2:
            changes.append((rows["mean"].iloc[-1] - rows["mean"].iloc[0], rows.iloc[0]["theme"],
                            rows["mean"].iloc[0], rows["mean"].iloc[-1]))
    if not changes:
        return t("analysis.reading.evaluation.one", minimum=MIN_ANSWERS)
    change, theme, first, last = max(changes, key=lambda item: abs(item[0]))
    key = "up" if change >= CHANGE else "down" if -change >= CHANGE else "flat"
    return t(f"analysis.reading.evaluation.{key}", theme=theme, first=number(first, 1), last=number(last, 1))


def goals_reading(goals: pd.DataFrame) -> str:
    if goals.empty:
        return t("analysis.reading.goals.none")
    due, followed, still_open = (int(goals[column].sum()) for column in ("due", "followed_up", "open"))
    if not due:
        return t("analysis.app.no_goals_due")
    return t("analysis.reading.goals.due", due=due, followed=followed, rate=percent(followed / due),
             open=still_open)
