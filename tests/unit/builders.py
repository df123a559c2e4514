"""Small set-ups the unit tests share."""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Attendance, Meeting, Member
from netvaerk_lib.store import Store


def held_meeting(store: Store, network_name: str, practice_type: str, count: int):
    """A new network of ``count`` members, all present at a meeting held on 5 March 2026: (members, meeting)."""
    network = create_network(store, network_name)
    members = store.add_members(network.id, [Member(name=f"Medlem {n}", practice_type=practice_type)
                                             for n in range(count)])
    meeting = store.add_meeting(Meeting(network.id, dt.datetime(2026, 3, 5, 17), 180, status="held"))
    for member in members:
        store.set_attendance(Attendance(meeting.id, member.id, "present"))
    return members, meeting
