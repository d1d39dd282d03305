"""The article search at some scale: the indexed, cached path finds exactly what a
plain scan of every article finds, in the same order, and stays within its query budget."""

import random
import unicodedata
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyanh_cms.core.text import fold_vietnamese
from kyanh_cms.models import NewsArticlePage
from kyanh_cms.news import models as news_models
from kyanh_cms.news import search_index

SEARCH_URL = "/tim-kiem/"

WORDS = [
    "Kỳ Anh",
    "chuyển đổi số",
    "đường ven biển",
    "học bổng",
    "Sông Trí",
    "lũ lụt",
    "nông thôn mới",
    "số hóa",
    "Đảng bộ",
    "sổ hộ khẩu",
    "Kỳ Hoa",
    "so sánh",
]


@pytest.fixture
def category(news):
    return news.category("Tin hoạt động", parent=news.category("Tin tức"))


def _titles_on_every_page(client, query):
    """The article links of every results page, in order, and the summary line."""
    found, page, summary = [], 1, None
    while True:
        response = client.get(SEARCH_URL, {"q": query, "page": page})
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        summary = summary or soup.select_one(".kyanh-search-summary").get_text(" ", strip=True)
        found += [a["href"] for a in soup.select(".kyanh-news-item__title a")]
        if not soup.select_one(f'.kyanh-pagination a[href*="page={page + 1}"]'):
            return found, summary
        page += 1


def _plain_scan(query):
    """What the search must find: every live article whose folded text holds every
    folded word of ``query``, newest first (ties: the later-created first)."""
    terms = fold_vietnamese(query).split()
    matching = [
        article
        for article in NewsArticlePage.objects.live()
        if all(term in fold_vietnamese(article.search_text) for term in terms)
    ]
    matching.sort(key=lambda article: (article.published_at, article.pk), reverse=True)
    return [article.url for article in matching]


