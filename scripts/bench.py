"""``make bench``: the portal at scale, served as in production, driven by wrk.

Builds (or restores from ``.bench/``) the portal-scale data set of
``scripts/bench_data.py``, serves the example site with gunicorn (2 sync
workers, ``kyanh_example.settings.bench``: DEBUG off, cached templates,
persistent connections) on 127.0.0.1, and drives each URL with wrk for a
fixed time, three times. Prints one table: requests per second (median of
the runs), p50/p99 latency of that run, SQL queries per request (read from
the bench-only ``X-Kyanh-Queries`` header of a warm request), peak RSS per
worker (``VmHWM`` of the gunicorn workers, the larger of the two) and each
row's share of the ceiling, a trivial view served by the same server and
middleware.

Every URL gets a fresh gunicorn, so each row's peak RSS is that page's own.
The database runs on SQLite unless ``DATABASE_URL`` is set (``make bench
DB=postgres`` runs this under ``scripts/with_postgres.py``).

The generated database is kept in ``.bench/<data-set key>/`` (a SQLite file,
a ``pg_dump`` archive and the original images); the key changes with the
generator, the demo content and the migrations, so a stale copy is never
reused. Each run works on a copy, so POSTs never change the kept one.

Options: ``--page-cache`` (the optional full-page cache on), ``--duration``
(seconds per run, default 5), ``--runs`` (default 3), ``--only`` (row names,
comma-separated). ``BENCH_CONNECTIONS``/``BENCH_THREADS`` change wrk's load.
"""

import argparse
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = REPO / "example_site"
BENCH_DIR = REPO / ".bench"
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
DATASET_VERSION = "1"
CAPTCHA_ANSWER = "kyan"
CHALLENGES_PER_THREAD = 4000

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_data  # noqa: E402

# --- the data set ------------------------------------------------------------------------------


def dataset_key():
    digest = hashlib.sha256(DATASET_VERSION.encode())
    sources = [Path(bench_data.__file__)]
    sources += sorted((REPO / "kyanh_cms" / "migrations").glob("*.py"))
    sources += sorted((REPO / "kyanh_cms" / "demo").glob("*.py"))
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def django_environment(database_url, media_root, page_cache=False):
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="kyanh_example.settings.bench",
        DATABASE_URL=database_url,
        KYANH_MEDIA_ROOT=str(media_root),
        KYANH_BENCH_STATIC_ROOT=str(RUN_DIR / "static"),
        KYANH_BENCH_PAGE_CACHE="1" if page_cache else "0",
        KYANH_BENCH_CACHE_DIR=str(RUN_DIR / "page-cache"),
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


def prepare_database(postgres_url):
    """The run's database (a fresh copy of the kept data set) and its media folder."""
    key = dataset_key()
    kept = BENCH_DIR / key
    kept_media = kept / "media"
    kept.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(RUN_DIR, ignore_errors=True)
    RUN_DIR.mkdir(parents=True)
    run_media = RUN_DIR / "media"
    started = time.monotonic()
    if postgres_url is None:
        kept_db = kept / "portal.sqlite3"
        if not kept_db.exists():
            print(f"Generating the data set on SQLite (kept in {kept})…", flush=True)
            partial = kept / "portal.sqlite3.partial"
            partial.unlink(missing_ok=True)
            env = django_environment(f"sqlite:///{partial}", kept_media)
            run_python(env, str(Path(bench_data.__file__)))
            partial.rename(kept_db)
        else:
            print(f"Data set {key}: restoring the kept SQLite copy.", flush=True)
        run_db = RUN_DIR / "portal.sqlite3"
        shutil.copyfile(kept_db, run_db)
        database_url = f"sqlite:///{run_db}"
    else:
        dump = kept / "portal.pgdump"
        database_url = postgres_url
        if not dump.exists():
            print(f"Generating the data set on PostgreSQL (kept in {kept})…", flush=True)
            env = django_environment(database_url, kept_media)
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
    env = django_environment(database_url, run_media)
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
        "showcases": ShowcaseIndexPage.objects.first().get_url_parts()[2],
        "task_plans": TaskPlanIndexPage.objects.first().get_url_parts()[2],
        # Profiled only (scripts/bench_profile.py), not driven by wrk.
        "showcase": ShowcasePage.objects.live().order_by("path").first().get_url_parts()[2],
        "feed": f"{listing}rss/",
        "sitemap": "/sitemap.xml?p=1",
        "download": article.get_url_parts()[2] + "tai-ve/",
        "engagement": f"/kyanh/engagement/{article.pk}/",
    }


