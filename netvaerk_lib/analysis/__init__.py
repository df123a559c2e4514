"""The consultant's analysis: attendance, cancellations and the early warning, evaluation trends, topics, goals.

Load once with :func:`load` (one network or many, optionally a period), then every function returns a tidy
pandas DataFrame that the charts (:mod:`.charts`), the exports and the PDF report (:mod:`.report`) use.
"""

from netvaerk_lib.analysis.attendance import (
    THRESHOLD,
    EarlyWarning,
    assess,
    attendance_per_meeting,
    attendance_per_member,
    cancellation_trend,
    early_warning,
    member_summary,
    members_at_risk,
    warning_table,
)
from netvaerk_lib.analysis.data import CATEGORIES, LATE_HOURS, AnalysisData, classify, load
from netvaerk_lib.analysis.overview import overview
from netvaerk_lib.analysis.progress import (
    evaluation_trends,
    follow_up_rate,
    goal_follow_up,
    latest_scores,
    topic_coverage,
)

__all__ = [
    "CATEGORIES", "LATE_HOURS", "THRESHOLD", "AnalysisData", "EarlyWarning", "assess", "attendance_per_meeting",
    "attendance_per_member", "cancellation_trend", "classify", "early_warning", "evaluation_trends",
    "follow_up_rate", "goal_follow_up", "latest_scores", "load", "member_summary", "members_at_risk", "overview",
    "topic_coverage", "warning_table",
]
