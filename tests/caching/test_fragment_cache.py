"""Cached fragments: warm pages cost almost no queries, and every change shows at once."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyanh_cms.models import PortalSettings, ReaderComment

pytestmark = pytest.mark.django_db
RATING_1_VOTE = "<strong>1</strong> lượt đánh giá, trung bình: <strong>4,0</strong>"
COMMENT_COUNT_1 = '<span class="kyanh-comments__count">(1)</span>'


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def test_a_warm_article_costs_no_query_and_shows_the_same_page(client, make_article, news):
    article = make_article(body=_paragraph("Nội dung gốc của bài."), main_image=news.image())
    ReaderComment.objects.create(
        page=article, name="Lan", content="Cảm ơn bài viết", status="approved"
    )
    cold_count, cold = _queries(client, article.url)
    warm_count, warm = _queries(client, article.url)
    # The routed page, its fragments and its rating summary all come from the cache.
    assert warm_count == 0, warm_count
    assert cold_count > warm_count
    for text in ("Nội dung gốc của bài.", "Cảm ơn bài viết", COMMENT_COUNT_1, article.title):
        assert text in warm
    assert warm == cold


def test_the_warm_home_page_reads_nothing_from_the_database(client, make_article):
    make_article(title="Tin mới trên trang chủ")
    client.get("/")
    count, html = _queries(client, "/")
    assert "Tin mới trên trang chủ" in html
    assert count == 0


def test_publishing_shows_the_new_text_at_once_everywhere(client, make_article):
    article = make_article(title="Tiêu đề cũ", body=_paragraph("Đoạn văn cũ."))
    assert "Đoạn văn cũ." in client.get(article.url).content.decode()
    assert "Tiêu đề cũ" in client.get("/").content.decode()

    article.title = "Tiêu đề mới"
    article.body = json.dumps(_paragraph("Đoạn văn mới."))
    article.save_revision().publish()

    html = client.get(article.url).content.decode()
    assert "Đoạn văn mới." in html and "Đoạn văn cũ." not in html
    assert "Tiêu đề mới" in client.get("/").content.decode()


def test_a_draft_changes_nothing_visitors_see(client, make_article):
    article = make_article(body=_paragraph("Bản đang đăng."))
    client.get(article.url)
    article.body = json.dumps(_paragraph("Bản nháp chưa duyệt."))
    article.save_revision()
    html = client.get(article.url).content.decode()
    assert "Bản đang đăng." in html and "Bản nháp chưa duyệt." not in html


def test_moderation_shows_a_comment_but_a_waiting_one_keeps_the_cache(client, make_article):
    article = make_article()
    client.get(article.url)
    waiting = ReaderComment.objects.create(page=article, name="Hùng", content="Ý kiến chờ duyệt")
    count, html = _queries(client, article.url)
    assert count == 0 and "Ý kiến chờ duyệt" not in html  # still the cached fragments

    ReaderComment.objects.filter(pk=waiting.pk).moderate(ReaderComment.Status.APPROVED, None)
    html = client.get(article.url).content.decode()
    assert "Ý kiến chờ duyệt" in html and COMMENT_COUNT_1 in html

    ReaderComment.objects.get(pk=waiting.pk).delete()
    assert "Ý kiến chờ duyệt" not in client.get(article.url).content.decode()


def test_portal_settings_change_the_header_at_once(client, portal, make_article):
    article = make_article()
    client.get(article.url)
    settings = PortalSettings.for_site(portal)
    settings.portal_name = "Cổng thông tin điện tử phường Sông Trí"
    settings.save()
    assert "Cổng thông tin điện tử phường Sông Trí" in client.get(article.url).content.decode()


def test_a_preview_shows_the_draft_and_never_reaches_visitors(client, make_article):
    article = make_article(body=_paragraph("Bản đang đăng."))
    client.get(article.url)  # the live fragments are cached
    # What the editor's preview panel renders: the edited, unsaved page under its live id.
    article.body = json.dumps(_paragraph("Bản xem trước."))
    html = article.make_preview_request().render().content.decode()
    assert "Bản xem trước." in html and "Bản đang đăng." not in html
    html = client.get(article.url).content.decode()
    assert "Bản đang đăng." in html and "Bản xem trước." not in html


def test_fragments_can_be_turned_off(client, make_article, settings):
    settings.KYANH_CMS = {"FRAGMENT_CACHE_SECONDS": 0}
    article = make_article()
    client.get(article.url)
    count, _html = _queries(client, article.url)
    assert count > 0


def test_a_new_site_root_is_used_at_once(client, portal, news):
    from wagtail.models import Page

    other_home = news.home.get_parent().add_child(
        instance=type(news.home)(title="Trang chủ thử nghiệm", slug="trang-chu-thu")
    )
    other_home.save_revision().publish()
    assert "Trang chủ thử nghiệm" not in client.get("/").content.decode()
    portal.root_page = Page.objects.get(pk=other_home.pk)
    portal.save()
    assert "Trang chủ thử nghiệm" in client.get("/").content.decode()


def test_a_vote_shows_in_the_summary_of_the_cached_page(client, make_article):
    article = make_article()
    client.get(article.url)
    url = reverse("kyanh_cms:rate", args=[article.pk])
    assert client.post(url, {"stars": "4"}).status_code in (200, 302)
    html = client.get(article.url).content.decode()
    assert RATING_1_VOTE in html, html[html.find("kyanh-rating") :][:600]


def test_listing_pages_are_cached_apart_and_a_warm_one_reads_nothing(client, news):
    from kyanh_cms.news.models import LISTING_PAGE_SIZE

    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    for number in range(LISTING_PAGE_SIZE + 2):
        news.article(category, f"Tin số {number:02d}", slug=f"tin-so-{number:02d}")
    first_url, second_url = category.url, category.url + "?page=2"
    client.get(first_url), client.get(second_url)
    count, first = _queries(client, first_url)
    assert count == 0
    _count, second = _queries(client, second_url)
    assert f"Tin số {LISTING_PAGE_SIZE + 1:02d}" in first and "Tin số 00" not in first
    assert "Tin số 00" in second and f"Tin số {LISTING_PAGE_SIZE + 1:02d}" not in second


def test_a_page_under_the_home_page_routes_from_the_cache_until_it_changes(client, portal):
    from kyanh_cms.models import ShowcaseIndexPage

    home = portal.root_page.specific
    index = ShowcaseIndexPage(title="Mô hình, điển hình", slug="mo-hinh-dien-hinh")
    home.add_child(instance=index)
    index.save_revision().publish()
    client.get(index.url)
    count, html = _queries(client, index.url)
    assert count == 0 and "Mô hình, điển hình" in html

    index.unpublish()
    assert client.get("/mo-hinh-dien-hinh/").status_code == 404
