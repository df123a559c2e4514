"""The demo network: realistic, complete and the same every time for the same day."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import Counter

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvaerk_lib.demo import HELD_MEETINGS, _meeting_dates, create_demo, ensure_demo
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import GENDERS, REGIONS, Member
from netvaerk_lib.store import Store

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "demo.sqlite") as opened:
        yield opened


def snapshot(store: Store, network_id: int) -> dict:
    """Everything the demo wrote, without database ids."""
    members = store.list_members(network_id)
    name_of = {m.id: m.name for m in members}
    meetings = store.list_meetings(network_id)
    topic_of = {t.id: t.title for t in store.list_topics(network_id)}
    return {
        "network": {k: v for k, v in vars(store.get_network(network_id)).items() if not k.endswith("id")},
        "members": [[getattr(m, f) for f in Member.EDITABLE_FIELDS + ("expected_gain", "in_host_rota")]
                    for m in members],
        "meetings": [(m.starts_at, m.kind, m.status, topic_of[m.topic_id], name_of[m.host_member_id], m.location)
                     for m in meetings],
        "attendance": [(a.status, a.cancelled_at, name_of[a.member_id]) for a in store.network_attendance(network_id)],
        "evaluations": [sorted((sorted(e.ratings.items()), sorted(e.texts.items())) for e in store.evaluations(m.id))
                        for m in meetings],
        "goals": [(name_of[g.member_id], g.text, g.status) for g in store.list_goals(network_id)],
        "rules": [(r.text, r.source) for r in store.list_ground_rules(network_id)],
    }


def test_the_demo_is_the_same_every_time_for_the_same_day(tmp_path):
    snapshots = []
    for name in ("a", "b"):
        with Store(tmp_path / f"{name}.sqlite") as store:
            snapshots.append(snapshot(store, create_demo(store, today=TODAY).id))
    assert snapshots[0] == snapshots[1]


def test_twelve_varied_invented_members(store):
    network = create_demo(store, today=TODAY)
    members = store.list_members(network.id)
    assert len(members) == 12 and len({m.name for m in members}) == 12
    assert all(m.email.endswith("@example.dk") for m in members)
    assert {m.region for m in members} == set(REGIONS)
    assert {m.gender for m in members} == set(GENDERS) - {"other"}
    ages = [m.age(TODAY) for m in members]
    assert min(ages) >= 32 and max(ages) <= 64
    types = Counter(m.practice_type for m in members)
    assert {"dentist", "specialist", "physiotherapist", "chiropractor", "psychologist", "vet"} <= set(types)
    assert {"podiatrist", "optometrist"} & set(types)
    assert max(types.values()) * 2 <= len(members)
    for member in members:
        assert member.validate(TODAY)
        assert 2 <= member.practice_size <= 40
        assert member.years_as_leader <= member.years_in_profession <= member.age(TODAY) - 18
        assert member.motivation and member.practice_address and member.expected_gain
    assert any(len(store.motivation_history(m.id)) == 2 for m in members)


def test_frame_contract_and_ground_rules(store):
    network = create_demo(store, today=TODAY)
    assert (network.frequency_months, network.length_minutes, network.time_of_day, network.venue_mode) == (
        2, 180, "after_closing", "practice")
    assert network.cost_model == "shared" and network.facilitator_fee_kr > 0 and network.facilitator
    assert "mere end socialt" in network.purpose
    rules = store.list_ground_rules(network.id)
    assert Counter(r.source for r in rules) == {"guide": 6, "own": 1}
    assert store.get_network(network.id).coordinator_member_id in {m.id for m in store.list_members(network.id)}
    assert store.get_setting("default_network") == network.name == store.default_network().name


@pytest.mark.parametrize("today", [TODAY, dt.date(2026, 7, 15), dt.date(2026, 12, 24), dt.date(2027, 4, 1)])
def test_meetings_attendance_evaluations_and_goals(store, today):
    network = create_demo(store, today=today)
    meetings = [m for m in store.list_meetings(network.id) if m.starts_at.date() != today]  # today's: below
    held = [m for m in meetings if m.status == "held"]
    planned = [m for m in meetings if m.status == "planned"]
    assert 6 <= len(held) <= 8 and len(planned) == 1
    assert held[0].kind == "first" and {m.kind for m in meetings[1:]} == {"following"}
    assert all(m.ends_at.date() < today for m in held) and planned[0].starts_at.date() > today
    assert all(m.topic_id for m in meetings) and len({m.topic_id for m in meetings}) == len(meetings)
    members = {m.id for m in store.list_members(network.id)}
    statuses = Counter()
    late = 0
    for meeting in held:
        attendance = store.attendance(meeting.id)
        assert set(attendance) == members
        assert attendance[meeting.host_member_id].status == "present"
        statuses.update(a.status for a in attendance.values())
        for record in attendance.values():
            assert (record.cancelled_at is not None) == (record.status == "cancelled")
            if record.status == "cancelled":
                assert record.cancelled_at < meeting.starts_at
                late += meeting.starts_at - record.cancelled_at < dt.timedelta(hours=48)
        present = sum(a.status == "present" for a in attendance.values())
        assert 0 < store.evaluation_count(meeting.id) <= present
        for evaluation in store.evaluations(meeting.id):
            assert set(evaluation.ratings) == {"energy", "gain", "topic", "safety", "rules"}
            assert all(1 <= r <= 5 for r in evaluation.ratings.values()) and evaluation.texts.get("good")
    assert statuses["cancelled"] >= 5 and 1 <= statuses["absent"] <= 2 and late >= 2
    cancellations = [sum(a.status == "cancelled" for a in store.attendance(m.id).values()) for m in held]
    assert sum(cancellations[-3:]) > sum(cancellations[:3])
    assert store.attendance(planned[0].id) == {}
    goals = store.list_goals(network.id)
    assert {"done", "continued", "dropped", "open"} <= {g.status for g in goals}
    for goal in goals:
        if goal.status != "open":
            assert meetings.index(store.get_meeting(goal.followed_up_meeting_id)) > meetings.index(
                store.get_meeting(goal.meeting_id))


def test_replacing_the_demo_leaves_one_demo_and_other_networks_alone(store):
    other = create_network(store, "Vores eget netværk")
    first = create_demo(store, today=TODAY)
    counts = snapshot(store, first.id)
    second = create_demo(store, today=TODAY)
    assert sorted(n.name for n in store.list_networks()) == sorted([other.name, second.name])
    assert snapshot(store, second.id) == counts
    assert create_demo(store, today=TODAY, replace=False).id == second.id


def test_the_demo_has_a_meeting_held_today_whose_evaluation_waits_to_be_opened(store):
    assert all(m.starts_at.date() != TODAY for m in store.list_meetings(create_demo(store, today=TODAY).id))
    network = create_demo(store, today=TODAY, meeting_today=True)  # as `netvaerk demo` makes it
    [today] = [m for m in store.list_meetings(network.id) if m.starts_at.date() == TODAY]
    assert today.status == "held" and today.topic_id
    statuses = Counter(a.status for a in store.attendance(today.id).values())
    assert statuses == {"present": len(store.list_members(network.id)) - 2, "cancelled": 2}
    assert store.evaluation_session(today.id) is None and store.evaluation_count(today.id) == 0


def test_ensure_demo_only_fills_an_empty_database(store):
    assert ensure_demo(store, today=TODAY) is not None
    assert ensure_demo(store, today=TODAY) is None
    assert len(store.list_networks()) == 1


def _first_start(path: str, start) -> None:
    with Store(path) as store:
        start.wait()
        ensure_demo(store, today=TODAY)


def test_two_kernels_starting_at_once_create_one_demo(tmp_path):
    path = str(tmp_path / "first-start.sqlite")
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    kernels = [context.Process(target=_first_start, args=(path, start)) for _ in range(2)]
    for process in kernels:
        process.start()
    for process in kernels:
        process.join(timeout=120)
    assert [process.exitcode for process in kernels] == [0, 0]
    with Store(path) as store:
        [network] = store.list_networks()
        assert len(store.list_members(network.id)) == 12


@given(st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)))
@settings(max_examples=300, deadline=None)
def test_meeting_dates_for_any_day_are_thursdays_a_group_would_choose(today):
    dates = _meeting_dates(today)
    closed = holidays.Denmark(years=range(today.year - 2, today.year + 2))
    assert len(dates) == HELD_MEETINGS + 1
    assert all(day < today for day in dates[:-1]) and dates[-1] > today
    assert all(later - earlier >= dt.timedelta(weeks=5) for earlier, later in zip(dates, dates[1:], strict=False))
    assert all(later - earlier <= dt.timedelta(weeks=14) for earlier, later in zip(dates, dates[1:], strict=False))
    for day in dates:
        assert day.weekday() == 3 and day not in closed and day.month != 7
        assert not ((day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 3))
