"""Planning on a real SQLite file: the year saved, agendas stored, the rota with locations, swaps, the contract."""

import datetime as dt

import pytest

from netvaerk_lib.model import Attendance, GroundRule, Member, Network, ValidationError
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.planning import service
from netvaerk_lib.planning.agenda import save_agenda
from netvaerk_lib.planning.contract import save_contract
from netvaerk_lib.planning.dates import propose_dates
from netvaerk_lib.planning.frame import checkpoint_meeting_id, fee_split
from netvaerk_lib.planning.service import move_meeting, set_meeting_topic
from netvaerk_lib.planning.topics import coverage, ensure_guide_topics, suggest_uncovered
from netvaerk_lib.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "planning.sqlite") as opened:
        yield opened


def make_network(store, members=6, **frame):
    network = store.add_network(Network(name="Ledernetværk Fyn", **frame))
    people = [Member(name=f"Leder {index:02d}", practice_type="dentist",
                     practice_address=f"Klinikvej {index}, 5000 Odense C") for index in range(1, members + 1)]
    store.add_members(network.id, people)
    ensure_guide_topics(store, network.id)
    return network, people


def plan_year(store, network, start="2026-01-08", count=12, every=1):
    return service.save_year(store, network, propose_dates(start, count, every, "torsdag", "17:00"))


def test_the_year_is_saved_with_kinds_and_reasons(store):
    network, _ = make_network(store)
    meetings = plan_year(store, network, start="2026-01-01")
    assert [m.kind for m in meetings] == ["first"] + ["following"] * 11
    plans = store.meeting_plans(network.id)
    assert plans[meetings[0].id].move_reason == "flyttet fra torsdag den 1. januar 2026: Nytårsdag"
    assert plans[meetings[0].id].rule_date == dt.date(2026, 1, 1)
    assert plans[meetings[1].id].move_reason == ""
    assert all(m.length_minutes == network.length_minutes for m in store.list_meetings(network.id))
    later = plan_year(store, network, start="2027-01-07", count=2)
    assert [m.kind for m in later] == ["following", "following"]


def test_moving_a_meeting_by_hand_records_why(store):
    network, _ = make_network(store)
    meeting = plan_year(store, network)[2]
    move_meeting(store, meeting.id, dt.datetime(2026, 3, 12, 16, 30), "flyttet i hånden fra torsdag den 5. marts 2026.")
    assert store.get_meeting(meeting.id).starts_at == dt.datetime(2026, 3, 12, 16, 30)
    assert store.meeting_plan(meeting.id).move_reason.startswith("flyttet i hånden")


def test_agenda_items_default_to_the_template_and_are_stored_in_order(store):
    network, _ = make_network(store, members=12, length_minutes=120)
    first = plan_year(store, network)[0]
    template = service.agenda_items(store, first.id)
    assert template[1].exercise_type == "presentation" and template[1].minutes == 24
    assert all(item.id is None for item in template)
    store.set_attendance(Attendance(first.id, store.list_members(network.id)[0].id, "cancelled"))
    assert service.agenda_items(store, first.id)[1].minutes == 22  # one fewer expected
    edited = [AgendaItem("Velkomst", 5, "none"), AgendaItem("Sparring i trioer", 60, "sparring", "Tre runder")]
    save_agenda(store, first.id, edited)
    stored = service.agenda_items(store, first.id)
    assert [(i.title, i.minutes, i.exercise_type, i.position) for i in stored] == \
        [("Velkomst", 5, "none", 0), ("Sparring i trioer", 60, "sparring", 1)]
    assert all(item.id for item in stored)


def test_a_bad_agenda_is_not_half_saved(store):
    network, _ = make_network(store)
    meeting = plan_year(store, network)[0]
    save_agenda(store, meeting.id, [AgendaItem("Velkomst", 10)])
    with pytest.raises(ValidationError) as caught:
        save_agenda(store, meeting.id, [AgendaItem("Ny velkomst", 10), AgendaItem("", 5)])
    assert caught.value.errors[0].message == "Punkt 2: Titel skal udfyldes."
    assert [item.title for item in store.stored_agenda(meeting.id)] == ["Velkomst"]


