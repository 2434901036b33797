from modular_app.app import create_app

client = create_app().test_client()


def test_blueprints_are_registered_under_their_prefixes():
    assert client.get("/health").get_json() == {"status": "ok", "modules": ["authors", "books"]}
    assert len(client.get("/books").get_json()) == 2
    assert client.get("/books/1").get_json()["title"] == "Dune"
    assert client.get("/authors/2/books").get_json()[0]["id"] == 2
    assert client.get("/authors/9/books").status_code == 404
