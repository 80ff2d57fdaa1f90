"""Pages for learning: the policy part (see learning/urls.py)."""

from django.urls import path

from coopcare.learning import views_policy as views

urlpatterns: list = [
    path("circles/<int:circle_id>/policy/", views.policy_page, name="policy"),
    path("circles/<int:circle_id>/policy/changes/", views.policy_changes, name="policy_changes"),
    path("circles/<int:circle_id>/policy/topics/new/", views.topic_new, name="topic_new"),
    path("topics/<int:topic_id>/change/", views.topic_edit, name="topic_edit"),
    path("topics/<int:topic_id>/retire/", views.topic_retire, name="topic_retire"),
    path("topics/<int:topic_id>/restore/", views.topic_restore, name="topic_restore"),
    path("teams/<int:team_id>/needs/", views.team_needs, name="team_needs"),
    path("needs/<int:need_id>/end/", views.team_need_end, name="team_need_end"),
]