def test_rota_over_a_year_puts_the_meeting_at_the_hosts_practice(store):
    network, people = make_network(store, members=5)
    meetings = plan_year(store, network)
    away_member = people[1]
    store.set_attendance(Attendance(meetings[1].id, away_member.id, "cancelled"))
    result = service.apply_rota(store, network.id)
    saved = store.list_meetings(network.id)
    hosts = [m.host_member_id for m in saved]
    assert hosts[1] != away_member.id
    assert len(set(hosts[:5])) == 5  # everyone hosts once before anyone hosts twice
    assert sorted(result.counts.values()) == [2, 2, 2, 3, 3]
    addresses = {member.id: member.practice_address for member in people}
    assert all(m.location == addresses[m.host_member_id] for m in saved)


def test_a_host_without_an_address_leaves_no_earlier_address_behind(store):
    network, people = make_network(store, members=2)
    plan_year(store, network, count=2)
    service.apply_rota(store, network.id)
    first = store.list_meetings(network.id)[0]
    host = store.get_member(first.host_member_id)
    host.practice_address = ""
    store.update_member(host)
    service.swap_hosts(store, first.id, store.list_meetings(network.id)[1].id)
    assert store.list_meetings(network.id)[1].location == ""
    assert store.list_meetings(network.id)[0].location != ""


def test_members_outside_the_rota_never_host(store):
    network, people = make_network(store, members=4)
    outside = people[0]
    outside.in_host_rota = False
    store.update_member(outside)
    plan_year(store, network, count=6)
    service.apply_rota(store, network.id)
    assert outside.id not in {m.host_member_id for m in store.list_meetings(network.id)}


def test_swapped_hosts_survive_a_new_rota(store):
    network, _ = make_network(store, members=4)
    plan_year(store, network, count=6)
    service.apply_rota(store, network.id)
    before = store.list_meetings(network.id)
    service.swap_hosts(store, before[0].id, before[2].id)
    service.apply_rota(store, network.id)
    after = store.list_meetings(network.id)
    assert after[0].host_member_id == before[2].host_member_id
    assert after[2].host_member_id == before[0].host_member_id
    assert after[0].location == before[2].location
    assert store.meeting_plan(after[0].id).host_fixed


def test_online_and_borrowed_rooms_use_the_networks_venue(store):
    network, _ = make_network(store, venue_mode="online", venue_detail="https://meet.example.dk/ledere")
    plan_year(store, network, count=2)
    service.apply_rota(store, network.id)
    assert {m.location for m in store.list_meetings(network.id)} == {"https://meet.example.dk/ledere"}


def test_checkpoint_after_the_trial_period(store):
    network, _ = make_network(store, trial_meetings=3)
    meetings = plan_year(store, network, count=6)
    assert checkpoint_meeting_id(network, meetings) == meetings[2].id
    meetings[1].status = "cancelled"
    store.update_meeting(meetings[1])
    assert checkpoint_meeting_id(network, store.list_meetings(network.id)) == meetings[3].id
    rows = service.plan_rows(store, network.id)
    assert [row.checkpoint for row in rows] == [False, False, False, True, False, False]


def test_fee_split_per_member_in_kroner(store):
    network, _ = make_network(store, members=12, facilitator_fee_kr=6000, frequency_months=2)
    split = fee_split(network, 12)
    assert split.per_member_kr == 500 and split.meetings_per_year == 6
    assert split.describe() == ("Honorar 6.000 kr. pr. møde delt på 12 medlemmer: 500 kr. hver pr. møde, "
                                "3.000 kr. hver om året.")


