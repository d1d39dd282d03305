"""Every CSV and Excel file the admin hands out, opened as a person's spreadsheet program
would: formulas typed by visitors stay text, control characters neither break the file
nor show up in it."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kyanh_cms.core.spreadsheets import spreadsheet_text, strip_control_characters, unquote_formula
from kyanh_cms.models import (
    DailySiteVisits,
    Organization,
    PortalHomePage,
    ReaderComment,
    ShowcaseIndexPage,
    ShowcasePage,
)

FORMULA = '=HYPERLINK("http://lua-dao.example","Bấm vào đây")'
#: A bell and a vertical tab inside the text, a Windows line break between two lines.
CONTROLLED = "Cảm ơn\x07 ban biên tập\x0b.\r\nDòng thứ hai"
SEEN = "Cảm ơn ban biên tập.\nDòng thứ hai"


@pytest.fixture
def admin_client(client, portal):
    client.force_login(get_user_model().objects.create_superuser("qt", "qt@example.vn", "mk"))
    return client


def xlsx_cells(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return {cell.value: cell for row in sheet.iter_rows(min_row=2) for cell in row}


def csv_cells(response):
    assert response.status_code == 200
    content = getattr(response, "streaming_content", None)
    data = b"".join(content) if content is not None else response.content
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return {cell for row in rows[1:] for cell in row}


def assert_shown_as_text(cells, text):
    """Excel shows ``text`` as typed and keeps it text: a quote-prefixed string cell."""
    cell = cells[text]
    assert (cell.data_type, cell.quotePrefix) == ("s", True)


@pytest.fixture
def comment(make_article):
    return ReaderComment.objects.create(
        page=make_article(), name=FORMULA, email="@lua-dao.example", content=CONTROLLED
    )


def test_reader_comments_export_to_excel_and_csv(admin_client, comment):
    url = reverse("kyanh_reader_comments:index")
    cells = xlsx_cells(admin_client.get(url, {"export": "xlsx"}))
    assert SEEN in cells
    assert_shown_as_text(cells, FORMULA)
    assert_shown_as_text(cells, "@lua-dao.example")

    cells = csv_cells(admin_client.get(url, {"export": "csv"}))
    assert {SEEN, "'" + FORMULA, "'@lua-dao.example"} <= cells


@pytest.fixture
def showcase(portal):
    home = PortalHomePage.objects.get(pk=portal.root_page_id)
    index = ShowcaseIndexPage(title="Mô hình, điển hình", slug="mo-hinh")
    home.add_child(instance=index)
    organization = Organization.objects.create(name="-Chi bộ\x1b khối 3", short_name="+K3")
    page = ShowcasePage(
        title="Tủ sách\x08 cộng đồng", organization=organization, year=2026, summary=FORMULA
    )
    index.add_child(instance=page)
    return page


def test_showcases_and_organizations_export_to_excel_and_csv(admin_client, showcase):
    showcases = reverse("kyanh_showcases:index")
    cells = xlsx_cells(admin_client.get(showcases, {"export": "xlsx"}))
    assert "Tủ sách cộng đồng" in cells
    assert_shown_as_text(cells, FORMULA)
    assert_shown_as_text(cells, "-Chi bộ khối 3")
    cells = csv_cells(admin_client.get(showcases, {"export": "csv"}))
    assert {"Tủ sách cộng đồng", "'" + FORMULA, "'-Chi bộ khối 3"} <= cells

    organizations = reverse("wagtailsnippets_kyanh_cms_organization:list")
    cells = xlsx_cells(admin_client.get(organizations, {"export": "xlsx"}))
    assert_shown_as_text(cells, "-Chi bộ khối 3")
    assert_shown_as_text(cells, "+K3")
    assert csv_cells(admin_client.get(organizations, {"export": "csv"})) >= {
        "'-Chi bộ khối 3",
        "'+K3",
    }


def test_visit_report_exports_to_csv(admin_client, portal):
    # The control character in front would hide the formula from a check on the first character.
    portal.site_name = "\x1b=1+2 Cổng Kỳ Anh"
    portal.save()
    DailySiteVisits.objects.create(site=portal, day=timezone.localdate(), views=7)
    response = admin_client.get(
        reverse("kyanh_cms_visits:report"), {"site": portal.pk, "export": "csv"}
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Trang web", "Ngày", "Lượt truy cập"]
    assert rows[-1] == ["'=1+2 Cổng Kỳ Anh [mặc định]", timezone.localdate().isoformat(), "7"]


def test_numbers_stay_numbers_and_an_exported_cell_reads_back_as_typed():
    assert spreadsheet_text(-5) == -5
    assert spreadsheet_text(None) is None
    assert strip_control_characters("Tab\tgiữ lại\n") == "Tab\tgiữ lại\n"
    for typed in [FORMULA, "+84 912 345 678", "- gạch đầu dòng", "@Kỳ Anh", "\tthụt lề"]:
        assert spreadsheet_text(typed) == "'" + typed
        assert unquote_formula(spreadsheet_text(typed)) == typed
    assert unquote_formula("'Kỳ Anh'") == "'Kỳ Anh'"
