"""Loading the analysis data: a few bulk reads through the store, turned into DataFrames once.

Every analysis function takes an :class:`AnalysisData` (or a table derived from it), so a consultant can
load one network or two hundred the same way, and a period filter is applied in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from netvaerk_lib.store import Store
from netvaerk_lib.texts import language, t
from netvaerk_lib.timezone import now

CATEGORIES = ("present", "cancelled", "late", "absent")
LATE_HOURS = 48


def natural_key(name: object) -> tuple:
    """A sort key that reads the numbers in a name as numbers: 'Netværk 2' before 'Netværk 10'."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", str(name)) if part)


@dataclass(frozen=True)
class AnalysisData:
    """The tables of one or more networks.

    ``meetings`` holds every meeting; ``held`` marks the ones that took place (not called off, started by
    ``as_of``) and ``number`` counts them in the network's life (1 = the first meeting), so that the trial
    checkpoint (``networks.trial_meetings``) stays right when a period is cut out.
    """

    networks: pd.DataFrame
    members: pd.DataFrame
    meetings: pd.DataFrame
    attendance: pd.DataFrame
    ratings: pd.DataFrame
    responses: pd.DataFrame
    goals: pd.DataFrame
    topics: pd.DataFrame
    questions: pd.DataFrame
    as_of: dt.datetime
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def network_ids(self) -> list[int]:
        return [int(value) for value in self.networks["network_id"]]

    def network_name(self, network_id: int) -> str:
        names = self.networks.set_index("network_id")["network"]
        return str(names.get(network_id, ""))

    def period(self, start: dt.date | None = None, end: dt.date | None = None) -> AnalysisData:
        """The same data for the meetings between ``start`` and ``end`` (inclusive; None = open end).

        Goals follow the meeting they were set at; meeting numbers keep counting from the network's start.
        """
        if start is None and end is None:
            return replace(self, start=None, end=None)
        day = self.meetings["starts_at"].dt.date
        inside = pd.Series(True, index=self.meetings.index)
        if start is not None:
            inside &= day >= start
        if end is not None:
            inside &= day <= end
        meetings = self.meetings[inside].reset_index(drop=True)
        kept = set(meetings["meeting_id"])

        def keep(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["meeting_id"].isin(kept)].reset_index(drop=True)

        return replace(self, meetings=meetings, attendance=keep(self.attendance), ratings=keep(self.ratings),
                       responses=keep(self.responses), goals=keep(self.goals), start=start, end=end)

    def only(self, network_id: int) -> AnalysisData:
        """The same data cut down to one network."""
        def keep(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["network_id"] == network_id].reset_index(drop=True)

        meeting_ids = set(self.meetings.loc[self.meetings["network_id"] == network_id, "meeting_id"])
        return replace(
            self, networks=keep(self.networks), members=keep(self.members), meetings=keep(self.meetings),
            attendance=keep(self.attendance), goals=keep(self.goals), topics=keep(self.topics),
            ratings=self.ratings[self.ratings["meeting_id"].isin(meeting_ids)].reset_index(drop=True),
            responses=self.responses[self.responses["meeting_id"].isin(meeting_ids)].reset_index(drop=True))


_NUMBERS = {"id", "network_id", "late_cancellation_hours",
            "member_id", "meeting_id", "topic_id", "followed_up_meeting_id", "registered",
            "answers", "responses", "trial_meetings", "frequency_months", "mean"}


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, format="ISO8601")


