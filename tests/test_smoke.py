def test_it_serves_the_front_page(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Care owned by the people" in response.content
