"""The work schedule with five years of entries, served as ``make bench`` serves the portal.

Builds its own data set on PostgreSQL (``DATABASE_URL``, through
``scripts/with_postgres.py``): the demo town's site and schedule with ``--years``
years of entries (about 25 a week over four blocs), and ``--others`` more schedule
pages with as many entries each, so the table holds what a province's 70 communes
write in those years — all written in bulk, then analysed. Serves the example site
with gunicorn exactly as ``scripts/bench.py`` does (its ``Server``, settings
``kyanh_example.settings.bench``, Redis through ``scripts/with_redis.py``) and
measures this week's page, a filtered and searched week, the Word file and the
calendar feed, and the home page for reference (what every page of the site rebuilds
after a change):

- **warm**: wrk for ``--duration`` seconds after every worker has answered;
  req/s, p50 and p99, and the SQL queries of one warm request.
- **cold**: the first request after an entry of the site is saved (which moves the
  site's generation); the median and the worst of ``--cold-rounds`` rounds.

    python scripts/with_postgres.py python scripts/with_redis.py \\
        python scripts/bench_schedules.py [--years 5] [--others 69] [--duration 5]
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402 - the portal benchmark's helpers (server, wrk, database)

TARGET_COLD_MS = 100
CONTENTS = (
    "Giao ban lãnh đạo đầu tuần",
    "Tiếp công dân định kỳ",
    "Kiểm tra tiến độ xây dựng nông thôn mới",
    "Họp Ban Chỉ đạo phòng, chống thiên tai",
    "Làm việc với Đảng ủy các thôn về công tác xây dựng Đảng",
    "Giám sát giải quyết kiến nghị cử tri",
    "Hội nghị hiệp thương của Ủy ban MTTQ",
    "Kiểm tra công tác thu ngân sách",
    "Dự lễ khánh thành nhà văn hóa thôn",
    "Họp thẩm định hồ sơ đất đai",
)
CHAIRS = (
    "Đ/c Phan Văn Dũng – Bí thư Đảng ủy",
    "Đ/c Nguyễn Thị Hà – Chủ tịch HĐND",
    "Đ/c Lê Minh Tuấn – Chủ tịch UBND",
    "Đ/c Trần Văn Hùng – Phó Chủ tịch UBND",
    "Đ/c Võ Thị Lan – Chủ tịch Ủy ban MTTQ",
)
BLOCS = ("dang-uy", "hdnd", "ubnd", "mttq")
PER_WEEK = 25


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--others", type=int, default=69)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--cold-rounds", type=int, default=9)
    return parser.parse_args()


def prepare(postgres_url, years, others):
    database_url = bench.scale_database_url(postgres_url, f"schedules_{years}_{others}")
    bench.recreate_database(postgres_url, database_url)
    bench.RUN_DIR = bench.BENCH_DIR / "run-schedules"
    shutil.rmtree(bench.RUN_DIR, ignore_errors=True)
    media = bench.RUN_DIR / "media"
    media.mkdir(parents=True)
    env = bench.django_environment(database_url, media, cache="redis")
    bench.manage(env, "migrate", "--noinput")
    bench.manage(env, "collectstatic", "--noinput")
    return env


def entries_for(schedule, years, rng):
    """About ``PER_WEEK`` entries a week from ``years`` ago to a month ahead."""
    from kyanh_cms.core.text import fold_vietnamese
    from kyanh_cms.models import ScheduleEntry
    from kyanh_cms.schedules.models import SESSION_STARTS

    today = datetime.date.today()
    day = today - datetime.timedelta(days=365 * years)
    now = datetime.datetime.now(datetime.UTC)
    rows = []
    while day <= today + datetime.timedelta(days=28):
        for _n in range(PER_WEEK // 5 if day.weekday() < 5 else 0):
            session = rng.choice(("sang", "chieu"))
            content = rng.choice(CONTENTS)
            chair = rng.choice(CHAIRS)
            place = "Hội trường UBND"
            rows.append(
                ScheduleEntry(
                    schedule=schedule,
                    date=day,
                    session=session,
                    sort_time=SESSION_STARTS[session],
                    content=content,
                    chair=chair,
                    participants="Các thành viên liên quan",
                    place=place,
                    preparing_unit="Văn phòng",
                    bloc=rng.choice(BLOCS),
                    state="published",
                    published_at=now,
                    search_text=fold_vietnamese(f"{content} {chair} {place} Văn phòng"),
                )
            )
        day += datetime.timedelta(days=1)
    return rows


def build(years, others):
    from django.db import connection, transaction

    from kyanh_cms.demo import schedules as demo_schedules
    from kyanh_cms.demo import site as demo_site
    from kyanh_cms.models import PortalHomePage, ScheduleEntry, WorkSchedulePage

    quiet = io.StringIO()
    demo_site.seed(quiet)
    demo_schedules.seed(quiet)
    schedule = WorkSchedulePage.objects.get(slug=demo_schedules.SLUG)
    home = PortalHomePage.objects.get(pk=schedule.get_parent().pk)
    rng = random.Random(42)  # noqa: S311 - a reproducible data set, not a secret
    pages = [schedule]
    for n in range(others):
        other = WorkSchedulePage(title=f"Lịch công tác {n}", slug=f"lich-cong-tac-{n}", live=True)
        home.add_child(instance=other)
        pages.append(other)
    with transaction.atomic():
        for page in pages:
            ScheduleEntry.objects.bulk_create(entries_for(page, years, rng), batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return schedule


def save_an_entry(schedule):
    """What an editor's change does: one entry of this week saved (the site's
    generation moves)."""
    from kyanh_cms.schedules.weeks import Week

    entry = schedule.entries.in_week(Week.current()).order_by("?").first()
    entry.place = random.choice(("Hội trường UBND", "Phòng họp số 2"))  # noqa: S311
    entry.save()


def main():
    options = parse_options()
    postgres_url = os.environ.get("DATABASE_URL", "")
    if not postgres_url.startswith("postgres") or not os.environ.get("REDIS_URL"):
        print("Run me through scripts/with_postgres.py and scripts/with_redis.py.", file=sys.stderr)
        return 2
    started = time.monotonic()
    env = prepare(postgres_url, options.years, options.others)
    bench.setup_django(env)
    schedule = build(options.years, options.others)
    bench.clear_cache()
    from kyanh_cms.models import ScheduleEntry

    total = ScheduleEntry.objects.count()
    own = schedule.entries.count()
    print(
        f"{total} entries ({own} on the measured schedule) written in "
        f"{time.monotonic() - started:.0f} s.",
        flush=True,
    )
    path = schedule.get_url()
    urls = {
        "this week": path,
        "bloc + leader + search": path
        + "?"
        + urllib.parse.urlencode({"khoi": "ubnd", "lanh_dao": CHAIRS[2], "q": "tiep cong dan"}),
        "Word (.docx)": path + "word/",
        "iCal feed": path + "ical/",
        # What any page of the site costs after a change (menu, sidebar, settings
        # rebuilt): the week page's own share is the difference.
        "home page (reference)": "/",
    }
    rows = []
    with bench.Server(env) as server:
        for label, url in urls.items():
            seconds, status, headers, _content = bench.warm_up(server.base + url, bench.WORKERS)
            if status != 200:
                raise SystemExit(f"{url} answered {status}")
            result, _output = bench.run_wrk(server.base + url, options.duration)
            cold = []
            for _round in range(options.cold_rounds):
                save_an_entry(schedule)
                seconds, status, _headers, _content = bench.request(server.base + url)
                cold.append(seconds * 1000)
            rows.append((label, result, headers.get("X-Kyanh-Queries", "?"), cold))
    print()
    print(
        f"Work schedule, {options.years} years ({total} entries, {own} on this site), "
        f"PostgreSQL + Redis, {bench.WORKERS} gunicorn workers, "
        f"wrk -t{bench.THREADS} -c{bench.CONNECTIONS}"
    )
    print(
        f"{'page':26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8} "
        f"{'cold ms':>8} {'worst':>8}"
    )
    for label, result, queries, cold in rows:
        print(
            f"{label:26} {result['rps'] or 0:8.0f} {result['p50'] or 0:8.1f} "
            f"{result['p99'] or 0:8.1f} {queries:>8} {statistics.median(cold):8.1f} "
            f"{max(cold):8.1f}"
        )
    week_cold = statistics.median(rows[0][3])
    mark = "✓" if week_cold <= TARGET_COLD_MS else "✗"
    print(f"\nTarget: the week page cold ≤ {TARGET_COLD_MS} ms (median): {week_cold:.1f} ms {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
