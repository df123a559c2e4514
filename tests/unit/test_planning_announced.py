"""Planning never changes what was announced without asking: the rota says which meetings already in the plan
would get another host or place, keeps them unless told to change, and the plan shows what changed."""

import datetime as dt
import subprocess
import sys

import ipywidgets as widgets
import pytest

from netvaerk_lib.apps.planning import PlanningApp
from netvaerk_lib.model import Member, Network
from netvaerk_lib.planning import service
from netvaerk_lib.planning.dates import propose_dates
from netvaerk_lib.planning.rota import RotaMeeting, assign_hosts
from netvaerk_lib.store import Store
from netvaerk_lib.texts import long_date, t, tn
from netvaerk_lib.ui.finder import find, find_all, text_of


@pytest.fixture
def store(tmp_path):
    """Four members in the rota and one planned meeting on 7 January, announced with the last of them as host."""
    with Store(tmp_path / "announced.sqlite") as store:
        network = store.add_network(Network(name="Netværk Nord", venue_mode="practice"))
        store.add_members(network.id, [Member(name=f"Leder {n}", practice_type="vet", practice_address=f"Vej {n}")
                                       for n in range(4)])
        (meeting,) = service.save_year(store, network, propose_dates("2027-01-07", 1, 1, "torsdag"))
        last = store.list_members(network.id)[-1]
        store.set_host(meeting.id, last.id, last.practice_address, fixed=False)
        yield store


@pytest.fixture
def network(store):
    return store.network_by_name("Netværk Nord")


def announced(store, network):
    return next(m for m in store.list_meetings(network.id) if m.starts_at.date() == dt.date(2027, 1, 7))


def spring(count=3):
    return propose_dates("2027-02-04", count, 1, "torsdag")


def test_the_rota_keeps_announced_hosts_and_counts_them():
    meetings = [RotaMeeting(1, dt.datetime(2027, 1, 7, 17), host_id=4, announced=True),
                RotaMeeting(2, dt.datetime(2027, 2, 4, 17)), RotaMeeting(3, dt.datetime(2027, 3, 4, 17))]
    assert assign_hosts(meetings, [1, 2, 3, 4], {}).hosts == {1: 4, 2: 1, 3: 2}
    fair = [RotaMeeting(m.id, m.starts_at, m.host_id) for m in meetings]
    assert assign_hosts(fair, [1, 2, 3, 4], {}).hosts == {1: 1, 2: 2, 3: 3}
    # Kept even when the announced host has sent a cancellation: changing it is the person's call.
    assert assign_hosts(meetings, [1, 2, 3, 4], {1: {4}}).hosts[1] == 4
    assert assign_hosts([RotaMeeting(1, meetings[0].starts_at, None, announced=True)], [1, 2], {}).hosts == {1: 1}


def test_the_changes_are_worked_out_without_writing_anything(store, network):
    before = announced(store, network)
    members = {m.id: m for m in store.list_members(network.id)}
    changes = service.announced_changes(store, network.id, [p.starts_at for p in spring()])
    assert [change.meeting.id for change in changes] == [before.id]
    (change,) = changes
    first = store.list_members(network.id)[0]
    assert (change.host_id, change.location, change.in_calendar) == (first.id, "Vej 0", False)
    assert service.describe_change(change, {i: m.name for i, m in members.items()}) == (
        f"{long_date(before.starts_at)}: vært Leder 3 → Leder 0, sted Vej 3 → Vej 0")
    assert announced(store, network) == before and len(store.list_meetings(network.id)) == 1
    service.export_ics(store, network.id)
    (change,) = service.announced_changes(store, network.id)
    assert change.in_calendar
    assert service.describe_change(change, {}).endswith("(står i kalenderfilen)")


