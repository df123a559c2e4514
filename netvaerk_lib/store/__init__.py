"""The store: every line of SQL in netvaerk lives in this package, behind :class:`Store`.

Apps and domain code call Store methods and get model objects back, so a server database can replace
SQLite later without touching them. Each area adds its repository mixin here and its tables as a
migration file in ``migrations/``.
"""

from __future__ import annotations

from .admin import AdminRepository
from .analysis import AnalysisRepository
from .db import Database, default_path
from .evaluations import EvaluationsRepository
from .grouping import GroupingRepository
from .meetings import MeetingsRepository
from .members import MembersRepository
from .networks import NetworksRepository
from .planning import PlanningRepository
from .run_meeting import RunMeetingRepository
from .timers import TimersRepository


class Store(Database, NetworksRepository, MembersRepository, MeetingsRepository, EvaluationsRepository,
            AdminRepository, AnalysisRepository, PlanningRepository, TimersRepository, RunMeetingRepository,
            GroupingRepository):
    """One connection to the netvaerk database with every repository's methods."""


def open_store(path=None) -> Store:
    return Store(path)


__all__ = ["Store", "open_store", "default_path"]
