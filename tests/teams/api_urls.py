"""A URL configuration for the teams API tests: the site's own URLs, plus the teams router
mounted on an API with the same authentication and error handling as ``/api/``.

The router is mounted at ``/api/teams`` by ``coopcare/api/api.py``; these tests reach it at
``/teams-api/teams`` through their own API, so they run whether or not it is mounted there yet.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from ninja import NinjaAPI

from coopcare.api.api import domain_error, not_allowed, permission_denied
from coopcare.api.auth import CoopSessionAuth, PersonalTokenAuth
from coopcare.config.urls import urlpatterns as site_urls
from coopcare.errors import DomainError, NotAllowed
from coopcare.teams.api import router

api = NinjaAPI(
    title="teams API under test",
    urls_namespace="teams_test_api",
    auth=[CoopSessionAuth(), PersonalTokenAuth()],
)
api.add_exception_handler(NotAllowed, not_allowed)
api.add_exception_handler(DomainError, domain_error)
api.add_exception_handler(PermissionDenied, permission_denied)
api.add_router("/teams", router)

urlpatterns = [*site_urls, path("teams-api/", api.urls)]
