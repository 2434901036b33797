"""The tables as SQLAlchemy 2.0 classes. A change here needs a migration in migrations/versions/
(`alembic revision --autogenerate -m "..."` drafts one from the difference; review it)."""

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    books: Mapped[list["Book"]] = relationship(back_populates="author", order_by="Book.id")


class Book(Base):
    __tablename__ = "books"
    __table_args__ = (Index("books_isbn_unique", "isbn", unique=True),)  # migration 0002

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id", ondelete="CASCADE"), index=True)
    isbn: Mapped[str | None] = mapped_column(String(13))  # migration 0002
    author: Mapped[Author] = relationship(back_populates="books")
