"""Infrastructure: settings from THIDUA_* variables (settings.py), the one clock
(clock.py), the database engine and sessions (database.py), Alembic migrations
(migrations/). May import infra, models, pydantic-settings, SQLAlchemy, SQLModel, Alembic."""
