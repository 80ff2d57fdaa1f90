"""Routes for care logs (included by visits/urls.py, namespace ``visits``)."""

from django.urls import path

from coopcare.visits import views_logs

urlpatterns = [
    path("logs/waiting/", views_logs.my_logs, name="my_logs"),
    path("logs/<int:pk>/", views_logs.log_detail, name="log"),
    path("logs/<int:pk>/confirm/", views_logs.log_confirm, name="log_confirm"),
    path("logs/<int:pk>/adjust/", views_logs.log_adjust, name="log_adjust"),
    path("logs/<int:pk>/dispute/", views_logs.log_dispute, name="log_dispute"),
    path("logs/<int:pk>/resolve/", views_logs.log_resolve, name="log_resolve"),
    path("logs/<int:pk>/correct/", views_logs.log_correct, name="log_correct"),
    path("teams/<int:team_id>/logs/", views_logs.team_logs, name="team_logs"),
]
