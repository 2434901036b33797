"""Testing a Flask app: a fixture builds the test client, requests need no running server."""

import pytest
from testing_with_test_clients import app


@pytest.fixture()
def client():
    app.config["TESTING"] = True  # exceptions propagate to the test instead of becoming 500s
    return app.test_client()


@pytest.mark.parametrize("celsius, fahrenheit", [(0, 32), (100, 212), (-40, -40), (21.5, 70.7)])
def test_converts(client, celsius, fahrenheit):
    response = client.get("/convert", query_string={"celsius": celsius})
    assert response.status_code == 200
    assert response.get_json() == {"celsius": celsius, "fahrenheit": fahrenheit}


@pytest.mark.parametrize("query", ["", "?celsius=warm", "?celsius=-300"])
def test_rejects_bad_input(client, query):
    response = client.get(f"/convert{query}")
    assert response.status_code == 400
    assert "error" in response.get_json()
