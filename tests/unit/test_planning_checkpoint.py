"""The trial checkpoint: the meeting that ends the trial period evaluates the model with the guide's questions,
and what the network decides (keep or change, and a note) is recorded."""

import datetime as dt

import pytest

from netvaerk_lib.model import Member, Network, ValidationError
from netvaerk_lib.planning import checkpoint, service
from netvaerk_lib.planning.agenda import check_time, following_meeting_template
from netvaerk_lib.planning.dates import propose_dates
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t


@pytest.fixture
def store(tmp_path):
    """A network with a trial period of three meetings and five planned ones."""
    with Store(tmp_path / "checkpoint.sqlite") as store:
        network = store.add_network(Network(name="Netværk Syd", trial_meetings=3, length_minutes=120))
        store.add_members(network.id, [Member(name=f"Leder {n}", practice_type="vet") for n in range(6)])
        service.save_year(store, network, propose_dates("2027-01-07", 5, 1, "torsdag"))
        yield store


@pytest.fixture
def meetings(store):
    return store.list_meetings(store.network_by_name("Netværk Syd").id)


def titles(items):
    return [item.title for item in items]


def test_the_checkpoint_meetings_agenda_evaluates_the_model_with_the_guides_questions(store, meetings):
    model = t("planning.agenda.model_evaluation")
    assert checkpoint.checkpoint_meeting(store, meetings[0].network_id).id == meetings[2].id
    items = service.agenda_items(store, meetings[2].id)
    (item,) = [item for item in items if item.title == model]
    assert titles(items).index(model) == titles(items).index(t("planning.agenda.evaluation")) - 1
    for question in ("Hvor ofte vil I samles", "Hvor længe", "Hvor skal I være", "facilitering og mødeledelse"):
        assert question in item.note
    assert checkpoint.questions()[0] in item.note and item.exercise_type == "free"
    assert all(model not in titles(service.agenda_items(store, m.id)) for m in meetings if m.id != meetings[2].id)
    usual = following_meeting_template(6, 120)
    assert check_time(items, 120).total == check_time(usual, 120).total  # the time comes from the topic


def test_a_cancelled_meeting_moves_the_checkpoint_to_the_next_one(store, meetings):
    meetings[1].status = "cancelled"
    store.update_meeting(meetings[1])
    assert checkpoint.is_checkpoint(store, meetings[3].id) and not checkpoint.is_checkpoint(store, meetings[2].id)
    assert t("planning.agenda.model_evaluation") in titles(service.agenda_items(store, meetings[3].id))


def test_the_outcome_is_recorded_at_the_checkpoint_or_later_and_only_as_keep_or_change(store, meetings):
    network_id = meetings[0].network_id
    with pytest.raises(ValidationError) as early:
        checkpoint.record_outcome(store, meetings[1].id, "keep")
    assert early.value.errors[0].message == t("planning.checkpoint.error.early", n=3)
    for outcome, note, field in (("stop", "", "outcome"), ("keep", "x" * 1001, "note")):
        with pytest.raises(ValidationError) as wrong:
            checkpoint.record_outcome(store, meetings[2].id, outcome, note)
        assert [error.field for error in wrong.value.errors] == [field]
    assert checkpoint.latest_outcome(store, network_id) is None
    recorded = checkpoint.record_outcome(store, meetings[2].id, "change", "  Hver anden måned, tre timer.  ")
    assert (recorded.outcome, recorded.note) == ("change", "Hver anden måned, tre timer.")
    checkpoint.record_outcome(store, meetings[2].id, "keep")  # recorded again: the last word counts
    later = checkpoint.record_outcome(store, meetings[4].id, "change", "Vi mødes digitalt om vinteren.")
    assert [(c.meeting_id, c.outcome) for c in store.checkpoints(network_id)] == [(meetings[2].id, "keep"),
                                                                                  (meetings[4].id, "change")]
    assert checkpoint.latest_outcome(store, network_id) == later
    assert isinstance(later.recorded_at, dt.datetime)
    row = service.plan_rows(store, network_id)[2]
    assert row.checkpoint and row.model_outcome == t("planning.checkpoint.outcome.keep")


def test_a_meeting_with_an_outcome_is_cancelled_not_deleted(store, meetings):
    checkpoint.record_outcome(store, meetings[2].id, "keep")
    assert service.remove_meeting(store, meetings[2].id) == "cancelled"
    assert store.checkpoints(meetings[0].network_id)[0].meeting_id == meetings[2].id
    with pytest.raises(ValidationError):
        checkpoint.record_outcome(store, meetings[2].id, "keep")  # a cancelled meeting decides nothing
    with pytest.raises(ValidationError):
        checkpoint.record_outcome(store, 10_000, "keep")
