"""Pages for learning: the peer part — welcome routes, pathways, peer supervision (see
learning/urls.py)."""

from django.urls import path

from coopcare.learning import views_pathways, views_supervision, views_welcome

urlpatterns: list = [
    # Welcome routes
    path("circles/<int:circle_id>/welcome/", views_welcome.welcome_list, name="welcome_list"),
    path("circles/<int:circle_id>/welcome/new/", views_welcome.welcome_new, name="welcome_new"),
    path("welcome/<int:route_id>/", views_welcome.welcome_detail, name="welcome"),
    path("welcome/<int:route_id>/tick/", views_welcome.welcome_tick, name="welcome_tick"),
    path("welcome/<int:route_id>/buddy/", views_welcome.welcome_buddy, name="welcome_buddy"),
    # Pathways
    path("pathways/", views_pathways.pathway_list, name="pathways"),
    path(
        "pathways/<int:pathway_id>/start/",
        views_pathways.journey_start,
        name="journey_start",
    ),
    path("journeys/<int:journey_id>/", views_pathways.journey_detail, name="journey"),
    path(
        "journeys/<int:journey_id>/confirm/",
        views_pathways.journey_confirm,
        name="journey_confirm",
    ),
    path("journeys/<int:journey_id>/end/", views_pathways.journey_end, name="journey_end"),
    # Peer supervision
    path("supervision/", views_supervision.supervision_home, name="supervision"),
    path("supervision/ask/", views_supervision.pair_ask, name="pair_ask"),
    path("supervision/<int:pair_id>/", views_supervision.pair_detail, name="pair"),
    path("supervision/<int:pair_id>/answer/", views_supervision.pair_answer, name="pair_answer"),
    path(
        "supervision/<int:pair_id>/cadence/",
        views_supervision.pair_cadence,
        name="pair_cadence",
    ),
    path("supervision/<int:pair_id>/end/", views_supervision.pair_end, name="pair_end"),
    path(
        "supervision/<int:pair_id>/check-ins/new/",
        views_supervision.check_in_new,
        name="check_in_new",
    ),
]
