"""Mounted at ``teams/<int:team_id>/discussion/``."""

from django.urls import path

from coopcare.discussion import views

app_name = "discussion"
urlpatterns = [
    path("", views.index, name="index"),
    path("threads/<int:thread_id>/", views.thread, name="thread"),
    path("messages/<int:message_id>/edit/", views.edit_message, name="edit_message"),
    path("messages/<int:message_id>/withdraw/", views.withdraw_message, name="withdraw_message"),
]
