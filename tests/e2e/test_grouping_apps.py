"""Interviews and Sparringsgrupper in a real Voilà and Chromium: generate for the demo meeting, swap, lock, and
the next generation avoids the locked pairs; the sparring rounds give each member the case once and the timer
shows the same; the network's keep-apart pairs are entered in the app and kept."""

from __future__ import annotations

import re
from itertools import combinations

import pytest

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


@pytest.fixture
def cleaned(server):
    """The session's database as it was: the sparring groupings and the network's pairs a test made go again
    (the timer's tests time the demo's sparring item without a lock)."""
    with server.store() as store:
        network = store.default_network()
        before = {g.id for g in store.list_groupings(network.id)}
        pairs_before = {p.id for p in store.list_member_pairs(network.id)}
    yield
    with server.store() as store:
        for grouping in store.list_groupings(network.id):
            if grouping.id not in before:
                store.delete_grouping(grouping.id)
        for pair in store.list_member_pairs(network.id):
            if pair.id not in pairs_before:
                store.delete_member_pair(network.id, pair.id)


def tick_everyone(page) -> int:
    boxes = page.locator(".nv-grouping-present input[type=checkbox]")
    for i in range(boxes.count()):
        if not boxes.nth(i).is_checked():
            boxes.nth(i).check()
    page.get_by_text(f"{boxes.count()} til stede").wait_for()
    return boxes.count()


def sparring_rounds_on(page) -> list[list[tuple[tuple[int, ...], int | None]]]:
    """Per round, per group: (members, the case-giver or None when the group is done), as shown."""
    rounds = []
    sections = page.locator(".nv-grouping-round")
    for r in range(sections.count()):
        cards = sections.nth(r).locator(".nv-grouping-group")
        row = []
        for g in range(cards.count()):
            card = cards.nth(g)
            giver = card.get_attribute("data-case-giver")
            row.append((tuple(int(x) for x in card.get_attribute("data-members").split(",")),
                        int(giver) if giver else None))
        rounds.append(row)
    return rounds


def test_four_sparring_rounds_for_twelve_give_each_the_case_once_and_the_timer_shows_the_same(
        page, open_app, shoot, axe, server, cleaned):
    with server.store() as store:
        network = store.default_network()
        names = {m.id: m.name for m in store.list_members(network.id)}
    open_app(page, "sparringsgrupper")
    assert tick_everyone(page) == 12
    page.get_by_label("Runder", exact=True).select_option(label="4")
    page.get_by_role("button", name="Lav grupper").click()
    wait_message(page, "Grupperne er klar")
    page.locator(".nv-grouping-round[data-round='4']").wait_for()
    rounds = sparring_rounds_on(page)
    assert len(rounds) == 4
    groups = [set(members) for members, _ in rounds[0]]
    assert all(3 <= len(g) <= 4 for g in groups) and sum(len(g) for g in groups) == 12
    for row in rounds:  # one set of groups for the exercise: the same in every round
        assert [set(members) for members, _ in row] == groups
    givers = [giver for row in rounds for _, giver in row if giver is not None]
    assert sorted(givers) == sorted(names), "each of the twelve brings the challenge exactly once"
    assert "Alle 12 har udfordringen én gang" in page.locator(".nv-grouping-explanation").inner_text()
    shoot(page, "sparring-four-rounds-desktop")
    axe(page)

    page.get_by_role("button", name="Lås og gem").click()
    wait_message(page, "Låst og gemt")
    with server.store() as store:
        locked = store.list_groupings(network.id, kind="sparring")[-1]
    assert [[next(s.member for s in seats if s.role == "case_giver") for seats in groups_]
            for groups_ in locked.seating] == [[giver for _, giver in row] for row in rounds]

    open_app(page, "oevelsestimer")
    page.locator(".nv-timers-review table").wait_for()
    select = page.locator(".nv-timers-choose select").nth(1)
    options = [text.replace("\xa0", " ") for text in select.locator("option").all_inner_texts()]
    choice = next(text for text in options if "Sparringsøvelse" in text)
    select.select_option(label=select.locator("option").all_inner_texts()[options.index(choice)])
    page.locator(".nv-timers-use-locked input[type=checkbox]:checked").wait_for()
    page.locator(".nv-timers-review", has_text="runde 4 af 4").wait_for()
    review = page.locator(".nv-timers-review tbody tr")
    shown: dict[int, list[str]] = {}
    for i in range(review.count()):
        label = review.nth(i).locator("th").inner_text()
        found = re.match(r"Udfordringen fremlægges · runde (\d) af 4", label)
        if found:
            shown[int(found.group(1))] = review.nth(i).locator("td div").all_inner_texts()
    assert sorted(shown) == [1, 2, 3, 4]
    for number, row in enumerate(rounds, start=1):
        expected = [f"Gruppe {g}: {names[giver]} fremlægger" for g, (_, giver) in enumerate(row, start=1)]
        assert shown[number] == expected, "the timer and the groups app disagree about who has the case"
    shoot(page, "sparring-four-rounds-timer")


