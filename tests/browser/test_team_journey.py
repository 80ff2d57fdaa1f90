"""A team's whole life in a real browser on a 360-px phone, checked with axe on every page:

an anonymous enquiry → the Team Starter decides to proceed → the case links the person and
starts their team → the Supportive Conversation's essential questions → the owner signs the
Promise and sees her Getting Support Profile → a call-out → a worker in the local circle
says they are interested → the owner invites them with a trial →
they accept → the sessions are done → both say yes → member → nominated to wear the Rota
Holder hat, and the team consents → later they give notice, take the hat off and leave.
"""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from coopcare.circles.consent_models import HatNomination
from coopcare.circles.models import Hat
from coopcare.starting.models import CallOut, Case, Enquiry, Interest
from coopcare.teams.models import Invitation, Team, TeamMember, Trial
from tests.conftest import _member
from tests.factories import PASSWORD, hat_type

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}


def phone(browser):
    context = browser.new_context(bypass_csp=True, locale="en-GB", viewport=PHONE)
    page = context.new_page()
    # Destructive forms ask with data-confirm; Playwright would otherwise dismiss the question.
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def visit(page, url: str, check) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    check(page)


def submit(page, name: str, check) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()
    assert "There is a problem" not in page.content(), (page.url, page.content()[:3000])
    check(page)


