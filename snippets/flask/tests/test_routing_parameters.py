import pytest
from routing_parameters import app

client = app.test_client()


def test_int_path_parameter():
    assert client.get("/users/42").get_json() == {"user_id": 42}
    assert client.get("/users/abc").status_code == 404


def test_query_parameters_with_default_and_validation():
    assert client.get("/search", query_string={"q": "flask"}).get_json() == {"q": "flask", "page": 1}
    assert client.get("/search?q=x&page=3").get_json() == {"q": "x", "page": 3}
    assert client.get("/search?page=0").status_code == 400


def test_repeated_query_key_and_path_converter():
    assert client.get("/tags?tag=a&tag=b").get_json() == {"tags": ["a", "b"]}
    assert client.get("/files/docs/readme.md").get_json() == {"path": "docs/readme.md"}


@pytest.mark.parametrize("page", ["²", "٣", " 1", "1_0", "0", "-1", ""])
def test_page_takes_ascii_digits_only(page):
    # str.isdigit() accepted '²' (then int() failed: a 500) and '٣' (Arabic-Indic three).
    response = client.get("/search", query_string={"page": page})
    assert response.status_code == 400
    assert response.get_json() == {"error": "page must be a positive integer"}


def test_path_ids_take_ascii_digits_only():
    assert client.get("/users/%D9%A3").status_code == 404  # '٣': Werkzeug's \d would take it
    assert client.get("/users/3").get_json() == {"user_id": 3}
    assert client.get("/search?page=1&page=2").status_code == 400  # as Express, which sees an array