def test_topics_coverage_suggests_uncovered_guide_topics(store):
    network, _ = make_network(store)
    meetings = plan_year(store, network, count=3)
    topics = store.list_topics(network.id)
    assert len(topics) == 8 and all(topic.source == "guide" for topic in topics)
    ensure_guide_topics(store, network.id)
    assert len(store.list_topics(network.id)) == 8
    set_meeting_topic(store, meetings[0].id, topics[0].id)
    set_meeting_topic(store, meetings[1].id, topics[2].id)
    meetings = store.list_meetings(network.id)
    covered = [entry.topic.id for entry in coverage(topics, meetings) if entry.covered]
    assert covered == [topics[0].id, topics[2].id]
    assert [t.title for t in suggest_uncovered(topics, meetings, 2)] == [topics[1].title, topics[3].title]
    other, _ = make_network_named(store, "Andet netværk")
    with pytest.raises(ValidationError):
        set_meeting_topic(store, meetings[0].id, store.list_topics(other.id)[0].id)


def make_network_named(store, name):
    network = store.add_network(Network(name=name))
    ensure_guide_topics(store, network.id)
    return network, []


def test_contract_saved_whole_and_printed_escaped(store):
    network, people = make_network(store, members=2, facilitator="Erhvervspsykolog <Ane>", facilitator_fee_kr=3000)
    rules = [GroundRule(network.id, "Fortrolighed", "guide"), GroundRule(network.id, "<b>Ingen</b> mobiler", "own")]
    gains = {people[0].id: "Blive bedre til den svære samtale", people[1].id: ""}
    save_contract(store, network.id, "Sparring om ledelse i egen praksis", rules, "Det bliver i rummet.", gains,
                        dt.date(2026, 1, 8))
    assert store.get_network(network.id).purpose == "Sparring om ledelse i egen praksis"
    assert [rule.text for rule in store.list_ground_rules(network.id)] == ["Fortrolighed", "<b>Ingen</b> mobiler"]
    assert store.get_member(people[0].id).expected_gain == "Blive bedre til den svære samtale"
    html = service.contract_document(store, network.id)
    assert "&lt;b&gt;Ingen&lt;/b&gt; mobiler" in html and "<b>Ingen" not in html
    assert "Aftalt torsdag den 8. januar 2026." in html
    assert "Forventet personligt udbytte mangler for: Leder 02." in html
    assert "Erhvervspsykolog &lt;Ane&gt;" in html
    assert "Honorar 3.000 kr. pr. møde delt på 2 medlemmer: 1.500 kr. hver pr. møde" in html
    with pytest.raises(ValidationError) as caught:
        save_contract(store, network.id, "Noget nyt", [rules[0], rules[0]], "", {})
    assert "to gange" in caught.value.errors[0].message
    assert store.get_network(network.id).purpose == "Sparring om ledelse i egen praksis"


def test_purpose_warnings():
    from netvaerk_lib.planning.contract import purpose_warning

    assert purpose_warning("  ") == "Formålet er ikke skrevet endnu. Bliv enige om, hvad I vil med netværket."
    assert "Formålet skal altid være mere end socialt." in purpose_warning("Hygge, god mad og et glas vin")
    assert purpose_warning("Sparring på konkrete ledelsesudfordringer og personaleledelse") == ""


def test_agenda_document_is_escaped_and_carries_network_and_theme(store):
    network, _ = make_network(store)
    meeting = plan_year(store, network, count=1)[0]
    set_meeting_topic(store, meeting.id, store.list_topics(network.id)[3].id)
    save_agenda(store, meeting.id, [AgendaItem("<script>alert(1)</script>", 200, "free")])
    meeting = store.get_meeting(meeting.id)
    meeting.note = "Husk <navneskilte>"
    store.update_meeting(meeting)
    html = service.agenda_document(store, meeting.id)
    assert "Husk &lt;navneskilte&gt;" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Ledernetværk Fyn" in html and "Dagsorden – Delegering – hvad og hvordan?" in html
    assert "size: A4" in html
    assert "20 min. for meget" in html  # 200 min. agenda in a 180 min. meeting


def test_only_unused_planned_meetings_can_be_deleted(store):
    network, people = make_network(store)
    first, second = plan_year(store, network, count=2)
    save_agenda(store, first.id, [AgendaItem("Velkomst", 10)])
    store.set_attendance(Attendance(second.id, people[0].id, "cancelled"))
    assert store.delete_planned_meeting(first.id)
    assert not store.delete_planned_meeting(second.id)
    assert [m.id for m in store.list_meetings(network.id)] == [second.id]
