"""Showcases as visitors and editors see them: figures, filters, blocks, query budgets."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyanh_cms.models import (
    Organization,
    PortalHomePage,
    ShowcaseIndexPage,
    ShowcasePage,
    TaskPlanIndexPage,
)
from kyanh_cms.showcases.choices import ShowcaseKind, ShowcaseStatus

YEAR = 2026


class Silent:
    def write(self, *args, **kwargs):
        pass


def make_index(home, slug="mo-hinh"):
    index = ShowcaseIndexPage(title="Mô hình, điển hình", slug=slug)
    home.add_child(instance=index)
    return index


def make_showcase(index, organization, title, **fields):
    fields = {"kind": ShowcaseKind.COLLECTIVE, "year": YEAR, **fields}
    page = ShowcasePage(title=title, organization=organization, **fields)
    index.add_child(instance=page)
    return page


@pytest.fixture
def home(portal):
    return PortalHomePage.objects.get(pk=portal.root_page_id)


@pytest.fixture
def demo_showcases(portal):
    from kyanh_cms.demo import showcases

    showcases.seed(Silent())
    return ShowcaseIndexPage.objects.get(slug=showcases.INDEX_SLUG)


def text_of(response):
    return " ".join(response.content.decode().split())


def test_demo_year_reads_30_of_31_and_36(client, demo_showcases):
    response = client.get(demo_showcases.url)
    assert response.status_code == 200
    page_text = text_of(response)
    assert (
        "<strong>30/31</strong> tổ chức cơ sở đảng đăng ký thực hiện, tổng số "
        "<strong>36</strong> mô hình/điển hình" in page_text
    )
    assert "Chi bộ Kho bạc Nhà nước Kỳ Anh" in page_text  # the one that has not registered
    assert "36 mô hình, điển hình" in page_text


def test_statistics_block_in_a_news_article_is_live(client, news, demo_showcases):
    category = news.category("Xây dựng Đảng", slug="xay-dung-dang")
    article = news.article(
        category,
        "Kết quả đăng ký mô hình, điển hình",
        body=[
            {
                "type": "showcase_statistics",
                "value": {"year": YEAR, "heading": "", "show_details": True},
            }
        ],
    )
    assert "<strong>30/31</strong> tổ chức cơ sở đảng đăng ký thực hiện, tổng số " in text_of(
        client.get(article.url)
    )
    showcase = ShowcasePage(
        title="Kho bạc số, phục vụ tận tình",
        organization=Organization.objects.get(short_name="Kho bạc"),
        kind=ShowcaseKind.COLLECTIVE,
        year=YEAR,
    )
    demo_showcases.add_child(instance=showcase)
    showcase.save_revision().publish()
    after = text_of(client.get(article.url))
    assert "<strong>31/31</strong> tổ chức cơ sở đảng đăng ký thực hiện" in after
    assert "tổng số <strong>37</strong> mô hình/điển hình" in after
    assert article.revisions.count() == 1  # the article was not saved again


def test_statistics_block_follows_new_showcases_without_resaving_the_page(
    client, home, demo_showcases
):
    page = TaskPlanIndexPage(
        title="Kế hoạch",
        slug="ke-hoach",
        body=[("showcase_statistics", {"year": YEAR, "heading": "", "show_details": False})],
    )
    home.add_child(instance=page)
    page.save_revision().publish()

    before = text_of(client.get(page.url))
    assert "<strong>30/31</strong> tổ chức cơ sở đảng đăng ký thực hiện" in before
    assert "tổng số <strong>36</strong> mô hình/điển hình" in before

    treasury = Organization.objects.get(short_name="Kho bạc")
    showcase = ShowcasePage(
        title="Kho bạc số, phục vụ tận tình",
        organization=treasury,
        kind=ShowcaseKind.COLLECTIVE,
        year=YEAR,
    )
    demo_showcases.add_child(instance=showcase)
    showcase.save_revision().publish()

    after = text_of(client.get(page.url))
    assert "<strong>31/31</strong> tổ chức cơ sở đảng đăng ký thực hiện" in after
    assert "tổng số <strong>37</strong> mô hình/điển hình" in after
    assert page.revisions.count() == 1  # the page itself was not saved again

    showcase.unpublish()
    assert "tổng số <strong>36</strong>" in text_of(client.get(page.url))


def test_figures_count_inactive_organizations_only_in_years_they_registered(home):
    index = make_index(home)
    active = Organization.objects.create(name="Đảng ủy xã Kỳ Hà")
    merged = Organization.objects.create(name="Đảng ủy xã Kỳ Hưng", active=False)
    Organization.objects.create(name="Đảng ủy xã cũ", active=False)
    make_showcase(index, active, "Mô hình A")
    make_showcase(index, merged, "Mô hình B", year=YEAR - 1)

    this_year = ShowcasePage.objects.live().registration_statistics(YEAR)
    assert (this_year.registered_count, this_year.organization_count) == (1, 1)
    last_year = ShowcasePage.objects.live().registration_statistics(YEAR - 1)
    assert (last_year.registered_count, last_year.organization_count) == (1, 2)


def test_registration_statistics_cost_two_queries(home, django_assert_num_queries):
    index = make_index(home)
    for n in range(10):
        organization = Organization.objects.create(name=f"Tổ chức {n}")
        make_showcase(
            index,
            organization,
            f"Mô hình {n}",
            kind=ShowcaseKind.INDIVIDUAL,
            person_name="Nguyễn Văn A",
            status=ShowcaseStatus.RECOGNIZED,
        )
    with django_assert_num_queries(2):
        stats = ShowcasePage.objects.live().registration_statistics(YEAR)
    assert stats.showcase_count == 10
    assert stats.by_kind == {ShowcaseKind.INDIVIDUAL: 10}
    assert stats.by_status == {ShowcaseStatus.RECOGNIZED: 10}


def test_index_filters_are_plain_bookmarkable_get_parameters(client, demo_showcases):
    url = demo_showcases.url
    individuals = client.get(url, {"kind": "individual"})
    assert individuals.context["showcase_page"].paginator.count == 10
    assert all(p.kind == "individual" for p in individuals.context["showcase_page"])

    police = Organization.objects.get(short_name="Công an thị xã")
    by_org = client.get(url, {"organization": police.pk, "status": "recognized"})
    assert [p.title for p in by_org.context["showcase_page"]] == [
        "Vì nhân dân phục vụ: một cửa, một lần đến"
    ]

    # Page 2 keeps the filters in its links.
    collective = client.get(url, {"kind": "collective"})
    assert 'href="?kind=collective&amp;page=2"' in collective.content.decode()


def test_index_ignores_filters_it_cannot_use_and_says_so(client, demo_showcases):
    response = client.get(demo_showcases.url, {"year": "abc", "organization": "999999"})
    assert response.status_code == 200
    assert response.context["showcase_page"].paginator.count == 36
    assert "Một số điều kiện lọc không hợp lệ và đã được bỏ qua." in response.content.decode()


def _index_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_does_not_grow_with_showcases(client, home, fragments_off):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Ảnh", file=get_test_image_file())
    index = make_index(home)

    def add(count, start):
        for n in range(start, start + count):
            organization = Organization.objects.create(name=f"Tổ chức {n}")
            make_showcase(index, organization, f"Mô hình số {n}", main_image=image)

    add(5, 0)
    client.get(index.url)  # renditions are created on the first view
    small = _index_queries(client, index.url)
    add(195, 5)
    client.get(index.url)
    large = _index_queries(client, index.url)
    assert small == large
    assert large <= 15


def test_individual_exemplar_needs_a_person(home):
    index = make_index(home)
    organization = Organization.objects.create(name="Chi bộ Trường THPT Kỳ Anh")
    page = ShowcasePage(
        title="Nhà giáo tận tụy",
        organization=organization,
        year=YEAR,
        kind=ShowcaseKind.INDIVIDUAL,
    )
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=page)
    assert "person_name" in error.value.message_dict


def test_showcase_cards_block_shows_live_choices_in_order(client, home):
    index = make_index(home)
    organization = Organization.objects.create(name="Đảng ủy phường Kỳ Long")
    first = make_showcase(index, organization, "Khu dân cư an toàn")
    second = make_showcase(index, organization, "Tổ tự quản")
    draft = make_showcase(index, organization, "Bản nháp", live=False)
    page = TaskPlanIndexPage(
        title="Kế hoạch",
        slug="ke-hoach",
        body=[("showcase_cards", {"heading": "Tiêu biểu", "showcases": [second, draft, first]})],
    )
    home.add_child(instance=page)
    html = client.get(page.url).content.decode()
    assert html.index("Tổ tự quản") < html.index("Khu dân cư an toàn")
    assert "Bản nháp" not in html


def test_an_organization_with_showcases_cannot_be_deleted(client, home):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    client.force_login(get_user_model().objects.create_superuser("a", "a@example.com", "p"))
    organization = Organization.objects.create(name="Đảng ủy xã Kỳ Ninh")
    showcase = make_showcase(make_index(home), organization, "Lễ hội cầu ngư")
    showcase.save_revision().publish()  # keeps Wagtail's reference index up to date
    url = reverse("wagtailsnippets_kyanh_cms_organization:delete", args=[organization.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code in (200, 302)
    assert Organization.objects.filter(pk=organization.pk).exists()
