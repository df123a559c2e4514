"""The calendar file, read back with an independent reader (vobject), and stable across re-exports."""

import datetime as dt
import re
import subprocess
import sys

import pytest
import vobject

from netvaerk_lib.model import Member, Network
from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.planning import service
from netvaerk_lib.planning.agenda import save_agenda
from netvaerk_lib.planning.dates import propose_dates
from netvaerk_lib.planning.service import move_meeting, set_meeting_topic
from netvaerk_lib.planning.topics import ensure_guide_topics
from netvaerk_lib.store import Store


@pytest.fixture
def planned(tmp_path):
    path = tmp_path / "ics.sqlite"
    with Store(path) as store:
        network = store.add_network(Network(name="Ledernetværk Øst", length_minutes=180))
        store.add_members(network.id, [Member(name=f"Leder {n}", practice_type="vet",
                                              practice_address=f"Dyrlægevej {n}, 2100 København Ø") for n in range(8)])
        ensure_guide_topics(store, network.id)
        service.save_year(store, network, propose_dates("2026-01-08", 12, 1, "torsdag", "17:00"))
        topics = store.list_topics(network.id)
        for meeting, topic in zip(store.list_meetings(network.id), topics, strict=False):
            set_meeting_topic(store, meeting.id, topic.id)
        service.apply_rota(store, network.id)
        yield store, network, path


def events_by_uid(data: bytes):
    calendar = vobject.readOne(data.decode("utf-8"))
    return calendar, {event.uid.value: event for event in calendar.vevent_list}


def raw_events(data: bytes) -> dict[str, str]:
    """Each VEVENT's exact text, keyed by UID (lines unfolded)."""
    text = data.decode("utf-8").replace("\r\n ", "")
    blocks = re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, flags=re.S)
    return {re.search(r"^UID:(.*)$", block, flags=re.M).group(1).strip(): block for block in blocks}


def test_the_calendar_parses_with_vobject(planned):
    store, network, _ = planned
    data = service.export_ics(store, network.id, at=dt.datetime(2025, 12, 1, 12, 0))
    calendar, events = events_by_uid(data)
    meetings = store.list_meetings(network.id)
    assert len(events) == len(meetings) == 12
    assert calendar.vtimezone.tzid.value == "Europe/Copenhagen"
    by_start = sorted(events.values(), key=lambda event: event.dtstart.value)
    first, june = by_start[0], by_start[5]
    assert first.dtstart.value.utcoffset() == dt.timedelta(hours=1)  # winter time
    assert june.dtstart.value.utcoffset() == dt.timedelta(hours=2)  # summer time
    assert first.dtstart.value.replace(tzinfo=None) == dt.datetime(2026, 1, 8, 17, 0)
    assert first.dtend.value - first.dtstart.value == dt.timedelta(minutes=180)
    assert first.summary.value == ("Ledernetværk Øst: Hvad er ledelse – og hvilke forskellige ledelsesroller "
                                   "bevæger vi os i?")
    host = store.get_member(meetings[0].host_member_id)
    assert first.location.value == host.practice_address
    description = first.description.value
    assert f"Vært: {host.name}" in description
    assert "17:00-17:10 Velkomst og dagens program (10 min.)" in description
    assert "Præsentationsrunde (16 min.)" in description
    assert "Evaluer modellen" in by_start[3].description.value  # the 4th meeting ends the trial period
    assert all(int(event.sequence.value) == 0 for event in events.values())


def test_re_export_after_moving_one_meeting_changes_that_event_and_no_other(planned):
    store, network, _ = planned
    before = service.export_ics(store, network.id, at=dt.datetime(2025, 12, 1, 12, 0))
    again = service.export_ics(store, network.id, at=dt.datetime(2025, 12, 2, 12, 0))
    assert again == before  # nothing changed: the same file, byte for byte
    moved = store.list_meetings(network.id)[4]
    move_meeting(store, moved.id, dt.datetime(2026, 5, 21, 16, 0), "flyttet i hånden")
    after = service.export_ics(store, network.id, at=dt.datetime(2025, 12, 3, 9, 30))
    old, new = raw_events(before), raw_events(after)
    assert old.keys() == new.keys()  # the same UIDs: calendar programs update instead of duplicating
    changed = [uid for uid in old if old[uid] != new[uid]]
    assert len(changed) == 1
    _, events = events_by_uid(after)
    event = events[changed[0]]
    assert event.dtstart.value.replace(tzinfo=None) == dt.datetime(2026, 5, 21, 16, 0)
    assert int(event.sequence.value) == 1
    assert event.dtstamp.value == dt.datetime(2025, 12, 3, 8, 30, tzinfo=dt.UTC)
    assert "16:00-16:05 Velkomst (5 min.)" in event.description.value


def test_an_agenda_change_bumps_only_that_event(planned):
    store, network, _ = planned
    before = raw_events(service.export_ics(store, network.id))
    meeting = store.list_meetings(network.id)[7]
    save_agenda(store, meeting.id, [AgendaItem("Oplæg: ferieplanlægning", 60, "free")])
    after = raw_events(service.export_ics(store, network.id))
    changed = [uid for uid in before if before[uid] != after[uid]]
    assert len(changed) == 1 and "SEQUENCE:1" in after[changed[0]]
    assert "Oplæg: ferieplanlægning" in after[changed[0]].replace("\\,", ",")


