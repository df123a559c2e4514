"""The evaluation in a real browser: the facilitator opens it and hands out codes, members answer on a phone
(360 px) on the members' server (no kernel), codes are spent once, results appear once the evaluation is closed
with three answers, and a hostile text runs no script. One test drives the same form in Voilà, its other host.

This module has its own server (and database), so the meetings it adds do not disturb other pages' tests.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from harness import APP_TIMEOUT_MS, RATING_LABELS, _page, running_server
from playwright.sync_api import expect

from netvaerk_lib.evaluation import sessions, submission
from netvaerk_lib.model import Attendance, Meeting

ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
HOSTILE_SCRIPT = "<script>window.__pwned=2;alert(2)</script>"
PHONE_WIDTH = 360


@pytest.fixture(scope="module")
def server():
    with running_server("netvaerk-e2e-evaluation-") as running:
        yield running


def new_meeting(server, days_ago: int, present: int = 8) -> int:
    """A held meeting of the demo network with ``present`` members present; returns its id."""
    with server.store() as store:
        network = store.default_network()
        day = dt.date.today() - dt.timedelta(days=days_ago)
        meeting = store.add_meeting(Meeting(network.id, dt.datetime.combine(day, dt.time(17)), 180, status="held"))
        for index, member in enumerate(store.list_members(network.id)):
            store.set_attendance(Attendance(meeting.id, member.id, "present" if index < present else "cancelled"))
        return meeting.id


def open_with_codes(server, meeting_id: int) -> list[str]:
    with server.store() as store:
        sessions.open_evaluation(store, meeting_id)
        return list(sessions.issue_codes(store, meeting_id).values())


def count(server, meeting_id: int) -> int:
    with server.store() as store:
        return store.evaluation_count(meeting_id)


def as_phone(phone):
    phone.set_viewport_size({"width": PHONE_WIDTH, "height": 780})
    return phone


def no_sideways_scroll(page, width: int = PHONE_WIDTH) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page scrolls sideways on a phone ({scroll_width}px)"


def answer_ratings(page, values=(4, 5, 3, 4, 5)) -> None:
    for label, value in zip(RATING_LABELS, values, strict=True):
        page.get_by_role("group", name=re.compile(re.escape(label))).get_by_role("radio", name=str(value)).click()


def test_facilitator_opens_and_a_member_answers_by_link_on_a_phone(page, phone, open_app, shoot, axe, server,
                                                                  tmp_path):
    meeting_id = new_meeting(server, days_ago=0)
    open_app(page, "evalueringsresultater", f"?meeting={meeting_id}")
    page.get_by_role("button", name="Åbn evalueringen og lav koder").click()
    codes = page.locator(".nv-eval-code-text")
    expect(codes).to_have_count(8)
    expect(page.locator(".nv-eval-qr-small svg")).to_have_count(8)
    expect(page.locator(".nv-eval-state")).to_contain_text("Evalueringen er åben · 0 af 8 til stede har svaret")
    shoot(page, "evaluation-open-desktop")
    axe(page)
    code = codes.first.inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)
    page.get_by_role("button", name="Vis stort").first.click()
    form_address = f"{server.form_url}/voila/render/evaluering.ipynb"
    expect(page.locator(".nv-eval-big-card")).to_contain_text(f"Eller åbn {form_address}")
    expect(page.locator(".nv-eval-big-code")).to_have_text(codes.first.inner_text())
    shoot(page, "evaluation-big-code-desktop")

    # Slips to print and hand out face down: one per member, with the same codes.
    page.get_by_role("button", name="Kodesedler til print (PDF)").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent kodesedlerne (8 stk.)").click()
    slips = tmp_path / download.value.suggested_filename
    download.value.save_as(slips)
    printed = subprocess.run(["pdftotext", str(slips), "-"], capture_output=True, text=True, check=True).stdout
    assert codes.first.inner_text() in printed and printed.count("Din kode") == 8

    member = as_phone(phone)
    open_app(member, "evaluering", f"?code={code}")
    form = member.locator(".nv-eval form")
    expect(form).to_contain_text("Dine svar er anonyme")
    no_sideways_scroll(member)
    shoot(member, "evaluation-form-phone")
    axe(member)
    answer_ratings(member)
    member.get_by_label("Hvad har især været godt i dag?").fill("Sparringen i trioer gav mig et nyt blik.")
    member.get_by_role("button", name="Send evaluering").click()
    expect(member.get_by_role("heading", name="Tak for din evaluering!")).to_be_visible()
    no_sideways_scroll(member)
    shoot(member, "evaluation-done-phone")
    assert count(server, meeting_id) == 1

    # The same link again: the code is spent, and nothing more is stored.
    open_app(member, "evaluering", f"?code={code}")
    expect(member.locator(".nv-eval-error")).to_contain_text("Koden er allerede brugt")
    shoot(member, "evaluation-spent-phone")
    assert count(server, meeting_id) == 1

    # The facilitator's page counts the answer by itself (a browser timer asks every few seconds).
    expect(page.locator(".nv-eval-state")).to_contain_text("1 af 8 til stede har svaret", timeout=30_000)

    # The facilitator closes the evaluation: another member's code now gets the closed message.
    other = codes.nth(1).inner_text().replace(" ", "")
    page.get_by_role("button", name="Luk evalueringen").click()
    expect(page.locator(".nv-eval-state")).to_contain_text("Evalueringen er lukket · 1 af 8 til stede har svaret")
    expect(page.locator(".nv-eval-code-text")).to_have_count(0)  # codes are not shown after closing
    open_app(member, "evaluering", f"?code={other}")
    expect(member.locator(".nv-eval-error")).to_contain_text("Evalueringen er lukket")
    assert count(server, meeting_id) == 1


def test_typed_codes_missing_answers_and_a_closed_evaluation_on_a_phone(phone, open_app, shoot, axe, server):
    meeting_id = new_meeting(server, days_ago=1)
    code = open_with_codes(server, meeting_id)[0]
    member = as_phone(phone)
    open_app(member, "evaluering")
    field = member.get_by_label("Din kode")
    field.fill("ZZZ 222")
    member.get_by_role("button", name="Fortsæt").click()
    expect(member.locator(".nv-eval-error")).to_contain_text("Koden findes ikke")
    shoot(member, "evaluation-unknown-code-phone")
    axe(member)

    field.fill(f"{code[:3].lower()}-{code[3:].lower()}")
    field.press("Enter")
    expect(member.get_by_role("button", name="Send evaluering")).to_be_visible()

    # Send without rating "gain": told what is missing, at the question, and nothing is stored.
    answer_ratings(member, values=(4, 5, 3, 4, 5))
    member.evaluate("document.querySelectorAll('.nv-eval-question')[1].querySelectorAll('input')"
                    ".forEach(r => r.checked = false)")
    member.get_by_role("button", name="Send evaluering").click()
    summary = member.locator(".nv-eval-summary")
    expect(summary).to_contain_text("Vælg et tal fra 1 til 5 ved »Hvor stort har dit personlige udbytte været i dag?«")
    expect(member.locator(".nv-eval-invalid")).to_have_count(1)
    no_sideways_scroll(member)
    shoot(member, "evaluation-missing-phone")
    assert count(server, meeting_id) == 0

    # The facilitator closes the evaluation before the member sends: the member is told, nothing is stored.
    with server.store() as store:
        sessions.close_evaluation(store, meeting_id)
    answer_ratings(member)
    member.get_by_role("button", name="Send evaluering").click()
    expect(summary).to_contain_text("Evalueringen er lukket")
    assert count(server, meeting_id) == 0


GOAL_LABEL, GOAL = "Hvad vil jeg arbejde med til næste gang?", "Tale med min klinikassistent om vagtplanen."


def test_a_reload_keeps_what_the_member_had_answered_and_sending_forgets_it(phone, open_app, server):
    """Phones reload pages on their own; the half-filled form comes back from this tab's storage, and the
    draft is gone once the answer is saved."""
    meeting_id = new_meeting(server, days_ago=4)
    code = open_with_codes(server, meeting_id)[0]
    member = as_phone(phone)
    open_app(member, "evaluering", f"?code={code}")
    answer_ratings(member, values=(2, 3, 4, 5, 1))
    member.get_by_label("Hvad har især været godt i dag?").fill("At høre, hvordan de andre gør.")
    member.get_by_role("checkbox", name="Jeg vil dele et mål med gruppen").check()
    member.get_by_label(GOAL_LABEL).fill(GOAL)

    member.reload()
    expect(member.get_by_role("button", name="Send evaluering")).to_be_visible(timeout=60_000)
    for label, value in zip(RATING_LABELS, (2, 3, 4, 5, 1), strict=True):
        group = member.get_by_role("group", name=re.compile(re.escape(label)))
        expect(group.get_by_role("radio", name=str(value))).to_be_checked()
    expect(member.get_by_label("Hvad har især været godt i dag?")).to_have_value("At høre, hvordan de andre gør.")
    expect(member.get_by_role("checkbox", name="Jeg vil dele et mål med gruppen")).to_be_checked()
    expect(member.get_by_label(GOAL_LABEL)).to_have_value(GOAL)
    assert count(server, meeting_id) == 0  # a draft never leaves the phone before "Send"

    member.get_by_role("button", name="Send evaluering").click()
    expect(member.get_by_role("heading", name="Tak for din evaluering!")).to_be_visible()
    with server.store() as store:
        sessions.close_evaluation(store, meeting_id)
        [stored] = store.evaluations(meeting_id)
    assert stored.ratings == dict(zip(ANSWERS, (2, 3, 4, 5, 1), strict=True))
    assert "At høre, hvordan de andre gør." in stored.texts.values()
    drafts = member.evaluate("Object.keys(sessionStorage).filter(key => key.includes('evaluation-draft'))")
    assert drafts == []


def test_the_form_works_with_the_keyboard_alone(phone, open_app, server):
    meeting_id = new_meeting(server, days_ago=2)
    code = open_with_codes(server, meeting_id)[0]
    member = as_phone(phone)
    open_app(member, "evaluering", f"?code={code}")
    member.get_by_role("group", name=re.compile(RATING_LABELS[0])).get_by_role("radio", name="1").focus()
    for question in range(5):
        member.keyboard.press("ArrowRight")  # 1 -> 2: arrow keys choose within a question
        if question < 4:
            member.keyboard.press("Tab")  # one tab stop per question
    member.keyboard.press("Tab")
    member.keyboard.type("Godt møde")
    for _ in range(2):
        member.keyboard.press("Tab")
    member.keyboard.press("Space")  # share a goal
    member.keyboard.type("Holde medarbejdersamtaler")
    member.get_by_role("button", name="Send evaluering").focus()
    member.keyboard.press("Enter")
    expect(member.get_by_role("heading", name="Tak for din evaluering!")).to_be_visible()
    expect(member.locator(".nv-eval-done")).to_contain_text("Dit mål er delt med gruppen")
    with server.store() as store:
        sessions.close_evaluation(store, meeting_id)
        evaluation = store.evaluations(meeting_id)[0]
        assert evaluation.ratings == dict.fromkeys(ANSWERS, 2) and evaluation.texts == {"good": "Godt møde"}
        goals = [g for g in store.list_goals(store.default_network().id) if g.meeting_id == meeting_id]
        assert [g.text for g in goals] == ["Holde medarbejdersamtaler"]


def test_results_appear_once_closed_with_three_answers_and_a_hostile_text_runs_no_script(page, phone, open_app,
                                                                                         shoot, axe, server):
    meeting_id = new_meeting(server, days_ago=3)
    codes = open_with_codes(server, meeting_id)
    with server.store() as store:
        for code in codes[:2]:
            submission.submit(store, code, ANSWERS, {"good": "Trygt rum"})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, "evalueringsresultater", f"?meeting={meeting_id}")
    expect(page.locator(".nv-eval-too-few")).to_contain_text("Resultaterne vises samlet, når evalueringen er lukket")
    expect(page.locator(".nv-eval-rating")).to_have_count(0)

    member = as_phone(phone)
    open_app(member, "evaluering", f"?code={codes[2]}")
    answer_ratings(member, values=(2, 2, 2, 2, 2))
    member.get_by_label("Hvad har især været godt i dag?").fill(HOSTILE_IMG)
    member.get_by_label("Hvad savnede vi i dag?").fill(HOSTILE_SCRIPT)
    member.get_by_role("button", name="Send evaluering").click()
    expect(member.get_by_role("heading", name="Tak for din evaluering!")).to_be_visible()

    page.get_by_role("button", name="Opdater resultater").click()
    expect(page.locator(".nv-eval-progress")).to_contain_text("3 af 8 til stede har svaret", timeout=60_000)
    expect(page.locator(".nv-eval-rating")).to_have_count(0)  # open: the count, nothing else
    page.get_by_role("button", name="Luk evalueringen").click()
    expect(page.locator(".nv-eval-rating")).to_have_count(5, timeout=60_000)
    expect(page.locator(".nv-eval-progress")).to_contain_text("3 af 8 til stede har svaret")
    texts = page.locator(".nv-eval-free-texts")
    expect(texts).to_contain_text(HOSTILE_IMG)
    expect(texts).to_contain_text(HOSTILE_SCRIPT)
    expect(texts).to_contain_text("Trygt rum")
    assert texts.locator("img, script").count() == 0
    assert page.locator(".jupyter-widgets-error-widget").count() == 0
    gain = page.locator(".nv-eval-rating").nth(1)
    expect(gain).to_contain_text("Gennemsnit 4,0 (3 svar)")
    expect(gain.locator("img")).to_have_count(2)  # the distribution, and the averages of the earlier meetings
    assert "1: 0, 2: 1, 3: 0, 4: 0, 5: 2" in gain.locator("img").first.get_attribute("alt")
    assert gain.locator("img").last.get_attribute("alt").endswith("I dag: 4,0")
    page.wait_for_timeout(500)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    shoot(page, "evaluation-results-desktop")
    axe(page)


def test_results_page_on_a_phone(phone, open_app, shoot, axe, server):
    meeting_id = new_meeting(server, days_ago=4)
    codes = open_with_codes(server, meeting_id)
    with server.store() as store:
        for number, code in enumerate(codes[:4]):
            submission.submit(store, code, {**ANSWERS, "energy": 2 + number % 4}, {"missed": f"Mere tid {number}"})
        sessions.close_evaluation(store, meeting_id)
    facilitator = as_phone(phone)
    open_app(facilitator, "evalueringsresultater", f"?meeting={meeting_id}")
    expect(facilitator.locator(".nv-eval-rating")).to_have_count(5)
    no_sideways_scroll(facilitator)
    shoot(facilitator, "evaluation-results-phone")
    axe(facilitator)


def test_when_the_server_does_not_answer_the_member_is_told_and_the_form_goes_on(phone, open_app, shoot, server):
    """A dropped connection on a busy network: the form tries again on its own, says so in words after a few
    tries, and sends as soon as the server answers again; nothing is stored twice."""
    meeting_id = new_meeting(server, days_ago=5)
    code = open_with_codes(server, meeting_id)[0]
    member = as_phone(phone)
    member.clock.install()
    open_app(member, "evaluering", f"?code={code}")
    answer_ratings(member)
    member.route("**/api/evaluation", lambda route: route.abort("connectionrefused"))
    member.get_by_role("button", name="Send evaluering").click()
    member.clock.run_for(30_000)  # the form tries again every 8 s and speaks up after three tries
    expect(member.get_by_role("alert").filter(has_text="Serveren svarer ikke lige nu")).to_be_visible()
    shoot(member, "evaluation-no-connection-phone")
    assert count(server, meeting_id) == 0

    member.unroute("**/api/evaluation")
    member.clock.run_for(9_000)
    expect(member.get_by_role("heading", name="Tak for din evaluering!")).to_be_visible()
    expect(member.get_by_role("alert").filter(has_text="Serveren svarer ikke lige nu")).to_be_hidden()
    assert count(server, meeting_id) == 1


def test_twelve_phones_send_at_once_and_every_answer_is_stored(browser, server):
    meeting_id = new_meeting(server, days_ago=6, present=12)
    codes = open_with_codes(server, meeting_id)
    assert len(codes) == 12
    phones = [_page(browser, server, {"width": PHONE_WIDTH, "height": 780}, is_mobile=True, has_touch=True)
              for _ in codes]
    try:
        for (_, member), code in zip(phones, codes, strict=True):
            member.goto(server.app_url("evaluering", f"?code={code}"))
            answer_ratings(member)
        for _, member in phones:  # all twelve in flight together
            member.get_by_role("button", name="Send evaluering").click(no_wait_after=True)
        for _, member in phones:
            expect(member.get_by_role("heading", name="Tak for din evaluering!")).to_be_visible()
        assert count(server, meeting_id) == 12
        for _, member in phones:
            assert not member.requests.foreign(server.form_url)
    finally:
        for context, _ in phones:
            context.close()


def test_the_same_form_in_voila_on_the_facilitators_server(page, shoot, server):
    """The other host of the one widget: evaluering.ipynb in Voilà, talking to its kernel over the comm."""
    meeting_id = new_meeting(server, days_ago=7)
    code = open_with_codes(server, meeting_id)[0]
    page.goto(server.voila_form_url(f"?code={code}"), timeout=APP_TIMEOUT_MS)
    expect(page.locator(".nv-eval form")).to_contain_text("Dine svar er anonyme", timeout=APP_TIMEOUT_MS)
    assert page.locator("#jupyter-config-data").count() == 1  # a Voilà page with a kernel behind it
    answer_ratings(page)
    page.get_by_label("Hvad har især været godt i dag?").fill("Samme formular i Voilà.")
    page.get_by_role("button", name="Send evaluering").click()
    expect(page.get_by_role("heading", name="Tak for din evaluering!")).to_be_visible()
    shoot(page, "evaluation-done-voila-desktop")
    with server.store() as store:
        sessions.close_evaluation(store, meeting_id)  # answers wait apart from the codes until the close
        [stored] = store.evaluations(meeting_id)
    assert stored.texts == {"good": "Samme formular i Voilà."}
