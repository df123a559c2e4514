"""The domain model: every invalid value is rejected with a message that names the field, in the UI language."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvaerk_lib import texts
from netvaerk_lib.model import (
    GENDERS,
    MOTIVATIONS,
    PRACTICE_TYPES,
    REGIONS,
    Attendance,
    Goal,
    GroundRule,
    Meeting,
    Member,
    Network,
    Topic,
    ValidationError,
    choice_code,
    label,
)

TODAY = dt.date(2026, 3, 5)


def errors_of(action) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        action()
    result: dict[str, list[str]] = {}
    for error in caught.value.errors:
        result.setdefault(error.field, []).append(error.message)
    return result


@pytest.fixture
def english():
    texts.set_language("en")
    yield
    texts.set_language("da")


def test_a_member_without_name_or_practice_type_is_refused_naming_both_fields():
    errors = errors_of(lambda: Member(name="  ").validate(TODAY))
    assert errors == {"name": ["Navn skal udfyldes."], "practice_type": ["Praksistype skal udfyldes."]}


def test_every_bad_member_field_is_reported_at_once_and_names_its_field():
    member = Member(name="x" * 101, email="ikke-en-mail", practice_type="snedker", years_in_profession=-1,
                    years_as_leader=71, practice_size=5001, region="Fyn", gender="?", birth_year=2020,
                    motivation="penge")
    errors = errors_of(lambda: member.validate(TODAY))
    assert set(errors) == {"name", "email", "practice_type", "years_in_profession", "years_as_leader",
                           "practice_size", "region", "gender", "birth_year", "motivation"}
    assert errors["name"] == ["Navn må højst være 100 tegn."]
    assert errors["email"] == ["E-mail ligner ikke en e-mailadresse."]
    assert errors["practice_type"][0].startswith("Praksistype: 'snedker' er ikke en mulighed. Vælg en af: Tandlæge,")
    assert errors["birth_year"] == ["Fødselsår skal være et helt tal mellem 1926 og 2008."]
    assert errors["practice_size"] == ["Praksisstørrelse (ansatte) skal være et helt tal mellem 0 og 5000."]


def test_years_as_leader_cannot_exceed_years_in_the_profession():
    errors = errors_of(lambda: Member(name="A", practice_type="vet", years_in_profession=5,
                                      years_as_leader=6).validate(TODAY))
    assert errors == {"years_as_leader": ["År som leder kan ikke være flere end år i faget."]}


def test_a_valid_member_passes():
    member = Member(name="Åse Øberg", email="aase@example.dk", practice_type="dentist", years_in_profession=20,
                    years_as_leader=10, practice_size=12, region="sjaelland", gender="female", birth_year=1976)
    assert member.validate(TODAY) is member
    assert member.age(TODAY) == 50


def test_messages_are_english_when_the_language_is_english(english):
    errors = errors_of(lambda: Member(name="", practice_type="vet", years_as_leader=3,
                                      years_in_profession=2).validate(TODAY))
    assert errors["name"] == ["Name is required."]
    assert errors["years_as_leader"] == ["Years as a leader cannot exceed the years in the profession."]


def test_network_frame_values_are_checked_with_field_names():
    network = Network(name="", frequency_months=4, length_minutes=10, time_of_day="nat", venue_mode="bar",
                      cost_model="gratis", facilitator_fee_kr=-5, trial_meetings=9)
    errors = errors_of(network.validate)
    assert set(errors) == {"network_name", "frequency_months", "length_minutes", "time_of_day", "venue_mode",
                           "cost_model", "facilitator_fee_kr", "trial_meetings"}
    assert errors["network_name"] == ["Netværkets navn skal udfyldes."]
    assert errors["frequency_months"][0].startswith("Mødefrekvens: '4' er ikke en mulighed.")
    assert "Hver anden måned" in errors["frequency_months"][0]


def test_meeting_attendance_goal_topic_and_rule_are_checked():
    meeting = Meeting(network_id=1, starts_at="i morgen", length_minutes=20, kind="ekstra", status="?")
    assert set(errors_of(meeting.validate)) == {"starts_at", "length_minutes", "meeting_kind", "meeting_status"}
    late = Attendance(1, 1, "present", cancelled_at=dt.datetime(2026, 3, 1, 12))
    assert errors_of(late.validate) == {"cancelled_at": ["Tidspunkt for afbud bruges kun ved afbud."]}
    assert set(errors_of(Attendance(1, 1, "syg").validate)) == {"attendance"}
    assert set(errors_of(Goal(member_id=1, text=" ", status="måske").validate)) == {"goal", "goal_status"}
    assert errors_of(Topic(network_id=1, title="").validate) == {"topic": ["Emne skal udfyldes."]}
    assert errors_of(GroundRule(network_id=1, text="x" * 301).validate) == {
        "ground_rule": ["Spilleregel må højst være 300 tegn."]}


def test_from_raw_reads_danish_and_english_labels_codes_and_aliases():
    member = Member.from_raw({
        "name": "  Søren Ærø ", "email": "soren@example.dk", "practice_type": "tandlæge",
        "years_in_profession": "25", "years_as_leader": "12,0", "practice_size": "1.200",
        "region": "Sjælland", "gender": "K", "birth_year": " 1970 ", "motivation": "Strategi",
        "practice_address": "Algade 1, 4000 Roskilde"}, TODAY)
    assert (member.name, member.practice_type, member.years_in_profession, member.years_as_leader) == (
        "Søren Ærø", "dentist", 25, 12)
    assert (member.practice_size, member.region, member.gender, member.birth_year, member.motivation) == (
        1200, "sjaelland", "female", 1970, "strategy")
    english = Member.from_raw({"name": "Ann", "practice_type": "Physiotherapist", "region": "Region Zealand",
                               "gender": "Male", "motivation": "people"}, TODAY)
    assert (english.practice_type, english.region, english.gender) == ("physiotherapist", "sjaelland", "male")


def test_from_raw_names_the_field_and_the_typed_value_of_every_bad_cell():
    errors = errors_of(lambda: Member.from_raw({
        "name": "", "practice_type": "Snedker", "years_in_profession": "mange", "practice_size": "2,5",
        "region": "Bornholm"}, TODAY))
    assert errors["name"] == ["Navn skal udfyldes."]
    assert errors["practice_type"][0].startswith("Praksistype: 'Snedker' er ikke en mulighed.")
    assert errors["years_in_profession"] == ["År i faget: 'mange' er ikke et tal."]
    assert errors["practice_size"] == ["Praksisstørrelse (ansatte): '2,5' er ikke et tal."]
    assert errors["region"][0].startswith("Region: 'Bornholm' er ikke en mulighed.")


@given(st.dictionaries(st.sampled_from(Member.EDITABLE_FIELDS + ("unknown",)), st.text(max_size=120)))
@settings(max_examples=300, deadline=None)
def test_from_raw_on_any_text_returns_a_valid_member_or_names_each_bad_field(raw):
    try:
        member = Member.from_raw(raw, TODAY)
    except ValidationError as error:
        assert error.errors
        for problem in error.errors:
            assert problem.field in Member.EDITABLE_FIELDS
            assert texts.t(f"field.{problem.field}") in problem.message
    else:
        assert member.validate(TODAY) is member
        assert member.name == member.name.strip() and member.name


def _choice_text(kind: str, codes: tuple) -> st.SearchStrategy:
    """A code, or its Danish or English label in any case: what a person types or a spreadsheet holds."""
    def spellings(code: str) -> list[str]:
        names = [code] + [texts.catalogue(lang)[f"{kind}.{code}"] for lang in ("da", "en")]
        return names + [name.upper() for name in names]
    return st.sampled_from(codes).flatmap(lambda code: st.tuples(st.just(code), st.sampled_from(spellings(code))))


@given(
    practice=_choice_text("practice_type", PRACTICE_TYPES), region=_choice_text("region", REGIONS),
    gender=_choice_text("gender", tuple(g for g in GENDERS if g != "other")),
    motivation=_choice_text("motivation", tuple(m for m in MOTIVATIONS if m != "other")),
    profession=st.integers(0, 70), leader_share=st.floats(0, 1), size=st.integers(0, 5000),
    birth_year=st.integers(TODAY.year - 100, TODAY.year - 18),
)
@settings(max_examples=200, deadline=None)
def test_from_raw_round_trips_valid_values_written_the_danish_way(practice, region, gender, motivation, profession,
                                                                   leader_share, size, birth_year):
    leader = int(profession * leader_share)
    raw = {"name": "Test", "practice_type": practice[1], "region": region[1], "gender": gender[1],
           "motivation": motivation[1], "years_in_profession": str(profession), "years_as_leader": str(leader),
           "practice_size": texts.number(size), "birth_year": str(birth_year)}
    member = Member.from_raw(raw, TODAY)
    assert (member.practice_type, member.region, member.gender, member.motivation) == (
        practice[0], region[0], gender[0], motivation[0])
    assert (member.years_in_profession, member.years_as_leader, member.practice_size, member.birth_year) == (
        profession, leader, size, birth_year)


def test_every_choice_has_a_label_in_both_languages():
    for kind, codes in Member.CHOICE_FIELDS.items():
        for code in codes:
            for lang in ("da", "en"):
                assert texts.catalogue(lang).get(f"{kind}.{code}"), (lang, kind, code)
            assert choice_code(kind, label(kind, code)) == code


def test_a_decimal_point_is_refused_not_read_as_thousands():
    from netvaerk_lib.model import Member, ValidationError

    with pytest.raises(ValidationError) as refused:
        Member.from_raw({"name": "Ida", "practice_type": "Tandlæge", "years_in_profession": "2.5"})
    assert refused.value.for_field("years_in_profession") == ["År i faget: '2.5' er ikke et tal."]
    assert Member.from_raw({"name": "Ida", "practice_type": "Tandlæge", "practice_size": "1.200"}).practice_size == 1200
