"""Alembic migrations of the user database (the reference database is rebuilt, never migrated).

Each revision holds the DDL of its own time, so it keeps working when the models change later;
a test checks that the migrated schema equals the models' schema.
"""