def test_kept_unless_told_and_then_the_plan_shows_what_it_was(store, network):
    before = announced(store, network)
    service.save_year(store, network, spring())
    service.apply_rota(store, network.id)
    kept = announced(store, network)
    assert (kept.host_member_id, kept.location) == (before.host_member_id, "Vej 3")
    hosts = [m.host_member_id for m in store.list_meetings(network.id)]
    assert None not in hosts and len(set(hosts)) == 4  # the new meetings go to the three who have not hosted
    assert service.plan_rows(store, network.id)[0].change == ""
    assert len(service.announced_changes(store, network.id)) == 4  # the fair rota would move every one of them
    service.apply_rota(store, network.id, change_announced=True)
    changed = announced(store, network)
    assert (changed.host_member_id, changed.location) == (store.list_members(network.id)[0].id, "Vej 0")
    assert service.announced_changes(store, network.id) == []
    row = service.plan_rows(store, network.id)[0]
    assert row.change.endswith(", før: Leder 3, Vej 3")
    plan = store.meeting_plan(changed.id)
    assert (plan.previous_host_id, plan.previous_location) == (before.host_member_id, "Vej 3")


def test_a_host_for_a_meeting_without_one_is_not_a_change(store, network):
    meeting = announced(store, network)
    store.set_host(meeting.id, None, "", fixed=False)
    assert service.announced_changes(store, network.id) == []
    service.apply_rota(store, network.id)
    assert announced(store, network).host_member_id == store.list_members(network.id)[0].id


def test_the_command_line_changes_announced_meetings_only_when_told(store, network, tmp_path):
    plan = [sys.executable, "-m", "netvaerk_lib.cli", "--db", str(store.path), "plan", "--start", "2027-02-04",
            "--count", "2", "--every", "1", "--weekday", "torsdag", "--save", "--network", network.name]
    changed = subprocess.run([*plan, "--change-announced"], capture_output=True, text=True, check=True).stdout
    assert "vært Leder 3 → Leder 0" in changed
    assert tn("planning.announced.changed", 1) in changed
    assert announced(store, network).host_member_id == store.list_members(network.id)[0].id
    both = subprocess.run([*plan, "--change-announced", "--keep-announced"], capture_output=True, text=True)
    assert both.returncode == 2


def section(app, title_key):
    title = t(title_key)
    (card,) = [box for box in find_all(app, widgets.VBox)
               if any(isinstance(child, widgets.HTML) and text_of(child) == title for child in box.children)]
    return card


def shown(root) -> str:
    return " ".join(text_of(block) for block in find_all(root, widgets.HTML))


def propose_spring(app):
    dates = section(app, "planning.app.dates_title")
    find(dates, widgets.DatePicker, t("planning.field.start")).value = dt.date(2027, 2, 1)
    find(dates, widgets.BoundedIntText, t("planning.field.count")).value = 3
    find(dates, widgets.Button, t("planning.app.propose")).click()
    find(dates, widgets.Button, t("planning.app.save_dates")).click()
    return dates


def test_saving_dates_asks_before_moving_an_announced_host_and_no_keeps_it(store, network):
    before = announced(store, network)
    app = PlanningApp(store)
    dates = propose_spring(app)
    assert len(store.list_meetings(network.id)) == 1  # nothing saved while the question waits
    assert tn("planning.announced.question", 1) in shown(dates)
    assert f"{long_date(before.starts_at)}: vært Leder 3 → Leder 0, sted Vej 3 → Vej 0" in shown(dates)
    yes = find(dates, widgets.Button, t("planning.announced.yes"))
    find(dates, widgets.Button, t("planning.announced.no")).click()
    assert len(store.list_meetings(network.id)) == 4
    kept = announced(store, network)
    assert (kept.host_member_id, kept.location) == (before.host_member_id, before.location)
    assert t("planning.announced.kept") in app.messages.value
    assert t("planning.announced.ask") not in shown(dates)
    yes.click()  # the browser can still send a click to the hidden button: nothing is asked now
    assert announced(store, network).host_member_id == before.host_member_id


def test_yes_changes_the_announced_host_and_the_plan_shows_it(store, network):
    app = PlanningApp(store)
    dates = propose_spring(app)
    find(dates, widgets.Button, t("planning.announced.yes")).click()
    assert announced(store, network).host_member_id == store.list_members(network.id)[0].id
    assert tn("planning.announced.changed", 1) in app.messages.value
    assert "før: Leder 3, Vej 3" in shown(dates)
