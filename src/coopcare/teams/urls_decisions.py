"""Team decisions and hat nominations, under ``/teams/<team_id>/decisions/``."""

from django.urls import path

from coopcare.teams import views_decisions as views

app_name = "team_decisions"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.propose, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/amend/", views.amend, name="amend"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("hats/nominate/", views.nominate, name="nominate"),
    path("hats/nominations/<int:pk>/", views.nomination, name="nomination"),
    path("hats/nominations/<int:pk>/answer/", views.answer_nomination, name="answer_nomination"),
]
