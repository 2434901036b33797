from cookies_sessions import app


def test_session_counts_visits_per_client():
    client = app.test_client()
    assert client.get("/visits").get_json() == {"visits": 1}
    assert client.get("/visits").get_json() == {"visits": 2}
    assert app.test_client().get("/visits").get_json() == {"visits": 1}  # a new client starts over
    client.post("/logout")
    assert client.get("/visits").get_json() == {"visits": 1}


def test_forged_session_cookie_is_ignored():
    client = app.test_client()
    client.set_cookie("session", "eyJ2aXNpdHMiOjk5fQ")  # {"visits":99} with no valid signature
    assert client.get("/visits").get_json() == {"visits": 1}


def test_theme_cookie_round_trip():
    client = app.test_client()
    assert client.get("/theme").get_json() == {"theme": "light"}
    response = client.post("/theme", json={"theme": "dark"})
    assert "HttpOnly" in response.headers["Set-Cookie"]
    assert client.get("/theme").get_json() == {"theme": "dark"}
    assert client.post("/theme", json={"theme": "neon"}).status_code == 400
