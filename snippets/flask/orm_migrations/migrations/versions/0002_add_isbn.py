"""Add an optional, unique ISBN to books.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: existing rows have no ISBN. A unique index, not a constraint, so it can be
    # added to a table that already has rows without copying it.
    op.add_column("books", sa.Column("isbn", sa.String(13), nullable=True))
    op.create_index("books_isbn_unique", "books", ["isbn"], unique=True)


def downgrade() -> None:
    op.drop_index("books_isbn_unique", table_name="books")
    with op.batch_alter_table("books") as batch:  # SQLite: drop a column by copying the table
        batch.drop_column("isbn")
