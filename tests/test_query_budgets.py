"""Query budgets of the public page types outside news: at most 15 SQL queries per warm
request, and the same number with a few items as with many.

Each test renders the page once (filling caches and creating renditions), counts
the queries of the next request, adds many more items of the kind the page
lists, and counts again: a query per showcase, plan, task, picture, comment or
URL would show as a difference.

Cached fragments are off here (``fragments_off``): what is measured is the cost
of drawing the page with every other cache warm, which a page pays after each
publish. ``test_fragment_cache.py`` covers the fragments.
"""

from datetime import date

import pytest
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyanh_cms.models import (
    Organization,
    ShowcaseEvidenceDocument,
    ShowcaseGalleryImage,
    ShowcaseIndexPage,
    ShowcasePage,
    TaskItem,
    TaskPlan,
    TaskPlanIndexPage,
)
from kyanh_cms.showcases.choices import ShowcaseKind, ShowcaseStatus
from kyanh_cms.tasks.choices import TaskStatus

BUDGET = 15
FRAGMENT = {"HTTP_X_KYANH_FRAGMENT": "1"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

pytestmark = pytest.mark.usefixtures("fragments_off")


def warm_queries(client, url, **headers):
    """The number of queries of a warm request (the first one fills the caches)."""
    assert client.get(url, **headers).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(captured)


def assert_within_budget(client, url, django_assert_max_num_queries, **headers):
    with django_assert_max_num_queries(BUDGET):
        assert client.get(url, **headers).status_code == 200


# --- Showcases -------------------------------------------------------------------------------


class Showcases:
    """Showcases under one index, each of a new organization and with its own picture."""

    def __init__(self, news):
        self.news = news
        self.index = ShowcaseIndexPage(title="Mô hình, điển hình", slug="mo-hinh")
        news.home.add_child(instance=self.index)
        self.pages = []

    def add(self, count):
        kinds = [ShowcaseKind.COLLECTIVE, ShowcaseKind.INDIVIDUAL]
        statuses = list(ShowcaseStatus.values)
        for _ in range(count):
            n = len(self.pages)
            organization = Organization.objects.create(name=f"Chi bộ số {n}", order=n)
            page = ShowcasePage(
                title=f"Mô hình số {n}",
                organization=organization,
                kind=kinds[n % 2],
                person_name="Nguyễn Văn A" if n % 2 else "",
                status=statuses[n % len(statuses)],
                year=2025 + n % 2,
                summary="Dân vận khéo ở khu dân cư.",
                main_image=self.news.image(),
            )
            self.index.add_child(instance=page)
            self.pages.append(page)

    def choose_all_as_cards(self):
        """The index's introduction shows every showcase as a card (a chooser each)."""
        cards = {"heading": "Tiêu biểu", "showcases": list(self.pages)}
        self.index.intro = [("showcase_cards", cards)]
        self.index.save_revision().publish()


@pytest.fixture
def showcases(news):
    return Showcases(news)


def test_showcase_index_costs_the_same_with_3_or_14_showcases(
    client, showcases, django_assert_max_num_queries
):
    showcases.add(3)
    showcases.choose_all_as_cards()
    url = showcases.index.url
    urls = [url, url + "?kind=collective", url + "?year=2026&status=registered"]
    small = [warm_queries(client, each) for each in urls]

    showcases.add(11)  # 14: more than the 12 a page shows
    showcases.choose_all_as_cards()
    large = [warm_queries(client, each) for each in urls]
    assert large == small
    assert warm_queries(client, url + "?page=2") <= small[0]
    for each in urls:
        assert_within_budget(client, each, django_assert_max_num_queries)
    html = client.get(url).content.decode()
    assert html.count('class="kyanh-showcase-card"') == 14 + 12  # the cards, then the list
    assert "14 mô hình, điển hình" in html


def test_showcase_index_counts_what_its_filters_select(client, showcases):
    showcases.add(8)
    showcases.pages[0].unpublish()  # not counted
    live = ShowcasePage.objects.live().child_of(showcases.index)
    organization = showcases.pages[3].organization_id
    for params, filters in [
        ({}, {}),
        ({"year": "2026"}, {"year": 2026}),
        ({"kind": "individual"}, {"kind": "individual"}),
        ({"year": "2025", "status": "registered"}, {"year": 2025, "status": "registered"}),
        ({"organization": str(organization)}, {"organization_id": organization}),
        ({"year": "2024"}, {"year": 2024}),  # no such year: the filter is ignored
    ]:
        response = client.get(showcases.index.url, params)
        expected = live.filter(**filters).count() if params != {"year": "2024"} else live.count()
        assert response.context["showcase_page"].paginator.count == expected, params
        assert len(response.context["showcase_page"].object_list) == min(expected, 12)


def test_showcase_page_costs_the_same_with_1_or_8_pictures_and_documents(
    client, showcases, news, django_assert_max_num_queries
):
    showcases.add(1)
    page = showcases.pages[0]

    def add_pictures_and_documents(count):
        for n in range(count):
            ShowcaseGalleryImage.objects.create(page=page, image=news.image(), caption=f"Ảnh {n}")
            ShowcaseEvidenceDocument.objects.create(
                page=page, document=news.document(f"Quyết định {n}")
            )

    add_pictures_and_documents(1)
    small = warm_queries(client, page.url)
    add_pictures_and_documents(7)
    assert warm_queries(client, page.url) == small
    assert_within_budget(client, page.url, django_assert_max_num_queries)
    html = client.get(page.url).content.decode()
    assert html.count("<figcaption>Ảnh ") == 8
    assert html.count("Quyết định ") == 8


# --- Task plans ------------------------------------------------------------------------------


def make_plans(count, items_each, start=0):
    organizations = list(Organization.objects.all()[:3]) or [
        Organization.objects.create(name=f"Đảng ủy phường {n}") for n in range(3)
    ]
    statuses = [TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.DONE]
    plans = []
    for n in range(start, start + count):
        plan = TaskPlan(title=f"Kế hoạch {n:02d}", year=2025 + n % 2)
        plan.items = [
            TaskItem(
                title=f"Nhiệm vụ {m}",
                status=statuses[(n + m) % 3],
                progress=[0, 40, 100][(n + m) % 3],
                responsible_organization=organizations[m % 3],
                deadline=date(2026, 1 + m % 12, 1),
                update_note="Đã họp triển khai.",
            )
            for m in range(items_each)
        ]
        plan.save()
        plan.save_revision()
        plans.append(plan)
    return plans


def test_task_plan_page_costs_the_same_with_3_or_20_plans(
    client, news, django_assert_max_num_queries
):
    first = make_plans(3, 3)
    body = [("tracked_plan", {"task_plan": first[0], "heading": "", "show_introduction": True})]
    page = TaskPlanIndexPage(title="Nhiệm vụ trọng tâm", slug="nhiem-vu", body=body)
    news.home.add_child(instance=page)
    urls = [page.url, page.url + "?year=2026", page.url + "?status=in_progress"]
    small = [warm_queries(client, url) for url in urls]

    make_plans(17, 15, start=3)
    large = [warm_queries(client, url) for url in urls]
    assert large == small
    for url in urls:
        assert_within_budget(client, url, django_assert_max_num_queries)
    assert len(client.get(page.url).context["plans"]) == 20


def test_task_plan_page_figures_match_the_database_figures(client, news):
    make_plans(6, 4)
    TaskPlan.objects.create(title="Kế hoạch trống", year=2026)  # no items: not started
    done = TaskPlan(title="Kế hoạch xong", year=2026)
    done.items = [TaskItem(title="Xong", status=TaskStatus.DONE)]
    done.save()
    page = TaskPlanIndexPage(title="Nhiệm vụ trọng tâm", slug="nhiem-vu")
    news.home.add_child(instance=page)

    def figures(plans):
        return {
            plan.pk: (
                plan.item_count,
                plan.done_count,
                plan.started_count,
                round(plan.average_progress, 6),
                plan.overall_status,
            )
            for plan in plans
        }

    expected = figures(TaskPlan.objects.with_progress())
    assert figures(client.get(page.url).context["plans"]) == expected
    assert {status for *_figures, status in expected.values()} == {
        "done",
        "in_progress",
        "not_started",
    }
    for status in ("done", "in_progress", "not_started"):
        listed = client.get(page.url, {"status": status}).context["plans"]
        assert sorted(plan.pk for plan in listed) == sorted(
            pk for pk, (*_figures, overall) in expected.items() if overall == status
        )
    years = client.get(page.url).context["filter_form"].fields["year"].choices
    assert [value for value, _label in years] == ["", 2026, 2025]


# --- Reader engagement -----------------------------------------------------------------------


def test_engagement_page_and_fragments_cost_the_same_with_0_or_40_comments_and_votes(
    client, make_article, django_assert_max_num_queries, approved_comments
):
    from kyanh_cms.engagement import ratings

    article = make_article()
    base = f"/kyanh/engagement/{article.pk}/"
    requests = [(base, {}), (base + "rating/", FRAGMENT), (base + "comments/", FRAGMENT)]
    small = [warm_queries(client, url, **headers) for url, headers in requests]

    approved_comments(article, 40)
    for n in range(40):
        ratings.record_vote(article, f"cu-tri-{n}", 1 + n % 5)
    large = [warm_queries(client, url, **headers) for url, headers in requests]
    assert large == small
    for url, headers in requests:
        assert_within_budget(client, url, django_assert_max_num_queries, **headers)
    assert client.get(base).content.decode().count('class="kyanh-comment"') == 40


# --- Feed, sitemap, archive file -------------------------------------------------------------


def test_feed_costs_the_same_with_3_or_22_articles_with_pictures(
    client, news, django_assert_max_num_queries
):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    pictures = [news.image() for _ in range(8)]

    def add(count, start):
        for n in range(start, start + count):
            news.article(category, f"Tin số {n}", slug=f"tin-so-{n}", main_image=pictures[n % 8])

    add(3, 0)
    url = category.url + "rss/"
    small = warm_queries(client, url)
    add(19, 3)
    assert warm_queries(client, url) == small
    assert_within_budget(client, url, django_assert_max_num_queries)
    assert client.get(url).content.decode().count("<enclosure ") == 20


def test_sitemap_costs_the_same_with_few_or_many_pages(client, news, django_assert_max_num_queries):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    for n in range(3):
        news.article(category, f"Tin số {n}", slug=f"tin-so-{n}")
    small = warm_queries(client, "/sitemap.xml")
    for n in range(3, 30):
        news.article(category, f"Tin số {n}", slug=f"tin-so-{n}")
    assert warm_queries(client, "/sitemap.xml") == small
    assert_within_budget(client, "/sitemap.xml", django_assert_max_num_queries)


def test_a_large_sitemap_is_an_index_of_parts_that_list_every_page_once(
    client, news, monkeypatch, django_assert_max_num_queries
):
    from wagtail.models import Page

    from kyanh_cms.portal.sitemaps import PortalSitemap

    monkeypatch.setattr(PortalSitemap, "limit", 10)
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    for n in range(24):
        news.article(category, f"Tin số {n}", slug=f"tin-so-{n}")
    news.article(category, "Bản nháp", slug="ban-nhap", publish=False)
    # On the host the sitemap was asked on, not the Site record's (tests/portal/test_links.py).
    expected = {
        f"http://testserver{page.url}"
        for page in Page.objects.live().public().filter(depth__gte=2).specific()
    }
    assert len(expected) == 26  # home, category, 24 articles

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    tree = ElementTree.fromstring(index.content)
    parts = [loc.text for loc in tree.findall("s:sitemap/s:loc", SITEMAP)]
    # On the host the index was asked on (the test client's).
    assert parts == [f"http://testserver/sitemap.xml?p={n}" for n in (1, 2, 3)]

    listed = []
    for part in parts:
        path = part.removeprefix("http://testserver")
        with django_assert_max_num_queries(BUDGET):
            response = client.get(path)
        tree = ElementTree.fromstring(response.content)
        listed += [loc.text for loc in tree.findall("s:url/s:loc", SITEMAP)]
    assert sorted(listed) == sorted(expected)
    assert client.get("/sitemap.xml?p=4").status_code == 404


def test_archive_file_costs_the_same_with_1_or_8_pictures(
    client, news, django_assert_max_num_queries
):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")

    def gallery(count):
        images = [{"image": news.image().pk, "caption": f"Ảnh {n}"} for n in range(count)]
        return [{"type": "gallery", "value": {"title": "Ảnh", "images": images}}]

    small_article = news.article(category, "Ít ảnh", slug="it-anh", body=gallery(1))
    large_article = news.article(category, "Nhiều ảnh", slug="nhieu-anh", body=gallery(8))
    small = warm_queries(client, small_article.url + "tai-ve/")
    assert warm_queries(client, large_article.url + "tai-ve/") == small
    assert_within_budget(client, large_article.url + "tai-ve/", django_assert_max_num_queries)
    assert client.get(large_article.url + "tai-ve/").content.decode().count("data:image/") >= 8
