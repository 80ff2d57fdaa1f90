"""Reach the support-profiles API router in tests, mounted or not.

The lead mounts the router on the site's API (``coopcare/api/api.py``). Until then, the API tests
use this URL configuration: the site's own, with a second API in front of it carrying only this
router, with the site API's authentication, rate limits and error shapes. Once the router is
mounted, this module changes nothing.
"""

from django.urls import path
from ninja import NinjaAPI

from coopcare.api.api import api as site_api
from coopcare.api.auth import CoopSessionAuth, PersonalTokenAuth, person_throttles
from coopcare.config.urls import urlpatterns as site_urlpatterns
from coopcare.supportprofiles.api import router

MOUNTED = any(mounted is router for _prefix, mounted in site_api._routers)

if MOUNTED:
    urlpatterns = site_urlpatterns
else:
    test_api = NinjaAPI(
        title="coopcare API (support profiles, for tests)",
        urls_namespace="api_supportprofiles",
        auth=[CoopSessionAuth(), PersonalTokenAuth()],
        throttle=person_throttles(),
    )
    test_api._exception_handlers.update(site_api._exception_handlers)
    test_api.add_router("/support-profiles", router, tags=["support profiles"])
    urlpatterns = [path("api/", test_api.urls), *site_urlpatterns]
