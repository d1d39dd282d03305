"""Indexes for the visitors' search: a trigram index on PostgreSQL, an FTS5 trigram
table on SQLite (see ``kyanh_cms.news.search_index``).

PostgreSQL needs the ``pg_trgm`` extension, which ships with it and is a
trusted extension since PostgreSQL 13: the database's owner may create it.
"""

from django.db import migrations


def create_indexes(apps, schema_editor):
    from kyanh_cms.news import search_index

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        search_index.create_postgresql_index(connection)
    elif connection.vendor == "sqlite":
        search_index.ensure_sqlite_index(connection)


def drop_indexes(apps, schema_editor):
    from kyanh_cms.news import search_index

    search_index.drop_indexes(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("kyanh_cms", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
