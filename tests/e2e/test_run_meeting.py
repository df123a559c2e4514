"""Kør mødet in a real Voilà and Chromium: a whole demo meeting run from the facilitator's one screen.

Check-in, the follow-up round on goals, the presentation round timer (the page clock is the test's), interview
pairs with a question, the flip-over (last meeting's points shown again), the contract, sparring groups with
roles and the timer, the evaluation opened with codes and answered by three members on phones, the next meeting
agreed and the meeting closed; afterwards everything is in the store.

This module has its own server (and database): it changes the demo's next meeting.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from harness import APP_TIMEOUT_MS, PHONE, RATING_LABELS, _page, running_server
from playwright.sync_api import expect

from netvaerk_lib.model.planning import AgendaItem
from netvaerk_lib.planning.agenda import save_agenda
from netvaerk_lib.texts import long_date
from netvaerk_lib.timezone import now

SECOND = 1000
MINUTE = 60 * SECOND
PROJECTOR = {"width": 1920, "height": 1080}
AGENDA = [
    AgendaItem("Velkomst", 5, "none"),
    AgendaItem("Opfølgning på mål fra sidste møde", 15, "none"),
    AgendaItem("Præsentationsrunde", 20, "presentation", "Ca. 2 min. hver."),
    AgendaItem("Gensidige interviews", 15, "interview"),
    AgendaItem("Opsamling på flipover", 15, "free"),
    AgendaItem("Spilleregler og fortrolighed", 10, "none"),
    AgendaItem("Sparringsøvelse", 20, "sparring"),
    AgendaItem("Kort evaluering", 10, "free"),
    AgendaItem("Næste møde: dato og tema", 5, "none"),
]
HOSTILE = '<img src=x onerror="window.__pwned=1">Tryghed & fortrolighed'


@pytest.fixture(scope="module")
def server():
    with running_server("netvaerk-e2e-run-") as running:
        yield running


@pytest.fixture(scope="module")
def demo_meeting(server):
    """The demo's next meeting, begun an hour ago, with an agenda that has every kind of exercise, and a point on
    the last held meeting's flip-over."""
    with server.store() as store:
        network = store.default_network()
        meeting = store.next_meeting(network.id, now())
        meeting.starts_at = (now() - dt.timedelta(hours=1)).replace(second=0)  # begun: it can be finished as held
        meeting = store.update_meeting(meeting)
        save_agenda(store, meeting.id, [AgendaItem(i.title, i.minutes, i.exercise_type, i.note) for i in AGENDA])
        held = [m for m in store.list_meetings(network.id) if m.status == "held"][-1]
        store.add_flipover_point(held.id, "Sidst: mere tid til sparring", held.starts_at)
        members = store.list_members(network.id)
        goals = [g for g in store.list_goals(network.id) if g.status == "open" and g.meeting_id == held.id]
        return meeting, members, held, goals


def item(page, title: str):
    return page.locator(".nv-run-item", has_text=title)


def start(page, title: str) -> None:
    item(page, title).get_by_role("button", name="Start").click()
    expect(item(page, title)).to_contain_text("nu")


def section(page, css: str):
    view = page.locator(css)
    expect(view).to_be_visible()
    return view


def forward(page, ms: int) -> None:
    page.clock.fast_forward(ms)
    page.clock.run_for(300)


def timer_button(page, name: str):
    return page.locator(".nt-timer").get_by_role("button", name=name, exact=True)


def group_members(page) -> list[str]:
    groups = page.locator(".nv-run-exercise .nv-grouping-group")
    return [groups.nth(index).get_attribute("data-members") for index in range(groups.count())]


def answer_on_a_phone(browser, server, open_app, shoot, code: str, number: int) -> None:
    context, phone = _page(browser, server, PHONE, is_mobile=True, has_touch=True)
    phone.set_default_navigation_timeout(APP_TIMEOUT_MS)  # a busy machine starts kernels slowly
    try:
        open_app(phone, "evaluering", f"?code={code}")
        for label, value in zip(RATING_LABELS, (5, 4, 4, 5, 5), strict=True):
            phone.get_by_role("group", name=re.compile(re.escape(label))).get_by_role("radio", name=str(value)).click()
        phone.get_by_label("Hvad har især været godt i dag?").fill(f"Sparringen i trioer ({number})")
        if number == 1:
            shoot(phone, "run-meeting-member-form-phone")
        phone.get_by_role("button", name="Send evaluering").click()
        expect(phone.get_by_role("heading", name="Tak for din evaluering!")).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        foreign = phone.requests.foreign(server.url, server.form_url)
        assert not foreign, f"requests to other hosts: {foreign}"
    finally:
        context.close()


