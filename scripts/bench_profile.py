"""``make bench-profile``: where the time of the article and home pages goes, at scale.

Restores the data set of ``make bench`` (SQLite, or PostgreSQL when
``DATABASE_URL`` is set, e.g. through ``scripts/with_postgres.py``), renders
each page in this process with Django's test client and the bench settings,
and prints for a warm request: the time, the time spent in SQL, the slowest
queries, the queries that repeat (same SQL, other parameters) and the
functions that dominate (cProfile, by cumulative time). The full cProfile
listings go to ``.bench/profile-<page>.txt``.

``--pages`` chooses among home, article, listing, listing_last, search,
showcases, task_plans (default: article,home).
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


def normalised(sql):
    """The SQL with its literal values and IN lists folded, to find repeats."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\(\?(, \?)+\)", "(…)", sql)


def profile(client, path, out):
    from django.db import connection

    for _warm in range(2):
        client.get(path)
    timings = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append((time.perf_counter() - started, sql))

    with connection.execute_wrapper(timed):
        started = time.perf_counter()
        response = client.get(path)
        total = time.perf_counter() - started
    sql_time = sum(seconds for seconds, _sql in timings)
    print(f"\n## {path}  (HTTP {response.status_code}, {len(response.content)} bytes)")
    print(
        f"one warm request: {total * 1000:.1f} ms, of which SQL {sql_time * 1000:.1f} ms "
        f"in {len(timings)} queries"
    )
    print("slowest queries:" if not ALL_SQL else "every query, in order:")
    for seconds, sql in timings if ALL_SQL else sorted(timings, reverse=True)[:5]:
        print(f"  {seconds * 1000:8.1f} ms  {sql[:300]}")
    repeats = Counter(normalised(sql) for _seconds, sql in timings)
    repeated = [(count, sql) for sql, count in repeats.items() if count > 1]
    print("queries that repeat (same SQL, other values):")
    for count, sql in sorted(repeated, reverse=True) or [(0, "none")]:
        print(f"  {count} ×  {sql[:300]}" if count else "  none")

    profiler = cProfile.Profile()
    runs = 0
    started = time.perf_counter()
    profiler.enable()
    while runs == 0 or time.perf_counter() - started < PROFILE_SECONDS:
        client.get(path)
        runs += 1
        if total > PROFILE_SECONDS:
            break
    profiler.disable()
    listing = io.StringIO()
    stats = pstats.Stats(profiler, stream=listing).sort_stats("cumulative")
    stats.print_stats(60)
    out.write_text(listing.getvalue())
    summary = io.StringIO()
    pstats.Stats(profiler, stream=summary).sort_stats("cumulative").print_stats(
        r"kyanh_cms|wagtail/(models|query|images|blocks|contrib/settings)|django/(template/(base|loader_tags|defaulttags)|db/models/(query|sql/compiler))",
        18,
    )
    print(f"cProfile over {runs} request(s), by cumulative time (full listing in {out.name}):")
    for line in summary.getvalue().splitlines():
        if re.match(r"\s+\d", line) or "ncalls" in line:
            print("  " + line.strip()[:160])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", default="article,home")
    parser.add_argument("--all-sql", action="store_true", help="list every query, in order")
    parser.add_argument("--seconds", type=float, default=10)
    options = parser.parse_args()
    global ALL_SQL, PROFILE_SECONDS
    ALL_SQL, PROFILE_SECONDS = options.all_sql, options.seconds
    postgres_url = os.environ.get("DATABASE_URL")
    bench.RUN_DIR = bench.BENCH_DIR / "profile-run"  # never the folder of a running bench
    database_url, media = bench.prepare_database(postgres_url)
    env = bench.django_environment(database_url, media)
    bench.setup_django(env)
    from django.test import Client

    found = bench.targets_from_database()
    client = Client(HTTP_HOST="127.0.0.1", HTTP_USER_AGENT=bench.USER_AGENT)
    vendor = "postgresql" if postgres_url else "sqlite"
    for name in options.pages.split(","):
        out = bench.BENCH_DIR / f"profile-{vendor}-{name}.txt"
        profile(client, found[name], out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
