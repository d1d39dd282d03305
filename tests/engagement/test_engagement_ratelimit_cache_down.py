"""The rate limiter on a real Redis that the test stops and starts again.

With the shared cache down, comments and votes still work (the captcha is still
checked in the database, a vote is still one per visitor), the limits are let
go, and one warning says so however many requests come; when Redis is back the
limits count again.
"""

import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client

from kyanh_cms.engagement import ratelimit
from kyanh_cms.models import RatingSummary, ReaderComment

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import with_redis  # noqa: E402  (scripts/with_redis.py: how the suite starts its Redis)

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="redis-server is not installed (make redis-deps)"
)

GONE_OR_WRONG = "Mã xác thực không đúng."


class StoppableRedis:
    """A redis-server of this test's own on a fixed port, stopped and started at will."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.port = with_redis.free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.workdir),
             "--logfile", str(self.workdir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + with_redis.START_SECONDS
        while not with_redis.answers_ping(self.port):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self):
        if self.process is not None:
            with_redis.stop_server(self.process)
            self.process = None


@pytest.fixture
def redis_server(tmp_path):
    server = StoppableRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(
    params=[
        "django.core.cache.backends.redis.RedisCache",  # raises when Redis is away
        "kyanh_cms.caching.backends.RedisCache",  # answers misses when Redis is away
    ],
    ids=["django backend", "guarded backend"],
)
def limits_on_redis(request, redis_server, settings):
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": request.param,
            "LOCATION": f"redis://127.0.0.1:{redis_server.port}/0",
            "KEY_PREFIX": "kyanh-test-limits",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    settings.KYANH_CMS = {
        "RATE_LIMIT_CACHE": "limits",
        "COMMENT_RATE_LIMIT": 1,
        "RATING_RATE_LIMIT": 1,
        "CAPTCHA_FREE_ATTEMPTS": 0,
    }
    ratelimit._last_warning["at"] = float("-inf")
    return redis_server


def post_comment(visitor, article, solve_captcha, content, answer=None):
    key, solution = solve_captcha(
        visitor.get(f"/kyanh/engagement/{article.pk}/comments/").content.decode()
    )
    data = {
        "name": "Hồ Văn Lợi",
        "content": content,
        "captcha_0": key,
        "captcha_1": solution if answer is None else answer,
    }
    return visitor.post(f"/kyanh/engagement/{article.pk}/comments/send/", data)


def vote(article, address):
    return (
        Client(REMOTE_ADDR=address)
        .post(f"/kyanh/engagement/{article.pk}/rating/send/", {"stars": "5"})
        .status_code
    )


def test_with_redis_stopped_comments_and_votes_still_work_and_the_captcha_holds(
    limits_on_redis, make_article, solve_captcha, caplog
):
    article = make_article()
    visitor = Client()
    # Redis up: the limit of one comment and one vote per address is counted.
    assert post_comment(visitor, article, solve_captcha, "Lần một").status_code == 302
    assert post_comment(visitor, article, solve_captcha, "Lần hai").status_code == 429
    assert vote(article, "203.0.113.1") == 302
    assert vote(article, "203.0.113.1") == 429

    limits_on_redis.stop()
    with caplog.at_level(logging.WARNING, logger="kyanh_cms.engagement.ratelimit"):
        # No 500: the comments are saved, the limit is let go.
        assert post_comment(visitor, article, solve_captcha, "Khi Redis tắt").status_code == 302
        assert post_comment(visitor, article, solve_captcha, "Vẫn gửi được").status_code == 302
        # The captcha is still checked (in the database), and no delay is invented.
        wrong = post_comment(visitor, article, solve_captcha, "Mã sai", answer="sai")
        assert wrong.status_code == 400
        assert GONE_OR_WRONG in wrong.content.decode()
        # Votes count, still one per visitor (the database's constraint).
        assert vote(article, "203.0.113.2") == 302
        assert vote(article, "203.0.113.2") == 302
    assert set(ReaderComment.objects.values_list("content", flat=True)) == {
        "Lần một",
        "Khi Redis tắt",
        "Vẫn gửi được",
    }
    assert RatingSummary.objects.get(page=article).count == 3
    warnings = [r for r in caplog.records if r.name == "kyanh_cms.engagement.ratelimit"]
    assert len(warnings) == 1  # once per interval, not once per request
    assert "cannot count" in warnings[0].getMessage()

    # Redis back (empty, as after a restart without snapshots): the limits count again.
    limits_on_redis.start()
    wait_until_the_cache_answers()
    other = Client(REMOTE_ADDR="198.51.100.4")
    assert post_comment(other, article, solve_captcha, "Sau khi chạy lại").status_code == 302
    limited = post_comment(other, article, solve_captcha, "Lần hai sau khi chạy lại")
    assert limited.status_code == 429


def wait_until_the_cache_answers(seconds=10):
    """The guarded backend leaves Redis alone for a short pause after a failure."""
    from django.core.cache import caches

    deadline = time.monotonic() + seconds
    while True:
        try:
            caches["limits"].set("probe", 1)
            if caches["limits"].get("probe") == 1:
                return
        except Exception:  # Django's backend raises until the server accepts connections
            time.sleep(0.1)
        assert time.monotonic() < deadline, "the cache did not come back"
        time.sleep(0.1)
