"""The host rota: fair over a year, never a member who sent a cancellation, hand-picked hosts kept."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from netvaerk_lib.planning.rota import RotaMeeting, assign_hosts


def monthly(count, start=dt.datetime(2026, 1, 8, 17)):
    return [RotaMeeting(100 + index, start + dt.timedelta(days=28 * index)) for index in range(count)]


def hosts_in_order(meetings, result):
    return [result.hosts[meeting.id] for meeting in sorted(meetings, key=lambda m: m.starts_at)]


def assert_fair(order, rota):
    """Nobody hosts twice before every rota member has hosted once (checked round by round)."""
    hosted: dict[int, int] = {}
    for host in order:
        hosted[host] = hosted.get(host, 0) + 1
        fewest = min(hosted.get(member, 0) for member in rota)
        assert hosted[host] - 1 <= fewest, f"{host} hosts again before everyone has hosted: {order}"


def test_fair_over_a_year_with_ten_members():
    rota = list(range(1, 11))
    meetings = monthly(12)
    result = assign_hosts(meetings, rota, {})
    order = hosts_in_order(meetings, result)
    assert order[:10] == rota  # the rota's own order on the first round
    assert order[10:] == [1, 2]
    assert_fair(order, rota)
    assert result.counts == {member: 2 if member in (1, 2) else 1 for member in rota}


def test_cancellations_are_respected_and_the_round_stays_fair():
    rota = list(range(1, 9))
    meetings = monthly(12)
    away = {100: {1}, 101: {1, 2}, 103: {5}, 107: {3, 4}, 110: {2}}
    result = assign_hosts(meetings, rota, away)
    order = hosts_in_order(meetings, result)
    for meeting, host in zip(meetings, order, strict=True):
        assert host not in away.get(meeting.id, set())
    assert order[0] == 2 and order[1] == 3  # member 1 and 2 sent cancellations; they host when they can
    assert 1 in order[:3]
    assert_fair(order, rota)
    assert sorted(order[:8]) == rota


def test_when_the_only_one_left_cancelled_that_member_hosts_the_next_meeting_instead():
    rota = [1, 2, 3]
    meetings = monthly(4)
    result = assign_hosts(meetings, rota, {meetings[2].id: {3}})
    assert hosts_in_order(meetings, result) == [1, 2, 1, 3]
    assert result.hosts[meetings[2].id] != 3


def test_a_hand_picked_host_is_kept_unless_that_member_cancelled():
    rota = [1, 2, 3]
    meetings = monthly(4)
    meetings[1] = RotaMeeting(meetings[1].id, meetings[1].starts_at, host_id=3, fixed=True)
    result = assign_hosts(meetings, rota, {})
    assert hosts_in_order(meetings, result) == [1, 3, 2, 1]
    cancelled = assign_hosts(meetings, rota, {meetings[1].id: {3}})
    assert cancelled.hosts[meetings[1].id] != 3
    assert cancelled.unfixed == [meetings[1].id]


def test_held_meetings_count_and_cancelled_meetings_get_no_host():
    rota = [1, 2, 3]
    meetings = monthly(5)
    meetings[0] = RotaMeeting(meetings[0].id, meetings[0].starts_at, host_id=2, held=True)
    meetings[1] = RotaMeeting(meetings[1].id, meetings[1].starts_at, cancelled=True)
    result = assign_hosts(meetings, rota, {})
    assert hosts_in_order(meetings, result) == [2, None, 1, 3, 2]


def test_everybody_away_leaves_the_meeting_without_host():
    meetings = monthly(1)
    result = assign_hosts(meetings, [1, 2], {meetings[0].id: {1, 2}})
    assert result.hosts[meetings[0].id] is None and result.without_host == [meetings[0].id]


@settings(max_examples=200, deadline=None)
@given(size=st.integers(1, 15), count=st.integers(1, 24), data=st.data())
def test_the_host_is_always_among_the_least_hosted_who_can_come(size, count, data):
    rota = list(range(1, size + 1))
    meetings = monthly(count)
    away = {meeting.id: set(data.draw(st.lists(st.sampled_from(rota), max_size=size))) for meeting in meetings}
    result = assign_hosts(meetings, rota, away)
    counts = dict.fromkeys(rota, 0)
    for meeting in meetings:
        host = result.hosts[meeting.id]
        available = [member for member in rota if member not in away[meeting.id]]
        if not available:
            assert host is None
            continue
        assert host in available
        assert counts[host] == min(counts[member] for member in available)
        counts[host] += 1
    if not any(away.values()):
        assert_fair(hosts_in_order(meetings, result), rota)
