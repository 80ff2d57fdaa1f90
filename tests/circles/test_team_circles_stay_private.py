"""A team's circle names the person getting support, so it never shows in the co-op's circles."""


def test_it_leaves_team_circles_out_of_the_tree(as_person, team, bob):
    html = as_person(bob).get("/circles/").content.decode()
    assert team.circle.name not in html


def test_it_answers_404_for_a_team_circle_page(as_person, team, bob):
    assert as_person(bob).get(f"/circles/{team.circle.slug}/").status_code == 404


def test_it_leaves_team_circles_out_of_the_local_circle_page(as_person, team, bob, leeds_circle):
    html = as_person(bob).get(f"/circles/{leeds_circle.slug}/").content.decode()
    assert team.circle.name not in html


def test_it_leaves_team_circles_and_hats_out_of_the_api(as_person, team, bob, owner):
    from coopcare.circles.services import put_on_hat  # noqa: PLC0415
    from tests.factories import hat_type  # noqa: PLC0415

    put_on_hat(None, team.circle, hat_type("rota-holder"), owner, team.created_at.date())
    client = as_person(bob)
    circles = client.get("/api/circles").json()
    assert team.circle.slug not in str(circles)
    assert client.get(f"/api/circles/{team.circle.slug}").status_code == 404
    assert team.circle.slug not in str(client.get("/api/hats").json())
