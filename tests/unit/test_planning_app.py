"""The planning app on a real store, driven as a person would: widgets found by role and text, values set and
buttons clicked. Forged values are refused, nothing is half-saved."""

import datetime as dt

import ipywidgets as widgets
import pytest

from netvaerk_lib.apps.planning import PlanningApp
from netvaerk_lib.model import Member, Network
from netvaerk_lib.planning.contract import guide_rule_texts, purpose_warning
from netvaerk_lib.planning.dates import propose_dates
from netvaerk_lib.planning.service import save_year
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.ui.finder import find, find_all, text_of, visible, walk


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "app.sqlite") as store:
        network = store.add_network(Network(name="Netværk <Vest>", length_minutes=120))
        store.add_members(network.id, [Member(name=f"Leder {n}", practice_type="vet", practice_address=f"Vej {n}")
                                       for n in range(6)])
        other = store.add_network(Network(name="Et andet netværk"))
        save_year(store, other, propose_dates("2027-01-07", 1, 1, "torsdag"))
        yield store


@pytest.fixture
def network(store):
    return store.network_by_name("Netværk <Vest>")


@pytest.fixture
def app(store):
    return PlanningApp(store)


def section(app, title_key: str) -> widgets.VBox:
    """The section (card) whose heading is the text of ``title_key``."""
    title = t(title_key)
    cards = [box for box in find_all(app, widgets.VBox)
             if any(isinstance(child, widgets.HTML) and text_of(child) == title for child in box.children)]
    assert len(cards) == 1, title
    return cards[0]


def click(root, key: str, **values) -> None:
    """Press the button whose label is the text of ``key``, as the browser would."""
    find(root, widgets.Button, t(key, **values)).click()


def shown(root) -> str:
    """All the text the HTML blocks under ``root`` show."""
    return " ".join(text_of(block) for block in find_all(root, widgets.HTML))


def field_error(root, widget) -> widgets.HTML:
    """The error line of the form field around ``widget``."""
    box = next(box for box in find_all(root, widgets.VBox) if widget in box.children)
    return next(child for child in box.children if isinstance(child, widgets.HTML))


def test_propose_save_and_the_plan_is_shown(app, store, network):
    dates = section(app, "planning.app.dates_title")
    find(dates, widgets.DatePicker, t("planning.field.start")).value = dt.date(2027, 1, 1)
    find(dates, widgets.BoundedIntText, t("planning.field.count")).value = 6
    find(dates, widgets.Dropdown, t("planning.field.every_months")).value = 2
    find(dates, widgets.Dropdown, t("planning.field.weekday")).value = 3
    find(dates, widgets.Text, t("planning.field.time")).value = "17:00"
    save = find(dates, widgets.Button, t("planning.app.save_dates"))
    assert not visible(save)  # nothing to save before dates are proposed
    click(dates, "planning.app.propose")
    assert visible(save)
    assert t("planning.app.proposed", n=6) in shown(dates)
    assert "flyttet fra torsdag den 6. maj 2027: Kristi himmelfartsdag" in shown(dates)
    assert store.list_meetings(network.id) == []  # proposed, not saved
    save.click()
    meetings = store.list_meetings(network.id)
    assert len(meetings) == 6 and meetings[0].kind == "first"
    assert all(m.host_member_id for m in meetings)
    assert "2027-01-07" in shown(dates) and t("planning.app.proposed", n=6) not in shown(dates)
    assert not visible(save)
    assert "6 møder er lagt i planen" in app.messages.value


def test_a_forged_meeting_from_another_network_is_refused(app, store):
    foreign = store.list_meetings(store.network_by_name("Et andet netværk").id)[0]
    before = foreign.starts_at
    dates = section(app, "planning.app.dates_title")
    meeting = find(dates, widgets.Dropdown, t("planning.app.meeting"))
    meeting.options = [("falsk", foreign.id)]
    meeting.value = foreign.id
    find(dates, widgets.DatePicker, t("planning.field.new_date")).value = dt.date(2027, 1, 14)
    click(dates, "planning.app.move")
    assert "vælg et planlagt møde i netværket" in app.messages.value
    assert store.get_meeting(foreign.id).starts_at == before


