"""The /books part of the API, as a Blueprint the factory registers."""

from flask import Blueprint

bp = Blueprint("books", __name__, url_prefix="/books")

BOOKS = [
    {"id": 1, "title": "Dune", "author_id": 1},
    {"id": 2, "title": "The Left Hand of Darkness", "author_id": 2},
]


@bp.get("")  # "" rather than "/" so the URL is /books, without a redirect to /books/
def list_books():
    return BOOKS


@bp.get("/<int:book_id>")
def get_book(book_id: int):
    for book in BOOKS:
        if book["id"] == book_id:
            return book
    return {"error": "book not found"}, 404
