"""A synthetic data set of many networks for the cross-network overview and its benchmark.

Each network gets 8-15 members, a meeting every one to three months for ``years`` years, attendance with a
health profile (steady, drifting off track in the last year, or recovering), anonymous evaluations whose
scores follow the attendance, and goals that are followed up or not. Everything is drawn from one seeded
random generator (the same seed gives the same data) and written through the store in bulk, one
transaction per batch of networks.
"""

from __future__ import annotations

import datetime as dt
import random

from netvaerk_lib import timezone
from netvaerk_lib.model import MOTIVATIONS, PRACTICE_TYPES, REGIONS
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t

FIRST_NAMES = ("Anne", "Mette", "Lone", "Karen", "Sofie", "Ida", "Camilla", "Louise", "Maria", "Hanne", "Peter",
               "Jens", "Lars", "Søren", "Henrik", "Mads", "Anders", "Thomas", "Rasmus", "Niels", "Jonas", "Emil")
SURNAMES = ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
            "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen")
OWN_TOPICS = ("Rekruttering", "Økonomistyring i praksis", "Arbejdsmiljø og trivsel", "Generationsskifte",
              "Digitalisering af klinikken", "Samarbejde med kommunen")
GOALS = ("Delegere bogføringen", "Holde MUS med alle", "Lave en ferieplan i god tid", "Sige nej til en ekstra vagt",
         "Tage den svære samtale", "Skrive en strategi på én side", "Give ros hver uge")
RATING_QUESTIONS = ("energy", "gain", "topic", "safety", "rules")
BATCH = 25


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _profile(rng: random.Random) -> str:
    return rng.choices(("steady", "drifting", "recovering"), weights=(70, 18, 12))[0]


def _away_probability(profile: str, base: float, progress: float) -> float:
    """The chance that a member is away, by how far (0-1) the network is through its life."""
    if profile == "drifting" and progress > 0.8:
        return base + (progress - 0.8) / 0.2 * 0.4
    if profile == "recovering":
        return max(0.03, base + 0.25 * (1 - progress))
    return base


class _Ids:
    def __init__(self, first: dict[str, int]):
        self.next = dict(first)

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] += 1
        return value


def _network_rows(rng: random.Random, ids: _Ids, years: int, today: dt.date, rows: dict[str, list]) -> int:
    """Append one network's rows to ``rows``; returns the number of meetings."""
    network_id = ids.take("networks")
    frequency = rng.choices((1, 2, 3), weights=(20, 50, 30))[0]
    trial = rng.choice((3, 4))
    start = today - dt.timedelta(days=int(365.25 * years)) + dt.timedelta(days=rng.randrange(0, 60))
    rows["networks"].append((network_id, t("analysis.synthetic.name", number=network_id), "", start.isoformat(),
                             frequency, 180, trial, ""))
    members = []
    for _ in range(rng.randint(8, 15)):
        member_id = ids.take("members")
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        years_in = rng.randint(5, 35)
        erased = rng.random() < 0.05
        rows["members"].append((
            member_id, network_id, None if erased else name, None, None if erased else rng.choice(PRACTICE_TYPES),
            years_in, rng.randint(1, years_in), rng.randint(2, 40), rng.choice(REGIONS), rng.choice(("female", "male")),
            today.year - rng.randint(30, 65), rng.choice(MOTIVATIONS), start.isoformat(),
            today.isoformat() if erased else None))
        members.append((member_id, rng.uniform(0.5, 1.8), erased))
    topics = []
    for number in range(1, 9):
        topics.append(ids.take("topics"))
        rows["topics"].append((topics[-1], network_id, t(f"guide.topic.{number}"), "guide"))
    for title in rng.sample(OWN_TOPICS, rng.randint(0, 3)):
        topics.append(ids.take("topics"))
        rows["topics"].append((topics[-1], network_id, title, "own"))

    profile, base = _profile(rng), rng.uniform(0.05, 0.22)
    days, day = [], start
    while day <= today + dt.timedelta(days=31 * frequency):
        days.append(day)
        day = _months_later(day, frequency)
    open_goals: list[list] = []
    erased_ids = {member_id for member_id, _, erased in members if erased}
    for index, day in enumerate(days):
        starts = dt.datetime.combine(day, dt.time(17, 0))
        meeting_id = ids.take("meetings")
        held = day <= today
        topic = None if index == 0 else rng.choice(topics)
        rows["meetings"].append((meeting_id, network_id, starts.isoformat(timespec="minutes"), 180,
                                 "first" if index == 0 else "following", "held" if held else "planned", topic))
        if not held:
            continue
        away = _away_probability(profile, base, index / max(1, len(days) - 1))
        present = []
        for member_id, tendency, _ in members:
            if rng.random() >= min(0.95, away * tendency):
                rows["attendance"].append((meeting_id, member_id, "present", None))
                present.append(member_id)
            elif rng.random() < 0.15:
                rows["attendance"].append((meeting_id, member_id, "absent", None))
            else:
                hours = rng.uniform(1, 47) if rng.random() < 0.25 else rng.uniform(48, 24 * 14)
                cancelled_at = (starts - dt.timedelta(hours=hours)).isoformat(timespec="minutes")
                rows["attendance"].append((meeting_id, member_id, "cancelled", cancelled_at))
        for row in open_goals:
            if rng.random() < 0.7:
                row[4:6] = [rng.choice(("done", "done", "continued", "dropped")), meeting_id]
        open_goals = []
        mood = 4.4 - 3 * away
        for _ in range(sum(rng.random() < 0.8 for _ in present)):
            response_id = f"{rng.getrandbits(128):032x}"
            rows["evaluation_responses"].append((response_id, meeting_id))
            for key in RATING_QUESTIONS:
                rating = min(5, max(1, round(rng.gauss(mood, 0.8))))
                rows["evaluation_answers"].append((response_id, key, rating, None))
        for member_id in present:
            if member_id not in erased_ids and rng.random() < 0.3:
                rows["goals"].append([ids.take("goals"), member_id, meeting_id, rng.choice(GOALS), "open", None])
                open_goals.append(rows["goals"][-1])
    return sum(1 for d in days if d <= today)


def generate(store: Store, networks: int = 200, years: int = 5, seed: int = 1, today: dt.date | None = None) -> dict:
    """Add ``networks`` synthetic networks to the store; returns the rows written per table and ``held``, the
    number of meetings that took place (the rest are planned)."""
    rng = random.Random(seed)
    today = today or timezone.today()
    ids = _Ids(store.next_ids())
    counts = {"held": 0}
    for batch_start in range(0, networks, BATCH):
        rows: dict[str, list] = {name: [] for name in ("networks", "members", "topics", "meetings", "attendance",
                                                       "goals", "evaluation_responses", "evaluation_answers")}
        for _ in range(min(BATCH, networks - batch_start)):
            counts["held"] += _network_rows(rng, ids, years, today, rows)
        for table, written in store.bulk_insert(rows).items():
            counts[table] = counts.get(table, 0) + written
    return counts
