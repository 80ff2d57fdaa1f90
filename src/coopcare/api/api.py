"""The JSON API. Each app contributes a router; all of them call the same services as pages.

Every endpoint needs a signed-in person (browser session with CSRF, or a personal access token)
and is rate limited per person. Errors have one shape, ``{"detail": …}``, so a client reads
them the same way everywhere.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger

from coopcare.api.auth import CoopSessionAuth, PersonalTokenAuth, person_throttles
from coopcare.circles.api import router as circles_router
from coopcare.concerns.api import router as concerns_router
from coopcare.discussion.api import router as discussion_router
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.api_compliance import router as learning_compliance_router
from coopcare.learning.api_passport import router as learning_passport_router
from coopcare.learning.api_peer import router as learning_peer_router
from coopcare.learning.api_policy import router as learning_policy_router
from coopcare.learning.api_records import router as learning_records_router
from coopcare.learning.api_sessions import router as learning_sessions_router
from coopcare.medicines.api import router as medicines_router
from coopcare.members.api import people_router
from coopcare.members.api import router as me_router
from coopcare.notes.api import router as notes_router
from coopcare.starting.api import router as starting_router
from coopcare.starting.api_steps import router as starting_steps_router
from coopcare.supportprofiles.api import router as supportprofiles_router
from coopcare.teams.api import router as teams_router
from coopcare.teams.api_decisions import router as team_decisions_router
from coopcare.teams.api_people import router as team_people_router
from coopcare.visits.api_calendar import router as visits_calendar_router
from coopcare.visits.api_changes import router as visits_changes_router
from coopcare.visits.api_feeds import router as visits_feeds_router
from coopcare.visits.api_logs import router as visits_logs_router
from coopcare.visits.api_series import router as visits_series_router

DESCRIPTION = """
The coopcare API gives you, and scripts you write, the same data and the same rules as the
pages. Sign in through the site (the browser session, with its CSRF token on changes) or send a
personal access token from the Tokens page: `Authorization: Bearer cc_…`.

Errors: 400 a rule stopped the change (`detail` says why, `field` names the field);
401 not signed in, or the token is wrong, revoked or expired; 403 you may not do this;
404 not found, or not visible to you; 422 the request is not shaped as documented;
429 too many requests, wait and retry.
"""

api = NinjaAPI(
    title="coopcare API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[CoopSessionAuth(), PersonalTokenAuth()],
    throttle=person_throttles(),
    # The bundled Swagger UI is served from our own static files (ninja is an installed app), so
    # it runs under script-src 'self'. The validator badge would load an image from
    # validator.swagger.io, which the CSP blocks and which would leak our schema's address.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)


@api.exception_handler(NotAllowed)
def not_allowed(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("You do not have permission to do this.")}, status=403
    )


api.add_router("/me", me_router, tags=["me"])
api.add_router("/people", people_router, tags=["people"])
api.add_router("/", circles_router, tags=["circles"])
api.add_router("/support-profiles", supportprofiles_router, tags=["support profiles"])
api.add_router("/teams", teams_router, tags=["teams"])
api.add_router("/teams", team_people_router, tags=["teams"])
api.add_router("/", team_decisions_router, tags=["team decisions"])
api.add_router("/start", starting_router, tags=["starting a team"])
api.add_router("/start", starting_steps_router, tags=["starting a team"])
api.add_router("/", discussion_router, tags=["team discussion"])
api.add_router("/concerns", concerns_router, tags=["concerns"])
api.add_router("/", visits_calendar_router, tags=["appointments"])
api.add_router("/", visits_changes_router, tags=["appointment changes"])
api.add_router("/", visits_logs_router, tags=["care logs"])
api.add_router("/", visits_series_router, tags=["appointments"])
api.add_router("/", visits_feeds_router, tags=["appointments"])
api.add_router("/", notes_router, tags=["care notes"])
api.add_router("/", medicines_router, tags=["medicines"])
api.add_router("/learning", learning_records_router, tags=["learning records"])
api.add_router("/learning", learning_policy_router, tags=["learning policy"])
api.add_router("/learning", learning_compliance_router, tags=["training matrix"])
api.add_router("/learning", learning_sessions_router, tags=["learning sessions"])
api.add_router("/learning", learning_peer_router, tags=["welcome, pathways and supervision"])
api.add_router("/learning", learning_passport_router, tags=["learning passport"])