def test_a_bad_agenda_row_is_named_and_nothing_saved(store, network):
    save_year(store, network, propose_dates("2027-01-07", 2, 1, "torsdag"))
    app = PlanningApp(store)
    agenda = section(app, "planning.app.agenda_title")
    meeting_id = find(agenda, widgets.Dropdown, t("planning.app.meeting")).value
    assert meeting_id == store.list_meetings(network.id)[0].id
    second = find(agenda, widgets.Text, t("planning.app.item_title", n=2))
    second.value = "   "
    click(agenda, "planning.app.save_agenda")
    assert "Punkt 2: Titel skal udfyldes." in app.messages.value
    assert store.stored_agenda(meeting_id) == []
    second.value = "<i>Runde</i>"
    find_all(agenda, widgets.BoundedIntText, t("planning.app.item_minutes"))[1].value = 200
    assert "for meget" in shown(agenda)
    click(agenda, "planning.app.save_agenda")
    stored = store.stored_agenda(meeting_id)
    assert stored[1].title == "<i>Runde</i>" and stored[1].minutes == 200
    assert "&lt;i&gt;" not in app.messages.value and "for meget" in app.messages.value


def test_agenda_rows_move_in_place_and_edits_survive_another_section_saving(store, network):
    save_year(store, network, propose_dates("2027-01-07", 2, 1, "torsdag"))
    app = PlanningApp(store)
    agenda = section(app, "planning.app.agenda_title")
    first, second = (find(agenda, widgets.Text, t("planning.app.item_title", n=n)) for n in (1, 2))
    titles = first.value, second.value
    find_all(agenda, widgets.Button, t("planning.app.down"))[0].click()
    assert (first.value, second.value) == titles[::-1]  # the same inputs show the items in their new order
    assert find(agenda, widgets.Text, t("planning.app.item_title", n=1)) is first
    first.value = "Kaffe først"
    click(section(app, "planning.app.frame_title"), "planning.app.save_frame")
    assert t("planning.app.frame_saved") in app.messages.value
    assert first.value == "Kaffe først"  # saving the frame does not throw away the agenda being edited


def test_purpose_warning_and_contract_saved(app, store, network):
    contract = section(app, "planning.app.contract_title")
    purpose = find(contract, widgets.Textarea, t("field.purpose"))
    purpose.value = "Hygge og god mad"
    warning = purpose_warning("Hygge og god mad")
    assert "mere end socialt" in warning and warning in shown(contract)
    purpose.value = "Sparring om ledelse og personale"
    assert warning not in shown(contract)
    first, second = (find(contract, widgets.Checkbox, text) for text in guide_rule_texts()[:2])
    first.value = True
    first.description = "<script>forfalsket</script>"  # a forged label is not a guide rule
    second.value = True
    find(contract, widgets.Textarea, t("planning.app.own_rules")).value = "Vi starter til tiden\n\n"
    click(contract, "planning.app.save_contract")
    assert [r.text for r in store.list_ground_rules(network.id)] == ["Prioritere møderne", "Vi starter til tiden"]
    click(contract, "planning.app.make_contract")
    assert 'download="kontrakt.html"' in find(contract, widgets.HTML, t("planning.app.download_contract")).value


def test_the_network_name_is_escaped(app):
    shown_values = [w.value for w in walk(app) if isinstance(getattr(w, "value", None), str)]
    assert any("Netværk &lt;Vest&gt;" in value for value in shown_values)
    assert not any("Netværk <Vest>" in value for value in shown_values)


def test_leaving_the_rota_moves_the_hosting_to_the_others(store, network):
    save_year(store, network, propose_dates("2027-01-07", 6, 1, "torsdag"))
    app = PlanningApp(store)
    rota = section(app, "planning.app.rota_title")
    click(rota, "planning.app.rota_apply")
    leaving = store.list_meetings(network.id)[0].host_member_id
    find(rota, widgets.Checkbox, store.get_member(leaving).name).value = False
    click(rota, "planning.app.save_rota_members")
    assert not store.get_member(leaving).in_host_rota
    assert leaving not in {m.host_member_id for m in store.list_meetings(network.id)}
    assert "Værtsrollen er fordelt." in app.messages.value


