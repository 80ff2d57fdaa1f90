"""Reach the discussion and concerns API routers in tests, mounted or not.

The lead mounts the routers on the site's API (``coopcare/api/api.py``). Until then, the API
tests use this URL configuration: the site's own, with a second API in front of it carrying
only these two routers, with the site API's authentication, rate limits and error shapes. Once
the routers are mounted, this module changes nothing.
"""

from django.urls import path
from ninja import NinjaAPI

from coopcare.api.api import api as site_api
from coopcare.api.auth import CoopSessionAuth, PersonalTokenAuth, person_throttles
from coopcare.concerns.api import router as concerns_router
from coopcare.config.urls import urlpatterns as site_urlpatterns
from coopcare.discussion.api import router as discussion_router


def _mounted(router) -> bool:
    return any(mounted is router for _prefix, mounted in site_api._routers)


MOUNTED = _mounted(discussion_router) and _mounted(concerns_router)

if MOUNTED:
    urlpatterns = site_urlpatterns
else:
    test_api = NinjaAPI(
        title="coopcare API (discussion and concerns, for tests)",
        urls_namespace="api_discussion_concerns",
        auth=[CoopSessionAuth(), PersonalTokenAuth()],
        throttle=person_throttles(),
    )
    test_api._exception_handlers.update(site_api._exception_handlers)
    test_api.add_router("/", discussion_router, tags=["discussion"])
    test_api.add_router("/concerns", concerns_router, tags=["concerns"])
    urlpatterns = [path("api/", test_api.urls), *site_urlpatterns]
