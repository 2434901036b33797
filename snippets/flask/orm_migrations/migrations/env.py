"""Alembic's entry point: connect to the app's database and run the migrations."""

from logging.config import fileConfig

from alembic import context
from orm_migrations.database import engine
from orm_migrations.models import Base

if context.config.config_file_name is not None and context.config.attributes.get("configure_logger", True):
    fileConfig(context.config.config_file_name, disable_existing_loggers=False)

# Autogenerate compares the database with these tables.
target_metadata = Base.metadata

with engine.connect() as connection:
    # render_as_batch: SQLite can alter little in place, so Alembic copies the table when needed.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
