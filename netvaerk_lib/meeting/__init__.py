"""Running a meeting ("Kør mødet"): the plain-Python rules behind the facilitator's dashboard.

Which meeting is run, the agenda's live progress (planned against used time), check-in, the exercise of an
agenda item (a timer program and, for interviews and sparring, groups with roles), the digital flip-over, the
contract on screen, the follow-up round on goals and closing with the next meeting's date and theme.

Every function checks its input again, because the dashboard passes on what a browser sent: a member of
another network, a goal that is not up for follow-up or a position outside the agenda is refused with a
Danish message naming the field. The functions work on a :class:`~netvaerk_lib.store.Store` and use the
planning, timers and (when it exists) grouping areas through their public functions.

Modules: :mod:`~netvaerk_lib.meeting.agenda` (which meeting, progress), :mod:`~netvaerk_lib.meeting.checkin`,
:mod:`~netvaerk_lib.meeting.exercise`, :mod:`~netvaerk_lib.meeting.flipover`,
:mod:`~netvaerk_lib.meeting.contract`, :mod:`~netvaerk_lib.meeting.follow_up` and
:mod:`~netvaerk_lib.meeting.closing`.
"""
