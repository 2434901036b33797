"""The /authors part of the API, as a Blueprint the factory registers."""

from flask import Blueprint

from .books import BOOKS

bp = Blueprint("authors", __name__, url_prefix="/authors")

AUTHORS = [
    {"id": 1, "name": "Frank Herbert"},
    {"id": 2, "name": "Ursula K. Le Guin"},
]


@bp.get("")
def list_authors():
    return AUTHORS


@bp.get("/<int:author_id>/books")
def books_by_author(author_id: int):
    if not any(author["id"] == author_id for author in AUTHORS):
        return {"error": "author not found"}, 404
    return [book for book in BOOKS if book["author_id"] == author_id]
