"""The member form's Python side: code from the address, every message from the browser checked again."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from netvaerk_lib.apps.evaluation_form import EvaluationFormApp, code_from_query
from netvaerk_lib.evaluation import sessions
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Attendance, Meeting, Member
from netvaerk_lib.store import open_store

ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}


@pytest.fixture
def setup(tmp_path):
    with open_store(tmp_path / "netvaerk.sqlite") as store:
        network = create_network(store, "Dyrlæger Vest")
        members = store.add_members(network.id, [Member(name=f"Medlem {n}", practice_type="vet") for n in range(4)])
        meeting = store.add_meeting(Meeting(network.id, dt.datetime(2026, 3, 5, 17), 180, status="held"))
        for member in members:
            store.set_attendance(Attendance(meeting.id, member.id, "present"))
        sessions.open_evaluation(store, meeting.id)
        yield store, meeting, sessions.issue_codes(store, meeting.id)


def browser_sends(app, content):
    app._on_message(app.form, content, [])


def test_the_code_in_the_address_opens_the_form_with_the_meetings_questions(setup):
    store, meeting, issued = setup
    code = next(iter(issued.values()))
    app = EvaluationFormApp(store, query=f"code={code.lower()}&utm=x")
    assert app.form.step == "form"
    assert app.form.meeting == "Evaluering af mødet torsdag den 5. marts 2026"
    assert [q["key"] for q in app.form.questions] == ["energy", "gain", "topic", "safety", "rules", "good", "missed"]


def test_a_typed_code_works_and_a_bad_one_gets_its_message(setup):
    store, meeting, issued = setup
    app = EvaluationFormApp(store, query="")
    assert app.form.step == "code"
    browser_sends(app, {"type": "code", "code": "ZZZZZZ"})
    assert app.form.step == "code" and "findes ikke" in app.form.errors["code"][0]
    serial = app.form.serial
    browser_sends(app, {"type": "code", "code": {"not": "a string"}})
    assert app.form.serial == serial + 1 and app.form.step == "code"
    browser_sends(app, {"type": "code", "code": next(iter(issued.values()))})
    assert app.form.step == "form" and app.form.errors == {}


def test_submitting_stores_once_and_a_second_tap_stores_nothing(setup):
    store, meeting, issued = setup
    app = EvaluationFormApp(store, query=f"code={next(iter(issued.values()))}")
    message = {"type": "submit", "ratings": ANSWERS, "texts": {"good": "Godt", "missed": ""}, "share_goal": False,
               "goal_text": ""}
    browser_sends(app, message)
    browser_sends(app, message)
    assert app.form.step == "done" and store.evaluation_count(meeting.id) == 1
    again = EvaluationFormApp(store, query=f"code={next(iter(issued.values()))}")
    assert again.form.step == "code" and "allerede brugt" in again.form.errors["code"][0]


@pytest.mark.parametrize("message, field", [
    ({"ratings": {**ANSWERS, "energy": 9}}, "energy"),
    ({"ratings": {**ANSWERS, "energy": "5"}}, "energy"),
    ({"ratings": "all fives"}, "gain"),
    ({"ratings": ANSWERS, "texts": {"good": "x" * 5000}}, "good"),
    ({"ratings": ANSWERS, "share_goal": True, "goal_text": ""}, "goal"),
])
def test_whatever_the_browser_sends_is_checked_again(setup, message, field):
    store, meeting, issued = setup
    app = EvaluationFormApp(store, query=f"code={next(iter(issued.values()))}")
    browser_sends(app, {"type": "submit", **message})
    assert app.form.step == "form" and app.form.errors[field]
    assert store.evaluation_count(meeting.id) == 0


def test_a_closed_evaluation_is_said_at_submit_and_nothing_is_stored(setup):
    store, meeting, issued = setup
    app = EvaluationFormApp(store, query=f"code={next(iter(issued.values()))}")
    sessions.close_evaluation(store, meeting.id)
    browser_sends(app, {"type": "submit", "ratings": ANSWERS, "texts": {}})
    assert "lukket" in app.form.problem and app.form.step == "form"
    assert store.evaluation_count(meeting.id) == 0


def test_code_from_query():
    assert code_from_query("code=ABC234") == "ABC234"
    assert code_from_query("a=1&code=abc-234") == "abc-234"
    assert code_from_query("") == "" and code_from_query(None) == ""


def test_the_form_module_imports_no_pandas_or_matplotlib():
    probe = ("import json, sys; import netvaerk_lib.apps.evaluation_form; "
             "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('pandas', 'matplotlib', 'numpy', 'segno', 'PIL'))))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                       check=True).stdout)
    assert loaded == []


def test_guessing_codes_stops_after_ten_wrong_ones_on_a_page(setup):
    store, meeting, issued = setup
    app = EvaluationFormApp(store, query="")
    for _ in range(10):
        browser_sends(app, {"type": "code", "code": "ZZZZZZ"})
    browser_sends(app, {"type": "code", "code": next(iter(issued.values()))})  # even a good code: reload first
    assert app.form.step == "code" and "For mange forkerte koder" in app.form.errors["code"][0]
    assert EvaluationFormApp(store, query=f"code={next(iter(issued.values()))}").form.step == "form"
