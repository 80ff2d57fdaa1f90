"""MAR pages, mounted at /teams/<team_id>/medicines/."""

from django.urls import path

from coopcare.medicines import views

app_name = "medicines"
urlpatterns = [
    path("", views.medicine_list, name="list"),
    path("new/", views.new, name="new"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/stop/", views.stop, name="stop"),
    path("record/", views.chart, name="chart"),
    path("<int:pk>/doses/record/", views.record_dose, name="record_dose"),
]
