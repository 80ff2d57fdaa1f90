from coopcare.api.models import PersonalAccessToken, hash_token
from coopcare.api.services import create_token, revoke_token

URL = "/tokens/"


def test_it_asks_an_anonymous_visitor_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_lists_my_tokens_and_not_anyone_elses(as_person, alice, bob):
    create_token(alice, "rota script", 30)
    old, _raw = create_token(alice, "old laptop", 30)
    revoke_token(alice, old)
    create_token(bob, "bob's secret script", 30)
    response = as_person(alice).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "rota script" in html and "old laptop" in html and "Revoked" in html
    assert "bob&#x27;s secret script" not in html and "bob's secret script" not in html
    assert html.count(">Revoke</a>") == 1  # only the working token can be revoked


def test_it_shows_a_new_token_once_and_stores_only_its_hash(as_person, alice):
    client = as_person(alice)
    response = client.post(URL, {"name": "rota script", "days": "30"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "You will not see it again" in html
    raw = html.split('id="raw-token" value="')[1].split('"')[0]
    token = PersonalAccessToken.objects.get(person=alice)
    assert token.token_hash == hash_token(raw)
    assert raw not in client.get(URL).content.decode()


def test_it_refuses_bad_input_with_a_message_and_makes_no_token(as_person, alice):
    client = as_person(alice)
    for data, message in [
        ({"name": "", "days": "30"}, "Give the token a name"),
        ({"name": "script", "days": "0"}, "at least 1 day"),
        ({"name": "script", "days": "9999"}, "at most 365 days"),
        ({"name": "script", "days": "soon"}, "whole number of days"),
        ({"name": "   ", "days": "30"}, "Give the token a name"),
    ]:
        response = client.post(URL, data)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert 'class="error-summary"' in response.content.decode()
    assert not PersonalAccessToken.objects.exists()


def test_it_pages_a_long_list(as_person, alice):
    for n in range(26):
        create_token(alice, f"script {n}", 30)
    first = as_person(alice).get(URL).content.decode()
    assert first.count('scope="row"') == 25 and "Page 1 of 2" in first
    second = as_person(alice).get(URL + "?page=2").content.decode()
    assert second.count('scope="row"') == 1
