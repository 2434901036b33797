from hello_world import app


def test_index_says_hello():
    response = app.test_client().get("/")
    assert response.status_code == 200
    assert response.text == "Hello, World!"


def test_json_hello():
    response = app.test_client().get("/api/hello")
    assert response.is_json
    assert response.get_json() == {"message": "Hello, World!"}
