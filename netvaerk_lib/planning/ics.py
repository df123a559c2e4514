"""The calendar file: one event per meeting, stable UIDs, SEQUENCE bumped on change, Europe/Copenhagen.

Made with ``icalendar``. A re-export updates the events in a calendar program instead of duplicating them:
the UID of a meeting never changes, and its SEQUENCE and DTSTAMP (the time the event was last revised) only
change when the event's content does, which :func:`fingerprint` detects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from netvaerk_lib.timezone import COPENHAGEN, aware, today

PRODID = "-//netvaerk//Moedeplanlaegning//DA"


@dataclass(frozen=True)
class EventContent:
    """What a calendar program shows of one meeting."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    location: str
    description: str
    cancelled: bool = False

    def fingerprint(self) -> str:
        data = [self.starts_at.isoformat(), self.ends_at.isoformat(), self.summary, self.location,
                self.description, self.cancelled]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    sequence: int
    revised_at: dt.datetime  # local wall-clock time of the last change
    content: EventContent


def build_calendar(calendar_name: str, description: str, entries: list[CalendarEntry]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    for entry in entries:
        content = entry.content
        event = Event()
        event.add("uid", entry.uid)
        event.add("sequence", entry.sequence)
        event.add("dtstamp", aware(entry.revised_at).astimezone(dt.UTC))
        event.add("dtstart", content.starts_at.replace(tzinfo=COPENHAGEN))
        event.add("dtend", content.ends_at.replace(tzinfo=COPENHAGEN))
        event.add("summary", content.summary)
        if content.location:
            event.add("location", content.location)
        event.add("description", content.description)
        event.add("status", "CANCELLED" if content.cancelled else "CONFIRMED")
        calendar.add_component(event)
    starts = [entry.content.starts_at for entry in entries]
    years = range(min(starts).year, max(starts).year + 1) if starts else range(today().year, 0)
    calendar.subcomponents.insert(0, copenhagen_vtimezone(years))
    return calendar.to_ical()


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def _follows_eu_rule(year: int) -> bool:
    """Whether Copenhagen's clock changes in ``year`` are the EU's (last Sunday of March and of October, 01:00
    UTC), as the time zone database says."""
    def offset(moment: dt.datetime) -> dt.timedelta:
        return moment.replace(tzinfo=dt.UTC).astimezone(COPENHAGEN).utcoffset()

    spring, autumn = (dt.datetime.combine(_last_sunday(year, month), dt.time(1)) for month in (3, 10))
    hour, minute = dt.timedelta(hours=1), dt.timedelta(minutes=1)
    return (offset(spring - minute) == hour and offset(spring) == 2 * hour
            and offset(autumn - minute) == 2 * hour and offset(autumn) == hour)


def copenhagen_vtimezone(years: range) -> Timezone:
    """The VTIMEZONE for Europe/Copenhagen. When the time zone database confirms the EU rule for every year the
    calendar covers, the compact yearly-rule form that calendar programs and readers handle best; otherwise the
    explicit transitions icalendar derives from the database."""
    if not all(_follows_eu_rule(year) for year in years):
        return Timezone.from_tzid("Europe/Copenhagen", first_date=dt.date(years.start, 1, 1),
                                  last_date=dt.date(years.stop, 1, 1))
    timezone = Timezone()
    timezone.add("tzid", "Europe/Copenhagen")
    for part, name, start, before, after, month in (
        (TimezoneDaylight(), "CEST", dt.datetime(1996, 3, 31, 2), "+0100", "+0200", 3),
        (TimezoneStandard(), "CET", dt.datetime(1996, 10, 27, 3), "+0200", "+0100", 10),
    ):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", dt.timedelta(hours=int(before[:3])))
        part.add("tzoffsetto", dt.timedelta(hours=int(after[:3])))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        timezone.add_component(part)
    return timezone
