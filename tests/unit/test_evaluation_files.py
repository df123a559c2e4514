"""The database files keep no link and no order: copies of every file (database, -wal, -shm, the inbox and any
journal; never the key folder), taken after each answer as a file-sync or backup tool would, are searched for
an answer in clear, and each pair of consecutive copies is compared: what changed between two copies one
answer apart is the spend of one member's code and one sealed answer, never what the answer says. After the
close no copy pairs an answer with a member or gives their order. See docs/CONFIDENTIALITY.md for the threat
model."""

from __future__ import annotations

import base64
import json
import shutil
import sqlite3
import struct
from pathlib import Path

import pytest
from builders import held_meeting

from netvaerk_lib.evaluation import sealing, sessions, submission
from netvaerk_lib.store import open_store

MEMBERS = 8
ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}
# What an answer looks like in clear: its texts, and its ratings as the form's JSON or as a row would hold them.
CLEAR = [b'"ratings"', b'"texts"', b'"energy":', b'"good":', b'"missed":']


def marker(number: int) -> bytes:
    return f"svar-nr-{number:02d}-xq".encode()


def ratings(number: int) -> dict[str, int]:
    return {**ANSWERS, "energy": 1 + number % 5}


def copy_all(source: Path, target: Path) -> dict[str, bytes]:
    """Every file of the database's folder as it is at this moment (names relative to that folder)."""
    target.mkdir()
    files = {}
    for path in sorted(source.parent.iterdir()):
        if path.is_file():
            shutil.copyfile(path, target / path.name)
            files[path.name] = (target / path.name).read_bytes()
    return files


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, bytes]:
    """Per file, the bytes of the later copy from its first to its last byte that differ from the earlier copy
    (all of it for a new file): everything that one answer added or moved."""
    difference = {}
    for name, data in after.items():
        old = before.get(name, b"")
        differing = [offset for offset in range(len(data)) if offset >= len(old) or data[offset] != old[offset]]
        if differing:
            difference[name] = data[differing[0]:differing[-1] + 1]
    return difference


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


def sealed_pool(inbox: Path, meeting_id: int) -> list[str]:
    with sqlite3.connect(inbox) as raw:
        row = raw.execute("SELECT answers FROM pending WHERE meeting_id = ?", (meeting_id,)).fetchone()
    return json.loads(row[0]) if row else []


def positions(data: bytes, arrived: list[int]) -> list[int]:
    """The answers (by arrival number) in the order their text sits in ``data``."""
    found = [(data.find(marker(number)), number) for number in arrived]
    assert all(offset >= 0 for offset, _ in found)
    return [number for _, number in sorted(found)]


def in_clear(data: bytes, arrived: list[int]) -> list[bytes]:
    return [text for text in [*(marker(n) for n in arrived), *CLEAR] if text in data]


@pytest.fixture
def evaluation(tmp_path):
    path = tmp_path / "db" / "netvaerk.sqlite"
    with open_store(path) as store:
        members, meeting = held_meeting(store, "Psykologer Vest", "psychologist", MEMBERS)
        sessions.open_evaluation(store, meeting.id)
        yield store, meeting.id, sessions.issue_codes(store, meeting.id)


def test_two_copies_one_answer_apart_show_a_spend_and_a_sealed_answer_never_the_answer(evaluation, tmp_path):
    store, meeting_id, issued = evaluation
    # Another kernel reads all the while: the WAL cannot be emptied, as on a busy evening.
    reader = sqlite3.connect(store.path)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM members").fetchone()
    arrived: list[int] = []
    copies = [copy_all(store.path, tmp_path / "copy-0")]
    pools: list[set[str]] = [set()]
    lengths: set[int] = set()
    for number, code in enumerate(issued.values(), start=1):
        # Answers as different as the form allows: none, one or both texts, the longest text the form takes.
        texts = {"good": marker(number).decode() + "æøå 🙂" * (number * 20), "missed": marker(number).decode()}
        if number % 3 == 0:
            texts = {}
        if number == MEMBERS:
            longest = marker(number).decode() + "🙂" * (submission.MAX_ANSWER_TEXT - len(marker(number)))
            texts = {"good": longest, "missed": longest}
        submission.submit(store, code, ratings(number), texts)
        if texts:
            arrived.append(number)
        copies.append(copy_all(store.path, tmp_path / f"copy-{number}"))
        files = copies[-1]
        # 1. No copy holds an answer in clear: not the database, its log or index, not the inbox.
        for name, data in files.items():
            assert in_clear(data, arrived) == [], name
        assert not any(name.endswith("-journal") or name.endswith("-wal") for name in files
                       if name.startswith("netvaerk-inbox"))
        # 2. What changed since the copy one answer before holds no answer in clear either.
        for name, data in changed(copies[-2], files).items():
            assert in_clear(data, arrived) == [], name
        # 3. The copy shows who had answered by then, and the sealed answers, each as long as the others.
        assert spent_members(tmp_path / f"copy-{number}" / store.path.name, meeting_id) == set(
            list(issued)[:number])
        pool = sealed_pool(tmp_path / f"copy-{number}" / store.inbox_path.name, meeting_id)
        assert len(pool) == number and all(isinstance(entry, str) for entry in pool)
        lengths |= {len(base64.b64decode(entry)) for entry in pool}
        # The new sealed answer is there (the attacker can tell which one it is), but it is sealed.
        new = set(pool) - pools[-1]
        assert len(new) == 1 and pools[-1] <= set(pool)
        pools.append(set(pool))
    reader.rollback()
    reader.close()
    assert len(lengths) == 1  # the longest answer and an empty one: the same size sealed
    assert lengths == {32 + sealing.padded_length(store.question_set(1), submission.MAX_ANSWER_TEXT) + 16}


def test_after_the_close_the_files_give_no_order_and_the_inbox_keeps_nothing(evaluation, tmp_path):
    store, meeting_id, issued = evaluation
    reader = sqlite3.connect(store.path)
    copies = []
    for number, code in enumerate(issued.values(), start=1):
        submission.submit(store, code, ratings(number), {"good": marker(number).decode()})
        copies.append(copy_all(store.path, tmp_path / f"before-{number}"))
    sealed = set(sealed_pool(store.inbox_path, meeting_id))
    reader.execute("BEGIN")  # a reader keeps the log from being emptied at the close
    reader.execute("SELECT COUNT(*) FROM members").fetchone()
    sessions.close_evaluation(store, meeting_id)
    files = copy_all(store.path, tmp_path / "after-close")
    reader.rollback()
    reader.close()
    arrived = list(range(1, MEMBERS + 1))
    inbox = files["netvaerk-inbox.sqlite"]
    assert not any(marker(n) in inbox for n in arrived)  # never there in clear ...
    assert not any(entry.encode() in inbox for entry in sealed)  # ... and the sealed list wiped too
    database = files["netvaerk.sqlite"] + files.get("netvaerk.sqlite-wal", b"")
    assert all(marker(n) in database for n in arrived)  # released ...
    assert not any(entry.encode() in data for entry in sealed for data in files.values())
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
    # The copies taken while it was open never held an answer in clear, so nothing in them meets a released one.
    for copy in copies:
        assert all(in_clear(data, arrived) == [] for data in copy.values())
