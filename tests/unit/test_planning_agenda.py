"""Agendas from the guide's templates: time boxes grow with the group, the sum is checked against the length."""

import pytest

from netvaerk_lib.model import ValidationError
from netvaerk_lib.model.planning import EXERCISE_TYPES, AgendaItem
from netvaerk_lib.planning.agenda import (
    add_item,
    check_time,
    first_meeting_template,
    following_meeting_template,
    move_item,
    remove_item,
    summary_lines,
    validate_items,
)
from netvaerk_lib.texts import set_language


def minutes_of(items, title_start):
    return next(item.minutes for item in items if item.title.startswith(title_start))


# Hand-computed from the guide: welcome 10, presentation 2 min each, interviews 5 min per person in pairs (even)
# or triads (odd) + 5 min to get going, flip-over 10 + 1 per member, ground rules 20, break 15 (3 h meetings),
# one sparring round 20, next meeting 10.
@pytest.mark.parametrize("members, length, total", [
    (6, 180, 10 + 12 + 15 + 16 + 20 + 15 + 20 + 10),
    (12, 180, 10 + 24 + 15 + 22 + 20 + 15 + 20 + 10),
    (15, 180, 10 + 30 + 20 + 25 + 20 + 15 + 20 + 10),
    (6, 120, 10 + 12 + 15 + 16 + 20 + 20 + 10),
    (12, 120, 10 + 24 + 15 + 22 + 20 + 20 + 10),
    (15, 120, 10 + 30 + 20 + 25 + 20 + 20 + 10),
])
def test_first_meeting_sums_for_6_12_and_15_members(members, length, total):
    items = first_meeting_template(members, length)
    check = check_time(items, length)
    assert check.total == total == sum(item.minutes for item in items)
    assert minutes_of(items, "Præsentationsrunde") == 2 * members
    assert [item.exercise_type for item in items][:3] == ["none", "presentation", "interview"]
    assert check.over == max(total - length, 0)
    assert check.spare == max(length - total, 0)


def test_over_long_agendas_warn_with_the_minutes_over():
    fits = check_time(first_meeting_template(6, 120), 120)
    assert fits.fits and fits.spare == 17
    assert fits.message() == "Dagsordenen varer 103 min. af mødets 120 min.: 17 min. til overs."
    twelve = check_time(first_meeting_template(12, 120), 120)
    assert not twelve.fits and twelve.over == 1
    assert "1 min. for meget" in twelve.message()
    fifteen = check_time(first_meeting_template(15, 120), 120)
    assert fifteen.over == 15
    assert fifteen.message().startswith("Dagsordenen varer 135 min., men mødet er på 120 min.: 15 min. for meget.")


def test_spare_time_suggests_more_sparring_rounds():
    check = check_time(first_meeting_template(6, 180), 180)
    assert check.spare == 62
    assert "plads til flere sparringsrunder" in check.message()


@pytest.mark.parametrize("members, length, total", [
    (6, 180, 5 + 12 + 45 + 15 + 40 + 10 + 5),
    (12, 180, 5 + 24 + 45 + 15 + 40 + 10 + 5),
    (15, 180, 5 + 30 + 45 + 15 + 40 + 10 + 5),
    (15, 120, 5 + 30 + 45 + 20 + 10 + 5),
])
def test_following_meeting_template(members, length, total):
    items = following_meeting_template(members, length, theme="Delegering – hvad og hvordan?")
    assert check_time(items, length).total == total
    assert items[1].title == "Opfølgning på cases og mål fra sidste møde"
    assert items[1].exercise_type == "presentation"
    assert items[2].title == "Dagens emne: Delegering – hvad og hvordan?"
    assert any(item.exercise_type == "sparring" and item.optional for item in items)
    assert "Hvad savnede vi i dag?" in items[-2].note


def test_items_are_reorderable_removable_and_addable():
    items = first_meeting_template(8, 180)
    titles = [item.title for item in items]
    moved = move_item(items, 1, 1)
    assert [item.title for item in moved][1:3] == [titles[2], titles[1]]
    assert [item.position for item in moved] == list(range(len(items)))
    assert move_item(items, 0, -1) == items  # the first item cannot move further up
    removed = remove_item(moved, 0)
    assert len(removed) == len(items) - 1 and removed[0].title == titles[2]
    added = add_item(removed, AgendaItem("Oplæg om ferieplanlægning", 25, "free"), index=1)
    assert added[1].title == "Oplæg om ferieplanlægning" and added[1].position == 1
    assert check_time(added, 180).total == check_time(items, 180).total - 10 + 25
    assert [item.title for item in items] == titles  # the original list is untouched


def test_every_exercise_type_has_a_label_and_bad_items_are_named_by_row():
    assert set(EXERCISE_TYPES) == {"presentation", "interview", "sparring", "free", "none"}
    items = [AgendaItem("Velkomst", 10), AgendaItem(" ", 10), AgendaItem("Øvelse", -5, "yoga")]
    with pytest.raises(ValidationError) as caught:
        validate_items(items)
    messages = [error.message for error in caught.value.errors]
    assert messages[0] == "Punkt 2: Titel skal udfyldes."
    assert messages[1] == "Punkt 3: Minutter skal være et helt tal mellem 0 og 600."
    assert messages[2].startswith("Punkt 3: Øvelsestype 'yoga' er ikke en mulighed.")
    assert "Sparring" in messages[2]


def test_calendar_summary_lines_carry_clock_times():
    import datetime as dt

    lines = summary_lines(first_meeting_template(6, 120)[:2], dt.datetime(2026, 3, 5, 17, 0))
    assert lines == ["17:00-17:10 Velkomst og dagens program (10 min.)", "17:10-17:22 Præsentationsrunde (12 min.)"]


def test_english_templates():
    set_language("en")
    items = first_meeting_template(6, 120)
    assert items[1].title == "Presentation round"
    assert "too much" in check_time(first_meeting_template(15, 120), 120).message()
