"""Mounted at ``teams/<int:team_id>/notes/``."""

from django.urls import path

from coopcare.notes import views

app_name = "notes"
urlpatterns = [
    path("", views.note_list, name="list"),
    path("new/", views.new_note, name="new"),
    path("<int:pk>/", views.note_detail, name="detail"),
    path("<int:pk>/withdraw/", views.withdraw_note, name="withdraw"),
    path("<int:pk>/attachments/<int:att_pk>/", views.attachment, name="attachment"),
]
