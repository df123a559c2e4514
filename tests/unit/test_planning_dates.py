"""Proposed meeting dates: never on a Danish public holiday, optionally not in school holidays, reasons given."""

import datetime as dt

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvaerk_lib.model import ValidationError
from netvaerk_lib.planning.dates import check_day, move_reason, parse_weekday, propose_dates, school_holiday

THURSDAY = 3


def danish_public_holidays(year, closed_days=False):
    """An independent look-up in the holidays package: Danish public holidays (with ``closed_days`` also the days
    most practices close: 1 May, Grundlovsdag, juleaften, nytårsaften), names in Danish."""
    categories = ("public", "optional") if closed_days else ("public",)
    return holidays.country_holidays("DK", years=year, categories=categories, language="da")


def test_monthly_thursday_plan_for_2026_avoids_every_thursday_holiday():
    public = danish_public_holidays(2026)
    thursday_holidays = {day for day in public if day.weekday() == THURSDAY}
    assert thursday_holidays == {dt.date(2026, 1, 1), dt.date(2026, 4, 2), dt.date(2026, 5, 14)}
    closed = danish_public_holidays(2026, closed_days=True)
    hit = set()
    # Every Thursday of January starts a series on its own n-th Thursday (1st ... 5th = last of the month).
    for start_day in (1, 8, 15, 22, 29):
        plan = propose_dates(dt.date(2026, 1, start_day), 12, 1, "torsdag", "17:00")
        days = [proposal.starts_at.date() for proposal in plan]
        assert len(days) == 12
        assert all(day.weekday() == THURSDAY for day in days)
        assert days == sorted(set(days))
        assert not set(days) & set(closed)
        assert {day.month for day in days} == set(range(1, 13))
        for proposal in plan:
            assert proposal.starts_at.time() == dt.time(17, 0)
            if proposal.rule_date in closed:
                hit.add(proposal.rule_date)
                assert proposal.moved
                assert proposal.reason.startswith("flyttet fra")
                assert closed[proposal.rule_date] in proposal.reason
            else:
                assert not proposal.moved and proposal.reason == ""
    assert thursday_holidays <= hit  # each Thursday public holiday was met by some series, and moved


def test_reason_names_the_holiday_in_danish():
    first = propose_dates("2026-01-01", 3, 1, "torsdag")[0]
    assert first.starts_at.date() == dt.date(2026, 1, 8)
    assert first.rule_date == dt.date(2026, 1, 1)
    assert first.reason == "flyttet fra torsdag den 1. januar 2026: Nytårsdag"
    ascension = propose_dates("2026-04-09", 2, 1, "torsdag")[1]
    assert ascension.rule_date == dt.date(2026, 5, 14)
    assert "Kristi himmelfartsdag" in ascension.reason


def test_christmas_eve_and_new_years_eve_are_avoided_too():
    last_thursdays = propose_dates("2026-12-24", 2, 1, "torsdag")
    assert [p.starts_at.date() for p in last_thursdays] == [dt.date(2027, 1, 7), dt.date(2027, 1, 28)]
    assert "Juleaftensdag" in last_thursdays[0].reason


def test_school_holidays_are_avoided_when_asked():
    plan = propose_dates("2026-01-12", 24, 1, "onsdag", avoid_school_holidays=True)
    plain = propose_dates("2026-01-12", 24, 1, "onsdag")
    for proposal in plan:
        day = proposal.starts_at.date()
        assert school_holiday(day) is None
        assert day.month != 7 and day.isocalendar().week not in (7, 42)
    assert any(school_holiday(p.starts_at.date()) for p in plain)
    moved = [p for p in plan if p.moved]
    assert moved and all(p.reason.startswith("flyttet fra") for p in moved)
    assert any("sommerferie" in p.reason for p in moved)


def test_winter_week_8_instead_of_7():
    plan = propose_dates("2027-02-25", 1, 1, "torsdag", avoid_school_holidays=True, winter_week=8)
    assert plan[0].rule_date.isocalendar().week == 8
    assert plan[0].starts_at.date() == dt.date(2027, 3, 4)
    assert "vinterferie (uge 8)" in plan[0].reason


def test_every_two_and_three_months():
    two = propose_dates("2026-01-08", 6, 2, "torsdag")
    assert [p.starts_at.month for p in two] == [1, 3, 5, 7, 9, 11]
    three = propose_dates("2026-01-08", 4, 3, "torsdag")
    assert [p.starts_at.month for p in three] == [1, 4, 7, 10]


def test_weekday_names_in_danish_and_english():
    assert parse_weekday("Torsdag") == parse_weekday("thursday") == parse_weekday("tor") == 3
    assert parse_weekday("lørdag") == 5


@pytest.mark.parametrize("arguments, field, words", [
    (dict(weekday="blursday"), "weekday", "Ugedag: 'blursday' er ikke en ugedag"),
    (dict(time="kl. fem"), "time", "Klokkeslæt: 'kl. fem'"),
    (dict(every_months=4), "every_months", "Mødefrekvens"),
    (dict(count=0), "count", "Antal møder"),
    (dict(start="31.02.2026"), "start", "Startdato: '31.02.2026' er ikke en dato"),
])
def test_bad_input_gives_a_danish_message_naming_the_field(arguments, field, words):
    values = dict(start="2026-01-08", count=12, every_months=1, weekday="torsdag", time="17:00") | arguments
    with pytest.raises(ValidationError) as caught:
        propose_dates(**values)
    assert [error.field for error in caught.value.errors] == [field]
    assert words in caught.value.errors[0].message


def test_danish_date_formats_are_accepted():
    assert propose_dates("8.1.2026", 1, 1, "torsdag")[0].starts_at.date() == dt.date(2026, 1, 8)


def test_moving_by_hand_says_why_and_warns_on_holidays():
    assert move_reason(dt.date(2026, 3, 5), dt.date(2026, 3, 12), "Lokalet var optaget.") == \
        "flyttet i hånden fra torsdag den 5. marts 2026. Lokalet var optaget."
    assert check_day(dt.date(2026, 5, 14)) == "Bemærk: torsdag den 14. maj 2026 er Kristi himmelfartsdag."
    assert check_day(dt.date(2026, 5, 21)) == ""


@settings(max_examples=150, deadline=None)
@given(start=st.dates(dt.date(2024, 1, 1), dt.date(2032, 12, 31)), count=st.integers(1, 24),
       every=st.sampled_from([1, 2, 3]), weekday=st.integers(0, 6), school=st.booleans())
def test_no_proposal_is_ever_a_public_holiday(start, count, every, weekday, school):
    plan = propose_dates(start, count, every, weekday, "9:30", avoid_school_holidays=school)
    days = [p.starts_at.date() for p in plan]
    assert len(days) == count
    assert days == sorted(set(days))
    assert days[0] >= start
    for proposal, day in zip(plan, days, strict=True):
        assert day.weekday() == weekday
        if "flyt mødet i hånden" not in proposal.reason:
            assert day not in danish_public_holidays(day.year)
            assert not school or school_holiday(day) is None


def test_days_that_already_have_a_meeting_are_not_proposed():
    plan = propose_dates("2027-01-01", 3, 1, "torsdag", busy_days={dt.date(2027, 1, 7), dt.date(2027, 2, 4)})
    assert [p.starts_at.date() for p in plan] == [dt.date(2027, 1, 14), dt.date(2027, 2, 11), dt.date(2027, 3, 4)]
    assert plan[0].reason == ("flyttet fra torsdag den 7. januar 2027: der er allerede et møde i netværket "
                              "den dag")
