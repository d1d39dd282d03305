"""Two Wagtail Sites in one installation: the town portal and a ward's sub-portal.

Each has its own identity, sidebar, visit counters, statistics and reader
engagement settings; what happens on one never shows on the other.
"""

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from kyanh_cms.models import (
    DailyPageViews,
    DailySiteVisits,
    EngagementSettings,
    PortalHomePage,
    PortalSettings,
    SidebarSettings,
)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
TOWN, WARD = "localhost", "songtri.kyanh.example"


def sidebar(site, hotline, baseline):
    settings = SidebarSettings.for_site(site)
    settings.widgets = [
        ("text", {"title": "Đường dây nóng", "body": f"<p>{hotline}</p>"}),
        ("visit_statistics", {"title": "Thống kê truy cập", "show_today": True}),
        ("most_read", {"title": "Đọc nhiều nhất", "period": "7", "count": 5}),
    ]
    settings.visits_baseline = baseline
    settings.save()


@pytest.fixture
def two_sites(portal, news, settings):
    settings.KYANH_CMS = {"VISIT_STATS_CACHE_SECONDS": 0}
    town = portal
    ward_home = Page.get_first_root_node().add_child(
        instance=PortalHomePage(title="Trang chủ phường Sông Trí", slug="song-tri")
    )
    ward = Site.objects.create(hostname=WARD, port=80, root_page=ward_home, site_name="Sông Trí")
    PortalSettings.objects.update_or_create(
        site=ward, defaults={"portal_name": "Cổng thông tin phường Sông Trí"}
    )
    sidebar(town, "Thị xã: 0239 3 000 000", 2_060_856)
    sidebar(ward, "Phường: 0239 3 111 111", 0)
    town_article = news.article(
        news.category("Tin tức", slug="tin-tuc"), title="Thị xã họp bàn chuyển đổi số"
    )
    ward_news = news.category("Tin phường", slug="tin-phuong", parent=ward_home)
    ward_article = news.article(ward_news, title="Phường ra quân làm sạch đường phố")
    cache.clear()
    return town, ward, town_article, ward_article


def beacon(client, host, page):
    return client.post(
        "/kyanh/visits/beacon/",
        f"p={page.pk}",
        content_type="application/x-www-form-urlencoded",
        HTTP_HOST=host,
        HTTP_USER_AGENT=BROWSER,
        HTTP_SEC_FETCH_SITE="same-origin",  # sent from the page itself
    )


def test_each_site_shows_its_own_identity_and_sidebar(two_sites, client):
    town, ward, town_article, ward_article = two_sites

    town_html = client.get(town_article.url, HTTP_HOST=TOWN).content.decode()
    ward_html = client.get("/tin-phuong/", HTTP_HOST=WARD).content.decode()

    assert "Cổng thông tin phường Sông Trí" in ward_html
    assert "Cổng thông tin phường Sông Trí" not in town_html
    assert "Thị xã: 0239 3 000 000" in town_html and "Phường: 0239" not in town_html
    assert "Phường: 0239 3 111 111" in ward_html and "Thị xã: 0239" not in ward_html
    # The ward's old-portal baseline is its own (none).
    assert 'data-kyanh-stat="total">2.060.856<' in town_html
    assert 'data-kyanh-stat="total">0<' in ward_html


def test_visits_on_one_site_do_not_show_on_the_other(two_sites, client):
    town, ward, town_article, ward_article = two_sites

    for _ in range(3):
        assert beacon(client, WARD, ward_article).status_code == 204
    beacon(client, TOWN, town_article)
    # A ward page's id sent to the town's host counts nowhere.
    beacon(client, TOWN, ward_article)

    assert DailySiteVisits.objects.get(site=ward).views == 3
    assert DailySiteVisits.objects.get(site=town).views == 1
    assert DailyPageViews.objects.get(page=ward_article).site_id == ward.pk
    ward_html = client.get("/tin-phuong/", HTTP_HOST=WARD).content.decode()
    town_html = client.get(town_article.url, HTTP_HOST=TOWN).content.decode()
    assert 'data-kyanh-stat="total">3<' in ward_html
    assert 'data-kyanh-stat="today">3<' in ward_html
    assert 'data-kyanh-stat="total">2.060.857<' in town_html
    # "Most read" lists each site's own articles.
    most_read_town = town_html.split("Đọc nhiều nhất", 1)[1]
    most_read_ward = ward_html.split("Đọc nhiều nhất", 1)[1]
    assert "Thị xã họp bàn chuyển đổi số" in most_read_town
    assert "Phường ra quân" not in most_read_town
    assert "Phường ra quân làm sạch đường phố" in most_read_ward
    assert "Thị xã họp bàn" not in most_read_ward


def test_the_admin_report_keeps_the_sites_apart(two_sites, client, admin_client):
    town, ward, town_article, ward_article = two_sites
    beacon(client, WARD, ward_article)
    beacon(client, WARD, ward_article)

    ward_csv = admin_client.get(f"/admin/kyanh/visits/?site={ward.pk}&export=csv")
    town_csv = admin_client.get(f"/admin/kyanh/visits/?site={town.pk}&export=csv")

    def total(response):
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return sum(int(row.rsplit(",", 1)[1]) for row in text.splitlines()[1:])

    assert (total(ward_csv), total(town_csv)) == (2, 0)


def test_comments_follow_the_setting_of_the_article_own_site(two_sites, client):
    town, ward, town_article, ward_article = two_sites
    EngagementSettings.objects.update_or_create(site=ward, defaults={"comments_enabled": False})

    form = "/kyanh/engagement/{}/comments/"
    assert client.get(form.format(town_article.pk), HTTP_HOST=TOWN).status_code == 200
    assert client.get(form.format(ward_article.pk), HTTP_HOST=WARD).status_code == 404
    # Asking the town's host about the ward's article does not get round the ward's setting.
    assert client.get(form.format(ward_article.pk), HTTP_HOST=TOWN).status_code == 404
