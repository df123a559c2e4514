"""Networks with their frame and contract purpose, topics, ground rules and settings."""

from __future__ import annotations

from dataclasses import fields

from netvaerk_lib.model import GroundRule, Network, Topic
from netvaerk_lib.timezone import moment

_NETWORK_COLUMNS = [f.name for f in fields(Network) if f.name != "id"]


def _network(row) -> Network:
    return Network(id=row["id"], **{name: row[name] for name in _NETWORK_COLUMNS})


class NetworksRepository:
    def add_network(self, network: Network) -> Network:
        network.validate()
        columns = ", ".join(_NETWORK_COLUMNS)
        marks = ", ".join("?" for _ in _NETWORK_COLUMNS)
        with self.transaction() as conn:
            cursor = conn.execute(
                f"INSERT INTO networks ({columns}, created_at) VALUES ({marks}, ?)",
                [getattr(network, name) for name in _NETWORK_COLUMNS] + [moment().isoformat()],
            )
        network.id = cursor.lastrowid
        return network

    def update_network(self, network: Network) -> Network:
        network.validate()
        assignments = ", ".join(f"{name} = ?" for name in _NETWORK_COLUMNS)
        with self.transaction() as conn:
            conn.execute(f"UPDATE networks SET {assignments} WHERE id = ?",
                         [getattr(network, name) for name in _NETWORK_COLUMNS] + [network.id])
        return network

    def get_network(self, network_id: int) -> Network:
        row = self.query_one("SELECT * FROM networks WHERE id = ?", (network_id,))
        if row is None:
            raise KeyError(network_id)
        return _network(row)

    def network_by_name(self, name: str) -> Network | None:
        row = self.query_one("SELECT * FROM networks WHERE name = ?", (name,))
        return _network(row) if row else None

    def list_networks(self) -> list[Network]:
        return [_network(row) for row in self.query("SELECT * FROM networks ORDER BY name")]

    def default_network(self) -> Network | None:
        """The network the apps open on: the one named in settings, else the first created."""
        wanted = self.get_setting("default_network")
        row = self.query_one("SELECT * FROM networks WHERE name = ?", (wanted,)) if wanted else None
        row = row or self.query_one("SELECT * FROM networks ORDER BY id LIMIT 1")
        return _network(row) if row else None

    def add_topic(self, topic: Topic) -> Topic:
        topic.validate()
        with self.transaction() as conn:
            cursor = conn.execute("INSERT INTO topics (network_id, title, source) VALUES (?, ?, ?)",
                                  (topic.network_id, topic.title.strip(), topic.source))
        topic.id = cursor.lastrowid
        return topic

    def list_topics(self, network_id: int) -> list[Topic]:
        rows = self.query("SELECT * FROM topics WHERE network_id = ? ORDER BY source = 'own', id", (network_id,))
        return [Topic(id=r["id"], network_id=r["network_id"], title=r["title"], source=r["source"]) for r in rows]

    def add_ground_rule(self, rule: GroundRule) -> GroundRule:
        rule.validate()
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO ground_rules (network_id, text, source, position) VALUES (?, ?, ?, ?)",
                (rule.network_id, rule.text.strip(), rule.source, rule.position))
        rule.id = cursor.lastrowid
        return rule

    def remove_ground_rule(self, rule_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM ground_rules WHERE id = ?", (rule_id,))

    def list_ground_rules(self, network_id: int) -> list[GroundRule]:
        rows = self.query("SELECT * FROM ground_rules WHERE network_id = ? ORDER BY position, id", (network_id,))
        return [GroundRule(id=r["id"], network_id=r["network_id"], text=r["text"], source=r["source"],
                           position=r["position"]) for r in rows]

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        return row["value"] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
