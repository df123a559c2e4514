"""Proposing a series of meeting dates that avoid Danish public holidays and, optionally, school holidays.

The rule: the meetings fall on the same *n*-th weekday of the month as the first one (e.g. "the 2nd Thursday",
or the last one when the first falls in a month's 5th week), every 1, 2 or 3 months. A date that hits a public
holiday (from the ``holidays`` package, never a hand-written list) or, when asked, a school holiday week is moved
to the nearest free day of the same weekday, and the proposal says why in the UI language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import holidays
from babel.dates import get_day_names

from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import long_date, t

SEARCH_WEEKS = 6  # how far (in weeks, either way) a blocked date may move before we give up


@dataclass(frozen=True)
class ProposedDate:
    """One proposed meeting: when, what the rule gave before moving, and why it moved ('' if it did not)."""

    starts_at: dt.datetime
    rule_date: dt.date
    reason: str = ""

    @property
    def moved(self) -> bool:
        return self.starts_at.date() != self.rule_date


def parse_weekday(name: str | int) -> int:
    """0 = Monday ... 6 = Sunday, from a number or a day name in Danish or English ('torsdag', 'Thursday', 'tor')."""
    if isinstance(name, int) and not isinstance(name, bool):
        if 0 <= name <= 6:
            return name
    else:
        wanted = str(name).strip().casefold()
        if wanted:
            for locale in ("da", "en"):
                for number, day in get_day_names("wide", locale=locale).items():
                    if day.casefold() == wanted or (len(wanted) >= 3 and day.casefold().startswith(wanted)):
                        return number
    days = ", ".join(get_day_names("wide", locale="da").values())
    raise ValidationError([FieldError("weekday", t("planning.error.weekday", value=name, options=days))])


def parse_time(text: str | dt.time) -> dt.time:
    """'17:00', '17.00' or '9' -> a time; a clear error naming the field otherwise."""
    if isinstance(text, dt.time):
        return text
    cleaned = str(text).strip().replace(".", ":")
    try:
        if ":" not in cleaned:
            return dt.time(int(cleaned))
        hours, minutes = cleaned.split(":", 1)
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise ValidationError([FieldError("time", t("planning.error.time", value=text))]) from None


def parse_date(text: str | dt.date, field: str = "start") -> dt.date:
    """'2026-01-08' or '8.1.2026' / '08-01-2026' -> a date."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    cleaned = str(text).strip()
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        pass
    for separator in (".", "-", "/"):
        parts = cleaned.split(separator)
        if len(parts) == 3 and len(parts[2]) == 4:
            try:
                return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                break
    raise ValidationError([FieldError(field, t("planning.error.date", field=t(f"planning.field.{field}"),
                                                value=text))])


@cache
def _danish_holidays(year: int) -> holidays.HolidayBase:
    # Public holidays plus the days most practices close anyway (1 May, Grundlovsdag, juleaften, nytårsaften).
    return holidays.Denmark(years=year, categories=("public", "optional"), language="da")


def public_holiday(day: dt.date) -> str | None:
    """The Danish name of the public holiday on ``day``, or None."""
    return _danish_holidays(day.year).get(day)


def school_holiday(day: dt.date, winter_week: int = 7) -> str | None:
    """Why ``day`` lies in a usual school holiday (winter week 7 or 8, autumn week 42, July, Christmas), or None."""
    week = day.isocalendar().week
    if week == winter_week and day.month in (2, 3):
        return t("planning.holiday.winter", week=week)
    if week == 42 and day.month == 10:
        return t("planning.holiday.autumn", week=week)
    if day.month == 7:
        return t("planning.holiday.summer")
    if (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3):
        return t("planning.holiday.christmas")
    return None


def blocked(day: dt.date, avoid_school_holidays: bool = False, winter_week: int = 7) -> str | None:
    """The reason a meeting cannot be on ``day`` (a holiday's name), or None when the day is free."""
    holiday = public_holiday(day)
    if holiday:
        return holiday
    if avoid_school_holidays:
        return school_holiday(day, winter_week)
    return None


