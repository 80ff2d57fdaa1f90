"""Every route × every kind of user → the status they must get.

A route with no row here fails ``test_every_route_has_a_row``: whoever adds a page or endpoint
decides, on purpose, who may reach it. Statuses: 200 shown · 302 sent elsewhere (usually to sign
in) · 401 API without credentials · 403 inside the audience without the right · 404 outside the
audience (no hint that the thing exists) · 405 wrong method.

Personas: ``anonymous``; ``applicant`` (account and an open application); ``member`` (alice);
``other_member`` (bob, same circle); ``hat_holder`` (carol, wears Admissions); ``superuser``
(not a member). Object routes use things that belong to alice or to the applicant.
"""

import importlib
import pkgutil

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coopcare.api.services import create_token
from coopcare.notifications.services import notify
from tests.conftest import client_for

PERSONAS = ["anonymous", "applicant", "member", "other_member", "hat_holder", "superuser"]


def S(anonymous, applicant, member, other_member, hat_holder, superuser):
    return dict(
        zip(
            PERSONAS,
            [anonymous, applicant, member, other_member, hat_holder, superuser],
            strict=True,
        )
    )


SIGNED_IN = S(302, 200, 200, 200, 200, 200)
EVERYONE = S(200, 200, 200, 200, 200, 200)
MEMBERS_ONLY = S(302, 403, 200, 200, 200, 403)
ANON_ONLY = S(200, 302, 302, 302, 302, 302)
API_SIGNED_IN = S(401, 200, 200, 200, 200, 200)
API_MEMBERS = S(401, 403, 200, 200, 200, 403)

# name: (method, kwargs key or None, expected)
ROWS: dict[str, tuple[str, str | None, dict[str, int]]] = {
    "home": ("GET", None, EVERYONE),
    "help": ("GET", None, EVERYONE),
    "settings": ("GET", None, SIGNED_IN),
    # accounts (django-allauth)
    "account_login": ("GET", None, ANON_ONLY),
    "account_logout": ("GET", None, S(302, 200, 200, 200, 200, 200)),
    "account_inactive": ("GET", None, EVERYONE),
    "account_signup": ("GET", None, ANON_ONLY),
    "account_reauthenticate": ("GET", None, SIGNED_IN),
    "account_email": ("GET", None, SIGNED_IN),
    "account_email_verification_sent": ("GET", None, EVERYONE),
    "account_change_password": ("GET", None, SIGNED_IN),
    "account_set_password": ("GET", None, S(302, 302, 302, 302, 302, 302)),
    "account_reset_password": ("GET", None, EVERYONE),
    "account_confirm_login_code": ("GET", None, S(302, 302, 302, 302, 302, 302)),
    "account_confirm_email": ("GET", "bad_key", EVERYONE),
    "account_reset_password_from_key_done": ("GET", None, EVERYONE),
    "account_reset_password_from_key": ("GET", "bad_reset", EVERYONE),
    "account_reset_password_done": ("GET", None, EVERYONE),
    "mfa_index": ("GET", None, SIGNED_IN),
    "mfa_authenticate": ("GET", None, S(302, 302, 302, 302, 302, 302)),
    "mfa_reauthenticate": ("GET", None, S(302, 302, 302, 302, 302, 302)),
    "mfa_activate_totp": ("GET", None, S(302, 302, 302, 302, 302, 302)),
    "mfa_deactivate_totp": ("GET", None, S(302, 404, 404, 404, 404, 404)),
    # Without two-factor turned on there are no recovery codes to see.
    "mfa_view_recovery_codes": ("GET", None, S(302, 404, 404, 404, 404, 404)),
    "mfa_generate_recovery_codes": ("GET", None, S(302, 302, 302, 302, 302, 302)),
    "mfa_download_recovery_codes": ("GET", None, S(302, 404, 404, 404, 404, 404)),
    # membership
    "membership:status": ("GET", None, SIGNED_IN),
    "membership:apply": ("GET", None, SIGNED_IN),
    "membership:applications": ("GET", None, S(302, 403, 403, 403, 200, 403)),
    "membership:application": ("GET", "application", S(302, 200, 404, 404, 200, 404)),
    "membership:decide": ("POST", "application", S(302, 403, 404, 404, 200, 404)),
    "membership:withdraw": ("GET", "application", S(302, 200, 404, 404, 403, 404)),
    # members, profiles and privacy
    "members:directory": ("GET", None, MEMBERS_ONLY),
    "members:person": ("GET", "person", S(302, 404, 200, 200, 200, 404)),
    "members:profile": ("GET", None, SIGNED_IN),
    "members:privacy": ("GET", None, SIGNED_IN),
    # circles
    "circles:tree": ("GET", None, MEMBERS_ONLY),
    "circles:detail": ("GET", "circle", MEMBERS_ONLY),
    # notifications (alice's notification)
    "notifications:list": ("GET", None, SIGNED_IN),
    "notifications:mark_read": ("POST", "notification", S(302, 404, 302, 404, 404, 404)),
    "notifications:mark_all_read": ("POST", None, S(302, 302, 302, 302, 302, 302)),
    "notifications:preferences": ("GET", None, SIGNED_IN),
    # API tokens (alice's token)
    "tokens:list": ("GET", None, SIGNED_IN),
    "tokens:revoke": ("GET", "token", S(302, 404, 200, 404, 404, 404)),
    # JSON API
    "api:openapi-json": ("GET", None, EVERYONE),
    "api:openapi-view": ("GET", None, EVERYONE),
    "api:api-root": ("GET", None, S(404, 404, 404, 404, 404, 404)),
    "api:me": ("GET", None, API_SIGNED_IN),
    "api:my_profile": ("GET", None, API_SIGNED_IN),
    "api:change_my_profile": ("PATCH", None, API_SIGNED_IN),
    "api:my_privacy": ("GET", None, API_SIGNED_IN),
    "api:set_my_privacy": ("PUT", "section", API_SIGNED_IN),
    "api:person_detail": ("GET", "api_person", S(401, 404, 200, 200, 200, 404)),
    "api:circle_list": ("GET", None, API_MEMBERS),
    "api:circle_detail": ("GET", "api_circle", API_MEMBERS),
    "api:hat_list": ("GET", None, API_MEMBERS),
}
# Every admin page, following redirects: superusers only; a signed-out visitor lands on the
# ordinary sign-in page (200), anyone else signed in is refused (403).
ADMIN_EXPECTED = S(200, 403, 403, 403, 403, 200)


