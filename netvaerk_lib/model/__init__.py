"""The domain model: networks, members, meetings, attendance, topics, ground rules, goals.

Plain dataclasses with a ``validate()`` that collects every problem as a :class:`FieldError` whose
message is in the current language and names the field. ``from_raw`` turns the strings a person
typed (in a form or a spreadsheet) into typed values, with the same kind of errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields

from netvaerk_lib.texts import catalogue, language, t
from netvaerk_lib.timezone import today as today_in_copenhagen

PRACTICE_TYPES = (
    "dentist", "specialist", "physiotherapist", "chiropractor", "psychologist", "vet",
    "podiatrist", "optometrist", "other",
)
REGIONS = ("hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland")
GENDERS = ("female", "male", "other")
MOTIVATIONS = ("people", "strategy", "dilemmas", "community", "other")
ATTENDANCE_STATUSES = ("present", "cancelled", "absent")
CANCELLATION_NOTICES = ("in_time", "late", "same_day")  # i god tid, sent, i dag
LATE_CANCELLATION_HOURS = 48  # the default limit for a late cancellation, hours before the start
MEETING_KINDS = ("first", "following")
MEETING_STATUSES = ("planned", "held", "cancelled")
GOAL_STATUSES = ("open", "done", "continued", "dropped")
FREQUENCIES = (1, 2, 3)
TIMES_OF_DAY = ("daytime", "after_closing", "weekend")
VENUE_MODES = ("practice", "borrowed", "online")
COST_MODELS = ("host_pays", "shared")

MAX_NAME = 100
MAX_TEXT = 2000
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Control characters (NUL, VT, ESC ...) cannot be seen, and XML (an Excel file) cannot hold them; tab and line
# breaks are ordinary text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def visible_controls(text: str) -> str:
    """Text for a spreadsheet: each control character XML cannot hold becomes its visible picture (ESC -> '␛'),
    so that an export shows what the store holds (data saved before such characters were refused)."""
    return XML_FORBIDDEN.sub(lambda match: chr(0x2400 + ord(match.group())), text)


SHOWN_VALUE = 40  # a refused value is echoed this far, not a 5000-digit number in full


def label(kind: str, code: object) -> str:
    """The human label of a coded value, e.g. ``label('practice_type', 'vet')`` -> 'Dyrlæge'."""
    return t(f"{kind}.{code}")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ValidationError(ValueError):
    """One or more fields are wrong; ``errors`` names each field and says why, in the UI language."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__(" ".join(error.message for error in errors))

    def for_field(self, name: str) -> list[str]:
        return [error.message for error in self.errors if error.field == name]


