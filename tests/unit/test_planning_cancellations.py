"""The planning app registers a cancellation when it comes, with its time; the network's own limit says
whether it is late, and the consultant counts it so."""

import datetime as dt

import ipywidgets as widgets
import pytest

from netvaerk_lib import analysis
from netvaerk_lib.apps.planning import PlanningApp
from netvaerk_lib.model import Meeting, Member, Network
from netvaerk_lib.store import Store
from netvaerk_lib.timezone import now
from netvaerk_lib.ui.finder import find, find_all, text_of


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "app.sqlite") as store:
        network = store.add_network(Network(name="Netværk Nord"))
        store.add_members(network.id, [Member(name=f"Leder {n}", practice_type="vet") for n in range(4)])
        yield store


def card_of(app, title: str) -> widgets.VBox:
    cards = [box for box in find_all(app, widgets.VBox)
             if any(isinstance(child, widgets.HTML) and text_of(child) == title for child in box.children)]
    assert len(cards) == 1, title
    return cards[0]


def planned(store, hours_ahead: float) -> Meeting:
    network = store.network_by_name("Netværk Nord")
    starts = (now() + dt.timedelta(hours=hours_ahead)).replace(second=0)
    return store.add_meeting(Meeting(network.id, starts, 180))


def test_a_cancellation_registered_in_the_plan_keeps_its_time_and_the_networks_limit_decides(store):
    soon, later = planned(store, 30), planned(store, 24 * 10)
    app = PlanningApp(store)
    cancellations = card_of(app, "Afbud")
    members = {m.name: m.id for m in store.list_members(app.network.id)}
    for meeting, name in ((soon, "Leder 1"), (later, "Leder 2")):
        find(cancellations, widgets.Dropdown, "Møde").value = meeting.id
        find(cancellations, widgets.Dropdown, "Medlem").value = members[name]
        find(cancellations, widgets.Button, "Registrér afbud").click()
    assert "Afbud fra Leder 2" in app.messages.value and "(i god tid)" in app.messages.value
    soon_record = store.attendance(soon.id)[members["Leder 1"]]
    assert soon_record.notice == "late" and abs(soon_record.cancelled_at - now()) < dt.timedelta(minutes=2)
    assert store.attendance(later.id)[members["Leder 2"]].notice == "in_time"
    find(cancellations, widgets.Dropdown, "Møde").value = soon.id
    assert "Leder 1: sent" in text_of(find_all(cancellations, widgets.HTML)[-1])
    # The consultant's figures, once the meeting has been held
    data = analysis.load(store, as_of=soon.starts_at + dt.timedelta(hours=4))
    row = analysis.attendance_per_meeting(data).set_index("meeting_id").loc[soon.id]
    assert (row["late"], row["cancelled"]) == (1, 0)


def test_the_limit_for_late_is_the_networks_own(store):
    meeting = planned(store, 30)
    app = PlanningApp(store)
    frame = card_of(app, "Rammer")
    find(frame, widgets.Text, "Sent afbud (timer før mødet)").value = "24"
    find(frame, widgets.Button, "Gem rammerne").click()
    assert store.get_network(app.network.id).late_cancellation_hours == 24
    cancellations = card_of(app, "Afbud")
    find(cancellations, widgets.Dropdown, "Møde").value = meeting.id
    find(cancellations, widgets.Button, "Registrér afbud").click()
    member_id = find(cancellations, widgets.Dropdown, "Medlem").value
    assert store.attendance(meeting.id)[member_id].notice == "in_time"  # 30 hours before, the limit is 24