def _contributed_modules():
    import tests.matrix  # noqa: PLC0415

    return [
        importlib.import_module(f"tests.matrix.{info.name}")
        for info in pkgutil.iter_modules(tests.matrix.__path__)
    ]


def all_rows() -> dict[str, tuple[str, str | None, dict[str, int]]]:
    rows = dict(ROWS)
    for module in _contributed_modules():
        overlap = set(rows) & set(module.ROWS)
        assert not overlap, f"{module.__name__} repeats rows: {overlap}"
        rows.update(module.ROWS)
    return rows


def all_route_names() -> list[str]:
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or str(pattern.pattern)
                yield f"{namespace}:{name}" if namespace else name

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_route_has_a_row():
    known = all_rows()
    missing = [
        name
        for name in all_route_names()
        if name not in known and not name.startswith(("admin:", "admin/"))
    ]
    assert missing == [], f"Add these routes to ROWS in {__file__}: {missing}"


@pytest.fixture
def world(applicant, alice, bob, carol, admin, leeds_circle):
    application = applicant.applications.get()
    notification = notify(alice, "membership.decided", "Welcome")
    token, _raw = create_token(alice, "matrix", 30)
    from coopcare.teams.services.starting import start_team  # noqa: PLC0415

    team = start_team(None, alice, leeds_circle)
    world = {
        "team": team,
        "persona": {
            "anonymous": None,
            "applicant": applicant,
            "member": alice,
            "other_member": bob,
            "hat_holder": carol,
            "superuser": admin,
        },
        "kwargs": {
            "application": {"pk": application.pk},
            "person": {"pk": alice.pk},
            "api_person": {"person_id": alice.pk},
            "circle": {"slug": leeds_circle.slug},
            "api_circle": {"slug": leeds_circle.slug},
            "notification": {"pk": notification.pk},
            "token": {"pk": token.pk},
            "section": {"section": "contact"},
            "bad_key": {"key": "not-a-real-key"},
            "bad_reset": {"uidb36": "zz", "key": "not-a-real-key"},
        },
    }
    for module in _contributed_modules():
        if hasattr(module, "objects"):
            world["kwargs"].update(module.objects(world))
    return world


def request(client: Client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, {})
    # API writes with an empty JSON body: must be refused or rejected, never a 500.
    return client.generic(method, url, "{}", content_type="application/json")


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_on_every_route(world, persona):
    person = world["persona"][persona]
    client = Client() if person is None else client_for(person)
    problems = []
    for name, (method, kwargs_key, expected) in all_rows().items():
        kwargs = world["kwargs"][kwargs_key] if kwargs_key else {}
        url = reverse(name, kwargs=kwargs)
        # Each row is a fresh visit: the API's per-person rate limit must not refuse row 300.
        cache.clear()
        status = request(client, method, url).status_code
        want = expected[persona]
        # A 400 or 422 from the API for an empty body means "let in, input refused": count it
        # as 200 here; the API's own tests check what each refusal says.
        if name.startswith("api:") and method in {"PATCH", "PUT"} and status in {400, 422}:
            status = 200
        if status != want:
            problems.append(f"{method} {url} ({name}): got {status}, expected {want}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_on_every_admin_page(world, persona):
    from django.contrib import admin

    person = world["persona"][persona]
    client = Client() if person is None else client_for(person)
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    got = {url: client.get(url, follow=True).status_code for url in urls}
    wrong = {url: s for url, s in got.items() if s != ADMIN_EXPECTED[persona]}
    assert wrong == {}, (persona, wrong)
