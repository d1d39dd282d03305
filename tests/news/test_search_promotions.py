"""Visitors' searches recorded for Wagtail's search promotions, editors' promoted results
shown first — and nothing of it when the app is not installed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from wagtail.models import Page, PageViewRestriction, Site

SEARCH_URL = "/tim-kiem/"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def category(news):
    return news.category("Tin tức", slug="tin-tuc")


@pytest.fixture
def articles(news, category):
    return [news.article(category, f"Kỳ Anh chuyển đổi số {n}") for n in range(3)]


def promote(query_string, page=None, **fields):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    return SearchPromotion.objects.create(
        query=Query.get(query_string), page=page, sort_order=fields.pop("sort_order", 0), **fields
    )


def promoted_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.select_one(".kyanh-search-promotions")
    return [a.get_text(strip=True) for a in section.select("a")] if section else []


def hits(query_string):
    from wagtail.contrib.search_promotions.models import Query

    found = Query.objects.filter(query_string=query_string).first()
    return found.hits if found else 0


def test_the_example_site_installs_search_promotions():
    assert apps.is_installed("wagtail.contrib.search_promotions")


def test_each_search_is_recorded_once_as_typed(client, articles):
    client.get(SEARCH_URL, {"q": "Kỳ  Anh"})
    client.get(SEARCH_URL, {"q": "kỳ anh"})
    client.get(SEARCH_URL, {"q": "Kỳ Anh", "page": 2})  # paging is not a new search
    client.get(SEARCH_URL, {"q": "   "})  # nothing searched
    assert hits("kỳ anh") == 2
    from wagtail.contrib.search_promotions.models import Query

    assert list(Query.objects.values_list("query_string", flat=True)) == ["kỳ anh"]


def test_promoted_results_come_first_whatever_the_accents(client, news, category, articles):
    notice = news.article(category, "Thông báo lịch tiếp công dân")
    promote("ky anh", page=notice, sort_order=1, description="Lịch tiếp dân tháng 12")
    promote(
        "KỲ ANH",
        external_link_url="https://dichvucong.gov.vn/",
        external_link_text="Cổng Dịch vụ công quốc gia",
        sort_order=0,
    )
    promote("lũ lụt", page=articles[0])  # another query: not shown

    response = client.get(SEARCH_URL, {"q": "Kỳ Anh"})
    assert response.status_code == 200
    assert promoted_links(response) == ["Cổng Dịch vụ công quốc gia", notice.title]
    html = response.content.decode()
    assert html.index("kyanh-search-promotions") < html.index("kyanh-news-item")
    assert "Lịch tiếp dân tháng 12" in html
    assert "Ban biên tập giới thiệu" in html
    # Later pages of results carry no promotions.
    assert promoted_links(client.get(SEARCH_URL, {"q": "Kỳ Anh", "page": 2})) == []


def test_a_promoted_page_shows_only_on_its_own_site_while_public(
    client, news, category, articles, portal
):
    other_home = Page.get_first_root_node().add_child(
        instance=Page(title="Xã Kỳ Hoa", slug="xa-ky-hoa")
    )
    Site.objects.create(hostname="kyhoa.example", root_page=other_home)
    foreign = other_home.add_child(instance=Page(title="Trang của xã khác", slug="trang-khac"))
    private = news.article(category, "Bài nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = news.article(category, "Bài nháp", publish=False)
    for page in (foreign, private, draft):
        promote("kỳ anh", page=page)

    assert promoted_links(client.get(SEARCH_URL, {"q": "kỳ anh"})) == []
    response = client.get(SEARCH_URL, {"q": "kỳ anh"}, headers={"host": "kyhoa.example"})
    assert promoted_links(response) == ["Trang của xã khác"]


def test_search_cost_of_recording_and_promotions(client, articles, django_assert_max_num_queries):
    promote("kỳ anh", page=articles[0])
    client.get(SEARCH_URL, {"q": "kỳ anh"})
    # Warm results (the site, the articles), the hit's update, the promotions and,
    # as one matches, its page's visibility (view restrictions, live pages of the site).
    with django_assert_max_num_queries(6 + 1 + 1 + 2):
        response = client.get(SEARCH_URL, {"q": "kỳ anh"})
    assert promoted_links(response) == [articles[0].title]


WITHOUT_APP_SCRIPT = """
import django
from django.test.utils import setup_test_environment
django.setup()
setup_test_environment()
from django.apps import apps
from django.db import connection
from django.test import Client
assert not apps.is_installed("wagtail.contrib.search_promotions")
connection.creation.create_test_db(verbosity=0)
from wagtail.models import Site
from kyanh_cms.demo import site
from kyanh_cms.models import NewsArticlePage, NewsIndexPage

class Silent:
    def write(self, *args, **kwargs):
        pass

site.seed(Silent())
home = Site.objects.get(is_default_site=True).root_page
category = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
article = category.add_child(instance=NewsArticlePage(title="Kỳ Anh chuyển đổi số"))
article.save_revision().publish()
response = Client().get("/tim-kiem/", {"q": "Kỳ Anh"})
html = response.content.decode()
print(response.status_code, "kyanh-search-promotions" in html, "Kỳ Anh chuyển đổi số" in html)
"""


def test_without_the_app_nothing_changes(tmp_path):
    """A host that never installed the app: its own process, settings and database."""
    (tmp_path / "without_promotions.py").write_text(
        "from kyanh_example.settings.test import *  # noqa: F403\n"
        "INSTALLED_APPS = [a for a in INSTALLED_APPS if 'search_promotions' not in a]\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "without_promotions",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO / "example_site")]),
    }
    environment.pop("DATABASE_URL", None)
    finished = subprocess.run(
        [sys.executable, "-c", WITHOUT_APP_SCRIPT],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert finished.stdout.split()[-3:] == ["200", "False", "True"]
