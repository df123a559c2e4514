"""Sparringsgrupper: groups of 3-4 for the sparring exercise, with case-giver, questioner and note-takers.

The case-giver is whoever has had the chair least (across meetings, from the locked groupings), roles rotate
over rounds, and the guide's questions and input prompts are shown with the groups. Everything else is the
shared :class:`netvaerk_lib.ui.grouping_panel.GroupingPanel`.
"""

from __future__ import annotations

from netvaerk_lib.ui.grouping_panel import GroupingApp


class SparringApp(GroupingApp):
    title_key = "apps.sparring.title"
    kind = "sparring"
