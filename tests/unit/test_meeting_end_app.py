"""Kør mødet at the end of a meeting, without a browser: when an afbud came is recorded at check-in, codes follow
attendance, finishing the meeting offers to close the evaluation, and a meeting not begun cannot be finished."""

import datetime as dt

import ipywidgets as widgets
import pytest

from netvaerk_lib.apps.meeting import MeetingApp
from netvaerk_lib.demo import create_demo
from netvaerk_lib.evaluation import submission
from netvaerk_lib.store import Store
from netvaerk_lib.timezone import now
from netvaerk_lib.ui.finder import find, find_all, text_of, visible

ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "app.sqlite") as opened:
        create_demo(opened)
        yield opened


def begun_meeting(store):
    """The demo's next meeting, begun an hour ago."""
    meeting = store.next_meeting(store.default_network().id, now())
    meeting.starts_at = (now() - dt.timedelta(hours=1)).replace(second=0)
    return store.update_meeting(meeting)


def row_of(app, name: str) -> widgets.HBox:
    rows = [row for row in find_all(app, widgets.HBox) if "nv-run-checkin-row" in row._dom_classes
            and name in text_of(row.children[0])]
    assert len(rows) == 1
    return rows[0]


def panel(app):
    return app.sections["evaluation"].access


def test_an_afbud_at_check_in_records_when_it_came_and_voids_the_code(store):
    meeting = begun_meeting(store)
    app = MeetingApp(store, form_url="http://127.0.0.1:9/f.ipynb")
    member = store.list_members(meeting.network_id)[0]
    find(app, widgets.Button, "Resten er til stede").click()
    find(panel(app), widgets.Button, "Åbn evalueringen og lav koder").click()
    code = panel(app).codes[member.id]
    find(row_of(app, member.name), widgets.Button, "Afbud").click()
    find(row_of(app, member.name), widgets.Button, "sent").click()
    record = store.attendance(meeting.id)[member.id]
    assert (record.status, record.notice) == ("cancelled", "late")
    assert "nv-run-chosen" in find(row_of(app, member.name), widgets.Button, "sent")._dom_classes
    with pytest.raises(submission.CodeProblem):
        submission.check_code(store, code)
    present = len(store.list_members(meeting.network_id)) - 1
    assert f"0 af {present} til stede har svaret" in panel(app).status.value


def test_finishing_offers_to_close_the_evaluation_and_closing_releases_it(store):
    meeting = begun_meeting(store)
    app = MeetingApp(store, form_url="http://127.0.0.1:9/f.ipynb")
    find(app, widgets.Button, "Resten er til stede").click()
    find(panel(app), widgets.Button, "Åbn evalueringen og lav koder").click()
    for code in list(panel(app).codes.values())[:3]:
        submission.submit(store, code, ANSWERS, {})
    close_now = find(app, widgets.Button, "Luk evalueringen nu")
    assert not visible(close_now)
    find(app, widgets.Button, "Afslut mødet og markér det som afholdt").click()
    assert store.get_meeting(meeting.id).status == "held"
    assert visible(close_now) and "lukker af sig selv" in app.sections["closing"].evaluation_info.value
    assert store.evaluation_session(meeting.id).closes_at is not None
    close_now.click()
    assert store.evaluation_session(meeting.id).is_closed and not visible(close_now)
    assert "Evalueringen er lukket" in panel(app).status.value


def test_a_meeting_that_has_not_begun_cannot_be_finished(store):
    app = MeetingApp(store, form_url="http://127.0.0.1:9/f.ipynb")
    assert app.state.meeting.starts_at > now()
    find(app, widgets.Button, "Afslut mødet og markér det som afholdt").click()
    assert "begynder først" in app.messages.value
    assert store.get_meeting(app.state.meeting.id).status == "planned"
    assert not find_all(app, widgets.Button, "Luk evalueringen nu") or not visible(
        find(app, widgets.Button, "Luk evalueringen nu"))
