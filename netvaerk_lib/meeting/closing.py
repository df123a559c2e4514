"""Closing: the next meeting's date and theme agreed and written to the plan, and the meeting marked held."""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.evaluation import sessions
from netvaerk_lib.meeting.checks import is_id
from netvaerk_lib.model import FieldError, Meeting, Topic, ValidationError
from netvaerk_lib.planning import service
from netvaerk_lib.planning.dates import parse_time
from netvaerk_lib.planning.service import theme_of
from netvaerk_lib.store import Store
from netvaerk_lib.texts import long_date, t

EVALUATION_CLOSES_AT = dt.time(8, 0)  # an evaluation left open closes on its own the next morning


def following_meeting(store: Store, meeting: Meeting) -> Meeting | None:
    """The first planned meeting after this one (the one the group agrees on at closing), if planned already."""
    later = [m for m in store.list_meetings(meeting.network_id)
             if m.status == "planned" and (m.starts_at, m.id) > (meeting.starts_at, meeting.id)]
    return later[0] if later else None


def agree_next_meeting(store: Store, meeting: Meeting, day: object, time_text: object, topic_id: object = None,
                       new_topic: str = "") -> Meeting:
    """Write the agreed date and theme of the next meeting to the plan, in one transaction.

    The first planned meeting after this one is moved to the agreed date (the plan records why); when none is
    planned, a new meeting is added with the network's length. The theme is one of the network's topics, or a
    new topic the group names."""
    errors: list[FieldError] = []
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        errors.append(FieldError("next_date", t("run.error.next_date")))
    elif day <= meeting.starts_at.date():
        errors.append(FieldError("next_date", t("run.error.next_date_after", date=long_date(meeting.starts_at))))
    try:
        at = parse_time(str(time_text or ""))
    except ValidationError:
        errors.append(FieldError("next_time", t("run.error.next_time", value=time_text)))
    topics = {topic.id: topic for topic in store.list_topics(meeting.network_id)}
    title = new_topic.strip() if isinstance(new_topic, str) else ""
    if len(title) > 200:
        errors.append(FieldError("next_topic", t("run.error.topic_long", limit=200)))
    elif not title and topic_id is not None and (not is_id(topic_id) or topic_id not in topics):
        errors.append(FieldError("next_topic", t("run.error.topic_unknown")))
    if errors:
        raise ValidationError(errors)
    starts_at = dt.datetime.combine(day, at)
    reason = t("run.next.reason", date=long_date(meeting.starts_at))
    with store.transaction():
        if title:
            same = [topic for topic in topics.values() if topic.title.casefold() == title.casefold()]
            topic_id = same[0].id if same else store.add_topic(Topic(meeting.network_id, title)).id
        planned = following_meeting(store, meeting)
        if planned is None:
            network = store.get_network(meeting.network_id)
            planned = store.add_planned_meetings(
                [Meeting(meeting.network_id, starts_at, network.length_minutes, kind="following")], [None],
                [reason])[0]
        elif planned.starts_at != starts_at:
            planned = service.move_meeting(store, planned.id, starts_at, reason)
        service.set_meeting_topic(store, planned.id, topic_id)
    return store.get_meeting(planned.id)


def evaluation_closes_at(at: dt.datetime) -> dt.datetime:
    """When an evaluation left open at the end of a meeting closes on its own: the next morning."""
    return dt.datetime.combine(at.date() + dt.timedelta(days=1), EVALUATION_CLOSES_AT)


def finish_meeting(store: Store, meeting: Meeting, at: dt.datetime) -> Meeting:
    """The meeting is over: nothing runs any more and the meeting counts as held.

    A meeting that has not begun cannot be held yet. An evaluation still open closes on its own the next
    morning (the app offers to close it at once)."""
    if meeting.starts_at > at:
        raise ValidationError([FieldError("meeting", t("run.error.not_begun", date=long_date(meeting.starts_at)))])
    with store.transaction():
        store.stop_agenda(meeting.id, at)
        meeting = store.get_meeting(meeting.id)
        meeting.status = "held"
        store.update_meeting(meeting)
        session = store.evaluation_session(meeting.id)
        if session is not None and session.is_open and session.closes_at is None:
            sessions.close_after(store, meeting.id, evaluation_closes_at(at))
    return meeting


def theme(store: Store, meeting: Meeting) -> str:
    return theme_of(store, meeting)
