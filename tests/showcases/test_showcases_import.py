"""Importing a year's registrations from CSV/Excel, and exporting the showcase list safely."""

import csv
import io
import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kyanh_cms.models import Organization, PortalHomePage, ShowcaseIndexPage, ShowcasePage
from kyanh_cms.showcases import importing as showcase_import
from kyanh_cms.showcases.choices import ShowcaseKind, ShowcaseStatus

YEAR = 2026
IMPORT_URL = "kyanh_showcase_import:index"
HEADER = [
    "Tên mô hình, điển hình",
    "Loại",
    "Tổ chức cơ sở đảng",
    "Năm",
    "Người thực hiện",
    "Chức vụ",
    "Trạng thái",
    "Tóm tắt",
]
CLEAN_ROWS = [
    [
        "Tuyến phố văn minh",
        "Mô hình",
        "Đảng ủy phường Hưng Trí",
        "2026",
        "",
        "",
        "Đăng ký",
        "Giữ vỉa hè thông thoáng.",
    ],
    [
        "Ngư dân gương mẫu",
        "Điển hình",
        "Kỳ Hà",
        "2026",
        "Phan Văn Hùng",
        "Thuyền trưởng",
        "đang thực hiện",
        "",
    ],
    ["Dân vận khéo", "mô hình tập thể", "đảng ủy  phường kỳ phương", "", "", "", "", ""],
]


@pytest.fixture
def index(portal):
    home = PortalHomePage.objects.get(pk=portal.root_page_id)
    page = ShowcaseIndexPage(title="Mô hình, điển hình", slug="mo-hinh")
    home.add_child(instance=page)
    for name, short in [
        ("Đảng ủy phường Hưng Trí", "Hưng Trí"),
        ("Đảng ủy xã Kỳ Hà", "Kỳ Hà"),
        ("Đảng ủy phường Kỳ Phương", "Kỳ Phương"),
    ]:
        Organization.objects.create(name=name, short_name=short)
    return page


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.com", "matkhau")
    client.force_login(user)
    return user


def csv_bytes(rows, encoding="utf-8", delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    text = buffer.getvalue()
    return to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)


