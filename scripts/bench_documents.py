"""The document library with 20,000 documents, served as ``make bench`` serves the portal.

Builds its own data set on PostgreSQL (``DATABASE_URL``, through
``scripts/with_postgres.py``): the demo town's site and document library, then
``--documents`` more documents written in bulk (pages, then their document rows
and a few hundred replacements), analysed. Serves the example site with
gunicorn exactly as ``scripts/bench.py`` does (its ``Server``, settings
``kyanh_example.settings.bench``, Redis through ``scripts/with_redis.py``) and
measures the library page three ways — the plain table, a number typed without
accents ("qd ubnd 125"), filters plus a keyword plus a status:

- **warm**: wrk for ``--duration`` seconds after every worker has answered;
  req/s, p50 and p99, and the SQL queries of one warm request.
- **cold**: the first request after a publish (this process publishes a
  revision of a random document, then times one request); the median and the
  worst of ``--cold-rounds`` rounds.

    python scripts/with_postgres.py python scripts/with_redis.py \\
        python scripts/bench_documents.py [--documents 20000] [--duration 5]
"""

import argparse
import datetime
import io
import os
import random
import shutil
import statistics
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402 - the portal benchmark's helpers (server, wrk, database)

TARGET_COLD_MS = 120
WORDS = (
    "quy chế quản lý đất đai xây dựng giao thông nông thôn giáo dục y tế ngân sách thủy sản "
    "phòng chống thiên tai cứu nạn an toàn thực phẩm môi trường chuyển đổi số dịch vụ công "
    "trực tuyến khu dân cư nhà văn hóa tổ dân phố thôn hộ nghèo lao động việc làm"
).split()


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--cold-rounds", type=int, default=9)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also time each SQL query of one cold library page in this process",
    )
    return parser.parse_args()


def prepare(postgres_url, count):
    database_url = bench.scale_database_url(postgres_url, f"documents_{count}")
    bench.recreate_database(postgres_url, database_url)
    bench.RUN_DIR = bench.BENCH_DIR / "run-documents"
    shutil.rmtree(bench.RUN_DIR, ignore_errors=True)
    media = bench.RUN_DIR / "media"
    media.mkdir(parents=True)
    env = bench.django_environment(database_url, media, cache="redis")
    bench.manage(env, "migrate", "--noinput")
    bench.manage(env, "collectstatic", "--noinput")
    return env


def build(count):
    """The demo site and library, then ``count`` documents written in bulk."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from kyanh_cms.demo import documents as demo_documents
    from kyanh_cms.demo import site as demo_site
    from kyanh_cms.documents.choices import RelationKind
    from kyanh_cms.documents.numbers import number_key, search_text
    from kyanh_cms.models import (
        DocumentField,
        DocumentKind,
        DocumentLibraryPage,
        DocumentRelation,
        IssuingBody,
        LegalDocumentPage,
    )

    quiet = io.StringIO()
    demo_site.seed(quiet)
    demo_documents.seed(quiet)
    library = DocumentLibraryPage.objects.get()
    kinds = [kind for kind in DocumentKind.objects.all() if kind.abbreviation]
    issuers = list(IssuingBody.objects.all())
    fields = list(DocumentField.objects.all())
    rng = random.Random(42)  # noqa: S311 - a reproducible data set, not a secret
    today = datetime.date.today()
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    start = library.numchild + 1
    pages, documents = [], []
    for n in range(count):
        kind, issuer = kinds[n % len(kinds)], issuers[n % len(issuers)]
        issued = today - datetime.timedelta(days=rng.randrange(0, 12 * 365))
        number = f"{n + 1000}/{kind.abbreviation}-{issuer.abbreviation.split()[0]}"
        abstract = "Về việc " + " ".join(rng.sample(WORDS, 9))
        title = f"{kind.name} số {number}"
        slug = f"van-ban-{n + 1000}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=Page._get_path(library.path, library.depth + 1, start + n),
                depth=library.depth + 1,
                numchild=0,
                url_path=f"{library.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=library.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
        expiry = issued + datetime.timedelta(days=rng.randrange(200, 3000)) if n % 7 == 0 else None
        documents.append(
            LegalDocumentPage(
                kind=kind,
                number_symbol=number,
                issuer=issuer,
                field=fields[n % len(fields)],
                signer="Nguyễn Văn Hòa",
                signer_position="Chủ tịch",
                issue_date=issued,
                expiry_date=expiry,
                abstract=abstract,
                issue_year=issued.year,
                number_key=number_key(number),
                search_text=search_text(number, kind.name, issuer.name, title, abstract),
            )
        )
    columns = list(LegalDocumentPage._meta.local_concrete_fields)
    # Names from the model's own metadata, values as parameters: nothing typed by anyone.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        LegalDocumentPage._meta.db_table,
        ", ".join(connection.ops.quote_name(field.column) for field in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with transaction.atomic():
        created = Page.objects.bulk_create(pages, batch_size=2000)
        for page, document in zip(created, documents, strict=True):
            document.page_ptr_id = page.pk
        rows = [
            [
                field.get_db_prep_save(getattr(document, field.attname), connection)
                for field in columns
            ]
            for document in documents
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        Page.objects.filter(pk=library.pk).update(numchild=library.numchild + count)
        ids = [page.pk for page in created]
        DocumentRelation.objects.bulk_create(
            DocumentRelation(document_id=newer, target_id=older, kind=RelationKind.REPLACES)
            for newer, older in zip(ids[1:600:2], ids[0:600:2], strict=False)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return library


def publish_random_document():
    from kyanh_cms.models import LegalDocumentPage

    ids = list(LegalDocumentPage.objects.values_list("pk", flat=True)[:5000])
    page = LegalDocumentPage.objects.get(pk=random.choice(ids))  # noqa: S311
    page.save_revision().publish()


def profile(urls):
    """Each query of one cold request per URL, slowest first (Django's test client in
    this process, after a publish)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for label, url in urls.items():
        publish_random_document()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(url, HTTP_HOST="127.0.0.1")
            total = (time.perf_counter() - started) * 1000
        sql = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
        print(
            f"\n{label}: {total:.0f} ms, {len(sql)} queries, "
            f"{sum(float(q['time']) for q in sql) * 1000:.0f} ms of SQL"
        )
        for query in sql[:6]:
            print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")


