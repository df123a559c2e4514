"""The end of a meeting in a real Voilà and Chromium: check-in with a late cancellation, the evaluation opened,
three phones answer, the facilitator sees only the count (Kør mødet and the results page), the meeting is
finished and the evaluation closed, and then the results show; the consultant counts the cancellation as late.

This module has its own server (and database): it moves the demo's next meeting to today.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from harness import APP_TIMEOUT_MS, PHONE, RATING_LABELS, _page, running_server
from playwright.sync_api import expect

from netvaerk_lib import analysis
from netvaerk_lib.timezone import now


@pytest.fixture(scope="module")
def server():
    with running_server("netvaerk-e2e-end-") as running:
        yield running


@pytest.fixture(scope="module")
def meeting_today(server):
    """The demo's next meeting, begun an hour ago (a meeting in the future cannot be finished as held)."""
    with server.store() as store:
        network = store.default_network()
        meeting = store.next_meeting(network.id, now())
        meeting.starts_at = (now() - dt.timedelta(hours=1)).replace(second=0, microsecond=0)
        store.update_meeting(meeting)
        return meeting, store.list_members(network.id)


def answer_on_a_phone(browser, server, open_app, code: str, energy: int) -> None:
    context, phone = _page(browser, server, PHONE, is_mobile=True, has_touch=True)
    phone.set_default_navigation_timeout(APP_TIMEOUT_MS)
    try:
        open_app(phone, "evaluering", f"?code={code}")
        for label, value in zip(RATING_LABELS, (energy, 4, 4, 5, 5), strict=True):
            phone.get_by_role("group", name=re.compile(re.escape(label))).get_by_role("radio", name=str(value)).click()
        phone.get_by_label("Hvad har især været godt i dag?").fill(f"Godt nummer {energy}")
        phone.get_by_role("button", name="Send evaluering").click()
        expect(phone.get_by_role("heading", name="Tak for din evaluering!")).to_be_visible()
    finally:
        context.close()


def test_the_end_of_a_meeting_releases_the_results_only_when_the_evaluation_closes(page, browser, open_app, shoot,
                                                                                     axe, server, meeting_today):
    meeting, members = meeting_today
    page.set_default_navigation_timeout(APP_TIMEOUT_MS)
    open_app(page, "koer_moedet")

    # Check-in: one late cancellation, everyone else present
    page.locator(".nv-run-nav").get_by_role("button", name="Tjek ind").click()
    checkin = page.locator(".nv-run-checkin")
    late = members[0]
    row = checkin.locator(".nv-run-checkin-row").filter(has_text=late.name)
    row.get_by_role("button", name="Afbud", exact=True).click()
    row.get_by_role("button", name="sent", exact=True).click()
    expect(row.get_by_role("button", name="sent", exact=True)).to_have_class(re.compile(r"nv-run-chosen"))
    checkin.get_by_role("button", name="Resten er til stede").click()
    present = len(members) - 1
    expect(checkin).to_contain_text(f"Til stede: {present} · afbud: 1")
    shoot(page, "meeting-end-checkin-desktop")
    axe(page)

    # The evaluation: a code for each present member; three phones answer
    page.locator(".nv-run-nav").get_by_role("button", name="Evaluering").click()
    evaluation = page.locator(".nv-run-evaluation")
    evaluation.get_by_role("button", name="Åbn evalueringen og lav koder").click()
    codes = evaluation.locator(".nv-eval-code-text")
    expect(codes).to_have_count(present)
    handed_out = [codes.nth(index).inner_text().replace(" ", "") for index in range(3)]
    for energy, code in zip((2, 4, 5), handed_out, strict=True):
        answer_on_a_phone(browser, server, open_app, code, energy)

    # The facilitator sees the count and nothing else, here and on the results page
    state = evaluation.locator(".nv-eval-state")
    expect(state).to_contain_text(f"3 af {present} til stede har svaret", timeout=30_000)
    results = browser.new_page()
    try:
        results.set_default_navigation_timeout(APP_TIMEOUT_MS)
        open_app(results, "evalueringsresultater", f"?meeting={meeting.id}")
        expect(results.locator(".nv-eval-results")).to_contain_text(f"3 af {present} til stede har svaret")
        expect(results.locator(".nv-eval-results")).to_contain_text("vises samlet, når evalueringen er lukket")
        expect(results.locator(".nv-eval-chart")).to_have_count(0)
        assert "Godt nummer" not in results.content()
        shoot(results, "meeting-end-results-while-open-desktop")

        # Finishing the meeting offers to close the evaluation; closing it releases the results
        page.locator(".nv-run-nav").get_by_role("button", name="Næste møde og afslutning").click()
        closing = page.locator(".nv-run-closing")
        closing.get_by_role("button", name="Afslut mødet og markér det som afholdt").click()
        expect(closing).to_contain_text("Evalueringen er stadig åben")
        expect(closing).to_contain_text("lukker af sig selv")
        shoot(page, "meeting-end-finished-desktop")
        closing.get_by_role("button", name="Luk evalueringen nu").click()
        expect(page.locator(".nv-messages")).to_contain_text("Evalueringen er lukket")
        expect(closing.get_by_role("button", name="Luk evalueringen nu")).to_be_hidden()

        results.get_by_role("button", name="Opdater resultater").click()
        expect(results.locator(".nv-eval-chart").first).to_be_visible(timeout=60_000)  # five charts drawn
        expect(results.locator(".nv-eval-rating")).to_have_count(5)  # one card per rating question
        expect(results.locator(".nv-eval-free-texts")).to_contain_text("Godt nummer 5")
        shoot(results, "meeting-end-results-released-desktop")
        axe(results)
    finally:
        results.close()

    # The consultant's analysis counts the cancellation as late
    with server.store() as store:
        assert store.attendance(meeting.id)[late.id].notice == "late"
        assert store.get_meeting(meeting.id).status == "held"
        assert store.evaluation_session(meeting.id).is_closed
        table = analysis.attendance_per_meeting(analysis.load(store))
        row = table[table["meeting_id"] == meeting.id].iloc[0]
        assert (row["late"], row["cancelled"], row["present"]) == (1, 0, present)
    open_app(page, "konsulent")
    expect(page.locator(".nv-app").first).to_be_visible()
