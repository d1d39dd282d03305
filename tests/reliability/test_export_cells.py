"""Every export opens in a spreadsheet program: control characters that visitors or
editors typed never break the file (openpyxl opens each real XLSX), formulas stay text,
and CSV files carry the UTF-8 byte order mark Excel needs to show Vietnamese."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kyanh_cms.core.spreadsheets import CSV_BOM
from kyanh_cms.models import (
    Organization,
    PortalHomePage,
    ReaderComment,
    ShowcaseIndexPage,
    ShowcasePage,
)

# Bell, escape, form feed, vertical tab, unit separator, DEL: the database keeps them all
# (PostgreSQL refuses only NUL), openpyxl refuses them in a cell.
HOSTILE = "Kỳ\x07 Anh\x1b[0m\x0c\x0b\x1f\x7f"
CLEAN = "Kỳ Anh[0m"


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("quantri", "qt@example.com", "matkhau")
    client.force_login(user)
    return client


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def xlsx_values(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(body_of(response))).active
    return [cell.value for row in sheet.iter_rows() for cell in row]


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = body_of(response)
    assert raw.startswith(CSV_BOM.encode()), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture
def hostile_comment(make_article):
    article = make_article(title="Đường giao thông nông thôn")
    return ReaderComment.objects.create(
        page=article,
        name=HOSTILE,
        content=f"=1+1 {HOSTILE}\r\nDòng hai",
        status=ReaderComment.Status.APPROVED,
    )


def test_comment_export_xlsx_with_control_characters(admin_client, hostile_comment):
    values = xlsx_values(admin_client.get("/admin/reader-comments/", {"export": "xlsx"}))
    assert CLEAN in values
    assert f"=1+1 {CLEAN}\nDòng hai" in values


def test_comment_export_csv_with_control_characters(admin_client, hostile_comment):
    rows = csv_rows(admin_client.get("/admin/reader-comments/", {"export": "csv"}))
    cells = {cell for row in rows[1:] for cell in row}
    assert CLEAN in cells
    assert f"'=1+1 {CLEAN}\nDòng hai" in cells
    assert rows[0][0] and not rows[0][0].startswith(CSV_BOM)


@pytest.fixture
def showcase_index(portal):
    home = PortalHomePage.objects.get(pk=portal.root_page_id)
    index = ShowcaseIndexPage(title="Mô hình, điển hình", slug="mo-hinh")
    home.add_child(instance=index)
    organization = Organization.objects.create(name=f"Đảng ủy {HOSTILE}", short_name="Kỳ Hà")
    index.add_child(
        instance=ShowcasePage(
            title="Dân vận khéo", organization=organization, year=2026, summary=HOSTILE
        )
    )
    return index


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_showcase_export_with_control_characters(admin_client, showcase_index, export_format):
    response = admin_client.get(
        reverse("kyanh_showcases:index"), {"export": export_format, "year": 2026}
    )
    cells = xlsx_values(response) if export_format == "xlsx" else sum(csv_rows(response), [])
    assert CLEAN in cells
    assert f"Đảng ủy {CLEAN}" in cells


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_organization_export_with_control_characters(admin_client, showcase_index, export_format):
    url = reverse(Organization.snippet_viewset.get_url_name("list"))
    response = admin_client.get(url, {"export": export_format})
    cells = xlsx_values(response) if export_format == "xlsx" else sum(csv_rows(response), [])
    assert f"Đảng ủy {CLEAN}" in cells


def test_visit_csv_with_control_characters(admin_client, portal):
    from kyanh_cms.sidebar.counters import DailySiteVisits

    portal.site_name = f"Cổng {HOSTILE}"
    portal.save()
    DailySiteVisits.objects.create(site=portal, day=timezone.localdate(), views=42)
    rows = csv_rows(
        admin_client.get(reverse("kyanh_cms_visits:report"), {"site": portal.pk, "export": "csv"})
    )
    assert rows[1][0].startswith(f"Cổng {CLEAN}")
    assert rows[-1][1:] == [timezone.localdate().isoformat(), "42"]
