"""Per-site content generations and the one cache store.

A commune's publish refreshes that commune's pages and leaves the other sites'
cached pages as they are; a value another process is rebuilding is served from
its previous copy meanwhile; a cache that fails costs speed, not pages.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from kyanh_cms.caching import generation, store
from kyanh_cms.caching.context import request_cache
from kyanh_cms.models import PortalHomePage

pytestmark = pytest.mark.django_db
COMMUNE = "xa-a.localhost"


@pytest.fixture
def commune(portal, news):
    home = Page.get_first_root_node().add_child(
        instance=PortalHomePage(title="Trang chủ xã Kỳ Hoa", slug="ky-hoa")
    )
    site = Site.objects.create(hostname=COMMUNE, port=80, root_page=home, site_name="Kỳ Hoa")
    category = news.category("Tin xã", slug="tin-xa", parent=home)
    article = news.article(category, title="Xã ra quân làm đường giao thông nông thôn")
    town_article = news.article(news.category("Tin tức", slug="tin-tuc"), title="Tin thị xã")
    cache.clear()
    return site, article, town_article


def _get(client, url, host):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_publish_in_one_commune_leaves_the_other_sites_pages_warm(client, commune):
    site, article, town_article = commune
    town_url = town_article.relative_url(town_article.get_site())
    commune_url = article.relative_url(site)
    for _ in range(2):
        _get(client, town_url, "localhost")
        _get(client, commune_url, COMMUNE)
    assert _get(client, town_url, "localhost")[0] == 0

    article.title = "Xã hoàn thành 5 km đường bê tông"
    article.tags.add("giao thông nông thôn")  # rows the page holds are saved with it
    article.save_revision().publish()

    town_queries, town_html = _get(client, town_url, "localhost")
    assert town_queries == 0, "the town's warm page was made cold by a commune's publish"
    assert "Tin thị xã" in town_html
    _queries, commune_html = _get(client, commune_url, COMMUNE)
    assert "Xã hoàn thành 5 km đường bê tông" in commune_html


def test_a_snippet_or_site_change_refreshes_every_site(client, commune):
    site, article, town_article = commune
    town_url = town_article.relative_url(town_article.get_site())
    _get(client, town_url, "localhost")
    _get(client, town_url, "localhost")
    site.site_name = "Xã Kỳ Hoa"
    site.save()
    assert _get(client, town_url, "localhost")[0] > 0


def test_a_stale_value_is_served_while_another_process_rebuilds_it(portal, rf):
    builds = []

    def build(value):
        builds.append(value)
        return value

    def page_view(*values):
        """What one request gets: the greeting, and a sentence built from it."""
        with request_cache(rf.get("/")):
            greeting = store.cached("greeting", (), lambda: build(values[0]), scope=portal.pk)
            sentence = store.cached(
                "sentence", (), lambda: build(f"{greeting}, {values[1]}"), scope=portal.pk
            )
        return greeting, sentence

    assert page_view("cũ", "bạn") == ("cũ", "cũ, bạn")
    generation.content_changed([portal.pk])
    # Another process took the rebuild lock of the greeting: this request serves its
    # previous copy and builds the sentence from it — but does not store that as current.
    lock = store.cache_key("greeting", (), portal.pk) + ":rebuild"
    cache.add(lock, 1, 30)
    assert page_view("mới", "bạn") == ("cũ", "cũ, bạn")
    assert builds == ["cũ", "cũ, bạn", "cũ, bạn"]
    cache.delete(lock)
    assert page_view("mới", "bạn") == ("mới", "mới, bạn")
    assert page_view("lại", "nữa") == ("mới", "mới, bạn")
    assert builds == ["cũ", "cũ, bạn", "cũ, bạn", "mới", "mới, bạn"]


def test_without_a_request_a_stale_value_is_rebuilt_at_once(portal):
    assert store.cached("greeting", (), lambda: "cũ", scope=portal.pk) == "cũ"
    generation.content_changed([portal.pk])
    cache.add(store.cache_key("greeting", (), portal.pk) + ":rebuild", 1, 30)
    assert store.cached("greeting", (), lambda: "mới", scope=portal.pk) == "mới"


def test_none_and_empty_values_are_cached_like_any_other(portal):
    builds = []
    for _ in range(3):
        assert store.cached("nothing", (), lambda: builds.append(1), scope=portal.pk) is None
    assert builds == [1]


def test_a_cache_that_fails_costs_speed_not_answers(portal, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    for name in ("get", "get_many", "set", "add", "delete"):
        monkeypatch.setattr(cache, name, down)
    assert store.cached("answer", (), lambda: 42, scope=portal.pk) == 42
    store.forget("answer")  # logged, not raised


def test_the_site_middleware_reads_the_cache_for_pages_only(client, commune, monkeypatch):
    site, article, town_article = commune
    reads = []
    real_get_many = cache.get_many

    def counting_get_many(keys, *args, **kwargs):
        reads.append(keys)
        return real_get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting_get_many)
    assert client.get("/kyanh/health/live/").status_code == 200
    assert reads == []  # a load balancer's check costs no cache round trip
    client.get(town_article.relative_url(town_article.get_site()))
    assert reads


def test_a_warm_page_reads_the_cache_in_two_round_trips(client, commune, monkeypatch):
    """Its manifest, then every value and token it needs at once (with Redis each read
    is a network round trip)."""
    site, article, town_article = commune
    url = town_article.relative_url(town_article.get_site())
    _get(client, url, "localhost")  # builds the values
    _get(client, url, "localhost")  # reads them one by one and writes the manifest
    trips, inside = [], []

    def counted(name, real):
        # The memory cache's get_many calls get for each key: count the outer call only.
        def call(*args, **kwargs):
            if not inside:
                trips.append(name)
            inside.append(name)
            try:
                return real(*args, **kwargs)
            finally:
                inside.pop()

        return call

    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    queries, html = _get(client, url, "localhost")
    assert queries == 0 and "Tin thị xã" in html
    assert trips == ["get", "get_many"], trips
