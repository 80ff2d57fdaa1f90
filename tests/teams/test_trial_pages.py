"""Trial pages: the trial, "sessions done", the observer, and "how did it go?"."""

from django.urls import reverse

from coopcare.teams.models import TeamMember, Trial
from coopcare.teams.services.trials import give_trial_verdict, mark_trial_sessions_done


def test_the_candidate_and_the_team_see_the_trial_and_outsiders_do_not(
    as_person, trial, outsider, worker, bob
):
    url = reverse("teams:trial", args=[trial.pk])
    assert "Your trial with Team Olive Oyelaran" in as_person(outsider).get(url).content.decode()
    assert as_person(worker).get(url).status_code == 200
    assert as_person(bob).get(url).status_code == 404


def test_the_owner_marks_the_sessions_done_from_the_page(as_person, trial, owner):
    page = as_person(owner).get(reverse("teams:trial", args=[trial.pk])).content.decode()
    assert "The sessions are done" in page
    as_person(owner).post(reverse("teams:sessions_done", args=[trial.pk]))
    assert Trial.objects.get(pk=trial.pk).status == "asking"


def test_a_worker_in_the_team_cannot_mark_the_sessions_done(as_person, trial, worker):
    assert (
        as_person(worker).post(reverse("teams:sessions_done", args=[trial.pk])).status_code == 403
    )
    assert Trial.objects.get(pk=trial.pk).status == "arranged"


def test_the_owner_sets_an_observer(as_person, trial, owner, family):
    url = reverse("teams:trial", args=[trial.pk])
    as_person(owner).post(url, {"observer": family.pk})
    assert Trial.objects.get(pk=trial.pk).observer == family


def test_a_worker_cannot_set_an_observer(as_person, trial, worker):
    response = as_person(worker).post(
        reverse("teams:trial", args=[trial.pk]), {"observer": worker.pk}
    )
    assert response.status_code == 403
    assert Trial.objects.get(pk=trial.pk).observer is None


def test_both_say_yes_on_the_verdict_form(as_person, trial, owner, outsider):
    mark_trial_sessions_done(owner, trial)
    verdict = reverse("teams:trial_verdict", args=[trial.pk])
    page = as_person(outsider).get(verdict).content.decode()
    assert "You do not need to give a reason for no." in page
    as_person(outsider).post(verdict, {"verdict": "yes", "note": "Felt right."})
    as_person(owner).post(verdict, {"verdict": "yes"})
    assert TeamMember.objects.get(pk=trial.member_id).status == "member"
    mine = as_person(outsider).get(reverse("teams:trial", args=[trial.pk])).content.decode()
    assert "Felt right." in mine


def test_a_private_note_is_not_shown_to_the_other_side(as_person, trial, owner, outsider):
    mark_trial_sessions_done(owner, trial)
    give_trial_verdict(outsider, trial, "yes", "Only for me.")
    page = as_person(owner).get(reverse("teams:trial", args=[trial.pk])).content.decode()
    assert "Only for me." not in page
    assert "said yes" not in page


def test_saying_no_needs_no_reason_and_the_candidate_leaves(
    as_person, trial, owner, outsider, team
):
    mark_trial_sessions_done(owner, trial)
    response = as_person(owner).post(
        reverse("teams:trial_verdict", args=[trial.pk]), {"verdict": "no"}
    )
    assert response.status_code == 302
    assert as_person(outsider).get(reverse("teams:detail", args=[team.pk])).status_code == 404


def test_a_worker_gets_403_on_the_verdict_form(as_person, trial, worker):
    assert as_person(worker).get(reverse("teams:trial_verdict", args=[trial.pk])).status_code == 403


def test_an_empty_answer_is_refused_and_changes_nothing(as_person, trial, owner, outsider):
    mark_trial_sessions_done(owner, trial)
    response = as_person(outsider).post(reverse("teams:trial_verdict", args=[trial.pk]), {})
    assert "Choose yes or no." in response.content.decode()
    assert Trial.objects.get(pk=trial.pk).candidate_verdict == ""
