"""Interviews: pairs or triads for the mutual interviews, with who asks first and a question from the guide.

The reusable part is :class:`GroupingPanel` (also used by Sparringsgrupper, and embeddable in a dashboard):
choose the meeting and who is present (default: the meeting's attendance), the group size and the number of
rounds, make groups (:func:`netvaerk_lib.grouping.proposal.plan_exercise`: the engine with the network's
locked groupings as history and its keep-apart and keep-together pairs, edited in the panel), swap two
people by hand, and lock: the grouping is saved with the meeting, so the next grouping
knows who has met whom. A projector view shows names, roles and questions large. Every event is checked
again in Python: the browser can send any value.
"""

from __future__ import annotations

from netvaerk_lib.ui.grouping_panel import GroupingApp


class InterviewsApp(GroupingApp):
    title_key = "apps.interviews.title"
    kind = "interview"
