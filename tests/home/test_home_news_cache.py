"""The home page's category sections: a constant number of queries, and fresh after publishing."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext


def home_queries(client):
    client.get("/")  # warm the per-site caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_home_costs_the_same_with_two_or_eight_categories(client, news, fragments_off):
    parent = news.category("Tin tức", slug="tin-tuc", home_page_articles=0)
    for number in range(2):
        category = news.category(f"Chuyên mục {number}", parent=parent, slug=f"cm-{number}")
        news.article(category, f"Bài {number}", main_image=news.image())
    few = home_queries(client)
    for number in range(2, 8):
        category = news.category(f"Chuyên mục {number}", parent=parent, slug=f"cm-{number}")
        news.article(category, f"Bài {number}", main_image=news.image())
    many = home_queries(client)
    assert few == many
    assert many <= 15


def section_titles(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return [
        link.get_text(strip=True)
        for section in soup.select(".kyanh-home-section")
        for link in section.select(".kyanh-news-list a")
    ]


@pytest.mark.django_db
def test_a_newly_published_article_reaches_the_category_section_at_once(client, news):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    news.article(category, "Bài cũ")
    assert "Bài cũ" in section_titles(client)  # the sections are cached now
    news.article(category, "Tin mới nóng hổi")
    assert "Tin mới nóng hổi" in section_titles(client)
    news.article(category, "Bài nháp chưa đăng", publish=False)
    assert "Bài nháp chưa đăng" not in section_titles(client)
