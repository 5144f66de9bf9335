"""Alembic environment: the database URL comes from bot.settings (or -x url=... / config attribute)."""

from __future__ import annotations

from alembic import context

from bot.complaints import models as complaint_models  # noqa: F401  (registers the complaint tables)
from bot.complaints.delivery import models as delivery_models  # noqa: F401  (answer deliveries)
from bot.db import (
    models,  # noqa: F401  (registers the tables)
    outbox_models,  # noqa: F401  (chat outbox table)
)
from bot.db.base import Base, make_engine
from bot.dossiers import models as dossier_models  # noqa: F401  (registers the dossier tables)
from bot.gaps import models as gap_models  # noqa: F401  (questions about procedures the catalogue lacks)
from bot.handoff import models as handoff_models  # noqa: F401  (human handoff tables)
from bot.settings import get_settings
from bot.staff import models as staff_models  # noqa: F401

config = context.config


def _url() -> str:
    return (
        config.attributes.get("url")
        or context.get_x_argument(as_dictionary=True).get("url")
        or (get_settings().database_url)
    )


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_url())
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