@pytest.mark.django_db
def test_search_finds_what_a_plain_scan_finds_in_the_same_order(
    client, news, category, monkeypatch
):
    other = news.category("Tin văn hóa")
    rng = random.Random(8)  # the same articles every run  # noqa: S311
    start = timezone.now() - timedelta(days=400)
    for i in range(48):
        words = rng.sample(WORDS, 3)
        news.article(
            (category, other)[i % 2],
            f"Tin {i}: {words[0]}",
            lead=f"Bài về {words[1]} ở phường.",
            body=[{"type": "paragraph", "value": f"<p>Nói thêm về {words[2]}.</p>"}],
            # Every fourth article shares its date with the one before.
            published_at=start + timedelta(days=i - i % 4 // 3),
            publish=i % 9 != 4,  # a few drafts, which must never show
        )
    queries = [
        "ky anh",
        "Kỳ Anh",
        unicodedata.normalize("NFD", "SỐ HÓA"),
        "so",
        "đường",
        "hoc bong song tri",
        "tin",
        "không có đâu",
    ]
    # Both plans of the SQLite trigram table: read its candidates, or walk every article.
    for candidates in (search_index.FTS_CANDIDATES, -1):
        monkeypatch.setattr(search_index, "FTS_CANDIDATES", candidates)
        cache.clear()
        narrowed = 0
        for query in queries:
            expected = _plain_scan(query)
            with CaptureQueriesContext(connection) as queries_run:
                found, summary = _titles_on_every_page(client, query)
            assert found == expected, query
            assert f"Tìm thấy {len(expected)} bài viết" in summary
            sql = " ".join(q["sql"] for q in queries_run)
            narrowed += 'page_ptr_id" IN (SELECT rowid FROM kyanh_cms_news_search_fts' in sql
        # The first round reads the SQLite table's candidates, the second never does.
        assert bool(narrowed) == (connection.vendor == "sqlite" and candidates > 0)
    assert len(_plain_scan("tin")) > 20  # several pages were compared


@pytest.mark.django_db
def test_search_sees_publishing_and_unpublishing_at_once(client, news, category):
    def count(query):
        summary = BeautifulSoup(client.get(SEARCH_URL, {"q": query}).content, "html.parser")
        return summary.select_one(".kyanh-search-summary").get_text(" ", strip=True)

    assert count("lu lut") == "Tìm thấy 0 bài viết cho “lu lut”."
    article = news.article(category, "Ứng phó lũ lụt ở Kỳ Hoa")
    assert count("lu lut") == "Tìm thấy 1 bài viết cho “lu lut”."
    article.title = "Ứng phó bão ở Kỳ Hoa"
    article.save_revision().publish()
    assert count("lu lut").startswith("Tìm thấy 0 ")
    assert count("bao").startswith("Tìm thấy 1 ")
    article.unpublish()
    assert count("bao").startswith("Tìm thấy 0 ")
    article.save_revision().publish()
    assert count("bao").startswith("Tìm thấy 1 ")
    article.delete()
    assert count("bao").startswith("Tìm thấy 0 ")


@pytest.mark.django_db
def test_search_counts_up_to_a_limit_and_pages_through_the_newest(
    client, news, category, monkeypatch
):
    monkeypatch.setattr(news_models, "SEARCH_MAX_RESULTS", 12)
    monkeypatch.setattr("kyanh_cms.news.search.SEARCH_MAX_RESULTS", 12)
    start = timezone.now() - timedelta(days=30)
    for i in range(15):
        news.article(category, f"Chuyển đổi số {i}", published_at=start + timedelta(days=i))
    expected = _plain_scan("chuyen doi so")[:12]
    found, summary = _titles_on_every_page(client, "chuyen doi so")
    assert found == expected
    assert summary == "Tìm thấy hơn 12 bài viết cho “chuyen doi so”, bài mới nhất ở trước."


@pytest.mark.django_db
def test_search_counts_in_vietnamese_number_format(client, news, category, monkeypatch):
    monkeypatch.setattr(news_models, "SEARCH_MAX_RESULTS", 1000)
    news.article(category, "Kỳ Anh")
    ids = [news_models.NewsArticlePage.objects.get().pk] * 1000
    monkeypatch.setattr("kyanh_cms.news.search.search_result_ids", lambda *args: ids)
    text = BeautifulSoup(client.get(SEARCH_URL, {"q": "ky"}).content, "html.parser").get_text()
    assert "Tìm thấy 1.000 bài viết" in text


@pytest.mark.django_db
def test_search_query_budget(client, news, category, django_assert_max_num_queries):
    image = news.image()
    for i in range(12):
        news.article(category, f"Kỳ Anh {i}", main_image=image, tags=["Giao thông"])
    client.get(SEARCH_URL, {"q": "giao thong"})  # settings, menus and sidebar now cached
    with django_assert_max_num_queries(15):  # a new query: the search runs
        first = client.get(SEARCH_URL, {"q": "ky anh", "page": 2})
    assert first.status_code == 200
    client.get(SEARCH_URL, {"q": "ky anh", "page": 1})  # the day's first hit of the query
    # Then: the site, ten articles, images, categories; and for search promotions (the
    # example site installs them) the promotions and the hit's update.
    with django_assert_max_num_queries(6 + 2):
        again = client.get(SEARCH_URL, {"q": "ky anh", "page": 1})
    assert len(BeautifulSoup(again.content, "html.parser").select(".kyanh-news-item")) == 10


@pytest.mark.django_db
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_can_answer_the_search_from_the_trigram_index(news, category):
    news.article(category, "Đường ven biển")
    query = NewsArticlePage.objects.search("duong bien").order_by().values("pk")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        # A table of one row is read whole; forbid that to see the index can serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "kyanh_cms_news_search_trgm" in plan


def test_search_terms_are_the_folded_distinct_words():
    assert news_models.search_terms("  Kỳ   ANH kỳ  ") == ["ky", "anh"]
    many = " ".join(f"tu{i}" for i in range(20))
    assert len(news_models.search_terms(many)) == news_models.SEARCH_MAX_TERMS


@pytest.mark.django_db
@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_trigram_table_comes_back_after_a_table_rebuild(client, news, category):
    # Django rebuilds an SQLite table to alter it, which drops the table's triggers.
    with connection.cursor() as cursor:
        for name in ("insert", "update", "delete"):
            cursor.execute(f"DROP TRIGGER {search_index.FTS_TABLE}_{name}")
    news.article(category, "Ứng phó bão ở Kỳ Hoa")
    assert "Tìm thấy 0 " in client.get(SEARCH_URL, {"q": "bao ky hoa"}).content.decode()
    search_index.repair_after_migrate(using=connection.alias)  # what every migrate runs
    cache.clear()
    assert "Tìm thấy 1 " in client.get(SEARCH_URL, {"q": "bao ky hoa"}).content.decode()
