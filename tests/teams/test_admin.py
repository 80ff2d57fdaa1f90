"""The teams admin is read-only: nobody adds, changes or deletes team records there."""

import pytest
from django.contrib import admin as django_admin
from django.test import RequestFactory
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.teams.models import Invitation, Leave, Representative, Team, TeamMember, Trial


@pytest.mark.parametrize("model", [Team, TeamMember, Representative, Invitation, Trial, Leave])
def test_nobody_may_add_change_or_delete_team_records(admin, model):
    request = RequestFactory().get("/admin/")
    request.user = admin
    model_admin = django_admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


def test_opening_a_trial_is_audited_and_never_shows_the_private_notes(
    as_person, admin, trial, owner
):
    Trial.objects.filter(pk=trial.pk).update(owner_note="A private worry.")
    response = as_person(admin).get(reverse("admin:teams_trial_change", args=[trial.pk]))
    assert response.status_code == 200
    assert "A private worry." not in response.content.decode()
    assert AuditEvent.objects.filter(action="admin.trial.viewed").exists()
