"""Call-outs: publishing only what the person agreed to share, to its audience only."""

import pytest
from django.urls import reverse

from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.starting.models import CallOut, Interest
from coopcare.starting.services.call_outs import (
    express_interest,
    follow_up_interest,
    publish_call_out,
)
from tests.factories import HatFactory, hat_type

TEXTS = {
    "key_needs": "SECRET-NEEDS: help with washing",
    "where_and_when": "Headingley, weekday mornings",
    "qualities": "Patient, likes gardening",
    "relationship": "Someone steady for the long term",
}


def publish(case, audience="circle", shared=("where_and_when", "qualities"), **kwargs):
    return publish_call_out(
        case.team_starter,
        case,
        texts=TEXTS,
        shared_fields=shared,
        audience=audience,
        consent_confirmed=True,
        **kwargs,
    )


def detail(call_out) -> str:
    return reverse("starting:call_out", args=[call_out.pk])


LIST = reverse("starting:call_outs")


def test_it_publishes_only_the_fields_the_person_agreed_to_share(as_person, case, alice):
    call_out = publish(case)
    page = as_person(alice).get(detail(call_out)).content.decode()
    assert "Headingley, weekday mornings" in page
    assert "Patient, likes gardening" in page
    assert "SECRET-NEEDS" not in page
    assert "Someone steady" not in page
    assert "Olive" not in page


def test_it_lists_open_call_outs_to_the_local_circle(as_person, case, alice, dan):
    call_out = publish(case)
    assert detail(call_out) in as_person(alice).get(LIST).content.decode()
    assert detail(call_out) not in as_person(dan).get(LIST).content.decode()
    assert as_person(dan).get(detail(call_out)).status_code == 404


def test_it_shares_with_named_members_only(as_person, case, alice, bob):
    call_out = publish(case, audience="named", named_people=[bob])
    assert as_person(bob).get(detail(call_out)).status_code == 200
    assert as_person(alice).get(detail(call_out)).status_code == 404
    assert Notification.objects.filter(recipient=bob, kind="starting.call_out_published")


def test_it_shares_with_the_circles_recruiters_only(as_person, case, alice, leeds_circle):
    recruiter = HatFactory(circle=leeds_circle, hat_type=hat_type("recruiter")).holder
    call_out = publish(case, audience="recruiter")
    assert as_person(recruiter).get(detail(call_out)).status_code == 200
    assert as_person(alice).get(detail(call_out)).status_code == 404
    assert Notification.objects.filter(recipient=recruiter, kind="starting.call_out_published")


def test_it_publishes_through_the_page(as_person, team_starter, case, bob):
    data = {
        **TEXTS,
        "shared_fields": ["qualities"],
        "consent": "on",
        "audience": "named",
        "named_emails": "bob@example.org",
    }
    response = as_person(team_starter).post(reverse("starting:call_out_add", args=[case.pk]), data)
    call_out = CallOut.objects.get()
    assert response["Location"] == detail(call_out)
    assert call_out.shared_fields == ["qualities"]
    assert list(call_out.named_people.all()) == [bob]


def test_it_says_which_named_addresses_are_unknown(as_person, team_starter, case):
    data = {
        **TEXTS,
        "shared_fields": ["qualities"],
        "consent": "on",
        "audience": "named",
        "named_emails": "nobody@example.org",
    }
    response = as_person(team_starter).post(reverse("starting:call_out_add", args=[case.pk]), data)
    assert "nobody@example.org" in response.content.decode()
    assert not CallOut.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"shared_fields": ()}, "shared_fields"),
        ({"consent_confirmed": False}, "consent"),
        ({"audience": "everyone"}, "audience"),
        ({"audience": "named"}, "named_people"),
    ],
)
def test_it_refuses_a_call_out_without_consent_or_audience(case, changes, field):
    kwargs = {
        "texts": TEXTS,
        "shared_fields": ("qualities",),
        "audience": "circle",
        "consent_confirmed": True,
        **changes,
    }
    with pytest.raises(DomainError) as error:
        publish_call_out(case.team_starter, case, **kwargs)
    assert error.value.field == field
    assert not CallOut.objects.exists()


def test_it_refuses_publishing_to_people_who_do_not_lead_the_case(case, coach):
    with pytest.raises(NotAllowed):
        publish_call_out(
            coach,
            case,
            texts=TEXTS,
            shared_fields=["qualities"],
            audience="circle",
            consent_confirmed=True,
        )


def test_it_records_interest_and_tells_the_team_starter_and_owner_side(
    as_person, case, alice, representative
):
    call_out = publish(case)
    response = as_person(alice).post(
        reverse("starting:call_out_interest", args=[call_out.pk]), {"message": "I live nearby."}
    )
    assert response.status_code == 302
    interest = Interest.objects.get()
    assert (interest.person, interest.message) == (alice, "I live nearby.")
    for person in (case.team_starter, case.team.owner, representative):
        assert Notification.objects.filter(recipient=person, kind="starting.call_out_interest")


def test_it_refuses_interest_twice(case, alice):
    call_out = publish(case)
    express_interest(alice, call_out)
    with pytest.raises(DomainError, match="already said"):
        express_interest(alice, call_out)


def test_it_refuses_interest_from_outside_the_audience(as_person, case, dan):
    call_out = publish(case)
    response = as_person(dan).post(reverse("starting:call_out_interest", args=[call_out.pk]))
    assert response.status_code == 404
    assert not Interest.objects.exists()


def test_it_refuses_interest_from_the_owner_in_their_own_call_out(as_person, case, owner):
    call_out = publish(case)
    assert as_person(owner).get(detail(call_out)).status_code == 200
    response = as_person(owner).post(reverse("starting:call_out_interest", args=[call_out.pk]))
    assert response.status_code == 403


def test_it_shows_interested_people_to_the_team_starter_and_owner_only(
    as_person, case, alice, bob, owner
):
    call_out = publish(case)
    express_interest(alice, call_out, "Hello")
    assert "Alice Ashworth" in as_person(case.team_starter).get(detail(call_out)).content.decode()
    assert "Alice Ashworth" in as_person(owner).get(detail(call_out)).content.decode()
    assert "Alice Ashworth" not in as_person(bob).get(detail(call_out)).content.decode()


def test_it_lets_the_team_starter_follow_up(as_person, case, alice, owner):
    call_out = publish(case)
    interest = express_interest(alice, call_out)
    url = reverse("starting:interest_follow_up", args=[interest.pk])
    as_person(case.team_starter).post(url, {"status": "meeting", "note": "Trial on Tuesday"})
    interest.refresh_from_db()
    assert (interest.status, interest.status_note) == ("meeting", "Trial on Tuesday")
    assert Notification.objects.filter(recipient=alice, kind="starting.interest_followed_up")
    assert as_person(owner).post(url, {"status": "new"}).status_code == 403
    with pytest.raises(NotAllowed):
        follow_up_interest(owner, interest, "new")


def test_it_hides_a_closed_call_out_except_from_those_who_answered(as_person, case, alice, bob):
    call_out = publish(case)
    express_interest(alice, call_out)
    as_person(case.team_starter).post(reverse("starting:call_out_close", args=[call_out.pk]))
    call_out.refresh_from_db()
    assert call_out.status == "closed"
    assert as_person(bob).get(detail(call_out)).status_code == 404
    assert detail(call_out) not in as_person(bob).get(LIST).content.decode()
    assert as_person(alice).get(detail(call_out)).status_code == 200
