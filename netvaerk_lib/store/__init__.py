"""The store: every line of SQL in netvaerk lives in this package, behind :class:`Store`.

Apps and domain code call Store methods and get model objects back, so a server database can replace
SQLite later without touching them. Each area adds its repository mixin here and its tables as a
migration file in ``migrations/``.
"""

from __future__ import annotations

from netvaerk_lib.store.admin import AdminRepository
from netvaerk_lib.store.analysis import AnalysisRepository
from netvaerk_lib.store.db import Database, default_path
from netvaerk_lib.store.evaluation import EvaluationRepository
from netvaerk_lib.store.evaluation_questions import EvaluationQuestionsRepository
from netvaerk_lib.store.grouping import GroupingRepository
from netvaerk_lib.store.meeting import MeetingRepository
from netvaerk_lib.store.meetings import MeetingsRepository
from netvaerk_lib.store.members import MembersRepository
from netvaerk_lib.store.networks import NetworksRepository
from netvaerk_lib.store.planning import PlanningRepository
from netvaerk_lib.store.timers import TimersRepository


class Store(Database, NetworksRepository, MembersRepository, MeetingsRepository, EvaluationRepository,
            EvaluationQuestionsRepository, AdminRepository, AnalysisRepository, PlanningRepository, TimersRepository,
            MeetingRepository, GroupingRepository):
    """One connection to the netvaerk database with every repository's methods."""


def open_store(path=None) -> Store:
    return Store(path)


__all__ = ["Store", "open_store", "default_path"]