def test_it_takes_a_team_from_enquiry_to_a_member_leaving_well(
    live_server, browser, assert_accessible, leeds_circle, team_starter, owner
):
    cache.clear()  # the enquiry limit counts per address, and every browser is 127.0.0.1
    hat_type("rota-holder")
    worker = _member(leeds_circle, email="wes@example.org", profile__name="Wes Whitaker")
    base = live_server.url

    def check(page) -> None:
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url

    # 1. Olive enquires, without signing in.
    anon = phone(browser)
    visit(anon, base + "/start/enquiry/", check)
    anon.get_by_label("Me", exact=True).check()
    anon.get_by_label("Your name").fill("Olive Oyelaran")
    anon.get_by_label("Email address").fill(owner.email)
    anon.get_by_label("Companionship").check()
    anon.get_by_label("Needs, preferences and anything we should know").fill(
        "Company, and help getting to the shops."
    )
    anon.get_by_label("Postcode where support would happen").fill("LS6 1AA")
    anon.locator("input[name=funding]").first.check()
    anon.wait_for_timeout(3500)  # the form refuses anything sent within seconds of showing
    submit(anon, "Send my enquiry", check)
    enquiry = Enquiry.objects.get(email=owner.email)

    # 2. Tess, the Team Starter, decides to proceed, which opens a case.
    tess = phone(browser)
    sign_in(tess, base, team_starter.email)
    visit(tess, base + "/start/enquiries/", check)
    visit(tess, f"{base}/start/enquiries/{enquiry.pk}/", check)
    tess.get_by_label("Proceed: start a case and a longer conversation").check()
    outcome = tess.locator("form", has=tess.get_by_role("button", name="Save the outcome"))
    outcome.locator("select[name=local_circle]").select_option(label=str(leeds_circle))
    submit(tess, "Save the outcome", check)
    case = Case.objects.get(enquiry=enquiry)
    assert tess.url.endswith(f"/start/cases/{case.pk}/")

    # 3. She links Olive's existing account and starts her team.
    tess.get_by_label("They already have an account: link it").check()
    submit(tess, "Link or invite", check)
    submit(tess, "Start the team", check)
    team = Team.objects.get(owner=owner)
    assert Case.objects.get(pk=case.pk).team_id == team.pk

    # 4. The Supportive Conversation: every essential question answered.
    visit(tess, f"{base}/start/teams/{team.pk}/supportive-conversation/edit/", check)
    for box in tess.locator("textarea[required]").all():
        box.fill("Talked through together at home.")
    for day in tess.locator("input[type=date][required]").all():
        day.fill("1946-04-12")
    submit(tess, "Save a new version", check)

    # 5. Olive signs the Promise herself.
    olive = phone(browser)
    sign_in(olive, base, owner.email)
    visit(olive, f"{base}/start/teams/{team.pk}/promise/", check)
    olive.locator("input[name=funding]").first.check()
    olive.get_by_label("I agree to the Getting Support Promise above").check()
    submit(olive, "Sign", check)
    assert "The Promise is signed" in olive.content()
    visit(olive, f"{base}/support-profiles/team/{team.pk}/", check)

    # 6. Tess publishes a call-out to the Leeds circle, with Olive's agreement.
    visit(tess, f"{base}/start/cases/{case.pk}/call-outs/new/", check)
    for label in (
        "Key needs and preferences",
        "Where and when",
        "Qualities and experience wanted",
        "The relationship hoped for",
    ):
        tess.get_by_role("textbox", name=label).fill("Kind, patient, likes a chat.")
        tess.get_by_role("checkbox", name=label).check()
    tess.get_by_label("The person agreed to share the parts ticked, with this audience").check()
    tess.get_by_label("Members of the local circle").check()
    submit(tess, "Publish", check)
    call_out = CallOut.objects.get(case=case)

    # 7. Wes, a member of the Leeds circle, finds it and says he is interested.
    wes = phone(browser)
    sign_in(wes, base, worker.email)
    visit(wes, base + "/start/call-outs/", check)
    visit(wes, f"{base}/start/call-outs/{call_out.pk}/", check)
    wes.get_by_label("A message to the Team Starter").fill("I live nearby; free on Tuesdays.")
    submit(wes, "Say I am interested", check)
    assert Interest.objects.filter(call_out=call_out, person=worker).exists()

    # 8. Olive invites him, starting with a trial of two sessions.
    visit(olive, f"{base}/teams/{team.pk}/", check)
    visit(olive, f"{base}/teams/{team.pk}/invite/", check)
    olive.get_by_label("Their email address").fill(worker.email)
    olive.get_by_label("Independent worker").check()
    olive.get_by_label("Start with a trial").check()
    olive.get_by_label("Number of trial sessions").fill("2")
    submit(olive, "Send the invitation", check)
    invitation = Invitation.objects.get(team=team, email=worker.email)

    # 9. Wes accepts, which starts the trial.
    visit(wes, base + "/teams/invitations/", check)
    visit(wes, f"{base}/teams/invitations/{invitation.pk}/", check)
    submit(wes, "Yes, start the trial", check)
    trial = Trial.objects.get(member__team=team, member__person=worker)

    # 10. The sessions are done; both sides say yes.
    visit(olive, f"{base}/teams/trials/{trial.pk}/", check)
    submit(olive, "The sessions are done: ask both sides how it went", check)
    for page in (olive, wes):
        visit(page, f"{base}/teams/trials/{trial.pk}/how-did-it-go/", check)
        page.get_by_label("Yes").check()
        submit(page, "Send my answer", check)
    membership = TeamMember.objects.current().get(team=team, person=worker)
    assert membership.status == TeamMember.Status.MEMBER

    # 11. Olive nominates Wes for Rota Holder; he says yes, and the team consents.
    visit(olive, f"{base}/teams/{team.pk}/decisions/", check)
    visit(olive, f"{base}/teams/{team.pk}/decisions/hats/nominate/", check)
    olive.get_by_label("Rota Holder").check()
    olive.get_by_label("Who would wear it?").select_option(value=str(worker.pk))
    olive.get_by_label("Why this person?").fill("Wes is organised and everyone trusts him.")
    submit(olive, "Nominate", check)
    nomination = HatNomination.objects.get(nominee=worker)
    visit(wes, f"{base}/teams/{team.pk}/decisions/hats/nominations/{nomination.pk}/", check)
    wes.get_by_label("Yes, I would wear it; ask the team").check()
    submit(wes, "Send my answer", check)
    nomination.refresh_from_db()
    visit(olive, f"{base}/teams/{team.pk}/decisions/{nomination.proposal_id}/", check)
    olive.get_by_label("Yes, I can live with this").check()
    submit(olive, "Give my answer", check)
    hat = Hat.objects.get(holder=worker, hat_type__slug="rota-holder")

    # 12. Later, Wes gives notice, takes the hat off and leaves today.
    visit(wes, f"{base}/teams/{team.pk}/leave/", check)
    wes.get_by_label("Your leaving date").fill(
        (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    )
    wes.get_by_label("A farewell message").fill("Thank you all; it has been a joy.")
    submit(wes, "Give notice", check)
    wes.get_by_role("button", name="Take off the Rota Holder hat").click()
    wes.wait_for_load_state()
    check(wes)
    wes.get_by_role("link", name="Leave now, before the date").click()
    wes.wait_for_load_state()
    check(wes)
    submit(wes, "Leave today", check)
    assert not TeamMember.objects.current().filter(team=team, person=worker).exists()
    hat.refresh_from_db()
    assert hat.ends_on is not None and hat.ends_on <= timezone.localdate()
