"""Pages for learning: the sessions part (see learning/urls.py)."""

from django.urls import path

from coopcare.learning import views_sessions as views

urlpatterns: list = [
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:session_id>/book/", views.session_book, name="session_book"),
    path("sessions/<int:session_id>/leave/", views.session_leave, name="session_leave"),
    path(
        "sessions/<int:session_id>/attendance/",
        views.session_attendance,
        name="session_attendance",
    ),
    path("sessions/<int:session_id>/complete/", views.session_complete, name="session_complete"),
    path("sessions/<int:session_id>/feedback/", views.session_feedback, name="session_feedback"),
    path("teaching/", views.teaching, name="teaching"),
    path("circles/<int:circle_id>/teachers/", views.teachers, name="teachers"),
    path(
        "circles/<int:circle_id>/teachers/recognise/",
        views.teacher_recognise,
        name="teacher_recognise",
    ),
    path("teachers/<int:recognition_id>/end/", views.teacher_end, name="teacher_end"),
    path(
        "circles/<int:circle_id>/sessions/evaluation/",
        views.session_evaluation,
        name="session_evaluation",
    ),
]
