"""News pages as a visitor and an editor see them: articles, listings, feeds, SEO, search."""

import json
import unicodedata
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyanh_cms.models import NewsArticlePage, NewsArticleRelatedLink


def _blocks(image, document, count):
    """``count`` body blocks cycling through every block type."""
    kinds = [
        {"type": "heading", "value": {"text": "Kết quả nổi bật", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Đoạn văn <b>quan trọng</b> về Kỳ Anh.</p>"},
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "caption": "Chú thích ảnh",
                "credit": "Ảnh: Hà",
                "placement": "left",
            },
        },
        {
            "type": "gallery",
            "value": {"title": "Ảnh", "images": [{"image": image.pk, "caption": "Một"}]},
        },
        {
            "type": "quote",
            "value": {
                "quote": "Làm đến đâu chắc đến đó.",
                "attribution": "Ông A",
                "role": "Chủ tịch",
            },
        },
        {
            "type": "table",
            "value": {
                "caption": "Chỉ tiêu",
                "columns": [
                    {"type": "text", "heading": "Đơn vị"},
                    {"type": "number", "heading": "Số hồ sơ"},
                ],
                "rows": [
                    {"values": ["Phường Sông Trí", "2060856"]},
                    {"values": ["Xã Kỳ Hà", "4.25"]},
                ],
            },
        },
        {
            "type": "highlight",
            "value": {"title": "Lưu ý", "text": "<p>Hạn chót 25/11.</p>", "tone": "note"},
        },
        {
            "type": "document",
            "value": {"document": document.pk, "title": "", "description": "Kế hoạch"},
        },
        {"type": "embed", "value": {"url": "https://kyanh.example/video/1", "title": "Xem video"}},
    ]
    return [kinds[i % len(kinds)] for i in range(count)]


@pytest.fixture
def category(news):
    news_root = news.category("Tin tức")
    return news.category("Tin hoạt động", parent=news_root)


def _get(client, page, path="", **params):
    return client.get(page.url + path, params)


# --- Article page ----------------------------------------------------------------


@pytest.mark.django_db
def test_article_page_shows_every_block_in_vietnamese(client, news, category):
    image, document = news.image(), news.document()
    article = news.article(
        category,
        "Hội nghị sơ kết chuyển đổi số",
        body=_blocks(image, document, 9),
        lead="Sapo của bài viết.",
        byline="Minh Anh",
        source="Báo Hà Tĩnh",
        main_image=image,
        main_image_caption="Quang cảnh hội nghị",
        published_at=timezone.make_aware(timezone.datetime(2026, 11, 25, 9, 30)),
        tags=["chuyển đổi số"],
    )
    response = _get(client, article)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.get_text(" ")
    assert soup.h1.get_text() == "Hội nghị sơ kết chuyển đổi số"
    assert "Thứ Tư, 25/11/2026 09:30" in text
    assert "Sapo của bài viết." in text
    assert "Quang cảnh hội nghị" in text
    assert soup.select_one("h2#ket-qua-noi-bat").get_text() == "Kết quả nổi bật"
    assert soup.select_one(".kyanh-figure--left img")["loading"] == "lazy"
    assert soup.select_one(".kyanh-figure--left img").has_attr("srcset")
    assert soup.select_one(".kyanh-figure--left img").has_attr("width")
    assert "Ảnh: Hà" in text
    assert "2.060.856" in text and "4,25" in text  # Vietnamese numbers in tables
    assert soup.select_one(".kyanh-quote cite").get_text() == "Ông A"
    assert "PDF" in soup.select_one(".kyanh-document").get_text()
    assert "KB" in soup.select_one(".kyanh-document__meta").get_text()
    # The embed cannot be fetched here: the plain link is still there.
    assert soup.select_one(".kyanh-embed a")["href"] == "https://kyanh.example/video/1"
    assert soup.select_one(".kyanh-highlight--note")
    assert [a.get_text() for a in soup.select(".kyanh-article__tags a")] == ["chuyển đổi số"]
    assert "Minh Anh" in text and "Báo Hà Tĩnh" in text
    # Breadcrumbs and the category link
    crumbs = [li.get_text(strip=True) for li in soup.select(".kyanh-breadcrumbs li")]
    assert crumbs == ["Trang chủ", "Tin tức", "Tin hoạt động", "Hội nghị sơ kết chuyển đổi số"]
    # Reader tools and sharing, labelled in Vietnamese, no third-party scripts
    tools = soup.select_one(".kyanh-reader-tools").get_text(" ")
    for label in ("In bài", "Lưu bài", "Tương phản cao", "Đọc bài"):
        assert label in tools
    share = soup.select_one(".kyanh-share")
    assert "facebook.com/sharer" in share.select_one(".kyanh-share__link--facebook")["href"]
    assert "zalo.me" in share.select_one(".kyanh-share__link--zalo")["href"]
    assert all(not s.get("src", "").startswith("http") for s in soup.find_all("script"))


