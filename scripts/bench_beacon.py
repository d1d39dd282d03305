"""Benchmark the visit beacon against a trivial view on the same server.

Run through ``make bench-beacon`` (or ``scripts/with_postgres.py`` yourself, which
sets DATABASE_URL): migrates the database, seeds the demo, starts gunicorn with
2 sync workers and production settings on 127.0.0.1, and drives it with wrk —
first ``/kyanh/health/`` (no database, no templates), then the beacon
(``POST p=<home page id>``). Prints requests per second, p50/p99 latency and
the ratio, and checks that every beacon hit wrk saw answered was counted.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = REPO / "example_site"
WORKERS = 2
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) kyanh-bench"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment():
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="kyanh_example.settings.production",
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


def setup_django():
    os.environ.update(environment())
    sys.path.insert(0, str(EXAMPLE_SITE))
    import django

    django.setup()


def counted():
    from django.db import connection

    from kyanh_cms.models import DailySiteVisits

    connection.close()  # a fresh snapshot
    return sum(DailySiteVisits.objects.values_list("views", flat=True))


def home_page_id():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page_id


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

    return {
        "rps": number(r"^Requests/sec:\s+([\d.]+)"),
        "requests": number(r"^\s+(\d+) requests in", int),
        "non_2xx": number(r"Non-2xx or 3xx responses:\s+(\d+)", int, 0),
        "socket_errors": "Socket errors" in output,
        "p50": latency("50"),
        "p99": latency("99"),
    }


def run_wrk(url, script=None):
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    if script:
        command += ["-s", script]
    else:
        command += ["-H", f"User-Agent: {USER_AGENT}"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    return parse_wrk(output), output


def main():
    if "DATABASE_URL" not in os.environ:
        print("Run me through scripts/with_postgres.py (make bench-beacon).", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk (make bench-beacon does it).", file=sys.stderr)
        return 2
    manage("migrate", "--noinput")
    manage("kyanh_demo")
    setup_django()
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
        f"    ['User-Agent'] = '{USER_AGENT} visitor-' .. (n % 1000),\n"
        f"  }}, 'p={page_id}')\n"
        "end\n"
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "kyanh_example.wsgi:application",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=environment(),
        cwd=str(EXAMPLE_SITE),
    )
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(base + "/kyanh/health/", timeout=1).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        else:
            print("gunicorn did not start", file=sys.stderr)
            return 1
        # Warm both paths (connections, caches, the day's rows and salt).
        run_wrk(base + "/kyanh/health/")
        health, _ = run_wrk(base + "/kyanh/health/")
        before = counted()
        beacon, beacon_output = run_wrk(base + "/kyanh/visits/beacon/", str(lua))
        time.sleep(1)  # hits still in flight when wrk stopped
        after = counted()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    gained = after - before
    ratio = beacon["rps"] / health["rps"] if health["rps"] else 0
    print()
    print(
        f"gunicorn {WORKERS} sync workers, PostgreSQL, wrk -t{THREADS} -c{CONNECTIONS} "
        f"-d{DURATION}, {os.cpu_count()} CPU cores shared by all"
    )
    print()
    print(f"| {'endpoint':<28} | {'req/s':>9} | {'p50 ms':>7} | {'p99 ms':>7} | {'ratio':>5} |")
    print(f"|{'-' * 30}|{'-' * 11}|{'-' * 9}|{'-' * 9}|{'-' * 7}|")
    for name, result, share in (
        ("GET /kyanh/health/", health, 1.0),
        ("POST /kyanh/visits/beacon/", beacon, ratio),
    ):
        print(
            f"| {name:<28} | {result['rps']:>9.0f} | {result['p50']:>7.2f} | "
            f"{result['p99']:>7.2f} | {share:>5.2f} |"
        )
    print()
    answered = beacon["requests"]
    print(
        f"beacon hits answered: {answered}, non-2xx: {beacon['non_2xx']}; "
        f"counted in the database: {gained}"
    )
    # wrk stops with up to one request per connection in flight: the server may finish
    # (and count) those although wrk no longer waits for the answer.
    complete = beacon["non_2xx"] == 0 and answered <= gained <= answered + CONNECTIONS
    print("every answered hit was counted: " + ("yes" if complete else "NO"))
    print(f"beacon at least half the trivial view's rate: {'yes' if ratio >= 0.5 else 'NO'}")
    if not complete:
        print(beacon_output)
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