def counted_views():
    from kyanh_cms.models import DailySiteVisits

    fresh_connection()
    return sum(DailySiteVisits.objects.values_list("views", flat=True))


def store_challenges(prefix, threads, per_thread):
    """Captcha challenges with a known answer, one per comment wrk will post.

    The comment POST is measured on the real path: the captcha is checked
    (and spent) in the database, not switched to a test mode.
    """
    from captcha.models import CaptchaStore
    from django.utils import timezone

    fresh_connection()
    expiration = timezone.now() + timezone.timedelta(hours=2)
    CaptchaStore.objects.filter(hashkey__startswith="bench").delete()
    CaptchaStore.objects.bulk_create(
        [
            CaptchaStore(
                hashkey=f"{prefix}{thread}-{number}",
                challenge=CAPTCHA_ANSWER.upper(),
                response=CAPTCHA_ANSWER,
                expiration=expiration,
            )
            for thread in range(threads)
            for number in range(1, per_thread + 1)
        ],
        batch_size=2000,
    )


def spent_challenges(prefix):
    from captcha.models import CaptchaStore

    fresh_connection()
    return CaptchaStore.objects.filter(hashkey__startswith=prefix).count()


# --- the server and wrk ----------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with 2 sync workers on a free loopback port, stopped on exit."""

    def __init__(self, env):
        self.env = env
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "kyanh_example.wsgi:application",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "300",
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=str(EXAMPLE_SITE),
        )
        for _attempt in range(300):
            try:
                urllib.request.urlopen(self.base + "/kyanh/health/", timeout=2).read()  # noqa: S310
                return self
            except OSError:
                time.sleep(0.1)
        self.process.terminate()
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def peak_rss_mb(self):
        """The largest ``VmHWM`` (peak resident set) of the workers, in MB."""
        peaks = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return max(peaks) if peaks else None


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
    target: Target
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    queries: str = "?"
    rss: float | None = None
    note: str = ""
    runs: list = field(default_factory=list)
    estimated: bool = False


