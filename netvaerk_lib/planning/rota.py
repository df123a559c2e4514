"""The host rota: the practical role (venue, coffee, agenda) goes round the members who take part in it.

Fair means: the next host is, among the rota members who have not sent a cancellation for that date, the one who
has hosted least so far; ties go to the one who hosted longest ago, then to the rota's own order. So nobody hosts
twice before every rota member has hosted once, unless the only ones left had cancelled for that date.
Hosts set by hand (a swap, a choice) and hosts of meetings already held are kept and counted; so are the hosts of
meetings marked announced (in the plan already, when the person has not agreed to change them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RotaMeeting:
    id: int
    starts_at: dt.datetime
    host_id: int | None = None
    fixed: bool = False  # host chosen by hand (kept unless that member cancelled)
    held: bool = False  # already held: the host is history and is always kept
    cancelled: bool = False  # the meeting itself is cancelled: no host
    announced: bool = False  # its host is announced and kept as it is, even after a cancellation (ask first)


@dataclass
class RotaResult:
    hosts: dict[int, int | None] = field(default_factory=dict)
    unfixed: list[int] = field(default_factory=list)  # meetings whose hand-picked host had cancelled
    without_host: list[int] = field(default_factory=list)  # meetings where every rota member had cancelled
    counts: dict[int, int] = field(default_factory=dict)


def assign_hosts(meetings: list[RotaMeeting], rota: list[int], cancellations: dict[int, set[int]]) -> RotaResult:
    """Hosts for every meeting, in date order. ``rota`` is the members in the rota, in the rota's order;
    ``cancellations`` maps a meeting id to the members who sent a cancellation (afbud) for it."""
    result = RotaResult(counts={member: 0 for member in rota})
    last_hosted = {member: -1 for member in rota}
    order = {member: position for position, member in enumerate(rota)}
    for index, meeting in enumerate(sorted(meetings, key=lambda m: (m.starts_at, m.id))):
        if meeting.cancelled:
            result.hosts[meeting.id] = meeting.host_id if meeting.held else None
            continue
        away = cancellations.get(meeting.id, set())
        kept = meeting.held or (meeting.announced and meeting.host_id is not None)
        if kept or (meeting.fixed and meeting.host_id is not None and meeting.host_id not in away):
            host = meeting.host_id
        else:
            if meeting.fixed and meeting.host_id is not None:
                result.unfixed.append(meeting.id)
            available = [member for member in rota if member not in away]
            host = min(available, key=lambda m: (result.counts[m], last_hosted[m], order[m])) if available else None
            if host is None:
                result.without_host.append(meeting.id)
        result.hosts[meeting.id] = host
        if host in result.counts:
            result.counts[host] += 1
            last_hosted[host] = index
    return result
