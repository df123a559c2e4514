"""A database file that is empty, damaged, foreign or from a newer netvaerk is refused in Danish and left alone.

Before this, SQLite made a 0-byte file into a new database (with the demo network on `serve`), a truncated one
gave raw tracebacks, and a newer one opened without a word and failed later with "no such table".
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from netvaerk_lib.demo import create_demo
from netvaerk_lib.store import open_store
from netvaerk_lib.store.check import DatabaseFileError
from netvaerk_lib.texts import t

ROOT = Path(__file__).resolve().parents[2]


def _demo_file(path: Path) -> Path:
    with open_store(path) as store:
        create_demo(store)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def empty(folder: Path) -> Path:
    path = folder / "netvaerk.sqlite"
    path.write_bytes(b"")
    return path


def truncated(folder: Path) -> Path:
    path = _demo_file(folder / "netvaerk.sqlite")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def foreign(folder: Path) -> Path:
    path = folder / "netvaerk.sqlite"
    path.write_text("Navn;E-mail\nÅse;aase@example.dk\n", encoding="utf-8")
    return path


def other_program(folder: Path) -> Path:
    path = folder / "netvaerk.sqlite"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT)")
    return path


def newer_migration(folder: Path) -> Path:
    path = _demo_file(folder / "netvaerk.sqlite")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("INSERT INTO schema_migrations (name) VALUES ('9900_from_the_future')")
    return path


def newer_version(folder: Path) -> Path:
    path = _demo_file(folder / "netvaerk.sqlite")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA user_version = 999")
    return path


CASES = {
    "empty": (empty, "er tom (0 byte)"),
    "truncated": (truncated, "er beskadiget"),
    "foreign": (foreign, "er ikke en netværk-database"),
    "other_program": (other_program, "er ikke en netværk-database"),
    "newer_migration": (newer_migration, "nyere udgave af netværk"),
    "newer_version": (newer_version, "nyere udgave af netværk"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_store_refuses_the_file_and_leaves_it_as_it_was(tmp_path, case):
    make, wanted = CASES[case]
    path = make(tmp_path)
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError) as refused:
        open_store(path)
    message = t(refused.value.text_key, path=refused.value.path)  # the store names the text; the caller says it
    assert wanted in message and str(path) in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no -wal, no -journal, nothing new


def _netvaerk(*args: str, db: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netvaerk_lib.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=dict(os.environ, NETVAERK_DB=str(db), NETVAERK_LANG="da"))


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", [("backup",), ("serve", "--port", "1", "--form-port", "2"), ("export-members",
                                                                                              "ud.csv"), ("demo",)])
def test_every_command_refuses_it_in_danish_without_a_traceback(tmp_path, case, command):
    make, wanted = CASES[case]
    path = make(tmp_path)
    before = path.read_bytes()
    result = _netvaerk(*command, db=path)
    assert result.returncode == 2
    assert wanted in result.stderr and str(path) in result.stderr and "netvaerk backup" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists() and not (tmp_path / "ud.csv").exists()


def test_a_missing_file_is_still_a_new_database(tmp_path):
    with open_store(tmp_path / "ny.sqlite") as store:
        assert store.list_networks() == []
    with open_store(tmp_path / "ny.sqlite") as store:  # and it opens again as ours
        assert "0001_core" in store.applied_migrations()


def test_a_healthy_database_opens_as_before(tmp_path):
    path = _demo_file(tmp_path / "netvaerk.sqlite")
    with open_store(path) as store:
        assert store.list_networks()


@pytest.mark.parametrize("case", ["empty", "truncated", "newer_version"])
def test_the_apps_show_a_calm_danish_page_and_the_form_names_no_file(tmp_path, monkeypatch, case):
    from netvaerk_lib.apps.consultant import ConsultantApp
    from netvaerk_lib.apps.evaluation_form import EvaluationFormApp
    from netvaerk_lib.apps.members import MembersApp

    make, wanted = CASES[case]
    path = make(tmp_path)
    monkeypatch.setenv("NETVAERK_DB", str(path))
    members = MembersApp()
    shown = members.widget.children[2].value
    assert wanted in shown and str(path) in shown and "netvaerk backup" in shown
    consultant = ConsultantApp()
    assert consultant.show_section("overview") is None  # the analysis notebook's later cells run quietly
    form = EvaluationFormApp(query="code=ABC234")
    text = form.widget.children[2].value
    assert "Prøv igen lidt senere" in text and str(path) not in text and tmp_path.name not in text
