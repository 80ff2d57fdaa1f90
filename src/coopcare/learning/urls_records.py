"""Pages for learning: the records part (see learning/urls.py)."""

from django.urls import path

from coopcare.learning import views_records as views

urlpatterns: list = [
    path("", views.home, name="home"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("people/<int:person_id>/records/new/", views.record_new, name="record_new"),
    path("records/<int:record_id>/", views.record_detail, name="record"),
    path("records/<int:record_id>/withdraw/", views.record_withdraw, name="record_withdraw"),
    path("records/<int:record_id>/sign-off/", views.record_sign_off, name="record_sign_off"),
    path("records/<int:record_id>/evidence/", views.record_evidence, name="record_evidence"),
    path(
        "records/<int:record_id>/evidence/add/",
        views.record_evidence_add,
        name="record_evidence_add",
    ),
    path(
        "people/<int:person_id>/qualifications/new/",
        views.qualification_new,
        name="qualification_new",
    ),
    path(
        "qualifications/<int:qualification_id>/withdraw/",
        views.qualification_withdraw,
        name="qualification_withdraw",
    ),
    path(
        "people/<int:person_id>/registrations/new/",
        views.registration_new,
        name="registration_new",
    ),
    path(
        "registrations/<int:registration_id>/check/",
        views.registration_check,
        name="registration_check",
    ),
    path(
        "registrations/<int:registration_id>/withdraw/",
        views.registration_withdraw,
        name="registration_withdraw",
    ),
]
