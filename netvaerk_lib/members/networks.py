"""Creating a network (the frame plus the guide's topics and ground rules as a starting point) and the network
at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from netvaerk_lib.model import GroundRule, Meeting, Network, Topic
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import now

GUIDE_TOPICS = 8
GUIDE_GROUND_RULES = 6


def create_network(store: Store, name: str, **frame) -> Network:
    """Create a network with its frame and seed the guide's eight topics and six ground rules.

    The guide's lists are written in the current language; the group can add its own topics and rules
    and remove the guide's rules it does not want. Everything is one transaction: no half-made network.
    """
    network = Network(name=name, **frame).validate()
    with store.transaction():
        store.add_network(network)
        for number in range(1, GUIDE_TOPICS + 1):
            store.add_topic(Topic(network_id=network.id, title=t(f"guide.topic.{number}"), source="guide"))
        for number in range(1, GUIDE_GROUND_RULES + 1):
            store.add_ground_rule(GroundRule(network_id=network.id, text=t(f"guide.ground_rule.{number}"),
                                             source="guide", position=number))
    return network


@dataclass(frozen=True)
class NetworkSummary:
    """The network at a glance: how many members, how many meetings held, and the next meeting."""

    network: Network
    members: int
    held: int
    upcoming: Meeting | None


def network_summary(store: Store) -> NetworkSummary | None:
    """The default network at a glance; None when there is no network yet."""
    network = store.default_network()
    if network is None:
        return None
    held = sum(1 for meeting in store.list_meetings(network.id) if meeting.status == "held")
    return NetworkSummary(network, len(store.list_members(network.id)), held, store.next_meeting(network.id, now()))
