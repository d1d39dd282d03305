"""The shared cache stops: the portal keeps serving, editors keep publishing, and when
the cache comes back — with its saved data or empty — no page is older than the database.

A real Redis of the test's own (``own_redis``) is stopped and started again; the
portal's default cache is ``kyanh_cms.caching.backends.RedisCache`` on it, as in the
production settings.
"""

import json
import logging

import pytest

from kyanh_cms.caching import epoch
from kyanh_cms.models import CacheEpoch


@pytest.fixture
def redis_cache(settings, own_redis):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "kyanh_cms.caching.backends.RedisCache",
            "LOCATION": own_redis.url,
            "KEY_PREFIX": "down-test",
            # Try Redis again at once: the test restarts it and asks straight away.
            "OPTIONS": {"DOWN_RETRY_SECONDS": 0},
        },
    }
    settings.KYANH_CMS = {**getattr(settings, "KYANH_CMS", {}), "CACHE_EPOCH_CHECK_SECONDS": 0}
    epoch.forget()
    yield own_redis
    epoch.assume("0", hold=True)


def publish_title(page, title):
    page.title = title
    page.save_revision().publish()


def shown(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def pages(news):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong", home_page_articles=6)
    article = news.article(category, "Khởi công cầu Kỳ Hoa", slug="cau-ky-hoa")
    return news.site.root_page, category, article


@pytest.mark.parametrize("comes_back", ["with its saved data", "empty"])
def test_pages_and_publishing_survive_and_nothing_old_returns(
    client, redis_cache, pages, comes_back, caplog
):
    home, category, article = pages
    for page in (home, category, article):
        assert "Khởi công cầu Kỳ Hoa" in shown(client, page)  # now cached in Redis
    assert json.loads(client.get("/kyanh/health/").content)["cache"] == "ok"

    redis_cache.stop(save=comes_back == "with its saved data")
    with caplog.at_level(logging.ERROR, logger="kyanh_cms.cache"):
        for page in (home, category, article):
            assert "Khởi công cầu Kỳ Hoa" in shown(client, page)
        # An editor publishes while the cache is away: no error, and the pages say so.
        publish_title(article, "Thông xe cầu Kỳ Hoa")
        for page in (home, category, article):
            html = shown(client, page)
            assert "Thông xe cầu Kỳ Hoa" in html and "Khởi công cầu Kỳ Hoa" not in html
        health = client.get("/kyanh/health/")
    assert health.status_code == 503
    assert json.loads(health.content) == {"status": "degraded", "database": "ok", "cache": "down"}
    outage_logs = [r for r in caplog.records if "cannot be reached" in r.getMessage()]
    assert len(outage_logs) == 1  # once per interval, not once per request
    assert CacheEpoch.objects.get().value >= 1

    redis_cache.start()
    for page in (home, category, article):
        html = shown(client, page)
        assert "Thông xe cầu Kỳ Hoa" in html and "Khởi công cầu Kỳ Hoa" not in html
    assert client.get("/kyanh/health/").status_code == 200


def test_a_process_that_missed_the_outage_catches_up_within_the_interval(
    client, redis_cache, pages, settings
):
    home, category, article = pages
    assert "Khởi công cầu Kỳ Hoa" in shown(client, article)
    redis_cache.stop(save=True)
    publish_title(article, "Thông xe cầu Kỳ Hoa")
    redis_cache.start()
    # Another worker, idle during the outage, last read the epoch before the publish.
    settings.KYANH_CMS = {**settings.KYANH_CMS, "CACHE_EPOCH_CHECK_SECONDS": 1}
    epoch.assume("0")
    assert "Khởi công cầu Kỳ Hoa" in shown(client, article)  # until its next read…
    epoch.forget()  # …which the interval brings (at most a second later)
    html = shown(client, article)
    assert "Thông xe cầu Kỳ Hoa" in html and "Khởi công cầu Kỳ Hoa" not in html


def test_the_epoch_never_goes_backwards_and_costs_one_query_per_interval(
    client, redis_cache, pages, django_assert_num_queries
):
    home, category, article = pages
    shown(client, article)
    epoch.record_lost_change()
    epoch.record_lost_change()
    assert CacheEpoch.objects.get().value == 2
    assert epoch.current() == "2"
    epoch.assume("2", hold=True)  # read once; the interval has not passed
    shown(client, article)
    with django_assert_num_queries(0):
        shown(client, article)
