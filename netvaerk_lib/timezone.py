"""The one clock, Europe/Copenhagen throughout: the store keeps local wall-clock times without an offset.

Every "now" and "today" in netvaerk comes from here, so that tests and the apps agree on the time zone.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def moment() -> dt.datetime:
    """The wall-clock time in Copenhagen, to the second, without tzinfo (a running agenda item's clock)."""
    return dt.datetime.now(COPENHAGEN).replace(tzinfo=None, microsecond=0)


def now() -> dt.datetime:
    """The wall-clock time in Copenhagen, to the minute, without tzinfo (as stored)."""
    return moment().replace(second=0)


def today() -> dt.date:
    """Today's date in Copenhagen."""
    return moment().date()


def aware(moment: dt.datetime) -> dt.datetime:
    """A stored local time with the Copenhagen zone attached (for calendars)."""
    return moment.replace(tzinfo=COPENHAGEN)


def to_text(moment: dt.datetime | None) -> str | None:
    return moment.isoformat(timespec="minutes") if moment else None


def from_text(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None