class _Checker:
    """Collects field errors while a record is checked."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, name: str, key: str, **values: object) -> None:
        if isinstance(values.get("value"), str) and len(values["value"]) > SHOWN_VALUE:
            values["value"] = values["value"][:SHOWN_VALUE] + "…"
        self.errors.append(FieldError(name, t(key, field=t(f"field.{name}"), **values)))

    def text(self, name: str, value: str | None, *, required: bool = False, limit: int = MAX_TEXT) -> None:
        if value is None or not value.strip():
            if required:
                self.fail(name, "error.required")
            return
        if len(value) > limit:
            self.fail(name, "error.too_long", limit=limit)
        if CONTROL_CHARACTERS.search(value):
            self.fail(name, "error.control_characters")

    def choice(self, name: str, value: object, choices: tuple, *, required: bool = False) -> None:
        if value is None or value == "":
            if required:
                self.fail(name, "error.required")
            return
        if value not in choices:
            options = ", ".join(str(label(name, code)) for code in choices)
            self.fail(name, "error.choice", value=value, options=options)

    def integer(self, name: str, value: int | None, low: int, high: int, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.fail(name, "error.required")
            return
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(name, "error.range", low=low, high=high)

    def done(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def _to_int(raw: str) -> int:
    """A whole number as a Dane types it: '1.200' is twelve hundred, '12,0' is twelve, '2.5' is refused."""
    cleaned = raw.strip().replace(" ", "")
    if "." in cleaned:
        if not THOUSANDS.match(cleaned.split(",")[0]):
            raise ValueError(raw)
        cleaned = cleaned.replace(".", "")
    if "," in cleaned:
        whole, _, fraction = cleaned.partition(",")
        if fraction.strip("0"):
            raise ValueError(raw)
        cleaned = whole
    return int(cleaned)


@dataclass
class Member:
    name: str
    email: str = ""
    practice_type: str | None = None
    years_in_profession: int | None = None
    years_as_leader: int | None = None
    practice_size: int | None = None
    region: str | None = None
    gender: str | None = None
    birth_year: int | None = None
    motivation: str | None = None
    practice_address: str = ""
    expected_gain: str = ""
    in_host_rota: bool = True
    id: int | None = None
    network_id: int | None = None
    erased: bool = False

    INTEGER_FIELDS = ("years_in_profession", "years_as_leader", "practice_size", "birth_year")
    CHOICE_FIELDS = {
        "practice_type": PRACTICE_TYPES, "region": REGIONS, "gender": GENDERS, "motivation": MOTIVATIONS,
    }
    EDITABLE_FIELDS = (
        "name", "email", "practice_type", "years_in_profession", "years_as_leader", "practice_size",
        "region", "gender", "birth_year", "motivation", "practice_address",
    )

    def validate(self, today: dt.date | None = None) -> Member:
        year = (today or today_in_copenhagen()).year
        check = _Checker()
        check.text("name", self.name, required=True, limit=MAX_NAME)
        check.text("email", self.email, limit=200)
        if self.email and self.email.strip() and not EMAIL_PATTERN.match(self.email.strip()):
            check.fail("email", "error.email")
        for name, choices in self.CHOICE_FIELDS.items():
            check.choice(name, getattr(self, name), choices, required=name == "practice_type")
        check.integer("years_in_profession", self.years_in_profession, 0, 70)
        check.integer("years_as_leader", self.years_as_leader, 0, 70)
        check.integer("practice_size", self.practice_size, 0, 5000)
        check.integer("birth_year", self.birth_year, year - 100, year - 18)
        if (
            isinstance(self.years_as_leader, int) and isinstance(self.years_in_profession, int)
            and self.years_as_leader > self.years_in_profession
        ):
            check.fail("years_as_leader", "error.leader_longer_than_profession")
        check.text("practice_address", self.practice_address, limit=300)
        check.text("expected_gain", self.expected_gain)
        check.done()
        return self

    @classmethod
    def from_raw(cls, raw: dict[str, str], today: dt.date | None = None) -> Member:
        """Build and validate a member from typed strings keyed by field name.

        Choice fields accept the code or the label in Danish or English ('Tandlæge', 'dentist').
        """
        check = _Checker()
        values: dict[str, object] = {}
        for name in cls.EDITABLE_FIELDS:
            text = (raw.get(name) or "").strip()
            if name in cls.INTEGER_FIELDS:
                if not text:
                    values[name] = None
                    continue
                try:
                    values[name] = _to_int(text)
                except ValueError:
                    check.fail(name, "error.not_a_number", value=text)
            elif name in cls.CHOICE_FIELDS:
                code = choice_code(name, text) if text else None
                if text and code is None:
                    options = ", ".join(label(name, c) for c in cls.CHOICE_FIELDS[name])
                    check.fail(name, "error.choice", value=text, options=options)
                values[name] = code
            else:
                values[name] = text
        member = cls(**{name: values.get(name) for name in cls.EDITABLE_FIELDS})  # type: ignore[arg-type]
        try:
            member.validate(today)
        except ValidationError as error:
            failed = {problem.field for problem in check.errors}
            check.errors += [problem for problem in error.errors if problem.field not in failed]
        check.done()
        return member

    def as_row(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("id", "erased")}

    def age(self, today: dt.date | None = None) -> int | None:
        if self.birth_year is None:
            return None
        return (today or today_in_copenhagen()).year - self.birth_year


def choice_code(kind: str, text: str) -> str | None:
    """The code whose code, Danish or English label matches ``text`` (case-insensitively)."""
    wanted = text.strip().casefold()
    for code in Member.CHOICE_FIELDS[kind]:
        names = {code}
        for lang in ("da", "en"):
            names.add(catalogue(lang).get(f"{kind}.{code}", ""))
            names |= set(catalogue(lang).get(f"{kind}.{code}.aliases", "").split("|"))
        if wanted in {name.casefold() for name in names if name}:
            return code
    return None


@dataclass
class Network:
    name: str
    purpose: str = ""
    frequency_months: int = 2
    length_minutes: int = 180
    time_of_day: str = "after_closing"
    venue_mode: str = "practice"
    venue_detail: str = ""
    cost_model: str = "host_pays"
    facilitator_fee_kr: int = 0
    trial_meetings: int = 4
    facilitator: str = ""
    coordinator_member_id: int | None = None
    late_cancellation_hours: int = LATE_CANCELLATION_HOURS
    id: int | None = None

    def validate(self) -> Network:
        check = _Checker()
        check.text("network_name", self.name, required=True, limit=MAX_NAME)
        check.text("purpose", self.purpose)
        check.choice("frequency_months", self.frequency_months, FREQUENCIES, required=True)
        check.integer("length_minutes", self.length_minutes, 30, 24 * 60, required=True)
        check.choice("time_of_day", self.time_of_day, TIMES_OF_DAY, required=True)
        check.choice("venue_mode", self.venue_mode, VENUE_MODES, required=True)
        check.text("venue_detail", self.venue_detail, limit=300)
        check.choice("cost_model", self.cost_model, COST_MODELS, required=True)
        check.integer("facilitator_fee_kr", self.facilitator_fee_kr, 0, 1_000_000, required=True)
        check.integer("trial_meetings", self.trial_meetings, 3, 4, required=True)
        check.text("facilitator", self.facilitator, limit=MAX_NAME)
        check.integer("late_cancellation_hours", self.late_cancellation_hours, 1, 24 * 14, required=True)
        check.done()
        return self


@dataclass
class Meeting:
    network_id: int
    starts_at: dt.datetime
    length_minutes: int
    kind: str = "following"
    status: str = "planned"
    topic_id: int | None = None
    location: str = ""
    host_member_id: int | None = None
    note: str = ""
    id: int | None = None

    def validate(self) -> Meeting:
        check = _Checker()
        if not isinstance(self.starts_at, dt.datetime):
            check.fail("starts_at", "error.required")
        check.integer("length_minutes", self.length_minutes, 30, 24 * 60, required=True)
        check.choice("meeting_kind", self.kind, MEETING_KINDS, required=True)
        check.choice("meeting_status", self.status, MEETING_STATUSES, required=True)
        check.text("location", self.location, limit=300)
        check.text("note", self.note)
        check.done()
        return self

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.length_minutes)


@dataclass
class Attendance:
    meeting_id: int
    member_id: int
    status: str
    cancelled_at: dt.datetime | None = None
    notice: str | None = None  # for a cancellation: 'in_time', 'late' or 'same_day' (CANCELLATION_NOTICES)

    def validate(self) -> Attendance:
        check = _Checker()
        check.choice("attendance", self.status, ATTENDANCE_STATUSES, required=True)
        if self.status != "cancelled" and self.cancelled_at is not None:
            check.fail("cancelled_at", "error.cancelled_at_without_cancellation")
        if self.status != "cancelled" and self.notice is not None:
            check.fail("notice", "error.cancelled_at_without_cancellation")
        check.choice("notice", self.notice, CANCELLATION_NOTICES)
        check.done()
        return self


@dataclass
class Topic:
    network_id: int
    title: str
    source: str = "own"
    id: int | None = None

    def validate(self) -> Topic:
        check = _Checker()
        check.text("topic", self.title, required=True, limit=200)
        check.done()
        return self


@dataclass
class GroundRule:
    network_id: int
    text: str
    source: str = "own"
    position: int = 0
    id: int | None = None

    def validate(self) -> GroundRule:
        check = _Checker()
        check.text("ground_rule", self.text, required=True, limit=300)
        check.done()
        return self


@dataclass
class Goal:
    member_id: int
    text: str
    meeting_id: int | None = None
    status: str = "open"
    followed_up_meeting_id: int | None = None
    id: int | None = None

    def validate(self) -> Goal:
        check = _Checker()
        check.text("goal", self.text, required=True, limit=500)
        check.choice("goal_status", self.status, GOAL_STATUSES, required=True)
        check.done()
        return self


@dataclass
class EvaluationQuestion:
    key: str
    kind: str
    label_da: str
    label_en: str
    position: int
    required: bool = False
    active: bool = True

    def label(self) -> str:
        return self.label_da if language() == "da" else self.label_en


@dataclass
class Evaluation:
    """One anonymous evaluation: the meeting and the answers, never who gave them."""

    meeting_id: int
    ratings: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
