"""The whole joining journey in a real browser, checked with axe on every page it visits:

sign up → verify the email (read from the test outbox) → apply for membership → admitted by the
member wearing the Admissions hat → set a privacy choice → another member is refused the hidden
section, while the person named can see it.
"""

import re

import pytest
from django.core import mail

from coopcare.members.models import Membership, User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

NEW_EMAIL = "nia.okafor@example.org"
NEW_PASSWORD = "a garden full of runner beans"
PHONE = "07700 900123"


def sign_in(page, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def test_a_person_joins_and_their_privacy_choice_holds(
    live_server, browser, assert_accessible, alice, bob, carol
):
    base = live_server.url
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    page = context.new_page()

    # Sign up.
    page.goto(base + "/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Email").fill(NEW_EMAIL)
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password (again)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert_accessible(page)

    # Verify the email address from the link in the message.
    message = next(m for m in mail.outbox if NEW_EMAIL in m.to)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(base + "/accounts/" + link.split("/accounts/", 1)[1])
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    # Apply as a Supported member: answer the questions, accept the Commitment.
    page.goto(base + "/membership/apply/")
    assert_accessible(page)
    page.get_by_role("link", name="Choose Supported member").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Send my application").click()  # empty: refused, explained
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
    for box in page.locator("textarea").all():
        box.fill("Because care should be owned by the people who give and receive it.")
    page.get_by_label("I agree to the Members' Commitment").check()
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_load_state()
    assert_accessible(page)
    nia = User.objects.get(email=NEW_EMAIL)
    assert nia.applications.get().status == "submitted"

    # Carol, wearing the Admissions hat, admits her with a reason.
    admitter = browser.new_context(bypass_csp=True).new_page()
    sign_in(admitter, base, carol.email)
    admitter.goto(base + "/membership/applications/")
    assert_accessible(admitter)
    admitter.locator(
        f"a[href='/membership/applications/{nia.applications.get().pk}/']"
    ).first.click()
    admitter.wait_for_load_state()
    assert_accessible(admitter)
    admitter.get_by_label("Admit as a member").check()
    admitter.get_by_label("Reason").fill("Welcome — we met at the Leeds circle open day.")
    admitter.get_by_role("button", name="Record the decision").click()
    admitter.wait_for_load_state()
    assert Membership.objects.active().filter(person=nia).exists()
    assert any(NEW_EMAIL in m.to and "Welcome" in m.body for m in mail.outbox)

    # Nia adds her phone number and shares contact details with Carol only.
    page.goto(base + "/members/profile/")
    assert_accessible(page)
    page.get_by_label("The name you use").fill("Nia Okafor")
    page.get_by_label("Phone number").fill(PHONE)
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state()
    page.goto(base + "/members/privacy/")
    assert_accessible(page)
    contact = page.locator("#section-contact")
    contact.locator("summary").click()
    contact.get_by_label("People I name").check()
    contact.get_by_label("Name someone else by their email address").fill(carol.email)
    contact.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert_accessible(page)

    # Bob, another member, sees her page but not her phone number.
    other = browser.new_context(bypass_csp=True).new_page()
    sign_in(other, base, bob.email)
    other.goto(f"{base}/members/{nia.pk}/")
    assert other.get_by_role("heading", level=1).inner_text().startswith("Nia Okafor")
    assert PHONE not in other.content()
    assert_accessible(other)

    # Carol, whom she named, can see it.
    admitter.goto(f"{base}/members/{nia.pk}/")
    assert PHONE in admitter.content()

    # And Nia sees that Carol looked.
    page.goto(base + "/members/privacy/")
    assert "Carol Crabtree" in page.locator("#views").inner_text()
