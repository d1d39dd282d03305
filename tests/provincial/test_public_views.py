"""Every public view of commune B, asked on B's host name, shows nothing of commune A.

Both communes' articles share the tag "chuyển đổi số" and words ("thông báo"), so a
listing, search, feed, tag filter or related-articles list that is not kept to the
request's site would show A's titles.
"""

import pytest
from django.core.cache import cache

from kyanh_cms.models import SidebarSettings

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
B_ARTICLE = "/tin-tuc/tin-hoat-dong/song-tri-ra-quan-lam-sach-bo-ke/"

PUBLIC_URLS = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/tin-hoat-dong/",
    "/tin-tuc/thong-bao/",
    "/tin-tuc/?tag=chuyển-đổi-số",
    "/tin-tuc/tin-hoat-dong/?tag=chuyển-đổi-số",
    "/tin-tuc/?year=2026",
    "/tin-tuc/rss/",
    "/tin-tuc/thong-bao/rss/",
    "/tim-kiem/?q=thông báo",
    "/tim-kiem/?q=chuyen doi so",
    "/tim-kiem/?q=Kỳ Hoa",
    "/sitemap.xml",
    "/mo-hinh-dien-hinh/",
    "/mo-hinh-dien-hinh/?year=2026",
    B_ARTICLE,
    B_ARTICLE + "tai-ve/",
]


@pytest.fixture
def b_sidebar_and_visits(communes, client):
    """B's sidebar lists its most read and latest articles; both communes' articles are read."""
    a, b = communes
    sidebar = SidebarSettings.objects.get(site=b.site)
    sidebar.widgets = [
        *[(child.block_type, child.value) for child in sidebar.widgets],
        ("most_read", {"title": "Đọc nhiều nhất", "period": "7", "count": 5}),
        ("latest_news", {"title": "Tin mới nhất", "category": None, "count": 5}),
    ]
    sidebar.save()
    for commune in communes:
        for article in commune.articles.values():
            client.post(
                "/kyanh/visits/beacon/",
                f"p={article.pk}",
                content_type="application/x-www-form-urlencoded",
                HTTP_HOST=commune.host,
                HTTP_USER_AGENT=BROWSER,
                HTTP_SEC_FETCH_SITE="same-origin",  # sent from the page itself
            )
    cache.clear()
    return a, b


def page_of_b(client, b, url):
    response = client.get(url, HTTP_HOST=b.host)
    assert response.status_code == 200, (url, response.status_code)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def test_no_public_view_of_b_shows_commune_a(client, b_sidebar_and_visits):
    a, b = b_sidebar_and_visits
    for url in PUBLIC_URLS:
        text = page_of_b(client, b, url)
        for title in a.public_titles:
            assert title not in text, f"{url} shows commune A's “{title}”"


def test_b_pages_show_b_content(client, b_sidebar_and_visits):
    _a, b = b_sidebar_and_visits
    home = page_of_b(client, b, "/")
    listing = page_of_b(client, b, "/tin-tuc/?tag=chuyển-đổi-số")
    search = page_of_b(client, b, "/tim-kiem/?q=thông báo")
    feed = page_of_b(client, b, "/tin-tuc/rss/")
    showcases = page_of_b(client, b, "/mo-hinh-dien-hinh/")
    article = page_of_b(client, b, B_ARTICLE)

    assert "Sông Trí ra quân làm sạch bờ kè sông Trí" in home
    assert "Sông Trí ra quân làm sạch bờ kè sông Trí" in listing
    assert "Sông Trí thông báo lịch tiếp công dân tháng mười hai" in search
    assert "Sông Trí thông báo lịch tiếp công dân tháng mười hai" in feed
    assert "Mô hình tuyến phố xanh Sông Trí" in showcases
    # Its related articles: B's other article with the shared tag.
    assert "Sông Trí thông báo lịch tiếp công dân tháng mười hai" in article
    most_read = home.split("Đọc nhiều nhất", 1)[1]
    assert "Sông Trí ra quân làm sạch bờ kè sông Trí" in most_read


def test_a_pages_are_not_served_on_b_host(client, communes):
    a, b = communes
    for article in a.articles.values():
        path = article.relative_url(a.site)
        assert client.get(path, HTTP_HOST=a.host).status_code == 200
        assert client.get(path, HTTP_HOST=b.host).status_code == 404


def test_the_showcase_index_of_b_names_no_organization_of_a(client, communes):
    a, b = communes

    text = page_of_b(client, b, "/mo-hinh-dien-hinh/")

    assert a.organization.name not in text