def _add_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (1-4, or 5 for 'the last') given weekday of a month."""
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    day += dt.timedelta(weeks=nth - 1)
    while day.month != month:
        day -= dt.timedelta(weeks=1)
    return day


def _check(count: int, every_months: int, winter_week: int) -> None:
    errors = []
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 60:
        errors.append(FieldError("count", t("planning.error.count", low=1, high=60)))
    if every_months not in (1, 2, 3):
        errors.append(FieldError("every_months", t("planning.error.every_months", value=every_months)))
    if winter_week not in (7, 8):
        errors.append(FieldError("winter_week", t("planning.error.winter_week", value=winter_week)))
    if errors:
        raise ValidationError(errors)


def propose_dates(
    start: dt.date | str,
    count: int,
    every_months: int,
    weekday: int | str,
    time: dt.time | str = dt.time(17, 0),
    avoid_school_holidays: bool = False,
    winter_week: int = 7,
    busy_days: Iterable[dt.date] = (),
) -> list[ProposedDate]:
    """The next ``count`` meeting dates from ``start`` (the first is the chosen weekday on or after it).
    ``busy_days`` are days that already have a meeting: a proposal never lands on one."""
    start = parse_date(start)
    weekday = parse_weekday(weekday)
    time = parse_time(time)
    _check(count, every_months, winter_week)
    first = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
    nth = min((first.day - 1) // 7 + 1, 5)
    proposals: list[ProposedDate] = []
    busy = set(busy_days)
    taken: set[dt.date] = set(busy)
    for index in range(count):
        year, month = _add_months(first, index * every_months)
        rule_date = first if index == 0 else _nth_weekday(year, month, weekday, nth)
        earliest = proposals[-1].starts_at.date() + dt.timedelta(days=1) if proposals else start
        day, reason = _free_day(rule_date, avoid_school_holidays, winter_week, taken, earliest, busy)
        taken.add(day)
        proposals.append(ProposedDate(dt.datetime.combine(day, time), rule_date, reason))
    return proposals


def _free_day(rule_date: dt.date, avoid_school: bool, winter_week: int, taken: set[dt.date],
              not_before: dt.date, busy: set[dt.date]) -> tuple[dt.date, str]:
    why = blocked(rule_date, avoid_school, winter_week)
    if why is None and rule_date not in taken and rule_date >= not_before:
        return rule_date, ""
    why = why or t("planning.reason.busy" if rule_date in busy else "planning.reason.taken")
    # The nearest free day of the same weekday, staying in the same month when possible, later before earlier.
    candidates = sorted(
        (rule_date + dt.timedelta(weeks=sign * weeks) for weeks in range(1, SEARCH_WEEKS + 1) for sign in (1, -1)),
        key=lambda day: (day.month != rule_date.month, abs((day - rule_date).days), day < rule_date))
    for candidate in candidates:
        if candidate >= not_before and candidate not in taken and blocked(candidate, avoid_school, winter_week) is None:
            return candidate, t("planning.reason.moved", date=long_date(rule_date), why=why)
    return rule_date, t("planning.reason.not_moved", date=long_date(rule_date), why=why)


def move_reason(old: dt.date, new: dt.date, note: str = "") -> str:
    """The reason recorded when a person moves a meeting by hand."""
    text = t("planning.reason.by_hand", date=long_date(old))
    return f"{text} {note.strip()}".strip() if note and note.strip() else text


def check_day(day: dt.date, avoid_school_holidays: bool = False, winter_week: int = 7) -> str:
    """A warning when a hand-picked date is a holiday ('' when it is free)."""
    why = blocked(day, avoid_school_holidays, winter_week)
    return t("planning.warning.holiday", date=long_date(day), why=why) if why else ""
