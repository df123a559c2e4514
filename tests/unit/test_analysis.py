"""The consultant's analysis on the small hand-made network of :mod:`netvaerk_lib.analysis.sample`, whose
answers are worked out by hand (see its docstring for the meetings and who came)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netvaerk_lib import analysis
from netvaerk_lib.analysis.sample import AS_OF, HOUR, build_network
from netvaerk_lib.model import Attendance, Meeting, Member, Network
from netvaerk_lib.store import Store


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "analysis.sqlite") as opened:
        yield opened


@pytest.fixture()
def network(store):
    return build_network(store)


@pytest.fixture()
def data(store, network):
    return analysis.load(store, as_of=AS_OF)


def test_attendance_per_meeting_counts_and_rates(data, network):
    table = analysis.attendance_per_meeting(data)
    assert table["meeting_id"].tolist() == [network[m] for m in ("M1", "M2", "M3", "M4")]
    assert table["present"].tolist() == [4, 3, 2, 1]
    assert table["registered"].tolist() == [4, 4, 4, 4]
    assert table["attendance_rate"].tolist() == [1.0, 0.75, 0.5, 0.25]
    assert table["away_rate"].tolist() == [0.0, 0.25, 0.5, 0.75]
    assert table["cancellation_rate"].tolist() == [0.0, 0.25, 0.25, 0.5]
    assert table["number"].tolist() == [1, 2, 3, 4]


def test_late_cancellation_split_at_48_hours(data):
    table = analysis.attendance_per_meeting(data)
    assert table["cancelled"].tolist() == [0, 1, 0, 1]  # M2: exactly 48 h; M4: no time recorded
    assert table["late"].tolist() == [0, 0, 1, 1]  # M3: 24 h; M4: 47 h
    assert table["absent"].tolist() == [0, 0, 1, 1]
    assert table["late_share"].tolist() == [0.0, 0.0, 1.0, 0.5]


def test_classify_boundary():
    start = dt.datetime(2026, 5, 7, 17)
    assert analysis.classify("cancelled", start, start - 48 * HOUR) == "cancelled"
    assert analysis.classify("cancelled", start, start - 47.9 * HOUR) == "late"
    assert analysis.classify("cancelled", start, None) == "cancelled"
    assert analysis.classify("absent", start, None) == "absent"


def test_called_off_and_future_meetings_are_left_out(data, network):
    meetings = data.meetings.set_index("meeting_id")
    assert not meetings.loc[network["off"], "held"] and not meetings.loc[network["M5"], "held"]
    assert network["M5"] not in set(analysis.attendance_per_meeting(data)["meeting_id"])


def test_rolling_trend(data):
    trend = analysis.cancellation_trend(analysis.attendance_per_meeting(data), window=3)
    assert trend["away_rate_rolling"].round(4).tolist() == [0.0, 0.125, 0.25, 0.5]


def test_warning_fires_on_the_rising_network_with_reasons_in_danish(data):
    warning = analysis.early_warning(analysis.attendance_per_meeting(data))
    assert warning.level == "red" and warning.rising and warning.above
    assert warning.recent_rate == pytest.approx(0.5)
    assert "steget ved hvert af de sidste 3 møder: 25 %, 50 % og 75 %" in warning.text
    assert "i gennemsnit 50 % af medlemmerne væk" in warning.text
    assert warning.text.endswith("Mange afbud er et tegn på, at I er på vildspor.")


def test_warning_rising_series_below_threshold_is_yellow():
    warning = analysis.assess([0.0, 0.05, 0.1, 0.2])
    assert (warning.level, warning.rising, warning.above) == ("yellow", True, False)
    assert warning.headline == "Afbud og udeblivelser er steget over de sidste 3 møder"


def test_warning_quiet_on_a_flat_series():
    warning = analysis.assess([0.1, 0.1, 0.1, 0.1, 0.1])
    assert not warning.fired and warning.level == "green"
    assert warning.headline == "Fraværet ligger under grænsen på 30 %"
    assert "Mange afbud" not in warning.text


def test_warning_over_threshold_without_rise_is_red():
    warning = analysis.assess([0.5, 0.4, 0.4])
    assert (warning.level, warning.rising, warning.above) == ("red", False, True)


@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=12),
       st.floats(min_value=0.01, max_value=1))
def test_warning_levels_follow_their_definition(rates, threshold):
    warning = analysis.assess(rates, threshold=threshold)
    last = rates[-3:]
    assert warning.above == (sum(last) / len(last) >= threshold)
    assert warning.rising == (len(last) == 3 and last[0] < last[1] < last[2])
    assert warning.fired == (warning.above or warning.rising)


def test_members_at_risk(data, network):
    table = analysis.members_at_risk(data)
    assert table["name"].tolist() == ["C", "B"]
    assert table["streak"].tolist() == [3, 2]
    assert table.loc[1, "last_present"] == pd.Timestamp(2026, 3, 5, 17)
    assert table["last_category"].tolist() == ["cancelled", "absent"]
    assert analysis.members_at_risk(data, streak=3)["name"].tolist() == ["C"]


def test_erased_member_leaves_the_risk_list_but_still_counts(store, network):
    store.erase_member(network["C"])
    data = analysis.load(store, as_of=AS_OF)
    assert analysis.members_at_risk(data)["name"].tolist() == ["B"]
    assert analysis.attendance_per_meeting(data)["away_rate"].tolist() == [0.0, 0.25, 0.5, 0.75]
    summary = analysis.member_summary(data).set_index("member_id")
    assert summary.loc[network["C"], "name"] == "Tidligere medlem"


def test_member_summary_and_long_table(data, network):
    summary = analysis.member_summary(data).set_index("name")
    assert summary.loc["A", "attendance_rate"] == 1.0
    assert summary.loc["C", ["present", "cancelled", "late", "absent"]].tolist() == [1, 2, 0, 1]
    long = analysis.attendance_per_member(data)
    assert len(long) == 16
    assert long[long["name"] == "B"]["category"].astype(str).tolist() == ["present", "present", "late", "absent"]


def test_evaluation_trends_mark_the_trial_checkpoint(data, network):
    trends = analysis.evaluation_trends(data)
    energy = trends[trends["question"] == "energy"].set_index("meeting_id")
    assert energy.loc[network["M1"], "mean"] == 4.0 and energy.loc[network["M1"], "answers"] == 3
    gain = trends[trends["question"] == "gain"].set_index("meeting_id")
    assert gain.loc[network["M1"], "mean"] == 3.5 and gain.loc[network["M1"], "answers"] == 2
    assert energy.loc[network["M1"], "responses"] == 3
    assert energy.loc[network["M3"], "mean"] == 3.0
    assert energy.loc[network["M3"], "trial_checkpoint"] and not energy.loc[network["M1"], "trial_checkpoint"]
    assert energy.loc[network["M1"], "label"] == "Hvor meget energi går du fra mødet med?"
    assert network["M2"] not in energy.index  # fewer than three answers are not shown
    latest = analysis.latest_scores(trends)
    assert latest.loc[0, "score_energy"] == 3.0


def test_period_filter_keeps_meeting_numbers(store, network):
    data = analysis.load(store, start=dt.date(2026, 3, 1), end=dt.date(2026, 6, 30), as_of=AS_OF)
    table = analysis.attendance_per_meeting(data)
    assert table["meeting_id"].tolist() == [network["M2"], network["M3"]]
    assert table["number"].tolist() == [2, 3]
    assert table["trial_checkpoint"].tolist() == [False, True]


def test_topic_coverage(data):
    coverage = analysis.topic_coverage(data).set_index("title")
    assert coverage.loc["Delegering – hvad og hvordan?", "meetings"] == 2
    assert coverage.loc["Delegering – hvad og hvordan?", "last_held"] == pd.Timestamp(2026, 5, 7, 17)
    assert coverage.loc["Rekruttering", "meetings"] == 0 and not coverage.loc["Rekruttering", "covered"]


def test_goal_follow_up_rate(data, network):
    table = analysis.goal_follow_up(data).set_index("meeting_id")
    assert table.loc[network["M1"], ["goals_set", "due", "followed_up", "done", "open"]].tolist() == [2, 2, 1, 1, 1]
    assert table.loc[network["M2"], ["goals_set", "due", "followed_up", "continued"]].tolist() == [1, 1, 1, 1]
    assert table.loc[network["M4"], ["goals_set", "due", "followed_up"]].tolist() == [1, 0, 0]  # not due yet
    assert analysis.follow_up_rate(table) == pytest.approx(2 / 3)


def test_overview_one_row_per_network(store, network):
    quiet = store.add_network(Network(name="Roligt netværk"))
    member = store.add_member(quiet.id, Member(name="E", practice_type="vet"))
    for month in (1, 3, 5):
        meeting = store.add_meeting(Meeting(quiet.id, dt.datetime(2026, month, 1, 17), 120, status="held"))
        store.set_attendance(Attendance(meeting.id, member.id, "present"))
    empty = store.add_network(Network(name="Nyt netværk"))
    table = analysis.overview(analysis.load(store, as_of=AS_OF)).set_index("network_id")
    assert len(table) == 3
    drifting = table.loc[network["network"]]
    assert drifting["level"] == "red" and drifting["light"] == "Rød"
    assert drifting["attendance_rate"] == pytest.approx(10 / 16)
    assert drifting["members"] == 4 and drifting["meetings"] == 4 and drifting["at_risk"] == 2
    assert drifting["follow_up_rate"] == pytest.approx(2 / 3)
    assert drifting["score_energy"] == 3.0
    assert table.loc[quiet.id, "level"] == "green" and table.loc[quiet.id, "trend"] == "unknown"
    assert table.loc[empty.id, "level"] == "none" and table.loc[empty.id, "meetings"] == 0
    assert table.index.tolist()[0] == network["network"]  # red first


def test_empty_database_gives_empty_tables(store):
    data = analysis.load(store, as_of=AS_OF)
    assert analysis.attendance_per_meeting(data).empty
    assert analysis.overview(data).empty
    assert analysis.members_at_risk(data).empty
    assert analysis.evaluation_trends(data).empty
    assert analysis.goal_follow_up(data).empty


def test_network_without_meetings(store):
    store.add_network(Network(name="Nyt netværk"))
    data = analysis.load(store, as_of=AS_OF)
    table = analysis.overview(data)
    assert table["level"].tolist() == ["none"]
    assert table["reason"].tolist() == ["Der er ikke registreret fremmøde i perioden."]
    assert analysis.early_warning(analysis.attendance_per_meeting(data)).headline == (
        "Intet fremmøde registreret i perioden")


def test_warning_in_english():
    from netvaerk_lib.texts import set_language

    set_language("en")
    try:
        warning = analysis.assess([0.1, 0.2, 0.45])
        assert warning.text == ("Cancellations and absences rose at each of the last 3 meetings: 10%, 20% and 45%. "
                                "Many cancellations are a sign that you are off track.")
    finally:
        set_language("da")


def test_overview_orders_names_naturally_within_a_level(store):
    for name in ("Netværk 10", "Netværk 9", "alfa"):
        store.add_network(Network(name=name))
    table = analysis.overview(analysis.load(store, as_of=AS_OF))
    assert table["network"].tolist() == ["alfa", "Netværk 9", "Netværk 10"]
