"""The database files keep no link and no order: copies of every file (database, -wal, -shm, the inbox and any
journal), taken after each answer as a file-sync or backup tool would, are searched for a pairing of answers
with members (rows, WAL frames, byte positions) and for the order the answers came in. See
docs/CONFIDENTIALITY.md for the threat model."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import struct
from pathlib import Path

import pytest

from netvaerk_lib.evaluation import sessions, submission
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Attendance, Meeting, Member
from netvaerk_lib.store import open_store

MEMBERS = 8
ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}


def marker(number: int) -> bytes:
    return f"svar-nr-{number:02d}-xq".encode()


def copy_all(source: Path, target: Path) -> dict[str, bytes]:
    """Every file of the database as it is at this moment (names relative to the database's folder)."""
    target.mkdir()
    files = {}
    for path in sorted(source.parent.iterdir()):
        if path.name.startswith("netvaerk"):
            shutil.copyfile(path, target / path.name)
            files[path.name] = (target / path.name).read_bytes()
    return files


def wal_frames(wal: bytes) -> list[bytes]:
    """The page images in a WAL file, in the order they were written."""
    if len(wal) < 32:
        return []
    page_size = struct.unpack(">I", wal[8:12])[0]
    frames, offset = [], 32
    while offset + 24 + page_size <= len(wal):
        frames.append(wal[offset + 24:offset + 24 + page_size])
        offset += 24 + page_size
    return frames


def spent_members(database: Path, meeting_id: int) -> set[int]:
    with sqlite3.connect(database) as raw:
        return {row[0] for row in raw.execute("SELECT member_id FROM evaluation_codes WHERE meeting_id = ? "
                                             "AND spent = 1", (meeting_id,))}


def positions(data: bytes, arrived: list[int]) -> list[int]:
    """The answers (by arrival number) in the order their text sits in ``data``."""
    found = [(data.find(marker(number)), number) for number in arrived]
    assert all(offset >= 0 for offset, _ in found)
    return [number for _, number in sorted(found)]


@pytest.fixture
def evaluation(tmp_path):
    path = tmp_path / "db" / "netvaerk.sqlite"
    with open_store(path) as store:
        network = create_network(store, "Psykologer Vest")
        members = store.add_members(network.id, [Member(name=f"Medlem {n}", practice_type="psychologist")
                                                 for n in range(MEMBERS)])
        meeting = store.add_meeting(Meeting(network.id, dt.datetime(2026, 3, 5, 17), 180, status="held"))
        for member in members:
            store.set_attendance(Attendance(meeting.id, member.id, "present"))
        sessions.open_evaluation(store, meeting.id)
        yield store, meeting.id, sessions.issue_codes(store, meeting.id)


def test_copies_taken_after_each_answer_pair_no_answer_with_a_member_and_keep_no_order(evaluation, tmp_path):
    store, meeting_id, issued = evaluation
    # Another kernel reads all the while: the WAL cannot be emptied, as on a busy evening.
    reader = sqlite3.connect(store.path)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM members").fetchone()
    arrived: list[int] = []  # answer numbers in the order they came
    who: dict[int, int] = {}  # answer number -> member (what the attacker wants)
    newest_last = newest_first = pairings_right = 0
    for number, (member_id, code) in enumerate(issued.items(), start=1):
        submission.submit(store, code, {**ANSWERS, "energy": 1 + number % 5}, {"good": marker(number).decode()})
        arrived.append(number)
        who[number] = member_id
        files = copy_all(store.path, tmp_path / f"copy-{number}")
        copy = tmp_path / f"copy-{number}" / store.path.name
        # 1. The database, its log and its index hold no answer at all while the evaluation is open: no row,
        #    no WAL frame, no page pairs an answer with a spent code.
        for name in ("netvaerk.sqlite", "netvaerk.sqlite-wal", "netvaerk.sqlite-shm"):
            assert not any(marker(n) in files.get(name, b"") for n in arrived), name
        assert all(marker(n) not in frame for frame in wal_frames(files.get("netvaerk.sqlite-wal", b""))
                   for n in arrived)
        # At most the copy shows who had answered by then.
        assert spent_members(copy, meeting_id) == {who[n] for n in arrived}
        # 2. The inbox holds the answers without member or code, and no journal outlives a write.
        inbox = files["netvaerk-inbox.sqlite"]
        assert not any(name.endswith("-journal") or name.endswith("-wal") for name in files
                       if name.startswith("netvaerk-inbox"))
        assert not any(code.encode() in inbox for code in issued.values())
        assert b"member" not in inbox.lower().replace(b"meeting_id", b"")
        order = positions(inbox, arrived)
        newest_last += order[-1] == number
        newest_first += order[0] == number
        # 3. The attacker pairs the k-th spend in the log with the k-th answer in the inbox.
        pairings_right += order == arrived
    reader.rollback()
    reader.close()
    # Byte positions do not tell which answer is the newest, nor the order (each is right by chance only:
    # 1 in k for the newest of k answers, so all eight guesses right is a 1-in-40320 event).
    assert newest_last < MEMBERS - 1 and newest_first < MEMBERS - 1
    assert pairings_right < MEMBERS - 1


def test_after_the_close_the_files_give_no_order_and_the_inbox_keeps_nothing(evaluation, tmp_path):
    store, meeting_id, issued = evaluation
    reader = sqlite3.connect(store.path)
    for number, code in enumerate(issued.values(), start=1):
        submission.submit(store, code, ANSWERS, {"good": marker(number).decode()})
    reader.execute("BEGIN")  # a reader keeps the log from being emptied at the close
    reader.execute("SELECT COUNT(*) FROM members").fetchone()
    sessions.close_evaluation(store, meeting_id)
    files = copy_all(store.path, tmp_path / "after-close")
    reader.rollback()
    reader.close()
    arrived = list(range(1, MEMBERS + 1))
    inbox = files["netvaerk-inbox.sqlite"]
    assert not any(marker(n) in inbox for n in arrived)  # wiped: secure_delete and VACUUM
    database = files["netvaerk.sqlite"] + files.get("netvaerk.sqlite-wal", b"")
    assert all(marker(n) in database for n in arrived)  # released ...
    # ... in one batch: every answer in the same WAL transaction, in an order that is not the arrival order.
    frames = wal_frames(files.get("netvaerk.sqlite-wal", b""))
    holding = [index for index, frame in enumerate(frames) if any(marker(n) in frame for n in arrived)]
    assert holding, "the release batch is in the log while a reader holds it"
    assert positions(database, arrived) != arrived
    assert positions(database, arrived) != arrived[::-1]
    with sqlite3.connect(tmp_path / "after-close" / "netvaerk.sqlite") as raw:
        ids = [row[0] for row in raw.execute("SELECT id FROM evaluation_responses WHERE meeting_id = ?",
                                             (meeting_id,))]
        columns = {row[1] for row in raw.execute("PRAGMA table_info(evaluation_responses)")}
    assert len(ids) == MEMBERS and columns == {"id", "meeting_id"}  # random keys, no time, no member
