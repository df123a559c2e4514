"""Interviews and Sparringsgrupper in a real Voilà and Chromium: generate for the demo meeting, swap, lock, and
the next generation avoids the locked pairs."""

from __future__ import annotations

from itertools import combinations

from netvaerk_lib.timezone import now


def groups_on(page) -> list[tuple[int, ...]]:
    """The groups as shown, read from the data attribute on each group card (first round)."""
    cards = page.locator(".nv-grouping-round[data-round='1'] .nv-grouping-group")
    return [tuple(int(x) for x in cards.nth(i).get_attribute("data-members").split(","))
            for i in range(cards.count())]


def pairs(groups) -> set[frozenset]:
    return {frozenset(p) for g in groups for p in combinations(g, 2)}


def choose(page, label: str, wanted: str) -> None:
    """Select an option by its text (ipywidgets shows spaces as no-break spaces)."""
    select = page.get_by_label(label, exact=True)
    texts = select.locator("option").all_inner_texts()
    match = next(text for text in texts if text.replace("\xa0", " ") == wanted)
    select.select_option(label=match)


def wait_message(page, text: str) -> None:
    page.locator(".nv-messages").get_by_text(text).wait_for()


def test_interview_pairs_swap_lock_and_the_next_generation_avoids_them(page, open_app, shoot, axe, server):
    with server.store() as store:
        network = store.default_network()
        upcoming = store.next_meeting(network.id, now())
        names = {m.id: m.name for m in store.list_members(network.id)}
        locked_before = len(store.list_groupings(network.id, meeting_id=upcoming.id, kind="interview"))
    open_app(page, "interviews")
    meeting_select = page.get_by_label("Møde", exact=True)
    assert meeting_select.input_value() is not None
    selected = meeting_select.locator("option:checked").inner_text().replace("\xa0", " ")
    assert selected.startswith(_long_date(upcoming.starts_at))

    page.get_by_role("button", name="Lav grupper").click()
    wait_message(page, "Grupperne er klar")
    proposal = groups_on(page)
    placed = [p for g in proposal for p in g]
    assert len(placed) == len(set(placed)) >= 8
    assert all(len(g) in (2, 3) for g in proposal)
    assert page.locator(".nv-grouping-question").count() == len(placed)  # everyone is asked a question from the guide

    first, second = proposal[0][0], proposal[1][0]
    choose(page, "Byt", names[first])
    choose(page, "med", names[second])
    page.get_by_role("button", name="Byt", exact=True).click()
    wait_message(page, f"{names[first]} og {names[second]} har byttet plads.")
    swapped = groups_on(page)
    assert second in swapped[0] and first in swapped[1]
    assert first not in swapped[0] and second not in swapped[1]
    shoot(page, "interviews-desktop")
    axe(page)

    page.get_by_role("button", name="Lås og gem").click()
    wait_message(page, "Låst og gemt")
    page.locator(".nv-grouping-rounds[data-locked='yes']").wait_for()
    with server.store() as store:
        locked = store.list_groupings(network.id, meeting_id=upcoming.id, kind="interview")
    assert len(locked) == locked_before + 1
    saved = [tuple(seat.member for seat in seats) for seats in locked[-1].seating[0]]
    assert pairs(saved) == pairs(swapped)
    assert all(seat.question and seat.question.startswith("guide.") for seats in locked[-1].seating[0]
               for seat in seats)

    page.get_by_role("button", name="Lav grupper").click()
    wait_message(page, "Grupperne er klar")
    page.locator(".nv-grouping-rounds:not([data-locked])").wait_for()
    again = groups_on(page)
    assert sorted(p for g in again for p in g) == sorted(placed)
    assert not pairs(again) & pairs(swapped), "the next generation pairs people who were just locked together"

    page.get_by_role("button", name="Vis stort på projektor").click()
    page.locator(".nv-grouping-panel.nv-grouping-projector").wait_for()
    assert not page.get_by_role("button", name="Lav grupper").is_visible()
    shoot(page, "interviews-projector")
    page.get_by_role("button", name="Tilbage til redigering").click()
    page.get_by_role("button", name="Lav grupper").wait_for()


def test_interviews_on_a_phone(phone, open_app, shoot, axe):
    open_app(phone, "interviews")
    phone.get_by_role("button", name="Tre og tre").click()
    phone.get_by_role("button", name="Lav grupper").click()
    wait_message(phone, "Grupperne er klar")
    groups = groups_on(phone)
    assert all(len(g) >= 3 for g in groups)
    shoot(phone, "interviews-phone")
    axe(phone)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px on a phone"


def test_sparring_groups_have_one_case_giver_and_one_questioner(page, open_app, shoot, axe):
    open_app(page, "sparringsgrupper")
    page.get_by_label("Runder", exact=True).select_option(label="2")
    page.get_by_role("button", name="Lav grupper").click()
    wait_message(page, "Grupperne er klar")
    page.locator(".nv-grouping-round[data-round='2']").wait_for()
    cards = page.locator(".nv-grouping-group")
    assert cards.count() >= 4
    for i in range(cards.count()):
        text = cards.nth(i).inner_text()
        assert text.count("har udfordringen") == 1
        assert text.count("stiller spørgsmålene") == 1
        assert 3 <= len(cards.nth(i).get_attribute("data-members").split(",")) <= 4
    assert "Hvad er problemet?" in page.locator(".nv-grouping-guide").inner_text()
    givers = page.locator(".nv-grouping-group li", has_text="har udfordringen").all_inner_texts()
    assert len(givers) == len(set(givers)), "someone brings the challenge twice while others have not"
    shoot(page, "sparring-desktop")
    axe(page)


def _long_date(moment) -> str:
    from netvaerk_lib.texts import long_date

    return long_date(moment)
