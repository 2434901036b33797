import pytest
from body_validation import app

client = app.test_client()


def test_valid_signup():
    response = client.post("/signup", json={"email": "ada@example.com", "age": 36, "name": "Ada"})
    assert response.status_code == 201
    assert response.get_json() == {"email": "ada@example.com", "age": 36, "name": "Ada"}


@pytest.mark.parametrize(
    "body, field",
    [({"age": 20}, "email"), ({"email": "a@b.c", "age": True}, "age"), ({"email": "a@b.c", "age": 5}, "age")],
)
def test_invalid_fields_are_named(body, field):
    response = client.post("/signup", json=body)
    assert response.status_code == 400
    assert field in response.get_json()["details"]


def test_wrong_content_type_and_malformed_json():
    assert client.post("/signup", data={"email": "a@b.c"}).status_code == 415
    bad = client.post("/signup", data='{"email": ', content_type="application/json")
    assert bad.status_code == 400
    assert bad.get_json() == {"error": "malformed JSON"}
