"""``make bench-profile``: where the time of the article and home pages goes, at scale.

Restores the data set of ``make bench`` (SQLite, or PostgreSQL when
``DATABASE_URL`` is set, e.g. through ``scripts/with_postgres.py``), renders
each page in this process with Django's test client and the bench settings,
and prints for a warm request: the time, the time spent in SQL, the slowest
queries, the queries that repeat (same SQL, other parameters) and the
functions that dominate (cProfile, by cumulative time). The full cProfile
listings go to ``.bench/profile-<database>-<page>[-cold|-raw].txt``.

``--pages`` chooses among home, article, listing, listing_last, search,
showcases, task_plans, showcase, feed, sitemap (its first part), download
(an article's archive file) and engagement (default: article,home).

``--cold`` profiles the first request after a publish instead: the site's
content generation is moved on before each request (outside the profile), as
a publish does. ``--raw`` turns fragment and content caching off, as
``make bench``'s raw scenario does. ``--scale`` picks the data set (default
10000 articles), ``--cache`` the default cache (``redis`` when ``REDIS_URL`` is
set, e.g. through ``scripts/with_redis.py``; otherwise ``locmem``).
``--explain N`` prints PostgreSQL's ``EXPLAIN (ANALYZE, BUFFERS)`` of the N slowest
queries of the measured request. ``--stale-ok`` as in ``scripts/bench.py``.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402

PROFILE_SECONDS = 10  # profile repeated requests for about this long (at least one)
ALL_SQL = False  # --all-sql: list every query of the warm request, not only the slowest
COLD = False  # --cold: each request the first after a publish
EXPLAIN = 0  # --explain N: EXPLAIN ANALYZE the N slowest queries (PostgreSQL)


def normalised(sql):
    """The SQL with its literal values and IN lists folded, to find repeats."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\(\?(, \?)+\)", "(…)", sql)


def before_request(site_id):
    """With ``--cold``, what a publish does to the caches: the site's generation moves on."""
    if COLD:
        from kyanh_cms.caching.generation import content_changed

        content_changed([site_id])


def explain(sql, params):
    from django.db import connection

    if connection.vendor != "postgresql" or not sql.lstrip().upper().startswith("SELECT"):
        return
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [line for (line,) in cursor.fetchall()]
    print("    " + "\n    ".join(plan))


def profile(client, path, out, site_id):
    from django.db import connection

    for _warm in range(2):
        client.get(path)
    timings = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append((time.perf_counter() - started, sql, params))

    before_request(site_id)
    with connection.execute_wrapper(timed):
        started = time.perf_counter()
        response = client.get(path)
        total = time.perf_counter() - started
    sql_time = sum(seconds for seconds, _sql, _params in timings)
    print(f"\n## {path}  (HTTP {response.status_code}, {len(response.content)} bytes)")
    print(
        f"one {'cold' if COLD else 'warm'} request: {total * 1000:.1f} ms, of which SQL "
        f"{sql_time * 1000:.1f} ms in {len(timings)} queries"
    )
    print("slowest queries:" if not ALL_SQL else "every query, in order:")
    ordered = sorted(timings, key=lambda timing: timing[0], reverse=True)
    for seconds, sql, _params in timings if ALL_SQL else ordered[:5]:
        print(f"  {seconds * 1000:8.1f} ms  {sql[:300]}")
    for seconds, sql, params in ordered[:EXPLAIN]:
        print(f"\n  EXPLAIN of the {seconds * 1000:.1f} ms query:")
        explain(sql, params)
    repeats = Counter(normalised(sql) for _seconds, sql, _params in timings)
    repeated = [(count, sql) for sql, count in repeats.items() if count > 1]
    print("queries that repeat (same SQL, other values):")
    for count, sql in sorted(repeated, reverse=True) or [(0, "none")]:
        print(f"  {count} ×  {sql[:300]}" if count else "  none")

    profiler = cProfile.Profile()
    runs = 0
    spent = 0.0
    while runs == 0 or spent < PROFILE_SECONDS:
        before_request(site_id)
        started = time.perf_counter()
        profiler.enable()
        client.get(path)
        profiler.disable()
        spent += time.perf_counter() - started
        runs += 1
        if total > PROFILE_SECONDS:
            break
    listing = io.StringIO()
    stats = pstats.Stats(profiler, stream=listing).sort_stats("cumulative")
    stats.print_stats(80)
    out.write_text(listing.getvalue())
    summary = io.StringIO()
    pstats.Stats(profiler, stream=summary).sort_stats("cumulative").print_stats(
        r"kyanh_cms|wagtail/(models|query|images|blocks|contrib/settings)|django/(template/(base|loader_tags|defaulttags)|db/models/(query|sql/compiler)|core/cache)|redis/",
        22,
    )
    print(
        f"cProfile over {runs} request(s), {spent / runs * 1000:.1f} ms each under the "
        f"profiler, by cumulative time (full listing in {out.name}):"
    )
    for line in summary.getvalue().splitlines():
        if re.match(r"\s+\d", line) or "ncalls" in line:
            print("  " + line.strip()[:160])
    own = io.StringIO()
    pstats.Stats(profiler, stream=own).sort_stats("tottime").print_stats(15)
    print("by own time (tottime):")
    for line in own.getvalue().splitlines():
        if re.match(r"\s+\d", line):
            print("  " + line.strip()[:160])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", default="article,home")
    parser.add_argument("--all-sql", action="store_true", help="list every query, in order")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--cold", action="store_true", help="the first request after a publish")
    parser.add_argument("--raw", action="store_true", help="fragment and content caching off")
    parser.add_argument("--scale", type=int, default=bench.DEFAULT_SCALE)
    parser.add_argument(
        "--cache",
        choices=("redis", "locmem"),
        default="redis" if os.environ.get("REDIS_URL") else "locmem",
    )
    parser.add_argument("--explain", type=int, default=0, metavar="N")
    parser.add_argument("--stale-ok", action="store_true", help="see scripts/bench.py")
    options = parser.parse_args()
    global ALL_SQL, PROFILE_SECONDS, COLD, EXPLAIN
    ALL_SQL, PROFILE_SECONDS = options.all_sql, options.seconds
    COLD, EXPLAIN = options.cold, options.explain
    postgres_url = os.environ.get("DATABASE_URL")
    bench.RUN_DIR = bench.BENCH_DIR / "profile-run"  # never the folder of a running bench
    database_url, media = bench.prepare_database(postgres_url, options.scale, options.stale_ok)
    env = bench.django_environment(
        database_url, media, cache=options.cache, raw=options.raw, scale=options.scale
    )
    bench.setup_django(env)
    bench.clear_cache()
    from django.test import Client
    from wagtail.models import Site

    found = bench.targets_from_database()
    site_id = Site.objects.get(is_default_site=True).pk
    client = Client(HTTP_HOST="127.0.0.1", HTTP_USER_AGENT=bench.USER_AGENT)
    vendor = "postgresql" if postgres_url else "sqlite"
    suffix = "-cold" if options.cold else "-raw" if options.raw else ""
    print(
        f"{vendor}, {options.cache} cache, {found['listing_total']} articles"
        + (", fragment and content caching off" if options.raw else "")
    )
    for name in options.pages.split(","):
        out = bench.BENCH_DIR / f"profile-{vendor}-{name}{suffix}.txt"
        profile(client, found[name], out, site_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
