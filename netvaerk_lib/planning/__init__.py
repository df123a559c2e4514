"""Meeting planning: the frame, a year of dates, the host rota, topics, agendas, the contract and exports.

Plain Python on top of the store; the app ``apps/planning/`` and the command line use it.
"""

from netvaerk_lib.model.planning import EXERCISE_TYPES, AgendaItem
from netvaerk_lib.planning.agenda import check_time, first_meeting_template, following_meeting_template
from netvaerk_lib.planning.dates import ProposedDate, propose_dates
from netvaerk_lib.planning.frame import fee_split
from netvaerk_lib.planning.rota import RotaMeeting, assign_hosts
from netvaerk_lib.planning.service import agenda_items, apply_rota, export_ics, plan_rows, save_year

__all__ = [
    "EXERCISE_TYPES", "AgendaItem", "ProposedDate", "RotaMeeting", "agenda_items", "apply_rota", "assign_hosts",
    "check_time", "export_ics", "fee_split", "first_meeting_template", "following_meeting_template", "plan_rows",
    "propose_dates", "save_year",
]
