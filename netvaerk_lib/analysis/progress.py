"""The network's progress: evaluation trends, topic coverage, and goals set versus followed up.

The guide asks the network to "løbende evaluere netværkets fremdrift" and to try a model for three to four
meetings before adjusting it: the evaluation trend marks that trial checkpoint.
"""

from __future__ import annotations

import pandas as pd

from netvaerk_lib.analysis.data import AnalysisData
from netvaerk_lib.evaluation.results import MIN_ANSWERS

FOLLOWED_UP_STATUSES = ("done", "continued", "dropped")


def evaluation_trends(data: AnalysisData) -> pd.DataFrame:
    """Tidy: one row per meeting and rating question with the mean score (1-5) and the number of answers.

    ``responses`` is how many evaluations the meeting got; ``trial_checkpoint`` marks the meeting that ends
    the trial period (its number equals the network's ``trial_meetings``). Meetings with fewer than
    ``MIN_ANSWERS`` evaluations are left out, as in the facilitator's results: in a small group a single
    answer could be recognised.
    """
    meetings = data.meetings[["network_id", "meeting_id", "starts_at", "number", "trial_checkpoint"]]
    meetings = meetings.merge(data.networks[["network_id", "trial_meetings"]], on="network_id", how="left")
    shown = data.responses[data.responses["responses"] >= MIN_ANSWERS]
    table = data.ratings.merge(meetings, on="meeting_id", how="inner")
    table = table.merge(shown, on="meeting_id", how="inner")
    table = table.merge(data.questions[["question", "label", "position"]], on="question", how="left")
    table["responses"] = table["responses"].fillna(0).astype(int)
    table["label"] = table["label"].fillna(table["question"])
    columns = ["network_id", "meeting_id", "starts_at", "number", "trial_meetings", "trial_checkpoint", "question",
               "label", "position", "mean", "answers", "responses"]
    return table[columns].sort_values(["network_id", "starts_at", "position"]).reset_index(drop=True)


def latest_scores(trends: pd.DataFrame) -> pd.DataFrame:
    """Per network and question: the mean score at the latest evaluated meeting (wide, one row per network)."""
    if trends.empty:
        return pd.DataFrame({"network_id": []})
    latest = trends[trends["starts_at"] == trends.groupby("network_id")["starts_at"].transform("max")]
    wide = latest.pivot_table(index="network_id", columns="question", values="mean", aggfunc="mean")
    wide.columns = [f"score_{name}" for name in wide.columns]
    return wide.reset_index()


def topic_coverage(data: AnalysisData) -> pd.DataFrame:
    """One row per topic of each network: how many meetings took it up, and when first and last."""
    held = data.meetings[data.meetings["held"] & data.meetings["topic_id"].notna()]
    used = held.groupby("topic_id").agg(meetings=("meeting_id", "size"), first_held=("starts_at", "min"),
                                        last_held=("starts_at", "max"))
    table = data.topics.merge(used, left_on="topic_id", right_index=True, how="left")
    table["meetings"] = table["meetings"].fillna(0).astype(int)
    table["covered"] = table["meetings"] > 0
    columns = ["network_id", "topic_id", "title", "source", "meetings", "covered", "first_held", "last_held"]
    return table[columns].reset_index(drop=True)


def goal_follow_up(data: AnalysisData) -> pd.DataFrame:
    """One row per network and meeting where goals were set: goals set, due, followed up and the rate.

    A goal is due for follow-up once a later meeting has taken place (the guide: "start med en kort
    opfølgning på cases eller målsætninger fra forrige møde"); it counts as followed up when it was marked
    done, continued or dropped, or a follow-up meeting is recorded. Goals set outside a meeting are due at once.
    """
    columns = ["network_id", "meeting_id", "starts_at", "goals_set", "due", "followed_up", "done", "continued",
               "dropped", "open", "follow_up_rate"]
    if data.goals.empty:
        return pd.DataFrame({name: [] for name in columns})
    goals = data.goals.merge(data.meetings[["meeting_id", "starts_at"]], on="meeting_id", how="left")
    last_held = data.meetings[data.meetings["held"]].groupby("network_id")["starts_at"].max().rename("last_held")
    goals = goals.merge(last_held, left_on="network_id", right_index=True, how="left")
    goals["due"] = goals["starts_at"].isna() | (goals["starts_at"] < goals["last_held"])
    goals["followed_up"] = goals["due"] & (
        goals["status"].isin(FOLLOWED_UP_STATUSES) | goals["followed_up_meeting_id"].notna())
    for status in ("done", "continued", "dropped", "open"):
        goals[status] = goals["status"] == status
    goals["meeting_id"] = goals["meeting_id"].astype("Int64")
    table = goals.groupby(["network_id", "meeting_id"], dropna=False).agg(
        starts_at=("starts_at", "first"), goals_set=("goal_id", "size"), due=("due", "sum"),
        followed_up=("followed_up", "sum"), done=("done", "sum"), continued=("continued", "sum"),
        dropped=("dropped", "sum"), open=("open", "sum")).reset_index()
    table["follow_up_rate"] = (table["followed_up"] / table["due"]).where(table["due"] > 0)
    return table[columns].sort_values(["network_id", "starts_at"], na_position="first").reset_index(drop=True)


def follow_up_rate(follow_up: pd.DataFrame) -> float | None:
    """The share of due goals that were followed up (None when no goal is due yet)."""
    due = follow_up["due"].sum()
    return float(follow_up["followed_up"].sum() / due) if due else None
