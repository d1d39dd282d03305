"""``make bench``: the portal at scale, served as portals run it, driven by wrk.

Builds (or restores from ``.bench/``) the portal-scale data set of
``scripts/bench_data.py`` — the town's site with 10,000 articles and 70 commune
sites beside it — serves the example site with gunicorn (2 sync workers,
``kyanh_example.settings.bench``: DEBUG off, cached templates, persistent
connections, Redis as the default cache) on 127.0.0.1, and measures these
**scenarios** (``--scenarios``, comma-separated):

``warm``
    Each row (trivial view, home, listing, last listing page, article, search,
    showcase index, task plans, beacon, rating POST, comment POST) on a fresh
    gunicorn: a 1 s wrk warm-up, then ``--runs`` wrk runs of ``--duration``
    seconds (median run shown).
``raw``
    The article and the home page with fragment and content caching off
    (``FRAGMENT_CACHE_SECONDS`` = ``CONTENT_CACHE_SECONDS`` = 0 for the server):
    every request draws the page in full.
``cold``
    The first request after a publish, for the article, listing, search and
    home page: this process publishes a revision of a random article through
    Django (same database, same Redis), then times one request; median of
    ``--cold-rounds`` rounds, each page after its own publish. At ``--scale``;
    ``--cold-scales 1000,10000,50000`` adds other data sets (each built once,
    measured in a child process on its own database).
``churn``
    wrk on the article and on the home page while a thread of this process
    publishes a revision of a random article every ``CHURN_INTERVAL`` seconds;
    runs of ``--phase-seconds`` alternate steady and churning on one server.
    Reports throughput against steady, p99, and the editor's wait per publish
    (``save_revision().publish()``).
``multisite``
    wrk over the home page, category and articles of ``MEASURED_COMMUNES``
    commune sites (a Lua script rotating the ``Host`` header), alternating
    runs without and with a publish every second in a random *other* commune:
    what one commune's publishing costs the others.
``flags`` (not in the default)
    gunicorn's flags by measurement: the trivial view and the article with and
    without worker recycling (``--max-requests``, ``--max-requests-jitter``),
    with ``--preload`` and with a third worker (docs/production.md).

Every row gives req/s, p50/p99 latency, the CPU time per request of all server
processes (gunicorn master and workers, the PostgreSQL server's processes,
redis-server; ``utime + stime`` from ``/proc``, children already ended
included, read before and after each wrk run and divided by its requests —
steadier than req/s on a shared machine), SQL queries of one warm request
(the bench-only ``X-Kyanh-Queries`` header) and the workers' RSS and PSS
(``/proc/<pid>/smaps_rollup``, the larger of the workers), each also as a
ratio to the trivial view (``/kyanh/health/live/``, the ceiling) of the same run.
Then the targets, each with ✓ or ✗ (a benchmark, not a test: it never fails
on a missed target).

Options:

``--scenarios``   which scenarios (default ``warm,raw,cold,churn,multisite``)
``--scale``       articles of the town's site in the data set (default 10000;
                  ``make bench SCALE=50000``)
``--cold-scales`` data sets the cold scenario measures (default: ``--scale``)
``--cache``       ``redis`` (default; needs ``REDIS_URL``, which ``make bench``
                  sets through ``scripts/with_redis.py``) or ``locmem`` (each
                  worker its own memory cache: ``make bench CACHE=locmem``; cold,
                  churn and multisite need a shared cache and are skipped)
``--page-cache``  the optional full-page cache on (``make bench PAGE_CACHE=1``)
``--duration``    seconds per wrk run of the warm, raw and flags rows (default 5)
``--runs``        wrk runs per row (default 3)
``--phase-seconds`` seconds per run of the churn and multisite scenarios (default 10)
``--cold-rounds`` publishes per page in the cold scenario (default 5)
``--only``        rows of warm and raw (names, comma-separated; the ceiling always)
``--workers``     gunicorn workers (default 2)
``--stale-ok``    reuse the newest kept data set of the scale when the generator,
                  the demo or the migrations changed since it was built (quick
                  comparisons while those files are being edited; migrate still runs)

``BENCH_CONNECTIONS``/``BENCH_THREADS`` change wrk's load (default -c8 -t2).
The database runs on SQLite unless ``DATABASE_URL`` is set (``make bench
DB=postgres`` runs this under ``scripts/with_postgres.py``); on PostgreSQL each
scale has its own database (``kyanh_bench_<scale>``) on that server.

The generated database is kept in ``.bench/<data-set key>-<scale>/`` (a SQLite
file, a ``pg_dump`` archive and the original images); the key changes with the
generator, the demo content and the migrations, so a stale copy is never
reused. Each run works on a copy, so POSTs and publishes never change the kept
one. The tables go to ``.bench/results-<database>-<cache>-<scale>[-<scenarios>].md``
(the scenarios named when they are not the default ones), the figures to the
``.json`` beside it.
"""

import argparse
import hashlib
import itertools
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = REPO / "example_site"
BENCH_DIR = REPO / ".bench"
#: The run's working folder (database copy, media, static files, wrk scripts); per scale.
RUN_DIR = BENCH_DIR / "run"
WORKERS = 2
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) kyanh-bench"
#: A page slower than this for one warm request is not driven by wrk (it would only
#: time out); its row shows the single request's time and the rate it implies.
SLOW_REQUEST_SECONDS = 2.0
#: Set by the bench middleware: which gunicorn worker (process id) answered.
WORKER_HEADER = "X-Kyanh-Worker"
#: Bumped whenever the data set's shape changes in a way the file hashes do not show.
DATASET_VERSION = "2"
DEFAULT_SCALE = 10_000
CAPTCHA_ANSWER = "kyan"
CHALLENGES_PER_THREAD = 4000
DEFAULT_SCENARIOS = ("warm", "raw", "cold", "churn", "multisite")
ALL_SCENARIOS = (*DEFAULT_SCENARIOS, "flags")
#: Scenarios whose publishes other workers must see: they need a shared cache.
SHARED_CACHE_SCENARIOS = {"cold", "churn", "multisite"}
#: Seconds between two publishes while wrk runs on the article or home page.
CHURN_INTERVAL = 5.0
#: Seconds between two publishes in other communes during the multi-site runs.
MULTISITE_INTERVAL = 1.0
#: Commune sites whose pages the multi-site wrk reads (the others are published to).
MEASURED_COMMUNES = 10
#: gunicorn flag sets of the ``flags`` scenario: (label, workers, extra arguments).
FLAG_SETS = [
    ("no recycling", 2, []),
    ("--max-requests 2000 --max-requests-jitter 200", 2, ["--max-requests", "2000",
                                                          "--max-requests-jitter", "200"]),
    ("--max-requests 2000 --max-requests-jitter 200 --preload", 2,
     ["--max-requests", "2000", "--max-requests-jitter", "200", "--preload"]),
    ("--max-requests 50000 --max-requests-jitter 5000", 2,
     ["--max-requests", "50000", "--max-requests-jitter", "5000"]),
    ("--preload, no recycling", 2, ["--preload"]),
    ("3 workers, no recycling", 3, []),
]  # fmt: skip

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_data  # noqa: E402

# --- the data set ------------------------------------------------------------------------------


def dataset_key(scale=DEFAULT_SCALE):
    digest = hashlib.sha256(DATASET_VERSION.encode())
    sources = [Path(bench_data.__file__)]
    sources += sorted((REPO / "kyanh_cms" / "migrations").glob("*.py"))
    sources += sorted((REPO / "kyanh_cms" / "demo").glob("*.py"))
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return f"{digest.hexdigest()[:12]}-{scale}"