def main():
    options = parse_options()
    postgres_url = os.environ.get("DATABASE_URL", "")
    if not postgres_url.startswith("postgres") or not os.environ.get("REDIS_URL"):
        print("Run me through scripts/with_postgres.py and scripts/with_redis.py.", file=sys.stderr)
        return 2
    started = time.monotonic()
    env = prepare(postgres_url, options.documents)
    bench.setup_django(env)
    library = build(options.documents)
    bench.clear_cache()
    print(
        f"{options.documents} documents written in {time.monotonic() - started:.0f} s.", flush=True
    )
    from kyanh_cms.models import DocumentKind

    kind = DocumentKind.objects.get(name="Quyết định")
    path = library.get_url()
    urls = {
        "library": path,
        "number without accents": path + "?" + urllib.parse.urlencode({"q": "qd ubnd 1125"}),
        "filters + keyword + status": path
        + "?"
        + urllib.parse.urlencode(
            {
                "kind": kind.pk,
                "year": datetime.date.today().year - 2,
                "status": "in_force",
                "q": "dat dai",
            }
        ),
    }
    if options.profile:
        profile(urls)
    rows = []
    with bench.Server(env) as server:
        for label, url in urls.items():
            seconds, status, headers, _content = bench.warm_up(server.base + url, bench.WORKERS)
            if status != 200:
                raise SystemExit(f"{url} answered {status}")
            result, _output = bench.run_wrk(server.base + url, options.duration)
            cold = []
            for _round in range(options.cold_rounds):
                publish_random_document()
                seconds, status, _headers, _content = bench.request(server.base + url)
                cold.append(seconds * 1000)
            rows.append((label, result, headers.get("X-Kyanh-Queries", "?"), cold))
    print()
    print(
        f"Document library, {options.documents} documents, PostgreSQL + Redis, "
        f"{bench.WORKERS} gunicorn workers, wrk -t{bench.THREADS} -c{bench.CONNECTIONS}"
    )
    print(
        f"{'page':30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8} "
        f"{'cold ms':>8} {'worst':>8}"
    )
    for label, result, queries, cold in rows:
        print(
            f"{label:30} {result['rps'] or 0:8.0f} {result['p50'] or 0:8.1f} "
            f"{result['p99'] or 0:8.1f} {queries:>8} {statistics.median(cold):8.1f} "
            f"{max(cold):8.1f}"
        )
    worst = max(statistics.median(cold) for _label, _result, _queries, cold in rows)
    mark = "✓" if worst <= TARGET_COLD_MS else "✗"
    print(
        f"\nTarget: cold ≤ {TARGET_COLD_MS} ms (median, filters and keyword included): "
        f"{worst:.1f} ms {mark}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
