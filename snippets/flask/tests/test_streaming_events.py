from streaming_events import app

client = app.test_client()


def test_streams_events_then_done():
    response = client.get("/events?count=2")
    assert response.mimetype == "text/event-stream"
    assert response.is_streamed
    body = response.get_data(as_text=True)
    assert 'id: 1\nevent: tick\ndata: {"tick":1}\n\n' in body
    assert body.endswith("event: done\ndata: {}\n\n")
    assert "id: 3" not in body


def test_count_is_validated():
    assert client.get("/events?count=99").status_code == 400
