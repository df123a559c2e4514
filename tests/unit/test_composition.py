"""The group's composition: counts per dimension and the remarks the guide's advice calls for."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvaerk_lib import texts
from netvaerk_lib.demo import create_demo
from netvaerk_lib.members.composition import DIMENSIONS, composition
from netvaerk_lib.model import GENDERS, MOTIVATIONS, PRACTICE_TYPES, REGIONS, Member
from netvaerk_lib.store import Store

TODAY = dt.date(2026, 3, 5)


def member(practice_type="dentist", region="hovedstaden", gender="female", leader=10, age=45, size=8, **extra):
    return Member(name="M", practice_type=practice_type, region=region, gender=gender, years_in_profession=leader,
                  years_as_leader=leader, birth_year=TODAY.year - age, practice_size=size, **extra)


def varied(count=8) -> list[Member]:
    """A balanced group: six practice types, four regions, both genders, spread in experience, age and size."""
    types = ("dentist", "specialist", "physiotherapist", "chiropractor", "psychologist", "vet")
    regions = ("hovedstaden", "sjaelland", "syddanmark", "midtjylland")
    return [member(types[i % 6], regions[i % 4], "female" if i % 2 else "male", leader=2 + 4 * i, age=34 + 4 * i,
                   size=2 + 5 * i) for i in range(count)]


def keys(members) -> list[str]:
    return [remark.key for remark in composition(members, TODAY).remarks]


def counts(result, dimension) -> dict[str, int]:
    return {count.code: count.count for count in result.dimensions[dimension]}


def test_the_demo_group_is_counted_and_called_balanced(tmp_path):
    with Store(tmp_path / "c.sqlite") as store:
        network = create_demo(store, today=TODAY)
        members = store.list_members(network.id)
    result = composition(members, TODAY)
    assert result.total == 12
    assert counts(result, "practice_type") == {"dentist": 3, "specialist": 2, "physiotherapist": 2, "chiropractor": 1,
                                               "psychologist": 1, "vet": 1, "podiatrist": 1, "optometrist": 1,
                                               "other": 0}
    assert counts(result, "region") == {"hovedstaden": 3, "sjaelland": 2, "syddanmark": 2, "midtjylland": 3,
                                        "nordjylland": 2}
    assert counts(result, "gender") == {"female": 7, "male": 5, "other": 0}
    assert [c.label for c in result.dimensions["experience"]] == ["Under 5 år", "5–9 år", "10–19 år",
                                                                 "20 år eller mere"]
    assert [c.label for c in result.dimensions["age"]][0] == "Under 40 år"
    assert result.title("practice_size") == "Praksisstørrelse"
    assert [r.key for r in result.remarks] == ["balanced"]
    assert result.remarks[0].text == ("Gruppen har både fællestræk og forskellighed: 8 praksistyper, 5 regioner og "
                                      "ledererfaring fra 2 til 29 år. Det er den blanding, vejledningen anbefaler.")


def test_more_than_half_one_practice_type_suggests_the_missing_professions():
    group = varied(8)
    group[6].practice_type = "optometrist"
    for index in range(5):
        group[index].practice_type = "dentist"
    remarks = composition(group, TODAY).remarks
    [remark] = [r for r in remarks if r.key == "one_practice_type"]
    assert remark.kind == "lopsided"
    assert remark.text.startswith("Mere end halvdelen (5 af 8) har praksistypen tandlæge.")
    assert remark.text.endswith("fx fysioterapeut, kiropraktor og psykolog.")
    assert "balanced" not in [r.key for r in remarks]
    group[4].practice_type = "vet"  # exactly half is not more than half
    assert "one_practice_type" not in keys(group)


def test_one_gender_under_a_quarter():
    group = varied(8)
    for m in group:
        m.gender = "male"
    group[0].gender = "female"
    remarks = composition(group, TODAY).remarks
    assert [r.text for r in remarks if r.key == "few_female"] == [
        "Kun 1 af 8 er kvinder. Invitér gerne flere kvindelige ledere, så I får flere perspektiver."]
    group[1].gender = "female"  # 2 of 8 is a quarter: not under
    assert "few_female" not in keys(group) and "few_male" not in keys(group)


def test_all_from_one_or_two_regions_names_the_others():
    group = varied(8)
    for index, m in enumerate(group):
        m.region = ("nordjylland", "midtjylland")[index % 2]
    [remark] = [r for r in composition(group, TODAY).remarks if r.key == "few_regions"]
    assert remark.text.startswith("Alle kommer fra Region Midtjylland og Region Nordjylland.")
    assert "fx Region Hovedstaden, Region Sjælland og Region Syddanmark" in remark.text


@pytest.mark.parametrize(("years", "key"), [
    ((1, 2, 3, 4), "similar_experience_older"),
    ((20, 22, 24, 21), "similar_experience_younger"),
    ((8, 10, 12, 9), "similar_experience_both"),
])
def test_similar_experience_says_which_kind_of_leader_would_complement(years, key):
    group = varied(4)
    for m, value in zip(group, years, strict=True):
        m.years_as_leader = m.years_in_profession = value
    assert key in keys(group)
    assert not any(k.startswith("similar_experience") for k in keys(varied(4)))


def test_similar_age_and_size():
    group = varied(6)
    for index, m in enumerate(group):
        m.birth_year, m.practice_size = TODAY.year - 44 - index, 3 + index % 2
    remarks = {r.key: r.text for r in composition(group, TODAY).remarks}
    assert remarks["similar_age_both"] == ("Alle er mellem 44 og 49 år. Nogen, der er lidt ældre eller yngre, "
                                           "vil supplere jer.")
    assert remarks["similar_size"].startswith("Alle jeres praksisser har under 5 ansatte.")


def test_common_ground_and_competition_are_noticed():
    strangers = varied(6)
    assert "no_common_practice_type" in keys(strangers)
    neighbours = varied(8)
    neighbours[6].region = neighbours[0].region = "hovedstaden"
    neighbours[6].practice_type = neighbours[0].practice_type
    remarks = composition(neighbours, TODAY).remarks
    assert [r.text for r in remarks if r.key == "competition"] == [
        "2 har praksistypen tandlæge i Region Hovedstaden. Tal om, hvordan I undgår at stå i en "
        "konkurrencesituation, og aftal fortrolighed."]
    assert "balanced" in [r.key for r in remarks]  # a caution, not a lopsided group


def test_small_empty_and_erased_groups():
    assert composition([], TODAY).total == 0 and composition([], TODAY).remarks == []
    assert keys([member(), member(), member()]) == []  # three say nothing about balance
    group = varied(6) + [Member(name="Gone", practice_type="vet", erased=True)]
    assert composition(group, TODAY).total == 6
    unknown = composition([Member(name="Ny", practice_type="vet")], TODAY)
    assert counts(unknown, "region")["unknown"] == 1 and counts(unknown, "age")["unknown"] == 1


def test_remarks_in_english():
    group = varied(8)
    for m in group:
        m.gender = "female"
    texts.set_language("en")
    try:
        remarks = {r.key: r.text for r in composition(group, TODAY).remarks}
    finally:
        texts.set_language("da")
    assert remarks["few_male"] == ("Only 0 of 8 are men. Consider inviting more men leaders, so that you get more "
                                   "perspectives.")


@given(st.lists(st.builds(
    Member, name=st.just("M"), practice_type=st.sampled_from(PRACTICE_TYPES),
    region=st.none() | st.sampled_from(REGIONS), gender=st.none() | st.sampled_from(GENDERS),
    years_as_leader=st.none() | st.integers(0, 70), practice_size=st.none() | st.integers(0, 5000),
    birth_year=st.none() | st.integers(TODAY.year - 100, TODAY.year - 18),
    motivation=st.none() | st.sampled_from(MOTIVATIONS)), max_size=30))
@settings(max_examples=200, deadline=None)
def test_every_member_is_counted_once_in_every_dimension(members):
    result = composition(members, TODAY)
    for dimension in DIMENSIONS:
        assert sum(count.count for count in result.dimensions[dimension]) == len(members), dimension
    lopsided = any(r.kind == "lopsided" for r in result.remarks)
    assert ("balanced" in [r.key for r in result.remarks]) == (len(members) >= 4 and not lopsided)
    assert all(r.text and "{" not in r.text for r in result.remarks)
