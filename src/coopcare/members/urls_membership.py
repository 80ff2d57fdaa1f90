from django.urls import path

from coopcare.members import views_membership as views

app_name = "membership"
urlpatterns = [
    path("", views.status, name="status"),
    path("apply/", views.apply, name="apply"),
    path("applications/", views.applications, name="applications"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/decide/", views.decide, name="decide"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
