"""Routes for changes by consent, cancelling outright and open slots (included by
visits/urls.py)."""

from django.urls import path

from coopcare.visits import views_changes

urlpatterns: list = [
    path("<int:pk>/change/", views_changes.change_request, name="change_request"),
    path("changes/<int:pk>/", views_changes.change_detail, name="change"),
    path("changes/<int:pk>/answer/", views_changes.answer, name="change_answer"),
    path("changes/<int:pk>/withdraw/", views_changes.withdraw, name="change_withdraw"),
    path("<int:pk>/cancel/", views_changes.cancel, name="cancel"),
    path("<int:pk>/offer/", views_changes.offer_slot, name="offer_slot"),
    path("<int:pk>/take/", views_changes.take_slot, name="take_slot"),
    path("teams/<int:team_id>/open-slots/", views_changes.open_slots, name="open_slots"),
]
