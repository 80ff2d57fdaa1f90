from django.urls import path

from coopcare.circles import views

app_name = "circles"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<slug:slug>/", views.detail, name="detail"),
]
