from cross_origin_requests import app

client = app.test_client()
ALLOWED = "https://app.example.com"


def test_allowed_origin_gets_cors_headers():
    response = client.get("/api/data", headers={"Origin": ALLOWED})
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED


def test_other_origin_gets_none():
    response = client.get("/api/data", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200  # CORS is enforced by the browser, not the server
    assert "Access-Control-Allow-Origin" not in response.headers


def test_preflight():
    response = client.options(
        "/api/data",
        headers={"Origin": ALLOWED, "Access-Control-Request-Method": "PUT"},
    )
    assert response.status_code == 200
    assert "PUT" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Max-Age"] == "600"
