"""News from the communes: the province's listing of every commune's "Tin tức"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from kyanh_cms.models import CommuneNewsPage, PortalHomePage

pytestmark = pytest.mark.django_db


def add_commune(news, number, articles):
    home = Page.get_first_root_node().add_child(
        instance=PortalHomePage(title=f"Trang chủ xã số {number}", slug=f"xa-so-{number}")
    )
    Site.objects.create(
        hostname=f"xa-{number}.localhost", root_page=home, site_name=f"Xã số {number}"
    )
    category = news.category("Tin tức", slug="tin-tuc", parent=home)
    return [
        news.article(category, f"Xã số {number}: tin thứ {index}", slug=f"tin-{index}")
        for index in range(articles)
    ]


@pytest.fixture
def listing(news):
    page = CommuneNewsPage(title="Tin từ xã, phường", slug="tin-tu-xa-phuong")
    news.home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_province_lists_its_communes_news_linking_to_their_own_sites(client, news, listing):
    add_commune(news, 1, 2)
    add_commune(news, 2, 1)
    news.article(news.category("Tin tức", slug="tin-tuc"), "Tin của tỉnh")
    html = client.get(listing.url).content.decode()
    assert "Xã số 1: tin thứ 0" in html and "Xã số 2: tin thứ 0" in html
    assert 'href="http://xa-1.localhost/tin-tuc/tin-0/"' in html
    assert "Xã số 2</span>" in html  # each article names its commune
    assert "Tin của tỉnh" not in html  # the province's own news is listed elsewhere


def test_a_publish_in_a_commune_shows_on_the_cached_province_listing_at_once(client, news, listing):
    (article,) = add_commune(news, 1, 1)
    client.get(listing.url)
    article.title = "Xã số 1 khánh thành cầu mới"
    article.save_revision().publish()
    assert "Xã số 1 khánh thành cầu mới" in client.get(listing.url).content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_listing_costs_the_same_queries_for_few_or_many_communes(
    client, news, listing, fragments_off
):
    add_commune(news, 1, 2)
    client.get(listing.url)
    few = _queries(client, listing.url)
    for number in range(2, 8):
        add_commune(news, number, 3)
    client.get(listing.url)
    many = _queries(client, listing.url)
    assert many == few <= 15
