import pytest
from rate_limiting import app, limiter

client = app.test_client()


@pytest.fixture(autouse=True)
def fresh_counters():
    limiter.reset()


def test_three_requests_then_429_with_retry_after():
    remaining = []
    for _ in range(3):
        response = client.get("/api/quote")
        assert response.status_code == 200 and "quote" in response.get_json()
        assert response.headers["X-RateLimit-Limit"] == "3"
        remaining.append(response.headers["X-RateLimit-Remaining"])
    assert remaining == ["2", "1", "0"]
    refused = client.get("/api/quote")
    assert refused.status_code == 429
    assert refused.get_json() == {"error": "too many requests, try again later"}
    assert 0 < int(refused.headers["Retry-After"]) <= 60


def test_each_client_address_has_its_own_counter():
    for _ in range(3):
        client.get("/api/quote", environ_base={"REMOTE_ADDR": "192.0.2.1"})
    assert client.get("/api/quote", environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 429
    assert client.get("/api/quote", environ_base={"REMOTE_ADDR": "192.0.2.2"}).status_code == 200


def test_health_is_not_limited():
    for _ in range(10):
        assert client.get("/health").status_code == 200


def test_the_window_resets():
    for _ in range(4):
        client.get("/api/quote")
    assert client.get("/api/quote").status_code == 429
    limiter.reset()  # what the end of the minute does
    assert client.get("/api/quote").status_code == 200
