"""Kør mødet at the following meetings, in a real Voilà and Chromium: the model's evaluation at the meeting that
ends the trial period (the guide's questions, the decision recorded and shown again when the page is opened),
the follow-up round's own timer labels and questions, and older open goals folded apart with their age.

This module has its own server (and database): it records a decision about the model and follows up goals.
"""

from __future__ import annotations

import re

import pytest
from harness import APP_TIMEOUT_MS, PHONE, running_server
from playwright.sync_api import expect

from netvaerk_lib.model import Goal
from netvaerk_lib.planning import checkpoint
from netvaerk_lib.texts import long_date
from netvaerk_lib.timezone import now

OLD_GOAL = "Få en fast makker til sparring mellem møderne"


@pytest.fixture(scope="module")
def server():
    with running_server("netvaerk-e2e-later-") as running:
        yield running


@pytest.fixture(scope="module")
def demo(server):
    """The checkpoint meeting (the demo tries its model for four meetings), the held meeting after it, the next
    meeting, and a goal set at the second meeting by a member who was at the last one, never followed up."""
    with server.store() as store:
        network = store.default_network()
        ending = checkpoint.checkpoint_meeting(store, network.id)
        held = [m for m in store.list_meetings(network.id) if m.status == "held"]
        later = next(m for m in held if m.starts_at > ending.starts_at)
        attendance = store.attendance(held[-1].id)
        member = next(m for m in store.list_members(network.id)
                      if m.id in attendance and attendance[m.id].status == "present")
        store.add_goal(Goal(member_id=member.id, text=OLD_GOAL, meeting_id=held[1].id))
        return ending, later, store.next_meeting(network.id, now()), member


def choose_meeting(page, meeting) -> None:
    page.locator(".nv-run-top").get_by_label("Møde").select_option(label=f"{long_date(meeting.starts_at)} (Afholdt)")
    expect(page.locator(".nv-run-status")).to_contain_text(long_date(meeting.starts_at))


def tab(page, name: str):
    return page.locator(".nv-run-nav").get_by_role("button", name=name, exact=True)


def test_the_model_is_evaluated_at_the_checkpoint_meeting_and_the_decision_is_kept(page, open_app, shoot, axe,
                                                                                    server, demo):
    ending, later, _, _ = demo
    page.set_default_navigation_timeout(APP_TIMEOUT_MS)
    open_app(page, "koer_moedet")
    expect(tab(page, "Tjek ind")).to_be_visible()
    expect(tab(page, "Evaluer modellen")).to_be_hidden()  # not at the next meeting
    choose_meeting(page, ending)
    expect(page.locator(".nv-run-status")).to_contain_text("Prøveperioden slutter med dette møde")
    item = page.locator(".nv-run-item", has_text="Evaluer modellen")
    item.get_by_role("button", name="Start").click()
    expect(item).to_contain_text("nu")
    view = page.locator(".nv-run-checkpoint")
    expect(view).to_be_visible()
    for question in ("Hvor ofte vil I samles", "Hvor længe", "Hvor skal I være", "facilitering og mødeledelse"):
        expect(view).to_contain_text(question)
    expect(view).to_contain_text("Hver anden måned")  # the model as it is now
    expect(view).to_contain_text("Modellen er ikke evalueret endnu.")
    expect(page.locator(".nv-run-exercise .nt-title")).to_have_text(re.compile("Evaluer modellen"))  # its timer
    view.get_by_role("button", name="Gem beslutningen").click()
    expect(view.locator(".nv-field-error").first).to_contain_text("Vælg, om I beholder modellen")
    view.get_by_role("radio", name="I tilpasser modellen").check()
    view.get_by_label("Hvad ændrer I? (eller andre noter)").fill("Tre timer er for lidt: vi prøver en halv dag.")
    view.get_by_role("button", name="Gem beslutningen").click()
    expect(page.locator(".nv-messages")).to_contain_text("Beslutningen om modellen er gemt.")
    expect(view.locator(".nv-run-checkpoint-recorded")).to_contain_text("I tilpasser modellen.")
    shoot(page, "run-meeting-checkpoint-desktop")
    axe(page)
    with server.store() as store:
        recorded = checkpoint.outcome_at(store, ending.id)
        assert (recorded.outcome, recorded.note) == ("change", "Tre timer er for lidt: vi prøver en halv dag.")

    page.reload()  # opened again: the decision is there
    page.wait_for_selector(".nv-app", state="visible", timeout=APP_TIMEOUT_MS)
    choose_meeting(page, ending)
    tab(page, "Evaluer modellen").click()
    expect(view.locator(".nv-run-checkpoint-recorded")).to_contain_text("I tilpasser modellen.")
    expect(view.locator(".nv-run-checkpoint-recorded")).to_contain_text("en halv dag")
    expect(view.get_by_role("radio", name="I tilpasser modellen")).to_be_checked()
    choose_meeting(page, later)
    expect(tab(page, "Evaluer modellen")).to_be_hidden()
    expect(view).to_be_hidden()


