"""The database indexes behind the visitors' search, one per database.

The search itself is the same everywhere: every folded word of the query must
occur in the article's folded ``search_text`` (``search_text LIKE '%word%'``,
see ``NewsArticleQuerySet.search``). An index only finds the candidates
sooner; the ``LIKE`` conditions always decide, so results are identical with
or without one.

PostgreSQL: a ``pg_trgm`` GIN index on ``search_text`` (migration 0002), which
PostgreSQL uses for ``LIKE '%word%'`` by itself when a word has at least three
letters.

SQLite: an FTS5 table with the trigram tokenizer (SQLite 3.34 or later) that
mirrors ``search_text``, kept in step by triggers on the article table.
SQLite does not use it by itself; ``narrow`` asks it first, at most
``FTS_CANDIDATES`` rows deep. Fewer candidates than that (rare words: a
name, a place): the search reads only those articles. More (words in most
articles): walking the articles newest first finds a page's worth sooner, so
the plain plan is kept. Where the SQLite library lacks FTS5 the table is not
created and the search runs without it.

Django rebuilds an SQLite table to alter it, and the rebuild drops the
table's triggers; ``ensure_search_index`` runs after every ``migrate`` and
puts them back (and refills the index) when they are missing.
"""

from django.db import connections
from django.db.models.expressions import RawSQL

ARTICLE_TABLE = "kyanh_cms_newsarticlepage"
TRIGRAM_INDEX = "kyanh_cms_news_search_trgm"
FTS_TABLE = "kyanh_cms_news_search_fts"
#: Candidates the SQLite trigram table may return for the search to use it.
FTS_CANDIDATES = 2000

# Literal SQL (no names filled in): the FTS5 table mirrors search_text, keyed by page id.
_CREATE_FTS_TABLE = (
    "CREATE VIRTUAL TABLE kyanh_cms_news_search_fts USING fts5(search_text, "
    "content='kyanh_cms_newsarticlepage', content_rowid='page_ptr_id', tokenize='trigram')"
)
_REBUILD_FTS_TABLE = (
    "INSERT INTO kyanh_cms_news_search_fts (kyanh_cms_news_search_fts) VALUES ('rebuild')"
)
_FTS_CANDIDATES_SQL = (
    "SELECT rowid FROM kyanh_cms_news_search_fts WHERE kyanh_cms_news_search_fts MATCH %s"
)
_TRIGGERS = {
    "kyanh_cms_news_search_fts_insert": """
        CREATE TRIGGER IF NOT EXISTS kyanh_cms_news_search_fts_insert
        AFTER INSERT ON kyanh_cms_newsarticlepage BEGIN
            INSERT INTO kyanh_cms_news_search_fts (rowid, search_text)
            VALUES (new.page_ptr_id, new.search_text);
        END""",
    "kyanh_cms_news_search_fts_delete": """
        CREATE TRIGGER IF NOT EXISTS kyanh_cms_news_search_fts_delete
        AFTER DELETE ON kyanh_cms_newsarticlepage BEGIN
            INSERT INTO kyanh_cms_news_search_fts (kyanh_cms_news_search_fts, rowid, search_text)
            VALUES ('delete', old.page_ptr_id, old.search_text);
        END""",
    "kyanh_cms_news_search_fts_update": """
        CREATE TRIGGER IF NOT EXISTS kyanh_cms_news_search_fts_update
        AFTER UPDATE OF page_ptr_id, search_text ON kyanh_cms_newsarticlepage BEGIN
            INSERT INTO kyanh_cms_news_search_fts (kyanh_cms_news_search_fts, rowid, search_text)
            VALUES ('delete', old.page_ptr_id, old.search_text);
            INSERT INTO kyanh_cms_news_search_fts (rowid, search_text)
            VALUES (new.page_ptr_id, new.search_text);
        END""",
}


def _sqlite_objects(cursor, kind):
    cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
    return {name for (name,) in cursor.fetchall()}


def _sqlite_has_trigram_fts(cursor):
    try:
        cursor.execute(
            "CREATE VIRTUAL TABLE temp.kyanh_fts_probe USING fts5(x, tokenize='trigram')"
        )
    except Exception:  # no FTS5, or no trigram tokenizer (SQLite before 3.34)
        return False
    cursor.execute("DROP TABLE temp.kyanh_fts_probe")
    return True


def create_postgresql_index(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        installed = cursor.fetchone() is not None
        if not installed:
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception as error:
                raise RuntimeError(
                    "The article search needs PostgreSQL's pg_trgm extension. Create it once "
                    "as the database owner (PostgreSQL 13 or later) or a superuser: "
                    '"CREATE EXTENSION pg_trgm;" in this database, then migrate again.'
                ) from error
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} "
            "ON kyanh_cms_newsarticlepage USING gin (search_text gin_trgm_ops)"
        )


def ensure_sqlite_index(connection, create=True):
    """Create the SQLite trigram table (if ``create``) and its triggers where missing;
    refill the table when anything was missing. Returns whether the index is in use."""
    with connection.cursor() as cursor:
        tables = _sqlite_objects(cursor, "table")
        if ARTICLE_TABLE not in tables:
            return False
        repaired = False
        if FTS_TABLE not in tables:
            if not create or not _sqlite_has_trigram_fts(cursor):
                return False
            cursor.execute(_CREATE_FTS_TABLE)
            repaired = True
        missing = set(_TRIGGERS) - _sqlite_objects(cursor, "trigger")
        for name in sorted(missing):
            cursor.execute(_TRIGGERS[name])
        if repaired or missing:
            cursor.execute(_REBUILD_FTS_TABLE)
    connection.kyanh_search_fts = None  # look again on the next search
    return True


def drop_indexes(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS kyanh_cms_news_search_fts_insert")
            cursor.execute("DROP TRIGGER IF EXISTS kyanh_cms_news_search_fts_delete")
            cursor.execute("DROP TRIGGER IF EXISTS kyanh_cms_news_search_fts_update")
            cursor.execute("DROP TABLE IF EXISTS kyanh_cms_news_search_fts")
    connection.kyanh_search_fts = None


def repair_after_migrate(using="default", **kwargs):
    """``post_migrate`` receiver: triggers dropped by a table rebuild come back."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        ensure_sqlite_index(connection, create=False)


def _sqlite_fts_available(connection):
    found = getattr(connection, "kyanh_search_fts", None)
    if found is None:
        with connection.cursor() as cursor:
            found = FTS_TABLE in _sqlite_objects(cursor, "table")
        connection.kyanh_search_fts = found
    return found


def fts_expression(terms):
    """An FTS5 query for the words of three letters or more, each a quoted substring."""
    long_terms = [term for term in terms if len(term) >= 3]
    return " AND ".join('"{}"'.format(term.replace('"', '""')) for term in long_terms)


def narrow(queryset, terms):
    """``queryset`` (already holding the ``LIKE`` condition of every term) limited to the
    SQLite trigram table's candidates, when there are few of them (see the module doc)."""
    connection = connections[queryset.db]
    if connection.vendor != "sqlite" or not _sqlite_fts_available(connection):
        return queryset
    expression = fts_expression(terms)
    if not expression:
        return queryset
    with connection.cursor() as cursor:
        cursor.execute(_FTS_CANDIDATES_SQL + " LIMIT %s", [expression, FTS_CANDIDATES + 1])
        if len(cursor.fetchall()) > FTS_CANDIDATES:
            return queryset
    # Constant SQL; the visitor's words travel as a parameter.
    return queryset.filter(pk__in=RawSQL(_FTS_CANDIDATES_SQL, [expression]))  # noqa: S611
