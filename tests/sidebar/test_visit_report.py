"""The visit report: a Wagtail report (filters, XLSX and CSV like the built-in reports)."""

import csv
import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from kyanh_cms.models import DailyPageViews, DailySiteVisits, NewsArticlePage

URL = "kyanh_cms_visits:report"


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bt@example.vn", "mat-khau-1")
    client.force_login(user)
    return client


@pytest.fixture
def article(make_article):
    return make_article("Kỳ Anh ra quân làm đường giao thông nông thôn")


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_report_draws_the_chosen_period_and_lists_its_days(portal, editor_client):
    today = timezone.localdate()
    DailySiteVisits.objects.create(site=portal, day=today, views=1234)
    DailySiteVisits.objects.create(site=portal, day=today - timedelta(days=100), views=10)

    month = html(editor_client.get(reverse(URL)))  # the admin's site, the last 30 days
    year = html(editor_client.get(reverse(URL), {"site": portal.pk, "period": 365}))

    assert "Thống kê truy cập" in month
    assert month.count('<rect class="bar"') == 30
    assert year.count('<rect class="bar"') == 365
    assert f"{today:%d/%m/%Y}: 1.234" in month
    assert 'data-figure="period">1.234<' in month
    assert 'data-figure="period">1.244<' in year
    # SVG numbers use a dot whatever the admin's language (Vietnamese writes 12,5).
    coordinates = re.findall(r'<rect class="bar" x="([^"]+)" y="([^"]+)"', month)
    assert all(float(x) >= 0 and float(y) >= 0 for x, y in coordinates)
    assert ">2.000<" in month and ">1.200<" in month  # grid lines of a chart reaching 1.234
    # The table: newest day first, Vietnamese numbers, Wagtail's filters and downloads.
    table = month[month.index('<table class="listing">') :]
    assert table.index(f"{today:%d/%m/%Y}") < table.index(f"{today - timedelta(days=1):%d/%m/%Y}")
    assert re.search(r">\s*1\.234\s*<", table)
    assert "?export=xlsx" in month and "export=csv" in month
    for label in ("Trang web", "Khoảng thời gian", "Loại trang"):
        assert label in month
    # The defaults (the admin's site, 30 days) are not shown as filters someone set…
    assert 'class="w-active-filters"' not in month
    # …a period chosen is, with its own name.
    assert 'class="w-active-filters"' in year and "365 ngày qua" in year


def test_filtering_by_page_type_counts_only_those_pages(portal, article, editor_client):
    today = timezone.localdate()
    DailySiteVisits.objects.create(site=portal, day=today, views=500)
    DailyPageViews.objects.create(site=portal, page=article, day=today, views=40)
    DailyPageViews.objects.create(site=portal, page=portal.root_page, day=today, views=460)
    news_type = ContentType.objects.get_for_model(NewsArticlePage)

    page = html(editor_client.get(reverse(URL), {"page_type": news_type.pk}))
    assert 'data-figure="period">40<' in page
    assert f"{today:%d/%m/%Y}: 40" in page
    # The filter says so, as Wagtail's reports do.
    assert "Bài viết" in page or str(NewsArticlePage._meta.verbose_name) in page


def xlsx_rows(response):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [[cell.value for cell in row] for row in book.active.iter_rows()]


def test_xlsx_export_has_vietnamese_headings_real_dates_and_no_formulas(portal, editor_client):
    portal.site_name = '=HYPERLINK("https://evil.example")'
    portal.save()
    today = timezone.localdate()
    DailySiteVisits.objects.create(site=portal, day=today, views=42)
    response = editor_client.get(reverse(URL), {"period": 7, "export": "xlsx"})
    assert ".xlsx" in response["Content-Disposition"]
    rows = xlsx_rows(response)
    assert rows[0] == ["Trang web", "Ngày", "Lượt truy cập"]
    assert len(rows) == 1 + 7
    # Oldest day first, as a spreadsheet reads; dates are dates, numbers numbers.
    assert rows[-1][1:] == [today, 42]
    assert rows[1][1:] == [today - timedelta(days=6), 0]
    # The site's name stays text (Excel would run it as a formula).
    assert rows[1][0].startswith("=HYPERLINK") or rows[1][0].startswith("'=")
    book = openpyxl.load_workbook(
        io.BytesIO(b"".join(editor_client.get(reverse(URL), {"export": "xlsx"}).streaming_content))
    )
    assert book.active["A2"].data_type == "s"


def test_csv_export_has_vietnamese_headings_and_neutralises_formulas(portal, editor_client):
    portal.site_name = '=HYPERLINK("https://evil.example")'
    portal.save()
    DailySiteVisits.objects.create(site=portal, day=timezone.localdate(), views=42)
    response = editor_client.get(reverse(URL), {"site": portal.pk, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert ".csv" in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode()), "Excel reads Vietnamese as UTF-8 only with the BOM"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Trang web", "Ngày", "Lượt truy cập"]
    assert len(rows) == 1 + 30
    assert rows[-1][0].startswith("'=")
    assert rows[-1][1:] == [timezone.localdate().isoformat(), "42"]


def test_report_queries_do_not_grow_with_the_period(
    portal, article, editor_client, django_assert_max_num_queries
):
    today = timezone.localdate()
    for back in range(365):
        DailySiteVisits.objects.create(site=portal, day=today - timedelta(days=back), views=back)
    news_type = ContentType.objects.get_for_model(NewsArticlePage)
    editor_client.get(reverse(URL))  # warms the session and the admin's menus
    # Sessions, user and menus included; one query for the days, whatever their number.
    with django_assert_max_num_queries(17):
        html(editor_client.get(reverse(URL), {"period": 365}))
    with django_assert_max_num_queries(18):
        html(editor_client.get(reverse(URL), {"period": 365, "page_type": news_type.pk}))
    with django_assert_max_num_queries(10):
        editor_client.get(reverse(URL), {"period": 365, "export": "xlsx"})


def test_report_and_its_menu_item_need_permission(portal, client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("xem", "x@example.vn", "mat-khau-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse(URL)).status_code in (302, 403)
    assert client.get(reverse(URL), {"export": "csv"}).status_code in (302, 403)
    assert "Thống kê truy cập" not in client.get(reverse("wagtailadmin_home")).content.decode()

    user.user_permissions.add(Permission.objects.get(codename="view_dailysitevisits"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(reverse(URL)).status_code == 200
    assert reverse(URL) in client.get(reverse("wagtailadmin_home")).content.decode()


def test_changing_a_filter_redraws_figures_chart_and_days(portal, editor_client):
    """Wagtail's filters fetch the results part alone: the chart and figures come with it."""
    DailySiteVisits.objects.create(site=portal, day=timezone.localdate(), views=9)
    fragment = html(editor_client.get(reverse("kyanh_cms_visits:report_results"), {"period": 7}))
    assert "<html" not in fragment
    assert fragment.count('<rect class="bar"') == 7
    assert 'data-figure="period">9<' in fragment
