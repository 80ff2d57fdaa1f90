"""Demo learning: everyone giving support has a learning history, and learning is shared.

* **Records** for every demo worker (team members giving support as workers, volunteers or peer
  supporters) and every member wearing a hat: one per topic their circles require, most in date,
  some due within 60 days, some expired and a few missing. The topics that gate work (they name a
  kind of support) are kept in date, so the demo's visits stand — except one: the worker who
  helps with medicines in the demo member's team (member@demo.coopcare.test) has an **expired
  medicines competence**, so the block on medicines visits shows, and a session to put it right
  is booked.
* A **Learning Lead** in the Leeds circle (it had a Coach, not a Learning Lead); a few
  qualifications and registrations (one registration expired).
* **Sessions** in Leeds offered by people of different classes — a worker, a family member, a
  person getting support, the Coach: three completed with attendance, records and feedback, two
  ahead, open, one full with a waiting list. Two recognised teachers.
* One peer **supervision** pair with check-ins, one **welcome route** part-done, and journeys on
  the volunteer-to-paid-work **pathway** (one reaching paid work in the last year).

Rows are written directly, like the demo's visits: these are the starting state, not changes
anybody made (the Learning Lead's hat goes through the circles service, as the demo's other
hats do). The module draws on its own seeded randomness, so the rest of the demo co-op and the
large co-op built after it stay as they were.
"""

import datetime
import random
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from coopcare.circles.models import Hat, HatType
from coopcare.circles.services import put_on_hat
from coopcare.learning.models import (
    CheckIn,
    LearningRecord,
    LearningSession,
    Method,
    Pathway,
    PathwayJourney,
    Place,
    Qualification,
    Registration,
    SessionFeedback,
    StageMove,
    SupervisionPair,
    TeacherLevel,
    TeacherRecognition,
    Topic,
    WelcomeRoute,
    WelcomeStep,
    WelcomeTick,
)
from coopcare.learning.requirements import interval_months, policy_for, requirements_of
from coopcare.seed.people import SEED, Seeder
from coopcare.teams.models import MemberKind, TeamMember

# Indices into the demo's members (see MEMBER_CLASSES in coopcare.seed.demo).
JORDAN = 1  # member@demo.coopcare.test, an independent worker in the full team
MEDICINES_WORKER = 20  # gives the full team's "Lunch and medicines" visits
MEDICINES_ASSESSOR = 6  # employed worker, MAR Holder in the self-managing team
LEEDS_COACH = 24
LEEDS_LEARNING_LEAD = 23  # an independent worker, already the Leeds Team Starter
WORKER_TEACHER = 11
FAMILY_TEACHER = 22  # an advocate member, family in the full team
SUPPORTED_TEACHER = 21  # owner of the full team
VOLUNTEER = 9
SUPERVISOR = 25  # wears the Peer Supervisor hat in Leeds
GIVING_KINDS = (
    MemberKind.INDEPENDENT_WORKER,
    MemberKind.EMPLOYED_WORKER,
    MemberKind.VOLUNTEER,
    MemberKind.PEER_SUPPORTER,
)
IN_DATE, DUE, EXPIRED, MISSING = "in_date", "due", "expired", "missing"
MIX = [(IN_DATE, 74), (DUE, 11), (EXPIRED, 9), (MISSING, 6)]
# Statuses chosen for the demo member, so their own page shows each kind of line.
JORDAN_MIX = {"fire-safety": DUE, "first-aid": EXPIRED, "food-hygiene": MISSING}
PROVIDERS = {
    Method.EXTERNAL_COURSE: ["St John Ambulance", "Leeds Adult Learning", "Skills for Care"],
    Method.E_LEARNING: ["Care Certificate e-learning", "Oliver McGowan e-learning (Health "
                        "Education England)", "Social Care TV"],
    Method.PEER_SESSION: ["Leeds Circle peer session", "Team meeting"],
}  # fmt: skip
EXTERNAL_ASSESSOR = "Amina Begum, pharmacist (Leeds Community Pharmacy)"


