"""Publishing an article purges the pages that list it from a front-end cache."""

import pytest
from wagtail.contrib.frontend_cache.utils import PurgeBatch

FRONTEND_CACHE = {
    "proxy": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": "http://127.0.0.1:9",
    }
}


@pytest.fixture
def purged(monkeypatch):
    urls = []
    monkeypatch.setattr(PurgeBatch, "purge", lambda batch, **kwargs: urls.extend(batch.urls))
    return urls


def test_publishing_an_article_purges_its_categories_and_the_home_page(
    news, settings, purged, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = FRONTEND_CACHE
    parent = news.category("Tin tức", slug="tin-tuc")
    child = news.category("Tin hoạt động", slug="tin-hoat-dong", parent=parent)

    with django_capture_on_commit_callbacks(execute=True):
        article = news.article(child, title="Kỳ Anh khởi công cầu mới")
    assert {url.split("localhost", 1)[1] for url in purged} >= {
        "/",
        "/tin-tuc/",
        "/tin-tuc/tin-hoat-dong/",
    }

    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert any(url.endswith("/tin-tuc/tin-hoat-dong/") for url in purged)


def test_nothing_is_purged_without_a_front_end_cache(news, purged, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    news.article(news.category("Tin tức", slug="tin-tuc"), title="Bài không cần xoá bộ đệm")
    assert purged == []
