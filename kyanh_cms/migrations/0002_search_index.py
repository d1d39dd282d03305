"""A trigram index for the visitors' search, on PostgreSQL only.

The search is ``search_text LIKE '%term%'`` per word (accent-insensitive:
both sides are folded). Without an index that reads and unpacks the search
text of every article; ``pg_trgm``'s GIN index finds the articles holding
every three-letter piece of the words instead, and PostgreSQL uses it for
``LIKE`` by itself, so results are the same with or without it.

``pg_trgm`` ships with PostgreSQL and is a trusted extension since
PostgreSQL 13: the database's owner may create it. On SQLite (and any other
database) this migration does nothing.
"""

from django.db import migrations

INDEX = "kyanh_cms_news_search_trgm"
TABLE = "kyanh_cms_newsarticlepage"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        installed = cursor.fetchone() is not None
    if not installed:
        try:
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as error:
            raise RuntimeError(
                "The article search needs PostgreSQL's pg_trgm extension. Create it once "
                "as the database owner (PostgreSQL 13 or later) or a superuser: "
                '"CREATE EXTENSION pg_trgm;" in this database, then migrate again.'
            ) from error
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("kyanh_cms", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
