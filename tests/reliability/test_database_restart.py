"""PostgreSQL restarts under running app workers: the next request succeeds.

Workers keep their database connection between requests (``CONN_MAX_AGE``); after a
restart every kept connection is dead. With ``CONN_HEALTH_CHECKS`` each worker checks
its connection before a request uses it and reconnects. While the database is down,
the health check says so (503); once it is back, 200.
"""

import json
import os
import subprocess
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"]
    or not os.environ.get("KYANH_TEST_PG_CTL")
    or not os.environ.get("REDIS_URL"),
    reason="restarts the test's PostgreSQL server: run through scripts/with_postgres.py and "
    "scripts/with_redis.py (make test-postgres)",
)

WORKERS = 2


def pg_ctl(action):
    command = [*json.loads(os.environ["KYANH_TEST_PG_CTL"]), "-w", action]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=60)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def database_url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def test_workers_serve_again_right_after_postgresql_restarts(
    transactional_db, news, gunicorn_server
):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    article = news.article(category, "Họp dân bàn làm đường liên thôn", slug="hop-dan")
    env = {"DATABASE_URL": database_url(), "KYANH_CACHE_KEY_PREFIX": "pg-restart"}
    with gunicorn_server("kyanh_example.settings.workers", env, workers=WORKERS) as url:
        # Every worker opens and keeps its connection.
        for _ in range(4 * WORKERS):
            assert fetch(url + article.url)[0] == 200
        pg_ctl("restart")
        connection.close()  # this process's own kept connection died too
        answers = [fetch(url + article.url) for _ in range(4 * WORKERS)]
        assert [status for status, _ in answers] == [200] * (4 * WORKERS)
        assert all("Họp dân bàn làm đường liên thôn" in body for _, body in answers)

        pg_ctl("stop")
        try:
            status, body = fetch(url + "/kyanh/health/")
            assert status == 503
            assert json.loads(body)["database"] == "down"
        finally:
            pg_ctl("start")
            connection.close()
        assert fetch(url + "/kyanh/health/")[0] == 200