def test_taking_a_meeting_out_needs_confirmation(store, network):
    saved = save_year(store, network, propose_dates("2027-01-07", 3, 1, "torsdag"))
    app = PlanningApp(store)
    dates = section(app, "planning.app.dates_title")
    meeting = find(dates, widgets.Dropdown, t("planning.app.meeting"))
    confirm = t("planning.app.confirm_remove_meeting")
    assert find_all(dates, widgets.Button, confirm) == []  # no question before one is asked
    meeting.value = saved[1].id
    click(dates, "planning.app.remove_meeting")
    click(dates, "common.cancel")
    assert find_all(dates, widgets.Button, confirm) == []
    click(dates, "planning.app.remove_meeting")
    assert len(store.list_meetings(network.id)) == 3  # nothing happens before the confirmation
    meeting.value = saved[2].id  # the selection changed: the confirmation no longer applies
    click(dates, "planning.app.confirm_remove_meeting")
    assert len(store.list_meetings(network.id)) == 3
    click(dates, "planning.app.remove_meeting")
    click(dates, "planning.app.confirm_remove_meeting")
    assert [m.id for m in store.list_meetings(network.id)] == [saved[0].id, saved[1].id]
    assert "er taget ud af planen" in app.messages.value
    assert find_all(dates, widgets.Button, confirm) == []


def test_the_frame_refuses_a_bad_number_at_the_field_and_saves_a_good_one(app, store, network):
    frame = section(app, "planning.app.frame_title")
    length = find(frame, widgets.Text, t("field.length_minutes"))
    length.value = "tre timer"
    find(frame, widgets.Text, t("field.facilitator_fee_kr")).value = "4.500"
    click(frame, "planning.app.save_frame")
    assert "Mødelængde (minutter): &#x27;tre timer&#x27; er ikke et tal." in field_error(frame, length).value
    assert store.get_network(network.id).length_minutes == 120
    length.value = "20"
    click(frame, "planning.app.save_frame")
    assert "mellem 30 og 1440" in field_error(frame, length).value
    length.value = "240"
    click(frame, "planning.app.save_frame")
    saved = store.get_network(network.id)
    assert (saved.length_minutes, saved.facilitator_fee_kr) == (240, 4500)
    assert field_error(frame, length).value == ""
    assert "Honorar 4.500 kr. pr. møde delt på 6 medlemmer: 750 kr. hver" in shown(frame)


def test_a_theme_shows_in_the_agenda_of_its_meeting(store, network):
    save_year(store, network, propose_dates("2027-01-07", 2, 1, "torsdag"))
    app = PlanningApp(store)
    themes = section(app, "planning.app.themes_title")
    topic = store.list_topics(network.id)[0]
    find(themes, widgets.Dropdown, t("planning.app.theme")).value = topic.id
    click(themes, "planning.app.set_theme")
    assert store.list_meetings(network.id)[0].topic_id == topic.id
    assert t("planning.ics.theme", theme=topic.title) in shown(section(app, "planning.app.agenda_title"))


def test_too_many_own_rules_are_refused_and_nothing_saved(app, store, network):
    contract = section(app, "planning.app.contract_title")
    find(contract, widgets.Checkbox, guide_rule_texts()[0]).value = True
    find(contract, widgets.Textarea, t("planning.app.own_rules")).value = "\n".join(f"Regel {n}" for n in range(21))
    click(contract, "planning.app.save_contract")
    assert t("planning.app.too_many_rules", n=20) in app.messages.value
    assert store.list_ground_rules(network.id) == []


def test_an_own_topic_is_added_once(app, store, network):
    themes = section(app, "planning.app.themes_title")
    own = find(themes, widgets.Text, t("planning.app.own_topic"))
    own.value = "  Prissætning  "
    click(themes, "planning.app.add_topic")
    topics = find(themes, widgets.Dropdown, t("planning.app.theme"))
    assert own.value == "" and "Prissætning" in [label for label, _ in topics.options]
    own.value = "PRISSÆTNING"
    click(themes, "planning.app.add_topic")
    assert t("planning.app.topic_exists") in app.messages.value
    assert [topic.title for topic in store.list_topics(network.id)].count("Prissætning") == 1