@dataclass
class DemoLearning:
    records: int = 0
    sessions: list[LearningSession] = field(default_factory=list)
    learning_lead: object = None


class Writer:
    def __init__(self, seeder: Seeder, members: list) -> None:
        self.rng = random.Random(SEED + 11)
        self.today = seeder.today
        self.now = timezone.now()
        self.members = members
        self.leeds = None
        self.result = DemoLearning()

    def day(self, low: int, high: int) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randint(low, high))

    def completed_on(self, topic: Topic, status: str) -> datetime.date | None:
        """A date that gives ``status`` today under the topic's interval."""
        months = interval_months(topic)
        if status == MISSING:
            return None
        if months is None:
            return self.day(60, 900)
        expires = self.today - relativedelta(months=months)  # completed that day: expires today
        if status == DUE:
            return expires + datetime.timedelta(days=self.rng.randint(5, 55))
        if status == EXPIRED:
            return expires - datetime.timedelta(days=self.rng.randint(5, 120))
        span = max((self.today - expires).days - 70, 1)
        return self.today - datetime.timedelta(days=self.rng.randint(5, 5 + span))

    def record(self, person, topic: Topic, on: datetime.date, **fields) -> LearningRecord:
        method = fields.pop("method", None)
        if method is None:
            method = Method.OBSERVED if topic.observed else self.rng.choice(list(PROVIDERS))
        provider = fields.pop("provider", None)
        if provider is None:
            provider = self.rng.choice(PROVIDERS.get(method, [""]))
        if topic.observed:
            fields.setdefault("assessor_name", EXTERNAL_ASSESSOR)
            fields.setdefault("signed_off_at", _moment(on))
        self.result.records += 1
        return LearningRecord.objects.create(
            person=person,
            topic_slug=topic.slug,
            topic_name=topic.name,
            completed_on=on,
            method=method,
            provider=provider,
            recorded_by=fields.pop("recorded_by", person),
            recorded_at=_moment(on),
            **fields,
        )


