"""The planning app's callbacks on a real store: forged values are refused, nothing is half-saved."""

import datetime as dt

import pytest

from netvaerk_lib.apps.planning import PlanningApp
from netvaerk_lib.model import Member, Network
from netvaerk_lib.planning.dates import propose_dates
from netvaerk_lib.planning.service import save_year
from netvaerk_lib.store import Store


@pytest.fixture
def app(tmp_path):
    with Store(tmp_path / "app.sqlite") as store:
        network = store.add_network(Network(name="Netværk <Vest>", length_minutes=120))
        store.add_members(network.id, [Member(name=f"Leder {n}", practice_type="vet", practice_address=f"Vej {n}")
                                       for n in range(6)])
        other = store.add_network(Network(name="Et andet netværk"))
        save_year(store, other, propose_dates("2027-01-07", 1, 1, "torsdag"))
        yield PlanningApp(store)


def test_propose_save_and_the_plan_is_shown(app):
    app.start.value = dt.date(2027, 1, 1)
    app.count.value = 6
    app.every.value = 2
    app.weekday.value = 3
    app.time.value = "17:00"
    click(app, "planning.app.propose")
    assert "flyttet fra torsdag den 6. maj 2027: Kristi himmelfartsdag" in app.proposal_view.value
    click(app, "planning.app.save_dates")
    meetings = app.store.list_meetings(app.network.id)
    assert len(meetings) == 6 and meetings[0].kind == "first"
    assert all(m.host_member_id for m in meetings)
    assert "2027-01-07" in app.plan_table.value
    assert "6 møder er lagt i planen" in app.messages.value


def click(app, key):
    """Press the app's button whose label is the text of ``key`` (as the browser would)."""
    from netvaerk_lib.texts import t

    found = [w for w in walk(app.widget) if getattr(w, "description", None) == t(key) and hasattr(w, "click")]
    assert found, key
    found[0].click()


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def test_a_forged_meeting_from_another_network_is_refused(app):
    foreign = app.store.list_meetings(app.store.network_by_name("Et andet netværk").id)[0]
    before = foreign.starts_at
    app.move_meeting.options = [("falsk", foreign.id)]
    app.move_meeting.value = foreign.id
    app.move_date.value = dt.date(2027, 1, 14)
    click(app, "planning.app.move")
    assert "vælg et planlagt møde i netværket" in app.messages.value
    assert app.store.get_meeting(foreign.id).starts_at == before


def test_a_bad_agenda_row_is_named_and_nothing_saved(app):
    save_year(app.store, app.network, propose_dates("2027-01-07", 2, 1, "torsdag"))
    app.refresh()
    assert app.items and app.agenda_meeting.value
    row = app.item_rows.children[1]
    row.inputs[0].value = "   "
    click(app, "planning.app.save_agenda")
    assert "Punkt 2: Titel skal udfyldes." in app.messages.value
    assert app.store.stored_agenda(app.agenda_meeting.value) == []
    row.inputs[0].value = "<i>Runde</i>"
    row.inputs[1].value = 200
    assert "for meget" in app.time_check.value
    click(app, "planning.app.save_agenda")
    stored = app.store.stored_agenda(app.agenda_meeting.value)
    assert stored[1].title == "<i>Runde</i>" and stored[1].minutes == 200
    assert "&lt;i&gt;" not in app.messages.value and "for meget" in app.messages.value


def test_purpose_warning_and_contract_saved(app):
    app.purpose.value = "Hygge og god mad"
    assert "mere end socialt" in app.purpose_warning.value
    app.purpose.value = "Sparring om ledelse og personale"
    assert app.purpose_warning.value == ""
    app.guide_rules[0].value = True
    app.guide_rules[0].description = "<script>forfalsket</script>"  # a forged label is not a guide rule
    app.guide_rules[1].value = True
    app.own_rules.value = "Vi starter til tiden\n\n"
    click(app, "planning.app.save_contract")
    assert [r.text for r in app.store.list_ground_rules(app.network.id)] == ["Prioritere møderne",
                                                                             "Vi starter til tiden"]
    click(app, "planning.app.make_contract")
    assert 'download="kontrakt.html"' in app.contract_link.value


def test_the_network_name_is_escaped(app):
    shown = [w.value for w in walk(app.widget) if isinstance(getattr(w, "value", None), str)]
    assert any("Netværk &lt;Vest&gt;" in value for value in shown)
    assert not any("Netværk <Vest>" in value for value in shown)


def test_leaving_the_rota_moves_the_hosting_to_the_others(app):
    save_year(app.store, app.network, propose_dates("2027-01-07", 6, 1, "torsdag"))
    app.refresh()
    click(app, "planning.app.rota_apply")
    leaving = app.store.list_meetings(app.network.id)[0].host_member_id
    app.in_rota[leaving].value = False
    click(app, "planning.app.save_rota_members")
    assert not app.store.get_member(leaving).in_host_rota
    assert leaving not in {m.host_member_id for m in app.store.list_meetings(app.network.id)}
    assert "Værtsrollen er fordelt." in app.messages.value


def test_taking_a_meeting_out_needs_confirmation(app):
    saved = save_year(app.store, app.network, propose_dates("2027-01-07", 3, 1, "torsdag"))
    app.refresh()
    app.move_meeting.value = saved[1].id
    click(app, "planning.app.remove_meeting")
    assert len(app.store.list_meetings(app.network.id)) == 3  # nothing happens before the confirmation
    app.move_meeting.value = saved[2].id  # the selection changed: the confirmation no longer applies
    click(app, "planning.app.confirm_remove_meeting")
    assert len(app.store.list_meetings(app.network.id)) == 3
    click(app, "planning.app.remove_meeting")
    click(app, "planning.app.confirm_remove_meeting")
    assert [m.id for m in app.store.list_meetings(app.network.id)] == [saved[0].id, saved[1].id]
    assert "er taget ud af planen" in app.messages.value


def test_the_frame_refuses_a_bad_number_at_the_field_and_saves_a_good_one(app):
    fields = app.frame_form.fields
    fields["length_minutes"].widget.value = "tre timer"
    fields["facilitator_fee_kr"].widget.value = "4.500"
    click(app, "planning.app.save_frame")
    assert "Mødelængde (minutter): &#x27;tre timer&#x27; er ikke et tal." in fields["length_minutes"].error.value
    assert app.store.get_network(app.network.id).length_minutes == 120
    fields["length_minutes"].widget.value = "20"
    click(app, "planning.app.save_frame")
    assert "mellem 30 og 1440" in fields["length_minutes"].error.value
    fields["length_minutes"].widget.value = "240"
    click(app, "planning.app.save_frame")
    saved = app.store.get_network(app.network.id)
    assert (saved.length_minutes, saved.facilitator_fee_kr) == (240, 4500)
    assert "Honorar 4.500 kr. pr. møde delt på 6 medlemmer: 750 kr. hver" in app.fee.value