@pytest.mark.django_db
def test_engagement_block_sits_after_tags_and_before_related(news, category):
    from django.template.loader import get_template

    source = get_template("kyanh_cms/news/news_article_page.html").template.source
    tags, engagement, related = (
        source.index("kyanh-article__tags"),
        source.index("{% block article_engagement %}"),
        source.index("kyanh-related"),
    )
    assert tags < engagement < related


@pytest.mark.django_db
def test_article_survives_deleted_image_and_document_empty_body_and_no_lead(client, news, category):
    image, document = news.image(), news.document()
    broken = news.article(
        category, "Bài có ảnh bị xoá", body=_blocks(image, document, 9), main_image=image
    )
    image.delete()
    document.delete()
    response = _get(client, broken)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select(".kyanh-document")
    assert not soup.select(".kyanh-figure--left")
    assert soup.select_one(".kyanh-quote")  # the rest of the body is still there

    empty = news.article(category, "Bài trống", body=[], lead="")
    response = _get(client, empty)
    assert response.status_code == 200
    assert b"kyanh-article__lead" not in response.content
    assert _get(client, broken, "tai-ve/").status_code == 200


@pytest.mark.django_db
def test_related_articles_put_chosen_first_then_shared_tags_then_category(news, category):
    other_category = news.category("Kinh tế", parent=category.get_parent())
    article = news.article(category, "Bài chính", tags=["giao thông"])
    chosen = news.article(other_category, "Bài được chọn")
    shares_tag = news.article(other_category, "Cùng thẻ", tags=["giao thông"])
    same_category = news.article(category, "Cùng chuyên mục")
    news.article(other_category, "Không liên quan")
    NewsArticleRelatedLink.objects.create(page=article, article=chosen)
    article = NewsArticlePage.objects.get(pk=article.pk)
    titles = [a.title for a in article.related_articles()]
    assert titles == [chosen.title, shares_tag.title, same_category.title]


@pytest.mark.django_db
def test_related_articles_stay_on_the_articles_own_site(news, category):
    """Tags are shared by every site of the installation; related articles are not."""
    from wagtail.models import Page, Site

    from kyanh_cms.models import PortalHomePage

    commune_home = Page.get_first_root_node().add_child(
        instance=PortalHomePage(title="Trang chủ xã Kỳ Hoa", slug="ky-hoa")
    )
    Site.objects.create(hostname="xa-ky-hoa.localhost", root_page=commune_home)
    commune_news = news.category("Tin xã", parent=commune_home)
    news.article(commune_news, "Xã Kỳ Hoa họp về chuyển đổi số", tags=["chuyển đổi số"])
    town_tagged = news.article(category, "Thị xã bàn chuyển đổi số", tags=["chuyển đổi số"])
    article = news.article(category, "Bài chính", tags=["chuyển đổi số"])
    article = NewsArticlePage.objects.get(pk=article.pk)
    titles = [related.title for related in article.related_articles()]
    assert titles == [town_tagged.title]


