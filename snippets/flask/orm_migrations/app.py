"""Authors and books through the SQLAlchemy ORM, with the schema managed by Alembic migrations.

Migrate before starting (from the repository root):
    alembic -c snippets/flask/orm_migrations/alembic.ini upgrade head
The app checks at start-up that the database is at the newest revision and stops otherwise;
MIGRATE_ON_START=1 makes it upgrade the database itself (handy for a demo or one process).
"""

import os
import re
import sys

from flask import Flask, abort, json, request, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from orm_migrations.database import engine, pending_migrations, upgrade_to_head
from orm_migrations.models import Author, Book

if os.environ.get("MIGRATE_ON_START") == "1":
    upgrade_to_head()
current, head = pending_migrations()
if current != head:
    # Exit code 3 is gunicorn's "worker failed to boot": the master stops instead of retrying.
    print(
        f"the database is at revision {current or 'none'}, the code needs {head}: "
        "run `alembic -c snippets/flask/orm_migrations/alembic.ini upgrade head`",
        file=sys.stderr,
    )
    sys.exit(3)


class AsciiIntConverter(IntegerConverter):
    """<int:...> for ASCII digits only, like the Express version's /^[0-9]+$/, and at most 18 of
    them: SQLite integers stop at 2**63 - 1, and a longer id would fail in the driver, not 404."""

    regex = r"[0-9]{1,18}"


app = Flask(__name__)
app.url_map.converters["int"] = AsciiIntConverter
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024
ISBN = re.compile(r"[0-9]{13}")


def read_json_object() -> dict:
    request.get_data()  # reads at most MAX_CONTENT_LENGTH: a larger body is 413 whatever its type
    if request.mimetype != "application/json":
        abort(415, "expected a JSON body (Content-Type: application/json)")
    if request.content_encoding not in (None, "", "identity"):
        abort(415, "send the body uncompressed")  # Werkzeug does not decode Content-Encoding
    if request.mimetype_params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
        abort(415, "JSON must be UTF-8")
    data = request.get_json(silent=True)
    if data is None:
        abort(400, "malformed JSON")
    if not isinstance(data, dict):
        abort(400, "body must be a JSON object")
    return data


def book_json(book: Book) -> dict:
    return {"id": book.id, "title": book.title, "isbn": book.isbn, "author": {"id": book.author.id, "name": book.author.name}}


@app.post("/books")
def create_book():
    data = read_json_object()
    title, author_name, isbn = data.get("title"), data.get("author"), data.get("isbn")
    if not isinstance(title, str) or not 1 <= len(title.strip()) <= 200:
        abort(400, "title must be 1 to 200 characters")
    if not isinstance(author_name, str) or not 1 <= len(author_name.strip()) <= 100:
        abort(400, "author must be 1 to 100 characters")
    if isbn is not None and not (isinstance(isbn, str) and ISBN.fullmatch(isbn)):
        abort(400, "isbn must be 13 digits")
    # One session (unit of work) per request: the objects added are written in one transaction
    # at commit, and the with-block closes it whatever happens.
    with Session(engine) as db:
        author = db.scalar(select(Author).where(Author.name == author_name.strip()))
        book = Book(title=title.strip(), isbn=isbn, author=author or Author(name=author_name.strip()))
        db.add(book)
        try:
            db.commit()
        except IntegrityError:  # the unique index decides, even between two concurrent requests
            abort(409, "a book with this ISBN already exists")
        return book_json(book), 201, {"Location": url_for("get_book", book_id=book.id)}


@app.get("/books/<int:book_id>")
def get_book(book_id: int):
    with Session(engine) as db:
        book = db.get(Book, book_id)
        if book is None:
            abort(404, "book not found")
        return book_json(book)  # book.author is loaded on first access, inside the session


@app.get("/authors/<int:author_id>/books")
def author_books(author_id: int):
    with Session(engine) as db:
        author = db.get(Author, author_id)
        if author is None:
            abort(404, "author not found")
        books = [{"id": b.id, "title": b.title, "isbn": b.isbn} for b in author.books]  # the relationship
        return {"author": {"id": author.id, "name": author.name}, "books": books}


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    message = error.description if error.description != type(error).description else error.name.lower()
    response = error.get_response()
    response.data = json.dumps({"error": message})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    # From snippets/flask:  python -m orm_migrations.app
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
