"""The engine, and the migration check the app runs at start-up."""

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event

HERE = Path(__file__).resolve().parent


def database_url() -> str:
    return f"sqlite:///{os.environ.get('DATABASE_PATH', 'library.sqlite3')}"


engine = create_engine(database_url())


@event.listens_for(engine, "connect")
def enforce_foreign_keys(connection, _record):
    # SQLite ignores REFERENCES unless each connection turns the check on.
    connection.execute("PRAGMA foreign_keys = ON")


def alembic_config() -> Config:
    return Config(str(HERE / "alembic.ini"))


def pending_migrations() -> tuple[str | None, str | None]:
    """(the database's revision, the newest revision in migrations/versions)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision(), head


def upgrade_to_head() -> None:
    command.upgrade(alembic_config(), "head")
