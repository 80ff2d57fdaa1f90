"""Routes for repeating visits (included by visits/urls.py)."""

from django.urls import path

from coopcare.visits import views_series

urlpatterns: list = [
    path("teams/<int:team_id>/repeat/", views_series.series_add, name="series_add"),
    path("series/<int:pk>/", views_series.series_detail, name="series"),
    path("series/<int:pk>/join/", views_series.series_join, name="series_join"),
    path("series/<int:pk>/stop/", views_series.series_stop, name="series_stop"),
    path(
        "series/<int:pk>/visits/<int:appointment_id>/",
        views_series.series_occurrence,
        name="series_occurrence",
    ),
    path(
        "series/<int:pk>/visits/<int:appointment_id>/cancel/",
        views_series.series_occurrence_cancel,
        name="series_occurrence_cancel",
    ),
]
