"""Member evaluation: codes, anonymity, validation, the under-3 rule, escaping, question-set versions."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvaerk_lib import texts
from netvaerk_lib.evaluation import codes, results, sessions, submission
from netvaerk_lib.evaluation.submission import CodeProblem
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Attendance, EvaluationQuestion, Meeting, Member, ValidationError
from netvaerk_lib.store import open_store

ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}
HOSTILE = ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>", "Tom & Jerry's \"råd\""]


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "netvaerk.sqlite") as opened:
        yield opened


@pytest.fixture
def network(store):
    return create_network(store, "Tandlæger Nord")


def make_meeting(store, network, day: dt.date, present: int = 6, cancelled: int = 1) -> tuple[Meeting, list[int]]:
    members = store.list_members(network.id)
    while len(members) < present + cancelled:
        members.append(store.add_member(network.id, Member(name=f"Medlem {len(members) + 1}",
                                                           practice_type="dentist")))
    meeting = store.add_meeting(Meeting(network.id, dt.datetime.combine(day, dt.time(17)), 180, status="held"))
    for index, member in enumerate(members[:present + cancelled]):
        store.set_attendance(Attendance(meeting.id, member.id, "present" if index < present else "cancelled"))
    return meeting, [member.id for member in members[:present]]


@pytest.fixture
def meeting(store, network):
    return make_meeting(store, network, dt.date(2026, 3, 5))


def open_with_codes(store, meeting_id) -> dict[int, str]:
    sessions.open_evaluation(store, meeting_id)
    return sessions.issue_codes(store, meeting_id)


# -- codes -----------------------------------------------------------------------------------------------------

def test_codes_are_short_and_use_only_unambiguous_characters():
    for _ in range(500):
        code = codes.new_code()
        assert len(code) == 6
        assert not set(code) & set("0O1IL")
        assert codes.normalize(code) == code


@given(st.text(alphabet=codes.ALPHABET, min_size=6, max_size=6))
def test_typed_codes_are_forgiving_about_case_spaces_and_dashes(code):
    assert codes.normalize(f" {code[:3].lower()}-{code[3:]} ") == code
    assert codes.normalize(codes.display(code)) == code


@given(st.text(max_size=12))
@settings(max_examples=300)
def test_normalize_accepts_only_six_characters_of_the_alphabet(typed):
    code = codes.normalize(typed)
    assert code is None or (len(code) == 6 and set(code) <= set(codes.ALPHABET))


def test_one_code_per_present_member_and_only_hashes_are_stored(store, meeting):
    meeting_, present = meeting
    issued = open_with_codes(store, meeting_.id)
    assert sorted(issued) == present
    assert len(set(issued.values())) == len(issued)
    dump = "\n".join(store.conn.iterdump())
    for code in issued.values():
        assert code not in dump
    assert len(store.evaluation_codes(meeting_.id)) == len(present)
    assert sessions.issue_codes(store, meeting_.id) == {}  # everyone has a code already


def test_a_code_is_spent_once_and_then_gives_the_spent_message(store, meeting):
    meeting_, present = meeting
    code = open_with_codes(store, meeting_.id)[present[0]]
    submission.submit(store, code, ANSWERS, {"good": "Godt oplæg"})
    assert store.evaluation_count(meeting_.id) == 1
    with pytest.raises(CodeProblem) as problem:
        submission.submit(store, code, ANSWERS, {})
    assert problem.value.reason == "spent"
    assert "allerede brugt" in problem.value.message
    assert store.evaluation_count(meeting_.id) == 1
    assert [c.spent for c in store.evaluation_codes(meeting_.id) if c.member_id == present[0]] == [True]


def test_unknown_and_malformed_codes_store_nothing(store, meeting):
    meeting_, present = meeting
    issued = open_with_codes(store, meeting_.id)
    unused = next(c for c in (codes.new_code() for _ in range(100)) if c not in issued.values())
    for typed in (unused, "", None, "ABC", "<script>", "0O1IL0"):
        with pytest.raises(CodeProblem) as problem:
            submission.submit(store, typed, ANSWERS, {})
        assert problem.value.reason == "unknown"
        assert "findes ikke" in problem.value.message
    assert store.evaluation_count(meeting_.id) == 0
    assert not any(c.spent for c in store.evaluation_codes(meeting_.id))


def test_a_closed_evaluation_refuses_codes_and_never_opens_again(store, meeting):
    meeting_, present = meeting
    code = open_with_codes(store, meeting_.id)[present[0]]
    sessions.close_evaluation(store, meeting_.id)
    with pytest.raises(CodeProblem) as problem:
        submission.submit(store, code, ANSWERS, {})
    assert problem.value.reason == "closed"
    assert "lukket" in problem.value.message
    assert store.evaluation_count(meeting_.id) == 0
    with pytest.raises(ValidationError, match="kan ikke åbnes igen"):
        sessions.open_evaluation(store, meeting_.id)
    with pytest.raises(ValidationError, match="lukket"):
        sessions.issue_codes(store, meeting_.id, [present[1]])
    with pytest.raises(CodeProblem, match="lukket"):
        submission.submit(store, code, ANSWERS, {})
    assert store.evaluation_session(meeting_.id).is_closed and store.evaluation_count(meeting_.id) == 0


def test_a_new_code_replaces_the_old_one_but_never_a_spent_one(store, meeting):
    meeting_, present = meeting
    issued = open_with_codes(store, meeting_.id)
    renewed = sessions.issue_codes(store, meeting_.id, [present[0], present[1]])
    with pytest.raises(CodeProblem):
        submission.check_code(store, issued[present[0]])
    submission.submit(store, renewed[present[0]], ANSWERS, {})
    again = sessions.issue_codes(store, meeting_.id, [present[0], present[1]])  # the same for both
    assert sorted(again) == [present[0], present[1]]
    with pytest.raises(CodeProblem) as problem:  # answered: the new code tells the member so, on the form
        submission.check_code(store, again[present[0]])
    assert problem.value.reason == "spent"
    assert submission.check_code(store, again[present[1]]).member_id == present[1]
    assert store.evaluation_count(meeting_.id) == 1


def test_codes_of_two_meetings_do_not_mix(store, network, meeting):
    first, present = meeting
    second, _ = make_meeting(store, network, dt.date(2026, 5, 7))
    first_codes, second_codes = open_with_codes(store, first.id), open_with_codes(store, second.id)
    assert submission.check_code(store, first_codes[present[0]]).meeting_id == first.id
    assert submission.check_code(store, second_codes[present[0]]).meeting_id == second.id
    sessions.close_evaluation(store, first.id)
    with pytest.raises(CodeProblem, match="lukket"):
        submission.check_code(store, first_codes[present[1]])
    submission.submit(store, second_codes[present[1]], ANSWERS, {})
    assert (store.evaluation_count(first.id), store.evaluation_count(second.id)) == (0, 1)


# -- anonymity -------------------------------------------------------------------------------------------------

def test_stored_answers_carry_no_member_code_or_time(store, meeting):
    meeting_, present = meeting
    issued = open_with_codes(store, meeting_.id)
    for member_id in present[:4]:
        submission.submit(store, issued[member_id], ANSWERS, {"good": f"Svar fra {member_id}"})
    sessions.close_evaluation(store, meeting_.id)
    raw = sqlite3.connect(store.path)
    for table in ("evaluation_responses", "evaluation_answers"):
        columns = {row[1] for row in raw.execute(f"PRAGMA table_info({table})")}
        assert columns <= {"id", "meeting_id", "response_id", "question_key", "rating", "text"}
        assert raw.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0].rstrip() \
            .endswith("WITHOUT ROWID")  # no rowid, so no insertion order
    code_columns = {row[1] for row in raw.execute("PRAGMA table_info(evaluation_codes)")}
    assert code_columns == {"code_hash", "meeting_id", "member_id", "spent"}
    response_ids = [row[0] for row in raw.execute("SELECT id FROM evaluation_responses")]
    hashes = {row[0] for row in raw.execute("SELECT code_hash FROM evaluation_codes")}
    assert len(response_ids) == 4 and not set(response_ids) & hashes
    assert all(len(rid) == 32 for rid in response_ids)
    # Nothing in a response row or an answer row names a member or a code.
    values = {str(v) for row in raw.execute("SELECT * FROM evaluation_answers") for v in row}
    values |= {str(v) for row in raw.execute("SELECT * FROM evaluation_responses") for v in row}
    assert not values & set(issued.values()) and not values & hashes
    raw.close()


def test_response_keys_are_random_so_their_order_says_nothing(store, network):
    meeting_, present = make_meeting(store, network, dt.date(2026, 3, 5), present=12)
    issued = open_with_codes(store, meeting_.id)
    submitted = []
    for member_id in present:
        submission.submit(store, issued[member_id], {**ANSWERS, "energy": 1 + len(submitted) % 5}, {})
        submitted.append(1 + (len(submitted)) % 5)
    sessions.close_evaluation(store, meeting_.id)
    stored = [e.ratings["energy"] for e in store.evaluations(meeting_.id)]
    assert sorted(stored) == sorted(submitted)
    raw = [row["id"] for row in store.query("SELECT id FROM evaluation_responses")]
    assert raw == sorted(raw)  # stored by key; keys are random, so this order is not submission order
    assert len(set(raw)) == 12


def test_shared_goal_goes_to_goals_with_the_member_and_the_answer_stays_anonymous(store, meeting):
    meeting_, present = meeting
    issued = open_with_codes(store, meeting_.id)
    submission.submit(store, issued[present[2]], ANSWERS, {}, share_goal=True,
                      goal_text="  Holde en udviklingssamtale med hver medarbejder  ")
    submission.submit(store, issued[present[3]], ANSWERS, {}, share_goal=False, goal_text="Ikke delt")
    sessions.close_evaluation(store, meeting_.id)
    goals = store.list_goals(store.get_meeting(meeting_.id).network_id)
    assert [(g.member_id, g.meeting_id, g.text) for g in goals] == [
        (present[2], meeting_.id, "Holde en udviklingssamtale med hver medarbejder")]
    assert all("goal" not in e.texts for e in store.evaluations(meeting_.id))


# -- validation ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ratings, field, words", [
    ({k: v for k, v in ANSWERS.items() if k != "gain"}, "gain", "Vælg et tal fra 1 til 5"),
    ({**ANSWERS, "energy": 6}, "energy", "helt tal fra 1 til 5"),
    ({**ANSWERS, "energy": 0}, "energy", "helt tal fra 1 til 5"),
    ({**ANSWERS, "energy": True}, "energy", "helt tal fra 1 til 5"),
    ({**ANSWERS, "energy": "5"}, "energy", "helt tal fra 1 til 5"),
    ({**ANSWERS, "energy": 4.5}, "energy", "helt tal fra 1 til 5"),
    ({**ANSWERS, "hacked": 3}, "hacked", "hører ikke til"),
    ({**ANSWERS, "good": 3}, "good", "hører ikke til"),
])
def test_invalid_ratings_are_refused_naming_the_question_and_nothing_is_stored(store, meeting, ratings, field,
                                                                               words):
    meeting_, present = meeting
    code = open_with_codes(store, meeting_.id)[present[0]]
    with pytest.raises(ValidationError) as error:
        submission.submit(store, code, ratings, {})
    assert any(words in message for message in error.value.for_field(field))
    assert store.evaluation_count(meeting_.id) == 0
    assert not any(c.spent for c in store.evaluation_codes(meeting_.id))
    submission.submit(store, code, ANSWERS, {})  # the code still works after a refused attempt
    assert store.evaluation_count(meeting_.id) == 1


def test_texts_are_limited_and_goals_need_text_when_shared(store, meeting):
    meeting_, present = meeting
    code = open_with_codes(store, meeting_.id)[present[0]]
    with pytest.raises(ValidationError) as error:
        submission.submit(store, code, ANSWERS, {"good": "x" * 1001, "missed": ["liste"]}, share_goal=True,
                          goal_text="   ")
    assert "højst være 1000 tegn (nu 1001)" in error.value.for_field("good")[0]
    assert "skal være tekst" in error.value.for_field("missed")[0]
    assert "Skriv dit mål" in error.value.for_field("goal")[0]
    with pytest.raises(ValidationError) as error:
        submission.submit(store, code, ANSWERS, {}, share_goal=True, goal_text="m" * 501)
    assert "højst være 500 tegn" in error.value.for_field("goal")[0]
    with pytest.raises(ValidationError):
        submission.submit(store, code, ANSWERS, {}, share_goal="yes")
    assert store.evaluation_count(meeting_.id) == 0 and not store.list_goals(meeting_.network_id)
    submission.submit(store, code, ANSWERS, {"good": "x" * 1000})
    sessions.close_evaluation(store, meeting_.id)
    assert store.evaluations(meeting_.id)[0].texts["good"] == "x" * 1000


@given(ratings=st.dictionaries(st.sampled_from(list(ANSWERS) + ["good", "x"]),
                               st.one_of(st.none(), st.integers(-3, 9), st.booleans(), st.text(max_size=3),
                                         st.floats(allow_nan=True))))
@settings(max_examples=200)
def test_validation_accepts_exactly_whole_ratings_one_to_five_for_every_required_question(ratings):
    questions = [EvaluationQuestion(k, "rating", k, k, i, True) for i, k in enumerate(ANSWERS)]
    questions.append(EvaluationQuestion("good", "text", "g", "g", 9))
    valid = set(ratings) <= set(ANSWERS) and all(
        type(ratings.get(k)) is int and 1 <= ratings[k] <= 5 for k in ANSWERS)
    try:
        clean, _, _ = submission.validate_answers(questions, ratings, {})
    except ValidationError:
        assert not valid
    else:
        assert valid and clean == ratings


def test_messages_come_in_english_too(store, meeting):
    meeting_, present = meeting
    code = open_with_codes(store, meeting_.id)[present[0]]
    texts.set_language("en")
    try:
        with pytest.raises(ValidationError) as error:
            submission.submit(store, code, {}, {})
        assert "Choose a number from 1 to 5 for “How much energy" in error.value.for_field("energy")[0]
        with pytest.raises(CodeProblem, match="does not exist"):
            submission.submit(store, "ZZZZZZ", ANSWERS, {})
    finally:
        texts.set_language("da")


# -- results ---------------------------------------------------------------------------------------------------

def submit_many(store, meeting_id, issued, count, good=("Godt",)):
    for index, member_id in enumerate(list(issued)[:count]):
        submission.submit(store, issued[member_id], {**ANSWERS, "energy": 1 + index % 5},
                          {"good": good[index % len(good)]})


def test_results_are_hidden_while_open_and_shown_once_closed_with_three(store, meeting):
    meeting_, present = meeting
    issued = open_with_codes(store, meeting_.id)
    submit_many(store, meeting_.id, issued, 2)
    hidden = results.meeting_results(store, meeting_.id)
    assert (hidden.answered, hidden.present, hidden.shown) == (2, 6, False)
    assert hidden.ratings == [] and hidden.texts == []
    submit_many(store, meeting_.id, {m: c for m, c in issued.items() if m in present[2:3]}, 1)
    still = results.meeting_results(store, meeting_.id)
    assert (still.answered, still.shown, still.ratings) == (3, False, [])  # open: only the count
    sessions.close_evaluation(store, meeting_.id)
    shown = results.meeting_results(store, meeting_.id)
    assert shown.shown and shown.answered == 3
    energy = next(r for r in shown.ratings if r.question.key == "energy")
    assert energy.distribution == {1: 2, 2: 1, 3: 0, 4: 0, 5: 0}
    gain = next(r for r in shown.ratings if r.question.key == "gain")
    assert gain.distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 3} and gain.average == 5
    assert results.progress_text(shown.answered, shown.present) == "3 af 6 til stede har svaret"


def test_an_evaluation_closed_with_two_answers_stays_hidden(store, meeting):
    meeting_, _ = meeting
    submit_many(store, meeting_.id, open_with_codes(store, meeting_.id), 2)
    sessions.close_evaluation(store, meeting_.id)
    hidden = results.meeting_results(store, meeting_.id)
    assert (hidden.answers, hidden.shown, hidden.ratings, hidden.texts) == (2, False, [], [])


def test_averages_compare_with_earlier_meetings_that_had_three_answers(store, network):
    first, _ = make_meeting(store, network, dt.date(2026, 1, 8))
    thin, _ = make_meeting(store, network, dt.date(2026, 2, 5))
    today, _ = make_meeting(store, network, dt.date(2026, 3, 5))
    for meeting_, count in ((first, 4), (thin, 2), (today, 3)):
        submit_many(store, meeting_.id, open_with_codes(store, meeting_.id), count)
        sessions.close_evaluation(store, meeting_.id)
    later, _ = make_meeting(store, network, dt.date(2026, 4, 9))
    submit_many(store, later.id, open_with_codes(store, later.id), 5)
    sessions.close_evaluation(store, later.id)
    shown = results.meeting_results(store, today.id)
    energy = next(r for r in shown.ratings if r.question.key == "energy")
    assert [(m.id, avg) for m, avg in energy.earlier] == [(first.id, 2.5)]  # thin and later are left out
    assert energy.average == 2.0
    assert results.comparison_text(energy) == "Gennemsnit i dag 2,0 mod 2,5 ved de 1 tidligere møder."


def test_free_texts_come_in_random_order(store, network):
    meeting_, _ = make_meeting(store, network, dt.date(2026, 3, 5), present=8)
    issued = open_with_codes(store, meeting_.id)
    words = [f"tekst {n}" for n in range(8)]
    submit_many(store, meeting_.id, issued, 8, good=words)
    sessions.close_evaluation(store, meeting_.id)
    orders = {tuple(next(t for t in results.meeting_results(store, meeting_.id, random.Random(seed)).texts
                         if t.question.key == "good").texts) for seed in range(5)}
    assert all(sorted(order) == sorted(words) for order in orders)
    assert len(orders) > 1


def test_member_texts_are_escaped_in_the_results_html(store, meeting):
    meeting_, present = meeting
    issued = open_with_codes(store, meeting_.id)
    submit_many(store, meeting_.id, issued, 3, good=HOSTILE)
    sessions.close_evaluation(store, meeting_.id)
    good = next(t for t in results.meeting_results(store, meeting_.id).texts if t.question.key == "good")
    rendered = results.free_texts_html(good)
    assert "<img" not in rendered and "<script" not in rendered
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in rendered
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in rendered
    assert "Tom &amp; Jerry&#x27;s &quot;råd&quot;" in rendered


# -- question-set versions ---------------------------------------------------------------------------------------

def test_a_changed_question_set_keeps_earlier_meetings_comparable(store, network):
    earlier, _ = make_meeting(store, network, dt.date(2026, 1, 8))
    submit_many(store, earlier.id, open_with_codes(store, earlier.id), 3)
    sessions.close_evaluation(store, earlier.id)
    store.add_evaluation_question(EvaluationQuestion("purpose", "rating", "Holder vi fokus på formålet?",
                                                     "Do we keep to our purpose?", 8, True))
    new_set = store.save_question_set(network.id, [("energy", True), ("purpose", True), ("good", False)])
    today, present = make_meeting(store, network, dt.date(2026, 3, 5))
    issued = open_with_codes(store, today.id)
    with pytest.raises(ValidationError):
        submission.submit(store, issued[present[0]], ANSWERS, {})  # 'gain' etc. are no longer on the form
    for member_id in present[:3]:
        submission.submit(store, issued[member_id], {"energy": 5, "purpose": 4}, {"good": "Fint"})
    sessions.close_evaluation(store, today.id)
    assert store.evaluation_session(today.id).question_set_id == new_set
    assert store.evaluation_session(earlier.id).question_set_id == 1
    shown = results.meeting_results(store, today.id)
    assert [r.question.key for r in shown.ratings] == ["energy", "purpose"]
    energy, purpose = shown.ratings
    assert [m.id for m, _ in energy.earlier] == [earlier.id] and purpose.earlier == []
    old = results.meeting_results(store, earlier.id)
    assert [r.question.key for r in old.ratings] == ["energy", "gain", "topic", "safety", "rules"]


# -- links and QR codes ------------------------------------------------------------------------------------------

def test_form_link_follows_the_page_address_or_the_public_url():
    environ = {"SCRIPT_NAME": "/voila/render/evalueringsresultater.ipynb", "SERVER_NAME": "10.0.0.5",
               "SERVER_PORT": "8866"}
    base = sessions.form_url(environ)
    assert base == "http://10.0.0.5:8866/voila/render/evaluering.ipynb"
    assert sessions.form_link("ABC234", base) == base + "?code=ABC234"
    public = sessions.form_url({**environ, "NETVAERK_PUBLIC_URL": "https://netvaerk.example.dk/"})
    assert public == "https://netvaerk.example.dk/voila/render/evaluering.ipynb"


def test_qr_codes_encode_the_link():
    link = "http://10.0.0.5:8866/voila/render/evaluering.ipynb?code=ABC234"
    svg = sessions.qr_svg(link)
    assert svg.startswith("<svg") and "<title>" in svg and link in svg
    png = sessions.qr_png(link)
    assert png.startswith(b"\x89PNG")


def test_closing_empties_the_write_ahead_log_that_pairs_codes_with_answers(store, meeting):
    meeting_, present = meeting
    issued = open_with_codes(store, meeting_.id)
    submit_many(store, meeting_.id, issued, 3)
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.stat().st_size > 0
    sessions.close_evaluation(store, meeting_.id)
    assert wal.stat().st_size == 0
    assert store.evaluation_count(meeting_.id) == 3
