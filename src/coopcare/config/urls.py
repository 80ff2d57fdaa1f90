from django.contrib import admin
from django.urls import include, path

from coopcare.api.api import api
from coopcare.config import views

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_page, name="help"),
    path("settings/", views.settings_page, name="settings"),
    path("accounts/", include("allauth.urls")),
    path("membership/", include("coopcare.members.urls_membership")),
    path("members/", include("coopcare.members.urls")),
    path("circles/", include("coopcare.circles.urls")),
    path("notifications/", include("coopcare.notifications.urls")),
    path("tokens/", include("coopcare.api.urls")),
    path("teams/<int:team_id>/discussion/", include("coopcare.discussion.urls")),
    path("teams/<int:team_id>/decisions/", include("coopcare.teams.urls_decisions")),
    path("teams/<int:team_id>/notes/", include("coopcare.notes.urls")),
    path("teams/<int:team_id>/medicines/", include("coopcare.medicines.urls")),
    path("visits/", include("coopcare.visits.urls")),
    path("learning/", include("coopcare.learning.urls")),
    path("concerns/", include("coopcare.concerns.urls")),
    path("teams/", include("coopcare.teams.urls")),
    path("start/", include("coopcare.starting.urls")),
    path("support-profiles/", include("coopcare.supportprofiles.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
