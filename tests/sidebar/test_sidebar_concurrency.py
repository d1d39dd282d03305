"""No hit is lost with several worker processes: a real gunicorn server on PostgreSQL."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from kyanh_cms.models import DailyPageViews, DailySiteVisits, OnlineVisitor, PortalHomePage

EXAMPLE_SITE = Path(__file__).resolve().parents[2] / "example_site"
WORKERS = 3
HITS = 150
THREADS = 12


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.fixture
def gunicorn_server(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run through scripts/with_postgres.py)")
    port = free_port()
    env = dict(
        os.environ,
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="kyanh_example.settings.test",
        PYTHONPATH=str(EXAMPLE_SITE),
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "kyanh_example.wsgi:application",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=str(EXAMPLE_SITE),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(base + "/kyanh/health/live/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def post_beacon(base, page_id, visitor):
    request = urllib.request.Request(
        base + "/kyanh/visits/beacon/",
        data=f"p={page_id}".encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": f"Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 visitor-{visitor}",
            "Sec-Fetch-Site": "same-origin",  # sent from the page itself
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def test_concurrent_beacons_on_several_workers_are_all_counted(portal, gunicorn_server):
    article = PortalHomePage(title="Đón nhận danh hiệu thị xã nông thôn mới", slug="don-nhan")
    portal.root_page.add_child(instance=article)
    # No daily row exists yet: the first hits race to create it.
    assert not DailySiteVisits.objects.exists()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(
            pool.map(lambda n: post_beacon(gunicorn_server, article.pk, n % 20), range(HITS))
        )

    assert statuses == [204] * HITS
    assert sum(DailySiteVisits.objects.values_list("views", flat=True)) == HITS
    assert DailyPageViews.objects.get(page=article).views == HITS
    assert OnlineVisitor.objects.count() == 20