def to_cp1258(text):
    """Windows-1258 as Excel writes it: letters like ê precomposed, tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        marks = [m for m in decomposed[1:] if m in tones]
        letter = unicodedata.normalize(
            "NFC", decomposed[0] + "".join(m for m in decomposed[1:] if m not in tones)
        )
        out += (letter + "".join(marks)).encode("cp1258")
    return out


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, index, content, name="dang-ky.csv", year=YEAR):
    return client.post(
        reverse(IMPORT_URL),
        {
            "action": "preview",
            "year": year,
            "index_page": index.pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, index, preview_response, year=YEAR):
    return client.post(
        reverse(IMPORT_URL),
        {
            "action": "confirm",
            "year": year,
            "index_page": index.pk,
            "payload": preview_response.context["payload"],
        },
    )


def errors_of(response):
    return [(e.row, e.column, e.reason) for e in response.context["preview"].errors]


def test_a_bad_file_reports_every_problem_by_row_and_writes_nothing(client, editor, index):
    rows = [
        HEADER,
        CLEAN_ROWS[0],
        ["Mô hình lạ", "Mô hình", "Đảng ủy xã Không Có", "2026", "", "", "", ""],
        CLEAN_ROWS[0],  # the same row again
        ["Năm sai", "Mô hình", "Kỳ Hà", "hai nghìn", "", "", "", ""],
        ["Năm khác", "Mô hình", "Kỳ Hà", "2025", "", "", "", ""],
        ["Loại sai", "Phong trào", "Kỳ Hà", "2026", "", "", "", ""],
        ["Thiếu người", "Điển hình", "Kỳ Hà", "2026", "", "", "", ""],
    ]
    response = upload(client, index, csv_bytes(rows))
    assert response.status_code == 200
    assert errors_of(response) == [
        (
            3,
            "Tổ chức cơ sở đảng",
            "Không có tổ chức “Đảng ủy xã Không Có”; hãy thêm tổ chức này ở mục Tổ chức trước.",
        ),
        (4, "Tên mô hình, điển hình", "Trùng tổ chức và tên với dòng 2."),
        (5, "Năm", "“hai nghìn” không phải là năm hợp lệ."),
        (6, "Năm", "Năm 2025 khác với năm đang nhập (2026)."),
        (7, "Loại", "“Phong trào” không phải là loại hợp lệ; hãy ghi “Mô hình” hoặc “Điển hình”."),
        (8, "Người thực hiện", "Điển hình cá nhân phải có họ và tên người thực hiện."),
    ]
    html = response.content.decode()
    assert "Tệp có 6 lỗi. Chưa có dữ liệu nào được nhập" in html
    assert 'name="payload"' not in html  # no way to confirm a file with problems
    # Even a forged confirmation of this file writes nothing.
    assert confirm(client, index, response).status_code == 200
    assert ShowcasePage.objects.count() == 0


def test_a_clean_file_imports_every_row_once(client, editor, index):
    content = csv_bytes([HEADER, *CLEAN_ROWS])
    preview = upload(client, index, content)
    assert preview.context["preview"].errors == []
    assert preview.context["preview"].created_count == 3
    assert ShowcasePage.objects.count() == 0  # the preview writes nothing

    done = confirm(client, index, preview)
    assert done.status_code == 302
    pages = {p.title: p for p in ShowcasePage.objects.live().child_of(index)}
    assert set(pages) == {"Tuyến phố văn minh", "Ngư dân gương mẫu", "Dân vận khéo"}
    fisher = pages["Ngư dân gương mẫu"]
    assert fisher.kind == ShowcaseKind.INDIVIDUAL
    assert fisher.status == ShowcaseStatus.IN_PROGRESS
    assert fisher.organization.short_name == "Kỳ Hà"
    assert fisher.year == YEAR
    assert fisher.person_name == "Phan Văn Hùng"
    assert fisher.revisions.first().user == editor
    assert pages["Dân vận khéo"].status == ShowcaseStatus.REGISTERED
    assert pages["Tuyến phố văn minh"].slug == "tuyen-pho-van-minh"

    again = upload(client, index, content)
    assert again.context["preview"].unchanged_count == 3
    confirm(client, index, again)
    assert ShowcasePage.objects.count() == 3


def test_a_reimport_updates_status_and_keeps_what_empty_cells_leave_out(client, editor, index):
    confirm(client, index, upload(client, index, csv_bytes([HEADER, *CLEAN_ROWS])))
    changed = [
        HEADER,
        ["tuyến phố  văn minh", "Mô hình", "Hưng Trí", "2026", "", "", "Được biểu dương", ""],
    ]
    preview = upload(client, index, csv_bytes(changed))
    assert preview.context["preview"].updated_count == 1
    confirm(client, index, preview)
    page = ShowcasePage.objects.get(title="Tuyến phố văn minh")
    assert page.status == ShowcaseStatus.RECOGNIZED
    assert page.summary == "Giữ vỉa hè thông thoáng."
    assert ShowcasePage.objects.count() == 3


@pytest.mark.parametrize(
    "encoding, delimiter",
    [
        ("utf-8-sig", ","),
        ("utf-8", ","),
        ("utf-8", ";"),
        ("cp1258", ","),
        ("cp1258", ";"),
        ("utf-16", "\t"),
    ],
)
def test_csv_encodings_and_separators_excel_writes(client, editor, index, encoding, delimiter):
    preview = upload(client, index, csv_bytes([HEADER, *CLEAN_ROWS], encoding, delimiter))
    assert preview.context["preview"].errors == []
    titles = [row.values["title"] for row in preview.context["preview"].rows]
    assert titles == ["Tuyến phố văn minh", "Ngư dân gương mẫu", "Dân vận khéo"]
    assert all(unicodedata.is_normalized("NFC", t) for t in titles)


def test_unreadable_files_are_refused_with_a_clear_message(client, editor, index):
    unreadable = "Tên\n".encode() + b"\x81\x8d\x90\xff\xfe\n"
    response = upload(client, index, unreadable)
    assert response.context.get("preview") is None
    assert "không phải mã UTF-8 hay Windows-1258" in response.content.decode()

    old_excel = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    response = upload(client, index, old_excel, name="dang-ky.xls")
    assert "Không đọc được tệp Excel cũ (.xls)" in response.content.decode()

    response = upload(client, index, b"PK\x03\x04broken", name="dang-ky.xlsx")
    assert "Không mở được tệp Excel" in response.content.decode()

    response = upload(client, index, csv_bytes([["Tên", "Loại"], ["A", "Mô hình"]]))
    assert errors_of(response) == [(1, "Tổ chức cơ sở đảng", "Dòng tiêu đề thiếu cột này.")]
    assert ShowcasePage.objects.count() == 0


def test_an_excel_file_imports_with_numeric_years(client, editor, index):
    rows = [HEADER, *[[*row[:3], 2026 if row[3] else None, *row[4:]] for row in CLEAN_ROWS]]
    preview = upload(client, index, xlsx_bytes(rows), name="dang-ky.xlsx")
    assert preview.context["preview"].errors == []
    confirm(client, index, preview)
    assert ShowcasePage.objects.count() == 3


def test_a_tampered_confirmation_is_refused(client, editor, index):
    response = client.post(
        reverse(IMPORT_URL),
        {"action": "confirm", "year": YEAR, "index_page": index.pk, "payload": "giả mạo"},
    )
    assert "Bản xem trước đã hết hạn hoặc bị thay đổi" in response.content.decode()
    assert ShowcasePage.objects.count() == 0


def test_people_who_cannot_publish_showcases_cannot_import(client, index):
    user = get_user_model().objects.create_user("khach", password="matkhau")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse(IMPORT_URL)).status_code in (302, 403)


def _export(client, fmt):
    return client.get(reverse("kyanh_showcases:index"), {"export": fmt, "year": YEAR})


def test_exports_neutralise_formulas_and_can_be_imported_back(client, editor, index):
    organization = Organization.objects.get(short_name="Kỳ Hà")
    for title, summary in [
        ('=HYPERLINK("http://x")', "+84 912"),
        ("@SUM(A1)", "-1+2"),
        ("Mô hình bình thường", "Tóm tắt"),
    ]:
        page = ShowcasePage(title=title, organization=organization, year=YEAR, summary=summary)
        index.add_child(instance=page)

    response = _export(client, "csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:8] == HEADER
    cells = {cell for row in rows[1:] for cell in row}
    assert {'\'=HYPERLINK("http://x")', "'+84 912", "'@SUM(A1)", "'-1+2"} <= cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)

    response = _export(client, "xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in values)
    # Shown as typed, marked as text the way Excel marks a cell typed with a leading '.
    formula_like = [cell for cell in values if cell.value == '=HYPERLINK("http://x")']
    assert formula_like and all(cell.quotePrefix for cell in formula_like)

    # The exported file is a valid import file: everything is unchanged.
    exported = b"".join(_export(client, "csv").streaming_content)
    preview = upload(client, index, exported)
    assert preview.context["preview"].errors == []
    assert preview.context["preview"].unchanged_count == 3


def test_read_table_keeps_text_clean():
    assert showcase_import.clean_cell(2026.0) == "2026"
    assert showcase_import.clean_cell("  '=A1 ") == "=A1"
    decomposed = unicodedata.normalize("NFD", "Kỳ Hà")
    assert showcase_import.clean_cell(decomposed) == "Kỳ Hà"
