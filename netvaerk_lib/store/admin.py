"""Administrative operations across every area's tables: deleting a whole network.

Other areas add tables in their own migrations, so the delete does not list tables: it follows the foreign
keys (and any ``network_id`` column) that lead to ``networks`` and deletes the dependent rows first.
"""

from __future__ import annotations


class AdminRepository:
    def delete_network(self, network_id: int) -> None:
        """Delete a network and every row that belongs to it, in one transaction."""
        edges = self._references()
        with self.transaction() as conn:
            conn.execute("PRAGMA defer_foreign_keys = ON")  # cycles (networks <-> members) are fine at commit
            row = conn.execute("SELECT name FROM networks WHERE id = ?", (network_id,)).fetchone()
            self._delete_rows(conn, edges, "networks", "id = ?", (network_id,), ("networks",))
            if row is not None:
                conn.execute("DELETE FROM settings WHERE key = 'default_network' AND value = ?", (row["name"],))

    def _references(self) -> dict[str, list[tuple[str, str, str]]]:
        """For each table, the (child table, child column, parent column) pairs that point to it."""
        tables = [row["name"] for row in self.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        edges: dict[str, list[tuple[str, str, str]]] = {}
        for table in tables:
            linked = set()
            for fk in self.query(f'PRAGMA foreign_key_list("{table}")'):
                parent_column = fk["to"] or self._primary_key(fk["table"])
                edges.setdefault(fk["table"], []).append((table, fk["from"], parent_column))
                linked.add(fk["from"])
            columns = {row["name"] for row in self.query(f'PRAGMA table_info("{table}")')}
            if table != "networks" and "network_id" in columns and "network_id" not in linked:
                edges.setdefault("networks", []).append((table, "network_id", "id"))
        return edges

    def _primary_key(self, table: str) -> str:
        keys = [row["name"] for row in self.query(f'PRAGMA table_info("{table}")') if row["pk"]]
        return keys[0] if len(keys) == 1 else "rowid"

    def _delete_rows(self, conn, edges, table: str, condition: str, params: tuple, path: tuple[str, ...]) -> None:
        """Delete the rows of ``table`` matching ``condition`` after everything that points to them."""
        for child, column, parent_column in edges.get(table, []):
            if child in path:
                continue  # a cycle back up the path: those rows go with their own table
            child_condition = f'"{column}" IN (SELECT "{parent_column}" FROM "{table}" WHERE {condition})'
            self._delete_rows(conn, edges, child, child_condition, params, path + (child,))
        conn.execute(f'DELETE FROM "{table}" WHERE {condition}', params)