def test_a_keep_apart_pair_entered_in_the_app_is_never_grouped_together(page, open_app, shoot, axe, server,
                                                                        cleaned):
    open_app(page, "interviews")
    tick_everyone(page)
    editor = page.locator(".nv-pairs")
    first_select, second_select = editor.locator("select").nth(0), editor.locator("select").nth(1)
    first, second = first_select.locator("option").all_inner_texts()[:2]
    first_select.select_option(label=first)
    second_select.select_option(label=first)
    editor.get_by_role("button", name="Hold adskilt").click()
    wait_message(page, "Vælg to forskellige medlemmer")
    second_select.select_option(label=second)
    editor.get_by_role("button", name="Hold adskilt").click()
    plain = (first.replace("\xa0", " "), second.replace("\xa0", " "))
    wait_message(page, f"Gemt: {plain[0]} og {plain[1]} holdes adskilt")
    editor.get_by_text(f"{plain[0]} og {plain[1]} holdes adskilt").wait_for()
    editor.get_by_role("button", name="Hold sammen").click()
    wait_message(page, "kan ikke både holdes adskilt og sammen")
    with server.store() as store:
        network = store.default_network()
        (pair,) = [p for p in store.list_member_pairs(network.id)]
        ids = {m.name: m.id for m in store.list_members(network.id)}
    assert {pair.first, pair.second} == {ids[plain[0]], ids[plain[1]]} and pair.rule == "apart"

    page.get_by_label("Runder", exact=True).select_option(label="4")
    page.get_by_role("button", name="Lav grupper").click()
    wait_message(page, "Grupperne er klar")
    page.locator(".nv-grouping-round[data-round='4']").wait_for()
    for r in range(1, 5):
        cards = page.locator(f".nv-grouping-round[data-round='{r}'] .nv-grouping-group")
        for i in range(cards.count()):
            members = {int(x) for x in cards.nth(i).get_attribute("data-members").split(",")}
            assert not {pair.first, pair.second} <= members, f"the pair kept apart shares a group in round {r}"
    explained = page.locator(".nv-grouping-explanation").inner_text()
    assert f"Netværkets par er overholdt: {plain[0]} og {plain[1]} holdes adskilt" in explained
    shoot(page, "interviews-pairs-desktop")
    axe(page)

    open_app(page, "sparringsgrupper")  # the network's pairs hold in every grouping
    tick_everyone(page)
    page.locator(".nv-pairs").get_by_text(f"{plain[0]} og {plain[1]} holdes adskilt").wait_for()
    for seed in range(3):
        page.get_by_role("button", name="Lav grupper" if seed == 0 else "Andet forslag").click()
        page.locator(".nv-grouping-explanation", has_text="Netværkets par er overholdt").wait_for()
        for members in groups_on(page):
            assert not {pair.first, pair.second} <= set(members)
    page.locator(".nv-pairs-row").get_by_role("button", name="Fjern").click()
    wait_message(page, f"Fjernet: {plain[0]} og {plain[1]} holdes adskilt")
    page.locator(".nv-pairs").get_by_text("Ingen par endnu.").wait_for()
    with server.store() as store:
        assert store.list_member_pairs(network.id) == []


def test_sparring_rounds_and_pairs_on_a_phone(phone, open_app, shoot, axe, cleaned):
    """Eleven in four rounds: groups of 4, 4 and 3, and the three are done in the last round."""
    open_app(phone, "sparringsgrupper")
    tick_everyone(phone)
    phone.locator(".nv-grouping-present input[type=checkbox]").last.uncheck()
    phone.get_by_text("11 til stede").wait_for()
    phone.get_by_label("Runder", exact=True).select_option(label="4")
    editor = phone.locator(".nv-pairs")
    editor.get_by_role("button", name="Hold sammen").click()
    wait_message(phone, "holdes sammen")
    phone.get_by_role("button", name="Lav grupper").click()
    wait_message(phone, "Grupperne er klar")
    last = phone.locator(".nv-grouping-round[data-round='4']")
    assert last.locator(".nv-grouping-group", has_text="Gruppen er færdig").count() == 1
    last.scroll_into_view_if_needed()
    shoot(phone, "sparring-rounds-phone")
    axe(phone)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px on a phone"


def _long_date(moment) -> str:
    from netvaerk_lib.texts import long_date

    return long_date(moment)
