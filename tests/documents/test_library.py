"""The public library: filters, accent-insensitive search by number and abstract,
statuses from dates and relations, keyset pages, RSS and the spreadsheet."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from kyanh_cms.documents.choices import RelationKind
from tests.documents.conftest import html_of

pytestmark = pytest.mark.django_db


def rows(client, library, **params):
    response = client.get(library.page.url, params)
    return html_of(response)


def test_the_number_with_or_without_accents_slash_and_order_finds_the_document(client, library):
    library.document("125/QĐ-UBND", "Về việc công nhận làng văn hóa năm 2025")
    library.document("1250/QĐ-UBND", "Về việc thành lập tổ công tác")
    for query in ("qd ubnd 125", "125/QĐ-UBND", "125/qd-ubnd", "UBND 125", "QĐ-UBND 125"):
        html = rows(client, library, q=query)
        assert ">125/QĐ-UBND<" in html, query
        assert ">1250/QĐ-UBND<" not in html, query


def test_abstract_words_without_accents_find_the_document(client, library):
    library.document(
        "12/KH-UBND", "Kế hoạch phòng chống thiên tai và tìm kiếm cứu nạn", kind=library.plan
    )
    library.document("13/QĐ-UBND", "Về việc giao đất ở cho hộ gia đình")
    html = rows(client, library, q="phong chong thien tai")
    assert ">12/KH-UBND<" in html and ">13/QĐ-UBND<" not in html
    html = rows(client, library, q="GIAO ĐẤT")
    assert ">13/QĐ-UBND<" in html and ">12/KH-UBND<" not in html


def test_filters_by_kind_year_and_issuer(client, library):
    library.document("1/KH-UBND", "Kế hoạch một", kind=library.plan)
    library.document("2/QĐ-UBND", "Quyết định hai", issue_date=datetime.date(2024, 5, 2))
    html = rows(client, library, kind=library.plan.pk)
    assert ">1/KH-UBND<" in html and ">2/QĐ-UBND<" not in html
    html = rows(client, library, year=2024)
    assert ">2/QĐ-UBND<" in html and ">1/KH-UBND<" not in html
    # A value the form cannot use is ignored, never an error page.
    html = rows(client, library, year="abc", kind="%00")
    assert ">1/KH-UBND<" in html and ">2/QĐ-UBND<" in html


def test_statuses_follow_dates_and_replacements(client, library):
    today = timezone.localdate()
    old = library.document("5/QĐ-UBND", "Quy chế cũ", issue_date=datetime.date(2020, 1, 2))
    library.document(
        "6/QĐ-UBND",
        "Quy chế mới",
        issue_date=datetime.date(2024, 1, 2),
        relations=[(RelationKind.REPLACES, old)],
    )
    library.document(
        "7/QĐ-UBND",
        "Hết hạn",
        issue_date=datetime.date(2021, 1, 2),
        expiry_date=today - datetime.timedelta(days=1),
    )
    library.document(
        "8/QĐ-UBND",
        "Sắp có hiệu lực",
        issue_date=today,
        effective_date=today + datetime.timedelta(days=10),
    )
    html = rows(client, library)
    assert "Bị thay thế" in html and "Hết hiệu lực" in html
    assert "Chưa có hiệu lực" in html and "Còn hiệu lực" in html
    expired = rows(client, library, status="expired")
    assert ">7/QĐ-UBND<" in expired and ">5/QĐ-UBND<" not in expired
    replaced = rows(client, library, status="replaced")
    assert ">5/QĐ-UBND<" in replaced and ">6/QĐ-UBND<" not in replaced
    # Both pages show the relation, each from its own side.
    old_page = html_of(client.get(old.url))
    assert "Được thay thế bởi" in old_page and ">6/QĐ-UBND<" in old_page


def test_keyset_pages_walk_forward_and_back(client, library):
    for n in range(1, 46):
        library.document(
            f"{n}/QĐ-UBND",
            f"Văn bản số {n}",
            issue_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
        )
    first = rows(client, library)
    assert ">45/QĐ-UBND<" in first and ">26/QĐ-UBND<" in first and ">25/QĐ-UBND<" not in first
    next_link = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = html_of(client.get(library.page.url + next_link.replace("&amp;", "&")))
    assert ">25/QĐ-UBND<" in second and ">26/QĐ-UBND<" not in second
    back_link = second.split('rel="prev"')[0].rsplit('href="', 1)[1].split('"')[0]
    again = html_of(client.get(library.page.url + back_link.replace("&amp;", "&")))
    assert ">45/QĐ-UBND<" in again and ">25/QĐ-UBND<" not in again
    oldest = rows(client, library, sort="oldest")
    assert ">1/QĐ-UBND<" in oldest and ">45/QĐ-UBND<" not in oldest


def test_rss_and_spreadsheet_keep_the_filters(client, library):
    library.document("1/KH-UBND", '=HYPERLINK("x") kế hoạch', kind=library.plan)
    library.document("2/QĐ-UBND", "Quyết định hai")
    feed = client.get(library.page.url + "rss/", {"kind": library.plan.pk})
    assert feed.status_code == 200
    body = feed.content.decode()
    assert "1/KH-UBND" in body and "2/QĐ-UBND" not in body
    response = client.get(library.page.url + "xuat/", {"format": "xlsx", "q": "ke hoach"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Số, ký hiệu"
    assert [row[0] for row in values[1:]] == ["1/KH-UBND"]
    abstract = values[1][10]
    assert abstract.startswith("=HYPERLINK")  # kept as text, not a formula
    assert sheet.cell(row=2, column=11).data_type == "s"
    csv_text = client.get(library.page.url + "xuat/", {"format": "csv"}).content.decode()
    assert csv_text.startswith("\ufeff") and "'=HYPERLINK" in csv_text


def test_another_sites_documents_stay_there(client, library):
    from wagtail.models import Page, Site

    from kyanh_cms.models import DocumentLibraryPage

    library.document("1/QĐ-UBND", "Của xã Kỳ Hoa")
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=Page(title="Xã khác", slug="xa-khac"))
    Site.objects.create(hostname="xa-khac.test", root_page=other_home)
    other = DocumentLibraryPage(title="Văn bản", slug="van-ban")
    other_home.add_child(instance=other)
    html = html_of(client.get("/van-ban/", HTTP_HOST="xa-khac.test"))
    assert ">1/QĐ-UBND<" not in html


def test_warm_library_page_runs_no_query(client, library, django_assert_max_num_queries):
    for n in range(1, 6):
        library.document(f"{n}/QĐ-UBND", f"Văn bản {n}")
    client.get(library.page.url, {"q": "van ban"})
    with django_assert_max_num_queries(2):
        client.get(library.page.url, {"q": "van ban"})


def test_the_site_search_lists_matching_documents(client, library):
    library.document("125/QĐ-UBND", "Về việc công nhận làng văn hóa năm 2025")
    library.document("7/QĐ-UBND", "Về việc giao đất")
    html = html_of(client.get("/tim-kiem/", {"q": "qd ubnd 125"}))
    assert "Văn bản" in html and ">125/QĐ-UBND<" in html and ">7/QĐ-UBND<" not in html
    html = html_of(client.get("/tim-kiem/", {"q": "lang van hoa"}))
    assert ">125/QĐ-UBND<" in html
