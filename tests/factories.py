"""factory-boy factories for the personas and their data."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from coopcare.circles.models import Circle, CircleMembership, Hat, HatType
from coopcare.members.models import (
    MemberClass,
    Membership,
    MembershipApplication,
    Profile,
    WorkerKind,
)

PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "members.User"
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    profile = factory.RelatedFactory(
        "tests.factories.ProfileFactory", factory_related_name="person"
    )

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Give the account a verified primary email, as allauth expects for signing in."""
        if not create or extracted is False:
            return
        from allauth.account.models import EmailAddress

        obj.save()
        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile

    person = factory.SubFactory(UserFactory, profile=None)
    name = factory.Faker("name", locale="en_GB")
    pronouns = "they/them"
    phone = factory.Sequence(lambda n: f"07700 900{n % 1000:03d}")
    postcode = "LS6 1AA"
    languages = "English"


class MembershipApplicationFactory(DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    applicant = factory.SubFactory(UserFactory)
    member_class = MemberClass.SUPPORTED
    worker_kind = ""
    answers = factory.LazyFunction(
        lambda: {
            "why_member": "I want a say in my care.",
            "vision_matters": "People choosing each other.",
            "concern_to_change": "Rushed visits.",
        }
    )
    accepted_commitment_at = factory.LazyFunction(timezone.now)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(UserFactory)
    member_class = MemberClass.WORKER
    worker_kind = WorkerKind.INDEPENDENT
    basis = "Admitted on application"


class CircleFactory(DjangoModelFactory):
    class Meta:
        model = Circle

    name = factory.Sequence(lambda n: f"Circle {n}")
    slug = factory.Sequence(lambda n: f"circle-{n}")
    kind = Circle.Kind.LOCAL
    aim = "Start, support and end teams in our area."
    domain = "Teams in our area; local recruiting."


class CircleMembershipFactory(DjangoModelFactory):
    class Meta:
        model = CircleMembership

    circle = factory.SubFactory(CircleFactory)
    person = factory.SubFactory(UserFactory)


def hat_type(slug: str) -> HatType:
    """The shipped hat type. Browser tests flush the database, taking the migration's rows with
    it, so put them back if they are gone."""
    from coopcare.circles.hat_types import HAT_TYPES

    if not HatType.objects.filter(slug=slug).exists():
        for type_slug, name, scope, description in HAT_TYPES:
            HatType.objects.get_or_create(
                slug=type_slug, defaults={"name": name, "scope": scope, "description": description}
            )
    return HatType.objects.get(slug=slug)


class HatFactory(DjangoModelFactory):
    class Meta:
        model = Hat

    hat_type = factory.LazyFunction(lambda: hat_type("coach"))
    holder = factory.SubFactory(UserFactory)
    circle = factory.SubFactory(CircleFactory)


def make_team_ready(team, *, visit: bool = True, starter=None):
    """Sign the Getting Support Promise for ``team`` and (by default) record a face-to-face visit,
    so appointments of any kind may be booked for it."""
    import datetime as _dt

    from coopcare.starting.models import Case, Enquiry, FaceToFaceVisit, PromiseSignature

    if PromiseSignature.objects.filter(team=team).exists():
        return team  # already ready: several fixtures may ask
    PromiseSignature.objects.create(
        team=team,
        signed_as=PromiseSignature.SignedAs.OWNER,
        signer=team.owner,
        signer_name=str(team.owner),
        funding="self_funded",
        signed_on=_dt.date.today(),
        version="test",
        recorded_by=team.owner,
    )
    if visit:
        enquiry = Enquiry.objects.create(
            for_whom=Enquiry.ForWhom.SELF,
            contact_name=str(team.owner),
            email=team.owner.email,
            support_kinds=["personal_care"],
            needs="Help in the mornings.",
            postcode="LS6 1AA",
            funding="self_funded",
            status=Enquiry.Status.PROCEED,
            local_circle=team.local_circle,
        )
        case = Case.objects.create(
            enquiry=enquiry,
            local_circle=team.local_circle,
            team_starter=starter or team.owner,
            person=team.owner,
            team=team,
            created_by=starter or team.owner,
        )
        FaceToFaceVisit.objects.create(
            case=case,
            visited_on=_dt.date.today(),
            present="Olive and Tess",
            recorded_by=case.created_by,
        )
    return team
