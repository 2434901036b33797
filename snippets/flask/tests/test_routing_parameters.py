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
