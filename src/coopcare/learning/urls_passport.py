"""Pages for learning: the passport part and the Learning Lead's measures (see learning/urls.py).

The shared passport's two addresses need no sign-in: the secret in the address is the key.
"""

from django.urls import path

from coopcare.learning import views_measures, views_passport

urlpatterns: list = [
    path("passport/", views_passport.passport, name="passport"),
    path("passport/download/", views_passport.passport_json, name="passport_json"),
    path("passport/links/", views_passport.passport_links, name="passport_links"),
    path(
        "passport/links/<int:link_id>/revoke/",
        views_passport.passport_link_revoke,
        name="passport_link_revoke",
    ),
    path("passport/shared/<str:token>/", views_passport.passport_shared, name="passport_shared"),
    path(
        "passport/shared/<str:token>/json/",
        views_passport.passport_shared_json,
        name="passport_shared_json",
    ),
    path("circles/<int:circle_id>/measures/", views_measures.measures_page, name="measures"),
]