def _moment(day: datetime.date, hour: int = 15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _people() -> list:
    """Demo workers and members wearing hats, each once, in a stable order."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    givers = TeamMember.objects.current().filter(kind__in=GIVING_KINDS).values("person_id")
    wearers = Hat.objects.current().values("holder_id")
    people = User.objects.filter(pk__in=givers) | User.objects.filter(pk__in=wearers)
    return list(people.distinct().select_related("profile").order_by("pk"))


def _status(writer: Writer, person, topic: Topic) -> str:
    m = writer.members
    if person.pk == m[MEDICINES_WORKER].pk and topic.slug == "medicines-competence":
        return EXPIRED  # the demo's gate: their medicines visits are blocked
    if topic.support_kinds:
        return IN_DATE  # everything else that gates work is in date, so the visits stand
    if person.pk == m[JORDAN].pk:
        return JORDAN_MIX.get(topic.slug, IN_DATE)
    return writer.rng.choices([s for s, _ in MIX], [w for _, w in MIX])[0]


def _records(writer: Writer) -> None:
    # Learning anyone may do, for people of whom nothing is required (a hat with no role
    # training, say) or whose every requirement happened to come out missing.
    chosen = policy_for(writer.leeds).topics.get(slug="safeguarding-adults")
    for person in _people():
        written = 0
        for cell in requirements_of(person, writer.today):
            on = writer.completed_on(cell.topic, _status(writer, person, cell.topic))
            if on is not None:
                writer.record(person, cell.topic, on)
                written += 1
        if not written:
            writer.record(person, chosen, writer.completed_on(chosen, IN_DATE))
    # The assessor who observes medicines practice holds the competence herself.
    assessor = writer.members[MEDICINES_ASSESSOR]
    held = {r.topic_slug for r in LearningRecord.objects.filter(person=assessor)}
    leeds_topics = Topic.objects.filter(
        policy__circle=writer.leeds,
        slug__in=["medicines-support", "medicines-competence"],
    )
    for topic in leeds_topics:
        if topic.slug not in held:
            writer.record(assessor, topic, writer.today - datetime.timedelta(days=200))


def _learning_lead(writer: Writer, coop) -> object:
    leeds = coop.circles["leeds"]
    lead = writer.members[LEEDS_LEARNING_LEAD]
    hat_type = HatType.objects.get(slug="learning-lead")
    if not Hat.objects.current().filter(circle=leeds, hat_type=hat_type).exists():
        put_on_hat(None, leeds, hat_type, lead, writer.today - datetime.timedelta(days=150))
    return lead


def _credentials(writer: Writer) -> None:
    m, today = writer.members, writer.today
    qualifications = [
        (JORDAN, "Level 3 Diploma in Adult Care", "3", "City & Guilds", True, 1400),
        (MEDICINES_ASSESSOR, "Level 3 Award in Supporting the Use of Medication", "3",
         "NCFE CACHE", True, 900),
        (WORKER_TEACHER, "Level 5 Diploma in Leadership for Health and Social Care", "5",
         "Pearson", True, 2100),
        (VOLUNTEER, "Mental Health First Aid", "", "MHFA England", False, 300),
    ]  # fmt: skip
    for index, title, level, body, accredited, days in qualifications:
        Qualification.objects.create(
            person=m[index],
            title=title,
            level=level,
            awarding_body=body,
            accredited=accredited,
            achieved_on=today - datetime.timedelta(days=days),
            recorded_by=m[index],
        )
    coach = m[LEEDS_COACH]
    # A nurse who now works independently, registration checked; a social worker's lapsed.
    Registration.objects.create(
        person=m[MEDICINES_ASSESSOR],
        body="nmc",
        number="09A1234E",
        expires_on=today + datetime.timedelta(days=210),
        checked_by=coach,
        checked_on=today - datetime.timedelta(days=40),
        recorded_by=coach,
    )
    Registration.objects.create(
        person=m[10],
        body="swe",
        number="SW98765",
        expires_on=today - datetime.timedelta(days=12),
        checked_by=coach,
        checked_on=today - datetime.timedelta(days=380),
        recorded_by=coach,
    )


def _session(writer: Writer, circle, *, offered_by, title, kind, topics, days, minutes=90,
             setting="circle", team=None, capacity=8, place="", description=""):  # fmt: skip
    start = _moment(writer.today + datetime.timedelta(days=days), hour=14)
    past = days < 0
    session = LearningSession.objects.create(
        circle=circle,
        team=team,
        kind=kind,
        title=title,
        description=description,
        topic_slugs=list(topics),
        setting=setting,
        place_detail=place,
        area="LS6",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=minutes),
        capacity=capacity,
        offered_by=offered_by,
        status=LearningSession.Status.COMPLETED if past else LearningSession.Status.OPEN,
        created_at=start - datetime.timedelta(days=21),
        completed_at=start + datetime.timedelta(minutes=minutes + 30) if past else None,
        completed_by=offered_by if past else None,
    )
    session.facilitators.set([offered_by])
    writer.result.sessions.append(session)
    return session


def _attend(writer: Writer, session, people, feedback: dict[int, tuple[int, str]]) -> None:
    """Attendance, the records the session wrote, and the feedback some attendees gave."""
    topics = {
        t.slug: t
        for t in Topic.objects.filter(
            policy__circle=session.circle, slug__in=session.topic_slugs, retired_at__isnull=True
        )
    }
    on = timezone.localdate(session.starts_at)
    for n, person in enumerate(people):
        absent = n == len(people) - 1 and len(people) > 3
        Place.objects.create(
            session=session,
            person=person,
            status=Place.Status.ABSENT if absent else Place.Status.ATTENDED,
            asked_at=session.created_at + datetime.timedelta(days=n + 1),
            updated_at=session.completed_at,
        )
        if absent:
            continue
        for topic in topics.values():
            writer.record(
                person,
                topic,
                on,
                method=Method.PEER_SESSION,
                provider="",
                facilitator=session.offered_by,
                session=session,
                recorded_by=session.offered_by,
            )
        if person.pk in feedback:
            rating, comment = feedback[person.pk]
            SessionFeedback.objects.create(
                session=session,
                person=person,
                rating=rating,
                comment=comment,
                created_at=session.completed_at + datetime.timedelta(hours=n + 2),
            )


def _book(session, booked, waiting) -> None:
    for n, person in enumerate([*booked, *waiting]):
        Place.objects.create(
            session=session,
            person=person,
            status=Place.Status.BOOKED if n < len(booked) else Place.Status.WAITING,
            asked_at=session.created_at + datetime.timedelta(hours=n + 1),
        )


def _sessions(writer: Writer, coop, teams: dict) -> None:
    m, leeds = writer.members, coop.circles["leeds"]
    active = teams["active"]
    moving = _session(
        writer, leeds, offered_by=m[WORKER_TEACHER], kind="team_meeting",
        title="Helping people to move: a refresher with the hoist", topics=["moving-people"],
        days=-21, place="Dennis's front room", setting="team",
        team=teams["self_managing"],
        description="Practice with the hoist and the slide sheet, taking turns to be moved.",
    )  # fmt: skip
    _attend(
        writer,
        moving,
        [m[JORDAN], m[7], m[6]],
        {m[JORDAN].pk: (5, "Being hoisted myself changed how I do it."), m[7].pk: (4, "")},
    )
    dementia = _session(
        writer, leeds, offered_by=m[FAMILY_TEACHER], kind="education_slot",
        title="Living with Mum's dementia: what helps", topics=["awareness-dementia"],
        days=-45, minutes=45, place="Leeds Circle meeting, Chapel Allerton library",
        description="A daughter's view of what makes a good day, and what makes a bad one.",
    )  # fmt: skip
    _attend(
        writer,
        dementia,
        [m[JORDAN], m[VOLUNTEER], m[20], m[SUPERVISOR], m[11]],
        {
            m[VOLUNTEER].pk: (5, "The best hour of learning I have had this year."),
            m[20].pk: (4, "Practical and honest. More of these, please."),
        },
    )
    dignity = _session(
        writer, leeds, offered_by=m[SUPPORTED_TEACHER], kind="feedback",
        title="What I want my team to know about dignity", topics=["dignity"], days=-70,
        minutes=60, setting="team", team=active, place="At home with the team",
        description="The person getting support leads: knocking, waiting, asking first.",
    )  # fmt: skip
    _attend(
        writer,
        dignity,
        [m[JORDAN], m[20], m[VOLUNTEER], m[FAMILY_TEACHER]],
        {m[JORDAN].pk: (5, "I will not forget this one.")},
    )
    # Ahead: a practice session that filled up, and the observed medicines practice that puts
    # the medicines worker's competence back in date.
    life_support = _session(
        writer, leeds, offered_by=m[LEEDS_COACH], kind="external_course",
        title="Basic life support practice", topics=["basic-life-support"], days=10,
        minutes=120, capacity=3, place="St Martin's community centre, LS7",
        description="With a St John Ambulance trainer and a manikin each.",
    )  # fmt: skip
    _book(life_support, [m[20], m[LEEDS_LEARNING_LEAD], m[11]], [m[JORDAN], m[VOLUNTEER]])
    medicines = _session(
        writer, leeds, offered_by=m[MEDICINES_ASSESSOR], kind="shadowing",
        title="Medicines support: observed practice", topics=["medicines-competence"], days=5,
        minutes=60, capacity=2, setting="team", team=active, place="Lunch visit",
        description="An overlapping lunch visit: the assessor observes and signs off.",
    )  # fmt: skip
    _book(medicines, [m[MEDICINES_WORKER]], [])


def _teachers(writer: Writer, coop, lead) -> None:
    leeds = coop.circles["leeds"]
    for index, level, days in (
        (WORKER_TEACHER, TeacherLevel.TEACHER, 200),
        (FAMILY_TEACHER, TeacherLevel.ASSOCIATE, 40),
    ):
        TeacherRecognition.objects.create(
            person=writer.members[index],
            circle=leeds,
            level=level,
            note="Sessions people ask for again.",
            recognised_by=lead,
            recognised_on=writer.today - datetime.timedelta(days=days),
        )


def _supervision(writer: Writer) -> None:
    m, today = writer.members, writer.today
    pair = SupervisionPair.objects.create(
        supervisor=m[SUPERVISOR],
        supervisee=m[JORDAN],
        asked_by=m[JORDAN],
        status=SupervisionPair.Status.ACTIVE,
        every_days=90,
        asked_at=_moment(today - datetime.timedelta(days=200)),
        started_on=today - datetime.timedelta(days=198),
    )
    for days, notes in (
        (190, "First check-in: what support looks like for Jordan, and what drains him."),
        (100, "Talked through a hard week; agreed to ask the team about cover for Sundays."),
        (12, "Going well. Next time: the dementia session and what to try with Mrs Hirst."),
    ):
        CheckIn.objects.create(
            pair=pair,
            held_on=today - datetime.timedelta(days=days),
            notes=notes,
            recorded_by=m[JORDAN],
            recorded_at=_moment(today - datetime.timedelta(days=days), hour=18),
        )


def _welcome(writer: Writer, coop, lead) -> None:
    m, today = writer.members, writer.today
    route = WelcomeRoute.objects.create(
        newcomer=m[VOLUNTEER],
        circle=coop.circles["leeds"],
        welcomer=lead,
        buddy=m[JORDAN],
        started_on=today - datetime.timedelta(days=20),
    )
    for step, days in ((WelcomeStep.BUDDY, 20), (WelcomeStep.LEARNING_SHOWN, 14)):
        WelcomeTick.objects.create(
            route=route, step=step, done_on=today - datetime.timedelta(days=days), done_by=lead
        )


def _pathways(writer: Writer) -> None:
    from coopcare.learning.services.pathways import VOLUNTEER_TO_PAID, ensure_default_pathways

    ensure_default_pathways()
    pathway = Pathway.objects.get(slug=VOLUNTEER_TO_PAID)
    stages = list(pathway.stages.order_by("order"))
    m, today, coach = writer.members, writer.today, writer.members[LEEDS_COACH]
    # A volunteer now a peer supporter; a worker who came the whole way in the last year.
    for index, reached in ((VOLUNTEER, (300, 60)), (MEDICINES_WORKER, (700, 420, 100))):
        person = m[index]
        days = [today - datetime.timedelta(days=d) for d in reached]
        journey = PathwayJourney.objects.create(
            person=person,
            pathway=pathway,
            stage=stages[len(days) - 1],
            started_on=days[0],
            stage_reached_on=days[-1],
        )
        for n, on in enumerate(days):
            StageMove.objects.create(
                journey=journey,
                stage=stages[n],
                reached_on=on,
                confirmed_by=person if n == 0 else coach,
            )


def build_demo_learning(coop, demo_teams, seeder: Seeder) -> DemoLearning:
    """Add learning to a freshly built demo co-op (after its teams and visits)."""
    writer = Writer(seeder, coop.members)
    writer.leeds = coop.circles["leeds"]
    lead = _learning_lead(writer, coop)
    writer.result.learning_lead = lead
    _records(writer)
    _credentials(writer)
    _sessions(writer, coop, demo_teams.teams)
    _teachers(writer, coop, lead)
    _supervision(writer)
    _welcome(writer, coop, lead)
    _pathways(writer)
    return writer.result
