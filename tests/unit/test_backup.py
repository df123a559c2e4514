"""``netvaerk backup``: a consistent, self-contained copy of the database, taken while the apps may write."""

from __future__ import annotations

import sqlite3

import pytest

from netvaerk_lib.cli import main
from netvaerk_lib.demo import create_demo
from netvaerk_lib.model import Member
from netvaerk_lib.store import Store


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "netvaerk.sqlite"
    with Store(path) as store:
        create_demo(store)
    return path


def members_in(path) -> list[str]:
    with Store(path) as store:
        return [member.name for member in store.list_members(store.default_network().id)]


def test_the_copy_holds_everything_committed_and_nothing_uncommitted(database, tmp_path, capsys):
    with Store(database) as writer:
        network = writer.default_network()
        with writer.transaction():
            writer.add_members(network.id, [Member(name="Ny Kollega", practice_type="dentist")])
            # Another app is in the middle of a write while the copy is taken.
            assert main(["--db", str(database), "backup", str(tmp_path / "copy.sqlite")]) == 0
    copy = tmp_path / "copy.sqlite"
    assert f"Sikkerhedskopi gemt: {copy}" in capsys.readouterr().out
    # One self-contained file: no -wal beside it, no partial file left.
    assert sorted(path.name for path in tmp_path.iterdir() if "copy" in path.name) == ["copy.sqlite"]
    with sqlite3.connect(copy) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert members_in(copy) == [name for name in members_in(database) if name != "Ny Kollega"]
    assert "Ny Kollega" in members_in(database)


def test_without_a_name_the_copy_goes_to_a_dated_file_in_backups(database, capsys):
    assert main(["--db", str(database), "backup"]) == 0
    [copy] = (database.parent / "backups").iterdir()
    assert copy.name.startswith("netvaerk-") and copy.suffix == ".sqlite"
    assert members_in(copy) == members_in(database)


@pytest.mark.parametrize("case", ["exists", "same", "no_folder"])
def test_a_bad_target_gets_a_danish_message_and_nothing_is_written(database, tmp_path, capsys, case):
    existing = tmp_path / "earlier.sqlite"
    existing.write_bytes(b"an earlier copy")
    target, message = {
        "exists": (existing, "findes allerede"),
        "same": (database, "findes allerede"),  # the database itself exists: never overwritten
        "no_folder": (tmp_path / "missing" / "copy.sqlite", "Mappen"),
    }[case]
    before = database.read_bytes()
    assert main(["--db", str(database), "backup", str(target)]) == 2
    assert message in capsys.readouterr().err
    assert existing.read_bytes() == b"an earlier copy"
    assert database.read_bytes() == before
    assert not (tmp_path / "missing").exists()