def lua_post(path, headers, body_template, per_thread_keys=False):
    """A wrk script posting ``body_template`` (``{key}`` becomes a per-request captcha key)."""
    header_lines = "".join(f"  [{json.dumps(k)}] = {json.dumps(v)},\n" for k, v in headers.items())
    key = '"bench" .. run_prefix .. tid .. "-" .. n' if per_thread_keys else '""'
    return (
        "local counter = 0\n"
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
        f"  }}, 'p={page_id}')\n"
        "end\n"
    )
    rate_path = f"/kyanh/engagement/{page_id}/rating/send/"
    comment_path = f"/kyanh/engagement/{page_id}/comments/send/"
    total_pages = found["listing_last"].rsplit("=", 1)[1]
    return [
        Target("health", "trivial view `/kyanh/health/` (ceiling)", "/kyanh/health/"),
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


def measure(target, env, runs, duration):
    row = Row(target)
    script = None
    if target.lua:
        script = RUN_DIR / f"{target.name}.lua"
    with Server(env) as server:
        url = server.base + target.path
        prefix = f"bench{secrets.token_hex(3)}"
        if target.name == "comment":
            # wrk's warm-up and runs each draw keys from their own prefix.
            store_challenges(prefix + "s", 1, 1)
        form = dict(target.form or {})
        if target.name == "comment":
            form["captcha_0"] = f"{prefix}s0-1"
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
        if status >= 400:
            row.rss = server.peak_rss_mb()
            return row
        if seconds > SLOW_REQUEST_SECONDS:
            # wrk would only see time-outs: report what one warm request costs.
            row.rps = WORKERS / seconds
            row.p50 = row.p99 = seconds * 1000
            row.estimated = True
            row.note = f"one request takes {seconds:.1f} s; rate = {WORKERS} workers / that"
            row.rss = server.peak_rss_mb()
            return row
        before = None
        for run in range(runs + 1):  # the first run warms up and is not counted
            if run == 1 and target.name == "beacon":
                time.sleep(0.5)  # hits of the warm-up still in flight
                before = counted_views()
            if script is not None:
                lua = target.lua.replace("run_prefix", json.dumps(f"{prefix[5:]}r{run}-"))
                script.write_text(lua)
                if target.name == "comment":
                    time.sleep(0.5)  # posts of the previous run still in flight
                    store_challenges(f"{prefix}r{run}-", THREADS, CHALLENGES_PER_THREAD)
            result, output = run_wrk(url, 1 if run == 0 else duration, script)
            if run:
                row.runs.append(result)
        time.sleep(0.5)
        row.rss = server.peak_rss_mb()
    if before is not None:
        answered = sum(result["requests"] for result in row.runs)
        gained = counted_views() - before
        # wrk stops with up to one request per connection in flight: the server may
        # finish (and count) those although wrk no longer waits for the answer.
        complete = answered <= gained <= answered + CONNECTIONS * len(row.runs)
        row.note = f"{answered} hits answered, {gained} counted" + ("" if complete else " (LOST)")
    median = sorted(row.runs, key=lambda result: result["rps"])[len(row.runs) // 2]
    row.rps, row.p50, row.p99 = median["rps"], median["p50"], median["p99"]
    failures = sum(result["non_2xx"] + result["timeouts"] for result in row.runs)
    if failures:
        row.note = (row.note + "; " if row.note else "") + f"{failures} non-2xx or time-outs"
    return row


def fmt(value, pattern):
    return "—" if value is None else format(value, pattern)


def print_table(rows, title):
    ceiling = next((row.rps for row in rows if row.target.name == "health"), None)
    lines = [
        title,
        "",
        "| page | req/s | p50 ms | p99 ms | queries | peak RSS MB | × ceiling | note |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        share = row.rps / ceiling if ceiling and row.rps is not None else None
        digits = ".5f" if share is not None and share < 0.001 else ".3f"
        rate = row.rps or 0
        rps = fmt(row.rps, ".3f" if rate < 1 else ".1f" if rate < 10 else ".0f")
        lines.append(
            f"| {row.target.label} | {'≈' if row.estimated else ''}{rps} | "
            f"{fmt(row.p50, '.1f')} | {fmt(row.p99, '.1f')} | {row.queries} | "
            f"{fmt(row.rss, '.0f')} | {fmt(share, digits)} | {row.note} |"
        )
    print("\n".join(lines), flush=True)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page-cache", action="store_true")
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk (make bench does it).", file=sys.stderr)
        return 2
    postgres_url = os.environ.get("DATABASE_URL")
    database_url, media = prepare_database(postgres_url)
    env = django_environment(database_url, media, page_cache=options.page_cache)
    setup_django(env)
    found = targets_from_database()
    targets = build_targets(found)
    if options.only:
        wanted = {"health", *options.only.split(",")}
        targets = [target for target in targets if target.name in wanted]
    database = "PostgreSQL" if postgres_url else "SQLite"
    started = time.monotonic()
    rows = []
    for target in targets:
        if options.page_cache:
            shutil.rmtree(RUN_DIR / "page-cache", ignore_errors=True)
        print(f"… {target.label}", flush=True)
        rows.append(measure(target, env, options.runs, options.duration))
    title = (
        f"{database}, full-page cache {'on' if options.page_cache else 'off'}: gunicorn "
        f"{WORKERS} sync workers, wrk -t{THREADS} -c{CONNECTIONS}, {options.runs} runs × "
        f"{options.duration} s per row (median), {os.cpu_count()} CPU cores shared by all; "
        f"{found['listing_total']} articles listed"
    )
    print()
    table = print_table(rows, title)
    results = BENCH_DIR / (
        f"results-{database.lower()}-{'cache' if options.page_cache else 'nocache'}.md"
    )
    results.write_text(table + "\n")
    print(f"\n(table saved to {results.relative_to(REPO)}; {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
