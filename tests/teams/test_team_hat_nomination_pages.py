"""The hat nomination pages: nominate, read a nomination, answer it."""

from django.urls import reverse

from coopcare.circles.consent_models import HatNomination
from tests.factories import hat_type


def _nominate_url(team):
    return reverse("team_decisions:nominate", kwargs={"team_id": team.pk})


def test_a_member_nominates_someone_through_the_form(as_person, team, owner, worker):
    response = as_person(owner).post(
        _nominate_url(team),
        {"hat_type": "mar-holder", "nominee": str(worker.pk), "reason": "Wren is careful."},
    )
    nomination = HatNomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "team_decisions:nomination", kwargs={"team_id": team.pk, "pk": nomination.pk}
    )
    assert (nomination.nominee, nomination.hat_type.slug) == (worker, "mar-holder")


def test_the_form_offers_only_essential_hats_and_refuses_bad_input(as_person, team, owner, worker):
    page = as_person(owner).get(_nominate_url(team) + "?hat=rota-holder").content.decode()
    assert "Safeguarding Lead" in page
    assert "Coach" not in page
    response = as_person(owner).post(
        _nominate_url(team), {"hat_type": "coach", "nominee": str(worker.pk), "reason": ""}
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not HatNomination.objects.exists()


def test_the_nominee_answers_on_the_nomination_page(as_person, team, owner, worker, family):
    from coopcare.teams.services.hats import nominate_for_team_hat

    nomination = nominate_for_team_hat(
        owner, team, hat_type("rota-holder"), worker, "Wren keeps the calendar."
    )
    page = reverse("team_decisions:nomination", kwargs={"team_id": team.pk, "pk": nomination.pk})
    answer = reverse(
        "team_decisions:answer_nomination", kwargs={"team_id": team.pk, "pk": nomination.pk}
    )
    assert b"Would you wear this hat?" in as_person(worker).get(page).content
    assert b"Would you wear this hat?" not in as_person(family).get(page).content
    assert as_person(family).post(answer, {"answer": "accept"}).status_code == 403
    assert as_person(worker).post(answer, {"answer": "accept"}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == HatNomination.Status.AWAITING_CIRCLE


def test_outsiders_get_404_on_nomination_pages(as_person, team, owner, worker, outsider):
    from coopcare.teams.services.hats import nominate_for_team_hat

    nomination = nominate_for_team_hat(
        owner, team, hat_type("rota-holder"), worker, "Wren keeps the calendar."
    )
    kwargs = {"team_id": team.pk, "pk": nomination.pk}
    client = as_person(outsider)
    assert client.get(reverse("team_decisions:nomination", kwargs=kwargs)).status_code == 404
    answer = reverse("team_decisions:answer_nomination", kwargs=kwargs)
    assert client.post(answer, {"answer": "accept"}).status_code == 404
    assert client.get(_nominate_url(team)).status_code == 404


def test_the_list_shows_unheld_hats_and_open_nominations(as_person, team, owner, worker):
    from coopcare.teams.services.hats import nominate_for_team_hat

    nominate_for_team_hat(owner, team, hat_type("rota-holder"), worker, "Wren keeps the calendar.")
    url = reverse("team_decisions:list", kwargs={"team_id": team.pk})
    page = as_person(worker).get(url).content.decode()
    assert "MAR Holder" in page
    assert "Wren Walker for Rota Holder" in page
