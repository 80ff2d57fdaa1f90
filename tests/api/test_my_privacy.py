from coopcare.audit.models import AuditEvent
from coopcare.members.models import PrivacyChoice

URL = "/api/me/privacy"


def test_it_lists_every_section_with_its_audience(as_token, alice, bob):
    choice = PrivacyChoice.objects.create(person=alice, section="location", audience="named")
    choice.named_people.set([bob])
    body = as_token(alice).get(URL).json()
    assert [row["section"] for row in body] == [
        "name",
        "contact",
        "location",
        "languages",
        "membership",
        "hats",
        "learning",
    ]
    rows = {row["section"]: row for row in body}
    assert rows["contact"]["audience"] == "only_me" and rows["contact"]["named_people"] == []
    assert rows["location"]["audience"] == "named"
    assert rows["location"]["named_people"] == [bob.pk]
    assert rows["name"]["label"] == "Name and pronouns"


def test_it_sets_who_can_see_a_section(as_token, alice, bob):
    response = as_token(alice).put(
        f"{URL}/contact",
        {"audience": "named", "named_people": [bob.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {
        "section": "contact",
        "label": "Contact details (email, phone, address)",
        "audience": "named",
        "named_people": [bob.pk],
    }
    choice = PrivacyChoice.objects.get(person=alice, section="contact")
    assert list(choice.named_people.all()) == [bob]
    assert AuditEvent.objects.filter(action="privacy.changed", actor=alice).exists()


def test_it_refuses_bad_input_and_changes_nothing(as_token, alice):
    client = as_token(alice)
    response = client.put(
        f"{URL}/contact", {"audience": "everyone"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Choose who can see this.", "field": "audience"}
    response = client.put(
        f"{URL}/contact",
        {"audience": "named", "named_people": []},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "named_people"
    response = client.put(
        f"{URL}/contact",
        {"audience": "named", "named_people": [999999]},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "named_people"
    assert not PrivacyChoice.objects.filter(person=alice).exists()


def test_it_has_no_such_section(as_token, alice):
    response = as_token(alice).put(
        f"{URL}/shoe-size", {"audience": "members"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert not PrivacyChoice.objects.exists()
