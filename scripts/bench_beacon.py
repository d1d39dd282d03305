"""Benchmark the visit beacon against a trivial view on the same server.

Run through ``make bench-beacon`` (or ``scripts/with_postgres.py`` yourself, which
sets DATABASE_URL): migrates the database, seeds the demo, starts gunicorn with
2 sync workers and production settings on 127.0.0.1, and drives it with wrk —
first ``/kyanh/health/live/`` (no database, no templates), then the beacon
(``POST p=<home page id>``). Prints requests per second, p50/p99 latency and
the ratio, and checks that every beacon hit wrk saw answered was counted.

It also prints the CPU time one request costs the gunicorn processes and this
PostgreSQL server (its own processes only, read from ``/proc`` as ``make bench``
does). Requests per second swing with whatever else runs on the machine; CPU
per request much less.

The server and wrk are driven by the harness of ``make bench`` (``scripts/bench.py``);
this script only sets up the demo data and checks the counting.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402

EXAMPLE_SITE = bench.EXAMPLE_SITE
DURATION = int(os.environ.get("BENCH_DURATION", "10").rstrip("s"))


def environment():
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="kyanh_example.settings.production",
        DJANGO_SECRET_KEY="kyanh-bench-only-" + "b" * 50,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_CONN_MAX_AGE="600",
        PYTHONPATH=str(EXAMPLE_SITE),
    )


def manage(*args):
    subprocess.run(
        [sys.executable, str(EXAMPLE_SITE / "manage.py"), *args],
        env=environment(),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measured_wrk(server, url, script=None):
    """``bench.measured_wrk`` with the CPU microseconds per request of the gunicorn
    processes and of this PostgreSQL server (its own processes only)."""
    result, output = bench.measured_wrk(server, url, DURATION, script)
    result["cpu_workers"] = result["cpu"]["workers"]
    result["cpu_postgres"] = result["cpu"]["database"]
    return result, output


def home_page_id():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page_id


def main():
    if "DATABASE_URL" not in os.environ:
        print("Run me through scripts/with_postgres.py (make bench-beacon).", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk (make bench-beacon does it).", file=sys.stderr)
        return 2
    manage("migrate", "--noinput")
    manage("kyanh_demo")
    bench.setup_django(environment())
    page_id = home_page_id()

    workdir = Path(tempfile.mkdtemp(prefix="kyanh-bench-"))
    lua = workdir / "beacon.lua"
    # Visitors differ (a thousand user agents, as from many browsers); all hit one page.
    lua.write_text(
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  return wrk.format('POST', nil, {\n"
        "    ['Content-Type'] = 'application/x-www-form-urlencoded',\n"
        f"    ['User-Agent'] = '{bench.USER_AGENT} visitor-' .. (n % 1000),\n"
        "    ['Sec-Fetch-Site'] = 'same-origin',\n"
        f"  }}, 'p={page_id}')\n"
        "end\n"
    )
    try:
        with bench.Server(environment()) as server:
            # Warm both paths (connections, caches, the day's rows and salt).
            bench.run_wrk(server.base + "/kyanh/health/live/", DURATION)
            bench.run_wrk(server.base + "/kyanh/visits/beacon/", 2, lua)
            health, _ = measured_wrk(server, server.base + "/kyanh/health/live/")
            before = bench.counted_views()
            beacon, beacon_output = measured_wrk(server, server.base + "/kyanh/visits/beacon/", lua)
            time.sleep(1)  # hits still in flight when wrk stopped
            after = bench.counted_views()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    gained = after - before
    ratio = beacon["rps"] / health["rps"] if health["rps"] else 0
    print()
    print(
        f"gunicorn {bench.WORKERS} sync workers, PostgreSQL, wrk -t{bench.THREADS} "
        f"-c{bench.CONNECTIONS} -d{DURATION}s, {os.cpu_count()} CPU cores shared by all"
    )
    print()
    print(
        f"| {'endpoint':<28} | {'req/s':>9} | {'p50 ms':>7} | {'p99 ms':>7} | {'ratio':>5} "
        f"| {'CPU µs/req gunicorn':>19} | {'CPU µs/req PostgreSQL':>21} |"
    )
    print(f"|{'-' * 30}|{'-' * 11}|{'-' * 9}|{'-' * 9}|{'-' * 7}|{'-' * 21}|{'-' * 23}|")
    for name, result, share in (
        ("GET /kyanh/health/live/", health, 1.0),
        ("POST /kyanh/visits/beacon/", beacon, ratio),
    ):
        print(
            f"| {name:<28} | {result['rps']:>9.0f} | {result['p50']:>7.2f} | "
            f"{result['p99']:>7.2f} | {share:>5.2f} | {result['cpu_workers']:>19.0f} | "
            f"{result['cpu_postgres']:>21.0f} |"
        )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\nload average when done: {load}")
    print()
    answered = beacon["requests"]
    print(
        f"beacon hits answered: {answered}, non-2xx: {beacon['non_2xx']}; "
        f"counted in the database: {gained}"
    )
    # wrk stops with up to one request per connection in flight: the server may finish
    # (and count) those although wrk no longer waits for the answer.
    complete = beacon["non_2xx"] == 0 and answered <= gained <= answered + bench.CONNECTIONS
    print("every answered hit was counted: " + ("yes" if complete else "NO"))
    print(f"beacon at least half the trivial view's rate: {'yes' if ratio >= 0.5 else 'NO'}")
    if not complete:
        print(beacon_output)
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