def test_command_line_plan_and_ics(planned, tmp_path):
    _, network, path = planned
    out = subprocess.run([sys.executable, "-m", "netvaerk_lib.cli", "--db", str(path), "plan", "--start",
                          "2026-01-01", "--count", "12", "--every", "1", "--weekday", "torsdag", "--time", "17:30"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(out) == 12
    assert out[0] == ("2026-01-08 17:30 torsdag den 8. januar 2026 "
                      "(flyttet fra torsdag den 1. januar 2026: Nytårsdag)")
    assert out[1] == "2026-02-05 17:30 torsdag den 5. februar 2026"
    assert all(re.match(r"^\d{4}-\d{2}-\d{2} ", line) for line in out)
    bad = subprocess.run([sys.executable, "-m", "netvaerk_lib.cli", "--db", str(path), "plan", "--start",
                          "2026-01-01", "--count", "3", "--every", "1", "--weekday", "blursday"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "Ugedag: 'blursday' er ikke en ugedag" in bad.stderr
    target = tmp_path / "kalender.ics"
    result = subprocess.run([sys.executable, "-m", "netvaerk_lib.cli", "--db", str(path), "ics", "--output",
                             str(target), "--network", network.name], capture_output=True, text=True, check=True)
    assert "Skrev 12 møder" in result.stdout
    _, events = events_by_uid(target.read_bytes())
    assert len(events) == 12
    with Store(path) as store:
        hosts = {m.id: m.host_member_id for m in store.list_meetings(network.id)}
    plan_two = [sys.executable, "-m", "netvaerk_lib.cli", "--db", str(path), "plan", "--start", "2026-01-01",
                "--count", "2", "--every", "1", "--weekday", "torsdag", "--save"]
    asked = subprocess.run(plan_two, capture_output=True, text=True)
    # New meetings between announced ones would move hosts: it says which, and saves nothing without a flag.
    assert asked.returncode == 3 and "Intet er gemt. Kør igen med --change-announced" in asked.stderr
    assert "der allerede er meldt ud:" in asked.stdout and "vært Leder" in asked.stdout
    with Store(path) as store:
        assert len(store.list_meetings(network.id)) == 12
    saved = subprocess.run([*plan_two, "--keep-announced"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    # 1 January is a holiday and the network already meets on the 8th: the first proposal goes to the 15th.
    assert saved[0].startswith("2026-01-15 17:00") and "Nytårsdag" in saved[0]
    assert saved[1] == "2026-02-05 17:00 torsdag den 5. februar 2026"
    assert "2 møder er gemt i Ledernetværk Øst, og værtsrollen er fordelt." in saved
    assert saved[-1] == "Møderne, der er meldt ud, beholder vært og sted."
    with Store(path) as store:
        meetings = store.list_meetings(network.id)
        assert len(meetings) == 14 and all(m.host_member_id for m in meetings)
        assert {m.id: m.host_member_id for m in meetings if m.id in hosts} == hosts
    missing = subprocess.run([sys.executable, "-m", "netvaerk_lib.cli", "--db", str(path), "ics", "--output",
                              str(target), "--network", "Findes ikke"], capture_output=True, text=True)
    assert missing.returncode == 1 and "Netværket 'Findes ikke' findes ikke" in missing.stderr


def test_every_event_has_the_offset_the_time_zone_database_gives(planned):
    from netvaerk_lib.timezone import COPENHAGEN

    store, network, _ = planned
    service.save_year(store, network, propose_dates("2027-01-07", 24, 1, "lørdag", "10:00"))
    _, events = events_by_uid(service.export_ics(store, network.id))
    assert len(events) == 36
    for event in events.values():
        local = event.dtstart.value.replace(tzinfo=None)
        assert event.dtstart.value.utcoffset() == local.replace(tzinfo=COPENHAGEN).utcoffset(), local


def test_years_before_the_eu_rule_get_explicit_transitions():
    from netvaerk_lib.planning.ics import copenhagen_vtimezone

    text = copenhagen_vtimezone(range(1990, 1992)).to_ical().decode()
    assert "RRULE" not in text and "TZOFFSETTO:+0200" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in copenhagen_vtimezone(range(2026, 2030)).to_ical().decode()


def test_removing_a_meeting_cancels_it_in_calendars_that_have_it(planned):
    store, network, _ = planned
    meetings = store.list_meetings(network.id)
    before = raw_events(service.export_ics(store, network.id))
    assert service.remove_meeting(store, meetings[6].id) == "cancelled"
    after = raw_events(service.export_ics(store, network.id))
    assert after.keys() == before.keys()
    changed = [uid for uid in before if before[uid] != after[uid]]
    assert len(changed) == 1
    assert "STATUS:CANCELLED" in after[changed[0]] and "SEQUENCE:1" in after[changed[0]]
    fresh = service.save_year(store, network, propose_dates("2027-03-04", 1, 1, "torsdag"))[0]
    assert service.remove_meeting(store, fresh.id) == "deleted"  # never in a calendar: simply gone
    assert fresh.id not in {m.id for m in store.list_meetings(network.id)}
    with pytest.raises(Exception, match="vælg et planlagt møde"):
        service.remove_meeting(store, meetings[6].id)  # already cancelled