@pytest.mark.django_db
def test_json_ld_news_article_with_government_publisher(client, news, category):
    image = news.image()
    article = news.article(
        category, "Khởi công đường ven biển", lead="Tuyến đường dài 6,2 km.", main_image=image
    )
    soup = BeautifulSoup(_get(client, article).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Khởi công đường ven biển"
    assert data["datePublished"].startswith(article.published_at.isoformat()[:16])
    assert data["dateModified"]
    assert data["image"][0].startswith("http") and "/media/" in data["image"][0]
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["name"] == "Ủy ban nhân dân thị xã Kỳ Anh"
    assert data["publisher"]["logo"]["url"].startswith("http")
    assert data["articleSection"] == "Tin hoạt động"
    # The other tags search engines and social networks read
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical.startswith("http") and canonical.endswith(article.url)
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Tuyến đường dài 6,2 km."
    assert soup.find("meta", property="og:type")["content"] == "article"
    assert soup.find("meta", property="og:image")["content"] == data["image"][0]
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


@pytest.mark.django_db
def test_saved_copy_is_one_self_contained_html_file(client, news, category):
    image = news.image()
    article = news.article(
        category,
        "Bài để lưu",
        main_image=image,
        body=[
            {
                "type": "image",
                "value": {"image": image.pk, "caption": "", "credit": "", "placement": "full"},
            }
        ],
    )
    response = _get(client, article, "tai-ve/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert article.slug in response["Content-Disposition"]
    soup = BeautifulSoup(response.content, "html.parser")
    sources = [img["src"] for img in soup.find_all("img")]
    assert len(sources) == 2 and all(src.startswith("data:image/") for src in sources)
    assert soup.find("style") and not soup.find("link", rel="stylesheet")
    assert not soup.find("script")
    assert soup.find("link", rel="canonical")["href"].startswith("http")


@pytest.mark.django_db
def test_article_queries_do_not_grow_with_blocks_tags_or_related(
    client, news, category, fragments_off
):
    image, document = news.image(), news.document()
    others = [
        news.article(category, f"Bài khác {i}", main_image=news.image(), tags=["a"])
        for i in range(6)
    ]

    def queries_for(article):
        cache.clear()
        client.get(article.url)  # warm renditions, site and settings caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.url).status_code == 200
        return len(captured)

    # Every block type once, one tag, no chosen related articles…
    small = news.article(
        category, "Bài ngắn", body=_blocks(image, document, 9), tags=["a"], main_image=image
    )
    # …against 30 blocks, five tags and four chosen related articles.
    big = news.article(
        category,
        "Bài dài",
        body=_blocks(image, document, 30),
        tags=["a", "b", "c", "d", "e"],
        main_image=image,
    )
    for other in others[:4]:
        NewsArticleRelatedLink.objects.create(page=big, article=other)
    small_count, big_count = queries_for(small), queries_for(big)
    print(f"article queries: {small_count} / {big_count}")
    assert small_count == big_count
    assert big_count <= 15


# --- Listings --------------------------------------------------------------------


@pytest.mark.django_db
def test_listing_is_paginated_newest_first_with_vietnamese_labels(client, news, category):
    now = timezone.now()
    for day in range(23):
        news.article(category, f"Tin số {day:02d}", published_at=now - timedelta(days=day))
    news_root = category.get_parent().specific
    response = client.get(news_root.url)
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text() for a in soup.select(".kyanh-news-item__title a")]
    assert titles[:2] == ["Tin số 00", "Tin số 01"] and len(titles) == 10
    pagination = soup.select_one(".kyanh-pagination")
    assert pagination["aria-label"] == "Phân trang"
    assert "Trang sau" in pagination.get_text()
    assert " ".join(pagination.select_one("[aria-current=page]").get_text().split()) == "Trang 1"

    last = BeautifulSoup(client.get(news_root.url, {"page": 3}).content, "html.parser")
    assert [a.get_text() for a in last.select(".kyanh-news-item__title a")] == [
        "Tin số 20",
        "Tin số 21",
        "Tin số 22",
    ]
    # Unknown page numbers give a clean page, never a 500
    assert (
        client.get(news_root.url, {"page": 999}).content
        == client.get(news_root.url, {"page": 3}).content
    )
    assert client.get(news_root.url, {"page": "abc"}).status_code == 200
    assert client.get(news_root.url, {"page": "-1"}).status_code == 200


@pytest.mark.django_db
def test_listing_filters_by_tag_and_month(client, news, category):
    zone = timezone.get_current_timezone()
    november = timezone.make_aware(timezone.datetime(2026, 11, 1, 0, 30), zone)
    news.article(category, "Tin tháng mười một", published_at=november, tags=["giao thông"])
    news.article(category, "Tin tháng mười", published_at=november - timedelta(hours=1))
    from taggit.models import Tag

    by_tag = client.get(category.url, {"tag": Tag.objects.get(name="giao thông").slug})
    assert "Tin tháng mười một" in by_tag.content.decode()
    assert "Tin tháng mười<" not in by_tag.content.decode()
    by_month = client.get(category.url, {"month": "2026-10"}).content.decode()
    assert "Tin tháng mười<" in by_month and "Tin tháng mười một" not in by_month
    assert "Các bài tháng 10/2026" in by_month
    assert client.get(category.url, {"year": "2026"}).status_code == 200
    for bad in ({"tag": "khong-co"}, {"month": "2026-13"}, {"month": "abc"}, {"year": "x"}):
        assert client.get(category.url, bad).status_code == 404


@pytest.mark.django_db
def test_listing_queries_do_not_grow_with_items(client, news, category, fragments_off):
    def queries_for(count, parent):
        for i in range(count):
            news.article(parent, f"Tin {i}", main_image=news.image(), tags=["x"])
        cache.clear()
        client.get(parent.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(parent.url).status_code == 200
        return len(captured)

    ten = queries_for(10, category)
    fifty = queries_for(50, news.category("Chuyên mục lớn", parent=category.get_parent()))
    print(f"listing queries: {ten} / {fifty}")
    assert ten == fifty
    assert fifty <= 15


@pytest.mark.django_db
def test_drafts_private_and_future_scheduled_articles_stay_out_of_listings(client, news, category):
    from wagtail.models import PageViewRestriction

    news.article(category, "Bản nháp", publish=False)
    private = news.article(category, "Bài nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    scheduled = news.article(category, "Bài hẹn giờ", publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision().publish()
    content = client.get(category.url).content.decode()
    assert (
        "Bản nháp" not in content and "Bài nội bộ" not in content and "Bài hẹn giờ" not in content
    )

    # When its time comes, the scheduled article appears, dated at its go-live time.
    from django.core.management import call_command

    scheduled.refresh_from_db()
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + timedelta(days=2)
        patch.setattr(timezone, "now", lambda: later)
        call_command("publish_scheduled")
    scheduled.refresh_from_db()
    assert scheduled.live
    assert scheduled.published_at >= scheduled.go_live_at - timedelta(seconds=1)
    assert "Bài hẹn giờ" in client.get(category.url).content.decode()


# --- Home page -------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_shows_featured_first_then_latest_and_each_category(client, news, category):
    from kyanh_cms.models import PortalHomeFeaturedArticle

    now = timezone.now()
    old = news.article(category, "Tin cũ được chọn", published_at=now - timedelta(days=30))
    for i in range(5):
        news.article(category, f"Tin mới {i}", published_at=now - timedelta(hours=i))
    home = news.home
    PortalHomeFeaturedArticle.objects.create(page=home, article=old, sort_order=0)
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one(".kyanh-featured__title").get_text(strip=True) == "Tin cũ được chọn"
    featured = [a.get_text() for a in soup.select(".kyanh-featured .kyanh-news-item__title a")]
    assert featured == ["Tin mới 0", "Tin mới 1", "Tin mới 2", "Tin mới 3"]
    sections = [h.get_text(strip=True) for h in soup.select(".kyanh-home-section h2")]
    assert "Tin hoạt động" in sections


# --- Feeds and sitemap -----------------------------------------------------------


@pytest.mark.django_db
def test_rss_feed_has_absolute_links_and_image_enclosures(client, news, category):
    article = news.article(category, "Tin có ảnh", lead="Sapo", main_image=news.image())
    news.article(category, "Tin không ảnh")
    response = client.get(category.get_parent().url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "vi"
    assert channel.findtext("link").startswith("http")
    items = {item.findtext("title"): item for item in channel.findall("item")}
    assert set(items) == {"Tin có ảnh", "Tin không ảnh"}
    with_image = items["Tin có ảnh"]
    assert with_image.findtext("link").startswith("http") and with_image.findtext("link").endswith(
        article.url
    )
    assert with_image.findtext("description") == "Sapo"
    enclosure = with_image.find("enclosure")
    assert enclosure.get("url").startswith("http") and enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) > 0
    assert items["Tin không ảnh"].find("enclosure") is None


@pytest.mark.django_db
def test_sitemap_lists_categories_and_articles(client, news, category):
    article = news.article(category, "Tin trong sơ đồ trang")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = ET.fromstring(response.content).findall("s:url", namespace)
    locations = [entry.findtext("s:loc", namespaces=namespace) for entry in entries]
    assert any(loc.endswith(article.url) for loc in locations)
    assert any(loc.endswith(category.url) for loc in locations)
    article_entry = next(
        e for e in entries if e.findtext("s:loc", namespaces=namespace).endswith(article.url)
    )
    assert article_entry.findtext("s:lastmod", namespaces=namespace)


# --- Search ----------------------------------------------------------------------


SEARCH_URL = "/tim-kiem/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "ky anh",
        "Kỳ Anh",
        "KỲ ANH",
        unicodedata.normalize("NFD", "Kỳ Anh"),
        "anh ky",
        "  KY   anh  ",
    ],
)
def test_search_is_accent_insensitive(client, news, category, query):
    news.article(category, "Đảng bộ thị xã Kỳ Anh học tập chuyên đề")
    news.article(category, "Tin về Kỳ Hoa", lead="Nông dân thu hoạch lúa.")
    response = client.get(SEARCH_URL, {"q": query})
    assert response.status_code == 200
    titles = [
        a.get_text()
        for a in BeautifulSoup(response.content, "html.parser").select(".kyanh-news-item__title a")
    ]
    assert titles == ["Đảng bộ thị xã Kỳ Anh học tập chuyên đề"]
    assert "Tìm thấy 1 bài viết" in response.content.decode()


@pytest.mark.django_db
def test_search_d_and_d_with_stroke_and_body_text_and_tags(client, news, category):
    news.article(
        category,
        "Hội nghị",
        body=[{"type": "paragraph", "value": "<p>Nâng cấp <b>đường</b> ven biển.</p>"}],
        tags=["Giao thông"],
    )

    def found(query):
        return "Tìm thấy 1 bài viết" in client.get(SEARCH_URL, {"q": query}).content.decode()

    assert found("duong ven bien") and found("Đường ven biển") and found("ĐƯỜNG")
    assert found("giao thong")
    assert not found("đường sắt")


@pytest.mark.django_db
def test_search_answers_empty_and_huge_queries_cleanly(client, news, category):
    news.article(category, "Kỳ Anh")
    empty = client.get(SEARCH_URL, {"q": ""})
    assert empty.status_code == 200 and b"kyanh-news-item" not in empty.content
    huge = client.get(SEARCH_URL, {"q": "kỳ anh " * 72})  # 504 characters
    assert huge.status_code == 200
    assert "Tìm thấy 1 bài viết" in huge.content.decode()
    assert client.get(SEARCH_URL, {"q": "!!! ???"}).status_code == 200
    assert client.get(SEARCH_URL, {"q": "kỳ", "page": "99"}).status_code == 200
    assert client.post(SEARCH_URL, {"q": "kỳ"}).status_code == 405


@pytest.mark.django_db
def test_search_results_are_paginated_and_leave_out_drafts(client, news, category):
    for i in range(12):
        news.article(category, f"Kỳ Anh tin {i}")
    news.article(category, "Kỳ Anh bản nháp", publish=False)
    first = BeautifulSoup(client.get(SEARCH_URL, {"q": "ky anh"}).content, "html.parser")
    assert "Tìm thấy 12 bài viết" in first.get_text()
    assert len(first.select(".kyanh-news-item")) == 10
    second = BeautifulSoup(
        client.get(SEARCH_URL, {"q": "ky anh", "page": 2}).content, "html.parser"
    )
    assert len(second.select(".kyanh-news-item")) == 2
    assert "bản nháp" not in second.get_text() + first.get_text()


@pytest.mark.django_db
def test_draft_edits_do_not_change_what_search_finds(client, news, category):
    article = news.article(category, "Tiêu đề đã đăng")
    article.title = "Tiêu đề bản nháp"
    article.save_revision()
    assert "Tìm thấy 1" in client.get(SEARCH_URL, {"q": "da dang"}).content.decode()
    assert "Tìm thấy 0" in client.get(SEARCH_URL, {"q": "ban nhap"}).content.decode()


# --- Slugs -----------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_get_ascii_slugs_from_vietnamese_titles(news, category):
    article = news.article(category, "Đảng bộ thị xã Kỳ Anh")
    assert article.slug == "dang-bo-thi-xa-ky-anh"
    twin = news.article(category, "Đảng bộ thị xã Kỳ Anh")
    assert twin.slug == "dang-bo-thi-xa-ky-anh-2"
    typed = NewsArticlePage(title="Tin", slug="đường-ven-biển")
    category.add_child(instance=typed)
    assert typed.slug == "duong-ven-bien"
    assert news.category("Quốc phòng – An ninh").slug == "quoc-phong-an-ninh"
