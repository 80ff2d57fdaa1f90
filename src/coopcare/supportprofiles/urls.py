from django.urls import path

from coopcare.supportprofiles import views, views_giving

app_name = "supportprofiles"
urlpatterns = [
    path("giving/", views_giving.my_giving, name="my_giving"),
    path("giving/edit/", views_giving.giving_edit, name="giving_edit"),
    path(
        "giving/qualifications/add/",
        views_giving.qualification_add,
        name="qualification_add",
    ),
    path(
        "giving/qualifications/<int:pk>/remove/",
        views_giving.qualification_remove,
        name="qualification_remove",
    ),
    path("giving/<int:person_id>/", views_giving.giving_detail, name="giving_detail"),
    path("team/<int:team_id>/", views.team_profile, name="team_profile"),
    path("team/<int:team_id>/audiences/", views.audiences, name="audiences"),
    path("team/<int:team_id>/contacts/add/", views.contact_add, name="contact_add"),
    path("team/<int:team_id>/contacts/<int:pk>/", views.contact_edit, name="contact_edit"),
    path(
        "team/<int:team_id>/contacts/<int:pk>/remove/",
        views.contact_remove,
        name="contact_remove",
    ),
    path(
        "team/<int:team_id>/sections/<slug:section>/",
        views.section_edit,
        name="section_edit",
    ),
]
