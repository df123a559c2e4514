"""A small hand-made network whose analysis is worked out by hand: the unit tests' known answers, and a
quick way to see every chart and the report without the demo or a real network.

The network (trial period 3 meetings), four members A, B, C, D and these meetings:

    M1  8 Jan 2026   A B C D present                                    away 0/4
    M2  5 Mar 2026   C cancelled exactly 48 h before (= in good time)    away 1/4
    --  2 Apr 2026   called off (not counted, not numbered)
    M3  7 May 2026   B cancelled 24 h before (late), C absent            away 2/4
    M4  3 Sep 2026   B absent, C cancelled (no time), D 47 h before      away 3/4
    M5  4 Mar 2027   planned, in the future

Away rates 0, .25, .5, .75: rising over the last three meetings and their mean .5 is over the threshold.
"""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.model import Attendance, Evaluation, Goal, Meeting, Member, Network, Topic
from netvaerk_lib.store import Store

AS_OF = dt.datetime(2026, 11, 1, 12, 0)
HOUR = dt.timedelta(hours=1)


def build_network(store: Store, name: str = "Testnetværket") -> dict:
    """Write the network of the module docstring; returns the ids by name ('A'..'D', 'M1'..'M5', 'off',
    'network')."""
    network = store.add_network(Network(name=name, trial_meetings=3))
    members = store.add_members(network.id, [Member(name=n, practice_type="dentist") for n in "ABCD"])
    ids = {m.name: m.id for m in members}
    delegation = store.add_topic(Topic(network.id, "Delegering – hvad og hvordan?", "guide"))
    store.add_topic(Topic(network.id, "Rekruttering", "own"))
    starts = {"M1": dt.datetime(2026, 1, 8, 17), "M2": dt.datetime(2026, 3, 5, 17),
              "M3": dt.datetime(2026, 5, 7, 17), "M4": dt.datetime(2026, 9, 3, 17)}
    for key, start in starts.items():
        topic = delegation.id if key in ("M2", "M3") else None
        ids[key] = store.add_meeting(Meeting(network.id, start, 180, status="held", topic_id=topic)).id
    ids["off"] = store.add_meeting(Meeting(network.id, dt.datetime(2026, 4, 2, 17), 180, status="cancelled")).id
    ids["M5"] = store.add_meeting(Meeting(network.id, dt.datetime(2027, 3, 4, 17), 180)).id

    def mark(meeting: str, member: str, status: str, hours_before: float | None = None) -> None:
        when = starts[meeting] - hours_before * HOUR if hours_before is not None else None
        store.set_attendance(Attendance(ids[meeting], ids[member], status, when))

    for member in "ABCD":
        mark("M1", member, "present")
    mark("M2", "A", "present"), mark("M2", "B", "present"), mark("M2", "C", "cancelled", 48), mark("M2", "D", "present")
    mark("M3", "A", "present"), mark("M3", "B", "cancelled", 24), mark("M3", "C", "absent"), mark("M3", "D", "present")
    mark("M4", "A", "present"), mark("M4", "B", "absent"), mark("M4", "C", "cancelled")
    mark("M4", "D", "cancelled", 47)

    store.add_evaluation(Evaluation(ids["M1"], ratings={"energy": 4, "gain": 3}))
    store.add_evaluation(Evaluation(ids["M1"], ratings={"energy": 5, "gain": 4}, texts={"good": "Godt"}))
    store.add_evaluation(Evaluation(ids["M1"], ratings={"energy": 3}))
    store.add_evaluation(Evaluation(ids["M2"], ratings={"energy": 1}))  # one answer: never shown
    for energy in (2, 2, 5):
        store.add_evaluation(Evaluation(ids["M3"], ratings={"energy": energy}))

    done = store.add_goal(Goal(ids["A"], "Delegere bogføringen", meeting_id=ids["M1"]))
    store.follow_up_goal(done.id, "done", ids["M2"])
    store.add_goal(Goal(ids["B"], "Holde MUS", meeting_id=ids["M1"]))
    continued = store.add_goal(Goal(ids["D"], "Ny vagtplan", meeting_id=ids["M2"]))
    store.follow_up_goal(continued.id, "continued", ids["M3"])
    store.add_goal(Goal(ids["C"], "Ferieplan", meeting_id=ids["M4"]))
    ids["network"] = network.id
    return ids
