"""The SQLite store on real files: migrations, WAL, transactions, erasing, deleting, concurrent writers."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil
import sqlite3
from collections import Counter
from dataclasses import replace

import pytest

from netvaerk_lib.demo import create_demo
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Attendance, Member, Network, ValidationError
from netvaerk_lib.store import Store, db

TODAY = dt.date(2026, 3, 5)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "netvaerk.sqlite") as opened:
        yield opened


def test_an_old_database_with_only_the_first_migration_is_upgraded_without_losing_a_row(tmp_path, monkeypatch):
    first_only = tmp_path / "migrations"
    first_only.mkdir()
    shutil.copy(sorted(db.MIGRATIONS_DIR.glob("*.sql"))[0], first_only)
    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(db, "MIGRATIONS_DIR", first_only)
    with db.Database(path) as old:
        assert old.applied_migrations() == ["0001_core"]
        with old.transaction() as conn:
            conn.execute("INSERT INTO networks (id, name, purpose, created_at) VALUES (1, 'Gamle netværk', "
                         "'Mere end socialt', '2024-01-01T10:00')")
            for number in range(1, 11):
                conn.execute("INSERT INTO members (network_id, name, practice_type, region) "
                             "VALUES (1, ?, 'dentist', 'syddanmark')", (f"Medlem {number} æøå",))
            conn.execute("INSERT INTO meetings (id, network_id, starts_at, length_minutes, kind, status) "
                         "VALUES (1, 1, '2024-02-01T17:00', 180, 'first', 'held')")
            conn.executemany("INSERT INTO attendance (meeting_id, member_id, status) VALUES (1, ?, 'present')",
                             [(number,) for number in range(1, 11)])
            conn.execute("INSERT INTO settings (key, value) VALUES ('default_network', 'Gamle netværk')")
    monkeypatch.undo()

    with Store(path) as store:
        assert store.applied_migrations() == [p.stem for p in sorted(db.MIGRATIONS_DIR.glob("*.sql"))]
        assert store.query_one("PRAGMA user_version")[0] == len(store.applied_migrations())
        network = store.default_network()
        assert (network.name, network.purpose, network.frequency_months, network.length_minutes) == (
            "Gamle netværk", "Mere end socialt", 2, 180)
        members = store.list_members(network.id)
        assert sorted(m.name for m in members) == sorted(f"Medlem {n} æøå" for n in range(1, 11))
        assert Counter(a.status for a in store.network_attendance(network.id)) == {"present": 10}
        assert [q.key for q in store.evaluation_questions()][:2] == ["energy", "gain"]
    with Store(path) as again:  # opening an up-to-date database changes nothing
        assert len(again.list_members(1)) == 10


def test_wal_mode_busy_timeout_and_foreign_keys_are_on(store):
    assert store.query_one("PRAGMA journal_mode")[0] == "wal"
    assert store.query_one("PRAGMA busy_timeout")[0] == db.BUSY_TIMEOUT_MS
    assert store.query_one("PRAGMA foreign_keys")[0] == 1


def test_a_failing_transaction_leaves_nothing_behind(store):
    network = store.add_network(Network(name="N"))
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        store.add_member(network.id, Member(name="Først", practice_type="vet"))
        store.add_network(Network(name="N"))  # the name is taken
    assert store.list_members(network.id) == []


def test_add_members_is_all_or_nothing(store):
    network = store.add_network(Network(name="N"))
    with pytest.raises(ValidationError):
        store.add_members(network.id, [Member(name="God", practice_type="vet"), Member(name="", practice_type="vet")])
    with pytest.raises(sqlite3.IntegrityError):
        store.add_members(network.id + 100, [Member(name="Intet netværk", practice_type="vet")])
    assert store.query_one("SELECT COUNT(*) FROM members")[0] == 0


def test_create_network_seeds_the_guides_topics_and_ground_rules(store):
    network = create_network(store, "Nyt netværk", frequency_months=3, cost_model="shared")
    assert store.get_network(network.id).frequency_months == 3
    topics = store.list_topics(network.id)
    assert len(topics) == 8 and {t.source for t in topics} == {"guide"}
    assert topics[0].title == "Hvad er ledelse – og hvilke forskellige ledelsesroller bevæger vi os i?"
    rules = store.list_ground_rules(network.id)
    assert [r.text for r in rules][:3] == ["Fortrolighed", "Prioritere møderne", "Lægge telefonen væk"]
    assert len(rules) == 6 and [r.position for r in rules] == [1, 2, 3, 4, 5, 6]
    with pytest.raises(ValidationError):
        create_network(store, "Forkert", frequency_months=5)
    assert store.network_by_name("Forkert") is None


def test_erasing_a_member_removes_personal_data_and_keeps_attendance_counts(store):
    network = create_demo(store, today=TODAY)
    members = store.list_members(network.id)
    hosts = {m.host_member_id for m in store.list_meetings(network.id)}
    gone = next(m for m in members if m.id in hosts and any(g.member_id == m.id for g in store.list_goals(network.id)))
    before = Counter(a.status for a in store.network_attendance(network.id))
    per_meeting = {m.id: len(store.attendance(m.id)) for m in store.list_meetings(network.id)}
    assert any(g.member_id == gone.id for g in store.list_goals(network.id))
    first, second = store.list_meetings(network.id)[:2]
    at_home = store.update_meeting(replace(first, host_member_id=gone.id, location=gone.practice_address))
    elsewhere = store.update_meeting(replace(second, host_member_id=gone.id, location="Hotel Kongen, Vejle"))

    store.erase_member(gone.id)

    assert Counter(a.status for a in store.network_attendance(network.id)) == before
    assert {m.id: len(store.attendance(m.id)) for m in store.list_meetings(network.id)} == per_meeting
    assert gone.id not in {m.id for m in store.list_members(network.id)}
    erased = store.get_member(gone.id)
    assert erased.erased and erased.name == "" and erased.email == "" and erased.practice_address == ""
    row = store.query_one("SELECT * FROM members WHERE id = ?", (gone.id,))
    personal = ("name", "email", "practice_type", "years_in_profession", "years_as_leader", "practice_size",
                "region", "gender", "birth_year", "motivation", "practice_address", "joined_on")
    assert all(row[column] is None for column in personal)
    assert row["expected_gain"] == ""
    assert store.motivation_history(gone.id) == []
    assert not any(g.member_id == gone.id for g in store.list_goals(network.id))
    assert store.query_one("SELECT COUNT(*) FROM meetings WHERE host_member_id = ?", (gone.id,))[0] == 0
    assert gone.practice_address and store.get_meeting(at_home.id).location == ""  # their address pointed to them
    assert store.get_meeting(elsewhere.id).location == "Hotel Kongen, Vejle"


def test_delete_network_removes_every_row_of_that_network_and_only_that(store):
    other = create_network(store, "Andet netværk")
    store.add_member(other.id, Member(name="Bliver", practice_type="vet"))
    demo = create_demo(store, today=TODAY)
    tables = [r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    store.delete_network(demo.id)
    assert store.list_networks() == [store.get_network(other.id)]
    assert [m.name for m in store.list_members(other.id)] == ["Bliver"]
    assert len(store.list_topics(other.id)) == 8
    for table in ("meetings", "attendance", "goals", "motivation_history", "evaluation_responses",
                  "evaluation_answers"):
        assert table in tables
        assert store.query_one(f"SELECT COUNT(*) FROM {table}")[0] == 0, table
    assert store.query("PRAGMA foreign_key_check") == []
    assert store.get_setting("default_network") is None


def _write_rows(path: str, network_id: int, writer: str, count: int, start) -> None:
    """One process: wait for the other, then add ``count`` members, each in its own transaction."""
    with Store(path) as store:
        start.wait()
        for number in range(count):
            store.add_member(network_id, Member(name=f"{writer} {number:03d}", practice_type="vet"))


def test_two_processes_writing_500_rows_each_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "shared.sqlite")
    with Store(path) as store:
        network_id = store.add_network(Network(name="Fælles")).id
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    writers = [context.Process(target=_write_rows, args=(path, network_id, name, 500, start)) for name in "AB"]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=300)
    assert [process.exitcode for process in writers] == [0, 0]
    with Store(path) as store:
        names = [m.name for m in store.list_members(network_id)]
    assert len(names) == 1000
    assert set(names) == {f"{writer} {number:03d}" for writer in "AB" for number in range(500)}


def test_attendance_is_one_row_per_member_and_meeting(store):
    network = create_demo(store, today=TODAY)
    meeting = store.list_meetings(network.id)[0]
    member = store.list_members(network.id)[0]
    store.set_attendance(Attendance(meeting.id, member.id, "cancelled", dt.datetime(2025, 1, 1, 9)))
    store.set_attendance(Attendance(meeting.id, member.id, "present"))
    assert store.attendance(meeting.id)[member.id] == Attendance(meeting.id, member.id, "present", None)
    assert len(store.attendance(meeting.id)) == 12
