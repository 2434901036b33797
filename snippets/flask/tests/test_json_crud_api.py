from json_crud_api import app

client = app.test_client()


def test_create_read_update_delete():
    created = client.post("/items", json={"name": "Write tests"})
    assert created.status_code == 201
    item = created.get_json()
    assert created.headers["Location"] == f"/items/{item['id']}"
    assert client.get(f"/items/{item['id']}").get_json() == item
    updated = client.patch(f"/items/{item['id']}", json={"done": True}).get_json()
    assert updated["done"] is True
    assert client.delete(f"/items/{item['id']}").status_code == 204
    assert client.get(f"/items/{item['id']}").status_code == 404


def test_invalid_bodies_are_400():
    assert client.post("/items", json={}).status_code == 400
    assert client.post("/items", data="{", content_type="application/json").status_code == 400  # malformed


def test_other_content_types_and_charsets_are_415():
    assert client.post("/items", data="not json").status_code == 415
    response = client.post("/items", data='{"name": "x"}', content_type="application/json; charset=latin1")
    assert response.status_code == 415
    assert response.get_json() == {"error": "send the JSON body in UTF-8"}


def test_errors_never_show_werkzeug_pages():
    response = client.get("/items/%D9%A3")  # Arabic-Indic three: not an id
    assert response.status_code == 404 and response.is_json
    assert client.delete("/items").status_code == 405 and client.delete("/items").is_json
    created = client.post("/items", json={"name": "x"}).get_json()
    assert client.patch(f"/items/{created['id']}", json={"done": "yes"}).status_code == 400


def test_oversized_body_is_413():
    assert client.post("/items", json={"name": "x" * 200_000}).status_code == 413
