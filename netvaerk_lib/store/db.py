"""The SQLite connection: one file, WAL, a busy timeout, forward migrations, one transaction per write.

Every Voilà page is its own kernel and so its own connection to the same file. WAL lets readers work while
one writer writes; ``BEGIN IMMEDIATE`` takes the write lock up front so that two writers queue on the busy
timeout instead of failing half-way with "database is locked".
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from netvaerk_lib.store.check import check_contents, check_file

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_path() -> Path:
    """``NETVAERK_DB`` if set, else ``data/netvaerk.sqlite`` in the project (git ignores it)."""
    configured = os.environ.get("NETVAERK_DB")
    return Path(configured) if configured else PROJECT_ROOT / "data" / "netvaerk.sqlite"


def migrations() -> list[tuple[str, str]]:
    """(name, SQL) for every migration file, in order of their names."""
    return [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(MIGRATIONS_DIR.glob("*.sql"))]



def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of ``source`` as one self-contained file (no -wal beside it) in ``target``, written
    beside it first and renamed at the end, so a crash leaves no half copy."""
    partial = target.with_name(f".{target.name}.partial")
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
        copy.close()
        partial.replace(target)
    except BaseException:
        copy.close()
        partial.unlink(missing_ok=True)
        raise
    return target


class Database:
    """Owns the connection. Reads run directly; writes go through :meth:`transaction`.

    A file that is not a healthy netvaerk database of this version is refused (``check.DatabaseFileError``)
    before anything is written to it."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            _create(self.path)
        check_file(self.path)
        self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                    check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            check_contents(self.conn, self.path, {name for name, _ in migrations()})
        except BaseException:
            self.conn.close()
            raise
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self._depth = 0
        self.migrate()

    def close(self) -> None:
        self.conn.close()

    def backup(self, target: str | os.PathLike) -> Path:
        """A consistent copy of the whole database in ``target`` (a new file), taken while the apps may be
        writing. It is written beside the target first and renamed at the end, so a crash leaves no half copy."""
        return copy_database(self.conn, Path(target))

    def checkpoint(self) -> None:
        """Write every WAL frame into the database file and empty the WAL (when no other connection reads)."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested uses join the outer one. Rolls back on any error."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        return self.conn.execute(sql, params).fetchone()

    def applied_migrations(self) -> list[str]:
        return [row["name"] for row in self.query("SELECT name FROM schema_migrations ORDER BY name")]

    def migrate(self) -> None:
        """Apply every migration not applied yet, each in its own transaction, in name order.

        An up-to-date database is only read: every page load opens the store, and a write lock here would
        make thirty phones (or a backup) queue behind whoever is writing."""
        has_table = self.query_one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        if has_table and {name for name, _ in migrations()} <= set(self.applied_migrations()):
            return
        with self.transaction() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT "
                         "NOT NULL DEFAULT CURRENT_TIMESTAMP)")
        done = set(self.applied_migrations())
        for name, sql in migrations():
            if name in done:
                continue
            with self.transaction() as conn:
                if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
                    continue  # another kernel applied it while we waited for the lock
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", (name,))
                conn.execute(f"PRAGMA user_version = {len(done) + 1}")
                done.add(name)


def _create(path: Path) -> None:
    """A new database, built beside ``path`` and linked into place whole: another process opening the same new
    file at the same moment never sees it half made (an empty file is refused as damaged). If that other
    process got there first, its database is used."""
    partial = path.with_name(f".{path.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        with closing(sqlite3.connect(partial, isolation_level=None)) as conn:
            conn.execute("PRAGMA journal_mode = WAL")  # kept in the file's header
            conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL "
                         "DEFAULT CURRENT_TIMESTAMP)")
        try:
            os.link(partial, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links: a rename, which cannot refuse to overwrite
            if not path.exists():
                partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements (``executescript`` would commit our transaction)."""
    statements, current = [], []
    for line in sql.splitlines():
        current.append(line)
        candidate = "\n".join(current).strip()
        if candidate and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            current = []
    rest = "\n".join(current).strip()
    if rest and not all(part.strip().startswith("--") for part in rest.splitlines() if part.strip()):
        statements.append(rest)
    return statements
