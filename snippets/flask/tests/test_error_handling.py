from error_handling import app

client = app.test_client()


def test_missing_item_and_unknown_url_are_json_404s():
    assert client.get("/items/99").get_json() == {"error": "item 99 not found"}
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.get_json() == {"error": "not found"}


def test_wrong_method_is_405_with_allow_header():
    response = client.delete("/items/1")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_bugs_become_500_without_details():
    for path in ("/boom", "/async-boom"):
        response = client.get(path)
        assert response.status_code == 500
        assert response.get_json() == {"error": "internal server error"}
        assert "Traceback" not in response.text