def django_environment(
    database_url, media_root, *, cache="redis", page_cache=False, raw=False, scale=DEFAULT_SCALE
):
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="kyanh_example.settings.bench",
        DATABASE_URL=database_url,
        KYANH_MEDIA_ROOT=str(media_root),
        KYANH_BENCH_STATIC_ROOT=str(RUN_DIR / "static"),
        KYANH_BENCH_CACHE=cache,
        KYANH_BENCH_PAGE_CACHE="1" if page_cache else "0",
        KYANH_BENCH_RAW="1" if raw else "0",
        KYANH_BENCH_ARTICLES=str(scale),
        PYTHONPATH=str(EXAMPLE_SITE),
    )


def run_python(env, *args, quiet=False):
    subprocess.run(
        [sys.executable, *args],
        env=env,
        check=True,
        cwd=str(RUN_DIR),
        stdout=subprocess.DEVNULL if quiet else None,
    )


def manage(env, *args):
    run_python(env, str(EXAMPLE_SITE / "manage.py"), *args, quiet=True)


def pg_tool(name):
    """``pg_dump``/``pg_restore`` of the server's major version (PostgreSQL 15 here)."""
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PostgreSQL's client programs.")
    return found


def scale_database_url(postgres_url, scale):
    """The database of one data set on the server of ``postgres_url``."""
    parts = urllib.parse.urlsplit(postgres_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/kyanh_bench_{scale}"))


def recreate_database(postgres_url, database_url):
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    for statement in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(
            [pg_tool("psql"), "-q", "-c", statement, postgres_url],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def newest_kept(scale, postgres):
    """The newest complete data set of ``scale`` articles kept in ``.bench/``, whatever
    its key (``--stale-ok``), or ``None``."""
    wanted = "portal.pgdump" if postgres else "portal.sqlite3"
    kept = [path for path in BENCH_DIR.glob(f"*-{scale}") if (path / wanted).exists()]
    return max(kept, key=lambda path: (path / wanted).stat().st_mtime, default=None)


def prepare_database(postgres_url, scale=DEFAULT_SCALE, stale_ok=False):
    """The run's database (a fresh copy of the kept data set of ``scale`` articles) and
    its media folder. ``stale_ok``: an older data set of that scale rather than a new
    build when the generator, the demo or the migrations changed (migrate still brings
    its tables up to date)."""
    key = dataset_key(scale)
    kept = BENCH_DIR / key
    older = newest_kept(scale, postgres_url is not None) if stale_ok else None
    if older is not None and older != kept:
        print(f"Data set {key} not built; using the older {older.name} (--stale-ok).")
        key, kept = older.name, older
    kept_media = kept / "media"
    kept.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(RUN_DIR, ignore_errors=True)
    RUN_DIR.mkdir(parents=True)
    run_media = RUN_DIR / "media"
    started = time.monotonic()
    # The generator draws pages once in its own process: its cache is its own.
    generate = {"cache": "locmem", "scale": scale}
    if postgres_url is None:
        kept_db = kept / "portal.sqlite3"
        if not kept_db.exists():
            print(f"Generating the data set on SQLite (kept in {kept})…", flush=True)
            partial = kept / "portal.sqlite3.partial"
            partial.unlink(missing_ok=True)
            env = django_environment(f"sqlite:///{partial}", kept_media, **generate)
            run_python(env, str(Path(bench_data.__file__)))
            partial.rename(kept_db)
        else:
            print(f"Data set {key}: restoring the kept SQLite copy.", flush=True)
        run_db = RUN_DIR / "portal.sqlite3"
        shutil.copyfile(kept_db, run_db)
        database_url = f"sqlite:///{run_db}"
    else:
        dump = kept / "portal.pgdump"
        database_url = scale_database_url(postgres_url, scale)
        recreate_database(postgres_url, database_url)
        if not dump.exists():
            print(f"Generating the data set on PostgreSQL (kept in {kept})…", flush=True)
            env = django_environment(database_url, kept_media, **generate)
            run_python(env, str(Path(bench_data.__file__)))
            partial = kept / "portal.pgdump.partial"
            subprocess.run(
                [pg_tool("pg_dump"), "-Fc", "--no-owner", "-f", str(partial), database_url],
                check=True,
            )
            partial.rename(dump)
        else:
            print(f"Data set {key}: restoring the kept PostgreSQL dump.", flush=True)
            subprocess.run(
                [
                    pg_tool("pg_restore"),
                    "--no-owner",
                    "--no-privileges",
                    "--jobs=2",
                    "-d",
                    database_url,
                    str(dump),
                ],
                check=True,
            )
            subprocess.run(
                ["psql", "-q", "-c", "ANALYZE", database_url], check=True, stdout=subprocess.DEVNULL
            )
    shutil.copytree(kept_media, run_media)
    env = django_environment(database_url, run_media, **generate)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    print(f"Database ready in {time.monotonic() - started:.0f} s.", flush=True)
    return database_url, run_media


# --- talking to Django in this process ------------------------------------------------------------


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(EXAMPLE_SITE))
    import django

    django.setup()


def fresh_connection():
    from django.db import connection

    connection.close()


def targets_from_database():
    """The URLs and ids the table measures, looked up in the data set."""
    from wagtail.models import Site

    from kyanh_cms.models import (
        NewsArticlePage,
        NewsIndexPage,
        ShowcaseIndexPage,
        ShowcasePage,
        TaskPlanIndexPage,
    )
    from kyanh_cms.news.models import LISTING_PAGE_SIZE

    site = Site.objects.get(is_default_site=True)

    def town(model):
        """Pages of ``model`` on the town's site (the default one), not a commune's."""
        return model.objects.descendant_of(site.root_page)

    article = NewsArticlePage.objects.get(slug=bench_data.BENCH_ARTICLE_SLUG)
    news = NewsIndexPage.objects.child_of(site.root_page).order_by("path").first()
    total = NewsArticlePage.objects.live().descendant_of(news).count()
    last_page = max(1, -(-total // LISTING_PAGE_SIZE))
    listing = news.get_url_parts()[2]
    return {
        "home": site.root_page.specific.get_url_parts()[2],
        "article": article.get_url_parts()[2],
        "article_id": article.pk,
        "listing": listing,
        "listing_last": f"{listing}?page={last_page}",
        "listing_total": total,
        "search": "/tim-kiem/?" + urllib.parse.urlencode({"q": bench_data.BENCH_SEARCH_QUERY}),
        "showcases": town(ShowcaseIndexPage).first().get_url_parts()[2],
        "task_plans": town(TaskPlanIndexPage).first().get_url_parts()[2],
        # Profiled only (scripts/bench_profile.py), not driven by wrk.
        "showcase": town(ShowcasePage).live().order_by("path").first().get_url_parts()[2],
        "feed": f"{listing}rss/",
        "sitemap": "/sitemap.xml?p=1",
        "download": article.get_url_parts()[2] + "tai-ve/",
        "engagement": f"/kyanh/engagement/{article.pk}/",
    }


def commune_pages():
    """``[(hostname, [paths])]`` of the commune sites: home page, category, articles."""
    from wagtail.models import Page, Site

    found = []
    suffix = bench_data.COMMUNE_HOSTNAME.split("}", 1)[1]
    sites = Site.objects.filter(hostname__endswith=suffix).select_related("root_page")
    for site in sorted(sites, key=lambda site: site.hostname):
        root = site.root_page
        below = (
            Page.objects.live()
            .descendant_of(root)
            .order_by("path")
            .values_list("url_path", flat=True)
        )
        found.append((site.hostname, ["/", *(path[len(root.url_path) - 1 :] for path in below)]))
    return found


def article_ids(site_roots):
    """Ids of the live articles below any of the pages ``site_roots``."""
    from django.db.models import Q

    from kyanh_cms.models import NewsArticlePage

    condition = Q()
    for root in site_roots:
        condition |= Q(path__startswith=root.path)
    return list(NewsArticlePage.objects.live().filter(condition).values_list("pk", flat=True))


def main_site_article_ids():
    from wagtail.models import Site

    return article_ids([Site.objects.get(is_default_site=True).root_page])


def commune_article_ids(hostnames):
    from wagtail.models import Site

    sites = Site.objects.filter(hostname__in=hostnames).select_related("root_page")
    return article_ids([site.root_page for site in sites])


def counted_views():
    from kyanh_cms.models import DailySiteVisits

    fresh_connection()
    return sum(DailySiteVisits.objects.values_list("views", flat=True))


def store_challenges(prefix, threads, per_thread, binding):
    """Captcha challenges with a known answer, one per comment wrk will post: their keys,
    a list per thread.

    The comment POST is measured on the real path: the captcha is checked
    (and spent) in the database, not switched to a test mode. Each key is bound to
    the CSRF secret the posts carry, as a visitor's are (``captcha.bound_key``).
    """
    from captcha.models import CaptchaStore
    from django.utils import timezone

    from kyanh_cms.engagement.captcha import NONCE_HEX, bound_key

    fresh_connection()
    expiration = timezone.now() + timezone.timedelta(hours=2)
    CaptchaStore.objects.filter(hashkey__startswith=prefix).delete()
    keys = [
        [
            bound_key(f"{prefix}{thread:02x}{number:06x}".rjust(NONCE_HEX, "0"), binding)
            for number in range(1, per_thread + 1)
        ]
        for thread in range(threads)
    ]
    CaptchaStore.objects.bulk_create(
        [
            CaptchaStore(
                hashkey=key,
                challenge=CAPTCHA_ANSWER.upper(),
                response=CAPTCHA_ANSWER,
                expiration=expiration,
            )
            for thread_keys in keys
            for key in thread_keys
        ],
        batch_size=2000,
    )
    return keys


def spent_challenges(prefix):
    from captcha.models import CaptchaStore

    fresh_connection()
    return CaptchaStore.objects.filter(hashkey__startswith=prefix).count()


def publish_article(page_id):
    """An editor's publish of a new revision of article ``page_id`` (its lead changed):
    the seconds ``save_revision().publish()`` took, what the editor waits for."""
    from kyanh_cms.models import NewsArticlePage

    page = NewsArticlePage.objects.get(pk=page_id)
    marker = " (cập nhật)"
    page.lead = page.lead.removesuffix(marker) if page.lead.endswith(marker) else page.lead + marker
    started = time.perf_counter()
    page.save_revision().publish()
    return time.perf_counter() - started


class Publisher(threading.Thread):
    """Publishes a random article of ``page_ids`` every ``interval`` seconds (the first
    after ``interval / 2``) until stopped; keeps each publish's duration."""

    def __init__(self, page_ids, interval, seed):
        super().__init__(daemon=True)
        self.page_ids = page_ids
        self.interval = interval
        self.rng = random.Random(seed)  # noqa: S311 - which article, not a secret
        self.stopping = threading.Event()
        self.seconds = []
        self.failures = []

    def run(self):
        from django.db import connection

        next_at = time.monotonic() + self.interval / 2
        try:
            while not self.stopping.wait(max(0.0, next_at - time.monotonic())):
                try:
                    self.seconds.append(publish_article(self.rng.choice(self.page_ids)))
                except Exception as error:  # noqa: BLE001 - reported with the row
                    self.failures.append(repr(error))
                next_at += self.interval
        finally:
            connection.close()

    def stop(self):
        self.stopping.set()
        self.join(timeout=60)


def clear_cache():
    from django.core.cache import cache

    cache.clear()


# --- processes: CPU time and memory ----------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def children(pid):
    try:
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except OSError:
        return []


def own_and_ended_children_seconds(pid):
    """``utime + stime`` of ``pid`` and of its children that have ended (``cutime +
    cstime``: a recycled worker, a closed database connection)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(value) for value in fields[11:15]) / CLOCK_TICKS


def tree_seconds(root):
    """CPU seconds of process ``root`` and its children, those already ended included."""
    if root is None:
        return 0.0
    return own_and_ended_children_seconds(root) + sum(
        own_and_ended_children_seconds(child) for child in children(root)
    )


def processes():
    """``(pid, [arguments])`` of every process on the machine."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                yield int(entry.name), (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue


def database_process():
    """The postmaster serving ``DATABASE_URL`` (its children are the backends, the WAL
    writer…; other PostgreSQL servers on the machine are left out); ``None`` on SQLite,
    whose work is done inside the workers."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    port = str(urllib.parse.urlsplit(url).port).encode()
    for pid, arguments in processes():
        # The postmaster keeps its command line (``postgres -D … -p PORT``); its
        # children rename themselves ("postgres: kyanh kyanh_bench_10000 …").
        if arguments[0].endswith(b"postgres") and port in arguments:
            return pid
    return None


def cache_process():
    """The redis-server at ``REDIS_URL`` when the bench runs with Redis."""
    url = os.environ.get("REDIS_URL", "")
    if os.environ.get("KYANH_BENCH_CACHE") != "redis" or not url:
        return None
    address = f":{urllib.parse.urlsplit(url).port}".encode()
    for pid, arguments in processes():
        # redis-server names itself "redis-server 127.0.0.1:PORT".
        if arguments[0].startswith(b"redis-server") and arguments[0].endswith(address):
            return pid
        if Path(arguments[0].decode(errors="replace")).name == "redis-server" and (
            address[1:] in arguments
        ):
            return pid
    return None


class ServerCPU:
    """CPU seconds used by the server's processes: gunicorn (master and workers), the
    database server, the cache server."""

    def __init__(self, server):
        self.roots = {
            "workers": server.process.pid,
            "database": database_process(),
            "cache": cache_process(),
        }

    def snapshot(self):
        return {name: tree_seconds(root) for name, root in self.roots.items()}

    @staticmethod
    def per_request(before, after, requests):
        """``{part: µs per request}`` and ``total``."""
        used = {name: (after[name] - before[name]) / max(requests, 1) * 1e6 for name in before}
        used["total"] = sum(used.values())
        return used


def memory_of(pid):
    """``(rss, pss)`` of ``pid`` in MB (``/proc/<pid>/smaps_rollup``)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None, None
    values = dict(re.findall(r"^(Rss|Pss):\s+(\d+) kB", text, re.MULTILINE))
    return int(values.get("Rss", 0)) / 1024, int(values.get("Pss", 0)) / 1024


# --- the server and wrk ----------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn (sync workers) on a free loopback port, stopped on exit."""

    def __init__(self, env, workers=None, arguments=()):
        self.env = env
        self.workers = workers or WORKERS
        self.arguments = list(arguments)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "kyanh_example.wsgi:application",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "300",
                "--log-level",
                "warning",
                *self.arguments,
            ],
            env=self.env,
            cwd=str(EXAMPLE_SITE),
        )
        for _attempt in range(600):
            try:
                urllib.request.urlopen(self.base + "/kyanh/health/live/", timeout=2).read()  # noqa: S310
                if len(self.worker_pids()) >= self.workers:
                    self.cpu = ServerCPU(self)
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.process.terminate()
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def worker_pids(self):
        return children(self.process.pid)

    def peak_rss_mb(self):
        """The largest ``VmHWM`` (peak resident set) of the workers, in MB."""
        peaks = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return max(peaks) if peaks else None

    def memory(self):
        """``(rss, pss)`` in MB, each the largest of the workers."""
        found = [memory_of(pid) for pid in self.worker_pids()]
        found = [pair for pair in found if pair[0] is not None]
        if not found:
            return None, None
        return max(rss for rss, _pss in found), max(pss for _rss, pss in found)


def parse_wrk(output):
    def number(pattern, cast=float, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        return cast(match.group(1)) if match else default

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    timeouts = re.search(r"Socket errors:.*timeout (\d+)", output)
    return {
        "rps": number(r"^Requests/sec:\s+([\d.]+)"),
        "requests": number(r"^\s+(\d+) requests in", int),
        "non_2xx": number(r"Non-2xx or 3xx responses:\s+(\d+)", int, 0),
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
        "socket_errors": "Socket errors" in output,
        "p50": latency("50"),
        "p99": latency("99"),
    }


def run_wrk(url, duration, script=None):
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{duration}s",
        "--timeout",
        "30s",
        "--latency",
    ]
    command += ["-s", str(script)] if script else ["-H", f"User-Agent: {USER_AGENT}"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    return parse_wrk(output), output


def redis_commands():
    """Commands the bench's Redis has processed so far (``None`` without Redis)."""
    if os.environ.get("KYANH_BENCH_CACHE") != "redis" or not os.environ.get("REDIS_URL"):
        return None
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    try:
        return client.info("stats")["total_commands_processed"]
    finally:
        client.close()


def measured_wrk(server, url, duration, script=None):
    """``run_wrk`` plus the CPU time per request of every server process (``cpu``) and
    the Redis commands per request (``redis``)."""
    before, commands = server.cpu.snapshot(), redis_commands()
    result, output = run_wrk(url, duration, script)
    requests = result["requests"] or 0
    result["cpu"] = ServerCPU.per_request(before, server.cpu.snapshot(), requests)
    if commands is not None:
        # Less the two INFO commands of this measurement.
        result["redis"] = (redis_commands() - commands - 1) / max(requests, 1)
    return result, output


def request(url, data=None, headers=None):
    """One request with urllib: (seconds, status, headers, body)."""
    headers = {"User-Agent": USER_AGENT, **(headers or {})}
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    started = time.perf_counter()
    try:
        outgoing = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310
        with urllib.request.urlopen(outgoing, timeout=300) as response:  # noqa: S310 - loopback
            content = response.read()
            status, answer = response.status, response.headers
    except urllib.error.HTTPError as error:
        content, status, answer = error.read(), error.code, error.headers
    return time.perf_counter() - started, status, answer, content


def warm_up(url, workers, headers=None):
    """Requests until every worker has answered twice (each fills its own memos on its
    first request); the last answer."""
    answered = Counter()
    for _attempt in range(8 * workers):
        seconds, status, answer, content = request(url, headers=headers)
        answered[answer.get(WORKER_HEADER)] += 1
        if status >= 400 or (len(answered) >= workers and min(answered.values()) >= 2):
            break
    return seconds, status, answer, content


# --- what is measured ------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    label: str
    path: str
    method: str = "GET"
    form: dict | None = None
    headers: dict = field(default_factory=dict)
    lua: str | None = None


@dataclass
class Row:
    name: str
    label: str
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    cpu: dict | None = None
    queries: str = "?"
    redis: float | None = None
    rss: float | None = None
    pss: float | None = None
    peak_rss: float | None = None
    note: str = ""
    estimated: bool = False
    runs: list = field(default_factory=list)


def lua_table(rows):
    """A Lua table literal of lists of strings."""
    return "{" + ",".join("{" + ",".join(json.dumps(v) for v in row) + "}" for row in rows) + "}"


def lua_post(path, headers, body_template, per_thread_keys=False):
    """A wrk script posting ``body_template`` (``{key}`` becomes a per-request captcha key)."""
    header_lines = "".join(f"  [{json.dumps(k)}] = {json.dumps(v)},\n" for k, v in headers.items())
    # KEYS_TABLE becomes each run's keys, a list per thread (``store_challenges``).
    key = "keys[tid + 1][n]" if per_thread_keys else '""'
    return (
        ("local keys = KEYS_TABLE\n" if per_thread_keys else "") + "local counter = 0\n"
        "function setup(thread)\n"
        "  thread:set('tid', counter)\n"
        "  counter = counter + 1\n"
        "end\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        f"  local key = {key}\n"
        f"  local body = string.gsub({json.dumps(body_template)}, '{{key}}', key)\n"
        f"  return wrk.format('POST', {json.dumps(path)}, {{\n{header_lines}  }}, body)\n"
        "end\n"
    )


def lua_rotating_hosts(pages):
    """A wrk script asking for ``pages`` (``[(host, path)]``) in turn, each thread from
    its own starting point."""
    entries = "".join(f"  {{{json.dumps(host)}, {json.dumps(path)}}},\n" for host, path in pages)
    return (
        f"local pages = {{\n{entries}}}\n"
        "local counter = 0\n"
        "function setup(thread)\n"
        "  thread:set('offset', counter * 7)\n"
        "  counter = counter + 1\n"
        "end\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  local page = pages[(n + offset) % #pages + 1]\n"
        "  return wrk.format('GET', page[2], {\n"
        "    ['Host'] = page[1],\n"
        f"    ['User-Agent'] = {json.dumps(USER_AGENT)},\n"
        "  })\n"
        "end\n"
    )


def build_targets(found):
    secret = secrets.token_hex(16)  # a CSRF secret: the cookie and the form carry it
    csrf_headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={secret}",
        "X-Kyanh-Fragment": "1",
        "User-Agent": USER_AGENT,
    }
    page_id = found["article_id"]
    comment_form = {
        "csrfmiddlewaretoken": secret,
        "name": "Nguyễn Văn Đo",
        "email": "",
        "content": "Bài viết rất hữu ích, cảm ơn ban biên tập thị xã Kỳ Anh.",
        "website": "",
        "captcha_0": "{key}",
        "captcha_1": CAPTCHA_ANSWER,
    }
    comment_body = urllib.parse.urlencode(comment_form).replace("%7Bkey%7D", "{key}")
    rating_form = {"csrfmiddlewaretoken": secret, "stars": "4"}
    beacon_lua = (
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  return wrk.format('POST', nil, {\n"
        "    ['Content-Type'] = 'application/x-www-form-urlencoded',\n"
        f"    ['User-Agent'] = '{USER_AGENT} visitor-' .. (n % 1000),\n"
        "    ['Sec-Fetch-Site'] = 'same-origin',\n"
        f"  }}, 'p={page_id}')\n"
        "end\n"
    )
    rate_path = f"/kyanh/engagement/{page_id}/rating/send/"
    comment_path = f"/kyanh/engagement/{page_id}/comments/send/"
    total_pages = found["listing_last"].rsplit("=", 1)[1]
    return [
        Target("health", "trivial view `/kyanh/health/live/` (ceiling)", "/kyanh/health/live/"),
        Target("home", "home page", found["home"]),
        Target("listing", "category listing, page 1", found["listing"]),
        Target(
            "listing_last",
            f"category listing, last page ({total_pages})",
            found["listing_last"],
        ),
        Target(
            "article",
            f"article with {bench_data.BENCH_ARTICLE_COMMENTS} comments",
            found["article"],
        ),
        Target("search", f"search “{bench_data.BENCH_SEARCH_QUERY}”", found["search"]),
        Target("showcases", "showcase index", found["showcases"]),
        Target("task_plans", "task plan page", found["task_plans"]),
        Target(
            "beacon",
            "visit beacon POST",
            "/kyanh/visits/beacon/",
            method="POST",
            form={"p": str(page_id)},
            lua=beacon_lua,
        ),
        Target(
            "rating",
            "rating POST",
            rate_path,
            method="POST",
            form=rating_form,
            headers=csrf_headers,
            lua=lua_post(rate_path, csrf_headers, urllib.parse.urlencode(rating_form)),
        ),
        Target(
            "comment",
            "comment POST (captcha solved)",
            comment_path,
            method="POST",
            form=comment_form,
            headers=csrf_headers,
            lua=lua_post(comment_path, csrf_headers, comment_body, per_thread_keys=True),
        ),
    ]


def summarise(row, runs):
    """The median run's rate and latency; CPU per request over all runs."""
    row.runs = runs
    median = sorted(runs, key=lambda result: result["rps"])[len(runs) // 2]
    row.rps, row.p50, row.p99 = median["rps"], median["p50"], median["p99"]
    requests = sum(result["requests"] or 0 for result in runs)
    if requests:
        row.cpu = {
            part: sum(result["cpu"][part] * (result["requests"] or 0) for result in runs) / requests
            for part in runs[0]["cpu"]
        }
    if requests and all("redis" in result for result in runs):
        row.redis = sum(result["redis"] * (result["requests"] or 0) for result in runs) / requests
    failures = sum(result["non_2xx"] + result["timeouts"] for result in runs)
    if failures:
        row.note = (row.note + "; " if row.note else "") + f"{failures} non-2xx or time-outs"
    return row


def measure(target, env, runs, duration, server_options=None):
    row = Row(target.name, target.label)
    script = None
    if target.lua:
        script = RUN_DIR / f"{target.name}.lua"
    with Server(env, **(server_options or {})) as server:
        url = server.base + target.path
        prefix = secrets.token_hex(3)
        form = dict(target.form or {})
        binding = form.get("csrfmiddlewaretoken", "")
        if target.name == "comment":
            # wrk's warm-up and runs each draw keys from their own prefix.
            form["captcha_0"] = store_challenges(prefix + "0", 1, 1, binding)[0][0]
        # A cold request, then warm ones until a worker answers for the second time: that
        # request's time and query count are the row's. (Each worker fills its own caches
        # on its first request; "the third request" could still be a worker's first.)
        # A page slower than SLOW_REQUEST_SECONDS gets one more request only.
        answered = Counter()
        for attempt in range(8):
            seconds, status, headers, content = request(
                url, form if target.method == "POST" else None, target.headers
            )
            if status >= 400:
                row.note = f"HTTP {status}"
                break
            if target.name == "comment":
                break  # one challenge only
            answered[headers.get(WORKER_HEADER)] += 1
            if answered[headers.get(WORKER_HEADER)] > 1:
                break
            if attempt >= 1 and seconds > SLOW_REQUEST_SECONDS:
                break
        row.queries = headers.get("X-Kyanh-Queries", "?")
        if headers.get("X-Kyanh-Page-Cache") == "hit":
            row.note = "page cache hit"
        if target.name == "article":
            shown = content.count(b'<li class="kyanh-comment"')
            if shown != bench_data.BENCH_ARTICLE_COMMENTS:
                row.note = f"{shown} comments shown"
        if status >= 400 or seconds > SLOW_REQUEST_SECONDS:
            if status < 400:
                # wrk would only see time-outs: report what one warm request costs.
                row.rps = server.workers / seconds
                row.p50 = row.p99 = seconds * 1000
                row.estimated = True
                row.note = (
                    f"one request takes {seconds:.1f} s; rate = {server.workers} workers / that"
                )
            row.rss, row.pss = server.memory()
            row.peak_rss = server.peak_rss_mb()
            return row
        before = None
        results = []
        for run in range(runs + 1):  # the first run warms up and is not counted
            if run == 1 and target.name == "beacon":
                time.sleep(0.5)  # hits of the warm-up still in flight
                before = counted_views()
            if script is not None:
                lua = target.lua
                if target.name == "comment":
                    time.sleep(0.5)  # posts of the previous run still in flight
                    keys = store_challenges(
                        f"{prefix}{run + 1:x}", THREADS, CHALLENGES_PER_THREAD, binding
                    )
                    lua = lua.replace("KEYS_TABLE", lua_table(keys))
                script.write_text(lua)
            if run == 0:
                run_wrk(url, 1, script)
            else:
                results.append(measured_wrk(server, url, duration, script)[0])
        time.sleep(0.5)
        row.rss, row.pss = server.memory()
        row.peak_rss = server.peak_rss_mb()
    if before is not None:
        answered = sum(result["requests"] for result in results)
        gained = counted_views() - before
        # wrk stops with up to one request per connection in flight: the server may
        # finish (and count) those although wrk no longer waits for the answer.
        complete = answered <= gained <= answered + CONNECTIONS * len(results)
        row.note = f"{answered} hits answered, {gained} counted" + ("" if complete else " (LOST)")
    return summarise(row, results)


# --- the scenarios ---------------------------------------------------------------------------


def scenario_warm(context):
    rows = []
    for target in context["targets"]:
        print(f"… warm: {target.label}", flush=True)
        rows.append(measure(target, context["env"], context["runs"], context["duration"]))
    return rows


def scenario_raw(context):
    env = dict(context["env"], KYANH_BENCH_RAW="1")
    wanted = [target for target in context["all_targets"] if target.name in ("article", "home")]
    if context["only"]:
        wanted = [target for target in wanted if target.name in context["only"]]
    rows = []
    for target in wanted:
        print(f"… raw: {target.label}", flush=True)
        rows.append(measure(target, env, context["runs"], context["duration"]))
    return rows


@dataclass
class ColdRow:
    name: str
    label: str
    first_ms: list = field(default_factory=list)
    warm_ms: list = field(default_factory=list)
    queries: list = field(default_factory=list)
    publish_ms: list = field(default_factory=list)

    @property
    def median(self):
        return statistics.median(self.first_ms) if self.first_ms else None


def scenario_cold(context):
    """First request after a publish, for each page after its own publish."""
    found, env = context["found"], context["env"]
    pages = [
        ("health", "trivial view (no publish)", "/kyanh/health/live/"),
        ("article", "article", found["article"]),
        ("listing", "category listing, page 1", found["listing"]),
        ("search", f"search “{bench_data.BENCH_SEARCH_QUERY}”", found["search"]),
        ("home", "home page", found["home"]),
    ]
    pool = [pk for pk in main_site_article_ids() if pk != found["article_id"]]
    rng = random.Random(context["scale"])  # noqa: S311
    rows = {name: ColdRow(name, label) for name, label, _path in pages}
    print(f"… cold at {found['listing_total']} articles", flush=True)
    with Server(env) as server:
        for _name, _label, path in pages:
            warm_up(server.base + path, server.workers)
        for _round in range(context["cold_rounds"]):
            for name, _label, path in pages:
                if name != "health":
                    rows[name].publish_ms.append(publish_article(rng.choice(pool)) * 1000)
                seconds, status, headers, _content = request(server.base + path)
                if status != 200:
                    raise SystemExit(f"cold {name}: HTTP {status}")
                rows[name].first_ms.append(seconds * 1000)
                rows[name].queries.append(int(headers.get("X-Kyanh-Queries", "0")))
                seconds, _status, _headers, _content = request(server.base + path)
                rows[name].warm_ms.append(seconds * 1000)
        rss, pss = server.memory()
        peak = server.peak_rss_mb()
    return {
        "articles": found["listing_total"],
        "rows": [asdict(row) | {"median": row.median} for row in rows.values()],
        "rss": rss,
        "pss": pss,
        "peak_rss": peak,
    }


def alternating_runs(server, url, phase_seconds, publisher_factory, script=None):
    """wrk runs of ``phase_seconds``: steady, churning, steady, churning (a publisher
    thread during the churning ones). ``(steady runs, churning runs, publish seconds,
    failures)``."""
    run_wrk(url, 2, script)  # warm-up
    steady, churning, publishes, failures = [], [], [], []
    for phase in ("steady", "churn", "steady", "churn"):
        publisher = publisher_factory() if phase == "churn" else None
        if publisher is not None:
            publisher.start()
        result, _output = measured_wrk(server, url, phase_seconds, script)
        if publisher is not None:
            publisher.stop()
            publishes += publisher.seconds
            failures += publisher.failures
            result["publishes"] = len(publisher.seconds)
        (churning if publisher is not None else steady).append(result)
    return steady, churning, publishes, failures


def combined(runs):
    """Rate over all runs, the worse p50/p99, CPU per request over all runs."""
    requests = sum(result["requests"] or 0 for result in runs)
    seconds = sum((result["requests"] or 0) / result["rps"] for result in runs if result["rps"])
    return {
        "rps": requests / seconds if seconds else None,
        "requests": requests,
        "p50": max(result["p50"] for result in runs),
        "p99": max(result["p99"] for result in runs),
        "cpu": {
            part: sum(result["cpu"][part] * (result["requests"] or 0) for result in runs)
            / max(requests, 1)
            for part in runs[0]["cpu"]
        },
        "redis": sum(result.get("redis", 0) * (result["requests"] or 0) for result in runs)
        / max(requests, 1),
        "failures": sum(result["non_2xx"] + result["timeouts"] for result in runs),
    }


def scenario_churn(context):
    found, env = context["found"], context["env"]
    pool = main_site_article_ids()
    seeds = itertools.count(1)
    results = []
    for name, label in (("article", "article"), ("home", "home page")):
        print(f"… churn: {label}", flush=True)
        with Server(env) as server:
            url = server.base + found[name]
            warm_up(url, server.workers)
            steady, churning, publishes, failures = alternating_runs(
                server,
                url,
                context["phase_seconds"],
                lambda: Publisher(pool, CHURN_INTERVAL, seed=next(seeds)),
            )
        results.append(
            {
                "name": name,
                "label": label,
                "steady": combined(steady),
                "churn": combined(churning),
                "publish_ms": [seconds * 1000 for seconds in publishes],
                "publish_failures": failures,
            }
        )
    return results


def scenario_multisite(context):
    env = context["env"]
    communes = commune_pages()
    measured = communes[:MEASURED_COMMUNES]
    others = [host for host, _paths in communes[MEASURED_COMMUNES:]]
    pool = commune_article_ids(others)
    seeds = itertools.count(1)
    pages = [(host, path) for host, paths in measured for path in paths[:4]]
    script = RUN_DIR / "multisite.lua"
    script.write_text(lua_rotating_hosts(pages))
    print(
        f"… multi-site: {len(pages)} pages of {len(measured)} communes, publishes in "
        f"{len(others)} others",
        flush=True,
    )
    with Server(env) as server:
        for host, path in pages:
            warm_up(server.base + path, server.workers, headers={"Host": host})
        steady, churning, publishes, failures = alternating_runs(
            server,
            server.base + "/",
            context["phase_seconds"],
            lambda: Publisher(pool, MULTISITE_INTERVAL, seed=next(seeds)),
            script,
        )
        rss, pss = server.memory()
    return {
        "pages": len(pages),
        "communes": len(communes),
        "measured": len(measured),
        "quiet": combined(steady),
        "publishing": combined(churning),
        "publish_ms": [seconds * 1000 for seconds in publishes],
        "publish_failures": failures,
        "rss": rss,
        "pss": pss,
    }


class WorkerWatch(threading.Thread):
    """Counts the distinct worker processes seen while it runs (recycled workers)."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server = server
        self.seen = set()
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(0.05):
            self.seen.update(self.server.worker_pids())

    def stop(self):
        self.stopping.set()
        self.join()
        return len(self.seen)


def scenario_flags(context):
    """The trivial view and the article under gunicorn flag sets (docs/production.md)."""
    found, env = context["found"], context["env"]
    results = []
    for label, workers, arguments in FLAG_SETS:
        for name, path in (("health", "/kyanh/health/live/"), ("article", found["article"])):
            print(f"… flags: {label}: {name}", flush=True)
            row = Row(name, label)
            with Server(env, workers=workers, arguments=arguments) as server:
                url = server.base + path
                warm_up(url, workers)
                run_wrk(url, 1)
                start_rss, _start_pss = server.memory()
                watch = WorkerWatch(server)
                watch.start()
                runs = [
                    measured_wrk(server, url, context["duration"])[0]
                    for _run in range(context["runs"])
                ]
                processes = watch.stop()
                row.rss, row.pss = server.memory()
                row.peak_rss = server.peak_rss_mb()
            summarise(row, runs)
            requests = sum(result["requests"] for result in runs)
            row.note = (
                f"{processes - workers} worker restarts in {requests} requests; RSS "
                f"{start_rss:.0f} → {row.rss:.0f} MB"
            )
            results.append({"flags": label, "workers": workers, **asdict(row)})
    return results


# --- the report ------------------------------------------------------------------------------


def fmt(value, pattern):
    return "—" if value is None else format(value, pattern)


def rate_text(rps, estimated=False):
    if rps is None:
        return "—"
    pattern = ".3f" if rps < 1 else ".1f" if rps < 10 else ".0f"
    return ("≈" if estimated else "") + format(rps, pattern)


def ratio(value, base, pattern=".2f"):
    if value is None or not base:
        return ""
    share = value / base
    return f" ({format(share, '.3f' if share < 0.1 else pattern)}×)"


def cpu_text(cpu, base_cpu):
    if not cpu:
        return "—", ""
    parts = "/".join(f"{cpu[part]:.0f}" for part in ("workers", "database", "cache"))
    return f"{cpu['total']:.0f}{ratio(cpu['total'], base_cpu and base_cpu['total'], '.1f')}", parts


ROW_HEADER = (
    "| page | req/s (× ceiling) | p50 ms | p99 ms | CPU µs/req | of it workers/db/redis | "
    "SQL queries | Redis cmds | RSS MB | PSS MB | note |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
)


def row_line(row, ceiling):
    base = ceiling or Row("", "")
    cpu, parts = cpu_text(row.cpu, base.cpu)
    return (
        f"| {row.label} | {rate_text(row.rps, row.estimated)}{ratio(row.rps, base.rps, '.3f')} "
        f"| {fmt(row.p50, '.1f')}{ratio(row.p50, base.p50, '.1f')} "
        f"| {fmt(row.p99, '.1f')}{ratio(row.p99, base.p99, '.1f')} "
        f"| {cpu} | {parts} | {row.queries} | {fmt(row.redis, '.1f')} "
        f"| {fmt(row.rss, '.0f')}{ratio(row.rss, base.rss)} "
        f"| {fmt(row.pss, '.0f')}{ratio(row.pss, base.pss)} | {row.note} |"
    )


def rows_table(title, rows, ceiling):
    lines = [title, "", ROW_HEADER]
    lines += [row_line(row, ceiling) for row in rows]
    return "\n".join(lines)


def cold_table(cold_results, ceiling_ms=None):
    lines = [
        "| articles | page | first request after a publish, ms (median) | min–max | "
        "next request ms | queries (first) | publish ms (median) | worker RSS / PSS MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in cold_results:
        rows = {row["name"]: row for row in result["rows"]}
        health = rows["health"]["median"]
        for row in result["rows"]:
            first = row["first_ms"]
            publish = statistics.median(row["publish_ms"]) if row["publish_ms"] else None
            lines.append(
                f"| {result['articles']} | {row['label']} | {fmt(row['median'], '.1f')}"
                f"{ratio(row['median'], health, '.0f') if row['name'] != 'health' else ''} "
                f"| {min(first):.1f}–{max(first):.1f} "
                f"| {statistics.median(row['warm_ms']):.1f} "
                f"| {statistics.median(row['queries']):.0f} | {fmt(publish, '.0f')} "
                f"| {fmt(result['rss'], '.0f')} / {fmt(result['pss'], '.0f')} |"
            )
    return "\n".join(lines)


def churn_table(results, ceiling):
    base_rps = ceiling.rps if ceiling else None
    lines = [
        "| page | steady req/s | with a publish every 5 s | of steady | p99 ms steady / "
        "churn | CPU µs/req steady / churn | publishes | publish ms median / max |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        steady, churn = result["steady"], result["churn"]
        publish = result["publish_ms"]
        failed = len(result["publish_failures"])
        lines.append(
            f"| {result['label']} "
            f"| {rate_text(steady['rps'])}{ratio(steady['rps'], base_rps, '.3f')} "
            f"| {rate_text(churn['rps'])}{ratio(churn['rps'], base_rps, '.3f')} "
            f"| {churn['rps'] / steady['rps']:.1%} "
            f"| {steady['p99']:.1f} / {churn['p99']:.1f} "
            f"| {steady['cpu']['total']:.0f} / {churn['cpu']['total']:.0f} "
            f"| {len(publish)}{f' + {failed} failed' if failed else ''} "
            f"| {fmt(statistics.median(publish) if publish else None, '.0f')} / "
            f"{fmt(max(publish) if publish else None, '.0f')} |"
        )
    return "\n".join(lines)


def multisite_table(result, ceiling):
    base_rps = ceiling.rps if ceiling else None
    lines = [
        "| runs | req/s (× ceiling) | p50 ms | p99 ms | CPU µs/req | of it workers/db/redis "
        "| Redis cmds/req | publishes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in (
        ("quiet", "no publishes"),
        ("publishing", "a publish every second elsewhere"),
    ):
        runs = result[key]
        cpu, parts = cpu_text(runs["cpu"], ceiling.cpu if ceiling else None)
        publishes = len(result["publish_ms"]) if key == "publishing" else 0
        lines.append(
            f"| {label} | {rate_text(runs['rps'])}{ratio(runs['rps'], base_rps, '.3f')} "
            f"| {runs['p50']:.1f} | {runs['p99']:.1f} | {cpu} | {parts} | {runs['redis']:.1f} "
            f"| {publishes} |"
        )
    return "\n".join(lines)


def flags_table(results):
    lines = [
        "| gunicorn | page | req/s | p50 ms | p99 ms | CPU µs/req | RSS / PSS MB | note |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for result in results:
        lines.append(
            f"| {result['flags']} | {result['name']} | {rate_text(result['rps'])} "
            f"| {fmt(result['p50'], '.1f')} | {fmt(result['p99'], '.1f')} "
            f"| {fmt(result['cpu'] and result['cpu']['total'], '.0f')} "
            f"| {fmt(result['rss'], '.0f')} / {fmt(result['pss'], '.0f')} | {result['note']} |"
        )
    return "\n".join(lines)


def check(label, figure, met):
    return f"| {label} | {figure} | {'—' if met is None else '✓' if met else '✗'} |"


def targets_table(report, main_scale):
    """Each target with the figure of this run and ✓/✗."""
    lines = ["| target | figure | met |", "|---|---|:---:|"]
    warm = {row.name: row for row in report.get("warm", [])}
    raw = {row.name: row for row in report.get("raw", [])}
    ceiling = warm.get("health")
    for rows, name, share, label in (
        (warm, "article", 0.15, "warm article ≥ 15 % of the ceiling"),
        (warm, "home", 0.15, "warm home page ≥ 15 % of the ceiling"),
        (raw, "article", 0.03, "raw article ≥ 3 % of the ceiling"),
        (raw, "home", 0.02, "raw home page ≥ 2 % of the ceiling"),
    ):
        row = rows.get(name)
        if row is not None and row.rps and ceiling and ceiling.rps:
            lines.append(
                check(
                    label,
                    f"{row.rps / ceiling.rps:.1%} ({row.rps:.0f} / {ceiling.rps:.0f})",
                    row.rps / ceiling.rps >= share,
                )
            )
    for result in report.get("churn", []):
        steady, churn = result["steady"], result["churn"]
        kept = churn["rps"] / steady["rps"]
        lines.append(
            check(f"churn {result['label']}: ≥ 85 % of steady", f"{kept:.1%}", kept >= 0.85)
        )
        lines.append(
            check(
                f"churn {result['label']}: p99 ≤ 150 ms",
                f"{churn['p99']:.1f} ms",
                churn["p99"] <= 150,
            )
        )
        if result["publish_ms"]:
            worst = max(result["publish_ms"])
            median = statistics.median(result["publish_ms"])
            lines.append(
                check(
                    f"churn {result['label']}: publish ≤ 200 ms",
                    f"median {median:.0f} ms, max {worst:.0f} ms",
                    worst <= 200,
                )
            )
    for cold in report.get("cold", []):
        rows = {row["name"]: row for row in cold["rows"]}
        at_target = cold["articles"] >= 50_000
        for name, limit in (("article", 120), ("listing", 120), ("search", 120), ("home", 150)):
            median = rows[name]["median"]
            lines.append(
                check(
                    f"cold {rows[name]['label']} ≤ {limit} ms (target at 50k; here "
                    f"{cold['articles']} articles)",
                    f"{median:.1f} ms",
                    median <= limit if at_target else None,
                )
            )
        if cold["rss"] is not None:
            lines.append(
                check(
                    f"RSS per worker ≤ 150 MB at {cold['articles']} articles",
                    f"{cold['rss']:.0f} MB (peak {cold['peak_rss']:.0f})",
                    cold["peak_rss"] <= 150,
                )
            )
    multisite = report.get("multisite")
    if multisite:
        quiet, busy = multisite["quiet"], multisite["publishing"]
        cost = 1 - busy["rps"] / quiet["rps"]
        cpu_cost = busy["cpu"]["workers"] / quiet["cpu"]["workers"] - 1
        lines.append(
            check(
                "multi-site: publishes cost the other communes ≤ 5 %",
                f"others' req/s {-cost:+.1%}; workers' CPU per request {cpu_cost:+.1%}",
                cost <= 0.05,
            )
        )
    peaks = [row.peak_rss for row in report.get("warm", []) if row.peak_rss]
    if peaks:
        lines.append(
            check(
                f"peak RSS per worker ≤ 150 MB ({main_scale} articles, warm rows)",
                f"{max(peaks):.0f} MB",
                max(peaks) <= 150,
            )
        )
    return "\n".join(lines)


def report_text(report, options, database, found):
    cache = "Redis" if options.cache == "redis" else "per-process memory (locmem)"
    setting = (
        f"{database}, default cache: {cache}, full-page cache "
        f"{'on' if options.page_cache else 'off'}; gunicorn {options.workers} sync workers, "
        f"wrk -t{THREADS} -c{CONNECTIONS}; {os.cpu_count()} CPU cores shared by all; "
        f"{found['listing_total']} articles listed"
    )
    ceiling = next((row for row in report.get("warm", []) if row.name == "health"), None)
    parts = [f"Setting: {setting}."]
    if "warm" in report:
        parts.append(
            rows_table(
                f"**warm** — {options.runs} runs × {options.duration} s per row (median run); "
                "each figure also as a ratio to the trivial view's",
                report["warm"],
                ceiling,
            )
        )
    if "raw" in report:
        parts.append(
            rows_table(
                "**raw** — fragment and content caching off (`FRAGMENT_CACHE_SECONDS` = "
                "`CONTENT_CACHE_SECONDS` = 0); ratios to the warm run's trivial view",
                report["raw"],
                ceiling,
            )
        )
    if report.get("cold"):
        parts.append(
            f"**cold** — one request right after a publish of another article of the site "
            f"(median of {options.cold_rounds}; × = against the trivial view's single request)"
            "\n\n" + cold_table(report["cold"])
        )
    if "churn" in report:
        parts.append(
            f"**churn** — {options.phase_seconds} s runs alternating steady and churning (a "
            f"publish every {CHURN_INTERVAL:.0f} s), two of each, on one server\n\n"
            + churn_table(report["churn"], ceiling)
        )
    if "multisite" in report:
        result = report["multisite"]
        parts.append(
            f"**multi-site** — {result['pages']} pages of {result['measured']} commune sites "
            f"(rotating Host headers) of {result['communes']}; {options.phase_seconds} s runs "
            "alternating without and with a publish every second in a random other commune\n\n"
            + multisite_table(result, ceiling)
        )
    if "flags" in report:
        parts.append(
            f"**gunicorn flags** — {options.runs} runs × {options.duration} s per row\n\n"
            + flags_table(report["flags"])
        )
    for name, reason in report.get("skipped", {}).items():
        parts.append(f"**{name}** — skipped: {reason}")
    parts.append("**targets**\n\n" + targets_table(report, found["listing_total"]))
    return "\n\n".join(parts)


# --- running -------------------------------------------------------------------------------


def cold_in_child(scale, options):
    """The cold scenario on another data set: this script in a child process (its own
    database and Django), results through a JSON file."""
    out = BENCH_DIR / f"cold-{scale}.json"
    out.unlink(missing_ok=True)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--scale",
        str(scale),
        "--scenarios",
        "cold",
        "--cache",
        options.cache,
        "--cold-rounds",
        str(options.cold_rounds),
        *(["--stale-ok"] if options.stale_ok else []),
        "--json-out",
        str(out),
    ]
    subprocess.run(command, check=True)
    return json.loads(out.read_text())["cold"][0]


def parse_options(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenarios", default=",".join(DEFAULT_SCENARIOS))
    parser.add_argument("--scale", type=int, default=DEFAULT_SCALE)
    parser.add_argument("--cold-scales", default="")
    parser.add_argument("--cache", choices=("redis", "locmem"), default="redis")
    parser.add_argument("--page-cache", action="store_true")
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phase-seconds", type=int, default=10)
    parser.add_argument("--cold-rounds", type=int, default=5)
    parser.add_argument("--only", default="")
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--stale-ok", action="store_true")
    parser.add_argument("--json-out", default="", help=argparse.SUPPRESS)
    options = parser.parse_args(arguments)
    options.scenarios = [name for name in options.scenarios.split(",") if name]
    unknown = set(options.scenarios) - set(ALL_SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    options.cold_scales = [int(scale) for scale in options.cold_scales.split(",") if scale]
    options.only = {name for name in options.only.split(",") if name}
    return options


def main():
    global RUN_DIR, WORKERS
    options = parse_options()
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk (make bench does it).", file=sys.stderr)
        return 2
    if options.cache == "redis" and not os.environ.get("REDIS_URL"):
        print(
            "--cache redis needs REDIS_URL: run me through scripts/with_redis.py (make bench), "
            "or use --cache locmem.",
            file=sys.stderr,
        )
        return 2
    WORKERS = options.workers
    RUN_DIR = BENCH_DIR / f"run-{options.scale}"
    started = time.monotonic()
    postgres_url = os.environ.get("DATABASE_URL")
    database_url, media = prepare_database(postgres_url, options.scale, options.stale_ok)
    env = django_environment(
        database_url, media, cache=options.cache, page_cache=options.page_cache, scale=options.scale
    )
    setup_django(env)
    clear_cache()
    found = targets_from_database()
    all_targets = build_targets(found)
    targets = all_targets
    if options.only:
        targets = [target for target in targets if target.name in {"health", *options.only}]
    context = {
        "env": env,
        "found": found,
        "targets": targets,
        "all_targets": all_targets,
        "only": options.only,
        "runs": options.runs,
        "duration": options.duration,
        "phase_seconds": options.phase_seconds,
        "cold_rounds": options.cold_rounds,
        "scale": options.scale,
    }
    report = {"skipped": {}}
    scenarios = list(options.scenarios)
    if "raw" in scenarios and "warm" not in scenarios:
        # The ratios need the ceiling of the same run.
        context["targets"] = [target for target in all_targets if target.name == "health"]
        scenarios.insert(0, "warm")
    for name in scenarios:
        print(f"[{time.monotonic() - started:.0f} s] {name}", flush=True)
        if name in SHARED_CACHE_SCENARIOS and options.cache != "redis":
            report["skipped"][name] = (
                "a publish in one process reaches the others through a shared cache only"
            )
            continue
        if name == "cold":
            report["cold"] = [scenario_cold(context)]
            continue
        report[name] = globals()[f"scenario_{name}"](context)
    if "cold" in options.scenarios and options.cache == "redis":
        for scale in options.cold_scales:
            if scale != options.scale:
                report["cold"].append(cold_in_child(scale, options))
        report["cold"].sort(key=lambda result: result["articles"])
    if options.json_out:
        Path(options.json_out).write_text(json.dumps(serialisable(report)))
        return 0
    database = "PostgreSQL" if postgres_url else "SQLite"
    text = report_text(report, options, database, found)
    print()
    print(text, flush=True)
    name = f"results-{database.lower()}-{options.cache}-{options.scale}"
    if options.page_cache:
        name += "-page-cache"
    if options.scenarios != list(DEFAULT_SCENARIOS):
        name += "-" + "-".join(options.scenarios or ["none"])
    (BENCH_DIR / f"{name}.md").write_text(text + "\n")
    (BENCH_DIR / f"{name}.json").write_text(json.dumps(serialisable(report), indent=1))
    print(
        f"\n(saved to .bench/{name}.md and .json; {time.monotonic() - started:.0f} s, "
        f"load average {', '.join(f'{value:.2f}' for value in os.getloadavg())})"
    )
    return 0


def serialisable(report):
    return {
        key: [asdict(item) if isinstance(item, Row) else item for item in value]
        if isinstance(value, list)
        else value
        for key, value in report.items()
    }


if __name__ == "__main__":
    sys.exit(main())
