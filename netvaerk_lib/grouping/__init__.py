"""Grouping: interview pairs and triads and sparring groups that mix people and avoid repeats.

Pure Python, no widgets. :func:`plan_rounds` plans the groups; :mod:`.roles` gives each group its roles
and interview questions; :func:`explanation_lines` says in plain words how good a plan is.
"""

from netvaerk_lib.grouping.designs import known_design
from netvaerk_lib.grouping.engine import Explanation, Notice, Schedule, explain, greedy_rounds, plan_rounds, split_sizes

__all__ = ["Explanation", "Notice", "Schedule", "explain", "greedy_rounds", "known_design", "plan_rounds",
           "split_sizes"]
