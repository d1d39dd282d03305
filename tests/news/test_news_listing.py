"""Category listings at any depth: the same articles as a plain newest-first list, kept
up to date the moment something is published, unpublished or restricted, in few queries."""

from datetime import timedelta
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from kyanh_cms.models import NewsArticlePage, NewsIndexPage


def listed(client, url, **params):
    soup = BeautifulSoup(client.get(url, params).content, "html.parser")
    titles = [link.get_text() for link in soup.select(".kyanh-news-item__title a")]
    pagination = soup.select_one(".kyanh-pagination")
    page_numbers = (
        [
            item.get_text().split()[-1]
            for item in pagination.select("li > a:not([rel]), li > span[aria-current]")
        ]
        if pagination
        else []
    )
    months = [option["value"] for option in soup.select("#kyanh-archive-month option[value]")]
    return titles, page_numbers, [month for month in months if month]


@pytest.fixture
def category(news):
    return news.category("Tin hoạt động", slug="tin-hoat-dong")


@pytest.mark.django_db
def test_every_page_lists_what_a_plain_newest_first_list_would_even_with_equal_dates(
    client, news, category
):
    sub = news.category("Tin cơ sở", parent=category)
    noon = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    # Articles published at the same moment straddle page boundaries: the newest
    # created comes first among them.
    for number in range(27):
        published_at = noon - timedelta(days=number // 4)
        news.article(
            sub if number % 3 else category, f"Tin {number:02d}", published_at=published_at
        )
    expected = list(
        NewsArticlePage.objects.descendant_of(category)
        .order_by("-published_at", "-pk")
        .values_list("title", flat=True)
    )
    assert len(expected) == 27

    seen = []
    for number in (1, 2, 3):
        titles, pages, _months = listed(client, category.url, page=number)
        assert pages == ["1", "2", "3"]
        seen += titles
    assert seen == expected
    # Out-of-range and nonsense page numbers still show a real page.
    assert listed(client, category.url, page=99)[0] == expected[20:]
    assert listed(client, category.url, page="x")[0] == expected[:10]

    # Each article carries its own category, the sub-category's shown once above the list.
    soup = BeautifulSoup(client.get(category.url).content, "html.parser")
    assert [a.get_text() for a in soup.select(".kyanh-subcategories a")] == ["Tin cơ sở"]
    shown = {
        item.select_one(".kyanh-news-item__title a").get_text(): item.select_one(
            ".kyanh-news-item__category"
        ).get_text()
        for item in soup.select(".kyanh-news-item")
    }
    assert shown["Tin 00"] == "Tin hoạt động" and shown["Tin 01"] == "Tin cơ sở"


@pytest.mark.django_db
def test_month_filter_pages_through_that_month_only(client, news, category):
    zone = timezone.get_current_timezone()
    october = timezone.make_aware(timezone.datetime(2026, 10, 31, 23, 30), zone)
    for number in range(12):
        news.article(category, f"Tháng mười {number:02d}", published_at=october)
    news.article(category, "Tháng mười một", published_at=october + timedelta(hours=1))

    first, pages, months = listed(client, category.url, month="2026-10")
    second, _pages, _months = listed(client, category.url, month="2026-10", page=2)
    assert pages == ["1", "2"]
    assert months == ["2026-11", "2026-10"]
    assert sorted(first + second) == [f"Tháng mười {number:02d}" for number in range(12)]


@pytest.mark.django_db
def test_publishing_unpublishing_and_restricting_change_the_listing_at_once(
    client, news, category, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    start = timezone.localtime() - timedelta(days=40)
    start = start.replace(day=15, hour=9)  # the old articles share a month, not the current one
    for number in range(10):
        news.article(category, f"Tin cũ {number}", published_at=start + timedelta(minutes=number))
    titles, pages, months = listed(client, category.url)
    assert titles[0] == "Tin cũ 9" and pages == []  # one page: no page numbers
    old_month = start.strftime("%Y-%m")
    assert months == [old_month]
    assert listed(client, category.url, page=2)[0] == titles  # the listing is cached now

    with django_capture_on_commit_callbacks(execute=True):
        fresh = news.article(category, "Tin mới đăng", published_at=timezone.now())
    titles, pages, months = listed(client, category.url)
    assert titles[0] == "Tin mới đăng"
    assert pages == ["1", "2"]  # eleven articles now
    assert listed(client, category.url, page=2)[0] == ["Tin cũ 0"]
    assert months[0] == timezone.localtime(fresh.published_at).strftime("%Y-%m")

    newest_old = NewsArticlePage.objects.get(title="Tin cũ 9")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=newest_old, restriction_type="password", password="x"
        )
    titles, pages, _months = listed(client, category.url)
    assert "Tin cũ 9" not in titles and len(titles) == 10 and pages == []  # ten visible

    with django_capture_on_commit_callbacks(execute=True):
        fresh.unpublish()
    titles, pages, months = listed(client, category.url)
    assert titles[0] == "Tin cũ 8" and len(titles) == 9 and pages == []
    assert months == [old_month]


@pytest.mark.django_db
def test_demo_listing_pages_stay_within_fifteen_queries(
    portal, client, django_assert_max_num_queries
):
    call_command("kyanh_demo", stdout=StringIO())
    news_root = NewsIndexPage.objects.child_of(portal.root_page).order_by("path").first()
    article = NewsArticlePage.objects.live().descendant_of(news_root).first()
    tag = article.tags.first()
    month = timezone.localtime(article.published_at).strftime("%Y-%m")
    count = NewsArticlePage.objects.live().descendant_of(news_root).count()
    last_page = -(-count // 10)
    assert last_page > 1
    for params in ({}, {"page": last_page}, {"tag": tag.slug}, {"month": month}):
        client.get(news_root.url, params)  # warm: caches filled
        with django_assert_max_num_queries(15):
            response = client.get(news_root.url, params)
        assert response.status_code == 200
        assert BeautifulSoup(response.content, "html.parser").select(".kyanh-news-item")


@pytest.mark.django_db
def test_previews_show_the_draft_category_and_a_new_one_empty(client, news, category):
    news.article(category, "Tin đã đăng")
    client.get(category.url)  # the live listing is cached

    category.title = "Tin hoạt động (bản nháp)"
    soup = BeautifulSoup(category.make_preview_request().content, "html.parser")
    assert soup.select_one(".kyanh-news-item__category").get_text() == "Tin hoạt động (bản nháp)"

    new = NewsIndexPage(title="Chuyên mục mới", slug="chuyen-muc-moi")
    new.depth = category.depth + 1
    new.path = category.get_last_child()._inc_path()  # as Wagtail's preview of a new page does
    new.set_url_path(category)
    soup = BeautifulSoup(new.make_preview_request().content, "html.parser")
    assert soup.select_one("h1").get_text() == "Chuyên mục mới"
    assert not soup.select(".kyanh-news-item")
