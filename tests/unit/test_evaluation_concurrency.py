"""30 members submit at the same moment, each from its own process (as each phone has its own Voilà kernel)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from netvaerk_lib.evaluation import sessions
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Attendance, Meeting, Member
from netvaerk_lib.store import open_store

MEMBERS = 30
ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}


# One kernel: its own interpreter and connection to the same file, waiting for the common start signal (a file).
WORKER = """
import json, os, sys, time
from netvaerk_lib.evaluation.submission import CodeProblem, submit
from netvaerk_lib.store import open_store

path, code, number, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
answers = json.loads(sys.argv[5])
store = open_store(path)
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.002)
try:
    submit(store, code, {**answers, "energy": 1 + number % 5}, {"good": f"Svar {number}"})
    outcome = "stored"
except CodeProblem as problem:
    outcome = problem.reason
except Exception as error:  # anything else ("database is locked") is what this test is about
    outcome = f"error: {error!r}"
store.close()
print(outcome, flush=True)
"""


def _run_all(path, jobs) -> list[tuple[int, str]]:
    go = path.with_name("go")
    processes = [subprocess.Popen([sys.executable, "-c", WORKER, str(path), code, str(number), str(go),
                                   json.dumps(ANSWERS)], stdout=subprocess.PIPE, text=True)
                 for number, code in jobs]
    for process in processes:
        assert process.stdout.readline().strip() == "ready"
    go.touch()  # every process has its connection open: now all submit at once
    outcomes = []
    for (number, _), process in zip(jobs, processes, strict=True):
        out, _ = process.communicate(timeout=180)
        assert process.returncode == 0
        outcomes.append((number, out.strip()))
    return sorted(outcomes)


def _meeting_with_codes(path) -> tuple[int, dict[int, str]]:
    with open_store(path) as store:
        network = create_network(store, "Fysioterapeuter Syd")
        members = store.add_members(network.id, [Member(name=f"Medlem {n}", practice_type="physiotherapist")
                                                 for n in range(MEMBERS)])
        meeting = store.add_meeting(Meeting(network.id, dt.datetime(2026, 3, 5, 17), 180, status="held"))
        for member in members:
            store.set_attendance(Attendance(meeting.id, member.id, "present"))
        sessions.open_evaluation(store, meeting.id)
        return meeting.id, sessions.issue_codes(store, meeting.id)


def test_thirty_simultaneous_submissions_from_separate_processes_are_all_stored(tmp_path):
    path = tmp_path / "netvaerk.sqlite"
    meeting_id, issued = _meeting_with_codes(path)
    # Every member once, and five members tapping twice at the same moment (a double tap on two kernels).
    twice = list(issued.values())[:5]
    jobs = list(enumerate(list(issued.values()) + twice))
    outcomes = _run_all(path, jobs)
    assert not [outcome for outcome in outcomes if outcome[1] not in ("stored", "spent")]
    assert sum(outcome == "stored" for _, outcome in outcomes) == MEMBERS
    assert sum(outcome == "spent" for _, outcome in outcomes) == len(twice)
    with open_store(path) as store:
        assert store.evaluation_count(meeting_id) == MEMBERS
        sessions.close_evaluation(store, meeting_id)
        stored_texts = sorted(e.texts["good"] for e in store.evaluations(meeting_id))
        assert len(stored_texts) == MEMBERS and len(set(stored_texts)) == MEMBERS
        assert all(code.spent for code in store.evaluation_codes(meeting_id))
