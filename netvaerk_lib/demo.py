"""The demo network: invented but realistic, the same every time for the same day.

Twelve invented leaders (no real persons; e-mails on example.dk) from the guide's practice types plus a
podiatrist and an optometrist, all five regions, both genders, ages 32-64. A frame (every second month,
three hours after closing time, at the members' practices, costs shared including an external facilitator),
a contract, seven held meetings with topics, attendance with cancellations (a few late ones, a slightly
rising trend), anonymous evaluations, goals followed up at the next meeting, and one planned meeting ahead.
Dates are relative to ``today``; every other choice comes from a seeded random generator.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass

import holidays

from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Attendance, Evaluation, Goal, GroundRule, Meeting, Member, Network, Topic
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import now

SEED = 2021  # the year the guide's own 12-leader network ran
HELD_MEETINGS = 7
MEETING_HOUR = 17  # after closing time
MEETING_MINUTES = 180
WEEKDAY = 3  # Thursday


@dataclass(frozen=True)
class _Person:
    name: str
    email: str
    practice_type: str
    region: str
    gender: str
    age: int
    years_in_profession: int
    years_as_leader: int
    practice_size: int
    motivation: str
    address: str
    expected_gain: str
    in_host_rota: bool = True


PEOPLE = (
    _Person("Mette Kjærgaard Holm", "mette.holm@example.dk", "dentist", "hovedstaden", "female", 47, 22, 14, 14,
            "people", "Lyngby Hovedgade 51, 2800 Kongens Lyngby",
            "Blive bedre til at give feedback, så mine medarbejdere vokser med opgaverne."),
    _Person("Jens Peter Aagaard", "jens.aagaard@example.dk", "dentist", "midtjylland", "male", 58, 31, 24, 22,
            "strategy", "Søndergade 18, 8000 Aarhus C",
            "Lægge en plan for klinikkens næste ti år, også for hvornår jeg selv skal trappe ned."),
    _Person("Sofie Lindgaard Bech", "sofie.bech@example.dk", "dentist", "nordjylland", "female", 32, 7, 2, 6,
            "dilemmas", "Boulevarden 7, 9000 Aalborg",
            "Et trygt sted at vende tvivl om min nye rolle som chef for tidligere kolleger."),
    _Person("Henrik Østergaard Møller", "henrik.moller@example.dk", "specialist", "syddanmark", "male", 61, 33, 19, 9,
            "community", "Kongensgade 40, 6700 Esbjerg",
            "Sparring med ledere uden for mit eget fag og nye øjne på gamle vaner."),
    _Person("Camilla Frost Vestergaard", "camilla.vestergaard@example.dk", "specialist", "hovedstaden", "female", 44,
            16, 6, 7, "people", "Frederiksberg Allé 23, 1820 Frederiksberg C",
            "Blive tryggere i de svære samtaler med personalet."),
    _Person("Rasmus Bøgh Thygesen", "rasmus.thygesen@example.dk", "physiotherapist", "sjaelland", "male", 39, 15, 8, 18,
            "strategy", "Algade 31, 4000 Roskilde",
            "Inspiration til at vokse fra én til to klinikker uden at miste overblikket."),
    _Person("Louise Dam Sørensen", "louise.sorensen@example.dk", "physiotherapist", "midtjylland", "female", 52, 27,
            17, 31, "people", "Vestergade 9, 7400 Herning",
            "Redskaber til at delegere mere og lede gennem mine teamledere."),
    _Person("Anders Skov Jørgensen", "anders.jorgensen@example.dk", "chiropractor", "syddanmark", "male", 45, 19, 12,
            11, "dilemmas", "Vejlevej 14, 7000 Fredericia",
            "At kunne tale åbent om de beslutninger, jeg ikke kan drøfte med medarbejderne."),
    _Person("Birgitte Hald Rasmussen", "birgitte.rasmussen@example.dk", "psychologist", "sjaelland", "female", 56, 28,
            15, 4, "dilemmas", "Jernbanegade 5, 4700 Næstved",
            "Få ledelse til at fylde mindre og blive bedre, så der er tid til klienterne.", False),
    _Person("Karen Munk Lauritsen", "karen.lauritsen@example.dk", "vet", "nordjylland", "female", 50, 24, 16, 40,
            "strategy", "Hobrovej 88, 9530 Støvring",
            "Strategisk blik på en stor klinik med vagtordning og mange faggrupper."),
    _Person("Peter Lund Kristiansen", "peter.kristiansen@example.dk", "optometrist", "midtjylland", "male", 42, 20, 7,
            8, "community", "Torvet 3, 8600 Silkeborg",
            "Et fællesskab med andre selvstændige, så jeg ikke står alene med lederrollen."),
    _Person("Lene Brix Andersen", "lene.andersen@example.dk", "podiatrist", "hovedstaden", "female", 64, 38, 29, 2,
            "community", "Nørrebrogade 60, 2200 København N",
            "Dele erfaringer fra mange år og få nye idéer til de sidste år som klinikejer.", False),
)

# Per meeting: guide topic number, or 0 for the group's own topic. The last entry is the planned meeting.
TOPIC_PLAN = (1, 5, 4, 3, 0, 6, 7, 2)
MOTIVATION_CHANGE = ("Sofie Lindgaard Bech", 4, "people")  # (member, at meeting number, new motivation)
LATE_CANCELLATION_HOURS = (5, 20, 30)  # less than 48 hours before the meeting
EARLY_CANCELLATION_DAYS = (3, 5, 8, 12, 16)
ABSENCES = ((3, "Peter Lund Kristiansen"), (6, "Rasmus Bøgh Thygesen"))  # (meeting number, member)

FOLLOW_UP_OUTCOMES = ("done", "continued", "done", "dropped", "done", "continued", "done")
GOOD_TEXTS = (
    "Sparringsøvelsen gav mig en konkret plan for mandag morgen.",
    "Det var godt at høre, hvordan de andre griber det an i praksis.",
    "Ærlig snak om tvivl – det føles trygt i gruppen nu.",
    "Gode spørgsmål fra de andre fik mig til at se min egen rolle på en ny måde.",
    "Opfølgningen på målene: det hjælper, at I spørger til det.",
    "Facilitatoren holdt os på sporet, og vi nåede det hele.",
    "Rart at møde ledere fra andre faggrupper med de samme udfordringer.",
    "Oplægget var kort og brugbart, og der var god tid til at vende egne cases.",
    "Stemningen og energien – jeg går herfra med lyst til at prøve noget nyt.",
    "At vi holdt telefonerne væk. Det gav ro til at lytte.",
    "Øvelsen med at stille spørgsmål i stedet for at komme med løsninger.",
    "Konkrete erfaringer med lønsamtaler, som jeg kan bruge med det samme.",
)
MISSED_TEXTS = (
    "Lidt mere tid til den sidste sparringsrunde.",
    "Vi kom lidt væk fra emnet i anden halvdel.",
    "Jeg savnede dem, der havde meldt afbud.",
    "Mere tid til at følge op på målene fra sidst.",
    "En pause undervejs.",
    "Flere eksempler fra de store praksisser.",
    "At vi fik aftalt, hvem der er vært næste gang, inden vi gik.",
    "",
    "",
    "",
)
GOAL_TEXTS = (
    "Holde medarbejdersamtale med alle inden næste møde.",
    "Delegere lagerstyring og bestillinger til klinikassistenten.",
    "Lukke for mails efter kl. 18 på hverdage.",
    "Tage den svære samtale med en medarbejder, der ofte kommer for sent.",
    "Skrive klinikkens tre vigtigste mål for næste år ned og dele dem med personalet.",
    "Indføre et kort morgenmøde to gange om ugen.",
    "Give konkret, positiv feedback til én medarbejder hver uge.",
    "Sætte en fast ugentlig time af til ledelse i kalenderen.",
    "Lave en plan for introduktion af nye medarbejdere.",
    "Spørge teamet, hvad de har brug for fra mig som leder.",
    "Få styr på vagtplanen, så jeg ikke selv dækker alle huller.",
    "Afklare med min kompagnon, hvem der har personaleansvaret.",
)
NOTES = {
    1: "Præsentationsrunde (2 min hver), interviews to og to om forventninger, spilleregler og fortrolighed.",
    "default": "Opfølgning på mål fra sidst, emne med oplæg, sparringsøvelse i grupper af tre, kort evaluering.",
}


def demo_name() -> str:
    return t("demo.network_name")


def create_demo(store: Store, today: dt.date | None = None, replace: bool = True, meeting_today: bool = False
                ) -> Network:
    """Create the demo network (in one transaction) and make it the apps' default network.

    ``meeting_today`` (``netvaerk demo``) adds a meeting held today whose evaluation waits to be opened."""
    today = today or now().date()
    name = demo_name()
    rng = random.Random(SEED)
    with store.transaction():  # holds the write lock: two kernels starting at once cannot both create it
        existing = store.network_by_name(name)
        if existing is not None and not replace:
            return existing
        if existing is not None:
            store.delete_network(existing.id)
        network = _network(store, name)
        dates = _meeting_dates(today)
        members = _members(store, network, today, joined_on=dates[0] - dt.timedelta(days=21))
        topics = _topics(store, network)
        meetings = _meetings(store, network, members, topics, dates)
        _attendance(store, meetings, members, rng)
        _evaluations(store, meetings, rng)
        _goals(store, meetings, rng)
        _motivation_change(store, members, meetings)
        if meeting_today:
            _todays_meeting(store, network, members, topics, today)
        network.coordinator_member_id = members["Rasmus Bøgh Thygesen"].id
        store.update_network(network)
        store.set_setting("default_network", name)
    return network


def ensure_demo(store: Store, today: dt.date | None = None) -> Network | None:
    """At first start: create the demo when the database holds no network at all."""
    with store.transaction():
        if store.list_networks():
            return None
        return create_demo(store, today)


def _network(store: Store, name: str) -> Network:
    network = create_network(
        store, name, purpose=t("demo.purpose"), frequency_months=2, length_minutes=MEETING_MINUTES,
        time_of_day="after_closing", venue_mode="practice", venue_detail=t("demo.venue_detail"),
        cost_model="shared", facilitator_fee_kr=4500, trial_meetings=4, facilitator=t("demo.facilitator"))
    store.add_ground_rule(GroundRule(network_id=network.id, text=t("demo.ground_rule"), source="own", position=7))
    return network


def _members(store: Store, network: Network, today: dt.date, joined_on: dt.date) -> dict[str, Member]:
    members = [
        Member(name=p.name, email=p.email, practice_type=p.practice_type, years_in_profession=p.years_in_profession,
               years_as_leader=p.years_as_leader, practice_size=p.practice_size, region=p.region, gender=p.gender,
               birth_year=today.year - p.age, motivation=p.motivation, practice_address=p.address,
               expected_gain=p.expected_gain, in_host_rota=p.in_host_rota)
        for p in PEOPLE
    ]
    store.add_members(network.id, members, joined_on=joined_on)
    return {member.name: member for member in members}


def _topics(store: Store, network: Network) -> dict[int, Topic]:
    """Topic by plan number: the guide's 1-8 as seeded, 0 for the group's own topic."""
    by_title = {topic.title: topic for topic in store.list_topics(network.id)}
    topics = {number: by_title[t(f"guide.topic.{number}")] for number in range(1, 9)}
    topics[0] = store.add_topic(Topic(network_id=network.id, title=t("demo.own_topic"), source="own"))
    return topics


def _meeting_dates(today: dt.date) -> list[dt.date]:
    """Seven Thursdays about two months apart before ``today`` and one about a month after.

    Meetings avoid public holidays, July and the Christmas weeks, as a real group would: the planned one
    moves later, a held one earlier (each counted back from the one after it, so no two come close).
    """
    closed = holidays.Denmark(years=range(today.year - 3, today.year + 2))

    def blocked(day: dt.date) -> bool:
        return day in closed or day.month == 7 or (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 3)

    day = _next_weekday(today + dt.timedelta(days=28))
    while blocked(day):
        day += dt.timedelta(weeks=1)
    dates = [day]
    latest_held = _next_weekday(today - dt.timedelta(days=13))  # a Thursday one to two weeks ago
    for _ in range(HELD_MEETINGS):
        day = min(dates[0] - dt.timedelta(weeks=9), latest_held)
        while blocked(day):
            day -= dt.timedelta(weeks=1)
        dates.insert(0, day)
    return dates


def _next_weekday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(WEEKDAY - day.weekday()) % 7)


def _meetings(store: Store, network, members, topics, dates) -> list[Meeting]:
    hosts = [member for member in members.values() if member.in_host_rota]
    meetings = []
    for number, day in enumerate(dates, start=1):
        host = hosts[(number - 1) * 3 % len(hosts)]
        meeting = Meeting(
            network_id=network.id, starts_at=dt.datetime.combine(day, dt.time(MEETING_HOUR)),
            length_minutes=MEETING_MINUTES, kind="first" if number == 1 else "following",
            status="held" if number <= HELD_MEETINGS else "planned", topic_id=topics[TOPIC_PLAN[number - 1]].id,
            location=host.practice_address, host_member_id=host.id, note=NOTES.get(number, NOTES["default"]))
        meetings.append(store.add_meeting(meeting))
    return meetings


def _todays_meeting(store: Store, network, members, topics, today: dt.date) -> Meeting:
    """An extra meeting held today, everyone present but two who cancelled, its evaluation not opened: so
    that a newcomer can try the whole evaluation (``netvaerk evaluation open``, then a member's link)."""
    people = list(members.values())
    host = next(member for member in people if member.in_host_rota)
    meeting = store.add_meeting(Meeting(
        network_id=network.id, starts_at=dt.datetime.combine(today, dt.time(MEETING_HOUR)),
        length_minutes=MEETING_MINUTES, kind="following", status="held", topic_id=topics[8].id,
        location=host.practice_address, host_member_id=host.id, note=NOTES["default"]))
    cancelled = [member.id for member in people if member.id != host.id][-2:]
    for member in people:
        status = "cancelled" if member.id in cancelled else "present"
        cancelled_at = meeting.starts_at - dt.timedelta(days=3) if status == "cancelled" else None
        store.set_attendance(Attendance(meeting.id, member.id, status, cancelled_at))
    return meeting


def _attendance(store: Store, meetings, members, rng: random.Random) -> None:
    """Present, cancelled or absent for every member at every held meeting; cancellations rise a little."""
    absent = set()
    for number, name in ABSENCES:  # the host is there, whoever else stays away
        host = meetings[number - 1].host_member_id
        member = members[name] if members[name].id != host else next(m for m in members.values() if m.id != host)
        absent.add((number, member.id))
    late_left = list(LATE_CANCELLATION_HOURS)
    for number, meeting in enumerate(meetings[:HELD_MEETINGS], start=1):
        chance = 0.04 + 0.025 * number
        for member in members.values():
            status, cancelled_at = "present", None
            if (number, member.id) in absent:
                status = "absent"
            elif member.id != meeting.host_member_id and number > 1 and rng.random() < chance:
                status = "cancelled"
                if late_left and number >= 3 and rng.random() < 0.4:
                    before = dt.timedelta(hours=late_left.pop(0))
                else:
                    before = dt.timedelta(days=rng.choice(EARLY_CANCELLATION_DAYS), hours=rng.randint(-6, 6))
                cancelled_at = (meeting.starts_at - before).replace(second=0, microsecond=0)
            store.set_attendance(Attendance(meeting.id, member.id, status, cancelled_at))


def _evaluations(store: Store, meetings, rng: random.Random) -> None:
    """Anonymous evaluations from most of those present, each held meeting's evaluation closed (released);
    each meeting has its own level."""
    keys = ("energy", "gain", "topic", "safety", "rules")
    for number, meeting in enumerate(meetings[:HELD_MEETINGS], start=1):
        store.set_evaluation_status(meeting.id, "closed", store.current_question_set_id(meeting.network_id))
        present = [m for m, a in store.attendance(meeting.id).items() if a.status == "present"]
        level = 3.4 + 0.15 * min(number, 5) - (0.5 if number == 5 else 0)
        for _member in present:
            if rng.random() > 0.85:
                continue
            ratings = {key: max(1, min(5, round(level + rng.gauss(0, 0.7)))) for key in keys}
            if number == 1:
                ratings["safety"] = max(1, ratings["safety"] - 1)  # trust grows over the first meetings
            texts = {"good": rng.choice(GOOD_TEXTS), "missed": rng.choice(MISSED_TEXTS)}
            store.add_evaluation(Evaluation(meeting_id=meeting.id, ratings=ratings, texts=texts))


def _goals(store: Store, meetings, rng: random.Random) -> None:
    """From the second meeting on, a few present members set a goal; the next meeting follows up on it."""
    open_goals: list[Goal] = []
    outcomes = itertools.cycle(FOLLOW_UP_OUTCOMES)
    for number, meeting in enumerate(meetings[:HELD_MEETINGS], start=1):
        present = [m for m, a in store.attendance(meeting.id).items() if a.status == "present"]
        still_open = []
        for goal in open_goals:
            if goal.member_id in present:
                store.follow_up_goal(goal.id, next(outcomes), meeting.id)
            else:
                still_open.append(goal)
        open_goals = still_open
        if number == 1:
            continue
        for member_id in rng.sample(sorted(present), k=min(4, len(present))):
            goal = Goal(member_id=member_id, text=rng.choice(GOAL_TEXTS), meeting_id=meeting.id)
            open_goals.append(store.add_goal(goal))


def _motivation_change(store: Store, members, meetings) -> None:
    """The guide: motivation may shift during the network's life. One member's did."""
    name, number, motivation = MOTIVATION_CHANGE
    member = members[name]
    member.motivation = motivation
    store.update_member(member, today=meetings[number - 1].starts_at.date())
