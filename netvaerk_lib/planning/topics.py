"""Topics: the guide's eight plus the group's own; which are covered by a meeting, which to suggest next."""

from __future__ import annotations

from dataclasses import dataclass

from netvaerk_lib.model import FieldError, Meeting, Topic, ValidationError
from netvaerk_lib.store import Store
from netvaerk_lib.texts import catalogue, t


@dataclass(frozen=True)
class TopicCoverage:
    topic: Topic
    meeting_ids: tuple[int, ...]

    @property
    def covered(self) -> bool:
        return bool(self.meeting_ids)


def coverage(topics: list[Topic], meetings: list[Meeting]) -> list[TopicCoverage]:
    """Every topic with the (not cancelled) meetings that have it as their theme, guide topics first."""
    by_topic: dict[int, list[int]] = {}
    for meeting in sorted(meetings, key=lambda m: m.starts_at):
        if meeting.topic_id is not None and meeting.status != "cancelled":
            by_topic.setdefault(meeting.topic_id, []).append(meeting.id)
    ordered = sorted(topics, key=lambda topic: (topic.source != "guide", topic.id or 0))
    return [TopicCoverage(topic, tuple(by_topic.get(topic.id, ()))) for topic in ordered]


def suggest_uncovered(topics: list[Topic], meetings: list[Meeting], limit: int = 3) -> list[Topic]:
    """Topics no meeting has yet, in the guide's order, then the group's own."""
    return [entry.topic for entry in coverage(topics, meetings) if not entry.covered][:limit]


def topic_title(topics: list[Topic], topic_id: int | None) -> str:
    for topic in topics:
        if topic.id == topic_id:
            return topic.title
    return ""


GUIDE_TOPICS = 8


def ensure_guide_topics(store: Store, network_id: int) -> None:
    """The guide's eight topics, in Danish as the guide writes them, for a network that has none of them yet
    (a network made with ``members.networks.create_network`` already has them, in the language it was made in)."""
    if not store.has_guide_topics(network_id):
        danish = catalogue("da")
        store.add_guide_topics(network_id, [danish[f"guide.topic.{number}"] for number in range(1, GUIDE_TOPICS + 1)])


def add_own_topic(store: Store, network_id: int, title: str) -> Topic:
    """A topic of the group's own, unless the network already has one of that title (in any case)."""
    title = title.strip()
    if title.casefold() in {topic.title.casefold() for topic in store.list_topics(network_id)}:
        raise ValidationError([FieldError("topic", t("planning.app.topic_exists"))])
    return store.add_topic(Topic(network_id=network_id, title=title, source="own"))