def test_the_model_evaluation_on_a_phone(phone, open_app, shoot, axe, demo):
    ending, _, _, _ = demo
    phone.set_default_navigation_timeout(APP_TIMEOUT_MS)
    open_app(phone, "koer_moedet")
    choose_meeting(phone, ending)
    tab(phone, "Evaluer modellen").click()
    expect(phone.locator(".nv-run-checkpoint")).to_contain_text("Hvor ofte vil I samles")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px)"
    shoot(phone, "run-meeting-checkpoint-phone")
    axe(phone)


def test_the_follow_up_round_has_its_own_labels_and_older_goals_wait_apart(page, open_app, shoot, axe, server,
                                                                          demo):
    _, _, upcoming, member = demo
    page.set_default_navigation_timeout(APP_TIMEOUT_MS)
    open_app(page, "koer_moedet")
    item = page.locator(".nv-run-item", has_text="Opfølgning på cases og mål")
    item.get_by_role("button", name="Start").click()
    expect(item).to_contain_text("nu")
    timer = page.locator(".nv-run-exercise .nt-timer")
    expect(timer.locator(".nt-label")).to_contain_text(re.compile(r"^Opfølgning 1 af \d+$"))
    expect(timer.locator(".nt-prompt")).to_contain_text("Hvordan er det gået med dit mål eller din case fra sidst?")
    expect(timer).not_to_contain_text("Præsentation")
    expect(timer).not_to_contain_text("Hvad hedder du")

    follow_up = page.locator(".nv-run-follow-up")
    older = follow_up.locator(".nv-run-older-goals")
    expect(older).to_contain_text(re.compile(r"Ældre mål \(\d+\)"))
    expect(older.locator(".nv-run-goal-row", has_text=OLD_GOAL)).to_be_hidden()  # folded until asked for
    expect(follow_up.locator(".nv-run-goal-row", has_text=OLD_GOAL)).to_have_count(1)  # once, in the older ones
    older.get_by_role("button", name=re.compile(r"^Vis ældre mål \(\d+\)$")).click()
    row = older.locator(".nv-run-goal-row", has_text=OLD_GOAL)
    expect(row).to_contain_text(re.compile(r"for \d+ (år|måneder) siden"))
    shoot(page, "run-meeting-older-goals-desktop")
    axe(page)
    row.get_by_role("button", name="Fortsætter", exact=True).click()  # carried on: into today's round
    expect(older.locator(".nv-run-goal-row", has_text=OLD_GOAL)).to_have_count(0)
    recent = follow_up.locator(".nv-run-goal-row", has_text=OLD_GOAL)
    expect(recent).to_have_count(1)
    expect(recent.get_by_role("button", name="Fortsætter", exact=True)).to_have_class(re.compile("nv-run-chosen"))
    with server.store() as store:
        goal = next(g for g in store.list_goals(upcoming.network_id) if g.text == OLD_GOAL)
        assert (goal.status, goal.followed_up_meeting_id, goal.member_id) == ("continued", upcoming.id, member.id)
