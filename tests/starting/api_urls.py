"""A URLconf mounting the starting router the way ``coopcare/api/api.py`` mounts every router
(same sign-in, same error handlers), so its endpoints are tested before and after the lead
adds it to the main API."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from ninja import NinjaAPI

from coopcare.api.api import domain_error, not_allowed, permission_denied
from coopcare.api.auth import CoopSessionAuth, PersonalTokenAuth
from coopcare.config.urls import urlpatterns as site_urlpatterns
from coopcare.errors import DomainError, NotAllowed
from coopcare.starting.api import router

api = NinjaAPI(urls_namespace="starting_api_test", auth=[CoopSessionAuth(), PersonalTokenAuth()])
api.add_exception_handler(NotAllowed, not_allowed)
api.add_exception_handler(DomainError, domain_error)
api.add_exception_handler(PermissionDenied, permission_denied)
api.add_router("/start", router, url_name_prefix="test")

# The site's own routes too, which services reverse for links in notifications.
urlpatterns = [path("api/", api.urls), *site_urlpatterns]
