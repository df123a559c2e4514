"""``netvaerk backup``: a consistent, self-contained copy of the database, taken while the apps may write."""

from __future__ import annotations

import sqlite3

import pytest
from builders import held_meeting

from netvaerk_lib.cli import main
from netvaerk_lib.demo import create_demo
from netvaerk_lib.evaluation import sessions, submission
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
    # One self-contained file and its inbox: no -wal beside them, no partial file left.
    assert sorted(path.name for path in tmp_path.iterdir() if "copy" in path.name) == ["copy-inbox.sqlite",
                                                                                        "copy.sqlite"]
    with sqlite3.connect(copy) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert members_in(copy) == [name for name in members_in(database) if name != "Ny Kollega"]
    assert "Ny Kollega" in members_in(database)


def test_without_a_name_the_copy_goes_to_a_dated_file_in_backups(database, capsys):
    assert main(["--db", str(database), "backup"]) == 0
    [copy, inbox] = sorted((database.parent / "backups").iterdir(), key=lambda path: "inbox" in path.name)
    assert copy.name.startswith("netvaerk-") and copy.suffix == ".sqlite"
    assert inbox.name == f"{copy.stem}-inbox.sqlite"
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


def test_the_inbox_of_an_open_evaluation_is_copied_sealed_and_a_restored_copy_releases_it(tmp_path, monkeypatch,
                                                                                          capsys):
    monkeypatch.setenv("NETVAERK_KEY_DIR", str(tmp_path / "keys"))
    database = tmp_path / "data" / "netvaerk.sqlite"
    with Store(database) as store:
        members, meeting = held_meeting(store, "Optikere Nord", "optometrist", 3)
        sessions.open_evaluation(store, meeting.id)
        for code in sessions.issue_codes(store, meeting.id).values():
            submission.submit(store, code, {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5},
                              {"good": "Et-tydeligt-svar-i-backup"})
    assert main(["--db", str(database), "backup", str(tmp_path / "copy.sqlite")]) == 0
    out = capsys.readouterr().out
    assert f"Ventende evalueringssvar (forseglede) gemt: {tmp_path / 'copy-inbox.sqlite'}" in out
    for copy in ("copy.sqlite", "copy-inbox.sqlite"):
        assert b"Et-tydeligt-svar-i-backup" not in (tmp_path / copy).read_bytes()
    # Restored (both files under the database's names) while the key is still in its folder: all three released.
    restored = tmp_path / "restored"
    restored.mkdir()
    (tmp_path / "copy.sqlite").rename(restored / "netvaerk.sqlite")
    (tmp_path / "copy-inbox.sqlite").rename(restored / "netvaerk-inbox.sqlite")
    with Store(restored / "netvaerk.sqlite") as store:
        sessions.close_evaluation(store, meeting.id)
        assert [e.texts["good"] for e in store.evaluations(meeting.id)] == ["Et-tydeligt-svar-i-backup"] * 3
