"""The dashboard's widgets without a browser: clicks reach the store through the rules, and stale or bad input
is refused with a Danish message and nothing half-saved."""

import datetime as dt

import pytest

from netvaerk_lib.apps.meeting import MeetingApp
from netvaerk_lib.demo import create_demo
from netvaerk_lib.meeting import checkin
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.planning.agenda import save_agenda
from netvaerk_lib.store import Store
from netvaerk_lib.texts import set_language


@pytest.fixture
def app(tmp_path):
    with Store(tmp_path / "app.sqlite") as store:
        create_demo(store)
        yield MeetingApp(store, form_url="http://127.0.0.1:9/voila/render/evaluering.ipynb")


def click(widget) -> None:
    widget.click()


def test_the_dashboard_opens_on_the_next_meeting_with_its_agenda(app):
    meeting = app.store.next_meeting(app.network.id, dt.datetime.now())
    assert app.meeting.id == meeting.id and app.meeting_select.value == meeting.id
    assert len(app.agenda.children) == 7 and "Velkomst" in app.agenda.children[0].children[0].value
    assert "Mødet er ikke begyndt" in app.status.value
    assert app.section == "checkin" and app.views["checkin"].layout.display == ""
    assert app.views["exercise"].layout.display == "none"


def test_starting_an_item_opens_its_part_and_check_in_buttons_write_attendance(app):
    click(app.agenda.children[4].children[1])  # the sparring item
    assert app.section == "exercise" and app.timer is not None and app.timer.program["kind"] == "sparring"
    assert "nv-run-state-current" in app.agenda.children[4]._dom_classes
    click(app.tabs["checkin"])
    first_row = app.checkin_rows.children[0]
    click(first_row.children[2])  # "Afbud"
    member_id = app.store.list_members(app.network.id)[0].id
    assert app.store.attendance(app.meeting.id)[member_id].status == "cancelled"
    assert "nv-run-chosen-cancelled" in app.checkin_rows.children[0].children[2]._dom_classes
    assert member_id not in {m.id for m in checkin.expected_members(app.store, app.meeting)}


def test_a_stale_agenda_button_is_refused_with_a_message(app):
    stale = app.agenda.children[6].children[1]
    save_agenda(app.store, app.meeting.id, [AgendaItem("Kort møde", 30, "none")])
    click(stale)
    assert "Dagsorden: punktet findes ikke" in app.messages.value
    assert app.store.agenda_progress(app.meeting.id) == {}


def test_an_empty_point_and_a_bad_next_meeting_are_shown_at_their_fields(app):
    click(app.tabs["flipover"])
    app.point_text.value = "   "
    click(app.views["flipover"].children[-1])
    assert "skriv punktet" in app.point_field.error.value
    assert app.store.flipover_points(app.meeting.id) == []
    app.point_text.value = "<b>Tillid</b>"
    click(app.views["flipover"].children[-1])
    assert "&lt;b&gt;Tillid&lt;/b&gt;" in app.points.children[0].children[0].value
    before = len(app.store.list_meetings(app.network.id))
    app.next_date.value = app.meeting.starts_at.date() + dt.timedelta(weeks=8)
    app.next_time.value = "halv seks"
    app.next_new_topic.value = "Et tema der ikke må gemmes halvt"
    app._on_agree()
    assert "halv seks" in app.closing_form[1].error.value
    assert "intet er gemt" in app.messages.value
    assert len(app.store.list_meetings(app.network.id)) == before
    assert "Et tema der ikke må gemmes halvt" not in {t.title for t in app.store.list_topics(app.network.id)}


def test_the_dashboard_speaks_english_when_asked(tmp_path):
    set_language("en")
    with Store(tmp_path / "english.sqlite") as store:
        create_demo(store)
        english = MeetingApp(store, form_url="http://127.0.0.1:9/voila/render/evaluering.ipynb")
        assert "The meeting has not begun" in english.status.value
        assert english.tabs["flipover"].description == "Flip-over"
        click(english.agenda.children[1].children[1])
        assert english.section == "follow_up"
        assert "Done" in {b.description for b in english.goal_rows.children[0].children[1:]}


def test_the_next_item_button_walks_through_the_agenda(app):
    assert app.next_button.description == "Start mødet: Velkomst →"
    click(app.next_button)
    assert app.section == "checkin" and app.next_button.description.startswith("Næste punkt: Opfølgning")
    click(app.next_button)
    assert app.section == "follow_up"
    assert "nv-run-state-done" in app.agenda.children[0]._dom_classes


def test_choosing_another_meeting_shows_that_meeting_everywhere(app):
    click(app.agenda.children[4].children[1])  # sparring at the planned meeting: groups and timer
    held = [m for m in app.store.list_meetings(app.network.id) if m.status == "held"][-1]
    app.meeting_select.value = held.id
    assert app.meeting.id == held.id and app.item is None and app.timer_box.children == ()
    assert app.section == "checkin"
    statuses = {row.children[0].value: [b for b in row.children[1:] if "nv-run-chosen" in b._dom_classes]
                for row in app.checkin_rows.children}
    assert all(len(chosen) == 1 for chosen in statuses.values())  # the held meeting's attendance is shown
    assert "Mødet er afholdt" in app.status.value and app.next_button.layout.display == "none"
    assert app.access.meeting_id == held.id


def test_groups_follow_check_in_until_they_are_locked(app):
    click(app.agenda.children[4].children[1])  # sparring: groups of everyone expected
    panel = app.panels["sparring"]
    members = app.store.list_members(app.network.id)
    placed = {seat.member for seats in panel.seating[0] for seat in seats}
    assert placed == {m.id for m in members}
    checkin.check_in(app.store, app.meeting, members[0].id, "present")
    for member in members[1:10]:
        checkin.check_in(app.store, app.meeting, member.id, "present")
    app._after_attendance()
    placed = {seat.member for seats in panel.seating[0] for seat in seats}
    assert placed == {m.id for m in members[:10]}
    case_givers = [seats[0].member for seats in panel.seating[0]]
    names = {m.id: m.name for m in members}
    assert list(app.timer.program["phases"][0]["people"]) == [names[m] for m in case_givers]
