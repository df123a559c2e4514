"""The dashboard's widgets without a browser: clicks reach the store through the rules, and stale or bad input
is refused with a Danish message and nothing half-saved. Widgets are found as a person finds them: by role and
text (``netvaerk_lib.ui.finder``)."""

import datetime as dt

import ipywidgets as widgets
import pytest

from netvaerk_lib.apps.meeting import MeetingApp
from netvaerk_lib.demo import create_demo
from netvaerk_lib.meeting import checkin
from netvaerk_lib.model import ValidationError
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.planning import checkpoint
from netvaerk_lib.planning.agenda import save_agenda
from netvaerk_lib.store import Store
from netvaerk_lib.texts import set_language
from netvaerk_lib.ui.finder import find, find_all, text_of, visible, walk
from netvaerk_lib.widgets.points import PointList
from netvaerk_lib.widgets.timer import TimerWidget

SPARRING = "Sparringsøvelse"


@pytest.fixture
def app(tmp_path):
    with Store(tmp_path / "app.sqlite") as store:
        create_demo(store)
        yield MeetingApp(store, form_url="http://127.0.0.1:9/voila/render/evaluering.ipynb")


def on_screen(root):
    """The widgets a person sees: hidden boxes hide all they hold."""
    widget = getattr(root, "widget", root)
    if visible(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from on_screen(child)


def seen(app, role=widgets.Widget, text=None, *, exact=True) -> list:
    return [w for w in on_screen(app) if isinstance(w, role)
            and (text is None or (text_of(w) == text if exact else text in text_of(w)))]


def press(app, label: str) -> None:
    found = seen(app, widgets.Button, label)
    assert len(found) == 1, f"{len(found)} buttons {label!r} on screen"
    found[0].click()


def start_button(app, title: str) -> widgets.Button:
    """The agenda's start button of the item whose title begins with ``title``."""
    found = [b for b in find_all(app, widgets.Button, "Start") if b.tooltip.startswith(f"Start punktet: {title}")]
    assert len(found) == 1
    return found[0]


def row_of(app, child) -> widgets.Box:
    return next(box for box in walk(app) if child in getattr(box, "children", ()))


def sections_shown(app) -> set[str]:
    return {text_of(h) for h in seen(app, widgets.HTML) if h.value.startswith("<h2>")} - {"Dagsorden"}


def choice(app, label: str, name: str) -> widgets.Button:
    """A person's (or goal's) status button, e.g. "Afbud" on Anna's check-in row."""
    found = [b for b in find_all(app, widgets.Button, label) if b.tooltip == f"{name}: {label}"]
    assert len(found) == 1
    return found[0]


def test_the_dashboard_opens_on_the_next_meeting_with_its_agenda(app):
    meeting = app.store.next_meeting(app.state.network.id, dt.datetime.now())
    assert app.state.meeting.id == meeting.id and seen(app, widgets.Dropdown, "Møde")[0].value == meeting.id
    starts = find_all(app, widgets.Button, "Start")
    assert len(starts) == 7 and starts[0].tooltip == "Start punktet: Velkomst"
    assert seen(app, widgets.HTML, "Velkomst", exact=False)
    assert seen(app, widgets.HTML, "Mødet er ikke begyndt", exact=False)
    assert app.state.section == "checkin" and sections_shown(app) == {"Tjek ind"}


def test_starting_an_item_opens_its_part_and_check_in_buttons_write_attendance(app):
    go = start_button(app, SPARRING)
    go.click()
    assert app.state.section == "exercise" and sections_shown(app) >= {"Øvelse"}
    assert seen(app, TimerWidget)[0].program["kind"] == "sparring"
    assert "nv-run-state-current" in row_of(app, go)._dom_classes
    press(app, "Tjek ind")
    member = app.store.list_members(app.state.network.id)[0]
    cancelled = choice(app, "Afbud", member.name)
    cancelled.click()
    assert app.store.attendance(app.state.meeting.id)[member.id].status == "cancelled"
    assert "nv-run-chosen-cancelled" in cancelled._dom_classes
    assert "nv-run-chosen" not in choice(app, "Til stede", member.name)._dom_classes
    assert member.id not in {m.id for m in checkin.expected_members(app.store, app.state.meeting)}
    choice(app, "Til stede", member.name).click()  # changed again: the same row shows the new choice
    assert "nv-run-chosen-cancelled" not in cancelled._dom_classes
    assert "nv-run-chosen-present" in choice(app, "Til stede", member.name)._dom_classes


def test_a_stale_agenda_button_is_refused_with_a_message(app):
    stale = find_all(app, widgets.Button, "Start")[6]
    save_agenda(app.store, app.state.meeting.id, [AgendaItem("Kort møde", 30, "none")])
    stale.click()
    assert "Dagsorden: punktet findes ikke" in app.messages.value
    assert app.store.agenda_progress(app.state.meeting.id) == {}


def test_an_empty_point_and_a_bad_next_meeting_are_shown_at_their_fields(app):
    press(app, "Flipover")
    point = find(app, widgets.Textarea, "Nyt punkt på flipoveren")
    point.value = "   "
    press(app, "Tilføj punkt")
    assert seen(app, widgets.HTML, "skriv punktet", exact=False)
    assert app.store.flipover_points(app.state.meeting.id) == []
    point.value = "<b>Tillid</b>"
    press(app, "Tilføj punkt")
    (shown,) = seen(app, PointList)  # the browser sets each point as text, never as HTML
    assert [p["text"] for p in shown.points] == ["<b>Tillid</b>"]
    assert point.value == ""
    shown._handle_custom_msg({"type": "remove", "id": "1 OR 1=1"}, [])  # what a browser could send
    assert "punktet findes ikke" in app.messages.value.casefold() and len(shown.points) == 1
    shown._handle_custom_msg({"type": "remove", "id": shown.points[0]["id"]}, [])
    assert shown.points == [] and app.store.flipover_points(app.state.meeting.id) == []
    press(app, "Næste møde og afslutning")
    before = len(app.store.list_meetings(app.state.network.id))
    find(app, widgets.DatePicker, "Dato for næste møde *").value = app.state.meeting.starts_at.date() \
        + dt.timedelta(weeks=8)
    find(app, widgets.Text, "Klokkeslæt *").value = "halv seks"
    find(app, widgets.Text, "Eller et nyt tema").value = "Et tema der ikke må gemmes halvt"
    press(app, "Skriv næste møde i planen")
    assert seen(app, widgets.HTML, "halv seks", exact=False)
    assert "intet er gemt" in app.messages.value
    assert len(app.store.list_meetings(app.state.network.id)) == before
    assert "Et tema der ikke må gemmes halvt" not in {t.title for t in app.store.list_topics(app.state.network.id)}


def test_the_dashboard_speaks_english_when_asked(tmp_path):
    set_language("en")
    with Store(tmp_path / "english.sqlite") as store:
        create_demo(store)
        english = MeetingApp(store, form_url="http://127.0.0.1:9/voila/render/evaluering.ipynb")
        assert seen(english, widgets.HTML, "The meeting has not begun", exact=False)
        assert find_all(english, widgets.Button, "Flip-over")
        find_all(english, widgets.Button, "Start")[1].click()
        assert english.state.section == "follow_up"
        assert seen(english, widgets.Button, "Done")


def test_the_next_item_button_walks_through_the_agenda(app):
    press(app, "Start mødet: Velkomst →")
    assert app.state.section == "checkin"
    following = seen(app, widgets.Button, "Næste punkt: Opfølgning", exact=False)
    assert len(following) == 1
    following[0].click()
    assert app.state.section == "follow_up"
    assert "nv-run-state-done" in row_of(app, start_button(app, "Velkomst"))._dom_classes


def test_choosing_another_meeting_shows_that_meeting_everywhere(app):
    start_button(app, SPARRING).click()  # sparring at the planned meeting: groups and timer
    held = [m for m in app.store.list_meetings(app.state.network.id) if m.status == "held"][-1]
    seen(app, widgets.Dropdown, "Møde")[0].value = held.id
    assert app.state.meeting.id == held.id and app.state.item is None and not find_all(app, TimerWidget)
    assert app.state.section == "checkin"
    members = app.store.list_members(app.state.network.id)
    for member in members:  # the held meeting's attendance is shown: one choice per member
        chosen = [label for label in ("Til stede", "Afbud", "Udeblevet uden afbud")
                  if "nv-run-chosen" in choice(app, label, member.name)._dom_classes]
        assert len(chosen) == 1
    assert seen(app, widgets.HTML, "Mødet er afholdt", exact=False)
    assert not seen(app, widgets.Button, "Næste punkt", exact=False)
    assert app.sections["evaluation"].access.meeting_id == held.id


def test_groups_follow_check_in_until_they_are_locked(app):
    start_button(app, SPARRING).click()  # sparring: groups of everyone expected
    members = app.store.list_members(app.state.network.id)
    panel = app.sections["exercise"].panels["sparring"]
    assert panel.placed() == {m.id for m in members}
    for member in members[:9]:
        checkin.check_in(app.store, app.state.meeting, member.id, "present")
    press(app, "Tjek ind")
    choice(app, "Til stede", members[9].name).click()
    assert panel.placed() == {m.id for m in members[:10]}
    case_givers = [seats[0].member for seats in panel.seating[0]]
    names = {m.id: m.name for m in members}
    timer = find(app, TimerWidget)
    assert list(timer.program["phases"][0]["people"]) == [names[m] for m in case_givers]
    press(app, "Øvelse")
    press(app, "Lås og gem")
    choice(app, "Afbud", members[0].name).click()  # after locking, a late cancellation keeps the groups
    assert panel.locked and panel.placed() == {m.id for m in members[:10]}


def test_new_groups_from_the_panel_reach_the_timer_before_it_starts(app):
    start_button(app, SPARRING).click()
    panel = app.sections["exercise"].panels["sparring"]
    before = find(app, TimerWidget).program["serial"]
    press(app, "Andet forslag")
    timer = find(app, TimerWidget)
    assert timer.program["serial"] == before + 1
    names = {m.id: m.name for m in app.store.list_members(app.state.network.id)}
    assert list(timer.program["phases"][0]["people"]) == [names[seats[0].member] for seats in panel.seating[0]]
    press(app, "Lås og gem")  # the same groups: the timer is not reloaded
    assert find(app, TimerWidget).program["serial"] == before + 1


def browser_sends(timer: TimerWidget, event: str, index: int = 0, used_ms: int = 0) -> None:
    """What the timer's page sends when a control is used."""
    timer._handle_custom_msg({"event": event, "index": index, "used_ms": used_ms, "added_ms": 0}, [])


@pytest.fixture
def interview_app(tmp_path):
    with Store(tmp_path / "interview.sqlite") as store:
        create_demo(store)
        meeting = store.next_meeting(store.default_network().id, dt.datetime.now())
        save_agenda(store, meeting.id, [AgendaItem("Gensidige interviews", 20, "interview")])
        yield MeetingApp(store, form_url="http://127.0.0.1:9/voila/render/evaluering.ipynb")


def test_the_chosen_interview_question_reaches_the_timer_and_a_running_timer_keeps_it(interview_app):
    app = interview_app
    start_button(app, "Gensidige interviews").click()
    question = find(app, widgets.Dropdown, "Spørgsmål på timeren")
    assert visible(question) and seen(app, widgets.HTML, "Gruppe 1", exact=False)
    label, key = next(option for option in question.options if option[1] != question.value)
    question.value = key
    timer = find(app, TimerWidget)
    assert app.state.question == key and label in str(timer.program["phases"])
    browser_sends(timer, "start")
    serial = timer.program["serial"]
    other = next(option[1] for option in question.options if option[1] != key)
    question.value = other
    assert "Timeren kører" in app.messages.value and app.state.question == key
    assert timer.program["serial"] == serial


def test_a_running_timer_keeps_its_groups_until_it_is_reset(app):
    start_button(app, SPARRING).click()
    panel = app.sections["exercise"].panels["sparring"]
    timer = find(app, TimerWidget)
    browser_sends(timer, "start")
    serial, people = timer.program["serial"], timer.program["phases"][0]["people"]
    press(app, "Andet forslag")
    assert "Timeren kører med grupperne fra før" in app.messages.value
    assert timer.program["serial"] == serial and timer.program["phases"][0]["people"] == people
    browser_sends(timer, "reset", used_ms=30_000)
    names = {m.id: m.name for m in app.store.list_members(app.state.network.id)}
    assert timer.program["serial"] == serial + 1
    assert list(timer.program["phases"][0]["people"]) == [names[seats[0].member] for seats in panel.seating[0]]


def test_who_the_facilitator_leaves_out_in_the_panel_stays_out_of_groups_and_timer(app):
    start_button(app, SPARRING).click()
    panel = app.sections["exercise"].panels["sparring"]
    left_out = app.store.list_members(app.state.network.id)[0]
    find(panel, widgets.Checkbox, left_out.name).value = False
    press(app, "Lav grupper")
    assert left_out.id not in panel.placed()
    assert left_out.name not in str(find(app, TimerWidget).program["phases"])
    assert not find(panel, widgets.Checkbox, left_out.name).value


def test_the_model_is_evaluated_only_at_the_checkpoint_meeting_and_the_decision_is_shown_again(app):
    assert "Evaluer modellen" not in sections_shown(app) and not seen(app, widgets.Button, "Evaluer modellen")
    store, network = app.store, app.state.network
    ending = checkpoint.checkpoint_meeting(store, network.id)
    seen(app, widgets.Dropdown, "Møde")[0].value = ending.id
    start_button(app, "Evaluer modellen").click()  # the agenda item opens the part, its timer below it
    assert {"Evaluer modellen", "Øvelse"} <= sections_shown(app)
    assert seen(app, widgets.HTML, "Hvor ofte vil I samles", exact=False)
    assert seen(app, widgets.HTML, "Prøveperioden slutter med dette møde", exact=False)
    press(app, "Gem beslutningen")
    assert seen(app, widgets.HTML, "Vælg, om I beholder modellen", exact=False)
    assert checkpoint.outcome_at(store, ending.id) is None
    find(app, widgets.RadioButtons, "Hvad beslutter I?").value = "change"
    find(app, widgets.Textarea, "Hvad ændrer I? (eller andre noter)").value = "Digitalt om vinteren."
    press(app, "Gem beslutningen")
    assert checkpoint.outcome_at(store, ending.id).note == "Digitalt om vinteren."
    again = MeetingApp(store, form_url="http://127.0.0.1:9/voila/render/evaluering.ipynb")
    seen(again, widgets.Dropdown, "Møde")[0].value = ending.id
    press(again, "Evaluer modellen")
    assert find(again, widgets.RadioButtons, "Hvad beslutter I?").value == "change"
    assert seen(again, widgets.HTML, "I tilpasser modellen.", exact=False)
    later = next(m for m in store.list_meetings(network.id) if m.starts_at > ending.starts_at)
    seen(again, widgets.Dropdown, "Møde")[0].value = later.id
    assert not seen(again, widgets.Button, "Evaluer modellen")
    with pytest.raises(ValidationError, match="Den del af mødet findes ikke"):  # what a stale tab could send
        again.show_section("checkpoint")
    assert again.state.section != "checkpoint"


def test_older_open_goals_wait_folded_with_their_age_until_they_are_closed_or_carried_on(app):
    press(app, "Opfølgning på mål")
    rows = app.sections["follow_up"]
    assert rows.older_rows and not any(row.widget in seen(app, widgets.HBox) for row in rows.older_rows)
    press(app, f"Vis ældre mål ({len(rows.older_rows)})")
    oldest = rows.older_rows[0]
    assert "for 1 år siden" in oldest.lead.value and oldest.widget in seen(app, widgets.HBox)
    goal_id, count = oldest.key, len(rows.older_rows)
    oldest.buttons["continued"].click()
    assert len(rows.older_rows) == count - 1 and goal_id in [row.key for row in rows.rows]
    assert app.store.get_goal(goal_id).status == "continued"
    press(app, "Skjul ældre mål")


def test_the_panels_sparring_rounds_are_the_timers_rounds(app):
    start_button(app, SPARRING).click()
    panel = app.sections["exercise"].panels["sparring"]
    phases = find(app, TimerWidget).program["phases"]
    rounds = max(phase["round"] for phase in phases)
    assert len(panel.seating) == rounds > 1  # every round's roles shown in the panel, not only the first
    names = {m.id: m.name for m in app.store.list_members(app.state.network.id)}
    for number, seats in enumerate(panel.seating, start=1):  # each round's case owners are the timer's
        first = next(phase for phase in phases if phase["round"] == number)
        assert list(first["people"]) == [names[group[0].member] for group in seats if group]
