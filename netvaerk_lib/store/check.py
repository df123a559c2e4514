"""Checking a database file before anything opens it for writing.

SQLite turns a 0-byte file into a new database without a word, opens a half-truncated one and fails later,
and cannot tell one of our files from another program's or from a newer netvaerk's. A file that is not a
healthy netvaerk database of this version is refused with :class:`DatabaseFileError`; its ``text_key`` names
the Danish message (the file and what to do) that the command line and the apps show. Nothing is written to
the file, so nothing is lost or replaced by a demo.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseFileError(Exception):
    """The file at ``path`` cannot be used; ``kind`` is empty, foreign, damaged or newer."""

    def __init__(self, path: Path, kind: str):
        self.path, self.kind = Path(path), kind
        self.text_key = f"store.file_{kind}"  # the store speaks no language: the caller says it with texts.t
        super().__init__(f"{kind}: {self.path}")


def check_file(path: Path) -> None:
    """Before connecting: a file that exists must be a SQLite database at all (a missing one is created)."""
    if not path.exists():
        return
    with path.open("rb") as handle:
        start = handle.read(len(SQLITE_HEADER))
    if not start:
        raise DatabaseFileError(path, "empty")
    if start != SQLITE_HEADER:
        raise DatabaseFileError(path, "foreign")


def check_contents(conn: sqlite3.Connection, path: Path, known_migrations: set[str]) -> None:
    """After connecting, before any write: healthy pages, our own tables, no migration we do not know."""
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if problems != ["ok"]:
            raise DatabaseFileError(path, "damaged")
        if not tables:
            return  # a database with nothing in it yet (created a moment ago): migrations make it ours
        if "schema_migrations" not in tables:
            raise DatabaseFileError(path, "foreign")
        applied = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:
        raise DatabaseFileError(path, "damaged") from None
    if applied - known_migrations or version > len(known_migrations):
        raise DatabaseFileError(path, "newer")