def _frame(rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    """The rows as a DataFrame; an empty one still has the right columns and numeric key types (for merges)."""
    if rows:
        return pd.DataFrame(rows, columns=list(columns))
    return pd.DataFrame({name: pd.Series(dtype="float64" if name in _NUMBERS else "object") for name in columns})


def classify(status: str, starts_at: dt.datetime, cancelled_at: dt.datetime | None, notice: str | None = None,
             late_hours: int = LATE_HOURS) -> str:
    """present / cancelled (in good time) / late (less than the network's limit, default 48 hours, before the
    start; a cancellation the same day is late too) / absent.

    The notice said at check-in or in the plan ('in_time', 'late', 'same_day') wins; otherwise the recorded
    time decides. A cancellation with neither counts as one in good time: it was given, we do not know when.
    """
    if status != "cancelled":
        return status
    if notice is not None and not pd.isna(notice):
        return "cancelled" if notice == "in_time" else "late"
    if cancelled_at is not None and not pd.isna(cancelled_at) and starts_at - cancelled_at < dt.timedelta(
            hours=late_hours):
        return "late"
    return "cancelled"


def _categories(attendance: pd.DataFrame) -> pd.Series:
    """The vectorised :func:`classify` for a whole attendance table (with its network's ``late_hours``)."""
    cancelled = attendance["status"] == "cancelled"
    noticed = attendance["notice"].notna()
    by_time = attendance["cancelled_at"].notna() & (
        attendance["starts_at"] - attendance["cancelled_at"]
        < pd.to_timedelta(attendance["late_hours"].astype("float64"), unit="h"))
    late = cancelled & ((noticed & (attendance["notice"] != "in_time")) | (~noticed & by_time))
    category = attendance["status"].where(~late, "late")
    return pd.Categorical(category, categories=list(CATEGORIES))


def load(store: Store, network_ids: Sequence[int] | None = None, start: dt.date | None = None,
         end: dt.date | None = None, as_of: dt.datetime | None = None) -> AnalysisData:
    """Read the networks (all, or the given ids) with every meeting between ``start`` and ``end`` (inclusive).

    ``as_of`` (default: now) separates meetings that took place from planned ones. To look at several periods,
    load once and call :meth:`AnalysisData.period` (no new reads).
    """
    as_of = as_of or now()
    networks = _frame(store.analysis_networks(network_ids),
                      ("id", "name", "trial_meetings", "frequency_months", "late_cancellation_hours"))
    networks = networks.rename(columns={"id": "network_id", "name": "network",
                                        "late_cancellation_hours": "late_hours"})
    members = _frame(store.analysis_members(network_ids), ("id", "network_id", "name", "joined_on", "erased"))
    members = members.rename(columns={"id": "member_id"})
    members["erased"] = members["erased"].astype(bool)
    members["name"] = members["name"].where(~members["erased"], t("common.erased_member")).fillna("")

    meetings = _frame(store.analysis_meetings(network_ids),
                      ("id", "network_id", "starts_at", "kind", "status", "topic_id", "registered"))
    meetings = meetings.rename(columns={"id": "meeting_id"})
    meetings["starts_at"] = _dates(meetings["starts_at"])
    meetings["held"] = (meetings["status"] != "cancelled") & (meetings["starts_at"] <= pd.Timestamp(as_of))
    meetings["number"] = meetings[meetings["held"]].groupby("network_id").cumcount() + 1
    meetings["number"] = meetings["number"].astype("Int64")
    meetings = meetings.merge(networks[["network_id", "trial_meetings"]], on="network_id", how="left")
    meetings["trial_checkpoint"] = meetings["number"].eq(meetings["trial_meetings"]).fillna(False).astype(bool)
    meetings = meetings.drop(columns="trial_meetings")

    attendance = _frame(store.analysis_attendance(network_ids),
                        ("meeting_id", "member_id", "status", "cancelled_at", "notice"))
    attendance["cancelled_at"] = _dates(attendance["cancelled_at"])
    attendance = attendance.merge(meetings[["meeting_id", "network_id", "starts_at", "held"]], on="meeting_id")
    attendance = attendance[attendance["held"]].drop(columns="held").reset_index(drop=True)
    attendance = attendance.merge(networks[["network_id", "late_hours"]], on="network_id", how="left")
    attendance["late_hours"] = attendance["late_hours"].fillna(LATE_HOURS)
    attendance["category"] = _categories(attendance)
    attendance = attendance.drop(columns=["notice", "late_hours"])

    ratings = _frame(store.analysis_ratings(network_ids), ("meeting_id", "question_key", "answers", "mean"))
    ratings = ratings.rename(columns={"question_key": "question"})
    responses = _frame(store.analysis_responses(network_ids), ("meeting_id", "responses"))

    goals = _frame(store.analysis_goals(network_ids),
                   ("id", "network_id", "member_id", "meeting_id", "status", "followed_up_meeting_id"))
    goals = goals.rename(columns={"id": "goal_id"})
    topics = _frame(store.analysis_topics(network_ids), ("id", "network_id", "title", "source"))
    topics = topics.rename(columns={"id": "topic_id"})

    label_column = "label_da" if language() == "da" else "label_en"
    questions = pd.DataFrame(
        [{"question": q.key, "label": getattr(q, label_column), "position": q.position, "active": q.active}
         for q in store.evaluation_questions(include_inactive=True) if q.kind == "rating"],
        columns=["question", "label", "position", "active"])
    data = AnalysisData(networks=networks, members=members, meetings=meetings, attendance=attendance,
                        ratings=ratings, responses=responses, goals=goals, topics=topics, questions=questions,
                        as_of=as_of)
    return data.period(start, end)
