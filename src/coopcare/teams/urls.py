from django.urls import path

from coopcare.teams import (
    views,
    views_invitations,
    views_leaving,
    views_representatives,
    views_trials,
)

app_name = "teams"
urlpatterns = [
    path("", views.team_list, name="list"),
    path("<int:team_id>/", views.team_detail, name="detail"),
    # joining by mutual consent
    path("<int:team_id>/invite/", views_invitations.invite, name="invite"),
    path("<int:team_id>/ask-to-join/", views_invitations.ask_to_join, name="ask_to_join"),
    path("<int:team_id>/invitations/", views_invitations.team_invitations, name="invitations"),
    path("invitations/", views_invitations.my_invitations, name="my_invitations"),
    path("invitations/<int:pk>/", views_invitations.invitation_detail, name="invitation"),
    path("invitations/<int:pk>/accept/", views_invitations.accept, name="accept"),
    path("invitations/<int:pk>/decline/", views_invitations.decline, name="decline"),
    path("invitations/<int:pk>/withdraw/", views_invitations.withdraw, name="withdraw"),
    # acting for the owner
    path(
        "<int:team_id>/representatives/",
        views_representatives.representatives,
        name="representatives",
    ),
    path(
        "representatives/<int:pk>/end/",
        views_representatives.end_representative,
        name="end_representative",
    ),
    # trials
    path("trials/<int:pk>/", views_trials.trial_detail, name="trial"),
    path("trials/<int:pk>/sessions-done/", views_trials.sessions_done, name="sessions_done"),
    path("trials/<int:pk>/how-did-it-go/", views_trials.verdict, name="trial_verdict"),
    # leaving well
    path("<int:team_id>/leave/", views_leaving.give_notice, name="give_notice"),
    path("leaving/<int:pk>/", views_leaving.leave_detail, name="leave"),
    path(
        "leaving/<int:pk>/hats/<int:hat_id>/take-off/",
        views_leaving.take_off_hat,
        name="leave_take_off_hat",
    ),
    path("leaving/<int:pk>/leave-now/", views_leaving.complete, name="leave_now"),
    path("leaving/<int:pk>/stay/", views_leaving.withdraw_notice, name="stay"),
]
