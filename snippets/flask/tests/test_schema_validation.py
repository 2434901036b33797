import pytest
from schema_validation import app

client = app.test_client()
VALID = {"title": "  Dune ", "author": "Frank Herbert", "year": 1965, "tags": ["sf"]}


def test_a_valid_book_is_created_trimmed_and_readable():
    response = client.post("/books", json=VALID)
    assert response.status_code == 201
    book = response.get_json()
    assert book == {"id": book["id"], "title": "Dune", "author": "Frank Herbert", "year": 1965, "tags": ["sf"]}
    assert response.headers["Location"] == f"/books/{book['id']}"
    assert client.get(response.headers["Location"]).get_json() == book


def test_tags_default_to_empty():
    response = client.post("/books", json={"title": "Emma", "author": "Jane Austen", "year": 1815})
    assert response.status_code == 201 and response.get_json()["tags"] == []


@pytest.mark.parametrize(
    ("body", "paths"),
    [
        ({}, ["title", "author", "year"]),
        ({**VALID, "year": "1965"}, ["year"]),  # strict: no string-to-int conversion
        ({**VALID, "year": True}, ["year"]),
        ({**VALID, "year": 1200}, ["year"]),
        ({**VALID, "title": "   "}, ["title"]),  # blank after trimming
        ({**VALID, "tags": ["a", ""]}, ["tags.1"]),
        ({**VALID, "tags": ["t"] * 6}, ["tags"]),
        ({**VALID, "isbn": "x"}, ["isbn"]),  # unknown keys are reported, not dropped
        ([VALID], [""]),
    ],
)
def test_every_problem_is_listed_with_its_path(body, paths):
    response = client.post("/books", json=body)
    assert response.status_code == 422
    result = response.get_json()
    assert result["error"] == "validation failed"
    assert [detail["path"] for detail in result["details"]] == paths
    assert all(detail["message"] for detail in result["details"])


def test_problems_with_the_request_itself():
    assert client.post("/books", data="{", content_type="application/json").get_json() == {"error": "malformed JSON"}
    assert client.post("/books", data="{}", content_type="text/plain").status_code == 415
    assert client.post("/books", data="{}", content_type="application/json; charset=latin1").status_code == 415
    assert client.post("/books", json={"title": "x" * 200_000}).status_code == 413


def test_openapi_schemas_come_from_the_model():
    document = client.get("/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    book_in = document["components"]["schemas"]["BookIn"]
    assert book_in["required"] == ["title", "author", "year"]
    assert book_in["additionalProperties"] is False
    assert book_in["properties"]["year"] | {"title": None} == {"type": "integer", "minimum": 1450, "maximum": 2100, "title": None}
    assert document["components"]["schemas"]["Book"]["required"] == ["title", "author", "year", "id"]
    ref = document["paths"]["/books"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/BookIn"


def test_unknown_book_and_bad_id():
    assert client.get("/books/999999").get_json() == {"error": "book not found"}
    assert client.get("/books/%C2%B2").status_code == 404
