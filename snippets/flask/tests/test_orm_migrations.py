import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

FLASK_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture()
def modules(tmp_path, monkeypatch):
    """A fresh, migrated database file; the modules reloaded so their engine points at it."""
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "library.sqlite3"))
    from orm_migrations import database

    database = importlib.reload(database)
    database.upgrade_to_head()
    from orm_migrations import app as app_module

    yield database, importlib.reload(app_module)
    database.engine.dispose()


@pytest.fixture()
def client(modules):
    return modules[1].app.test_client()


def test_books_and_authors_through_the_orm(client):
    dune = client.post("/books", json={"title": "Dune", "author": "Frank Herbert", "isbn": "9780441013593"})
    assert dune.status_code == 201 and dune.headers["Location"] == "/books/1"
    assert dune.get_json() == {"id": 1, "title": "Dune", "isbn": "9780441013593", "author": {"id": 1, "name": "Frank Herbert"}}
    second = client.post("/books", json={"title": "Children of Dune", "author": "Frank Herbert"}).get_json()
    assert second["author"] == {"id": 1, "name": "Frank Herbert"}  # the existing author is reused
    assert client.get("/books/2").get_json() == second
    listing = client.get("/authors/1/books").get_json()
    assert [book["title"] for book in listing["books"]] == ["Dune", "Children of Dune"]


def test_a_duplicate_isbn_is_409_and_writes_nothing(client):
    client.post("/books", json={"title": "Dune", "author": "Frank Herbert", "isbn": "9780441013593"})
    response = client.post("/books", json={"title": "Copy", "author": "Someone Else", "isbn": "9780441013593"})
    assert response.status_code == 409 and response.get_json() == {"error": "a book with this ISBN already exists"}
    assert client.get("/authors/2/books").status_code == 404  # the new author was rolled back too


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"author": "A"}, "title must be 1 to 200 characters"),
        ({"title": "T", "author": " "}, "author must be 1 to 100 characters"),
        ({"title": "T", "author": "A", "isbn": "123"}, "isbn must be 13 digits"),
        ({"title": "T", "author": "A", "isbn": 9780441013593}, "isbn must be 13 digits"),
    ],
)
def test_invalid_books_are_400(client, body, error):
    response = client.post("/books", json=body)
    assert response.status_code == 400 and response.get_json() == {"error": error}


def test_unknown_ids_are_404(client):
    assert client.get("/books/9").get_json() == {"error": "book not found"}
    assert client.get("/authors/9/books").get_json() == {"error": "author not found"}
    assert client.get("/books/%D9%A3").status_code == 404


def test_the_models_match_the_migrations(modules):
    database, _ = modules
    from orm_migrations.models import Base

    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_downgrade_and_upgrade(modules):
    database, _ = modules
    config = database.alembic_config()
    command.downgrade(config, "0001")
    assert "isbn" not in [c["name"] for c in inspect(database.engine).get_columns("books")]
    assert database.pending_migrations() == ("0001", "0002")
    command.upgrade(config, "head")
    assert "isbn" in [c["name"] for c in inspect(database.engine).get_columns("books")]


def test_an_unmigrated_database_stops_the_app(tmp_path):
    env = {**os.environ, "DATABASE_PATH": str(tmp_path / "empty.sqlite3")}
    env.pop("MIGRATE_ON_START", None)
    result = subprocess.run(
        [sys.executable, "-c", "import orm_migrations.app"],
        cwd=FLASK_DIR, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 3
    assert "the database is at revision none, the code needs 0002" in result.stderr
    assert "Traceback" not in result.stderr
