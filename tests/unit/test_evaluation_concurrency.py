"""30 members submit at the same moment, each from its own process (as each phone has its own Voilà kernel)."""

from __future__ import annotations

import datetime as dt
import multiprocessing

from netvaerk_lib.evaluation import sessions
from netvaerk_lib.model import Attendance, Meeting, Member
from netvaerk_lib.networks import create_network
from netvaerk_lib.store import open_store

MEMBERS = 30
ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}


def _submit(path: str, code: str, number: int, start, outcomes) -> None:
    """One kernel: its own connection to the same file, waiting for the common start signal."""
    from netvaerk_lib.evaluation.submission import CodeProblem, submit

    store = open_store(path)
    start.wait()
    try:
        submit(store, code, {**ANSWERS, "energy": 1 + number % 5}, {"good": f"Svar {number}"})
        outcomes.put((number, "stored"))
    except CodeProblem as problem:
        outcomes.put((number, problem.reason))
    except Exception as error:  # anything else ("database is locked") is what this test is about
        outcomes.put((number, f"error: {error!r}"))
    finally:
        store.close()


def _run_all(path, jobs) -> list[tuple[int, str]]:
    context = multiprocessing.get_context("spawn")
    start, outcomes = context.Event(), context.Queue()
    processes = [context.Process(target=_submit, args=(str(path), code, number, start, outcomes))
                 for number, code in jobs]
    for process in processes:
        process.start()
    start.set()
    results = [outcomes.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    return sorted(results)


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
        stored_texts = sorted(e.texts["good"] for e in store.evaluations(meeting_id))
        assert len(stored_texts) == MEMBERS and len(set(stored_texts)) == MEMBERS
        assert all(code.spent for code in store.evaluation_codes(meeting_id))
