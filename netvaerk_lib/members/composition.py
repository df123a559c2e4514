"""The group's composition: who is in the network, and plain-language remarks about its balance.

The guide: make sure the group has both common ground and diversity (practice type, experience, practice
size, geography, gender and age), and go looking for members who complement the pool: a little older or
younger, more or less experienced, another profession. The remarks say where the group is lopsided and what
kind of member would complement it, or that it is balanced.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from netvaerk_lib import timezone
from netvaerk_lib.model import GENDERS, MOTIVATIONS, PRACTICE_TYPES, REGIONS, Member, label
from netvaerk_lib.texts import t

# (low, high) inclusive; None = open upwards.
EXPERIENCE_BANDS = ((0, 4), (5, 9), (10, 19), (20, None))
SIZE_BANDS = ((0, 4), (5, 9), (10, 19), (20, None))
AGE_BANDS = ((0, 39), (40, 49), (50, 59), (60, None))
GUIDE_PRACTICE_TYPES = ("dentist", "specialist", "physiotherapist", "chiropractor", "psychologist", "vet")
MIN_FOR_REMARKS = 4  # fewer members with a known value say nothing about balance
DIMENSIONS = ("practice_type", "experience", "practice_size", "region", "gender", "age", "motivation")


@dataclass(frozen=True)
class Count:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class Remark:
    key: str
    kind: str  # "lopsided", "caution" or "balanced"
    text: str


@dataclass
class Composition:
    total: int
    dimensions: dict[str, list[Count]] = field(default_factory=dict)
    remarks: list[Remark] = field(default_factory=list)

    def title(self, dimension: str) -> str:
        return t(f"composition.dimension.{dimension}")


def composition(members: list[Member], today: dt.date | None = None) -> Composition:
    """Counts per dimension (every choice listed, also with 0; unknown values last) and remarks."""
    members = [member for member in members if not member.erased]
    today = today or timezone.today()
    ages = [member.age(today) for member in members]
    result = Composition(total=len(members))
    result.dimensions = {
        "practice_type": _choices(members, "practice_type", PRACTICE_TYPES),
        "experience": _bands([m.years_as_leader for m in members], EXPERIENCE_BANDS, "years"),
        "practice_size": _bands([m.practice_size for m in members], SIZE_BANDS, "employees"),
        "region": _choices(members, "region", REGIONS),
        "gender": _choices(members, "gender", GENDERS),
        "age": _bands(ages, AGE_BANDS, "age"),
        "motivation": _choices(members, "motivation", MOTIVATIONS),
    }
    result.remarks = _remarks(members, ages)
    return result


def _choices(members: list[Member], name: str, codes: tuple) -> list[Count]:
    counter = Counter(getattr(member, name) for member in members)
    counts = [Count(code, label(name, code), counter.get(code, 0)) for code in codes]
    return counts + _unknown(counter.get(None, 0))


def _bands(values: list[int | None], bands: tuple, unit: str) -> list[Count]:
    counts = []
    for low, high in bands:
        number = sum(1 for v in values if v is not None and v >= low and (high is None or v <= high))
        counts.append(Count(f"{low}-{high if high is not None else ''}", _band_label(low, high, unit), number))
    return counts + _unknown(sum(1 for value in values if value is None))


def _band_label(low: int, high: int | None, unit: str) -> str:
    if high is None:
        return t(f"composition.band.{unit}_open", low=low)
    if low == 0:
        return t(f"composition.band.{unit}_under", limit=high + 1)
    return t(f"composition.band.{unit}", low=low, high=high)


def _unknown(number: int) -> list[Count]:
    return [Count("unknown", t("common.unknown"), number)] if number else []


def _remarks(members: list[Member], ages: list[int | None]) -> list[Remark]:
    remarks = [
        *_practice_type_remarks(members),
        *_gender_remarks(members),
        *_region_remarks(members),
        *_spread_remarks("experience", [m.years_as_leader for m in members], 5, newer_below=5, older_from=15),
        *_spread_remarks("age", ages, 10, newer_below=40, older_from=55),
        *_size_remarks(members),
    ]
    lopsided = [remark for remark in remarks if remark.kind == "lopsided"]
    if not lopsided and len(members) >= MIN_FOR_REMARKS:
        remarks.append(_balanced(members))
    return remarks


def _remark(key: str, kind: str, **values: object) -> Remark:
    return Remark(key, kind, t(f"composition.remark.{key}", **values))


def _practice_type_remarks(members: list[Member]) -> list[Remark]:
    counter = Counter(m.practice_type for m in members if m.practice_type)
    known = sum(counter.values())
    if known < MIN_FOR_REMARKS:
        return []
    remarks = []
    code, number = counter.most_common(1)[0]
    if number * 2 > known:
        missing = [label("practice_type", c).lower() for c in GUIDE_PRACTICE_TYPES if c not in counter][:3]
        remarks.append(_remark("one_practice_type", "lopsided", count=number, total=known,
                               practice_type=label("practice_type", code).lower(),
                               suggestions=_join(missing) or t("composition.other_professions")))
    elif max(counter.values()) == 1:
        remarks.append(_remark("no_common_practice_type", "caution"))
    rivals = Counter((m.practice_type, m.region) for m in members if m.practice_type and m.region)
    for (practice_type, region), number in sorted(rivals.items()):
        if number >= 2 and practice_type != "other":
            remarks.append(_remark("competition", "caution", count=number,
                                   practice_type=label("practice_type", practice_type).lower(),
                                   region=label("region", region)))
    return remarks


def _gender_remarks(members: list[Member]) -> list[Remark]:
    counter = Counter(m.gender for m in members if m.gender)
    known = sum(counter.values())
    if known < MIN_FOR_REMARKS:
        return []
    return [_remark(f"few_{gender}", "lopsided", count=counter.get(gender, 0), total=known)
            for gender in ("female", "male") if counter.get(gender, 0) * 4 < known]


def _region_remarks(members: list[Member]) -> list[Remark]:
    regions = Counter(m.region for m in members if m.region)
    if sum(regions.values()) < MIN_FOR_REMARKS or len(regions) > 2:
        return []
    names = [label("region", code) for code in REGIONS if code in regions]
    missing = [label("region", code) for code in REGIONS if code not in regions]
    return [_remark("few_regions", "lopsided", regions=_join(names), suggestions=_join(missing))]


def _spread_remarks(dimension: str, values: list[int | None], spread: int, newer_below: int,
                    older_from: int) -> list[Remark]:
    """All within ``spread`` years of each other: say which kind of member would complement the group."""
    known = [value for value in values if value is not None]
    if len(known) < MIN_FOR_REMARKS or max(known) - min(known) >= spread:
        return []
    if max(known) < newer_below:
        wanted = "older"
    elif min(known) >= older_from:
        wanted = "younger"
    else:
        wanted = "both"
    return [_remark(f"similar_{dimension}_{wanted}", "lopsided", low=min(known), high=max(known))]


def _size_remarks(members: list[Member]) -> list[Remark]:
    sizes = [m.practice_size for m in members if m.practice_size is not None]
    if len(sizes) < MIN_FOR_REMARKS:
        return []
    for low, high in SIZE_BANDS:
        if all(size >= low and (high is None or size <= high) for size in sizes):
            return [_remark("similar_size", "lopsided", band=_band_label(low, high, "employees").lower())]
    return []


def _balanced(members: list[Member]) -> Remark:
    years = [m.years_as_leader for m in members if m.years_as_leader is not None]
    return _remark(
        "balanced", "balanced",
        practice_types=len({m.practice_type for m in members if m.practice_type}),
        regions=len({m.region for m in members if m.region}),
        low=min(years, default=0), high=max(years, default=0))


def _join(items: list[str]) -> str:
    """'a, b og c' / 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('composition.and')} {items[-1]}"
