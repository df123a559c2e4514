"""The key that opens the sealed answers: made when an evaluation opens, a 0600 file outside the database's
folder named by a random id, read at the close and wiped after the release; a close without it changes nothing
and says so in Danish, and a key put back still releases every answer. Also the two commits of an answer:
the spend first, then the sealed answer, the spend undone when the answer cannot be stored."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import stat

import pytest
from builders import held_meeting

from netvaerk_lib.apps.evaluation_results import EvaluationResultsApp
from netvaerk_lib.evaluation import sealing, sessions, submission
from netvaerk_lib.evaluation.submission import CodeProblem
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Meeting, ValidationError
from netvaerk_lib.store import open_store
from netvaerk_lib.ui.finder import walk

ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}


@pytest.fixture
def keys(tmp_path, monkeypatch):
    folder = tmp_path / "state" / "keys"
    monkeypatch.setenv(sealing.KEY_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def evaluation(tmp_path, keys):
    path = tmp_path / "data" / "netvaerk.sqlite"
    with open_store(path) as store:
        members, meeting = held_meeting(store, "Tandlæger Øst", "dentist", 4)
        sessions.open_evaluation(store, meeting.id)
        yield store, meeting.id, list(sessions.issue_codes(store, meeting.id).values())


def answer(store, code, good="Godt møde"):
    submission.submit(store, code, ANSWERS, {"good": good})


def test_the_key_is_a_0600_file_outside_the_data_folder_named_by_a_random_id(evaluation, keys):
    store, meeting_id, _ = evaluation
    session = store.evaluation_session(meeting_id)
    [key] = keys.iterdir()
    assert key.name == f"{session.key_id}.key" and len(session.key_id) == 32 and str(meeting_id) != session.key_id
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert not key.resolve().is_relative_to(store.path.parent.resolve())
    assert len(key.read_bytes()) == 32 and bytes.fromhex(session.public_key) != key.read_bytes()
    # The database's folder holds no key: a copy of it cannot open the sealed answers.
    assert not any(key.read_bytes() in path.read_bytes() for path in store.path.parent.iterdir() if path.is_file())


def test_the_key_folder_defaults_to_the_users_state_folder():
    assert sealing.key_dir({"HOME": "/home/lene"}).as_posix().endswith(".local/state/netvaerk/keys")
    assert sealing.key_dir({"XDG_STATE_HOME": "/var/state"}).as_posix() == "/var/state/netvaerk/keys"
    assert sealing.key_dir({"XDG_STATE_HOME": "/var/state", "NETVAERK_KEY_DIR": "/srv/keys"}).as_posix() == "/srv/keys"


def test_a_key_folder_inside_the_data_folder_is_refused_in_danish(tmp_path, monkeypatch):
    monkeypatch.setenv(sealing.KEY_DIR_ENV, str(tmp_path / "keys"))
    with open_store(tmp_path / "netvaerk.sqlite") as store:
        network = create_network(store, "Dyrlæger Syd")
        meeting = store.add_meeting(Meeting(network.id, dt.datetime(2026, 3, 5, 17), 180, status="held"))
        with pytest.raises(ValidationError, match="ligger i databasens mappe") as refused:
            sessions.open_evaluation(store, meeting.id)
        assert "NETVAERK_KEY_DIR" in str(refused.value)
        assert store.evaluation_session(meeting.id) is None
    assert not (tmp_path / "keys").exists()


def test_the_close_releases_every_answer_and_then_wipes_the_key(evaluation, keys):
    store, meeting_id, codes = evaluation
    for code in codes:
        answer(store, code)
    [key] = keys.iterdir()
    session = sessions.close_evaluation(store, meeting_id)
    assert session.is_closed and session.key_id is None
    assert not key.exists() and list(keys.iterdir()) == []
    assert len(store.evaluations(meeting_id)) == len(codes)
    assert store.pending_count(meeting_id) == 0


def test_a_close_without_the_key_changes_nothing_says_so_and_a_key_put_back_releases_all(evaluation, keys, tmp_path):
    store, meeting_id, codes = evaluation
    for code in codes[:3]:
        answer(store, code)
    [key] = keys.iterdir()
    aside = tmp_path / "aside.key"
    shutil.move(key, aside)
    pool_before = store.inbox_path.read_bytes()
    with pytest.raises(ValidationError) as refused:
        sessions.close_evaluation(store, meeting_id)
    assert str(refused.value).startswith("Evalueringen kan ikke lukkes: nøglen, der åbner de forseglede svar, "
                                         "mangler")
    assert "Intet er slettet" in str(refused.value) and str(key) in str(refused.value)
    # Nothing changed: still open, the answers still waiting sealed, none released, no key id forgotten.
    session = store.evaluation_session(meeting_id)
    assert session.is_open and session.key_id == key.stem
    assert store.pending_count(meeting_id) == 3 and store.evaluations(meeting_id) == []
    assert store.inbox_path.read_bytes() == pool_before
    # The fourth member may still answer; the key put back releases all four.
    answer(store, codes[3])
    shutil.move(aside, key)
    assert sessions.close_evaluation(store, meeting_id).is_closed
    assert len(store.evaluations(meeting_id)) == 4 and not key.exists()


def test_a_wrong_key_changes_nothing_either(evaluation, keys):
    store, meeting_id, codes = evaluation
    answer(store, codes[0])
    [key] = keys.iterdir()
    right = key.read_bytes()
    key.write_bytes(bytes(32))
    with pytest.raises(ValidationError, match="et forseglet svar kan ikke åbnes"):
        sessions.close_evaluation(store, meeting_id)
    assert store.evaluation_session(meeting_id).is_open and store.pending_count(meeting_id) == 1
    key.write_bytes(b"short")
    with pytest.raises(ValidationError, match="mangler eller kan ikke læses"):
        sessions.close_evaluation(store, meeting_id)
    key.write_bytes(right)
    assert sessions.close_evaluation(store, meeting_id).is_closed
    assert len(store.evaluations(meeting_id)) == 1


def test_past_its_time_without_a_key_the_form_says_closed_and_the_facilitator_is_told(evaluation, keys):
    store, meeting_id, codes = evaluation
    answer(store, codes[0])
    [key] = keys.iterdir()
    key.unlink()
    sessions.close_after(store, meeting_id, dt.datetime(2026, 3, 6, 8))
    later = dt.datetime(2026, 3, 6, 9)
    with pytest.raises(ValidationError, match="kan ikke lukkes"):
        sessions.close_due(store, later)
    # For the member the evaluation is over: the code is refused as closed, nothing more is stored.
    with pytest.raises(CodeProblem) as closed:
        submission.submit(store, codes[1], ANSWERS, {})
    assert closed.value.reason == "closed"
    assert store.pending_count(meeting_id) == 1 and store.spent_code_count(meeting_id) == 1


def test_a_close_stopped_after_the_release_is_finished_by_the_next_look(evaluation, keys):
    store, meeting_id, codes = evaluation
    for code in codes:
        answer(store, code)
    [key] = keys.iterdir()
    session = store.evaluation_session(meeting_id)
    # The process stops right after the answers were committed in the database: the key is still there.
    store.release_evaluations(meeting_id, sealing.opener(session))
    assert key.exists() and store.evaluation_session(meeting_id).key_id == key.stem
    sessions.close_due(store)  # whatever is touched next (the form, the panel, the results)
    assert not key.exists() and store.evaluation_session(meeting_id).key_id is None
    assert len(store.evaluations(meeting_id)) == len(codes)


def test_an_answer_that_cannot_be_stored_after_its_spend_gives_the_code_back(evaluation):
    store, meeting_id, codes = evaluation
    answer(store, codes[0])
    with sqlite3.connect(store.inbox_path) as raw:  # the inbox's list is damaged
        raw.execute("UPDATE pending SET answers = 'not a list' WHERE meeting_id = ?", (meeting_id,))
    with pytest.raises(ValueError):
        submission.submit(store, codes[1], ANSWERS, {"good": "Tak"}, share_goal=True, goal_text="Ferie i juli")
    assert store.spent_code_count(meeting_id) == 1
    assert store.query_one("SELECT COUNT(*) AS n FROM evaluation_shared_goals")["n"] == 0
    with sqlite3.connect(store.inbox_path) as raw:
        raw.execute("DELETE FROM pending")
    answer(store, codes[1])  # the member sends again, and it counts once
    assert store.spent_code_count(meeting_id) == 2 and store.pending_count(meeting_id) == 1


def test_an_evaluation_opened_before_answers_were_sealed_gets_a_key_and_keeps_its_clear_answers(tmp_path, keys):
    with open_store(tmp_path / "data" / "netvaerk.sqlite") as store:
        members, meeting = held_meeting(store, "Fysioterapeuter", "vet", 3)
        store.set_evaluation_status(meeting.id, "open", 1)  # as the earlier version opened it: no key
        codes = list(sessions.issue_codes(store, meeting.id).values())
        with store.inbox_transaction():  # and an answer it stored in clear
            store.add_pending_evaluation(meeting.id, {"ratings": ANSWERS, "texts": {"good": "Før"}})
        answer(store, codes[0], "Efter")
        assert store.evaluation_session(meeting.id).key_id is not None
        sessions.close_evaluation(store, meeting.id)
        assert sorted(e.texts["good"] for e in store.evaluations(meeting.id)) == ["Efter", "Før"]
        assert list(keys.iterdir()) == []


@pytest.mark.parametrize("text", ["Godt\x1bmøde", "Godt\x85møde", "Godt\ud800møde"])
def test_a_text_with_an_invisible_or_broken_character_is_refused_in_danish(evaluation, text):
    store, meeting_id, codes = evaluation
    with pytest.raises(ValidationError) as refused:
        submission.submit(store, codes[0], ANSWERS, {"good": text})
    assert refused.value.for_field("good") == [
        "»Hvad har især været godt i dag?« indeholder et usynligt styretegn (fx fra en kopi fra et andet "
        "program). Skriv teksten igen uden det."]
    assert store.spent_code_count(meeting_id) == 0
    answer(store, codes[0], "Linjeskift\nog\ttabulator er almindelig tekst")


def test_the_results_page_tells_the_facilitator_when_the_key_is_missing_and_closes_once_it_is_back(evaluation, keys,
                                                                                                  tmp_path):
    store, meeting_id, codes = evaluation
    for code in codes[:3]:
        answer(store, code)
    [key] = keys.iterdir()
    shutil.move(key, tmp_path / "aside.key")
    sessions.close_after(store, meeting_id, dt.datetime(2026, 3, 6, 8))  # the morning after: long past

    def shown(app) -> str:
        return "".join(widget.value for widget in walk(app.widget) if isinstance(getattr(widget, "value", None), str))

    app = EvaluationResultsApp(store, query=f"meeting={meeting_id}", form_url="http://10.0.0.5:8867/f.ipynb")
    assert "Evalueringen kan ikke lukkes: nøglen, der åbner de forseglede svar, mangler" in shown(app)
    assert "Evalueringen er åben" in shown(app) and "3 af 4 til stede har svaret" in shown(app)
    app.access.close_button.click()
    assert "Intet er slettet" in shown(app) and store.evaluation_session(meeting_id).is_open
    shutil.move(tmp_path / "aside.key", key)
    app.access.close_button.click()
    assert store.evaluation_session(meeting_id).is_closed and len(store.evaluations(meeting_id)) == 3
    assert "Evalueringen er lukket" in shown(app) and not key.exists()
