"""The Sharing Stuff form at /concerns/new/."""

from coopcare.concerns.models import Concern

URL = "/concerns/new/"
ANSWERS = {
    "kind": "concern",
    "what_happened": "Visits keep starting late.",
    "happened_when": "Last week",
    "who_it_concerns": "Morning visits",
    "safeguarding": "no",
    "wants_reply": "yes",
    "share_name": "no",
}


def test_it_shows_the_form_to_anyone_signed_in(as_person, applicant):
    html = as_person(applicant).get(URL).content.decode()
    assert "What happened?" in html and "Can we share your name" in html
    assert "Which team is it about?" not in html


def test_it_offers_the_persons_teams_and_chooses_the_one_asked_for(as_person, team, family):
    html = as_person(family).get(f"{URL}?team={team.pk}").content.decode()
    assert "Which team is it about?" in html
    assert f'<option value="{team.pk}" selected>' in html


def test_it_raises_the_concern_and_shows_it(as_person, team, family, coach):
    response = as_person(family).post(URL, {**ANSWERS, "team": team.pk})
    concern = Concern.objects.get()
    assert response["Location"] == f"/concerns/{concern.pk}/"
    assert (concern.team, concern.wants_reply, concern.share_name) == (team, True, False)


def test_it_shows_what_is_missing_and_saves_nothing(as_person, family, coach):
    response = as_person(family).post(URL, {**ANSWERS, "what_happened": "", "safeguarding": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert not Concern.objects.exists()


def test_it_refuses_a_team_the_person_is_not_in(as_person, team, outsider, coach):
    response = as_person(outsider).post(URL, {**ANSWERS, "team": team.pk})
    assert response.status_code == 200 and not Concern.objects.exists()


def test_it_says_so_when_nobody_could_receive_it(as_person, alice):
    response = as_person(alice).post(URL, ANSWERS)
    assert response.status_code == 200 and "999" in response.content.decode()
    assert not Concern.objects.exists()


def test_it_sends_an_anonymous_visitor_to_sign_in(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")
