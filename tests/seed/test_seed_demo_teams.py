import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Hat
from coopcare.notifications.models import Notification
from coopcare.starting.models import DocumentVersion, Enquiry, PromiseSignature
from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.teams.models import Invitation, Leave, Representative, Team, TeamMember, Trial
from coopcare.teams.selectors import teams_of

User = get_user_model()
MEMBER_EMAIL = "member@demo.coopcare.test"


class Rollback(Exception):
    pass


def _team_names() -> list[tuple]:
    """Seed in a transaction that is then undone, so each run starts empty."""
    found: list[tuple] = []
    with pytest.raises(Rollback), transaction.atomic():
        call_command("seed", scale="demo", stdout=io.StringIO())
        found = list(
            Team.objects.order_by("circle__name").values_list(
                "circle__name", "status", "owner__email", "local_circle__slug"
            )
        )
        raise Rollback
    return found


@pytest.fixture
def demo(db):
    call_command("seed", scale="demo", stdout=io.StringIO())


def _team_of(name_part: str) -> Team:
    return Team.objects.get(circle__name__icontains=name_part)


def test_it_builds_six_teams_in_leeds_and_calder_valley_every_time(db):
    first = _team_names()
    assert len(first) == 6
    assert len({row[3] for row in first}) == 2  # the Leeds and Calder Valley circles
    assert _team_names() == first


def test_it_gives_the_teams_their_stages(demo):
    statuses = sorted(Team.objects.values_list("status", flat=True))
    # A team is active once someone besides the owner has joined it.
    assert statuses.count("self_managing") == 1
    assert "starting" in statuses and "active" in statuses
    assert Enquiry.objects.filter(status=Enquiry.Status.WAITING_LIST).count() == 1


def test_it_leaves_one_case_at_the_supportive_conversation(demo):
    written = set(DocumentVersion.objects.values_list("document__team", flat=True))
    signed = set(PromiseSignature.objects.values_list("team", flat=True))
    assert len(written - signed) == 1


def test_it_puts_a_worker_on_trial_after_the_promise(demo):
    trial = Trial.objects.select_related("member", "team").get()
    assert trial.member.status == TeamMember.Status.TRIAL
    assert PromiseSignature.objects.filter(team=trial.team).exists()


def test_it_has_a_representative_who_signed_for_the_owner(demo):
    rep = Representative.objects.get()
    signature = PromiseSignature.objects.get(team=rep.team)
    assert signature.signer == rep.person
    assert signature.signed_as != PromiseSignature.SignedAs.OWNER


def test_it_has_a_self_managing_team_with_a_member_leaving(demo):
    team = Team.objects.get(status=Team.Status.SELF_MANAGING)
    assert team.starting_case.stepped_back_at is not None
    leave = Leave.objects.get()
    assert leave.team == team
    assert leave.member.status == TeamMember.Status.LEAVING


def test_it_wears_essential_hats_in_a_full_team(demo):
    biggest = max(
        Team.objects.all(), key=lambda t: TeamMember.objects.current().filter(team=t).count()
    )
    assert TeamMember.objects.current().filter(team=biggest).count() == 5
    assert Hat.objects.current().filter(circle=biggest.circle).count() >= 3


def test_it_makes_the_demo_member_part_of_a_team(demo):
    member = User.objects.get(email=MEMBER_EMAIL)
    assert list(teams_of(member))


def test_it_builds_the_teams_through_the_services(demo):
    assert AuditEvent.objects.filter(action="team.started").count() == 6
    assert AuditEvent.objects.filter(action="starting.stepped_back").count() == 1
    assert Notification.objects.filter(kind="teams.notice_given").exists()
    assert Invitation.objects.filter(status=Invitation.Status.PENDING).count() == 1
    assert GivingSupportProfile.objects.count() >= 5
