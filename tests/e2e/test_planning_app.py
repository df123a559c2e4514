"""Mødeplanlægning, driven as a facilitator would: plan a year, move a date, download the calendar and agenda;
nothing announced changes without asking; each meeting shows its own theme."""

import datetime as dt
from pathlib import Path

import holidays
import vobject
from playwright.sync_api import expect

from netvaerk_lib.model import Meeting
from netvaerk_lib.texts import long_date, short_date

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def _network_meetings(server):
    with server.store() as store:
        network = store.default_network()
        return network, store.list_meetings(network.id), store.meeting_plans(network.id)


def _thursday(year: int, month: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(3 - first.weekday()) % 7) + dt.timedelta(weeks=nth - 1)
    return day if day.month == month else day - dt.timedelta(weeks=1)


def test_plan_a_year_move_a_date_and_download_calendar_and_agenda(page, open_app, shoot, axe, server, tmp_path):
    network, before, _ = _network_meetings(server)
    # A year after the demo's meetings, on the n-th Thursday that Ascension Day (always a Thursday) falls on.
    year = max(m.starts_at.year for m in before) + 1
    ascension = next(day for day, name in holidays.country_holidays("DK", years=year, language="da").items()
                     if name == "Kristi himmelfartsdag")
    start = _thursday(year, 1, min((ascension.day - 1) // 7 + 1, 5))
    open_app(page, "planlaegning")
    dates = page.locator(".nv-plan-dates")
    dates.locator("input[type=date]").first.fill(start.isoformat())
    count = dates.get_by_label("Antal møder")
    count.fill("12")
    count.press("Tab")
    dates.get_by_label("Mødefrekvens").select_option(label="Hver måned")
    dates.get_by_label("Ugedag").select_option(label="Torsdag")
    dates.get_by_label("Klokkeslæt", exact=True).fill("16:30")
    dates.get_by_role("button", name="Foreslå datoer").click()
    proposals = page.locator(".nv-proposals")
    proposals.wait_for()
    text = proposals.inner_text()
    assert start.isoformat() in text
    assert f"flyttet fra {long_date(ascension)}: Kristi himmelfartsdag" in text  # the plan says why it moved
    assert f"{ascension.isoformat()}\t" not in text
    dates.get_by_role("button", name="Gem datoerne i planen").click()
    # The fair rota would give the demo's next meeting, already announced, another host: it asks first.
    announced = next(m for m in before if m.status == "planned")
    question = dates.locator(".nv-announced [role=alert]")
    question.wait_for()
    assert f"{long_date(announced.starts_at)}: vært " in question.inner_text()
    assert len(_network_meetings(server)[1]) == len(before)  # nothing saved while it asks
    dates.get_by_role("button", name="Nej, behold").click()
    page.get_by_text("12 møder er lagt i planen").wait_for()
    network, after, plans = _network_meetings(server)
    kept = next(m for m in after if m.id == announced.id)
    assert (kept.host_member_id, kept.location) == (announced.host_member_id, announced.location)
    new = [m for m in after if m.id not in {b.id for b in before}]
    assert len(new) == 12
    assert all(m.starts_at.time() == dt.time(16, 30) and m.starts_at.weekday() == 3 for m in new)
    assert ascension not in {m.starts_at.date() for m in new}
    assert any("Kristi himmelfartsdag" in plans[m.id].move_reason for m in new)
    assert all(m.host_member_id for m in new)  # the rota gave every new meeting a host
    dates.locator("table.nv-plan", has_text="Kristi himmelfartsdag").wait_for()
    shoot(page, "planning-desktop")
    axe(page)

    # Move the February meeting one week later by hand.
    february = next(m for m in new if m.starts_at.month == 2)
    target = february.starts_at + dt.timedelta(weeks=1)
    meeting_select = dates.get_by_label("Møde", exact=True)
    option = meeting_select.locator("option").filter(has_text=f"{short_date(february.starts_at)} 16:30")
    meeting_select.select_option(value=option.first.get_attribute("value"))
    dates.locator("input[type=date]").nth(1).fill(target.date().isoformat())
    dates.get_by_label("Hvorfor (valgfrit)").fill("Lokalet er optaget.")
    dates.get_by_role("button", name="Flyt mødet").click()
    page.get_by_text(f"Mødet er flyttet til {long_date(target)}").wait_for()
    _, moved, plans = _network_meetings(server)
    assert next(m for m in moved if m.id == february.id).starts_at == target
    assert plans[february.id].move_reason == (f"flyttet i hånden fra {long_date(february.starts_at)}. "
                                              "Lokalet er optaget.")

    # Download the calendar file and read it with an independent reader.
    exports = page.locator(".nv-plan-export")
    exports.get_by_role("button", name="Lav kalenderfil").click()
    link = exports.locator("a[download]")
    link.wait_for()
    with page.expect_download() as download_info:
        link.click()
    ics_path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(ics_path)
    assert ics_path.name == "netvaerk-moeder.ics"
    calendar = vobject.readOne(ics_path.read_text(encoding="utf-8"))
    events = calendar.vevent_list
    assert len(events) == len(moved)
    starts = {event.dtstart.value.replace(tzinfo=None) for event in events}
    assert target in starts and february.starts_at not in starts
    assert all(network.name in event.summary.value for event in events)

    # Download the printable agenda of the moved meeting.
    agenda = page.locator(".nv-plan-agenda")
    select = agenda.get_by_label("Møde", exact=True)
    option = select.locator("option").filter(has_text=f"{short_date(target)} 16:30")
    select.select_option(value=option.first.get_attribute("value"))
    agenda.locator(".nv-time-check").wait_for()
    agenda.get_by_role("button", name="Lav dagsorden til print").click()
    agenda_link = agenda.locator("a[download]")
    agenda_link.wait_for()
    with page.expect_download() as download_info:
        agenda_link.click()
    agenda_path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(agenda_path)
    assert agenda_path.name == f"dagsorden-{target.date().isoformat()}.html"
    html = agenda_path.read_text(encoding="utf-8")
    assert network.name.replace("'", "&#x27;") in html or network.name in html
    assert "Dagsorden –" in html and "16:30–16:35" in html and "size: A4" in html
    preview = page.context.new_page()
    preview.goto(agenda_path.as_uri())
    preview.screenshot(path=str(SCREENSHOTS / "planning-agenda-print.png"), full_page=True)  # not an app page
    preview.close()
    shoot(page, "planning-desktop-after")


def test_agenda_editing_warns_when_over_and_saves_in_order(page, open_app, server):
    open_app(page, "planlaegning")
    agenda = page.locator(".nv-plan-agenda")
    agenda.locator(".nv-time-check").wait_for()
    first_minutes = agenda.get_by_label("Minutter").first
    first_minutes.fill("400")
    first_minutes.press("Tab")
    agenda.locator(".nv-time-check", has_text="for meget").wait_for()
    agenda.get_by_role("button", name="Ned", exact=True).first.click()
    expect(agenda.get_by_label("Punkt 2", exact=True)).to_have_value("Velkomst")
    expect(agenda.get_by_label("Minutter").nth(1)).to_have_value("400")
    agenda.get_by_label("Punkt 2", exact=True).fill("<b>Velkomst</b> med kaffe")
    agenda.get_by_role("button", name="Gem dagsorden").click()
    page.locator(".nv-messages", has_text="Dagsordenen er gemt.").wait_for()
    assert "for meget" in page.locator(".nv-messages").inner_text()
    with server.store() as store:
        network = store.default_network()
        next_meeting = next(m for m in store.list_meetings(network.id) if m.status == "planned")
        saved = store.stored_agenda(next_meeting.id)
    assert [item.title for item in saved[:2]] == ["Opfølgning på cases og mål fra sidste møde",
                                                  "<b>Velkomst</b> med kaffe"]
    assert saved[1].minutes == 400 and saved[1].exercise_type == "none"
    assert saved[0].exercise_type == "presentation"


def test_planning_app_on_a_phone(phone, open_app, shoot, axe):
    open_app(phone, "planlaegning")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    shoot(phone, "planning-phone")
    axe(phone)


def test_contract_warns_on_a_social_purpose_and_prints(page, open_app, server, tmp_path):
    open_app(page, "planlaegning")
    contract = page.locator(".nv-plan-contract")
    purpose = contract.get_by_label("Formål")
    purpose.fill("Hygge og god mad")
    contract.get_by_text("Formålet lyder kun socialt.").wait_for()
    purpose.fill("Sparring om personaleledelse og strategi i egen praksis")
    expect(contract.get_by_text("Formålet lyder kun socialt.")).to_have_count(0)
    contract.get_by_role("button", name="Gem kontrakten").click()
    page.locator(".nv-messages", has_text="Kontrakten er gemt.").wait_for()
    with server.store() as store:
        assert store.default_network().purpose == "Sparring om personaleledelse og strategi i egen praksis"
    contract.get_by_role("button", name="Lav kontrakt til print").click()
    link = contract.locator("a[download]")
    link.wait_for()
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "kontrakt.html"
    download_info.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert "Vores netværkskontrakt" in html and "Sparring om personaleledelse" in html and "Fortrolighed" in html


def _planned(server):
    with server.store() as store:
        network = store.default_network()
        names = {member.id: member.name for member in store.list_members(network.id)}
        return network, [m for m in store.list_meetings(network.id) if m.status == "planned"], names


def test_sharing_out_the_hosting_asks_before_changing_an_announced_host(page, open_app, shoot, axe, server):
    network, before, names = _planned(server)
    announced = before[0]  # the demo's next meeting: its host and address are in the plan already
    open_app(page, "planlaegning")
    rota = page.locator(".nv-plan-rota")
    rota.get_by_role("button", name="Fordel værtsrollen", exact=True).click()
    question = rota.locator(".nv-announced [role=alert]")
    question.wait_for()
    text = question.inner_text()
    assert "der allerede er meldt ud" in text and f"{long_date(announced.starts_at)}: vært " in text
    assert f"vært {names[announced.host_member_id]} → " in text
    _, unchanged, _ = _planned(server)
    assert [(m.host_member_id, m.location) for m in unchanged] == [(m.host_member_id, m.location) for m in before]
    shoot(page, "planning-announced-question")
    axe(page)
    rota.get_by_role("button", name="Ja, skift").click()
    page.locator(".nv-messages", has_text="ny vært eller nyt sted").wait_for()
    expect(question).to_have_count(0)
    _, after, _ = _planned(server)
    assert next(m for m in after if m.id == announced.id).host_member_id != announced.host_member_id
    plan = page.locator(".nv-plan-dates table.nv-plan")
    changed = plan.locator("tr", has_text=announced.starts_at.date().isoformat())
    expect(changed.locator(".nv-changed")).to_contain_text(f"før: {names[announced.host_member_id]}")
    shoot(page, "planning-announced-changed")


def test_the_theme_dropdown_shows_each_meetings_own_theme(page, open_app, server):
    with server.store() as store:
        network = store.default_network()
        topics = store.list_topics(network.id)
        planned = [m for m in store.list_meetings(network.id) if m.status == "planned"]
        later = store.add_meeting(Meeting(network_id=network.id, length_minutes=network.length_minutes,
                                          starts_at=dt.datetime.combine(planned[-1].starts_at.date()
                                                                        + dt.timedelta(weeks=30), dt.time(17)),
                                          topic_id=topics[-1].id))
    titles = {topic.id: topic.title for topic in topics}
    first = planned[0]
    assert first.topic_id and first.topic_id != later.topic_id
    open_app(page, "planlaegning")
    themes = page.locator(".nv-plan-themes")
    meeting, theme = themes.get_by_label("Møde", exact=True), themes.get_by_label("Tema", exact=True)
    expect(meeting.locator("option:checked")).to_contain_text(short_date(first.starts_at))
    expect(theme.locator("option:checked")).to_have_text(titles[first.topic_id])  # not "Intet tema endnu"
    theme.select_option(label=titles[topics[0].id])  # picked but not set
    meeting.select_option(label=f"{short_date(later.starts_at)} 17:00")
    expect(theme.locator("option:checked")).to_have_text(titles[later.topic_id])
    meeting.select_option(value=meeting.locator("option").filter(
        has_text=short_date(first.starts_at)).first.get_attribute("value"))
    expect(theme.locator("option:checked")).to_have_text(titles[first.topic_id])


def test_the_checkpoint_meetings_agenda_evaluates_the_model(page, open_app, server):
    with server.store() as store:
        network = store.default_network()
        meetings = [m for m in store.list_meetings(network.id) if m.status != "cancelled"]
    checkpoint = meetings[network.trial_meetings - 1]  # the guide's trial: try the model for 3-4 meetings
    open_app(page, "planlaegning")
    agenda = page.locator(".nv-plan-agenda")
    select = agenda.get_by_label("Møde", exact=True)
    select.select_option(value=select.locator("option").filter(
        has_text=short_date(checkpoint.starts_at)).first.get_attribute("value"))
    note = agenda.locator(".nv-agenda-item", has_text="Hvor ofte vil I samles")
    note.wait_for()
    for question in ("Hvor længe", "Hvor skal I være", "facilitering og mødeledelse"):
        assert question in note.inner_text()
    expect(note.get_by_label("Punkt", exact=False)).to_have_value("Evaluer modellen: fortsætter vi sådan?")
    note.scroll_into_view_if_needed()
    agenda.screenshot(path=str(SCREENSHOTS / "planning-checkpoint-agenda.png"))
    # Another meeting's agenda has no such item.
    other = next(m for m in meetings if m.status == "planned")
    select.select_option(value=select.locator("option").filter(
        has_text=short_date(other.starts_at)).first.get_attribute("value"))
    expect(agenda.locator(".nv-agenda-item", has_text="Hvor ofte vil I samles")).to_have_count(0)
