from django.urls import path

from coopcare.members import views

app_name = "members"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.person, name="person"),
    path("profile/", views.profile, name="profile"),
    path("privacy/", views.privacy, name="privacy"),
]
