import importlib

import pytest


@pytest.fixture()
def client(tmp_path, monkeypatch):
    # A fresh database file per test: import the module after pointing DATABASE_PATH at it.
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "notes.sqlite3"))
    import sqlite_database

    module = importlib.reload(sqlite_database)
    return module.app.test_client()


def test_insert_query_delete(client):
    first = client.post("/notes", json={"text": "Buy milk"})
    assert first.status_code == 201
    assert first.get_json() == {"id": 1, "text": "Buy milk"}
    client.post("/notes", json={"text": "Call Ada"})
    assert [n["text"] for n in client.get("/notes").get_json()] == ["Buy milk", "Call Ada"]
    assert client.get("/notes", query_string={"q": "MILK"}).get_json() == [{"id": 1, "text": "Buy milk"}]
    assert client.delete("/notes/1").status_code == 204
    assert client.get("/notes/1").status_code == 404


def test_parameters_are_not_sql(client):
    client.post("/notes", json={"text": "secret"})
    assert client.get("/notes", query_string={"q": "' OR 1=1 --"}).get_json() == []


def test_validation(client):
    assert client.post("/notes", json={"text": ""}).status_code == 400
