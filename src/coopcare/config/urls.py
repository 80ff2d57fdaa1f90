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
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
