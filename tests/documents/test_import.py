"""Bringing over a register: the export imports back (into another library it creates
every document, into the same one nothing), files come from a ZIP by name, and a bad row
is named with its column while nothing is written."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyanh_cms.models import DocumentLibraryPage, LegalDocumentPage

pytestmark = pytest.mark.django_db

URL = "/admin/kyanh_document_import/"


def post(admin_client, library, file_name, content, archive=None, **extra):
    data = {
        "action": "preview",
        "library": library.pk,
        "file": SimpleUploadedFile(file_name, content),
    }
    if archive is not None:
        data["archive"] = SimpleUploadedFile("tep.zip", archive)
    data.update(extra)
    return admin_client.post(URL, data)


def confirm(admin_client, library, preview_response):
    html = preview_response.content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    return admin_client.post(
        URL, {"action": "confirm", "library": library.pk, "collection": "", "payload": payload}
    )


def test_the_export_imports_back(admin_client, client, library):
    library.document("125/QĐ-UBND", "Về việc công nhận làng văn hóa", signer="Lê Văn Cường")
    library.document("12/KH-UBND", "Kế hoạch phòng chống thiên tai", kind=library.plan)
    exported = client.get(library.page.url + "xuat/", {"format": "xlsx"}).content
    second = DocumentLibraryPage(title="Kho lưu trữ", slug="kho-luu-tru")
    library.home.add_child(instance=second)

    preview = post(admin_client, second, "van-ban.xlsx", exported)
    assert preview.status_code == 200
    assert "data-kyanh-import-errors" not in preview.content.decode()
    done = confirm(admin_client, second, preview)
    assert done.status_code == 302
    copied = LegalDocumentPage.objects.child_of(second).live()
    assert sorted(copied.values_list("number_symbol", flat=True)) == ["12/KH-UBND", "125/QĐ-UBND"]
    assert copied.get(number_symbol="125/QĐ-UBND").signer == "Lê Văn Cường"

    again = post(admin_client, library.page, "van-ban.xlsx", exported)
    assert again.content.decode().count("đã có trong thư viện") == 2
    assert "Nhập các dòng này" not in again.content.decode()
    assert LegalDocumentPage.objects.child_of(library.page).count() == 2


def test_files_come_from_the_zip_by_name(admin_client, library):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("ho-so/QĐ 7.pdf", b"%PDF-1.4 signed scan")
    table = (
        '\ufeff"Số, ký hiệu",Loại văn bản,Cơ quan ban hành,Ngày ban hành,Trích yếu,Tệp\n'
        "7/QĐ-UBND,Quyết định,Ủy ban nhân dân xã Kỳ Hoa,02/03/2024,Về việc giao đất,qđ 7.PDF\n"
    ).encode()
    preview = post(admin_client, library.page, "so.csv", table, archive.getvalue())
    assert "data-kyanh-import-errors" not in preview.content.decode()
    confirm(admin_client, library.page, preview)
    document = LegalDocumentPage.objects.get(number_symbol="7/QĐ-UBND")
    attachment = document.attachments.get()
    assert attachment.file.file.read() == b"%PDF-1.4 signed scan"


def test_a_bad_row_is_named_and_nothing_is_written(admin_client, library):
    table = (
        "Số, ký hiệu;Loại văn bản;Cơ quan ban hành;Ngày ban hành;Trích yếu;Tệp\n"
        "8/QĐ-UBND;Quyết định;Ủy ban nhân dân xã Kỳ Hoa;02/03/2024;Hợp lệ;\n"
        "QĐ-UBND;Thông tư;Bộ Tài chính;31/02/2024;;thieu.pdf\n"
    ).encode()
    response = post(admin_client, library.page, "so.csv", table)
    html = response.content.decode()
    assert "data-kyanh-import-errors" in html
    for reason in (
        "Ghi số, ký hiệu",
        "“Thông tư” không có trong danh sách",
        "“Bộ Tài chính” không có trong danh sách",
        "dd/mm/yyyy",
        "Trích yếu trống",
        "“thieu.pdf” không có trong tệp ZIP",
    ):
        assert reason in html, reason
    assert "Nhập các dòng này" not in html
    assert not LegalDocumentPage.objects.exists()


def test_files_that_are_not_tables_are_refused(admin_client, library):
    html = post(admin_client, library.page, "so.xls", b"\xd0\xcf\x11\xe0").content.decode()
    assert ".xlsx" in html
    html = post(admin_client, library.page, "so.xlsx", b"not a zip").content.decode()
    assert "không mở được" in html or "cannot be opened" not in html
    assert not LegalDocumentPage.objects.exists()


def test_a_sheet_claiming_a_million_rows_is_refused_before_it_is_read():
    """A 5 KB workbook with one cell at XFD1048576 (the portal's one bounded reader)."""
    from openpyxl import Workbook

    from kyanh_cms.documents import importing

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Số, ký hiệu", "Trích yếu"])
    sheet.append(["125/QĐ-UBND", "Về việc ban hành kế hoạch"])
    sheet["XFD1048576"] = "x"
    data = io.BytesIO()
    workbook.save(data)
    with pytest.raises(importing.FileRefused):
        importing.read_table(data.getvalue(), "so-van-ban.xlsx")
