"""Sparringsgrupper: groups of 3-4 for the sparring exercise, with case-giver, questioner and note-takers.

One model (:func:`netvaerk_lib.grouping.roles.sparring_seating`): the groups are made once for the exercise
and the case moves on inside them from round to round, so each member has it at most once a meeting and
exactly once when the rounds are as many as the members of the group; who has had it least at earlier
meetings goes first. The locked grouping is what Øvelsestimer shows, round by round. The network's
keep-apart and keep-together pairs are edited beside the groups and hold in every grouping. Everything else
is the shared :class:`netvaerk_lib.ui.grouping_panel.GroupingPanel`.
"""

from __future__ import annotations

from netvaerk_lib.ui.grouping_panel import GroupingApp


class SparringApp(GroupingApp):
    title_key = "apps.sparring.title"
    kind = "sparring"