def test_a_whole_meeting_run_from_the_dashboard(page, browser, open_app, shoot, axe, server, demo_meeting):
    meeting, members, held, goals = demo_meeting
    page.clock.install()
    page.set_default_navigation_timeout(APP_TIMEOUT_MS)  # a busy machine starts kernels slowly
    open_app(page, "koer_moedet")
    status = page.locator(".nv-run-status")
    expect(status).to_contain_text("Mødet er ikke begyndt")
    expect(page.get_by_role("button", name="Start mødet: Velkomst →")).to_be_visible()
    expect(page.locator(".nv-run-item")).to_have_count(len(AGENDA))
    shoot(page, "run-meeting-desktop")
    axe(page)

    # Check-in: one cancellation, one absence, everyone else present
    start(page, "Velkomst")
    checkin = section(page, ".nv-run-checkin")
    cancelled, absent = members[0], members[1]
    rows = checkin.locator(".nv-run-checkin-row")
    rows.filter(has_text=cancelled.name).get_by_role("button", name="Afbud", exact=True).click()
    expect(checkin).to_contain_text("afbud: 1")
    rows.filter(has_text=absent.name).get_by_role("button", name="Udeblevet uden afbud").click()
    expect(checkin).to_contain_text("udeblevet: 1")
    checkin.get_by_role("button", name="Resten er til stede").click()
    present = len(members) - 2
    expect(checkin).to_contain_text(f"Til stede: {present} · afbud: 1 · udeblevet: 1 · mangler: 0")
    expect(status).to_contain_text("Velkomst")

    # Follow-up round: the goals set at the last meeting
    start(page, "Opfølgning på mål")
    follow_up = section(page, ".nv-run-follow-up")
    rows = follow_up.locator(".nv-run-goal-row")
    expect(rows.first).to_be_visible()
    marked = {}
    for index, choice in enumerate(("Gennemført", "Fortsætter", "Droppet")):
        owner = next(m.name for m in members if m.id == goals[index].member_id)
        row = rows.filter(has_text=owner).filter(has_text=goals[index].text).first
        choice_button = row.get_by_role("button", name=choice, exact=True)
        choice_button.click()
        marked[goals[index].id] = choice
        expect(choice_button).to_have_class(re.compile(r"nv-run-chosen"))
    follow_up.get_by_label("Medlem").select_option(label=members[3].name)
    follow_up.get_by_label("Nyt mål").fill("Holde en fast ledelsestime hver uge")
    follow_up.get_by_role("button", name="Tilføj mål").click()
    expect(follow_up).to_contain_text("Holde en fast ledelsestime hver uge")
    shoot(page, "run-meeting-follow-up-desktop")
    axe(page)

    # Presentation round: one phase of 2 minutes per member present, under the page clock
    start(page, "Præsentationsrunde")
    exercise = section(page, ".nv-run-exercise")
    expect(exercise.locator(".nt-counter")).to_have_text(f"Fase 1 af {present}")
    expect(exercise.locator(".nt-clock")).to_have_text("2:00")
    timer_button(page, "Start").click()
    forward(page, 2 * MINUTE + 10 * SECOND)
    expect(page.locator(".nt-timer")).to_have_attribute("data-zone", "overtime")
    timer_button(page, "Næste fase →").click()
    expect(exercise.locator(".nt-counter")).to_have_text(f"Fase 2 af {present}")
    forward(page, MINUTE)
    timer_button(page, "Pause").click()
    expect(page.locator(".nt-timer")).to_have_attribute("data-status", "paused")

    # Interview pairs from the grouping panel (those checked in), another proposal, locked; the timer follows
    page.get_by_role("button", name="Næste punkt: Gensidige interviews →").click()  # one click on
    expect(item(page, "Gensidige interviews")).to_contain_text("nu")
    exercise = section(page, ".nv-run-exercise")
    expect(exercise.locator(".nv-grouping-group")).to_have_count(present // 2)
    first_pairs = group_members(page)
    assert sorted(int(m) for pair in first_pairs for m in pair.split(",")) == sorted(
        m.id for m in members if m.id not in (cancelled.id, absent.id))
    exercise.get_by_role("button", name="Andet forslag").click()
    expect(exercise.locator(".nv-grouping-group").first).not_to_have_attribute("data-members", first_pairs[0])
    first_group = exercise.locator(".nv-grouping-group").first
    asker = first_group.locator(".nv-grouping-name").first.inner_text().split(" spørger ")[0]
    expect(exercise.locator(".nt-main")).to_contain_text(asker)
    exercise.get_by_role("button", name="Lås og gem").click()
    expect(exercise.locator(".nv-grouping-rounds[data-locked='yes']")).to_have_count(1)
    exercise.get_by_label("Spørgsmål på timeren").select_option(label="Hvad er din drøm?")
    expect(exercise.locator(".nt-prompt")).to_contain_text("Hvad er din drøm?")
    expect(exercise.locator(".nt-counter")).to_have_text("Fase 1 af 2")
    timer_button(page, "Start").click()
    forward(page, 5 * MINUTE + 2 * SECOND)
    timer_button(page, "Næste fase →").click()
    forward(page, 5 * MINUTE)
    timer_button(page, "Afslut").click()
    expect(page.locator(".nt-timer")).to_have_attribute("data-status", "done")

    # Flip-over: last meeting's points again, new points typed (shown escaped), one removed
    start(page, "Opsamling på flipover")
    flipover = section(page, ".nv-run-flipover")
    expect(flipover.locator(".nv-run-previous")).to_contain_text("Sidst: mere tid til sparring")
    for text in ("Sparring på konkrete cases", HOSTILE, "Skrivefejl"):
        flipover.get_by_label("Nyt punkt på flipoveren").fill(text)
        flipover.get_by_role("button", name="Tilføj punkt").click()
        expect(flipover.locator(".nv-run-point-row", has_text=text)).to_be_visible()
    flipover.locator(".nv-run-point-row", has_text="Skrivefejl").get_by_role("button", name="Fjern").click()
    expect(flipover.locator(".nv-run-point-row")).to_have_count(2)
    flipover.get_by_role("button", name="Tilføj punkt").click()
    expect(flipover.locator(".nv-field-error")).to_contain_text("skriv punktet")
    assert page.evaluate("window.__pwned") is None
    expect(section(page, ".nv-run-exercise").locator(".nt-title")).to_have_text("Opsamling på flipover")
    shoot(page, "run-meeting-flipover-desktop")
    axe(page)

    # The contract on screen
    start(page, "Spilleregler og fortrolighed")
    contract = section(page, ".nv-run-contract")
    expect(contract.locator(".nv-run-rules li").first).to_be_visible()
    expect(contract).to_contain_text("Fortrolighed")

    # Sparring groups with roles and the sparring timer, on the projector
    start(page, "Sparringsøvelse")
    exercise = section(page, ".nv-run-exercise")
    expect(exercise.locator(".nv-grouping-group").first).to_be_visible()
    roles = exercise.locator(".nv-grouping-groups").first.inner_text()
    assert "har udfordringen" in roles and "stiller spørgsmålene" in roles
    case_giver = (exercise.locator(".nv-grouping-group").first.locator("li", has_text="har udfordringen")
                  .locator(".nv-grouping-name"))
    expect(exercise.locator(".nt-main")).to_contain_text(case_giver.inner_text())
    expect(exercise.locator(".nt-counter")).to_have_text("Fase 1 af 4")
    timer_button(page, "Start").click()
    forward(page, 3 * MINUTE + 5 * SECOND)
    timer_button(page, "Næste fase →").click()
    forward(page, 4 * MINUTE)
    page.set_viewport_size(PROJECTOR)
    page.get_by_role("button", name="Projektorvisning").click()
    expect(page.locator(".nv-run-projector")).to_have_count(1)
    shoot(page, "run-meeting-projector")
    axe(page)
    page.get_by_role("button", name="Projektorvisning").click()
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(status).to_contain_text("Sparringsøvelse")

    # Evaluation: codes with QR for those present, three members answer on their phones, the count follows
    start(page, "Kort evaluering")
    evaluation = section(page, ".nv-run-evaluation")
    evaluation.get_by_role("button", name="Åbn evalueringen og lav koder").click()
    codes = evaluation.locator(".nv-eval-code-text")
    expect(codes).to_have_count(present)
    expect(evaluation.locator(".nv-eval-qr-small svg")).to_have_count(present)
    shoot(page, "run-meeting-evaluation-desktop")
    handed_out = [codes.nth(index).inner_text().replace(" ", "") for index in range(3)]
    for number, code in enumerate(handed_out, start=1):
        answer_on_a_phone(browser, server, open_app, shoot, code, number)
    forward(page, 6 * SECOND)  # the panel asks for the count every few seconds
    expect(evaluation.locator(".nv-eval-state")).to_contain_text(f"3 af {present} til stede har svaret",
                                                                 timeout=30_000)

    # Closing: the next meeting agreed and written to the plan, the meeting closed
    start(page, "Næste møde")
    closing = section(page, ".nv-run-closing")
    expect(closing).to_contain_text("Der er ikke planlagt et møde efter dette endnu.")
    next_day = meeting.starts_at.date() + dt.timedelta(weeks=9)
    closing.get_by_label("Dato for næste møde *").fill(next_day.isoformat())
    closing.get_by_label("Klokkeslæt *").fill("17:30")
    closing.get_by_label("Eller et nyt tema").fill("Rekruttering og fastholdelse")
    closing.get_by_role("button", name="Skriv næste møde i planen").click()
    expect(page.locator(".nv-messages")).to_contain_text("Næste møde er aftalt")
    expect(closing).to_contain_text("Næste planlagte møde")
    closing.get_by_role("button", name="Afslut mødet og markér det som afholdt").click()
    expect(page.locator(".nv-messages")).to_contain_text("markeret som afholdt")
    expect(status).to_contain_text("Mødet er afholdt")
    shown = re.escape(f"{long_date(meeting.starts_at)} (Afholdt)").replace("\\ ", r"\s")
    expect(page.locator(".nv-run-top select option:checked")).to_have_text(re.compile(f"^{shown}$"))  # still this one
    shoot(page, "run-meeting-closed-desktop")

    # Everything is in the store
    with server.store() as store:
        attendance = store.attendance(meeting.id)
        assert attendance[cancelled.id].status == "cancelled" and attendance[absent.id].status == "absent"
        assert sum(1 for record in attendance.values() if record.status == "present") == present
        statuses = {"Gennemført": "done", "Fortsætter": "continued", "Droppet": "dropped"}
        for goal_id, choice in marked.items():
            goal = store.get_goal(goal_id)
            assert goal.status == statuses[choice] and goal.followed_up_meeting_id == meeting.id
        assert any(g.text == "Holde en fast ledelsestime hver uge" and g.meeting_id == meeting.id
                   and g.member_id == members[3].id for g in store.list_goals(meeting.network_id))
        runs = {run.kind: run for run in store.timer_runs(meeting.id)}
        assert set(runs) >= {"presentation", "interview", "sparring"}
        assert len(runs["presentation"].phases) == present
        assert 125 <= runs["presentation"].phases[0].used_seconds <= 135
        assert runs["interview"].ended_at is not None and runs["interview"].phases[0].used_seconds >= 300
        assert runs["sparring"].phases[0].used_seconds >= 185
        agenda = {i.title: i.id for i in store.stored_agenda(meeting.id)}
        assert runs["sparring"].agenda_item_id == agenda["Sparringsøvelse"]
        assert [p.text for p in store.flipover_points(meeting.id)] == ["Sparring på konkrete cases", HOSTILE]
        assert store.evaluation_count(meeting.id) == 3
        assert sum(1 for code in store.evaluation_codes(meeting.id) if code.spent) == 3
        following = [m for m in store.list_meetings(meeting.network_id) if m.starts_at > meeting.starts_at]
        assert len(following) == 1
        assert following[0].starts_at == dt.datetime.combine(next_day, dt.time(17, 30))
        topic = {t.id: t.title for t in store.list_topics(meeting.network_id)}[following[0].topic_id]
        assert topic == "Rekruttering og fastholdelse"
        assert store.get_meeting(meeting.id).status == "held"
        assert len(store.list_groupings(meeting.network_id, meeting_id=meeting.id, kind="interview")) == 1
        progress = store.agenda_progress(meeting.id)
        assert set(progress) == set(range(len(AGENDA)))
        assert all(record.running_since is None for record in progress.values())



def test_the_dashboard_on_a_phone_or_small_tablet(phone, open_app, shoot, axe):
    phone.set_default_navigation_timeout(APP_TIMEOUT_MS)
    open_app(phone, "koer_moedet")
    expect(phone.locator(".nv-run-item").first).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px)"
    shoot(phone, "run-meeting-phone")
    axe(phone)
