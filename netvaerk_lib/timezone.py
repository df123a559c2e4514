"""Europe/Copenhagen throughout: the store keeps local wall-clock times without an offset."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def now() -> dt.datetime:
    """The wall-clock time in Copenhagen, to the minute, without tzinfo (as stored)."""
    return dt.datetime.now(COPENHAGEN).replace(tzinfo=None, second=0, microsecond=0)


def aware(moment: dt.datetime) -> dt.datetime:
    """A stored local time with the Copenhagen zone attached (for calendars)."""
    return moment.replace(tzinfo=COPENHAGEN)


def to_text(moment: dt.datetime | None) -> str | None:
    return moment.isoformat(timespec="minutes") if moment else None


def from_text(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None
