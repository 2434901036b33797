import pytest
from pagination import app

client = app.test_client()


def follow_all_pages(limit: int) -> list[int]:
    ids, url = [], f"/articles?limit={limit}"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.get_json()
        assert len(page["items"]) <= limit
        ids += [item["id"] for item in page["items"]]
        url = page["next"]
        # The Link header and the body name the same next page (or neither does).
        assert response.headers.get("Link") == (f'<{url}>; rel="next"' if url else None)
    return ids


@pytest.mark.parametrize("limit", [1, 7, 10, 50, 100])
def test_following_next_visits_every_article_once_in_order(limit):
    assert follow_all_pages(limit) == list(range(1, 51))


def test_first_page_and_cursor():
    first = client.get("/articles?limit=2").get_json()
    assert first == {
        "items": [{"id": 1, "title": "Article 1"}, {"id": 2, "title": "Article 2"}],
        "next": "/articles?after=2&limit=2",
    }
    assert [item["id"] for item in client.get(first["next"]).get_json()["items"]] == [3, 4]


def test_default_limit_and_last_page():
    assert len(client.get("/articles").get_json()["items"]) == 10
    last = client.get("/articles?after=48&limit=5")
    assert [item["id"] for item in last.get_json()["items"]] == [49, 50]
    assert last.get_json()["next"] is None and "Link" not in last.headers


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "limit=abc",
        "limit=",
        "limit=%C2%B2",
        "limit=%D9%A3",
        "limit=1e3",
        "limit=-1",
        "limit=1&limit=2",
        "after=-1",
        "after=1.5",
        "after=" + "9" * 25,
    ],
)
def test_bad_values_are_400_with_a_json_message(query):
    response = client.get(f"/articles?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"].endswith(("from 1 to 100", "from 0 to 9223372036854775807"))


def test_unknown_paths_and_methods_answer_json():
    assert client.get("/nope").get_json() == {"error": "not found"}
    response = client.delete("/articles")
    assert response.status_code == 405 and response.get_json() == {"error": "method not allowed"}
    assert "GET" in response.headers["Allow"]
