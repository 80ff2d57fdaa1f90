"""Pages for learning: the compliance part (see learning/urls.py)."""

from django.urls import path

from coopcare.learning import views_compliance

urlpatterns: list = [
    path("circles/<int:circle_id>/matrix/", views_compliance.matrix_page, name="matrix"),
    path("circles/<int:circle_id>/matrix.csv", views_compliance.matrix_csv, name="matrix_csv"),
]
