def test_it_serves_the_openapi_schema_with_every_endpoint(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert set(schema["paths"]) >= {
        "/api/me",
        "/api/me/profile",
        "/api/me/privacy",
        "/api/me/privacy/{section}",
        "/api/people/{person_id}",
        "/api/circles",
        "/api/circles/{slug}",
        "/api/hats",
    }
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"apiKey", "http"}


def test_it_serves_the_docs_page_from_our_own_static_files(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert '"validatorUrl": null' in html
